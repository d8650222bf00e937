"""The agenda: the talk's parts, numbered, with their minutes."""

from __future__ import annotations

from ..text.fit import Para
from .context import Context
from .spec import SlideSpec
from .titles import title

#: The layout role the agenda is built on.
LAYOUT = "content"


def agenda_slide(ctx: Context) -> SlideSpec:
    """The agenda slide, with notes that walk through the parts."""
    m, sections = ctx.m, ctx.talk.sections
    paras = [Para(m("agenda_item_minutes", number=i + 1, title=s.title, minutes=s.minutes) if s.minutes
                  else m("agenda_item", number=i + 1, title=s.title)) for i, s in enumerate(sections)]
    notes = m.sentences(m("notes_agenda"), *(
        m("notes_agenda_part_minutes", number=i + 1, title=s.title, minutes=m.count("minutes_count", s.minutes))
        if s.minutes else m("notes_agenda_part", number=i + 1, title=s.title)
        for i, s in enumerate(sections)))
    heading = m("agenda")
    pos = ctx.talk.pos("sections")
    # A long agenda (a lecture of a dozen parts) sets its lines without the space between points.
    body = ctx.body(paras, "sections", pos, ctx.body_area(LAYOUT, False), tighten=True)
    texts = [title(ctx, heading, "sections", pos), body]
    return SlideSpec("agenda", heading, 0, notes, LAYOUT, texts, footer=ctx.footer(LAYOUT), path="sections",
                     pos=ctx.talk.pos("sections"))
