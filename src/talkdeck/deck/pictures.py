"""Pictures on a slide: charts and images at their planned boxes, each with alt text (or marked decorative).

Photos are turned upright (PowerPoint and LibreOffice ignore EXIF orientation) and
multi-picture JPEGs (MPO, which python-pptx refuses) keep their first picture.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu

from .. import layout as L
from ..plan.spec import Figure
from .svg import add_svg_picture, pdf_png, pixels, svg_png

_EXIF_ORIENTATION = 0x0112
#: The modes Pillow writes as PNG.
_PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16")


def set_alt(shape, alt: str, decorative: bool = False) -> None:
    """Write ``alt`` as the shape's description; ``decorative`` marks it so (screen readers skip it)."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    c_nv_pr.set("descr", alt)
    if decorative:
        ext = parse_xml(
            '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext '
            'uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec='
            '"http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')
        c_nv_pr.append(ext)


def add_chart(slide, figure: Figure, png: Path) -> None:
    """The chart's PNG, drawn at the size of its box, filling it."""
    b = figure.box
    pic = slide.shapes.add_picture(str(png), Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
    pic.name = f"Chart: {figure.chart.title if figure.chart else figure.chart_name}"
    set_alt(pic, figure.alt)


def add_image(slide, image: Path, box: L.Box, alt: str, vector: str | None = None,
              natural: tuple[float, float] | None = None) -> None:
    """The picture at ``image``, upright, as large as fits in ``box`` and centred there; decorative when it has
    no ``alt`` text.

    ``vector`` "svg": an SVG drawing, embedded as SVG over a PNG of the size shown; "pdf": a one-page PDF, as a
    PNG of the size shown (:mod:`talkdeck.deck.svg`); both keep the proportions of their ``natural`` size.
    """
    from ..images import open_picture

    if vector is not None:
        w, h = natural or (1.0, 1.0)
        b = L.contain(box, max(1, round(w * 100)), max(1, round(h * 100)))  # its proportions, to 1/100 pixel
        w_px, h_px = pixels(b.w), pixels(b.h)
        if vector == "svg":
            svg = image.read_bytes()
            pic = add_svg_picture(slide, svg, svg_png(svg, w_px, h_px), b, f"Picture: {image.name}")
        else:
            pic = slide.shapes.add_picture(io.BytesIO(pdf_png(image, w_px, h_px)), Emu(b.x), Emu(b.y), Emu(b.w),
                                           Emu(b.h))
            pic.name = f"Picture: {image.name}"
        set_alt(pic, alt, decorative=not alt)
        return
    picture: io.BytesIO | str
    with open_picture(image) as img:
        if img.getexif().get(_EXIF_ORIENTATION, 1) != 1:
            picture, (w_px, h_px) = upright(img)
        else:
            w_px, h_px = img.size
            picture = first_frame(img) if img.format == "MPO" else str(image)
    b = L.contain(box, w_px, h_px)
    pic = slide.shapes.add_picture(picture, Emu(b.x), Emu(b.y), Emu(b.w), Emu(b.h))
    pic.name = f"Picture: {image.name}"
    set_alt(pic, alt, decorative=not alt)


def first_frame(img) -> io.BytesIO:
    """The first picture of a multi-picture JPEG (``MPO``: many cameras and phones save one) as a plain JPEG.

    python-pptx refuses MPO. The frame is encoded again with the file's own
    quantisation tables and subsampling, so its quality stays the camera's;
    its EXIF (orientation included), colour profile and dpi are kept.
    """
    from PIL import JpegImagePlugin

    img.seek(0)
    options = {"qtables": img.quantization, "subsampling": JpegImagePlugin.get_sampling(img)}
    options.update({key: img.info[key] for key in ("exif", "icc_profile", "dpi") if img.info.get(key)})
    out = io.BytesIO()
    img.save(out, "JPEG", **options)
    out.seek(0)
    return out


def upright(img) -> tuple[io.BytesIO, tuple[int, int]]:
    """A photo turned as its EXIF orientation says (phones store portraits sideways), and its size.

    PowerPoint and LibreOffice ignore the tag, so the pixels are turned here and
    saved without it; JPEGs stay JPEG (at high quality), anything else becomes PNG.
    """
    from PIL import ImageOps

    img.seek(0)
    turned = ImageOps.exif_transpose(img)
    out = io.BytesIO()
    if img.format in ("JPEG", "MPO"):
        turned.convert("RGB").save(out, "JPEG", quality=92, icc_profile=img.info.get("icc_profile"))
    else:
        if turned.mode not in _PNG_MODES:  # CMYK or YCbCr (a TIFF from print), LAB ...
            turned = turned.convert("RGBA" if "A" in turned.mode else "RGB")
        turned.save(out, "PNG")
    out.seek(0)
    return out, turned.size
