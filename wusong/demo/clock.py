"""Replaying the demo's history on its real dates."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def replay_clock(at: dt.datetime):
    """Make ``django.utils.timezone.now()`` answer `at` while a past step is replayed.

    Only the demo loader does this, in its own command, never in a request."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def local(value: str | dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware datetime in the office's time zone from "YYYY-MM-DD HH:MM" or a date."""
    if isinstance(value, str):
        naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    else:
        naive = dt.datetime.combine(value, dt.time(hour, minute))
    return timezone.make_aware(naive)
