"""The ledger's Django choices carry the conversion kernel's values, so what a page or the
API stores is what the kernel reads."""

from wusong.equity.models import CompanyForm
from wusong.equity.workflow import PositionState
from wusong.kernels import conversion_types as kernel


def test_company_forms_and_position_states_are_the_kernels():
    assert set(CompanyForm.values) == {form.value for form in kernel.CompanyForm}
    assert set(PositionState.values) == {state.value for state in kernel.PositionState}
