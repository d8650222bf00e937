"""Which numbers on a slide are quantities that need a source.

A quantity says how much or how many of something in the world: a share (45%),
money (US$300 million), a count of things (25 collieries, 5,092 experts), a
measure (1,000 km), a figure with thousands separators or decimals. Those are
claims an audience may ask about, so a slide that shows one should say where it
comes from.

Not quantities: years, periods and dates (1953–57, 15 May 1953, the 1950s),
times of day; labels, ordinals and citations (Point number 1, Step 2, p. 297,
vol. 1, Article 3, #4, the 2nd, [12], (13)); names and identifiers (the "156 Projects", Apollo 11,
COVID-19, CO2, 5G, Python 3.11); numbers inside file names, paths and links
(stripes_2024.png); a single digit with nothing to count (2 parts, 3 reasons);
and a round figure marked ``~`` or ``≈`` with a unit of measure (~1,000 km),
which gives a sense of scale rather than a finding.

The rules are heuristics, measured on a labelled corpus in tests/test_quantities.py.
"""

from __future__ import annotations

import re

from ..text.script import EAST_ASIAN

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_MONTH = r"(?:" + "|".join(_MONTHS) + r")[a-z]*\.?"
#: Words after which a number is a label: Point number 1, Step 2, p. 297, vol. 1, Article 3.
_LABELS = {
    "number", "no", "no.", "nr", "nr.", "#", "step", "steps", "phase", "part", "parts", "chapter", "chapters",
    "section", "sections", "slide", "slides", "page", "pages", "p", "p.", "pp", "pp.", "vol", "vol.", "volume",
    "volumes", "article", "articles", "art.", "figure", "fig", "fig.", "table", "item", "items", "point",
    "question", "round", "level", "grade", "version", "v", "room", "line", "lines", "route", "row", "column",
    "act", "scene", "episode", "season", "lesson", "exercise", "problem", "case", "option", "type", "class",
    "stage", "tier", "week", "day", "hour", "verse", "paragraph", "para", "para.", "appendix", "box", "model",
    "plan", "batch", "wave", "group", "team", "lot", "platform", "gate", "floor", "term", "year", "rule", "law", "principle", "lecture", "session", "unit", "module", "task", "goal", "sdg", "top",
}
_CURRENCY = re.compile(r"(?:US\$|A\$|C\$|HK\$|\$|€|£|¥|₹|₽|(?:USD|EUR|GBP|CNY|RMB|JPY|AUD)\s?)$")
_MAGNITUDE = {"hundred", "thousand", "million", "millions", "billion", "billions", "trillion", "bn", "mn", "m",
              "k", "crore", "lakh", "percent", "per", "pc"}
#: Units of measure (lower case), also written straight after the digits (10km).
_UNITS = {
    "km", "m", "cm", "mm", "mi", "miles", "mile", "ft", "feet", "kg", "g", "t", "tonnes", "tons", "tonne", "mt",
    "gt", "lb", "lbs", "kw", "mw", "gw", "kwh", "mwh", "gwh", "twh", "w", "v", "l", "ml", "litres", "liters",
    "ha", "hectares", "acres", "km²", "m²", "km2", "m2", "°c", "°f", "°", "c", "k", "ppm", "ppb", "db", "hz", "mhz",
    "ghz", "gb", "mb", "tb", "kb", "h", "hrs", "hours", "min", "minutes", "s", "seconds", "years", "days",
    "weeks", "months", "kilometres", "kilometers", "metres", "meters", "roubles", "rubles", "yuan", "dollars",
    "euros", "pounds", "yen", "calories", "kcal", "bpm", "mph", "km/h", "x", "×",
}
#: Physical units: with ~ or ≈ in front, a sense of scale rather than a finding.
_MEASURES = {"km", "m", "cm", "mm", "mi", "miles", "mile", "ft", "feet", "kg", "g", "t", "tonnes", "tons", "ha",
             "hectares", "acres", "km²", "m²", "km2", "m2", "h", "hrs", "hours", "min", "minutes", "s", "seconds",
             "years", "days", "weeks", "months", "kilometres", "kilometers", "metres", "meters", "°c", "°f", "°",
             "mph", "km/h", "kw", "mw", "gw", "l", "litres", "liters"}
#: Words that start a sentence before a number without naming anything ("Of 91 agreed", "Some 300").
_FUNCTION_WORDS = {
    "of", "in", "from", "over", "some", "around", "about", "only", "the", "a", "an", "to", "by", "with", "for",
    "at", "on", "up", "down", "nearly", "almost", "under", "just", "all", "each", "every", "and", "but", "or",
    "than", "roughly", "approximately", "more", "less", "fewer", "at least", "at most", "still", "since", "after",
    "before", "until", "between", "among", "within", "per", "exactly", "another", "its", "their",
}
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)
#: What makes a number before it a date or a time in Chinese, Japanese and Korean (1950年, 3月, 18日, 10时).
_EAST_ASIAN_DATE = "年月日时時点點分秒년월일시"
_NUMBER = re.compile(r"(?P<num>\d(?:[\d,.]*\d)?)(?P<range>\s?[–—-]\s?\d(?:[\d,.]*\d)?)?")
#: A whitespace-delimited word that is a file name, a path or a link: its digits are not quantities.
_FILEISH = re.compile(r"(?:://|www\.|[\w-]\.[A-Za-z][A-Za-z0-9]{1,4}\b|[/\\_@])")


def quantities(text: str) -> list[str]:
    """The quantities in ``text`` that need a source, as written (``['45%', '5,092']``)."""
    found = []
    for m in _NUMBER.finditer(text):
        if _is_quantity(text, m):
            found.append(m.group(0))
    return found


def _word_around(text: str, start: int, end: int) -> str:
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    return text[left:right if right >= 0 else len(text)]


def _is_quantity(text: str, m: re.Match) -> bool:
    num, start, end = m.group("num"), m.start(), m.end()
    before, after = text[:start], text[end:]
    word_before = re.search(r"([^\s\"'“”‘’(\[]+)[\"'“”‘’(\[]*\s*$", before)
    prev = word_before.group(1).lower() if word_before else ""
    next_word = re.match(r"\s*([^\s,;:.!?)\]\"”’]+)", after)
    following = next_word.group(1) if next_word else ""
    letters = re.match(r"[^\s,;:!?)\]\"”’]*", after)
    attached = letters.group(0) if letters else ""  # letters straight after the digits
    last = before[-1:]
    if attached and EAST_ASIAN.match(attached):
        if attached[0] in _EAST_ASIAN_DATE:
            return False  # 1950年, 3月18日, 10时: dates and times
        attached = ""  # a counter or a noun (150项, 5,092名专家): Chinese sets no space after the number
    if last and not EAST_ASIAN.match(last) and (last.isalpha() or last in "_./\\#" or
                                                last == "-" and before[-2:-1].isalnum()):
        return False  # part of a word or a code: CO2, v2, G20, COVID-19, figure-3 (增长约72% is no code)
    if _FILEISH.search(_word_around(text, start, end)):
        return False
    if attached and not attached.startswith("%"):
        unit = attached.lower().rstrip(".")
        if _ORDINAL.match(attached):
            return False  # the 2nd, 19th century
        if len(attached) == 1 and attached.isupper() or \
                unit not in _UNITS and unit.split("/")[0] not in _UNITS and unit not in _MAGNITUDE:
            return False  # 5G, 3D: codes (a unit of one letter is lower case: 5g, 10m)
    share = attached.startswith("%") or re.match(r"\s*(?:per\s?cent|percent|pc)\b", after, re.I) is not None
    money = _CURRENCY.search(before.rstrip()) is not None or _CURRENCY.search(before) is not None
    unit = (attached or following).lower().rstrip(".")
    measure = unit in _UNITS or following.lower() in _MAGNITUDE
    if re.search(r"[~≈]\s*$|\b(?:c\.|ca\.)\s*$", before) and unit in _MEASURES and not share:
        return False  # ~1,000 km: a sense of scale
    if re.search(r"\d:\s*$", before) or re.match(r":\d\d", after) or re.match(r"\s?(?:am|pm|a\.m\.|p\.m\.)\b", after, re.I):
        return False  # a time of day
    if share or money:
        return True
    if re.search(r"[(\[]$", before) and re.match(r"[)\]]", after):
        return False  # (13), [12]: an item's number or a citation
    if prev in _LABELS or prev.rstrip(".") in _LABELS or before.rstrip().endswith("#"):
        return False
    if _is_date(before, after, num):
        return False
    if re.fullmatch(r"\d{4}", num) and 1000 <= int(num) <= 2100 and not measure:
        return False  # a year (and 1953–57, the 1950s)
    if re.match(r"s\b", attached):
        return False
    if num.count(".") > 1 or (prev[:1].isupper() if word_before else False) and "." in num:
        return False  # 3.11.2, Python 3.11
    if _names_something(before, following, word_before):
        return False
    if measure:
        return True
    if "," in num and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", num):
        return True  # 5,092
    if "." in num:
        return True  # 3.5
    return len(num) >= 2  # 25 collieries; a lone digit counts nothing worth a source


def _is_date(before: str, after: str, num: str) -> bool:
    if not (num.isdigit() and len(num) <= 2 and 1 <= int(num) <= 31):  # 5,000 digits: int() refuses them
        return False
    return re.match(rf"\s*(?:of\s+)?{_MONTH}\b", after, re.I) is not None or \
        re.search(rf"\b{_MONTH}\s*$", before, re.I) is not None


def _names_something(before: str, following: str, word_before: re.Match | None) -> bool:
    """The "156 Projects", Apollo 11, Boeing 747: a number inside a name."""
    quoted = re.search(r"[\"“‘']\s*$", before) is not None and following[:1].isupper()
    inside_name = following[:1].isupper() and before.strip() != "" and not re.search(r"[.!?:]\s*$", before)
    name = word_before.group(1) if word_before else ""
    after_name = name[:1].isupper() and name.lower() not in _FUNCTION_WORDS \
        and not re.search(r"[.!?:;,]\s*$", before)
    return quoted or inside_name or after_name


def needs_source(texts: list[str]) -> bool:
    """Whether any of ``texts`` shows a quantity that needs a source."""
    return any(quantities(t) for t in texts)
