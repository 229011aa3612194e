"""Amounts as Chinese contracts write them in words (大写金额)."""

from decimal import ROUND_HALF_UP, Decimal

from wusong.kernels.money import to_decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")


def _group(n: int) -> str:
    """0 < n < 10000 in words, with 零 for inner gaps ('壹仟零伍')."""
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + SMALL_UNITS[pos]
    return out


def rmb_in_words(yuan) -> str:
    """59,500,000 → '人民币伍仟玖佰伍拾万元整'; 1,234.5 → '人民币壹仟贰佰叁拾肆元伍角'."""
    amount = to_decimal(yuan).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        return "负" + rmb_in_words(-amount)
    fen_total = int(amount * 100)
    whole, cents = divmod(fen_total, 100)
    text = ""
    if whole:
        groups = []
        while whole:
            whole, g = divmod(whole, 10000)
            groups.append(g)
        pending_zero = False
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g == 0:
                pending_zero = bool(text)
                continue
            if text and (pending_zero or g < 1000):
                text += "零"
            pending_zero = False
            text += _group(g) + GROUP_UNITS[i]
        text += "元"
    jiao, fen = divmod(cents, 10)
    if not text and not cents:
        return "人民币零元整"
    if cents:
        if jiao:
            text += DIGITS[jiao] + "角"
        elif text:
            text += "零"
        if fen:
            text += DIGITS[fen] + "分"
    else:
        text += "整"
    return "人民币" + text
