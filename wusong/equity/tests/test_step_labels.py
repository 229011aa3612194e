"""Every step and check the conversion and accrual kernels record has a label in the
reader's language; the conversion page and the API show it, and the API keeps the
kernel's English beside it."""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from rest_framework.test import APIClient

from wusong import kernels
from wusong.equity import services
from wusong.equity.models import Conversion
from wusong.equity.step_labels import STEP_LABELS, label_entry, labelled, step_label
from wusong.factories import applicant
from wusong.kernels.accrual import Lease, lease_accrual, services_accrual
from wusong.kernels.conversion import Position, Terms, conversion_preview, fallback_apply

from .test_api import PREVIEW, REQUEST

KERNEL_DIR = Path(kernels.__file__).parent


def _key_of(node) -> tuple[str, bool] | None:
    """The key a step or check is recorded under: (the literal key, False), or (the fixed
    head of a key built with an f-string, True); None when it cannot be read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, False
    if isinstance(node, ast.JoinedStr):
        head = ""
        for part in node.values:
            if not isinstance(part, ast.Constant):
                break
            head += part.value
        return head, True
    return None


def kernel_keys() -> list[tuple[str, int, tuple[str, bool] | None]]:
    """(file, line, key) of every `steps.add(key, label, formula, working, value, unit)`
    and every `Check(key, …)` in the kernels' sources."""
    found = []
    for path in sorted(KERNEL_DIR.rglob("*.py")):
        if "tests" in path.relative_to(KERNEL_DIR).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            step = isinstance(func, ast.Attribute) and func.attr == "add" and len(node.args) == 6
            # Step(…) itself is built in one place, StepList.add, from its arguments.
            made = isinstance(func, ast.Name) and func.id == "Check"
            if step or made:
                found.append((path.name, node.lineno, _key_of(node.args[0])))
    return found


def test_every_key_the_kernels_record_has_a_label():
    found = kernel_keys()
    assert len(found) > 30, "the kernels' steps were not found; has `steps.add` changed?"
    unreadable = [f"{name}:{line}" for name, line, key in found if key is None]
    assert not unreadable, (
        f"give these step keys as a literal or an f-string with a fixed head: {unreadable}"
    )
    missing = []
    for name, line, (key, dynamic) in found:
        # A built key is labelled by its head: "rent_line[" + n + "]" by "rent_line".
        probe = f"{key}0" if dynamic else key
        if label_entry(probe) is None:
            missing.append(f"{name}:{line} {key!r}")
    assert not missing, f"add a label to wusong/equity/step_labels.py for: {missing}"
    literal = {key for _n, _l, (key, dynamic) in found if not dynamic}
    heads = {key for _n, _l, (key, dynamic) in found if dynamic}
    unused = [
        k for k in STEP_LABELS if k not in literal and not any(h.startswith(k) for h in heads)
    ]
    assert not unused, f"no kernel records these keys any more: {unused}"


def _emitted_keys() -> set[str]:
    """Keys the kernels record when run over examples that take every branch."""
    keys = set()
    qualifying = {
        **REQUEST,
        "terms": {
            **REQUEST["terms"],
            "discount_percent": "20",
            "valuation_cap": "100000000",
            "max_stake_percent": "2",
            "never_largest_holder": True,
        },
        "round": {**REQUEST["round"], "company": {
            "form": "llc", "units": "10000000",
            "holders": [{"name": "张明", "units": "6000000"}],
        }},
    }  # fmt: skip
    result = conversion_preview(qualifying)
    keys |= {s["key"] for s in result["steps"]} | {c["key"] for c in result["checks"]}
    failing = {**REQUEST, "terms": {**REQUEST["terms"], "require_market_investor": True}}
    failing["round"] = {**REQUEST["round"], "investors": [
        {"name": "某产业基金", "amount": "1000", "market": False},
    ]}  # fmt: skip
    keys |= {c["key"] for c in conversion_preview(failing)["checks"]}
    lease = Lease("500", "60", dt.date(2026, 1, 1), ({"effective": "2026-07-15",
                  "monthly_rent_per_m2": "66"},))  # fmt: skip
    keys |= {s.key for s in lease_accrual(lease, dt.date(2026, 8, 10), ceiling="100000").steps}
    fees = [
        {"date": "2026-02-01", "amount": "1200.00", "reference": "F-1"},
        {"date": "2025-12-01", "amount": "100.00", "reference": "F-0"},
    ]
    accrual = services_accrual(fees, since=dt.date(2026, 1, 1), ceiling="1000.00")
    keys |= {s.key for s in accrual.steps}
    company = {"form": "llc", "units": "10000000"}
    for rule, extra in [
        ("write_off", {}),
        ("repay", {}),
        ("convert_at_valuation", {"fallback_valuation": "80000000"}),
    ]:
        terms = Terms(dt.date(2024, 1, 10), dt.date(2026, 12, 31), rule, **extra)
        outcome = fallback_apply(Position("3000000"), terms, dt.date(2027, 1, 1), company)
        keys |= {s.key for s in outcome.steps}
    return keys


def test_the_kernels_run_over_examples_record_only_labelled_keys():
    keys = _emitted_keys()
    assert {"units_max_largest", "rent_line", "excluded_fees", "check.market_investor"} <= keys
    assert not [k for k in keys if label_entry(k) is None]


def test_labelled_translates_a_copy_and_keeps_key_and_english():
    result = conversion_preview(REQUEST)
    with translation.override("zh-hans"):
        shown = labelled({"result": result})["result"]
        expected = str(STEP_LABELS["round_price"])
    step = next(s for s in shown["steps"] if s["key"] == "round_price")
    assert step["label"] == expected and step["label_en"] == "Round price per unit"
    assert step["working"] == "150000000 ÷ 10000000.00"
    assert all("label_en" in c for c in shown["checks"])
    assert "label_en" not in result["steps"][0]  # the kernel's own output is untouched
    assert step_label("rent_line[3]") == step_label("rent_line")
    assert step_label("a_step_no_one_labelled", "As the kernel says") == "As the kernel says"


@pytest.mark.django_db
def test_the_conversion_page_shows_the_steps_in_chinese(client, world):
    world.equity()
    position = world.open_position()
    url = reverse("equity:conversion", args=[position.pk, world.round().pk])
    client.force_login(world.staff)
    page = client.get(url).content.decode()
    assert '<tr data-key="round_price"><td>本轮每份额价格</td>' in page
    assert '<tr data-key="units"><td>转股份额</td>' in page
    assert "本轮在截止日期当日或之前交割" in page  # a check the round passes
    assert "Round price per unit" not in page


@pytest.mark.django_db
def test_each_step_on_the_conversion_page_reads_in_the_chosen_language(client, world):
    world.equity()
    position = world.open_position()
    url = reverse("equity:conversion", args=[position.pk, world.round().pk])
    client.force_login(world.staff)
    page = client.get(url)
    shown = page.content.decode()
    with translation.override(settings.LANGUAGE_CODE):  # pages are in Chinese by default
        for step in page.context["result"]["steps"]:
            label = escape(step_label(step["key"]))
            assert f'<tr data-key="{step["key"]}"><td>{label}</td>' in shown
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert '<tr data-key="round_price"><td>Round price per unit</td>' in english
    assert "The round closes on or before the deadline" in english


@pytest.mark.django_db
def test_the_api_labels_steps_in_the_readers_language_and_keeps_the_english(world):
    api = APIClient()
    api.force_authenticate(applicant())
    chinese = api.post(PREVIEW, REQUEST, format="json").json()  # no header: Chinese
    step = next(s for s in chinese["steps"] if s["key"] == "round_price")
    with translation.override("zh-hans"):
        assert step["label"] == str(STEP_LABELS["round_price"])
    assert step["label_en"] == "Round price per unit"
    english = api.post(PREVIEW, REQUEST, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    step = next(s for s in english["steps"] if s["key"] == "round_price")
    assert step["label"] == step["label_en"] == "Round price per unit"

    world.equity()
    position = world.open_position()
    services.conversion_confirm(world.staff, position, world.round())
    staff = APIClient()
    staff.force_authenticate(world.staff)
    stored = staff.get("/api/conversions/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    first = stored["result"]["steps"][0]
    assert first["key"] == "amount" and first["label"] == "Convertible amount"
    assert first["label_en"] == "Amount to convert"
    assert "label_en" not in Conversion.objects.get().result["steps"][0]  # as recorded
