"""A section's divider: its title, "Part n of N" and its summary; on the built-in design, capitals on the accent."""

from __future__ import annotations

from .. import layout as L
from ..model import Section
from ..text.color import large_text_on
from ..text.fit import Para
from .context import Context
from .prose import prose
from .spec import SlideSpec
from .titles import slide_title, title

#: The layout role dividers are built on.
LAYOUT = "section"


def divider_slide(ctx: Context, i: int, section: Section) -> SlideSpec:
    """The divider before section ``i``, with the section's notes (or notes that announce it)."""
    n, m = len(ctx.talk.sections), ctx.m
    lf = ctx.layout(LAYOUT)
    texts = [title(ctx, section.title, f"{section.path}.title", section.pos("title"), L.DIVIDER_TITLE,
                   role=LAYOUT, **({"caps": True} if lf is None else {}))]
    body = [Para(m("part_of", number=i + 1, total=n))] + ([Para(section.summary)] if section.summary else [])
    if lf is None:  # the built-in divider: capitals on the accent colour, white unless it cannot be read
        texts[0].color = large_text_on(ctx.theme.accent)
        texts.append(ctx.body(body, section.path, section.pos(), L.DIVIDER_BODY, color=texts[0].color))
    else:  # the template's section header, as designed
        texts.append(ctx.body(body, section.path, section.pos(), ctx.body_area(LAYOUT, False), layout=LAYOUT))
    titles = m.join((slide_title(ctx, s) for s in section.slides), "group_separator")
    notes = prose(section.notes, ctx.talk.language) or m.sentences(
        m("notes_part", number=i + 1, total=n, title=section.title),
        section.summary and m("notes_covers", summary=section.summary.rstrip(".。")),
        section.minutes and m("notes_budget", minutes=m.count("minutes_count", section.minutes)),
        m("notes_slides", titles=titles))
    return SlideSpec("divider", section.title, 0, notes, LAYOUT, texts, section=i,
                     path=section.path, pos=section.pos(), background=ctx.theme.accent if lf is None else None,
                     said=prose(section.notes, ctx.talk.language))
