"""The flags for declarations that look like one project declared twice: raised by a
check of the call, decided by its officers. (Conflicts of interest are read by
`selectors.conflicts`.)"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.calls.models import Call, Declaration, TeamMember
from wusong.calls.states import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.affinity import DeclarationRecord, duplicates_find

from .. import permissions
from ..models import DuplicateFlag


@transaction.atomic
def duplicates_flag(user, call: Call, *, earlier_calls: Iterable[Call] | None = None) -> int:
    """Flag declarations of this call that look like the same project declared twice, in
    this call or an earlier one of the programme. Returns how many new flags were raised;
    flags already decided are kept as they are."""
    if not permissions.runs_programme_of_call(user, call):
        raise NotAllowed(_("Only an officer of this programme can check for duplicates."))
    current = list(
        Declaration.objects.filter(call=call).exclude(state__in=[State.DRAFT, State.WITHDRAWN])
    )
    earlier_qs = Declaration.objects.exclude(call=call).exclude(
        state__in=[State.DRAFT, State.WITHDRAWN]
    )
    if earlier_calls is not None:
        earlier_qs = earlier_qs.filter(call__in=list(earlier_calls))
    else:
        earlier_qs = earlier_qs.filter(call__programme=call.programme)
    earlier = list(earlier_qs)
    everything = current + earlier
    teams: dict[int, list[str]] = {d.pk: [] for d in everything}
    for decl_id, name in TeamMember.objects.filter(declaration_id__in=list(teams)).values_list(
        "declaration_id", "name"
    ):
        teams[decl_id].append(name)

    def record(d: Declaration) -> DeclarationRecord:
        return DeclarationRecord(
            key=d.pk,
            title=d.title,
            summary=d.summary,
            keywords=d.keywords,
            industry=d.industry.name if d.industry_id else "",
            team=teams[d.pk],
        )

    pairs = duplicates_find([record(d) for d in current], [record(d) for d in earlier])
    created = 0
    for pair in pairs:
        flag, new = DuplicateFlag.objects.get_or_create(
            first_id=pair.first,
            second_id=pair.second,
            defaults={
                "call": call,
                "similarity": Decimal(str(pair.similarity)).quantize(Decimal("0.0001")),
                "shared_members": list(pair.shared_members),
                "reasons": list(pair.reasons),
            },
        )
        if new:
            created += 1
            audit_record(
                flag,
                actor=user,
                action="duplicate_flagged",
                changes={flag.second.reference: [None, flag.first.reference]},
                note=", ".join(pair.reasons),
            )
    return created


@transaction.atomic
def duplicate_decide(user, flag: DuplicateFlag, decision: str, note: str = "") -> DuplicateFlag:
    if not permissions.runs_programme_of_call(user, flag.call):
        raise NotAllowed(_("Only an officer of this programme can decide."))
    if decision not in (DuplicateFlag.Decision.DUPLICATE, DuplicateFlag.Decision.DISTINCT):
        raise ActionRefused(_("Decide either “the same project” or “different projects”."))
    before = flag.decision
    flag.decision, flag.note, flag.decided_by = decision, note, user
    flag.save()
    audit_record(
        flag,
        actor=user,
        action="duplicate_decided",
        changes={"decision": [before, decision]},
        note=note,
    )
    return flag
