"""The expert panel of a mid-term check or final acceptance, built on the review
machinery of `wusong.experts`:

- an officer of the programme forms the panel from the expert pool, by a recorded,
  repeatable draw (`kernels.draws.draw_pick`, one member per organisation group) or by
  choosing; experts conflicted with the agreement's declaration
  (`experts.selectors.conflicts_detect`) are excluded, and choosing one is
  refused with the reason;
- each member scores the check against the panel's rubric (by default the acceptance
  rubric below) like an expert scores a declaration: a score outside a criterion's
  range is refused, and submitting needs every criterion and a recommendation
  (pass / pass after rectification / fail);
- the panel sits as a review meeting (`check_meetings`: attendance,
  recusal, votes, quorum, minutes), whose close records the outcome; or, without a
  meeting, the officer sees the panel's mean and each member's recommendation and
  records the outcome. Either way it goes through
  `services.checks.check_record_outcome`, so the one-rectification and tranche-stop
  rules apply unchanged. A check is heard again after a rectification is filed: that
  second sitting has fresh sheets.

Panel records are never shown to the company, and their history is kept on the panel
and the sheets, not on the agreement the company reads.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, require
from wusong.experts.models import Expert, Rubric
from wusong.experts.selectors import OrganisationTree
from wusong.experts.services.rubrics import SeedCriterion, rubric_seed
from wusong.experts.services.scoring import sheet_scores_save
from wusong.experts.states import SheetState
from wusong.funding.permissions import runs_agreement
from wusong.kernels.draws import draw_pick

from .. import permissions
from ..models import AgreementCheck, CheckPanel, PanelMember, PanelScore, PanelSheet
from ..selectors import expert_pool, open_hearing, panel_conflicts, panel_summary, sitting_of
from ..workflow import SITTING_STATES
from . import checks

ACCEPTANCE_RUBRIC = "portfolio-acceptance"
MAX_PANEL = 15

# Code, name, English name, weight, top anchor, bottom anchor; each scored 0–10.
ACCEPTANCE_CRITERIA = (
    (
        "task_completion",
        "任务完成情况",
        "Task completion",
        30,
        "合同任务全部按期完成",
        "主要任务未完成",
    ),
    (
        "technical_indicators",
        "技术指标",
        "Technical indicators",
        25,
        "考核指标全部达到或超过",
        "关键指标未达到",
    ),
    ("use_of_funds", "资金使用", "Use of funds", 20, "专款专用、支出合规", "资金使用不规范"),
    (
        "commercial_progress",
        "商业化进展",
        "Commercial progress",
        15,
        "已形成销售或获得市场化融资",
        "尚无商业化进展",
    ),
    ("team", "团队", "Team", 10, "团队稳定、能力增强", "核心成员流失"),
)


def acceptance_rubric() -> Rubric:
    """The default rubric for mid-term checks and acceptance: task completion, technical
    indicators, use of funds, commercial progress and team. Created on first use."""
    return rubric_seed(
        ACCEPTANCE_RUBRIC,
        "项目中期检查与验收评审标准",
        "Mid-term check and final acceptance",
        (SeedCriterion(*row) for row in ACCEPTANCE_CRITERIA),
    )


def _refuse_if_heard(check: AgreementCheck, doing: str) -> None:
    hearing = open_hearing(check)
    if hearing is not None:
        raise ActionRefused(
            _("%(doing)s: the check is on the agenda of %(meeting)s, which decides it.")
            % {"doing": doing, "meeting": hearing.meeting.title}
        )


def _locked_check(check: AgreementCheck) -> AgreementCheck:
    return (
        AgreementCheck.objects.select_for_update()
        .select_related("agreement__declaration__call__programme")
        .get(pk=check.pk)
    )


@transaction.atomic
def panel_form(
    user,
    check: AgreementCheck,
    *,
    size: int | None = None,
    experts=None,
    seed: int | None = None,
    rubric: Rubric | None = None,
) -> CheckPanel:
    """Form the check's panel: draw `size` experts from the pool, or take the `experts`
    chosen. Conflicted experts are excluded from a draw, and choosing one is refused.
    A panel may be formed again until a member has submitted scores."""
    check = _locked_check(check)
    require(
        runs_agreement(user, check.agreement),
        _("Only an officer of the programme forms the panel."),
    )
    if check.state not in SITTING_STATES:
        raise ActionRefused(
            _("The panel is formed before the check is decided; this check is %(state)s.")
            % {"state": check.get_state_display()}
        )
    _refuse_if_heard(check, _("The panel cannot be formed again"))
    old = CheckPanel.objects.filter(check_record=check).first()
    if old is not None:
        if PanelSheet.objects.filter(member__panel=old, state=SheetState.SUBMITTED).exists():
            raise ActionRefused(
                _("A member has already submitted scores; the panel can no longer be changed.")
            )
        PanelScore.objects.filter(sheet__member__panel=old).delete()
        PanelSheet.objects.filter(member__panel=old).delete()
        old.delete()
    pool = list(expert_pool())
    conflicts = panel_conflicts(check, pool)
    if experts is not None:
        ids = list(dict.fromkeys(e.pk if isinstance(e, Expert) else int(e) for e in experts))
        if not ids:
            raise ValidationError({"experts": _("Choose at least one expert.")})
        if len(ids) > MAX_PANEL:
            raise ValidationError(
                {"experts": _("A panel has at most %(n)s members.") % {"n": MAX_PANEL}}
            )
        by_id = {e.pk: e for e in pool}
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise ValidationError({"experts": _("Choose active experts from the pool.")})
        conflicted = [i for i in ids if i in conflicts]
        if conflicted:
            raise ValidationError(
                {
                    "experts": [
                        _("%(name)s has a conflict of interest: %(reasons)s.")
                        % {"name": by_id[i].name, "reasons": "; ".join(conflicts[i])}
                        for i in conflicted
                    ]
                }
            )
        chosen, method, seed_text, eligible = ids, CheckPanel.Method.CHOSEN, "", []
    else:
        if size is None or not 1 <= size <= MAX_PANEL:
            raise ValidationError({"size": _("Draw from 1 to %(n)s experts.") % {"n": MAX_PANEL}})
        tree = OrganisationTree()
        eligible = [[e.pk, tree.root(e.organisation_id)] for e in pool if e.pk not in conflicts]
        if seed is None:
            seed = secrets.randbelow(10**12)
        seed_text = f"{int(seed)}:check:{check.pk}"
        chosen = draw_pick(seed_text, eligible, size, one_per_group=True)
        if len(chosen) < size:
            raise ActionRefused(
                _(
                    "Only %(found)s experts without a conflict (one per organisation) are in "
                    "the pool; draw fewer or add experts."
                )
                % {"found": len(chosen)}
            )
        method = CheckPanel.Method.DRAW
    panel = CheckPanel.objects.create(
        check_record=check,
        rubric=rubric or acceptance_rubric(),
        method=method,
        seed=seed_text,
        eligible=eligible,
        excluded={str(k): v for k, v in conflicts.items()},
        formed_by=user,
    )
    PanelMember.objects.bulk_create(
        PanelMember(panel=panel, expert_id=pk, is_chair=i == 0) for i, pk in enumerate(chosen)
    )
    audit_record(
        panel,
        actor=user,
        action="formed",
        changes={"members": [None, chosen], "excluded": [None, sorted(conflicts)]},
        note=seed_text,
    )
    return panel


@transaction.atomic
def panel_score_save(
    user,
    member: PanelMember,
    scores: dict,
    *,
    comment: str = "",
    recommendation: str = "",
    submit: bool = False,
    now=None,
) -> PanelSheet:
    """Save a member's scores for the current sitting as a draft, or submit them. Any
    score outside its criterion's range is refused; submitting needs every criterion and
    a recommendation. Nothing changes once submitted or once the check is decided."""
    now = now or timezone.now()
    member = PanelMember.objects.select_related("expert", "panel__rubric").get(pk=member.pk)
    require(
        permissions.scores_as_member(user, member),
        _("Only the panel member scores on their own sheet."),
    )
    check = _locked_check(member.panel.check_record)
    if check.state not in SITTING_STATES:
        raise ActionRefused(
            _("The check is %(state)s; the panel does not score it now.")
            % {"state": check.get_state_display()}
        )
    sheet, _created = PanelSheet.objects.select_for_update().get_or_create(
        member=member, sitting=sitting_of(check)
    )
    return sheet_scores_save(
        user,
        sheet,
        {c.code: c for c in member.panel.rubric.criteria.all()},
        scores,
        comment=(comment or "").strip(),
        recommendation=recommendation,
        submit=submit,
        now=now,
        wrong_recommendation=_("Choose pass, pass after rectification or fail."),
        no_recommendation=_("Recommend pass, pass after rectification or fail."),
    )


def panel_decide(user, check: AgreementCheck, outcome: str, findings: str = "", **options):
    """Record the outcome the panel reached, once more than half of its members have
    submitted scores for the current sitting, through the checks' own outcome rules. A
    check with no panel is decided by the checks' rules alone."""
    _refuse_if_heard(check, _("The outcome is not recorded here"))
    summary = panel_summary(check)
    if summary is not None and not summary["submitted"]:
        raise ActionRefused(
            _("No panel member has submitted scores yet; wait for the panel before deciding.")
        )
    if summary is not None and not summary["quorate"]:
        raise ActionRefused(
            _(
                "Only %(submitted)s of the panel's %(size)s members have submitted scores; "
                "the panel decides once more than half have."
            )
            % {"submitted": summary["submitted"], "size": summary["size"]}
        )
    return checks.check_record_outcome(user, check, outcome, findings, **options)
