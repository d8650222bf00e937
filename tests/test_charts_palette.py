"""Series colours: from the accent, distinct, at 3:1 on light and dark backgrounds; labels at 4.5:1."""

from __future__ import annotations

import itertools

import pytest

from talkdeck.charts import ChartStyle, chart_style
from talkdeck.charts.palette import MIN_DISTANCE, label_color, muted, series_colors
from talkdeck.model import Theme
from talkdeck.text.color import contrast, distance, to_contrast

LIGHT = dict(background="#FFFFFF", text="#1F2933")
DARK = dict(background="#0F1B2D", text="#F3F6FA")


def style(background: str, text: str, accent: str = "#B22222", palette=None) -> ChartStyle:
    return ChartStyle(background=background, text=text, accent=accent, font="Calibri", font_cjk="Noto Sans CJK SC",
                      label_size=14.4, palette=palette)


@pytest.mark.parametrize("ground", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("accent", ["#B22222", "#1F5FAD", "#2E7D32", "#FFD54F"])
def test_default_series_colours_are_distinct_and_stand_out_at_3_to_1(ground, accent):
    s = style(accent=accent, **ground)
    colours = series_colors(s, 6)
    assert len(set(colours)) == 6
    for c in colours:
        assert contrast(c, s.background) >= 3.0, c
    for a, b in itertools.combinations(colours, 2):
        assert distance(a, b) >= MIN_DISTANCE / 2, (a, b)
    assert contrast(muted(s), s.background) >= 3.0


def test_the_first_series_is_the_accent_itself_when_it_stands_out():
    assert series_colors(style(accent="#1F5FAD", **LIGHT), 3)[0] == "#1F5FAD"
    dark = series_colors(style(accent="#1F5FAD", **DARK), 1)[0]
    assert dark != "#1F5FAD" and contrast(dark, DARK["background"]) >= 3.0  # lightened, same family
    assert distance(dark, "#1F5FAD") < 20


def test_a_palette_given_is_used_as_given_in_order():
    s = style(palette=("#111111", "#222222"), **LIGHT)
    assert series_colors(s, 3) == ["#111111", "#222222", "#111111"]


@pytest.mark.parametrize("ground", [LIGHT, DARK], ids=["light", "dark"])
def test_labels_on_segments_read_at_4_5_to_1(ground):
    s = style(**ground)
    for fill in series_colors(s, 6) + ["#D98E04", "#777777", "#FFD54F", "#3E4C59"]:
        assert contrast(label_color(fill, s), fill) >= 4.5, fill


def test_to_contrast_keeps_colours_that_already_stand_out():
    assert to_contrast("#B22222", "#FFFFFF") == "#B22222"
    assert contrast(to_contrast("#FFD54F", "#FFFFFF"), "#FFFFFF") >= 3.0


def test_the_theme_palette_is_not_given_by_default():
    assert Theme().palette is None
    assert chart_style(Theme()).palette is None
    assert chart_style(Theme(), palette=["#123456"]).palette == ("#123456",)  # a template's accents
    assert chart_style(Theme(), transparent=True).transparent


def test_a_chart_writes_numbers_as_its_language_does(tmp_path):
    from talkdeck.charts import draw_chart
    from talkdeck.layout import BODY_WITH_SOURCE
    from talkdeck.model import Chart

    chart = Chart(type="bar", title="T", source="S", data={"a": 1.5, "b": 2.25, "c": 1400})
    fig = draw_chart(chart, chart_style(Theme(), "ru-RU"), BODY_WITH_SOURCE)
    assert [t.get_text() for t in fig.axes[0].texts] == ["1,50", "2,25", "1\u00a0400,00"]


def test_a_transparent_style_leaves_the_background_clear(tmp_path):
    from PIL import Image

    from talkdeck.charts import render_chart
    from talkdeck.layout import BODY_WITH_SOURCE
    from talkdeck.model import Chart

    chart = Chart(type="bar", title="T", source="S", data={"a": 1, "b": 2})
    out = render_chart(chart, chart_style(Theme(), transparent=True), BODY_WITH_SOURCE, tmp_path / "c.png")
    with Image.open(out) as img:
        assert img.mode == "RGBA" and img.getpixel((img.width - 2, img.height - 2))[3] == 0
    opaque = render_chart(chart, chart_style(Theme()), BODY_WITH_SOURCE, tmp_path / "d.png")
    with Image.open(opaque) as img:
        assert img.mode == "RGB"
