"""Legible on any master: what lies behind each text of a layout, and the colours to write where the
template's own would not read there (WCAG AA: 4.5:1, 3:1 for large text).

What lies behind is the layout's background (its own, else the master's: a colour, a gradient, a picture
read where the text lies) and the master's and layout's drawings in drawing order (see colors.behind); a
placeholder filled by the template (a band behind the title) is read on its own fill.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..layout import Box
from ..plan.frame import LayoutFrame
from ..text.color import AA_BODY, AA_LARGE, contrast
from .colors import background_of, colour_of, fill_colour, shape_colour
from .placeholders import layout_placeholder


def shape_box(shape) -> Box | None:
    """A drawing's box (EMU), or None when it has no size of its own."""
    try:
        x, y, w, h = shape.left, shape.top, shape.width, shape.height
    except (AttributeError, KeyError):
        return None
    if None in (x, y, w, h) or w <= 0 or h <= 0:
        return None
    return Box(int(x), int(y), int(w), int(h))


def group_members(group, box: Box) -> list[tuple[Any, Box]]:
    """The drawings in ``group`` (drawn at ``box``), however deep, each with its box on the slide (the group's
    child offset and extent mapped onto ``box``)."""
    xfrm = group._element.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    off, ext = (xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))) if xfrm is not None else (None, None)
    ox, oy = (int(off.get("x", 0)), int(off.get("y", 0))) if off is not None else (box.x, box.y)
    cw, ch = (int(ext.get("cx", 0)), int(ext.get("cy", 0))) if ext is not None else (box.w, box.h)
    sx, sy = box.w / cw if cw else 1.0, box.h / ch if ch else 1.0
    out: list[tuple[Any, Box]] = []
    for member in group.shapes:
        if (b := shape_box(member)) is None:
            continue
        b = Box(box.x + round((b.x - ox) * sx), box.y + round((b.y - oy) * sy), round(b.w * sx), round(b.h * sy))
        out += group_members(member, b) if member.shape_type == MSO_SHAPE_TYPE.GROUP else [(member, b)]
    return out


def theme_xml(prs):
    """The master's theme part, parsed."""
    return etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)


_SMALL_TEXTS = {"footer": PP_PLACEHOLDER.FOOTER, "date": PP_PLACEHOLDER.DATE, "number": PP_PLACEHOLDER.SLIDE_NUMBER}


def small_text_colours(prs, layout, lf: LayoutFrame, under, colors, clr_map,
                        text: str) -> tuple[tuple[str, str], ...]:
    """For the footer, date and number a slide on ``layout`` shows: the colour to write on their text where the
    template's own (their style's, else the master's text colour) reads below 4.5:1 on what lies behind them
    (the first of the theme's light and dark colours, then white or black, that reads)."""
    out = []
    for key, kind in _SMALL_TEXTS.items():
        box = getattr(lf, key)
        el = layout_placeholder(prs, layout, kind, own_design=False)
        if box is None or el is None:
            continue
        master = next((ph._element for ph in prs.slide_master.placeholders if ph.placeholder_format.type == kind),
                      None)
        chain = [p for shape in (el, master) if shape is not None
                 for p in (shape.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"),
                           shape.find(f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:r')}/{qn('a:rPr')}"))]
        fill = next((f for rpr in chain if rpr is not None and (f := rpr.find(qn("a:solidFill"))) is not None
                     and colour_of(f, colors, clr_map)), None)
        own = (colour_of(fill, colors, clr_map) if fill is not None else None) or text
        fix = _readable(own, under(box), AA_BODY, colors)
        if fix is not None:
            out.append((key, fix))
        elif fill is not None and any(len(el) for el in fill):
            # A tinted or shaded colour: PowerPoint and LibreOffice draw it differently (LibreOffice far
            # lighter on a copied footer), so the colour it reads at is written on the text.
            out.append((key, own))
    return tuple(out)


_FILLS = {qn(f"a:{t}") for t in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")}


def own_fill(chain, colors, clr_map) -> str | None:
    """The fill colour of the first placeholder of ``chain`` (a layout's, then the master's) that says one;
    None when it says none or no fill."""
    for ph in chain:
        sp_pr = ph._element.find(qn("p:spPr")) if ph is not None else None
        if sp_pr is not None and any(child.tag in _FILLS for child in sp_pr):
            return fill_colour(sp_pr, None, colors, clr_map)
    return None


def _readable(colour: str, under: str, ratio: float, colors) -> str | None:
    """None when ``colour`` reads at ``ratio`` on ``under``; else the first of the theme's light and dark
    colours, then white or black, that does (the best of them when none does)."""
    if contrast(colour, under) >= ratio:
        return None
    options = [colors[k] for k in ("lt1", "dk1") if k in colors] + ["#FFFFFF", "#000000"]
    return next((c for c in options if contrast(c, under) >= ratio), max(options, key=lambda c: contrast(c, under)))


def text_fixes(lf: LayoutFrame, under, colors, text: str) -> dict:
    """The colours to write on a layout's title and body text where the template's own (its styles', else
    the master's text colour) would not read on what lies behind their placeholders: 4.5:1, or 3:1 for a
    title of 18 pt and more (WCAG's large text)."""
    fixes = {}
    if lf.title is not None:
        large = (lf.title_size or 44) >= 18
        fixes["title_fix"] = _readable(lf.title_color or text, lf.title_fill or under(lf.title),
                                       AA_LARGE if large else AA_BODY, colors)
    # Without a body or subtitle placeholder, text goes under the title (plan.cover.cover_text).
    body = lf.bodies[0] if lf.bodies else lf.subtitle or (lf.title.below(lf.title.h) if lf.title else None)
    if body is not None:
        fixes["body_fix"] = _readable(lf.body_color or text, under(body), AA_BODY, colors)
    return fixes


def owners(prs, layout) -> list:
    """The master (unless the layout hides its drawings) and the layout, in drawing order."""
    return [layout] if layout._element.get("showMasterSp") == "0" else [prs.slide_master, layout]


def backdrops(prs, layout, colors, clr_map) -> tuple:
    """The layout's background colour (its own, else the master's; None if neither says) and its drawings
    that have a colour (box, colour), in drawing order: what may lie behind a text."""
    theme = theme_xml(prs)
    ground = (background_of(layout, colors, clr_map, theme, pictures=True)
              or background_of(prs.slide_master, colors, clr_map, theme, pictures=True))
    # A group is read member by member: a group as large as the slide may hold only a strip of triangles
    # down one side, and its largest member's colour is not what lies behind the title.
    drawn = [(b, c) for owner in owners(prs, layout) for shape in owner.shapes if not shape.is_placeholder
             if (box := shape_box(shape)) is not None
             for member, b in (group_members(shape, box) if shape.shape_type == MSO_SHAPE_TYPE.GROUP
                               else [(shape, box)])
             if (c := shape_colour(member._element, owner.part, colors, clr_map, pictures=True))]
    return ground, drawn
