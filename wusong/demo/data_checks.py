"""Demo facts for the checks under an agreement: batch one's mid-term checks, batch two's
under way, one final acceptance about to sit and the rest of batch one's scheduled, one
extension and the manager's ratings of those who serve the projects. Plain data, no
Django.

From the seed: the funded projects are followed after investment, and the
post-investment care includes "mid-term inspection and acceptance"; a project that
falls behind is asked to rectify. Invented: every date, finding, score, comment,
rectification and rating; the testing laboratory is unnamed.

Every batch-one agreement (task period 2023-01-01 to 2026-12-31) had its mid-term
check around the middle of the period, before an expert panel of PANEL_SIZE drawn from
the pool (experts with a conflict are left out of the draw). All passed but the
mesoporous-adsorbent company's, whose customer validation lagged: it was asked to
rectify, filed its rectification (a third-party test report and a sampling plan, with
the demo mentor's help and a service agency's introduction to a laboratory) and passed
at the second sitting.
"""

# Checks are scheduled SCHEDULED_DAYS_BEFORE days before the sitting, the panel is drawn
# PANEL_DAYS_BEFORE days before it; members submit their sheets on the day and the
# officer records the outcome that afternoon.
PANEL_SIZE = 5
DRAW_SEED = 20241118
SCHEDULED_DAYS_BEFORE = 28
PANEL_DAYS_BEFORE = 10

# Mid-term checks of batch one: organisation key → (sitting date, outcome, findings).
MIDTERM = {
    "heyuan-bio": (
        "2024-12-03",
        "pass",
        "临床前药效与安全性评价已完成，GMP中试放大工艺稳定；IND申报资料正在准备，"
        "资金使用规范。同意通过中期检查，请于2025年上半年完成IND提交。",
    ),
    "tianyu": (
        "2024-12-05",
        "pass",
        "400G相干光通信模块样品已通过客户测试并实现小批量供货，考核指标全部达到；"
        "Pre-A轮融资已进入尽调阶段。同意通过中期检查。",
    ),
    "tongxingou": (
        "2024-12-10",
        "pass",
        "力控系统工程样机研制与用户现场示范应用均已完成，A轮融资已于2024年9月完成交割；"
        "资金专款专用。同意通过中期检查。",
    ),
    "bianxin": (
        "2024-12-12",
        "pass",
        "边缘网关芯片已完成流片，样片功能测试通过；商业计划书经导师辅导完成修订。"
        "小批量供货尚在客户导入阶段，同意通过中期检查，请加快客户验证。",
    ),
    "jingce-dx": (
        "2024-12-17",
        "pass",
        "试剂盒分析性能验证已完成；多中心临床验证入组进度偏慢，请尽快落实合作医院"
        "伦理审查排期。同意通过中期检查。",
    ),
    "gangxun-robot": (
        "2024-12-19",
        "pass",
        "耐高温巡检机器人工程样机与炼钢、连铸现场示范应用均已完成，技术指标达到协议要求；"
        "资金使用规范。同意通过中期检查。",
    ),
    "jiekong": (
        "2024-12-24",
        "rectify",
        "百吨级中试线已建成，但中试产品批次一致性数据不足，下游客户验证进度滞后于协议计划"
        "约半年。请在三个月内补充第三方检测报告（比表面积、孔径分布、动态吸附容量），"
        "并提交下游客户验证送样计划。",
    ),
}

# Mid-term checks of batch two (task period 2024-01-01 to 2027-12-31, the mRNA-delivery
# company's extended to 2028-06-30), heard around the load day, the latest first
# half-way through. Four sat before drawn panels in the last weeks and passed:
# organisation key → (days before the load day, findings).
MIDTERM_TWO_DECIDED = {
    "shengguang": (
        47,
        "声光辅助键合装备样机已在封测产线完成工艺验证并实现小批量供货，两项里程碑均已核验；"
        "拨投结合资金使用规范。同意通过中期检查，请推进量产机型定型。",
    ),
    "meizhi": (
        33,
        "工业酶定向进化与高效表达平台运行稳定，发酵示范生产线已建成并完成试生产，"
        "饲料用酶产品进入客户试用。同意通过中期检查。",
    ),
    "tanhui": (
        19,
        "万吨级钢渣矿化固碳示范装置连续稳定运行，第三方运行检测报告显示固碳量与建材产品"
        "指标达到协议要求。同意通过中期检查，请加快建材产品市场推广。",
    ),
    "panbi-robot": (
        5,
        "磁吸附爬壁检测机器人已在储罐与船体检测现场完成示范应用，超声测厚精度达到协议指标；"
        "资金使用规范。同意通过中期检查，请拓展船厂客户。",
    ),
}
# Three more are scheduled ahead (days after the load day), two of them to hear the
# overdue milestones (data_funding.OVERDUE_MILESTONES); the officer scheduled them
# MIDTERM_TWO_SCHEDULED_DAYS_AGO days before the load day.
MIDTERM_TWO_AHEAD = {"meixin-stent": 9, "nadi-bio": 16, "gutai-energy": 23}
MIDTERM_TWO_SCHEDULED_DAYS_AGO = 12
# Not yet scheduled, and shown on the manager's desk: the price-platform company, whose
# latest quarterly report is missing and being chased (data_care.REPORT_MISSING_ORG),
# and the carbon-fibre company, whose check the officer has not arranged yet.
MIDTERM_TWO_UNSCHEDULED = ("gangshu", "gaomo-fibre")

# The panel's recommendations, member by member, at each sitting (the chair first).
RECOMMENDATIONS = {
    "pass": ("pass", "pass", "pass", "pass", "pass"),
    "rectify": ("rectify", "rectify", "pass", "rectify", "rectify"),
}
# The level each criterion is scored around (0–10), by recommendation.
LEVELS = {"pass": 8.2, "rectify": 6.1, "fail": 4.0}
COMMENTS = {
    "pass": (
        "阶段任务按期完成，考核指标达到协议要求。",
        "资金使用规范，建议加快商业化进度。",
        "技术路线清晰，团队稳定，同意通过。",
        "建议补强市场与销售团队。",
        "阶段成果扎实，请按计划推进后续里程碑。",
    ),
    "rectify": (
        "中试产品批次一致性数据不足，需补充第三方检测报告。",
        "下游客户验证进度滞后，请提交送样计划。",
        "中试线建设完成，可在补充检测数据后通过。",
        "客户验证尚未启动，整改后再议。",
        "检测数据不完整，建议限期整改。",
    ),
}

# The rectified check: what the company filed, with whose help, and the second sitting.
RECTIFIED = {
    "org": "jiekong",
    "mentor_assigned_days": 3,  # after the decision
    "mentor_logs": [
        (
            15,
            "market",
            "3",
            "梳理下游客户验证路径，确定两家VOCs治理工程公司为首批送样对象，制订送样计划。",
        ),
        (48, "market", "4", "陪同企业与客户技术部门沟通验证指标，形成客户验证方案并签署验证协议。"),
    ],
    "agency": "eastern-ttc",
    "filed_days": 58,  # after the decision, within the three months allowed
    "rectification": "已委托具备CMA资质的第三方检测机构完成连续三批次中试产品检测，出具检测报告"
    "（比表面积、孔径分布、动态吸附容量均达到协议指标，批次间偏差小于5%）；"
    "与两家VOCs治理工程公司签署产品验证协议，已完成首批送样，验证周期三个月。",
    "second_sitting_days": 72,  # after the decision
    "second_findings": "整改材料齐全：第三方检测报告显示三批次产品一致性满足协议指标，"
    "两家下游客户已签署验证协议并完成送样。同意通过中期检查。",
    "ratings_days": 76,  # after the decision
}

# The final acceptance about to sit (in ACCEPTANCE_IN_DAYS days from the load day),
# early: both milestones verified and every tranche paid. Its panel is drawn and most
# members have submitted their sheets; nothing is decided yet.
ACCEPTANCE_ORG = "gangxun-robot"
ACCEPTANCE = {
    "scheduled_days_ago": 30,
    "panel_days_ago": 21,
    "in_days": 12,
    # Days before the load day on which members submit, in panel order; the remaining
    # members have not scored yet.
    "submitted_days_ago": (9, 7, 5, 2),
    "level": 8.6,
    "meeting": {
        "title": "第一批先投后股项目验收评审会（钢巡智能）",
        "at": (14, 0),
        "place": "宝山区科委三楼会议室",
    },
    "comments": (
        "合同任务全部完成，现场示范运行稳定，建议通过验收。",
        "技术指标达到或超过协议要求，已形成首批订单。",
        "资金使用规范，审计报告无保留意见。",
        "建议验收后继续跟踪市场化融资进展。",
    ),
}

# The other final acceptances of batch one, whose task periods end on 2026-12-31:
# scheduled a few weeks after the end (days after the later of the end and the load day),
# each by the officer ACCEPTANCES_SCHEDULED_DAYS_AGO days before the load day; no panel
# is drawn yet. One is not scheduled: the mesoporous-adsorbent company's special audit
# of the project funds is still under way, and the officer sets the date once the audit
# report is in; it shows on the manager's desk as a task period ending with no
# acceptance scheduled.
ACCEPTANCES_AFTER_END_DAYS = {"tianyu": 14, "tongxingou": 21, "heyuan-bio": 28, "bianxin": 35}
ACCEPTANCES_SCHEDULED_DAYS_AGO = 6
ACCEPTANCE_UNSCHEDULED = "jiekong"

# The one extension: batch two's mRNA-delivery company, whose preclinical animal studies
# ran long, asked (before its 2027-12-31 end) to extend to mid-2028; the officer approved.
EXTENSION = {
    "org": "nadi-bio",
    "requested": "2025-07-14 10:00",
    "decided": "2025-07-28 15:00",
    "new_end": "2028-06-30",
    "reason": "临床前动物实验周期延长：按药审中心沟通交流意见，长期毒理试验增加非啮齿类动物"
    "试验，GLP实验室排期顺延，临床前研究预计推迟约六个月完成。申请将项目任务期延长至"
    "2028年6月30日，资金总额与拨付安排不变。",
    "note": "已核实GLP实验室排期证明与药审中心沟通记录，同意延期。",
}

# The manager's ratings of the demo broker (on the project whose financing matchmaking
# it carries) besides the mentor's and the agency's above: (organisation key, who,
# stars, comment, days before the load day).
RATINGS = [
    ("gutai-energy", "broker", 4, "投资机构对接积极，材料推送及时；尽调跟进可再加快。", 2),
]
RECTIFIED_RATINGS = [
    ("mentor", 5, "客户验证路径梳理清晰，送样计划落地快。"),
    ("agency", 4, "对接第三方检测机构高效，检测报告按期出具。"),
]
