"""What is copied from a template keeps its relationships: a WPS template's tagged footers give a deck in
which every relationship id resolves (the conftest hook checks every deck the tests build for the same)."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from talkdeck.build import build

from . import templates
from .deckcheck import dangling_references, deck_problems
from .test_deck_xml import every_kind


def test_tags_of_a_copied_footer_are_related_from_the_slide_and_one_leading_nowhere_is_dropped(tmp_path):
    templates.wps(tmp_path / "assets" / "wps.pptx")
    build(every_kind(tmp_path, "template: assets/wps.pptx\n"))
    deck = tmp_path / "build" / "talk.pptx"
    with zipfile.ZipFile(deck) as z:
        assert dangling_references(z) == []
    assert deck_problems(deck) == []
    prs = Presentation(str(deck))
    checked = 0
    for slide in prs.slides:
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            tags = shape._element.findall(".//{http://schemas.openxmlformats.org/presentationml/2006/main}tags")
            if kind == PP_PLACEHOLDER.FOOTER:
                [tag] = tags  # carried: the slide relates the same tags part
                part = slide.part.related_part(tag.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))
                assert b"KSO_WM_UNIT_TYPE" in part.blob
                checked += 1
            if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                assert tags == []  # its reference led nowhere in the template: dropped, not left dangling
    assert checked >= 5


def test_the_check_finds_a_dangling_reference():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    blip = slide.shapes._spTree.makeelement(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}blip",
        {"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed": "rId77"})
    slide.shapes._spTree.append(blip)
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as z:
        assert dangling_references(z) == [
            "ppt/slides/slide1.xml: blip/@r:embed=rId77 is not a relationship of this part"]
