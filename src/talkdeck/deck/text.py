"""Writing planned text blocks into shapes: each run in its face (bold, italic,
monospace for code, a hyperlink), split by script and tagged with its language
and East Asian font, paragraphs at the fitted size."""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.shapes.autoshape import Shape
from pptx.text.text import _Paragraph
from pptx.util import Emu, Pt

from .. import layout as L
from ..model import Talk
from ..plan.frame import Frame
from ..plan.spec import TextBlock
from ..text.bidi import COMPLEX, direction_stretches, has_rtl, is_rtl_tag, isolate_ltr
from ..text.color import AA_BODY, contrast
from ..text.fit import SCRIPT_OFFSET, layout
from ..text.markup import Run
from ..text.para import BULLET_MARGIN_PT, LEVEL_MARKERS, Para, para_size, para_spacing
from ..text.script import WORD_JOINER, draws_east_asian, join_units, script_spans
from ..text.shaping import CURSIVE, script_font
from .equations import EquationPictures, spacer

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
#: An alignment as a right-to-left paragraph takes it: the start of a line is its right end.
MIRRORED = {"left": "right", "right": "left", "center": "center"}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_BARE_P = parse_xml('<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>')

_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")

#: Link colours to try, in order: the blue people know as a link, and a light blue for dark slides.
LINK_COLORS = ("#0563C1", "#8AB4F8")


def link_color(background: str, text: str) -> str:
    """The first of :data:`LINK_COLORS` with AA contrast on ``background``, else the text colour."""
    return next((c for c in LINK_COLORS if contrast(c, background) >= AA_BODY), text)


def set_link_colors(prs, color: str) -> None:
    """Make ``color`` the hyperlink colour (visited too) of the theme of every slide master in ``prs``.

    PowerPoint and LibreOffice draw a link in the theme's ``hlink`` colour, not
    the run's: a dark design needs a light one.
    """
    for master in prs.slide_masters:
        theme = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob)
        for tag in ("a:hlink", "a:folHlink"):
            for slot in root.iter(qn(tag)):
                for child in list(slot):
                    slot.remove(child)
                etree.SubElement(slot, qn("a:srgbClr"), val=color.lstrip("#").upper())
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cut(runs, shown: str) -> list[Run | None]:
    """``runs`` cut where ``shown`` (their text with characters and line feeds put in) breaks its
    lines: a line feed becomes None, a character put in joins the run it falls in."""
    out: list[Run | None] = []
    k = 0
    for run in runs:
        buf = ""
        for ch in run.text:
            while k < len(shown) and shown[k] != ch:
                if shown[k] == "\n":
                    if buf:
                        out.append(replace(run, text=buf))
                        buf = ""
                    out.append(None)
                else:
                    buf += shown[k]
                k += 1
            buf += ch
            k += 1
        if buf:
            out.append(replace(run, text=buf))
    return out


# --- text ----------------------------------------------------------------------------------------

class TextWriter:
    def __init__(self, talk: Talk, inherit_colors: bool = False, frame: Frame | None = None):
        self.talk = talk
        self.theme = talk.theme
        said = set(talk.theme.where)
        # What a template's placeholders give their runs themselves (see style_run's ``house``).
        self.house_font = frame is not None and "font" not in said and all(lf.styled for lf in frame.layouts.values())
        self.house_ea = frame is not None and bool(frame.ea_font) and "font_cjk" not in said
        self.house_cs = frame is not None and bool(frame.cs_font)
        self.bullets_follow_text = frame is not None and frame.bullets_fail
        # On a user's template, text takes the template's colour (a dark master has light
        # text) unless the outline's theme names one; muted text is the theme's (see frame.theme_on).
        self.inherit = {key for key in ("text",) if inherit_colors and key not in talk.theme.where}
        self.on_template = inherit_colors
        self.rtl = is_rtl_tag(talk.language)
        self.korean = talk.language.lower().split("-")[0] == "ko"
        # A link's run takes the link colour too: LibreOffice draws East Asian text in a link
        # in the run's colour, the rest in the theme's. On a user's template, the template's.
        self.link = None if inherit_colors else link_color(talk.theme.background, talk.theme.text)
        # python-pptx takes ~1 ms to format a text frame, a paragraph and its runs. fill()
        # has it done once per style and copies the result (see _framed, _formatted and _run).
        self._frames: dict[tuple, tuple] = {}
        self._paragraphs: dict[tuple, etree._Element] = {}
        self._run_props: dict[tuple, etree._Element] = {}
        self.equations = EquationPictures(talk.equations == "native", talk.language)

    def style_run(self, run, size: float, look, color: str | None, lang: str, east_asian: bool = False,
                  family: str | None = None, own: bool = False, mono: str | None = None,
                  complex_font: str | None = None, house: bool = False) -> None:
        """Size, weight, slant, font, colour and language of python-pptx ``run``.

        ``look`` is a :class:`Run` or :class:`Para`: its bold, italic and whether it is
        code (set in the theme's monospace font). ``east_asian``: the run is East Asian
        text and its punctuation only, set in the East Asian font for every character.
        ``family``: the block's font, else the theme's. ``own``: the colour is written even
        where a template's would be inherited (text on a panel talkdeck fills itself must
        read on that panel). ``mono``: the block's monospace family for code (a monospaced East
        Asian font for code holding East Asian text), East Asian characters of code included.
        ``complex_font``: the complex-script font (``a:cs``) when the theme names none and the run
        holds Arabic, Hebrew or another complex script.
        ``house``: the run is in a template's placeholder, whose style gives its
        font and colour: neither is written unless the outline names it (or the run is code, or coloured
        itself), and the template's East Asian and complex-script fonts are kept where it names them, so
        that a later change of the template's theme reaches the slide.
        """
        font = run.font
        font.size = Pt(size)
        # On a template, text that is not bold takes the weight its style gives it.
        font.bold = look.bold if (look.bold or not self.on_template) else None
        # East Asian scripts have no italics: a slanted Chinese glyph is a fake oblique.
        font.italic = look.italic and not lang.startswith(("zh", "ja", "ko"))
        code = getattr(look, "code", False)
        family = (mono or self.theme.font_mono) if code else family or self.theme.font
        cjk = mono if code and mono else self.theme.font_cjk
        # East Asian text and its punctuation take the East Asian font for every character.
        house = house and self.on_template
        if not (house and not code and (self.house_ea if east_asian else self.house_font)):
            font.name = cjk if east_asian else family
        color = color or self.theme.text
        role = "text" if color == self.theme.text else "muted" if color == self.theme.muted else None
        # Only a template's placeholder gives its text a colour: a text box talkdeck adds (a second column, a
        # source) would fall back to the presentation's default, the theme's dk1, whatever the master's text is.
        if own or not house or not (role in self.inherit or (role is None and not getattr(look, "color", None))):
            font.color.rgb = RGBColor.from_string(color.lstrip("#"))
        rpr = run._r.get_or_add_rPr()
        if getattr(look, "script", 0):  # an exponent or an index of inline maths
            rpr.set("baseline", str(SCRIPT_OFFSET[0 if look.script > 0 else 1] * 1000))
        rpr.set("lang", lang)
        rpr.set("altLang", self.talk.language)
        said_cs = self.theme.font_cs or complex_font
        faces = (("a:ea", None if house and self.house_ea and not code else cjk),
                 ("a:cs", None if house and not said_cs and (self.house_cs or (self.house_font and not code))
                  else said_cs or family))
        for tag, typeface in faces:
            if typeface is None:
                continue
            el = rpr.find(qn(tag))
            if el is None:
                el = etree.SubElement(rpr, qn(tag))
            el.set("typeface", typeface)

    def fill(self, shape, block: TextBlock) -> None:
        """Write ``block`` into ``shape``'s text frame at its fitted size and position (right to left as the
        block says)."""
        self._framed(shape, block)
        tf = shape.text_frame
        tf.clear()
        body = tf._txBody
        first = body.p_lst[0]
        laid = self._equations(block)
        places = laid[2] if laid else None
        for i, para in enumerate(block.paras):
            if para.runs or not para.equations:
                p = self._formatted(first if i == 0 else _BARE_P, block, para, i)
                self.write_runs(p, para, para_size(para, block.size, block.floor), block.color, shape.part,
                                own=block.fill is not None or block.own_color, family=block.font,
                                mono=block.font_mono, rtl=para.rtl_in(block.rtl), house=shape.is_placeholder)
                body.append(p)
            for k, placed in enumerate(places[i] if places else ()):
                size = para_size(para, block.size, block.floor)
                gap = size * L.PARA_SPACE if (k or para.runs or (i and not para.tight)) else 0.0
                spacer(etree.SubElement(body, qn("a:p")), placed, gap, self.talk.language)
        if len(body.p_lst) > 1:
            body.remove(first)
        if laid and places is not None and any(places):
            self._draw_equations(shape, block, laid)

    def _equations(self, block: TextBlock):
        """Where ``block``'s display equations go (fit.layout), or None when it has none."""
        if not any(p.equations for p in block.paras):
            return None
        t = self.theme
        return layout(block.paras, block.box, block.size, block.font or t.font, t.font_cjk, block.floor,
                      t.font_mono, self.talk.language)

    def _draw_equations(self, shape, block: TextBlock, laid) -> None:
        """The pictures of ``block``'s display equations over the lines kept for them in ``shape``."""
        height, _, places = laid
        inner_h = (block.box.h - 2 * (L.INSET_Y + block.pad)) / L.EMU_PER_PT
        shift = {"middle": (inner_h - height) / 2, "bottom": inner_h - height}.get(block.anchor or "top", 0.0)
        x0 = block.box.x + L.INSET_X + block.pad
        y0 = block.box.y + L.INSET_Y + block.pad + max(0.0, shift) * L.EMU_PER_PT
        tree = shape._element.getparent()
        color = block.color or self.theme.text
        for placed in (p for para in places for p in para):
            self.equations.add(shape.part, tree, placed, int(x0 + placed.left * L.EMU_PER_PT),
                               int(y0 + placed.top * L.EMU_PER_PT), color)

    def write_runs(self, p, para: Para, size: float, color: str | None, part, own: bool = False,
                   shown: str | None = None, family: str | None = None, mono: str | None = None,
                   rtl: bool = False, house: bool = False) -> None:
        """Append ``para``'s runs to the ``a:p`` element ``p`` (before its ``a:endParaRPr``).

        A link becomes a hyperlink related from ``part`` (the slide's), so it is
        clickable in PowerPoint and in LibreOffice's PDF. An empty paragraph (a
        blank line of code) gets its size on its end mark, or it would be as tall
        as the default font. ``shown``: the paragraph's text as planned with
        hyphens and line feeds put in (a table cell's hyphenated word), written as
        the runs cut there, the hyphens in their face, a line break at each line feed.
        ``family``: the block's font (else the theme's); ``mono``: its code's. ``rtl``: a paragraph of
        right-to-left text, whose Latin words that end in a sign are isolated (:func:`isolate_ltr`).
        """
        end = p.find(qn("a:endParaRPr"))
        if not para.runs:
            if end is None:
                end = etree.SubElement(p, qn("a:endParaRPr"))
            end.set("sz", str(int(round(size * 100))))
            return
        items = list(para.runs) if shown is None or shown == para.text else _cut(para.runs, shown)
        text_of = "".join(r.text for r in items if r is not None)
        # Scripts are told apart on the whole paragraph: a quotation mark after a Chinese word in
        # bold is Chinese too, as it is measured (fit.Measure).
        spans = script_spans(text_of, self.talk.language)
        begin = 0
        for run in items:
            if run is None:
                br = etree.SubElement(p, qn("a:br"))
                etree.SubElement(br, qn("a:rPr"), lang=self.talk.language, sz=str(int(round(size * 100))))
                if end is not None:
                    end.addprevious(br)
                continue
            stop = begin + len(run.text)
            pieces = [(text_of[max(a, begin):min(z, stop)], lang) for a, z, lang in spans if a < stop and z > begin]
            begin = stop
            # LibreOffice 7.4 lays a link out as one field, and a field whose text mixes right-to-left and
            # left-to-right words out of place (over the line above, words doubled in the PDF). Such a link
            # is written in pieces of one direction each, every one a link to the same address, and the
            # spaces between them as underlined text in the link's colour: LibreOffice orders those fields
            # as the words they hold, and the PDF has a link over each piece.
            mixed = run.link and rtl and has_rtl(run.text) and _LATIN_LETTER.search(run.text)
            for text, lang in pieces:
                if not run.code:
                    text = join_units(isolate_ltr(text) if rtl and not mixed else text)
                for stretch, linked in direction_stretches(text) if mixed else [(text, True)]:
                    r = self._run(p, stretch, size, run, (run.link and self.link) or run.color or color, lang,
                                  family, own, mono, house)
                    if run.link and not linked:
                        r.find(qn("a:rPr")).set("u", "sng")
                    elif run.link:
                        # Last in a:rPr, after the fonts, as the schema orders it.
                        etree.SubElement(r.find(qn("a:rPr")), qn("a:hlinkClick"),
                                         {qn("r:id"): part.relate_to(run.link, RT.HYPERLINK, is_external=True)})
                    if end is not None:
                        end.addprevious(r)
            if run.link and rtl:
                # LibreOffice 7.4 draws a link field in a right-to-left paragraph in the colour of the run
                # after it: a word joiner (drawn as nothing) in the link's colour gives it its own.
                r = self._run(p, WORD_JOINER, size, run, self.link or run.color or color, self.talk.language,
                              family, own, mono, house)
                if end is not None:
                    end.addprevious(r)

    def format_frame(self, shape, block: TextBlock) -> None:
        """Set ``shape``'s position and its text frame's wrapping, autofit, insets and anchor for ``block``."""
        shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in
                                                            (block.box.x, block.box.y, block.box.w, block.box.h))
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        if block.insets is None:  # else the template placeholder's own, which the text was measured inside
            tf.margin_left = tf.margin_right = Emu(L.INSET_X + block.pad)
            tf.margin_top = Emu(L.INSET_Y + block.pad)
            tf.margin_bottom = Emu(L.INSET_Y + block.pad + block.depth)
        elif block.depth:  # room for a complex script's descenders under the placeholder's own inset
            tf.margin_bottom = Emu(block.insets[3] + block.depth)
        if block.anchor:  # None: the placeholder's own
            tf.vertical_anchor = _ANCHOR[block.anchor]
        if block.fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(block.fill.lstrip("#"))

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
        key = (etree.tostring(sp.spPr), etree.tostring(body.bodyPr), block.box, block.anchor, block.fill, block.pad,
               block.insets, block.depth)
        done = self._frames.get(key)
        if done is None:
            scratch = copy.deepcopy(sp)
            self.format_frame(Shape(scratch, None), block)  # type: ignore[arg-type]  # a detached copy: no part
            done = self._frames[key] = (scratch.spPr, scratch.find(qn("p:txBody")).bodyPr)
        sp.replace(sp.spPr, copy.deepcopy(done[0]))
        body.replace(body.bodyPr, copy.deepcopy(done[1]))

    def format_paragraph(self, p: _Paragraph, block: TextBlock, para: Para, index: int) -> None:
        """Set alignment, spacing and bullet of ``p``, the ``index``-th paragraph of ``block``."""
        size = para_size(para, block.size, block.floor)
        rtl = para.rtl_in(block.rtl)
        if rtl:  # None stays the placeholder's own, but from the right
            p.alignment = _ALIGN[MIRRORED[block.align or "left"]]
        elif block.align or block.rtl:  # None: the placeholder's own (a paragraph's own direction: its start)
            p.alignment = _ALIGN[block.align or "left"]
        p.line_spacing = Pt(size * para_spacing(para, self.theme.font_cs, rtl))
        p.space_before = Pt(size * L.PARA_SPACE if index and not para.tight else 0)
        p.space_after = Pt(0)
        pPr = p._p.get_or_add_pPr()
        if rtl:
            pPr.set("rtl", "1")
        if self.korean:
            # Korean wraps at spaces: PowerPoint breaks a Korean word only when eaLnBrk allows it
            # (LibreOffice ignores the attribute and keeps Korean words whole by itself).
            pPr.set("eaLnBrk", "0")
        for child in pPr.findall(qn("a:buNone")) + pPr.findall(qn("a:buChar")) + pPr.findall(qn("a:buClrTx")):
            pPr.remove(child)
        if para.bullet:
            pPr.set("marL", str(int(BULLET_MARGIN_PT[para.level] * L.EMU_PER_PT)))
            pPr.set("indent", str(int(-27 * L.EMU_PER_PT)))
            pPr.set("lvl", str(para.level))
            if self.bullets_follow_text:  # the template's bullet colour would not show on its background
                etree.SubElement(pPr, qn("a:buClrTx"))
            etree.SubElement(pPr, qn("a:buFont")).set("typeface", "Arial")
            etree.SubElement(pPr, qn("a:buChar")).set("char", LEVEL_MARKERS[para.level])
        else:  # a hanging indent (a reference): the first line starts at the margin, the others further in
            pPr.set("marL", str(int(para.hang * L.EMU_PER_PT)))
            pPr.set("indent", str(-int(para.hang * L.EMU_PER_PT)))
            etree.SubElement(pPr, qn("a:buNone"))

    def _formatted(self, p, block: TextBlock, para: Para, index: int):
        """A copy of the ``a:p`` (without runs) ``p`` formatted by :meth:`format_paragraph`.

        Made by python-pptx once for each starting paragraph and style, then copied:
        the key holds everything format_paragraph reads.
        """
        key = (etree.tostring(p), block.align, block.size, block.floor, index == 0 or para.tight, para.bullet,
               para.level, para.hang, block.rtl, para.rtl, para_spacing(para, self.theme.font_cs, para.rtl_in(block.rtl)))
        proto = self._paragraphs.get(key)
        if proto is None:
            proto = copy.deepcopy(p)
            self.format_paragraph(_Paragraph(proto, None), block, para, index)  # type: ignore[arg-type]
            self._paragraphs[key] = proto
        return copy.deepcopy(proto)

    def _run(self, p, text: str, size: float, look: Run, color: str | None, lang: str, family: str | None = None,
             own: bool = False, mono: str | None = None, house: bool = False):
        """Append to ``p`` an ``a:r`` of ``text`` styled by :meth:`style_run` (its ``a:rPr`` made once a style)."""
        east_asian = draws_east_asian(text)
        complex_font = script_font(text) if self.theme.font_cs is None and COMPLEX.search(text) else None
        cursive = bool(CURSIVE.search(text))
        key = (size, look.bold, look.italic, look.code, color, lang, east_asian, family, own, mono, complex_font,
               look.script, house, cursive)
        rpr = self._run_props.get(key)
        if rpr is None:
            run = _Paragraph(copy.deepcopy(_BARE_P), None).add_run()  # type: ignore[arg-type]  # detached
            self.style_run(run, size, look, color, lang, east_asian, family, own, mono, complex_font, house)
            if cursive:  # a template's letter spacing (a spaced-out subtitle) would break the letters' joins
                run._r.get_or_add_rPr().set("spc", "0")
            rpr = self._run_props[key] = run._r.rPr
        r = etree.SubElement(p, qn("a:r"))
        r.append(copy.deepcopy(rpr))
        etree.SubElement(r, qn("a:t")).text = CT_RegularTextRun._escape_ctrl_chars(text)
        return r

    def textbox(self, slide, block: TextBlock, name: str) -> None:
        box = slide.shapes.add_textbox(Emu(block.box.x), Emu(block.box.y), Emu(block.box.w), Emu(block.box.h))
        box.name = name
        self.fill(box, block)

