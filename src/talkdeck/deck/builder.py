"""DeckBuilder: planned slides and chart PNGs → a presentation → reproducible .pptx bytes."""

from __future__ import annotations

import copy
import datetime as dt
import io
import math
import zipfile
from pathlib import Path
from typing import Sequence

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem  # noqa: PLC2701 - needed for a reproducible zip
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu

from .. import layout as L
from ..lang.i18n import messages_for
from ..model import Talk
from ..plan.frame import Frame
from ..plan.planner import Figure, SlideSpec, TextBlock, plan_footer
from ..text.markup import plain
from ..text.script import runs_by_script
from .geometry import read_frame
from .speedups import compile_xpaths_once, count_notes_partnames, index_relationships
from .table import add_table
from .template import BODIES, LAYOUT_ROLES, TITLES, open_presentation, pick_beside_layout, pick_layout
from .relations import carry_relationships
from .text import TextWriter, link_color, set_link_colors

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


_contain = L.contain


def _shared(a: L.Box, b: L.Box) -> int:
    """The area two boxes share (EMU²)."""
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0


def _first_frame(img) -> io.BytesIO:
    """The first picture of a multi-picture JPEG (``MPO``: many cameras and phones save one) as a plain JPEG.

    python-pptx refuses MPO. The frame is encoded again with the file's own
    quantisation tables and subsampling, so its quality stays the camera's;
    its EXIF (orientation included), colour profile and dpi are kept.
    """
    from PIL import JpegImagePlugin

    img.seek(0)
    options = {"qtables": img.quantization, "subsampling": JpegImagePlugin.get_sampling(img)}
    options.update({key: img.info[key] for key in ("exif", "icc_profile", "dpi") if img.info.get(key)})
    out = io.BytesIO()
    img.save(out, "JPEG", **options)
    out.seek(0)
    return out


_EXIF_ORIENTATION = 0x0112


def _upright(img) -> tuple[io.BytesIO, tuple[int, int]]:
    """A photo turned as its EXIF orientation says (phones store portraits sideways), and its size.

    PowerPoint and LibreOffice ignore the tag, so the pixels are turned here and
    saved without it; JPEGs stay JPEG (at high quality), anything else becomes PNG.
    """
    from PIL import ImageOps

    img.seek(0)
    turned = ImageOps.exif_transpose(img)
    out = io.BytesIO()
    if img.format in ("JPEG", "MPO"):
        turned.convert("RGB").save(out, "JPEG", quality=92, icc_profile=img.info.get("icc_profile"))
    else:
        turned.save(out, "PNG")
    out.seek(0)
    return out, turned.size


class DeckBuilder:
    """Adds planned slides to a presentation, then serialises it."""

    def __init__(self, talk: Talk, template: Path | None = None, frame: Frame | None = None):
        """``frame``: the template's, as the planner read it (read again from the file when not given)."""
        compile_xpaths_once()
        self.talk = talk
        self.prs = open_presentation(template, talk.theme.aspect)
        self.own_design = template is None
        #: The template's geometry and colours (None on the built-in design).
        self.frame = None if template is None else frame or read_frame(self.prs)
        self.writer = TextWriter(talk, inherit_colors=template is not None, frame=self.frame)
        if self.own_design:
            set_link_colors(self.prs, link_color(talk.theme.background, talk.theme.text))
        self.layouts = {role: pick_layout(self.prs, role) for role in LAYOUT_ROLES}
        self.layouts["beside"] = pick_beside_layout(self.prs) or self.layouts["content"]
        count_notes_partnames(self.prs)
        index_relationships(self.prs.part.rels)
        self.footer = plan_footer(talk)[0]
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

    def _layout_placeholder(self, slide, ph_type, box: L.Box | None = None):
        """Put a copy of the layout's footer, slide-number or date placeholder on ``slide`` (python-pptx does not).

        The layout's placeholder is found once per layout (on a template, the
        master's when the layout has none); returns the new shape, or None.
        ``box`` is written as its position, so that it stands where the layout
        shows it whatever a reader makes of inheritance. The copy gets the
        slide's next free shape id: the layout's own id is likely taken on the
        slide already, and PowerPoint repairs a slide whose shapes share an id.
        """
        layout = slide.slide_layout
        key = (id(layout.part), ph_type)
        if key not in self._layout_phs:
            owners = [layout] if self.own_design else [layout, self.prs.slide_master]
            self._layout_phs[key] = next(((ph._element, owner.part) for owner in owners for ph in owner.placeholders
                                          if ph.placeholder_format.type == ph_type), None)
        found = self._layout_phs[key]
        if found is None:
            return None
        tree = slide.shapes._spTree
        el = copy.deepcopy(found[0])
        carry_relationships(el, found[1], slide.part)
        if box is not None:
            sp_pr = el.find(qn("p:spPr"))
            for old in sp_pr.findall(qn("a:xfrm")):
                sp_pr.remove(old)
            xfrm = etree.Element(qn("a:xfrm"))
            etree.SubElement(xfrm, qn("a:off"), x=str(box.x), y=str(box.y))
            etree.SubElement(xfrm, qn("a:ext"), cx=str(box.w), cy=str(box.h))
            sp_pr.insert(0, xfrm)
        if not self.own_design:
            self._keep_master_style(el, ph_type)
        el.find(".//" + qn("p:cNvPr")).set("id", str(tree.max_shape_id + 1))
        tree.insert_element_before(el, "p:extLst")
        return slide.shapes[-1]

    def _keep_master_style(self, el, ph_type) -> None:
        """Give a copied placeholder without a text style of its own its master placeholder's.

        LibreOffice does not carry a master's footer style down to a slide's
        footer whose layout says nothing, and keeps the master's style only in
        its sample text's run: that run's properties become the copy's list style.
        """
        body = el.find(qn("p:txBody"))
        if body is None or body.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}") is not None:
            return
        master = next((ph._element for ph in self.prs.slide_master.placeholders
                       if ph.placeholder_format.type == ph_type), None)
        mbody = master.find(qn("p:txBody")) if master is not None else None
        if mbody is None:
            return
        lvl1 = mbody.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
        if lvl1 is None:
            rpr = mbody.find(f"{qn('a:p')}/{qn('a:r')}/{qn('a:rPr')}")
            ppr = mbody.find(f"{qn('a:p')}/{qn('a:pPr')}")
            if rpr is None:
                return
            lvl1 = etree.Element(qn("a:lvl1pPr"))
            if ppr is not None and ppr.get("algn"):
                lvl1.set("algn", ppr.get("algn"))
            defrpr = copy.deepcopy(rpr)
            defrpr.tag = qn("a:defRPr")
            defrpr.attrib.pop("lang", None)
            lvl1.append(defrpr)
        for old in body.findall(qn("a:lstStyle")):
            body.remove(old)
        style = etree.Element(qn("a:lstStyle"))
        style.append(copy.deepcopy(lvl1))
        body.find(qn("a:bodyPr")).addnext(style)

    def add(self, spec: SlideSpec, chart_pngs: Sequence[Path] | Path | None = None) -> None:
        """Append the slide for ``spec`` (``chart_pngs``: the PNGs of its charts, in the order of its figures)."""
        self._fill(self._new_slide(self.layouts[spec.layout]), spec, chart_pngs)

    def replace(self, index: int, spec: SlideSpec, chart_pngs: Sequence[Path] | Path | None = None) -> None:
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
        self._fill(slide, spec, chart_pngs)
        # A new picture's relationship joins the end of the part's dict, and the package
        # writes its parts in the order of that walk: put it back in rId order, as on a fresh slide.
        rels = slide.part.rels._rels
        ordered = sorted(rels.items(), key=lambda item: int(item[0][3:]) if item[0][3:].isdigit() else 0)
        rels.clear()
        rels.update(ordered)

    def _fill(self, slide, spec: SlideSpec, chart_pngs: Sequence[Path] | Path | None) -> None:
        if spec.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(spec.background.lstrip("#"))
        elif self.own_design or "background" in self.talk.theme.where:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(self.talk.theme.background.lstrip("#"))
        titles = _placeholders(slide, TITLES)
        bodies = _placeholders(slide, BODIES + (PP_PLACEHOLDER.SUBTITLE,))
        title_block = spec.text("title")
        self.writer.fill(titles[0], title_block)
        extra: list[TextBlock] = []
        for block in spec.texts:
            if block.role == "title":
                continue
            if block.role in ("body", "subtitle", "column1", "column2") or (self.frame and block.role == "details"):
                ph = self._placeholder_at(bodies, block)
                if ph is not None:
                    bodies.remove(ph)
                    self.writer.fill(ph, block)
                    continue
            extra.append(block)
        # An empty placeholder shows "Click to add text" (or picture) in PowerPoint.
        for ph in bodies + _placeholders(slide, (PP_PLACEHOLDER.PICTURE,)):
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
        pngs = iter([chart_pngs] if isinstance(chart_pngs, Path) else chart_pngs or [])
        for figure in spec.figures:
            if figure.image is not None:
                self.add_image(slide, figure)
                continue
            png = next(pngs, None)
            if png is not None:
                b = figure.box
                pic = slide.shapes.add_picture(str(png), Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
                pic.name = f"Chart: {figure.chart.title}"
                _set_alt(pic, figure.alt)
        if spec.table:
            add_table(slide, spec.table, f"Table: {spec.title}", self.writer, self.talk.language)
        if spec.footer and self.frame is not None:
            self.add_template_footer(slide, spec)
        elif spec.footer:
            self.add_footer(slide, spec.number)
        self._notes_slide(slide).notes_text_frame.text = spec.notes

    def _placeholder_at(self, bodies: list, block: TextBlock):
        """The body or subtitle placeholder for ``block``: on a template, the one the layout puts where the
        planner put the block (a subtitle for a subtitle); else the next in the layout's order."""
        if not bodies:
            return None
        if self.frame is not None:
            want = PP_PLACEHOLDER.SUBTITLE if block.role == "subtitle" else None
            # The placeholder the planner's box lies in (the box may be the placeholder cut to the slide or
            # clear of a drawing): the one it shares most with.
            shared = []
            for ph in bodies:
                try:
                    at = L.Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
                except (AttributeError, KeyError, ValueError, TypeError):
                    continue
                if want is None or ph.placeholder_format.type == want:
                    shared.append((_shared(at, block.box), -bodies.index(ph), ph))
            best = max(shared, key=lambda item: item[:2], default=None)
            if best is not None and best[0] > 0:
                return best[2]
            if block.role == "details":
                return None
        return bodies[0]

    def add_image(self, slide, figure: Figure) -> None:
        from PIL import Image

        with Image.open(figure.image) as img:
            if img.getexif().get(_EXIF_ORIENTATION, 1) != 1:
                picture, (w_px, h_px) = _upright(img)
            else:
                w_px, h_px = img.size
                picture = _first_frame(img) if img.format == "MPO" else str(figure.image)
        b = _contain(figure.box, w_px, h_px)
        pic = slide.shapes.add_picture(picture, Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
        pic.name = f"Picture: {figure.image.name}"
        _set_alt(pic, figure.alt, decorative=not figure.alt)

    def add_template_footer(self, slide, spec: SlideSpec) -> None:
        """The footer, slide number and (when the talk has a date) date in the layout's own placeholders.

        Only the text is written: size, colour, font and alignment are the template's.
        """
        lf = self.frame.layouts[spec.layout]
        # The master's header/footer settings may hide the date (p:hf dt="0"); it shows when the talk has one.
        hf = self.prs.slide_master._element.find(qn("p:hf"))
        shown = hf is None or hf.get("dt") not in ("0", "false")
        date = shown and self.talk.date and messages_for(self.talk).date(self.talk.date)
        for ph_type, box, text in ((PP_PLACEHOLDER.FOOTER, lf.footer, self.footer.paras[0].text),
                                   (PP_PLACEHOLDER.DATE, lf.date, date),
                                   (PP_PLACEHOLDER.SLIDE_NUMBER, lf.number, None)):
            if ph_type != PP_PLACEHOLDER.SLIDE_NUMBER and not text:
                continue
            shape = self._layout_placeholder(slide, ph_type, box)
            if shape is None:
                continue
            body = shape._element.get_or_add_txBody()
            fld = body.find(f".//{qn('a:fld')}") if text is None else None
            for p in body.findall(qn("a:p")):
                body.remove(p)
            p = etree.SubElement(body, qn("a:p"))
            if text is None:  # the slide number: a field that renumbers itself
                fld = etree.SubElement(p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
                etree.SubElement(fld, qn("a:rPr"), lang=self.talk.language)
                etree.SubElement(fld, qn("a:t")).text = str(spec.number)
            else:
                size = self._one_line_size(body, text, box)
                for part, lang in runs_by_script(text, self.talk.language):
                    r = etree.SubElement(p, qn("a:r"))
                    rpr = etree.SubElement(r, qn("a:rPr"), lang=lang)
                    if size is not None:
                        rpr.set("sz", str(int(size * 100)))
                    etree.SubElement(r, qn("a:t")).text = part

    def _one_line_size(self, body, text: str, box: L.Box | None) -> float | None:
        """A smaller size (pt, at least 8) at which ``text`` fits its footer placeholder on one line, or None
        when the template's own size fits."""
        from ..text.fit import text_width

        if box is None:
            return None
        rpr = body.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
        size = int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else 12.0
        latin = rpr.find(qn("a:latin")) if rpr is not None else None
        face = latin.get("typeface") if latin is not None and latin.get("typeface") else self.frame.minor_font
        face = {"+mj-lt": self.frame.major_font, "+mn-lt": self.frame.minor_font}.get(face, face)
        room = (box.w - 2 * L.INSET_X) / L.EMU_PER_PT
        wide = text_width(text, size, face, self.talk.theme.font_cjk)
        if wide <= room:
            return None
        return max(8.0, math.floor(size * room / wide * 2) / 2)

    def add_footer(self, slide, number: int) -> None:
        ftr = self._layout_placeholder(slide, PP_PLACEHOLDER.FOOTER) if self.own_design else None
        block = self.footer
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
        # Built element by element so that the theme's and talk's values are escaped.
        fld = OxmlElement("a:fld")
        fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
        fld.set("type", "slidenum")
        rpr = etree.SubElement(fld, qn("a:rPr"), lang=self.talk.language, sz="1200")
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=self.talk.theme.muted.lstrip("#").upper())
        etree.SubElement(rpr, qn("a:latin"), typeface=self.talk.theme.font)
        etree.SubElement(fld, qn("a:t")).text = str(number)
        end = p._p.endParaRPr  # kept by clear(); the schema wants it last
        if end is not None:
            end.addprevious(fld)
        else:
            p._p.append(fld)

    def set_properties(self, when: dt.datetime) -> None:
        cp = self.prs.core_properties
        talk = self.talk
        cp.title = plain(talk.title)
        cp.subject = plain(talk.subtitle or "")
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
        stamp = (min(max(when.year, 1980), 2107), when.month, when.day, when.hour, when.minute, when.second)  # a zip's years
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            def put(name: str, blob: bytes) -> None:
                if name in z.NameToInfo:  # two parts of one name: readers would see only one of them
                    raise ValueError(f"the package would hold {name} twice")
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
