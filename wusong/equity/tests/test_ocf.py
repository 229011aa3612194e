"""The holder's positions export as OCF JSON that validates against the OCF schemas,
offline (the schemas are loaded from OCF_SCHEMA_DIR into a registry keyed by $id)."""

import copy
import datetime as dt
from decimal import Decimal as D

import pytest

from wusong.equity import ocf, services
from wusong.equity.models import Holding

from .conftest import TODAY, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def converted_and_partly_sold(world):
    world.equity()
    position = world.open_position()
    financing_round = world.round()
    services.conversion_confirm(world.staff, position, financing_round)
    holding = Holding.objects.get()
    services.exit_record(
        world.staff,
        holding,
        kind="buyback",
        date=dt.date(2027, 3, 31),
        units=D("100000.00"),
        proceeds=D("1600000.00"),
        counterparty="张明",
        today=TODAY,
    )
    services.exit_record(
        world.staff,
        holding,
        kind="transfer",
        date=dt.date(2027, 6, 30),
        units=D("226666.66"),
        proceeds=D("4533333.20"),
        counterparty="临港科创基金",
        today=TODAY,
    )
    return world


def test_the_export_of_a_worked_example_validates(converted_and_partly_sold):
    world = converted_and_partly_sold
    files = ocf.ocf_export(world.company, as_of=dt.date(2027, 12, 31))
    assert ocf.ocf_validate(files) == []
    kinds = [t["object_type"] for t in files["Transactions.ocf.json"]["items"]]
    assert kinds == [
        "TX_CONVERTIBLE_ISSUANCE",
        "TX_CONVERTIBLE_CONVERSION",
        "TX_STOCK_ISSUANCE",
        "TX_STOCK_REPURCHASE",
        "TX_STOCK_ISSUANCE",  # the balance kept after the partial buy-back
        "TX_STOCK_TRANSFER",
        "TX_STOCK_ISSUANCE",  # the buyer's stock
    ]
    issuance = files["Transactions.ocf.json"]["items"][0]
    assert issuance["investment_amount"] == {"amount": "4900000", "currency": "CNY"}
    assert [t["trigger_id"] for t in issuance["conversion_triggers"]] == [
        "qualifying-round",
        "deadline-fallback",
    ]
    stock = files["Transactions.ocf.json"]["items"][2]
    assert stock["quantity"] == "326666.66" and stock["share_price"]["amount"] == "15"
    names = [s["name"]["legal_name"] for s in files["Stakeholders.ocf.json"]["items"]]
    assert names[0] == "上海宝山科技成果转化有限公司" and "临港科创基金" in names
    assert files["StockClasses.ocf.json"]["items"][0]["name"].startswith("Registered capital")
    archive = ocf.ocf_zip(files)
    assert archive[:2] == b"PK"


def test_an_open_position_exports_and_a_broken_file_is_caught(world):
    world.equity()
    world.open_position()
    files = ocf.ocf_export(world.company, as_of=dt.date(2026, 12, 31))
    assert ocf.ocf_validate(files) == []
    broken = copy.deepcopy(files)
    broken["Transactions.ocf.json"]["items"][0]["convertible_type"] = "LOAN"
    del broken["Manifest.ocf.json"]["issuer"]["formation_date"]
    errors = ocf.ocf_validate(broken)
    assert any("Transactions.ocf.json" in e for e in errors)
    assert any("formation_date" in e for e in errors)


def test_schemas_come_from_the_folder_named_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OCF_SCHEMA_DIR", str(tmp_path))
    assert ocf.schema_dir() == tmp_path
    with pytest.raises(FileNotFoundError):
        ocf.ocf_validate({})


def test_the_holder_exports_one_valid_package_per_company(converted_and_partly_sold):
    world = converted_and_partly_sold
    other = World(holder=world.holder, company_status="jsc")
    other.equity(form="joint_stock", units=D("20000000"))
    other.open_position()
    packages = ocf.ocf_export_holder(world.holder, as_of=dt.date(2027, 12, 31))
    assert set(packages) == {f"company-{world.company.pk}", f"company-{other.company.pk}"}
    for files in packages.values():
        assert ocf.ocf_validate(files) == []
    shares = packages[f"company-{other.company.pk}"]["StockClasses.ocf.json"]["items"][0]
    assert shares["name"].startswith("Ordinary shares")
    assert ocf.ocf_holder_zip(packages)[:2] == b"PK"
