"""An agreement's instrument terms (`Agreement.terms`, JSON) and the conversion kernel's
`Terms` built from them.

The JSON holds the kernel's terms except the agreement date, which is the agreement's
own start date, plus two keys of the ledger's:

    {
      "deadline": "2028-12-31",              # last day a qualifying round may close
      "fallback": "write_off",               # or "convert_at_valuation" or "repay"
      "fallback_valuation": "80000000.00",   # only with convert_at_valuation
      "min_new_money": "5000000.00",         # a qualifying round brings at least this
      "require_market_investor": true,       # … and at least one market investor
      "discount_percent": null,              # optional; the pilots convert at market price
      "valuation_cap": null,                 # optional
      "max_stake_percent": "25",             # optional stake limit
      "never_largest_holder": true,
      "residual_treatment": "repay",         # or "keep_as_claim" or "write_off"
      "team_reward_percent": "50",           # the team's share of an exit gain (default 0)
      "lease": {"area_m2": "500", "monthly_rent_per_m2": "60",
                "start": "2026-01-01", "changes": []}   # lease first only
    }

Numbers are decimal strings (or integers); floats are refused, as the kernel refuses them.
"""

import dataclasses
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wusong.kernels.accrual import Lease
from wusong.kernels.conversion import ConversionInputError, Terms, build, to_decimal

from .models import CONVERTIBLE_INSTRUMENTS

KERNEL_KEYS = tuple(f.name for f in dataclasses.fields(Terms) if f.name != "agreement_date")
LEDGER_KEYS = ("team_reward_percent", "lease")


def kernel_refused(exc: ConversionInputError) -> ValidationError:
    """The kernel's input error as the ValidationError services raise, keyed by field."""
    return ValidationError({exc.field: exc.message})


def terms_build(instrument: str, terms: dict, agreement_date: dt.date) -> Terms:
    """The kernel's Terms from an agreement's terms JSON; ConversionInputError names the
    field (as `terms.<key>`) when something is wrong."""
    if instrument not in CONVERTIBLE_INSTRUMENTS:
        raise ConversionInputError("terms", "a grant never converts; it has no conversion terms")
    if not isinstance(terms, dict) or not terms:
        raise ConversionInputError(
            "terms",
            "this agreement converts into equity, so it needs its terms: at least the "
            "deadline and the fallback",
        )
    for key in terms:
        if key not in KERNEL_KEYS + LEDGER_KEYS:
            raise ConversionInputError(
                f"terms.{key}",
                "unknown term; expected one of " + ", ".join(KERNEL_KEYS + LEDGER_KEYS),
            )
    data = {k: v for k, v in terms.items() if k in KERNEL_KEYS and v is not None}
    data["agreement_date"] = agreement_date
    built = build(Terms, data, "terms")
    team_reward_percent(terms)
    if instrument == "lease_first":
        lease_build(terms)
    elif "lease" in terms:
        raise ConversionInputError("terms.lease", "only a lease-first agreement has a lease")
    return built


def team_reward_percent(terms: dict):
    """The team's agreed share of an exit gain, in percent (0 if the terms say none)."""
    value = (terms or {}).get("team_reward_percent")
    if value is None:
        return to_decimal(0, "terms.team_reward_percent")
    number = to_decimal(value, "terms.team_reward_percent")
    if not 0 <= number <= 100:
        raise ConversionInputError(
            "terms.team_reward_percent", f"a share from 0 to 100 percent, not {number}"
        )
    return number


def lease_build(terms: dict) -> Lease:
    lease = (terms or {}).get("lease")
    if lease is None:
        raise ConversionInputError(
            "terms.lease",
            "a lease-first agreement gives the lease: area_m2, monthly_rent_per_m2, start",
        )
    return build(Lease, lease, "terms.lease")


def terms_deadline(instrument: str, terms: dict, agreement_date: dt.date) -> dt.date | None:
    """The last day a qualifying round may close under these terms, as the agreement's
    `conversion_deadline` keeps it: None for a grant and for terms not given yet;
    ConversionInputError when the terms cannot be read."""
    if instrument not in CONVERTIBLE_INSTRUMENTS or not terms:
        return None
    return terms_build(instrument, terms, agreement_date).deadline


def agreement_terms(agreement) -> Terms:
    """The kernel's Terms for a saved agreement."""
    return terms_build(agreement.instrument, agreement.terms, agreement.start_date)


def terms_check(instrument: str, terms: dict, agreement_date: dt.date | None) -> None:
    """Validate terms as Django forms and services expect: ValidationError on `terms`.

    Empty terms are accepted here (a draft may leave them for later; the ledger refuses
    to open a position without them). A grant must have none.
    """
    if not terms:
        return
    if instrument not in CONVERTIBLE_INSTRUMENTS:
        raise ValidationError({"terms": _("A grant never converts; leave its terms empty.")})
    if agreement_date is None:
        return
    try:
        terms_build(instrument, terms, agreement_date)
    except ConversionInputError as exc:
        raise ValidationError({"terms": f"{exc.field}: {exc.message}"}) from None
