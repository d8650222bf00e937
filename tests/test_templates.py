"""Decks on institutions' templates, rendered by LibreOffice: text in the layouts' own placeholders,
in the template's fonts, nothing over its pictures, pictures unstretched, its colours (see templates.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from talkdeck.build import build
from talkdeck.export.convert import to_pdf

from . import templates
from .conftest import needs, write_outline
from .deckcheck import deck_problems
from .ooxml import schema_problems
from .pdfcheck import characters, open_pdf
from .test_deck_xml import EVERY_KIND, every_kind

pytestmark = needs("soffice")

EMU_PER_PT = 12_700
#: Each deck: its template file and the outline's extra theme lines.
DECKS = {"university": ("university.pptx", ""), "band": ("band.pptx", ""), "libreoffice": ("lo.potx", ""),
         "university-16x9": ("university.pptx", '  aspect: "16:9"\n'), "dark": ("dark.pptx", ""),
         "serif": ("serif.pptx", "")}
#: The font LibreOffice draws each template's titles with (Times New Roman is drawn by its twin).
TITLE_FONT = {"university": "LiberationSerif", "band": "DejaVuSans", "libreoffice": "LiberationSerif",
              "university-16x9": "LiberationSerif", "dark": "LiberationSans", "serif": "LiberationSerif"}
ACCENT1 = {"university": "14284B", "band": "E06C2B", "libreoffice": "14284B", "university-16x9": "14284B",
           "dark": "4FC3F7", "serif": "8B1E3F"}


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, tuple[Path, object, Path]]:
    """name → (deck, its Presentation, its PDF), one LibreOffice render each."""
    folder = tmp_path_factory.mktemp("templates")
    every_kind(folder)
    templates.university(folder / "assets" / "university.pptx")
    templates.band(folder / "assets" / "band.pptx")
    templates.libreoffice_potx(folder / "assets" / "lo.potx", tmp_path_factory.mktemp("lo-profile"))
    templates.dark(folder / "assets" / "dark.pptx")
    templates.serif(folder / "assets" / "serif.pptx")
    out = {}
    for name, (file, extra) in DECKS.items():
        outline = write_outline(folder, EVERY_KIND + f"date: 2026-05-04\ntheme:\n  template: assets/{file}\n{extra}",
                                name=f"{name}.yaml")
        build(outline)
        pptx = folder / "build" / f"{name}.pptx"
        out[name] = (pptx, Presentation(str(pptx)), to_pdf(pptx, folder / "build" / f"{name}.pdf"))
    return out


def pt_box(shape) -> tuple[float, float, float, float]:
    return (shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, (shape.left + shape.width) / EMU_PER_PT,
            (shape.top + shape.height) / EMU_PER_PT)


def inside(box, outer, tolerance: float = 2.0) -> bool:
    return (box[0] >= outer[0] - tolerance and box[1] >= outer[1] - tolerance and box[2] <= outer[2] + tolerance
            and box[3] <= outer[3] + tolerance)


def overlap(a, b, shrink: float = 1.0) -> bool:
    return a[0] + shrink < b[2] and b[0] + shrink < a[2] and a[1] + shrink < b[3] and b[1] + shrink < a[3]


def placeholder(slide, kind):
    return next((s for s in slide.placeholders if s.placeholder_format.type == kind), None)


def pages(decks, name):
    pptx, prs, pdf = decks[name]
    return list(zip(prs.slides, open_pdf(pdf)))


@pytest.mark.parametrize("name", DECKS)
def test_the_deck_is_well_formed_and_one_package(decks, name):
    pptx, prs, _ = decks[name]
    assert deck_problems(pptx) == []
    with zipfile.ZipFile(pptx) as z:
        names = z.namelist()
    assert len(names) == len(set(names))
    assert names.count("docProps/core.xml") == 1


@needs("ooxml-validate")
@pytest.mark.parametrize("name", DECKS)
def test_the_deck_passes_the_ecma_376_schemas(decks, name):
    assert schema_problems(decks[name][0]) == ""


@pytest.mark.parametrize("name", DECKS)
def test_titles_are_drawn_inside_the_title_placeholder_in_the_template_title_font(decks, name):
    for number, (slide, page) in enumerate(pages(decks, name), start=1):
        title = slide.shapes.title
        box = pt_box(title)
        chars = characters(page)
        drawn = [(ch, font) for ch, where, font in chars if inside(where, box)]
        want = "".join(title.text_frame.text.split()).upper()
        assert want in "".join(ch for ch, _ in drawn).upper(), (name, number, want)
        fonts = {font for ch, font in drawn}
        assert fonts and all(TITLE_FONT[name] in f for f in fonts), (name, number, fonts)


@pytest.mark.parametrize("name", ["university", "band", "university-16x9"])
def test_titles_sit_where_the_layout_puts_its_title(decks, name):
    for slide, _ in pages(decks, name):
        layout_title = next(ph for ph in slide.slide_layout.placeholders
                            if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE))
        assert pt_box(slide.shapes.title) == pt_box(layout_title)


@pytest.mark.parametrize("name", DECKS)
def test_no_slide_text_lies_over_a_picture_of_the_master_or_layout(decks, name):
    for number, (slide, page) in enumerate(pages(decks, name), start=1):
        owners = [slide.slide_layout.slide_master, slide.slide_layout]
        pictures = [pt_box(s) for owner in owners for s in owner.shapes if s.shape_type == 13]  # PICTURE
        assert pictures
        over = [ch for ch, where, _ in characters(page) if any(overlap(where, p) for p in pictures)]
        assert over == [], (name, number)


@pytest.mark.parametrize("name", DECKS)
def test_every_picture_keeps_its_aspect_ratio(decks, name):
    for number, (_, page) in enumerate(pages(decks, name), start=1):
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        assert images
        for image in images:
            left, bottom, right, top = image.get_bounds()
            w_px, h_px = image.get_px_size()
            drawn, pixels = (right - left) / (top - bottom), w_px / h_px
            if pixels > 10:  # a band's shadow, which LibreOffice draws as a strip of pixels
                continue
            assert abs(drawn / pixels - 1) <= 0.02, (name, number, drawn, pixels)


def test_a_4x3_template_stays_4x3_and_widened_keeps_its_seal_round_in_its_corner(decks):
    assert (decks["university"][1].slide_width, decks["university"][1].slide_height) == (9_144_000, 6_858_000)
    wide = decks["university-16x9"][1]
    assert (wide.slide_width, wide.slide_height) == (12_192_000, 6_858_000)
    seal = next(s for s in wide.slide_master.shapes if s.name == "Seal")
    assert abs(seal.width / seal.height - 1) <= 0.02
    assert (seal.left, seal.top) == (int(0.2 * 914_400), int(0.05 * 914_400))  # the height did not change


@pytest.mark.parametrize("name", DECKS)
def test_footer_slide_number_and_date_are_drawn_inside_their_placeholders(decks, name):
    checked = 0
    for number, (slide, page) in enumerate(pages(decks, name), start=1):
        footer, slide_number = placeholder(slide, PP_PLACEHOLDER.FOOTER), placeholder(slide, PP_PLACEHOLDER.SLIDE_NUMBER)
        if footer is None:
            continue
        chars = characters(page)
        in_footer = "".join(ch for ch, where, _ in chars if inside(where, pt_box(footer)))
        assert in_footer == "AdaExample·Asmalltalk", (name, number)
        assert "".join(ch for ch, where, _ in chars if inside(where, pt_box(slide_number))) == str(number)
        date = placeholder(slide, PP_PLACEHOLDER.DATE)  # the talk has a date, and no master hides it
        assert "".join(ch for ch, where, _ in chars if inside(where, pt_box(date))) == "4May2026"
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("name", DECKS)
def test_slides_use_the_layouts_made_for_them(decks, name):
    by_kind = {slide.slide_layout.name for slide in decks[name][1].slides if slide.shapes.title.text in
               ("The numbers", "A map", "A table")}
    # The dark template has three layouts: title slide, title and content, picture with caption.
    assert by_kind == ({"Title and Content"} if name == "dark" else {"Title Only"})
    divider = next(s for s in decks[name][1].slides if s.shapes.title.text.upper() == "ONLY PART")
    # Without a section layout a divider takes the title slide's, so that it still reads as one (not an empty
    # content slide).
    assert divider.slide_layout.name == {"libreoffice": "Title Slide", "dark": "Title Slide"}.get(
        name, "Section Header")
    assert divider._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}bg") is None


@pytest.mark.parametrize("name", DECKS)
def test_tables_and_charts_take_the_template_colours(decks, name):
    pptx, prs, _ = decks[name]
    table = next(s for slide in prs.slides for s in slide.shapes if s.has_table).table
    assert str(table.cell(0, 0).fill.fore_color.rgb) == ACCENT1[name]
    chart = next(s for slide in prs.slides for s in slide.shapes if s.name.startswith("Chart:"))
    import io

    with Image.open(io.BytesIO(chart.image.blob)) as png:
        assert png.mode == "RGBA" and png.getpixel((0, 0))[3] == 0  # drawn on the slide's own background


def test_check_warns_at_the_template_line_when_no_room_is_left(outline_dir, run_cli):
    templates.crowded(outline_dir / "assets" / "crowded.pptx")
    every_kind(outline_dir, "template: assets/crowded.pptx\n")
    result = run_cli("check", "talk.yaml")
    line = next(i for i, text in enumerate((outline_dir / "talk.yaml").read_text().splitlines(), 1)
                if "template:" in text)
    assert (f"talk.yaml:{line}:13: warning: theme.template: the template cannot hold what talkdeck adds: its "
            "layout 'Title and Content' leaves no room of at least 3 × 1.5 in for charts, pictures and tables "
            "clear of the master's drawings") in result.output


def test_a_template_without_two_content_or_title_only_layouts_still_serves(outline_dir):
    templates.sparse(outline_dir / "assets" / "sparse.pptx")
    build(every_kind(outline_dir, "template: assets/sparse.pptx\n"))
    deck = outline_dir / "build" / "talk.pptx"
    assert deck_problems(deck) == []
    prs = Presentation(str(deck))
    by_title = {slide.shapes.title.text: slide for slide in prs.slides}
    assert by_title["The numbers"].slide_layout.name == "Title and Content"
    assert not [s for s in by_title["The numbers"].placeholders if s.placeholder_format.idx == 1]  # no empty body
    columns = [s for s in by_title["Two sides"].shapes if s.has_text_frame and "One" in s.text_frame.text
               or s.has_text_frame and s.text_frame.text.startswith("Two\n")]
    assert len(columns) == 2 and columns[0].left + columns[0].width <= columns[1].left


@pytest.mark.parametrize("name", DECKS)
def test_what_talkdeck_adds_stays_clear_of_the_master_and_layout_drawings(decks, name):
    added = 0
    for slide, _ in pages(decks, name):
        layout = slide.slide_layout
        drawings = [pt_box(s) for owner in (layout.slide_master, layout) for s in owner.shapes if not s.is_placeholder]
        for shape in slide.shapes:
            if shape.is_placeholder:
                continue
            added += 1
            assert not any(overlap(pt_box(shape), d) for d in drawings), (name, slide.shapes.title.text, shape.name)
    assert added >= 6  # the chart, two pictures, the table, the sources and captions


def test_what_the_theme_names_wins_over_the_template(outline_dir):
    templates.band(outline_dir / "assets" / "band.pptx")
    build(every_kind(outline_dir, "template: assets/band.pptx\nfont: Liberation Sans\naccent: '#B22222'\n"))
    prs = Presentation(str(outline_dir / "build" / "talk.pptx"))
    titles = {run.font.name for slide in prs.slides for p in slide.shapes.title.text_frame.paragraphs
              for run in p.runs}
    assert titles == {"Liberation Sans"}
    table = next(s for slide in prs.slides for s in slide.shapes if s.has_table).table
    assert str(table.cell(0, 0).fill.fore_color.rgb) == "B22222"


def test_a_footer_too_long_for_its_placeholder_is_set_smaller(outline_dir):
    from talkdeck.text.fit import text_width

    templates.university(outline_dir / "assets" / "university.pptx")
    outline = every_kind(outline_dir, "template: assets/university.pptx\n")
    long = "Ada Example · Department of Rather Long Names · University of Example"
    outline.write_text(f"footer: {long}\n" + outline.read_text())
    build(outline)
    slide = Presentation(str(outline_dir / "build" / "talk.pptx")).slides[1]
    footer = placeholder(slide, PP_PLACEHOLDER.FOOTER)
    [run] = footer.text_frame.paragraphs[0].runs
    assert run.text == long and 8 <= run.font.size.pt < 12
    assert text_width(long, run.font.size.pt, "Liberation Sans", "Noto Sans CJK SC") <= footer.width / EMU_PER_PT - 14.4
