"""Filters for document templates: `{% load documents %}`, then
`{{ amount|wan }}` (5,950.00), `{{ amount|wan_exact }}`, `{{ amount|yuan }}`
(59,500,000.00), `{{ amount|rmb_words }}` (人民币伍仟玖佰伍拾万元整) and
`{{ date|cn_date }}` (2026年1月5日). Each gives an empty string for a missing value, so
that a template checked with no data still renders."""

import datetime as dt

from django import template
from django.utils import timezone

from wusong.kernels.money import AmountError, format_wan, format_wan_exact, to_decimal

from ..numerals import rmb_in_words

register = template.Library()


def _amount(value, fmt):
    if value in (None, ""):
        return ""
    try:
        return fmt(value)
    except (AmountError, TypeError, ValueError):
        return ""


@register.filter
def wan(value):
    return _amount(value, format_wan)


@register.filter
def wan_exact(value):
    return _amount(value, format_wan_exact)


@register.filter
def yuan(value):
    return _amount(value, lambda v: f"{to_decimal(v):,.2f}")


@register.filter
def rmb_words(value):
    return _amount(value, rmb_in_words)


@register.filter
def cn_date(value):
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return ""
