from django.core.management.base import BaseCommand

from wusong.notices.services import notices_end_due_periods


class Command(BaseCommand):
    help = "End the period of every public notice whose last working day has passed (run daily)."

    def handle(self, *args, **options):
        n = notices_end_due_periods()
        self.stdout.write(f"{n} notice period(s) ended.")
