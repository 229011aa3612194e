"""Scores against a rubric: an expert's sheet (drafts, submission before the deadline)
and the one way any score sheet is checked, saved and submitted."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.ranking import sheet_total

from .. import permissions
from ..models import Assignment, ScoreSheet
from ..states import SheetState


def _parse(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def rubric_scores_check(criteria: dict, scores: dict, *, submit: bool):
    """Parse a sheet's scores against its rubric's criteria (code → Criterion): numbers
    within each criterion's range, at most two decimals, every criterion on submit.
    Returns (parsed scores, errors by field); shared by every place that scores a rubric."""
    errors: dict[str, list[str]] = {}
    unknown = set(scores) - set(criteria)
    if unknown:
        errors.setdefault("scores", []).append(
            _("The rubric has no criterion %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    parsed: dict[str, Decimal] = {}
    for code, criterion in criteria.items():
        try:
            value = _parse(scores.get(code))
        except ValueError:
            errors[code] = [_("“%(value)s” is not a number.") % {"value": scores.get(code)}]
            continue
        if value is None:
            if submit:
                errors[code] = [_("Score “%(name)s”.") % {"name": criterion.label}]
            continue
        if not criterion.min_score <= value <= criterion.max_score:
            errors[code] = [
                _("%(value)s is outside the range of “%(name)s”: %(low)s to %(high)s.")
                % {
                    "value": value,
                    "name": criterion.label,
                    "low": _plain(criterion.min_score),
                    "high": _plain(criterion.max_score),
                }
            ]
            continue
        if value != value.quantize(Decimal("0.01")):
            errors[code] = [_("Give at most two decimal places.")]
            continue
        parsed[code] = value
    return parsed, errors


def sheet_scores_save(
    user,
    sheet,
    criteria: dict,
    scores: dict,
    *,
    comment: str,
    recommendation: str,
    submit: bool,
    now,
    wrong_recommendation: str,
    no_recommendation: str,
):
    """Save scores on a score sheet of any kind (an expert's, a check panel member's)
    against its rubric's `criteria` (code → Criterion), as a draft or submitted through
    the sheet's declared `submit` transition. Any score outside its criterion's range is
    refused; submitting needs every criterion and one of the sheet's `Recommendation`s
    (`wrong_recommendation` and `no_recommendation` say which). The total is kept to the
    places the sheet's `total` keeps. Nothing changes once the sheet is submitted. Call
    inside the caller's transaction, with the sheet locked."""
    if sheet.state == SheetState.SUBMITTED:
        raise ActionRefused(_("These scores are already submitted and can no longer be changed."))
    parsed, errors = rubric_scores_check(criteria, scores, submit=submit)
    if recommendation and recommendation not in type(sheet).Recommendation.values:
        errors["recommendation"] = [wrong_recommendation]
    elif submit and not recommendation:
        errors["recommendation"] = [no_recommendation]
    if errors:
        raise ValidationError(errors)
    before = {s.criterion.code: str(s.score) for s in sheet.scores.select_related("criterion")}
    sheet.scores.all().delete()
    score_model = sheet.scores.model
    score_model.objects.bulk_create(
        score_model(sheet=sheet, criterion=criteria[code], score=value)
        for code, value in parsed.items()
    )
    sheet.comment = comment
    sheet.recommendation = recommendation
    places = type(sheet)._meta.get_field("total").decimal_places
    sheet.total = (
        sheet_total(
            [
                (v, criteria[c].weight, criteria[c].min_score, criteria[c].max_score)
                for c, v in parsed.items()
            ]
        ).quantize(Decimal(1).scaleb(-places))
        if len(parsed) == len(criteria)
        else None
    )
    after = {code: str(v) for code, v in parsed.items()}
    changes = {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    } | ({"recommendation": [None, recommendation]} if recommendation else {})
    if submit:
        sheet.submitted_at = now
        transition_fire(user, sheet, "submit", action="scores_submitted", changes=changes)
    else:
        sheet.save()
        audit_record(sheet, actor=user, action="scores_saved", changes=changes)
    return sheet


@transaction.atomic
def score_save(
    user,
    assignment: Assignment,
    scores: dict,
    *,
    comment: str = "",
    recommendation: str = "",
    submit: bool = False,
    now=None,
) -> ScoreSheet:
    """Save the expert's scores as a draft, or submit them. ``scores`` maps criterion codes
    to numbers. Any score outside its criterion's range is refused; submitting also needs
    every criterion and a recommendation. Nothing is saved after the round's deadline or
    once the sheet is submitted."""
    now = now or timezone.now()
    if not permissions.may_open_declaration(user, assignment):
        raise NotAllowed(
            _("Accept the commitment and confirm you have no conflict before scoring.")
        )
    assignment = Assignment.objects.select_related("round__rubric").get(pk=assignment.pk)
    review_round = assignment.round
    if review_round.deadline_passed(now):
        raise ActionRefused(
            _("The deadline for scores was %(date)s; scores are no longer accepted.")
            % {"date": timezone.localtime(review_round.deadline).strftime("%Y-%m-%d %H:%M")}
        )
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(assignment=assignment)
    return sheet_scores_save(
        user,
        sheet,
        {c.code: c for c in review_round.rubric.criteria.all()},
        scores,
        comment=comment,
        recommendation=recommendation,
        submit=submit,
        now=now,
        wrong_recommendation=_("Choose fund, candidate or do not fund."),
        no_recommendation=_("Recommend fund, candidate or do not fund."),
    )
