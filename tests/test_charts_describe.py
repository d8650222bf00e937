"""A chart in words (charts/describe.py): named as it is drawn, and its series told apart, in every language."""

from __future__ import annotations

import pytest

from talkdeck.charts.describe import describe_chart
from talkdeck.lang.i18n import Messages
from talkdeck.model import Chart

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
