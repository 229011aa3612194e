"""Reads of the equity ledger, by topic."""

from .conversions import (
    conversion_compute,
    conversion_preview,
    nothing_to_convert,
    refuse_before_agreement,
    round_proposals,
)
from .fallbacks import (
    deadlines_unread,
    fallback_compute,
    fallback_inputs,
    fallback_preview,
    fallbacks_due,
    fallbacks_upcoming,
    qualifying_round,
    refuse_if_a_round_qualified,
)
from .holdings import (
    buyback_quote,
    cap_table,
    holdings,
    holdings_visible_to,
    mark_price,
    portfolio,
)

__all__ = [
    "buyback_quote",
    "cap_table",
    "conversion_compute",
    "conversion_preview",
    "deadlines_unread",
    "fallback_compute",
    "fallback_inputs",
    "fallback_preview",
    "fallbacks_due",
    "fallbacks_upcoming",
    "holdings",
    "holdings_visible_to",
    "mark_price",
    "nothing_to_convert",
    "portfolio",
    "qualifying_round",
    "refuse_before_agreement",
    "refuse_if_a_round_qualified",
    "round_proposals",
]
