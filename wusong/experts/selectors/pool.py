"""Reads of the expert pool: the officer's list, one expert's record and history, the
rounds an expert served in, and the workbook an import starts from."""

import io

from django.db.models import Avg, Q, QuerySet, Sum
from openpyxl import Workbook

from wusong.audit.services import audit_history

from .. import permissions
from ..models import Assignment, Expert
from ..states import AssignmentState

TEMPLATE_HEADINGS = (
    "姓名",
    "单位",
    "职称",
    "学科",
    "关键词",
    "简介",
    "手机",
    "邮箱",
    "年度评审上限",
    "近期合作者",
)


def expert_pool(q: str = "") -> QuerySet:
    """Experts with their average rating and their fees in total; with `q`, those whose
    name, organisation, keywords or disciplines contain it."""
    experts = Expert.objects.select_related("organisation").annotate(
        rating=Avg("ratings__rating"), fees_total=Sum("fees__amount")
    )
    if q:
        experts = experts.filter(
            Q(name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(keywords__icontains=q)
            | Q(disciplines__icontains=q)
        )
    return experts


def experts_with_accounts() -> QuerySet:
    """Experts with their organisation and account, for one expert's page."""
    return Expert.objects.select_related("organisation", "user")


def expert_rounds(user, expert: Expert) -> QuerySet:
    """The review rounds `user` may read in which `expert` had an assignment."""
    return permissions.rounds_visible_to(user).filter(assignments__expert=expert).distinct()


def expert_record(expert: Expert) -> dict:
    """The expert's fees, ratings and how many live assignments they hold."""
    return {
        "fees": list(expert.fees.select_related("round")),
        "ratings": list(expert.ratings.select_related("round")),
        "assignments": Assignment.objects.filter(expert=expert)
        .exclude(state=AssignmentState.WITHDRAWN)
        .count(),
    }


def expert_history(expert: Expert) -> QuerySet:
    """The expert's audit entries, oldest first."""
    return audit_history(expert)


def expert_import_template() -> bytes:
    """An empty workbook with the headings an import expects."""
    book = Workbook()
    sheet = book.active
    sheet.title = "专家"
    sheet.append(TEMPLATE_HEADINGS)
    sheet.append(
        (
            "李华",
            "上海大学",
            "教授",
            "材料科学、电化学",
            "锂电池、固态电解质",
            "长期从事储能材料研究。",
            "13800000000",
            "lihua@example.com",
            12,
            "王强、某某科技有限公司",
        )
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
