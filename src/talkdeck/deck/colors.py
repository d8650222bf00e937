"""A template's colours: its scheme, the fills of its backgrounds and drawings, and what lies behind a box.

What the audience sees behind a text is the slide's background unless a
drawing of the master or the layout covers it. A drawing that covers most of
the slide (a gradient panel, a full-bleed picture, a group holding either) is
background however it is drawn: it is read as one colour (a gradient as the
mean of its stops, a picture as its commonest colour, a group as its largest
filled member) so that contrast can be computed against it.
"""

from __future__ import annotations

import io

from lxml import etree
from pptx.oxml.ns import qn

from ..layout import Box
from ..text.color import mix

#: A drawing of the master or a layout covering at least this share of the slide is part of its background.
BACKGROUND_SHARE = 0.6


def scheme(theme) -> dict[str, str]:
    """The colour scheme as ``name → #RRGGBB`` (system colours by their last value)."""
    out = {}
    found = theme.find(f".//{qn('a:clrScheme')}")
    for slot in (found if found is not None else []):
        colour = slot.find(qn("a:srgbClr"))
        value = colour.get("val") if colour is not None else None
        if value is None and (sys_clr := slot.find(qn("a:sysClr"))) is not None:
            value = sys_clr.get("lastClr")
        if value:
            out[etree.QName(slot).localname] = "#" + value.upper()
    return out


def _modified(colour: str, el) -> str:
    """``colour`` with the ``lumMod``/``lumOff``/``shade``/``tint`` children of its ``a:*Clr`` element ``el``
    applied, closely enough for contrast."""
    for child in el:
        name, val = etree.QName(child).localname, child.get("val")
        if val is None or not val.lstrip("-").isdigit():
            continue
        t = int(val) / 100_000
        if name in ("lumMod", "shade"):
            colour = mix("#000000", colour, t)
        elif name in ("lumOff", "tint"):
            colour = mix(colour, "#FFFFFF", t if name == "lumOff" else 1 - t)
    return colour


def colour_of(holder, colors: dict[str, str], clr_map: dict[str, str]) -> str | None:
    """The colour of an element holding an ``a:srgbClr``, ``a:schemeClr`` or ``a:sysClr`` (a solid fill, a
    gradient stop, a ``p:bgRef``), through the master's colour map; None when it holds none."""
    if holder is None:
        return None
    for el in holder:
        tag = etree.QName(el).localname
        if tag == "srgbClr" and el.get("val"):
            return _modified("#" + el.get("val").upper(), el)
        if tag == "schemeClr":
            name = el.get("val")
            found = colors.get(clr_map.get(name, name)) or colors.get(name)
            return _modified(found, el) if found else None
        if tag == "sysClr" and el.get("lastClr"):
            return _modified("#" + el.get("lastClr").upper(), el)
        if tag == "prstClr":
            return {"black": "#000000", "white": "#FFFFFF"}.get(el.get("val", ""))
    return None


def main_colour(blob: bytes) -> str | None:
    """A picture's commonest colour as #RRGGBB (what most text and tables over it are read against; a band
    or a logo in it does not tint it), or None if Pillow cannot read it (an EMF, say)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as img:
            small = img.convert("RGB").resize((64, 48), Image.Resampling.NEAREST)
    except Exception:  # Pillow raises many kinds for a picture it cannot read
        return None
    counted = small.getcolors(64 * 48) or []
    _, (r, g, b) = max(counted, key=lambda item: item[0])  # type: ignore[misc]
    return f"#{r:02X}{g:02X}{b:02X}"


def fill_colour(fill_parent, part, colors, clr_map) -> str | None:
    """The one colour a ``p:spPr``/``p:bgPr``/``p:blipFill`` holder's fill shows: solid, the mean of a
    gradient's stops, a picture's commonest colour; None for no fill (or one not read)."""
    if fill_parent is None:
        return None
    solid = fill_parent.find(qn("a:solidFill"))
    if solid is not None:
        return colour_of(solid, colors, clr_map)
    grad = fill_parent.find(qn("a:gradFill"))
    if grad is not None:
        stops = [c for gs in grad.iter(qn("a:gs")) if (c := colour_of(gs, colors, clr_map))]
        if not stops:
            return None
        mean = stops[0]
        for n, stop in enumerate(stops[1:], start=2):
            mean = mix(mean, stop, 1 / n)
        return mean
    blip = fill_parent.find(f"{qn('a:blipFill')}/{qn('a:blip')}")
    if blip is None and etree.QName(fill_parent).localname == "blipFill":
        blip = fill_parent.find(qn("a:blip"))
    if blip is not None and blip.get(qn("r:embed")) and part is not None:
        try:
            return main_colour(part.related_part(blip.get(qn("r:embed"))).blob)
        except KeyError:
            return None
    return None


def background_of(owner, colors, clr_map) -> str | None:
    """The colour of a master's or layout's own ``p:bg`` (solid, gradient, picture or theme reference)."""
    bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if bg is None:
        return None
    props = bg.find(qn("p:bgPr"))
    if props is not None:
        return fill_colour(props, owner.part, colors, clr_map)
    return colour_of(bg.find(qn("p:bgRef")), colors, clr_map)


def shape_colour(el, part, colors, clr_map) -> str | None:
    """The colour a drawing shows (a shape's fill, a picture's commonest colour, a group's largest filled
    member), or None."""
    tag = etree.QName(el).localname
    if tag == "pic":
        return fill_colour(el.find(qn("p:blipFill")), part, colors, clr_map)
    if tag == "grpSp":
        members = [(_area(child), c) for child in el if etree.QName(child).localname in ("sp", "pic", "grpSp")
                   if (c := shape_colour(child, part, colors, clr_map)) is not None]
        return max(members)[1] if members else None
    sp_pr = el.find(qn("p:spPr"))
    colour = fill_colour(sp_pr, part, colors, clr_map)
    if colour is None and sp_pr is not None and sp_pr.find(qn("a:noFill")) is None:
        style = el.find(f"{qn('p:style')}/{qn('a:fillRef')}")  # a shape filled by its theme style
        if style is not None and style.get("idx") not in (None, "0"):
            colour = colour_of(style, colors, clr_map)
    return colour


def _area(el) -> int:
    ext = el.find(f".//{qn('a:ext')}")
    return int(ext.get("cx", 0)) * int(ext.get("cy", 0)) if ext is not None else 0


def covers_most(box: Box | None, width: int, height: int) -> bool:
    """Whether a drawing's ``box`` covers at least :data:`BACKGROUND_SHARE` of a ``width`` × ``height`` slide."""
    if box is None:
        return False
    w = min(box.x + box.w, width) - max(box.x, 0)
    h = min(box.y + box.h, height) - max(box.y, 0)
    return w > 0 and h > 0 and w * h >= BACKGROUND_SHARE * width * height


def behind(box: Box, backdrops: list[tuple[Box, str]], default: str) -> str:
    """The colour behind the middle of ``box``: the topmost of ``backdrops`` (box, colour; in drawing order)
    that holds it, else ``default``."""
    cx, cy = box.x + box.w // 2, box.y + box.h // 2
    for where, colour in reversed(backdrops):
        if where.x <= cx <= where.x + where.w and where.y <= cy <= where.y + where.h:
            return colour
    return default
