"""A chart in words (charts/describe.py): named as it is drawn, and its series told apart, in every language."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from talkdeck.charts import draw_chart, talk_chart_style
from talkdeck.charts.describe import describe_chart
from talkdeck.lang.i18n import Messages, messages_for
from talkdeck.load import parse_talk
from talkdeck.model import Chart
from talkdeck.plan.planner import plan_slides

from .conftest import MINIMAL, write_outline
from .test_i18n import TAGS

BAR = Chart(type="bar", title="Projects", source="Bo Yibo", data={"Energy": 52.0, "Machinery": 24.0})
YEARS = [str(y) for y in range(1990, 2020)]  # 30 points: more than ALT_POINTS, so each series is summed up
LINE = Chart(type="line", title="Output", source="NBS", categories=YEARS,
             series={"steel": [float(i) for i in range(30)], "coal": [float(60 - i) for i in range(30)]})


@pytest.mark.parametrize("tag, alt", [
    ("en-GB", "Horizontal bar chart, Projects: Energy 52, Machinery 24. Source: Bo Yibo."),
    ("de", "Balkendiagramm, Projects: Energy 52, Machinery 24. Quelle: Bo Yibo."),
    ("zh-CN", "条形图，Projects：Energy 52、Machinery 24。来源：Bo Yibo。"),
    ("ja", "横棒グラフ、Projects：Energy 52、Machinery 24。出典：Bo Yibo。"),
    ("ko", "가로 막대 그래프, Projects: Energy 52, Machinery 24. 출처: Bo Yibo."),
    ("ru", "Горизонтальная столбчатая диаграмма, Projects: Energy 52, Machinery 24. Источник: Bo Yibo."),
    ("fr", "Diagramme en barres horizontales, Projects\xa0: Energy 52, Machinery 24. Source\xa0: Bo Yibo."),
])
def test_a_bar_chart_drawn_sideways_is_described_as_horizontal(tag, alt):
    assert describe_chart(BAR, Messages(tag), sideways=True) == alt


@pytest.mark.parametrize("locale", TAGS)
def test_every_language_names_a_sideways_bar_chart_as_its_horizontal_bar_chart(locale):
    m = Messages(TAGS[locale])
    sideways, upright = describe_chart(BAR, m, sideways=True), describe_chart(BAR, m)
    assert sideways.startswith(m("chart_barh")) and upright.startswith(m("chart_bar"))
    assert sideways.replace(m("chart_barh"), "", 1) == upright.replace(m("chart_bar"), "", 1)


def test_sideways_names_only_a_bar_chart():
    """A stacked or line chart never turns (charts/labels.py): its name stays."""
    assert describe_chart(LINE, sideways=True).startswith("Line chart, ")


@pytest.mark.parametrize("tag, alt", [
    ("en-GB", "Line chart, Output: steel: from 0 (1990) to 29 (2019), lowest 0 (1990), highest 29 (2019); "
              "coal: from 60 (1990) to 31 (2019), lowest 31 (2019), highest 60 (1990). Source: NBS."),
    ("de", "Liniendiagramm, Output: steel: von 0 (1990) bis 29 (2019), Tiefstwert 0 (1990), Höchstwert 29 (2019); "
           "coal: von 60 (1990) bis 31 (2019), Tiefstwert 31 (2019), Höchstwert 60 (1990). Quelle: NBS."),
    ("zh-CN", "折线图，Output：steel：从0（1990）到29（2019），最低0（1990），最高29（2019）；"
              "coal：从60（1990）到31（2019），最低31（2019），最高60（1990）。来源：NBS。"),
    ("ja", "折れ線グラフ、Output：steel：0（1990）から29（2019）まで、最小0（1990）、最大29（2019）／"
           "coal：60（1990）から31（2019）まで、最小31（2019）、最大60（1990）。出典：NBS。"),
    ("ko", "꺾은선 그래프, Output: steel: 0(1990)에서 29(2019)까지, 최저 0(1990), 최고 29(2019); "
           "coal: 60(1990)에서 31(2019)까지, 최저 31(2019), 최고 60(1990). 출처: NBS."),
    ("ru", "Линейный график, Output: steel: от 0 (1990) до 29 (2019), минимум 0 (1990), максимум 29 (2019); "
           "coal: от 60 (1990) до 31 (2019), минимум 31 (2019), максимум 60 (1990). Источник: NBS."),
    ("fr", "Graphique en courbes, Output\xa0: steel\xa0: de 0 (1990) à 29 (2019), minimum 0 (1990), maximum 29 (2019)"
           "\u202f; coal\xa0: de 60 (1990) à 31 (2019), minimum 31 (2019), maximum 60 (1990). Source\xa0: NBS."),
])
def test_summed_up_series_are_told_apart(tag, alt):
    """Inside a series' summary a comma; between series the language's group separator, and only there."""
    assert describe_chart(LINE, Messages(tag)) == alt


@pytest.mark.parametrize("locale", TAGS)
def test_no_summary_uses_the_separator_of_series(locale):
    m = Messages(TAGS[locale])
    between = m("group_separator", before="", after="").strip()
    summary = m("series_summary", first="", first_at="", last="", last_at="", low="", low_at="", high="", high_at="")
    assert between not in summary


# --- in a built deck: the alt text agrees with the picture --------------------------------------------------

LONG_NAMES = [f"Region number {i} with a long and winding name" for i in range(12)]


def two_bar_charts(language: str) -> str:
    """An outline with two bar charts: one whose labels stand under its bars, one whose labels cannot."""
    long = "".join(f"      {name}: {i + 1}\n" for i, name in enumerate(LONG_NAMES))
    return MINIMAL.replace("title: A small talk\n", f"title: A small talk\nlanguage: {language}\n").replace(
        "        bullets:\n          - one\n          - two\n", "        chart: short\n") + (
        "      - {title: Regions, chart: long, notes: n}\n"
        "charts:\n"
        "  short: {type: bar, title: Two, source: S, data: {a: 1, b: 2}}\n"
        "  long:\n    type: bar\n    title: Twelve\n    source: S\n    data:\n" + long)


@pytest.mark.parametrize("tag", ["en-GB", "de", "zh-CN", "ja", "ko", "ru", "fr"])
def test_the_deck_describes_each_bar_chart_as_it_is_drawn(outline_dir, run_cli, tag):
    write_outline(outline_dir, two_bar_charts(tag))
    assert run_cli("build").exit_code == 0
    prs = Presentation("build/talk.pptx")
    alts = [shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for slide in prs.slides for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    m = Messages(tag)
    named = [next((k for k in ("chart_barh", "chart_bar") if alt.startswith(m(k))), alt) for alt in alts]
    assert named == ["chart_bar", "chart_barh"]


def test_the_chart_named_horizontal_is_drawn_with_horizontal_bars():
    talk = parse_talk(two_bar_charts("en-GB").encode(), "talk.yaml")
    m = messages_for(talk)
    figures = {f.chart_name: f for spec in plan_slides(talk)[0] for f in spec.figures}
    for name, horizontal in (("short", False), ("long", True)):
        figure = figures[name]
        assert figure.alt.startswith("Horizontal bar chart, " if horizontal else "Bar chart, ")
        ax = draw_chart(figure.chart, talk_chart_style(talk, m), figure.box).axes[0]
        # The categories down the side (the bars run sideways), or along the bottom.
        labels = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        assert [" ".join(t.get_text().split()) for t in labels] == list(figure.chart.data)
