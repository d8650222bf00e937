"""The real client: LibreOffice renders the deck; every slide is a page, every title is in it,
and no text lies outside its box or the slide."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from talkdeck.export import to_pdf

from .conftest import TALK, needs

pytestmark = needs("soffice")
EMU_PER_PT = 12_700


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    shutil.copy(TALK, folder / "talk.yaml")
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q"], capture_output=True, text=True,
                          cwd=folder)
    assert done.returncode == 0, done.stderr
    pptx = folder / "build" / "talk.pptx"
    return pptx, to_pdf(pptx, folder / "build" / "talk.pdf")


def text_boxes(slide) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) in points of every shape that holds text or a table."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame or shape.has_table:
            x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            out.append((x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT))
    return out


def stray_characters(page, boxes, tolerance: float = 2.0) -> list[str]:
    """Characters LibreOffice drew outside every text box (or outside the page)."""
    height = page.get_height()
    width = page.get_width()
    textpage = page.get_textpage()
    stray = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        y0, y1 = height - top, height - bottom
        inside_page = left >= -tolerance and right <= width + tolerance and y0 >= -tolerance and y1 <= height + tolerance
        inside_box = any(left >= bx0 - tolerance and right <= bx1 + tolerance and y0 >= by0 - tolerance
                         and y1 <= by1 + tolerance for bx0, by0, bx1, by1 in boxes)
        if not (inside_page and inside_box):
            stray.append(ch)
    return stray


def test_pdf_has_one_page_per_slide_and_each_title(rendered):
    pptx, pdf = rendered
    prs = Presentation(str(pptx))
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == len(prs.slides)
    for page, slide in zip(doc, prs.slides):
        # Whitespace is dropped: PDF text extraction puts spaces around CJK characters.
        text = "".join(page.get_textpage().get_text_range().split())
        title = "".join(slide.shapes.title.text_frame.text.split())
        assert title.upper() in text.upper(), (title, text[:200])


def test_no_text_outside_its_box_or_the_slide(rendered):
    pptx, pdf = rendered
    prs = Presentation(str(pptx))
    doc = pdfium.PdfDocument(str(pdf))
    for number, (page, slide) in enumerate(zip(doc, prs.slides), start=1):
        assert stray_characters(page, text_boxes(slide)) == [], f"slide {number}"
