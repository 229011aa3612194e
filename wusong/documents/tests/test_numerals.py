"""Amounts in words, as a contract writes them beside the figures."""

import pytest

from wusong.documents.numerals import rmb_in_words


@pytest.mark.parametrize(
    ("yuan", "words"),
    [
        ("59500000", "人民币伍仟玖佰伍拾万元整"),  # the seed's batch one, approved
        ("29150000.00", "人民币贰仟玖佰壹拾伍万元整"),  # its first tranche
        ("100000000", "人民币壹亿元整"),
        ("100010000", "人民币壹亿零壹万元整"),
        ("1000100", "人民币壹佰万零壹佰元整"),
        ("10005", "人民币壹万零伍元整"),
        ("101000", "人民币壹拾万壹仟元整"),
        ("1234.56", "人民币壹仟贰佰叁拾肆元伍角陆分"),
        ("1000000.01", "人民币壹佰万元零壹分"),
        ("0.50", "人民币伍角"),
        ("0", "人民币零元整"),
    ],
)
def test_amounts_in_words(yuan, words):
    assert rmb_in_words(yuan) == words
