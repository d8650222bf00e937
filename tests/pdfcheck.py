"""Reading what LibreOffice drew: characters, where they are, and which font drew them."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

EMU_PER_PT = 12_700


def text_boxes(slide) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) in points of every shape that holds text or a table."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame or shape.has_table:
            x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            out.append((x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT))
    return out


def characters(page) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """(character, (left, top, right, bottom) in points from the top, font name) for each drawn character."""
    height = page.get_height()
    textpage = page.get_textpage()
    out = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, buf, 256, ctypes.byref(flags))
        out.append((ch, (left, height - top, right, height - bottom), buf.value.decode("latin-1")))
    return out


def painted(page) -> list[tuple[str, tuple[float, float, float, float], str, float]]:
    """(character, (left, top, right, bottom) in points from the top, fill colour #RRGGBB, font size in points)
    for each drawn character: what a reader sees of it."""
    height = page.get_height()
    textpage = page.get_textpage()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    out = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        pdfium_c.FPDFText_GetFillColor(textpage.raw, i, *(ctypes.byref(v) for v in (r, g, b, a)))
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
        out.append((ch, (left, height - top, right, height - bottom), f"#{r.value:02X}{g.value:02X}{b.value:02X}",
                    size))
    return out


def advances(page) -> list[tuple[str, tuple[float, float, float, float], float]]:
    """(character, (left, top, right, bottom), baseline) in points from the top for each drawn character, its
    left at its origin and its right at its origin plus its advance (pdfium's loose box): where the pen was,
    not the ink, so that gaps and columns are measured as the layout set them, whatever a glyph's side
    bearings; and the baseline it stands on, the same for every font of a line."""
    height = page.get_height()
    textpage = page.get_textpage()
    out = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip() or pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, rect)
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
        out.append((ch, (rect.left, height - rect.top, rect.right, height - rect.bottom), height - y.value))
    return out


def stray_characters(page, boxes, tolerance: float = 2.0) -> list[str]:
    """Characters drawn outside every text box, or outside the page."""
    width, height = page.get_width(), page.get_height()
    stray = []
    for ch, (x0, y0, x1, y1), _ in characters(page):
        inside_page = x0 >= -tolerance and x1 <= width + tolerance and y0 >= -tolerance and y1 <= height + tolerance
        inside_box = any(x0 >= bx0 - tolerance and x1 <= bx1 + tolerance and y0 >= by0 - tolerance
                         and y1 <= by1 + tolerance for bx0, by0, bx1, by1 in boxes)
        if not (inside_page and inside_box):
            stray.append(ch)
    return stray


def page_text(page) -> str:
    """The page's text with all whitespace removed (extraction spaces CJK characters apart)."""
    return "".join(page.get_textpage().get_text_range().split())


def open_pdf(path) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(str(path))
