"""Right-to-left languages and complex scripts: which talks are written right to left, which
characters a deck draws with its complex-script font (``a:cs``), and where a Latin word inside
right-to-left text needs a bidirectional isolate to keep its order.

PowerPoint and LibreOffice draw Arabic, Hebrew, Thai, the Indic scripts and the
other "complex" scripts with the run's complex-script font, and, inside a
right-to-left run, its digits, spaces and punctuation too (LibreOffice 7.4,
measured: "45" and the spaces of an Arabic sentence come out in Noto Sans
Arabic). The Unicode bidirectional algorithm orders the runs of a paragraph
marked ``rtl``; a Latin word that ends in a neutral sign ("C++", "C#") would
show that sign on its wrong side ("++C"), so such a word is wrapped in
LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (U+2066, U+2069), which
LibreOffice and PowerPoint honour and draw as nothing.
"""

from __future__ import annotations

import re
import unicodedata

#: Languages written right to left (ISO 639 codes): Arabic, Hebrew, Persian, Urdu, Pashto, Sorani,
#: Sindhi, Uyghur, Yiddish, Dhivehi, Syriac.
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "ckb", "sd", "ug", "yi", "dv", "syr"})
#: Characters of the complex scripts a deck sets in its ``a:cs`` font: Hebrew, Arabic, Syriac,
#: Thaana, NKo, Samaritan, Mandaic and Arabic's extensions; the Indic scripts; Thai, Lao, Tibetan,
#: Myanmar; Khmer; Hebrew and Arabic presentation forms.
COMPLEX = re.compile("[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"
                     "\ufb1d-\ufdff\ufe70-\ufefe]")
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
#: Bidirectional controls and the word joiner: drawn as nothing, measured as nothing.
INVISIBLE = re.compile("[\u200e\u200f\u061c\u2060\u2066-\u2069]")


def is_rtl_tag(language: str) -> bool:
    """Whether a language tag names a language written right to left (``ar``, ``he-IL``, ``fa-IR``, ``ur``)."""
    parts = language.replace("_", "-").lower().split("-")
    if len(parts) > 1 and parts[1] in ("latn", "cyrl"):  # Azeri, Uzbek in Latin script: never
        return False
    return parts[0] in RTL_LANGUAGES or "arab" in parts[1:2] or "hebr" in parts[1:2]


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic and their relatives)."""
    return _STRONG_RTL.search(text) is not None


def first_strong_rtl(text: str) -> bool | None:
    """Whether ``text``'s first letter with a direction is right to left (True) or left to right (False), as
    a paragraph of it sets its own direction (Unicode's rules P2 and P3; HTML's ``dir="auto"``); None: none."""
    for ch in text:
        kind = _strong(ch)
        if kind != "N":
            return kind == "R"
    return None


def _strong(ch: str) -> str:
    """``L``, ``R`` or ``N`` (digits, signs, punctuation, spaces): the character's strong direction."""
    kind = unicodedata.bidirectional(ch)
    return "L" if kind == "L" else "R" if kind in ("R", "AL") else "N"


#: A stretch of a word (no spaces) without a right-to-left letter; ``isolate_ltr`` looks inside it.
_STRETCH = re.compile(r"[^\s\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]+")
#: What joins a right-to-left prefix to the word after it ("ו-C#", "ל'Python").
_PREFIX_JOINERS = "-‐'’"
#: What may close a sentence or clause after a word: it belongs to the sentence, not to the word.
_TRAILING = ".,;:!?،؛؟)]}»\"'”’"


def isolate_ltr(text: str) -> str:
    """``text`` (a paragraph of a right-to-left talk) with each Latin word that starts or ends in a
    neutral sign ("C++", "C#", ".NET", "#include") wrapped in LRI … PDI, so that it keeps its
    order among right-to-left words. Sentence punctuation after a word stays outside, with the
    sentence ("… Python." keeps its full stop at the sentence's end). A Latin word joined to a
    right-to-left prefix ("ו-C#", Hebrew's "and C#") is isolated from the letter after the prefix's
    hyphen: the prefix stays with the right-to-left text. Other text is returned as it is: the
    bidirectional algorithm orders plain words, numbers and dates right."""
    out: list[str] = []
    pos = 0
    for m in _STRETCH.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if start > 0 and not text[start - 1].isspace():  # after a prefix: its hyphen stays with it
            while start < end and text[start] in _PREFIX_JOINERS:
                start += 1
        core = text[start:end]
        kinds = [_strong(c) for c in core]
        if "L" not in kinds:
            continue
        if kinds[0] == "L" and (kinds[-1] == "L" or core[-1].isdigit()):
            continue
        if core.startswith(("(", "[", "{", "«", "“")):
            continue  # a bracketed or quoted word: the algorithm pairs brackets (rule N0)
        out += [text[pos:start], LRI, core, PDI]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def direction_stretches(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into stretches of one direction, each from a strong letter to the last strong letter of
    that direction before the other one starts, and the characters between them (spaces, signs):
    ``(stretch, True)`` and ``(between, False)`` in order. "أرشيف Wilson Center الرقمي" gives "أرشيف", " ",
    "Wilson Center", " ", "الرقمي": the pieces a link mixing directions is written in (see deck.text)."""
    kinds = [_strong(c) for c in text]
    strong = [k for k, kind in enumerate(kinds) if kind != "N"]
    if not strong:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = [(text[:strong[0]], False)] if strong[0] else []
    start = last = strong[0]
    for k in strong[1:]:
        if kinds[k] != kinds[start]:
            out.append((text[start:last + 1], True))
            if k > last + 1:
                out.append((text[last + 1:k], False))
            start = k
        last = k
    out.append((text[start:last + 1], True))
    if last + 1 < len(text):
        out.append((text[last + 1:], False))
    return out


def strip_invisible(text: str) -> str:
    """``text`` without bidirectional controls and word joiners (what a reader of the text sees)."""
    return INVISIBLE.sub("", text)
