"""Rubrics: seeding the ones the project ships (the default for the investment-first
programme among them), and custom ones."""

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction

from ..models import Criterion, Rubric

DEFAULT_CODE = "invest-first-poc"

# Technical and commercial validation, as the proof-of-concept section of the Baoshan
# measures frames them; weights sum to 100.
DEFAULT_CRITERIA = (
    (
        "novelty",
        "技术验证",
        "创新性",
        "Novelty",
        15,
        "技术原创、国际或国内领先",
        "与现有技术相比无明显创新",
    ),
    (
        "feasibility",
        "技术验证",
        "可行性",
        "Feasibility",
        15,
        "技术路线清晰，关键问题已验证",
        "技术路线不清或存在重大障碍",
    ),
    (
        "maturity",
        "技术验证",
        "成熟度",
        "Maturity",
        10,
        "已完成样机或中试，TRL 6 以上",
        "尚处原理阶段",
    ),
    (
        "ip",
        "技术验证",
        "知识产权",
        "Intellectual property",
        10,
        "核心专利已授权且权属清晰",
        "无自主知识产权或权属不清",
    ),
    (
        "market",
        "商业验证",
        "市场前景",
        "Market",
        15,
        "市场空间大、需求明确、已有用户验证",
        "市场需求不明",
    ),
    ("team", "商业验证", "团队", "Team", 15, "团队完整，技术与经营能力互补", "团队不完整"),
    (
        "business_model",
        "商业验证",
        "商业模式",
        "Business model",
        10,
        "盈利模式清晰可行",
        "商业模式不清",
    ),
    (
        "financing",
        "商业验证",
        "融资潜力",
        "Financing potential",
        10,
        "已获或即将获得市场化融资",
        "缺乏融资前景",
    ),
)


class SeedCriterion(NamedTuple):
    """A criterion of a rubric the project ships, scored 0–10: what its top and bottom
    scores mean (`high`, `low`); 5 is "一般"."""

    code: str
    name: str
    name_en: str
    weight: int
    high: str
    low: str
    group: str = ""


@transaction.atomic
def rubric_seed(code: str, name: str, name_en: str, criteria: Iterable[SeedCriterion]) -> Rubric:
    """The rubric `code`, created with `criteria` on first use; as it stands afterwards,
    whatever the office has changed."""
    rubric, created = Rubric.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name_en}
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(
                rubric=rubric,
                code=c.code,
                group=c.group,
                name=c.name,
                name_en=c.name_en,
                weight=Decimal(c.weight),
                min_score=Decimal(0),
                max_score=Decimal(10),
                anchors=[[10, c.high], [5, "一般"], [0, c.low]],
                sort=i,
            )
            for i, c in enumerate(criteria)
        )
    return rubric


def rubric_default() -> Rubric:
    """The default rubric for investment first, shares later: technical validation
    (novelty, feasibility, maturity, IP) and commercial validation (market, team, business
    model, financing potential), each scored 0–10. Created on first use."""
    return rubric_seed(
        DEFAULT_CODE,
        "先投后股项目评审标准（技术验证与商业验证）",
        "Investment first: technical and commercial validation",
        (
            SeedCriterion(code, name, name_en, weight, high, low, group)
            for code, group, name, name_en, weight, high, low in DEFAULT_CRITERIA
        ),
    )


@transaction.atomic
def rubric_create(code: str, name: str, criteria: list[dict], name_en: str = "") -> Rubric:
    """A rubric from a list of criteria: code, name, weight, min_score, max_score, anchors."""
    rubric = Rubric.objects.create(code=code, name=name, name_en=name_en)
    for i, c in enumerate(criteria):
        criterion = Criterion(rubric=rubric, sort=i, **c)
        criterion.full_clean()
        criterion.save()
    return rubric
