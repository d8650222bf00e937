"""No-break spaces where a line must not break: the space a French author types before
``; : ! ?`` and inside ``« »``, and the one between a number and ``%``.

French sets a space before the high punctuation and inside guillemets. Typed as
an ordinary space it is a place to break the line, so a title may end with its
``?`` alone on the next line (LibreOffice and PowerPoint break there, and so does
talkdeck's own measure). In a French talk every text a slide shows gets, in its
place, a narrow no-break space before ``; ! ?`` and a no-break space before
``:`` and inside ``« »`` (as the catalog's own ``Questions ?`` has); code spans
are left as typed.

In every language, a space typed between a number and ``%`` (``+624 %``, as Russian,
German and French write it) becomes a no-break space, so that a narrow table
column never starts a line with the ``%``; so does the space between a number and
its unit (``11,6 ct/kWh``, ``5 km``) and between a day and its month (``1. Juli
2022``, ``18 February``, ``February 18``: the month names of the talk's language
and English). (A number written against an East Asian unit, ``2019년``, ``13日``, is
held to it when the deck is written: :func:`talkdeck.text.script.join_units`.)
"""

from __future__ import annotations

import re

from ..model import Bullet, Talk

_CODE = re.compile(r"(`+).*?\1", re.S)
_BEFORE_NARROW = re.compile(r"[ \t]+(?=[;!?])")
_BEFORE_WIDE = re.compile(r"[ \t]+(?=[:»])")
_AFTER_OPENING = re.compile(r"(?<=«)[ \t]+")


_BEFORE_PERCENT = re.compile(r"(?<=\d)[ \t]+(?=[%‰٪])")
#: Units a number is not parted from: SI and its multiples, energy, data, money, and a few abbreviations.
_UNITS = ("km|m|cm|mm|µm|nm|kg|g|mg|t|Gt|Mt|kt|l|L|ml|h|min|s|ms|Hz|kHz|MHz|GHz|W|kW|MW|GW|TW|Wh|kWh|MWh|GWh|"
          "TWh|V|kV|A|mA|J|kJ|MJ|cal|kcal|Pa|hPa|kPa|bar|K|°C|°F|°|dB|B|kB|KB|MB|GB|TB|bit|px|pt|ha|ct|€|\\$|£|¥|₽|₹|"
          "ppm|ppb|mol|Mio\\.|Mrd\\.|Tsd\\.|bn|mn|mln|млн|млрд|тыс\\.|km²|m²|m³|km/h|m/s")
_BEFORE_UNIT = re.compile(rf"(?<=\d)[ \t]+(?=(?:{_UNITS})(?:/[\w°²³]+)?(?![\w²³]))")


def percent_spaces(text: str) -> str:
    """``text`` with a space between a number and ``%`` or ``‰`` made U+00A0 (code spans aside)."""
    return _outside_code(text, lambda part: _BEFORE_PERCENT.sub("\u00a0", part))


def keep_together(text: str, months: re.Pattern | None = None) -> str:
    """``text`` with a no-break space between a number and ``%`` or its unit and between a day and its
    month (``months``: a pattern of the language's month names); code spans are left as typed."""
    def change(part: str) -> str:
        part = _BEFORE_UNIT.sub("\u00a0", _BEFORE_PERCENT.sub("\u00a0", part))
        if months is not None:
            part = months.sub(lambda m: m.group().replace(" ", "\u00a0").replace("\t", "\u00a0"), part)
        return part
    return _outside_code(text, change)


def month_pattern(language: str) -> re.Pattern | None:
    """A pattern of a day and its month, either way round (``1. Juli``, ``18 février``, ``February 18``),
    with the month names (wide and abbreviated) of ``language`` and of English."""
    from babel import Locale, UnknownLocaleError

    names: set[str] = set()
    for tag in dict.fromkeys((language.split("-u-")[0], "en")):
        try:
            locale = Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names |= {n for n in locale.months[context][width].values() if n and not n[0].isdigit()}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b\d{{1,2}}\.?[ \t]+(?:{alternatives})(?!\w)|(?<!\w)(?:{alternatives})[ \t]+\d{{1,2}}\b")


def french_spaces(text: str) -> str:
    """``text`` with the spaces before ``; ! ?`` made U+202F and those before ``:`` and inside
    ``« »`` U+00A0; what is inside backticks (inline code) is kept as typed."""
    return _outside_code(text, _respace)


def _outside_code(text: str, change) -> str:
    """``text`` with ``change`` applied to all but its inline code spans."""
    out, pos = [], 0
    for m in _CODE.finditer(text):
        out += [change(text[pos:m.start()]), m.group()]
        pos = m.end()
    return "".join(out + [change(text[pos:])])


def _respace(text: str) -> str:
    text = _BEFORE_NARROW.sub("\u202f", text)
    text = _BEFORE_WIDE.sub("\u00a0", text)
    return _AFTER_OPENING.sub("\u00a0", text)


def apply_spacing(talk: Talk) -> None:
    """Set no-break spaces in place in every text a slide of ``talk`` shows: before ``%``
    (:func:`percent_spaces`), and French spacing (:func:`french_spaces`) if its language is
    French; speaker notes, code and chart categories stay as typed."""
    months = month_pattern(talk.language)
    french = talk.language.lower().split("-")[0] == "fr"

    def fix(text: str) -> str:
        return keep_together(french_spaces(text) if french else text, months)

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
