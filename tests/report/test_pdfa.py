"""Every report is PDF/A-3b, for a records system (pdf/archival.py): checked by pikepdf's
PDF/A validator (the veraPDF rules for PDF/A-3b; veraPDF itself cannot be installed here,
docs/decisions.md) with its verdict kept in test-results/pdfa/, and by reading the file:
the XMP's PDF/A identification and description, the DocInfo agreeing with it, the sRGB
output intent, every font embedded and none of the standard 14, no encryption, no
JavaScript, the figures embedded as an associated CSV, and pages that look exactly as
reportlab drew them."""

import io
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pikepdf
import pikepdf.pdfa
import pytest
from pikepdf import Name
from reportlab.pdfgen.canvas import Canvas

import facilitator.pdf.build
from facilitator.pdf.archival import Record, to_pdfa
from facilitator.pdf.figures import figures_csv

from .sessions import session
from .test_charts import two_lens_report

RESULTS = Path(__file__).parents[2] / "test-results" / "pdfa"
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "xmp": "http://ns.adobe.com/xap/1.0/"}
BASE_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.fixture(scope="module")
def dutch(build) -> dict:
    data = session("nl")
    return {"data": data, "full": build(data), "summary": build(data, "summary")}


@pytest.fixture(scope="module")
def two_lenses(build) -> dict:
    data = two_lens_report(session("nl"))
    return {"data": data, "summary": build(data, "summary")}


def _reports(full, summary, data, dutch, two_lenses) -> list[tuple[str, bytes, object]]:
    return [("en-full", full, data), ("en-summary", summary, data),
            ("nl-full", dutch["full"], dutch["data"]),
            ("nl-summary", dutch["summary"], dutch["data"]),
            ("two-lenses-summary", two_lenses["summary"], two_lenses["data"])]


def test_every_report_passes_the_pdfa_3b_validator(full, summary, data, dutch, two_lenses):
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name, pdf, _ in _reports(full, summary, data, dutch, two_lenses):
        report = pikepdf.pdfa.validate_written(io.BytesIO(pdf), "3b")
        (RESULTS / f"{name}.txt").write_text(report.summary(limit=200) + "\n")
        assert report.passed, report.summary()
        assert report.output_intent == "RGB"


def _xmp(pdf: pikepdf.Pdf) -> ET.Element:
    """The XMP packet's rdf:Description, parsed as plain XML (not by pikepdf)."""
    root = ET.fromstring(pdf.Root.Metadata.read_bytes())
    return root.find("rdf:RDF/rdf:Description", NS)


def _items(description: ET.Element, name: str) -> list[str]:
    return [li.text for li in description.findall(f"{name}/*/rdf:li", NS)]


def test_the_xmp_identifies_pdfa_and_describes_the_report(full, summary, data, dutch,
                                                          two_lenses):
    for name, pdf_bytes, source in _reports(full, summary, data, dutch, two_lenses):
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            xmp = _xmp(pdf)
            assert xmp.findtext("pdfaid:part", namespaces=NS) == "3", name
            assert xmp.findtext("pdfaid:conformance", namespaces=NS) == "B", name
            assert _items(xmp, "dc:title") == [source.title]
            assert _items(xmp, "dc:language") == [source.language]
            assert _items(xmp, "dc:relation") == [source.collaboration]
            assert _items(xmp, "dc:date") == [source.date.isoformat()]
            assert _items(xmp, "dc:creator") == [source.facilitator]
            keywords = _items(xmp, "dc:subject")
            assert source.collaboration in keywords and source.lens_set["name"] in keywords
            subject = _items(xmp, "dc:description")[0]
            kind = "summary" in name
            assert subject.startswith(
                {("nl", True): "Samenvatting van de sessie", ("nl", False): "Sessierapport",
                 ("en", True): "Session summary", ("en", False): "Session report"}[
                    source.language, kind]), subject
            # The document information dictionary says the same.
            info = pdf.docinfo
            assert str(info.Title) == source.title and str(info.Subject) == subject
            assert str(info.Author) == source.facilitator
            assert str(info.Keywords) == xmp.findtext("pdf:Keywords", namespaces=NS)
            assert str(pdf.Root.Lang) == source.language


def test_the_output_intent_is_srgb(full, dutch):
    for pdf_bytes in (full, dutch["summary"]):
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            [intent] = pdf.Root.OutputIntents
            assert intent.S == Name.GTS_PDFA1
            profile = intent.DestOutputProfile
            icc = profile.read_bytes()
            assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
            assert int(profile.N) == 3  # components agree with the profile's colour space


def _objects(pdf: pikepdf.Pdf):
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj


def test_every_font_is_embedded_and_none_is_a_standard_one(full, summary, data, dutch,
                                                          two_lenses):
    """Every font object in the file, wherever it is used (pages, charts, tables)."""
    for name, pdf_bytes, _ in _reports(full, summary, data, dutch, two_lenses):
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            fonts = [o for o in _objects(pdf) if o.get(Name.Type) == Name.Font
                     and o.get(Name.Subtype) != Name.Type0]
            assert fonts, name
            for font in fonts:
                base = str(font.get(Name.BaseFont, ""))
                assert not any(base.lstrip("/").split("+")[-1].startswith(std)
                               for std in BASE_14), (name, base)
                descriptor = font.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                     "/FontFile3")), (name, base)


def test_no_encryption_no_javascript_no_images(full, summary, data, dutch, two_lenses):
    for name, pdf_bytes, _ in _reports(full, summary, data, dutch, two_lenses):
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
            for obj in _objects(pdf):
                assert "/JS" not in obj and obj.get(Name.S) != Name.JavaScript, name
                assert obj.get(Name.Subtype) != Name.Image, name  # the charts are vectors
            assert "/JavaScript" not in pdf.Root.get(Name.Names, {})


def test_the_figures_are_embedded_as_an_associated_csv(full, data, two_lenses):
    for pdf_bytes, source in ((full, data), (two_lenses["summary"], two_lenses["data"])):
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            [associated] = pdf.Root.AF
            assert associated.AFRelationship == Name.Data
            assert str(associated.UF) == str(associated.F) == "figures.csv"
            stream = associated.EF.F
            assert stream.Subtype == Name("/text/csv")
            assert "/ModDate" in stream.Params
            assert stream.read_bytes().decode() == figures_csv(source)
    lines = figures_csv(two_lenses["data"]).splitlines()
    assert lines[0] == "round,round_kind,lens,statement,unit,unit_kind,n,mean,sd,consensus"
    assert {line.split(",")[2] for line in lines[1:]} == {"ambition", "interests"}
    # A party the picture withholds has no row: "Stichting Kleinschalig" (2 people) only
    # counts within the pool.
    assert not any("Stichting Kleinschalig" in line for line in lines)


def test_qpdf_finds_no_errors(dutch, tmp_path):
    for audience in ("full", "summary"):
        path = tmp_path / f"{audience}.pdf"
        path.write_bytes(dutch[audience])
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_pages_look_exactly_as_reportlab_drew_them(build, two_lenses, monkeypatch,
                                                        tmp_path):
    """The same report without the PDF/A step, rendered by poppler: every pixel equal."""
    monkeypatch.setattr(facilitator.pdf.build, "to_pdfa", lambda pdf, record: pdf)
    plain = build(two_lenses["data"], "summary")
    assert b"pdfaid" not in plain
    rendered = {}
    for name, pdf in (("plain", plain), ("pdfa", two_lenses["summary"])):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
        rendered[name] = sorted(tmp_path.glob(f"{name}-*.png"))
    assert len(rendered["plain"]) == len(rendered["pdfa"]) > 1
    for plain_page, pdfa_page in zip(rendered["plain"], rendered["pdfa"], strict=True):
        assert plain_page.read_bytes() == pdfa_page.read_bytes(), pdfa_page.name


def test_a_pdf_that_cannot_be_pdfa_is_refused_not_served():
    """The gate is real: a page in Helvetica (a standard font, not embedded) does not pass
    the validator, and to_pdfa raises instead of returning it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Not embedded")
    canvas.save()
    record = Record(title="T", description="D", keywords=["K"], collaboration=None,
                    date=datetime(2026, 1, 1, tzinfo=UTC), language="en", author="A",
                    figures="round\r\n")
    with pytest.raises(pikepdf.pdfa.PdfaError) as refused:
        to_pdfa(buffer.getvalue(), record)
    assert any("font" in str(finding).lower() for finding in refused.value.report.findings)
