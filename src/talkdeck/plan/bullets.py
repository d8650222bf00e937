"""A slide of bullet points (with sub-points and ``Term: explanation`` definitions) in the body placeholder.

Points that do not fit even at the floor size are never left to run over the source line or off the slide:
the slide keeps as many whole points (each with its sub-points) as fit, and the rest continue on a slide of
the same title (see planner.content_slides, which warns once for them all).
"""

from __future__ import annotations

from ..layout import Box
from ..model import Slide
from .context import Context
from .prose import bullet_paras
from .spec import SlideSpec


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The slide's points in ``box``, fitted; those that do not fit continue on the next slide."""
    language, path, pos = ctx.talk.language, f"{slide.path}.bullets", slide.pos("bullets")
    warned = len(ctx.warnings)
    block = ctx.body(bullet_paras(slide.bullets or [], language), path, pos, box, layout=spec.layout)
    points = slide.bullets or []
    if block.fits or len(points) < 2:
        spec.texts.append(block)
        return
    del ctx.warnings[warned:]
    kept = len(points) - 1
    while kept > 1:
        block = ctx.body(bullet_paras(points[:kept], language), path, pos, box, layout=spec.layout)
        del ctx.warnings[warned:]
        if block.fits:
            break
        kept -= 1
    block = ctx.body(bullet_paras(points[:kept], language), path, pos, box, layout=spec.layout)
    spec.texts.append(block)
    spec.continue_from = kept
