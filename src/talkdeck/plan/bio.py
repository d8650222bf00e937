"""The speaker's slide: name, role, affiliations and bio, with their photo beside when there is one."""

from __future__ import annotations

from .. import layout as L
from ..text.fit import Para
from .context import Context, two_boxes
from .figure import picture
from .frame import free_area
from .prose import prose
from .spec import SlideSpec
from .titles import title

#: The layout role of the bio slide (on a template, a photo takes the two-content layout's second placeholder).
LAYOUT = "content"


def bio_slide(ctx: Context) -> SlideSpec:
    """The bio slide, with the speaker's notes (or a generated introduction)."""
    sp, m = ctx.talk.speaker, ctx.m
    lines = [Para(x, bold=True) for x in [sp.role] if x] + [Para(a) for a in sp.affiliations] + [Para(sp.bio)]
    role = "two" if sp.photo and ctx.frame is not None else LAYOUT
    lf = ctx.layout(role)
    # With a photo the text comes first, as a reader meets it: at the left, or at the right right to left.
    box = (ctx.mirror(L.BIO_TEXT) if sp.photo else L.BODY) if lf is None else (
        ctx.reading_order(two_boxes(lf, ctx.body_area(role, False)))[0] if sp.photo else ctx.body_area(role, False))
    texts = [title(ctx, sp.name, "speaker.name", sp.pos("name"), role=role),
             ctx.body(lines, "speaker.bio", sp.pos("bio"), box, layout=role)]
    who = m("speaker_role", name=sp.name, role=sp.role) if sp.role else sp.name
    if sp.affiliations:
        who = m("speaker_affiliations", who=who, affiliations=m.names(sp.affiliations))
    notes = prose(sp.notes, ctx.talk.language) or m("notes_about", who=who)
    spec = SlideSpec("bio", sp.name, 0, notes, role, texts, footer=ctx.footer(role), path="speaker", pos=sp.pos(),
                     said=prose(sp.notes, ctx.talk.language))
    if sp.photo and ctx.talk.base_dir:
        # Beside the text (at its left, right to left), clear of the master's logos and seals.
        photo_box = ctx.mirror(L.BIO_PHOTO) if lf is None else free_area(
            ctx.reading_order(two_boxes(lf, ctx.body_area(role, False)))[1], list(lf.forbidden))
        spec.figures.append(picture(photo_box, sp.photo_alt or m("portrait_alt", name=sp.name),
                                    (ctx.talk.base_dir / sp.photo).resolve()))
    return spec
