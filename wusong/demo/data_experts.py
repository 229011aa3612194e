"""Demo facts for expert review. Plain data, no Django.

Every expert here is invented, and plainly so: the names are placeholders of the form
陈某甲 (a surname, 某, a cyclic character), which no applicant team member carries, and
the phone numbers (1390000xxxx) and e-mail addresses (@example.com) are reserved-looking
inventions. Their organisations are the universities, institutes and hospitals the seed
names; their disciplines follow the seed's industries. The demo `expert` account (李四)
joins the pool as a hydrogen and electrochemistry expert, so it has a batch-three
declaration on its desk.
"""

STEMS = "甲乙丙丁戊己庚辛壬癸"

# (surname, organisation key, title, disciplines, keywords, profile)
EXPERTS = [
    ("陈", "fudan", "教授", "药学、药物化学", "抗体偶联药物, 靶向治疗, 临床前研究",
     "长期从事抗肿瘤药物研究，主持多项新药临床前研究。"),
    ("林", "wusong-hospital", "主任医师", "肿瘤学、临床医学", "肿瘤早筛, 液体活检, 临床试验",
     "从事肿瘤临床诊疗与多中心临床研究。"),
    ("王", "fudan", "研究员", "生物医药、基因治疗", "mRNA, 递送系统, 罕见病",
     "研究核酸药物与脂质纳米递送。"),
    ("黄", "synbio-center", "研究员", "合成生物学、代谢工程", "细胞工厂, 发酵, 天然产物",
     "从事微生物底盘细胞构建与发酵放大。"),
    ("周", "synbio-center", "高级工程师", "生物化工、酶工程", "酶工程, 定向进化, 工业酶",
     "从事工业酶开发与发酵工艺产业化。"),
    ("吴", "shu", "教授", "机械工程、机器人", "协作机器人, 力控, 精密装配",
     "研究机器人力控制与智能装配。"),
    ("徐", "shu", "教授", "控制科学、智能制造", "巡检机器人, 工业视觉, 数字孪生",
     "从事工业机器人与智能产线研究。"),
    ("孙", "tongji", "教授", "机械电子、特种机器人", "爬壁机器人, 无损检测, 智能建造",
     "研究特种作业机器人与检测装备。"),
    ("胡", "tongji", "教授", "信息与通信工程", "光通信, 相干光模块, 光互连",
     "从事高速光通信系统研究。"),
    ("朱", "fudan", "教授", "微电子学、集成电路设计", "芯片, 边缘计算, AI加速",
     "研究低功耗集成电路与边缘智能芯片。"),
    ("高", "shu", "研究员", "电子封装、半导体装备", "先进封装, 键合, 半导体装备",
     "从事先进封装工艺与装备研发。"),
    ("何", "wusong-lab", "研究员", "材料科学、介孔材料", "介孔材料, 吸附剂, 催化",
     "从事功能介孔材料制备与应用。"),
    ("郭", "wusong-lab", "研究员", "电化学、储能材料", "固态电解质, 水系电池, 储能",
     "研究高效储能材料与安全电池。"),
    ("马", "baowu-carbon", "教授级高级工程师", "碳纤维、复合材料", "碳纤维, 原丝, 预氧化",
     "从事碳纤维及碳/碳复合材料工程化。"),
    ("罗", "baowu-central", "教授级高级工程师", "冶金工程、低碳冶金", "钢渣, 矿化, CCUS",
     "研究钢铁固废资源化与二氧化碳利用。"),
    ("梁", "sspu", "教授", "环境工程、碳中和", "碳排放, 电池回收, 低碳技术",
     "从事碳中和技术与循环利用研究。"),
    ("宋", "tongji", "教授", "能源与动力工程、氢能", "绿氢, 电解水, 燃料电池",
     "研究电解水制氢与氢能装备。"),
    ("郑", "wusong-hospital", "主任医师", "医学影像、放射学", "医学影像, 人工智能, 肺结节",
     "从事医学影像诊断与人工智能辅助诊断研究。"),
    ("谢", "shu", "教授", "生物医学工程、医疗器械", "可降解支架, 植介入器械, 镁合金",
     "研究可降解金属植入器械。"),
    ("韩", "fosun-dx", "高级工程师", "体外诊断、检验医学", "化学发光, 即时检测, 检验自动化",
     "从事体外诊断试剂与仪器开发。"),
    ("唐", "eastern-ttc", "研究员", "技术经济与管理、技术转移", "成果转化, 知识产权, 商业模式",
     "从事科技成果评估与技术转移服务。"),
    ("冯", "bs-development", "高级经济师", "投资管理、金融", "股权投资, 估值, 融资",
     "从事早期科技项目投资与投后管理。"),
    ("于", "fudan", "教授", "管理科学、创业管理", "商业模式, 团队, 市场",
     "研究科技型初创企业成长与商业化。"),
    ("董", "tongji", "教授", "计算机科学、数据科学", "隐私计算, 数据要素, 数据空间",
     "研究可信数据流通与隐私计算。"),
    ("萧", "nice", "研究员", "产业经济、数字经济", "钢铁电商, 供应链金融, 数字化转型",
     "研究数字经济与产业互联网。"),
    ("程", "shu-wusong-institute", "研究员", "材料计算、人工智能材料", "材料设计, AI, 石墨烯",
     "从事人工智能辅助材料研发。"),
    ("曹", "sspu", "副教授", "机械工程、增材制造", "增材制造, 激光, 装备",
     "研究金属增材制造工艺与装备。"),
    ("袁", "nice", "高级工程师", "航空材料、复合材料成型", "复合材料, 无人机, 一体化成型",
     "从事热塑性复合材料成型工艺。"),
    ("邓", "baowu-carbon", "高级工程师", "新能源材料、氢能装备", "电极材料, 电解槽, 氢能",
     "从事碱性电解水制氢电极与装备研发。"),
]  # fmt: skip

# The demo `expert` account's pool record (its account is data.ACCOUNTS' expert).
DEMO_EXPERT = {
    "organisation": "nice",
    "title": "教授级高级工程师",
    "disciplines": "能源与动力工程、电化学、氢能",
    "keywords": "电解水制氢, 电极材料, 储能, 碳中和",
    "profile": "长期从事电化学能源装备研发与产业化评估。",
    "phone": "13900000000",
    "email": "lisi.expert@example.com",
    "load_limit": 20,
}

# Batch three's online review round: its settings, in days from the load day.
ROUND = {
    "name": "“先投后股”试点第三批 网络评审（第一轮）",
    "reviewers_per_declaration": 5,
    "load_limit": 8,
    "one_per_organisation": True,
    "created_days_ago": 5,
    "published_days_ago": 4,
    "deadline_in_days": 21,
}

# Score sheets submitted so far in batch three's round: (criterion percent of the range
# above the minimum, recommendation, comment). Two experts have submitted, one has a
# draft; the demo expert and one more have not started.
SHEETS = [
    (0.82, "fund", "电极材料性能数据扎实，示范线规划清晰；建议关注电解槽可靠性验证。"),
    (0.74, "fund", "技术路线可行，团队产业化经验较好；商业化节奏需细化。"),
    (0.65, "candidate", "（草稿）市场测算偏乐观，待补充客户意向。"),
]

# The review fee recorded for each member present at a review meeting (yuan).
MEETING_FEE = "1500"

# Batch one's review meetings (the seed: "13 review and discussion conferences attended
# by industry experts"): the passed declarations are split over them by industry, five
# experts sit on each, and each present member is paid a fee. Dates are invented.
MEETINGS = {
    "invest-first-1": {
        "count": 13,
        "first": "2022-11-01 14:00",
        "every_days": 3,
        "place": "宝山区科技创新服务中心 第二会议室（演示）",
        "title": "“先投后股”试点第一批 行业专家评审论证会（第{n}场）",
    },
}
PANEL_SIZE = 5
# Experts (1-based positions in EXPERTS) by the industry they review; the generalists
# (technology transfer, investment, start-up management) fill the panels.
INDUSTRY_EXPERTS = {
    "biomedicine": (1, 3, 2),
    "medical-devices": (19, 18, 20),
    "robotics": (6, 7, 8, 27),
    "new-it": (9, 10, 11, 24),
    "new-materials": (12, 13, 26),
    "advanced-materials": (14, 28, 13),
    "synthetic-biology": (4, 5),
    "carbon-neutrality": (15, 16, 17, 29),
    "digital-economy": (24, 25),
}
GENERALISTS = (21, 22, 23)
CONCLUSIONS = {
    "approve": "建议列入拟支持名单。",
    "candidate": "建议列入候选项目库，持续跟踪。",
    "reject": "综合评议未达拟支持标准。",
}
NOTES = "项目负责人汇报{minutes}分钟，专家质询技术路线、知识产权、团队与融资计划。"
