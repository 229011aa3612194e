"""The funding choices that restate the conversion kernel's enumerations hold its codes."""

from wusong.funding.forms import AgreementForm
from wusong.funding.models import (
    CONVERTIBLE_INSTRUMENTS,
    Agreement,
    ConvertiblePosition,
    EquityProfile,
)
from wusong.kernels import conversion as kernel


def codes(choices) -> list[str]:
    return sorted(str(value) for value, _label in choices)


def kernel_codes(enumeration) -> list[str]:
    return sorted(member.value for member in enumeration)


def test_instruments_company_forms_and_position_states_are_the_kernels():
    assert codes(Agreement._meta.get_field("instrument").choices) == kernel_codes(kernel.Instrument)
    position = ConvertiblePosition._meta
    assert codes(position.get_field("instrument").choices) == kernel_codes(kernel.Instrument)
    assert codes(position.get_field("state").choices) == kernel_codes(kernel.PositionState)
    form = EquityProfile._meta.get_field("form").choices
    assert codes(form) == kernel_codes(kernel.CompanyForm)


def test_the_convertible_instruments_are_those_the_kernel_takes_a_position_in():
    for code in codes(Agreement._meta.get_field("instrument").choices):
        try:
            kernel.Position("1.00", code)
        except kernel.ConversionInputError:
            taken = False
        else:
            taken = True
        assert taken == (code in CONVERTIBLE_INSTRUMENTS), code


def test_the_agreement_forms_fallbacks_and_residual_treatments_are_the_kernels():
    fields = AgreementForm.base_fields
    assert codes(fields["fallback"].choices) == kernel_codes(kernel.Fallback)
    treatments = fields["residual_treatment"].choices
    assert codes(treatments) == kernel_codes(kernel.ResidualTreatment)
