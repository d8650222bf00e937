"""deck: [SlideSpec] + chart PNGs → .pptx bytes, with python-pptx.

The only module that imports pptx. Layouts are chosen by the placeholders they
have (never by name or index), text goes into real title/body placeholders,
every picture gets alt text, every slide gets notes, and the file is
serialised reproducibly (fixed timestamps, stable order, PNGs stored).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.parts.slide import NotesSlidePart
from pptx.opc.serialized import _ContentTypesItem  # noqa: PLC2701 - needed for a reproducible zip
from pptx.oxml import parse_xml
from pptx.oxml.ns import _nsmap, qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.opc.oxml import serialize_part_xml
from pptx.shapes.autoshape import Shape
from pptx.text.text import _Paragraph
from pptx.util import Emu, Pt

from . import layout as L
from .color import readable_on
from .errors import TalkdeckError
from .fit import BULLET_MARGIN_PT, Para
from .plan import SlideSpec, TextBlock
from .model import Talk

_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_BARE_P = parse_xml('<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>')
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


class TemplateError(TalkdeckError):
    """A template lacks a layout talkdeck needs."""


# --- layouts by placeholder types ------------------------------------------------------------

def _signature(layout) -> tuple[str, int, bool]:
    types = [ph.placeholder_format.type for ph in layout.placeholders]
    title = "center" if PP_PLACEHOLDER.CENTER_TITLE in types else ("title" if PP_PLACEHOLDER.TITLE in types else "")
    bodies = sum(t in _BODIES for t in types)
    others = any(t in (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
                       PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_TITLE) for t in types)
    return title, bodies, others


#: For each layout role, the placeholder signatures that serve it, best first.
_WANTS: dict[str, list[Callable[[str, int, bool, list], bool]]] = {
    "cover": [lambda t, b, o, ty: t == "center" and PP_PLACEHOLDER.SUBTITLE in ty,
              lambda t, b, o, ty: t == "title" and b == 0 and PP_PLACEHOLDER.SUBTITLE in ty,  # LibreOffice's
              lambda t, b, o, ty: t == "center"],
    "content": [lambda t, b, o, ty: t == "title" and b == 1 and not o and PP_PLACEHOLDER.OBJECT in ty,
                lambda t, b, o, ty: t == "title" and b == 1 and not o],
    "section": [lambda t, b, o, ty: t == "title" and b == 1 and not o and PP_PLACEHOLDER.BODY in ty
                and PP_PLACEHOLDER.OBJECT not in ty,
                lambda t, b, o, ty: t == "title" and b == 1 and not o],
    "two": [lambda t, b, o, ty: t == "title" and b == 2 and not o],
    "title_only": [lambda t, b, o, ty: t == "title" and b == 0 and not o],
}
_NEEDS = {"cover": "a title and a subtitle placeholder", "content": "a title and one body placeholder",
          "section": "a title and one body placeholder", "two": "a title and two body placeholders",
          "title_only": "a title placeholder and no body"}


def pick_layout(prs, role: str):
    """The first layout whose placeholders serve ``role``; raises TemplateError if none does."""
    layouts = list(prs.slide_layouts)
    for want in _WANTS[role]:
        for layout in layouts:
            types = [ph.placeholder_format.type for ph in layout.placeholders]
            if want(*_signature(layout), types):
                return layout
    raise TemplateError(f"the template has no slide layout with {_NEEDS[role]} (needed for {role} slides); "
                        "add one to its slide master")


def _widen_to_16x9(prs) -> None:
    """Turn a 4:3 design into 16:9: stretch across every master and layout shape that has its own position.

    A layout placeholder without a position of its own takes its master's, which
    is stretched already. Reading its inherited ``shape.left`` and writing it back
    would stretch it a second time, and give it a height of 0.
    """
    scale = L.SLIDE_W / prs.slide_width
    prs.slide_width, prs.slide_height = L.SLIDE_W, L.SLIDE_H
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            xfrm = shape._element.xfrm
            if xfrm is not None and xfrm.off is not None and xfrm.ext is not None:
                xfrm.x, xfrm.cx = int(xfrm.x * scale), int(xfrm.cx * scale)


_POTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _as_presentation(template: Path) -> io.BytesIO:
    """The template as a .pptx package in memory: a .potx differs only in its main part's content type."""
    data = template.read_bytes()
    if _POTX_MAIN not in data and template.suffix.lower() != ".potx":
        return io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(_POTX_MAIN, _PPTX_MAIN)
            dst.writestr(info, blob)
    out.seek(0)
    return out


def open_presentation(template: Path | None):
    """A Presentation to build on: the user's template, or the built-in 16:9 design."""
    if template is None:
        prs = Presentation()
        _widen_to_16x9(prs)
        return prs
    try:
        prs = Presentation(_as_presentation(template))
    except Exception as e:  # python-pptx raises KeyError, ValueError, BadZipFile ... for bad packages
        raise TemplateError(f"{template.name} is not a usable PowerPoint file ({type(e).__name__}: {e})") from None
    for role in _WANTS:
        pick_layout(prs, role)
    # Drop the template's own slides: the deck is the outline's.
    sld_ids = prs.slides._sldIdLst
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)
    if abs(prs.slide_width / prs.slide_height - L.SLIDE_W / L.SLIDE_H) > 0.01:
        _widen_to_16x9(prs)  # a 4:3 master: move its shapes so its decorations still fit
    prs.slide_width, prs.slide_height = L.SLIDE_W, L.SLIDE_H
    return prs


# --- text ----------------------------------------------------------------------------------------

def _runs(text: str, language: str) -> list[tuple[str, str]]:
    """Split ``text`` into (segment, language tag) runs: CJK text is tagged zh-CN, Cyrillic ru-RU."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _CJK.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], language))
        out.append((m.group(), "zh-CN"))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], language))
    return [(seg, "ru-RU" if lang == language and _CYRILLIC.search(seg) else lang) for seg, lang in out]


class _Writer:
    def __init__(self, talk: Talk):
        self.talk = talk
        self.theme = talk.theme
        # python-pptx takes ~1 ms to format a text frame, a paragraph and its runs. fill()
        # has it done once per style and copies the result (see _framed, _formatted and _run).
        self._frames: dict[tuple, tuple] = {}
        self._paragraphs: dict[tuple, etree._Element] = {}
        self._run_props: dict[tuple, etree._Element] = {}

    def style_run(self, run, size: float, para: Para, color: str | None, lang: str) -> None:
        font = run.font
        font.size = Pt(size)
        font.bold = para.bold
        font.italic = para.italic
        font.name = self.theme.font
        font.color.rgb = RGBColor.from_string((color or self.theme.text).lstrip("#"))
        rpr = run._r.get_or_add_rPr()
        rpr.set("lang", lang)
        rpr.set("altLang", self.talk.language)
        for tag, face in (("a:ea", self.theme.font_cjk), ("a:cs", self.theme.font)):
            el = rpr.find(qn(tag))
            if el is None:
                el = etree.SubElement(rpr, qn(tag))
            el.set("typeface", face)

    def fill(self, shape, block: TextBlock) -> None:
        """Write ``block`` into ``shape``'s text frame at its fitted size and position."""
        self._framed(shape, block)
        tf = shape.text_frame
        tf.clear()
        body = tf._txBody
        for i, para in enumerate(block.paras):
            if i == 0:
                first = body.p_lst[0]
                p = self._formatted(first, block, para, 0)
                body.replace(first, p)
            else:
                p = self._formatted(_BARE_P, block, para, i)
                body.append(p)
            end = p.find(qn("a:endParaRPr"))
            for text, lang in _runs(para.text, self.talk.language):
                r = self._run(p, text, block.size, para, block.color, lang)
                if end is not None:
                    end.addprevious(r)

    def format_frame(self, shape, block: TextBlock) -> None:
        """Set ``shape``'s position and its text frame's wrapping, autofit, insets and anchor for ``block``."""
        shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in
                                                            (block.box.x, block.box.y, block.box.w, block.box.h))
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = Emu(L.INSET_X)
        tf.margin_top = tf.margin_bottom = Emu(L.INSET_Y)
        tf.vertical_anchor = _ANCHOR[block.anchor]

    def _framed(self, shape, block: TextBlock) -> None:
        """:meth:`format_frame` on ``shape``, made by python-pptx once per starting state and copied.

        It changes only the shape's ``p:spPr`` and ``a:bodyPr``, so those (and
        what format_frame reads of ``block``) are the key.
        """
        sp = shape._element
        body = sp.find(qn("p:txBody"))
        if body is None or sp.find(qn("p:spPr")) is None:
            self.format_frame(shape, block)
            return
        key = (etree.tostring(sp.spPr), etree.tostring(body.bodyPr), block.box, block.anchor)
        done = self._frames.get(key)
        if done is None:
            scratch = copy.deepcopy(sp)
            self.format_frame(Shape(scratch, None), block)
            done = self._frames[key] = (scratch.spPr, scratch.find(qn("p:txBody")).bodyPr)
        sp.replace(sp.spPr, copy.deepcopy(done[0]))
        body.replace(body.bodyPr, copy.deepcopy(done[1]))

    def format_paragraph(self, p: _Paragraph, block: TextBlock, para: Para, index: int) -> None:
        """Set alignment, spacing and bullet of ``p``, the ``index``-th paragraph of ``block``."""
        p.alignment = _ALIGN[block.align]
        p.line_spacing = Pt(block.size * L.LINE_SPACING)
        p.space_before = Pt(block.size * L.PARA_SPACE if index else 0)
        p.space_after = Pt(0)
        pPr = p._p.get_or_add_pPr()
        for child in pPr.findall(qn("a:buNone")) + pPr.findall(qn("a:buChar")):
            pPr.remove(child)
        if para.bullet:
            pPr.set("marL", str(int(BULLET_MARGIN_PT[para.level] * L.EMU_PER_PT)))
            pPr.set("indent", str(int(-27 * L.EMU_PER_PT)))
            pPr.set("lvl", str(para.level))
            etree.SubElement(pPr, qn("a:buFont")).set("typeface", "Arial")
            etree.SubElement(pPr, qn("a:buChar")).set("char", "•" if para.level == 0 else "–")
        else:
            pPr.set("marL", "0")
            pPr.set("indent", "0")
            etree.SubElement(pPr, qn("a:buNone"))

    def _formatted(self, p, block: TextBlock, para: Para, index: int):
        """A copy of the ``a:p`` (without runs) ``p`` formatted by :meth:`format_paragraph`.

        Made by python-pptx once for each starting paragraph and style, then copied:
        the key holds everything format_paragraph reads.
        """
        key = (etree.tostring(p), block.align, block.size, index == 0, para.bullet, para.level)
        proto = self._paragraphs.get(key)
        if proto is None:
            proto = copy.deepcopy(p)
            self.format_paragraph(_Paragraph(proto, None), block, para, index)
            self._paragraphs[key] = proto
        return copy.deepcopy(proto)

    def _run(self, p, text: str, size: float, para: Para, color: str | None, lang: str):
        """Append to ``p`` an ``a:r`` of ``text`` styled by :meth:`style_run` (its ``a:rPr`` made once a style)."""
        key = (size, para.bold, para.italic, color, lang)
        rpr = self._run_props.get(key)
        if rpr is None:
            run = _Paragraph(copy.deepcopy(_BARE_P), None).add_run()
            self.style_run(run, size, para, color, lang)
            rpr = self._run_props[key] = run._r.rPr
        r = etree.SubElement(p, qn("a:r"))
        r.append(copy.deepcopy(rpr))
        etree.SubElement(r, qn("a:t")).text = CT_RegularTextRun._escape_ctrl_chars(text)
        return r

    def textbox(self, slide, block: TextBlock, name: str) -> None:
        box = slide.shapes.add_textbox(Emu(block.box.x), Emu(block.box.y), Emu(block.box.w), Emu(block.box.h))
        box.name = name
        self.fill(box, block)


# --- slides ------------------------------------------------------------------------------------------

def _placeholders(slide, kinds) -> list:
    return sorted((ph for ph in slide.placeholders if ph.placeholder_format.type in kinds),
                  key=lambda ph: ph.placeholder_format.idx)


def _set_alt(shape, alt: str, decorative: bool = False) -> None:
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    c_nv_pr.set("descr", alt)
    if decorative:
        ext = parse_xml(
            '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext '
            'uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec='
            '"http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')
        c_nv_pr.append(ext)


def _contain(box: L.Box, w_px: int, h_px: int) -> L.Box:
    """The largest box of the image's aspect ratio centred inside ``box``."""
    scale = min(box.w / w_px, box.h / h_px)
    w, h = int(w_px * scale), int(h_px * scale)
    return L.Box(box.x + (box.w - w) // 2, box.y + (box.h - h) // 2, w, h)


class DeckBuilder:
    """Adds planned slides to a presentation, then serialises it."""

    def __init__(self, talk: Talk, template: Path | None = None):
        self.talk = talk
        self.prs = open_presentation(template)
        self.own_design = template is None
        self.writer = _Writer(talk)
        self.layouts = {role: pick_layout(self.prs, role) for role in _WANTS}
        _count_notes_partnames(self.prs)
        _index_relationships(self.prs.part.rels)
        self.footer = talk.footer or f"{talk.speaker.name} · {talk.title}"
        self._slide_id = max([255] + [int(s.get("id")) for s in self.prs.slides._sldIdLst.sldId_lst])
        self._clones: dict[int, list] = {}
        self._notes_clones: list | None = None
        self._layout_phs: dict[tuple, object] = {}

    def _new_slide(self, layout):
        """A new slide on ``layout``: ``prs.slides.add_slide(layout)``, in constant time.

        python-pptx finds each new slide's id by reading every id in the list
        (O(N²): 3.4 s at 2000 slides) and clones the layout's placeholders through
        its shape API (~1 ms a slide). Here ids come from a counter started where
        python-pptx would start, and the placeholders python-pptx cloned onto the
        first slide of each layout are copied onto the next ones (a fresh slide's
        clones depend on nothing but the layout).
        """
        rId, slide = self.prs.part.add_slide(layout)
        clones = self._clones.get(id(layout.part))
        if clones is None:
            slide.shapes.clone_layout_placeholders(layout)
            self._clones[id(layout.part)] = [copy.deepcopy(el) for el in slide.shapes._spTree.iter_shape_elms()]
        else:
            tree = slide.shapes._spTree
            for el in clones:
                tree.append(copy.deepcopy(el))
        self._slide_id += 1
        self.prs.slides._sldIdLst._add_sldId(id=self._slide_id, rId=rId)
        return slide

    def _notes_slide(self, slide):
        """``slide.notes_slide``, created as python-pptx creates it, in constant time.

        python-pptx clones the notes master's placeholders onto each new notes
        page through its shape API (~0.5 ms a slide); as with slides, the clones it
        made on the first notes page are copied onto the next ones.
        """
        if slide.has_notes_slide:  # a slide rewritten in place (replace) keeps its page
            return slide.notes_slide
        if self._notes_clones is None:
            notes = slide.notes_slide
            self._notes_clones = [copy.deepcopy(el) for el in notes.shapes._spTree.iter_shape_elms()]
            return notes
        package = self.prs.part.package
        # NotesSlidePart.new, with the copies in place of clone_master_placeholders:
        part = NotesSlidePart._add_notes_slide_part(package, slide.part, package.presentation_part.notes_master_part)
        tree = part.notes_slide.shapes._spTree
        for el in self._notes_clones:
            tree.append(copy.deepcopy(el))
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return slide.notes_slide

    def _layout_placeholder(self, slide, ph_type):
        """Put a copy of the layout's footer or slide-number placeholder on ``slide`` (python-pptx does not).

        The layout's placeholder is found once per layout; returns the new shape, or None.
        """
        layout = slide.slide_layout
        key = (id(layout.part), ph_type)
        if key not in self._layout_phs:
            self._layout_phs[key] = next((ph._element for ph in layout.placeholders
                                          if ph.placeholder_format.type == ph_type), None)
        el = self._layout_phs[key]
        if el is None:
            return None
        slide.shapes._spTree.append(copy.deepcopy(el))
        return slide.shapes[-1]

    def add(self, spec: SlideSpec, chart_png: Path | None = None) -> None:
        """Append the slide for ``spec`` (``chart_png`` is the chart of a chart slide)."""
        self._fill(self._new_slide(self.layouts[spec.layout]), spec, chart_png)

    def replace(self, index: int, spec: SlideSpec, chart_png: Path | None = None) -> None:
        """Rewrite slide ``index`` (0-based) for ``spec`` in place, as :meth:`add` would have made it.

        For rebuilds in one process (``talkdeck watch``): the slide keeps its part,
        its layout and its notes page, so the package is the same as a fresh
        build's as long as the slide keeps its kind, layout and whether it has a
        picture (the caller checks; raises ValueError if the layout differs). The
        background is left for :meth:`_fill` to set again: slides of one kind in
        one design either all have one or none do.
        """
        slide = self.prs.slides[index]
        layout = self.layouts[spec.layout]
        if slide.slide_layout.part is not layout.part:
            raise ValueError(f"slide {index + 1} has another layout than {spec.layout!r}")
        tree = slide.shapes._spTree
        for el in list(tree.iter_shape_elms()):
            tree.remove(el)
        for rId, rel in list(slide.part.rels.items()):
            if rel.reltype == RT.IMAGE:
                slide.part.drop_rel(rId)
        slide.shapes.clone_layout_placeholders(layout)
        self._fill(slide, spec, chart_png)
        # A new picture's relationship joins the end of the part's dict, and the package
        # writes its parts in the order of that walk: put it back in rId order, as on a fresh slide.
        rels = slide.part.rels._rels
        ordered = sorted(rels.items(), key=lambda item: int(item[0][3:]) if item[0][3:].isdigit() else 0)
        rels.clear()
        rels.update(ordered)

    def _fill(self, slide, spec: SlideSpec, chart_png: Path | None) -> None:
        if spec.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(spec.background.lstrip("#"))
        elif self.own_design:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(self.talk.theme.background.lstrip("#"))
        titles = _placeholders(slide, _TITLES)
        bodies = _placeholders(slide, _BODIES + (PP_PLACEHOLDER.SUBTITLE,))
        title_block = spec.text("title")
        self.writer.fill(titles[0], title_block)
        extra: list[TextBlock] = []
        for block in spec.texts:
            if block.role == "title":
                continue
            if block.role in ("body", "subtitle", "column1", "column2") and bodies:
                self.writer.fill(bodies.pop(0), block)
            else:
                extra.append(block)
        for ph in bodies:  # an empty placeholder shows "Click to add text" in PowerPoint
            ph._element.getparent().remove(ph._element)
        for block in extra:
            self.writer.textbox(slide, block, block.role.capitalize())
        if spec.kind not in ("title", "closing", "divider") and self.own_design:
            rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Emu(v) for v in (L.RULE.x, L.RULE.y, L.RULE.w, L.RULE.h)))
            rule.name = "Accent rule"
            rule.fill.solid()
            rule.fill.fore_color.rgb = RGBColor.from_string(self.talk.theme.accent.lstrip("#"))
            rule.line.fill.background()
            _set_alt(rule, "", decorative=True)
        if chart_png is not None:
            b = spec.figure_box
            pic = slide.shapes.add_picture(str(chart_png), Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
            pic.name = f"Chart: {spec.chart.title}"
            _set_alt(pic, spec.chart_alt)
        elif spec.image is not None:
            self.add_image(slide, spec)
        if spec.table:
            self.add_table(slide, spec)
        if spec.footer:
            self.add_footer(slide, spec.number)
        self._notes_slide(slide).notes_text_frame.text = spec.notes

    def add_image(self, slide, spec: SlideSpec) -> None:
        from PIL import Image

        with Image.open(spec.image) as img:
            w_px, h_px = img.size
        b = _contain(spec.figure_box, w_px, h_px)
        pic = slide.shapes.add_picture(str(spec.image), Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
        pic.name = f"Picture: {spec.image.name}"
        _set_alt(pic, spec.image_alt, decorative=not spec.image_alt)

    def add_table(self, slide, spec: SlideSpec) -> None:
        rows, b = spec.table, spec.figure_box
        heights = [int(h * L.EMU_PER_PT) for h in spec.table_rows_pt]
        frame = slide.shapes.add_table(len(rows), len(rows[0]), Emu(b.x), Emu(b.y), Emu(b.w), Emu(sum(heights)))
        frame.name = f"Table: {spec.title}"
        table = frame.table
        theme = self.talk.theme
        # The theme's colours instead of the template's table style: an accent header, banded rows.
        fills = [theme.accent] + [("#F1F3F5" if r % 2 == 0 else theme.background) for r in range(1, len(rows))]
        for r, row in enumerate(rows):
            table.rows[r].height = Emu(heights[r])
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fills[r].lstrip("#"))
                color = readable_on(fills[r], theme.text)
                block = TextBlock("cell", [Para(text, bold=(r == 0))], b, spec.table_size, color=color)
                self._fill_cell(cell, block)

    def _fill_cell(self, cell, block: TextBlock) -> None:
        cell.margin_left = cell.margin_right = Emu(L.INSET_X)
        cell.margin_top = cell.margin_bottom = Emu(L.INSET_Y)
        tf = cell.text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.line_spacing = Pt(block.size * L.LINE_SPACING)
        para = block.paras[0]
        for text, lang in _runs(para.text, self.talk.language):
            run = p.add_run()
            run.text = text
            self.writer.style_run(run, block.size, para, block.color, lang)

    def add_footer(self, slide, number: int) -> None:
        ftr = self._layout_placeholder(slide, PP_PLACEHOLDER.FOOTER) if self.own_design else None
        block = TextBlock("footer", [Para(self.footer)], L.FOOTER, 12, color=self.talk.theme.muted)
        if ftr is not None:
            self.writer.fill(ftr, block)
        else:
            self.writer.textbox(slide, block, "Footer")
        num = self._layout_placeholder(slide, PP_PLACEHOLDER.SLIDE_NUMBER)
        if num is None:
            num = slide.shapes.add_textbox(*(Emu(v) for v in (L.NUMBER.x, L.NUMBER.y, L.NUMBER.w, L.NUMBER.h)))
            num.name = "Slide number"
        num.left, num.top, num.width, num.height = (Emu(v) for v in (L.NUMBER.x, L.NUMBER.y, L.NUMBER.w, L.NUMBER.h))
        tf = num.text_frame
        tf.clear()
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.RIGHT
        # A slidenum field renumbers itself if the speaker reorders slides in PowerPoint.
        fld = parse_xml(
            '<a:fld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            f'id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="{self.talk.language}" sz="1200">'
            f'<a:solidFill><a:srgbClr val="{self.talk.theme.muted.lstrip("#").upper()}"/></a:solidFill>'
            f'<a:latin typeface="{self.talk.theme.font}"/></a:rPr><a:t>{number}</a:t></a:fld>')
        p._p.append(fld)

    def set_properties(self, when: dt.datetime) -> None:
        cp = self.prs.core_properties
        talk = self.talk
        cp.title = talk.title
        cp.subject = talk.subtitle or ""
        cp.author = talk.speaker.name
        cp.last_modified_by = "talkdeck"
        cp.keywords = ""
        cp.language = talk.language
        cp.revision = 1
        cp.created = cp.modified = when
        cp.last_printed = when
        # The deck's default language, for spell-checkers and screen readers.
        for el in self.prs.part._element.iter(qn("a:defRPr")):
            el.set("lang", talk.language)

    def to_bytes(self, when: dt.datetime) -> bytes:
        """The .pptx as bytes: fixed zip timestamps, parts in a stable order, PNGs stored."""
        self.set_properties(when)
        package = self.prs.part.package
        parts = tuple(package.iter_parts())
        stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            def put(name: str, blob: bytes) -> None:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = 0o644 << 16
                stored = name.lower().endswith((".png", ".jpg", ".jpeg", ".gif"))
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                z.writestr(info, blob, compresslevel=6)

            put("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
            put(PACKAGE_URI.rels_uri.membername, package._rels.xml)
            for part in parts:
                put(part.partname.membername, part.blob)
                if part._rels:
                    put(part.partname.rels_uri.membername, part.rels.xml)
        return buf.getvalue()


def _count_notes_partnames(prs) -> None:
    """Name notes slides from a counter instead of python-pptx's scan of every part.

    ``OpcPackage.next_partname`` walks the whole package for each new notes
    slide, which makes notes O(N²) in the number of slides. talkdeck adds all
    notes slides itself, so a counter started from the existing count is exact.
    """
    package = prs.part.package
    scan = package.next_partname
    notes_tmpl = "/ppt/notesSlides/notesSlide%d.xml"
    counter = {"n": None}

    def next_partname(tmpl: str) -> PackURI:
        if tmpl != notes_tmpl:
            return scan(tmpl)
        if counter["n"] is None:
            counter["n"] = int(re.search(r"(\d+)\.xml$", scan(tmpl)).group(1)) - 1
        counter["n"] += 1
        return PackURI(tmpl % counter["n"])

    package.next_partname = next_partname


def _index_relationships(rels) -> None:
    """Find a part's existing relationship to a target by a dict instead of a scan.

    ``_Relationships.get_or_add`` lists every relationship of the part to see
    whether one already leads to the target; for the presentation part, which
    relates to every slide, that makes adding slides O(N²) (the largest part of a
    2000-slide build before this). The index holds the first relationship of each type to
    each part, as the scan would find it; relationships are only added through
    get_or_add once it is installed, and an entry dropped since is looked up
    again the slow way.
    """
    first: dict[tuple[str, int], str] = {}
    for rId, rel in rels.items():
        if not rel.is_external:
            first.setdefault((rel.reltype, id(rel.target_part)), rId)
    scan = rels.get_or_add

    def get_or_add(reltype: str, target_part) -> str:
        key = (reltype, id(target_part))
        rId = first.get(key)
        if rId is None:
            rId = first[key] = rels._add_relationship(reltype, target_part)
        elif rId not in rels or rels[rId].target_part is not target_part or rels[rId].reltype != reltype:
            rId = first[key] = scan(reltype, target_part)
        return rId

    rels.get_or_add = get_or_add


def _compile_xpaths_once() -> None:
    """Have python-pptx evaluate each XPath expression compiled once, not on every call.

    ``BaseOxmlElement.xpath`` passes the expression text to lxml, which compiles
    it each time; python-pptx makes ~130 such calls a slide (placeholder lookups,
    mostly). Same expressions, same namespaces, same results, in a third of the time.
    """
    compiled: dict[str, etree.XPath] = {}

    def xpath(self, xpath_str: str):
        try:
            evaluate = compiled[xpath_str]
        except KeyError:
            evaluate = compiled[xpath_str] = etree.XPath(xpath_str, namespaces=_nsmap)
        return evaluate(self)

    BaseOxmlElement.xpath = xpath


_compile_xpaths_once()


def reopen_summary(data: bytes) -> list[dict]:
    """For tests and `check`: each slide's title, notes and pictures' alt text, read back with python-pptx."""
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else None
        pics = [s._element.find(".//" + qn("p:cNvPr")).get("descr") for s in slide.shapes if s.shape_type == 13]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"title": title, "notes": notes, "alts": pics,
                    "texts": [s.text_frame.text for s in slide.shapes if s.has_text_frame]})
    return out

