"""Text that could be read two ways: what ``check`` warns about, and how to write each reading.

talkdeck reads stars between letters as stars (``f*g``), dollars by pandoc's
rule, and LaTeX only between dollars. A reader used to Markdown or LaTeX may
have meant otherwise; each finding here is (offset in the text, message), the
message naming what is shown and how to write either reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .markup import _parser, wordish
from .maths import dollar_span, near_misses

#: A star (or a run of them) between two letters or digits.
_INNER_STAR = re.compile(r"\*+")
#: LaTeX that is read as maths only between dollars: a command, or a spacing command such as ``\,``.
_LATEX = re.compile(r"\\([A-Za-z]+|[,;!])")
#: Spacing commands and common maths commands: enough to tell LaTeX from a path or a stray backslash.
_SPACING = {",", ";", "!"}


def maths_spans(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, LaTeX, display) of each equation in ``text``, code spans and escapes skipped,
    as the markup parser finds them."""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = len(text) - len(text[i:].lstrip("`"))
            ticks = text[i:run]
            close = text.find(ticks, run)
            i = close + len(ticks) if close != -1 else run
            continue
        if ch == "$":
            span = dollar_span(text, i)
            if span is not None:
                yield i, span[0], span[1], span[2]
                i = span[0]
                continue
        i += 1


def _outside_maths(text: str) -> str:
    """``text`` with its equations and code spans blanked out (offsets kept)."""
    out = list(text)
    for a, z, _, _ in maths_spans(text):
        out[a:z] = " " * (z - a)
    for m in re.finditer(r"(`+)(.+?)\1|\\[\\*$`\[\]]", "".join(out)):  # code, and escapes (\\alpha is text)
        out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


def ambiguities(text: str, is_command) -> list[tuple[int, str]]:
    """(offset, message) for each place of ``text`` that could be read two ways; ``is_command(name)``
    tells whether ``\\name`` is a LaTeX maths command."""
    found: list[tuple[int, str]] = []
    plain = _outside_maths(text)
    stars = [m for m in _INNER_STAR.finditer(plain)
             if m.start() > 0 and wordish(plain[m.start() - 1]) and m.end() < len(plain) and wordish(plain[m.end()])]
    if stars and _commonmark_emphasis(text):
        m = stars[0]
        before, after = plain[:m.start()].split(" ")[-1], plain[m.end():].split(" ")[0]
        word = before + m.group() + after
        found.append((m.start(), f"'{word}': a '*' between letters or digits is shown as a star; Markdown would "
                      "read the text up to the next '*' as italics. To keep the stars, write '\\*' to silence "
                      "this warning; for italics, put the stars outside the words ('*like this*')"))
    found += near_misses(text)
    for m in _LATEX.finditer(plain):
        name = m.group(1)
        if name in _SPACING or is_command("\\" + name):
            found.append((m.start(), f"'{m.group()}' is shown as typed: LaTeX is read only between dollars; "
                          f"for maths write '${m.group()}$' (with what it applies to), to keep the backslash "
                          f"and silence this warning write '\\\\{m.group()[1:]}'"))
            break
    for a, z, tex, display in maths_spans(text):
        if not (text[:a] + text[z:]).strip():
            continue
        from .mathruns import NeedsDisplay, inline_pieces

        try:
            if not display:
                inline_pieces(tex)
                continue
        except NeedsDisplay:
            pass
        except Exception:  # noqa: BLE001 - LaTeX that cannot be read is the loader's error, not a warning
            continue
        found.append((a, f"'{text[a:a + 40]}{'…' if len(text) - a > 40 else ''}' cannot be set in a line of "
                      "text: it is drawn on a line of its own under the text; write it as a point of its own, "
                      "'$$…$$', to place it yourself"))
    return found


def _commonmark_emphasis(text: str) -> bool:
    """Whether CommonMark (stars only) reads emphasis in ``text`` that talkdeck does not."""
    def count(md) -> int:
        tokens = md.parseInline(text)[0].children or []
        return sum(t.type in ("em_open", "strong_open") for t in tokens)

    return count(_parser(True)) > count(_parser())
