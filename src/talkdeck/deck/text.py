"""Writing planned text blocks into shapes: runs split by script and tagged with
their language and East Asian font, paragraphs at the fitted size."""

from __future__ import annotations

import copy

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.shapes.autoshape import Shape
from pptx.text.text import _Paragraph
from pptx.util import Emu, Pt

from .. import layout as L
from ..fit import BULLET_MARGIN_PT, LEVEL_MARKERS, Para, para_size
from ..plan import TextBlock
from ..model import Talk
from ..script import draws_east_asian, runs_by_script

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_BARE_P = parse_xml('<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>')

# --- text ----------------------------------------------------------------------------------------

class TextWriter:
    def __init__(self, talk: Talk, inherit_colors: bool = False):
        self.talk = talk
        self.theme = talk.theme
        # On a user's template, text takes the template's colour (a dark master has light
        # text) unless the outline's theme names one; muted text is the theme's (see frame.theme_on).
        self.inherit = {key for key in ("text",) if inherit_colors and key not in talk.theme.where}
        self.on_template = inherit_colors
        # python-pptx takes ~1 ms to format a text frame, a paragraph and its runs. fill()
        # has it done once per style and copies the result (see _framed, _formatted and _run).
        self._frames: dict[tuple, tuple] = {}
        self._paragraphs: dict[tuple, etree._Element] = {}
        self._run_props: dict[tuple, etree._Element] = {}

    def style_run(self, run, size: float, para: Para, color: str | None, lang: str,
                  east_asian: bool = False, face: str | None = None) -> None:
        """Size, weight, font (``face``, else the theme's; the East Asian one for East Asian text), colour
        and language of ``run``."""
        font = run.font
        font.size = Pt(size)
        # On a template, text that is not bold takes the weight its style gives it.
        font.bold = para.bold if (para.bold or not self.on_template) else None
        # East Asian scripts have no italics: a slanted Chinese glyph is a fake oblique.
        font.italic = para.italic and not lang.startswith(("zh", "ja", "ko"))
        face = face or self.theme.font
        # East Asian text and its punctuation take the East Asian font for every character.
        font.name = self.theme.font_cjk if east_asian else face
        color = color or self.theme.text
        role = "text" if color == self.theme.text else "muted" if color == self.theme.muted else None
        if role not in self.inherit:
            font.color.rgb = RGBColor.from_string(color.lstrip("#"))
        rpr = run._r.get_or_add_rPr()
        rpr.set("lang", lang)
        rpr.set("altLang", self.talk.language)
        for tag, family in (("a:ea", self.theme.font_cjk), ("a:cs", face)):
            el = rpr.find(qn(tag))
            if el is None:
                el = etree.SubElement(rpr, qn(tag))
            el.set("typeface", family)

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
            for text, lang in runs_by_script(para.text, self.talk.language):
                r = self._run(p, text, para_size(para, block.size, block.floor), para, block.color, lang,
                              block.font)
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
        if block.anchor:  # None: the placeholder's own
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
        size = para_size(para, block.size, block.floor)
        if block.align:  # None: the placeholder's own
            p.alignment = _ALIGN[block.align]
        p.line_spacing = Pt(size * L.LINE_SPACING)
        p.space_before = Pt(size * L.PARA_SPACE if index else 0)
        p.space_after = Pt(0)
        pPr = p._p.get_or_add_pPr()
        for child in pPr.findall(qn("a:buNone")) + pPr.findall(qn("a:buChar")):
            pPr.remove(child)
        if para.bullet:
            pPr.set("marL", str(int(BULLET_MARGIN_PT[para.level] * L.EMU_PER_PT)))
            pPr.set("indent", str(int(-27 * L.EMU_PER_PT)))
            pPr.set("lvl", str(para.level))
            etree.SubElement(pPr, qn("a:buFont")).set("typeface", "Arial")
            etree.SubElement(pPr, qn("a:buChar")).set("char", LEVEL_MARKERS[para.level])
        else:
            pPr.set("marL", "0")
            pPr.set("indent", "0")
            etree.SubElement(pPr, qn("a:buNone"))

    def _formatted(self, p, block: TextBlock, para: Para, index: int):
        """A copy of the ``a:p`` (without runs) ``p`` formatted by :meth:`format_paragraph`.

        Made by python-pptx once for each starting paragraph and style, then copied:
        the key holds everything format_paragraph reads.
        """
        key = (etree.tostring(p), block.align, block.size, block.floor, index == 0, para.bullet, para.level)
        proto = self._paragraphs.get(key)
        if proto is None:
            proto = copy.deepcopy(p)
            self.format_paragraph(_Paragraph(proto, None), block, para, index)
            self._paragraphs[key] = proto
        return copy.deepcopy(proto)

    def _run(self, p, text: str, size: float, para: Para, color: str | None, lang: str, face: str | None = None):
        """Append to ``p`` an ``a:r`` of ``text`` styled by :meth:`style_run` (its ``a:rPr`` made once a style)."""
        east_asian = draws_east_asian(text)
        key = (size, para.bold, para.italic, color, lang, east_asian, face)
        rpr = self._run_props.get(key)
        if rpr is None:
            run = _Paragraph(copy.deepcopy(_BARE_P), None).add_run()
            self.style_run(run, size, para, color, lang, east_asian, face)
            rpr = self._run_props[key] = run._r.rPr
        r = etree.SubElement(p, qn("a:r"))
        r.append(copy.deepcopy(rpr))
        etree.SubElement(r, qn("a:t")).text = CT_RegularTextRun._escape_ctrl_chars(text)
        return r

    def textbox(self, slide, block: TextBlock, name: str) -> None:
        box = slide.shapes.add_textbox(Emu(block.box.x), Emu(block.box.y), Emu(block.box.w), Emu(block.box.h))
        box.name = name
        self.fill(box, block)
