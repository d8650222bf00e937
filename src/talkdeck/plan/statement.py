"""A statement: one sentence, large, bold and centred; and the large centred text a quote shares."""

from __future__ import annotations

from .. import layout as L
from ..layout import Box
from ..model import Pos, Slide
from ..text.fit import Para
from .context import Context
from .spec import SlideSpec

#: The size a statement starts at before it is fitted, in points.
STATEMENT_SIZE = 40


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The statement in the middle of the slide; a statement of several lines is joined, with a warning."""
    lines = [line for line in (slide.statement or "").strip().split("\n") if line.strip()]
    if len(lines) > 1:  # a `statement: |` block holding code, say
        ctx.warn(slide.pos("statement"), f"{slide.path}.statement",
                 f"a statement is one sentence: its {len(lines)} lines are joined into one; for code or other "
                 "text whose lines matter, write 'code:'")
    large(ctx, spec, [Para(slide.statement or "", bold=True)], STATEMENT_SIZE, f"{slide.path}.statement",
          slide.pos("statement"), box)


def large(ctx: Context, spec: SlideSpec, paras: list[Para], size: float, path: str, pos: Pos, box: Box) -> None:
    """Large centred text: in the built-in grid's middle, or the body placeholder of the slide's layout."""
    lf = ctx.layout(spec.layout)
    style = {} if lf is None else {"font": ctx.said("font", lf.body_font)}
    spec.texts.append(ctx.block("body", paras, L.QUOTE_BODY if lf is None else box, size, ctx.theme.min_body_size,
                                path, pos, align="center", anchor="middle", **style))
