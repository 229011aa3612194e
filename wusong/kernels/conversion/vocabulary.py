"""Vocabulary of the conversion kernel (先投后股 and its variants): errors, enumerations,
the steps of shown arithmetic, and the exact-decimal helpers every module shares (and
the accrual kernel and the equity ledger with them).

Amounts are `Decimal` yuan, never floats. Errors are ValueErrors naming the field.
"""

import dataclasses
import datetime as dt
import enum
import functools
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_HALF_UP,
    Decimal,
    InvalidOperation,
    localcontext,
)

FEN = Decimal("0.01")
# Prices derived by division (pre-money ÷ units, cap ÷ units, round price × discount) are
# kept to a millionth of a yuan, rounded half-up: fine enough that the rounding never
# moves a conversion by a whole unit in practice, short enough to print in an agreement.
PRICE_QUANTUM = Decimal("0.000001")
# Stakes are shown in percent to four places, truncated, so a shown stake is never above
# the true one (and so never above a maximum the true stake respects).
PERCENT_QUANTUM = Decimal("0.0001")
HUNDRED = Decimal(100)
# Bounds that keep every figure well inside exact decimal arithmetic: no amount, price,
# valuation or unit count reaches 10^15, and none is finer than 12 decimal places.
LARGEST = Decimal(10) ** 15
MAX_PLACES = 12
ZERO = Decimal(0)


class ConversionInputError(ValueError):
    """An input a person must correct. `field` names it (dotted path) for forms and APIs."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PositionNotOpenError(ConversionInputError):
    """The position has already been converted, written off or repaid."""

    def __init__(self, state: "PositionState"):
        super().__init__(
            "position.state",
            f"the position is {state.value}, not open; only an open position can be "
            "converted, written off or repaid, and each happens once",
        )
        self.state = state


class CompanyForm(enum.StrEnum):
    """The legal form decides what a unit of equity is and how finely it is counted."""

    JOINT_STOCK = "joint_stock"  # 股份有限公司: the unit is a share, counted whole
    LLC = "llc"  # 有限责任公司: the unit is one yuan of registered capital, counted to the fen

    @property
    def unit_step(self) -> Decimal:
        return Decimal(1) if self is CompanyForm.JOINT_STOCK else FEN

    @property
    def unit_name(self) -> str:
        return "share" if self is CompanyForm.JOINT_STOCK else "yuan of registered capital"


class Instrument(enum.StrEnum):
    GRANT = "grant"  # 拨款
    INVESTMENT_FIRST = "investment_first"  # 先投后股
    LEASE_FIRST = "lease_first"  # 先租后股
    SERVICES_FIRST = "services_first"  # 先服务后股
    ALLOCATION_PLUS_INVESTMENT = "allocation_plus_investment"  # 拨投结合 (investment part)


class PositionState(enum.StrEnum):
    OPEN = "open"
    CONVERTED = "converted"
    WRITTEN_OFF = "written_off"
    REPAID = "repaid"


class Fallback(enum.StrEnum):
    """What the agreement says happens if no qualifying round comes by the deadline."""

    WRITE_OFF = "write_off"  # treated as a grant
    CONVERT_AT_VALUATION = "convert_at_valuation"  # converted at the agreement's set valuation
    REPAY = "repay"  # the company repays the amount


class ResidualTreatment(enum.StrEnum):
    """What happens to the part of the amount that does not become equity.

    That part is the rounding remainder (less than one unit's price) plus any excess the
    stake limits kept from converting. The default is REPAY: the position closes in one
    event and nothing is left to track; KEEP_AS_CLAIM leaves it as an open, non-converted
    claim (a new position) that a later round may convert; WRITE_OFF turns it into grant.
    """

    REPAY = "repay"
    KEEP_AS_CLAIM = "keep_as_claim"
    WRITE_OFF = "write_off"


class PriceRule(enum.StrEnum):
    """Which price a conversion used."""

    ROUND_PRICE = "round_price"
    DISCOUNT = "discount"
    CAP = "cap"
    SET_VALUATION = "set_valuation"  # the deadline fallback's agreed valuation


class BindingLimit(enum.StrEnum):
    """What decided the number of units: the amount itself or one of the stake limits."""

    AMOUNT = "amount"
    MAX_STAKE = "max_stake"
    LARGEST_HOLDER = "largest_holder"


def to_decimal(value, field: str) -> Decimal:
    """`value` as a finite Decimal; ints and numeric strings are accepted, floats never."""
    if isinstance(value, bool):
        raise ConversionInputError(field, f"expected a number, got {value!r}")
    if isinstance(value, float):
        raise ConversionInputError(
            field,
            f"give {value!r} as a decimal string such as '1500000.00' or a Decimal; "
            "floats cannot hold yuan exactly",
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            raise ConversionInputError(field, f"{value!r} is not a number") from None
    else:
        raise ConversionInputError(field, f"expected a decimal number, got {type(value).__name__}")
    if not result.is_finite():
        raise ConversionInputError(field, f"{value!r} is not a finite number")
    if abs(result) >= LARGEST:
        raise ConversionInputError(field, f"{value} is implausibly large; check the figure")
    if result != 0 and result.as_tuple().exponent < -MAX_PLACES:
        raise ConversionInputError(
            field, f"{value} has more than {MAX_PLACES} decimal places; check the figure"
        )
    return result


def build(kind, data, field: str):
    """An instance of the dataclass `kind` from `data` (a dict, as JSON gives it).

    Unknown and missing keys are refused as input errors naming the field, not as the
    TypeError a bare `kind(**data)` would raise.
    """
    if isinstance(data, kind):
        return data
    fields = dataclasses.fields(kind)
    names = [f.name for f in fields]
    if not isinstance(data, dict):
        raise ConversionInputError(field, f"expected an object with the fields {', '.join(names)}")
    for key in data:
        if key not in names:
            raise ConversionInputError(
                f"{field}.{key}", f"unknown field; expected one of {', '.join(names)}"
            )
    for f in fields:
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if required and f.name not in data:
            raise ConversionInputError(f"{field}.{f.name}", "this field is required")
    return kind(**data)


def to_bool(value, field: str) -> bool:
    """A yes/no: a bool, or "true"/"false" as a form may send it; anything else refused."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ConversionInputError(field, f"expected true or false, got {value!r}")


def to_date(value, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ConversionInputError(field, f"{value!r} is not a date like 2025-06-30") from None
    raise ConversionInputError(field, f"expected a date, got {type(value).__name__}")


def positive(value, field: str, what: str = "amount") -> Decimal:
    number = to_decimal(value, field)
    if number <= 0:
        raise ConversionInputError(field, f"the {what} must be more than zero, not {number}")
    return number


def yuan(value, field: str, what: str = "amount") -> Decimal:
    """A positive amount in yuan, exact to the fen."""
    number = positive(value, field, what)
    if number != number.quantize(FEN):
        raise ConversionInputError(
            field, f"the {what} {number} is finer than one fen; yuan have two decimal places"
        )
    return number.quantize(FEN)


def percent(value, field: str, what: str) -> Decimal:
    number = to_decimal(value, field)
    if not ZERO < number < HUNDRED:
        raise ConversionInputError(
            field, f"the {what} is a percentage above 0 and below 100, not {number}"
        )
    return number


def on_unit_grid(value, field: str, form: CompanyForm, what: str, allow_zero: bool) -> Decimal:
    number = to_decimal(value, field)
    if number < 0 or (number == 0 and not allow_zero):
        raise ConversionInputError(
            field, f"the {what} must be {'zero or more' if allow_zero else 'more than zero'}"
        )
    step = form.unit_step
    if number % step != 0:
        raise ConversionInputError(
            field,
            f"{number} is not a whole number of units: a {form.value} company counts "
            f"{form.unit_name}s in steps of {step}",
        )
    return number.quantize(step)


def floor_div_to_step(numerator: Decimal, denominator: Decimal, step: Decimal) -> Decimal:
    """Largest multiple of `step` whose product with `denominator` is not above `numerator`.

    Integer division of Decimals is exact (it raises rather than rounds if the quotient
    would not fit), so the result is never one step too many, whatever the digits.
    """
    if numerator <= 0:
        return ZERO
    return (numerator // (denominator * step)) * step


def price_quantize(value: Decimal) -> Decimal:
    return value.quantize(PRICE_QUANTUM, rounding=ROUND_HALF_UP)


def fen_ceiling(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_CEILING)


def fen_half_up(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def stake_percent(units: Decimal, base: Decimal) -> Decimal:
    if base <= 0:
        return ZERO
    return (units * HUNDRED / base).quantize(PERCENT_QUANTUM, rounding=ROUND_DOWN)


def fmt(value) -> str:
    """Plain text for a number or date in a formula: no exponent, no thousands separator."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclasses.dataclass(frozen=True)
class Step:
    """One line of shown arithmetic.

    `key` is stable (the UI translates by it); `label` and `formula` are the English text;
    `working` is the formula with the figures filled in; `unit` is one of yuan, unit (a
    share or a yuan of registered capital), yuan_per_unit, percent, m2, date, bool, text.
    """

    key: str
    label: str
    formula: str
    working: str
    value: object
    unit: str


@dataclasses.dataclass(frozen=True)
class Check:
    """One test a round must pass to qualify, with the figures that decided it."""

    key: str
    label: str
    passed: bool
    detail: str


def jsonable(value):
    """`value` as JSON-ready data: Decimals and dates as strings, enums as their values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


PRECISION = 60


def exact(function):
    """Run `function` in a decimal context wide enough that products are never rounded."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with localcontext() as context:
            context.prec = PRECISION
            return function(*args, **kwargs)

    return wrapper


@exact
def price_from_valuation(
    valuation: Decimal, units: Decimal, refusal: tuple[str, str] | None = None
) -> Decimal:
    """The price per unit at a valuation: valuation ÷ fully diluted units, to 0.000001
    yuan (a round's price from its pre-money valuation, the cap price, the fallback's
    price at the set valuation). With `refusal` (field, message), a price that rounds to
    zero is refused with it."""
    price = price_quantize(valuation / units)
    if refusal is not None and price <= 0:
        raise ConversionInputError(*refusal)
    return price


class StepList(list):
    """Steps as they are worked out; `add` returns the value so it reads like arithmetic."""

    def add(self, key, label, formula, working, value, unit):
        self.append(Step(key, label, formula, working, value, unit))
        return value
