"""A right-to-left template (an Arabic or Hebrew institution's) set up for a talk written left to right.

Such a template says ``rtl="1"`` and ``algn="r"`` in every text style it has:
the presentation's default text style (tables and text boxes), the master's
title, body and other styles, its placeholders' list styles, the notes'. An
English talk on it inherits them, and a right-to-left paragraph reorders its
neutral characters: "?Questions", "1950–56" drawn as "56–1950", the agenda's
numbers at the right. The styles are turned left to right before any slide is
added (the footer, date and number placeholders keep their alignment: where
they sit is the template's design); a right-to-left talk keeps them as they are.
"""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

#: The paragraph-property elements of a text style and of a paragraph.
_PPRS = {qn("a:defPPr"), qn("a:pPr"), *(qn(f"a:lvl{i}pPr") for i in range(1, 10))}
_KEPT = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)


def is_right_to_left(prs) -> bool:
    """Whether ``prs``'s default text style or its first master's title or body style runs right to left."""
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    roots = [prs.part._element.find(qn("p:defaultTextStyle"))]
    if styles is not None:
        roots += [styles.find(qn("p:titleStyle")), styles.find(qn("p:bodyStyle"))]
    return any(root is not None and (lvl := root.find(qn("a:lvl1pPr"))) is not None and lvl.get("rtl") == "1"
               for root in roots)


def left_to_right(prs) -> bool:
    """Turn the text styles of ``prs`` left to right (right alignment to left) when they run right to left;
    whether they did."""
    if not is_right_to_left(prs):
        return False
    roots = [prs.part._element.find(qn("p:defaultTextStyle")), prs.notes_master._element.find(qn("p:notesStyle"))]
    for master in prs.slide_masters:
        roots.append(master._element.find(qn("p:txStyles")))
        for owner in (master, *master.slide_layouts):
            roots += [ph._element.find(qn("p:txBody")) for ph in owner.placeholders
                      if ph.placeholder_format.type not in _KEPT]
    for root in roots:
        for el in root.iter(*_PPRS) if root is not None else ():
            if el.get("rtl") == "1":
                el.set("rtl", "0")
            if el.get("algn") == "r":
                el.set("algn", "l")
    return True
