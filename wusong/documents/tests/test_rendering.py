"""A Chinese document comes out as a PDF whose text can be read back, in a font that
travels with the file."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from wusong.documents import rendering
from wusong.documents.services import render_pdf

from .pdf import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

NOTICE = {
    "title": "2026年度先投后股项目立项公示",
    "intro": "经专家评审和区科委主任办公会审议，拟支持以下项目，现予公示。",
    "entries": [
        {
            "organisation": "上海同芯沟科技有限公司",
            "project": "高精度光刻对准系统",
            "amount": Decimal("29150000"),
        },
        {
            "organisation": "上海天宇光联通信技术有限公司",
            "project": "硅光模块中试线",
            "amount": Decimal("30350000.00"),
        },
    ],
    "period_from": dt.date(2026, 6, 1),
    "period_to": dt.date(2026, 6, 7),
    "contact": "021-12345678",
    "issuer": "宝山区科学技术委员会",
    "date": dt.date(2026, 5, 31),
}


def test_the_chinese_text_of_a_document_reads_back_from_its_pdf(pdf_ready):
    content = render_pdf("public_notice", NOTICE)

    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    for phrase in (
        "2026年度先投后股项目立项公示",
        "上海同芯沟科技有限公司",
        "上海天宇光联通信技术有限公司",
        "硅光模块中试线",
        "2,915.00",
        "3,035.00",
        "公示期：2026年6月1日至2026年6月7日",
        "宝山区科学技术委员会",
    ):
        assert phrase in text


def test_the_chinese_font_is_embedded_as_a_subset(pdf_ready):
    content = render_pdf("public_notice", NOTICE)

    fonts = pdf_fonts(content)
    assert fonts, "the PDF names no font"
    for font in fonts:
        # Embedded: the descriptor carries the font program, not just a name to look up.
        assert font["embedded"], f"{font['name']} is not embedded"
        assert all(size > 0 for _, size in font["embedded"])
        # A subset: PDF marks it with six capital letters and a plus before the name.
        assert re.match(r"^/[A-Z]{6}\+", font["name"]), font["name"]


def test_a_document_can_not_fetch_anything_but_its_font(pdf_ready):
    import weasyprint

    fetcher = rendering._fetcher_class(weasyprint)({pdf_ready.regular})

    assert fetcher.fetch(pdf_ready.regular.as_uri()).read(4)
    for url in ("file:///etc/passwd", "http://example.com/logo.png", "ftp://example.com/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_an_image_pointing_outside_leaves_the_document_whole(pdf_ready):
    html = '<html lang="zh-CN"><body><img src="file:///etc/hostname"><p>区科委</p></body></html>'
    content = rendering.html_to_pdf(html)

    assert "区科委" in pdf_text(content)


def test_a_machine_without_weasyprint_is_told_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)

    with pytest.raises(rendering.RendererMissing, match="WeasyPrint"):
        rendering.pdf_ready()
