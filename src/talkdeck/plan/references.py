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
from ..text.fit import Para, fit_text

#: How far the lines after a work's first stand in, in points.
HANG_PT = 27.0


def reference_paras(references: list[str]) -> list[Para]:
    """One paragraph per work, hanging-indented, in the style's order."""
    return [Para(text, hang=HANG_PT) for text in references]


def paginate(paras: list[Para], box: Box, size: float, theme: Theme, language: str) -> tuple[list[list[Para]], bool]:
    """``paras`` cut into slides whose text fits ``box`` at ``size``, in order; and whether every slide fits
    (False only when a single work is longer than a whole slide)."""
    pages: list[list[Para]] = []
    page: list[Para] = []
    fits = True
    for para in paras:
        trial = page + [para]
        if fit_text(trial, box, size, size, theme.font, theme.font_cjk, theme.font_mono, language).fits:
            page = trial
            continue
        if page:
            pages.append(page)
        page = [para]
        fits = fits and fit_text(page, box, size, size, theme.font, theme.font_cjk, theme.font_mono, language).fits
    if page:
        pages.append(page)
    return pages, fits
