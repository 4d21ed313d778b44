"""The report as PDF/A-3b: what a records system (DMS, e-depot) of a Dutch public body
files, with the session's anonymised figures inside it as CSV.

Open-source reportlab writes plain PDF, so the report is post-processed with pikepdf:
its XMP metadata says the title, the collaboration, the session's date, the language and
the subject (and the document information dictionary is made to agree); the figures are
an associated file (/AF, /AFRelationship /Data, MIME type text/csv); and
`pikepdf.pdfa.save` adds the sRGB output intent (the ICC profile pikepdf ships), takes
out what PDF/A forbids, writes the file and validates the bytes it wrote against its
allowlist of the veraPDF rules for PDF/A-3b, raising when they do not pass. So a report
that is not PDF/A is never stored nor served (docs/decisions.md, "Reports for a records
system"). The page content is not touched: what prints is what reportlab drew.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pikepdf
import pikepdf.pdfa
from pikepdf import Name
from pikepdf.models.metadata import encode_pdf_date

FLAVOUR = "3b"
FIGURES_NAME = "figures.csv"


@dataclass(frozen=True)
class Record:
    """What the report's XMP says about it."""

    title: str
    description: str  # the DocInfo /Subject: "Session summary — Five lenses (…)"
    keywords: list[str]  # dc:subject and pdf:Keywords: the kind of report, lens set, …
    collaboration: str | None  # dc:relation: the dossier the report belongs to
    date: datetime  # dc:date: when the session was held
    language: str  # dc:language, "nl" or "en"
    author: str
    figures: str  # the anonymised figures (figures.py), embedded as figures.csv


def to_pdfa(pdf_bytes: bytes, record: Record) -> bytes:
    """The reportlab PDF as a validated PDF/A-3b (pikepdf.pdfa.PdfaError if it is not)."""
    made = datetime.now(UTC).replace(microsecond=0)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _drop_empty_transitions(pdf)
        _embed_figures(pdf, record.figures, made)
        _describe(pdf, record, made)
        out = io.BytesIO()
        pikepdf.pdfa.save(pdf, out, FLAVOUR)
    return out.getvalue()


def _drop_empty_transitions(pdf: pikepdf.Pdf) -> None:
    """reportlab gives every page an empty /Trans (no transition): nothing to show, and
    a key the PDF/A validator cannot vouch for."""
    for page in pdf.pages:
        if Name.Trans in page.obj and len(page.obj.Trans) == 0:
            del page.obj[Name.Trans]


def _embed_figures(pdf: pikepdf.Pdf, figures: str, made: datetime) -> None:
    """figures.csv as the document's associated file: /AFRelationship /Data, "the
    information used to derive a visual presentation", which the charts and tables are."""
    spec = pikepdf.AttachedFileSpec(
        pdf, figures.encode(), filename=FIGURES_NAME, mime_type="text/csv",
        description="Anonymised figures of the session (CSV)",
        creation_date=encode_pdf_date(made), mod_date=encode_pdf_date(made),
        relationship=Name.Data)
    pdf.attachments[FIGURES_NAME] = spec


def _describe(pdf: pikepdf.Pdf, record: Record, made: datetime) -> None:
    """XMP first; pikepdf writes the DocInfo entries from it (sync_docinfo)."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = record.title
        meta["dc:description"] = record.description
        meta["dc:creator"] = [record.author]
        meta["dc:subject"] = record.keywords
        meta["pdf:Keywords"] = "; ".join(record.keywords)
        meta["dc:language"] = [record.language]
        meta["dc:date"] = [record.date.isoformat()]
        if record.collaboration:
            meta["dc:relation"] = [record.collaboration]
        meta["xmp:CreatorTool"] = "facilitator"
        meta["xmp:CreateDate"] = made.isoformat()
        meta["xmp:ModifyDate"] = made.isoformat()
    pdf.Root.Lang = pikepdf.String(record.language)
