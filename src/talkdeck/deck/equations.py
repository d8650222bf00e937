"""Display equations on a slide: a picture over a line of its height kept free in the text.

The text frame gets an empty paragraph whose exact line spacing is the
equation's height, so that the text after it moves down as planned; the
picture is laid over that line at the place :func:`talkdeck.text.fit.layout`
computed. The picture is the SVG (PowerPoint draws it through the
``asvg:svgBlip`` extension, sharp at any zoom) with a PNG fallback at four
pixels a point (what LibreOffice, older PowerPoints and other readers draw).
Its alt text is the LaTeX as written.
"""

from __future__ import annotations

import hashlib
import io

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture

from .. import layout as L
from ..text.maths import Placed, draw, to_png
from .omml import native, to_omml

SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
#: Pixels a point of the fallback PNG: sharp on a 4K projector, and in the PDF LibreOffice makes.
PNG_SCALE = 4.0


def spacer(p, placed: Placed, gap_pt: float, lang: str) -> None:
    """Make the empty ``a:p`` ``p`` the line ``placed`` is drawn over: exactly its height, ``gap_pt`` above."""
    ppr = etree.SubElement(p, qn("a:pPr"), marL="0", indent="0")
    for tag, value in (("a:lnSpc", placed.height), ("a:spcBef", gap_pt), ("a:spcAft", 0.0)):
        etree.SubElement(etree.SubElement(ppr, qn(tag)), qn("a:spcPts"), val=str(int(round(value * 100))))
    etree.SubElement(ppr, qn("a:buNone"))
    # The end mark's size sets no height (the spacing is exact), but keeps an empty line small when edited.
    etree.SubElement(p, qn("a:endParaRPr"), lang=lang, sz=str(int(round(placed.size * 100))))


class EquationPictures:
    """Adds display equations to slides, each distinct SVG stored once in the package; ``native``: each as
    a PowerPoint equation with the picture as its fallback, where the LaTeX converts (:mod:`.omml`)."""

    def __init__(self, native: bool = False, lang: str = "en-GB") -> None:
        self._svg_parts: dict[str, Part] = {}
        self.native = native
        self.lang = lang

    def add(self, part, tree, placed: Placed, x: int, y: int, color: str) -> None:
        """Put ``placed`` drawn in ``color`` on the slide (``part``, its shape tree ``tree``) with its top
        left corner at (``x``, ``y``) EMU."""
        drawn = draw(placed.tex, placed.size, color, True)
        scale = placed.width / drawn.width if drawn.width else 1.0
        png = to_png(drawn, PNG_SCALE * scale)
        _, png_rid = part.get_or_add_image_part(io.BytesIO(png))
        svg_rid = part.relate_to(self._svg_part(part.package, drawn.svg), RT.IMAGE)
        shape_id = tree.max_shape_id + 1
        cx, cy = int(round(placed.width * L.EMU_PER_PT)), int(round(placed.height * L.EMU_PER_PT))
        pic = CT_Picture.new_pic(shape_id, f"Equation {shape_id}", placed.tex, png_rid, x, y, cx, cy)
        blip = pic.find(f".//{qn('a:blip')}")
        ext = etree.SubElement(etree.SubElement(blip, qn("a:extLst")), qn("a:ext"), uri=SVG_EXT)
        etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS}).set(qn("r:embed"), svg_rid)
        math = to_omml(placed.tex) if self.native else None
        # Drawn at the size the picture is shown at (smaller than the text's when the equation was too wide).
        shape = pic if math is None else native(pic, math, shape_id + 1, placed.size * scale, color, self.lang)
        tree.insert_element_before(shape, "p:extLst")

    def _svg_part(self, package, svg: str) -> Part:
        blob = svg.encode("utf-8")
        key = hashlib.sha1(blob).hexdigest()
        found = self._svg_parts.get(key)
        if found is None:
            n = len(self._svg_parts) + 1
            found = self._svg_parts[key] = Part(PackURI(f"/ppt/media/equation{n}.svg"), "image/svg+xml",
                                                package, blob)
        return found
