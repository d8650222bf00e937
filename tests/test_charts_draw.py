"""What the charts really draw, read back from matplotlib's own artists after drawing.

Every category label is drawn and no two overlap; end labels stand apart; an
uneven-year series is placed in proportion to its years; titles start at the
picture's edge, where the slide's text starts; no float noise anywhere.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkdeck.charts import chart_style, draw_chart
from talkdeck.charts.describe import describe_chart
from talkdeck.charts.labels import EDGE_PT
from talkdeck.charts.palette import series_colors
from talkdeck.lang.i18n import messages_for
from talkdeck.layout import BODY_WITH_SOURCE
from talkdeck.load import load_talk

CLIMATE = Path(__file__).parent / "fixtures" / "talks" / "climate" / "talk.yaml"
BOX = BODY_WITH_SOURCE


@pytest.fixture(scope="module")
def talk():
    return load_talk(CLIMATE)


@pytest.fixture(scope="module")
def style(talk):
    return chart_style(talk.theme, talk.language)


@pytest.fixture(scope="module")
def figures(talk, style):
    """Each chart of the climate talk, drawn once for the module."""
    return {name: draw_chart(chart, style, BOX) for name, chart in talk.charts.items()}


def boxes(fig, texts):
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


def overlapping(bbs) -> list[tuple[int, int]]:
    return [(i, j) for (i, a), (j, b) in itertools.combinations(enumerate(bbs), 2)
            if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5]


def category_labels(ax, horizontal: bool):
    labels = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    return [t for t in labels if t.get_visible() and t.get_text()]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name, horizontal", [("regions", False), ("russian", False), ("change", True)])
def test_every_category_label_is_drawn_and_none_overlap(talk, figures, name, horizontal):
    fig = figures[name]
    ax = fig.axes[0]
    labels = category_labels(ax, horizontal)
    assert [words(t.get_text()) for t in labels] == list(talk.charts[name].data)
    bbs = boxes(fig, labels)
    assert overlapping(bbs) == []
    for bb in bbs:  # inside the picture, not cut at its edges
        assert bb.x0 >= 0 and bb.y0 >= 0 and bb.x1 <= fig.bbox.width and bb.y1 <= fig.bbox.height


def test_twenty_five_long_labels_turn_upright_rather_than_drop(figures):
    labels = category_labels(figures["regions"].axes[0], False)
    assert len(labels) == 25 and {t.get_rotation() for t in labels} == {90.0}


def test_a_bar_chart_whose_labels_do_not_fit_under_it_turns_horizontal(talk, style):
    from talkdeck.model import Chart

    names = [f"Region number {i} with a long and winding name" for i in range(12)]
    chart = Chart(type="bar", title="T", source="S", data={n: i + 1 for i, n in enumerate(names)})
    fig = draw_chart(chart, style, BOX)
    ax = fig.axes[0]
    labels = category_labels(ax, True)
    assert [words(t.get_text()) for t in labels] == names  # drawn as rows, top to bottom
    assert overlapping(boxes(fig, labels)) == []


def test_a_25_row_barh_chart_shrinks_its_labels_until_the_rows_hold_them(style):
    from talkdeck.model import Chart

    names = [f"Category {i:02d}" for i in range(25)]
    chart = Chart(type="barh", title="T", source="S", data={n: i + 1 for i, n in enumerate(names)})
    fig = draw_chart(chart, style, BOX)
    labels = category_labels(fig.axes[0], True)
    assert len(labels) == 25 and overlapping(boxes(fig, labels)) == []
    assert max(t.get_fontsize() for t in labels) < style.label_size
    values = [t for t in fig.axes[0].texts if t.get_text()]
    assert len(values) == 25 and overlapping(boxes(fig, values)) == []


def test_end_labels_of_close_lines_stand_apart(figures):
    fig = figures["three-records"]
    ends = [t for t in fig.axes[0].texts if t.get_text() in ("1.16", "1.02", "0.91")]
    assert sorted(t.get_text() for t in ends) == ["0.91", "1.02", "1.16"]
    assert overlapping(boxes(fig, ends)) == []
    ax = fig.axes[0]
    last_x = ax.transData.transform((ax.lines[0].get_xdata()[-1], 0))[0]
    for t in ends:  # right of where the lines end, inside the picture
        bb = boxes(fig, [t])[0]
        assert bb.x0 > last_x and bb.x1 <= fig.bbox.width


def test_many_points_have_no_markers_few_have(figures):
    assert {line.get_marker() for line in figures["three-records"].axes[0].lines[:3]} == {"None"}
    assert figures["anomaly"].axes[0].lines[0].get_marker() == "o"


def test_uneven_years_are_placed_in_proportion_to_the_years(figures):
    ax = figures["anomaly"].axes[0]
    line = ax.lines[0]
    xs = ax.transData.transform(list(zip(line.get_xdata(), [0] * len(line.get_xdata()))))[:, 0]
    years = [int(y) for y in line.get_xdata()]
    assert years[-3:] == [2015, 2020, 2023]
    per_year = (xs[-1] - xs[0]) / (years[-1] - years[0])
    for x, year in zip(xs, years):
        assert x - xs[0] == pytest.approx((year - years[0]) * per_year, abs=0.5)


def test_a_null_is_a_gap_in_the_line_and_the_alt_text_says_so(talk, figures):
    ydata = list(figures["anomaly"].axes[0].lines[0].get_ydata())
    assert math.isnan(ydata[list(talk.charts["anomaly"].data).index("1940")])
    alt = describe_chart(talk.charts["anomaly"], messages_for(talk))
    assert "1940 no data" in alt and alt.endswith("Source: NASA GISTEMP v4. No data for 1940: the line has a gap there.")
    monthly = describe_chart(talk.charts["monthly"], messages_for(talk))
    assert "No data for 2022-10 (Arctic), 2022-11 (Arctic)" in monthly


def test_a_line_of_quantities_starts_at_zero(figures):
    assert figures["highlighted"].axes[0].get_ylim()[0] == 0
    assert figures["monthly"].axes[0].get_ylim()[0] == 0
    assert figures["anomaly"].axes[0].get_ylim()[0] < 0  # values below zero: the axis goes there


def test_a_line_all_below_zero_is_not_stretched_up_to_zero(style):
    """An Arrhenius plot (ln k from −4.05 to −5.47): the axis spans the values, without a zero line at its top."""
    from talkdeck.model import Chart

    chart = Chart(type="line", title="ln k", source="S", categories=["0.00295", "0.00304", "0.00314"],
                  series={"ln k": [-4.05, -4.73, -5.47]})
    low, high = draw_chart(chart, style, BOX).axes[0].get_ylim()
    assert -6 < low < -5.47 and -4.05 < high < -3.5


def test_years_on_an_axis_are_not_grouped_and_ticks_have_no_float_noise(figures):
    fig = figures["three-records"]
    fig.canvas.draw()
    xticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert xticks and all(len(t) == 4 and t.isdigit() for t in xticks)
    for name in ("anomaly", "monthly", "three-records"):
        ticks = [t.get_text() for t in figures[name].axes[0].get_yticklabels() if t.get_text()]
        assert ticks and all(len(t.rpartition(".")[2]) <= 2 for t in ticks if "." in t), (name, ticks)


@pytest.mark.parametrize(("language", "years", "wanted"), [
    ("en", ["860", "911", "1054", "1204"], "1000"),  # a historian's years: 1000, never 1,000
    ("en", ["-650", "-500", "-400"], "\u2212500"),  # years BCE, with a minus sign
    ("fa", ["1395", "1397", "1400"], "۱۳۹۸"),  # Persian digits, as the value axis writes them
])
def test_years_on_a_time_axis_are_written_ungrouped_in_the_talks_digits(language, years, wanted):
    from talkdeck.model import Chart

    chart = Chart(type="line", title="T", source="S", categories=years, series={"n": [1.0] * len(years)})
    fig = draw_chart(chart, chart_style(_theme(), language), BOX)
    fig.canvas.draw()
    low, high = float(years[0]), float(years[-1])
    shown = [t.get_text() for t, x in zip(fig.axes[0].get_xticklabels(), fig.axes[0].get_xticks(), strict=True)
             if low <= x <= high]
    assert wanted in shown
    assert all(t.lstrip("\u2212").isdigit() and "," not in t for t in shown), shown
    assert all(d.isascii() for t in shown for d in t if d.isdigit()) == (language == "en")


def _theme():
    from talkdeck.model import Theme

    return Theme()


def test_stacked_totals_are_written_at_the_precision_of_their_parts(figures):
    texts = {t.get_text() for t in figures["fractions"].axes[0].texts}
    assert {"31.8", "35.4", "35.6"} <= texts
    assert not any(len(t.rpartition(".")[2]) > 1 for t in texts if "." in t)


def test_decimals_fixes_every_value_label(figures):
    texts = {t.get_text() for t in figures["grouped"].axes[0].texts}
    assert {"6.80", "12.90", "4.30"} <= texts


@pytest.mark.parametrize("name", ["regions", "change", "anomaly", "fractions", "three-records", "grouped"])
def test_title_and_labels_start_at_the_edge_where_the_slide_text_starts(figures, name):
    fig = figures[name]
    renderer = fig.canvas.get_renderer()
    edge = EDGE_PT * fig.dpi / 72
    title = fig.texts[0]
    assert title.get_window_extent(renderer).x0 == pytest.approx(edge, abs=2)
    ax = fig.axes[0]
    left_texts = [t for t in ax.get_yticklabels() if t.get_visible() and t.get_text()] if ax.yaxis.get_visible() else []
    left = min([b.x0 for b in boxes(fig, left_texts)] + [ax.bbox.x0])
    assert left == pytest.approx(edge, abs=3)  # the plot (or its widest label) starts there too


def test_series_take_the_accent_first(talk, style, figures):
    accent_like = series_colors(style, 1)[0]
    from matplotlib.colors import to_hex

    assert to_hex(figures["fractions"].axes[0].patches[0].get_facecolor()).upper() == accent_like.upper()
    assert to_hex(figures["grouped"].axes[0].patches[0].get_facecolor()).upper() == accent_like.upper()
    assert to_hex(figures["three-records"].axes[0].lines[0].get_color()).upper() == accent_like.upper()
    # A highlighted series takes the accent whatever its place; the rest are muted.
    lines = {line.get_label(): to_hex(line.get_color()).upper() for line in figures["highlighted"].axes[0].lines
             if not line.get_label().startswith("_")}
    assert lines["Pacific"] == accent_like.upper() and len({lines["Atlantic"], lines["Indian"]}) == 1


def test_segment_labels_read_at_4_5_to_1(figures):
    from matplotlib.colors import to_hex

    from talkdeck.text.color import contrast

    ax = figures["fractions"].axes[0]
    fills = [to_hex(p.get_facecolor()) for p in ax.patches]
    centre = [t for t in ax.texts if t.get_text() and t.get_fontweight() != "bold"]
    assert centre
    for t in centre:
        bb = boxes(ax.figure, [t])[0]
        under = next(p for p in ax.patches if p.get_window_extent().contains((bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2))
        assert contrast(to_hex(t.get_color()), to_hex(under.get_facecolor())) >= 4.5, (t.get_text(), fills)


def test_a_long_title_wraps_inside_the_picture(style):
    from talkdeck.model import Chart

    title = "A title that goes on " * 10
    fig = draw_chart(Chart(type="bar", title=title, source="S", data={"a": 1}), style, BOX)
    text = fig.texts[0]
    assert text.get_text().count("\n") >= 1 and words(text.get_text()) == words(title)
    assert boxes(fig, [text])[0].x1 <= fig.bbox.width
    assert boxes(fig, [text])[0].y0 > fig.axes[0].bbox.y1  # above the plot, not over it


def test_the_alt_text_sums_up_a_long_series_and_the_notes_keep_every_value(talk):
    from talkdeck.plan.planner import plan_slides

    alt = describe_chart(talk.charts["three-records"], messages_for(talk))
    # "," inside a series' summary, ";" only between series.
    assert ("Record A: from \u22120.34 (1880) to 1.16 (2023), lowest \u22120.37 (1884), highest 1.18 (2022); "
            "Record B: ") in alt
    spec = next(s for s in plan_slides(talk, "talk.yaml")[0] if s.chart_name == "three-records")
    assert spec.chart_alt == alt
    assert "2023: Record A 1.16, Record B 1.02, Record C 0.91" in spec.notes


@pytest.mark.parametrize("kind", ["bar", "barh"])
def test_value_labels_of_big_and_negative_bars_stay_inside_the_plot(style, kind):
    from talkdeck.model import Chart

    chart = Chart(type=kind, title="T", source="S",
                  data={"Alpha": -1234567.5, "Beta": 20000.25, "Gamma": 9876543.75})
    fig = draw_chart(chart, style, BOX)
    ax = fig.axes[0]
    values = [t for t in ax.texts if t.get_text()]
    # Millions in the language's short scale, the rest to three significant figures (lang.magnitude).
    assert [t.get_text() for t in values] == ["\u22121.23m", "20,000", "9.88m"]
    frame = ax.bbox
    for bb in boxes(fig, values):
        assert frame.x0 <= bb.x0 and bb.x1 <= frame.x1 and frame.y0 <= bb.y0 and bb.y1 <= frame.y1
    assert overlapping(boxes(fig, values + category_labels(ax, kind == "barh"))) == []


def test_the_chart_heavy_talk_builds_as_written_without_a_warning(tmp_path):
    import shutil

    from pptx import Presentation

    from talkdeck.build import build

    shutil.copy(CLIMATE, tmp_path / "talk.yaml")
    result = build(tmp_path / "talk.yaml", display_name="talk.yaml")
    assert [str(w) for w in result.warnings] == [] and result.charts == 9
    pictures = [shape for slide in Presentation(str(result.output)).slides for shape in slide.shapes
                if shape.shape_type == 13]
    alts = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    assert len(alts) == 9 and all(alt.startswith(("Line chart", "Bar chart", "Horizontal", "Stacked", "Grouped"))
                                  for alt in alts)


WORDS = ["energy", "of", "the", "Machine-building", "and", "pharmaceuticals", "light", "industry", "Sub-Saharan",
         "Africa", "north", "coal", "mines", "Гидроэлектростанции", "能源工业", "X"]


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["bar", "barh", "stacked", "diverging"]),
       st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join), min_size=1, max_size=30,
                unique=True))
def test_every_label_is_drawn_apart_or_the_outline_is_warned(style, kind, names):
    from talkdeck.charts import fit_labels, label_problem
    from talkdeck.model import Chart

    if kind in ("stacked", "diverging"):  # a diverging stack has negative values: wider totals ("net −0.5")
        b = -1.5 if kind == "diverging" else 1.0
        chart = Chart(type="stacked", title="T", source="S", categories=names,
                      series={"a": [float(i + 1) for i in range(len(names))], "b": [b] * len(names)})
    else:
        chart = Chart(type=kind, title="T", source="S", data={n: float(i + 1) for i, n in enumerate(names)})
    fit = fit_labels(chart, style, BOX)
    fig = draw_chart(chart, style, BOX)
    labels = category_labels(fig.axes[0], fit.horizontal)
    bare = ["".join(t.get_text().split()) for t in labels]  # East Asian text wraps without spaces
    assert bare == ["".join(n.split()) for n in names]  # every one drawn, in order
    if label_problem(chart, fit) is None:  # no warning: then none overlap and all are inside the picture
        assert overlapping(boxes(fig, labels)) == []
        for bb in boxes(fig, labels):
            assert bb.x0 >= -0.5 and bb.y0 >= -0.5 and bb.x1 <= fig.bbox.width + 0.5


def test_a_legend_of_several_rows_reads_row_by_row_in_the_series_order(style):
    from talkdeck.layout import beside
    from talkdeck.load import parse_talk

    names = [f"Series {c} long name" for c in "ABCDEFGH"]
    series = "".join(f"      {n}: [1, 2]\n" for n in names)
    talk = parse_talk(("title: T\nspeaker: {name: A, bio: B}\nsections:\n  - title: S\n    slides:\n"
                       "      - {title: s, chart: c, notes: n}\ncharts:\n  c:\n    type: stacked\n    title: Eight\n"
                       "    source: S\n    categories: [p, q]\n    series:\n" + series).encode(), "talk.yaml")
    fig = draw_chart(talk.charts["c"], style, beside(BOX, "right")[1])
    texts = fig.axes[0].get_legend().get_texts()
    bbs = boxes(fig, texts)
    assert len({round(b.y0) for b in bbs}) >= 2  # the legend takes more than one row here
    # Top row first, left to right within a row: the series' own order.
    reading = sorted(zip(bbs, texts), key=lambda bt: (-round(bt[0].y0), bt[0].x0))
    assert [t.get_text() for _, t in reading] == names


def test_a_chinese_label_wraps_into_even_lines_not_one_character_left_over(style):
    from talkdeck.charts import fit_labels
    from talkdeck.model import Chart

    names = ["国有及国有控股工业企业", "集体所有制企业（含城镇集体）", "私营企业和个体工商户", "外商投资企业及港澳台商投资企业",
             "GDP增长率与CPI指数的关系", "其他"]
    chart = Chart(type="bar", title="T", source="S", data={n: float(i + 1) for i, n in enumerate(names)})
    labels = fit_labels(chart, style, BOX).labels
    assert [label.replace("\n", "") for label in labels] == names
    for label in labels:
        lines = label.split("\n")
        assert max(map(len, lines)) - min(map(len, lines)) <= 2, label  # no line of one or two characters
    assert "GDP" in labels[4].split("\n")[0] and "CPI" in labels[4].split("\n")[1]  # Latin words stay whole


def test_value_ticks_chosen_for_the_plots_final_height_stay_inside_the_picture(style):
    from talkdeck.model import Chart

    years = [str(y) for y in range(2015, 2025)]
    chart = Chart(type="line", title="Inflation", source="S", unit="%", categories=years,
                  series={"Russia": [12.9, 5.4, 2.5, 4.3, 3.0, 4.9, 8.4, 11.9, 7.4, 9.5],
                          "EU": [0.1, 0.2, 1.7, 1.9, 1.5, 0.7, 5.3, 9.2, 6.4, 2.6]})
    fig = draw_chart(chart, style, BOX)
    renderer = fig.canvas.get_renderer()
    shown = [t for t in fig.axes[0].get_yticklabels() if t.get_visible() and t.get_text()]
    assert "12.5" in [t.get_text() for t in shown]
    assert min(t.get_window_extent(renderer).x0 for t in shown) >= 0
