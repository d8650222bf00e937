"""Room for every category label, decided from font metrics before anything is drawn (pure).

Long labels wrap; when they still do not stand side by side, a bar chart turns
horizontal, other charts' labels shrink to the style's floor; a horizontal
chart's labels shrink until its rows hold them. What cannot fit even at the
floor is reported (:func:`label_problem`), so the planner warns at the
chart's line, and is still drawn: no label is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import Box
from ..model import Chart
from ..text.fit import text_width, wrap
from ..text.script import EAST_ASIAN
from .style import ChartStyle
from .values import stack_totals, total_text, value_text, x_axis

#: Most lines a category label wraps to under a bar, and beside a horizontal bar.
MAX_LINES_UNDER = 3
MAX_LINES_BESIDE = 2
#: Widest a horizontal chart's label column may be, as a share of the picture's width.
LABEL_COLUMN_SHARE = 0.4
#: Longest upright labels may be, as shares of the picture's height, tried in turn.
UPRIGHT_SHARES = (0.35, 0.5)
#: Height of one line of label text, as a multiple of its size (matplotlib's default spacing).
LINE_HEIGHT = 1.2
#: Space around the picture's edge, in points: a text box's inset, so that the chart's title, plot
#: and labels start where the slide's text (its title, the source under the chart) does.
EDGE_PT = 7.2


@dataclass(frozen=True)
class LabelFit:
    """How a chart's category labels are drawn.

    ``horizontal``: bars go sideways (a bar chart whose labels did not fit
    under its bars). ``size``: the labels' size in points. ``labels``: each
    category's text with its line breaks. ``fits``: False if they overlap even
    at the floor.
    """

    horizontal: bool
    size: float
    labels: tuple[str, ...]
    fits: bool = True
    #: Labels turned to read upwards under their bars (when even wrapped they are wider than a bar).
    rotated: bool = False


def fit_labels(chart: Chart, style: ChartStyle, box: Box) -> LabelFit:
    """Where and how big ``chart``'s category labels go in a picture of ``box``'s size."""
    categories = chart.table()[0]
    if chart.type == "line" and x_axis(chart).numeric:  # a numeric or time axis: the locator picks the ticks
        return LabelFit(False, style.label_size, tuple(categories))
    if chart.type == "barh":
        return _beside(chart, style, box, categories)
    under = _under(chart, style, box, categories)
    if under.fits:
        return under
    if chart.type == "bar":
        beside = _beside(chart, style, box, categories)
        if beside.fits:
            return beside
    return _upright(chart, style, box, categories)


def label_problem(chart: Chart, fit: LabelFit) -> str | None:
    """The warning for labels that overlap even at the floor, or None."""
    if fit.fits:
        return None
    n = len(fit.labels)
    where = "beside their bars" if fit.horizontal else "under the chart"
    return (f"the {n} category labels do not fit {where} even at {fit.size:g} pt; shorten them or show "
            "fewer categories")


def _width(text: str, size: float, style: ChartStyle, bold: bool = False) -> float:
    return max((text_width(line, size, style.font, style.font_cjk, bold, cs_family=style.font_cs or "") for line in text.split("\n")), default=0.0)


def _wrapped(text: str, width: float, size: float, style: ChartStyle, max_lines: int) -> str | None:
    """``text`` broken into lines no wider than ``width`` at ``size``, or None if it needs more than
    ``max_lines`` or a word is wider than the line (words are never cut)."""
    # A word is never cut, but East Asian text may break between any two characters.
    if any(_width(word, size, style) > width for word in text.split() if not EAST_ASIAN.search(word)):
        return None
    lines = wrap(text, width, size, style.font, style.font_cjk, cs_family=style.font_cs or "")
    if len(lines) > max_lines:
        return None
    if len(lines) > 1 and EAST_ASIAN.search(text):
        lines = _balanced(text, lines, width, size, style)
    return "\n".join(lines)


def _balanced(text: str, lines: list[str], width: float, size: float, style: ChartStyle) -> list[str]:
    """East Asian ``text`` (which may break between any two characters) in as many ``lines`` but
    as even as they go: 国有及国有控/股工业企业, not 国有及国有控股工业企/业 with one character left over."""
    # The narrowest width that keeps the count of lines lies in (low, high]; never so narrow
    # that a Latin word or a number in the label would have to be cut.
    low = max((_width(word, size, style) for word in text.split() if not EAST_ASIAN.search(word)), default=0.0)
    high = width
    for _ in range(12):
        mid = (low + high) / 2
        if len(wrap(text, mid, size, style.font, style.font_cjk, cs_family=style.font_cs or "")) == len(lines):
            high = mid
        else:
            low = mid
    return wrap(text, high, size, style.font, style.font_cjk, cs_family=style.font_cs or "")


def _value_width(chart: Chart, style: ChartStyle, size: float) -> float:
    """The widest value label, in points (bold, as bars' labels are)."""
    if not chart.value_labels:
        return 0.0
    texts = [value_text(chart, v, style.language) for vs in chart.table()[1].values() for v in vs]
    if chart.type == "stacked":  # the totals over the stacks ("net 0.41" where some values are negative)
        texts += [total_text(chart, t, style.language, style.net_total) for t in stack_totals(chart)]
    return max((_width(text, size, style, bold=True) for text in texts), default=0.0)


def _bar_room(chart: Chart, slot: float) -> float:
    """The width a value label may take over one bar of a category's slot (grouped bars share it)."""
    return slot * 0.95 / (len(chart.series or {}) if chart.type == "grouped" else 1)


def _sizes(style: ChartStyle) -> list[float]:
    sizes, size = [], style.label_size
    while size > style.label_floor:
        sizes.append(size)
        size -= 1
    return sizes + [style.label_floor]


def _under(chart: Chart, style: ChartStyle, box: Box, categories: list[str]) -> LabelFit:
    """Labels under vertical bars (or under a line's points), each within its slot."""
    n = max(1, len(categories))
    value_axis = 0.0 if chart.value_labels and chart.type != "line" else 4 * style.label_size
    slot = (box.w_pt - 2 * EDGE_PT - value_axis) / n
    for size in _sizes(style):
        room = slot * 0.92
        labels = [_wrapped(c, room, size, style, MAX_LINES_UNDER) for c in categories]
        values_fit = chart.type == "line" or _value_width(chart, style, size) <= _bar_room(chart, slot)
        if all(label is not None for label in labels) and values_fit:
            return LabelFit(False, size, tuple(labels))  # type: ignore[arg-type]
    size = style.label_floor
    return LabelFit(False, size, tuple(wrap_any(c, slot * 0.92, size, style) for c in categories), fits=False)


def _beside(chart: Chart, style: ChartStyle, box: Box, categories: list[str]) -> LabelFit:
    """Labels left of horizontal bars: a column at most :data:`LABEL_COLUMN_SHARE` wide, one row each."""
    n = max(1, len(categories))
    title_pt = 2.5 * style.label_size * 1.15
    ticks_pt = 0.0 if chart.value_labels else 2 * style.label_size  # a value axis under the bars
    row = (box.h_pt - 2 * EDGE_PT - title_pt - ticks_pt) / n
    column = box.w_pt * LABEL_COLUMN_SHARE
    for size in _sizes(style):
        labels = [_wrapped(c, column, size, style, MAX_LINES_BESIDE) for c in categories]
        if all(label is not None for label in labels):
            lines = max(label.count("\n") + 1 for label in labels)  # type: ignore[union-attr]
            if lines * size * LINE_HEIGHT <= row * 0.95:
                return LabelFit(True, size, tuple(labels))  # type: ignore[arg-type]
    size = style.label_floor
    return LabelFit(True, size, tuple(wrap_any(c, column, size, style) for c in categories), fits=False)


def _upright(chart: Chart, style: ChartStyle, box: Box, categories: list[str]) -> LabelFit:
    """Labels turned 90° under vertical bars: as many lines as a slot is wide, as long as a third of
    the height (half, if they must); past the floor, each on one line however long."""
    n = max(1, len(categories))
    value_axis = 0.0 if chart.value_labels and chart.type != "line" else 4 * style.label_size
    slot = (box.w_pt - 2 * EDGE_PT - value_axis) / n
    for share in UPRIGHT_SHARES:
        for size in _sizes(style):
            lines = int(slot * 0.92 // (size * LINE_HEIGHT))
            values_fit = chart.type == "line" or _value_width(chart, style, size) <= _bar_room(chart, slot)
            if lines < 1 or not values_fit:
                continue
            labels = [_wrapped(c, box.h_pt * share, size, style, min(lines, MAX_LINES_BESIDE)) for c in categories]
            if all(label is not None for label in labels):
                return LabelFit(False, size, tuple(labels), rotated=True)  # type: ignore[arg-type]
    # Nothing fits: one line each, upright, is the least bad (words whole, neighbours barely touching).
    return LabelFit(False, style.label_floor, tuple(" ".join(c.split()) for c in categories), fits=False,
                    rotated=True)


def wrap_any(text: str, width: float, size: float, style: ChartStyle) -> str:
    """``text`` wrapped at ``width`` however many lines it takes (words cut only if wider than a line)."""
    return "\n".join(wrap(text, width, size, style.font, style.font_cjk, cs_family=style.font_cs or ""))
