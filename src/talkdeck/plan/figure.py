"""Charts and pictures: a slide of one chart or image, and bullets beside a chart or image.

A chart is drawn later (charts/) at the size of the box planned here; its labels' room is decided here from
font metrics, so a warning comes at the chart's line; its data goes in the notes.
"""

from __future__ import annotations

from pathlib import Path

from .. import layout as L
from ..charts.describe import chart_notes, describe_chart
from ..charts.labels import fit_labels, label_problem
from ..layout import Box
from ..load import vector
from ..load.assets import image_size
from ..model import Column, Slide
from .context import Context
from .prose import bullet_paras
from .spec import Figure, SlideSpec


def fill_chart(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """A chart slide: the chart in ``box``, with its caption under it."""
    place(ctx, spec, slide, box, slide.caption)


def fill_image(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """A picture slide: the picture fitted in ``box``, with its caption under it."""
    place(ctx, spec, slide, box, slide.caption)


def fill_beside(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """Bullets beside a chart or picture (``figure_side``: left or right; right by default); a portrait gives its
    spare width to the text. A right-to-left talk mirrors the side: its bullets start at the right, the picture
    is at the left by default, and ``figure_side: left`` puts it at the right, as the whole slide is mirrored."""
    side = slide.figure_side or "right"
    if ctx.rtl:
        side = "left" if side == "right" else "right"
    text_box, figure_box = L.beside(box, side)
    size = image_size_of(ctx, slide)
    if size is not None:
        # A picture narrower than its half (a portrait) gives the width it does not use to the text.
        pic_h = figure_box.h - (L.CAPTION_H if slide.caption else 0)
        spare = figure_box.w - L.contain(Box(0, 0, figure_box.w, pic_h), *size).w
        if spare > 0:
            if side == "right":
                text_box = Box(text_box.x, text_box.y, text_box.w + spare, text_box.h)
                figure_box = Box(figure_box.x + spare, figure_box.y, figure_box.w - spare, figure_box.h)
            else:
                text_box = Box(text_box.x - spare, text_box.y, text_box.w + spare, text_box.h)
                figure_box = Box(figure_box.x, figure_box.y, figure_box.w - spare, figure_box.h)
    spec.texts.append(ctx.body(bullet_paras(slide.bullets or [], ctx.talk.language), f"{slide.path}.bullets",
                               slide.pos("bullets"), text_box, layout=spec.layout))
    place(ctx, spec, slide, figure_box, slide.caption)


def image_path(ctx: Context, shown: Slide | Column) -> Path:
    """The path of ``shown``'s image, resolved from the outline's folder."""
    name = shown.image or ""
    return (ctx.talk.base_dir / name).resolve() if ctx.talk.base_dir else Path(name)


def image_size_of(ctx: Context, shown: Slide | Column) -> tuple[int, int] | None:
    """The pixel size of ``shown``'s image (None for a chart, or a picture that cannot be read)."""
    return image_size(image_path(ctx, shown)) if shown.image and shown.chart is None else None


def picture(box: Box, alt: str, path: Path) -> Figure:
    """The figure of a picture file in ``box``: a vector one (SVG, one-page PDF) marked so, with its natural size."""
    kind = "svg" if vector.is_svg(path) else "pdf" if vector.is_pdf(path) else None
    return Figure(box, alt, image=path, vector=kind, natural=vector.vector_size(path) if kind else None)


def place(ctx: Context, spec: SlideSpec, shown: Slide | Column, box: Box, caption: str | None,
          top: bool = False) -> None:
    """Put ``shown``'s chart or image in ``box`` (with ``caption`` under it; at its top if ``top``, as a
    column's picture stands under its heading like the other column's text); a chart's data goes in the notes."""
    size = image_size_of(ctx, shown)
    if top and size is not None:
        pic = L.contain(box, *size)
        box = Box(pic.x, box.y, pic.w, pic.h)
    if caption and size is not None:
        # The picture and its caption as one group, centred: the caption right under the picture,
        # however wide the picture is.
        pic = L.contain(Box(box.x, box.y, box.w, box.h - L.CAPTION_H), *size)
        y = box.y + (box.h - pic.h - L.CAPTION_H) // 2
        spec.texts.append(ctx.small("caption", caption, Box(box.x, y + pic.h, box.w, L.CAPTION_H), "center"))
        box = Box(pic.x, y, pic.w, pic.h)
    elif caption:
        box = Box(box.x, box.y, box.w, box.h - L.CAPTION_H)
        spec.texts.append(ctx.small("caption", caption, box.below(L.CAPTION_H), "center"))
    if shown.chart is None:
        spec.figures.append(picture(box, "" if shown.decorative else (shown.alt or ""), image_path(ctx, shown)))
        return
    chart = ctx.talk.charts[shown.chart]
    # The labels' room is decided from font metrics, as the drawing will: the alt text names a bar chart
    # turned sideways as drawn, and a warning for labels that do not fit goes at the chart's line.
    fit = fit_labels(chart, ctx.chart_style, box)
    spec.figures.append(Figure(box, describe_chart(chart, ctx.m, sideways=fit.horizontal), chart=chart,
                               chart_name=shown.chart))
    problem = label_problem(chart, fit)
    if problem and not any(w.path == chart.path and w.message == problem for w in ctx.warnings):
        ctx.warn(chart.pos(), chart.path, problem)
    spec.notes = (spec.notes.strip() + "\n\n" + chart_notes(chart, ctx.m)).strip()
