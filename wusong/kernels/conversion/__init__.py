"""The conversion kernel: how a convertible position (先投后股 and its variants) becomes
equity in a qualifying round, or falls back at its deadline, with every step shown.

Pure Python on exact Decimals, no Django. ``vocabulary`` holds the errors, enumerations
and decimal helpers; ``inputs`` what the kernel is given (position, terms, cap table,
round); ``compute`` the conversion in a round; ``allot`` the units within the stake limits
that a round conversion and the fallback share; ``fallback`` the deadline fallback.
"""

from wusong.kernels.conversion.compute import (
    ConversionResult,
    conversion_compute,
    conversion_preview,
    ensure_open,
    refuse_before_agreement,
)
from wusong.kernels.conversion.fallback import (
    FallbackResult,
    fallback_apply,
    fallback_convert_at_valuation,
    fallback_due,
    fallback_repay,
    fallback_write_off,
)
from wusong.kernels.conversion.inputs import CapTable, Holder, Investor, Position, Round, Terms
from wusong.kernels.conversion.vocabulary import (
    BindingLimit,
    Check,
    CompanyForm,
    ConversionInputError,
    Fallback,
    Instrument,
    PositionNotOpenError,
    PositionState,
    PriceRule,
    ResidualTreatment,
    Step,
    build,
    floor_div_to_step,
    fmt,
    jsonable,
    on_unit_grid,
    price_from_valuation,
    stake_percent,
    to_date,
    to_decimal,
)

__all__ = [
    "BindingLimit",
    "CapTable",
    "Check",
    "CompanyForm",
    "ConversionInputError",
    "ConversionResult",
    "Fallback",
    "FallbackResult",
    "Holder",
    "Instrument",
    "Investor",
    "Position",
    "PositionNotOpenError",
    "PositionState",
    "PriceRule",
    "ResidualTreatment",
    "Round",
    "Step",
    "Terms",
    "build",
    "conversion_compute",
    "conversion_preview",
    "ensure_open",
    "fallback_apply",
    "fallback_convert_at_valuation",
    "fallback_due",
    "fallback_repay",
    "fallback_write_off",
    "floor_div_to_step",
    "fmt",
    "jsonable",
    "on_unit_grid",
    "price_from_valuation",
    "refuse_before_agreement",
    "stake_percent",
    "to_date",
    "to_decimal",
]
