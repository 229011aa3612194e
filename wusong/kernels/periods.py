"""Reporting periods (quarters by default), in plain Python."""

import datetime as dt

# The lengths a reporting period may have, in months.
PERIOD_MONTHS = (3, 6, 12)


def periods_per_year(months: int) -> int:
    if months not in PERIOD_MONTHS:
        raise ValueError("a reporting period is 3, 6 or 12 months")
    return 12 // months


def period_bounds(year: int, period: int, months: int = 3) -> tuple[dt.date, dt.date]:
    """First and last day of the period."""
    if not 1 <= period <= periods_per_year(months):
        raise ValueError(f"period {period} does not exist for {months}-month periods")
    first_month = (period - 1) * months + 1
    start = dt.date(year, first_month, 1)
    end_month = first_month + months
    end = (
        dt.date(year + 1, 1, 1) if end_month > 12 else dt.date(year, end_month, 1)
    ) - dt.timedelta(days=1)
    return start, end


def period_of(day: dt.date, months: int = 3) -> tuple[int, int]:
    return day.year, (day.month - 1) // months + 1


def previous_period(year: int, period: int, months: int = 3) -> tuple[int, int]:
    if period > 1:
        return year, period - 1
    return year - 1, periods_per_year(months)


def ended_periods(since: dt.date, today: dt.date, months: int = 3) -> list[tuple[int, int]]:
    """Every period that ended on or before `today` and after `since` began, oldest first
    (the period containing `since` counts)."""
    out = []
    year, period = period_of(since, months)
    while True:
        _start, end = period_bounds(year, period, months)
        if end > today:
            return out
        out.append((year, period))
        period += 1
        if period > periods_per_year(months):
            year, period = year + 1, 1


def period_label(year: int, period: int, months: int = 3) -> str:
    if months == 3:
        return f"{year} Q{period}"
    if months == 6:
        return f"{year} H{period}"
    return str(year)
