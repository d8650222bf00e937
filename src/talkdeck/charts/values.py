"""What a chart's numbers and categories mean, before anything is drawn: pure, no matplotlib.

Shared by the validator, the planner (alt text, notes) and the drawing code,
so that the picture, its alt text and the notes agree on every number.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ..lang.magnitude import NumberForm, format_number, number_form, scientific
from ..lang.numfmt import decimals_for, total
from ..model import Chart

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class XAxis:
    """Where a chart's categories go along its x-axis.

    ``kind`` is ``category`` (evenly spaced names), ``number`` (years or other
    numbers, placed at their values) or ``date`` (``YYYY-MM`` or
    ``YYYY-MM-DD``, placed at their dates); ``values`` holds one float or date
    per category for the last two kinds.
    """

    kind: str
    values: tuple = ()

    @property
    def numeric(self) -> bool:
        return self.kind != "category"


def x_axis(chart: Chart) -> XAxis:
    """The x-axis of a line chart whose categories are all numbers or all dates; else a category axis.

    Bars keep a category axis whatever their categories are: a bar stands for its name.
    """
    categories = chart.table()[0]
    if chart.type != "line" or len(categories) < 2:
        return XAxis("category")
    if all(_NUMBER.fullmatch(c.strip()) for c in categories):
        return XAxis("number", tuple(float(c) for c in categories))
    dates = [_date(c.strip()) for c in categories]
    if all(dates) and any("-" in c for c in categories):
        return XAxis("date", tuple(dates))
    return XAxis("category")


def _date(text: str) -> dt.date | None:
    m = _DATE.fullmatch(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:  # 2021-13, 2021-02-30: not a date, so not a time axis
        return None


def first_out_of_order(axis: XAxis, categories: list[str]) -> tuple[str, str] | None:
    """(earlier, later) of the first two neighbours of a numeric or time axis that do not increase."""
    for k in range(1, len(axis.values)):
        if axis.values[k] <= axis.values[k - 1]:
            return categories[k - 1], categories[k]
    return None


def chart_decimals(chart: Chart) -> int:
    """The decimals every value of ``chart`` is written with: its ``decimals``, else the most the
    speaker typed (``1.50`` counts 2), else the most its values have."""
    if chart.decimals is not None:
        return chart.decimals
    if chart.written_decimals is not None:
        return chart.written_decimals
    return decimals_for(v for vs in chart.table()[1].values() for v in vs)


def missing_points(chart: Chart) -> list[tuple[str, str]]:
    """(series, category) of each value written as ``null``, in reading order."""
    categories, series = chart.table()
    return [(name, c) for name, vs in series.items() for c, v in zip(categories, vs) if v is None]


def diverging(chart: Chart) -> bool:
    """Whether ``chart`` is a stack with negative values: they stack down from zero, totals are net sums."""
    return chart.type == "stacked" and any(v is not None and v < 0 for vs in chart.table()[1].values() for v in vs)


def stack_totals(chart: Chart) -> list[float]:
    """Each category's total of a stacked chart: the net sum of its values (negatives subtract), at the
    precision of its parts (31.7 for 10.1 + 21.6, never 31.699999999999996)."""
    return [total(column) for column in zip(*chart.table()[1].values())]


def chart_form(chart: Chart) -> NumberForm:
    """How ``chart`` writes its numbers, chosen from its values' range (:mod:`talkdeck.lang.magnitude`):
    as written while that keeps labels short, else to significant figures, in the short scale or as powers
    of ten. A stack's totals count among its values."""
    values = [v for vs in chart.table()[1].values() for v in vs]
    if chart.type == "stacked":
        values += stack_totals(chart)
    return number_form(values, chart_decimals(chart), explicit=chart.decimals is not None)


def value_text(chart: Chart, value: float | None, language: str = "en") -> str:
    """A value of ``chart`` as every label, alt text and note writes it (nothing for a null, which is drawn
    as a gap; the alt text and notes say "no data" in the talk's words, charts.describe)."""
    if value is None:
        return ""
    return format_number(value, chart_form(chart), language)


def spoken_value(chart: Chart, value: float | None, language: str = "en") -> str:
    """A value as the alt text and notes write it: as :func:`value_text` does, except that a value that is not
    zero is never written as zero, and a power of ten keeps the digits written. One too small for the chart's
    decimals (a constant of physics beside ordinary numbers), or on a chart of powers of ten, is written with
    its own significant digits: ``6.626 × 10⁻³⁴`` where the label shows ``6.63 × 10⁻³⁴``."""
    if value is None or value == 0 or not math.isfinite(value):
        return value_text(chart, value, language)
    form = chart_form(chart)
    if form.kind == "scientific" or (form.kind == "fixed" and abs(value) < 0.5 * 10.0 ** -form.decimals):
        written = len(Decimal(repr(value)).normalize().as_tuple().digits)  # the digits the speaker wrote
        return scientific(value, language, figures=max(1, min(written, 15)))
    return value_text(chart, value, language)


def total_text(chart: Chart, value: float, language: str = "en", net_format: str = "net {value}") -> str:
    """A stack's total as written over its bar: the value, or for a stack with negative values its net
    sum as the language says so (``net_format``, the ``net_total`` text)."""
    text = value_text(chart, value, language)
    return net_format.format(value=text) if diverging(chart) else text
