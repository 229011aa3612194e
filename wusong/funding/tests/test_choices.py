"""The instruments are the conversion kernel's, and the agreement form offers
its fallbacks and residual treatments, so the terms it writes are terms the kernel reads."""

from wusong.funding.forms import AgreementForm
from wusong.funding.models import CONVERTIBLE_INSTRUMENTS, Instrument
from wusong.kernels import conversion as kernel


def choices(field: str) -> set[str]:
    return {value for value, _label in AgreementForm.base_fields[field].choices}


def test_fallbacks_and_residual_treatments_are_the_kernels():
    assert choices("fallback") == {rule.value for rule in kernel.Fallback}
    assert choices("residual_treatment") == {t.value for t in kernel.ResidualTreatment}


def test_the_instruments_are_the_kernels_and_all_but_a_grant_convert():
    assert set(Instrument.values) == {i.value for i in kernel.Instrument}
    assert set(CONVERTIBLE_INSTRUMENTS) == set(Instrument.values) - {Instrument.GRANT}


def test_the_convertible_instruments_are_those_the_kernel_takes_a_position_in():
    for code in Instrument.values:
        try:
            kernel.Position("1.00", code)
        except kernel.ConversionInputError:
            taken = False
        else:
            taken = True
        assert taken == (code in CONVERTIBLE_INSTRUMENTS), code
