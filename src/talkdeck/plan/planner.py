"""plan: Talk → [SlideSpec]: the slides in order, numbered, with their notes, time cues and fitted text.

Pure functions on the model: no file is read or written here except font
metrics. The slides talkdeck adds (title, bio, agenda, dividers, closing) and
each kind of content slide have a module of their own; :data:`KINDS` says
which module fills a content slide of each kind and on which layout. Every
text block gets its box from :mod:`talkdeck.layout` (or the template's frame)
and its size from :mod:`talkdeck.text.fit`; the deck writer only places what
this decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import Problem
from ..layout import Box
from ..model import SLIDE_KINDS, Slide, Talk
from ..text.fonts import font_file, font_stand_in, metric_twin
from ..text.markup import plain_lines
from . import bullets, code, columns, equation, figure, quote, statement, table, timing
from .agenda import agenda_slide
from .bio import bio_slide
from .closing import closing_slide
from .context import Context
from .cover import cover_slide
from .divider import divider_slide
from .frame import Frame
from .prose import prose
from .references import references_slides
from .sourceline import add_source, body_and_foot
from .spec import SlideSpec
from .titles import slide_title, title


@dataclass(frozen=True)
class Kind:
    """A kind of content slide: the layout role it is built on (deck.template.LAYOUT_ROLES) and what fills
    its body: ``fill(context, spec, slide, body_box)``."""

    layout: str
    fill: Callable[[Context, SlideSpec, Slide, Box], None]


#: Every kind of content slide (model.SLIDE_KINDS, and bullets beside a figure). A new kind is a module
#: with a ``fill`` function and a line here.
KINDS: dict[str, Kind] = {
    "bullets": Kind("content", bullets.fill),
    "quote": Kind("content", quote.fill),
    "statement": Kind("content", statement.fill),
    "columns": Kind("two", columns.fill),
    "beside": Kind("beside", figure.fill_beside),
    "chart": Kind("title_only", figure.fill_chart),
    "image": Kind("title_only", figure.fill_image),
    "table": Kind("title_only", table.fill),
    "code": Kind("title_only", code.fill),
    "math": Kind("content", equation.fill),
}
assert set(KINDS) == {*SLIDE_KINDS, "beside"}, "every slide kind of the model has a planner"


def plan_slides(talk: Talk, file: str = "talk.yaml", frame: Frame | None = None
                ) -> tuple[list[SlideSpec], list[Problem]]:
    """The deck's slides in order, and warnings (text that does not fit) with their lines.

    ``frame`` is the template's geometry (deck.read_frame): text is fitted to
    its layouts' placeholders; without one, to the built-in grid.
    """
    ctx = Context(talk, file, frame)
    _warn_fonts(ctx)
    _warn_fonts_not_found(ctx)
    specs = [cover_slide(ctx)]
    if talk.bio_position == "start":
        specs.append(bio_slide(ctx))
    if talk.intro:
        specs += [spec for slide in talk.intro.slides for spec in content_slides(ctx, -1, slide)]
    specs.append(agenda_slide(ctx))
    for i, section in enumerate(talk.sections):
        specs.append(divider_slide(ctx, i, section))
        specs += [spec for slide in section.slides for spec in content_slides(ctx, i, slide)]
    specs += references_slides(ctx)
    if talk.bio_position == "end":
        specs.append(bio_slide(ctx))
    specs.append(closing_slide(ctx))
    for number, spec in enumerate(specs, 1):
        spec.number = number
        ctx.mark(spec)
    timing.schedule(talk, specs)
    for spec in specs:
        parts = (timing.cue(spec, ctx.m), spec.notes.strip(),
                 ctx.m("notes_slide_number", number=spec.number, total=len(specs)))
        spec.notes = plain_lines("\n\n".join(part for part in parts if part))
    return specs, ctx.warnings + ctx.footer_problems()


def content_slides(ctx: Context, i: int, slide: Slide) -> list[SlideSpec]:
    """The slide for ``slide``, and the slides its points or a table's rows continue on when one cannot hold
    them all ("Title (2)", in the talk's language; see bullets.fill and table.fill)."""
    specs = [content_slide(ctx, i, slide)]
    heading, rest = slide_title(ctx, slide), slide
    while specs[-1].continue_from and (rest.bullets or rest.table):
        rest = _rest(rest, specs[-1].continue_from)
        numbered = replace(rest, title=ctx.m("title_continued", title=heading, number=len(specs) + 1))
        specs.append(content_slide(ctx, i, numbered))
    if len(specs) > 1:
        rows = slide.table is not None
        size = specs[0].table.size if specs[0].table else getattr(specs[0].text("body"), "floor", 0)
        moved = (len(slide.table or []) - 1 if rows else len(slide.bullets or [])) - (specs[0].continue_from or 0)
        noun = " row" if rows else ""
        which = (f"the last{noun or ' one'} continues" if moved == 1
                 else f"the last {moved}{noun and noun + 's'} continue")
        more = ", ".join(f"'{s.title}'" for s in specs[1:])
        key, things = ("table", "rows") if rows else ("bullets", "points")
        ctx.warn(slide.pos(key), f"{slide.path}.{key}",
                 f"the {things} do not fit one slide even at {size:g} pt: {which} on {more}; "
                 "shorten them or split the slide")
    return specs


def _rest(slide: Slide, kept: int) -> Slide:
    """``slide`` without the first ``kept`` points, or table rows after its header, and without notes."""
    if slide.table is not None:
        return replace(slide, table=slide.table[:1] + slide.table[1 + kept:], notes=None)
    return replace(slide, bullets=(slide.bullets or [])[kept:], notes=None)


def content_slide(ctx: Context, i: int, slide: Slide) -> SlideSpec:
    """The slide for ``slide`` of section ``i`` (-1: the intro): its title, its body filled by its kind's
    module, and its foot (:mod:`.sourceline`)."""
    kind = KINDS[slide.kind]
    heading = slide_title(ctx, slide)
    said = prose(slide.notes, ctx.talk.language)
    spec = SlideSpec(slide.kind, heading, 0, said, kind.layout, footer=ctx.footer(kind.layout), section=i,
                     path=slide.path, said=said, pos=slide.pos())
    spec.texts.append(title(ctx, heading, f"{slide.path}.title", slide.pos("title"), role=spec.layout))
    area, foot, notes = body_and_foot(ctx, spec, slide)
    kind.fill(ctx, spec, slide, area)
    add_source(ctx, spec, slide, foot, notes)
    return spec


def _warn_fonts(ctx: Context) -> None:
    """Warnings before any slide: what the template cannot hold, and each font the template or the theme
    names that is not installed here (text would be fitted and previewed in another)."""
    theme, frame = ctx.theme, ctx.frame
    said = set(theme.where)
    if frame is not None:
        for problem in frame.problems:
            ctx.warn(theme.pos("template"), "theme.template", f"the template cannot hold what talkdeck adds: {problem}")
        fonts = [lf.title_font for lf in frame.layouts.values()] + [theme.font] if "font" not in said else []
        for family in dict.fromkeys(fonts):
            stand_in = font_stand_in(family)
            if stand_in:
                ctx.warn(theme.pos("template"), "theme.template",
                         f"the template's font '{family}' is not installed here: text is fitted (and previewed) in "
                         f"{stand_in}, and may fit differently where the deck is shown; install it, or name an "
                         "installed font in theme.font")
    for key in ("font", "font_cjk", "font_mono"):
        if key not in said:
            continue
        family = getattr(theme, key)
        stand_in = font_stand_in(family)
        if stand_in:
            ctx.warn(theme.pos(key), f"theme.{key}",
                     f"the font '{family}' is not installed here: text is fitted (and previewed) in {stand_in}, "
                     "and may fit differently where the deck is shown; install it, or name an installed font")


def _warn_fonts_not_found(ctx: Context) -> None:
    """A warning for each font text is measured in that has no font file here (a laptop without fontconfig
    whose font folders do not hold it): fit can only estimate its widths."""
    theme, frame = ctx.theme, ctx.frame
    families = {theme.font: "font", theme.font_cjk: "font_cjk", theme.font_mono: "font_mono"}
    if frame is not None:
        for lf in frame.layouts.values():
            families.setdefault(lf.title_font, "template")
            families.setdefault(lf.body_font, "template")
    for family, key in families.items():
        if font_file(family) is not None:
            continue
        twin = metric_twin(family)
        install = f"{family} (or its metric twin {twin})" if twin != family else family
        ctx.warn(theme.pos(key), f"theme.{key}",
                 f"no font file for '{family}' was found (no fontconfig here, and not in the system's font "
                 f"folders): its text is fitted by an estimate and may overflow; install {install}, or name an "
                 "installed font")
