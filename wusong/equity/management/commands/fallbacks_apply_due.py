import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wusong.equity.selectors import deadlines_unread
from wusong.equity.services import fallback_apply_due
from wusong.registry.roles import Role


class Command(BaseCommand):
    help = (
        "Apply the agreed fallback (write-off, conversion at the set valuation, repayment) to "
        "every open position whose deadline has passed (run daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="The date to apply as of (default: today), 2029-01-01.")
        parser.add_argument(
            "--user",
            help="Username recorded as having applied them; default: the first administrator.",
        )

    def handle(self, *args, **options):
        as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        as_of = as_of or timezone.localdate()
        users = get_user_model().objects.filter(is_active=True)
        if options["user"]:
            user = users.filter(username=options["user"]).first()
        else:
            user = users.filter(groups__name=Role.ADMINISTRATOR).order_by("pk").first()
        if user is None:
            raise CommandError("No such active user; give --user with an administrator's name.")
        for unread in deadlines_unread():
            self.stderr.write(
                f"agreement {unread['agreement'].reference}: deadline not read, no fallback "
                f"can fall due until its terms are amended: {unread['reason']}"
            )
        outcomes = fallback_apply_due(user, as_of)
        applied = [o for o in outcomes if o["applied"]]
        for o in outcomes:
            if not o["applied"]:
                self.stderr.write(f"position {o['position'].pk}: {o['error']}")
        self.stdout.write(
            f"{len(applied)} fallback(s) applied as of {as_of}; {len(outcomes) - len(applied)} refused."
        )
