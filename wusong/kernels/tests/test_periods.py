"""Reporting periods: quarters, half years and years."""

import datetime as dt

import pytest

from wusong.kernels import periods


def test_quarters():
    assert periods.period_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert periods.period_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert periods.period_bounds(2026, 2, 6) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert periods.previous_period(2026, 1) == (2025, 4)
    assert periods.ended_periods(dt.date(2025, 11, 5), dt.date(2026, 7, 1)) == [
        (2025, 4),
        (2026, 1),
        (2026, 2),
    ]
    with pytest.raises(ValueError):
        periods.period_bounds(2026, 5)
