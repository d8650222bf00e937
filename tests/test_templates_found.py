"""What real templates fetched from public repositories showed, each reproduced by a small template made here.

The real files are never committed: each test builds the property that broke (a section layout holding a
title alone, ...) with python-pptx.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from talkdeck.build import build
from talkdeck.deck.geometry import read_frame
from talkdeck.deck.roles import choose_layouts
from talkdeck.deck.template import TemplateError, layouts_by_role, open_presentation, pick_beside_layout
from talkdeck.layout import Box
from talkdeck.plan.frame import overlaps

from . import templates
from .conftest import MINIMAL, write_outline
from .test_deck_xml import every_kind


def _layout(prs, name: str):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def _title_alone_section(path: Path) -> Path:
    """python-pptx's design whose Section Header holds only a centred title half-way down, over where the
    master's body lies (a university's course template: its dividers are a title in a frame)."""
    prs = Presentation()
    section = _layout(prs, "Section Header")
    for ph in list(section.placeholders):
        if ph.placeholder_format.type != PP_PLACEHOLDER.TITLE:
            ph._element.getparent().remove(ph._element)
    title = next(iter(section.placeholders))
    title._element.find(f".//{qn('p:ph')}").set("type", "ctrTitle")
    title.left, title.top, title.width, title.height = 685800, 2700000, 7772400, 1470025
    prs.save(str(path))
    return path


def test_a_section_layout_holding_a_title_alone_keeps_the_title_where_it_is_drawn(tmp_path):
    # Seen on a course template: the divider's title was moved to the top, its part number set in the master's
    # body area, and the divider read as a content slide.
    frame = read_frame(open_presentation(_title_alone_section(tmp_path / "course.pptx")))
    section = frame.layouts["section"]
    assert section.name == "Section Header"
    assert section.title == Box(685800, 2700000, 7772400, 1470025)
    assert section.content is not None and not overlaps(section.content, section.title)
    assert section.content.y >= section.title.y + section.title.h
    assert (section.content.x, section.content.w) == (section.title.x, section.title.w)


def _second_master(prs) -> None:
    """Add to ``prs`` a copy of its slide master with a copy of each of its layouts (as LibreOffice exports an
    Impress template: every master with a whole set of layouts of the same names)."""
    first = prs.slide_master.part
    package = first.package
    master = SlideMasterPart.load(PackURI("/ppt/slideMasters/slideMaster2.xml"), first.content_type, package,
                                  first.blob)
    master.relate_to(first.part_related_by(RT.THEME), RT.THEME)
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in list(id_list):
        id_list.remove(entry)
    for i, layout in enumerate(prs.slide_layouts):
        part = SlideLayoutPart.load(PackURI(f"/ppt/slideLayouts/slideLayout{101 + i}.xml"),
                                    layout.part.content_type, package, layout.part.blob)
        part.relate_to(master, RT.SLIDE_MASTER)
        etree.SubElement(id_list, qn("p:sldLayoutId"), {"id": str(2147483800 + i), qn("r:id"): master.relate_to(
            part, RT.SLIDE_LAYOUT)})
    masters = prs.part._element.find(qn("p:sldMasterIdLst"))
    etree.SubElement(masters, qn("p:sldMasterId"), {"id": str(2147483790), qn("r:id"): prs.part.relate_to(
        master, RT.SLIDE_MASTER)})


def _impress_masters(path: Path, width: int = 9144000, height: int = 6858000) -> Path:
    """Two masters of the same layouts, the first a cover's: a grey panel drawn over its top three quarters."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = width, height
    _second_master(prs)
    templates._rect(prs.slide_master, 0, 0, width, height * 3 // 4, "DDDDDD", "Cover panel")
    prs.save(str(path))
    return path


def test_content_is_built_on_the_master_that_leaves_it_room_not_the_first(tmp_path):
    # Seen on an Impress template saved by LibreOffice: four masters, the cover's first; every chart, table
    # and picture was squeezed under the cover's panel.
    prs = open_presentation(_impress_masters(tmp_path / "impress.potx"))
    content = layouts_by_role(prs)["content"]
    assert content.slide_master == prs.slide_master
    assert not any(not s.is_placeholder for s in prs.slide_master.shapes)  # the plain master
    frame = read_frame(prs)
    assert frame.layouts["content"].content.h > frame.height / 2


def test_every_master_is_scaled_to_the_deck_s_size(tmp_path):
    # A 10 × 5.625 in template is widened to 13.333 × 7.5 in: the masters it does not build on too, or a
    # speaker who picks one of their layouts in PowerPoint gets a design a quarter too small.
    path = _impress_masters(tmp_path / "impress.pptx", 9144000, 5143500)
    before = [_title_width(master) for master in Presentation(str(path)).slide_masters]
    prs = open_presentation(path)
    assert prs.slide_width == 12192000
    assert sorted(_title_width(master) for master in prs.slide_masters) == sorted(w * 4 // 3 for w in before)


def _title_width(master) -> int:
    return next(ph.width for ph in master.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE)


def _add_body(prs, layout, idx: int, shape_id: int, box: tuple[int, int, int, int]) -> None:
    """Add to ``layout`` a plain body placeholder (a copy of the Section Header's) numbered ``idx`` at ``box``
    (left, top, width, height in EMU)."""
    body = next(ph for ph in _layout(prs, "Section Header").placeholders
                if ph.placeholder_format.type == PP_PLACEHOLDER.BODY)
    slot = copy.deepcopy(body._element)
    slot.find(f".//{qn('p:ph')}").set("idx", str(idx))
    slot.find(f".//{qn('p:cNvPr')}").set("id", str(shape_id))
    layout.shapes._spTree.append(slot)
    placed = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == idx)
    placed.left, placed.top, placed.width, placed.height = box


def _source_slot(path: Path) -> Path:
    """python-pptx's design whose Title and Content and Blank layouts carry a "Source" text placeholder along
    the foot of the slide, left of the slide number, and no two-column layout (a university's course
    template)."""
    prs = Presentation()
    templates._drop_layouts(prs, {"Title Slide", "Title and Content", "Section Header", "Title Only", "Blank"})
    for name in ("Title and Content", "Blank"):
        _add_body(prs, _layout(prs, name), 13, 40, (457200, 6356350, 5760000, 365125))
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def test_a_source_slot_in_the_footer_strip_is_no_second_body(tmp_path):
    # Seen on a university's course template: its content layout's "Source" line made it a two-body layout,
    # and the template was refused for want of a title-and-content layout.
    prs = open_presentation(_source_slot(tmp_path / "course.potx"))
    assert layouts_by_role(prs)["content"].name == "Title and Content"
    content = read_frame(prs).layouts["content"]
    assert len(content.bodies) == 1 and content.bodies[0].y < 6356350 - 365125


def test_no_text_is_set_in_a_source_slot_and_the_empty_slot_is_left_out(tmp_path):
    # The second column of a split content layout was set in the "Source" slot, centred down its height as the
    # slot's style says, a line lower than the first column.
    _source_slot(tmp_path / "assets" / "course.pptx")
    build(every_kind(tmp_path, "template: assets/course.pptx\n"))
    prs = Presentation(str(tmp_path / "build" / "talk.pptx"))
    assert not [shape.name for slide in prs.slides for shape in slide.placeholders
                if shape.placeholder_format.idx == 13]
    columns = next(slide for slide in prs.slides if len([s for s in slide.shapes if s.has_text_frame
                                                         and "\n" in s.text_frame.text]) >= 2)
    tops = {s.top for s in columns.shapes if s.is_placeholder and s.placeholder_format.type != PP_PLACEHOLDER.TITLE
            and s.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)}
    assert len(tops) == 1


def test_vertical_text_layouts_serve_no_role(tmp_path):
    # Seen on a course deck whose Title and Content layout had lost its title: content slides were set on
    # "Title and Vertical Text", their bullets running down the slide.
    prs = Presentation()
    templates._drop_layouts(prs, {"Title Slide", "Two Content", "Title Only", "Title and Vertical Text",
                                  "Vertical Title and Text"})
    prs.save(str(tmp_path / "vertical.pptx"))
    with pytest.raises(TemplateError, match="title and one body"):
        open_presentation(tmp_path / "vertical.pptx")


def test_bullets_beside_a_picture_take_no_layout_whose_two_bodies_stand_one_above_the_other(tmp_path):
    # Seen on a consulting firm's template: its "汎用2" layout holds a breadcrumb over the title and a lead line
    # under it; the bullets beside a picture were set in the lead line's box, in its small type.
    prs = Presentation()
    templates._drop_layouts(prs, {"Title Slide", "Title and Content", "Content with Caption"})
    caption = _layout(prs, "Content with Caption")
    crumb, lead = (ph for ph in caption.placeholders if ph.placeholder_format.idx in (1, 2))
    crumb.left, crumb.top, crumb.width, crumb.height = 457200, 100000, 5000000, 250000
    lead.left, lead.top, lead.width, lead.height = 457200, 1300000, 8229600, 650000
    prs.save(str(tmp_path / "lead.pptx"))
    assert pick_beside_layout(open_presentation(tmp_path / "lead.pptx")) is None
    # The layout as PowerPoint draws it (the caption beside the content) serves.
    assert pick_beside_layout(open_presentation(_caption_beside(tmp_path / "caption.pptx"))).name == \
        "Content with Caption"


def _caption_beside(path: Path) -> Path:
    prs = Presentation()
    templates._drop_layouts(prs, {"Title Slide", "Title and Content", "Content with Caption"})
    prs.save(str(path))
    return path


def _right_to_left(path: Path) -> Path:
    """python-pptx's design with its text styles right to left, as an Arabic university's template has them:
    the presentation's default style (tables, text boxes) and the master's title, body and other styles."""
    prs = Presentation()
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    for root in (prs.part._element.find(qn("p:defaultTextStyle")), *styles):
        for lvl in root.iter(qn("a:lvl1pPr"), qn("a:lvl2pPr")):
            lvl.set("rtl", "1")
            lvl.set("algn", "r")
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def test_a_left_to_right_talk_on_a_right_to_left_template_is_written_left_to_right(tmp_path):
    # Seen on an Arabic university's template with an English talk: every paragraph inherited rtl="1",
    # "Questions?" was drawn "?Questions", "1950–56" as "56–1950", the agenda's numbers at the right.
    _right_to_left(tmp_path / "assets" / "arabic.pptx")
    build(every_kind(tmp_path, "template: assets/arabic.pptx\n"))
    prs = Presentation(str(tmp_path / "build" / "talk.pptx"))
    styles = [prs.part._element.find(qn("p:defaultTextStyle")), *prs.slide_master._element.find(qn("p:txStyles"))]
    said = {(el.get("rtl"), el.get("algn")) for root in styles for el in root.iter(qn("a:lvl1pPr"))}
    assert said == {("0", "l")}
    written = {p.get("rtl") for slide in prs.slides for p in slide._element.iter(qn("a:pPr"))}
    assert "1" not in written


def test_a_second_title_placeholder_is_left_out_not_left_empty(tmp_path):
    # Seen on a Google Slides export: its SECTION_HEADER holds a second title placeholder (for a number);
    # every divider kept it empty, "Click to add title" in PowerPoint.
    prs = Presentation()
    section = _layout(prs, "Section Header")
    title = next(ph for ph in section.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    second = copy.deepcopy(title._element)
    second.find(f".//{qn('p:ph')}").set("idx", "2")
    second.find(f".//{qn('p:cNvPr')}").set("id", "41")
    section.shapes._spTree.append(second)
    (tmp_path / "assets").mkdir()
    prs.save(str(tmp_path / "assets" / "slides.pptx"))
    build(every_kind(tmp_path, "template: assets/slides.pptx\n"))
    deck = Presentation(str(tmp_path / "build" / "talk.pptx"))
    dividers = [slide for slide in deck.slides if slide.slide_layout.name == "Section Header"]
    assert dividers
    for slide in dividers:
        titles = [ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE]
        assert len(titles) == 1 and titles[0].text_frame.text


def test_two_columns_start_at_one_height_on_a_body_that_centres_its_text(tmp_path):
    # Seen on a Korean lecture template whose content body centres its text down its height: the first column
    # (in the placeholder) was centred, the second (a text box beside it) set at the top, a step higher.
    prs = Presentation()
    templates._drop_layouts(prs, {"Title Slide", "Title and Content", "Section Header", "Title Only"})
    body = next(ph for ph in _layout(prs, "Title and Content").placeholders if ph.placeholder_format.idx == 1)
    body._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}").set("anchor", "ctr")
    (tmp_path / "assets").mkdir()
    prs.save(str(tmp_path / "assets" / "centred.pptx"))
    build(every_kind(tmp_path, "template: assets/centred.pptx\n"))
    deck = Presentation(str(tmp_path / "build" / "talk.pptx"))
    slide = next(slide for slide in deck.slides if any(shape.name == "Column2" for shape in slide.shapes))
    first = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    second = next(shape for shape in slide.shapes if shape.name == "Column2")
    assert first.top == second.top
    assert first.text_frame._bodyPr.get("anchor") == second.text_frame._bodyPr.get("anchor") == "t"


#: PowerPoint's own layout names, in python-pptx's default order, as real templates carry them.
NAMES = {
    "ar": ["شريحة العنوان", "العنوان والمحتوى", "عنوان المقطع", "محتويان", "مقارنة", "العنوان فقط", "فارغ",
           "محتوى بتسمية توضيحية", "صورة مع تسمية توضيحية"],
    "ko": ["제목 슬라이드", "제목 및 내용", "구역 머리글", "콘텐츠 2개", "비교", "제목만", "빈 화면", "캡션 있는 콘텐츠",
           "캡션 있는 그림"],
    "pl": ["Slajd tytułowy", "Tytuł i zawartość", "Nagłówek sekcji", "Dwa elementy zawartości", "Porównanie",
           "Tylko tytuł", "Pusty", "Zawartość z podpisem", "Obraz z podpisem"],
    "fr": ["Diapositive de titre", "Titre et contenu", "Titre de section", "Deux contenus", "Comparaison",
           "Titre seul", "Vide", "Contenu avec légende", "Image avec légende"],
    "es": ["Diapositiva de título", "Título y objetos", "Encabezado de sección", "Dos objetos", "Comparación",
           "Solo el título", "En blanco", "Contenido con título", "Imagen con título"],
    "pt": ["Slide de Título", "Título e Conteúdo", "Cabeçalho da Seção", "Duas Partes de Conteúdo", "Comparação",
           "Somente Título", "Em branco", "Conteúdo com Legenda", "Imagem com Legenda"],
    "it": ["Diapositiva titolo", "Titolo e contenuto", "Intestazione sezione", "Due contenuti", "Confronto",
           "Solo titolo", "Vuota", "Contenuto con didascalia", "Immagine con didascalia"],
    "ru": ["Титульный слайд", "Заголовок и объект", "Заголовок раздела", "Два объекта", "Сравнение",
           "Только заголовок", "Пустой слайд", "Объект с подписью", "Рисунок с подписью"],
}


@pytest.mark.parametrize("language", sorted(NAMES))
def test_layouts_named_in_the_languages_templates_come_in_are_read_by_their_names(language):
    # Seen on a Saudi university's template: "عنوان المقطع" (Section Header) was not read as a section's
    # name, and every divider went on its Picture with Caption layout, which hides the master's drawings.
    # In French, Spanish, Portuguese and Italian "title" names every layout: "Titre seul" was read as a
    # title slide's name and never served title-only slides, and a French school's full-width "Titre text"
    # lost content slides to a half-width layout.
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, NAMES[language]):
        layout.name = name
    _layout(prs, NAMES[language][8])._element.set("showMasterSp", "0")
    roles = {role: layout.name for role, layout in choose_layouts(prs)[0].items()}
    names = NAMES[language]
    # No stock layout is a closing one: the closing slide takes the title slide's ("Contenu avec légende" was
    # read as German "Ende").
    assert (roles["cover"], roles["content"], roles["section"], roles["title_only"], roles["two"],
            roles["closing"]) == (names[0], names[1], names[2], names[5], names[3], names[0])


def test_a_title_and_body_layout_named_for_a_subtitle_is_the_title_slide():
    # Seen on a Keynote export: its "Title & Subtitle" layout holds a plain title and a body (no title-slide
    # placeholder types), and the title slide was set on the bullets layout, the subtitle as a bullet.
    prs = Presentation()
    cover = prs.slide_layouts[0]
    cover.name = "Title & Subtitle"
    for ph in cover.placeholders:
        if ph.placeholder_format.idx in (0, 1):
            ph._element.find(f".//{qn('p:ph')}").set("type", "title" if ph.placeholder_format.idx == 0 else "body")
    roles = {role: layout.name for role, layout in choose_layouts(prs)[0].items()}
    assert roles["cover"] == "Title & Subtitle" and roles["content"] == "Title and Content"


def _kicker(path: Path) -> Path:
    """python-pptx's design whose Title and Content and Two Content layouts carry a one-line subheading
    ("kicker") body right under the title, 0.3 in tall (a research institute's template)."""
    prs = Presentation()
    for name in ("Title and Content", "Two Content"):
        _add_body(prs, _layout(prs, name), 28, 41, (457200, 1417638, 8229600, 274320))
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def test_a_subheading_line_under_the_title_is_no_second_body(tmp_path):
    # Seen on a research institute's template: the one-line subheading under the title of its "Title Only"
    # (title, kicker, object) and "2" layouts made them two- and three-body layouts, and every content slide
    # went on its "Quote Dark" layout (a large title and a bold quote body).
    _kicker(tmp_path / "assets" / "kicker.pptx")
    prs = open_presentation(tmp_path / "assets" / "kicker.pptx")
    roles = layouts_by_role(prs)
    assert (roles["content"].name, roles["two"].name) == ("Title and Content", "Two Content")
    assert len(read_frame(prs).layouts["content"].bodies) == 1
    build(every_kind(tmp_path, "template: assets/kicker.pptx\n"))
    deck = Presentation(str(tmp_path / "build" / "talk.pptx"))
    assert not [ph.name for slide in deck.slides for ph in slide.placeholders if ph.placeholder_format.idx == 28]


def _strip_in_a_group(path: Path) -> Path:
    """python-pptx's design, white, with a group the size of the slide on its master that holds only a dark
    strip down the right edge (an Office design theme's facets)."""
    prs = Presentation()
    master = prs.slide_master
    group = templates._scratch(master).add_group_shape()
    for x in (8_000_000, 8_600_000):
        member = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, 0, 544_000, 6_858_000)
        member.fill.solid()
        member.fill.fore_color.rgb = RGBColor(0x20, 0x30, 0x40)
    xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
    for tag, (a, b) in {"a:off": (0, 0), "a:ext": (9_144_000, 6_858_000), "a:chOff": (0, 0),
                        "a:chExt": (9_144_000, 6_858_000)}.items():
        xfrm.find(qn(tag)).set("x" if "ff" in tag else "cx", str(a))
        xfrm.find(qn(tag)).set("y" if "ff" in tag else "cy", str(b))
    templates._to_back(master, group._element)
    prs.save(str(path))
    return path


def test_a_group_as_large_as_the_slide_is_read_member_by_member_for_what_lies_behind_a_text(tmp_path):
    # Seen on an Office design theme: a group spanning the slide holds green facets down the right edge; the
    # whole slide was read as their green, and every title was written white on the white slide.
    frame = read_frame(open_presentation(_strip_in_a_group(tmp_path / "facets.pptx")))
    for role in ("cover", "content", "section"):
        lf = frame.layouts[role]
        assert (lf.background, lf.title_fix) == ("#FFFFFF", None), role


def test_title_slide_lines_go_on_into_the_free_space_under_a_one_line_subtitle_box(tmp_path):
    # Seen on a university course template and a lab seminar's: a 0.6 in subtitle box under the title held the
    # subtitle, speaker, event and date at 12 pt, with a warning, over an empty lower half of the slide.
    prs = Presentation()
    subtitle = next(ph for ph in _layout(prs, "Title Slide").placeholders
                    if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = 1371600, 3700000, 6400800, 548640
    (tmp_path / "assets").mkdir()
    prs.save(str(tmp_path / "assets" / "course.pptx"))
    outline = write_outline(tmp_path, MINIMAL.replace("title: A small talk\n", (
        "title: A small talk\nsubtitle: From Maxwell's equations to Fourier optics\nevent: Physics colloquium\n"
        "date: 2026-03-12\n")) + "theme:\n  template: assets/course.pptx\n")
    result = build(outline)
    assert not [w for w in result.warnings if "subtitle" in w.path]
    cover = Presentation(str(result.output)).slides[0]
    lines = next(ph for ph in cover.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    assert lines.top == 3700000 and lines.height > 548640 and lines.top + lines.height <= prs.slide_height
    sizes = {r.font.size.pt for p in lines.text_frame.paragraphs for r in p.runs if r.font.size is not None}
    assert sizes and min(sizes) >= 18


def test_a_content_layout_whose_title_was_deleted_takes_the_master_s_title(tmp_path):
    # Seen on a course's lecture deck: its Title and Content layout lost its title (the body grown over the
    # title's place), and every bullet slide went on the Section Header, a 3 in title half-way down over a
    # 1.6 in body. LibreOffice draws a slide's title placeholder that its layout lacks at the master's place
    # and in its style; python-pptx reads no box for it, so the deck writes the box.
    prs = Presentation()
    content = _layout(prs, "Title and Content")
    for ph in list(content.placeholders):
        if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            ph._element.getparent().remove(ph._element)
    body = next(ph for ph in content.placeholders if ph.placeholder_format.idx == 1)
    body.left, body.top, body.width, body.height = 457200, 365760, 8229600, 5760720
    (tmp_path / "assets").mkdir()
    prs.save(str(tmp_path / "assets" / "lecture.pptx"))
    assert layouts_by_role(open_presentation(tmp_path / "assets" / "lecture.pptx"))["content"].name == \
        "Title and Content"
    build(write_outline(tmp_path, MINIMAL + "theme:\n  template: assets/lecture.pptx\n"))
    slide = next(slide for slide in Presentation(str(tmp_path / "build" / "talk.pptx")).slides
                 if slide.shapes.title is not None and slide.shapes.title.text_frame.text == "First point")
    assert slide.slide_layout.name == "Title and Content"
    title = slide.shapes.title
    bullets = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    assert title.top is not None and title.height > 0
    assert bullets.text_frame.text.startswith("one") and bullets.top >= title.top + title.height


def test_a_title_slide_of_one_body_and_no_subtitle_placeholder_holds_subtitle_and_speaker_in_it(tmp_path):
    # Seen on a Keynote export ("Title & Subtitle": a title and one body): the subtitle was set in the body and
    # the speaker's name in a text box at the body's very place, the two lines printed over each other.
    prs = Presentation()
    for ph in prs.slide_layouts[0].placeholders:
        if ph.placeholder_format.idx in (0, 1):
            ph._element.find(f".//{qn('p:ph')}").set("type", "title" if ph.placeholder_format.idx == 0 else "body")
    (tmp_path / "assets").mkdir()
    prs.save(str(tmp_path / "assets" / "keynote.pptx"))
    outline = write_outline(tmp_path, MINIMAL.replace("title: A small talk\n", "title: A small talk\nsubtitle: "
                                                      "And a subtitle\n") + "theme:\n  template: assets/keynote.pptx\n")
    cover = Presentation(str(build(outline).output)).slides[0]
    assert [s.text_frame.text for s in cover.shapes if s.has_text_frame and not s.is_placeholder] == []
    body = next(ph for ph in cover.placeholders if ph.placeholder_format.idx == 1)
    assert body.text_frame.text.split("\n") == ["And a subtitle", "Ada Example"]
