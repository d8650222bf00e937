"""Opening the design a deck is built on, and choosing its layouts by their placeholders.

The built-in design is python-pptx's default master widened to a real 16:9; a
user's template (.pptx or .potx) is used as it is, in its own shape (see
:func:`slide_size`). Layouts are chosen for their role by :mod:`.roles` (placeholders,
geometry and looks first, names only a hint); what the planner needs of them is read by
:mod:`.geometry` into a pptx-free :class:`~talkdeck.plan.frame.Frame`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from .. import layout as L
from ..errors import TalkdeckError
from ..package import PackageProblem, read_package
from .relations import drop_dangling
from .roles import BODIES, NEEDS, SCORES, best_master, choose_layouts, placeholders_of, titles_only


class TemplateError(TalkdeckError):
    """A template lacks a layout talkdeck needs."""


# --- layouts by role (see roles.py) ----------------------------------------------------------

#: The layout roles read for every template: the keys of roles.SCORES.
LAYOUT_ROLES = tuple(SCORES)


def layouts_by_role(prs) -> dict[str, object]:
    """role → layout of ``prs`` (chosen once per presentation); raises TemplateError naming what is missing."""
    chosen = getattr(prs, "_talkdeck_roles", None)
    if chosen is None:
        chosen, missing = choose_layouts(prs)
        if missing:
            role = missing[0]
            raise TemplateError(f"the template has no slide layout with {NEEDS[role]} (needed for {role} slides); "
                                "add one to its slide master")
        prs._talkdeck_roles = chosen
    return chosen


def pick_layout(prs, role: str):
    """The layout that serves ``role`` (see roles.py); raises TemplateError if the template has none."""
    return layouts_by_role(prs)[role]


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
    for owner in _masters_and_layouts(prs):
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


def _masters_and_layouts(prs) -> list:
    """Every slide master of ``prs`` and every layout of each (the masters the deck does not use stay usable)."""
    return [owner for master in prs.slide_masters for owner in (master, *master.slide_layouts)]


def _put_first(prs, index: int) -> None:
    """Make the slide master at ``index`` the presentation's first, the one its slides are built on."""
    if index:
        id_list = prs.part._element.find(qn("p:sldMasterIdLst"))
        id_list.insert(0, id_list[index])


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
        _put_first(prs, best_master(prs))
        layouts_by_role(prs)
        for owner in _masters_and_layouts(prs):
            _unique_ids(owner)
        drop_dangling(prs)
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
    title between them) does not serve: its text box is a caption's; nor does one whose two bodies stand one
    above the other.
    """
    tests = [lambda types, bodies: bodies == 2 and types.count(PP_PLACEHOLDER.OBJECT) == 2 and not _has_other(types),
             lambda types, bodies: bodies == 4 and not _has_other(types),
             lambda types, bodies: bodies >= 1 and PP_PLACEHOLDER.PICTURE in types,
             lambda types, bodies: bodies == 2 and not _has_other(types)]
    # Not a layout made for a title slide, a divider or a closing slide (a section layout with a photo).
    layouts = [layout for layout in prs.slide_layouts if not titles_only(layout, prs.slide_width, prs.slide_height)]
    for test in tests:
        for layout in layouts:
            types = [ph.placeholder_format.type for ph in placeholders_of(layout, prs.slide_height)]
            bodies = sum(t in BODIES for t in types)
            beside = (_picture_beside_text(layout, prs.slide_height) if PP_PLACEHOLDER.PICTURE in types
                      else bodies != 2 or _bodies_beside(layout, prs.slide_height))
            if PP_PLACEHOLDER.TITLE in types and test(types, bodies) and beside:
                return layout
    return None


def _picture_beside_text(layout, height: int) -> bool:
    """True unless the layout has a picture placeholder that no body placeholder stands beside."""
    pictures = [ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE]
    if not pictures:
        return True
    bodies = [ph for ph in placeholders_of(layout, height) if ph.placeholder_format.type in BODIES]
    try:
        return any(b.left + b.width <= p.left or p.left + p.width <= b.left for p in pictures for b in bodies)
    except TypeError:  # a placeholder without a position of its own
        return False


def _bodies_beside(layout, height: int) -> bool:
    """Whether two of the layout's bodies stand side by side (a caption beside its content), not one above the
    other (a lead line under the title and a breadcrumb over it)."""
    boxes = [(ph.left, ph.width) for ph in placeholders_of(layout, height)
             if ph.placeholder_format.type in BODIES and ph.left is not None and ph.width is not None]
    return any(a[0] + a[1] <= b[0] for a in boxes for b in boxes)


def _has_other(types) -> bool:
    return any(t in (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
                     PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_TITLE) for t in types)
