"""The footer, slide number and date of content slides: in the template's own placeholders, or the built-in
design's footer and number boxes.

The footer's text and size are the planner's (plan.footer); a slide number is a
field that renumbers itself when the speaker reorders slides in PowerPoint.
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu

from .. import layout as L
from ..layout import Box
from ..model import Talk
from ..plan.frame import LayoutFrame
from ..plan.spec import TextBlock
from ..text.bidi import COMPLEX
from ..text.script import runs_by_script
from .placeholders import LayoutPlaceholders
from .text import TextWriter

_SLIDENUM_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def add_template_footer(slide, number: int, footer: TextBlock, lf: LayoutFrame, date: str | None,
                        placeholders: LayoutPlaceholders, language: str, cs_font: str | None = None) -> None:
    """The footer, slide number and (``date``, when shown) date in the layout's own placeholders.

    Only the text is written, the footer's size when the planner shrank it to stay on
    one line, and a colour where the template's would not read on what lies behind
    (LayoutFrame.small_colors): font and alignment are the template's; but text in a
    complex script takes ``cs_font`` (the theme's ``font_cs``) when the talk has one,
    the font it was measured in.
    """
    legible = dict(lf.small_colors)
    for ph_type, box, text in ((PP_PLACEHOLDER.FOOTER, lf.footer, footer.paras[0].text),
                               (PP_PLACEHOLDER.DATE, lf.date, date),
                               (PP_PLACEHOLDER.SLIDE_NUMBER, lf.number, None)):
        colour = legible.get({PP_PLACEHOLDER.FOOTER: "footer", PP_PLACEHOLDER.DATE: "date"}.get(ph_type, "number"))
        if ph_type != PP_PLACEHOLDER.SLIDE_NUMBER and not text:
            continue
        shape = placeholders.copy_onto(slide, ph_type, box)
        if shape is None:
            continue
        body = shape._element.get_or_add_txBody()
        for p in body.findall(qn("a:p")):
            body.remove(p)
        p = etree.SubElement(body, qn("a:p"))
        if footer.rtl:  # the placeholder's alignment is the template's; the order of its words the talk's
            etree.SubElement(p, qn("a:pPr"), rtl="1")
        if text is None:  # the slide number: a field that renumbers itself
            fld = etree.SubElement(p, qn("a:fld"), id=_SLIDENUM_ID, type="slidenum")
            _colour(etree.SubElement(fld, qn("a:rPr"), lang=language), colour)
            etree.SubElement(fld, qn("a:t")).text = str(number)
            continue
        # The size is written when the planner shrank the footer, or when the copy's own style does not say
        # it (LibreOffice then sets it at its default 18 pt instead of the master's).
        said = body.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
        shrunk = ph_type == PP_PLACEHOLDER.FOOTER and (footer.size != lf.footer_size or said is None
                                                       or not said.get("sz"))
        for part, lang in runs_by_script(text, language):
            r = etree.SubElement(p, qn("a:r"))
            rpr = etree.SubElement(r, qn("a:rPr"), lang=lang)
            if shrunk:
                rpr.set("sz", str(int(footer.size * 100)))
            _colour(rpr, colour)
            if cs_font and COMPLEX.search(part):  # after the fill, as the schema orders a:rPr
                etree.SubElement(rpr, qn("a:cs"), typeface=cs_font)
            etree.SubElement(r, qn("a:t")).text = part


def _colour(rpr, colour: str | None) -> None:
    """Write ``colour`` on the run properties ``rpr`` (the template's own would not read; None: it does)."""
    if colour is not None:
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=colour.lstrip("#").upper())


def add_footer(slide, number: int, footer: TextBlock, at: Box, talk: Talk, placeholders: LayoutPlaceholders,
               writer: TextWriter) -> None:
    """The built-in design's footer (in its layout's footer placeholder) and slide number at ``at``, aligned to
    the end of a line: to the right, or to the left when the footer is right to left."""
    ftr = placeholders.copy_onto(slide, PP_PLACEHOLDER.FOOTER)
    if ftr is not None:
        writer.fill(ftr, footer)
    else:
        writer.textbox(slide, footer, "Footer")
    num = placeholders.copy_onto(slide, PP_PLACEHOLDER.SLIDE_NUMBER)
    if num is None:
        num = slide.shapes.add_textbox(*(Emu(v) for v in (L.NUMBER.x, L.NUMBER.y, L.NUMBER.w, L.NUMBER.h)))
        num.name = "Slide number"
    num.left, num.top, num.width, num.height = (Emu(v) for v in (at.x, at.y, at.w, at.h))
    tf = num.text_frame
    tf.clear()
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT if footer.rtl else PP_ALIGN.RIGHT
    # Built element by element so that the theme's and talk's values are escaped.
    fld = OxmlElement("a:fld")
    fld.set("id", _SLIDENUM_ID)
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang=talk.language, sz="1200")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=talk.theme.muted.lstrip("#").upper())
    etree.SubElement(rpr, qn("a:latin"), typeface=talk.theme.font)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = p._p.endParaRPr  # kept by clear(); the schema wants it last
    if end is not None:
        end.addprevious(fld)
    else:
        p._p.append(fld)
