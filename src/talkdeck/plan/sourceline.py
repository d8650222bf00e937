"""A content slide's foot: its source line (the charts' sources when the slide names none) and, under a notes
citation style (Chicago notes), the notes its citations made, which take their room from the body above."""

from __future__ import annotations

from dataclasses import replace

from .. import layout as L
from ..layout import Box
from ..model import Slide
from ..text.fit import Para, layout_height
from .context import Context
from .spec import SlideSpec


def body_and_foot(ctx: Context, spec: SlideSpec, slide: Slide) -> tuple[Box, Box, list[Para]]:
    """The body's area, the source line's box and the slide's notes (as paragraphs): the foot grows up, and
    the body shrinks (to 0.75 in at the least), by the height its notes need under the source line."""
    shows_chart = slide.chart is not None or any(c.chart for c in slide.columns or [])
    foot, notes = ctx.source_box(ctx.layout(spec.layout)), [Para(n) for n in slide.footnotes]
    area = ctx.body_area(spec.layout, bool(slide.source or shows_chart or notes))
    if notes:
        lines = ([Para(ctx.m("source", source=slide.source or "…"))] if slide.source or shows_chart else []) + notes
        height, _ = layout_height(lines, foot, L.SMALL_SIZE, ctx.theme.font, ctx.theme.font_cjk,
                                  language=ctx.talk.language, cs_family=ctx.theme.font_cs or "")
        grow = max(0, round(height * L.EMU_PER_PT) + 2 * L.INSET_Y - foot.h)
        area = Box(area.x, area.y, area.w, max(area.h - grow, L.inches(0.75)))
        foot = Box(foot.x, foot.y - grow, foot.w, foot.h + grow)
    return area, foot, notes


def add_source(ctx: Context, spec: SlideSpec, slide: Slide, foot: Box, notes: list[Para]) -> None:
    """Add the source line (the slide's, else its charts' sources) and the notes under it, in ``foot``."""
    source = slide.source
    charts = [f.chart for f in spec.figures if f.chart is not None]
    if charts and not source:
        source = ctx.m.join(dict.fromkeys(c.source for c in charts), "group_separator")
    if source or notes:
        block = ctx.small("source", ctx.m("source", source=source) if source else "", foot)
        spec.texts.append(replace(block, paras=block.paras[:1 if source else 0] + notes))
