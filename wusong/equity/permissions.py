"""Who may see and do what in the equity ledger. Positions, conversions and holdings follow
their agreement (`wusong.funding.permissions.runs_agreement`); a company's equity profile
and rounds are run by the officers of any programme under which the company holds an
agreement. Predicates take `(user, record)`."""

from django.db.models import QuerySet

from wusong.calls.permissions import reads_everything
from wusong.funding.models import Agreement
from wusong.funding.permissions import agreements_visible_to, runs_agreement
from wusong.registry.roles import Role


def runs_company(user, organisation) -> bool:
    """An officer of a programme under which `organisation` has an agreement."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    return (
        user.has_role(Role.OFFICER)
        and Agreement.objects.filter(
            recipient=organisation, declaration__call__programme__officers=user
        ).exists()
    )


def runs_position(user, position) -> bool:
    return runs_agreement(user, position.agreement)


def reads_position(user, position) -> bool:
    """Its officers, and those who read everything, see what it would convert into."""
    return runs_position(user, position) or reads_everything(user)


def runs_holding(user, holding) -> bool:
    return runs_agreement(user, holding.conversion.position.agreement)


def positions_visible_to(user) -> QuerySet:
    from .models import ConvertiblePosition

    return ConvertiblePosition.objects.filter(agreement__in=agreements_visible_to(user))


def companies_visible_to(user) -> QuerySet:
    """Equity profiles of the companies whose agreements the user may see."""
    from .models import EquityProfile

    return EquityProfile.objects.filter(
        organisation__in=agreements_visible_to(user).values("recipient")
    )
