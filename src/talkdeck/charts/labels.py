"""Room for every category label, decided from font metrics before anything is drawn (pure).

Long labels wrap; when they still do not stand side by side, a bar chart turns
horizontal, other charts' labels shrink to the style's floor; a horizontal
chart's labels shrink until its rows hold them. What cannot fit even at the
floor is reported (:func:`label_problem`), so the planner warns at the
chart's line, and is still drawn: no label is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..layout import Box
from ..model import Chart
from ..text.fit import text_width, wrap
from ..text.script import EAST_ASIAN
from .style import ChartStyle
from .values import stack_totals, total_text, value_text, x_axis

#: A single line with at most this many points has every value written over its point (as plot.py draws).
LABEL_EVERY_UP_TO = 8
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
    #: The value labels' size in points (0: the plotter's own, from ``size``).
    value_size: float = 0.0
    #: (series, category) of the value labels left out because they would overlap their neighbours.
    left_out: frozenset[tuple[int, int]] = frozenset()
    #: The warning for value labels left out, or None.
    value_problem: str | None = None


def fit_labels(chart: Chart, style: ChartStyle, box: Box) -> LabelFit:
    """Where and how big ``chart``'s category labels go in a picture of ``box``'s size, and which value
    labels are written (:func:`fit_values`)."""
    categories = chart.table()[0]
    if chart.type == "line" and x_axis(chart).numeric:  # a numeric or time axis: the locator picks the ticks
        return fit_values(chart, style, box, LabelFit(False, style.label_size, tuple(categories)))
    if chart.type == "barh":
        return fit_values(chart, style, box, _beside(chart, style, box, categories))
    under = _under(chart, style, box, categories)
    if not under.fits:
        if chart.type == "bar":
            beside = _beside(chart, style, box, categories)
            if beside.fits:
                return fit_values(chart, style, box, beside)
        under = _upright(chart, style, box, categories)
    done = fit_values(chart, style, box, under)
    if done.left_out and chart.type == "bar":  # values too wide for their bars: sideways, they have room
        beside = _beside(chart, style, box, categories)
        if beside.fits:
            return fit_values(chart, style, box, beside)
    return done


def label_problem(chart: Chart, fit: LabelFit) -> str | None:
    """The warning for category labels that overlap even at the floor, and for value labels left out; or None."""
    problems = [fit.value_problem] if fit.value_problem else []
    if not fit.fits:
        n = len(fit.labels)
        where = "beside their bars" if fit.horizontal else "under the chart"
        problems.insert(0, f"the {n} category labels do not fit {where} even at {fit.size:g} pt; shorten them or "
                           "show fewer categories")
    return "; ".join(problems) or None


def _value_texts(chart: Chart, style: ChartStyle) -> list[tuple[int, int, str]]:
    """(series, category, text) of each value label a plotter writes over bars or points, in reading order."""
    categories, series = chart.table()
    if chart.type == "stacked":  # the totals over the stacks; segments hold theirs inside, or none
        return [(0, c, total_text(chart, t, style.language, style.net_total))
                for c, t in enumerate(stack_totals(chart))]
    if chart.type == "line" and not (len(categories) <= LABEL_EVERY_UP_TO and len(series) == 1):
        return []  # a line's end labels are placed apart when drawn (axes.place)
    return [(s, c, value_text(chart, v, style.language)) for s, vs in enumerate(series.values())
            for c, v in enumerate(vs) if v is not None]


def fit_values(chart: Chart, style: ChartStyle, box: Box, fit: LabelFit) -> LabelFit:
    """``fit`` with the value labels' size and the ones left out.

    Over vertical bars and a line's points, labels side by side are shrunk (to the
    floor) until each is clear of the next; past the floor, a label that would
    overlap the one before it is left out, and the warning says how many (the
    values stay in the notes and the alt text). Beside horizontal bars each has its row.
    """
    texts = _value_texts(chart, style) if chart.value_labels else []
    scale = 0.9 if chart.type in ("grouped", "line") else 1.0
    if not texts or fit.horizontal or chart.type == "barh":
        return replace(fit, value_size=fit.size * scale)
    centres = _centres(chart, style, box, texts)
    size = fit.size * scale
    for size in [s for s in _sizes(style) if s <= fit.size * scale] or [style.label_floor]:
        widths = [_width(text, size, style, bold=chart.type != "line") for _, _, text in texts]
        if not _overlaps(centres, widths, range(len(texts))):
            return replace(fit, value_size=size)
    kept: list[int] = []
    for i in sorted(range(len(texts)), key=lambda k: centres[k]):  # left to right, each clear of the last kept
        if not kept or not _overlaps(centres, widths, [kept[-1], i]):
            kept.append(i)
    out = frozenset((s, c) for k, (s, c, _) in enumerate(texts) if k not in set(kept))
    if not out:
        return replace(fit, value_size=size)
    problem = (f"{len(out)} of the {len(texts)} value labels are left out: they would overlap their neighbours "
               f"even at {size:g} pt (every value is in the notes and the alt text); show fewer categories, "
               "or set 'value_labels: false'")
    return replace(fit, value_size=size, left_out=out, value_problem=problem)


def _centres(chart: Chart, style: ChartStyle, box: Box, texts: list[tuple[int, int, str]]) -> list[float]:
    """The x of each value label's centre, in points across the plot."""
    categories, series = chart.table()
    plot = box.w_pt - 2 * EDGE_PT - (4 * style.label_size if chart.type == "line" else 0.0)
    axis = x_axis(chart)
    if chart.type == "line" and axis.numeric:
        xs = [float(v.toordinal()) if hasattr(v, "toordinal") else float(v) for v in axis.values]
        low, high = min(xs), max(xs)
        return [plot * (xs[c] - low) / ((high - low) or 1.0) for _, c, _ in texts]
    slot = plot / max(1, len(categories))
    n = len(series) if chart.type == "grouped" else 1
    return [slot * (c + (0.1 + 0.8 * (s + 0.5) / n if n > 1 else 0.5)) for s, c, _ in texts]


def _overlaps(centres: list[float], widths: list[float], order) -> bool:
    """Whether any two neighbours among the labels ``order`` (indices, left to right) would touch."""
    order = sorted(order, key=lambda i: centres[i])
    pairs = zip(order, order[1:], strict=False)
    return any(centres[b] - centres[a] < (widths[a] + widths[b]) / 2 + 2 for a, b in pairs)


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
        if all(label is not None for label in labels):
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
            if lines < 1:
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
