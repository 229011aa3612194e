"""The Chinese font every PDF embeds: where it is found, and which face of it is used.

Order of search: the setting (or environment variable) WUSONG_PDF_FONT, a path to a
.ttf, .otf or .ttc file; then the files Debian's font packages install; then whatever
fontconfig (`fc-list :lang=zh-cn`) knows. Nothing is ever downloaded: a machine without a
Chinese font gets FontNotFound, which names the Debian package to install.

A collection (.ttc) holds several faces; Noto CJK's first face is the Japanese one, whose
glyphs differ from the mainland standard for some characters. The Simplified Chinese face
(its family name ends in " SC") is therefore copied once into a single-face file under
VAR_DIR/fonts, and that file is what the renderer embeds (as a subset).
"""

import dataclasses
import hashlib
import os
import shutil
import subprocess  # noqa: S404  fc-list, with fixed arguments
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

APT_PACKAGE = "fonts-noto-cjk"

# Regular faces installed by Debian's packages, the preferred first: a serif (宋体-like)
# face reads as a formal document; the others are fallbacks.
KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",  # fonts-noto-cjk
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # fonts-noto-cjk
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # fonts-wqy-microhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # fonts-arphic-uming
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",  # fonts-droid-fallback
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",  # other distributions
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
COLLECTION_SUFFIXES = (".ttc", ".otc")


class FontNotFound(ImproperlyConfigured):
    """No usable Chinese font on this machine, or WUSONG_PDF_FONT names no file."""


@dataclasses.dataclass(frozen=True)
class PdfFont:
    regular: Path
    bold: Path | None
    source: Path  # the file found, before a collection's face was copied out


def font_missing_message() -> str:
    return _(
        "No Chinese font was found for PDF documents. Install one with "
        "`apt-get install %(package)s` (Debian/Ubuntu), or set WUSONG_PDF_FONT to the "
        "path of a .ttf, .otf or .ttc file that covers Chinese."
    ) % {"package": APT_PACKAGE}


def configured_font() -> str:
    return getattr(settings, "WUSONG_PDF_FONT", None) or os.environ.get("WUSONG_PDF_FONT", "")


def _fontconfig_candidates() -> list[str]:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(  # noqa: S603
            [fc_list, ":lang=zh-cn", "-f", "%{file}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.strip() for line in out.splitlines() if line.strip()})
    # Regular faces first; a bold or light file only when nothing else is there.
    return sorted(files, key=lambda f: ("Regular" not in f and "regular" not in f, f))


def font_file_find() -> Path:
    """The font file to use, or FontNotFound."""
    configured = configured_font()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise FontNotFound(
                _("WUSONG_PDF_FONT is set to %(path)s, but there is no such file.") % {"path": path}
                + " "
                + font_missing_message()
            )
        return path
    for candidate in (*KNOWN_FONTS, *_fontconfig_candidates()):
        path = Path(candidate)
        if path.is_file():
            return path
    raise FontNotFound(font_missing_message())


def _face_index(path: Path) -> int:
    """In a collection, the Simplified Chinese face if it has one, else the first face
    that is not monospaced."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    names = [face["name"].getDebugName(1) or "" for face in collection.fonts]
    for i, name in enumerate(names):
        if name.endswith(" SC") and "Mono" not in name:
            return i
    for i, name in enumerate(names):
        if "Mono" not in name:
            return i
    return 0


def _face_copy(path: Path) -> Path:
    """A single-face file holding the chosen face of a collection, made once and reused."""
    from fontTools.ttLib import TTCollection

    stat = path.stat()
    digest = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    index = _face_index(path)
    face = TTCollection(str(path), lazy=True).fonts[index]
    suffix = ".otf" if "CFF " in face else ".ttf"
    folder = Path(settings.VAR_DIR) / "fonts"
    target = folder / f"{path.stem}-{index}-{digest.hexdigest()[:12]}{suffix}"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    try:
        face.save(tmp)
        os.replace(tmp, target)  # atomic: a concurrent render sees the whole file or none
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _single_face(path: Path) -> Path:
    return _face_copy(path) if path.suffix.lower() in COLLECTION_SUFFIXES else path


def _bold_sibling(path: Path) -> Path | None:
    for regular, bold in (("Regular", "Bold"), ("regular", "bold")):
        if regular in path.name:
            sibling = path.with_name(path.name.replace(regular, bold))
            if sibling.is_file():
                return sibling
    return None


def pdf_font() -> PdfFont:
    """The regular (and, where the package ships one, bold) face to embed."""
    source = font_file_find()
    bold = _bold_sibling(source)
    return PdfFont(
        regular=_single_face(source),
        bold=_single_face(bold) if bold else None,
        source=source,
    )
