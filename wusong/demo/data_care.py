"""Demo facts for post-investment care. Plain data, no Django.

From the seed: Shanghai Baoshan Technology Transfer Co., Ltd. evaluates each incubated
project's business, team, compliance, marketing and capital ("five-dimensional project
management system"), shores up the weak links in a targeted manner (business plans,
matchmaking of resources), and keeps following projects that were shortlisted as
candidates but not approved.

Invented: every score, date, report figure, contact and note; the investors named in
matchmaking are placeholders (某某创投（演示）).
"""

DIMENSION_INDICATORS = {
    "business": ("business-model", "product-maturity", "business-plan"),
    "team": ("core-team", "founder-commitment", "incentives"),
    "compliance": ("registration-equity", "ip-ownership", "litigation-credit", "audited-accounts"),
    "marketing": ("target-market", "channels", "reference-customers"),
    "capital": ("runway", "financing-pipeline", "investor-interest"),
}

# Manager's assessments per batch: yearly from mid-2024 (batch one) and mid-2025 (batch
# two), then each project's latest one LATEST_ASSESSED_DAYS_AGO days before the load day,
# so that the half-yearly rule (portfolio.selectors.attention.ASSESS_EVERY_DAYS, 183 days) holds
# for all but three projects, whose assessment fell due in the last weeks and shows on
# the manager's desk. A self-assessment, where filed, comes SELF_DAYS_BEFORE days
# earlier. Projects at an even position file self-assessments.
ASSESSMENT_DATES = {
    "invest-first-1": ("2024-06-18", "2025-06-17"),
    "invest-first-2": ("2025-06-24",),
}
LATEST_ASSESSED_DAYS_AGO = {
    "heyuan-bio": 21,
    "tianyu": 64,
    "tongxingou": 198,  # due
    "bianxin": 42,
    "jingce-dx": 191,  # due
    "gangxun-robot": 35,
    "jiekong": 118,
    "shengguang": 27,
    "meizhi": 56,
    "meixin-stent": 207,  # due
    "tanhui": 84,
    "gaomo-fibre": 139,
    "nadi-bio": 14,
    "panbi-robot": 101,
    "gutai-energy": 49,
    "gangshu": 76,
}
ASSESSMENT_DUE = ("tongxingou", "jingce-dx", "meixin-stent")
SELF_DAYS_BEFORE = 7

# The weak link shown closed: batch one's edge-gateway chip company had a weak business
# dimension at its first assessment (no investor-ready business plan, revenue model
# untested); the demo mentor revised the business plan with it (the mid-term check of
# December 2024 notes the revision), and the next assessment found the business
# dimension above the threshold.
WEAK_LINK = {
    "org": "bianxin",
    "assessment": 0,  # index into the project's assessments: the first one
    "weak_scores": {"business-model": 2, "product-maturity": 3, "business-plan": 1},
    "after_scores": {"business-model": 4, "product-maturity": 4, "business-plan": 5},
    "title": "商业计划书重写：收入模式、客户验证与融资计划",
    "due_days": 90,
    "started_days": 8,
    "logs": [
        (15, "6", "梳理收入模式与定价，访谈两家潜在客户，确定先行切入的钢铁与汽车零部件场景。"),
        (38, "8", "完成商业计划书第二版：市场规模测算、客户验证数据、三年财务预测与融资计划。"),
        (61, "3", "组织模拟路演，根据投资人视角修订估值与资金用途章节，形成投资人版本。"),
    ],
    "completed_days": 70,
    "outcome": "商业计划书（投资人版）定稿，已用于A轮融资沟通；收入模式经两家付费试点客户验证。",
    "rating": (5, "响应及时，商业计划书修订质量高。"),
}

# A live item on the demo broker's desk: financing matchmaking with named investors.
BROKER_ITEM = {
    "org": "gutai-energy",
    "title": "融资对接：固态电解质中试后A轮",
    "counterparts": "某某创投（演示）\n某某产业基金（演示）\n某某储能产业链投资方（演示）",
    "created_days_ago": 20,
    "due_in_days": 40,
    "log": (6, "4", "向两家投资机构推送项目材料，安排一家机构现场考察中试线。"),
}

# Company reports: quarters are filed from REPORTS_QUARTERS quarters before the current
# one. One company leaves the latest quarter unfiled (the chase finds it); one reports
# cash for under six months (an alert reaches the manager).
REPORTS_QUARTERS = 3
REPORT_MISSING_ORG = "gangshu"
REPORT_RUNWAY_ORG = "nadi-bio"
REPORT_RISKS = "暂无重大风险。"
RUNWAY_RISK = "临床前研究支出集中，A轮融资尚在尽调，现金仅够约四个月运营。"

# The candidates followed: (call code, organisation key). The first batch-two candidate
# with no batch-three declaration yet is invited into batch three.
CANDIDATES_FROM = {
    "invest-first-1": ("zhiwang",),
    "invest-first-2": None,  # every batch-two candidate
}
INVITED_ORG = "hechuang-bio"
CANDIDATE_NOTES = [
    ("call", 300, "电话回访：项目进展与融资情况，告知下一批申报安排。"),
    ("visit", 200, "现场走访：查看中试（示范）条件，了解团队补强计划。"),
    ("service_offered", 120, "提供服务：推荐对接园区载体与一家产业投资机构。"),
]
