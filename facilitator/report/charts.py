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
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory
from reportlab.graphics.shapes import Drawing
from svglib.svglib import svg2rlg

from .fonts import FAMILY, REGULAR, svg_font_map
from .styles import FRAME_WIDTH, ROOM, SCALE_COLOURS

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


def _drawing(fig: Figure, max_width: float, max_height: float) -> Drawing:
    """The figure as a Drawing, shrunk (never enlarged) to fit the given box."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.04,
                metadata={"Date": None})
    buffer.seek(0)
    drawing = svg2rlg(buffer, font_map=svg_font_map())
    drawing.initialFontName = REGULAR  # else reportlab starts each chart in Helvetica
    factor = min(1.0, max_width / drawing.width, max_height / drawing.height)
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=True)) or text


def radar(
    lenses: Sequence[str], scale: tuple[int, int], room: tuple[str, Sequence[float | None]],
    organisations: Sequence[tuple[str, Sequence[float | None], dict]], max_height: float,
) -> Drawing:
    """The lens means as a radar: the room in black, each organisation in its own colour,
    marker and line style (styles.organisation_style); a missing mean breaks the line."""
    with _matplotlib():
        fig = Figure(figsize=(FRAME_WIDTH / INCH, 5.4))
        ax = fig.add_subplot(projection="polar")
        angles = np.linspace(0, 2 * np.pi, len(lenses), endpoint=False)
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_xticks(angles, [_wrap(name, 16) for name in lenses], fontsize=9.5)
        ax.tick_params(axis="x", pad=12)
        ax.set_ylim(scale[0], scale[1])
        ax.set_yticks(range(scale[0], scale[1] + 1))
        ax.set_rlabel_position(180 / max(len(lenses), 1))
        ax.grid(color="#c8c8c8", linewidth=0.6)
        _line(ax, angles, room[1], room[0], color=ROOM, marker="o", linestyle="-",
              linewidth=2.6, markersize=5.5, zorder=5)  # first in the legend, drawn on top
        for name, means, style in organisations:
            _line(ax, angles, means, _wrap(name, 34), linewidth=1.4, markersize=5, **style)
        fig.legend(loc="upper center", bbox_to_anchor=(0.5, 0.02), frameon=False,
                   ncol=min(3, len(organisations) + 1), handlelength=3.2)
        return _drawing(fig, FRAME_WIDTH, max_height)


def _line(ax, angles: np.ndarray, means: Sequence[float | None], label: str, **style) -> None:
    values = np.array([np.nan if m is None else m for m in means], dtype=float)
    ax.plot(np.append(angles, angles[0]), np.append(values, values[0]), label=label, **style)


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
        for y, (_label, counts, _right) in enumerate(rows):
            _stacked_bar(ax, y, counts, colours)
        ax.set_yticks(range(len(rows)), [_wrap(label, 26) for label, _c, _r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xticks(np.linspace(0, 1, len(ticks)), ticks)
        ax.tick_params(length=0)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for y, (_label, _counts, text) in enumerate(rows):
            ax.text(1.02, y, text, transform=right, va="center", ha="left")
        handles = [Patch(color=colour, label=_wrap(label, 22))
                   for colour, label in zip(colours, point_labels, strict=True)]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False,
                  ncol=len(points), handlelength=1.2, columnspacing=1.0)
        return _drawing(fig, FRAME_WIDTH, max_height)


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
