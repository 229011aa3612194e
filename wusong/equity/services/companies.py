"""A portfolio company's equity on the ledger: its form, fully diluted units and holders.
Writes that touch a company's units lock its equity profile row (SELECT … FOR UPDATE on
PostgreSQL; an IMMEDIATE transaction on SQLite)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.errors import ActionRefused, NotAllowed
from wusong.funding.terms import kernel_refused
from wusong.kernels.conversion import CompanyForm as KernelForm
from wusong.kernels.conversion import ConversionInputError, on_unit_grid

from ..models import CapTableLine, CompanyForm, EquityProfile, Holding
from ..permissions import runs_company

ZERO = Decimal(0)


def units_on_grid(value, field: str, form: str, allow_zero: bool = False) -> Decimal:
    try:
        return on_unit_grid(value, field, KernelForm(form), "units", allow_zero)
    except ConversionInputError as exc:
        raise kernel_refused(exc) from None


def lock_profile(organisation) -> EquityProfile:
    try:
        return EquityProfile.objects.select_for_update().get(organisation=organisation)
    except EquityProfile.DoesNotExist:
        raise ActionRefused(
            _("Record %(company)s's equity (company form and fully diluted units) first.")
            % {"company": organisation}
        ) from None


@transaction.atomic
def equity_profile_set(
    user, organisation, *, form: str, units, lines: list[dict], formation_date=None
) -> EquityProfile:
    """Record a portfolio company's form, fully diluted units and holders. Each line is
    {"name", "units", "organisation" (optional)}. The lines of a programme holder that
    already holds units are kept by the ledger and cannot be set here."""
    if not runs_company(user, organisation):
        raise NotAllowed(
            _("Only an officer of a programme funding this company records its equity.")
        )
    if form not in CompanyForm.values:
        raise ValidationError({"form": _("Choose a limited liability or a joint-stock company.")})
    profile = EquityProfile.objects.select_for_update().filter(organisation=organisation).first()
    if profile and profile.form != form and (profile.rounds.exists() or _held(profile)):
        raise ActionRefused(
            _("The company form cannot change once rounds or holdings are recorded.")
        )
    total = units_on_grid(units, "units", form)
    kept = {line.name: line for line in (profile.lines.all() if profile else []) if _keeps(line)}
    names, given = set(), []
    for i, line in enumerate(lines):
        name = str(line.get("name", "")).strip()
        if not name:
            raise ValidationError({f"lines[{i}].name": _("Each holder needs a name.")})
        if name in names:
            raise ValidationError(
                {f"lines[{i}].name": _("%(name)s is listed twice.") % {"name": name}}
            )
        if name in kept:
            raise ValidationError(
                {
                    f"lines[{i}].name": _(
                        "%(name)s's units come from its conversions and exits; they are not set by hand."
                    )
                    % {"name": name}
                }
            )
        names.add(name)
        given.append(
            (
                name,
                line.get("organisation"),
                units_on_grid(line.get("units"), f"lines[{i}].units", form, True),
            )
        )
    itemised = sum((u for _n, _o, u in given), ZERO) + sum((k.units for k in kept.values()), ZERO)
    if itemised > total:
        raise ValidationError(
            {
                "lines": _(
                    "The holders' units (%(sum)s) exceed the fully diluted units (%(total)s)."
                )
                % {"sum": itemised, "total": total}
            }
        )
    before = {"form": profile.form, "units": str(profile.units)} if profile else {}
    if profile is None:
        profile = EquityProfile(organisation=organisation)
    profile.form, profile.units = form, total
    if formation_date is not None:
        profile.formation_date = formation_date
    profile.full_clean(exclude=["organisation"])
    profile.save()
    profile.lines.exclude(pk__in=[k.pk for k in kept.values()]).delete()
    for name, org, line_units in given:
        CapTableLine.objects.create(profile=profile, name=name, organisation=org, units=line_units)
    audit_record(
        profile,
        actor=user,
        action="equity_recorded",
        changes={
            "form": [before.get("form"), form],
            "units": [before.get("units"), str(total)],
            "lines": [None, [[n, str(u)] for n, _o, u in given]],
        },
    )
    return profile


def _keeps(line: CapTableLine) -> bool:
    return (
        line.organisation_id is not None
        and Holding.objects.filter(
            company=line.profile.organisation_id, holder=line.organisation_id
        ).exists()
    )


def _held(profile: EquityProfile) -> bool:
    return Holding.objects.filter(company=profile.organisation_id).exists()
