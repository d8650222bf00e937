"""A chart in words: its alt text and the data written into the speaker notes (pure).

Numbers are written as the chart writes them (:func:`~talkdeck.charts.values.value_text`),
so what is heard, read and seen agrees.
"""

from __future__ import annotations

from ..model import Chart
from .values import missing_points, value_text

#: A series with more values than this is summed up in the alt text (first, last, lowest, highest).
ALT_POINTS = 24


def _summary(chart: Chart, categories: list[str], values: list[float | None], language: str) -> str:
    """One series of many values in a sentence: where it starts and ends, its lowest and highest."""
    known = [(c, v) for c, v in zip(categories, values) if v is not None]

    def at(pair: tuple[str, float]) -> str:
        return f"{value_text(chart, pair[1], language)} in {pair[0]}"

    low, high = min(known, key=lambda p: p[1]), max(known, key=lambda p: p[1])
    return (f"{len(values)} values from {at(known[0])} to {at(known[-1])}, lowest {at(low)}, "
            f"highest {at(high)}")


def describe_chart(chart: Chart, language: str = "en") -> str:
    """Alt text for a chart, generated from its data (numbers written as the chart writes them)."""
    kind = {"bar": "Bar chart", "barh": "Horizontal bar chart", "stacked": "Stacked bar chart",
            "grouped": "Grouped bar chart", "line": "Line chart"}[chart.type]
    unit = f" ({chart.unit})" if chart.unit else ""
    categories, series = chart.table()

    def points(vs: list[float | None]) -> str:
        if len(vs) > ALT_POINTS:  # a long series is summed up; the notes keep every value
            return _summary(chart, categories, vs, language)
        return ", ".join(f"{c} {value_text(chart, v, language)}" for c, v in zip(categories, vs))

    if chart.data is not None:
        values = points(list(chart.data.values()))
    else:
        values = "; ".join(f"{name}: {points(vs)}" for name, vs in series.items())
    gaps = missing_points(chart)
    missing = ""
    if gaps:
        named = ", ".join(c if chart.data is not None else f"{c} ({name})" for name, c in gaps)
        missing = f" No data for {named}: the line has a gap there."
    return f"{kind}, {chart.title}{unit}: {values}.{missing} Source: {chart.source}."


def chart_notes(chart: Chart, language: str = "en") -> str:
    """The chart's data for the speaker notes: every value, one category a line, then the source."""
    categories, series = chart.table()
    unit = f" ({chart.unit})" if chart.unit else ""
    rows = [f"{c}: " + ", ".join(f"{name} {value_text(chart, vs[k], language)}" if len(series) > 1
                                 else value_text(chart, vs[k], language)
                                 for name, vs in series.items()) for k, c in enumerate(categories)]
    return f"Chart data — {chart.title}{unit}:\n" + "\n".join(rows) + f"\nSource: {chart.source}"
