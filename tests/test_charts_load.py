"""The outline's chart keys: time series, nulls, numbers as categories, decimals, palette checks."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest
import yaml

from talkdeck.errors import OutlineError
from talkdeck.load import parse_talk
from talkdeck.load.schema import talk_schema

from .conftest import MINIMAL

SLIDE = "        bullets:\n          - one\n          - two\n"


def with_chart(chart: str, theme: str = "") -> str:
    text = MINIMAL.replace(SLIDE, "        chart: c\n") + "charts:\n  c:\n" + textwrap.indent(textwrap.dedent(chart), "    ")
    return text + theme


def errors(text: str) -> list[str]:
    with pytest.raises(OutlineError) as e:
        parse_talk(text.encode(), "talk.yaml")
    return [str(p) for p in e.value.problems]


def schema_accepts(text: str) -> bool:
    instance = json.loads(json.dumps(yaml.safe_load(text), default=str))
    return jsonschema.Draft202012Validator(talk_schema()).is_valid(instance)


TIME_SERIES = """\
type: line
title: Anomaly
source: S
data:
  2020: 1.02
  2021: null
  2023: 1.50
"""


def test_a_line_takes_data_with_years_as_keys_and_null_for_a_gap():
    talk = parse_talk(with_chart(TIME_SERIES).encode(), "talk.yaml")
    chart = talk.charts["c"]
    assert chart.data == {"2020": 1.02, "2021": None, "2023": 1.5}
    assert chart.written_decimals == 2  # 1.50 keeps the precision its float has lost
    assert schema_accepts(with_chart(TIME_SERIES))


def test_numbers_and_dates_as_categories_are_accepted_by_loader_and_schema():
    text = with_chart("""\
        type: line
        title: T
        source: S
        categories: [2019, 2020, 2022]
        series: {a: [1, null, 3], b: [2, 2, 2]}
        """)
    assert parse_talk(text.encode(), "talk.yaml").charts["c"].categories == ["2019", "2020", "2022"]
    assert schema_accepts(text)
    dated = text.replace("[2019, 2020, 2022]", "[2019-01-31, 2019-02-28, 2019-03-31]")
    assert parse_talk(dated.encode(), "talk.yaml").charts["c"].categories[0] == "2019-01-31"
    assert schema_accepts(dated)


@pytest.mark.parametrize("chart, message", [
    ("type: bar\ntitle: T\nsource: S\ndata: {a: 1, b: null}\n",
     "talk.yaml:17:11: charts.c.data: null (a missing value) is drawn only on line charts, as a gap (this is a bar "
     "chart; give a number or leave the category out)"),
    ("type: line\ntitle: T\nsource: S\ndata: {2021: 1, 2020: 2}\n",
     "talk.yaml:17:11: charts.c.data: numbers on a line chart's axis must increase ('2020' comes after '2021')"),
    ("type: line\ntitle: T\nsource: S\ncategories: [2021-03, 2021-01]\nseries: {a: [1, 2]}\n",
     "talk.yaml:17:17: charts.c.categories: dates on a line chart's axis must increase ('2021-01' comes after "
     "'2021-03')"),
    ("type: line\ntitle: T\nsource: S\ndata: {a: null, b: null}\n",
     "talk.yaml:17:11: charts.c.data: has no values, only null"),
    ("type: line\ntitle: T\nsource: S\ndata: {a: 1}\nseries: {s: [1]}\n",
     "talk.yaml:18:13: charts.c.series: a line chart takes 'data', not 'series' (a line chart takes either 'data' "
     "for one series or 'categories' and 'series')"),
    ("type: line\ntitle: T\nsource: S\ncategories: [a, b]\nseries: {s: [1, 2]}\nhighlight: [c]\n",
     "talk.yaml:19:16: charts.c.highlight: 'c' is not a category or series of this chart"),
    ("type: bar\ntitle: T\nsource: S\ndata: {a: 1}\ndecimals: 9\n",
     "talk.yaml:18:15: charts.c.decimals: too large (expected at most 6, got 9)"),
])
def test_chart_mistakes_are_reported_at_their_line(chart, message):
    assert errors(with_chart(chart)) == [message]


def test_an_empty_palette_is_an_error_at_its_line():
    text = with_chart("type: bar\ntitle: T\nsource: S\ndata: {a: 1}\n", "theme:\n  palette: []\n")
    assert errors(text) == ["talk.yaml:19:12: theme.palette: is empty (expected at least one item)"]


def test_a_palette_colour_that_does_not_stand_out_is_a_warning_at_its_line():
    theme = "theme:\n  palette:\n    - '#B22222'\n    - '#FFE082'\n"
    talk = parse_talk(with_chart("type: bar\ntitle: T\nsource: S\ndata: {a: 1}\n", theme).encode(), "talk.yaml")
    assert [str(w) for w in talk.warnings] == [
        "talk.yaml:21:7: warning: theme.palette[1]: #FFE082 on the background #FFFFFF has a contrast of 1.3:1, "
        "below the 3:1 WCAG 1.4.11 asks of chart marks (choose a darker colour)"]


def test_highlight_works_on_line_charts_by_point_or_series():
    text = with_chart("type: line\ntitle: T\nsource: S\ncategories: [a, b]\nseries: {s: [1, 2], t: [2, 1]}\n"
                      "highlight: [b, t]\n")
    assert parse_talk(text.encode(), "talk.yaml").charts["c"].highlight == ["b", "t"]


def test_labels_that_cannot_fit_even_at_the_floor_are_a_warning_of_check_and_build(outline_dir, run_cli):
    from .conftest import write_outline

    data = "".join(f"    Category with a rather long name number {i}: {i}\n" for i in range(60))
    write_outline(outline_dir, with_chart("type: bar\ntitle: T\nsource: S\ndata:\n" + data))
    warning = ("talk.yaml:14:5: warning: charts.c: the 60 category labels do not fit under the chart even at 10 pt; "
               "shorten them or show fewer categories")
    result = run_cli("check")
    assert warning in result.output.splitlines()
    from talkdeck.build import build

    built = build(outline_dir / "talk.yaml", display_name="talk.yaml")
    assert warning in [str(w) for w in built.warnings]


def test_values_are_drawn_with_the_decimals_the_speaker_typed():
    from talkdeck.charts import chart_style, draw_chart
    from talkdeck.layout import BODY_WITH_SOURCE

    talk = parse_talk(with_chart("type: bar\ntitle: T\nsource: S\ndata: {a: 1.50, b: 2}\n").encode(), "talk.yaml")
    fig = draw_chart(talk.charts["c"], chart_style(talk.theme, talk.language), BODY_WITH_SOURCE)
    assert [t.get_text() for t in fig.axes[0].texts] == ["1.50", "2.00"]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("chart", [
    "type: bar\ntitle: T\nsource: S\ndata: {2019: 3.1, 2020: 2.2, 2023: 4.0}\n",
    "type: barh\ntitle: T\nsource: S\ndata: {2019: 3.1, 2020: 2.2, 2023: 4.0}\n",
    "type: grouped\ntitle: T\nsource: S\ncategories: [2019, 2020, 2023]\nseries: {a: [1, 2, 3], b: [2, 1, 3]}\n",
    "type: stacked\ntitle: T\nsource: S\ncategories: [2019, 2020, 2023]\nseries: {a: [1, 2, 3], b: [-2, 1, 3]}\n",
])
def test_years_as_bar_categories_are_written_as_typed(chart, language):
    """Bars keep a category axis (a bar stands for its name), and a year is a name: 2019, never 2,019,
    2 019 or 2019.0, on the chart and in its alt text."""
    from talkdeck.charts import draw_chart, talk_chart_style
    from talkdeck.charts.describe import describe_chart
    from talkdeck.lang.i18n import messages_for
    from talkdeck.layout import BODY_WITH_SOURCE

    text = with_chart(chart).replace("title: A small talk\n", f"title: A small talk\nlanguage: {language}\n")
    talk = parse_talk(text.encode(), "talk.yaml")
    c, m = talk.charts["c"], messages_for(talk)
    fig = draw_chart(c, talk_chart_style(talk, m), BODY_WITH_SOURCE)
    axis = fig.axes[0].yaxis if c.type == "barh" else fig.axes[0].xaxis
    assert list(axis.get_majorticklocs()) == [0, 1, 2]  # evenly spaced, one per bar
    assert [t.get_text() for t in axis.get_ticklabels()] == ["2019", "2020", "2023"]
    alt = describe_chart(c, m)
    assert "2019 " in alt and "2023 " in alt and not any(bad in alt for bad in ("2,019", "2\u00a0019", "2019.0"))


@pytest.mark.parametrize("typed, advice", [
    ("12,5", "write the decimal mark as a point: 12.5"),
    ("-0,75", "write the decimal mark as a point: -0.75"),
    ("1 234,5", "write numbers without separators and with a decimal point: 1234.5"),
    ("1.234,5", "write numbers without separators and with a decimal point: 1234.5"),
    ("1 234", "write numbers without separators: 1234"),
    ("1,052", "write numbers without separators: 1052"),
])
def test_a_number_typed_with_a_decimal_comma_or_spaced_groups_says_what_to_write(typed, advice):
    text = with_chart(f"type: bar\ntitle: T\nsource: S\ndata:\n  A: {typed}\n")
    assert [e.split("; ", 1)[1] for e in errors(text)] == [advice]


def test_a_number_in_persian_digits_is_answered_with_the_number_to_write():
    """A Persian speaker types ۴۲ (and ۳٫۵ with the Persian decimal mark); YAML reads text. The message says
    what to write, and names the category as typed, its zero-width non-joiner kept (not '\\u200c')."""
    text = with_chart("type: bar\ntitle: T\nsource: S\ndata:\n  خرده\u200cفروشی: ۴۲\n  خدمات: ۳٫۵\n")
    assert [e.split(": ", 1)[1] for e in errors(text)] == [
        "charts.c.data['خرده\u200cفروشی']: wrong type (expected a number, got '۴۲'); write numbers in the digits "
        "0–9: 42 (the chart writes numbers as the talk's language does: ۴۲ in Persian)",
        "charts.c.data['خدمات']: wrong type (expected a number, got '۳٫۵'); write numbers in the digits 0–9: 3.5 "
        "(the chart writes numbers as the talk's language does: ۴۲ in Persian)"]
