"""Reading back what a PDF holds: its text and its fonts."""

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All the text of the PDF with whitespace removed, so that a line break inside a
    table cell does not split a phrase."""
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def pdf_fonts(content: bytes) -> list[dict]:
    """Each font used on any page: its name, subtype and which embedded file it has."""
    reader = PdfReader(io.BytesIO(content))
    found = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor_owner = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
            found[str(font["/BaseFont"])] = {
                "name": str(font["/BaseFont"]),
                "subtype": str(font["/Subtype"]),
                "embedded": [(k, len(descriptor[k].get_object().get_data())) for k in files],
            }
    return list(found.values())
