"""Which font a PDF embeds, and what a machine without one is told."""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from wusong.documents import fonts

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def test_a_machine_without_a_chinese_font_is_told_which_package_to_install(monkeypatch, settings):
    settings.WUSONG_PDF_FONT = ""
    monkeypatch.delenv("WUSONG_PDF_FONT", raising=False)
    monkeypatch.setattr(fonts, "KNOWN_FONTS", ())
    monkeypatch.setattr(fonts, "_fontconfig_candidates", lambda: [])

    with pytest.raises(fonts.FontNotFound) as error:
        fonts.pdf_font()

    assert "apt-get install fonts-noto-cjk" in str(error.value)
    assert "WUSONG_PDF_FONT" in str(error.value)


def test_a_configured_font_that_is_not_there_is_named(settings, tmp_path):
    settings.WUSONG_PDF_FONT = str(tmp_path / "simsun.ttc")

    with pytest.raises(fonts.FontNotFound) as error:
        fonts.pdf_font()

    assert "simsun.ttc" in str(error.value)
    assert "fonts-noto-cjk" in str(error.value)


def test_the_configured_font_is_the_one_used(settings, pdf_ready):
    settings.WUSONG_PDF_FONT = str(pdf_ready.regular)

    assert fonts.pdf_font().source == pdf_ready.regular


@pytest.mark.skipif(not NOTO.is_file(), reason="Debian's fonts-noto-cjk is not installed")
def test_from_a_noto_collection_the_simplified_chinese_face_is_used(settings, tmp_path):
    settings.WUSONG_PDF_FONT = str(NOTO)
    settings.VAR_DIR = tmp_path

    font = fonts.pdf_font()

    assert TTFont(font.regular)["name"].getDebugName(1) == "Noto Serif CJK SC"
    assert font.bold is not None
    assert TTFont(font.bold)["name"].getDebugName(1).startswith("Noto Serif CJK SC")
    assert fonts.pdf_font().regular == font.regular  # copied once, then reused


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_without_a_font_pdf_tests_fail_in_ci_and_are_skipped_elsewhere(monkeypatch, ci, outcome):
    from wusong.documents import rendering

    from .conftest import require_pdf

    def missing():
        raise fonts.FontNotFound(fonts.font_missing_message())

    monkeypatch.setattr(rendering, "pdf_ready", missing)
    monkeypatch.setenv("CI", ci)

    with pytest.raises(outcome, match="apt-get install fonts-noto-cjk"):
        require_pdf()
