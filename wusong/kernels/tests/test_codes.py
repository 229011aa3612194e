from hypothesis import given
from hypothesis import strategies as st

from wusong.kernels.codes import (
    USCC_CHARSET,
    mobile_problem,
    resident_id_mask,
    resident_id_problem,
    uscc_check_char,
    uscc_problem,
)


def test_known_public_code_is_accepted():
    # Tencent's code, printed on its public licence: 9144030071526726XG.
    assert uscc_problem("9144030071526726XG") is None
    assert uscc_problem("9144030071526726xg ") is None


def test_wrong_check_character_is_named():
    problem = uscc_problem("9144030071526726XH")
    assert problem is not None
    assert "should be G" in problem


def test_length_and_alphabet_are_explained():
    assert "18 characters" in uscc_problem("91440300")
    assert "I, O, S, V, Z" in uscc_problem("9144030071526726IO")


@given(st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()))
def test_every_single_character_typo_is_caught(first17):
    code = first17 + uscc_check_char(first17)
    assert uscc_problem(code) is None
    for pos in range(18):
        for replacement in "0A":
            if code[pos] == replacement or (2 <= pos < 8 and not replacement.isdigit()):
                continue
            typo = code[:pos] + replacement + code[pos + 1 :]
            assert uscc_problem(typo) is not None


def test_resident_id_checks_date_and_digit():
    # The example number in GB 11643-1999.
    assert resident_id_problem("11010519491231002X") is None
    assert "check digit" in resident_id_problem("110105194912310021")
    assert "date of birth" in resident_id_problem("110105194913310021")
    assert resident_id_mask("11010519491231002X") == "110105********002X"


def test_mobile_numbers():
    assert mobile_problem("138 0013 8000") is None
    assert mobile_problem("+8613800138000") is None
    assert mobile_problem("12800138000") is not None
    assert mobile_problem("1380013800") is not None
