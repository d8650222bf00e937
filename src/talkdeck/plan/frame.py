"""What a user's template offers the planner, as plain data: no pptx here.

The deck layer reads the template once (``deck.template.read_frame``) into a
:class:`Frame`: the slide's size, and for each layout role (cover, content,
section, two, title_only) the boxes of that layout's own placeholders, the
fonts and sizes its text styles name, and the *content area* — where what
talkdeck adds itself (charts, pictures, tables, sources, captions) may go
without covering a picture or drawing of the master or layout. The theme's
colours and fonts come with it. With no template there is no Frame and the
built-in grid of :mod:`talkdeck.layout` is used.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..layout import Box, inches
from ..model import Theme
from ..text.color import contrast, legible_palette, mix


@dataclass(frozen=True)
class LayoutFrame:
    """One layout's placeholders (boxes in EMU), its text styles and its content area."""

    name: str
    title: Box | None
    bodies: tuple[Box, ...] = ()
    subtitle: Box | None = None
    footer: Box | None = None
    number: Box | None = None
    date: Box | None = None
    #: Where talkdeck's own shapes may go on this layout.
    content: Box | None = None
    #: The master's and layout's own drawings (pictures, filled shapes, text boxes): nothing talkdeck adds
    #: may cover them.
    forbidden: tuple[Box, ...] = ()
    title_font: str = "Calibri"
    body_font: str = "Calibri"
    #: Sizes (pt) the template's styles give the title and body text (None: not said).
    title_size: float | None = None
    body_size: float | None = None
    #: The title's colour as its style gives it (None: not said).
    title_color: str | None = None
    #: Whether the title's style sets it bold, or in capitals (it is measured so).
    title_bold: bool = False
    title_caps: bool = False
    #: Whether the title's style centres it (a title cut clear of a logo then stays centred).
    title_centred: bool = False
    #: Whether the style of its first body (or subtitle) placeholder centres its text.
    text_centred: bool = False
    #: The colour behind the layout's content area (or its title, on a title slide): its own background, or the
    #: drawing of the master or layout under it (None: not read).
    background: str | None = None
    #: Whether its title and body placeholders' own styles give the fonts read here (so that runs inherit them).
    styled: bool = True
    #: The title placeholder's insets (left, top, right, bottom, EMU; None: PowerPoint's defaults) and the
    #: letter spacing its style adds to every character (pt).
    title_insets: tuple[int, int, int, int] | None = None
    title_spacing: float = 0.0
    #: ("footer" | "date" | "number", #RRGGBB): the colour their text is written in where the template's own
    #: would read below 4.5:1 on what lies behind them.
    small_colors: tuple[tuple[str, str], ...] = ()
    #: The body text's colour as its style gives it (None: not said), and the colours to write on the title and
    #: the body where the template's own would not read on what lies behind them (None: the template's reads).
    body_color: str | None = None
    #: The fill of the title placeholder itself, when the template gives it one (None: none).
    title_fill: str | None = None
    title_fix: str | None = None
    body_fix: str | None = None
    #: The footer's size (pt) and Latin face as its placeholder's style gives them (None: not said; a face may
    #: be a theme font reference, ``+mn-lt``).
    footer_size: float | None = None
    footer_font: str | None = None


@dataclass(frozen=True)
class Frame:
    """A template's geometry, colours and fonts, read once (see the module docstring)."""

    width: int
    height: int
    layouts: dict[str, LayoutFrame]
    #: The theme's colour scheme as #RRGGBB: dk1, lt1, dk2, lt2, accent1 … accent6.
    colors: dict[str, str] = field(default_factory=dict)
    #: The master's text and background colours (through its colour map).
    text: str = "#000000"
    background: str = "#FFFFFF"
    major_font: str = "Calibri"
    minor_font: str = "Calibri"
    #: Why a layout leaves talkdeck no room, one sentence each (``check`` warns at ``template:``).
    problems: tuple[str, ...] = ()
    #: The East Asian and complex-script fonts the template names (its theme's or its text styles'), if any.
    ea_font: str | None = None
    cs_font: str | None = None
    #: Whether the bullets' colour the template's body style gives would not show (3:1) on its background.
    bullets_fail: bool = False

    def layout(self, role: str) -> LayoutFrame:
        return self.layouts[role]

    @property
    def accents(self) -> list[str]:
        return [self.colors[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in self.colors]


#: The least room a content area may leave talkdeck's own shapes.
MIN_CONTENT_W = inches(3.0)
MIN_CONTENT_H = inches(1.5)


def free_area(area: Box, obstacles: list[Box]) -> Box:
    """The largest part of ``area`` left when each obstacle is cut away in turn.

    Each obstacle that overlaps the area leaves four candidates (the strips
    above, below, left and right of it); the largest by area is kept.
    """
    for ob in obstacles:
        if not _overlaps(area, ob):
            continue
        candidates = [
            Box(area.x, area.y, area.w, ob.y - area.y),  # above
            Box(area.x, ob.y + ob.h, area.w, area.y + area.h - ob.y - ob.h),  # below
            Box(area.x, area.y, ob.x - area.x, area.h),  # left
            Box(ob.x + ob.w, area.y, area.x + area.w - ob.x - ob.w, area.h),  # right
        ]
        area = max((c for c in candidates if c.w > 0 and c.h > 0), key=lambda c: c.w * c.h,
                   default=Box(area.x, area.y, 0, 0))
    return area


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def overlaps(a: Box, b: Box) -> bool:
    """True if the two boxes share some area."""
    return _overlaps(a, b)


def readable_text(frame: Frame, background: str) -> str:
    """The colour for text talkdeck writes on ``background`` (sources, captions, chart labels): the master's
    text colour when it reads at 4.5:1 there, else the first of the theme's dark and light colours (then black
    or white) that does, else whichever reads best.

    A dark master often writes its text in lt1 through its styles while its colour map's tx1 is a mid
    grey, or sets a dark picture or panel behind a scheme made for a light slide.
    """
    options = [frame.text] + [frame.colors[k] for k in ("lt1", "dk1", "lt2", "dk2") if k in frame.colors]
    options += ["#000000", "#FFFFFF"]
    return next((c for c in options if contrast(c, background) >= 4.5),
                max(options, key=lambda c: contrast(c, background)))


def theme_on(theme: Theme, frame: Frame | None) -> Theme:
    """``theme`` with every key the speaker did not write taken from the template.

    Fonts from the theme's minor (body) font, text from the master's text colour,
    the accent and the chart palette from accent1–6, sources and captions a mix
    of text and background, sizes from the body and title styles (kept within
    the theme's limits), the background the master's (what charts and tables
    are read against; charts are drawn transparent over it, see build.render_charts).
    """
    if frame is None:
        return theme
    said = set(theme.where)
    content = frame.layouts.get("content")
    background = theme.background if "background" in said else frame.background
    text = readable_text(frame, background)
    # Sources and captions are small: muted only where it reads with room to spare (the background is read as
    # one colour, and a gradient or picture behind it varies).
    muted = mix(text, background, 0.3)
    if contrast(muted, background) < 6.0:
        muted = text
    accent = theme.accent if "accent" in said else frame.colors.get("accent1", theme.accent)
    # An accent the outline names leads the charts' series too, before the template's other accents.
    palette: list[str] | None = ([accent] + [c for c in frame.accents if c.upper() != accent.upper()]
                                 if "accent" in said else frame.accents)
    # The template's accents that would not show on its background give way to the others (a light accent
    # on a white master, a purple one on a purple picture).
    palette = legible_palette(palette, background, 3, ratio=3.3) if palette else list(theme.palette or []) or None
    guess: dict[str, Any] = {
        "font": (content.body_font if content else frame.minor_font),
        "text": text,
        "accent": accent,
        "palette": palette,
        "muted": muted,
        "background": frame.background,
    }
    if content and content.title_size:
        guess["title_size"] = int(min(96, max(theme.min_title_size, round(content.title_size))))
    if content and content.body_size:
        guess["body_size"] = int(min(72, max(theme.min_body_size, round(content.body_size))))
    return dataclasses.replace(theme, **{k: v for k, v in guess.items() if k not in said})
