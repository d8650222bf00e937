"""Names in BibTeX: a list split at ``and``, each name split the BibTeX way into CSL's parts.

``First von Last``, ``von Last, First`` and ``von Last, Jr, First``; the ``von``
part is the words that start in lower case (a dropping particle, as pandoc
reads it); a name wholly in braces is a literal (``{World Bank}``).
"""

from __future__ import annotations

import re

from .latex import closing, latex_text


def split_names(value: str) -> list[str]:
    """The names of a BibTeX name list: split at ``and`` outside braces."""
    names, depth, start = [], 0, 0
    i = 0
    while i < len(value):
        ch = value[i]
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and ch.isspace():
            m = re.match(r"\s+and\s+", value[i:], re.I)
            if m:
                names.append(value[start:i])
                i += m.end()
                start = i
                continue
        i += 1
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _words(name: str) -> list[str]:
    """The words of a name at brace depth 0 (a braced group is part of its word)."""
    words, depth, cur = [], 0, ""
    for ch in name:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and (ch.isspace() or ch == "~"):
            if cur:
                words.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        words.append(cur)
    return words


def _lowercase_word(word: str) -> bool:
    """Whether a name word starts a ``von`` part: its first letter at depth 0 is lower case."""
    depth = 0
    for i, ch in enumerate(word):
        if ch == "{":
            depth += 1
            if depth == 1 and word[i + 1:i + 2] == "\\":  # {\"u}: the accented letter's case counts
                m = re.match(r"\{\\[^A-Za-z]?([A-Za-z])", word[i:])
                return bool(m and m.group(1).islower())
        elif ch == "}":
            depth -= 1
        elif depth == 0 and ch.isalpha():
            return ch.islower()
    return False


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name as a CSL name: family, given, dropping-particle, suffix; a braced one a literal."""
    name = name.strip().rstrip(",")
    if name.startswith("{") and closing(name, 0) == len(name) - 1:
        return {"literal": latex_text(name[1:-1])}
    parts = _split_commas(name)
    if len(parts) == 1:
        words = _words(parts[0])
        von_at = [i for i, w in enumerate(words[:-1]) if _lowercase_word(w)]
        if von_at:
            first, von, last = words[:von_at[0]], words[von_at[0]:von_at[-1] + 1], words[von_at[-1] + 1:]
        else:
            first, von, last = words[:-1], [], words[-1:]
        jr: list[str] = []
    else:
        words = _words(parts[0])
        von_n = 0
        while von_n < len(words) - 1 and _lowercase_word(words[von_n]):
            von_n += 1
        von, last = words[:von_n], words[von_n:]
        jr = _words(parts[1]) if len(parts) == 3 else []
        first = _words(parts[-1])
    out = {"family": latex_text(" ".join(last)), "given": latex_text(" ".join(first)),
           "dropping-particle": latex_text(" ".join(von)), "suffix": latex_text(" ".join(jr))}
    return {k: v for k, v in out.items() if v}


def _split_commas(name: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in name:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    return parts[:3]


