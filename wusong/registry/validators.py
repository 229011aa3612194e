"""Django validators wrapping the code checks in wusong.kernels.codes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wusong.kernels.codes import mobile_problem, uscc_problem


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value or "")
    if problem:
        raise ValidationError(
            _("%(code)s is not a valid unified social credit code: %(problem)s."),
            code="invalid_uscc",
            params={"code": value, "problem": _(problem)},
        )


def validate_mobile(value: str) -> None:
    problem = mobile_problem(value or "")
    if problem:
        raise ValidationError(
            _("%(number)s is not a valid mobile number: %(problem)s."),
            code="invalid_mobile",
            params={"number": value, "problem": _(problem)},
        )
