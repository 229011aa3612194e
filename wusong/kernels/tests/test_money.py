from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wusong.kernels.money import (
    AmountError,
    format_wan,
    format_wan_exact,
    plain,
    wan_to_yuan,
    yuan_to_wan,
)


def test_seed_batch_one_amounts_read_in_wan():
    assert wan_to_yuan("5950") == Decimal("59500000.00")
    assert format_wan(Decimal("29150000")) == "2,915.00"


def test_floats_and_garbage_are_refused():
    with pytest.raises(AmountError, match="never floats"):
        wan_to_yuan(0.1)
    with pytest.raises(AmountError, match="not a number"):
        wan_to_yuan("十万")
    with pytest.raises(AmountError, match="one fen"):
        wan_to_yuan("1.0000001")


@given(st.decimals(min_value=0, max_value=10**8, places=2))
def test_yuan_round_trips_through_wan_at_six_places(yuan):
    assert wan_to_yuan(yuan_to_wan(yuan, places=6)) == yuan


def test_plain_figures_for_forms():
    assert plain(Decimal("800.0000")) == "800"
    assert plain(Decimal("12.5000")) == "12.5"
    assert plain(Decimal("8E+2")) == "800"


def test_exact_wan_keeps_every_fen_and_no_more():
    assert format_wan_exact(Decimal("3500000")) == "350.00"
    assert format_wan_exact(Decimal("123456.78")) == "12.345678"
    assert format_wan_exact(Decimal("59500000")) == "5,950.00"
