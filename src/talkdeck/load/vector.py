"""Figures as researchers make them: SVG drawings and one-page PDFs, checked before any work is done.

An SVG is read as XML with no network, no DTD and no entities, and refused
when it cannot be drawn safely: a ``<script>``, an event handler (``onload=``),
an ``<foreignObject>`` (HTML inside), or a reference to anything outside the
file (an ``href`` that is not ``#id`` or ``data:``, a CSS ``url()`` or
``@import`` that leaves it). A PDF must have exactly one page. Each check
returns the figure's natural size (CSS pixels, 96 a inch; a PDF's points
converted to the same), for laying it out at its aspect ratio.
"""

from __future__ import annotations

import re
from pathlib import Path

#: How an SVG file begins (a BOM, an XML declaration, comments and a DOCTYPE may come first).
SVG_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?"
                       rb"(?:<!--.*?-->\s*)*<svg", re.S)
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)([^'\")\s]+)|@import", re.I)
#: CSS units in pixels (96 a inch).
_UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
#: A drawing without width, height or viewBox is 300 × 150, as browsers draw it.
DEFAULT_SIZE = (300.0, 150.0)


class VectorProblem(Exception):
    """A figure that cannot be used; the message says why and what to do."""


def is_svg(path: Path) -> bool:
    """Whether the file at ``path`` is an SVG drawing (by its first bytes, or its name when those are unclear)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return bool(SVG_START.match(head.lstrip())) or (path.suffix.lower() == ".svg" and b"<svg" in head)


def is_pdf(path: Path) -> bool:
    """Whether the file at ``path`` is a PDF (by its first bytes)."""
    try:
        with path.open("rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


def check_svg(data: bytes) -> tuple[float, float]:
    """The (width, height) in CSS pixels of the SVG drawing ``data``; VectorProblem if it is not one that
    can be drawn safely (the message names the drawing's line)."""
    from lxml import etree

    if b"<!ENTITY" in data:
        raise VectorProblem("declares XML entities (a DOCTYPE with <!ENTITY>); save it again as plain SVG")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise VectorProblem(f"is not well-formed SVG (line {e.lineno}: {e.msg}); save it again from the program "
                            "that drew it") from None
    if etree.QName(root).localname != "svg":
        raise VectorProblem(f"is XML but not an SVG drawing (its root is <{etree.QName(root).localname}>)")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        where = f"the drawing's line {el.sourceline}"
        if name == "script":
            raise VectorProblem(f"has a <script> ({where}); a slide cannot run it: remove it, or export the "
                                "drawing again without interactivity")
        if name == "foreignObject":
            raise VectorProblem(f"has a <foreignObject> ({where}), HTML inside the drawing that PowerPoint and "
                                "LibreOffice do not draw: export it again as plain SVG (Inkscape: Save As > Plain SVG)")
        for attr, value in el.attrib.items():
            local = etree.QName(attr).localname
            if local.lower().startswith("on"):
                raise VectorProblem(f"has an event handler '{local}' ({where}); remove it, or export the "
                                    "drawing again without interactivity")
            if (attr == _XLINK or local == "href") and not value.strip().startswith(("#", "data:")):
                raise VectorProblem(f"refers to a file outside it, '{value.strip()[:60]}' ({where}); embed "
                                    "it (Inkscape: Embed images, then Save As > Plain SVG) or remove it")
            if local == "style" and _CSS_URL.search(value):
                raise VectorProblem(f"refers to a file outside it in a style ({where}); embed it or remove it")
        if name == "style" and el.text and _CSS_URL.search(el.text):
            raise VectorProblem(f"refers to a file outside it in its <style> ({where}); embed it or remove it")
    _drawable(data)
    return _size(root)


def _drawable(data: bytes) -> None:
    """VectorProblem if resvg, which draws the deck's PNG of the figure, refuses ``data``: a width or height of
    0, or more elements than it draws (``<use>`` of ``<use>`` ten times over). Drawn at 8 × 8 pixels."""
    import resvg_py

    try:
        resvg_py.svg_to_bytes(svg_string=data.decode("utf-8-sig", errors="replace"), width=8, height=8)
    except ValueError as e:
        why = str(e).removeprefix("SVG data parsing failed cause ")
        why = "too many elements once its <use> copies are made" if "nodes limit" in why else why
        hint = ("give it a width and height above 0" if "size" in why
                else "save it again from the program that drew it, simpler (Inkscape: Save As > Plain SVG)")
        raise VectorProblem(f"is an SVG drawing that cannot be drawn ({why}); {hint}") from None


def _length(value: str | None) -> float | None:
    """A length attribute in CSS pixels, or None for none, a percentage or what cannot be read."""
    m = re.fullmatch(r"\s*([0-9.]+(?:e[-+]?\d+)?)\s*(px|pt|pc|in|cm|mm)?\s*", value or "", re.I)
    if not m:
        return None
    try:
        size = float(m.group(1)) * _UNITS[(m.group(2) or "").lower()]
    except ValueError:
        return None
    return size if size > 0 else None


def _size(root) -> tuple[float, float]:
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v] \
        if re.fullmatch(r"\s*[-0-9.eE\s,]+", root.get("viewBox") or "") else []
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        ratio = box[2] / box[3]
        if width and height:
            return width, height
        if width:
            return width, width / ratio
        if height:
            return height * ratio, height
        return box[2], box[3]
    return (width or DEFAULT_SIZE[0], height or DEFAULT_SIZE[1])


def check_pdf(path: Path) -> tuple[float, float]:
    """The (width, height) in CSS pixels of a one-page PDF; VectorProblem for more pages, none, or a PDF that
    cannot be opened (damaged, or protected by a password)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise VectorProblem(f"is a PDF that cannot be opened ({e}); export the figure again") from None
    try:
        pages = len(pdf)
        if pages != 1:
            raise VectorProblem(f"is a PDF of {pages} pages; a figure is one page: export that page alone "
                                "(or save it as PNG)")
        width, height = pdf[0].get_size()
    finally:
        pdf.close()
    return width * 96 / 72, height * 96 / 72


def vector_size(path: Path) -> tuple[float, float] | None:
    """The natural size of an SVG or PDF figure at ``path`` (CSS pixels), or None if it is neither or unusable."""
    try:
        if is_svg(path):
            return check_svg(path.read_bytes())
        if is_pdf(path):
            return check_pdf(path)
    except (OSError, VectorProblem):
        return None
    return None
