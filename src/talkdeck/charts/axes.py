"""Title, axes and the placing of everything outside the plot, after the data is drawn.

Title, plot and source line up: the title and the widest label start
:data:`~talkdeck.charts.labels.EDGE_PT` from the picture's left edge, which is
where the slide's own text starts (its boxes' inset) for every chart type.
"""

from __future__ import annotations

import datetime as dt

from ..lang.magnitude import NumberForm, format_ticks, number_form
from ..lang.numfmt import decimals_for
from ..model import Chart
from ..text.fit import wrap
from .fonts import covering_family, font
from .labels import EDGE_PT, LabelFit
from .mathtext import has_maths, segments, title_lines
from .palette import grid, rule
from .plot import EndLabel
from .style import ChartStyle
from .values import chart_decimals, chart_form, x_axis

FIXED = NumberForm("fixed")

#: Space between a tick label and its axis, in points.
TICK_PAD_PT = 6.0
#: Space under the title (and under the legend's row), in points.
TITLE_GAP_PT = 10.0


def finish(fig, ax, chart: Chart, style: ChartStyle, fit: LabelFit, kind: str):
    """The title and unit, the axes' ticks and lines, no chart junk; returns the title's Text."""
    size = style.label_size * 1.15
    text = style.title(chart.title, chart.unit)
    # A title wider than the picture wraps rather than run off its edge; an equation in it is set by mathtext.
    width = fig.get_figwidth() * 72 - 2 * EDGE_PT

    def wrapped(t: str) -> list[str]:
        return wrap(t, width, size, style.font, style.font_cjk, bold=True, cs_family=style.font_cs or "")

    maths = has_maths(text)
    lines = title_lines(text, wrapped) if maths else wrapped(text)
    # mathtext sets the words around an equation in the text's first font, falling back to STIX only: a title
    # with an equation starts its fonts with one that has all its words (Korean beside $K^{-1}$).
    families = font(style)["family"]
    if maths:
        first = covering_family("".join(piece for piece, tex in segments(text) if tex is None), style)
        families = [first] + [f for f in families if f != first]
    title = fig.text(0, 1, "\n".join(lines), ha="right" if style.rtl else "left", va="top", fontsize=size,
                     fontweight="bold", color=style.text, parse_math=maths, family=families)
    values = [v for vs in chart.table()[1].values() for v in vs if v is not None]
    horizontal = kind == "barh"
    # The side the y axis stands on: the left, or the right in a right-to-left talk (start_at_right).
    near, far = ("right", "left") if ax.yaxis.get_ticks_position() == "right" else ("left", "right")
    # Bars go both ways: draw the zero they start from, not an edge. A line draws it only where it crosses it: the
    # zero line would stretch the axis of a line all below zero (ln k, −40 °C … −10 °C) up to a zero it never meets.
    if any(v < 0 for v in values) and (kind != "line" or any(v > 0 for v in values)):
        (ax.axvline if horizontal else ax.axhline)(0, color=rule(style), linewidth=1, zorder=3)
        if kind != "line":
            ax.spines[near if horizontal else "bottom"].set_visible(False)
    for side in ("top", far):
        ax.spines[side].set_visible(False)
    value_axis = ax.xaxis if horizontal else ax.yaxis
    ax.spines["bottom" if horizontal else near].set_visible(not chart.value_labels)
    if chart.value_labels and kind != "line":
        value_axis.set_visible(False)  # the labels carry the values: no ticks to read
    else:
        ax.grid(axis="x" if horizontal else "y", color=grid(style), linewidth=0.8, zorder=0)
        _value_ticks(value_axis, chart, style)
    if kind == "line" and x_axis(chart).numeric:
        _time_ticks(ax.xaxis, chart, style)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_color(style.text)
        label.set_fontfamily(font(style)["family"])
    ax.tick_params(length=0, pad=TICK_PAD_PT)
    for spine in ax.spines.values():
        spine.set_color(rule(style))
    return title


def start_at_right(ax) -> None:
    """Lay ``ax`` out from the right, as Office draws a bar chart on a right-to-left sheet and as a reader of
    Arabic or Hebrew reads it: the x axis runs leftward (the first category of upright bars at the right;
    horizontal bars grow leftward) and the y axis, its values or a horizontal chart's categories, stands at
    the right. Called before anything is drawn, so that the labels styled afterwards are the ones shown."""
    ax.invert_xaxis()
    ax.yaxis.tick_right()


def _value_ticks(axis, chart: Chart, style: ChartStyle) -> None:
    """Round ticks (whole ones for whole-number data), written as the labels write numbers."""
    from matplotlib.ticker import MaxNLocator

    values = [v for vs in chart.table()[1].values() for v in vs if v is not None]
    whole = chart_decimals(chart) == 0 and values and max(values) - min(values) >= 3
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=bool(whole)))
    axis.set_major_formatter(_number_formatter(style.language, chart_form(chart)))
    axis.set_tick_params(labelsize=style.label_size)


def _number_formatter(language: str, form: NumberForm = FIXED):
    """A matplotlib formatter writing the ticks in the chart's number form (lang.magnitude): a fixed or
    significant form with the fewest decimals that write every tick exactly."""
    from matplotlib.ticker import Formatter

    class NumberFormatter(Formatter):
        texts: dict[float, str] = {}

        def set_locs(self, locs):
            view = self.axis.get_view_interval() if self.axis is not None else (min(locs), max(locs))
            shown = [t for t in locs if min(view) - 1e-9 <= t <= max(view) + 1e-9] or list(locs)
            self.texts = dict(zip(shown, format_ticks(shown, form, language), strict=True))

        def __call__(self, x, pos=None):
            return self.texts.get(x) or format_ticks([x], form, language)[0]

    return NumberFormatter()


def _time_ticks(axis, chart: Chart, style: ChartStyle) -> None:
    """A numeric or time x-axis: matplotlib's locators choose the ticks; years are written without grouping."""
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    xa = x_axis(chart)
    axis.set_tick_params(labelsize=style.label_size)
    if xa.kind == "number":
        whole = all(float(v).is_integer() for v in xa.values)
        axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10], integer=whole, min_n_ticks=3))
        if whole and all(abs(v) <= 9999 for v in xa.values):  # years: 2020, 860–1204, never 1,000 nor 2,020
            axis.set_major_formatter(FuncFormatter(lambda v, _: _year_label(v, style.language)))
        else:
            axis.set_major_formatter(_number_formatter(style.language, number_form(xa.values, decimals_for(xa.values))))
        return
    first, last = mdates.date2num(dt.datetime(1, 1, 1)), mdates.date2num(dt.datetime(9999, 12, 31))

    class InRange(mdates.AutoDateLocator):
        """Ticks only between the years 1 and 9999, the dates Python (and matplotlib) can hold: the axis's
        margins around dates near either end reach past them."""

        def __call__(self):
            low, high = sorted(self.axis.get_view_interval())
            low, high = min(max(low, first), last), max(min(high, last), first)
            return self.tick_values(mdates.num2date(low), mdates.num2date(high))

    axis.set_major_locator(InRange(minticks=3, maxticks=8))
    axis.set_major_formatter(FuncFormatter(
        lambda v, _: _date_label(mdates.num2date(v).date(), style.language) if first <= v <= last else ""))


def _year_label(year: float, language: str) -> str:
    """A year on a time axis: its digits ungrouped, in the language's numbering system (۱۳۹۷ in Persian),
    a minus sign before a year BCE."""
    from ..lang.numfmt import native_digits, numbering_system

    return native_digits(f"{year:.0f}", numbering_system(language)).replace("-", "\u2212")


def _date_label(day: dt.date, language: str) -> str:
    """A tick's date as the language writes it, as precisely as the tick needs (2021, Mar 2021, 3 Mar 2021)."""
    from babel.dates import format_skeleton

    from ..lang.numfmt import _locale, _locale_tag, native_digits, numbering_system

    locale = _locale(_locale_tag(language))
    skeleton = "y" if day.month == 1 and day.day == 1 else "yMMM" if day.day == 1 else "yMMMd"
    return native_digits(format_skeleton(skeleton, day, locale=locale), numbering_system(language))


def place(fig, ax, renderer, title, ends: list[EndLabel], style: ChartStyle, categories_on_x: bool = False) -> None:
    """Size the plot so that the title, legend, tick labels and end labels just fit in the figure.

    Measures only the texts outside the plot (a fifth of what ``tight_layout``
    costs, which measures every artist); value labels stay inside thanks to the
    axes' margins. End labels are placed last, spread apart so none overlap.
    """
    width, height = fig.bbox.width, fig.bbox.height
    px = fig.dpi / 72
    edge, tick_pad, gap = EDGE_PT * px, TICK_PAD_PT * px, TITLE_GAP_PT * px

    def extents(labels):
        boxes = [t.get_window_extent(renderer) for t in labels if t.get_visible() and t.get_text()]
        return (max((b.width for b in boxes), default=0.0), max((b.height for b in boxes), default=0.0))

    # A right-to-left talk's chart starts at the right: its title there, its value or category axis too.
    title.set_position((1 - edge / width if style.rtl else edge / width, 1 - edge / height))
    y_w, _ = extents(_shown(ax.yaxis)) if ax.yaxis.get_visible() else (0.0, 0.0)
    x_w, x_h = extents(_shown(ax.xaxis)) if ax.xaxis.get_visible() else (0.0, 0.0)
    title_h = title.get_window_extent(renderer).height
    legend = _legend(ax, style, width - 2 * edge, renderer)
    legend_h = legend.get_window_extent(renderer).height + gap if legend else 0.0
    end_w = max((_end_text(ax, e, style).get_window_extent(renderer).width for e in ends), default=0.0)
    y_right = ax.yaxis.get_ticks_position() == "right"
    left = edge + (y_w + tick_pad if y_w and not y_right else 0.0)
    bottom = edge + (x_h + tick_pad if x_h else 0.0)
    top = edge + title_h + gap + legend_h
    right = edge + (end_w + 10 * px if ends else 0.0) + (y_w + tick_pad if y_w and y_right else 0.0)
    ax.set_position([left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height])
    if y_w:  # the plot's height chooses the value ticks: measured again, 12.5 may have come where 10 was
        y_now, _ = extents(_shown(ax.yaxis))
        if y_now > y_w:
            if y_right:
                right += y_now - y_w
            else:
                left += y_now - y_w
            ax.set_position([left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height])
    for _ in range(3):  # the first and last category labels may reach past the picture's edges: pull the plot in
        shown = _shown(ax.xaxis) if x_w else []
        if not shown:
            break
        under = edge - min(t.get_window_extent(renderer).x0 for t in shown)
        over = max(t.get_window_extent(renderer).x1 for t in shown) - (width - edge)
        if under <= 0.5 and over <= 0.5:
            break
        left += max(0.0, under) * 1.05
        right += max(0.0, over) * 1.05
        ax.set_position([left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height])
    if categories_on_x:
        _clear_of_value_ticks(ax, renderer)
    _keep_inside(ax, renderer, [getattr(e, "artist", None) for e in ends])
    _inside_segments(ax, renderer)
    _place_ends(ax, ends, style, renderer)


def _inside_segments(ax, renderer) -> None:
    """Leave out the number of a stacked segment too small to hold it (the alt text and notes keep it):
    written anyway, it would spill over its neighbours' numbers."""
    for text in ax.texts:
        segment = getattr(text, "segment", None)
        if segment is None or not text.get_text():
            continue
        box, room = text.get_window_extent(renderer), segment.get_window_extent(renderer)
        if box.height > room.height or box.width > room.width:
            text.set_text("")


def _clear_of_value_ticks(ax, renderer) -> None:
    """Move the first category right until its label (centred under the plot's first point, so reaching
    left past the plot) no longer runs into the value axis's lowest number ("0" sits on the x-axis line)."""
    if not ax.yaxis.get_visible():
        return
    ticks = [t.get_window_extent(renderer) for t in _shown(ax.yaxis)]
    for _ in range(3):
        shown = _shown(ax.xaxis)
        if not shown or not ticks:
            return
        first = shown[0].get_window_extent(renderer)
        hit = [b for b in ticks if b.x0 < first.x1 and first.x0 < b.x1 and b.y0 < first.y1 and first.y0 < b.y1]
        if not hit:
            return
        if ax.xaxis_inverted():  # right to left: the first category and the value axis at the right
            need = first.x1 + 2 * ax.figure.dpi / 72 - min(b.x0 for b in hit)
        else:
            need = max(b.x1 for b in hit) + 2 * ax.figure.dpi / 72 - first.x0
        start, stop = ax.get_xlim()  # the first category stands near the smaller end, whichever side it shows on
        delta = need * 1.1 * abs(stop - start) / ax.bbox.width
        ax.set_xlim(start - delta, stop) if start < stop else ax.set_xlim(start, stop - delta)


def _keep_inside(ax, renderer, skip: list) -> None:
    """Widen the data limits so that value labels (drawn at a fixed size beside their bars or points)
    stay inside the plot: never over the category labels, never off the picture."""
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() and t not in skip]
    if not boxes:
        return
    frame = ax.bbox
    for get, set_, lo_edge, hi_edge, size in (
            (ax.get_xlim, ax.set_xlim, min(b.x0 for b in boxes), max(b.x1 for b in boxes), frame.width),
            (ax.get_ylim, ax.set_ylim, min(b.y0 for b in boxes), max(b.y1 for b in boxes), frame.height)):
        gap = 4 * ax.figure.dpi / 72  # clear of the tick labels beyond the frame
        start, end = (frame.x0 + gap, frame.x1 - gap) if set_ == ax.set_xlim else (frame.y0 + gap, frame.y1 - gap)
        below, above = max(0.0, start - lo_edge), max(0.0, hi_edge - end)
        if not (below or above):
            continue
        a, b = get()
        flipped = a > b  # barh runs its categories top-down
        low, high = (b, a) if flipped else (a, b)
        per_px = (high - low) / max(1.0, size - (below + above) * 1.1)
        low, high = low - below * 1.1 * per_px, high + above * 1.1 * per_px
        set_((high, low) if flipped else (low, high))


def _shown(axis) -> list:
    """The axis's tick labels that are drawn: with text, at ticks inside the view (a locator offers more)."""
    lo, hi = sorted(axis.get_view_interval())
    span = (hi - lo) * 1e-9
    return [t for loc, t in zip(axis.get_majorticklocs(), axis.get_majorticklabels())
            if t.get_visible() and t.get_text() and lo - span <= loc <= hi + span]


def _legend(ax, style: ChartStyle, room_px: float, renderer):
    """The series' names in a row (or rows) above the plot, at the end of the title's line (right-aligned, or
    left-aligned right to left): never over the data."""
    handles, labels = ax.get_legend_handles_labels()
    if len(handles) < 2:
        return None
    for ncols in range(len(handles), 0, -1):
        order = _row_major(len(handles), ncols)
        if style.rtl and ncols == len(handles):  # one row, read from the right, each swatch right of its name
            order = order[::-1]
        legend = ax.legend([handles[i] for i in order], [labels[i] for i in order], markerfirst=not style.rtl,
                           frameon=False, labelcolor=style.text, loc="lower left" if style.rtl else "lower right",
                           bbox_to_anchor=(0.0 if style.rtl else 1.0, 1.0),
                           ncols=ncols, borderaxespad=0.3, handlelength=1.2,
                           prop={"family": font(style)["family"], "size": style.label_size})
        if legend.get_window_extent(renderer).width <= room_px:
            break
    return legend


def _row_major(n: int, ncols: int) -> list[int]:
    """The order to give matplotlib ``n`` legend entries in, so that its column-by-column filling reads
    row by row (A B C / D E rather than A C E / B D): column ``j`` holds entries j, j + ncols, …"""
    return [i for j in range(ncols) for i in range(j, n, ncols)]


def _end_text(ax, end: EndLabel, style: ChartStyle):
    text = ax.annotate(end.text, (end.x, end.y), xytext=(8, 0), textcoords="offset points", ha="left",
                       va="center", fontsize=style.label_size, fontweight="bold", color=end.color,
                       annotation_clip=False, **font(style))
    end.artist = text  # type: ignore[attr-defined]
    return text


def _place_ends(ax, ends: list[EndLabel], style: ChartStyle, renderer) -> None:
    """Move end labels up or down, the least needed, so that no two overlap (in display pixels)."""
    if not ends:
        return
    px = ax.figure.dpi / 72
    ys = [ax.transData.transform((ax.xaxis.convert_units(e.x), e.y))[1] for e in ends]
    heights = [e.artist.get_window_extent(renderer).height * 1.05 for e in ends]  # type: ignore[attr-defined]
    order = sorted(range(len(ends)), key=lambda i: ys[i])
    placed = {i: ys[i] for i in order}
    for _ in range(len(ends)):  # push up from the bottom, then down from the top, until stable
        for a, b in zip(order, order[1:]):
            need = (heights[a] + heights[b]) / 2
            if placed[b] - placed[a] < need:
                mid = (placed[a] + placed[b]) / 2
                placed[a], placed[b] = mid - need / 2, mid + need / 2
    for a, b in zip(order, order[1:]):  # a last sweep upwards guarantees the gaps
        placed[b] = max(placed[b], placed[a] + (heights[a] + heights[b]) / 2)
    for i, e in enumerate(ends):
        e.artist.xyann = (8, (placed[i] - ys[i]) / px)  # type: ignore[attr-defined]
