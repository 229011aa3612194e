"""Benchmark of the text-affinity kernel (wusong.kernels.affinity); not part of the tests.

Generates declarations and experts with mixed Chinese/English texts of realistic length
(a declaration's summary is 250-450 characters, an expert's profile 80-200) from a
vocabulary of 16 technical domains, compound terms, organisation names and filler
sentences, then times each declaration's top-K experts and prints wall time and peak
memory (resident set size). Usage:

    .venv/bin/python bench/affinity_bench.py                  # everything below
    .venv/bin/python bench/affinity_bench.py 2000 1000 --top-k 50
    .venv/bin/python bench/affinity_bench.py --duplicates 2000  # 2,000 new vs 2,000 earlier
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from wusong.kernels.affinity import (  # noqa: E402
    DeclarationRecord,
    DeclarationText,
    ExpertText,
    duplicates_find,
)
from wusong.kernels.tests.affinity_top_k import affinity_top_k, affinity_triples  # noqa: E402

DOMAINS = {
    "新能源": (
        "锂电池 水系电池 固态电解质 正极材料 负极材料 储能系统 光伏组件 钙钛矿电池 氢燃料电池 "
        "电解水制氢 风力发电 逆变器 充电桩 电池管理系统 热管理 钠离子电池 液流电池 隔膜",
        "lithium-ion battery;solid-state electrolyte;energy storage;photovoltaic;hydrogen;fuel cell",
        "材料科学与工程 电化学 电气工程 能源动力",
    ),
    "新材料": (
        "石墨烯 碳纤维 复合材料 高分子材料 陶瓷材料 纳米材料 涂层 合金 稀土永磁 半导体材料 "
        "薄膜 增材制造 金属粉末 特种钢 生物基材料 气凝胶 超导材料",
        "graphene;carbon fiber;composite;polymer;coating;thin film;additive manufacturing",
        "材料科学与工程 化学工程 冶金工程 高分子科学",
    ),
    "生物医药": (
        "抗体药物 细胞治疗 基因编辑 疫苗 小分子药物 靶向治疗 肿瘤免疫 干细胞 核酸药物 "
        "医疗器械 体外诊断 mRNA 多肽药物 中药现代化 药物递送 类器官",
        "antibody;CAR-T;gene editing;vaccine;drug delivery;immunotherapy;diagnostics",
        "药学 生物医学工程 免疫学 临床医学 分子生物学",
    ),
    "人工智能": (
        "机器学习 深度学习 计算机视觉 自然语言处理 大模型 知识图谱 智能决策 语音识别 "
        "推荐系统 边缘计算 联邦学习 强化学习 图像识别 智能问答 数据标注",
        "machine learning;deep learning;computer vision;large language model;reinforcement learning",
        "计算机科学与技术 软件工程 控制科学与工程 人工智能",
    ),
    "集成电路": (
        "芯片设计 晶圆制造 封装测试 光刻 刻蚀 功率半导体 传感器芯片 射频芯片 存储器 "
        "模拟芯片 碳化硅 氮化镓 EDA工具 先进封装 MEMS",
        "chip design;wafer;lithography;power semiconductor;SiC;GaN;EDA",
        "微电子学 电子科学与技术 集成电路设计 物理电子学",
    ),
    "智能制造": (
        "工业机器人 数控机床 工业互联网 数字孪生 智能工厂 视觉检测 减速器 伺服电机 "
        "协作机器人 柔性制造 预测性维护 工业软件 精密加工 激光加工",
        "industrial robot;digital twin;CNC;predictive maintenance;smart factory",
        "机械工程 控制工程 工业工程 仪器科学",
    ),
    "环境保护": (
        "污水处理 土壤修复 固废资源化 大气治理 碳捕集 膜分离 催化降解 生态修复 "
        "垃圾焚烧 重金属去除 环境监测 碳中和 节能减排",
        "wastewater treatment;carbon capture;membrane separation;soil remediation",
        "环境科学与工程 化学 生态学",
    ),
    "航空航天": (
        "无人机 卫星导航 航空发动机 复合材料结构 飞行控制 商业航天 遥感卫星 "
        "低空经济 航电系统 火箭回收 空天信息",
        "UAV;satellite navigation;aero engine;flight control;remote sensing",
        "航空宇航科学与技术 力学 控制科学与工程",
    ),
    "海洋工程": (
        "海洋装备 海上风电 水下机器人 船舶设计 海水淡化 深海探测 海洋牧场 港口自动化",
        "offshore wind;underwater robot;ship design;desalination",
        "船舶与海洋工程 海洋科学 水利工程",
    ),
    "农业科技": (
        "智慧农业 植物工厂 种业 生物育种 农业无人机 精准灌溉 土壤改良 动物疫苗 食品安全 冷链物流",
        "precision agriculture;breeding;plant factory;food safety",
        "作物学 农业工程 食品科学与工程 兽医学",
    ),
    "信息通信": (
        "5G通信 光通信 物联网 卫星互联网 网络安全 区块链 云计算 量子通信 边缘网关 工业以太网",
        "5G;optical communication;IoT;cybersecurity;blockchain;cloud computing",
        "信息与通信工程 网络空间安全 计算机科学与技术",
    ),
    "医疗器械": (
        "医学影像 手术机器人 可穿戴设备 康复器械 植入器械 超声诊断 内窥镜 呼吸机 血糖监测 远程医疗",
        "medical imaging;surgical robot;wearable;ultrasound;endoscope",
        "生物医学工程 临床医学 医学影像学",
    ),
    "新能源汽车": (
        "电驱动系统 自动驾驶 智能座舱 车规级芯片 动力电池 燃料电池汽车 轻量化车身 车联网 线控底盘",
        "autonomous driving;electric drive;power battery;vehicle networking",
        "车辆工程 交通运输工程 控制科学与工程",
    ),
    "化工": (
        "精细化工 催化剂 绿色化工 电子化学品 特种气体 化工过程强化 生物制造 合成生物学 酶工程",
        "catalyst;fine chemicals;synthetic biology;process intensification",
        "化学工程与技术 化学 生物工程",
    ),
    "节能建筑": (
        "装配式建筑 建筑节能 绿色建材 智能建造 建筑光伏 保温材料 BIM 智慧城市 城市更新",
        "prefabricated building;building energy;BIM;smart city",
        "土木工程 建筑学 城乡规划",
    ),
    "检验检测": (
        "计量校准 无损检测 质谱分析 色谱分析 标准物质 检测仪器 光谱仪 失效分析",
        "non-destructive testing;mass spectrometry;calibration;spectrometer",
        "仪器科学与技术 分析化学 计量学",
    ),
}

MODIFIERS = [
    "高性能",
    "低成本",
    "新型",
    "智能",
    "柔性",
    "绿色",
    "高效",
    "纳米",
    "微型",
    "可降解",
    "高精度",
    "大功率",
    "多功能",
    "长寿命",
    "超薄",
    "轻量化",
    "高安全",
    "国产化",
    "集成化",
    "模块化",
    "高通量",
    "自主可控",
    "高可靠",
    "低功耗",
]
ACTIONS = [
    "研发",
    "关键技术研究",
    "研制及产业化",
    "开发与应用",
    "中试验证",
    "工程化",
    "示范应用",
    "平台建设",
]
PROBLEMS = [
    "成本高",
    "寿命短",
    "安全性差",
    "效率低",
    "依赖进口",
    "工艺复杂",
    "能耗高",
    "精度不足",
    "良率低",
    "稳定性差",
]
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲兰飞鹏辉斌宇浩凯健俊帆帅旭宁欣婷雪琳晨曦瑶怡佳嘉"
PLACES = [
    "宝山",
    "杨浦",
    "浦东",
    "闵行",
    "嘉定",
    "松江",
    "张江",
    "临港",
    "苏州",
    "杭州",
    "合肥",
    "南京",
    "无锡",
    "宁波",
]
ENGLISH_FILLER = (
    "The project develops {e} with {e2}, reducing cost by {n}% and improving efficiency. "
    "Our team has {n} patents on {e}. Pilot tests of {e2} were completed in {p}."
)
TITLES = ("教授", "研究员", "副教授", "高级工程师", "总工程师", "副研究员")
ORG_TAILS = ("大学", "研究院", "科技有限公司", "研究所", "实验室", "集团有限公司")


class Generator:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.domains = []
        for industry, (zh, en, disc) in DOMAINS.items():
            self.domains.append((industry, zh.split(), en.split(";"), disc.split()))

    def org(self) -> str:
        r = self.r
        return r.choice(PLACES) + "".join(r.sample(COMMON, r.randint(2, 3))) + r.choice(ORG_TAILS)

    def person(self) -> str:
        r = self.r
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2)))

    def term(self, domain) -> str:
        r = self.r
        head = r.choice(domain[1])
        return r.choice(MODIFIERS) + head if r.random() < 0.4 else head

    def domain_pair(self):
        r = self.r
        main = r.choice(self.domains)
        return main, (main if r.random() < 0.6 else r.choice(self.domains))

    def summary(self, main, other) -> str:
        r = self.r
        t = lambda: self.term(main if r.random() < 0.75 else other)  # noqa: E731
        sentences = [
            f"本项目针对{t()}领域{r.choice(PROBLEMS)}、{r.choice(PROBLEMS)}的问题，研发{t()}与{t()}。",
            f"项目依托{self.org()}，在{t()}、{t()}方面形成{r.randint(2, 30)}项发明专利。",
            f"通过{t()}和{t()}的协同设计，关键指标达到国际先进水平，{r.choice(PROBLEMS)}问题得到解决。",
            f"产品已在{r.choice(PLACES)}完成中试验证，预计{r.randint(2025, 2029)}年实现产业化，"
            f"年产值约{r.randint(500, 50000)}万元。",
            f"团队负责人{self.person()}长期从事{t()}研究，核心成员来自{self.org()}。",
            f"项目将建设{t()}示范线，形成{t()}成套技术，服务{r.choice(DOMAINS_LIST)}产业。",
            f"主要创新点包括{t()}、{t()}以及{t()}。",
            f"与传统{t()}相比，{t()}在{r.choice(PROBLEMS)}方面具有明显优势，成本降低{r.randint(10, 60)}%。",
            f"项目已与{self.org()}签订合作协议，共建{t()}联合实验室，开展{t()}应用验证。",
            f"拟申请资金{r.randint(50, 500)}万元，用于{t()}设备购置、{t()}工艺开发和人才引进。",
            f"市场方面，{r.choice(DOMAINS_LIST)}领域对{t()}的需求快速增长，目标客户包括{self.org()}等。",
        ]
        r.shuffle(sentences)
        text = "".join(sentences[: r.randint(6, 10)])
        if r.random() < 0.3:
            dom = main if r.random() < 0.75 else other
            text += " " + ENGLISH_FILLER.format(
                e=r.choice(dom[2]), e2=r.choice(dom[2]), n=r.randint(5, 60), p=r.choice(PLACES)
            )
        return text

    def declaration(self) -> DeclarationText:
        r = self.r
        main, other = self.domain_pair()
        keywords = [self.term(main) for _ in range(r.randint(3, 5))]
        if r.random() < 0.3:
            keywords.append(r.choice(main[2]))
        title = (
            f"{self.term(main)}{r.choice(['与', '及', '的'])}{self.term(main)}{r.choice(ACTIONS)}"
        )
        return DeclarationText(
            title=title,
            summary=self.summary(main, other),
            keywords="；".join(keywords),
            industry=main[0],
        )

    def expert(self) -> ExpertText:
        r = self.r
        main, other = self.domain_pair()
        keywords = [self.term(main) for _ in range(r.randint(3, 6))]
        keywords += [self.term(other) for _ in range(r.randint(0, 2))]
        if r.random() < 0.4:
            keywords.append(r.choice(main[2]))
        topics = "、".join(self.term(main) for _ in range(r.randint(2, 4)))
        profile = (
            f"{self.org()}{r.choice(TITLES)}，博士生导师，长期从事{topics}研究，"
            f"主持国家自然科学基金项目{r.randint(1, 9)}项，发表SCI论文{r.randint(10, 200)}篇，"
            f"授权发明专利{r.randint(1, 60)}项。"
        )
        if r.random() < 0.5:
            profile += f"曾任{self.org()}{r.choice(TITLES)}，参与{self.term(other)}项目评审。"
        if r.random() < 0.3:
            profile += f" Research interests: {', '.join(r.sample(main[2], min(3, len(main[2]))))}."
        self.last_domain = main[0]
        return ExpertText(
            disciplines="、".join(r.sample(main[3], r.randint(1, 2))),
            keywords="，".join(keywords),
            profile=profile,
        )


DOMAINS_LIST = list(DOMAINS)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n_decl: int, n_exp: int, top_k: int, seed: int) -> None:
    gen = Generator(seed)
    t0 = time.perf_counter()
    declarations = [gen.declaration() for _ in range(n_decl)]
    experts, expert_domain = [], []
    for _ in range(n_exp):
        experts.append(gen.expert())
        expert_domain.append(gen.last_domain)
    t_gen = time.perf_counter() - t0
    chars = sum(len(d.title) + len(d.summary) + len(d.keywords) for d in declarations)
    chars += sum(len(e.profile) + len(e.keywords) + len(e.disciplines) for e in experts)
    rss_before = peak_rss_mib()
    cpu0, t0 = time.process_time(), time.perf_counter()
    result = affinity_top_k(declarations, experts, top_k)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    per_row = np.diff(result.indptr)
    rows, cols, _ = affinity_triples(result)
    first = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    expert_domain = np.asarray(expert_domain)
    industry = np.asarray([d.industry for d in declarations])
    same_domain = float(np.mean(expert_domain[cols[first]] == industry[rows[first]]))
    print(
        f"affinity {n_decl} x {n_exp}, top-{top_k}: {wall:.2f} s wall ({cpu:.2f} s CPU), "
        f"peak RSS {peak_rss_mib():.0f} MiB (inputs alone {rss_before:.0f} MiB), "
        f"{chars / 1e6:.1f} M characters (generated in {t_gen:.1f} s), {result.nnz} pairs, "
        f"mean best score {result.max(axis=1).mean():.3f}, best expert from the "
        f"declaration's domain {same_domain:.1%}, rows short of {top_k}: "
        f"{int((per_row < top_k).sum())}, load average {os.getloadavg()[0]:.1f}"
    )


def run_duplicates(n: int, seed: int) -> None:
    """n declarations of this call against n of earlier calls, with 2-6 team members each
    drawn from common Chinese names (so unrelated projects share names often)."""
    gen = Generator(seed)

    def record(key: int) -> DeclarationRecord:
        d = gen.declaration()
        team = tuple(gen.person() for _ in range(gen.r.randint(2, 6)))
        return DeclarationRecord(key, d.title, d.summary, d.keywords, d.industry, team)

    current = [record(i) for i in range(n)]
    earlier = [record(n + i) for i in range(n)]
    # Plant reworded copies: shuffled sentences, a new title word, another team.
    for i in range(0, n, 100):
        src = earlier[i]
        sentences = [s for s in src.summary.split("。") if s]
        gen.r.shuffle(sentences)
        current[i] = DeclarationRecord(
            i, src.title + "研究", "。".join(sentences) + "。", src.keywords, src.industry, ()
        )
    rss_before = peak_rss_mib()
    cpu0, t0 = time.process_time(), time.perf_counter()
    pairs = duplicates_find(current, earlier)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    planted = {(i + n, i) for i in range(0, n, 100)}
    found = {(p.first, p.second) for p in pairs if "similar_text" in p.reasons}
    by_reason: dict[str, int] = {}
    for p in pairs:
        by_reason["+".join(p.reasons)] = by_reason.get("+".join(p.reasons), 0) + 1
    print(
        f"duplicates {n} current vs {n} earlier: {wall:.2f} s wall ({cpu:.2f} s CPU), "
        f"peak RSS {peak_rss_mib():.0f} MiB (inputs alone {rss_before:.0f} MiB), "
        f"{len(pairs)} pairs flagged {by_reason}, planted copies found "
        f"{len(planted & found)}/{len(planted)}, load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="declarations experts")
    parser.add_argument("--top-k", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20260611)
    parser.add_argument(
        "--duplicates", type=int, metavar="N", help="time duplicate detection, N vs N"
    )
    args = parser.parse_args()
    if args.duplicates:
        run_duplicates(args.duplicates, args.seed)
        return
    if args.sizes:
        if len(args.sizes) != 2:
            parser.error("give two sizes: declarations experts")
        run(*args.sizes, args.top_k, args.seed)
        return
    # One process per run, so that each peak memory figure is its own.
    common = ["--top-k", str(args.top_k), "--seed", str(args.seed)]
    for n_decl, n_exp in ((2_000, 1_000), (20_000, 10_000)):
        subprocess.run([sys.executable, __file__, str(n_decl), str(n_exp), *common], check=True)
    for n in (2_000, 20_000):
        subprocess.run([sys.executable, __file__, "--duplicates", str(n), *common], check=True)


if __name__ == "__main__":
    main()
