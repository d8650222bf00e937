"""Two first talks from fields and scripts the other fixtures do not come from, built end to end and rendered
through LibreOffice: a Korean chemist's (Hanja glosses, formulas and reaction equations, units, a table longer
than a slide, citations in Korean and English) and a Thai economist's (no spaces between words, charts with long
Thai labels, code with Thai identifiers, two columns). tests/fixtures/talks/ko-chemistry, th-economics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from talkdeck.build import build
from talkdeck.export.convert import to_pdf

from .conftest import needs
from .pdfcheck import open_pdf, page_text, stray_characters, text_boxes

TALKS = Path(__file__).parent / "fixtures" / "talks"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each talk's build result and the PDF LibreOffice makes of its deck, by folder."""
    out = {}
    for name in ("ko-chemistry", "th-economics"):
        here = tmp_path_factory.mktemp(name)
        shutil.copytree(TALKS / name, here, dirs_exist_ok=True)
        result = build(here / "talk.yaml", here / "talk.pptx")
        out[name] = (result, to_pdf(result.output, here / "talk.pdf") if shutil.which("soffice") else None)
    return out


def _texts(result) -> list[str]:
    from pptx import Presentation

    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
            for slide in Presentation(str(result.output)).slides]


def test_the_korean_talk_reads_as_korean_and_its_long_table_goes_on_over_two_slides(built):
    result, _ = built["ko-chemistry"]
    assert [w.message for w in result.warnings] == [
        "the rows do not fit one slide even at 18 pt: the last 7 rows continue on '온도별 속도상수(2)'; "
        "shorten them or split the slide"]
    titles = [s.title for s in result.specs]
    assert titles[titles.index("온도별 속도상수") + 1] == "온도별 속도상수(2)"
    texts = _texts(result)
    assert not [t for t in texts if "와/과" in t]
    assert "김민수와 이지은. 2021." in texts[titles.index("참고 문헌")]
    assert "(김과 이 2021)" in texts[1]  # the bio


def test_the_thai_talk_draws_its_charts_in_thai_without_a_warning(built):
    result, _ = built["th-economics"]
    assert result.warnings == []
    assert len([s for s in result.specs if any(f.chart for f in s.figures)]) == 2
    texts = "\n".join(_texts(result))
    assert "หัวข้อการบรรยาย" in texts and "ที่มา: " in texts
    assert not [w for w in ("Agenda", "Part ", "Source:", "Quote", "References") if w in texts]


@needs("soffice")
@pytest.mark.parametrize("name", ["ko-chemistry", "th-economics"])
def test_every_character_is_drawn_inside_a_box_on_its_slide(built, name):
    from pptx import Presentation

    result, pdf = built[name]
    doc = open_pdf(pdf)
    slides = Presentation(str(result.output)).slides
    assert len(doc) == len(slides)
    for n, (page, slide) in enumerate(zip(doc, slides), start=1):
        assert "□" not in page_text(page), n
        assert stray_characters(page, text_boxes(slide)) == [], n
