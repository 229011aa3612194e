"""Demo facts for funding: one project construction cooperation agreement per approved
pilot project. Plain data, no Django.

From the seed: batch one's seven projects were approved for RMB 59.5 million in all and
received "nearly RMB 30 million" at first; here the first tranches of batch one add up to
exactly RMB 29.15 million (the figure the office quotes), batch two's to about half its
approved total, the same way. Batch two's agreements were signed at the end of 2023.
Baoshan was the first district in Shanghai to combine allocation and investment
(拨投结合) with the National Innovation Center par Excellence (NICE): two batch-two
agreements here use that instrument, with an invented grant part.

Invented: each first tranche, the split of the rest between the two milestone tranches,
which milestones have been verified, the treasury payment references, the terms (a
qualifying round brings at least RMB 5 million of new money and a market investor; the
district's stake at most 25 % and never the largest holder; conversion at the round's
price, no discount, no cap, as the pilots practise "at market price") and the amendment.
"""

# Key: the approving declaration's organisation key (data.py). first: the first tranche,
# released on signing (yuan); grant: the grant part of allocation plus investment;
# verified: how many of the declaration's two milestones have been verified (each
# releases and pays the next tranche).
#
# Every milestone the story treats as reached is verified, on the day in VERIFIED_ON or
# else VERIFIED_DAYS_AFTER_DUE days after it fell due. Two are genuinely overdue and stay
# on the manager's desk, both batch two's second milestones (due 2025-09-29):
# - nadi-bio, "提交临床试验申请（IND）": at the pre-IND meeting the drug evaluation centre
#   asked for long-term toxicology in a non-rodent species; the GLP laboratory's schedule
#   pushed the preclinical work back about six months, the reason of the one approved
#   extension (data_checks.EXTENSION). Its first milestone (pharmacology and standard
#   toxicology reports) was reached on time. Cash is short too (the runway alert).
# - gutai-energy, "产品通过下游客户验证": the pilot line was built on time, but the cell
#   makers' validation of the solid electrolyte (cycle-life tests on sample cells) runs
#   past the due date; the A-round investors the broker is matching wait for it
#   (data_care.BROKER_ITEM). Both mid-term checks are scheduled to hear these delays.
BATCH_ONE_FUNDING = {
    "heyuan-bio": {"first": "4800000", "verified": 2},
    "tianyu": {"first": "4750000", "verified": 2},
    "tongxingou": {"first": "4500000", "verified": 2},
    "bianxin": {"first": "4000000", "verified": 2},
    "jingce-dx": {"first": "4000000", "verified": 2},
    "gangxun-robot": {"first": "3600000", "verified": 2},
    "jiekong": {"first": "3500000", "verified": 2},
}
BATCH_ONE_FIRST_TRANCHES = "29150000"

BATCH_TWO_FUNDING = {
    "shengguang": {"first": "3500000", "grant": "2100000", "verified": 2},
    "meizhi": {"first": "3250000", "verified": 2},
    "meixin-stent": {"first": "3000000", "verified": 2},
    "tanhui": {"first": "2750000", "verified": 2},
    "gaomo-fibre": {"first": "2500000", "grant": "1500000", "verified": 2},
    "nadi-bio": {"first": "2500000", "verified": 1},
    "panbi-robot": {"first": "2250000", "verified": 2},
    "gutai-energy": {"first": "2000000", "verified": 1},
    "gangshu": {"first": "1500000", "verified": 2},
}
OVERDUE_MILESTONES = {"nadi-bio": "提交临床试验申请（IND）", "gutai-energy": "产品通过下游客户验证"}

# Milestones reached late, as batch one's mid-term checks found them (data_checks.MIDTERM):
# organisation key → {milestone number: (day verified, what the evidence adds)}.
VERIFIED_ON = {
    # The mid-term check (2024-12-03) asked for the IND to be filed in the first half of 2025.
    "heyuan-bio": {2: ("2025-05-20", "已按中期检查要求于2025年上半年提交IND并获受理。")},
    # At the mid-term check (2024-12-12) small-batch supply was still in customer onboarding.
    "bianxin": {2: ("2025-04-22", "中期检查后完成客户导入，两家客户小批量订单已交付。")},
    # The rectified company: samples went out with the rectification (2025-02), the
    # customers' three-month validation followed.
    "jiekong": {2: ("2025-06-10", "整改后送样的两家VOCs治理工程公司均已出具验证合格报告。")},
}

# Dates (local), per batch: drafted, signed (both sides the same day), the first tranche
# requested and paid, the task period; then how many days after a milestone falls due
# it is verified.
BATCH_DATES = {
    "invest-first-1": {
        "drafted": "2022-12-26 10:00",
        "signed": "2023-01-06 10:00",
        "requested": "2023-01-09 10:00",
        "paid": "2023-01-13 15:00",
        "start": "2023-01-01",
        "end": "2026-12-31",
        "deadline": "2027-12-31",
    },
    "invest-first-2": {
        "drafted": "2023-12-19 10:00",
        "signed": "2023-12-28 10:00",
        "requested": "2024-01-08 10:00",
        "paid": "2024-01-12 15:00",
        "start": "2024-01-01",
        "end": "2027-12-31",
        "deadline": "2028-12-31",
    },
}
VERIFIED_DAYS_AFTER_DUE = 32

# The convertible terms every pilot agreement carries (see wusong/funding/terms.py).
TERMS = {
    "fallback": "write_off",
    "min_new_money": "5000000.00",
    "require_market_investor": True,
    "max_stake_percent": "25",
    "never_largest_holder": True,
    "residual_treatment": "repay",
}

KEY_TASKS = {
    "biomedicine": ("clinical_trial", "完成临床前研究并启动临床试验"),
    "medical-devices": ("clinical_trial", "完成型式检验与临床试验"),
    "robotics": ("prototype", "工程样机研制与现场示范"),
    "new-it": ("prototype", "样品（芯片）研制与小批量试产"),
    "new-materials": ("pilot_line", "中试线建设与客户验证"),
    "advanced-materials": ("pilot_line", "示范线建设"),
    "synthetic-biology": ("pilot_line", "发酵示范线建设"),
    "carbon-neutrality": ("pilot_line", "示范装置建设与运行"),
    "digital-economy": ("market", "平台上线与付费客户导入"),
}

EVIDENCE = "{deliverable}已提交，经项目经理现场核查与专家函审，确认里程碑“{title}”达成。"
FIRST_PURPOSE = "首期项目资金：签约后按协议拨付"
NEXT_PURPOSE = "第{seq}期项目资金：里程碑“{title}”已核验"

# One amendment: the clinical validation of batch one's liquid-biopsy kit ran late.
AMENDMENT = {
    "org": "jingce-dx",
    "at": "2025-04-18 11:00",
    "end": "2027-06-30",
    "reason": "合作医院伦理审查排期推迟，多中心临床验证入组进度滞后约六个月；"
    "经双方协商一致，项目任务期延长至2027年6月30日，资金总额与拨付安排不变。",
}

# The share-holding stage (the seed: Shanghai Tongxingou Technology and Shanghai Tianyu
# Guanglian Communication Technology "are among the first batch of projects to enter the
# share holding process, and have taken the lead in launching market-oriented
# financing"). Both are limited liability companies, so units are yuan of registered
# capital. Invented: the cap tables, the rounds, their prices and investors (placeholders
# marked 演示). Each round closes after the company's last tranche was paid, so the whole
# amount paid converts at the round's price.
EQUITY = {
    "tongxingou": {
        "form": "llc",
        "units": "10000000",
        "formation_date": "2021-03-18",
        "lines": [
            ("陈某（创始人）", "6000000"),
            ("林某某（联合创始人）", "2000000"),
            ("上海通星鸥企业管理合伙企业（有限合伙）（员工持股平台，演示）", "2000000"),
        ],
        "round": {
            "name": "A轮",
            "date": "2024-09-26",
            "pre_money_valuation": "180000000",
            "investors": [("某某智能制造创业投资基金（演示）", "30000000")],
        },
    },
    "tianyu": {
        "form": "llc",
        "units": "5000000",
        "formation_date": "2020-11-05",
        "lines": [
            ("王某（创始人）", "3250000"),
            ("李某某（技术合伙人）", "1000000"),
            ("上海天宇光联企业管理合伙企业（有限合伙）（员工持股平台，演示）", "750000"),
        ],
        "round": {
            "name": "Pre-A轮",
            "date": "2024-12-20",
            "pre_money_valuation": "125000000",
            "investors": [
                ("某某光电产业基金（演示）", "20000000"),
                ("某某天使投资（演示）", "5000000"),
            ],
        },
    },
}
