"""Stacks with negative values: positives stack up from zero, negatives down, totals are net sums.

Read back from matplotlib's own artists after drawing, as a speaker's outline writes it.
"""

from __future__ import annotations

import itertools
import textwrap

import pytest
from matplotlib.colors import to_hex

from talkdeck.charts import draw_chart, talk_chart_style
from talkdeck.charts.describe import describe_chart
from talkdeck.lang.i18n import messages_for
from talkdeck.layout import BODY_WITH_SOURCE
from talkdeck.load import parse_talk
from talkdeck.plan.planner import plan_slides
from talkdeck.text.color import contrast

from .conftest import MINIMAL

SLIDE = "        bullets:\n          - one\n          - two\n"
FORCINGS = """\
charts:
  c:
    type: stacked
    title: Share of warming by forcing
    unit: °C
    categories: ["1950s", "1980s", "2010s"]
    series:
      Greenhouse gases: [0.1, 0.3, 0.7]
      Aerosols: [-0.1, -0.2, -0.3]
      Natural: [0.05, 0.02, 0.01]
    source: Illustrative values
"""


def outline(language: str = "") -> str:
    text = MINIMAL.replace(SLIDE, "        chart: c\n") + FORCINGS
    return text.replace("title: A small talk\n", f"title: A small talk\nlanguage: {language}\n") if language else text


@pytest.fixture(scope="module")
def talk():
    return parse_talk(outline().encode(), "talk.yaml")


@pytest.fixture(scope="module")
def fig(talk):
    return draw_chart(talk.charts["c"], talk_chart_style(talk, messages_for(talk)), BODY_WITH_SOURCE)


def bars(ax) -> dict[tuple[str, int], tuple[float, float]]:
    """(series, category index) → (bottom, top) of each drawn bar, rounded to hide float noise."""
    out = {}
    for container in ax.containers:
        for k, patch in enumerate(container.patches):
            y0, y1 = sorted((patch.get_y(), patch.get_y() + patch.get_height()))
            out[container.get_label(), k] = (round(y0, 9), round(y1, 9))
    return out


def test_the_speakers_outline_loads_without_a_problem(talk):
    assert talk.charts["c"].series["Aerosols"] == [-0.1, -0.2, -0.3]
    assert talk.warnings == []


def test_positives_stack_up_from_zero_and_negatives_down(fig):
    drawn = bars(fig.axes[0])
    assert drawn["Greenhouse gases", 2] == (0, 0.7)
    assert drawn["Aerosols", 2] == (-0.3, 0)  # down from zero, not from the top of the stack
    assert drawn["Natural", 2] == (0.7, 0.71)  # on the positive stack
    assert drawn["Aerosols", 0] == (-0.1, 0) and drawn["Natural", 0] == (0.1, 0.15)


def test_a_zero_line_is_drawn_and_the_bottom_edge_is_not(fig):
    ax = fig.axes[0]
    zero = [line for line in ax.lines if list(line.get_ydata()) == [0, 0]]
    assert len(zero) == 1 and zero[0].get_zorder() > 2  # over the bars' edges
    assert not ax.spines["bottom"].get_visible()


def test_totals_are_net_sums_over_each_stack_without_float_noise(fig):
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    totals = [t for t in ax.texts if t.get_text().startswith("net ")]
    assert [t.get_text() for t in totals] == ["net 0.05", "net 0.12", "net 0.41"]
    tops = [0.15, 0.32, 0.71]
    for t, top in zip(totals, tops):  # over the top of its stack
        assert t.get_window_extent(renderer).y0 > ax.transData.transform((0, top))[1]
    texts = [t for t in ax.texts if t.get_text()]
    assert not any(len(t.get_text().rpartition(".")[2]) > 2 for t in texts)
    boxes = [t.get_window_extent(renderer) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)
    frame = ax.bbox
    for bb in boxes:
        assert frame.y0 <= bb.y0 and bb.y1 <= frame.y1


def test_segment_labels_of_negative_values_read_at_4_5_to_1(fig):
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    inside = [t for t in ax.texts if t.get_text() and not t.get_text().startswith("net ")]
    assert {t.get_text() for t in inside} >= {"\u22120.10", "\u22120.20", "\u22120.30", "0.70"}
    for t in inside:
        bb = t.get_window_extent(renderer)
        under = next(p for p in ax.patches if p.get_window_extent().contains((bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2))
        assert contrast(to_hex(t.get_color()), to_hex(under.get_facecolor())) >= 4.5


def test_the_alt_text_and_the_notes_say_the_totals_are_net_sums(talk):
    sentence = "Totals are net sums, negative values subtracted: 1950s 0.05, 1980s 0.12, 2010s 0.41."
    alt = describe_chart(talk.charts["c"], messages_for(talk))
    assert alt.endswith("Source: Illustrative values. " + sentence)
    spec = next(s for s in plan_slides(talk, "talk.yaml")[0] if s.figures and s.figures[0].chart is not None)
    assert spec.figures[0].alt == alt
    assert "2010s: Greenhouse gases 0.70, Aerosols \u22120.30, Natural 0.01\n" + sentence in spec.notes


def test_a_russian_talk_writes_net_totals_in_its_words():
    talk = parse_talk(outline("ru").encode(), "talk.yaml")
    m = messages_for(talk)
    fig = draw_chart(talk.charts["c"], talk_chart_style(talk, m), BODY_WITH_SOURCE)
    assert [t.get_text() for t in fig.axes[0].texts if t.get_fontweight() == "bold"] == [
        "итого 0,05", "итого 0,12", "итого 0,41"]
    assert describe_chart(talk.charts["c"], m).endswith(
        "Итоговые значения — суммы с учётом отрицательных величин: 1950s 0,05, 1980s 0,12, 2010s 0,41.")


def test_a_stack_without_negatives_keeps_plain_totals():
    text = MINIMAL.replace(SLIDE, "        chart: c\n") + textwrap.dedent("""\
        charts:
          c: {type: stacked, title: T, source: S, categories: [a, b], series: {x: [10.1, 3], y: [21.6, 4]}}
        """)
    talk = parse_talk(text.encode(), "talk.yaml")
    fig = draw_chart(talk.charts["c"], talk_chart_style(talk, messages_for(talk)), BODY_WITH_SOURCE)
    assert [t.get_text() for t in fig.axes[0].texts if t.get_fontweight() == "bold"] == ["31.7", "7.0"]
    assert "net" not in describe_chart(talk.charts["c"])


def test_a_negative_net_total_is_written_under_its_stack():
    text = MINIMAL.replace(SLIDE, "        chart: c\n") + textwrap.dedent("""\
        charts:
          c: {type: stacked, title: T, source: S, categories: [a, b], series: {x: [2, 5], y: [-6, -1]}}
        """)
    talk = parse_talk(text.encode(), "talk.yaml")
    fig = draw_chart(talk.charts["c"], talk_chart_style(talk, messages_for(talk)), BODY_WITH_SOURCE)
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    totals = {t.get_text(): t.get_window_extent(renderer) for t in ax.texts if t.get_text().startswith("net")}
    assert set(totals) == {"net \u22124", "net 4"}
    assert totals["net \u22124"].y1 < ax.transData.transform((0, -6))[1]  # under the stack's bottom
    assert totals["net 4"].y0 > ax.transData.transform((0, 5))[1]  # over the stack's top


def test_a_segment_too_thin_for_its_number_leaves_it_to_the_notes(talk):
    from talkdeck.layout import Box

    low = Box(BODY_WITH_SOURCE.x, BODY_WITH_SOURCE.y, BODY_WITH_SOURCE.w, BODY_WITH_SOURCE.h // 3)
    chart = talk.charts["c"]
    fig = draw_chart(chart, talk_chart_style(talk, messages_for(talk)), low)
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    written = [t for t in ax.texts if t.get_text()]
    assert "\u22120.10" not in {t.get_text() for t in written}  # 10% of the tallest stack, yet lower than a line
    for t in written:  # every number written lies inside its segment (totals: over or under their stack)
        segment = getattr(t, "segment", None)
        if segment is not None:
            box, room = t.get_window_extent(renderer), segment.get_window_extent(renderer)
            assert room.y0 <= box.y0 and box.y1 <= room.y1, t.get_text()
    boxes = [t.get_window_extent(renderer) for t in written]
    for a, b in itertools.combinations(boxes, 2):
        assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)
