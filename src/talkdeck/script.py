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


def east_asian_language(segment: str) -> str:
    """zh-CN for Chinese characters alone; kana make it Japanese, hangul Korean."""
    if _KANA.search(segment):
        return "ja-JP"
    if _HANGUL.search(segment):
        return "ko-KR"
    return "zh-CN"


def runs_by_script(text: str, language: str) -> list[tuple[str, str]]:
    """Split ``text`` into (segment, language tag) runs: East Asian text gets its own tag,
    Cyrillic ru-RU, the rest the deck's ``language``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in EAST_ASIAN_RUN.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], language))
        out.append((m.group(), east_asian_language(m.group())))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], language))
    return [(seg, "ru-RU" if lang == language and _CYRILLIC.search(seg) else lang) for seg, lang in out]
