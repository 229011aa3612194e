"""Lease-first rent and services-first fees, accrued line by line."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from wusong.kernels.accrual import (
    Lease,
    RentChange,
    ServiceFee,
    add_months,
    lease_accrual,
    lease_accrual_months,
    services_accrual,
)
from wusong.kernels.conversion import ConversionInputError


def test_lease_first_over_18_months_with_a_rent_change():
    # 200 m² at 80 yuan/m²/month from 2024-03-15; from 2025-01-01 the rent is 90.
    # Rent months run from the 15th to the 14th.
    #   months 1–9  (2024-03-15 … 2024-12-14): 9 × 200 × 80 = 144,000.00
    #   month 10 (2024-12-15 … 2025-01-14, 31 days) is split at the change:
    #     2024-12-15 … 12-31, 17 days: 200 × 80 × 17 ÷ 31 = 8,774.193… → 8,774.19
    #     2025-01-01 … 01-14, 14 days: 200 × 90 × 14 ÷ 31 = 8,129.032… → 8,129.03
    #   months 11–18 (2025-01-15 … 2025-09-14): 8 × 200 × 90 = 144,000.00
    # Total 144,000.00 + 8,774.19 + 8,129.03 + 144,000.00 = 304,903.22
    lease = Lease(
        D("200"), D("80"), dt.date(2024, 3, 15), (RentChange(dt.date(2025, 1, 1), D("90")),)
    )
    result = lease_accrual_months(lease, 18)
    assert result.through == dt.date(2025, 9, 14)
    assert len(result.lines) == 19
    split = [line for line in result.lines if line.month == 10]
    assert [(line.days, line.month_days, line.amount) for line in split] == [
        (17, 31, D("8774.19")),
        (14, 31, D("8129.03")),
    ]
    assert result.accrued == result.total == D("304903.22")
    json.dumps(result.to_json())


def test_a_partial_last_month_is_prorated_by_its_days():
    # 2024-01-01 … 2024-01-31: 200 × 80 = 16,000.00; then 2024-02-01 … 02-10 is 10 days
    # of a 29-day rent month: 200 × 80 × 10 ÷ 29 = 5,517.241… → 5,517.24. Total 21,517.24.
    lease = Lease("200", "80", "2024-01-01")
    result = lease_accrual(lease, dt.date(2024, 2, 10))
    assert [line.amount for line in result.lines] == [D("16000.00"), D("5517.24")]
    assert result.total == D("21517.24")


def test_rent_free_months_and_the_agreements_ceiling():
    # Three rent-free months, then 100 m² at 60: 3 × 0 + 9 × 6,000 = 54,000, capped at the
    # agreement's 50,000.
    lease = Lease("100", "0", "2024-01-01", (RentChange("2024-04-01", "60"),))
    result = lease_accrual_months(lease, 12, ceiling="50000")
    assert result.accrued == D("54000.00")
    assert result.total == D("50000.00")
    assert result.steps[-1].key == "accrued_capped"


def test_a_lease_starting_on_the_31st_uses_month_ends():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 1, 31), 2) == dt.date(2024, 3, 31)
    result = lease_accrual_months(Lease("10", "50", "2024-01-31"), 2)
    assert [line.month_days for line in result.lines] == [29, 31]
    assert result.total == D("1000.00")


def test_lease_bad_input():
    with pytest.raises(ConversionInputError, match="area must be more than zero"):
        Lease("0", "80", "2024-01-01")
    with pytest.raises(ConversionInputError, match="cannot be negative"):
        Lease("10", "-1", "2024-01-01")
    with pytest.raises(ConversionInputError, match="in date order"):
        Lease(
            "10",
            "80",
            "2024-01-01",
            (RentChange("2024-06-01", "90"), RentChange("2024-03-01", "95")),
        )
    with pytest.raises(ConversionInputError, match="on or after the lease start"):
        lease_accrual(Lease("10", "80", "2024-01-01"), dt.date(2023, 12, 31))
    with pytest.raises(ConversionInputError, match="whole number of months"):
        lease_accrual_months(Lease("10", "80", "2024-01-01"), 0)


def test_services_first_accrual():
    # Fees within 2024-02-01 … 2024-12-31: 12,000.00 + 8,500.50 + 30,000.00 = 50,500.50;
    # the January 2025 fee falls after the window and is listed as excluded.
    fees = [
        ServiceFee(dt.date(2024, 3, 5), D("12000.00"), "Baoshan IP agency", "patent filing", "F-1"),
        ServiceFee(dt.date(2024, 7, 20), D("8500.50"), "Testing centre", "EMC test", "F-2"),
        ServiceFee(dt.date(2024, 11, 2), D("30000"), "Law firm", "financing round counsel", "F-3"),
        ServiceFee(dt.date(2025, 1, 15), D("5000"), "Law firm", "follow-up", "F-4"),
    ]
    result = services_accrual(fees, since=dt.date(2024, 2, 1), through=dt.date(2024, 12, 31))
    assert result.total == D("50500.50")
    assert [fee.reference for fee in result.excluded] == ["F-4"]
    assert [s.key for s in result.steps] == ["service_fee"] * 3 + ["excluded_fees", "accrued"]


def test_services_bad_input():
    with pytest.raises(ConversionInputError, match="recorded twice"):
        services_accrual(
            [
                ServiceFee("2024-01-01", "10", reference="A"),
                ServiceFee("2024-01-02", "10", reference="A"),
            ]
        )
    with pytest.raises(ConversionInputError, match="more than zero") as caught:
        services_accrual([ServiceFee("2024-01-01", "10"), ServiceFee("2024-01-02", "0")])
    assert caught.value.field == "fees[1].amount"
    with pytest.raises(ConversionInputError, match="before it starts"):
        services_accrual([], since="2024-02-01", through="2024-01-01")
