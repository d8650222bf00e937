"""The closing slide: the talk's ``closing`` title and text (by default "Questions?" and who spoke)."""

from __future__ import annotations

from .. import layout as L
from ..text.fit import Para
from .context import Context
from .cover import cover_text
from .prose import prose
from .spec import SlideSpec
from .titles import fit_title, title

#: The layout role the closing slide is built on: the template's closing layout, else its title slide's (deck.roles).
LAYOUT = "closing"


def closing_slide(ctx: Context) -> SlideSpec:
    """The last slide, with the speaker's closing notes (or a generated line)."""
    c, talk = ctx.talk.closing, ctx.talk
    heading = c.title or ctx.m("closing_title")
    details = [Para(c.text)] if c.text else [Para(f"{talk.speaker.name} · {talk.title}")]
    cover = ctx.layout(LAYOUT)
    if cover is not None:
        texts = [title(ctx, heading, "closing.title", c.pos("title"), role=LAYOUT),
                 ctx.body(details, "closing", c.pos(), cover_text(cover), role="subtitle", layout=LAYOUT)]
    else:
        texts = [fit_title(ctx, [Para(heading, bold=True)], L.COVER_TITLE, 44, ctx.theme.min_title_size,
                           "closing.title", c.pos("title"), align="center", anchor="bottom"),
                 ctx.body(details, "closing", c.pos(), L.COVER_DETAILS, role="details", align="center")]
    notes = prose(c.notes, ctx.talk.language) or ctx.m("notes_closing")
    return SlideSpec("closing", heading, 0, notes, LAYOUT, texts, path="closing", pos=c.pos(),
                     said=prose(c.notes, ctx.talk.language))
