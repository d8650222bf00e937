"""Slide titles: the text a slide shows as its title, and the title fitted to its box.

A title takes at most two lines (more where a template's title box was made for more), at the largest
size from the theme's ``title_size`` down to ``min_title_size``; a word wider than the box is never cut.
"""

from __future__ import annotations

from dataclasses import replace

from .. import layout as L
from ..layout import Box
from ..model import Pos, Slide
from ..text.fit import Para, fit_text, widest_word
from .context import Context, descender_room
from .spec import TextBlock

#: A title longer than this many lines at the floor is warned about.
MAX_TITLE_LINES = 2
#: Room kept under a title's planned lines, in EMU (2 pt): what rounding in the renderer may add.
_TITLE_SLACK = 2 * L.EMU_PER_PT


def slide_title(ctx: Context, slide: Slide) -> str:
    """The title ``slide`` shows: its own, else (an untitled quote) "Quote". Not the quote's author: the
    author is always shown under the quote, and a title repeating them (a long `by:`, twice) reads as a slip."""
    return slide.title or ctx.m("quote_title")


def title(ctx: Context, text: str, path: str, pos: Pos, box: Box = L.TITLE, role: str = "content",
          **style) -> TextBlock:
    """A slide's title: in the built-in grid's ``box``, or in the title placeholder of the layout for ``role``,
    in its font, colour, weight and capitals."""
    t = ctx.theme
    lf = ctx.layout(role)
    if lf is None:
        return fit_title(ctx, [Para(text, bold=True)], box, t.title_size, t.min_title_size, path, pos,
                         anchor="bottom", **style)
    said = set(t.where)
    # The template's own size, even below the usual floor: a title set larger than its designer's would not
    # fit the band it was drawn for.
    size = float(min(96, round(t.title_size if "title_size" in said or not lf.title_size else lf.title_size)))
    floor = min(float(t.min_title_size), size)
    # A right-to-left title is written aligned to the right unless the template centres it.
    align = "center" if ctx.rtl and lf.title_centred else None
    insets = lf.title_insets or (L.INSET_X, L.INSET_Y, L.INSET_X, L.INSET_Y)
    if "min_title_size" not in said:
        # A small designed box (a one-line band) lets the title shrink below the usual floor, as far as two
        # lines of it fit the box, but not under 12 pt.
        inner = ((lf.title or box).h - insets[1] - insets[3]) / L.EMU_PER_PT
        floor = min(floor, max(12.0, float(int(inner / (2 * L.LINE_SPACING)))))
    return fit_title(ctx, [Para(text, bold=lf.title_bold)], lf.title or box, size, floor, path, pos,
                     align=align, anchor=None, font=ctx.said("font", lf.title_font),
                     color=lf.title_fix or lf.title_color, own_color=lf.title_fix is not None,
                     caps=lf.title_caps, insets=lf.title_insets, spacing=lf.title_spacing)


def measuring_box(box: Box, insets: tuple[int, int, int, int] | None, spacing: float, size: float) -> Box:
    """The box to measure a text in that is set in ``box`` with ``insets`` (EMU; None: talkdeck's) and
    ``spacing`` pt between letters: fit.py measures inside talkdeck's insets, so the box grows or shrinks by
    the difference; letter spacing widens every character, about half an em wide on average, so the width
    shrinks by as much."""
    if insets is not None:
        left, top, right, bottom = insets
        box = Box(box.x + left - L.INSET_X, box.y + top - L.INSET_Y, box.w - left - right + 2 * L.INSET_X,
                  box.h - top - bottom + 2 * L.INSET_Y)
    if spacing:
        inner = box.w - 2 * L.INSET_X
        box = Box(box.x, box.y, 2 * L.INSET_X + round(inner / (1 + spacing / (0.5 * size))), box.h)
    return box


def fit_title(ctx: Context, paras: list[Para], box: Box, size: float, floor: float, spec_path: str, pos: Pos,
              **style) -> TextBlock:
    """A title at the largest size from ``size`` to ``floor`` at which it takes at most two lines and fits.

    A title that does not is warned about and anchored at its top: LibreOffice
    grows an overfull bottom-anchored box upward, past the slide's top edge.
    """
    t = ctx.theme
    language = ctx.talk.language
    size = float(size)
    # The built-in design sets section titles in capitals (its layout's cap="all"): measure what is drawn.
    measured = [replace(p, runs=tuple(replace(r, text=r.text.upper()) for r in p.runs)) for p in paras
                ] if style.pop("caps", False) else paras
    font = style.get("font") or t.font
    insets, spacing = style.pop("insets", None), style.pop("spacing", 0.0)
    # A template's title box made for more lines at its own size (a tall title at the slide's side) holds them.
    start = measuring_box(box, insets, spacing, size)
    most = MAX_TITLE_LINES if ctx.frame is None else max(
        MAX_TITLE_LINES, int((start.h - 2 * L.INSET_Y) / L.EMU_PER_PT // (size * L.LINE_SPACING)))
    while True:
        depth = descender_room(paras, size, t.font_cs)
        inner = measuring_box(Box(box.x, box.y, box.w, box.h - depth), insets, spacing, size)
        room = (inner.w - 2 * L.INSET_X) / L.EMU_PER_PT
        result = fit_text(measured, inner, size, size, font, t.font_cjk, t.font_mono, language, t.font_cs or "")
        # A word wider than the box would be cut in two (a narrow title placeholder at a template's side).
        whole = all(widest_word(p, size, font, t.font_cjk, t.font_mono, language) <= room for p in measured)
        if (result.fits and result.lines <= most and whole) or size - 1 < floor:
            break
        size -= 1
    fits = result.fits and result.lines <= most and whole
    if insets is not None:
        style["insets"] = insets
    if not whole:
        ctx.warn(pos, spec_path, f"a word of the title is too wide for its box even at {size:g} pt, and would be "
                 "cut in two; shorten it")
    elif not fits:
        held = min(most, int((inner.h - 2 * L.INSET_Y) / L.EMU_PER_PT // (size * L.LINE_SPACING)))
        ctx.warn(pos, spec_path, f"title takes {result.lines} lines even at {size:g} pt (its box holds "
                 f"{held}); shorten it")
        style["anchor"] = "top"
    elif style.get("anchor") == "bottom":
        h = min(box.h, round(result.height_pt * L.EMU_PER_PT) + 2 * L.INSET_Y + _TITLE_SLACK + depth)
        if box.y + box.h - h - round(size * L.LINE_SPACING * L.EMU_PER_PT) < 0:
            # A line more than measured, drawn upward, would leave the slide: the box is shrunk to the
            # planned lines and anchored at its top, where a bottom anchor would put the text, so that
            # such a line goes down instead.
            box = Box(box.x, box.y + box.h - h, box.w, h)
            style["anchor"] = "top"
    return TextBlock("title", paras, box, size, fits, floor=floor, depth=depth, **{"rtl": ctx.rtl, **style})
