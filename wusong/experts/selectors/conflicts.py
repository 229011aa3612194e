"""Conflicts of interest found by Wusong itself (same or related organisation, a member
of the applicant team, a recent collaborator) and those the experts declared."""

import re
import unicodedata
from collections.abc import Sequence

from django.utils.translation import gettext as _

from wusong.calls.models import Declaration, TeamMember
from wusong.registry.models import Organisation

from ..models import ConflictDeclaration, Expert, ReviewRound


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


def round_conflicts(review_round: ReviewRound) -> list[tuple]:
    """(declaration, expert, reasons) for every conflicted pair among the round's
    declarations and the active pool, for the officer."""
    decls = list(review_round.declarations.order_by("reference"))
    experts = list(Expert.objects.filter(active=True).select_related("organisation"))
    found = conflicts_detect(decls, experts)
    by_d = {d.pk: d for d in decls}
    by_e = {e.pk: e for e in experts}
    return [(by_d[d], by_e[e], reasons) for (d, e), reasons in sorted(found.items())]
