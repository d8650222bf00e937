"""Text beside a picture: bullets with an image or a chart, columns that hold one; planned, checked,
and on a template put on a layout found by its placeholders."""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from talkdeck import layout as L
from talkdeck.deck import DeckBuilder
from talkdeck.deck.template import pick_beside_layout
from talkdeck.errors import OutlineError
from talkdeck.load import load_talk, parse_talk
from talkdeck.plan.planner import plan_slides

from .conftest import MINIMAL, write_outline
from .deckcheck import deck_problems

BULLETS = "        bullets:\n          - one\n          - two\n"
CHART = "charts:\n  c: {type: bar, title: Counts, source: Example data, data: {a: 1, b: 2}}\n"


def edit(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


def errors(text: str) -> list[str]:
    with pytest.raises(OutlineError) as info:
        parse_talk(textwrap.dedent(text).encode(), "talk.yaml")
    return [str(p) for p in info.value.problems if p.severity == "error"]


def test_bullets_beside_a_chart_is_one_slide_of_kind_beside():
    talk = parse_talk((edit("        notes: Say", "        chart: c\n        notes: Say") + CHART).encode(), "talk.yaml")
    slide = talk.sections[0].slides[0]
    assert (slide.kinds, slide.figure_kind, slide.kind) == (["bullets", "chart"], "chart", "beside")
    assert talk.warnings == []  # the chart is used; its source is shown, so the numbers need no other


@pytest.mark.parametrize("text, expected", [
    (edit("        notes: Say", "        statement: Hm.\n        notes: Say"),
     ["talk.yaml:13:20: sections[0].slides[0].statement: a slide shows one thing (expected one of: bullets, chart, image, "
      "quote, table, columns, statement, code, math; got 'bullets' and 'statement'); bullets share a slide only with an image "
      "or a chart"]),
    (edit(BULLETS, "        table: [[a], [b]]\n        figure_side: left\n"),
     ["talk.yaml:11:22: sections[0].slides[0].figure_side: 'figure_side' belongs on slides of bullets beside "
      "an image or a chart (this is a table slide)"]),
    (edit(BULLETS, "        columns:\n          - image: map.png\n          - bullets: [b]\n"),
     ["talk.yaml:11:20: sections[0].slides[0].columns[0].image: an image needs alt text (add 'alt: what it "
      "shows', or 'decorative: true' if it only decorates)"]),
    (edit(BULLETS, "        columns:\n          - bullets: [a]\n            chart: c\n          - bullets: [b]\n")
     + CHART,
     ["talk.yaml:12:20: sections[0].slides[0].columns[0].chart: a column shows one thing (expected one of: bullets, "
      "image, chart; got 'bullets' and 'chart')"]),
    (edit(BULLETS, "        columns:\n          - chart: d\n          - bullets: [b]\n") + CHART,
     ["talk.yaml:11:20: sections[0].slides[0].columns[0].chart: no chart named 'd' (expected one of: c)"]),
    (edit(BULLETS, "        columns:\n          - bullets: [a]\n            alt: A map\n          - bullets: [b]\n"),
     ["talk.yaml:12:18: sections[0].slides[0].columns[0].alt: 'alt' belongs on a column with an image"]),
])
def test_mistakes_with_pictures_beside_text_get_exact_messages(text, expected):
    assert errors(text) == expected


def test_a_chart_used_only_in_a_column_is_not_unused():
    talk = parse_talk((edit(BULLETS, "        columns:\n          - chart: c\n          - bullets: [b]\n")
                       + CHART).encode(), "talk.yaml")
    assert [p.message for p in talk.warnings] == []


@pytest.fixture
def beside_talk(outline_dir):
    Image.new("RGB", (400, 300), "#336699").save(outline_dir / "map.png")
    return write_outline(outline_dir, edit("        notes: Say", "        image: map.png\n        alt: A map\n"
                                           "        caption: The region\n        figure_side: left\n"
                                           "        notes: Say")
                         + edit(BULLETS, "        columns:\n          - heading: Counts\n            chart: c\n"
                                "          - image: map.png\n            alt: A map\n").split("sections:\n")[1]
                         .replace("  - title: Only part\n", "  - title: Second part\n", 1) + CHART)


def test_the_picture_takes_its_side_of_the_body_and_the_bullets_the_rest(beside_talk):
    talk = load_talk(beside_talk, "talk.yaml")
    specs, warnings = plan_slides(talk, "talk.yaml")
    spec = next(s for s in specs if s.kind == "beside")
    body, figure = spec.text("body").box, spec.figures[0].box
    assert figure.x == L.BODY.x and figure.x + figure.w + L.COLUMN_GAP == body.x
    assert body.x + body.w == L.BODY.x + L.BODY.w
    # The 4:3 map, as large as its half allows above its caption; the width it does not use goes to the text.
    half = L.beside(L.BODY, "left")[1]
    assert abs(figure.w / figure.h - 4 / 3) < 0.01 and figure.h == half.h - L.CAPTION_H
    assert body.w == L.BODY.w - L.COLUMN_GAP - figure.w > L.beside(L.BODY, "left")[0].w
    caption = spec.text("caption").box
    assert caption.y == figure.y + figure.h and caption.x == figure.x
    assert spec.layout == "beside"


@pytest.mark.parametrize("side", ["right", "left"])
def test_a_portrait_beside_bullets_sits_at_the_slides_edge_and_gives_the_text_the_rest(outline_dir, side):
    Image.new("RGB", (300, 600), "#336699").save(outline_dir / "tall.png")
    write_outline(outline_dir, edit("        notes: Say", f"        image: tall.png\n        alt: A tower\n"
                                                        f"        figure_side: {side}\n        notes: Say"))
    specs, _ = plan_slides(load_talk("talk.yaml", "talk.yaml"), "talk.yaml")
    spec = next(s for s in specs if s.kind == "beside")
    body, figure = spec.text("body").box, spec.figures[0].box
    assert figure.h == L.BODY.h and figure.w == L.BODY.h // 2
    assert body.w == L.BODY.w - L.COLUMN_GAP - figure.w
    outer = figure.x + figure.w if side == "right" else figure.x
    assert outer == (L.BODY.x + L.BODY.w if side == "right" else L.BODY.x)


def test_a_wide_picture_in_a_column_stands_right_under_its_heading(outline_dir):
    Image.new("RGB", (2000, 400), "#336699").save(outline_dir / "pano.png")
    write_outline(outline_dir, edit(BULLETS, "        columns:\n          - heading: The valley\n"
                                             "            image: pano.png\n            alt: A valley\n"
                                             "          - heading: What we saw\n            bullets: [Rivers]\n"))
    specs, _ = plan_slides(load_talk("talk.yaml", "talk.yaml"), "talk.yaml")
    spec = next(s for s in specs if s.kind == "columns")
    left = L.BODY.split(2, L.COLUMN_GAP)[0]
    picture = spec.figures[0].box
    assert (picture.x, picture.y, picture.w) == (left.x, left.y + L.HEADING_H, left.w)
    assert abs(picture.w / picture.h - 5) < 0.01


def test_a_caption_sits_right_under_a_wide_picture_not_at_the_foot_of_its_box(outline_dir):
    Image.new("RGB", (2000, 400), "#336699").save(outline_dir / "pano.png")
    write_outline(outline_dir, edit(BULLETS, "        image: pano.png\n        alt: A valley\n"
                                             "        caption: The whole valley\n"))
    specs, _ = plan_slides(load_talk("talk.yaml", "talk.yaml"), "talk.yaml")
    spec = next(s for s in specs if s.kind == "image")
    figure, caption = spec.figures[0].box, spec.text("caption").box
    assert figure.w == L.BODY.w and abs(figure.w / figure.h - 5) < 0.01
    assert caption.y == figure.y + figure.h
    # Picture and caption centred together in the body.
    assert abs((figure.y - L.BODY.y) - (L.BODY.y + L.BODY.h - caption.y - caption.h)) <= 1


def test_a_column_chart_is_drawn_at_the_size_of_its_column_under_its_heading(beside_talk):
    talk = load_talk(beside_talk, "talk.yaml")
    specs, _ = plan_slides(talk, "talk.yaml")
    spec = next(s for s in specs if s.kind == "columns")
    left, right = L.BODY_WITH_SOURCE.split(2, L.COLUMN_GAP)
    chart, picture = spec.figures
    assert chart.chart is not None and chart.box.w == left.w and chart.box.y == left.y + L.HEADING_H
    assert picture.image is not None and picture.box.y == right.y and picture.box.h == right.h
    assert spec.text("column1").paras[0].text == "Counts"
    assert spec.text("source").paras[0].text == "Source: Example data"
    assert "Chart data — Counts" in spec.notes


def test_the_built_in_design_puts_a_picture_beside_bullets_on_its_two_content_layout(beside_talk):
    talk = load_talk(beside_talk, "talk.yaml")
    deck = DeckBuilder(talk)
    assert deck.layouts["beside"].name == "Two Content"
    specs, _ = plan_slides(talk, "talk.yaml")
    for spec in specs:
        deck.add(spec)
    data = deck.to_bytes(dt.datetime(2024, 1, 1))
    assert deck_problems(data) == []
    slide = deck.prs.slides[next(i for i, s in enumerate(specs) if s.kind == "beside")]
    types = [ph.placeholder_format.type for ph in slide.placeholders]
    assert types.count(PP_PLACEHOLDER.OBJECT) + types.count(PP_PLACEHOLDER.BODY) == 1  # the unused one is gone
    assert any(s.name == "Picture: map.png" for s in slide.shapes)


def _without(prs, names):
    """``prs`` without the layouts named ``names`` (python-pptx's default master)."""
    for layout in list(prs.slide_layouts):
        if layout.name in names:
            prs.slide_layouts.remove(layout)
    return prs


def test_a_template_is_searched_by_placeholders_two_content_comparison_picture_with_caption():
    assert pick_beside_layout(Presentation()).name == "Two Content"
    assert pick_beside_layout(_without(Presentation(), {"Two Content"})).name == "Comparison"
    prs = _without(Presentation(), {"Two Content", "Comparison"})
    # python-pptx's picture with caption puts its caption under the picture: its text is no column of bullets.
    assert pick_beside_layout(prs).name == "Content with Caption"
    assert pick_beside_layout(_without(Presentation(), {"Two Content", "Comparison", "Content with Caption"})) is None
    # PowerPoint's own has the picture beside the title and text: that one serves.
    prs = _without(Presentation(), {"Two Content", "Comparison"})
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Picture with Caption")
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.PICTURE:
            ph.left, ph.top, ph.width, ph.height = Emu(5 * 914_400), Emu(457_200), Emu(4_572_000), Emu(5_943_600)
        elif kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY):
            ph.left, ph.width = Emu(457_200), Emu(4_114_800)
    assert pick_beside_layout(prs).name == "Picture with Caption"


def test_a_picture_with_caption_layout_leaves_no_empty_picture_placeholder(beside_talk, monkeypatch):
    talk = load_talk(beside_talk, "talk.yaml")
    deck = DeckBuilder(talk)
    layout = next(lo for lo in deck.prs.slide_layouts if lo.name == "Picture with Caption")
    deck.layouts["beside"] = layout
    specs, _ = plan_slides(talk, "talk.yaml")
    spec = next(s for s in specs if s.kind == "beside")
    deck.add(dataclasses.replace(spec, number=1))
    slide = deck.prs.slides[0]
    assert [ph.placeholder_format.type for ph in slide.placeholders
            if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE] == []
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.BODY)
    assert body.text_frame.text.startswith("one")
    assert deck_problems(deck.to_bytes(dt.datetime(2024, 1, 1))) == []


def test_watch_follows_an_image_in_a_column(beside_talk):
    from talkdeck.commands.watch import referenced_files

    talk = load_talk(beside_talk, "talk.yaml")
    assert referenced_files(talk) == {(beside_talk.parent / "map.png").resolve()}
    column_only = beside_talk.read_text().replace("        image: map.png\n        alt: A map\n"
                                                  "        caption: The region\n        figure_side: left\n", "")
    beside_talk.write_text(column_only)
    assert referenced_files(load_talk(beside_talk, "talk.yaml")) == {(beside_talk.parent / "map.png").resolve()}


def test_side_is_answered_with_figure_side():
    assert errors(edit("        notes: Say", "        image: map.png\n        alt: A map\n        side: left\n"
                       "        notes: Say")) == [
        "talk.yaml:15:9: sections[0].slides[0].side: unknown key (did you mean 'figure_side'?)"]
