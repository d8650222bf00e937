"""Which writing system a piece of text is in: one definition for measuring, tagging and timing.

East Asian characters are those Unicode gives a wide, full-width or half-width
East Asian Width (``unicodedata.east_asian_width``: W, F, H), emoji aside: they
are measured with the CJK font, a line may break between any two, and they are
tagged with an East Asian language.

Punctuation of the *ambiguous* class (“ ” ‘ ’ … — ※) has no script of its own.
LibreOffice draws it with the script of the strong character before it (after
it, at the start of a text), so inside Chinese it is set full-width in the East
Asian font and beside Latin narrow in the Latin one (measured with LibreOffice
7.4 and pypdfium2; Latin-1's ambiguous signs, · ° ×, stay Latin there). The
East Asian runs found here take it in, so that it is measured as drawn and
tagged like its neighbours (PowerPoint picks the East Asian font by the tag).
"""

from __future__ import annotations

import re
import unicodedata

from . import unicode_table


def scan_ranges() -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Inclusive code-point ranges, from Python's Unicode data, of East Asian characters and of weak ones
    (to U+1FFFF): every code point is read, about 35 ms, so :mod:`talkdeck.text.unicode_table` keeps the result."""
    wide: list[list[int]] = []
    weak: list[list[int]] = []

    def add(ranges: list[list[int]], cp: int) -> None:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])

    for cp in range(0x20000):
        if 0xD800 <= cp <= 0xDFFF or 0x1F000 <= cp <= 0x1FAFF:  # surrogates; emoji and pictographs
            continue
        if 0x2300 <= cp <= 0x2BFF and unicodedata.category(chr(cp)) == "So":
            # Emoji of the symbol blocks (⌚ ☔ ✅): wide in Unicode, but drawn by an emoji font
            continue
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":  # unassigned (Python calls them wide)
            continue
        width = unicodedata.east_asian_width(ch)
        if width in ("W", "F", "H"):
            add(wide, cp)
        elif width == "A" and cp >= 0x2000 and unicodedata.category(ch)[0] in "PS":
            add(weak, cp)
    return [(a, b) for a, b in wide], [(a, b) for a, b in weak]


def _classes() -> tuple[str, str]:
    """Regex class bodies of East Asian characters and of weak ones: from the stored table when it is of
    this Python's Unicode version, else from a scan."""
    if unicode_table.UNICODE_VERSION == unicodedata.unidata_version:
        wide, weak = list(unicode_table.WIDE), list(unicode_table.WEAK)
    else:
        wide, weak = scan_ranges()

    def body(ranges) -> str:
        return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)

    return body(wide) + "\U00020000-\U0003FFFD", body(weak)  # planes 2 and 3 are wide throughout


#: The Unicode version the classes below come from.
UNICODE_VERSION = unicodedata.unidata_version
_WIDE, _WEAK = _classes()
#: The regex class body of East Asian characters, for patterns built elsewhere (``[^\s{EAST_ASIAN_CLASS}]``).
EAST_ASIAN_CLASS = _WIDE
#: One East Asian character (wide, full-width or half-width in Unicode's East Asian Width).
EAST_ASIAN = re.compile(f"[{_WIDE}]")
#: One character that is neither East Asian nor white space.
NOT_EAST_ASIAN = re.compile(rf"[^\s{_WIDE}]")
#: Ambiguous-width punctuation and symbols, which take the script of the text around them.
WEAK = re.compile(f"[{_WEAK}]")
#: A run of East Asian text: East Asian characters, with the weak punctuation (and the
#: spaces before it) that follows them, or that opens the text before them.
EAST_ASIAN_RUN = re.compile(rf"(?:^{WEAK.pattern}+)?{EAST_ASIAN.pattern}(?:{EAST_ASIAN.pattern}|\s*{WEAK.pattern})*")

_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\uffa0-\uffdc]")
#: One Hangul letter or syllable: Korean words are written with spaces between them and wrap at those.
HANGUL = _HANGUL
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


#: Punctuation that East Asian text shares with Latin text (quotes, dashes, ellipsis): in a
#: Chinese, Japanese or Korean talk it belongs to the East Asian text and its font wherever it
#: stands. (The middle dot is left out: talkdeck puts it between items with spaces, " · ".)
_SHARED_PUNCTUATION = "\u201c\u201d\u2018\u2019\u2014\u2015\u2026"
_EAST_ASIAN_TALK = f"(?:{EAST_ASIAN.pattern}|[{_SHARED_PUNCTUATION}])"
_EAST_ASIAN_TALK_RUN = re.compile(f"{_EAST_ASIAN_TALK}+")
#: East Asian runs of an East Asian talk: the shared punctuation on its own too.
_EAST_ASIAN_TALK_RUN_IN_CONTEXT = re.compile(
    rf"(?:^{WEAK.pattern}+)?{_EAST_ASIAN_TALK}(?:{_EAST_ASIAN_TALK}|\s*{WEAK.pattern})*")


def is_east_asian_tag(language: str) -> bool:
    """Whether a language tag is Chinese, Japanese or Korean."""
    return language.lower().split("-")[0] in ("zh", "ja", "ko")


def east_asian_runs(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of each East Asian run of ``text``, ambiguous punctuation taken in as drawn.

    A weak character after a space after East Asian text still belongs to it
    (LibreOffice looks past the space to the last strong character). In a talk
    whose ``language`` is Chinese, Japanese or Korean, the shared punctuation is
    East Asian wherever it stands (the deck gives it the East Asian font).
    """
    pattern = _EAST_ASIAN_TALK_RUN_IN_CONTEXT if is_east_asian_tag(language) else EAST_ASIAN_RUN
    return [m.span() for m in pattern.finditer(text)]


def draws_east_asian(segment: str) -> bool:
    """Whether a run of text is East Asian characters and shared punctuation only: drawn
    with the East Asian font even where a renderer would take the punctuation as Latin
    (LibreOffice does at a paragraph's start, so "——" would show as two spaced dashes)."""
    return _EAST_ASIAN_TALK_RUN.fullmatch(segment) is not None


def east_asian_language(segment: str, language: str = "") -> str:
    """The tag of an East Asian segment: kana make it Japanese, hangul Korean; Chinese
    characters alone are the talk's own East Asian ``language`` (zh-TW, ja) or else zh-CN."""
    if _KANA.search(segment):
        return "ja-JP"
    if _HANGUL.search(segment):
        return "ko-KR"
    return language if is_east_asian_tag(language) and not language.lower().startswith("ko") else "zh-CN"


def runs_by_script(text: str, language: str) -> list[tuple[str, str]]:
    """Split ``text`` into (segment, language tag) runs: East Asian text gets its own tag,
    Cyrillic ru-RU, the rest the deck's ``language``. In an East Asian talk the shared
    punctuation (“ ” — …) goes with the East Asian text."""
    return [(text[a:z], lang) for a, z, lang in script_spans(text, language)]


def script_spans(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, language tag) of the runs :func:`runs_by_script` splits ``text`` into."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in east_asian_runs(text, language):
        if start > pos:
            out.append((pos, start, language))
        out.append((start, end, east_asian_language(text[start:end], language)))
        pos = end
    if pos < len(text):
        out.append((pos, len(text), language))
    return [(a, z, "ru-RU" if lang == language and _CYRILLIC.search(text, a, z) else lang) for a, z, lang in out]


#: Characters a line may not start with (closing punctuation) or end with (opening), as line
#: breaking in LibreOffice and PowerPoint keeps them with their neighbour.
NO_BREAK_BEFORE = re.compile(r"[)\]}’”…、。，．：；！？）］｝」』】》〉〕〗〙〛・ー]")
NO_BREAK_AFTER = re.compile(r"[(\[{‘“（［｛「『【《〈〔〖〘〚]")


def _ideographic(ch: str) -> bool:
    """Whether ``ch`` is East Asian (wide, full-width or half-width) and not Hangul."""
    return bool(ch) and EAST_ASIAN.match(ch) is not None and _HANGUL.match(ch) is None


def join_folded(before: str, after: str, language: str = "") -> str:
    """Two lines of a text joined where a line break was folded: with a space, as YAML joins them, but with
    none between two Chinese or Japanese characters, nor, in a Chinese or Japanese ``language``, where
    either side is one (Japanese sets "JR東海" with no space; Korean writes spaces between words)."""
    a, b = before[-1:], after[:1]
    joined = _ideographic(a) and _ideographic(b)
    if not joined and is_east_asian_tag(language) and not language.lower().startswith("ko"):
        joined = (_ideographic(a) or _ideographic(b)) and not (a.isspace() or b.isspace())
    return before + after if joined else before + " " + after


#: A digit right before an East Asian letter (its punctuation aside: "2019년", "13日", "1400万人").
_NUMBER_BEFORE_UNIT = re.compile(
    rf"(?<=\d)(?=(?![\u3000-\u303f\uff00-\uff0f\uff1a-\uff20])[{_WIDE}])")
WORD_JOINER = "\u2060"


def join_units(text: str) -> str:
    """``text`` with a word joiner (U+2060, drawn as nothing) between a number and the East Asian unit written
    against it, so that no line breaks between them (LibreOffice would break "2019 / 년", "13 / 日").
    talkdeck's measure keeps them together by itself (:mod:`talkdeck.text.fit`)."""
    return _NUMBER_BEFORE_UNIT.sub(WORD_JOINER, text)


def upper(text: str, language: str = "") -> str:
    """``text`` in capitals as its ``language`` writes them: "ß" as "SS" (Python's rule), Turkish and Azeri
    dotted "i" as "İ" and dotless "ı" as "I", Greek capitals without their accents."""
    lang = language.lower().split("-")[0]
    if lang in ("tr", "az"):
        text = text.replace("i", "İ")
    out = text.upper()
    if lang == "el":
        out = "".join(ch for ch in unicodedata.normalize("NFD", out) if ch not in "\u0301\u0342")
        out = unicodedata.normalize("NFC", out)
    return out


def upper_para(para, language: str = ""):
    """``para`` (a :class:`~talkdeck.text.fit.Para`) with each run in capitals by :func:`upper`; code stays."""
    from dataclasses import replace

    return replace(para, runs=tuple(r if r.code else replace(r, text=upper(r.text, language)) for r in para.runs))


def needs_own_capitals(text: str, language: str = "") -> bool:
    """Whether a renderer's all-caps (``cap="all"``) would draw ``text`` otherwise than :func:`upper`: it keeps
    "ß" (LibreOffice 7.4 draws "MAßNAHMEN") and may miss Turkish "İ" and Greek capitals without accents.
    Such text is written in capitals; any other is left as typed, for screen readers and editing."""
    return "ß" in text or language.lower().split("-")[0] in ("tr", "az", "el")
