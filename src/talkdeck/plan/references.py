"""The References slides: the works a talk cites, after its last section, over as many slides as they need.

Each work is one paragraph with a hanging indent, set at the body text's floor
(``min_body_size``, 18 pt by default), and the list is cut into slides by
measuring (:func:`talkdeck.text.fit.fit_text`): a work goes on the slide
being filled while that slide still fits, else it starts the next, so nothing
runs off a slide. The text of each work comes formatted from the loader
(:mod:`talkdeck.load.bibliography`) in the talk's citation style.
"""

from __future__ import annotations

from ..layout import Box
from ..model import Theme
from ..text.bidi import first_strong_rtl
from ..text.fit import Para, fit_text
from .context import Context
from .spec import SlideSpec, TextBlock
from .titles import title

#: How far the lines after a work's first stand in, in points.
HANG_PT = 27.0
#: The layout role the References slides are built on.
LAYOUT = "content"


def references_slides(ctx: Context) -> list[SlideSpec]:
    """The References slides of a talk that cites works (none for one that does not): "References", then
    "References (2/3)" and so on when the list takes several slides."""
    talk = ctx.talk
    if not talk.references:
        return []
    lf = ctx.layout(LAYOUT)
    box = ctx.body_area(LAYOUT, False)
    size = float(talk.theme.min_body_size)
    style = {} if lf is None else {"align": None, "anchor": None, "font": ctx.said("font", lf.body_font)}
    font = style.get("font") or talk.theme.font
    pages, fits = paginate(reference_paras(talk.references), box, size, talk.theme, talk.language, font)
    pos = talk.pos("bibliography")
    if not fits:
        ctx.warn(pos, "bibliography", f"a work's reference is longer than a whole slide even at {size:g} pt; "
                 "shorten its entry (its notes or abstract, say)")
    specs = []
    for k, page in enumerate(pages, 1):
        heading = ctx.m("references") if len(pages) == 1 else ctx.m("references_part", number=k, total=len(pages))
        done = fit_text(page, box, size, size, font, talk.theme.font_cjk, talk.theme.font_mono, talk.language)
        body = TextBlock("body", page, box, size, done.fits, floor=size, **style)
        texts = [title(ctx, heading, "bibliography", pos, role=LAYOUT), body]
        specs.append(SlideSpec("references", heading, 0, ctx.m("notes_references"), LAYOUT, texts,
                               footer=ctx.footer(LAYOUT), path="bibliography", pos=pos))
    return specs


def reference_paras(references: list[str]) -> list[Para]:
    """One paragraph per work, hanging-indented, in the style's order, each in the direction of its own first
    letter: a Hebrew work right to left and an English one left to right, in a talk of either language."""
    return [Para(text, hang=HANG_PT, rtl=first_strong_rtl(text)) for text in references]


def paginate(paras: list[Para], box: Box, size: float, theme: Theme, language: str, font: str | None = None
             ) -> tuple[list[list[Para]], bool]:
    """``paras`` cut into slides whose text fits ``box`` at ``size`` in ``font`` (the theme's by default), in
    order; and whether every slide fits (False only when a single work is longer than a whole slide)."""
    family = font or theme.font
    pages: list[list[Para]] = []
    page: list[Para] = []
    fits = True
    for para in paras:
        trial = page + [para]
        if fit_text(trial, box, size, size, family, theme.font_cjk, theme.font_mono, language).fits:
            page = trial
            continue
        if page:
            pages.append(page)
        page = [para]
        fits = fits and fit_text(page, box, size, size, family, theme.font_cjk, theme.font_mono, language).fits
    if page:
        pages.append(page)
    return pages, fits
