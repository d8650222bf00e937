"""Charts at half width, beside bullets or in a column: every category label is still drawn, whole,
inside the picture and apart from the others (read from matplotlib's text artists).

The boxes are the planner's own, so the test follows the layout wherever it moves.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from talkdeck.charts import draw_chart, talk_chart_style
from talkdeck.lang.i18n import messages_for
from talkdeck.load import parse_talk
from talkdeck.plan.planner import plan_slides

RU = Path(__file__).parent / "fixtures" / "talks" / "ru" / "talk.yaml"
SECTORS = ["Энергетика", "Военная промышленность", "Машиностроение", "Лёгкая промышленность"]
LONG = ["Agriculture, forestry and other land use", "Electricity and heat production",
        "Transport including international aviation and shipping", "Buildings (residential and commercial)"]

#: Slides appended to the Russian talk: its six-sector chart beside bullets (either side) and in a column,
#: charts of each kind with long English labels in a column, and a line of four sectors (its first and last
#: labels are centred on the plot's ends, so they reach past them).
SLIDES = """\
      - title: Рядом с текстом
        bullets: [один, два]
        chart: by-sector
        figure_side: {side}
        notes: н
      - title: В колонке
        columns:
          - bullets: [один]
          - chart: by-sector
        notes: н
""" + "".join(f"""\
      - title: Long {kind}
        columns:
          - chart: long-{kind}
          - bullets: [one]
        notes: n
""" for kind in ("bar", "stacked", "grouped", "line", "sectors"))


def _charts() -> str:
    out = "".join(f"""\
  long-{kind}:
    type: {kind}
    title: Emissions
    source: S
    categories: {LONG}
    series: {{First: [12.0, 14.9, 8.7, 3.3], Second: [5.6, 2.2, 4.0, 1.5]}}
""" for kind in ("stacked", "grouped", "line"))
    out += f"  long-sectors:\n    type: line\n    title: Объекты\n    source: S\n    categories: {SECTORS}\n"
    out += "    series: {Первый: [1, 2, 3, 4], Второй: [2, 3, 1, 2]}\n"
    return out + "  long-bar:\n    type: bar\n    title: Emissions\n    source: S\n    data:\n" + "".join(
        f"      {name}: {i + 1}.5\n" for i, name in enumerate(LONG))


def talk_with(side: str):
    text = RU.read_text(encoding="utf-8")
    text = text.replace("charts:\n", "charts:\n" + _charts(), 1)
    text = text.replace("  - title: Учиться у СССР\n", SLIDES.format(side=side) + "  - title: Учиться у СССР\n")
    return parse_talk(text.encode(), "talk.yaml")


def drawn_half_width(side: str):
    """(chart, figure) for every chart the plan puts in a box narrower than the slide's body."""
    talk = talk_with(side)
    style = talk_chart_style(talk, messages_for(talk))
    specs, warnings = plan_slides(talk, "talk.yaml")
    assert [w.message for w in warnings if "category labels" in w.message] == []
    figures = [f for s in specs for f in s.figures if f.chart is not None]
    widest = max(f.box.w for f in figures)
    return [(f.chart, draw_chart(f.chart, style, f.box)) for f in figures if f.box.w < widest * 0.6]


def category_texts(fig) -> list:
    ax = fig.axes[0]
    for axis in (ax.xaxis, ax.yaxis):  # the category axis is the one whose ticks are the category indices
        labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
        if len(axis.get_majorticklocs()) == len(labels) and list(axis.get_majorticklocs()) == list(
                range(len(labels))) and not labels[0].get_text()[0].isdigit():
            return labels
    raise AssertionError("no category axis")


@pytest.fixture(scope="module", params=["right", "left"])
def half(request):
    return drawn_half_width(request.param)


def test_every_half_width_chart_is_checked(half):
    assert sorted(chart.title for chart, _ in half) == sorted(
        ["Построенные объекты по отраслям"] * 2 + ["Emissions"] * 4 + ["Объекты"])


def test_every_category_label_is_drawn_whole_inside_the_picture_and_apart(half):
    for chart, fig in half:
        labels = category_texts(fig)
        assert [" ".join(t.get_text().split()) for t in labels] == chart.table()[0], chart.type
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in labels]
        for a, b in itertools.combinations(boxes, 2):
            assert not (a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5)
        for bb in boxes:  # not cut at the picture's edges
            assert bb.x0 >= -0.5 and bb.y0 >= -0.5 and bb.x1 <= fig.bbox.width + 0.5, (chart.type, bb)
        ax = fig.axes[0]
        ticks = [t for t in ax.yaxis.get_ticklabels() if t.get_visible() and t.get_text()
                 and ax.yaxis.get_visible() and t not in labels]
        for a in boxes:  # nor under the value axis's numbers
            for b in (t.get_window_extent(renderer) for t in ticks):
                assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), chart.type
