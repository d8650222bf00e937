"""First talks from fields and scripts the other fixtures do not come from, built end to end and rendered
through LibreOffice: a Korean chemist's (Hanja glosses, formulas and reaction equations, units, a table longer
than a slide, citations in Korean and English), a Thai economist's (no spaces between words, charts with long
Thai labels, code with Thai identifiers, two columns), a Byzantinist's (polytonic Greek, Old Church Slavonic,
Chicago notes with folio locators and "Ibid.", years 860–1204 on a time axis) and a Persian economist's (right
to left, Persian digits, ZWNJ, a citation written with the Persian comma). tests/fixtures/talks/ko-chemistry,
th-economics, byzantine-history, fa-economics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from talkdeck.build import build
from talkdeck.export.convert import to_pdf

from .conftest import needs
from .pdfcheck import open_pdf, page_text, stray_characters, text_boxes

TALKS = Path(__file__).parent / "fixtures" / "talks"
TALK_NAMES = ("ko-chemistry", "th-economics", "byzantine-history", "fa-economics")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each talk's build result and the PDF LibreOffice makes of its deck, by folder."""
    out = {}
    for name in TALK_NAMES:
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
@pytest.mark.parametrize("name", TALK_NAMES)
def test_every_character_is_drawn_inside_a_box_on_its_slide(built, name):
    from pptx import Presentation

    result, pdf = built[name]
    doc = open_pdf(pdf)
    slides = Presentation(str(result.output)).slides
    assert len(doc) == len(slides)
    for n, (page, slide) in enumerate(zip(doc, slides), start=1):
        assert "□" not in page_text(page), n
        assert stray_characters(page, text_boxes(slide)) == [], n


def test_the_historians_citations_are_notes_at_the_foot_of_each_slide(built):
    """Chicago notes: a raised number where the citation is written, the note under the slide's source line,
    "Ibid." only after a note of the same slide, an authorless manuscript's title written once, years ungrouped."""
    result, _ = built["byzantine-history"]
    assert result.warnings == []
    texts = dict(zip([s.title for s in result.specs], _texts(result), strict=True))
    attack = texts["The attack of 860 in the sources"]
    assert "came out of the north¹" in attack and "dates it to 866²" in attack and "18\u00a0June 860³" in attack
    assert "¹ Cyril Mango, The Homilies of Photius" in attack and "Harvard University Press, 1958), 82–85." in attack
    assert "*" not in texts["Sources for further reading"]  # "Obolensky's *Commonwealth*¹": italics, no stars
    folio = texts["A folio of the Hellenic Chronicle"]
    assert "\n² Ibid., fol. 13v." in folio and "[@" not in folio
    refs = "\n".join(t for title, t in texts.items() if title.startswith("References"))
    assert refs.count("Ипатьевская летопись") == 1 and refs.count("Κατάλογος των χειρογράφων") == 1
    assert len([s for s in result.specs if s.title.startswith("References")]) == 3


def test_the_persian_talk_reads_its_persian_citation_and_has_no_warning(built):
    result, _ = built["fa-economics"]
    assert result.warnings == []
    texts = _texts(result)
    assert not [t for t in texts if "[@" in t]
    assert "(کاتوزیان 2000, ۴۵)." in texts[1]  # the bio: [@katouzian2003، ص. ۴۵]
    assert "می\u200cنویسد" in texts[1]  # the zero-width non-joiner kept
