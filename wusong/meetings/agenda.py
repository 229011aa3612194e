"""Kinds of agenda item: what a meeting knows of the matters it hears.

A meeting hears one kind of item, named by its purpose. A selection meeting hears the
declarations of a call (`selection`, this app's own kind); an app whose records are heard
at meetings too (a funded project's mid-term check or acceptance, say) registers an
`AgendaKind` for its purpose in its `AppConfig.ready()`. Every item names the declaration
it is about, so that conflicts of interest are found the same way for every kind.

The meeting asks the kind, never the other app: which votes an item takes at its
sitting, what the item hears (shown beside it, in the history and through the API), the
panel scores shown to the officer, what the minutes say of it, how the office adds an
item, and what happens to the matters heard once the meeting closes.
"""

from dataclasses import dataclass

from wusong.kernels.votes import Scale


@dataclass(frozen=True)
class Heard:
    """The record an item hears besides its declaration, as the meeting shows it."""

    pk: int
    kind: str  # its kind as a code, for the API ("acceptance")
    label: str  # its kind for people ("结题验收")
    url: str  # its own page in the office
    note: str = ""  # said beside it ("second sitting, after the rectification")


class AgendaKind:
    """One kind of agenda item. Subclass, set the attributes, override what differs."""

    purpose: str  # the meeting purpose whose agenda holds items of this kind
    scale: Scale  # the votes an item is decided on (`kernels.votes`)
    heading: str  # what the agenda lists, for its column heading
    minutes_document: str  # the document the minutes are printed from
    agenda_choose: str  # said when the form that adds an item was not filled in
    agenda_added: str = ""  # said once an item is added
    agenda_help: str = ""  # shown under the form that adds an item
    notes_hint: str = ""  # shown above an item's notes while they are recorded

    def vote_choices(self, sitting: int | None) -> frozenset[str]:
        """The votes an item heard at `sitting` takes (1 or None: the first)."""
        return frozenset(self.scale.choices)

    def vote_refusal(self, sitting: int | None) -> str:
        """Why a vote outside `vote_choices(sitting)` is refused."""
        raise NotImplementedError

    def declarations_refusal(self, *, scheduling: bool) -> str | None:
        """Why declarations cannot be put on this kind of meeting's agenda directly (when
        it is scheduled, or later); None when they can."""
        return None

    def heard(self, item) -> Heard | None:
        return None

    def panel_summary(self, item) -> dict | None:
        """The scores the item's own panel gave before the meeting: `submitted`, `size`,
        `mean` and `counts` [(label, n)], or None."""
        return None

    def minutes_entry(self, item, panel: dict | None) -> dict | None:
        """What the minutes say of the record heard (their `check` entry), or None."""
        return None

    def agenda_form(self, meeting, data=None):
        """The form that adds an item to the scheduled `meeting`, or None when there is
        nothing to add."""
        return None

    def agenda_add(self, user, meeting, form) -> None:
        """Add the item the valid `form` names; refused like any service."""
        raise NotImplementedError

    def meeting_closed(self, user, meeting, items) -> None:
        """Called in the closing transaction with the decided items; a refusal raised here
        keeps the meeting open."""


_kinds: dict[str, AgendaKind] = {}


def agenda_kind_register(kind: AgendaKind) -> None:
    _kinds[kind.purpose] = kind


def agenda_kind(purpose: str) -> AgendaKind:
    return _kinds[purpose]
