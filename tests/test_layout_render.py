"""Layout as LibreOffice draws it: tables sized to their text, text beside a picture, nothing above
the slide — read back from the PDF (each character's box) and from the deck."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from talkdeck.text.color import contrast

from .conftest import needs, write_outline
from .deckcheck import deck_problems
from .pdfcheck import characters, open_pdf, page_text, stray_characters, text_boxes

pytestmark = needs("soffice")

WORDS = ["Народнохозяйственного", "Сельскохозяйственное", "Железнодорожный", "Капиталовложения",
         "Машиностроительный", "Электрификация"]
DARK = textwrap.dedent("""\
    title: Пятилетка
    language: ru-RU
    theme:
      background: "#111827"
      text: "#F3F4F6"
      muted: "#9CA3AF"
      accent: "#B45309"
    speaker:
      name: Ада Пример
      bio: Ада читает короткие доклады.
    charts:
      sectors:
        type: bar
        title: Проекты по отраслям
        unit: проекты
        data: {Энергетика: 52, Оборона: 44, Машиностроение: 24, Металлургия: 20}
        source: Бо Ибо (1991), с. 297
    sections:
      - title: Единственная часть
        slides:
          - title: Широкая таблица
            source: Госплан СССР (1957)
            notes: n
            table:
              - [Отрасль, Предприятия, Сумма, Доля, Машиностроительный, Электрификация, Примечание]
              - [Народнохозяйственного комплекса, "1,234", "−5", "12%", Сельскохозяйственное, Железнодорожный, Капиталовложения]
              - [Уголь, "52", "17", "3.5%", Нет, Да, Нет]
          - quote: Сегодня Советского Союза — наше завтра
            by: Лозунг 1950-х годов
            notes: n
          - title: Уровни
            notes: n
            bullets:
              - Первый уровень:
                - Второй уровень:
                  - Третий уровень
          - title: Диаграмма рядом с тезисами
            notes: n
            chart: sectors
            bullets:
              - Энергетика — первая, 52 проекта
              - Затем оборонная промышленность
              - Машиностроение на третьем месте
          - title: Снимок слева
            notes: n
            figure_side: left
            image: map.png
            alt: Синяя карта с жёлтым кругом
            caption: Район в 1955 году
            bullets:
              - В районе были уголь и железо
              - Железные дороги шли с севера
          - title: Диаграмма и снимок в колонках
            notes: n
            columns:
              - heading: Отрасли
                chart: sectors
              - heading: Карта
                image: map.png
                alt: Карта
    """)

LONG_TITLE = ("A title that runs on and on about the First Five-Year Plan, the 156 projects, the Soviet experts "
              "and the cities they built around the new works in the north-east, far longer than two lines at any size")
OVERFULL = textwrap.dedent(f"""\
    title: A talk whose title and speaker make a footer far too long for one line at any size we allow
    footer: A talk whose title and speaker make a footer far too long for one line at any size we allow, with the event, the date, the venue, the city, the organisers and the sponsors all named in it too
    speaker:
      name: Ada Example
      bio: Ada gives small talks.
    sections:
      - title: Only part
        slides:
          - title: {LONG_TITLE}
            notes: n
            bullets: [one, two]
          - title: Eight by twelve
            source: Made up for the test
            notes: n
            table:
    """) + "".join("          - [" + ", ".join(
        f'"{(r + 1) * (c + 3) * 17}"' if c and r else (f"Column {c}" if r == 0 else f"Row {r}") for c in range(8)) + "]\n"
        for r in range(12))


def _build(folder: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "talkdeck", "build", "--pdf"], capture_output=True, text=True,
                          cwd=folder)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def dark(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dark")
    image = Image.new("RGB", (800, 600), "#336699")
    image.paste(Image.new("RGB", (400, 300), "#DDAA33"), (200, 150))
    image.save(folder / "map.png")
    write_outline(folder, DARK)
    done = _build(folder)
    return Presentation(str(folder / "build" / "talk.pptx")), open_pdf(folder / "build" / "talk.pdf"), done, folder


@pytest.fixture(scope="module")
def overfull(tmp_path_factory):
    folder = tmp_path_factory.mktemp("overfull")
    write_outline(folder, OVERFULL)
    done = _build(folder)
    return Presentation(str(folder / "build" / "talk.pptx")), open_pdf(folder / "build" / "talk.pdf"), done


def _slide(prs, title: str):
    number, slide = next((i, s) for i, s in enumerate(prs.slides) if s.shapes.title.text_frame.text == title)
    return number, slide


def _shape(slide, prefix: str):
    return next(s for s in slide.shapes if s.name.startswith(prefix))


def _box_pt(shape) -> tuple[float, float, float, float]:
    left, top, width, height = (Emu(v).pt for v in (shape.left, shape.top, shape.width, shape.height))
    return left, top, left + width, top + height


def test_the_well_set_deck_draws_no_character_outside_its_box_or_the_slide(dark):
    prs, pdf, done, _ = dark
    assert "warning" not in done.stderr, done.stderr
    for number, (page, slide) in enumerate(zip(pdf, prs.slides), start=1):
        assert stray_characters(page, text_boxes(slide)) == [], f"slide {number}"


def test_the_dark_deck_is_well_formed(dark):
    prs, _, _, folder = dark
    assert deck_problems((folder / "build" / "talk.pptx").read_bytes()) == []


def test_no_table_word_is_split_without_a_hyphen(dark):
    prs, pdf, _, _ = dark
    number, slide = _slide(prs, "Широкая таблица")
    text = pdf[number].get_textpage().get_text_range()
    # pdfium reads a hyphen that ends a line as U+FFFE and joins the word's halves; a word broken
    # without a hyphen keeps the line break between its halves.
    joined = re.sub(r"-\r?\n", "", text.replace("\ufffe", ""))
    for word in WORDS:
        assert word in joined, (word, text)
    assert "\ufffe" in text or re.search(r"-\r?\n", text), "at this width some word is hyphenated"
    drawn = characters(pdf[number])
    assert any(ch in "-\ufffe" for ch, _, _ in drawn)


def test_columns_are_wider_for_longer_content(dark):
    prs, _, _, _ = dark
    _, slide = _slide(prs, "Широкая таблица")
    table = _shape(slide, "Table").table
    widths = [col.width for col in table.columns]
    # The numbers' columns are the narrowest; the one with two words the widest.
    assert max(widths[1:4]) < min(widths[0], *widths[4:])
    assert widths[0] == max(widths)
    assert sum(widths) == _shape(slide, "Table").width


def test_numbers_are_right_aligned(dark):
    prs, pdf, _, _ = dark
    number, slide = _slide(prs, "Широкая таблица")
    chars = characters(pdf[number])
    text = "".join(c for c, _, _ in chars)

    def right_edge(value: str) -> tuple[float, float]:
        at = text.index(value)
        boxes = [box for _, box, _ in chars[at:at + len(value)]]
        return boxes[0][0], boxes[-1][2]

    (l1, r1), (l2, r2) = right_edge("1,234"), right_edge("52")
    assert abs(r1 - r2) < 1.5 and l1 < l2 - 5
    (l1, r1), (l2, r2) = right_edge("12%"), right_edge("3.5%")
    assert abs(r1 - r2) < 1.5
    cell = _shape(slide, "Table").table.cell(2, 1)
    assert cell.text_frame.paragraphs[0].alignment == 3  # PP_ALIGN.RIGHT


def test_header_and_bands_are_readable_on_the_dark_theme(dark):
    prs, _, _, _ = dark
    _, slide = _slide(prs, "Широкая таблица")
    table = _shape(slide, "Table").table
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            fill = "#" + str(cell.fill.fore_color.rgb)
            run = cell.text_frame.paragraphs[0].runs[0]
            assert contrast("#" + str(run.font.color.rgb), fill) >= 4.5, (r, fill)
    assert str(table.cell(2, 0).fill.fore_color.rgb) not in ("F1F3F5", "111827")  # a band, and a dark one


def test_a_quote_without_a_title_shows_who_said_it(dark):
    prs, pdf, _, _ = dark
    number, _ = _slide(prs, "Цитата")
    assert "—Лозунг1950-хгодов" in page_text(pdf[number])
    assert page_text(pdf[number]).count("Лозунг1950-хгодов") == 1  # shown once: the title is not the author


def test_sub_point_levels_have_their_own_marker_and_size(dark):
    prs, pdf, _, _ = dark
    number, slide = _slide(prs, "Уровни")
    paras = [p for p in slide.placeholders[1].text_frame.paragraphs]
    markers = [p._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar").get("char")
               for p in paras]
    sizes = [p.runs[0].font.size.pt for p in paras]
    assert len(set(markers)) == 3 and sizes[0] > sizes[1] > sizes[2]
    chars = characters(pdf[number])
    assert "Третийуровень" in page_text(pdf[number])
    first = next(b for c, b, _ in chars if c == "П")  # Первый
    third = next(b for c, b, _ in chars if c == "Т")  # Третий
    assert (third[3] - third[1]) < (first[3] - first[1])


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("title, side", [("Диаграмма рядом с тезисами", "right"), ("Снимок слева", "left")])
def test_a_picture_beside_bullets_sits_on_its_side_and_no_text_overlaps_it(dark, title, side):
    prs, pdf, _, _ = dark
    number, slide = _slide(prs, title)
    picture = _box_pt(_shape(slide, "Chart" if "Диаграмма" in title else "Picture"))
    body = next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith(("Энергетика", "В районе")))
    text = _box_pt(body)
    assert not _overlap(picture, text)
    assert (picture[0] > text[2]) if side == "right" else (picture[2] < text[0])
    for ch, box, _ in characters(pdf[number]):
        assert not _overlap(box, picture), ch


def test_a_chart_beside_bullets_is_drawn_at_the_size_of_its_half(dark):
    prs, _, _, _ = dark
    _, slide = _slide(prs, "Диаграмма рядом с тезисами")
    pic = _shape(slide, "Chart")
    with Image.open(__import__("io").BytesIO(pic.image.blob)) as img:
        dpi = img.info["dpi"][0]
        assert abs(img.width / dpi - Emu(pic.width).inches) < 0.02
        assert abs(img.height / dpi - Emu(pic.height).inches) < 0.02
    assert Emu(pic.width).inches < 7  # half the body, not all of it


def test_columns_hold_a_chart_and_a_picture(dark):
    prs, _, _, _ = dark
    _, slide = _slide(prs, "Диаграмма и снимок в колонках")
    chart, picture = _box_pt(_shape(slide, "Chart")), _box_pt(_shape(slide, "Picture"))
    assert chart[2] < picture[0]
    headings = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text in ("Отрасли", "Карта")]
    assert len(headings) == 2 and all(_box_pt(h)[3] <= min(chart[1], picture[1]) + 1 for h in headings)


def test_overfull_title_footer_and_table_are_warned_with_exact_messages(overfull):
    _, _, done = overfull
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert ("talk.yaml:2:9: warning: footer: the footer takes 2 lines even at 10 pt (it has room for one); "
            "write a shorter 'footer:'") in warnings
    assert ("talk.yaml:9:16: warning: slide 'A title that runs on and on about the F…', title: title takes "
            "3 lines even at 28 pt (its box holds 2); shorten it") in warnings
    assert ("talk.yaml:16:11: warning: slide 'Eight by twelve' (line 12), table: the rows do not fit one slide even "
            "at 18 pt: the last row continues on 'Eight by twelve (2)'; shorten them or split the slide") in warnings


def test_nothing_is_drawn_above_the_slide(overfull):
    prs, pdf, _ = overfull
    for number, page in enumerate(pdf, start=1):
        assert all(box[1] >= -0.5 for _, box, _ in characters(page)), f"slide {number}"
    number, slide = _slide(prs, LONG_TITLE)
    title_top = slide.shapes.title.top.pt
    tops = [box[1] for ch, box, _ in characters(pdf[number]) if ch in LONG_TITLE and box[1] < 150]
    assert min(tops) >= title_top - 1  # the title grows down from its box, never up
