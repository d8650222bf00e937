"""The title slide: the talk's title, subtitle, speaker, event and date."""

from __future__ import annotations

from .. import layout as L
from ..layout import Box
from ..text.fit import Para
from .context import Context
from .frame import LayoutFrame
from .spec import SlideSpec
from .titles import fit_title, title

#: The layout role the title slide is built on (see deck.template.LAYOUT_ROLES).
LAYOUT = "cover"
#: On a template's title slide the subtitle, speaker, event and date share the placeholders its designer
#: drew for a line or two: they may shrink this far (names and a date, read once while the speaker is
#: introduced) before they are warned about.
LINES_FLOOR = 12


#: When they would shrink below this size (and below the template's own) the title slide's lines take the free
#: space under their box, where there is some.
COMFORTABLE = 18


def room_below(lf: LayoutFrame, box: Box, height: int) -> Box:
    """``box`` grown down into the free space under it on ``lf`` (a slide ``height`` EMU high): to a gap above
    the first placeholder or drawing of the layout or master below it, else to the slide's lowest twelfth."""
    gap = height // 50
    bottom = height - height // 12
    for ob in [b for b in (lf.title, lf.footer, lf.number, lf.date, *lf.bodies) if b is not None and b != box]:
        if ob.x < box.x + box.w and box.x < ob.x + ob.w and ob.y >= box.y + box.h // 2:
            bottom = min(bottom, ob.y - gap)
    for ob in lf.forbidden:
        if ob.x < box.x + box.w and box.x < ob.x + ob.w and ob.y + ob.h > box.y + box.h:
            bottom = min(bottom, max(ob.y, box.y + box.h) - gap)
    return Box(box.x, box.y, box.w, max(box.h, bottom - box.y))


def cover_text(lf: LayoutFrame) -> Box:
    """Where a title slide's lines go: its subtitle placeholder, else its first body placeholder."""
    if lf.subtitle or lf.bodies:
        return lf.subtitle or lf.bodies[0]
    if lf.title is None:  # a title slide with no text placeholder at all: the built-in grid's place
        return L.COVER_DETAILS
    return lf.title.below(lf.title.h)  # a title-only title slide: a box of its height under it


def cover_slide(ctx: Context) -> SlideSpec:
    """The title slide, with notes that introduce the talk."""
    talk, m = ctx.talk, ctx.m
    details = [talk.speaker.name] + [x for x in (talk.event, talk.date and m.date(talk.date)) if x]
    cover = ctx.layout(LAYOUT)
    # Without a subtitle placeholder the subtitle takes the first body: the lines have the others.
    slots = (cover.bodies[1:] if talk.subtitle and cover.subtitle is None else cover.bodies) if cover else ()
    if cover is not None and slots and len(slots) >= len(details):
        # A title slide with a text placeholder for each line (speaker, event, date), as institutions'
        # often have: one line in each, the subtitle in the subtitle placeholder.
        texts = [title(ctx, talk.title, "title", talk.pos("title"), role=LAYOUT)]
        if talk.subtitle:
            texts.append(ctx.body([Para(talk.subtitle)], "subtitle", talk.pos("subtitle"), cover_text(cover),
                                  role="subtitle", layout=LAYOUT, floor=LINES_FLOOR))
        texts += [ctx.body([Para(x)], "speaker", talk.speaker.pos(), box, role="details", layout=LAYOUT,
                           floor=LINES_FLOOR) for x, box in zip(details, slots)]
    elif cover is not None:  # the layout's title and subtitle placeholders hold it all
        lines = ([Para(talk.subtitle)] if talk.subtitle else []) + [Para(x) for x in details]
        path, pos = ("subtitle", talk.pos("subtitle")) if talk.subtitle else ("speaker", talk.speaker.pos())
        box = cover_text(cover)
        warned = len(ctx.warnings)
        block = ctx.body(lines, path, pos, box, role="subtitle", layout=LAYOUT, floor=LINES_FLOOR, tighten=True)
        room = room_below(cover, box, ctx.frame.height if ctx.frame is not None else L.SLIDE_H)
        if block.size < min(COMFORTABLE, ctx.size("body_size", cover.body_size, LINES_FLOOR, 72)) and room.h > box.h:
            # A subtitle box drawn for one line: the lines go on down into the free space under it, from its
            # top, rather than shrink to a size read from the back of the room.
            del ctx.warnings[warned:]
            block = ctx.body(lines, path, pos, room, role="subtitle", layout=LAYOUT, floor=LINES_FLOOR,
                             tighten=True, anchor="top")
        texts = [title(ctx, talk.title, "title", talk.pos("title"), role=LAYOUT), block]
    else:
        texts = [fit_title(ctx, [Para(talk.title, bold=True)], L.COVER_TITLE, 44, ctx.theme.min_title_size,
                           "title", talk.pos("title"), align="center", anchor="bottom")]
        if talk.subtitle:
            texts.append(ctx.body([Para(talk.subtitle)], "subtitle", talk.pos("subtitle"), L.COVER_SUBTITLE,
                                  role="subtitle", align="center", color=ctx.theme.muted))
        texts.append(ctx.body([Para(x) for x in details], "speaker", talk.speaker.pos(), L.COVER_DETAILS,
                              role="details", align="center"))
    notes = m.sentences(
        m("notes_title_subtitle", title=talk.title, subtitle=talk.subtitle) if talk.subtitle
        else m("notes_title", title=talk.title),
        m("notes_speaker", name=talk.speaker.name),
        talk.event and m("notes_event", event=talk.event),
        talk.duration and m("notes_length", minutes=m.count("minutes_count", talk.duration),
                            parts=m.count("parts_count", len(talk.sections))))
    return SlideSpec("title", talk.title, 0, notes, LAYOUT, texts, path="title",
                     pos=talk.pos("title"))
