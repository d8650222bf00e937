"""A table slide: the table's columns, rows and cell text fitted to the body (the fitting is in ``tables``)."""

from __future__ import annotations

from ..layout import Box
from ..model import Slide
from .context import Context
from .spec import SlideSpec
from .tables import plan_table, right_to_left


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The table in ``box`` (its first column at the right in a right-to-left talk); what does not fit is a
    warning at the table's line."""
    spec.table = plan_table(slide.table or [], box, ctx.theme, ctx.talk.language)
    if ctx.rtl:
        spec.table = right_to_left(spec.table)
    for message in spec.table.problems:
        ctx.warn(slide.pos("table"), f"{slide.path}.table", message)
