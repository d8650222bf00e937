"""Charts: each type draws a PNG of exactly its box's size at 200 dpi, with no time-dependent bytes."""

from __future__ import annotations

import textwrap

import pytest
from PIL import Image

from talkdeck.charts import DPI, chart_key, render_chart
from talkdeck.layout import BODY_WITH_SOURCE
from talkdeck.load import parse_talk

from .conftest import MINIMAL

CHARTS = textwrap.dedent("""\
    charts:
      bar: {type: bar, title: Bars, unit: projects, source: S, data: {Energy: 52, Military: 44}}
      barh: {type: barh, title: Across, source: S, data: {Coal mines: 25, Power plants: 25, Space: 2},
             highlight: [Coal mines]}
      stacked: {type: stacked, title: Kept, source: S, categories: ["1950", "1953"],
                series: {kept: [45, 85], dropped: [5, 6]}}
      grouped: {type: grouped, title: Side by side, source: S, categories: [a, b, c],
                series: {x: [1, 2, 3], y: [3, 2, 1]}}
      line: {type: line, title: Loan drawn, unit: US$ million, source: S, categories: ["1950", "1951"],
             series: {drawn: [60, 120]}}
      cjk: {type: bar, title: 第一个五年计划, source: S, data: {"Сегодня": 1, 明天: 2}}
    """)


@pytest.fixture(scope="module")
def talk():
    return parse_talk((MINIMAL + CHARTS).encode(), "talk.yaml")


@pytest.mark.parametrize("name", ["bar", "barh", "stacked", "grouped", "line", "cjk"])
def test_each_chart_type_renders_at_the_size_of_its_box(talk, tmp_path, name):
    out = render_chart(talk.charts[name], talk.theme, BODY_WITH_SOURCE, tmp_path / f"{name}.png")
    with Image.open(out) as img:
        want = (BODY_WITH_SOURCE.w_in * DPI, BODY_WITH_SOURCE.h_in * DPI)
        assert abs(img.size[0] - want[0]) < 1 and abs(img.size[1] - want[1]) < 1  # no stretching
        assert "Software" not in img.info
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1_000_000)
        top = rgb.crop((0, 0, rgb.width, rgb.height // 8))
        dark = sum(n for n, (r, g, b) in top.getcolors(maxcolors=1_000_000) if r + g + b < 200)
    assert len(colours) > 50  # something was drawn, not a blank canvas
    assert dark > 500  # the title is drawn inside the picture, at its top


def test_same_chart_gives_same_bytes(talk, tmp_path):
    a = render_chart(talk.charts["bar"], talk.theme, BODY_WITH_SOURCE, tmp_path / "a.png").read_bytes()
    b = render_chart(talk.charts["bar"], talk.theme, BODY_WITH_SOURCE, tmp_path / "b.png").read_bytes()
    assert a == b


def test_cache_key_changes_with_data_theme_and_size(talk):
    chart, theme = talk.charts["bar"], talk.theme
    key = chart_key(chart, theme, BODY_WITH_SOURCE)
    assert key == chart_key(chart, theme, BODY_WITH_SOURCE)
    chart.data["Energy"] = 53
    assert chart_key(chart, theme, BODY_WITH_SOURCE) != key
    chart.data["Energy"] = 52
    theme.accent = "#000000"
    assert chart_key(chart, theme, BODY_WITH_SOURCE) != key
    theme.accent = "#B22222"
    from talkdeck.layout import BODY
    assert chart_key(chart, theme, BODY) != key
