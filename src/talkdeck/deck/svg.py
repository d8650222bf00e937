"""Vector pictures in the deck: an SVG drawn as SVG where the viewer can, a PNG where it cannot.

:func:`add_svg_picture` is the one place that writes an SVG picture (figures
here, equations elsewhere): a picture whose ``a:blip`` holds the PNG fallback
and whose ``asvg:svgBlip`` extension (Office 2016's) holds the SVG part.
PowerPoint draws the vector; LibreOffice 7.4 and older viewers draw the PNG,
which is rendered at the size shown by resvg (:func:`svg_png`, no system
library). A one-page PDF figure is rasterised at the size shown by PDFium
(:func:`pdf_png`): the deck holds no PDF.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn
from pptx.util import Emu

from .. import layout as L

#: The extension PowerPoint reads an SVG picture from, and its namespace.
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
#: Pixels per inch of the fallback PNGs (as charts are drawn): sharp on a projector at the size shown.
DPI = 200


def pixels(emu: int, dpi: int = DPI) -> int:
    """``emu`` as pixels at ``dpi`` (at least 1)."""
    return max(1, round(emu / L.EMU_PER_INCH * dpi))


def svg_png(svg: bytes, width_px: int, height_px: int) -> bytes:
    """The SVG drawing ``svg`` as a PNG of ``width_px`` × ``height_px``, transparent where it draws nothing.

    Text in the drawing is set in the installed fonts (fontconfig's); outside files are never read (the
    loader refused drawings that refer to any).
    """
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8-sig", errors="replace"), width=width_px,
                                       height=height_px))


def pdf_png(path: Path, width_px: int, height_px: int) -> bytes:
    """The first page of the PDF at ``path`` as a PNG of ``width_px`` × ``height_px`` (antialiased, on white)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        width_pt, _ = page.get_size()
        image = page.render(scale=width_px / width_pt).to_pil()
    finally:
        pdf.close()
    if image.size != (width_px, height_px):
        image = image.resize((width_px, height_px))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def add_svg_picture(slide, svg: bytes, png: bytes, box: L.Box, name: str = "Picture"):
    """A picture of ``box`` (EMU) on ``slide`` showing the drawing ``svg``: the SVG for PowerPoint, ``png``
    (drawn at the box's size, see :func:`svg_png`) for viewers that do not read SVG. Returns the picture."""
    pic = slide.shapes.add_picture(io.BytesIO(png), Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    pic.name = name
    package = slide.part.package
    part = Part(package.next_partname("/ppt/media/image%d.svg"), "image/svg+xml", package, svg)
    rid = slide.part.relate_to(part, RT.IMAGE)
    blip = pic._element.find(f".//{qn('a:blip')}")
    ext_list = blip.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_EXTENSION)
    etree.SubElement(ext, f"{{{ASVG_NS}}}svgBlip", {qn("r:embed"): rid}, nsmap={"asvg": ASVG_NS})
    return pic
