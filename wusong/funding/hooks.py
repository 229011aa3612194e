"""Where the apps above funding take part in its rules and its agreement page without
funding importing them: each registers its callables here in its `AppConfig.ready()`.

- `tranche_stops`: `(agreement) -> str | None`, why no further tranche of the agreement
  may be released or drawn (portfolio: a failed mid-term check or final acceptance).
- `terms_locks`: `(agreement) -> str | None`, why the agreement's instrument terms no
  longer change (equity: a position under it has closed).
- `agreement_parts`: `(user, agreement) -> dict | None`, a part of the agreement page:
  {"template": a template rendered once per `slot` ("links", "facts", "actions"), and
  whatever it shows} (equity: the position and the company's cap table).
"""

from collections.abc import Callable

tranche_stops: list[Callable] = []
terms_locks: list[Callable] = []
agreement_parts: list[Callable] = []


def register(hook: list[Callable], function: Callable) -> None:
    """Add `function` to `hook`, once however often an app's `ready()` runs."""
    if function not in hook:
        hook.append(function)


def _first_reason(hook: list[Callable], agreement) -> str | None:
    for function in hook:
        reason = function(agreement)
        if reason:
            return reason
    return None


def tranche_stop_reason(agreement) -> str | None:
    """Why no further tranche of this agreement may be released or drawn, or None."""
    return _first_reason(tranche_stops, agreement)


def terms_lock_reason(agreement) -> str | None:
    """Why this agreement's instrument terms no longer change, or None."""
    return _first_reason(terms_locks, agreement)


def agreement_page_parts(user, agreement) -> list[dict]:
    """The parts the apps above funding add to the agreement page for `user`."""
    return [part for function in agreement_parts if (part := function(user, agreement))]
