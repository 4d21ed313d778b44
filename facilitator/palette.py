"""One look per unit (an organisation, a party, the pool) wherever the picture is drawn: the
projector, the collaboration's trend and the PDF report. Defined here once; the pages get
it as data (`for_pages`), the report's charts read it directly (pdf/charts.py).

Colours are Okabe & Ito's (2008), darkened so that they hold on a washed-out beamer and on
paper; never the only carrier: each unit also has a marker and a line style. A unit's
look follows its place (`style(index)`): the organisations in the session's order, then
the parties and the pool, so an organisation keeps its look when another is hidden.
Markers are named as Chart.js names them; MATPLOTLIB says how the report draws each.
"""

ROOM = {"colour": "#1b1f24", "marker": "circle", "dash": []}
# Sky blue (lighter than blue, solid where blue is dashed) sits apart from blue.
COLOURS = ("#B26B00", "#0072B2", "#00734F", "#B8410B", "#3F93C6", "#A1487F")
# Five markers against six colours: the pair repeats only after thirty units.
MARKERS = ("triangle", "rect", "rectRot", "crossRot", "star")
# In line widths: solid, dashed (Chart.js multiplies by its line width, matplotlib too).
DASHES = ((), (3.5, 1.5))
MATPLOTLIB = {"circle": "o", "triangle": "^", "rect": "s", "rectRot": "D", "crossRot": "x",
              "star": (8, 2, 0)}  # star: Chart.js draws an eight-armed asterisk


def style(index: int) -> dict:
    """The look of the unit at `index`: colour, marker and dash (in line widths)."""
    return {"colour": COLOURS[index % len(COLOURS)], "marker": MARKERS[index % len(MARKERS)],
            "dash": list(DASHES[index % len(DASHES)])}


def for_pages() -> dict:
    """The palette as the pages' scripts read it (present.js, trend.js)."""
    return {"room": dict(ROOM), "colours": list(COLOURS), "markers": list(MARKERS),
            "dashes": [list(dash) for dash in DASHES]}
