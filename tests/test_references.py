"""The References slides: after the last section, hanging-indented, over as many slides as the works need,
and nothing off a slide, as LibreOffice draws them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.build import build

from .conftest import needs
from .pdfcheck import open_pdf, page_text, stray_characters, text_boxes

THIRTY = Path(__file__).parent / "fixtures" / "cite" / "thirty.bib"


def sixty() -> str:
    """The 30 works of the fixture, and 30 more: each again as a second edition under another key."""
    text = THIRTY.read_text(encoding="utf-8")
    again = re.sub(r"@(\w+)\{(\w+),", r"@\1{\2x,", text)
    again = re.sub(r"year = \{(\d+)\}", lambda m: f"year = {{{int(m.group(1)) + 7}}}", again)
    return text + "\n" + again


def talk(tmp: Path, bib: str, cited: list[str], language: str = "en-GB") -> Path:
    (tmp / "refs.bib").write_text(bib, encoding="utf-8")
    clusters = "; ".join(f"@{k}" for k in cited)
    (tmp / "talk.yaml").write_text(f"""\
title: A cited talk
language: {language}
bibliography: refs.bib
speaker:
  name: Ada Example
  bio: Ada reads.
sections:
  - title: Part
    slides:
      - title: Everything
        bullets: [All of it]
        notes: "As [{clusters}] show."
closing:
  text: Thanks
""", encoding="utf-8")
    return tmp / "talk.yaml"


def keys_of(bib: str) -> list[str]:
    return re.findall(r"@\w+\{([^,]+),", bib)


def test_references_follow_the_last_section_hanging_indented(tmp_path: Path):
    bib = THIRTY.read_text(encoding="utf-8")
    result = build(talk(tmp_path, bib, keys_of(bib)[:5]))
    kinds = [s.kind for s in result.specs]
    assert kinds[-2:] == ["references", "closing"]
    spec = result.specs[-2]
    assert spec.title == "References" and spec.notes.startswith("The works cited.")
    assert [p.hang for p in spec.texts[1].paras] == [27.0] * 5
    prs = Presentation(str(result.output))
    p = prs.slides[len(kinds) - 2].shapes[1].text_frame.paragraphs[0]._p
    assert p.pPr.get("marL") == str(27 * 12700) and p.pPr.get("indent") == str(-27 * 12700)


def test_a_60_work_bibliography_is_cut_into_slides_that_each_fit(tmp_path: Path):
    bib = sixty()
    assert len(keys_of(bib)) == 60
    result = build(talk(tmp_path, bib, keys_of(bib)))
    pages = [s for s in result.specs if s.kind == "references"]
    assert len(pages) >= 6
    assert [s.title for s in pages] == [f"References ({k}/{len(pages)})" for k in range(1, len(pages) + 1)]
    assert sum(len(s.texts[1].paras) for s in pages) == 60
    assert all(s.texts[1].fits for s in pages)
    assert not [w for w in result.warnings if "bibliography" in w.path]


@needs("soffice")
def test_libreoffice_draws_every_reference_on_its_slide(tmp_path: Path):
    from talkdeck.export.convert import to_pdf

    bib = sixty()
    result = build(talk(tmp_path, bib, keys_of(bib)))
    pdf = open_pdf(to_pdf(result.output, tmp_path / "talk.pdf"))
    prs = Presentation(str(result.output))
    numbers = [s.number for s in result.specs if s.kind == "references"]
    drawn = ""
    try:
        for number in numbers:
            page = pdf[number - 1]
            assert stray_characters(page, text_boxes(prs.slides[number - 1])) == [], f"slide {number}"
            drawn += page_text(page)
    finally:
        pdf.close()
    # Every work is drawn: its first author's family name and its year, on one of the slides.
    for spec in result.specs:
        for para in (spec.texts[1].paras if spec.kind == "references" else []):
            start = "".join(para.text.split()[:2])
            assert start in drawn, start


@pytest.mark.parametrize(("language", "heading"), [("de", "Literatur"), ("ru", "Литература"),
                                                   ("zh-CN", "参考文献")])
def test_the_heading_and_the_citations_are_in_the_talks_language(tmp_path: Path, language: str, heading: str):
    bib = THIRTY.read_text(encoding="utf-8")
    result = build(talk(tmp_path, bib, ["marx1976", "hirata2024"], language))
    spec = next(s for s in result.specs if s.kind == "references")
    assert spec.title == heading
    marx = next(p.text for p in spec.texts[1].paras if p.text.startswith("Marx"))
    assert {"de": "Übers", "ru": "Пер", "zh-CN": "译"}[language] in marx


MIXED_BIB = """\
@book{bolozky1997, author = {Bolozky, Shmuel}, title = {Israeli Hebrew Phonology},
  publisher = {Eisenbrauns}, year = {1997}}
@book{blanc1964, author = {בלאנק, חיים}, title = {העברית הישראלית: מבנה ותהליכים},
  publisher = {האקדמיה ללשון העברית}, year = {1964}, langid = {hebrew}}
"""


@pytest.mark.parametrize("language", ["he", "en-GB"])
def test_each_work_is_written_in_the_direction_of_its_own_script(tmp_path: Path, language):
    """A Hebrew work is a right-to-left paragraph aligned at the right, an English one left to right at
    the left, in a Hebrew talk's references and in an English talk's (its full stop at its end, not its start)."""
    result = build(talk(tmp_path, MIXED_BIB, ["bolozky1997", "blanc1964"], language))
    kinds = [s.kind for s in result.specs]
    slide = Presentation(str(result.output)).slides[kinds.index("references")]
    paras = [p for p in slide.shapes[1].text_frame.paragraphs if p.text]
    got = [(p.text[:7], p._p.pPr.get("rtl"), p._p.pPr.get("algn")) for p in paras]
    assert got == [("Bolozky", None, "l"), ("בלאנק, ", "1", "r")]
