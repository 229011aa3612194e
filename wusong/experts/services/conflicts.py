"""Conflicts of interest found by Wusong itself, the experts' own declarations of
conflict, and the flags for declarations that look like one project declared twice."""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.calls.models import Call, Declaration
from wusong.calls.workflow import State
from wusong.errors import ActionRefused, NotAllowed
from wusong.kernels.affinity import DeclarationRecord, duplicates_find
from wusong.registry.models import Organisation

from .. import permissions
from ..models import ConflictDeclaration, DuplicateFlag, Expert


def name_key(name: str) -> str:
    """A name as compared: NFKC, no spaces or dots, lower case (王 伟 = 王伟)."""
    return re.sub(r"[\s·•.]+", "", unicodedata.normalize("NFKC", name or "")).lower()


class OrganisationTree:
    """Each organisation's chain of parents, read once."""

    def __init__(self):
        self.parent = dict(Organisation.objects.values_list("pk", "parent_id"))

    def chain(self, org_id) -> list[int]:
        out, seen = [], set()
        while org_id is not None and org_id not in seen:
            out.append(org_id)
            seen.add(org_id)
            org_id = self.parent.get(org_id)
        return out

    def root(self, org_id):
        chain = self.chain(org_id)
        return chain[-1] if chain else None


def conflicts_detect(
    declarations: Sequence[Declaration],
    experts: Sequence[Expert],
    tree: OrganisationTree | None = None,
) -> dict[tuple[int, int], list[str]]:
    """{(declaration id, expert id): reasons} for every conflicted pair.

    A pair is conflicted when the expert's organisation is the declaring organisation, or
    its parent or subsidiary at any level; when the expert's name is on the applicant
    team; when a listed recent collaborator of the expert is on the team or is the
    declaring organisation or company; or when the expert has declared a conflict.
    """
    tree = tree or OrganisationTree()
    decl_ids = [d.pk for d in declarations]
    declared = {
        (c.declaration_id, c.expert_id): c.reason
        for c in ConflictDeclaration.objects.filter(
            declaration_id__in=decl_ids, expert__in=[e.pk for e in experts]
        )
    }
    teams: dict[int, dict[str, str]] = {d: {} for d in decl_ids}
    from wusong.calls.models import TeamMember

    for decl_id, member in TeamMember.objects.filter(declaration_id__in=decl_ids).values_list(
        "declaration_id", "name"
    ):
        teams[decl_id][name_key(member)] = member
    org_names = {
        o.pk: {name_key(o.name), name_key(o.name_en)} - {""}
        for o in Organisation.objects.filter(pk__in={d.organisation_id for d in declarations})
    }
    expert_info = [
        (
            e,
            set(tree.chain(e.organisation_id)),
            name_key(e.name),
            {name_key(c): c for c in e.collaborator_list},
        )
        for e in experts
    ]
    out: dict[tuple[int, int], list[str]] = {}
    for d in declarations:
        d_chain = tree.chain(d.organisation_id)
        d_set = set(d_chain)
        team = teams[d.pk]
        names = org_names.get(d.organisation_id, set()) | {name_key(d.company_name)} - {""}
        for e, e_chain, e_name, collaborators in expert_info:
            reasons = []
            if e.organisation_id == d.organisation_id:
                reasons.append(_("same organisation as the applicant"))
            elif e.organisation_id in d_set or d.organisation_id in e_chain:
                reasons.append(_("parent or subsidiary organisation of the applicant"))
            if e_name and e_name in team:
                reasons.append(_("member of the applicant team"))
            for key, label in collaborators.items():
                if key in team or key in names:
                    reasons.append(_("recent collaborator: %(name)s") % {"name": label})
            if (d.pk, e.pk) in declared:
                reasons.append(
                    _("declared by the expert: %(reason)s") % {"reason": declared[(d.pk, e.pk)]}
                )
            if reasons:
                out[(d.pk, e.pk)] = reasons
    return out


def pair_conflicts(declaration: Declaration, expert: Expert) -> list[str]:
    return conflicts_detect([declaration], [expert]).get((declaration.pk, expert.pk), [])


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
    from wusong.calls.models import TeamMember

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
