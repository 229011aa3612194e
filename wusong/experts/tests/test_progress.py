"""Progress of an assignment compute: each stage is timed and, while it runs, published
for the round page's poller; the last run's stages stay in the round's result and show on
the page; a failed compute says so."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from wusong.errors import NotAllowed
from wusong.factories import officer

from .. import progress, services
from .factories import ExpertFactory, new_call, passed_declaration, round_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_stages_are_timed_and_published_while_running():
    clock = Clock()
    seen = []
    tracker = progress.ComputeProgress(7, also=lambda *a: seen.append(a), clock=clock)
    assert progress.current(7)["running"] is True
    tracker("prepare", 0, 1)
    clock.t += 1.5
    tracker("prepare", 1, 1)
    tracker("solve", 0, 4)
    clock.t += 0.05
    tracker("solve", 1, 4)  # within the write interval: not yet published
    live = progress.current(7)
    assert live["stage"] == "solve" and live["done"] == 0 and live["total"] == 4
    clock.t += 1.0
    tracker("solve", 4, 4)
    live = progress.current(7)
    assert live["running"] and live["done"] == 4 and live["elapsed"] == pytest.approx(2.55)
    stages = tracker.finish()
    assert [s["stage"] for s in stages] == ["prepare", "solve"]
    assert stages[0]["seconds"] == pytest.approx(1.5)
    assert stages[1]["seconds"] == pytest.approx(1.05)
    assert progress.current(7)["running"] is False
    assert len(seen) == 5  # the caller's own callback got every call


def test_a_compute_records_its_stages_on_the_round_and_the_page_shows_them(client):
    call, staff = new_call()
    for _ in range(3):
        passed_declaration(call, staff=staff)
    for _ in range(3):
        ExpertFactory()
    review_round = round_for(call, staff, reviewers_per_declaration=1)
    calls = []
    services.assignment_compute(staff, review_round, progress=lambda *a: calls.append(a))
    review_round.refresh_from_db()
    stages = [s["stage"] for s in review_round.result["stages"]]
    assert stages[0] == "affinity" and "solve" in stages and stages[-1] == "save"
    assert all(s["seconds"] >= 0 for s in review_round.result["stages"])
    assert [c[0] for c in calls][0] == "affinity" and calls[-1] == ("save", 1, 1)
    assert progress.current(review_round.pk)["running"] is False

    client.force_login(staff)
    page = client.get(reverse("experts:round", args=[review_round.pk])).content.decode()
    assert 'id="compute-stages"' in page and 'id="compute-progress"' in page
    assert "<script" in page and "http" not in page.split("<script")[1].split("</script>")[0]
    answer = client.get(reverse("experts:round_progress", args=[review_round.pk]))
    assert answer.status_code == 200 and answer.json()["running"] is False
    with translation.override("zh-hans"):  # pages answer in Chinese unless asked otherwise
        expected = progress.stage_label("affinity")
    assert [s["label"] for s in answer.json()["stages"]][0] == expected


def test_a_refused_compute_is_not_left_running_and_outsiders_see_no_progress(client):
    call, staff = new_call()
    passed_declaration(call, staff=staff)
    ExpertFactory()
    review_round = round_for(call, staff)
    stranger = officer()
    with pytest.raises(NotAllowed):
        services.assignment_compute(stranger, review_round)
    state = progress.current(review_round.pk)
    assert state["running"] is False and state["failed"] is True
    client.force_login(stranger)
    answer = client.get(reverse("experts:round_progress", args=[review_round.pk]))
    assert answer.status_code == 404


def test_the_page_polls_while_a_compute_runs(client):
    call, staff = new_call()
    passed_declaration(call, staff=staff)
    review_round = round_for(call, staff)
    progress.ComputeProgress(review_round.pk)("solve", 2, 5)
    client.force_login(staff)
    page = client.get(reverse("experts:round", args=[review_round.pk])).content.decode()
    assert 'data-running="1"' in page
    answer = client.get(reverse("experts:round_progress", args=[review_round.pk])).json()
    assert answer["running"] and answer["done"] == 2 and answer["total"] == 5
