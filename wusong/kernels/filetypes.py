"""What a file really is, from its content: the name alone is never trusted.

Accepted for declarations: PDF, DOCX, XLSX, PNG, JPEG. Office documents are ZIP
archives; they are told apart by the parts inside them.
"""

import io
import zipfile

ALLOWED = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "png": (".png",),
    "jpg": (".jpg", ".jpeg"),
}

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"PK\x03\x04", "zip"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"GIF8", "gif"),
)

DESCRIPTIONS = {
    "exe": "a Windows program",
    "elf": "a Linux program",
    "ole": "an old-format Office document (.doc/.xls); save it as .docx/.xlsx or PDF",
    "zip": "a ZIP archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "gif": "a GIF image",
    None: "of an unrecognised type",
}


def sniff(data: bytes | io.BufferedIOBase) -> str | None:
    """The file's real type from its content: one of ALLOWED's keys, another known kind
    (see DESCRIPTIONS), or None."""
    raw = data if isinstance(data, bytes) else data.read()
    kind = next((k for magic, k in _SIGNATURES if raw.startswith(magic)), None)
    if kind is None:
        return None
    if kind != "zip":
        return kind
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return "zip"


def type_check(filename: str, content: bytes) -> tuple[str | None, str | None]:
    """(real type, problem key): the key is None when the file is an accepted type whose
    name says the same thing as its content; "not_accepted" when its content is of
    another type; "name_mismatch" when the name claims another accepted type."""
    real = sniff(content)
    if real not in ALLOWED:
        return real, "not_accepted"
    if not filename.lower().endswith(ALLOWED[real]):
        return real, "name_mismatch"
    return real, None


def type_problem(filename: str, content: bytes) -> tuple[str | None, str | None]:
    """Like type_check, with the problem worded in English."""
    real, key = type_check(filename, content)
    if key == "not_accepted":
        return real, (
            f"the file's content is {DESCRIPTIONS.get(real, DESCRIPTIONS[None])}; "
            "accepted are PDF, DOCX, XLSX, PNG and JPG"
        )
    if key == "name_mismatch":
        return real, (
            f"the name says otherwise but the content is {real.upper()}; "
            f"rename it to end with {ALLOWED[real][0]}"
        )
    return real, None
