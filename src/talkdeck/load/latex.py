"""LaTeX in BibTeX fields → Unicode text: accents, dashes and quotes (pylatexenc), braced words marked.

A braced stretch that is not a command's argument keeps its case in a title
(``{Mao}``, ``{Sino-Soviet}``): it comes out between :data:`NOCASE_OPEN` and
:data:`NOCASE_CLOSE`, which the BibTeX reader turns into CSL-JSON's nocase spans.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: A braced stretch that keeps its case, inside a converted text (turned into nocase spans at the end).
NOCASE_OPEN, NOCASE_CLOSE = "\ue000", "\ue001"


def closing(text: str, i: int) -> int:
    """The index of the brace that closes the one at ``i`` (the text's end when none does)."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(text)



def latex_text(value: str, protect: bool = False) -> str:
    """``value``'s LaTeX as Unicode text: accents, ``--``, quotes; with ``protect``, each braced stretch
    that is not a command's argument wrapped in NOCASE_OPEN/NOCASE_CLOSE."""
    if protect:
        value = _mark_braces(value)
    text = _converter().latex_to_text(value)
    return _smart_quotes(re.sub(r"[ \t\r\n]+", " ", text).strip())


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False, strict_latex_spaces=False)


def _mark_braces(value: str) -> str:
    """``value`` with each top-level braced group that does not start with a command (``{\\"u}`` is an
    accent, not a protected word) turned into a protected stretch."""
    out: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":  # a command and its braced arguments stay LaTeX
            m = re.match(r"\\(?:[A-Za-z]+\s*|.)", value[i:])
            word = m.group() if m else "\\"
            out.append(word)
            i += len(word)
            while i < len(value) and value[i] == "{":
                j = closing(value, i)
                out.append(value[i:j + 1])
                i = j + 1
        elif ch == "{":
            j = closing(value, i)
            inner = value[i + 1:j]
            out.append(inner if inner.startswith("\\") else f"{{{NOCASE_OPEN}}}{inner}{{{NOCASE_CLOSE}}}")
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _smart_quotes(text: str) -> str:
    """Straight quotes as pandoc's smart reading sets them: ’ for an apostrophe, ‘…’ and “…”."""
    text = re.sub(r"(^|[\s(\[\ue000])'(?=\S)", "\\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[\ue000])"(?=\S)', "\\1“", text)
    return text.replace('"', "”")


