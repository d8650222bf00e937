"""A chart in words: its alt text and the data written into the speaker notes (pure).

Numbers are written as the chart writes them (:func:`~talkdeck.charts.values.value_text`), except that
a value that is not zero is never written as zero (:func:`~talkdeck.charts.values.spoken_value`),
words in the talk's language (:class:`~talkdeck.lang.i18n.Messages`), so that what is
heard, read and seen agrees.
"""

from __future__ import annotations

from ..lang.i18n import Messages
from ..model import Chart
from .values import diverging, missing_points, spoken_value, stack_totals

#: A series with more values than this is summed up in the alt text (first, last, lowest, highest).
ALT_POINTS = 24


def _value(chart: Chart, value: float | None, m: Messages) -> str:
    return m("no_data") if value is None else spoken_value(chart, value, m.language)


def _summary(chart: Chart, categories: list[str], values: list[float | None], m: Messages) -> str:
    """One series of many values in a phrase: where it starts and ends, its lowest and highest."""
    known = [(c, v) for c, v in zip(categories, values) if v is not None]
    low, high = min(known, key=lambda p: p[1]), max(known, key=lambda p: p[1])
    fields = {}
    for name, (category, value) in (("first", known[0]), ("last", known[-1]), ("low", low), ("high", high)):
        fields[name], fields[f"{name}_at"] = _value(chart, value, m), category
    return m("series_summary", **fields)


def describe_chart(chart: Chart, m: Messages | None = None, sideways: bool = False) -> str:
    """Alt text for a chart, generated from its data, in the words of ``m`` (English by default).

    The chart is named as it is drawn: ``sideways`` for a bar chart whose labels
    did not fit under its bars and whose bars run horizontally
    (:attr:`~talkdeck.charts.labels.LabelFit.horizontal`). A series of more than
    :data:`ALT_POINTS` values is summed up (the notes keep every value); values
    written ``null`` are named as gaps.
    """
    m = m or Messages()
    categories, series = chart.table()

    def points(vs: list[float | None]) -> str:
        if len(vs) > ALT_POINTS:
            return _summary(chart, categories, vs, m)
        return m.join(f"{c} {_value(chart, v, m)}" for c, v in zip(categories, vs))

    if chart.data is not None:
        values = points(list(chart.data.values()))
    else:
        values = m.join((m("label_value", label=name, value=points(vs)) for name, vs in series.items()),
                        "group_separator")
    kind = "barh" if sideways and chart.type == "bar" else chart.type
    alt = m("chart_alt", kind=m(f"chart_{kind}"), title=m.heading(chart.title, chart.unit), values=values,
            source=chart.source)
    if diverging(chart):
        alt = m.sentences(alt, _net_totals(chart, m))
    gaps = missing_points(chart)
    if not gaps:
        return alt
    named = m.join(c if chart.data is not None else m("point_of_series", category=c, series=name)
                   for name, c in gaps)
    return m.sentences(alt, m("chart_gaps", points=named))


def chart_notes(chart: Chart, m: Messages | None = None) -> str:
    """The chart's data for the speaker notes: every value, one category a line, then the source."""
    m = m or Messages()
    categories, series = chart.table()
    rows = [m("label_value", label=c, value=m.join(f"{name} {_value(chart, vs[k], m)}" if len(series) > 1
                                                    else _value(chart, vs[k], m) for name, vs in series.items()))
            for k, c in enumerate(categories)]
    if diverging(chart):
        rows.append(_net_totals(chart, m))
    return (m("chart_data", title=m.heading(chart.title, chart.unit)) + "\n" + "\n".join(rows) + "\n"
            + m("source", source=chart.source))


def _net_totals(chart: Chart, m: Messages) -> str:
    """The sentence that says a diverging stack's totals are net sums, with each category's."""
    totals = m.join(f"{c} {spoken_value(chart, t, m.language)}" for c, t in zip(chart.categories or [], stack_totals(chart)))
    return m("chart_net_totals", totals=totals)
