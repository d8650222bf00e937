"""Decks on the templates new users bring (templates.dark, templates.serif), read back from the .pptx:
no LibreOffice render, so these stay fast."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.build import build
from talkdeck.deck.geometry import read_frame
from talkdeck.deck.template import open_presentation
from talkdeck.text.color import contrast

from . import templates
from .deckcheck import deck_problems
from .test_deck_xml import every_kind

BESIDE = textwrap.indent(textwrap.dedent("""\
  - title: Beside
    minutes: 2
    slides:
      - {title: Basins compared, bullets: [The Danube floods most, The Oder least], chart: growth, notes: n}
"""), "  ")


def _outline(folder: Path, template: str) -> Path:
    outline = every_kind(folder, f"template: assets/{template}\n")
    outline.write_text(outline.read_text().replace("charts:\n", BESIDE + "charts:\n", 1))
    return outline


@pytest.fixture(scope="module")
def dark_deck(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dark")
    templates.dark(folder / "assets" / "dark.pptx")
    build(_outline(folder, "dark.pptx"))
    return folder / "build" / "talk.pptx"


def test_a_picture_background_is_read_as_its_commonest_colour(tmp_path):
    frame = read_frame(open_presentation(templates.dark(tmp_path / "dark.pptx")))
    assert (frame.text, frame.background) == ("#FFFFFF", "#0F1A2B")


def test_a_full_bleed_picture_on_the_master_is_its_background_not_a_drawing_to_avoid(tmp_path):
    templates.full_bleed(tmp_path / "assets" / "full.pptx")
    frame = read_frame(open_presentation(tmp_path / "assets" / "full.pptx"))
    assert frame.problems == () and frame.background == "#F4F1EA"
    content = frame.layouts["content"]
    assert content.content.w >= 914_400 * 8 and content.content.h >= 914_400 * 4
    build(_outline(tmp_path, "full.pptx"))  # charts, pictures, tables and code had no room: the build crashed
    prs = Presentation(str(tmp_path / "build" / "talk.pptx"))
    assert deck_problems(tmp_path / "build" / "talk.pptx") == []
    chart = next(s for slide in prs.slides for s in slide.shapes if s.name.startswith("Chart:"))
    assert chart.width >= 914_400 * 3


def test_table_text_reads_on_its_cells_on_a_dark_template(dark_deck):
    assert deck_problems(dark_deck) == []
    table = next(s for slide in Presentation(str(dark_deck)).slides for s in slide.shapes if s.has_table).table
    checked = 0
    for row in table.rows:
        for cell in row.cells:
            fill = "#" + str(cell.fill.fore_color.rgb)
            for run in (r for p in cell.text_frame.paragraphs for r in p.runs):
                # Written on the run: inside a table the template's text colour gives way to the table style's.
                assert contrast("#" + str(run.font.color.rgb), fill) >= 4.5, (run.text, fill)
                checked += 1
    assert checked == 4


def test_bullets_beside_a_chart_stand_beside_it_not_in_a_picture_caption(dark_deck):
    slide = next(s for s in Presentation(str(dark_deck)).slides if s.shapes.title.text == "Basins compared")
    assert slide.slide_layout.name == "Title and Content"  # not "Picture with Caption": its text is a caption
    chart = next(s for s in slide.shapes if s.name.startswith("Chart:"))
    bullets = next(s for s in slide.placeholders if s.has_text_frame and "Danube" in s.text_frame.text)
    assert bullets.left + bullets.width <= chart.left
    assert chart.width >= 914_400 * 3 and bullets.width >= 914_400 * 3
    assert bullets.top < slide.shapes.title.top + slide.shapes.title.height + 914_400


def _box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_title_is_kept_off_a_logo_over_its_placeholder_and_stays_centred(tmp_path):
    templates.serif(tmp_path / "assets" / "serif.pptx")
    outline = every_kind(tmp_path, "template: assets/serif.pptx\n")
    outline.write_text(outline.read_text().replace("title: The numbers", 'title: "Collieries, power plants, machine works"'))
    build(outline)
    prs = Presentation(str(tmp_path / "build" / "talk.pptx"))
    logo = _box(next(s for s in prs.slide_master.shapes if s.name == "Logo"))
    layout_title = next(ph for ph in prs.slide_layouts[1].placeholders if ph.placeholder_format.idx == 0)
    centre = layout_title.left + layout_title.width / 2
    titled = 0
    for slide in prs.slides:
        title = slide.shapes.title
        assert not _overlap(_box(title), logo), title.text
        if slide.slide_layout.name in ("Title and Content", "Title Only"):
            assert abs(title.left + title.width / 2 - centre) <= 12_700, title.text  # centred where the layout centres it
            assert layout_title.top == title.top and layout_title.height == title.height
            titled += 1
    assert titled >= 6


def test_the_slide_number_is_kept_off_a_seal_over_its_placeholder_and_text_off_it_too(dark_deck):
    prs = Presentation(str(dark_deck))
    seal = _box(next(s for s in prs.slide_master.shapes if s.name == "Seal"))
    numbers = [s for slide in prs.slides for s in slide.placeholders if s.placeholder_format.type == 13]
    assert numbers and not [s for s in numbers if _overlap(_box(s), seal)]
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.placeholder_format.type != 13 if shape.is_placeholder else True:
                if shape.has_text_frame and shape.text_frame.text or not shape.is_placeholder:
                    assert not _overlap(_box(shape), seal), (slide.shapes.title.text, shape.name)


def test_a_side_title_keeps_its_words_whole_and_takes_the_lines_its_tall_box_holds(tmp_path):
    from talkdeck.text.fit import text_width

    templates.side(tmp_path / "assets" / "side.pptx")
    outline = every_kind(tmp_path, "template: assets/side.pptx\n")
    outline.write_text(outline.read_text().replace("title: The numbers", "title: Takeaways").replace(
        "title: A map", 'title: What Soviet influence reached'))
    result = build(outline)
    prs = Presentation(str(tmp_path / "build" / "talk.pptx"))
    by_title = {s.shapes.title.text: s for s in prs.slides}
    for text in ("Takeaways", "What Soviet influence reached"):
        title = by_title[text].shapes.title
        [run] = title.text_frame.paragraphs[0].runs
        room = (title.width - 2 * 91_440) / 12_700
        widest = max(text_width(word, run.font.size.pt, "DejaVu Sans", "Noto Sans CJK SC") for word in text.split())
        assert widest <= room, (text, run.font.size.pt)
    # Three lines of the template's 44 pt fit its 2.5 in tall title: the long title is not shrunk to two lines.
    long = by_title["What Soviet influence reached"].shapes.title.text_frame.paragraphs[0].runs[0]
    assert long.font.size.pt >= 36
    assert [p.message for p in result.warnings if "title" in p.message] == []


def test_a_template_font_not_installed_is_named_with_the_font_that_stands_in(tmp_path):
    from PIL import ImageFont

    from talkdeck.text.fonts import font_file

    # What fontconfig draws for a font it does not have depends on the fonts installed (DejaVu Sans, Noto Sans).
    stand_in = ImageFont.truetype(font_file("Frutiger LT 55 Roman"), 12).getname()[0]
    assert "Frutiger" not in stand_in
    prs = Presentation()
    templates._theme(prs, "Frutiger LT 55 Roman", "Calibri", {"accent1": "AA0000"})
    templates._save(prs, tmp_path / "assets" / "house.pptx")
    result = build(every_kind(tmp_path, "template: assets/house.pptx\n"))
    found = [p.message for p in result.warnings if p.path == "theme.template"]
    assert found == ["the template's font 'Frutiger LT 55 Roman' is not installed here: text is fitted (and "
                     f"previewed) in {stand_in}, and may fit differently where the deck is shown; install it, or name "
                     "an installed font in theme.font"]  # Calibri is drawn as Carlito, its metric twin: no warning
    assert font_file("Calibri").endswith("Carlito-Regular.ttf")


def test_a_template_whose_drawings_leave_no_room_still_builds_with_a_warning(tmp_path):
    prs = Presentation()
    # A mural over the middle of the master, too small to be its background, too large to leave room.
    inch = 914_400
    templates._picture(prs.slide_master, templates._seal(), 2 * inch, int(0.9 * inch), 6 * inch, int(5.8 * inch),
                       "Mural")
    templates._save(prs, tmp_path / "assets" / "mural.pptx")
    result = build(every_kind(tmp_path, "template: assets/mural.pptx\n"))
    assert any("leaves no room" in p.message for p in result.warnings if p.path == "theme.template")
    assert deck_problems(tmp_path / "build" / "talk.pptx") == []
