"""Checks on one chart that types alone cannot express: the keys its type needs, counts that
must match, names that must exist. Each check skips only what an earlier error spoiled."""

from __future__ import annotations

from .. import limits
from ..charts.values import first_out_of_order, x_axis
from ..errors import Reported, did_you_mean, join_path
from ..model import HIGHLIGHT_CHARTS, ONE_SERIES_CHARTS, Chart
from .hints import split_at_commas


def one_series(chart: Chart) -> bool:
    """Whether ``chart`` is drawn from ``data`` (bar, barh, and a line given data) rather than series."""
    return chart.type in ONE_SERIES_CHARTS or (chart.type == "line" and chart.data is not None)


def check_chart(chart: Chart, path: str, report, reported: Reported) -> None:
    """Report every problem of ``chart`` (at ``path``) that the loader's errors leave checkable."""
    broken = reported.keys_below(path)
    if "type" not in broken and not _check_shape(chart, path, report, reported, broken):
        return
    categories, series = chart.table()
    values_key = "data" if chart.data is not None else "series"
    points = sum(len(v) for v in series.values())
    if points > limits.MAX_CHART_POINTS:
        report(chart, path, f"{points:,} values; the limit is {limits.MAX_CHART_POINTS:,} "
               f"({limits.how_to_raise('MAX_CHART_POINTS')})")
    if len(series) > limits.MAX_CHART_SERIES and "series" not in broken:
        report(chart, f"{path}.series", f"{len(series):,} series; the limit is {limits.MAX_CHART_SERIES:,} "
               f"({limits.how_to_raise('MAX_CHART_SERIES')}); past a dozen their colours repeat: show fewer series, "
               "or split the chart", key="series")
    if values_key not in broken and not _check_magnitudes(chart, path, report, categories, series):
        return
    for name, vs in series.items():
        if vs and all(v is None for v in vs) and values_key not in broken:
            whose = "" if chart.data is not None else f"series {name!r} "
            report(chart, f"{path}.{values_key}", f"{whose}has no values, only null", key=values_key)
            return
    if "type" not in broken:
        if chart.type != "line" and any(v is None for vs in series.values() for v in vs):
            report(chart, f"{path}.{values_key}", f"null (a missing value) is drawn only on line charts, as a gap "
                   f"(this is a {chart.type} chart; give a number or leave the category out)", key=values_key)
            return
        axis_key = "data" if chart.data is not None else "categories"
        if axis_key not in broken:
            axis = x_axis(chart)
            backwards = first_out_of_order(axis, categories)
            if backwards:
                report(chart, f"{path}.{axis_key}", f"{'dates' if axis.kind == 'date' else 'numbers'} on a line "
                       f"chart's axis must increase ({backwards[1]!r} comes after {backwards[0]!r})", key=axis_key)
        if chart.highlight and chart.type not in HIGHLIGHT_CHARTS:
            report(chart, f"{path}.highlight", f"'highlight' works on bar, barh and line charts (this is a "
                   f"{chart.type} chart, whose colours tell its series apart)", key="highlight")
            return
    if "categories" not in broken:  # else a category left out: a highlight may name it
        _check_highlight(chart, path, report, categories, series)


#: The sizes of value a chart draws: matplotlib's axes overflow past them (a range of ±1.8e308 is a
#: singular matrix) and a subnormal number is not written (10 ** -324 is 0).
SMALLEST, LARGEST = 1e-300, 1e300


def _check_magnitudes(chart: Chart, path: str, report, categories: list[str], series: dict) -> bool:
    """Report the first value too large or too small (but not 0) to draw; False if there is one."""
    for name, vs in series.items():
        for category, v in zip(categories, vs):
            if v is None or v == 0 or SMALLEST <= abs(v) <= LARGEST:
                continue
            big = abs(v) > LARGEST
            where = join_path(f"{path}.data", category) if chart.data is not None else join_path(f"{path}.series", name)
            key = f"data.{category}" if chart.data is not None else f"series.{name}"
            report(chart, where, f"{v:g} is too {'large' if big else 'small'} to draw (a chart's values are "
                   f"10⁻³⁰⁰ to 10³⁰⁰ in size, or 0); write it in a {'larger' if big else 'smaller'} unit",
                   key=key)
            return False
    return True


def _check_highlight(chart: Chart, path: str, report, categories: list[str], series: dict) -> None:
    lines = chart.type == "line" and chart.data is None
    # The categories as written: one whose value the loader rejected is left out of the data, not of these.
    written = categories + [k.split(".", 1)[1] for k in chart.where if k.startswith("data.")
                            and k.split(".", 1)[1] not in categories]
    names = written + (list(series) if lines else [])
    what = "a category or series" if lines else "a category"
    split = {i: (j, whole) for i, j, whole in split_at_commas(chart.highlight, names)}
    i = 0
    while i < len(chart.highlight):
        if i in split:  # one name with a comma, split by YAML's flow list
            j, whole = split[i]
            shown = " and ".join(repr(n) for n in chart.highlight[i:j])
            plural = "categories or series" if lines else "categories"
            report(chart, f"{path}.highlight", f"{shown} are not {plural} of this chart; the comma "
                   f"in '{whole}' splits it in a [...] list: write it in quotes, [\"{whole}\"]", key="highlight")
            i = j
            continue
        name = chart.highlight[i]
        if name not in names:
            report(chart, f"{path}.highlight", f"'{name}' is not {what} of this chart{did_you_mean(name, names)}",
                   key="highlight")
        i += 1


def _check_shape(chart: Chart, path: str, report, reported: Reported, broken: set[str]) -> bool:
    """The keys the chart's type needs, and counts that must match; False if nothing further is checkable."""
    if one_series(chart):
        if chart.data is None:
            if "data" not in broken:
                extra = " (use type stacked, grouped or line for several series)" if chart.series is not None else ""
                report(chart, path, f"a {chart.type} chart needs 'data: {{category: value, ...}}'{extra}")
            return False
        if chart.series is not None or chart.categories is not None:
            key = "series" if chart.series is not None else "categories"
            hint = ("use type stacked, grouped or line for several series" if chart.type != "line"
                    else "a line chart takes either 'data' for one series or 'categories' and 'series'")
            report(chart, f"{path}.{key}", f"a {chart.type} chart takes 'data', not '{key}' ({hint})", key=key)
        if not chart.data and "data" not in broken:
            report(chart, f"{path}.data", "is empty (expected at least one category: value)", key="data")
            return False
        return True
    if chart.data is not None:
        report(chart, f"{path}.data", f"a {chart.type} chart takes 'categories' and 'series', "
               "not 'data' (use type bar for one series)", key="data")
        return False
    for key in ("categories", "series"):
        if not getattr(chart, key):
            if key not in broken:
                given = getattr(chart, key) is not None
                report(chart, f"{path}.{key}" if given else path,
                       f"a {chart.type} chart needs '{key}'" + (" (got an empty one)" if given else ""), key=key)
            return False
    if "categories" in broken:  # an item left out: the counts below would not be what was written
        return True
    categories, series = chart.categories or [], chart.series or {}
    n = len(categories)
    repeated = sorted({c for c in categories if categories.count(c) > 1})
    if repeated:
        report(chart, f"{path}.categories", f"category {repeated[0]!r} is written twice (each bar or point "
               "needs its own name)", key="categories")
    for name, values in series.items():
        if len(values) != n and not reported.within(join_path(f"{path}.series", name)):
            report(chart, join_path(f"{path}.series", name), f"has {len(values)} values for {n} categories",
                   key=f"series.{name}")
    return True
