"""Objections to a public notice: filed by anyone without an account within the period
(signed, with reasons and evidence, rate-limited per address), resolved by the officers
of the call's programme. Who objected is never written to the audit history or to a
notification: entries name the objection by its receipt number only."""

import datetime as dt
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wusong.audit.services import audit_record
from wusong.audit.transitions import transition_fire
from wusong.documents.uploads import upload_check
from wusong.errors import ActionRefused, NotAllowed
from wusong.notifications.services import notify, office_language

from .. import permissions
from ..models import Objection, PublicNotice
from ..workflow import NoticeState, ObjectionState
from .notices import date_text, locked_notice

# Objections accepted from one client address per window (seconds). An office can
# change both in settings; the public page says what applies. The count lives in
# Django's cache, which must be shared (database or Redis cache) when several web
# processes serve the site.
OBJECTION_RATE_LIMIT = getattr(settings, "WUSONG_OBJECTION_RATE_LIMIT", 3)
OBJECTION_RATE_WINDOW = getattr(settings, "WUSONG_OBJECTION_RATE_WINDOW", 3600)
RESOLUTIONS = {"upheld": "uphold", "dismissed": "dismiss"}


class RateLimited(ActionRefused):
    status_code = 429


def _rate_key(client_ip) -> str:
    return f"wusong:objections:{client_ip or 'unknown'}"


def _recent(client_ip, now_ts: float) -> list[float]:
    return [t for t in cache.get(_rate_key(client_ip), []) if now_ts - t < OBJECTION_RATE_WINDOW]


def _rate_check(client_ip) -> None:
    now_ts = time.time()
    recent = _recent(client_ip, now_ts)
    if len(recent) >= OBJECTION_RATE_LIMIT:
        again = timezone.localtime(
            timezone.now() + dt.timedelta(seconds=min(recent) + OBJECTION_RATE_WINDOW - now_ts)
        )
        raise RateLimited(
            _(
                "At most %(n)s objections an hour are accepted from one address. Try again "
                "after %(time)s, or send the objection in writing to the office."
            )
            % {"n": OBJECTION_RATE_LIMIT, "time": again.strftime("%H:%M")}
        )


def _rate_count(client_ip) -> None:
    now_ts = time.time()
    cache.set(_rate_key(client_ip), [*_recent(client_ip, now_ts), now_ts], OBJECTION_RATE_WINDOW)


def _objection_problems(data: dict) -> dict:
    kind = data.get("kind")
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if kind not in Objection.Kind.values:
        add("kind", _("Say whether you object as a person or as an organisation."))
    if not data.get("name"):
        add(
            "name",
            _("Give the organisation's full name: anonymous objections are not accepted.")
            if kind == Objection.Kind.ORGANISATION
            else _("Sign with your name: anonymous objections are not accepted."),
        )
    if kind == Objection.Kind.ORGANISATION and not data.get("contact_name"):
        add("contact_name", _("Give the organisation's contact person."))
    if not data.get("mobile"):
        add(
            "mobile",
            _("Give a mobile number the office can call: anonymous objections are not accepted."),
        )
    if not data.get("reason"):
        add(
            "reason",
            _("Give the reasons for the objection: an objection without them is not accepted."),
        )
    if not data.get("evidence"):
        add(
            "evidence",
            _(
                "Give the evidence that supports the objection: an objection without it is not accepted."
            ),
        )
    return errors


@transaction.atomic
def objection_file(
    notice: PublicNotice, data: dict, upload=None, *, client_ip=None, now=None
) -> Objection:
    """File an objection to a project of a notice in its period; no account needed.

    `data`: kind ("person" or "organisation"), item (a NoticeItem or its id), name,
    contact_name (organisations), mobile, reason, evidence."""
    now = now or timezone.now()
    notice = locked_notice(notice)
    if notice.state not in (NoticeState.PUBLISHED, NoticeState.PERIOD_ENDED):
        raise ActionRefused(_("This notice is not open for objections."))
    if notice.state == NoticeState.PERIOD_ENDED or notice.period_over(now):
        raise ActionRefused(
            _("The notice period ended on %(date)s; objections are no longer accepted.")
            % {"date": date_text(notice.period_end)}
        )
    _rate_check(client_ip)
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    errors = _objection_problems(data)
    item = data.get("item")
    item_id = getattr(item, "pk", item)
    item = notice.live_items().filter(pk=item_id).first() if item_id not in (None, "") else None
    if item is None:
        errors.setdefault("item", []).append(_("Choose the project you object to."))
    if errors:
        raise ValidationError(errors)
    objection = Objection(
        notice=notice,
        item=item,
        kind=data["kind"],
        name=data["name"],
        contact_name=data.get("contact_name", "") if data["kind"] == "organisation" else "",
        mobile=data["mobile"],
        reason=data["reason"],
        evidence=data["evidence"],
        client_ip=client_ip,
        filed_at=now,
    )
    objection.full_clean(exclude=["reference", "attachment", "state"])
    if upload is not None:
        content, real = upload_check(upload, field="attachment")
        objection.attachment_sha256 = hashlib.sha256(content).hexdigest()
        objection.attachment_name = upload.name[-200:]
        objection.attachment_type = real
        objection.attachment.save(f"{objection.attachment_sha256[:16]}.{real}", upload, save=False)
    count = Objection.objects.filter(notice=notice).count()
    for attempt in range(5):
        objection.reference = f"YY{notice.pk}-{count + 1 + attempt:03d}"
        try:
            with transaction.atomic():
                objection.save()
            break
        except IntegrityError:
            if attempt == 4:
                raise
    _rate_count(client_ip)
    audit_record(
        objection,
        actor=None,
        action="filed",
        changes={"state": [None, objection.state], "item": [None, item.declaration.reference]},
    )
    audit_record(
        notice,
        actor=None,
        action="objection_filed",
        changes={"objections": [None, objection.reference]},
    )
    with office_language():
        for officer in notice.call.programme.officers.all():
            notify(
                user=officer,
                text=_("New objection %(ref)s to “%(title)s” in the notice “%(notice)s”.")
                % {"ref": objection.reference, "title": item.title, "notice": notice.title},
                link=reverse("notices:office_notice", args=[notice.pk]),
            )
    return objection


@transaction.atomic
def objection_resolve(user, objection: Objection, decision: str, reason: str) -> Objection:
    """Uphold or dismiss an open objection, with the reasons."""
    if decision not in RESOLUTIONS:
        raise ValidationError({"decision": _("Choose uphold or dismiss.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Write the reasons: they are kept with the decision on the objection.")}
        )
    objection = (
        Objection.objects.select_for_update()
        .select_related("notice__call__programme")
        .get(pk=objection.pk)
    )
    if not permissions.handles_objection(user, objection):
        raise NotAllowed(_("Only an officer of this programme can resolve this objection."))
    if objection.state != ObjectionState.OPEN:
        raise ActionRefused(
            _("Objection %(ref)s was already %(state)s.")
            % {"ref": objection.reference, "state": objection.get_state_display()}
        )
    transition_fire(user, objection, RESOLUTIONS[decision], note=reason, what=_("objection"))
    objection.resolution = reason
    objection.resolved_by = user
    objection.resolved_at = timezone.now()
    objection.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    audit_record(
        objection.notice,
        actor=user,
        action=f"objection_{decision}",
        changes={"objections": [objection.reference, f"{objection.reference}: {decision}"]},
        note=reason,
    )
    return objection
