"""A quote: the words large, in italics and quotation marks of the talk's language, and who said them."""

from __future__ import annotations

from .. import layout as L
from ..layout import Box
from ..model import Slide
from ..text.fit import Para
from .context import Context
from .spec import SlideSpec
from .statement import large

#: The size a quote starts at before it is fitted, in points.
QUOTE_SIZE = 36


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The quote in the middle of the slide, its author under it."""
    # On a template the author is a line of the body placeholder, under the quote.
    by = [Para(ctx.m("quote_by", author=slide.by))] if slide.by and ctx.frame is not None else []
    large(ctx, spec, [Para(ctx.m("quote", quote=(slide.quote or "").strip()), italic=True)] + by, QUOTE_SIZE,
          f"{slide.path}.quote", slide.pos("quote"), box)
    if slide.by and not by:
        spec.texts.append(ctx.body([Para(ctx.m("quote_by", author=slide.by))], f"{slide.path}.by", slide.pos("by"),
                                   L.QUOTE_BY, role="by", align="center", color=ctx.theme.muted))
