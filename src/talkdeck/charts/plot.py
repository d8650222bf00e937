"""One plotter per chart type: ``plot_X(ax, chart, style, fit)`` draws the data on ``ax``.

A plotter returns the labels that can only be placed once the axes have their
final size (a line's end labels), as :class:`EndLabel` s; everything else it
draws itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..lang.numfmt import total
from ..model import Chart
from .fonts import font
from .labels import LABEL_EVERY_UP_TO, LabelFit
from .palette import label_color, muted, series_colors
from .style import ChartStyle
from .values import stack_totals, total_text, value_text, x_axis

#: A line with more points than this is drawn without markers (they would merge into a band).
MARKERS_UP_TO = 15
#: A stacked segment shorter than this share of the tallest stack has no room for its number.
SEGMENT_LABEL_SHARE = 0.07


@dataclass
class EndLabel:
    """A value written just right of where a line ends, moved up or down to clear its neighbours."""

    x: object
    y: float
    text: str
    color: str


def _values(chart: Chart) -> list[float | None]:
    return next(iter(chart.table()[1].values()))


def _bar_colors(chart: Chart, style: ChartStyle, categories: list[str]) -> list[str]:
    first = series_colors(style, 1)[0]
    if chart.highlight:
        return [first if c in chart.highlight else muted(style) for c in categories]
    return [first] * len(categories)


def _category_ticks(axis, fit: LabelFit, style: ChartStyle) -> None:
    axis.set_ticks(range(len(fit.labels)), list(fit.labels))
    for label in axis.get_ticklabels():
        label.set_fontsize(fit.size)
        if fit.rotated:
            label.set_rotation(90)
            label.set_horizontalalignment("center")
            label.set_verticalalignment("top")
            label.set_multialignment("right")


def _shown(chart: Chart, style: ChartStyle, fit: LabelFit, values, series: int = 0) -> list[str]:
    """The value labels of one series' bars or points: blank where labels.fit_values left one out."""
    return ["" if (series, c) in fit.left_out else value_text(chart, v, style.language) for c, v in enumerate(values)]


def _bar_labels(ax, bars, chart: Chart, style: ChartStyle, values, fit: LabelFit, padding: float) -> None:
    if chart.value_labels:
        ax.bar_label(bars, labels=_shown(chart, style, fit, values), padding=padding,
                     fontsize=fit.value_size or fit.size, color=style.text, fontweight="bold", **font(style))


def plot_bar(ax, chart: Chart, style: ChartStyle, fit: LabelFit) -> list[EndLabel]:
    """Vertical bars, one per category, value on top."""
    cats, vals = chart.table()[0], _values(chart)
    bars = ax.bar(range(len(cats)), vals, color=_bar_colors(chart, style, cats), width=0.65, zorder=2)
    _category_ticks(ax.xaxis, fit, style)
    _bar_labels(ax, bars, chart, style, vals, fit, 3)
    ax.margins(y=0.12)
    return []


def plot_barh(ax, chart: Chart, style: ChartStyle, fit: LabelFit) -> list[EndLabel]:
    """Horizontal bars, first category on top, value at the end of each bar."""
    cats, vals = chart.table()[0], _values(chart)
    bars = ax.barh(range(len(cats)), vals, color=_bar_colors(chart, style, cats), height=0.7, zorder=2)
    _category_ticks(ax.yaxis, fit, style)
    ax.invert_yaxis()
    _bar_labels(ax, bars, chart, style, vals, fit, 4)
    ax.margins(x=0.08, y=0.3 / max(1, len(cats)))
    return []


def plot_stacked(ax, chart: Chart, style: ChartStyle, fit: LabelFit) -> list[EndLabel]:
    """Bars stacked per category, one colour per series, totals on top.

    Negative values stack down from zero while positive ones stack up (a
    diverging stack, over the zero line :func:`~talkdeck.charts.axes.finish`
    draws); each total is then the net sum, written as such.
    """
    cats, series = chart.categories or [], chart.series or {}
    up, down = [0.0] * len(cats), [0.0] * len(cats)
    # Sums at the precision of their parts (as written); the labels then round them as the chart says.
    columns = list(zip(*series.values()))
    tallest = max((total(v for v in col if v > 0) - total(v for v in col if v < 0) for col in columns),
                  default=0.0) or 1.0
    colors = series_colors(style, len(series))
    # A stack of one segment has its number once, in its total over the bar.
    alone = [sum(1 for v in col if v) == 1 for col in columns]
    for k, (name, written) in enumerate(series.items()):
        vals = [v or 0.0 for v in written]
        bottom = [d if v < 0 else u for u, d, v in zip(up, down, vals)]
        bars = ax.bar(range(len(cats)), vals, bottom=bottom, label=name, width=0.65, zorder=2, color=colors[k])
        if chart.value_labels:
            labels = [value_text(chart, v, style.language)
                      if v and abs(v) / tallest >= SEGMENT_LABEL_SHARE and not alone[i] else ""
                      for i, v in enumerate(vals)]
            texts = ax.bar_label(bars, labels=labels, label_type="center", color=label_color(colors[k], style),
                                 fontsize=fit.size * 0.9, **font(style))
            for text, bar in zip(texts, bars):
                text.segment = bar  # written only if it fits inside (axes.place)
        up = [total([u, v]) if v > 0 else u for u, v in zip(up, vals)]
        down = [total([d, v]) if v < 0 else d for d, v in zip(down, vals)]
    if chart.value_labels:
        # Each total at the end of the stack its sign points to: over it, or (a negative net) under it.
        for x, (top, low, net) in enumerate(zip(up, down, stack_totals(chart))):
            below = net < 0
            if (0, x) in fit.left_out:
                continue
            ax.annotate(total_text(chart, net, style.language, style.net_total), (x, low if below else top),
                        xytext=(0, -4 if below else 4), textcoords="offset points", ha="center",
                        va="top" if below else "bottom", fontsize=fit.value_size or fit.size, fontweight="bold",
                        color=style.text, **font(style))
    _category_ticks(ax.xaxis, fit, style)
    ax.margins(y=0.12)
    return []


def plot_grouped(ax, chart: Chart, style: ChartStyle, fit: LabelFit) -> list[EndLabel]:
    """Bars side by side per category, one colour per series."""
    cats, series = chart.categories or [], chart.series or {}
    n = len(series)
    width = 0.8 / n
    colors = series_colors(style, n)
    for k, (name, vals) in enumerate(series.items()):
        xs = [x - 0.4 + width * (k + 0.5) for x in range(len(cats))]
        bars = ax.bar(xs, vals, width=width * 0.92, label=name, zorder=2, color=colors[k])
        if chart.value_labels:
            ax.bar_label(bars, labels=_shown(chart, style, fit, vals, k), padding=3,
                         fontsize=fit.value_size or fit.size * 0.9, color=style.text, **font(style))
    _category_ticks(ax.xaxis, fit, style)
    ax.margins(y=0.12)
    return []


def plot_line(ax, chart: Chart, style: ChartStyle, fit: LabelFit) -> list[EndLabel]:
    """One line per series; gaps where a value is null; highlighted points or series stand out.

    Few points and one series: every value is written over its point. Otherwise
    each line's last value is written where it ends (placed later, apart).
    """
    cats, series = chart.table()
    axis = x_axis(chart)
    xs = list(axis.values) if axis.numeric else list(range(len(cats)))
    marked = {c for c in chart.highlight if c in cats}
    stressed = {s for s in chart.highlight if s in series and s not in cats}
    # Highlighted series take the palette from its start (the accent); the others are muted.
    order = [s for s in series if s in stressed] if stressed else list(series)
    palette = series_colors(style, len(order))
    colors = [palette[order.index(s)] if s in order else muted(style) for s in series]
    few = len(cats) <= MARKERS_UP_TO
    ends: list[EndLabel] = []
    for k, (name, vals) in enumerate(series.items()):
        color = colors[k]
        ys = [math.nan if v is None else v for v in vals]
        ax.plot(xs, ys, marker="o" if few else None, linewidth=3 if few else 2.5, markersize=7, color=color,
                label=name, zorder=3 if name in stressed else 2, solid_capstyle="round")
        alone = [i for i, v in enumerate(vals) if v is not None and (i == 0 or vals[i - 1] is None)
                 and (i == len(vals) - 1 or vals[i + 1] is None)]
        if alone and not few:  # a value between two gaps has no line: show it as a point
            ax.plot([xs[i] for i in alone], [vals[i] for i in alone], "o", markersize=5, color=color, zorder=2)
        for i, c in enumerate(cats):
            if c in marked and vals[i] is not None:
                ax.plot([xs[i]], [vals[i]], "o", markersize=12, markerfacecolor=color,
                        markeredgecolor=style.background, markeredgewidth=2, zorder=4)
        if not chart.value_labels:
            continue
        every = len(cats) <= LABEL_EVERY_UP_TO and len(series) == 1
        for i, v in enumerate(vals):
            if v is not None and (every or cats[i] in marked) and (k, i) not in fit.left_out:
                ax.annotate(value_text(chart, v, style.language), (xs[i], v), xytext=(0, 9),
                            textcoords="offset points", ha="center", fontsize=fit.value_size or fit.size * 0.9,
                            fontweight="bold" if cats[i] in marked else "normal", color=style.text, **font(style))
        last = max((i for i, v in enumerate(vals) if v is not None), default=None)
        end = vals[last] if last is not None else None
        if last is not None and end is not None and not every and cats[last] not in marked:
            ends.append(EndLabel(xs[last], end, value_text(chart, end, style.language), color))
    values = [v for vs in series.values() for v in vs if v is not None]
    ax.margins(x=0.02 if axis.numeric else 0.04, y=0.15)
    if values and min(values) >= 0:  # a quantity: the axis starts at zero
        ax.autoscale_view()
        ax.set_ylim(0, ax.get_ylim()[1])
    if not axis.numeric:
        _category_ticks(ax.xaxis, fit, style)
    return ends


PLOTTERS: dict[str, Callable] = {"bar": plot_bar, "barh": plot_barh, "stacked": plot_stacked,
                                 "grouped": plot_grouped, "line": plot_line}
