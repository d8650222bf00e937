"""Talks in every script, built and rendered through LibreOffice, checked from the PDF's characters
and the deck's XML: right-to-left Arabic, Hebrew and Persian, Korean and Japanese
(tests/fixtures/talks/scripts/*.yaml, every slide kind each)."""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from talkdeck.build import build
from talkdeck.export.convert import to_pdf
from talkdeck.text.bidi import strip_invisible

from .pdfcheck import advances, characters, open_pdf, stray_characters, text_boxes

TALKS = Path(__file__).parent / "fixtures" / "talks" / "scripts"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ENGLISH_CHROME = ("Agenda", "Part ", "Source:", "Questions?", "Slide ", "minutes", "Portrait of")

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice renders the decks")


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Each talk's deck, its PDF and the build's warnings, by language."""
    folder = tmp_path_factory.mktemp("scripts")
    out = {}
    for lang in ("ar", "he", "fa", "ko", "ja"):
        outline = TALKS / f"{lang}.yaml"
        result = build(outline, folder / lang / "talk.pptx")
        pdf = to_pdf(result.output, folder / lang / "talk.pdf")
        out[lang] = (result, pdf)
    # The Hebrew talk on a template (python-pptx's design with a logo, tests/templates.serif).
    from . import templates

    here = folder / "he-template"
    here.mkdir()
    shutil.copy(TALKS / "factory.png", here / "factory.png")
    templates.serif(here / "serif.pptx")
    outline = here / "talk.yaml"
    outline.write_text((TALKS / "he.yaml").read_text(encoding="utf-8") + "\ntheme:\n  template: serif.pptx\n",
                       encoding="utf-8")
    result = build(outline, here / "talk.pptx")
    out["he-template"] = (result, to_pdf(result.output, here / "talk.pdf"))
    return out


def _lines(page, advance: bool = False) -> list[list[tuple[str, float, float, float]]]:
    """The page's drawn characters grouped into lines: (char, left, right, middle), left and right those of
    the ink, grouped by the ink's middle; or with ``advance`` of the pen (origin and advance: see
    pdfcheck.advances), grouped by baseline (Arabic letters and the digits among them differ in height)."""
    drawn = [(c, b, base) for c, b, base in advances(page)] if advance else [
        (c, b, (b[1] + b[3]) / 2) for c, b, _ in characters(page)]
    chars = sorted(((c, mid, b[0], b[2]) for c, b, mid in drawn), key=lambda t: t[1])
    lines: list[list[tuple[str, float, float, float]]] = []
    for ch, mid, left, right in chars:
        if lines and abs(lines[-1][0][3] - mid) < 4:
            lines[-1].append((ch, left, right, mid))
        else:
            lines.append([(ch, left, right, mid)])
    return [sorted(line, key=lambda t: t[1]) for line in lines]


def _slide_xml(pptx: Path) -> list[etree._Element]:
    with zipfile.ZipFile(pptx) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.search(r"\d+", n).group()))
        return [etree.fromstring(z.read(n)) for n in names]


def _x(line, text: str) -> float:
    """The left edge of the first character of ``text`` found in ``line`` (drawn characters, visual order)."""
    for ch, left, _, _ in line:
        if ch == text:
            return left
    raise AssertionError(f"{text!r} not on the line")


@pytest.mark.parametrize("lang", ["ar", "he", "fa", "he-template"])
def test_right_to_left_paragraphs_are_marked_and_right_aligned(decks, lang):
    result, _ = decks[lang]
    for slide in _slide_xml(result.output):
        for sp in slide.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}sp"):
            name = sp.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr").get("name")
            if name in ("Code", "Slide number") or sp.find(f".//{A}t") is None:
                continue
            for p in sp.iter(f"{A}p"):
                if p.find(f"{A}r") is None:
                    continue
                ppr = p.find(f"{A}pPr")
                assert ppr is not None and ppr.get("rtl") == "1", name
                # A template's footer, date and number keep the alignment of its placeholders.
                template_own = lang.endswith("template") and name.startswith(("Footer", "Date", "Slide Number"))
                assert ppr.get("algn") in ("r", "ctr") or (template_own and ppr.get("algn") is None), name
                cs = {r.get("typeface") for r in p.iter(f"{A}cs")}
                assert cs == {"Noto Sans Hebrew" if lang.startswith("he") else "Noto Sans Arabic"}, name


@pytest.mark.parametrize("lang", ["ar", "he", "fa", "ko", "ja", "he-template"])
def test_no_english_chrome_and_nothing_outside_its_box(decks, lang):
    from pptx import Presentation

    result, pdf = decks[lang]
    assert [w for w in result.warnings if "does not fit" in w.message] == []
    doc = open_pdf(pdf)
    prs = Presentation(str(result.output))
    for n, (page, slide) in enumerate(zip(doc, prs.slides), start=1):
        text = page.get_textpage().get_text_range()
        assert [w for w in ENGLISH_CHROME if w in text] == [], n
        # Arabic's descenders reach below the line LibreOffice sets them on: the planner keeps room for them.
        assert stray_characters(page, text_boxes(slide) + _picture_boxes(slide)) == [], n


def _picture_boxes(slide):
    out = []
    for shape in slide.shapes:
        if shape.shape_type is not None and "Picture" in str(shape.shape_type):
            x, y = shape.left / 12700, shape.top / 12700
            out.append((x, y, x + shape.width / 12700, y + shape.height / 12700))
    return out


def test_arabic_reads_right_to_left_with_its_mixed_runs_in_order(decks):
    _, pdf = decks["ar"]
    doc = open_pdf(pdf)
    # The title slide's date, "18 فبراير 2025": day, month, year from the right (the subtitle's "1952–1957"
    # has no 8).
    date = next(line for line in _lines(doc[0], advance=True) if {"ف", "ب", "8", "2"} <= {c for c, *_ in line})
    day = min(left for ch, left, _, _ in date if ch == "8")
    year = max(left for ch, left, _, _ in date if ch == "5")
    month = _x(date, "ف")
    assert year < month < day  # 2025 … فبراير … 18, read from the right
    # A bullet's first word at the right of its line, its number after it to the left.
    slide5 = _lines(doc[4])
    loan = next(line for line in slide5 if "٪" in "".join(c for c, *_ in line) or "%" in "".join(c for c, *_ in line))
    first_word = max(left for ch, left, _, _ in loan if ch == "ق")  # "قرض", the line's first word
    assert first_word > max(left for ch, left, _, _ in loan if ch.isdigit())  # every number to its left
    # "C++" and "C#" keep their signs after the letter: C, then +, to the right.
    last = _lines(doc[18])
    cpp = next(line for line in last if "+" in "".join(c for c, *_ in line))
    assert _x(cpp, "C") < _x(cpp, "+")
    # The table's first column at the right: the header "الدفعة" right of "المتفق عليها".
    table = _lines(doc[6])
    header = next(line for line in table if "ع" in "".join(c for c, *_ in line) and "ق" in "".join(c for c, *_ in line))
    assert _x(header, "د") > _x(header, "ق")


def test_korean_has_no_gap_between_hangul_and_digits_and_breaks_at_spaces(decks):
    result, pdf = decks["ko"]
    doc = open_pdf(pdf)
    pairs = 0
    for page in doc:
        # Measured from pen to pen: the ink of "7" and "년" stands ~3 pt apart at 24 pt by their side bearings
        # alone; LibreOffice's autospace (outside a Korean locale) put 5.9 pt more between their advances.
        for line in _lines(page, advance=True):
            for (a, _, a_right, _), (b, b_left, _, _) in zip(line, line[1:]):
                if (a.isdigit() and unicodedata.name(b, "").startswith("HANGUL")) or (
                        unicodedata.name(a, "").startswith("HANGUL") and b in ".:"):
                    pairs += 1
                    assert abs(b_left - a_right) < 0.5, (a, b, b_left - a_right)
    assert pairs > 20
    # Korean wraps at spaces: each line LibreOffice drew starts and ends with a whole word of a paragraph the
    # deck wrote ("2019년보다" drawn as "2019 / 년보다" would end one line in "2019" and start the next
    # with "년보다", neither a word of the deck).
    words = {_word(w) for text in _paragraphs(result.output) for w in text.split()}
    checked = 0
    for page in doc:
        for line in page.get_textpage().get_text_range().splitlines():
            for token in {_word(w) for w in line.split()[:1] + line.split()[-1:]}:
                if any(unicodedata.name(ch, "").startswith("HANGUL") for ch in token):
                    checked += 1
                    assert token in words, (token, line)
    assert checked > 50
    with zipfile.ZipFile(result.output) as z:
        assert 'eaLnBrk="0"' in z.read("ppt/slides/slide5.xml").decode()


def _word(text: str) -> str:
    """``text`` without invisible characters (word joiners, bidi isolates) and the punctuation around it."""
    return strip_invisible(text).strip(".,:;!?()[]«»“”")


def _paragraphs(pptx: Path) -> list[str]:
    """The text of every paragraph on the deck's slides, tables' cells included."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else [
                cell.text_frame for row in shape.table.rows for cell in row.cells] if shape.has_table else []
            out += [p.text for frame in frames for p in frame.paragraphs]
    return out


def test_japanese_code_keeps_its_columns_and_folded_lines_join(decks):
    result, pdf = decks["ja"]
    doc = open_pdf(pdf)
    code_page = next(p for p in doc if "print" in p.get_textpage().get_text_range())
    # Columns are where the pen stands: the ink of "i" and "p" starts at other offsets in their cells.
    lines = [line for line in _lines(code_page, advance=True) if line[0][0] in "合fip"]
    by_first = {line[0][0]: line[0][1] for line in lines}
    # "for" at column 0, "if" at column 4, "print" at column 8, each as far right as its indentation says.
    col = (by_first["i"] - by_first["f"]) / 4
    assert col > 0
    assert abs((by_first["p"] - by_first["f"]) - 8 * col) < 1.0
    # "合意 = {" and "合計 = sum(": the "=" of both at column 5.
    eq = [next(left for ch, left, _, _ in line if ch == "=") for line in lines if line[0][0] == "合"]
    assert len(eq) == 2 and abs(eq[0] - eq[1]) < 0.5
    # bio: > folded after "取得後、" joins "JR東海" without a space
    from pptx import Presentation

    bio = " ".join(s.text_frame.text for s in Presentation(str(result.output)).slides[1].shapes if s.has_text_frame)
    assert "取得後、JR東海" in bio


def test_hebrew_prefix_before_a_latin_word_stays_at_its_right(decks):
    """"ו-C#" (and C#) drawn, left to right, as "C#-ו": the Latin word whole, the prefix at its right."""
    _, pdf = decks["he"]
    page = next(p for p in open_pdf(pdf) if "+" in p.get_textpage().get_text_range())  # C++ and C#
    line = next(line for line in _lines(page, advance=True) if {"#", "+"} <= {c for c, *_ in line})
    chars = [c for c, *_ in line]
    at = chars.index("#")
    assert chars[at - 1] == "C" and chars[at + 1:at + 3] == ["-", "ו"], "".join(chars)


def test_code_with_arabic_comments_keeps_one_line_spacing(decks):
    _, pdf = decks["ar"]
    page = next(p for p in open_pdf(pdf) if "print" in p.get_textpage().get_text_range())
    code = [line for line in _lines(page, advance=True) if {"=", "#"} & {c for c, *_ in line}
            or "print" in "".join(c for c, *_ in line)]
    baselines = sorted(line[0][3] for line in code)
    steps = [b - a for a, b in zip(baselines, baselines[1:])]
    assert len(steps) == 5 and max(steps) - min(steps) < 0.5, steps


def test_inline_code_with_japanese_is_set_in_the_monospaced_east_asian_face(tmp_path):
    from .conftest import write_outline

    outline = write_outline(tmp_path, """\
title: 名前の付け方
language: ja
speaker: {name: 平田, bio: 研究者。}
sections:
  - title: 変数
    slides:
      - title: 日本語の名前
        bullets:
          - 変数 `合計 = sum(値)` で足す
        notes: n
""")
    result = build(outline)
    xml = _slide_xml(result.output)[4]
    code_runs = [r for r in xml.iter(f"{A}r") if "合計" in (r.findtext(f"{A}t") or "") or "sum" in (r.findtext(f"{A}t") or "")]
    assert code_runs and {r.find(f"{A}rPr/{A}latin").get("typeface") for r in code_runs} == {"Noto Sans Mono CJK JP"}
    assert {r.find(f"{A}rPr/{A}ea").get("typeface") for r in code_runs} == {"Noto Sans Mono CJK JP"}
    # Drawn so: every Latin character of the code half as wide as an East Asian one (LibreOffice's PDF names
    # the monospaced face of the collection as its first, NotoSansCJKjp, so it is told by its advances).
    page = open_pdf(to_pdf(result.output, tmp_path / "talk.pdf"))[4]
    line = next(line for line in _lines(page, advance=True) if "=" in {c for c, *_ in line})
    width = {ch: right - left for ch, left, right, _ in line}
    assert all(abs(width[ch] - width["合"] / 2) < 0.1 for ch in "sum()="), width


def _links(doc, page) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(address, (left, top, right, bottom) in points from the top) of each link on ``page``."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out = []
    height = page.get_height()
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_LINK:
            rect = pdfium_c.FS_RECTF()
            pdfium_c.FPDFAnnot_GetRect(annot, rect)
            action = pdfium_c.FPDFLink_GetAction(pdfium_c.FPDFAnnot_GetLink(annot))
            buf = ctypes.create_string_buffer(512)
            pdfium_c.FPDFAction_GetURIPath(doc.raw, action, buf, 512)
            out.append((buf.value.decode(), (rect.left, height - rect.top, rect.right, height - rect.bottom)))
        pdfium_c.FPDFPage_CloseAnnot(annot)
    return out


def test_a_link_mixing_arabic_and_latin_is_drawn_in_order_and_clickable(decks):
    """"[أرشيف Wilson Center الرقمي](…)": read from the right, أرشيف, Wilson Center, الرقمي; a link over each."""
    _, pdf = decks["ar"]
    doc = open_pdf(pdf)
    page = doc[18]
    line = next(line for line in _lines(page, advance=True) if "W" in {c for c, *_ in line})
    assert _x(line, "ق") < _x(line, "W") < _x(line, "أ")
    links = [box for address, box in _links(doc, page) if "wilsoncenter" in address]
    for ch in "أWق":
        left, right, middle = next((left, right, middle) for c, left, right, middle in line if c == ch)
        assert any(x0 - 1 <= left and right <= x1 + 1 and y0 <= middle <= y1 for x0, y0, x1, y1 in links), ch
    # The link's line stands as far under the point before it as that point under its own (LibreOffice
    # lifts a line holding an Arabic link 22 pt at 24 pt unless the paragraph is spaced for it).
    # (Its bullet stands 0.4 em low: LibreOffice sets it as on a line of text, which this line is not.)
    body = [line[0][3] for line in _lines(page, advance=True) if line[0][0] != "•" and line[0][3] < 430]
    steps = [b - a for a, b in zip(body[1:], body[2:])]  # the title's line first
    assert len(steps) == 3 and max(steps) - min(steps) < 1.0, steps


def test_on_a_template_a_right_to_left_talk_takes_side_by_side_places_from_the_right(decks):
    """The Hebrew talk on a template: the first column in the layout's right-hand placeholder, the picture at
    the left of its bullets, the table's first column at the right; the template's title and footer where
    the template has them."""
    from pptx import Presentation

    result, pdf = decks["he-template"]
    doc = open_pdf(pdf)
    slides = Presentation(str(result.output)).slides
    columns = next(i for i, p in enumerate(doc) if "במפעלים" in p.get_textpage().get_text_range())
    heads = next(line for line in _lines(doc[columns], advance=True) if {"ר", "ב"} <= {c for c, *_ in line}
                 and "•" not in {c for c, *_ in line})
    assert _x(heads, "ה") > _x(heads, "ב")  # הגרסה הרשמית (the first column) right of במפעלים
    beside = slides[7]
    picture = next(s for s in beside.shapes if s.shape_type is not None and "PICTURE" in str(s.shape_type))
    bullets = next(s for s in beside.shapes if s.has_text_frame and "כשליש" in s.text_frame.text)
    assert picture.left + picture.width <= bullets.left
    header = next(line for line in _lines(doc[6], advance=True) if {"כ", "ש"} <= {c for c, *_ in line})
    # From the right: המנה (the first column), סוכמו, נשארו בין ה-154.
    assert header[-1][0] == "ה" and _x(header, "ש") < _x(header, "כ") < header[-1][1]


def test_table_cells_of_digits_stand_on_the_line_of_their_row(decks):
    """In a right-to-left table LibreOffice draws "1950" in the Arabic font: spaced as Latin text it rose
    out of its row, over the row above."""
    _, pdf = decks["ar"]
    page = open_pdf(pdf)[6]
    body = [(ch, left, base) for ch, (left, _, _, _), base in advances(page) if 140 < base < 430]
    rows = {round(base) for ch, left, base in body if left > 520}  # the first column, at the right
    numbers = [(ch, base) for ch, left, base in body if ch.isdigit() and left < 500]  # the other two
    assert len(rows) >= 5 and len(numbers) >= 10
    assert all(any(abs(base - row) < 1.5 for row in rows) for _, base in numbers), (sorted(rows), numbers)
