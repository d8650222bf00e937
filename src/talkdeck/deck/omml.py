"""Native PowerPoint equations (``equations: native``): OMML in a text box, the picture as its fallback.

PowerPoint keeps an equation as Office Math (OMML, ``m:oMathPara``) inside an
``a14:m`` element of a paragraph; it writes the shape in an
``mc:AlternateContent`` whose ``mc:Choice Requires="a14"`` holds the text box
and whose ``mc:Fallback`` holds a picture for readers that do not know a14.
talkdeck writes the same: the Choice is a text box over the place
:func:`talkdeck.text.fit.layout` gave the equation, the Fallback the SVG
picture with its PNG (:mod:`talkdeck.deck.equations`).

The LaTeX becomes MathML through latex2mathml and OMML through mathml2omml.
Where that fails (mathml2omml cannot read ``aligned``'s MathML, for one),
:func:`to_omml` gives None and the equation stays a picture.
"""

from __future__ import annotations

import functools

from lxml import etree
from pptx.oxml.ns import qn

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


@functools.lru_cache(maxsize=256)
def _omml_text(tex: str) -> str | None:
    """The ``m:oMathPara`` of ``tex`` as XML text (centred as a group), or None when it cannot be converted."""
    import latex2mathml.converter
    import mathml2omml

    try:
        math = mathml2omml.convert(latex2mathml.converter.convert(tex, display="block"))
        para = (f'<m:oMathPara xmlns:m="{M}"><m:oMathParaPr><m:jc m:val="centerGroup"/></m:oMathParaPr>'
                f"{math}</m:oMathPara>")
        etree.fromstring(para)
    except Exception:  # noqa: BLE001 - any failure of either converter: the picture stays
        return None
    # Only what Office Math has: a LaTeX command left as typed means the conversion lost it.
    if "\\" in para or "<m:oMath>" not in para:
        return None
    root = etree.fromstring(para)
    _tidy(root)
    return etree.tostring(root, encoding="unicode")


#: An accent mathml2omml writes as a limit over its base (``\hat{f}``: "^" over f) → the combining mark.
_ACCENTS = {"^": "\u0302", "\u02c6": "\u0302", "~": "\u0303", "\u02dc": "\u0303", "\u2192": "\u20d7",
            "\u00af": "\u0305", "\u203e": "\u0305", "\u02d9": "\u0307", "\u00a8": "\u0308", "\u02c7": "\u030c"}


def _tidy(root) -> None:
    """What mathml2omml writes that Office Math reads otherwise: an n-ary operator (∮ over a surface) with
    no upper or lower limit gets it hidden, not an empty box to fill in; a pair of bars (``|x|``) is a
    delimiter around what it encloses; an accent is an ``m:acc``."""
    def m(name: str) -> str:
        return f"{{{M}}}{name}"

    for nary in root.iter(m("nary")):
        pr = nary.find(m("naryPr"))
        for part, hide in (("sub", "subHide"), ("sup", "supHide")):
            limit = nary.find(m(part))
            if pr is not None and limit is not None and len(limit) == 0:
                flag = etree.Element(m(hide))
                flag.set(m("val"), "1")
                after = [pr.find(m(k)) for k in ("chr", "limLoc", "grow", "subHide")]
                anchor = next((a for a in reversed(after) if a is not None), None)
                pr.insert(0 if anchor is None else pr.index(anchor) + 1, flag)
    scripted = (m("sSup"), m("sSub"), m("sSubSup"))

    def bar(el) -> str | None:
        """The bar ``el`` is (a run of "|" or "‖", or one with a script: the closing bar of ``|f|^2``)."""
        if el.tag in scripted:
            el = el.find(m("e"))
            el = el[0] if el is not None and len(el) == 1 else None
        text = "".join(el.itertext()).strip() if el is not None and el.tag == m("r") else ""
        return text if text in ("|", "‖") else None

    for parent in list(root.iter()):  # |x| and ‖v‖ as delimiters around what they enclose
        bars = [k for k in parent if bar(k) is not None]
        for left, right in zip(bars[::2], bars[1::2]):
            if bar(left) != bar(right) or left.tag != m("r"):
                continue
            d = etree.Element(m("d"))
            pr = etree.SubElement(d, m("dPr"))
            for name in ("begChr", "endChr"):
                etree.SubElement(pr, m(name)).set(m("val"), bar(left))
            inner = etree.SubElement(d, m("e"))
            kids = list(parent)
            for el in kids[kids.index(left) + 1:kids.index(right)]:
                inner.append(el)
            if right.tag in scripted:  # |f|^2: the script's base becomes the whole |f|
                base = right.find(m("e"))
                base.remove(base[0])
                base.append(d)
                parent.remove(left)
            else:
                parent.replace(left, d)
                parent.remove(right)
    for upper in list(root.iter(m("limUpp"))):
        lim = upper.find(m("lim"))
        mark = _ACCENTS.get("".join(lim.itertext()).strip()) if lim is not None else None
        base = upper.find(m("e"))
        if mark is None or base is None:
            continue
        acc = etree.Element(m("acc"))
        chr_ = etree.SubElement(etree.SubElement(acc, m("accPr")), m("chr"))
        chr_.set(m("val"), mark)
        acc.append(base)
        upper.getparent().replace(upper, acc)


def to_omml(tex: str):
    """A new ``m:oMathPara`` element for ``tex``, or None when it cannot be converted."""
    text = _omml_text(tex)
    return None if text is None else etree.fromstring(text)


def native(pic, math, shape_id: int, size_pt: float, color: str, lang: str):
    """``pic`` (the equation's ``p:pic``) as the fallback of a text box holding ``math`` (an ``m:oMathPara``),
    both in one ``mc:AlternateContent``; the text box has the picture's name, alt text and frame, and the id
    ``shape_id`` (ids are unique in a slide, the fallback's included)."""
    alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    choice = etree.SubElement(alternate, f"{{{MC}}}Choice", nsmap={"a14": A14})
    choice.set("Requires", "a14")
    sp = etree.SubElement(choice, qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    c_nv = pic.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}")
    nv.append(etree.fromstring(etree.tostring(c_nv)))
    nv[0].set("id", str(shape_id))
    etree.SubElement(nv, qn("p:cNvSpPr"), txBox="1")
    etree.SubElement(nv, qn("p:nvPr"))
    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    sp_pr.append(etree.fromstring(etree.tostring(pic.find(f"{qn('p:spPr')}/{qn('a:xfrm')}"))))
    etree.SubElement(etree.SubElement(sp_pr, qn("a:prstGeom"), prst="rect"), qn("a:avLst"))
    etree.SubElement(sp_pr, qn("a:noFill"))
    body = etree.SubElement(sp, qn("p:txBody"))
    etree.SubElement(etree.SubElement(body, qn("a:bodyPr"), wrap="none", lIns="0", tIns="0", rIns="0", bIns="0",
                                      anchor="ctr"), qn("a:noAutofit"))
    # The size and colour the equation is set in: the text's (its runs carry none of their own).
    level = etree.SubElement(etree.SubElement(body, qn("a:lstStyle")), qn("a:lvl1pPr"), algn="ctr")
    _solid(etree.SubElement(level, qn("a:defRPr"), sz=str(int(round(size_pt * 100)))), color)
    p = etree.SubElement(body, qn("a:p"))
    etree.SubElement(p, qn("a:pPr"), algn="ctr")
    etree.SubElement(p, f"{{{A14}}}m").append(math)
    _solid(etree.SubElement(p, qn("a:endParaRPr"), lang=lang, sz=str(int(round(size_pt * 100)))), color)
    etree.SubElement(alternate, f"{{{MC}}}Fallback").append(pic)
    return alternate


def _solid(rpr, color: str) -> None:
    etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:srgbClr"), val=color.lstrip("#").upper())
