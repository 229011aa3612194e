"""Every write to the equity ledger, by topic: a company's equity and its rounds,
opening a position, confirming a conversion, the deadline fallback, exits. Each write is
one transaction with its audit entry; a refused action changes nothing."""

from .companies import equity_profile_set, lock_profile, units_on_grid
from .conversions import conversion_confirm, lock_position, record_conversion
from .exits import exit_record
from .fallbacks import fallback_apply, fallback_apply_due
from .positions import position_open
from .rounds import round_record

__all__ = [
    "conversion_confirm",
    "equity_profile_set",
    "exit_record",
    "fallback_apply",
    "fallback_apply_due",
    "lock_position",
    "lock_profile",
    "position_open",
    "record_conversion",
    "round_record",
    "units_on_grid",
]
