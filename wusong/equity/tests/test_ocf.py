"""The holder's positions export as OCF JSON that validates against the OCF schemas,
offline (the schemas shipped with the project, or those in OCF_SCHEMA_DIR, loaded into a
registry keyed by $id); an export that does not validate is refused, never served."""

import copy
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from wusong.equity import ocf, services
from wusong.equity.models import ConvertiblePosition, Holding
from wusong.registry.models import Organisation

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


def test_the_schemas_ship_with_the_project_with_their_licence(monkeypatch):
    monkeypatch.delenv("OCF_SCHEMA_DIR", raising=False)
    folder = ocf.schema_dir()
    assert folder == ocf.SHIPPED_SCHEMAS and folder.is_dir()
    assert "Schema and Documentation License" in (folder / "LICENSE.md").read_text()
    assert "Copyright © 2026 Open Cap Table Coalition" in (folder / "README.md").read_text()
    schemas = sorted(folder.rglob("*.json"))
    assert len(schemas) > 100
    for path in schemas:
        assert "Open Cap Table Coalition" in json.loads(path.read_text())["$comment"], path


def test_a_broken_export_is_refused_with_the_schemas_error_and_never_served(world, monkeypatch):
    world.equity()
    world.open_position()
    build = ocf.ocf_build

    def broken(company, **kwargs):
        files = build(company, **kwargs)
        del files["Manifest.ocf.json"]["issuer"]["formation_date"]
        return files

    monkeypatch.setattr(ocf, "ocf_build", broken)
    with pytest.raises(ocf.OCFExportRefused) as refused:
        ocf.ocf_export(world.company)
    assert "formation_date" in refused.value.message
    client = APIClient()
    client.force_authenticate(world.staff)
    url = f"/api/companies/{world.company.pk}/ocf/"
    for params in ({}, {"zip": "1"}):
        response = client.get(url, params)
        assert response.status_code == 422
        assert response["Content-Type"] == "application/json"
        assert "'formation_date' is a required property" in response.json()["detail"]
        assert "Manifest.ocf.json" not in response.json()


def ocf_export_holder(holder, *, as_of=None) -> dict[str, dict[str, dict]]:
    """One OCF package per portfolio company in which `holder` has a position, keyed
    "company-<organisation id>" (OCF describes one issuer's cap table per package)."""
    companies = (
        ConvertiblePosition.objects.filter(holder=holder)
        .values_list("company", flat=True)
        .distinct()
        .order_by("company")
    )
    return {
        f"company-{company.pk}": ocf.ocf_export(company, holder=holder, as_of=as_of)
        for company in Organisation.objects.filter(pk__in=list(companies)).order_by("pk")
    }


def ocf_holder_zip(packages: dict[str, dict[str, dict]]) -> bytes:
    """The packages of `ocf_export_holder` in one zip, a folder per company."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, files in packages.items():
            for name, data in files.items():
                archive.writestr(f"{folder}/{name}", ocf.ocf_bytes(data))
    return buffer.getvalue()


def test_the_holder_exports_one_valid_package_per_company(converted_and_partly_sold):
    world = converted_and_partly_sold
    other = World(holder=world.holder, company_status="jsc")
    other.equity(form="joint_stock", units=D("20000000"))
    other.open_position()
    packages = ocf_export_holder(world.holder, as_of=dt.date(2027, 12, 31))
    assert set(packages) == {f"company-{world.company.pk}", f"company-{other.company.pk}"}
    for files in packages.values():
        assert ocf.ocf_validate(files) == []
    shares = packages[f"company-{other.company.pk}"]["StockClasses.ocf.json"]["items"][0]
    assert shares["name"].startswith("Ordinary shares")
    assert ocf_holder_zip(packages)[:2] == b"PK"
