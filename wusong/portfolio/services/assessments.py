"""The five-dimension indicators the office edits, and assessments: the manager's and
the company's own, scored against the indicators in use."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record, field_changes
from wusong.audit.transitions import fields_apply
from wusong.errors import require
from wusong.kernels import assessment as scoring

from .. import permissions
from ..dimensions import DIMENSIONS
from ..models import Anchor, Assessment, Indicator, Project, Score
from .projects import fields_text


def _today() -> dt.date:
    return timezone.localdate()


# Indicators


@transaction.atomic
def indicator_save(
    user,
    *,
    indicator: Indicator | None = None,
    anchors: list[tuple[int, str, str]] | None = None,
    **fields,
) -> Indicator:
    """Create or change an indicator and, when given, replace its anchors. Past scores
    keep the scale and weight they were given on."""
    require(permissions.is_manager_role(user), _("Only the office edits indicators."))
    before = {}
    if indicator is None:
        indicator = Indicator()
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        before = fields_text(fields)(indicator)
    fields_apply(indicator, fields, Indicator.EDITABLE_FIELDS)
    indicator.full_clean()
    if indicator.scale_max <= indicator.scale_min:
        raise ValidationError({"scale_max": _("The highest score must be above the lowest.")})
    indicator.save()
    if anchors is not None:
        for value, _zh, _en in anchors:
            if not indicator.scale_min <= value <= indicator.scale_max:
                raise ValidationError(
                    {
                        "anchors": _("Anchor %(value)s is outside the scale %(min)s–%(max)s.")
                        % {"value": value, "min": indicator.scale_min, "max": indicator.scale_max}
                    }
                )
        indicator.anchors.all().delete()
        Anchor.objects.bulk_create(
            Anchor(indicator=indicator, value=v, description=zh, description_en=en)
            for v, zh, en in anchors
        )
    audit_record(
        indicator,
        actor=user,
        action="edited" if before else "created",
        changes=field_changes(before, fields_text(fields)(indicator))
        | ({"anchors": [None, len(anchors)]} if anchors else {}),
    )
    return indicator


# Assessments


def _scores_in(raw: dict) -> dict[Indicator, tuple[int, str]]:
    """{indicator code or Indicator: value or (value, comment)} → checked scores."""
    if not raw:
        raise ValidationError(_("Score at least one indicator."))
    active = {i.code: i for i in Indicator.objects.filter(active=True)}
    out = {}
    for key, given in raw.items():
        code = key.code if isinstance(key, Indicator) else str(key)
        if code not in active:
            raise ValidationError(_("There is no indicator “%(code)s” in use.") % {"code": code})
        indicator = active[code]
        value, comment = given if isinstance(given, tuple | list) else (given, "")
        if value in (None, ""):
            continue
        try:
            number = Decimal(str(value))
        except ArithmeticError as exc:
            raise ValidationError(
                _("The score for “%(indicator)s” is not a number.") % {"indicator": indicator}
            ) from exc
        if number != number.to_integral_value() or not (
            indicator.scale_min <= number <= indicator.scale_max
        ):
            raise ValidationError(
                {
                    code: _(
                        "The score for “%(indicator)s” must be a whole number from %(min)s to %(max)s; %(value)s is outside its scale."
                    )
                    % {
                        "indicator": indicator.label,
                        "min": indicator.scale_min,
                        "max": indicator.scale_max,
                        "value": value,
                    }
                }
            )
        out[indicator] = (int(number), str(comment or "")[:300])
    if not out:
        raise ValidationError(_("Score at least one indicator."))
    return out


@transaction.atomic
def assessment_record(
    user,
    project: Project,
    kind: str,
    scores: dict,
    *,
    assessed_on: dt.date | None = None,
    summary: str = "",
) -> Assessment:
    """Record a manager's assessment or the company's self-assessment. A manager's
    assessment is paired with the company's latest self-assessment filed since the
    previous manager's assessment, so the two are shown side by side."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if kind == Assessment.Kind.SELF:
        require(
            permissions.is_company(user, project),
            _("Only the company itself files its self-assessment."),
        )
    elif kind == Assessment.Kind.MANAGER:
        require(permissions.manages(user, project), _("Only the project's manager assesses it."))
    else:
        raise ValidationError(_("Choose a manager's assessment or a self-assessment."))
    assessed_on = assessed_on or _today()
    if assessed_on > _today():
        raise ValidationError({"assessed_on": _("An assessment cannot be dated in the future.")})
    checked = _scores_in(scores)
    dims = scoring.dimension_scores(
        DIMENSIONS,
        [
            scoring.ScoredIndicator(i.dimension, Decimal(v), i.scale_min, i.scale_max, i.weight)
            for i, (v, _c) in checked.items()
        ],
    )
    assessment = Assessment(
        project=project,
        kind=kind,
        assessed_on=assessed_on,
        assessed_by=user,
        summary=summary,
        overall=scoring.overall_score(dims),
        weakest=scoring.weakest(dims, DIMENSIONS) or "",
        **dims,
    )
    if kind == Assessment.Kind.MANAGER:
        previous = (
            project.assessments.filter(kind=Assessment.Kind.MANAGER)
            .order_by("-assessed_on", "-id")
            .first()
        )
        selfs = project.assessments.filter(kind=Assessment.Kind.SELF, assessed_on__lte=assessed_on)
        if previous:
            selfs = selfs.filter(assessed_on__gte=previous.assessed_on)
        assessment.self_assessment = selfs.order_by("-assessed_on", "-id").first()
    assessment.save()
    Score.objects.bulk_create(
        Score(
            assessment=assessment,
            indicator=i,
            value=v,
            comment=c,
            scale_min=i.scale_min,
            scale_max=i.scale_max,
            weight=i.weight,
        )
        for i, (v, c) in checked.items()
    )
    audit_record(
        assessment,
        actor=user,
        action="recorded",
        changes={d: [None, str(s) if s is not None else None] for d, s in dims.items()},
        note=summary,
    )
    return assessment
