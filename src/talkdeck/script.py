"""Which writing system a piece of text is in: one definition for measuring, tagging and timing."""

from __future__ import annotations

import re

#: One East Asian character (CJK ideographs, kana, hangul, full-width forms and punctuation):
#: measured with the CJK font, breakable between any two, tagged with an East Asian language.
EAST_ASIAN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
EAST_ASIAN_RUN = re.compile(EAST_ASIAN.pattern + "+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


#: Punctuation that East Asian text shares with Latin text (quotes, dashes, ellipsis): in a
#: Chinese, Japanese or Korean talk it belongs to the East Asian text and its font. (The
#: middle dot is left out: talkdeck puts it between items with spaces, " · ".)
_SHARED_PUNCTUATION = "\u201c\u201d\u2018\u2019\u2014\u2015\u2026"
_EAST_ASIAN_TALK_RUN = re.compile(f"(?:{EAST_ASIAN.pattern}|[{_SHARED_PUNCTUATION}])+")


def draws_east_asian(segment: str) -> bool:
    """Whether a run of text is East Asian characters and shared punctuation only: drawn
    with the East Asian font even where a renderer would take the punctuation as Latin
    (LibreOffice does at a paragraph's start, so "——" would show as two spaced dashes)."""
    return _EAST_ASIAN_TALK_RUN.fullmatch(segment) is not None


def is_east_asian_tag(language: str) -> bool:
    """Whether a language tag is Chinese, Japanese or Korean."""
    return language.lower().split("-")[0] in ("zh", "ja", "ko")


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
    out: list[tuple[str, str]] = []
    pos = 0
    pattern = _EAST_ASIAN_TALK_RUN if is_east_asian_tag(language) else EAST_ASIAN_RUN
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], language))
        out.append((m.group(), east_asian_language(m.group(), language)))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], language))
    return [(seg, "ru-RU" if lang == language and _CYRILLIC.search(seg) else lang) for seg, lang in out]
