from django.core.management.base import BaseCommand

from wusong.portfolio.services.reports import reports_chase


class Command(BaseCommand):
    help = (
        "List the company reports that are overdue and remind each company (at most once "
        "a week per report), with an alert on the manager's desk. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is missing; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        rows = reports_chase(dry_run=dry_run)
        for row in rows:
            project = row["project"]
            flag = "reminded" if row["reminded"] else ("-" if not dry_run else "missing")
            self.stdout.write(
                f"{project.declaration.reference}\t{project.organisation}\t{row['label']}\t"
                f"due {row['due'].isoformat()}\t{flag}"
            )
        sent = sum(1 for r in rows if r["reminded"])
        self.stdout.write(f"{len(rows)} report(s) missing; {sent} reminder(s) sent.")
