"""Reading a template into a :class:`~talkdeck.plan.frame.Frame`: its layouts' placeholder boxes, text styles,
forbidden drawings and content areas, and its theme's colours and fonts."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from .. import layout as L
from ..layout import Box
from ..plan.frame import MIN_CONTENT_H, MIN_CONTENT_W, Frame, LayoutFrame, free_area, overlaps
from ..text.color import AA_LARGE, contrast
from .colors import behind, colour_of, covers_most, scheme
from .legibility import backdrops, group_members, own_fill, owners, small_text_colours, text_fixes
from .legibility import shape_box as _box
from .legibility import theme_xml as _theme_xml
from .placeholders import footer_style
from .roles import BODIES, TITLES, placeholders_of
from .speedups import compile_xpaths_once
from .template import LAYOUT_ROLES, pick_beside_layout, pick_layout

#: The master placeholder a layout placeholder of each type inherits from.
_MASTER_TYPE = {PP_PLACEHOLDER.CENTER_TITLE: PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.SUBTITLE: PP_PLACEHOLDER.BODY,
                PP_PLACEHOLDER.OBJECT: PP_PLACEHOLDER.BODY}
_GAP = L.inches(0.1)


def _on_slide(box: Box | None, width: int, height: int) -> Box | None:
    """A placeholder's ``box`` cut to the slide (a template may draw one past its edge): text set in it stays
    on the slide. Unchanged when nothing of it is on the slide."""
    if box is None:
        return None
    x0, y0 = max(box.x, 0), max(box.y, 0)
    x1, y1 = min(box.x + box.w, width), min(box.y + box.h, height)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else box


def _fonts(theme) -> tuple[str, str]:
    def face(tag: str) -> str:
        el = theme.find(f".//{qn(tag)}/{qn('a:latin')}")
        return el.get("typeface") if el is not None and el.get("typeface") else "Calibri"

    return face("a:majorFont"), face("a:minorFont")


def _script_fonts(theme, *styles) -> tuple[str | None, str | None]:
    """The East Asian and complex-script typefaces the template names: in its theme's minor or major font, or
    on its text styles' first level (a Kai font for Chinese, Arabic's own face); None where it names none."""
    found = []
    for tag in ("a:ea", "a:cs"):
        places = [theme.find(f".//{qn('a:minorFont')}/{qn(tag)}"), theme.find(f".//{qn('a:majorFont')}/{qn(tag)}")]
        places += [_level1(style).find(qn(tag)) if _level1(style) is not None else None for style in styles]
        found.append(next((el.get("typeface") for el in places if el is not None and el.get("typeface")), None))
    return found[0], found[1]


#: PowerPoint's insets when a placeholder's ``a:bodyPr`` names none: 0.1 in at the sides, 0.05 in above and below.
_DEFAULT_INSETS = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}


def _insets(shapes) -> tuple[int, int, int, int] | None:
    """The text insets (left, top, right, bottom, EMU) of the first of ``shapes`` (a placeholder, then the one
    it inherits from) whose ``a:bodyPr`` names each; None when none names any."""
    found: dict[str, int] = {}
    for shape in shapes:
        body = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}") if shape is not None else None
        for key in _DEFAULT_INSETS:
            if body is not None and key not in found and (body.get(key) or "").isdigit():
                found[key] = int(body.get(key))
    if not found:
        return None
    return tuple(found.get(k, v) for k, v in _DEFAULT_INSETS.items())  # type: ignore[return-value]


def _spacing(elements) -> float:
    """The letter spacing (pt) the first of ``elements`` (``a:defRPr``/``a:rPr``) that names one gives."""
    for rpr in elements:
        if rpr is not None and (rpr.get("spc") or "").lstrip("-").isdigit():
            return int(rpr.get("spc")) / 100
    return 0.0


def _style(elements, major: str, minor: str, fallback: str, colors, clr_map) -> tuple:
    """(font family, size in pt, colour, bold, all caps) of first-level text: the first of ``elements``
    (``a:defRPr`` or ``a:rPr``) that says each."""
    font, size, colour, bold, caps = None, None, None, None, None
    for rpr in elements:
        if rpr is None:
            continue
        if bold is None and rpr.get("b") is not None:
            bold = rpr.get("b") in ("1", "true")
        if caps is None and rpr.get("cap") is not None:
            caps = rpr.get("cap") == "all"
        if size is None and rpr.get("sz"):
            size = int(rpr.get("sz")) / 100
        latin = rpr.find(qn("a:latin"))
        if font is None and latin is not None and latin.get("typeface"):
            font = latin.get("typeface")
        if colour is None:
            colour = colour_of(rpr.find(qn("a:solidFill")), colors, clr_map)
    font = {"+mj-lt": major, "+mn-lt": minor}.get(font or fallback, font or fallback)
    return font, size, colour, bool(bold), bool(caps)


def _text_props(shape) -> list:
    """A placeholder's first-level text properties: its list style, then its sample text's run
    (LibreOffice keeps a master's text style only there)."""
    if shape is None:
        return []
    body = shape._element.find(qn("p:txBody"))
    if body is None:
        return []
    return [body.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"),
            body.find(f"{qn('a:p')}/{qn('a:r')}/{qn('a:rPr')}")]


def _centred(shapes, style) -> bool:
    """Whether the first of the placeholders ``shapes`` (then the master's text ``style``) that aligns its
    first-level text centres it (``algn="ctr"``; LibreOffice keeps it on the sample paragraph)."""
    places = []
    for shape in shapes:
        body = shape._element.find(qn("p:txBody")) if shape is not None else None
        if body is not None:
            places += [body.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}"), body.find(f"{qn('a:p')}/{qn('a:pPr')}")]
    places.append(style.find(qn("a:lvl1pPr")) if style is not None else None)
    algn = next((el.get("algn") for el in places if el is not None and el.get("algn")), "l")
    return algn == "ctr"


def _level1(style):
    return style.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}") if style is not None else None


def _forbidden(prs, layout) -> list[Box]:
    """Every drawing of the master (when the layout shows it) and of the layout that is not a placeholder, but
    for one that covers most of the slide (a full-bleed picture, a gradient panel): that is background,
    which everything is set on (colors.covers_most)."""
    out = []
    for owner in owners(prs, layout):
        for shape in owner.shapes:
            if shape.is_placeholder or (b := _box(shape)) is None:
                continue
            if not covers_most(b, prs.slide_width, prs.slide_height):
                out.append(b)
            elif shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                # A background drawn as a group keeps its logos and marks: they are drawings to keep clear of.
                out += [m for m in _group_pictures(shape, b) if not covers_most(m, prs.slide_width, prs.slide_height)]
    return out


def _pictures(prs, layout) -> list[Box]:
    """The boxes of the master's (when shown) and the layout's pictures that are not their background."""
    return [b for owner in owners(prs, layout) for shape in owner.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and (b := _box(shape)) is not None
            and not covers_most(b, prs.slide_width, prs.slide_height)]


def _off_pictures(box: Box, pictures: list[Box], slide: Box) -> Box:
    """``box`` (a footer, date or slide number) cut clear of the pictures it overlaps; when that leaves less
    than half of it, moved beside the picture (left of it, else above it), at its size, on the slide."""
    for pic in pictures:
        if not overlaps(box, pic):
            continue
        cut = free_area(box, [pic])
        if cut.w >= box.w / 2 and cut.h >= box.h / 2:
            box = cut
        elif pic.x - _GAP - box.w >= 0:
            box = Box(pic.x - _GAP - box.w, box.y, box.w, box.h)
        elif pic.y - _GAP - box.h >= 0:
            box = Box(box.x, pic.y - _GAP - box.h, box.w, box.h)
    return box


def _group_pictures(group, box: Box) -> list[Box]:
    """The boxes (on the slide) of the pictures in ``group`` (drawn at ``box``), however deep."""
    return [b for member, b in group_members(group, box) if member.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _layout_frame(prs, layout, role: str, major: str, minor: str, styles) -> tuple[LayoutFrame, list[Box]]:
    def on(ph) -> Box | None:
        return _on_slide(_box(ph), prs.slide_width, prs.slide_height)

    master_ph = {ph.placeholder_format.type: ph for ph in prs.slide_master.placeholders}
    by_type: dict = {}
    for ph in sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx):
        by_type.setdefault(ph.placeholder_format.type, []).append(ph)
    # A content layout whose title was deleted: its slides take the master's title (deck.builder adds it).
    title = next((by_type[t][0] for t in TITLES if t in by_type), master_ph.get(PP_PLACEHOLDER.TITLE))
    bodies = [ph for ph in placeholders_of(layout, prs.slide_height) if ph.placeholder_format.type in BODIES]
    bodies.sort(key=lambda ph: (b.y // L.inches(0.5), b.x) if (b := _box(ph)) else (0, 0))
    subtitle = by_type.get(PP_PLACEHOLDER.SUBTITLE, [None])[0]
    if not bodies and subtitle is not None and role in ("section", "closing"):
        bodies = [subtitle]  # a divider or closing slide on the title slide's layout: its subtitle is the body

    def first(kind):
        ph = by_type.get(kind, [None])[0] or master_ph.get(kind)
        return on(ph) if ph is not None else None

    title_styles, body_styles, colors, clr_map = styles
    title_font, title_size, title_color, title_bold, title_caps = _style(
        _text_props(title)[:1] + _text_props(master_ph.get(PP_PLACEHOLDER.TITLE)) + [_level1(title_styles)],
        major, minor, "+mj-lt", colors, clr_map)
    text_ph = bodies[0] if bodies else subtitle
    body_font, body_size, body_color, *_ = _style(
        _text_props(text_ph)[:1] + _text_props(master_ph.get(PP_PLACEHOLDER.BODY)) + [_level1(body_styles)],
        major, minor, "+mn-lt", colors, clr_map)
    # Whether the placeholders' own styles give these fonts (LibreOffice keeps a master's only on sample text,
    # which a slide does not inherit): then the runs need not name them.
    styled = (_style(_text_props(title)[:1] + _text_props(master_ph.get(PP_PLACEHOLDER.TITLE))[:1]
                     + [_level1(title_styles)], major, minor, "+mj-lt", colors, clr_map)[0] == title_font
              and _style(_text_props(text_ph)[:1] + _text_props(master_ph.get(PP_PLACEHOLDER.BODY))[:1]
                         + [_level1(body_styles)], major, minor, "+mn-lt", colors, clr_map)[0] == body_font)
    footer_size, footer_font = footer_style(prs, layout)
    title_chain = [title, master_ph.get(PP_PLACEHOLDER.TITLE)]
    # A title placeholder filled by the template (a band behind the title): the title is read on that.
    title_fill = own_fill(title_chain, colors, clr_map)
    frame = LayoutFrame(
        body_color=body_color, title_fill=title_fill, title_insets=_insets(title_chain), title_spacing=_spacing(
            _text_props(title)[:1] + _text_props(master_ph.get(PP_PLACEHOLDER.TITLE)) + [_level1(title_styles)]),
        name=layout.name, title=on(title) if title is not None else None,
        bodies=tuple(b for ph in bodies if (b := on(ph)) is not None),
        subtitle=on(subtitle) if subtitle is not None else None,
        footer=first(PP_PLACEHOLDER.FOOTER), number=first(PP_PLACEHOLDER.SLIDE_NUMBER),
        date=first(PP_PLACEHOLDER.DATE), title_font=title_font, body_font=body_font,
        title_size=title_size, body_size=body_size, title_color=title_color, title_bold=title_bold,
        title_caps=title_caps,
        title_centred=_centred([title, master_ph.get(PP_PLACEHOLDER.TITLE)], title_styles),
        text_centred=_centred([text_ph, master_ph.get(PP_PLACEHOLDER.BODY)], body_styles),
        footer_size=footer_size, footer_font=footer_font, styled=styled)
    return frame, _forbidden(prs, layout)


def _inside(inner: Box, outer: Box) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y and inner.x + inner.w <= outer.x + outer.w
            and inner.y + inner.h <= outer.y + outer.h)


def _clear_of(box: Box | None, forbidden: list[Box], centred: bool = False) -> Box | None:
    """``box`` (a title, footer, date or number placeholder) cut clear of the drawings it partly covers.

    Many masters put a logo over the right end of the title placeholder or a
    seal over the slide number's: a designer filling such a slide keeps the text
    off the logo. A drawing the box lies wholly inside is its backdrop (a band
    the title or footer is set on) and is kept under it. When clearing would
    leave less than half the box's width or height, the box is kept as it is.
    A ``centred`` text cut at one side is cut as much at the other, so that it
    stays centred where the designer centred it.
    """
    if box is None:
        return None
    obstacles = [f for f in forbidden if overlaps(box, f) and not _inside(box, f)]
    if not obstacles:
        return box
    cut = free_area(box, obstacles)
    if centred and (cut.y, cut.h) == (box.y, box.h) and cut.w < box.w:
        side = box.w - cut.w
        if box.w - 2 * side >= box.w / 2:
            cut = Box(box.x + side, box.y, box.w - 2 * side, box.h)
    return cut if cut.w >= box.w / 2 and cut.h >= box.h / 2 else box


def _union(boxes) -> Box | None:
    boxes = list(boxes)
    if not boxes:
        return None
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    x1, y1 = max(b.x + b.w for b in boxes), max(b.y + b.h for b in boxes)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _title_above(area: Box, title: Box, forbidden: list[Box]) -> Box:
    """A title box between the drawings above ``area`` and its top, when a template's title lies over it.

    LibreOffice exports every layout with the title at the title slide's place;
    a designer's title sits above the content, under whatever band is drawn there.
    """
    top = max([b.y + b.h for b in forbidden if b.y + b.h <= area.y + _GAP and b.x < area.x + area.w
               and area.x < b.x + b.w] + [0])
    box = Box(area.x, top + _GAP, area.w, area.y - top - 2 * _GAP)
    return box if box.h >= L.inches(0.6) else title


def read_frame(prs) -> Frame:
    """What the planner needs of ``prs`` (a template opened and sized by open_presentation), as a Frame."""
    compile_xpaths_once()  # python-pptx compiles an XPath at each placeholder lookup otherwise
    theme = _theme_xml(prs)
    colors = scheme(theme)
    major, minor = _fonts(theme)
    master = prs.slide_master
    clr_el = master._element.find(qn("p:clrMap"))
    clr_map = dict(clr_el.attrib) if clr_el is not None else {}
    default_ground = colors.get(clr_map.get("bg1", "lt1"), "#FFFFFF")
    styles = master._element.find(qn("p:txStyles"))
    title_styles = styles.find(qn("p:titleStyle")) if styles is not None else None
    body_styles = styles.find(qn("p:bodyStyle")) if styles is not None else None
    master_body = next((_box(ph) for ph in master.placeholders
                        if ph.placeholder_format.type == PP_PLACEHOLDER.BODY), None)
    slide = Box(0, 0, prs.slide_width, prs.slide_height)
    layouts: dict[str, LayoutFrame] = {}
    problems: list[str] = []
    styles = (title_styles, body_styles, colors, clr_map)
    read = {role: _layout_frame(prs, pick_layout(prs, role), role, major, minor, styles) for role in LAYOUT_ROLES}
    # Bullets beside a picture: the two-content layout the deck writer picks, else the content layout.
    beside = pick_beside_layout(prs)
    read["beside"] = _layout_frame(prs, beside, "beside", major, minor, styles) if beside else read["content"]
    content_bodies = _union(read["content"][0].bodies)
    # The colour the master's own text is drawn in: its body style's, else its colour map's tx1.
    text_colour = (colour_of(_level1(body_styles).find(qn("a:solidFill")) if _level1(body_styles) is not None
                             else None, colors, clr_map) or colors.get(clr_map.get("tx1", "dk1"), "#000000"))
    for role, (lf, forbidden) in read.items():
        pictures = _pictures(prs, pick_layout(prs, role) if role != "beside" else beside or
                             pick_layout(prs, "content"))
        changes: dict = {k: v for k in ("title", "footer", "number", "date")
                         if (v := _clear_of(getattr(lf, k), forbidden, k == "title" and lf.title_centred))
                         != getattr(lf, k)}
        for k in ("footer", "number", "date"):  # never drawn on a logo, even one it lies wholly inside
            box = changes.get(k, getattr(lf, k))
            if box is not None and (moved := _off_pictures(box, pictures, slide)) != box:
                changes[k] = moved
        lf = _replace(lf, changes)
        changes = {"forbidden": tuple(forbidden)}
        ground, drawn = backdrops(prs, pick_layout(prs, role) if role != "beside" else beside or
                                   pick_layout(prs, "content"), colors, clr_map)
        ground = ground or default_ground

        def under(box, drawn=drawn, ground=ground) -> str:
            return behind(box, drawn, ground, slide)
        if role in ("cover", "closing"):
            if lf.title and lf.subtitle and overlaps(lf.title, lf.subtitle):
                changes["subtitle"] = free_area(lf.subtitle, [lf.title])
            changes["background"] = under(lf.title or slide)
            layouts[role] = _replace(lf, {**changes, **text_fixes(_replace(lf, changes), under, colors, text_colour)})
            continue
        # A section layout holding a title alone keeps it where it is drawn; the part number goes under it, as
        # wide as the title.
        alone = role == "section" and not lf.bodies and lf.title is not None
        base = None if alone else _on_slide(_union(lf.bodies) or master_body or content_bodies, slide.w, slide.h)
        if base is None and lf.title is not None:
            base = _beside_title(lf.title, slide)
            if alone:
                base = Box(lf.title.x, base.y, lf.title.w, base.h)
        if lf.title is not None and base is not None and overlaps(lf.title, base):
            changes["title"] = title = _title_above(base, lf.title, forbidden)
            if title == lf.title:  # no room above: the content goes below the title
                base = free_area(base, [title])
                changes["bodies"] = tuple(free_area(b, [title]) for b in lf.bodies)
        placed_title = changes.get("title", lf.title)
        obstacles = forbidden + [b for b in (placed_title, lf.footer, lf.number, lf.date) if b is not None]
        content = free_area(base, obstacles) if base is not None else None
        changes["content"] = content
        changes["background"] = under(content or base or slide)
        changes["small_colors"] = small_text_colours(
            prs, pick_layout(prs, role) if role != "beside" else beside or pick_layout(prs, "content"),
            _replace(lf, {k: v for k, v in changes.items() if k in ("footer", "number", "date")}), under,
            colors, clr_map, text_colour)
        if role in ("content", "two", "title_only") and (content is None or content.w < MIN_CONTENT_W
                                                          or content.h < MIN_CONTENT_H):
            problems.append(f"its layout {lf.name!r} leaves no room of at least 3 × 1.5 in for charts, pictures "
                            "and tables clear of the master's drawings")
        layouts[role] = _replace(lf, {**changes, **text_fixes(_replace(lf, changes), under, colors, text_colour)})
    background = layouts["content"].background or default_ground
    ea, cs = _script_fonts(theme, title_styles, body_styles)
    bullet_colours = [c for lvl in (body_styles if body_styles is not None else [])
                      if (c := colour_of(lvl.find(qn("a:buClr")), colors, clr_map))]
    bullets_fail = any(contrast(c, background) < AA_LARGE for c in bullet_colours)
    return Frame(prs.slide_width, prs.slide_height, layouts, colors, text_colour, background, major, minor,
                 ea_font=ea, cs_font=cs, bullets_fail=bullets_fail, problems=tuple(dict.fromkeys(problems)))


def _beside_title(title: Box, slide: Box) -> Box:
    """The room under ``title`` within the slide's margins, or above it when less than an inch is left under it
    and more above (a title at the foot of the slide)."""
    below = title.y + title.h + _GAP
    above = title.y - _GAP - L.MARGIN
    if slide.h - below - L.MARGIN < L.inches(1) and above > slide.h - below - L.MARGIN:
        return Box(L.MARGIN, L.MARGIN, slide.w - 2 * L.MARGIN, above)
    return Box(L.MARGIN, below, slide.w - 2 * L.MARGIN, slide.h - below - L.MARGIN)


def _replace(lf: LayoutFrame, changes: dict) -> LayoutFrame:
    import dataclasses

    return dataclasses.replace(lf, **changes) if changes else lf
