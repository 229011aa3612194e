from wusong.documents.tests.conftest import pdf_ready  # noqa: F401  (a fixture)
