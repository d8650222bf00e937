"""Emphasis, links, definitions and code in English, Chinese and Russian, on a dark theme:
checked in the deck and in what LibreOffice draws."""

from __future__ import annotations

import ctypes
import subprocess
import sys

import pypdfium2.raw as pdfium_c
import pytest
from pptx import Presentation

from talkdeck.text.color import contrast

from .conftest import needs, write_outline
from .deckcheck import deck_problems
from .ooxml import schema_problems
from .pdfcheck import characters, open_pdf, page_text, stray_characters, text_boxes

LECTURE = """\
title: Climate *data* for **historians**
subtitle: Reading the `NOAAGlobalTemp` series
speaker:
  name: Ada Example
  bio: Ada wrote *A Century of Weather* and keeps [the archive](https://example.org/archive).
language: en-GB
theme:
  background: "#111827"
  text: "#F3F4F6"
  muted: "#9CA3AF"
  accent: "#B45309"
sections:
  - title: Terms and sources
    slides:
      - title: Terms we will use
        bullets:
          - Anomaly: the difference from a **baseline** period
          - Proxy: evidence such as *tree rings* or ice cores
          - Reanalysis: a model run held to observations, e.g. `ERA5`
          - Read the [IPCC glossary](https://www.ipcc.ch/sr15/chapter/glossary/) first
          - 2 * 3 stars and 1. stay text
        notes: Define the terms; the [glossary](https://www.ipcc.ch/sr15/chapter/glossary/) is linked.
      - title: Reading the series
        language: python
        code: |
          import pandas as pd

          temps = pd.read_csv("noaa_global.csv")
          for year, row in temps.iterrows():
              if row.anomaly > 1.0:
                  print(year)  # a warm year
        notes: Walk through the script.
  - title: 术语与“来源”
    slides:
      - title: 我们使用的“术语”与“来源”，以及它们在气候史研究中的“含义”
        bullets:
          - 距平: 与**基准期**的差值
          - 参见[IPCC术语表](https://www.ipcc.ch/sr15/chapter/glossary/)…
        notes: 解释术语。
      - title: Series compared
        table:
          - [Series, From, Notes]
          - ["`NOAAGlobalTemp`", "1850", "*monthly*, see [NOAA](https://www.ncei.noaa.gov/)"]
        source: NOAA
        notes: Two series.
      - title: Термины
        bullets:
          - Аномалия: отклонение от *базового* периода
          - Реанализ: модель, например `ERA5`
        notes: Объясните.
      - title: Long code
        code: |
""" + "".join(f"          value_{i} = compute({i})  # step {i}\n" for i in range(30)) + """\
        notes: Too long on purpose.
"""


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lecture")
    write_outline(folder, LECTURE)
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "--pdf"], capture_output=True, text=True,
                          cwd=folder)
    assert done.returncode == 0, done.stderr
    prs = Presentation(str(folder / "build" / "talk.pptx"))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    return folder, done, prs, titles


def test_code_too_long_is_warned_at_its_line(lecture):
    _, done, _, _ = lecture
    assert ("talk.yaml:52:15: warning: slide 'Long code' (line 51), code: code does not fit its box even at 14 pt "
            "(30 lines, the longest 33 characters); shorten it or split the slide") in done.stderr.splitlines()


def test_runs_carry_their_faces_and_links_in_the_deck(lecture):
    _, _, prs, titles = lecture
    slide = prs.slides[titles.index("Terms we will use")]
    runs = [r for p in slide.placeholders[1].text_frame.paragraphs for r in p.runs]
    faces = {r.text: (r.font.bold, r.font.italic, r.font.name, r.hyperlink.address) for r in runs}
    assert faces["Anomaly"] == (True, False, "Calibri", None)
    assert faces["baseline"] == (True, False, "Calibri", None)
    assert faces["tree rings"] == (False, True, "Calibri", None)
    assert faces["ERA5"] == (False, False, "Courier New", None)
    assert faces["IPCC glossary"] == (False, False, "Calibri", "https://www.ipcc.ch/sr15/chapter/glossary/")
    assert "2 * 3 stars and 1. stay text" in faces
    assert [p.text for p in slide.placeholders[1].text_frame.paragraphs][:2] == [
        "Anomaly: the difference from a baseline period", "Proxy: evidence such as tree rings or ice cores"]


def test_table_cells_take_inline_markup(lecture):
    _, _, prs, titles = lecture
    slide = prs.slides[titles.index("Series compared")]
    table = next(s for s in slide.shapes if s.has_table).table
    assert [(r.text, r.font.name, r.font.italic, r.hyperlink.address) for p in table.cell(1, 0).text_frame.paragraphs
            for r in p.runs] == [("NOAAGlobalTemp", "Courier New", False, None)]
    assert [(r.text, r.font.italic, r.hyperlink.address) for r in table.cell(1, 2).text_frame.paragraphs[0].runs] == [
        ("monthly", True, None), (", see ", False, None), ("NOAA", False, "https://www.ncei.noaa.gov/")]


def test_scripts_are_told_apart_on_the_whole_paragraph(lecture):
    """The ellipsis after a link in Chinese is Chinese too, though it is a run of its own."""
    _, _, prs, titles = lecture
    slide = prs.slides[titles.index("我们使用的“术语”与“来源”，以及它们在气候史研究中的“含义”")]
    runs = [r for r in slide.placeholders[1].text_frame.paragraphs[1].runs]
    assert [(r.text, r._r.rPr.get("lang"), r.hyperlink.address is not None) for r in runs] == [
        ("参见", "zh-CN", False), ("IPCC", "en-GB", True), ("术语表", "zh-CN", True), ("…", "zh-CN", False)]


def test_notes_keep_the_words_without_the_marks(lecture):
    _, _, prs, titles = lecture
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert notes[titles.index("Terms we will use")].split("\n\n")[0] == \
        "Define the terms; the glossary (https://www.ipcc.ch/sr15/chapter/glossary/) is linked."
    assert notes[0].startswith("Title slide. Climate data for historians: Reading the NOAAGlobalTemp series.")
    assert not any("*" in n or "`" in n for n in notes)


def test_the_deck_is_well_formed(lecture):
    folder, _, _, _ = lecture
    assert deck_problems(folder / "build" / "talk.pptx") == []


@needs("ooxml-validate")
def test_the_deck_passes_the_ecma_376_schemas(lecture):
    folder, _, _, _ = lecture
    assert schema_problems(folder / "build" / "talk.pptx") == ""


def fonts_of(page, word: str) -> set[str]:
    """The fonts LibreOffice drew ``word`` with (its first occurrence on ``page``)."""
    chars = characters(page)
    text = "".join(ch for ch, _, _ in chars)
    start = text.index(word.replace(" ", ""))
    return {font for _, _, font in chars[start:start + len(word.replace(" ", ""))]}


@needs("soffice")
def test_formatted_runs_are_drawn_in_their_faces(lecture):
    folder, _, _, titles = lecture
    doc = open_pdf(folder / "build" / "talk.pdf")
    page = doc[titles.index("Terms we will use")]
    assert fonts_of(page, "Anomaly") == {"Carlito-Bold"}
    assert fonts_of(page, "tree rings") == {"Carlito-Italic"}
    assert fonts_of(page, "ERA5") == {"LiberationMono"}
    assert fonts_of(page, "evidence") == {"Carlito"}
    bio = doc[titles.index("Ada Example")]
    assert fonts_of(bio, "A Century of Weather") == {"Carlito-Italic"}
    code = doc[titles.index("Reading the series")]
    assert fonts_of(code, "import") == {"LiberationMono"}  # github-dark sets keywords in colour only
    assert fonts_of(code, "# a warm year") == {"LiberationMono-Italic"}


def link_uris(doc) -> list[tuple[int, str]]:
    """(page index, URI) of every link annotation in the PDF."""
    out = []
    for i, page in enumerate(doc):
        for k in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_LINK:
                continue
            action = pdfium_c.FPDFLink_GetAction(pdfium_c.FPDFAnnot_GetLink(annot))
            size = pdfium_c.FPDFAction_GetURIPath(doc.raw, action, None, 0)
            buf = ctypes.create_string_buffer(size)
            pdfium_c.FPDFAction_GetURIPath(doc.raw, action, buf, size)
            out.append((i, buf.value.decode()))
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return out


@needs("soffice")
def test_links_are_clickable_in_the_pdf(lecture):
    folder, _, _, titles = lecture
    uris = link_uris(open_pdf(folder / "build" / "talk.pdf"))
    glossary = "https://www.ipcc.ch/sr15/chapter/glossary/"
    assert (titles.index("Ada Example"), "https://example.org/archive") in uris
    assert (titles.index("Terms we will use"), glossary) in uris
    assert (titles.index("我们使用的“术语”与“来源”，以及它们在气候史研究中的“含义”"), glossary) in uris
    assert (titles.index("Series compared"), "https://www.ncei.noaa.gov/") in uris
    assert {uri for _, uri in uris} == {"https://example.org/archive", glossary, "https://www.ncei.noaa.gov/"}


def line_origins(page) -> list[tuple[float, str]]:
    """Each drawn line of ``page`` as (x of its first character's origin in points, its text)."""
    textpage = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: dict[float, list[tuple[float, str]]] = {}
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip():
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        lines.setdefault(round(y.value), []).append((x.value, ch))
    return [(chars[0][0], "".join(c for _, c in chars)) for _, chars in sorted(lines.items(), reverse=True)]


@needs("soffice")
def test_a_code_slide_keeps_its_lines_and_indentation(lecture):
    folder, _, prs, titles = lecture
    index = titles.index("Reading the series")
    page = open_pdf(folder / "build" / "talk.pdf")[index]
    code = next(s for s in prs.slides[index].shapes if s.name == "Code")
    size = code.text_frame.paragraphs[0].runs[0].font.size.pt
    written = [line for line in LECTURE.split("code: |\n")[1].split("\n        notes")[0].split("\n")
               if line.strip()]
    indents = [(len(line) - len(line.lstrip())) for line in written]
    drawn = [(x, text) for x, text in line_origins(page) if text.replace(" ", "") in
             {w.replace(" ", "") for w in written}]
    assert [text for _, text in drawn] == [w.replace(" ", "") for w in written]
    left = drawn[0][0]
    for (x, text), indent in zip(drawn, [i - indents[0] for i in indents]):
        # Liberation Mono advances 0.6 em a character.
        assert x - left == pytest.approx(indent * 0.6 * size, abs=0.5), text


@needs("soffice")
def test_no_character_is_outside_its_box_or_above_the_slide(lecture):
    folder, _, prs, titles = lecture
    doc = open_pdf(folder / "build" / "talk.pdf")
    for page, slide, title in zip(doc, prs.slides, titles):
        if title == "Long code":
            continue  # warned about: it cannot fit at the floor
        assert stray_characters(page, text_boxes(slide)) == [], title
    # The Chinese title with its curly quotes is on the page, whole.
    index = titles.index("我们使用的“术语”与“来源”，以及它们在气候史研究中的“含义”")
    assert "我们使用的“术语”与“来源”，以及它们在气候史研究中的“含义”" in page_text(doc[index])


def test_code_on_a_template_has_its_own_colours_on_its_own_panel(outline_dir, run_cli):
    """On a template, text takes the template's colours; code sits on talkdeck's panel, so its
    runs carry their colours (a dark template's light text would vanish on a light panel)."""
    from .conftest import MINIMAL

    (outline_dir / "assets").mkdir()
    Presentation().save(str(outline_dir / "assets" / "house.pptx"))
    write_outline(outline_dir, MINIMAL.replace("sections:", "theme:\n  template: assets/house.pptx\nsections:")
                  + "      - title: Code\n        code: |\n          x = 1\n            y = 2\n        notes: n\n")
    assert run_cli("build").exit_code == 0
    slide = Presentation("build/talk.pptx").slides[-2]
    code = next(s for s in slide.shapes if s.name == "Code")
    runs = [r for p in code.text_frame.paragraphs for r in p.runs]
    assert [r.text for r in runs] == ["x = 1", "  y = 2"]
    panel = "#" + str(code.fill.fore_color.rgb)
    colors = {"#" + str(r.font.color.rgb) for r in runs}  # every run has its own colour ...
    assert min(contrast(c, panel) for c in colors) >= 4.5  # ... and reads on the panel
