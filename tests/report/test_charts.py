"""The report's charts (pdf/charts.py) beside the projector's: one palette for every unit
(facilitator/palette.py), bars instead of a radar for fewer than three lenses, spread
whiskers within the scale, the radar's ring numbers above its lines and markers."""

import re
import subprocess
from dataclasses import replace

import pytest
from matplotlib.collections import LineCollection

from facilitator import palette
from facilitator.pdf import charts
from facilitator.pdf.styles import organisation_style
from lenses import opinion_groups, picture, read_lens_set

from .conftest import read
from .sessions import PARTIES, responses, session

TWO_LENSES = """
key = "twee-lenzen"
name = { nl = "Twee lenzen", en = "Two lenses" }
[scale]
min = 1
max = 5
low = { nl = "Oneens", en = "Disagree" }
high = { nl = "Eens", en = "Agree" }
[[lenses]]
key = "ambition"
name = { nl = "Ambitie", en = "Ambition" }
question = { nl = "Willen we hetzelfde?", en = "Do we want the same?" }
[[lenses.statements]]
key = "ambition-shared"
text = { nl = "We delen een doel.", en = "We share a goal." }
[[lenses]]
key = "interests"
name = { nl = "Belangen", en = "Interests" }
question = { nl = "Kennen we elkaars belangen?", en = "Do we know each other's interests?" }
[[lenses.statements]]
key = "interests-known"
text = { nl = "We kennen elkaars belangen.", en = "We know each other's interests." }
"""


@pytest.fixture
def figures(monkeypatch) -> list:
    """Every matplotlib figure the charts draw, kept for a look inside."""
    drawn = []
    svg = charts._svg

    def keep(fig):
        drawn.append(fig)
        return svg(fig)

    monkeypatch.setattr(charts, "_svg", keep)
    return drawn


def test_the_report_and_the_pages_share_one_palette():
    page = palette.for_pages()
    for index in range(12):
        look = charts.unit_style(index)
        assert look["color"] == page["colours"][index % len(page["colours"])]
        marker = page["markers"][index % len(page["markers"])]
        assert look["marker"] == palette.MATPLOTLIB[marker]
        # What the report's overview hands the chart (styles.organisation_style) is drawn
        # in the shared palette's look of the same place.
        assert charts._look(organisation_style(index)) == look
    assert page["room"]["colour"] == charts.ROOM


def test_a_unit_keeps_its_place_in_the_radar(figures):
    styles = [organisation_style(index) for index in (0, 3)]
    charts.radar(["A", "B", "C"], (1, 5), ("Room", [3, 3, 3]),
                 [("Eerste", [2, 3, 4], styles[0]), ("Vierde", [4, 3, 2], styles[1])], 500)
    lines = [line for line in figures[0].axes[0].lines if line.get_label()[:1] != "_"
             or line.get_marker()]
    colours = [line.get_color() for line in lines]
    assert palette.COLOURS[0] in colours and palette.COLOURS[3] in colours


def test_fewer_than_three_lenses_draw_bars_not_a_radar(figures):
    charts.radar(["Ambitie", "Belangen"], (1, 5), ("Hele zaal", [3.2, 2.4]),
                 [("Gemeente", [4.0, 2.0], organisation_style(0))], 500)
    ax = figures[0].axes[0]
    assert ax.name != "polar"
    assert len(ax.patches) == 4  # per lens a bar of the room and of the organisation
    assert {round(p.get_y() + p.get_height(), 1) for p in ax.patches} == {3.2, 2.4, 4.0, 2.0}


def two_lens_report(data):
    """The realistic session's scores on an own set of two lenses (each lens's first
    statement takes the scores of the built-in lens of the same key)."""
    lens_set = read_lens_set(TWO_LENSES, "test")
    scores, joined = responses(PARTIES)
    kept = [r for r in scores if r.statement in ("ambition-shared", "interests-known")]
    found = picture(lens_set, kept, list(PARTIES), min_group=3, joined=joined).to_dict()
    shown = {"session": 1, "state": "closed",
             "participants": found["participation"]["participants"], **found,
             "groups": opinion_groups(lens_set, kept, 3)}
    return replace(data, lens_set=lens_set.localized(data.language), picture=shown,
                   previous=None, comments={}, agreements={})


def test_a_two_lens_report_draws_bars(build, figures, tmp_path):
    pdf = build(two_lens_report(session("nl")))
    assert not [fig for fig in figures if any(ax.name == "polar" for ax in fig.axes)]
    bars = [fig for fig in figures
            if fig.axes and fig.axes[0].get_ylim()[0] == 1 and len(fig.axes[0].patches) >= 2]
    assert bars, "no bars of the lens means"
    text = "\n".join(page.extract_text() for page in read(pdf).pages)
    assert "Ambitie" in text and "Belangen" in text
    (tmp_path / "two.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3",
                    str(tmp_path / "two.pdf"), str(tmp_path / "two")], check=True)


def test_a_spread_whisker_stays_within_the_scale(figures):
    charts.gaps([("Ambitie", 3.0, 4.8, 1.0), ("Belangen", 2.0, 1.3, 0.9)], (1, 5),
                ("Nu", "Wens"), 500)
    ax = figures[0].axes[0]
    ends = [x for collection in ax.collections if isinstance(collection, LineCollection)
            for segment in collection.get_segments() for x, _y in segment]
    assert ends and min(ends) >= 1 and max(ends) <= 5, ends


def test_the_radar_numbers_lie_above_lines_and_markers(figures):
    charts.radar(["A", "B", "C", "D", "E"], (1, 5), ("Room", [5, 5, 5, 5, 5]),
                 [("X", [5, 4, 5, 4, 5], organisation_style(0))], 500)
    ax = figures[0].axes[0]
    numbers = [t for t in ax.texts if re.fullmatch(r"\d", t.get_text())]
    assert numbers
    assert min(t.get_zorder() for t in numbers) > max(line.get_zorder() for line in ax.lines)
