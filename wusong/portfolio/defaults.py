"""The default five-dimension indicators, each on a 1–5 scale with anchors at 1, 3 and 5.
Loaded by a data migration; the office edits them afterwards (admin or the API)."""

# (dimension, code, name, name_en, {value: (anchor_zh, anchor_en)})
DEFAULT_INDICATORS = [
    (
        "business",
        "business-model",
        "商业模式清晰",
        "Business model clear",
        {
            1: ("尚无清晰的收入来源", "No clear source of revenue yet"),
            3: ("收入模式明确，尚待验证", "Revenue model defined, not yet proven"),
            5: ("收入模式已被付费客户验证", "Revenue model proven by paying customers"),
        },
    ),
    (
        "business",
        "product-maturity",
        "产品与技术成熟度",
        "Product and technology maturity",
        {
            1: ("原理验证阶段", "Proof of principle"),
            3: ("样机或中试完成", "Prototype or pilot done"),
            5: ("产品定型并批量交付", "Product fixed and delivered in volume"),
        },
    ),
    (
        "business",
        "business-plan",
        "商业计划书质量",
        "Quality of the business plan",
        {
            1: ("没有或严重过时", "None, or badly out of date"),
            3: ("完整但假设未经检验", "Complete, assumptions untested"),
            5: ("完整、数据支撑、投资人可读", "Complete, backed by data, investor-ready"),
        },
    ),
    (
        "team",
        "core-team",
        "核心团队完整",
        "Core team complete",
        {
            1: ("仅有技术带头人", "Technical lead only"),
            3: (
                "技术与经营骨干到位，缺关键岗位",
                "Technical and business leads, key roles missing",
            ),
            5: (
                "技术、产品、市场、财务均有专人",
                "Technology, product, market and finance all staffed",
            ),
        },
    ),
    (
        "team",
        "founder-commitment",
        "创始人全职投入",
        "Founders committed full time",
        {
            1: ("创始人均为兼职", "All founders part-time"),
            3: ("部分创始人全职", "Some founders full-time"),
            5: ("创始团队全职并持股", "Founding team full-time and holding shares"),
        },
    ),
    (
        "team",
        "incentives",
        "股权激励机制",
        "Equity incentives",
        {
            1: ("无", "None"),
            3: ("已有方案未实施", "Planned, not in place"),
            5: ("已实施并覆盖骨干", "In place and covering key staff"),
        },
    ),
    (
        "compliance",
        "registration-equity",
        "公司登记与股权结构清晰",
        "Company registration and equity structure clear",
        {
            1: ("未注册或股权存在代持争议", "Not registered, or nominee holdings in dispute"),
            3: ("已注册，股权结构需梳理", "Registered, equity structure needs tidying"),
            5: ("登记完备，股权清晰", "Fully registered, equity clear"),
        },
    ),
    (
        "compliance",
        "ip-ownership",
        "知识产权权属清晰",
        "IP ownership clear",
        {
            1: ("成果权属未确认", "Ownership of the results not settled"),
            3: ("已转让或许可，手续未完", "Assigned or licensed, formalities pending"),
            5: ("权属清晰并已登记", "Ownership clear and registered"),
        },
    ),
    (
        "compliance",
        "litigation-credit",
        "无诉讼及失信记录",
        "No litigation or credit-blacklist record",
        {
            1: ("有重大诉讼或失信记录", "Material litigation or blacklisted"),
            3: ("有小额纠纷", "Minor disputes"),
            5: ("无任何记录", "No record at all"),
        },
    ),
    (
        "compliance",
        "audited-accounts",
        "财务经审计",
        "Financial records audited",
        {
            1: ("无规范账目", "No proper books"),
            3: ("有代账，未审计", "Bookkeeping, not audited"),
            5: ("年度财务已审计", "Annual accounts audited"),
        },
    ),
    (
        "marketing",
        "target-market",
        "目标市场与客户明确",
        "Target market and customers clear",
        {
            1: ("未界定", "Not defined"),
            3: ("已界定，有意向客户", "Defined, with interested customers"),
            5: ("已有签约客户", "Signed customers"),
        },
    ),
    (
        "marketing",
        "channels",
        "销售渠道",
        "Sales channels",
        {
            1: ("没有渠道", "No channel"),
            3: ("有一条渠道在试", "One channel being tried"),
            5: ("多渠道稳定出货", "Several channels selling steadily"),
        },
    ),
    (
        "marketing",
        "reference-customers",
        "标杆客户与试用",
        "Reference customers and trials",
        {
            1: ("无", "None"),
            3: ("有试用", "Trials under way"),
            5: ("有可公开的标杆客户", "Reference customers who can be named"),
        },
    ),
    (
        "capital",
        "runway",
        "现金可支撑月数",
        "Months of runway",
        {
            1: ("少于3个月", "Under 3 months"),
            3: ("6至12个月", "6 to 12 months"),
            5: ("18个月以上", "Over 18 months"),
        },
    ),
    (
        "capital",
        "financing-pipeline",
        "融资进展",
        "Financing pipeline",
        {
            1: ("未启动", "Not started"),
            3: ("在谈，有条款意向", "In talks, term sheet in sight"),
            5: ("本轮已交割", "Current round closed"),
        },
    ),
    (
        "capital",
        "investor-interest",
        "投资人关注度",
        "Investor interest",
        {
            1: ("无投资人接触", "No investor contact"),
            3: ("多家投资人跟进", "Several investors following"),
            5: ("有领投方", "A lead investor committed"),
        },
    ),
]
