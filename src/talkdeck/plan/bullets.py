"""A slide of bullet points (with sub-points and ``Term: explanation`` definitions) in the body placeholder."""

from __future__ import annotations

from ..layout import Box
from ..model import Slide
from .context import Context
from .prose import bullet_paras
from .spec import SlideSpec


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The slide's points in ``box``, fitted."""
    points = bullet_paras(slide.bullets, ctx.talk.language)
    spec.texts.append(ctx.body(points, f"{slide.path}.bullets", slide.pos("bullets"), box, layout=spec.layout))
