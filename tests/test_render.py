"""The real client: LibreOffice renders the deck; every slide is a page, every title is in it,
and no text lies outside its box or the slide."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from talkdeck.export.convert import to_pdf

from .conftest import TALK, needs
from .pdfcheck import stray_characters, text_boxes

pytestmark = needs("soffice")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    shutil.copy(TALK, folder / "talk.yaml")
    shutil.copytree(TALK.parent / "assets", folder / "assets")  # the bibliography the talk cites
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "-q"], capture_output=True, text=True,
                          cwd=folder)
    assert done.returncode == 0, done.stderr
    pptx = folder / "build" / "talk.pptx"
    return pptx, to_pdf(pptx, folder / "build" / "talk.pdf")


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
