"""Opening the design a deck is built on, and choosing its layouts by their placeholders.

The built-in design is python-pptx's default master widened to a real 16:9; a
user's template (.pptx or .potx) is used as it is, in its own shape (see
:func:`slide_size`). Layouts are picked by the placeholder types they have,
never by name or index; what the planner needs of them is read by
:mod:`.geometry` into a pptx-free :class:`~talkdeck.plan.frame.Frame`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from .. import layout as L
from ..errors import TalkdeckError
from ..package import PackageProblem, read_package

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


#: For each layout role, the placeholder signatures that serve it, best first. A new role (a picture with
#: a caption, a comparison) is a new entry here and in plan.planner.KINDS; read_frame reads every role.
LAYOUT_ROLES: dict[str, list[Callable[[str, int, bool, list], bool]]] = {
    "cover": [lambda t, b, o, ty: t == "center" and PP_PLACEHOLDER.SUBTITLE in ty,
              lambda t, b, o, ty: t == "title" and b == 0 and PP_PLACEHOLDER.SUBTITLE in ty,  # LibreOffice's
              lambda t, b, o, ty: t == "center"],
    "content": [lambda t, b, o, ty: t == "title" and b == 1 and not o and PP_PLACEHOLDER.OBJECT in ty,
                lambda t, b, o, ty: t == "title" and b == 1 and not o],
    "section": [lambda t, b, o, ty: t == "title" and b == 1 and not o and PP_PLACEHOLDER.BODY in ty
                and PP_PLACEHOLDER.OBJECT not in ty,
                lambda t, b, o, ty: t == "title" and b == 1 and not o],
    # Without a two-content layout, the content layout's body is split in two by the planner.
    "two": [lambda t, b, o, ty: t == "title" and b == 2 and not o,
            lambda t, b, o, ty: t == "title" and b == 1 and not o],
    # Not a title slide: LibreOffice writes its title slides' title as a plain title, beside a subtitle.
    # Without a title-only layout, the content layout serves, its body placeholder left out.
    "title_only": [lambda t, b, o, ty: t == "title" and b == 0 and not o and PP_PLACEHOLDER.SUBTITLE not in ty,
                   lambda t, b, o, ty: t == "title" and b == 1 and not o],
}
_NEEDS = {"cover": "a title and a subtitle placeholder", "content": "a title and one body placeholder",
          "section": "a title and one body placeholder", "two": "a title and two body placeholders",
          "title_only": "a title placeholder and no body"}


def _side_by_side(layout) -> bool:
    """True unless the layout's two bodies differ in width by more than a quarter or do not stand side by side
    (a picture-and-caption layout is not a two-column one)."""
    bodies = [ph for ph in layout.placeholders if ph.placeholder_format.type in BODIES]
    if len(bodies) != 2:
        return True
    try:
        (a, b) = sorted(bodies, key=lambda ph: ph.left)
        return a.left + a.width <= b.left and abs(a.width - b.width) <= 0.25 * max(a.width, b.width)
    except (TypeError, AttributeError):
        return False


def pick_layout(prs, role: str):
    """The first layout whose placeholders serve ``role``; raises TemplateError if none does."""
    layouts = list(prs.slide_layouts)
    for want in LAYOUT_ROLES[role]:
        for layout in layouts:
            types = [ph.placeholder_format.type for ph in layout.placeholders]
            if want(*_signature(layout), types) and (role != "two" or _side_by_side(layout)):
                return layout
    raise TemplateError(f"the template has no slide layout with {_NEEDS[role]} (needed for {role} slides); "
                        "add one to its slide master")


def _fit_to_slide(prs, width: int = L.SLIDE_W, height: int = L.SLIDE_H) -> None:
    """Scale the design to a ``width`` × ``height`` EMU slide: every master and layout shape with a position of its own.

    Placeholders and drawings stretch with the slide: x and width by the new
    width over the old, y and height by the new height over the old (a band
    stays a band from edge to edge). Pictures, and drawings narrower than half
    the slide (a seal drawn as a circle), keep their aspect ratio: they scale by
    the smaller factor and keep their distance (so scaled) from the corner or
    edge they sit nearest to. A layout placeholder without a position of its own
    takes its master's, which is scaled already: reading its inherited
    ``shape.left`` and writing it back would scale it a second time.
    """
    old_w, old_h = prs.slide_width, prs.slide_height
    sx, sy = width / old_w, height / old_h
    s = min(sx, sy)
    prs.slide_width, prs.slide_height = width, height
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            xfrm = shape._element.xfrm
            if xfrm is None or xfrm.off is None or xfrm.ext is None:
                continue
            keep = not shape.is_placeholder and (shape._element.tag == qn("p:pic") or xfrm.cx < old_w / 2)
            if keep and sx != sy:
                xfrm.x, xfrm.cx = _anchored(xfrm.x, xfrm.cx, old_w, width, s)
                xfrm.y, xfrm.cy = _anchored(xfrm.y, xfrm.cy, old_h, height, s)
            else:
                xfrm.x, xfrm.cx = int(xfrm.x * sx), int(xfrm.cx * sx)
                xfrm.y, xfrm.cy = int(xfrm.y * sy), int(xfrm.cy * sy)


def _anchored(pos: int, size: int, old: int, new: int, s: float) -> tuple[int, int]:
    """(position, size) along one axis of a drawing scaled by ``s`` that keeps its distance to its nearest edge."""
    centre = pos + size / 2
    scaled = int(size * s)
    if centre < old / 3:  # near the start: keep the distance from it
        return int(pos * s), scaled
    if centre > 2 * old / 3:  # near the end
        return new - int((old - pos - size) * s) - scaled, scaled
    return int(centre / old * new - scaled / 2), scaled  # in the middle: stay centred


def _unique_ids(owner) -> None:
    """Renumber shapes that share an id on a master or layout (LibreOffice exports some), as PowerPoint would."""
    els = list(owner._element.iter(qn("p:cNvPr")))
    ids = [int(el.get("id")) for el in els if el.get("id", "").isdigit()]
    seen: set[int] = set()
    free = max(ids, default=0) + 1
    for el in els:
        value = int(el.get("id")) if el.get("id", "").isdigit() else None
        if value is None or value in seen:
            el.set("id", str(free))
            value, free = free, free + 1
        seen.add(value)


def _as_presentation(template: Path) -> io.BytesIO:
    """The template as a .pptx package in memory, checked first (:mod:`talkdeck.package`)."""
    try:
        return read_package(template)
    except PackageProblem as e:
        raise TemplateError(str(e)) from None


def slide_size(width: int, height: int, aspect: str | None) -> tuple[int, int]:
    """The deck's slide size for a template of ``width`` × ``height`` EMU.

    A template keeps its own shape: a 4:3 template gives a 4:3 deck. A 16:9
    template of another size (PowerPoint 2010's 10 × 5.625 in) is scaled to
    13.333 × 7.5 in, and any template is widened to that when the outline asks
    for ``aspect: "16:9"``.
    """
    if aspect == "16:9" or abs(width / height - L.SLIDE_W / L.SLIDE_H) < 0.01:
        return L.SLIDE_W, L.SLIDE_H
    return width, height


def open_presentation(template: Path | None, aspect: str | None = None):
    """A Presentation to build on: the user's template, or the built-in 16:9 design.

    Raises TemplateError for a template that cannot serve: a package that fails
    talkdeck.package's checks, and one that python-pptx cannot read.
    """
    if template is None:
        prs = Presentation()
        _fit_to_slide(prs)
        return prs
    package = _as_presentation(template)
    with reading(template):
        prs = Presentation(package)
        for role in LAYOUT_ROLES:
            pick_layout(prs, role)
        for owner in [prs.slide_master, *prs.slide_layouts]:
            _unique_ids(owner)
        # Drop the template's own slides: the deck is the outline's.
        sld_ids = prs.slides._sldIdLst
        for sld_id in list(sld_ids):
            prs.part.drop_rel(sld_id.rId)
            sld_ids.remove(sld_id)
        # talkdeck.package has checked that p:sldSz (optional in the schema) is there.
        size = slide_size(prs.slide_width or L.SLIDE_W, prs.slide_height or L.SLIDE_H, aspect)
        if (prs.slide_width, prs.slide_height) != size:
            _fit_to_slide(prs, *size)  # move and size the master's shapes so its design fills the slide
    return prs


@contextlib.contextmanager
def reading(template: Path) -> Iterator[None]:
    """Turn what python-pptx raises on a damaged package (a part of the wrong type, a relationship to
    nothing, an attribute it cannot read) into one TemplateError naming the file."""
    try:
        yield
    except TalkdeckError:
        raise
    except Exception as e:  # python-pptx raises KeyError, AttributeError, ValueError ... for bad packages
        raise TemplateError(f"{template.name} is not a usable PowerPoint file ({type(e).__name__}: {e}); "
                            "save it again from PowerPoint") from None


# --- bullets beside a picture --------------------------------------------------------------

def pick_beside_layout(prs):
    """The layout for bullets beside a picture or chart, or None (then the one-body content layout serves).

    By placeholder types, best first: two content (a title and two content
    placeholders), comparison (a title and four bodies: two headings, two
    contents), picture with caption (a title, a picture and a body), then any
    title with two bodies (content with caption). The picture placeholder is not
    filled: the deck writer places the picture itself, at the planned box. A
    layout whose picture and text are not side by side (python-pptx's and
    PowerPoint's "Picture with Caption" put the caption under the picture, the
    title between them) does not serve: its text box is a caption's.
    """
    tests = [lambda types, bodies: bodies == 2 and types.count(PP_PLACEHOLDER.OBJECT) == 2 and not _has_other(types),
             lambda types, bodies: bodies == 4 and not _has_other(types),
             lambda types, bodies: bodies >= 1 and PP_PLACEHOLDER.PICTURE in types,
             lambda types, bodies: bodies == 2 and not _has_other(types)]
    layouts = list(prs.slide_layouts)
    for test in tests:
        for layout in layouts:
            types = [ph.placeholder_format.type for ph in layout.placeholders]
            if PP_PLACEHOLDER.TITLE in types and test(types, sum(t in BODIES for t in types)) \
                    and _picture_beside_text(layout):
                return layout
    return None


def _picture_beside_text(layout) -> bool:
    """True unless the layout has a picture placeholder that no body placeholder stands beside."""
    pictures = [ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE]
    if not pictures:
        return True
    bodies = [ph for ph in layout.placeholders if ph.placeholder_format.type in BODIES]
    try:
        return any(b.left + b.width <= p.left or p.left + p.width <= b.left for p in pictures for b in bodies)
    except TypeError:  # a placeholder without a position of its own
        return False


def _has_other(types) -> bool:
    return any(t in (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
                     PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_TITLE) for t in types)
