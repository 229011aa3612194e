"""Writes to the registry, each audited."""

from django.db import transaction

from wusong.audit.services import audit_record, field_changes
from wusong.audit.transitions import audited_update

from .models import Organisation
from .selectors import ORGANISATION_FIELDS, organisation_values


@transaction.atomic
def organisation_create(user, **data) -> Organisation:
    org = Organisation(**data)
    org.full_clean()
    org.save()
    audit_record(
        org, actor=user, action="created", changes=field_changes({}, organisation_values(org))
    )
    return org


@transaction.atomic
def organisation_update(user, org: Organisation, **data) -> Organisation:
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    audited_update(user, org, data, fields=ORGANISATION_FIELDS, snapshot=organisation_values)
    return org
