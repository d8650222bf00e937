"""Checks on one chart that types alone cannot express: the keys its type needs, counts that
must match, names that must exist. Each check skips only what an earlier error spoiled."""

from __future__ import annotations

from . import limits
from .errors import Reported, did_you_mean, join_path
from .hints import split_at_commas
from .model import ONE_SERIES_CHARTS, Chart


def check_chart(chart: Chart, path: str, report, reported: Reported) -> None:
    """Report every problem of ``chart`` (at ``path``) that the loader's errors leave checkable."""
    broken = reported.keys_below(path)
    if "type" not in broken and not _check_shape(chart, path, report, reported, broken):
        return
    categories, series = chart.table()
    points = sum(len(v) for v in series.values())
    if points > limits.MAX_CHART_POINTS:
        report(chart, path, f"{points:,} values; the limit is {limits.MAX_CHART_POINTS:,} "
               f"({limits.how_to_raise('MAX_CHART_POINTS')})")
    if chart.type == "stacked" and "type" not in broken and any(v < 0 for vs in series.values() for v in vs):
        report(chart, f"{path}.series", "a stacked chart cannot show negative values", key="series")
    if chart.highlight and chart.type not in ONE_SERIES_CHARTS and "type" not in broken:
        report(chart, f"{path}.highlight", f"'highlight' works on bar and barh charts (this is a {chart.type} "
               "chart, whose colours tell its series apart)", key="highlight")
        return
    if "categories" in broken:  # a category left out: a highlight may name it
        return
    # The categories as written: one whose value the loader rejected is left out of the data, not of these.
    written = categories + [k.split(".", 1)[1] for k in chart.where if k.startswith("data.")
                            and k.split(".", 1)[1] not in categories]
    split = {i: (j, whole) for i, j, whole in split_at_commas(chart.highlight, written)}
    i = 0
    while i < len(chart.highlight):
        if i in split:  # one category with a comma, split by YAML's flow list
            j, whole = split[i]
            names = " and ".join(repr(n) for n in chart.highlight[i:j])
            report(chart, f"{path}.highlight", f"{names} are not categories of this chart; the comma in "
                   f"'{whole}' splits it in a [...] list: write it in quotes, [\"{whole}\"]", key="highlight")
            i = j
            continue
        name = chart.highlight[i]
        if name not in written:
            report(chart, f"{path}.highlight", f"'{name}' is not a category of this chart"
                   f"{did_you_mean(name, written)}", key="highlight")
        i += 1


def _check_shape(chart: Chart, path: str, report, reported: Reported, broken: set[str]) -> bool:
    """The keys the chart's type needs, and counts that must match; False if nothing further is checkable."""
    if chart.type in ONE_SERIES_CHARTS:
        if chart.data is None:
            if "data" not in broken:
                extra = " (use type stacked, grouped or line for several series)" if chart.series is not None else ""
                report(chart, path, f"a {chart.type} chart needs 'data: {{category: value, ...}}'{extra}")
            return False
        if chart.series is not None or chart.categories is not None:
            key = "series" if chart.series is not None else "categories"
            report(chart, f"{path}.{key}", f"a {chart.type} chart takes 'data', not '{key}' "
                   "(use type stacked, grouped or line for several series)", key=key)
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
    n = len(chart.categories)
    repeated = sorted({c for c in chart.categories if chart.categories.count(c) > 1})
    if repeated:
        report(chart, f"{path}.categories", f"category {repeated[0]!r} is written twice (each bar or point "
               "needs its own name)", key="categories")
    for name, values in chart.series.items():
        if len(values) != n and not reported.within(join_path(f"{path}.series", name)):
            report(chart, join_path(f"{path}.series", name), f"has {len(values)} values for {n} categories",
                   key=f"series.{name}")
    return True
