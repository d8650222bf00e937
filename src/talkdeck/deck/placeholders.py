"""Copies of a layout's footer, slide-number and date placeholders on a slide (python-pptx does not make
them), and the text style such a copy ends up with.

The text style of a copied placeholder decides its size and face: the planner
fits the footer in it (read into the frame by :func:`footer_style`), the deck
writes it (:meth:`LayoutPlaceholders.copy_onto`); both read it here, the same way.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from ..layout import Box
from .relations import carry_relationships

_LVL1_DEF = f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"


def layout_placeholder(prs, layout, ph_type, own_design: bool):
    """The element of the placeholder of ``ph_type`` a slide on ``layout`` shows: the layout's, or on a
    template the master's when the layout has none; None when neither has one."""
    owners = [layout] if own_design else [layout, prs.slide_master]
    return next((ph._element for owner in owners for ph in owner.placeholders
                 if ph.placeholder_format.type == ph_type), None)


def master_style(prs, el, ph_type):
    """The level-1 paragraph style (``a:lvl1pPr``) a copy of ``el`` takes from the master's placeholder of
    ``ph_type`` when ``el`` has no text style of its own, or None when it keeps its own (or there is none).

    LibreOffice does not carry a master's footer style down to a slide's footer
    whose layout says nothing, and keeps the master's style only in its sample
    text's run: that run's properties become the copy's list style.
    """
    body = el.find(qn("p:txBody"))
    if body is None or body.find(_LVL1_DEF) is not None:
        return None
    master = next((ph._element for ph in prs.slide_master.placeholders
                   if ph.placeholder_format.type == ph_type), None)
    mbody = master.find(qn("p:txBody")) if master is not None else None
    if mbody is None:
        return None
    lvl1 = mbody.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    if lvl1 is not None:
        return lvl1
    rpr = mbody.find(f"{qn('a:p')}/{qn('a:r')}/{qn('a:rPr')}")
    ppr = mbody.find(f"{qn('a:p')}/{qn('a:pPr')}")
    if rpr is None:
        return None
    lvl1 = etree.Element(qn("a:lvl1pPr"))
    if ppr is not None and ppr.get("algn"):
        lvl1.set("algn", ppr.get("algn"))
    defrpr = copy.deepcopy(rpr)
    defrpr.tag = qn("a:defRPr")
    defrpr.attrib.pop("lang", None)
    lvl1.append(defrpr)
    return lvl1


def footer_style(prs, layout) -> tuple[float, str | None]:
    """The size (pt; 12 when the style says none) and Latin typeface (None: the theme's minor font, or a
    ``+mn-lt``/``+mj-lt`` reference) of the footer a slide on ``layout`` of a template shows."""
    el = layout_placeholder(prs, layout, PP_PLACEHOLDER.FOOTER, own_design=False)
    if el is None:
        return 12.0, None
    inherited = master_style(prs, el, PP_PLACEHOLDER.FOOTER)
    rpr = inherited.find(qn("a:defRPr")) if inherited is not None else el.find(f"{qn('p:txBody')}/{_LVL1_DEF}")
    size = int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else 12.0
    latin = rpr.find(qn("a:latin")) if rpr is not None else None
    return size, (latin.get("typeface") or None) if latin is not None else None


class LayoutPlaceholders:
    """Copies layouts' footer, slide-number and date placeholders onto slides, each looked up once a layout."""

    def __init__(self, prs, own_design: bool):
        self.prs = prs
        self.own_design = own_design
        self._found: dict[tuple, Any] = {}

    def copy_onto(self, slide, ph_type, box: Box | None = None):
        """Put a copy of the layout's placeholder of ``ph_type`` on ``slide``; returns the new shape, or None.

        ``box`` is written as its position, so that it stands where the layout
        shows it whatever a reader makes of inheritance. The copy gets the
        slide's next free shape id: the layout's own id is likely taken on the
        slide already, and PowerPoint repairs a slide whose shapes share an id.
        """
        layout = slide.slide_layout
        key = (id(layout.part), ph_type)
        if key not in self._found:
            self._found[key] = layout_placeholder(self.prs, layout, ph_type, self.own_design)
        el = self._found[key]
        if el is None:
            return None
        tree = slide.shapes._spTree
        source = layout.part if el.getroottree().getroot() is layout._element else self.prs.slide_master.part
        el = copy.deepcopy(el)
        carry_relationships(el, source, slide.part)
        if box is not None:
            sp_pr = el.find(qn("p:spPr"))
            for old in sp_pr.findall(qn("a:xfrm")):
                sp_pr.remove(old)
            xfrm = etree.Element(qn("a:xfrm"))
            etree.SubElement(xfrm, qn("a:off"), x=str(box.x), y=str(box.y))
            etree.SubElement(xfrm, qn("a:ext"), cx=str(box.w), cy=str(box.h))
            sp_pr.insert(0, xfrm)
        if not self.own_design:
            lvl1 = master_style(self.prs, el, ph_type)
            if lvl1 is not None:
                body = el.find(qn("p:txBody"))
                for old in body.findall(qn("a:lstStyle")):
                    body.remove(old)
                style = etree.Element(qn("a:lstStyle"))
                style.append(copy.deepcopy(lvl1))
                body.find(qn("a:bodyPr")).addnext(style)
        el.find(".//" + qn("p:cNvPr")).set("id", str(tree.max_shape_id + 1))
        tree.insert_element_before(el, "p:extLst")
        return slide.shapes[-1]
