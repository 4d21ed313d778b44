"""The printable scoring form (pdf/form.py) with what an own lens set and a facilitator
may put in it: a wide scale, many organisations, markup-like text. It stays one valid PDF
that says every text as written."""

import subprocess

from facilitator.pdf.form import FormData, build_form
from lenses import builtin_lens_sets

from .conftest import pages, read

ODD = "Zorg <b>& Welzijn</b> \"West\" — ‘Ł’"


def _data(**changes) -> FormData:
    kaats = builtin_lens_sets()["kaats-opheij"].localized("en")
    kaats["scale"] = {"min": 0, "max": 10, "low": "Not at all", "high": "Completely"}
    kaats["lenses"][0]["statements"][0]["text"] = ODD
    values = {"title": ODD, "code": "K7TQ4M", "join_url": "http://host/j/K7TQ4M",
              "language": "en", "ask_names": True, "rounds": 2,
              "organisations": [f"Organisation {n} {ODD}" for n in range(40)],
              "lens_set": kaats}
    return FormData(**{**values, **changes})


def test_a_form_with_a_wide_scale_and_many_organisations_is_valid(report_app, tmp_path):
    with report_app.app_context():
        pdf = build_form(_data())
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = " ".join(pages(pdf))
    assert text.count(ODD) >= 3  # the title, a statement, organisations: as written
    assert "Organisation 39" in text and "10" in text and "Name (optional)" in text
    assert read(pdf).metadata.title == f"Scoring form: {ODD}"


def test_the_name_and_round_lines_are_only_there_when_the_session_needs_them(report_app):
    with report_app.app_context():
        text = " ".join(pages(build_form(_data(ask_names=False, rounds=1))))
    assert "Name (optional)" not in text and "Round" not in text
