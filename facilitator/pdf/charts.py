"""The report's charts: drawn by matplotlib as SVG and converted to reportlab Drawings.

Vector all the way (no bitmaps): the charts stay sharp on paper and on a projector, and
their text stays text. Matplotlib lays out the labels with DejaVu Sans, the same font the
PDF embeds (fonts.py), so what it measures is what prints.
"""

import io
import textwrap
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib
import numpy as np
from flask_babel import get_locale
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory
from reportlab.graphics.shapes import Drawing
from svglib.svglib import svg2rlg

from facilitator import palette

from .fonts import FAMILY, REGULAR, svg_font_map
from .formatting import Numbers
from .styles import FRAME_WIDTH, LINE_STYLES, MARKERS, OKABE_ITO, SCALE_COLOURS, organisation_style
from .styles import ROOM as ROOM_INK

INCH = 72.0
RC = {"svg.fonttype": "none", "font.family": FAMILY, "font.size": 8.5,
      "text.parse_math": False, "svg.hashsalt": "facilitator-report", "axes.unicode_minus": True}
# rcParams are global to the process: one chart at a time, whichever thread asks.
_LOCK = threading.Lock()


@contextmanager
def _matplotlib() -> Iterator[None]:
    with _LOCK, matplotlib.rc_context(RC), warnings.catch_warnings():
        # A name with a character outside DejaVu Sans prints as a box; it must not fail.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.04,
                metadata={"Date": None})
    return buffer.getvalue()


def _drawing(svg: bytes, max_width: float, max_height: float) -> Drawing:
    """The SVG as a Drawing, shrunk (never enlarged) to fit the given box. Outside the
    lock: svglib shares no state with matplotlib."""
    drawing = svg2rlg(io.BytesIO(svg), font_map=svg_font_map())
    drawing.initialFontName = REGULAR  # else reportlab starts each chart in Helvetica
    factor = min(1.0, max_width / drawing.width, max_height / drawing.height)
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=True)) or text


ROOM = palette.ROOM["colour"]
ROOM_STYLE = {"color": ROOM, "marker": palette.MATPLOTLIB[palette.ROOM["marker"]],
              "linestyle": "-", "linewidth": 2.6, "markersize": 5.5}
ORGANISATION_LINE = {"linewidth": 1.4, "markersize": 5}


def unit_style(index: int) -> dict:
    """The unit at `index` as matplotlib draws it: colour, marker and line style from the
    one palette (facilitator/palette.py) the projector and the trend use too."""
    look = palette.style(index)
    dash = tuple(look["dash"])
    return {"color": look["colour"], "marker": palette.MATPLOTLIB[look["marker"]],
            "linestyle": (0, dash) if dash else "-"}


def _place(style: dict) -> int:
    """The index a caller's styles.organisation_style(index) was made for, so that a unit
    takes its look from the shared palette (its place decides, as on the projector)."""
    for index in range(len(OKABE_ITO) * len(MARKERS) * len(LINE_STYLES)):
        if organisation_style(index) == style:
            return index
    return 0


def _look(style: dict) -> dict:
    """A line's look: the palette's for a style of styles.organisation_style, else as given."""
    if set(style) == {"color", "marker", "linestyle"} and style.get("color") in OKABE_ITO:
        return unit_style(_place(style))
    return dict(style)


def radar(
    lenses: Sequence[str], scale: tuple[int, int], room: tuple[str, Sequence[float | None]],
    organisations: Sequence[tuple[str, Sequence[float | None], dict]], max_height: float,
) -> tuple[Drawing, Drawing]:
    """The lens means as a radar, and its legend: the room in ink, each unit in its own
    colour, marker and line style (the shared palette); a missing mean breaks the line.
    The legend is a drawing of its own, so that many organisations lengthen the legend
    instead of shrinking the radar. A radar needs three axes: with fewer lenses the
    means are bars (`mean_bars`)."""
    organisations = [(name, means, _look(style)) for name, means, style in organisations]
    if len(lenses) < 3:
        return mean_bars(lenses, scale, room, organisations, max_height)
    with _matplotlib():
        fig = Figure(figsize=(FRAME_WIDTH / INCH, 4.9))
        ax, angles = _polar_axes(fig, lenses, scale)
        _line(ax, angles, room[1], zorder=5, **ROOM_STYLE)  # the room on top
        for _name, means, style in organisations:
            _line(ax, angles, means, **ORGANISATION_LINE, **style)
        chart = _svg(fig)
        legend = _legend([(room[0], ROOM_STYLE)] + [(name, {**ORGANISATION_LINE, **style})
                                                     for name, _means, style in organisations])
    return _drawing(chart, FRAME_WIDTH, max_height), _drawing(legend, FRAME_WIDTH, max_height)


def mean_bars(
    lenses: Sequence[str], scale: tuple[int, int], room: tuple[str, Sequence[float | None]],
    organisations: Sequence[tuple[str, Sequence[float | None], dict]], max_height: float,
) -> tuple[Drawing, Drawing]:
    """The lens means as bars, per lens one for the room and one per unit, each with its
    unit's marker on top and its mean above it; the same legend as the radar's."""
    series = [(room[1], ROOM_STYLE)] + [(means, style) for _name, means, style in organisations]
    numbers = Numbers(str(get_locale() or "en"))  # the report's language (build.py)
    with _matplotlib():
        fig = Figure(figsize=(FRAME_WIDTH / INCH, 3.6))
        ax = fig.add_axes((0.08, 0.12, 0.9, 0.8))
        width = 0.8 / len(series)
        for number, (means, style) in enumerate(series):
            for x, mean in enumerate(means):
                if mean is None:
                    continue
                left = x - 0.4 + width * (number + 0.5)
                ax.bar(left, mean - scale[0], width=width * 0.86, bottom=scale[0],
                       color=style["color"], alpha=0.75 if number == 0 else 1.0, linewidth=0)
                ax.plot(left, mean + 0.12, marker=style["marker"], color=style["color"],
                        markersize=5.5, markeredgewidth=1.4, linestyle="")
                ax.text(left, mean + 0.3, numbers.mean(mean), ha="center", va="bottom",
                        fontsize=7.5)
        ax.set_xticks(range(len(lenses)), [_wrap(name, 30) for name in lenses], fontsize=9.5)
        ax.set_xlim(-0.5, len(lenses) - 0.5)
        ax.set_ylim(scale[0], scale[1] + 0.7)
        ax.set_yticks(range(scale[0], scale[1] + 1))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(length=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        chart = _svg(fig)
        legend = _legend([(room[0], ROOM_STYLE)] + [(name, {**ORGANISATION_LINE, **style})
                                                     for name, _means, style in organisations])
    return _drawing(chart, FRAME_WIDTH, max_height), _drawing(legend, FRAME_WIDTH, max_height)


def _polar_axes(fig: Figure, lenses: Sequence[str], scale: tuple[int, int]):
    """Axes with the first lens at the top, clockwise, the scale's points as rings."""
    ax = fig.add_subplot(projection="polar")
    angles = np.linspace(0, 2 * np.pi, len(lenses), endpoint=False)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles, [_wrap(name, 16) for name in lenses], fontsize=9.5)
    ax.tick_params(axis="x", pad=12)
    ax.set_ylim(scale[0], scale[1])
    points = range(scale[0], scale[1] + 1)
    ax.set_yticks(points, [])
    ax.grid(color="#c8c8c8", linewidth=0.6)
    # The ring numbers half-way between the first two lenses, above every line and marker
    # and on a light patch, so that they stay readable where lines cross them.
    between = np.pi / max(len(lenses), 1)
    for point in points[1:]:
        ax.text(between, point, str(point), ha="center", va="center", fontsize=7.5,
                color="#5c5c5c", zorder=10,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.8})
    return ax, angles


def _line(ax, angles: np.ndarray, means: Sequence[float | None], **style) -> None:
    values = np.array([np.nan if m is None else m for m in means], dtype=float)
    ax.plot(np.append(angles, angles[0]), np.append(values, values[0]), **style)


def _legend(entries: Sequence[tuple[str, dict]]) -> bytes:
    """A legend alone, three columns wide, long names wrapped."""
    fig = Figure(figsize=(FRAME_WIDTH / INCH, 0.4))
    handles = [Line2D([], [], label=_wrap(name, 30), **style) for name, style in entries]
    fig.legend(handles=handles, loc="center", ncol=min(3, len(handles)), frameon=False,
               handlelength=3.2)
    return _svg(fig)


def distributions(
    rows: Sequence[tuple[str, Sequence[int], str]], points: Sequence[int],
    point_labels: Sequence[str], ticks: Sequence[str], max_height: float,
) -> Drawing:
    """One stacked bar per row: the share of its scores on each scale point (labelled in
    per cent when wide enough), with a text (the consensus) to the right of the bar."""
    colours = _scale_colours(len(points))
    with _matplotlib():
        fig = Figure(figsize=(FRAME_WIDTH / INCH, 0.42 * len(rows) + 0.9))
        ax = fig.add_axes((0.22, 0.18, 0.6, 0.62))
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for y, (_label, counts, text) in enumerate(rows):
            _stacked_bar(ax, y, counts, colours)
            ax.text(1.02, y, text, transform=right, va="center", ha="left")
        _bar_axes(ax, [label for label, _counts, _text in rows], ticks)
        handles = [Patch(color=colour, label=_wrap(label, 22))
                   for colour, label in zip(colours, point_labels, strict=True)]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False,
                  ncol=len(points), handlelength=1.2, columnspacing=1.0)
        svg = _svg(fig)
    return _drawing(svg, FRAME_WIDTH, max_height)


def _bar_axes(ax, labels: Sequence[str], ticks: Sequence[str]) -> None:
    """Rows top to bottom, the share from 0 to 1 labelled with `ticks`, no frame."""
    ax.set_yticks(range(len(labels)), [_wrap(label, 26) for label in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks(np.linspace(0, 1, len(ticks)), ticks)
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)


def _stacked_bar(ax, y: int, counts: Sequence[int], colours: Sequence[str]) -> None:
    total = sum(counts)
    left = 0.0
    for count, colour in zip(counts, colours, strict=True):
        share = count / total if total else 0.0
        if share:
            ax.barh(y, share, left=left, height=0.66, color=colour, edgecolor="white",
                    linewidth=0.8)
        if share >= 0.08:
            ax.text(left + share / 2, y, f"{round(share * 100)}", ha="center", va="center",
                    fontsize=7.5, color=_ink_on(colour))
        left += share


def _scale_colours(count: int) -> list[str]:
    """The diverging palette sampled at `count` points (exactly SCALE_COLOURS for five)."""
    if count == len(SCALE_COLOURS):
        return list(SCALE_COLOURS)
    cmap = LinearSegmentedColormap.from_list("scale", SCALE_COLOURS)
    return [matplotlib.colors.to_hex(cmap(x)) for x in np.linspace(0, 1, count)]


def _ink_on(colour: str) -> str:
    """Black or white text, whichever reads better on `colour` (relative luminance)."""
    r, g, b = to_rgb(colour)
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "#ffffff"


def gaps(rows: Sequence[tuple[str, float | None, float | None, float | None]],
         scale: tuple[int, int], legend: tuple[str, str], max_height: float) -> Drawing:
    """Per lens (a row of label, now, wish, the wish's SD) how it is now (a filled dot)
    and the wish (a hollow dot, its SD either side below it), an arrow between them: the
    gap the collaboration has to close, drawn so that nobody reads the wish as a state."""
    wish_colour = SCALE_COLOURS[-1]
    with _matplotlib():
        fig = Figure(figsize=(FRAME_WIDTH / INCH, 0.42 * len(rows) + 0.9))
        ax = fig.add_axes((0.22, 0.18, 0.7, 0.62))
        for y, (_label, now, wish, sd) in enumerate(rows):
            if now is not None and wish is not None:
                ax.annotate("", xy=(wish, y), xytext=(now, y), arrowprops={
                    "arrowstyle": "->", "color": "#777777", "linewidth": 1.2,
                    "shrinkA": 4, "shrinkB": 5})
            if wish is not None and sd is not None:
                # Just below the row, so that it never hides the arrow; within the scale
                # (no score lies outside it).
                spread = [[min(sd, wish - scale[0])], [min(sd, scale[1] - wish)]]
                ax.errorbar(wish, y + 0.22, xerr=spread, fmt="none", ecolor=wish_colour,
                            capsize=2.5, linewidth=1)
            if now is not None:
                ax.plot(now, y, "o", color=ROOM_INK, markersize=6)
            if wish is not None:
                ax.plot(wish, y, "o", markerfacecolor="white", markeredgecolor=wish_colour,
                        markersize=6.5, markeredgewidth=1.6)
        ax.set_yticks(range(len(rows)), [_wrap(row[0], 26) for row in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(scale[0] - 0.2, scale[1] + 0.2)
        ax.set_xticks(range(scale[0], scale[1] + 1))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.tick_params(length=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        handles = [Line2D([], [], marker="o", linestyle="", color=ROOM_INK, label=legend[0]),
                   Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                          markeredgecolor=wish_colour, label=legend[1])]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  frameon=False, ncol=2)
        svg = _svg(fig)
    return _drawing(svg, FRAME_WIDTH, max_height)
