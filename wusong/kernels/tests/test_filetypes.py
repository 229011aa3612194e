import io
import zipfile

from wusong.kernels.filetypes import sniff, type_problem


def _zip(*names):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in names:
            zf.writestr(n, "<x/>")
    return buf.getvalue()


def test_real_types_from_content():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff(b"\xff\xd8\xff\xe0....") == "jpg"
    assert sniff(_zip("[Content_Types].xml", "word/document.xml")) == "docx"
    assert sniff(_zip("[Content_Types].xml", "xl/workbook.xml")) == "xlsx"
    assert sniff(_zip("readme.txt")) == "zip"
    assert sniff(b"hello") is None


def test_a_program_renamed_pdf_is_refused_and_named():
    real, problem = type_problem("商业计划书.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    assert real == "exe"
    assert "Windows program" in problem


def test_name_and_content_must_agree():
    real, problem = type_problem("plan.docx", b"%PDF-1.4 ...")
    assert real == "pdf" and "rename it to end with .pdf" in problem
    assert type_problem("PLAN.PDF", b"%PDF-1.4 ...") == ("pdf", None)
    assert type_problem("photo.jpeg", b"\xff\xd8\xff\xdb") == ("jpg", None)
