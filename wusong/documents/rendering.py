"""HTML to PDF with WeasyPrint, the Chinese font embedded, nothing fetched.

WeasyPrint lays out HTML and CSS with Pango and HarfBuzz (Debian: libpango-1.0-0,
libpangoft2-1.0-0, libharfbuzz-subset0), reads OpenType CFF fonts such as Noto CJK, and
embeds only the glyphs a document uses. It is imported on first use, so that a machine
without Pango still starts the site and is told what to install when it asks for a PDF.
"""

from pathlib import Path
from urllib.request import url2pathname

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from .fonts import pdf_font

FONT_FAMILY = "WusongDocument"
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class RendererMissing(ImproperlyConfigured):
    """WeasyPrint or the system libraries it needs are not installed."""


def _weasyprint():
    try:
        import weasyprint
    except OSError as exc:  # Pango or its companions could not be loaded
        raise RendererMissing(
            _(
                "PDF rendering needs the Pango libraries: install them with "
                "`apt-get install %(packages)s` (%(error)s)."
            )
            % {"packages": SYSTEM_PACKAGES, "error": exc}
        ) from exc
    except ImportError as exc:
        raise RendererMissing(
            _("PDF rendering needs WeasyPrint: install requirements/lock.txt (%(error)s).")
            % {"error": exc}
        ) from exc
    return weasyprint


def _fetcher_class(weasyprint):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Hands out the font files and data: URIs, and refuses everything else, so that
        an edited template can neither reach the network nor read the server's files."""

        def __init__(self, allowed: set[Path]):
            super().__init__(allowed_protocols={"file", "data"})
            self._allowed = {p.resolve() for p in allowed}

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if path in self._allowed:
                    return URLFetcherResponse(url, path.read_bytes())
            raise ValueError(f"not fetched while rendering a document: {url}")

    return LocalFetcher


def _font_css(font) -> str:
    rules = [
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: normal; '
        f'src: url("{font.regular.as_uri()}"); }}'
    ]
    if font.bold:
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: bold; '
            f'src: url("{font.bold.as_uri()}"); }}'
        )
    rules.append(f'html {{ font-family: "{FONT_FAMILY}", serif; }}')
    return "\n".join(rules)


def pdf_ready():
    """The font to embed, once WeasyPrint and its libraries are known to load; raises
    RendererMissing or FontNotFound, each naming what to install."""
    _weasyprint()
    return pdf_font()


def html_to_pdf(html: str) -> bytes:
    """A PDF of `html`, with the Chinese font (a subset of it) embedded."""
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    font = pdf_font()
    fetcher = _fetcher_class(weasyprint)({font.regular, *([font.bold] if font.bold else [])})
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(
        string=_font_css(font), font_config=font_config, url_fetcher=fetcher
    )
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)
