"""The Dutch catalogue is complete and matches the texts in the code."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
CATALOGUE = ROOT / "facilitator/translations/nl/LC_MESSAGES/messages.po"


def _ids(path: Path) -> set:
    with path.open("rb") as file:
        return {message.id for message in read_po(file) if message.id}


def test_every_text_has_a_dutch_translation():
    with CATALOGUE.open("rb") as file:
        missing = [m.id for m in read_po(file) if m.id and not m.string]
    assert missing == []


def test_the_catalogue_holds_exactly_the_texts_of_the_code(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "--no-location", "-o", str(template), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    assert _ids(template) == _ids(CATALOGUE), "run scripts/translations and translate"


def test_no_dutch_text_is_fuzzy_or_misses_a_plural_form():
    """A fuzzy entry is left out of the compiled catalogue, so the phone or report shows
    the English; a plural entry's msgstr is a tuple, truthy even when its forms are empty."""
    with CATALOGUE.open("rb") as file:
        catalogue = list(read_po(file))
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    unfilled = [m.id for m in catalogue if m.pluralizable and not all(m.string)]
    assert (fuzzy, unfilled) == ([], [])


def test_plural_forms_agree_with_their_number_in_dutch(app):
    from flask_babel import force_locale, ngettext

    from facilitator.pdf import texts

    with app.test_request_context(), force_locale("nl"):
        assert texts.respondents_line(1, 12) == (
            "1 van de 12 deelnemers scoorde minstens één stelling.")
        assert texts.respondents_line(5, 12) == (
            "5 van de 12 deelnemers scoorden minstens één stelling.")
        assert ngettext("%(n)s lens", "%(n)s lenses", 1, n=1) == "1 lens"
        assert ngettext("%(n)s lens", "%(n)s lenses", 5, n=5) == "5 lenzen"
