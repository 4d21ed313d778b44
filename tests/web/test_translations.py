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
