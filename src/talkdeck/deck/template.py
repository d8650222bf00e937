"""Opening the design a deck is built on, and choosing its layouts by their placeholders.

The built-in design is python-pptx's default master widened to a real 16:9; a
user's template (.pptx or .potx) is used as it is, scaled to 13.333 × 7.5 in if
its slides have another size. Layouts are picked by the placeholder types they
have, never by name or index.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from .. import layout as L
from ..errors import TalkdeckError

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


class TemplateError(TalkdeckError):
    """A template lacks a layout talkdeck needs."""


# --- layouts by placeholder types ------------------------------------------------------------

def _signature(layout) -> tuple[str, int, bool]:
    types = [ph.placeholder_format.type for ph in layout.placeholders]
    title = "center" if PP_PLACEHOLDER.CENTER_TITLE in types else ("title" if PP_PLACEHOLDER.TITLE in types else "")
    bodies = sum(t in BODIES for t in types)
    others = any(t in (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
                       PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_TITLE) for t in types)
    return title, bodies, others


#: For each layout role, the placeholder signatures that serve it, best first.
LAYOUT_ROLES: dict[str, list[Callable[[str, int, bool, list], bool]]] = {
    "cover": [lambda t, b, o, ty: t == "center" and PP_PLACEHOLDER.SUBTITLE in ty,
              lambda t, b, o, ty: t == "title" and b == 0 and PP_PLACEHOLDER.SUBTITLE in ty,  # LibreOffice's
              lambda t, b, o, ty: t == "center"],
    "content": [lambda t, b, o, ty: t == "title" and b == 1 and not o and PP_PLACEHOLDER.OBJECT in ty,
                lambda t, b, o, ty: t == "title" and b == 1 and not o],
    "section": [lambda t, b, o, ty: t == "title" and b == 1 and not o and PP_PLACEHOLDER.BODY in ty
                and PP_PLACEHOLDER.OBJECT not in ty,
                lambda t, b, o, ty: t == "title" and b == 1 and not o],
    "two": [lambda t, b, o, ty: t == "title" and b == 2 and not o],
    "title_only": [lambda t, b, o, ty: t == "title" and b == 0 and not o],
}
_NEEDS = {"cover": "a title and a subtitle placeholder", "content": "a title and one body placeholder",
          "section": "a title and one body placeholder", "two": "a title and two body placeholders",
          "title_only": "a title placeholder and no body"}


def pick_layout(prs, role: str):
    """The first layout whose placeholders serve ``role``; raises TemplateError if none does."""
    layouts = list(prs.slide_layouts)
    for want in LAYOUT_ROLES[role]:
        for layout in layouts:
            types = [ph.placeholder_format.type for ph in layout.placeholders]
            if want(*_signature(layout), types):
                return layout
    raise TemplateError(f"the template has no slide layout with {_NEEDS[role]} (needed for {role} slides); "
                        "add one to its slide master")


def _fit_to_slide(prs) -> None:
    """Scale the design to talkdeck's 13.333 × 7.5 in slide: every master and layout shape with a position of its own.

    x and width scale by the new width over the old, y and height by the new
    height over the old: a 4:3 design is stretched across, a 16:9 design of
    another size (PowerPoint 2010's 10 × 5.625 in) grows to fill the slide.
    A layout placeholder without a position of its own takes its master's,
    which is scaled already. Reading its inherited ``shape.left`` and writing it
    back would scale it a second time, and give it a height of 0.
    """
    sx, sy = L.SLIDE_W / prs.slide_width, L.SLIDE_H / prs.slide_height
    prs.slide_width, prs.slide_height = L.SLIDE_W, L.SLIDE_H
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            xfrm = shape._element.xfrm
            if xfrm is not None and xfrm.off is not None and xfrm.ext is not None:
                xfrm.x, xfrm.cx = int(xfrm.x * sx), int(xfrm.cx * sx)
                xfrm.y, xfrm.cy = int(xfrm.y * sy), int(xfrm.cy * sy)


_POTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _as_presentation(template: Path) -> io.BytesIO:
    """The template as a .pptx package in memory: a .potx differs only in its main part's content type."""
    data = template.read_bytes()
    if _POTX_MAIN not in data and template.suffix.lower() != ".potx":
        return io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(_POTX_MAIN, _PPTX_MAIN)
            dst.writestr(info, blob)
    out.seek(0)
    return out


def open_presentation(template: Path | None):
    """A Presentation to build on: the user's template, or the built-in 16:9 design."""
    if template is None:
        prs = Presentation()
        _fit_to_slide(prs)
        return prs
    try:
        prs = Presentation(_as_presentation(template))
    except Exception as e:  # python-pptx raises KeyError, ValueError, BadZipFile ... for bad packages
        raise TemplateError(f"{template.name} is not a usable PowerPoint file ({type(e).__name__}: {e})") from None
    for role in LAYOUT_ROLES:
        pick_layout(prs, role)
    # Drop the template's own slides: the deck is the outline's.
    sld_ids = prs.slides._sldIdLst
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)
    if (prs.slide_width, prs.slide_height) != (L.SLIDE_W, L.SLIDE_H):
        _fit_to_slide(prs)  # move and size the master's shapes so its design fills the slide
    return prs


# --- bullets beside a picture --------------------------------------------------------------

def pick_beside_layout(prs):
    """The layout for bullets beside a picture or chart, or None (then the one-body content layout serves).

    By placeholder types, best first: two content (a title and two content
    placeholders), comparison (a title and four bodies: two headings, two
    contents), picture with caption (a title, a picture and a body), then any
    title with two bodies (content with caption). The picture placeholder is not
    filled: the deck writer places the picture itself, at the planned box.
    """
    tests = [lambda types, bodies: bodies == 2 and types.count(PP_PLACEHOLDER.OBJECT) == 2 and not _has_other(types),
             lambda types, bodies: bodies == 4 and not _has_other(types),
             lambda types, bodies: bodies >= 1 and PP_PLACEHOLDER.PICTURE in types,
             lambda types, bodies: bodies == 2 and not _has_other(types)]
    layouts = list(prs.slide_layouts)
    for test in tests:
        for layout in layouts:
            types = [ph.placeholder_format.type for ph in layout.placeholders]
            if PP_PLACEHOLDER.TITLE in types and test(types, sum(t in BODIES for t in types)):
                return layout
    return None


def _has_other(types) -> bool:
    return any(t in (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
                     PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_TITLE) for t in types)
