"""Identification codes users type: the unified social credit code (统一社会信用代码),
the resident identity number (居民身份证号码) and mainland mobile numbers.

Pure Python, no Django: each check returns an explanation a person can act on, or None.
"""

import re

# GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3**i mod 31.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a unified social credit code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_normalise(code: str) -> str:
    return code.strip().upper().replace(" ", "")


USCC_MESSAGES = {
    "length": "must be 18 characters, not {length}",
    "charset": "contains characters not used in the code: {bad} (I, O, S, V, Z never occur)",
    "division": "characters 3 to 8 must be the six digits of the administrative division code",
    "check": "check character is {given} but should be {expected}: a character was mistyped",
}


def uscc_check(code: str) -> tuple[str, dict] | None:
    """(problem key, details) if `code` is not a valid unified social credit code, else
    None. The keys index USCC_MESSAGES, so a user interface can word them in any language."""
    code = uscc_normalise(code)
    if len(code) != 18:
        return "length", {"length": len(code)}
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return "charset", {"bad": "".join(bad)}
    if not _USCC_SHAPE.match(code):
        return "division", {}
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return "check", {"given": code[17], "expected": expected}
    return None


def uscc_problem(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code, in English, or None."""
    found = uscc_check(code)
    return None if found is None else USCC_MESSAGES[found[0]].format(**found[1])


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id_check_char(first17: str) -> str:
    """GB 11643-1999 check character (ISO 7064 MOD 11-2)."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_problem(number: str) -> str | None:
    """Why `number` is not a valid 18-character resident identity number, or None."""
    number = number.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return "must be 17 digits followed by a digit or X"
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    import datetime as _dt

    try:
        _dt.date(year, month, day)
    except ValueError:
        return "the date of birth in characters 7 to 14 is not a real date"
    expected = resident_id_check_char(number[:17])
    if number[17] != expected:
        return f"check digit is {number[17]} but should be {expected}: a digit was mistyped"
    return None


def resident_id_mask(number: str) -> str:
    """Show only the first six and last four characters."""
    number = number.strip()
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mobile_problem(number: str) -> str | None:
    """Why `number` is not a mainland mobile number (11 digits starting 1[3-9]), or None."""
    digits = re.sub(r"[\s-]", "", number)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not re.fullmatch(r"1[3-9]\d{9}", digits):
        return "must be an 11-digit mainland mobile number starting 13 to 19"
    return None
