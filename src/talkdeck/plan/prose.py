"""Text as the slides and notes show it: notes as prose, bullets as paragraphs, definitions with a bold term."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Bullet
from ..text.fit import Para
from ..text.markup import Run, collapse, parse
from ..text.script import EAST_ASIAN, join_folded

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


def prose(text: str | None, language: str = "") -> str:
    """Speaker notes as presenter view should flow them.

    The outline's line breaks (a ``notes: |`` block wraps at 80 columns) join
    into spaces, or into nothing between Chinese or Japanese characters (as
    :func:`~talkdeck.text.script.join_folded` joins a folded line in ``language``);
    a blank line starts a new paragraph; a line that starts a list item (``- ``,
    ``1. ``) keeps its own line.
    """
    if not text:
        return ""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] = join_folded(lines[-1], line.strip(), language)
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def definition_para(term: str, text: str, level: int = 0, language: str = "") -> Para:
    """A definition point, ``Term: explanation``: the term in bold, a colon (full-width after
    an East Asian term, after a no-break space in French), then the explanation; both may hold
    inline markup."""
    colon = ("：" if EAST_ASIAN.match(term.rstrip()[-1:])
             else "\u00a0: " if language.lower().split("-")[0] == "fr" else ": ")
    runs = tuple(replace(r, bold=True) for r in parse(term)) + (Run(colon),) + parse(text)
    return Para(runs=collapse(runs), level=level, bullet=True)


def bullet_paras(bullets: list[Bullet], language: str, level: int = 0) -> list[Para]:
    """The points of a bullet list and their sub-points, in order, each at its level."""
    out: list[Para] = []
    for b in bullets:
        out.append(definition_para(b.term, b.text, level, language) if b.term is not None
                   else Para(b.text, level=level, bullet=True))
        out += bullet_paras(b.children, language, level + 1)
    return out
