"""Two columns, each bullets, a chart or a picture, under an optional heading."""

from __future__ import annotations

from .. import layout as L
from ..layout import Box
from ..model import Slide
from ..text.fit import Para
from .context import Context, two_boxes
from .figure import place
from .prose import bullet_paras
from .spec import SlideSpec


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """The two columns side by side in ``box`` (in a template's two body placeholders when it has them), the
    first at the left, or at the right in a right-to-left talk."""
    lf = ctx.layout(spec.layout)
    boxes = ctx.reading_order(box.split(2, L.COLUMN_GAP) if lf is None else two_boxes(lf, box))
    for n, (col, col_box) in enumerate(zip(slide.columns or [], boxes)):
        heading = [Para(col.heading, bold=True)] if col.heading else []
        if col.bullets is not None:
            points = heading + bullet_paras(col.bullets, ctx.talk.language)
            # Set from the top, whatever the template's body says: two columns centred down their height
            # would start at different heights.
            spec.texts.append(ctx.body(points, col.path, col.pos(), col_box, role=f"column{n + 1}",
                                       layout=spec.layout, anchor="top"))
            continue
        if heading:
            head_box = Box(col_box.x, col_box.y, col_box.w, L.HEADING_H)
            spec.texts.append(ctx.body(heading, f"{col.path}.heading", col.pos("heading"), head_box,
                                       role=f"column{n + 1}", layout=spec.layout))
            col_box = Box(col_box.x, col_box.y + L.HEADING_H, col_box.w, col_box.h - L.HEADING_H)
        place(ctx, spec, col, col_box, None, top=True)
