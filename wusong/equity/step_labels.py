"""The conversion and accrual kernels' steps and checks, labelled in the reader's language.

The kernels know nothing of Django: each step or check they record carries a stable
`key` and an English `label`. Pages and the API show the label given here for the key,
translated; the kernel's English stays reachable as `label_en`. A key with no entry here
(a kernel added a step) falls back to the kernel's English, and a test names it.
"""

import re

from django.utils.translation import gettext_lazy as _

STEP_LABELS = {
    # Conversion in a round (kernels.conversion: compute, allot)
    "amount": _("Convertible amount"),
    "round_price": _("Round price per unit"),
    "discount_price": _("Discounted price"),
    "cap_price": _("Price at the valuation cap"),
    "applicable_price": _("Applicable price (lowest candidate)"),
    "investor_units": _("New units of the round's cash investors"),
    "units_by_amount": _("Units the amount buys"),
    "base_units": _("Units after the round, before this conversion"),
    "units_max_stake": _("Most units within the maximum stake"),
    "largest_other_holder": _("Largest other holder after the round"),
    "units_max_largest": _("Most units while staying below the largest holder"),
    "units": _("Units converted"),
    "conversion_value": _("Value of the units at the applicable price"),
    "amount_converted": _("Amount converted"),
    "rounding_remainder": _("Rounding remainder"),
    "excess_amount": _("Excess above the stake limits"),
    "residual_amount": _("Residual (not converted)"),
    "residual_treatment": _("What happens to the residual"),
    "post_units": _("Units after the round and this conversion"),
    "stake_before": _("Holder's stake before the round"),
    "stake_after": _("Holder's stake after the round"),
    "post_money_valuation": _("Post-money valuation at the round price"),
    # The deadline fallback (kernels.conversion.fallback)
    "deadline": _("Deadline for a qualifying round"),
    "fallback_due": _("Fallback due (the deadline has passed)"),
    "written_off_amount": _("Written off as a grant"),
    "repayable_amount": _("To be repaid by the company"),
    "set_valuation_price": _("Price at the agreed valuation"),
    # Accruals: lease first and services first (kernels.accrual)
    "area": _("Area leased"),
    "rent_line": _("Rent for a rent month or part of one"),
    "service_fee": _("Service fee"),
    "excluded_fees": _("Fees dated outside the window (not accrued)"),
    "accrued": _("Accrued"),
    "accrued_capped": _("Accrued, within the agreement's amount"),
    # Whether a round qualifies (kernels.conversion checks)
    "check.deadline": _("The round closes on or before the deadline"),
    "check.new_money": _("The round brings at least the minimum new money"),
    "check.market_investor": _("At least one market investor takes part"),
}

# A key built from a fixed head and a variable part ("rent_line[3]", "check.x.y") is
# labelled by its longest head that has an entry.
_SEPARATOR = re.compile(r"[.\[:#/]")


def label_entry(key: str):
    """The lazy label for `key`, by the key itself or its longest labelled head; None
    when there is none."""
    if key in STEP_LABELS:
        return STEP_LABELS[key]
    cuts = [m.start() for m in _SEPARATOR.finditer(key)]
    for cut in reversed(cuts):
        if key[:cut] in STEP_LABELS:
            return STEP_LABELS[key[:cut]]
    return None


def step_label(key: str, english: str = "") -> str:
    """The label for a step or check key in the active language; the kernel's English
    when the key has no entry."""
    entry = label_entry(key)
    return str(entry) if entry is not None else english or key


def _labelled_row(row: dict) -> dict:
    english = row.get("label_en", row.get("label", ""))
    return {**row, "label": step_label(row["key"], english), "label_en": english}


def labelled(data):
    """A copy of kernel output (JSON-ready: a result, {inputs, result, basis}, a stored
    conversion) in which every step and check carries its label in the active language
    and the kernel's English as `label_en`. The input is not changed."""
    if isinstance(data, dict):
        out = {}
        for name, value in data.items():
            if name in ("steps", "checks") and isinstance(value, list | tuple):
                out[name] = [
                    _labelled_row(row) if isinstance(row, dict) and "key" in row else row
                    for row in value
                ]
            else:
                out[name] = labelled(value)
        return out
    if isinstance(data, list | tuple):
        return [labelled(value) for value in data]
    return data
