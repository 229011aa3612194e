"""The post-investment desk of an officer who follows N projects: how long the page takes
and how many queries it makes, as N grows.

Builds its own database (a temporary SQLite file, or the server DATABASE_URL names: the
bench creates its tables there, so name an empty database), with N portfolio projects
of one programme, three manager's assessments each, a report filed for every ended
quarter but the last in one project of ten, and a live service-plan item in one project
of three, overdue in one of six. Then renders /portfolio/ as the programme's officer.

    .venv/bin/python bench/care_desk_bench.py            # N = 20, 200, 1000
    .venv/bin/python bench/care_desk_bench.py 50 500
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="wusong-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wusong.settings")
os.environ.setdefault("WUSONG_MEDIA_ROOT", _tmp)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wusong.calls.models import Declaration  # noqa: E402
from wusong.factories import (  # noqa: E402
    CallFactory,
    DeclarationFactory,
    IndustryFactory,
    OrganisationFactory,
    officer,
)
from wusong.kernels import periods  # noqa: E402
from wusong.portfolio.models import Assessment, CompanyReport, PlanItem, Project  # noqa: E402
from wusong.registry.models import Organisation  # noqa: E402

DIMENSIONS = ("business", "team", "compliance", "marketing", "capital")
REPEATS = 5


def build(n: int, start: int):
    """N more projects of one new programme, and its officer."""
    call = CallFactory()
    staff = officer(call.programme)
    industry = IndustryFactory()
    orgs = Organisation.objects.bulk_create(
        [OrganisationFactory.build(kind=Organisation.Kind.ENTERPRISE) for _ in range(n)]
    )
    decls = Declaration.objects.bulk_create(
        [
            DeclarationFactory.build(
                call=call,
                organisation=org,
                created_by=staff,
                industry=industry,
                reference=f"BENCH-{start + i:06d}",
                state="approved",
                complete=False,
            )
            for i, org in enumerate(orgs)
        ]
    )
    projects = Project.objects.bulk_create(
        [
            Project(
                declaration=decl,
                organisation=decl.organisation,
                kind=Project.Kind.PORTFOLIO,
                manager=staff,
                reporting_from=dt.date(2025, 1, 1),
                report_every=3,
            )
            for decl in decls
        ]
    )
    today = timezone.localdate()
    assessments, reports, items = [], [], []
    ended = periods.ended_periods(dt.date(2025, 1, 1), today - dt.timedelta(days=30), 3)
    for i, project in enumerate(projects):
        for k, on in enumerate((dt.date(2025, 3, 1), dt.date(2025, 9, 1), dt.date(2026, 3, 1))):
            scores = [Decimal((i + k + d) % 5 + 1) for d in range(5)]
            weakest = DIMENSIONS[scores.index(min(scores))]
            assessments.append(
                Assessment(
                    project=project,
                    kind=Assessment.Kind.MANAGER,
                    assessed_on=on,
                    assessed_by=staff,
                    overall=sum(scores) / 5,
                    weakest=weakest,
                    **dict(zip(DIMENSIONS, scores, strict=True)),
                )
            )
        filed = ended[:-1] if i % 10 == 0 else ended
        for year, period in filed:
            reports.append(
                CompanyReport(
                    project=project,
                    year=year,
                    period=period,
                    months=3,
                    revenue=Decimal("1200000.00"),
                    rd_spend=Decimal("300000.00"),
                    headcount=20,
                    state="accepted",
                    filed_by=staff,
                )
            )
        if i % 3 == 0:
            items.append(
                PlanItem(
                    project=project,
                    dimension="capital",
                    kind=PlanItem.Kind.FINANCING_MATCH,
                    title="融资对接",
                    owner_user=staff,
                    created_by=staff,
                    due=today + dt.timedelta(days=-10 if i % 6 == 0 else 30),
                )
            )
    Assessment.objects.bulk_create(assessments)
    CompanyReport.objects.bulk_create(reports)
    PlanItem.objects.bulk_create(items)
    return staff


def measure(staff) -> tuple[float, float, int, int]:
    client = Client()
    client.force_login(staff)
    client.get("/portfolio/")  # templates and translations loaded
    times, counted = [], []

    def count(execute, sql, params, many, context):
        counted[-1] += 1
        return execute(sql, params, many, context)

    for _ in range(REPEATS):
        counted.append(0)
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            response = client.get("/portfolio/")
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), min(times), counted[-1], len(response.content)


def main(sizes: list[int]) -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; {REPEATS} renders each, after one warm-up")
    print(f"{'projects':>8} {'median ms':>10} {'best ms':>8} {'queries':>8} {'page KiB':>9}")
    made = 0
    for n in sizes:
        staff = build(n, made)
        made += n
        median, best, queries, size = measure(staff)
        print(f"{n:>8} {median * 1000:>10.0f} {best * 1000:>8.0f} {queries:>8} {size / 1024:>9.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 200, 1000])
