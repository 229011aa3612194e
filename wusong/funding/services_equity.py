"""Every write to the equity ledger up to the conversion: a company's equity profile,
opening a convertible position, financing rounds, the conversion preview and its
confirmation, and amending an agreement's terms. What accrues instead of being paid
(service fees, a lease's rent) is in `services_accruals`, the deadline fallback in
`services_fallback`, exits in `services_exit`.

Each write is one transaction with its audit entry; a refused action changes nothing.
Writes that touch a company's units lock its equity profile row (SELECT … FOR UPDATE on
PostgreSQL; an IMMEDIATE transaction on SQLite) and a conversion also locks its
position's row, so a position cannot be converted twice, even by two requests at once.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels import conversion as kernel
from wusong.kernels.conversion import ConversionInputError
from wusong.kernels.conversion_types import CompanyForm as KernelForm
from wusong.kernels.conversion_types import on_unit_grid

from . import ledger
from .models import (
    Agreement,
    Amendment,
    CapTableLine,
    Conversion,
    ConvertiblePosition,
    EquityProfile,
    FinancingRound,
    Holding,
    PoolReturn,
    RoundInvestor,
)
from .models_equity import CONVERTIBLE_INSTRUMENTS, CompanyForm
from .permissions_equity import runs_agreement, runs_company
from .selectors import conversion_compute, nothing_to_convert, refuse_before_agreement
from .step_labels import step_label
from .terms import agreement_terms, terms_build
from .workflow import AgreementState
from .workflow_equity import PositionState, already_closed

ZERO = Decimal(0)
FEN = Decimal("0.01")
UNIT_CLASS = {CompanyForm.LLC: "registered_capital", CompanyForm.JOINT_STOCK: "ordinary_shares"}
# The transition that closes a position in the state the kernel's result names.
CLOSING_TRANSITION = {
    PositionState.CONVERTED: "convert",
    PositionState.REPAID: "repay",
    PositionState.WRITTEN_OFF: "write_off",
}


def yuan_amount(value, field: str) -> Decimal:
    """A positive amount in yuan, exact to the fen."""
    if isinstance(value, float) or not isinstance(value, Decimal | int | str):
        raise ValidationError({field: _("Give the amount as a decimal number of yuan.")})
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise ValidationError({field: _("Give the amount as a decimal number of yuan.")}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount != amount.quantize(FEN):
        raise ValidationError({field: _("The amount cannot be finer than one fen (0.01 yuan).")})
    return amount.quantize(FEN)


def units_on_grid(value, field: str, form: str, allow_zero: bool = False) -> Decimal:
    try:
        return on_unit_grid(value, field, KernelForm(form), "units", allow_zero)
    except ConversionInputError as exc:
        raise ledger.refused(exc) from None


def lock_profile(organisation) -> EquityProfile:
    try:
        return EquityProfile.objects.select_for_update().get(organisation=organisation)
    except EquityProfile.DoesNotExist:
        raise ActionRefused(
            _("Record %(company)s's equity (company form and fully diluted units) first.")
            % {"company": organisation}
        ) from None


# Company equity --------------------------------------------------------------------------


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


# Positions -------------------------------------------------------------------------------


@transaction.atomic
def position_open(user, agreement: Agreement) -> ConvertiblePosition:
    """Open the convertible position of a signed convertible agreement, once."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme opens its positions."))
    if agreement.instrument not in CONVERTIBLE_INSTRUMENTS:
        raise ActionRefused(_("A grant never converts into equity; it has no position."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(
            _("A position is opened under a signed agreement; this one is %(state)s.")
            % {"state": agreement.get_state_display()}
        )
    try:
        agreement_terms(agreement)
    except ConversionInputError as exc:
        raise ValidationError({exc.field: exc.message}) from None
    if agreement.positions.filter(residual_of__isnull=True).exists():
        raise ActionRefused(_("This agreement's position is already open."))
    position = ConvertiblePosition.objects.create(
        agreement=agreement,
        holder=agreement.funder,
        company=agreement.recipient,
        instrument=agreement.instrument,
        opened_by=user,
    )
    audit_record(position, actor=user, action="opened", changes={"state": [None, position.state]})
    return position


@transaction.atomic
def agreement_terms_amend(user, agreement: Agreement, reason: str, terms: dict) -> Amendment:
    """Change a signed convertible agreement's terms: only by a recorded amendment with a
    reason, and only while none of its positions has closed."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not runs_agreement(user, agreement):
        raise NotAllowed(_("Only an officer of this programme amends its agreements."))
    if agreement.state != AgreementState.SIGNED:
        raise ActionRefused(_("Only a signed agreement is amended; a draft is simply edited."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("An amendment needs its reason, for the record.")})
    if agreement.positions.exclude(state=PositionState.OPEN).exists():
        raise ActionRefused(
            _("A position under this agreement has closed; its terms no longer change.")
        )
    try:
        terms_build(agreement.instrument, terms, agreement.start_date)
    except ConversionInputError as exc:
        raise ValidationError({exc.field: exc.message}) from None
    if terms == agreement.terms:
        raise ValidationError(_("The amendment changes nothing."))
    changes = {"terms": [agreement.terms, terms]}
    agreement.terms = terms
    agreement.save(update_fields=["terms"])
    amendment = Amendment.objects.create(
        agreement=agreement,
        seq=agreement.amendments.count() + 1,
        reason=reason.strip(),
        changes=changes,
        made_by=user,
    )
    audit_record(agreement, actor=user, action="amended", changes=changes, note=reason)
    return amendment


# Financing rounds ------------------------------------------------------------------------


@transaction.atomic
def round_record(
    user,
    company,
    *,
    date: dt.date,
    investors: list[dict],
    price_per_unit=None,
    pre_money_valuation=None,
    units_before=None,
    name: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> FinancingRound:
    """Record a portfolio company's market financing round. Each investor is {"name",
    "amount", "market" (bool), "units" (optional: as issued; else amount ÷ round price,
    rounded down to the unit step), "organisation" (optional)}. The investors' units join
    the cap table; which positions it converts is decided per position, on confirmation."""
    if not runs_company(user, company):
        raise NotAllowed(
            _("Only an officer of a programme funding this company records its rounds.")
        )
    profile = lock_profile(company)
    today = today or timezone.localdate()
    if not isinstance(date, dt.date):
        raise ValidationError({"date": _("Give the date the round closed.")})
    if date > today:
        raise ValidationError(
            {"date": _("A round is recorded once it has closed; use the preview before.")}
        )
    agreements = Agreement.objects.filter(
        recipient=company, instrument__in=CONVERTIBLE_INSTRUMENTS, state=AgreementState.SIGNED
    ).order_by("start_date")
    first = agreements.first()
    if first is None:
        raise ActionRefused(
            _("%(company)s has no signed convertible agreement.") % {"company": company}
        )
    refuse_before_agreement(first, date, "date")
    units_before = profile.units if units_before is None else units_before
    units_before = units_on_grid(units_before, "units_before", profile.form)
    if units_before != profile.units:
        raise ValidationError(
            {
                "units_before": _(
                    "The company has %(units)s fully diluted units on the ledger, not "
                    "%(given)s; update its equity first."
                )
                % {"units": profile.units, "given": units_before}
            }
        )
    lines = ledger.cap_table_lines(profile)
    kernel_investors = [
        {k: v for k, v in i.items() if k in ("name", "amount", "market", "units")}
        for i in investors
    ]
    for i, investor in enumerate(kernel_investors):
        if "amount" in investor:
            investor["amount"] = yuan_amount(investor["amount"], f"investors[{i}].amount")
        if "market" not in investor:
            raise ValidationError(
                {f"investors[{i}].market": _("Say whether this is a market investor.")}
            )
    try:
        checked = kernel.Round(
            date=date,
            company=ledger.kernel_company(profile.form, units_before, lines, 0),
            investors=tuple(kernel_investors),
            price_per_unit=price_per_unit,
            pre_money_valuation=pre_money_valuation,
        )
    except ConversionInputError as exc:
        raise ledger.refused(exc) from None
    price = ledger.round_price(checked.price_per_unit, checked.pre_money_valuation, units_before)
    if price <= 0:
        raise ValidationError(
            {
                "pre_money_valuation": _(
                    "The valuation is too small: the price per unit rounds to zero."
                )
            }
        )
    financing_round = FinancingRound(
        company=profile,
        name=name,
        date=date,
        price_per_unit=checked.price_per_unit,
        pre_money_valuation=checked.pre_money_valuation,
        units_before=units_before,
        round_price=price,
        cap_table_before=lines,
        note=note,
        recorded_by=user,
    )
    financing_round.full_clean(exclude=["company", "recorded_by"])
    financing_round.save()
    added = ZERO
    for raw, investor in zip(investors, checked.investors, strict=True):
        units = investor.units
        if units is None:
            units = ledger.investor_units(investor.amount, price, profile.unit_step)
        RoundInvestor.objects.create(
            financing_round=financing_round,
            name=investor.name,
            organisation=raw.get("organisation"),
            amount=investor.amount,
            market=investor.market,
            units=units,
        )
        line, _created = CapTableLine.objects.get_or_create(
            profile=profile,
            name=investor.name,
            defaults={"units": ZERO, "organisation": raw.get("organisation")},
        )
        line.units += units
        line.save(update_fields=["units"])
        added += units
    profile.units += added
    profile.save(update_fields=["units", "updated_at"])
    audit_record(
        financing_round,
        actor=user,
        action="round_recorded",
        changes={
            "date": [None, date.isoformat()],
            "round_price": [None, str(price)],
            "new_money": [None, str(checked.new_money)],
            "units": [str(units_before), str(profile.units)],
        },
        note=note,
    )
    return financing_round


# Conversion ------------------------------------------------------------------------------


def lock_position(position: ConvertiblePosition) -> ConvertiblePosition:
    return (
        ConvertiblePosition.objects.select_for_update()
        .select_related("agreement__declaration__call__programme", "holder", "company")
        .get(pk=position.pk)
    )


@transaction.atomic
def conversion_confirm(
    user, position: ConvertiblePosition, financing_round: FinancingRound, *, now=None
) -> Conversion:
    """Record the conversion of `position` in `financing_round` as the kernel works it
    out now. Refused if the round does not qualify under the position's terms."""
    now = now or timezone.now()
    profile = lock_profile(position.company)
    position = lock_position(position)
    if not runs_agreement(user, position.agreement):
        raise NotAllowed(_("Only an officer of this programme confirms its conversions."))
    if position.state != PositionState.OPEN:
        raise ActionRefused(already_closed(position))
    if financing_round.company_id != profile.pk:
        raise ValidationError({"round": _("The round is another company's.")})
    refuse_before_agreement(position.agreement, financing_round.date)
    later = profile.rounds.filter(pk__gt=financing_round.pk).order_by("pk").first()
    if later is not None:
        raise ActionRefused(
            _(
                "A later round (%(later)s) is already recorded on the cap table; a conversion "
                "is confirmed in the latest round only, so the figures stay consistent."
            )
            % {"later": later.name or later.date}
        )
    amount, basis = ledger.position_amount(position, financing_round.date)
    if amount <= 0:
        raise nothing_to_convert(position, financing_round.date)
    inputs = ledger.round_inputs(position, financing_round)
    result = conversion_compute(inputs)
    if not result["qualifying"]:
        failed = "; ".join(
            f"{step_label(c['key'], c['label'])} ({c['detail']})"
            for c in result["checks"]
            if not c["passed"]
        )
        raise ActionRefused(
            _("This round does not qualify under the agreement's terms: %(failed)s.")
            % {"failed": failed}
        )
    return record_conversion(
        user,
        position,
        profile,
        inputs,
        result,
        basis,
        kind=Conversion.Kind.ROUND,
        financing_round=financing_round,
        on=financing_round.date,
        now=now,
    )


def record_conversion(
    user, position, profile, inputs, result, basis, *, kind, financing_round, on, now
) -> Conversion:
    """Write a conversion the kernel computed: the position closes as the result says,
    the units join a holding and the cap table, the residual is treated as the terms
    say. Called with the position and the company's profile locked."""
    units = Decimal(result["units"])
    residual = Decimal(result["residual_amount"])
    treatment = result["residual_treatment"]
    state_after = result["state_after"]
    if state_after == PositionState.OPEN:
        raise ActionRefused(
            _(
                "No unit can be allotted (the stake limits are reached, or the amount buys "
                "less than one unit) and the terms keep the amount as a claim: nothing changes."
            )
        )
    conversion = Conversion.objects.create(
        position=position,
        financing_round=financing_round,
        kind=kind,
        inputs={**inputs, "basis": basis},
        result=result,
        price_rule=result["price_rule"],
        price=Decimal(result["applicable_price"]),
        units=units,
        amount=Decimal(result["amount"]),
        amount_converted=Decimal(result["amount_converted"]),
        residual_amount=residual,
        residual_treatment=treatment,
        stake_after_percent=Decimal(result["stake_after_percent"]),
        confirmed_by=user,
        confirmed_at=now,
    )
    position.amount = conversion.amount
    position.closed_at, position.closed_by = now, user
    agreement = position.agreement
    if residual > 0 and treatment == kernel.ResidualTreatment.REPAY:
        position.repayable_amount = residual
        PoolReturn.objects.create(
            programme=agreement.declaration.call.programme,
            call=agreement.declaration.call,
            agreement=agreement,
            kind=PoolReturn.Kind.RESIDUAL,
            amount=residual,
            date=on,
            position=position,
        )
    elif residual > 0 and treatment == kernel.ResidualTreatment.WRITE_OFF:
        position.written_off_amount = residual
    claim = None
    if residual > 0 and treatment == kernel.ResidualTreatment.KEEP_AS_CLAIM:
        claim = ConvertiblePosition.objects.create(
            agreement=agreement,
            holder=position.holder,
            company=position.company,
            instrument=position.instrument,
            residual_of=position,
            claim_amount=residual,
            opened_by=user,
        )
    if units > 0:
        Holding.objects.create(
            holder=position.holder,
            company=position.company,
            conversion=conversion,
            unit_class=UNIT_CLASS[CompanyForm(profile.form)],
            acquired_on=on,
            units_acquired=units,
            cost_acquired=conversion.amount_converted,
            units=units,
            cost=conversion.amount_converted,
        )
        line = ledger.holder_line(profile, position.holder)
        line.units += units
        line.save(update_fields=["units"])
        profile.units += units
        profile.save(update_fields=["units", "updated_at"])
    closing = PositionState(state_after)
    transition_fire(
        user,
        position,
        CLOSING_TRANSITION[closing],
        action="converted" if units > 0 else closing.value,
        changes={
            "units": [None, str(units)],
            "amount_converted": [None, result["amount_converted"]],
            "residual": [None, f"{residual} {treatment}"],
            "claim": [None, claim.pk if claim else None],
        },
        note=f"{result['price_rule']} {result['applicable_price']}",
    )
    return conversion
