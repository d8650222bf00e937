"""A table slide: the table's columns, rows and cell text fitted to the body (the fitting is in ``tables``).

A table too tall for one slide even at the floor size keeps as many whole rows as fit, and the rest continue,
under the header again, on a slide of the same title (see planner.content_slides, which warns once for them all).
"""

from __future__ import annotations

from dataclasses import replace

from ..layout import Box
from ..model import Slide
from .context import Context
from .spec import SlideSpec
from .tables import plan_table, right_to_left


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The table in ``box`` (its first column at the right in a right-to-left talk); rows that do not fit
    continue on the next slide; what else does not fit is a warning at the table's line."""
    rows = slide.table or []
    started = ctx.table_sizes.get(slide.path)  # the size of the slide this one continues
    theme = ctx.theme if started is None else replace(ctx.theme, body_size=min(ctx.theme.body_size, int(started)))
    plan = plan_table(rows, box, theme, ctx.talk.language)
    if not plan.fits and len(rows) > 2:
        low, high = 1, len(rows) - 2  # body rows kept: at least one, at most all but one
        while low < high:
            mid = (low + high + 1) // 2
            if plan_table(rows[:1 + mid], box, theme, ctx.talk.language).fits:
                low = mid
            else:
                high = mid - 1
        plan = plan_table(rows[:1 + low], box, theme, ctx.talk.language)
        spec.continue_from = low
        ctx.table_sizes.setdefault(slide.path, plan.size)
    spec.table = right_to_left(plan) if ctx.rtl else plan
    for message in spec.table.problems:
        ctx.warn(slide.pos("table"), f"{slide.path}.table", message)
