"""The page machinery: A4 pages with a footer "Page 3 of 9", headings that feed the table
of contents and the PDF outline, and the document's metadata.

"of 9" needs the page count before the last page is drawn, so the report is built with
multiBuild: a PageCount flowable remembers the previous pass's count and asks for
another pass until it no longer changes (just as the table of contents does).
"""

from collections.abc import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, IndexingFlowable, PageTemplate
from reportlab.platypus.frames import Frame
from reportlab.platypus.tableofcontents import TableOfContents

from .fonts import REGULAR
from .styles import MARGIN, MUTED, PAGE, styles


class Heading(Paragraph):
    """A section heading: an entry in the table of contents and the outline at `level`
    (0 or 1), jumping to `key`. `plain` is the unescaped text the outline shows."""

    def __init__(self, markup: str, plain: str, key: str, level: int = 0) -> None:
        super().__init__(markup, styles()["h1" if level == 0 else "h2"])
        self.plain, self.key, self.level = plain, key, level
        self.toc_markup = markup


class PageCount(IndexingFlowable):
    """Takes no room; counts the pages of each pass (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0
        self.previous = 0

    def notify(self, kind: str, stuff: object) -> None:
        if kind == "page":
            self.pages = max(self.pages, int(stuff))

    def beforeBuild(self) -> None:
        self.previous, self.pages = self.pages, 0

    def isSatisfied(self) -> bool:
        return self.pages == self.previous

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class ReportDocument(BaseDocTemplate):
    """A4 with one frame per page and a footer; headings bookmark themselves."""

    def __init__(self, target, footer: Callable[[int, int], tuple[str, str]], **meta) -> None:
        super().__init__(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN, initialFontName=REGULAR,
                         initialFontSize=10, **meta)
        self.footer = footer
        self.page_count = PageCount()
        frame = Frame(MARGIN, MARGIN + 12, self.width, self.height - 12, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._draw_footer)])

    def build_story(self, story: list[Flowable]) -> None:
        self.multiBuild([self.page_count, *story], maxPasses=6)

    def beforeDocument(self) -> None:
        self.canv.showOutline()  # a viewer opens with the outline (bookmarks) shown

    def afterPage(self) -> None:
        self.notify("page", self.page)

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Heading):
            return
        canvas = self.canv
        # The frame's cursor sits below the heading and its space after; jump to its top.
        top = self.frame._y + flowable.style.spaceAfter + flowable.height + 4
        canvas.bookmarkHorizontalAbsolute(flowable.key, top)
        canvas.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level)
        self.notify("TOCEntry", (flowable.level, flowable.toc_markup, self.page, flowable.key))

    def _draw_footer(self, canvas, doc) -> None:
        left, right = self.footer(doc.page, self.page_count.previous or doc.page)
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        room = self.width - stringWidth(right, REGULAR, 8) - 24
        canvas.drawString(MARGIN, MARGIN - 14, _clip(left, room, 8))
        canvas.drawRightString(MARGIN + self.width, MARGIN - 14, right)
        canvas.restoreState()


def contents() -> TableOfContents:
    """The table of contents; its entries link to their headings."""
    toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # tables start in Helvetica otherwise
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    toc.levelStyles = [styles()["toc0"], styles()["toc1"]]
    return toc


def _clip(text: str, width: float, size: float) -> str:
    """`text` cut with an ellipsis to fit `width` points (a long title in the footer)."""
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text + "…"
