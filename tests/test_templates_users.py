"""Decks on the templates new users bring (templates.dark, templates.serif), read back from the .pptx:
no LibreOffice render, so these stay fast."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.build import build
from talkdeck.color import contrast
from talkdeck.deck.geometry import read_frame
from talkdeck.deck.template import open_presentation

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


def test_a_picture_background_is_read_as_its_mean_colour(tmp_path):
    frame = read_frame(open_presentation(templates.dark(tmp_path / "dark.pptx")))
    assert (frame.text, frame.background) == ("#FFFFFF", "#101C2E")


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
