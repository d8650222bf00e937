"""DeckBuilder: planned slides and chart PNGs → a presentation → reproducible .pptx bytes."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu

from .. import layout as L
from ..errors import TalkdeckError
from ..lang.i18n import messages_for
from ..model import Talk
from ..plan.frame import Frame
from ..plan.spec import SlideSpec, TextBlock
from ..text.bidi import is_rtl_tag
from ..text.script import needs_own_capitals, upper_para
from .direction import left_to_right
from .footer import add_footer, add_template_footer
from .geometry import read_frame
from .omml import MC
from .pictures import add_chart, add_image, set_alt
from .placeholders import LayoutPlaceholders
from .roles import BODIES, TITLES, placeholders_of
from .save import package_bytes, set_properties
from .speedups import compile_xpaths_once, count_notes_partnames, index_relationships
from .table import add_table
from .template import LAYOUT_ROLES, open_presentation, pick_beside_layout, pick_layout
from .text import TextWriter, link_color, set_link_colors


def _placeholders(slide, kinds) -> list:
    return sorted((ph for ph in slide.placeholders if ph.placeholder_format.type in kinds),
                  key=lambda ph: ph.placeholder_format.idx)


def _master_title(slide):
    """A title placeholder added to ``slide``, whose layout has none: it takes the master's title style (and,
    in LibreOffice, place; its box is written with its text)."""
    sp = parse_xml(f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{slide.shapes._next_shape_id}" name="Title"/>'
                   '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>'
                   '<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>')
    tree = slide.shapes._spTree
    tree.insert_element_before(sp, "p:extLst")
    return next(ph for ph in slide.placeholders if ph._element is sp)


def _shared(a: L.Box, b: L.Box) -> int:
    """The area two boxes share (EMU²)."""
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0


class DeckBuilder:
    """Adds planned slides to a presentation, then serialises it."""

    def __init__(self, talk: Talk, template: Path | None = None, frame: Frame | None = None, prs=None):
        """A deck on ``template`` (None: the built-in design). ``frame``: the template's, as the planner read it
        (read from the presentation when not given); ``prs``: the template already opened by
        :func:`~talkdeck.deck.template.open_presentation` (opened here when not given)."""
        compile_xpaths_once()
        self.talk = talk
        self.prs = prs if prs is not None else open_presentation(template, talk.theme.aspect)
        self.own_design = template is None
        if not self.own_design and not is_rtl_tag(talk.language):
            left_to_right(self.prs)  # an Arabic or Hebrew institution's template, for a talk in a left-to-right language
        #: The template's geometry and colours (None on the built-in design).
        self.frame = None if template is None else frame or read_frame(self.prs)
        self.writer = TextWriter(talk, inherit_colors=template is not None, frame=self.frame)
        if self.own_design:
            set_link_colors(self.prs, link_color(talk.theme.background, talk.theme.text))
        self.layouts = {role: pick_layout(self.prs, role) for role in LAYOUT_ROLES}
        self.layouts["beside"] = pick_beside_layout(self.prs) or self.layouts["content"]
        count_notes_partnames(self.prs)
        index_relationships(self.prs.part.rels)
        self._slide_id = max([255] + [int(s.get("id")) for s in self.prs.slides._sldIdLst.sldId_lst])
        self._clones: dict[int, list] = {}
        self._notes_clones: list | None = None
        self._kept: dict[object, frozenset[int]] = {}  # per layout: the idx of the placeholders filled or kept
        self.placeholders = LayoutPlaceholders(self.prs, self.own_design)
        # On a template the date shows in its date placeholder when the talk has one, unless the master's
        # header/footer settings hide it (p:hf dt="0").
        hf = self.prs.slide_master._element.find(qn("p:hf"))
        shown = not self.own_design and (hf is None or hf.get("dt") not in ("0", "false"))
        self.date = messages_for(talk).date(talk.date) if shown and talk.date else None

    def _kept_placeholders(self, slide) -> set:
        """The placeholder elements of a new ``slide`` that :func:`placeholders_of` keeps: judged once per
        layout (a new slide's placeholders are its layout's, by idx), not by reading each slide's inherited
        boxes, which took a quarter of a 500-slide build."""
        layout = slide.slide_layout
        if layout._element not in self._kept:
            self._kept[layout._element] = frozenset(ph.placeholder_format.idx
                                                    for ph in placeholders_of(layout, self.prs.slide_height))
        kept = self._kept[layout._element]
        return {ph._element for ph in slide.placeholders if ph.placeholder_format.idx in kept}

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
        for el in list(tree.iter_shape_elms()) + tree.findall(f"{{{MC}}}AlternateContent"):  # native equations too
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
        if self.own_design and spec.kind == "divider" and needs_own_capitals(spec.title, self.talk.language):
            # The built-in layout sets a divider's title all caps; a renderer's caps keep "ß" and miss Turkish "İ".
            spec = replace(spec, texts=[replace(t, paras=[upper_para(p, self.talk.language) for p in t.paras])
                                        if t.role == "title" else t for t in spec.texts])
        if spec.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(spec.background.lstrip("#"))
        elif self.own_design or "background" in self.talk.theme.where:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor.from_string(self.talk.theme.background.lstrip("#"))
        titles = _placeholders(slide, TITLES)
        bodies = _placeholders(slide, BODIES + (PP_PLACEHOLDER.SUBTITLE,))
        # A layout's text slot in the footer strip (a "Source" line) takes no block; it is left out with the rest.
        kept = self._kept_placeholders(slide)
        slots = [ph for ph in bodies if ph._element not in kept]
        bodies = [ph for ph in bodies if ph._element in kept]
        extra: list[TextBlock] = []
        for block in spec.texts:  # the title first: every slide's first block
            if block.role == "title":
                if not titles:  # a layout whose title was deleted: the slide takes one of the master's
                    titles = [_master_title(slide)]
                self.writer.fill(titles[0], block)
                continue
            if block.role in ("body", "subtitle", "column1", "column2") or (self.frame and block.role == "details"):
                ph = self._placeholder_at(bodies, block)
                if ph is not None:
                    bodies.remove(ph)
                    self.writer.fill(ph, block)
                    continue
            extra.append(block)
        # An empty placeholder shows "Click to add text" (or picture) in PowerPoint.
        # A second title placeholder (Google Slides' section header has one for a number) is left out too.
        for ph in bodies + slots + titles[1:] + _placeholders(slide, (PP_PLACEHOLDER.PICTURE,)):
            ph._element.getparent().remove(ph._element)
        for block in extra:
            self.writer.textbox(slide, block, block.role.capitalize())
        if (r := spec.rule) is not None:
            rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(r.x), Emu(r.y), Emu(r.w), Emu(r.h))
            rule.name = "Accent rule"
            rule.fill.solid()
            rule.fill.fore_color.rgb = RGBColor.from_string(self.talk.theme.accent.lstrip("#"))
            rule.line.fill.background()
            set_alt(rule, "", decorative=True)
        pngs = iter([chart_pngs] if isinstance(chart_pngs, Path) else chart_pngs or [])
        for figure in spec.figures:
            if figure.image is not None:
                try:
                    add_image(slide, figure.image, figure.box, figure.alt, figure.vector, figure.natural)
                except (OSError, ValueError) as e:  # it was read whole when the talk was loaded: it changed since
                    raise TalkdeckError(changed_while_built(figure.image, e, self.talk.base_dir)) from None
            elif (png := next(pngs, None)) is not None:
                add_chart(slide, figure, png)
        if spec.table:
            add_table(slide, spec.table, f"Table: {spec.title}", self.writer, self.talk.language)
        if spec.footer is not None and self.frame is not None:
            add_template_footer(slide, spec.number, spec.footer, self.frame.layouts[spec.layout], self.date,
                                self.placeholders, self.talk.language, self.talk.theme.font_cs)
        elif spec.footer is not None:
            add_footer(slide, spec.number, spec.footer, spec.number_box or L.NUMBER, self.talk, self.placeholders,
                       self.writer)
        notes = self._notes_slide(slide).notes_text_frame
        notes.text = spec.notes
        if self.writer.rtl:  # the notes of a right-to-left talk read right to left, in presenter view and printed
            for p in notes.paragraphs:
                p.alignment = PP_ALIGN.RIGHT
                p._p.get_or_add_pPr().set("rtl", "1")

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

    def to_bytes(self, when: dt.datetime) -> bytes:
        """The .pptx as bytes (deck.save): the talk's properties, fixed zip timestamps, parts in a stable order."""
        set_properties(self.prs, self.talk, when)
        return package_bytes(self.prs, when)


def changed_while_built(image: Path, error: Exception, folder: Path | None) -> str:
    """The message for a picture removed or rewritten between loading the talk and writing the deck (an editor
    saving it, watch rebuilding at the same time)."""
    shown = image.relative_to(folder) if folder is not None and image.is_relative_to(folder) else image
    why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return (f"{shown.as_posix()}: was removed or changed while the deck was being built ({why}); "
            "build again once it is saved")
