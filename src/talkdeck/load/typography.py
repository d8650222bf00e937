"""French spacing: the space a French author types before ``; : ! ?`` and inside ``« »`` made
one that does not break.

French sets a space before the high punctuation and inside guillemets. Typed as
an ordinary space it is a place to break the line, so a title may end with its
``?`` alone on the next line (LibreOffice and PowerPoint break there, and so does
talkdeck's own measure). In a French talk every text a slide shows gets, in its
place, a narrow no-break space before ``; ! ?`` and a no-break space before
``:`` and inside ``« »`` (as the catalog's own ``Questions ?`` has); code spans
are left as typed.
"""

from __future__ import annotations

import re

from ..model import Bullet, Talk

_CODE = re.compile(r"(`+).*?\1", re.S)
_BEFORE_NARROW = re.compile(r"[ \t]+(?=[;!?])")
_BEFORE_WIDE = re.compile(r"[ \t]+(?=[:»])")
_AFTER_OPENING = re.compile(r"(?<=«)[ \t]+")


def french_spaces(text: str) -> str:
    """``text`` with the spaces before ``; ! ?`` made U+202F and those before ``:`` and inside
    ``« »`` U+00A0; what is inside backticks (inline code) is kept as typed."""
    out, pos = [], 0
    for m in _CODE.finditer(text):
        out += [_respace(text[pos:m.start()]), m.group()]
        pos = m.end()
    return "".join(out + [_respace(text[pos:])])


def _respace(text: str) -> str:
    text = _BEFORE_NARROW.sub("\u202f", text)
    text = _BEFORE_WIDE.sub("\u00a0", text)
    return _AFTER_OPENING.sub("\u00a0", text)


def apply_french_spacing(talk: Talk) -> None:
    """Set French spacing (:func:`french_spaces`) in place in every text a slide of ``talk``
    shows, if its language is French; speaker notes, code and chart categories stay as typed."""
    if talk.language.lower().split("-")[0] != "fr":
        return
    fix = french_spaces

    def opt(text: str | None) -> str | None:
        return None if text is None else fix(text)

    def bullets(points: list[Bullet] | None) -> None:
        for b in points or []:
            b.text = fix(b.text)
            b.term = opt(b.term)
            bullets(b.children)

    talk.title, talk.subtitle, talk.event, talk.footer = (fix(talk.title), opt(talk.subtitle), opt(talk.event),
                                                          opt(talk.footer))
    sp = talk.speaker
    sp.role, sp.bio, sp.affiliations = opt(sp.role), fix(sp.bio), [fix(a) for a in sp.affiliations]
    for section in talk.sections:
        section.title, section.summary = fix(section.title), opt(section.summary)
    for slide in talk.all_slides():
        for key in ("title", "source", "caption", "quote", "by", "statement"):
            setattr(slide, key, opt(getattr(slide, key)))
        bullets(slide.bullets)
        if slide.table is not None:
            slide.table = [[fix(cell) for cell in row] for row in slide.table]
        for column in slide.columns or []:
            column.heading = opt(column.heading)
            bullets(column.bullets)
    talk.closing.title, talk.closing.text = opt(talk.closing.title), opt(talk.closing.text)
    for chart in talk.charts.values():
        chart.title, chart.source, chart.unit = fix(chart.title), fix(chart.source), opt(chart.unit)
