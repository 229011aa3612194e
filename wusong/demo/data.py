"""The Baoshan demo data, as plain Python data: no Django here.

Sources and what is invented:

- The facts come from the seed article "Baoshan Drives Regional Transformation with
  Sci-Tech Innovation" (Shanghai Baoshan, 2024-06-11): the industries, the "one bay, two
  poles, five parks" layout, the organisations it names, the programmes, and the figures
  of the "investment first, shares later" (先投后股) pilot — batch one (August 2022, 48
  declared, 13 expert review meetings, 7 approved in biomedicine, robotics and
  intelligent manufacturing, new-generation IT and new materials) and batch two (end of
  2023, more than 70 declared, 9 approved, two of them named); 16 approved from nearly
  120 declared in all, with more than RMB 100 million of support.
- **Every unified social credit code here is invented** (a valid check character, an
  organisation-code part starting "WU" that no real registration uses); none is the real
  code of the organisation it is attached to.
- Where the seed gives only an English name, the Chinese name is our rendering, not a
  verified registered name (e.g. 上海通星鸥科技有限公司 for Shanghai Tongxingou
  Technology Co., Ltd.; 泰州泽岑生物技术有限公司 for Taizhou Zecen Biotech Co., Ltd.).
- The seed does not give the approved amounts per project: they are chosen so that batch
  one sums to exactly RMB 59,500,000 and both batches to more than RMB 100 million.
- Project titles, summaries, amounts and team members are invented, except the two
  batch-two project titles the seed names. The projects attached to Shanghai Tongxingou
  and Shanghai Tianyu Guanglian are placeholders: the seed names the companies, not what
  they declared.
- Organisations the seed does not name are invented and carry ``fictional=True``.
- People are invented and plainly so: anonymised names in the form 陈某 / 陈某某, and the
  demo accounts use the Chinese placeholder names 张三, 李四, 王五 ….
- Where the seed does not say which zone a park belongs to (the T3 Sci-tech Innovation
  Block, Baoshan High-tech Industrial Park), the placement is a demo choice.
"""

from wusong.kernels.codes import uscc_check_char


def invented_uscc(prefix: str, serial: int) -> str:
    """An invented unified social credit code: the 8-character registration prefix
    (authority, kind, administrative division), "WU", a 7-digit serial, the check character."""
    first17 = f"{prefix}WU{serial:07d}"
    return first17 + uscc_check_char(first17)


# ---------------------------------------------------------------------------------------
# Industries: (code, 中文, English). The first four are batch one's fields.
INDUSTRIES = [
    ("biomedicine", "生物医药", "Biomedicine"),
    ("robotics", "机器人及智能制造", "Robotics and intelligent manufacturing"),
    ("new-it", "新一代信息技术", "New-generation information technology"),
    ("new-materials", "新材料", "New materials"),
    ("synthetic-biology", "合成生物", "Synthetic biology"),
    ("carbon-neutrality", "碳中和", "Carbon neutrality"),
    ("medical-devices", "医疗器械", "Medical devices"),
    ("advanced-materials", "先进材料（碳纤维）", "Advanced materials (carbon fibre)"),
    ("digital-economy", "数字经济", "Digital economy"),
    ("future-health", "未来健康", "Future health"),
    ("future-materials", "未来材料", "Future materials"),
    ("future-intelligence", "未来智能", "Future intelligence"),
]

# ---------------------------------------------------------------------------------------
# "One bay, two poles, five parks" (一湾两极五园).
ZONES = [
    {
        "code": "wusong-bay",
        "kind": "bay",
        "name": "吴淞湾原始创新湾",
        "name_en": "Wusong Bay original-innovation bay",
        "description": "沿淞南镇、吴淞街道、友谊路街道布局吴淞材料实验室、宝武中央研究院等重大科创平台，"
        "攻关核心技术、破解“卡脖子”难题，打造前沿研发引擎湾。",
        "sort": 1,
    },
    {
        "code": "west-pole",
        "kind": "pole",
        "name": "西部环上大科创成果转化极",
        "name_en": "West pole: circum-SHU sci-tech innovation",
        "description": "以环上大科技创新为核心，承接高校科技成果孵化转化的加速极。",
        "sort": 2,
    },
    {
        "code": "east-pole",
        "kind": "pole",
        "name": "东部大学科技园成果转化极",
        "name_en": "East pole: university science parks",
        "description": "以上海北大科技园、宝山—复旦科创中心、同济大学科技园（宝山园）等大学科技园为核心，"
        "承接高校科技成果孵化转化的加速极。",
        "sort": 3,
    },
    {
        "code": "five-parks",
        "kind": "parks",
        "name": "五大市级特色产业园区",
        "name_en": "Five municipal characteristic industrial parks",
        "description": "北上海生物医药产业园、超能新材料科创园、上海机器人产业园、数智南大产业园、"
        "宝武（上海）碳中和产业园：成熟科技成果转化项目的产业化基地。"
        "宝山高新技术产业园区（合成生物高价值分子转化平台落地地）一并列于此。",
        "sort": 4,
    },
]

# (code, zone, kind, 中文, English, industries)
PARKS = [
    ("t3-block", "wusong-bay", "platform", "T3科创街区", "T3 Sci-tech Innovation Block",
     ["advanced-materials", "medical-devices"]),
    ("circum-shu", "west-pole", "university", "环上大科技园", "Circum-SHU Science Park",
     ["robotics", "new-materials"]),
    ("pku-science-park", "east-pole", "university", "上海北大科技园",
     "Shanghai Peking University Science Park", ["new-it"]),
    ("baoshan-fudan", "east-pole", "university", "宝山—复旦科创中心",
     "Baoshan-Fudan Sci-tech Innovation Center", ["new-materials", "biomedicine"]),
    ("tongji-baoshan", "east-pole", "university", "同济大学科技园（宝山园）",
     "Tongji University Science Park (Baoshan Park)", ["new-it", "carbon-neutrality"]),
    ("north-shanghai-biomed", "five-parks", "industrial", "北上海生物医药产业园",
     "North Shanghai Biomedical Industrial Park", ["biomedicine", "medical-devices"]),
    ("super-new-materials", "five-parks", "industrial", "超能新材料科创园",
     "Super Science and Innovation Park (New Material)", ["new-materials", "advanced-materials"]),
    ("sipr", "five-parks", "industrial", "上海机器人产业园",
     "Shanghai Industrial Park of Robotics (SIPR)", ["robotics"]),
    ("nanda", "five-parks", "industrial", "数智南大产业园",
     "Digital and Intelligent Nanda Industrial Park", ["new-it", "digital-economy"]),
    ("baowu-carbon-park", "five-parks", "industrial", "宝武（上海）碳中和产业园",
     "Baowu (Shanghai) Carbon Neutrality Industrial Park", ["carbon-neutrality"]),
    ("baoshan-hitech", "five-parks", "industrial", "宝山高新技术产业园区",
     "Baoshan High-tech Industrial Park", ["synthetic-biology"]),
]  # fmt: skip

# ---------------------------------------------------------------------------------------
# Organisations the seed names (fictional=False). Key → fields; "parent" and "park" are keys.
# Registration prefixes: 11 government, 12 public institution, 91 enterprise; then the
# administrative division (310113 Baoshan, 310110 Yangpu, 310000 Shanghai, 100000 national).
ORGANISATIONS = [
    {"key": "stc", "kind": "government", "name": "上海市宝山区科学技术委员会",
     "name_en": "Baoshan District Science and Technology Commission",
     "uscc": invented_uscc("11310113", 1)},
    {"key": "fudan", "kind": "university", "name": "复旦大学", "name_en": "Fudan University",
     "uscc": invented_uscc("12100000", 2)},
    {"key": "tongji", "kind": "university", "name": "同济大学", "name_en": "Tongji University",
     "uscc": invented_uscc("12100000", 3)},
    {"key": "shu", "kind": "university", "name": "上海大学", "name_en": "Shanghai University",
     "uscc": invented_uscc("12310000", 4)},
    {"key": "sspu", "kind": "university", "name": "上海第二工业大学",
     "name_en": "Shanghai Polytechnic University", "uscc": invented_uscc("12310000", 5)},
    {"key": "wusong-lab", "kind": "institute", "name": "上海吴淞材料实验室",
     "name_en": "Shanghai Wusong Materials Laboratory", "uscc": invented_uscc("12310113", 6),
     "park": "baoshan-fudan"},
    {"key": "shu-wusong-institute", "kind": "institute", "name": "上海大学—吴淞材料实验室联合研究院",
     "name_en": "Shanghai University–Wusong Materials Laboratory Joint Research Institute",
     "uscc": invented_uscc("12310113", 7), "parent": "shu", "park": "circum-shu"},
    {"key": "fubao", "kind": "enterprise", "name": "上海吴淞复宝材料实验室有限公司",
     "name_en": "Shanghai Wusong Fubao Materials Laboratory Co., Ltd.",
     "uscc": invented_uscc("91310113", 8), "parent": "wusong-lab"},
    {"key": "baowu-central", "kind": "institute", "name": "宝武中央研究院",
     "name_en": "Baowu Central Research Institute", "uscc": invented_uscc("91310113", 9)},
    {"key": "baowu-carbon", "kind": "institute", "name": "宝武碳碳材料研究院（工程中心）",
     "name_en": "Baowu Carbon-Carbon Materials Research Institute (engineering center)",
     "uscc": invented_uscc("91310113", 10), "park": "baowu-carbon-park"},
    {"key": "bs-development", "kind": "park_operator", "name": "上海宝山发展有限公司（大学科技园）",
     "name_en": "Shanghai Baoshan Development Co., Ltd. (University Science & Technology Park)",
     "uscc": invented_uscc("91310113", 11)},
    {"key": "bs-tech-transfer", "kind": "investor", "name": "上海宝山技术转移有限公司",
     "name_en": "Shanghai Baoshan Technology Transfer Co., Ltd.",
     "uscc": invented_uscc("91310113", 12), "parent": "bs-development"},
    {"key": "nice", "kind": "institute", "name": "长三角国家技术创新中心",
     "name_en": "National Innovation Center par Excellence (NICE)",
     "uscc": invented_uscc("12310000", 13)},
    {"key": "eastern-ttc", "kind": "service_agency", "name": "国家技术转移东部中心",
     "name_en": "National Eastern Tech-Transfer Center", "uscc": invented_uscc("91310110", 14)},
    {"key": "fosun-dx", "kind": "enterprise", "name": "复星诊断科技（上海）有限公司",
     "name_en": "Fosun Diagnostics (Shanghai) Co., Ltd.", "uscc": invented_uscc("91310113", 15),
     "park": "north-shanghai-biomed"},
    {"key": "wusong-hospital", "kind": "hospital", "name": "复旦大学附属中山医院吴淞医院",
     "name_en": "Zhongshan Wusong Hospital", "uscc": invented_uscc("12310113", 16),
     "parent": "fudan"},
    {"key": "zecen", "kind": "enterprise", "name": "泰州泽岑生物技术有限公司",
     "name_en": "Taizhou Zecen Biotech Co., Ltd.", "uscc": invented_uscc("91321291", 17)},
    {"key": "synbio-center", "kind": "institute", "name": "上海合成生物学创新中心",
     "name_en": "Shanghai Synthetic Biology Innovation Center",
     "uscc": invented_uscc("12310000", 18)},
    {"key": "tongxingou", "kind": "enterprise", "name": "上海通星鸥科技有限公司",
     "name_en": "Shanghai Tongxingou Technology Co., Ltd.", "uscc": invented_uscc("91310113", 19),
     "park": "sipr"},
    {"key": "tianyu", "kind": "enterprise", "name": "上海天宇光联通信技术有限公司",
     "name_en": "Shanghai Tianyu Guanglian Communication Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 20), "park": "nanda"},
    {"key": "circum-shu-park", "kind": "park_operator", "name": "环上大科技园",
     "name_en": "Circum-SHU Science Park", "uscc": invented_uscc("91310113", 21),
     "park": "circum-shu"},
    {"key": "poc-shu", "kind": "poc_operator", "name": "上海大学—环上大智能制造概念验证中心",
     "name_en": "SHU–Circum-SHU Intelligent Manufacturing POC Center",
     "uscc": invented_uscc("12310113", 22), "parent": "shu", "park": "circum-shu"},
    {"key": "poc-sspu", "kind": "poc_operator", "name": "上海第二工业大学碳中和概念验证中心",
     "name_en": "SSPU Carbon Neutrality POC Center", "uscc": invented_uscc("12310113", 23),
     "parent": "sspu"},
    {"key": "poc-amm", "kind": "poc_operator", "name": "先进材料与医疗科技概念验证中心",
     "name_en": "Advanced Materials and Medical Technology POC Center",
     "uscc": invented_uscc("91310113", 24), "park": "t3-block"},
]  # fmt: skip

# Invented organisations (fictional=True) that declare the named projects.
NAMED_FICTIONAL_ORGANISATIONS = [
    {"key": "demo-applicant", "kind": "enterprise", "name": "上海淞澜新材料科技有限公司",
     "name_en": "Shanghai Songlan New Materials Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 101), "park": "super-new-materials"},
    {"key": "heyuan-bio", "kind": "enterprise", "name": "上海禾远生物医药科技有限公司",
     "name_en": "Shanghai Heyuan Biopharmaceutical Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 102), "park": "north-shanghai-biomed"},
    {"key": "jingce-dx", "kind": "enterprise", "name": "上海菁测医学检验科技有限公司",
     "name_en": "Shanghai Jingce Medical Testing Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 103), "park": "north-shanghai-biomed"},
    {"key": "gangxun-robot", "kind": "enterprise", "name": "上海钢巡智能装备有限公司",
     "name_en": "Shanghai Gangxun Intelligent Equipment Co., Ltd.",
     "uscc": invented_uscc("91310113", 104), "park": "sipr"},
    {"key": "bianxin", "kind": "enterprise", "name": "上海边芯微电子有限公司",
     "name_en": "Shanghai Bianxin Microelectronics Co., Ltd.",
     "uscc": invented_uscc("91310113", 105), "park": "nanda"},
    {"key": "jiekong", "kind": "enterprise", "name": "上海介孔新材料有限公司",
     "name_en": "Shanghai Jiekong New Materials Co., Ltd.",
     "uscc": invented_uscc("91310113", 106), "park": "baoshan-fudan"},
    {"key": "shengguang", "kind": "enterprise", "name": "上海声光微联半导体装备有限公司",
     "name_en": "Shanghai Shengguang Weilian Semiconductor Equipment Co., Ltd.",
     "uscc": invented_uscc("91310113", 107), "park": "pku-science-park"},
    {"key": "meizhi", "kind": "enterprise", "name": "上海酶智生物科技有限公司",
     "name_en": "Shanghai Meizhi Biotechnology Co., Ltd.",
     "uscc": invented_uscc("91310113", 108), "park": "baoshan-hitech"},
    {"key": "meixin-stent", "kind": "enterprise", "name": "上海镁心医疗器械有限公司",
     "name_en": "Shanghai Meixin Medical Devices Co., Ltd.",
     "uscc": invented_uscc("91310113", 109), "park": "north-shanghai-biomed"},
    {"key": "tanhui", "kind": "enterprise", "name": "上海碳汇矿化环境科技有限公司",
     "name_en": "Shanghai Tanhui Mineralisation Environmental Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 110), "park": "baowu-carbon-park"},
    {"key": "gaomo-fibre", "kind": "enterprise", "name": "上海高模碳纤维科技有限公司",
     "name_en": "Shanghai Gaomo Carbon Fibre Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 111), "park": "super-new-materials"},
    {"key": "nadi-bio", "kind": "enterprise", "name": "上海纳递生物科技有限公司",
     "name_en": "Shanghai Nadi Biotechnology Co., Ltd.",
     "uscc": invented_uscc("91310113", 112), "park": "north-shanghai-biomed"},
    {"key": "panbi-robot", "kind": "enterprise", "name": "上海攀壁机器人有限公司",
     "name_en": "Shanghai Panbi Robotics Co., Ltd.",
     "uscc": invented_uscc("91310113", 113), "park": "sipr"},
    {"key": "gutai-energy", "kind": "enterprise", "name": "上海固钛储能材料有限公司",
     "name_en": "Shanghai Gutai Energy Storage Materials Co., Ltd.",
     "uscc": invented_uscc("91310113", 114), "park": "super-new-materials"},
    {"key": "gangshu", "kind": "enterprise", "name": "上海钢数智联信息科技有限公司",
     "name_en": "Shanghai Gangshu Zhilian Information Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 115), "park": "nanda"},
    {"key": "hechuang-bio", "kind": "enterprise", "name": "上海合创天然产物生物科技有限公司",
     "name_en": "Shanghai Hechuang Natural Products Biotechnology Co., Ltd.",
     "uscc": invented_uscc("91310113", 116), "park": "baoshan-hitech"},
    {"key": "lvtan", "kind": "enterprise", "name": "上海绿碳氢能科技有限公司",
     "name_en": "Shanghai Lütan Hydrogen Energy Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 117), "park": "baowu-carbon-park"},
    {"key": "zhiwang", "kind": "enterprise", "name": "上海织网数据科技有限公司",
     "name_en": "Shanghai Zhiwang Data Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 118), "park": "nanda"},
    {"key": "ruishi", "kind": "enterprise", "name": "上海睿视医疗影像科技有限公司",
     "name_en": "Shanghai Ruishi Medical Imaging Technology Co., Ltd.",
     "uscc": invented_uscc("91310113", 119), "park": "t3-block"},
    {"key": "shu-team-laser", "kind": "team", "name": "上海大学激光增材制造课题组",
     "name_en": "Shanghai University laser additive manufacturing research team",
     "parent": "shu", "park": "circum-shu"},
]  # fmt: skip

# Invented filler companies: (brand 中文, brand pinyin, industry). Named
# "上海{brand}{field}有限公司", field from COMPANY_FIELDS by industry.
FICTIONAL_COMPANIES = [
    ("瀚铂", "Hanbo", "biomedicine"), ("澄源", "Chengyuan", "biomedicine"),
    ("康衍", "Kangyan", "biomedicine"), ("元和", "Yuanhe", "biomedicine"),
    ("舜禾", "Shunhe", "biomedicine"), ("津华", "Jinhua", "biomedicine"),
    ("擎川", "Qingchuan", "robotics"), ("迈衡", "Maiheng", "robotics"),
    ("沪翼", "Huyi", "robotics"), ("凇驰", "Songchi", "robotics"),
    ("锐拓", "Ruituo", "robotics"), ("启骋", "Qicheng", "robotics"),
    ("澜芯", "Lanxin", "new-it"), ("衡灏", "Henghao", "new-it"),
    ("光溯", "Guangsu", "new-it"), ("云屹", "Yunyi", "new-it"),
    ("星桥", "Xingqiao", "new-it"), ("微见", "Weijian", "new-it"),
    ("晟材", "Shengcai", "new-materials"), ("翎纳", "Lingna", "new-materials"),
    ("坤晶", "Kunjing", "new-materials"), ("涵微", "Hanwei", "new-materials"),
    ("泓膜", "Hongmo", "new-materials"), ("璞锂", "Puli", "new-materials"),
    ("合成启元", "Hecheng Qiyuan", "synthetic-biology"), ("酵谷", "Jiaogu", "synthetic-biology"),
    ("菌途", "Juntu", "synthetic-biology"), ("糖链", "Tanglian", "synthetic-biology"),
    ("碳循", "Tanxun", "carbon-neutrality"), ("氢澈", "Qingche", "carbon-neutrality"),
    ("零碳湾", "Lingtanwan", "carbon-neutrality"), ("储川", "Chuchuan", "carbon-neutrality"),
    ("精卫", "Jingwei", "medical-devices"), ("诺检", "Nuojian", "medical-devices"),
    ("脉安", "Maian", "medical-devices"), ("微流", "Weiliu", "medical-devices"),
    ("碳羽", "Tanyu", "advanced-materials"), ("纤锐", "Xianrui", "advanced-materials"),
    ("陶拓", "Taotuo", "advanced-materials"), ("钢易", "Gangyi", "digital-economy"),
    ("数港", "Shugang", "digital-economy"), ("智汇湾", "Zhihuiwan", "digital-economy"),
    ("凯纳", "Kaina", "biomedicine"), ("博衍", "Boyan", "robotics"),
    ("芯澈", "Xinche", "new-it"), ("镁涂", "Meitu", "new-materials"),
    ("安测", "Ance", "medical-devices"), ("翔碳", "Xiangtan", "carbon-neutrality"),
]  # fmt: skip

COMPANY_FIELDS = {
    "biomedicine": ("生物医药科技", "Biopharmaceutical Technology", "north-shanghai-biomed"),
    "robotics": ("智能装备", "Intelligent Equipment", "sipr"),
    "new-it": ("信息科技", "Information Technology", "nanda"),
    "new-materials": ("新材料科技", "New Materials Technology", "super-new-materials"),
    "synthetic-biology": ("合成生物科技", "Synthetic Biology Technology", "baoshan-hitech"),
    "carbon-neutrality": ("低碳科技", "Low-carbon Technology", "baowu-carbon-park"),
    "medical-devices": ("医疗科技", "Medical Technology", "north-shanghai-biomed"),
    "advanced-materials": ("复合材料", "Composite Materials", "super-new-materials"),
    "digital-economy": ("数字科技", "Digital Technology", "nanda"),
}

# Invented university research teams with no company yet: (parent, 中文, English, industry).
FICTIONAL_TEAMS = [
    ("fudan", "复旦大学高分子纤维课题组", "Fudan University polymer fibre research team",
     "new-materials"),
    ("fudan", "复旦大学肿瘤免疫治疗课题组", "Fudan University tumour immunotherapy research team",
     "biomedicine"),
    ("tongji", "同济大学智能建造机器人课题组", "Tongji University construction robotics research team",
     "robotics"),
    ("tongji", "同济大学固废低碳利用课题组", "Tongji University low-carbon solid waste research team",
     "carbon-neutrality"),
    ("shu", "上海大学微电子封装课题组", "Shanghai University microelectronic packaging research team",
     "new-it"),
    ("shu", "上海大学医用金属材料课题组", "Shanghai University medical metals research team",
     "medical-devices"),
    ("sspu", "上海第二工业大学废旧电池回收课题组",
     "Shanghai Polytechnic University battery recycling research team", "carbon-neutrality"),
    ("sspu", "上海第二工业大学工业视觉课题组",
     "Shanghai Polytechnic University industrial vision research team", "robotics"),
    ("wusong-lab", "吴淞材料实验室柔性纤维课题组",
     "Wusong Materials Laboratory flexible fibre research team", "advanced-materials"),
    ("synbio-center", "合成生物学创新中心底盘细胞课题组",
     "Synthetic Biology Innovation Center chassis cell research team", "synthetic-biology"),
]  # fmt: skip

# ---------------------------------------------------------------------------------------
# Invented project subjects by industry: (subject, market or application). A filler title
# is the subject plus a suffix from TITLE_SUFFIXES.
TOPICS = {
    "biomedicine": [
        ("双特异性抗体药物", "实体瘤免疫治疗"),
        ("小核酸降脂药物", "高血脂慢病管理"),
        ("溶瘤病毒制剂", "晚期黑色素瘤治疗"),
        ("长效GLP-1多肽制剂", "糖尿病与肥胖症治疗"),
        ("CAR-T细胞通用化制备工艺", "血液肿瘤治疗"),
        ("中药创新制剂缓释技术", "慢性疼痛管理"),
        ("靶向蛋白降解药物", "耐药性肺癌治疗"),
        ("新型佐剂疫苗", "带状疱疹预防"),
        ("干细胞外泌体制剂", "皮肤创面修复"),
        ("抗菌肽新药", "耐药菌感染治疗"),
    ],
    "robotics": [
        ("高炉炉前作业机器人", "钢铁冶金高危岗位替代"),
        ("视觉引导柔性上下料工作站", "汽车零部件智能产线"),
        ("轻量化谐波减速器", "协作机器人核心部件"),
        ("物流仓储自主移动机器人", "智能仓储与厂内物流"),
        ("焊缝自动跟踪焊接机器人", "船舶与钢结构制造"),
        ("外骨骼康复机器人", "脑卒中康复训练"),
        ("管道内检测机器人", "城市燃气管网运维"),
        ("数字孪生产线调度系统", "离散制造车间"),
        ("高精度伺服驱动器", "数控机床与机器人"),
        ("建筑幕墙安装机器人", "装配式建筑施工"),
    ],
    "new-it": [
        ("车规级毫米波雷达芯片", "智能网联汽车"),
        ("硅光集成光收发芯片", "数据中心光互连"),
        ("工业级5G通信模组", "工业互联网"),
        ("存算一体AI推理芯片", "边缘计算终端"),
        ("量子密钥分发终端", "政务与金融专网安全"),
        ("低轨卫星通信相控阵天线", "卫星互联网终端"),
        ("高精度MEMS惯性传感器", "无人系统导航"),
        ("国产工业实时操作系统", "高端装备控制"),
        ("碳化硅功率模块", "新能源汽车电驱"),
        ("大模型工业知识问答平台", "制造业知识管理"),
    ],
    "new-materials": [
        ("高纯电子级气体", "集成电路制造"),
        ("气凝胶隔热复合材料", "新能源电池热防护"),
        ("超薄柔性玻璃", "折叠屏显示"),
        ("钠离子电池正极材料", "储能电站"),
        ("光刻胶用高纯树脂", "半导体光刻工艺"),
        ("耐高温聚酰亚胺薄膜", "柔性电路板"),
        ("高熵合金涂层", "航空发动机部件"),
        ("水系电池电解液", "安全储能"),
        ("纳米多孔吸附材料", "工业VOCs治理"),
        ("高导热石墨烯膜", "消费电子散热"),
    ],
    "synthetic-biology": [
        ("微生物发酵法生产稀有人参皂苷", "功能食品与药物原料"),
        ("重组胶原蛋白", "医美与组织工程"),
        ("生物基尼龙单体", "绿色化工材料"),
        ("细胞工厂合成母乳低聚糖", "婴幼儿配方食品"),
        ("合成生物法麦角硫因", "化妆品原料"),
        ("无细胞蛋白合成体系", "快速诊断原料酶"),
        ("重组人血清白蛋白", "生物制药辅料"),
        ("生物法可降解PHA材料", "一次性包装替代"),
    ],
    "carbon-neutrality": [
        ("钢渣碳化固碳建材", "钢铁固废资源化"),
        ("氢基竖炉直接还原工艺装备", "钢铁低碳冶金"),
        ("退役动力电池梯次利用系统", "用户侧储能"),
        ("工业余热有机朗肯循环发电", "高耗能企业节能"),
        ("碳排放在线监测与核算平台", "企业碳管理"),
        ("光伏组件回收拆解装备", "光伏循环利用"),
        ("质子交换膜电解水制氢装备", "绿氢制备"),
        ("园区综合能源智慧管控系统", "零碳园区建设"),
    ],
    "medical-devices": [
        ("全自动化学发光免疫分析仪", "医院检验科"),
        ("微流控即时检测芯片", "基层医疗快速诊断"),
        ("病原宏基因组测序检测试剂盒", "感染性疾病诊断"),
        ("可穿戴动态血糖监测系统", "糖尿病居家管理"),
        ("手术导航定位系统", "神经外科与骨科手术"),
        ("人工智能病理辅助诊断软件", "病理科诊断"),
        ("一次性电子内窥镜", "消化道与呼吸道检查"),
        ("智能化检验科流水线", "临床实验室自动化"),
    ],
    "advanced-materials": [
        ("大丝束碳纤维低成本制备技术", "风电叶片与压力容器"),
        ("碳/碳复合材料热场部件", "光伏单晶炉"),
        ("连续纤维增强热塑性复合材料", "汽车轻量化"),
        ("碳纤维复合材料氢气瓶", "氢燃料电池汽车"),
        ("陶瓷基复合材料刹车盘", "轨道交通制动"),
        ("碳纤维预浸料自动铺放", "无人机结构件"),
    ],
    "digital-economy": [
        ("大宗钢材供应链金融风控平台", "钢铁电商"),
        ("产业园区数字孪生运营平台", "园区招商与运营"),
        ("工业数据可信流通空间", "制造业数据要素"),
        ("跨境电商智能报关系统", "外贸企业"),
        ("社区养老数字化服务平台", "居家养老"),
        ("中小制造企业SaaS排产系统", "中小企业数字化转型"),
    ],
}
TITLE_SUFFIXES = ["研发及产业化", "关键技术攻关与中试验证", "工程化开发与示范应用"]

# Milestones by industry: (title, deliverable, months after the call closes).
MILESTONES = {
    "biomedicine": [("完成临床前药效与安全性评价", "药效学、毒理学研究报告", 12),
                    ("提交临床试验申请（IND）", "受理通知书", 24)],
    "medical-devices": [("完成样机研制与型式检验", "注册检验报告", 12),
                        ("启动临床试验", "伦理批件与首例入组", 24)],
    "robotics": [("完成工程样机研制", "样机测试报告", 9),
                 ("在用户现场完成示范应用", "用户使用报告", 20)],
    "new-it": [("完成芯片（产品）流片或样品", "样品测试报告", 12),
               ("实现小批量供货", "销售合同", 24)],
    "new-materials": [("建成中试线", "中试线验收报告", 12),
                      ("产品通过下游客户验证", "客户验证报告", 24)],
    "advanced-materials": [("建成中试线", "中试线验收报告", 12),
                           ("产品通过下游客户验证", "客户验证报告", 24)],
    "synthetic-biology": [("完成菌株构建与发酵工艺放大", "发酵放大实验报告", 12),
                          ("建成示范生产线", "试生产批记录", 24)],
    "carbon-neutrality": [("完成工艺包与示范装置设计", "工艺包", 9),
                          ("示范装置连续稳定运行", "第三方运行检测报告", 24)],
    "digital-economy": [("完成平台开发与上线", "系统测试报告", 9),
                        ("签约付费客户不少于10家", "客户合同", 20)],
}  # fmt: skip

SURNAMES = "陈林王李张刘杨赵黄周吴徐孙胡朱高何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
MEMBER_TITLES = ["教授", "研究员", "副教授", "高级工程师", "博士", "工程师", "副研究员"]
LEAD_TITLES = ["教授", "研究员", "总经理", "首席科学家", "首席技术官"]

# ---------------------------------------------------------------------------------------
# Programmes: code, kind, names, funder (organisation key), description.
PROGRAMMES = [
    {"code": "invest-first", "kind": "invest_first", "funder": "bs-tech-transfer",
     "name": "科技成果转化“先投后股”试点", "name_en": "Investment first, shares later pilot",
     "description": "2021年7月，宝山区作为上海市唯一的地方政府主体承接科技成果转化“先投后股”"
     "国家改革试点任务。财政资金以项目投资方式先行投入，企业完成市场化融资后按市场价格转为股权，"
     "由上海宝山技术转移有限公司持有并实施投后管理。"},
    {"code": "lease-first", "kind": "lease_first", "funder": "bs-development",
     "name": "“先租后股”", "name_en": "Lease first, shares later",
     "description": "园区载体租金先行计提、暂不收取，企业完成市场化融资后按约定转为股权。"},
    {"code": "service-first", "kind": "service_first", "funder": "bs-tech-transfer",
     "name": "“先服务后股”", "name_en": "Services first, shares later",
     "description": "技术转移、孵化等专业服务费用先行计提，按约定转为股权。"},
    {"code": "allocation-investment", "kind": "allocation_investment",
     "funder": "bs-tech-transfer",
     "name": "“拨投结合”联合支持项目", "name_en": "Allocation plus investment joint support",
     "description": "宝山区与长三角国家技术创新中心（NICE）合作，在一份协议中结合拨款与投资，"
     "是上海首个与NICE合作实施“拨投结合”的区。"},
    {"code": "poc-support", "kind": "poc_support", "funder": "stc",
     "name": "概念验证支持", "name_en": "Proof-of-concept support",
     "description": "依据《宝山区概念验证中心管理办法》，为概念（项目）遴选、技术验证、商业验证、"
     "资金支持、企业孵化到投融资提供全过程服务。"},
    {"code": "consortium", "kind": "consortium", "funder": "stc",
     "name": "创新联合体培育", "name_en": "Innovation consortium cultivation",
     "description": "依据《宝山区创新联合体备案指引》，对备案的创新联合体给予培育专项资金、"
     "研发攻关阶段性资助和里程碑绩效评价补贴，并派驻专员服务。备案常年开放。"},
]  # fmt: skip

# Calls. Dates are local (Asia/Shanghai). Batch three's window is set from the load day:
# it opened OPEN_CALL_OPENED_DAYS_AGO days before and closes OPEN_CALL_CLOSES_IN_DAYS after.
OPEN_CALL_OPENED_DAYS_AGO = 41
OPEN_CALL_CLOSES_IN_DAYS = 36

CALLS = [
    {"code": "invest-first-1", "programme": "invest-first",
     "name": "“先投后股”试点第一批（2022年）",
     "name_en": "Investment first, shares later — batch one (2022)",
     "opens_at": "2022-08-15 09:00", "closes_at": "2022-10-14 17:00",
     "budget": "60000000.00", "quota": 7,
     "description": "2022年8月正式发布。经两个月项目征集、评审认定，召开13场行业专家评审论证会，"
     "从48个申报项目中遴选出生物医药、机器人及智能制造、新一代信息技术、新材料领域7个项目，"
     "批准支持金额合计5950万元，首期拨付2915万元。"},
    {"code": "invest-first-2", "programme": "invest-first",
     "name": "“先投后股”试点第二批（2023年）",
     "name_en": "Investment first, shares later — batch two (2023)",
     "opens_at": "2023-07-03 09:00", "closes_at": "2023-09-29 17:00",
     "budget": "50000000.00", "quota": 9,
     "description": "从70余个申报项目中遴选出9个重大科技成果转化项目，2023年底签订《项目建设合作协议》。"
     "两批合计从近120个申报项目中批准16个，支持资金超过1亿元。"},
    {"code": "invest-first-3", "programme": "invest-first",
     "name": "“先投后股”试点第三批", "name_en": "Investment first, shares later — batch three",
     "open_now": True, "budget": "60000000.00", "quota": 10,
     "description": "面向宝山区“一湾两极五园”，支持高校、科研院所科技成果在宝山转化落地。"
     "申报截止前可多次保存草稿，提交后经形式审查、专家评审、评审论证会和公示后认定。",
     "fields": [
         {"key": "ip_count", "label": "知识产权数量", "label_en": "Number of IP rights",
          "kind": "number", "required": True,
          "help_text": "已授权发明专利、实用新型、软件著作权等合计（件）"},
         {"key": "landing_park", "label": "拟落地园区", "label_en": "Park to locate in",
          "kind": "choice", "required": True, "choices_from_parks": True},
         {"key": "market_financing", "label": "是否已有市场化融资",
          "label_en": "Market financing already raised?", "kind": "yesno", "required": False},
     ]},
    {"code": "poc-support-open", "programme": "poc-support",
     "name": "概念验证项目支持（常年受理）", "name_en": "Proof-of-concept support (open all year)",
     "open_all_year": True, "opens_at": "2023-09-01 09:00",
     "budget": "10000000.00", "quota": None,
     "description": "常年受理。项目经概念验证中心推荐，完成技术验证与商业验证后可申请支持。"
     "首批7家区级概念验证中心包括上海大学—环上大智能制造概念验证中心、"
     "上海第二工业大学碳中和概念验证中心、先进材料与医疗科技概念验证中心等。",
     "fields": [
         {"key": "poc_centre", "label": "推荐概念验证中心", "label_en": "Recommending POC centre",
          "kind": "choice", "required": True, "choices_from_poc": True},
     ]},
]  # fmt: skip

# ---------------------------------------------------------------------------------------
# The pilot batches. "named" declarations carry their outcome; the rest of `declared` is
# filled from FICTIONAL_COMPANIES/TEAMS and TOPICS with the `filler` outcomes.
# Amounts in yuan, as strings. "title_en" keeps the seed's English title for reference;
# a declaration carries its Chinese title only.
BATCH_ONE = {
    "call": "invest-first-1",
    "declared": 48,
    "formal_review_from": "2022-10-17 09:30",
    "selected_at": "2022-12-16 15:00",
    "named": [
        {
            "org": "heyuan-bio",
            "industry": "biomedicine",
            "outcome": "approve",
            "amount": "10000000",
            "trl": 4,
            "title": "新型抗体偶联药物（ADC）临床前研究及中试放大",
            "summary": "开发靶向HER2低表达实体瘤的新一代抗体偶联药物，完成临床前研究与GMP中试放大，"
            "为提交临床试验申请做准备。",
            "keywords": "抗体偶联药物, ADC, 实体瘤",
        },
        {
            "org": "tianyu",
            "industry": "new-it",
            "outcome": "approve",
            "amount": "9500000",
            "trl": 6,
            "title": "高速相干光通信模块研发及产业化",
            "summary": "面向城域网与数据中心互连，研发400G相干光通信模块，完成样品验证与小批量试产。",
            "keywords": "相干光通信, 光模块",
        },
        {
            "org": "tongxingou",
            "industry": "robotics",
            "outcome": "approve",
            "amount": "9000000",
            "trl": 5,
            "title": "面向精密装配的协作机器人力控系统研发及产业化",
            "summary": "研发高带宽力控关节与装配工艺软件，替代人工完成精密零部件装配，"
            "在汽车零部件产线开展示范。",
            "keywords": "协作机器人, 力控, 精密装配",
        },
        {
            "org": "bianxin",
            "industry": "new-it",
            "outcome": "approve",
            "amount": "8500000",
            "trl": 5,
            "title": "工业互联网边缘智能网关芯片研发",
            "summary": "研发集成AI加速单元与时间敏感网络接口的边缘网关芯片，完成流片与样机验证。",
            "keywords": "边缘计算, 芯片, 工业互联网",
        },
        {
            "org": "jingce-dx",
            "industry": "biomedicine",
            "outcome": "approve",
            "amount": "8000000",
            "trl": 6,
            "title": "肿瘤早筛多组学液体活检试剂盒研发",
            "summary": "基于cfDNA甲基化与蛋白标志物的多组学模型，开发结直肠癌早筛试剂盒并完成临床验证。",
            "keywords": "液体活检, 肿瘤早筛",
        },
        {
            "org": "gangxun-robot",
            "industry": "robotics",
            "outcome": "approve",
            "amount": "7500000",
            "trl": 6,
            "title": "钢铁行业高温场景巡检机器人研制与示范应用",
            "summary": "面向炼钢、连铸高温高粉尘环境，研制耐高温巡检机器人，完成现场示范应用。",
            "keywords": "巡检机器人, 钢铁, 高温",
        },
        {
            "org": "jiekong",
            "industry": "new-materials",
            "outcome": "approve",
            "amount": "7000000",
            "trl": 5,
            "title": "高性能介孔材料吸附剂中试线建设",
            "summary": "将功能介孔材料制备技术工程化，建设百吨级吸附剂中试线，面向工业VOCs治理。",
            "keywords": "介孔材料, 吸附剂, 中试",
        },
        {
            "org": "meixin-stent",
            "industry": "medical-devices",
            "outcome": "candidate",
            "amount": "6000000",
            "trl": 4,
            "title": "可降解镁合金心血管支架研发及产业化",
            "summary": "开发可完全降解的镁合金药物洗脱支架，完成动物实验与型式检验。",
            "keywords": "可降解支架, 镁合金",
            "reason": "综合得分靠前，未进入本批支持名单；"
            "列入候选项目库，由上海宝山技术转移有限公司持续跟踪服务。",
        },
        {
            "org": "hechuang-bio",
            "industry": "synthetic-biology",
            "outcome": "candidate",
            "amount": "5000000",
            "trl": 4,
            "title": "微生物细胞工厂合成高价值天然产物",
            "summary": "构建酵母底盘细胞工厂，实现稀有萜类天然产物的发酵法生产。",
            "keywords": "细胞工厂, 天然产物",
            "reason": "技术路线可行，产业化路径需进一步论证；列入候选项目库跟踪培育。",
        },
        {
            "org": "tanhui",
            "industry": "carbon-neutrality",
            "outcome": "candidate",
            "amount": "5500000",
            "trl": 4,
            "title": "钢铁烟气二氧化碳矿化利用技术研发",
            "summary": "利用钢渣矿化固定烟气二氧化碳并制备建材产品，完成实验室放大。",
            "keywords": "CCUS, 矿化, 钢渣",
            "reason": "列入候选项目库，建议完成中试后再次申报。",
        },
        {
            "org": "zhiwang",
            "industry": "new-it",
            "outcome": "candidate",
            "amount": "4000000",
            "trl": 5,
            "title": "面向制造业的隐私计算数据协作平台",
            "summary": "基于联邦学习与可信执行环境，构建制造业上下游数据协作平台。",
            "keywords": "隐私计算, 数据要素",
            "reason": "列入候选项目库，跟踪其市场化融资进展。",
        },
    ],
    "filler": {
        "reject": [
            "申报主体注册地不在宝山区，且未承诺在宝山区设立实施主体，不符合申报条件。",
            "项目技术尚处于原理探索阶段（技术成熟度1级），不属于本批次支持范围。",
            "同一项目已获区级同类财政资金支持，属重复申报。",
            "申报材料中知识产权权属证明与申报单位不一致，且无法说明成果转化授权关系。",
            "申报金额超过本批次单个项目支持上限，且未按要求提供配套资金说明。",
        ],
        "candidate": 0,
        "withdraw": 0,
    },
    "not_selected_reason": "经行业专家评审论证，综合得分未进入拟支持名单。",
    "approve_reason": "经行业专家评审论证会评审、区领导审定，批准支持。",
}

BATCH_TWO = {
    "call": "invest-first-2",
    "declared": 71,  # "more than 70"; with batch one's 48, "nearly 120" in all
    "formal_review_from": "2023-10-09 09:30",
    "selected_at": "2023-12-15 15:00",
    "named": [
        {
            "org": "shengguang",
            "industry": "new-it",
            "outcome": "approve",
            "amount": "7000000",
            "trl": 5,
            "title": "先进封装声光辅助键合装备（ULAB）",
            "title_en": "Advanced packaging acousto-optical assisted bonding device — ULAB",
            "summary": "面向芯片先进封装的低温高可靠互连需求，研发超声与激光协同辅助的键合装备，"
            "完成样机研制并在封测产线验证。",
            "keywords": "先进封装, 键合装备, 声光辅助",
        },
        {
            "org": "meizhi",
            "industry": "synthetic-biology",
            "outcome": "approve",
            "amount": "6500000",
            "trl": 5,
            "title": "面向应用场景的酶工程产品开发及产业化",
            "title_en": "Development and industrialization of application scenario-oriented "
            "enzyme engineering products",
            "summary": "以应用场景为导向，开展工业酶的定向进化与高效表达，开发饲料、洗涤与医药中间体用酶产品，"
            "建成发酵示范线。",
            "keywords": "酶工程, 定向进化, 工业酶",
        },
        {
            "org": "meixin-stent",
            "industry": "medical-devices",
            "outcome": "approve",
            "amount": "6000000",
            "trl": 5,
            "title": "可降解镁合金心血管支架研发及产业化",
            "summary": "开发可完全降解的镁合金药物洗脱支架；第一批列入候选库后完成动物实验，本批申报型式检验与临床试验。",
            "keywords": "可降解支架, 镁合金",
        },
        {
            "org": "tanhui",
            "industry": "carbon-neutrality",
            "outcome": "approve",
            "amount": "5500000",
            "trl": 6,
            "title": "钢铁烟气二氧化碳矿化利用技术示范",
            "summary": "在第一批候选项目基础上完成中试，建设万吨级钢渣矿化固碳示范装置。",
            "keywords": "CCUS, 矿化, 钢渣",
        },
        {
            "org": "gaomo-fibre",
            "industry": "advanced-materials",
            "outcome": "approve",
            "amount": "5000000",
            "trl": 5,
            "title": "高模量碳纤维原丝制备关键技术产业化",
            "summary": "突破高模量碳纤维原丝纺丝与预氧化关键工艺，建设百吨级示范线。",
            "keywords": "碳纤维, 原丝",
        },
        {
            "org": "nadi-bio",
            "industry": "biomedicine",
            "outcome": "approve",
            "amount": "5000000",
            "trl": 4,
            "title": "mRNA药物脂质纳米递送系统开发",
            "summary": "开发具有自主知识产权的可电离脂质库与肝外靶向递送系统，完成制剂工艺开发。",
            "keywords": "mRNA, 脂质纳米颗粒, 递送",
        },
        {
            "org": "panbi-robot",
            "industry": "robotics",
            "outcome": "approve",
            "amount": "4500000",
            "trl": 6,
            "title": "储罐与船体爬壁检测机器人研制",
            "summary": "研制磁吸附爬壁机器人，搭载超声测厚与视觉检测，用于储罐与船体无损检测。",
            "keywords": "爬壁机器人, 无损检测",
        },
        {
            "org": "gutai-energy",
            "industry": "new-materials",
            "outcome": "approve",
            "amount": "4000000",
            "trl": 5,
            "title": "硫化物固态电解质材料中试",
            "summary": "开发高离子电导率、空气稳定的硫化物固态电解质，建设吨级中试线。",
            "keywords": "固态电池, 固态电解质",
        },
        {
            "org": "gangshu",
            "industry": "digital-economy",
            "outcome": "approve",
            "amount": "3000000",
            "trl": 6,
            "title": "钢材现货价格智能预测与风险管理平台",
            "summary": "基于交易与物流数据构建钢材现货价格预测模型，为钢铁电商与贸易企业提供风险管理服务。",
            "keywords": "钢铁电商, 价格指数, 风险管理",
        },
        {
            "org": "hechuang-bio",
            "industry": "synthetic-biology",
            "outcome": "candidate",
            "amount": "5000000",
            "trl": 5,
            "title": "微生物细胞工厂合成高价值天然产物",
            "summary": "第一批候选项目再次申报：已完成发酵工艺放大，拟建设示范线。",
            "keywords": "细胞工厂, 天然产物",
            "reason": "再次列入候选项目库，跟踪其示范线建设与融资进展。",
        },
        {
            "org": "zhiwang",
            "industry": "new-it",
            "outcome": "not_selected",
            "amount": "4000000",
            "trl": 6,
            "title": "面向制造业的隐私计算数据协作平台",
            "summary": "第一批候选项目再次申报：已在两家制造企业试点运行。",
            "keywords": "隐私计算, 数据要素",
        },
    ],
    "filler": {
        "reject": [
            "申报单位成立不足一年且无实际经营，无法提供项目实施条件证明。",
            "项目负责人同时作为另一在研“先投后股”项目负责人，不符合申报限项要求。",
            "项目不属于本批次支持的产业领域。",
            "申报材料存在多处与事实不符的内容，经核实无法更正。",
            "申报单位存在严重失信记录，不符合申报条件。",
            "未提交知识产权权属证明，经补正通知后仍未补齐。",
        ],
        "candidate": 4,
        "withdraw": 1,
    },
    "candidate_reason": "综合得分靠前，未进入本批支持名单；列入候选项目库跟踪服务。",
    "not_selected_reason": "经行业专家评审论证，综合得分未进入拟支持名单。",
    "approve_reason": "经行业专家评审论证会评审、区领导审定，批准支持；2023年底签订项目建设合作协议。",
}

# Batch three is open: each declaration's life in days before the load day.
# steps: ("create", days_ago) ("submit", d) ("return", d, reason) ("pass", d) ("start", d)
#        ("edit", d, {changes}) — all by the declarant or the officer as fits.
BATCH_THREE = [
    {"org": "demo-applicant", "industry": "new-materials", "amount": "8000000", "trl": 5,
     "title": "水系锌离子电池安全储能模组研发及产业化",
     "summary": "基于介孔碳负载锌负极与高稳定水系电解液，开发本征安全的储能模组，面向工商业储能。",
     "keywords": "水系电池, 储能, 安全",
     "answers": {"ip_count": 6, "landing_park": "超能新材料科创园", "market_financing": False},
     "steps": [("create", 20), ("submit", 15),
               ("return", 3, "1. 商业计划书未提供近两年财务报表；\n2. 团队成员未注明在项目中的分工；\n"
                             "3. 里程碑缺少可考核的量化指标。请补正后重新提交。")]},
    {"org": "demo-applicant", "industry": "advanced-materials", "amount": "6000000", "trl": 4,
     "title": "碳纤维复合材料无人机机身一体化成型技术",
     "summary": "采用热塑性碳纤维预浸料与模压一体化成型，降低无人机机身重量与制造成本。",
     "keywords": "碳纤维, 无人机, 一体化成型",
     "answers": {"ip_count": 3, "landing_park": "超能新材料科创园", "market_financing": True},
     "steps": [("create", 12), ("submit", 4)]},
    {"org": "demo-applicant", "industry": "new-materials", "amount": "5000000", "trl": 4,
     "title": "高导热石墨烯散热膜中试",
     "summary": "（草稿）开发高导热石墨烯膜连续化制备工艺，面向消费电子散热。",
     "keywords": "石墨烯, 散热",
     "answers": {"ip_count": 2},
     "steps": [("create", 5)]},
    {"org": "ruishi", "industry": "medical-devices", "amount": "7000000", "trl": 6,
     "title": "人工智能肺结节CT影像辅助诊断系统产业化",
     "summary": "基于深度学习的肺结节检出与良恶性评估软件，已完成多中心回顾性验证，申报三类医疗器械注册。",
     "keywords": "医学影像, 人工智能, 肺结节",
     "answers": {"ip_count": 9, "landing_park": "北上海生物医药产业园", "market_financing": True},
     "steps": [("create", 30), ("submit", 24),
               ("return", 16, "1. 申报金额与预算明细表合计不一致（差额100万元）；\n"
                              "2. 请补充已开展临床验证的医院伦理批件。"),
               ("edit", 10, {"requested_amount": "6000000",
                             "summary": "基于深度学习的肺结节检出与良恶性评估软件，已完成三家医院多中心回顾性验证"
                             "（伦理批件见附件），申报三类医疗器械注册；预算已按明细表核定。"}),
               ("attach", 10, "other", "伦理批件.pdf"),
               ("submit", 9)]},
    {"org": "lvtan", "industry": "carbon-neutrality", "amount": "9000000", "trl": 5,
     "title": "碱性电解水制氢电极材料与装备研发",
     "summary": "开发非贵金属高活性电极与兆瓦级碱性电解槽，降低绿氢制备电耗。",
     "keywords": "绿氢, 电解水, 电极",
     "answers": {"ip_count": 12, "landing_park": "宝武（上海）碳中和产业园", "market_financing": True},
     "steps": [("create", 25), ("submit", 18), ("pass", 6)]},
    {"org": "shu-team-laser", "industry": "robotics", "amount": "4000000", "trl": 4,
     "title": "大型构件激光增材制造装备研发",
     "summary": "研发多激光协同的大尺寸金属增材制造装备及工艺，服务航空航天与模具行业。",
     "keywords": "增材制造, 激光, 装备",
     "answers": {"ip_count": 7, "landing_park": "环上大科技园", "market_financing": False},
     "steps": [("create", 22), ("submit", 10), ("start", 2)]},
    {"org": "nadi-bio", "industry": "biomedicine", "amount": "8500000", "trl": 5,
     "title": "肝外靶向mRNA罕见病药物开发",
     "summary": "在第二批支持的递送平台基础上，开发针对遗传性罕见病的mRNA蛋白替代疗法。",
     "keywords": "mRNA, 罕见病",
     "answers": {"ip_count": 15, "landing_park": "北上海生物医药产业园", "market_financing": True},
     "steps": [("create", 14), ("submit", 7)]},
    {"org": "zhiwang", "industry": "digital-economy", "amount": "3500000", "trl": 6,
     "title": "制造业数据可信流通空间建设",
     "summary": "建设面向钢铁与装备制造产业链的可信数据空间，实现数据可用不可见。",
     "keywords": "数据空间, 隐私计算",
     "answers": {"ip_count": 5, "landing_park": "数智南大产业园", "market_financing": False},
     "steps": [("create", 9), ("submit", 1)]},
    {"org": "gangxun-robot", "industry": "robotics", "amount": "5000000", "trl": 6,
     "title": "连铸平台智能作业机器人系统",
     "summary": "（草稿）面向连铸平台加渣、测温取样等高危作业，研制智能作业机器人。",
     "keywords": "连铸, 机器人",
     "answers": {"landing_park": "上海机器人产业园"},
     "steps": [("create", 2)]},
]  # fmt: skip

# ---------------------------------------------------------------------------------------
# Demo accounts, one per role (and a portfolio company's), all with DEMO_PASSWORD. Names are Chinese placeholders.
DEMO_PASSWORD = "wusong-demo-2026"  # noqa: S105 - printed on the terminal on purpose
ACCOUNTS = [
    {"role": "applicant", "role_zh": "申报人", "username": "applicant", "display_name": "张三",
     "organisation": "demo-applicant", "title": "总经理"},
    # A portfolio company's contact: files its quarterly reports and self-assessments, and
    # filed the rectification of its mid-term check.
    {"role": "applicant", "role_zh": "投后企业", "role_en": "Portfolio company",
     "username": "company", "display_name": "钱一", "organisation": "jiekong",
     "title": "总经理"},
    {"role": "expert", "role_zh": "评审专家", "username": "expert", "display_name": "李四", "organisation": None,
     "title": "教授级高级工程师"},
    {"role": "officer", "role_zh": "项目主管", "username": "officer", "display_name": "王五",
     "organisation": "bs-tech-transfer", "title": "项目经理", "runs": ["invest-first"]},
    {"role": "leader", "role_zh": "领导", "username": "leader", "display_name": "赵六", "organisation": "stc",
     "title": "分管领导"},
    {"role": "mentor", "role_zh": "导师", "username": "mentor", "display_name": "孙七", "organisation": "poc-amm",
     "title": "创业导师"},
    {"role": "broker", "role_zh": "技术经纪人", "username": "broker", "display_name": "周八",
     "organisation": "circum-shu-park", "title": "技术经理人"},
    {"role": "commissioner", "role_zh": "联合体专员", "username": "commissioner", "display_name": "吴九",
     "organisation": "stc", "title": "创新联合体服务专员"},
    {"role": "administrator", "role_zh": "系统管理员", "username": "admin", "display_name": "郑十",
     "organisation": "stc", "title": "系统管理员"},
]  # fmt: skip
