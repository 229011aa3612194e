"""The ledger's Django choices carry the conversion kernel's values, so what a page or the
API stores is what the kernel reads."""

from wusong.equity.models import CompanyForm, ConvertiblePosition
from wusong.equity.workflow import PositionState
from wusong.kernels import conversion as kernel


def test_company_forms_and_position_states_are_the_kernels():
    assert set(CompanyForm.values) == {form.value for form in kernel.CompanyForm}
    assert set(PositionState.values) == {state.value for state in kernel.PositionState}


def test_a_position_is_held_in_the_kernels_instruments():
    field = ConvertiblePosition._meta.get_field("instrument")
    assert {value for value, _label in field.choices} == {i.value for i in kernel.Instrument}
