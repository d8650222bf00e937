"""A template's colours: its scheme, the fills of its backgrounds and drawings, and what lies behind a box.

What the audience sees behind a text is the slide's background unless a
drawing of the master or the layout covers it. A drawing that covers most of
the slide (a gradient panel, a full-bleed picture, a group holding either) is
background however it is drawn: it is read as one colour (a gradient as the
mean of its stops, a picture as its commonest colour, a group as its largest
filled member) so that contrast can be computed against it.
"""

from __future__ import annotations

import copy
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
        if name == "lumMod":
            colour = mix("#000000", colour, t)
        elif name == "lumOff":
            colour = mix(colour, "#FFFFFF", t)
        elif name in ("tint", "shade"):
            # In linear light, as ECMA-376 has it (20.1.2.3.34): a 75 % tint of a dark grey is a light grey.
            colour = _linear_mix(colour, t, toward_white=name == "tint")
    return colour


def _linear_mix(colour: str, t: float, toward_white: bool) -> str:
    out = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        lin = c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        lin = lin * t + (1 - t) if toward_white else lin * t
        c = lin * 12.92 if lin <= 0.0031308 else 1.055 * lin ** (1 / 2.4) - 0.055
        out.append(round(min(max(c, 0.0), 1.0) * 255))
    return "#" + "".join(f"{v:02X}" for v in out)


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
            small = img.convert("RGBA").resize((64, 48), Image.Resampling.NEAREST)
    except Exception:  # Pillow raises many kinds for a picture it cannot read
        return None
    return _commonest(small)


def _commonest(img) -> str | None:
    """The commonest opaque colour of an RGBA picture as #RRGGBB; None when most of it is see-through (thin
    lines on a transparent picture: what lies under it shows)."""
    counted = img.getcolors(img.width * img.height) or []
    opaque = [(n, rgba) for n, rgba in counted if rgba[3] >= 128]
    if sum(n for n, _ in opaque) * 2 < img.width * img.height:
        return None
    _, (r, g, b, _) = max(opaque, key=lambda item: item[0])
    return f"#{r:02X}{g:02X}{b:02X}"


class PictureGround:
    """A picture something may lie on: its colour is read where the thing lies, not as a whole (the dark half
    of a photo under a title, the white band beside it under nothing)."""

    def __init__(self, blob: bytes):
        self.blob = blob
        self._small = None

    def _image(self):
        if self._small is None:
            from PIL import Image

            try:
                with Image.open(io.BytesIO(self.blob)) as img:
                    self._small = img.convert("RGBA").resize((160, 120), Image.Resampling.NEAREST)
            except Exception:  # Pillow raises many kinds for a picture it cannot read (an EMF, say)
                self._small = False
        return self._small

    def under(self, box: Box, where: Box) -> str | None:
        """The commonest colour of the part of the picture (drawn at ``where``) under ``box``."""
        img = self._image()
        if not img or where.w <= 0 or where.h <= 0:
            return None
        x0 = max(0.0, (box.x - where.x) / where.w)
        y0 = max(0.0, (box.y - where.y) / where.h)
        x1 = min(1.0, (box.x + box.w - where.x) / where.w)
        y1 = min(1.0, (box.y + box.h - where.y) / where.h)
        if x1 <= x0 or y1 <= y0:
            return None
        crop = img.crop((int(x0 * 160), int(y0 * 120), max(int(x0 * 160) + 1, round(x1 * 160)),
                         max(int(y0 * 120) + 1, round(y1 * 120))))
        return _commonest(crop)


Ground = "str | PictureGround"


def fill_colour(fill_parent, part, colors, clr_map, pictures: bool = False):
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
            blob = part.related_part(blip.get(qn("r:embed"))).blob
        except KeyError:
            return None
        return PictureGround(blob) if pictures else main_colour(blob)
    return None


def background_of(owner, colors, clr_map, theme=None, pictures: bool = False):
    """The colour of a master's or layout's own ``p:bg`` (solid, gradient, picture, or a reference to one of
    the ``theme``'s background fill styles, drawn in the colour it names)."""
    bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if bg is None:
        return None
    props = bg.find(qn("p:bgPr"))
    if props is not None:
        return fill_colour(props, owner.part, colors, clr_map, pictures)
    ref = bg.find(qn("p:bgRef"))
    colour = colour_of(ref, colors, clr_map)
    idx = int(ref.get("idx", "0")) if ref is not None and (ref.get("idx") or "").isdigit() else 0
    styles = theme.find(f".//{qn('a:bgFillStyleLst')}") if theme is not None and idx > 1000 else None
    if colour is not None and styles is not None and idx - 1001 < len(styles):
        holder = etree.Element("holder")
        holder.append(copy.deepcopy(styles[idx - 1001]))
        return fill_colour(holder, owner.part, {**colors, "phClr": colour}, clr_map) or colour
    return colour


def shape_colour(el, part, colors, clr_map, pictures: bool = False):
    """The colour a drawing shows (a shape's fill, a picture's commonest colour, a group's largest filled
    member), or None."""
    tag = etree.QName(el).localname
    if tag == "pic":
        return fill_colour(el.find(qn("p:blipFill")), part, colors, clr_map, pictures)
    if tag == "grpSp":
        members = [(_area(child), c) for child in el if etree.QName(child).localname in ("sp", "pic", "grpSp")
                   if (c := shape_colour(child, part, colors, clr_map)) is not None]
        return max(members, key=lambda m: m[0])[1] if members else None
    sp_pr = el.find(qn("p:spPr"))
    if sp_pr is not None and sp_pr.find(qn("a:custGeom")) is not None:
        return None  # a freeform (arcs, swirls) fills an unknown part of its box: not read as a backdrop
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


def behind(box: Box, backdrops: list, default, slide: Box | None = None) -> str:
    """The colour behind the middle of ``box``: that of the topmost of ``backdrops`` ((box, colour or
    PictureGround), in drawing order) that holds it, else ``default`` (a colour, or a picture filling
    ``slide``); a picture is read where ``box`` lies on it."""
    cx, cy = box.x + box.w // 2, box.y + box.h // 2
    for where, colour in reversed(backdrops):
        if where.x <= cx <= where.x + where.w and where.y <= cy <= where.y + where.h:
            found = colour.under(box, where) if isinstance(colour, PictureGround) else colour
            if found:
                return found
    if isinstance(default, PictureGround):
        return (default.under(box, slide) if slide is not None else None) or main_colour(default.blob) or "#FFFFFF"
    return default
