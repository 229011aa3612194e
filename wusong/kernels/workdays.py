"""Working days in mainland China: weekends, the official public holidays and the
make-up working days (调休上班) that the State Council General Office publishes each
year in its notice on holiday arrangements (国务院办公厅关于××年部分节假日安排的通知).

Data held (dates as published):

- 2022: 国办发明电〔2021〕11号
- 2023: 国办发明电〔2022〕16号
- 2024: 国办发明电〔2023〕7号
- 2025: 国办发明电〔2024〕12号
- 2026: 国办发明电〔2025〕7号

2027 and later: the notice for a year comes out late in the year before. At the time
of writing the 2027 notice had not been published here, so for 2027 and any other year
not in `CALENDAR` a day is a working day exactly when it is Monday to Friday. Such a
count is an estimate: `calendar_published(year)` says False and `unpublished_years(a,
b)` names the years a range touches, so callers can flag it. Add a year by adding its
entry to `CALENDAR` (holidays and make-up working days, from the notice).

Only the days of the national arrangement are counted; a local extra day off is not.
Pure Python, no Django.
"""

import datetime as dt
from collections.abc import Iterable

Date = dt.date
ONE_DAY = dt.timedelta(days=1)


def _days(year: int, *spans: tuple) -> frozenset[Date]:
    """Dates from (month, day) or ((month, day), (month, day)) inclusive spans."""
    out = set()
    for span in spans:
        if isinstance(span[0], tuple):
            (m1, d1), (m2, d2) = span
            day, last = Date(year, m1, d1), Date(year, m2, d2)
            while day <= last:
                out.add(day)
                day += ONE_DAY
        else:
            out.add(Date(year, *span))
    return frozenset(out)


# year: (days off, make-up working days). Days off include the weekend days inside a
# holiday block; make-up working days are weekend days on which people work.
CALENDAR: dict[int, tuple[frozenset[Date], frozenset[Date]]] = {
    2022: (
        _days(
            2022,
            ((1, 1), (1, 3)),  # New Year
            ((1, 31), (2, 6)),  # Spring Festival
            ((4, 3), (4, 5)),  # Qingming
            ((4, 30), (5, 4)),  # Labour Day
            ((6, 3), (6, 5)),  # Dragon Boat
            ((9, 10), (9, 12)),  # Mid-Autumn
            ((10, 1), (10, 7)),  # National Day
            (12, 31),  # opens the 2023 New Year holiday (a Saturday)
        ),
        _days(2022, (1, 29), (1, 30), (4, 2), (4, 24), (5, 7), (10, 8), (10, 9)),
    ),
    2023: (
        _days(
            2023,
            ((1, 1), (1, 2)),  # New Year (from 31 Dec 2022, a Saturday)
            ((1, 21), (1, 27)),  # Spring Festival
            (4, 5),  # Qingming
            ((4, 29), (5, 3)),  # Labour Day
            ((6, 22), (6, 24)),  # Dragon Boat
            ((9, 29), (10, 6)),  # Mid-Autumn and National Day
        ),
        _days(2023, (1, 28), (1, 29), (4, 23), (5, 6), (6, 25), (10, 7), (10, 8)),
    ),
    2024: (
        _days(
            2024,
            (1, 1),  # New Year
            ((2, 10), (2, 17)),  # Spring Festival
            ((4, 4), (4, 6)),  # Qingming
            ((5, 1), (5, 5)),  # Labour Day
            (6, 10),  # Dragon Boat (with the weekend before)
            ((9, 15), (9, 17)),  # Mid-Autumn
            ((10, 1), (10, 7)),  # National Day
        ),
        _days(2024, (2, 4), (2, 18), (4, 7), (4, 28), (5, 11), (9, 14), (9, 29), (10, 12)),
    ),
    2025: (
        _days(
            2025,
            (1, 1),  # New Year
            ((1, 28), (2, 4)),  # Spring Festival (from New Year's Eve)
            ((4, 4), (4, 6)),  # Qingming
            ((5, 1), (5, 5)),  # Labour Day
            ((5, 31), (6, 2)),  # Dragon Boat
            ((10, 1), (10, 8)),  # National Day and Mid-Autumn
        ),
        _days(2025, (1, 26), (2, 8), (4, 27), (9, 28), (10, 11)),
    ),
    2026: (
        _days(
            2026,
            ((1, 1), (1, 3)),  # New Year
            ((2, 15), (2, 23)),  # Spring Festival
            ((4, 4), (4, 6)),  # Qingming
            ((5, 1), (5, 5)),  # Labour Day
            ((6, 19), (6, 21)),  # Dragon Boat
            ((9, 25), (9, 27)),  # Mid-Autumn
            ((10, 1), (10, 7)),  # National Day
        ),
        _days(2026, (1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)),
    ),
}


def calendar_published(year: int) -> bool:
    """Whether the official holiday arrangement for `year` is held here."""
    return year in CALENDAR


def is_working_day(d: Date) -> bool:
    """Monday to Friday unless a public holiday, and a make-up Saturday or Sunday."""
    days_off, make_up = CALENDAR.get(d.year, (frozenset(), frozenset()))
    if d in make_up:
        return True
    if d in days_off:
        return False
    return d.weekday() < 5


def add_working_days(start: Date, n: int) -> Date:
    """The date `n` working days after `start` (which is not counted): n = 1 is the
    next working day. Negative `n` counts back; n = 0 returns `start`."""
    step = ONE_DAY if n >= 0 else -ONE_DAY
    day, left = start, abs(n)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def period_end(start: Date, n: int) -> Date:
    """The last day of a period of `n` working days that begins on `start`, counting
    `start` itself when it is a working day (a notice published on Monday 3 June 2024
    for 5 working days runs to Friday 7 June)."""
    if n < 1:
        raise ValueError("a period has at least one working day")
    return add_working_days(start - ONE_DAY, n)


def working_days_between(a: Date, b: Date) -> int:
    """The number of working days d with a < d <= b, negative when b is before a, so
    that working_days_between(a, add_working_days(a, n)) == n."""
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += ONE_DAY
        count += is_working_day(day)
    return count


def unpublished_years(a: Date, b: Date) -> list[int]:
    """The years from a to b whose holiday arrangement is not held here, for which the
    count above is weekends only and therefore an estimate."""
    lo, hi = min(a, b), max(a, b)
    return [y for y in range(lo.year, hi.year + 1) if not calendar_published(y)]


def holidays(years: Iterable[int] | None = None) -> list[Date]:
    """Days off of the given (default: all held) years, sorted."""
    chosen = CALENDAR if years is None else {y: CALENDAR[y] for y in years if y in CALENDAR}
    return sorted(d for off, _make_up in chosen.values() for d in off)
