"""One app for all report tests (the texts come from its catalogue), the two reports of
a realistic session built once, and ways to read a PDF."""

import io
from collections.abc import Callable
from functools import cache

import pytest
from pypdf import PdfReader

from facilitator.app import create_app
from facilitator.pdf import ReportData, build_report

from .sessions import session


@pytest.fixture(scope="session")
def report_app():
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    yield app
    app.extensions["facilitator.engine"].dispose()


@pytest.fixture(scope="session")
def build(report_app) -> Callable[..., bytes]:
    """build_report inside an app context, as the app's routes will call it."""

    def build(data: ReportData, audience: str = "full") -> bytes:
        with report_app.app_context():
            return build_report(data, audience)

    return build


@pytest.fixture(scope="session")
def data() -> ReportData:
    return session("en")


@pytest.fixture(scope="session")
def full(build, data) -> bytes:
    return build(data)


@pytest.fixture(scope="session")
def summary(build, data) -> bytes:
    return build(data, "summary")


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@cache
def pages(pdf: bytes) -> tuple[str, ...]:
    """The text of each page (extracted once per PDF: the reports are shared by tests)."""
    return tuple(page.extract_text() for page in read(pdf).pages)


def flat(text: str) -> str:
    """Whitespace made single spaces, so a sentence wrapped over lines still matches."""
    return " ".join(text.split())
