"""The working-day kernel against dates everyone in an office knows."""

import datetime as dt

import pytest

from wusong.kernels.workdays import (
    CALENDAR,
    add_working_days,
    calendar_published,
    is_working_day,
    period_end,
    unpublished_years,
    working_days_between,
)

D = dt.date


def test_national_day_golden_week_and_its_make_up_weekend_days_2024():
    assert not any(is_working_day(D(2024, 10, d)) for d in range(1, 8))
    assert is_working_day(D(2024, 9, 29))  # Sunday, make-up
    assert is_working_day(D(2024, 10, 12))  # Saturday, make-up
    assert not is_working_day(D(2024, 10, 13))  # an ordinary Sunday
    # Five working days from Friday 27 September: 29 Sep, 30 Sep, 8, 9, 10 October.
    assert add_working_days(D(2024, 9, 27), 5) == D(2024, 10, 10)


def test_national_day_2023_with_mid_autumn_and_its_make_up_saturday_and_sunday():
    assert not is_working_day(D(2023, 9, 29))
    assert not is_working_day(D(2023, 10, 6))
    assert is_working_day(D(2023, 10, 7)) and is_working_day(D(2023, 10, 8))
    assert add_working_days(D(2023, 9, 28), 1) == D(2023, 10, 7)


def test_spring_festival_2025_and_2026():
    assert not is_working_day(D(2025, 1, 28))  # New Year's Eve, a day off from 2025
    assert not is_working_day(D(2025, 2, 4))
    assert is_working_day(D(2025, 1, 26)) and is_working_day(D(2025, 2, 8))
    assert add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert not any(is_working_day(D(2026, 2, d)) for d in range(15, 24))
    assert is_working_day(D(2026, 2, 14)) and is_working_day(D(2026, 2, 28))


def test_an_ordinary_week_and_a_plain_weekend():
    assert is_working_day(D(2024, 6, 3))
    assert not is_working_day(D(2024, 6, 8))
    assert add_working_days(D(2024, 6, 7), 1) == D(2024, 6, 11)  # 10 June: Dragon Boat


def test_a_notice_period_counts_its_first_day_when_that_is_a_working_day():
    assert period_end(D(2024, 6, 3), 5) == D(2024, 6, 7)
    # Published on a Saturday: the period starts on Monday.
    assert period_end(D(2024, 6, 1), 5) == D(2024, 6, 7)
    # Published just before the 2025 National Day holiday: 29, 30 September, 9, 10
    # October and Saturday 11 October, a make-up working day.
    assert period_end(D(2025, 9, 29), 5) == D(2025, 10, 11)
    with pytest.raises(ValueError):
        period_end(D(2024, 6, 3), 0)


def test_counting_between_dates_matches_adding():
    a = D(2024, 1, 1)
    for n in (0, 1, 5, 17, 60, 250):
        assert working_days_between(a, add_working_days(a, n)) == n
    assert working_days_between(D(2024, 10, 10), D(2024, 9, 27)) == -5
    assert add_working_days(D(2024, 10, 10), -5) == D(2024, 9, 27)


def test_working_days_in_a_published_year():
    assert working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == 251
    assert working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 248


def test_years_without_a_published_calendar_are_weekends_only_and_flagged():
    assert calendar_published(2026) and not calendar_published(2027)
    assert is_working_day(D(2027, 10, 1)) is True  # a Friday; no data yet
    assert not is_working_day(D(2027, 10, 2))
    assert unpublished_years(D(2026, 12, 28), D(2027, 1, 8)) == [2027]
    assert unpublished_years(D(2024, 1, 1), D(2026, 12, 31)) == []


def test_make_up_days_fall_on_weekends_and_no_day_is_both():
    for off, make_up in CALENDAR.values():
        assert not off & make_up
        assert all(d.weekday() >= 5 for d in make_up)
