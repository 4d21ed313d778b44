"""The report as a PDF file: valid, navigable, vector, with embedded fonts and metadata."""

import subprocess

from pypdf.generic import IndirectObject

from .conftest import flat, pages, read


def test_the_metadata_names_the_session_the_facilitator_and_the_lens_set(full, summary, data):
    info = read(full).metadata
    assert info.title == data.title
    assert info.author == "Anna de Vries"
    assert info.subject == "Session report — Five lenses (Kaats & Opheij)"
    assert read(summary).metadata.subject == "Session summary — Five lenses (Kaats & Opheij)"


def test_the_summary_has_fewer_pages_and_no_table_of_all_figures(full, summary):
    assert len(read(summary).pages) < len(read(full).pages)
    summary_text = " ".join(pages(summary))
    assert "Table of all figures" in " ".join(pages(full))
    assert "Table of all figures" not in summary_text
    assert "Method" in summary_text
    # The measure's source is the full report's; the summary says what it means.
    assert "Tastle and Wierman (2007)" in " ".join(pages(full))
    assert "Tastle and Wierman (2007)" not in summary_text
    assert "Consensus says how much the room agrees" in flat(summary_text)
    assert "What are we doing this for?" not in summary_text  # no page per lens


def test_every_page_says_its_number_of_the_total(full):
    texts = pages(full)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_qpdf_finds_no_errors(full, summary, tmp_path):
    for name, pdf in (("full.pdf", full), ("summary.pdf", summary)):
        path = tmp_path / name
        path.write_bytes(pdf)
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _fonts(resources) -> list:
    """Every font dictionary in `resources`, also those of form XObjects inside it."""
    resources = resources.get_object() if isinstance(resources, IndirectObject) else resources
    found = [font.get_object() for font in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            found += _fonts(xobject["/Resources"])
    return found


def test_every_font_is_embedded(full):
    fonts = [font for page in read(full).pages for font in _fonts(page["/Resources"])]
    assert fonts
    for font in fonts:
        descendants = font.get("/DescendantFonts")
        actual = descendants[0].get_object() if descendants else font
        assert "/FontFile2" in actual["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_the_charts_are_vectors_not_images(full):
    for page in read(full).pages:
        xobjects = page["/Resources"].get_object().get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


def _titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles += _titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def test_the_outline_has_an_entry_per_lens(full, data):
    titles = _titles(read(full).outline)
    for lens in data.lens_set["lenses"]:
        assert lens["name"] in titles
    assert {"The shared picture", "Conversation agenda", "Appendix"} <= set(titles)


def test_the_table_of_contents_links_to_the_lens_pages(full, data):
    reader = read(full)
    links = [annotation.get_object() for annotation in reader.pages[0].get("/Annots") or ()]
    targets = {reader.get_page_number(link["/Dest"][0].get_object())
               for link in links if link.get("/Subtype") == "/Link"}
    texts = pages(full)
    for lens in data.lens_set["lenses"]:
        lens_page = next(i for i, text in enumerate(texts) if lens["question"] in text)
        assert lens_page in targets


def test_the_pages_rasterise(full, tmp_path):
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-", str(tmp_path / "page")],
                   input=full, check=True, capture_output=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(read(full).pages)
    assert all(image.stat().st_size > 1000 for image in images)
