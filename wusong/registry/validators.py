"""Django validators wrapping the code checks in wusong.kernels.codes, worded for people."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wusong.kernels.codes import mobile_problem, uscc_check

USCC_MESSAGES = {
    "length": _(
        "%(value)s is not a valid unified social credit code: it must be 18 characters, not %(length)s."
    ),
    "charset": _(
        "%(value)s is not a valid unified social credit code: it contains %(bad)s, "
        "which the code never uses (I, O, S, V and Z never occur)."
    ),
    "division": _(
        "%(value)s is not a valid unified social credit code: characters 3 to 8 must be "
        "the six digits of the administrative division code."
    ),
    "check": _(
        "%(value)s is not a valid unified social credit code: the check character is "
        "%(given)s but should be %(expected)s, so a character was mistyped. Compare it "
        "with the business licence."
    ),
}


def validate_uscc(value: str) -> None:
    found = uscc_check(value or "")
    if found:
        key, params = found
        raise ValidationError(
            USCC_MESSAGES[key], code=f"uscc_{key}", params={"value": value, **params}
        )


def validate_mobile(value: str) -> None:
    if mobile_problem(value or ""):
        raise ValidationError(
            _("%(value)s is not a mobile number: give the 11 digits, starting 13 to 19."),
            code="invalid_mobile",
            params={"value": value},
        )
