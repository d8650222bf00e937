"""Inline markup in the outline's texts: ``*italic*``, ``**bold**``, `` `code` ``, ``[text](URL)``.

Parsed by markdown-it-py's CommonMark inline parser with every other rule
turned off: no HTML, no images, no entities, no block syntax (a point that
starts with ``1.`` or ``#`` stays text), no ``_underscore_`` emphasis (a name
such as ``__init__`` stays as typed). A backslash before punctuation shows it
literally (``\\*``). What is not well-formed markup is text: an unmatched
``*`` is drawn as a star.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.rules_inline import emphasis

#: The inline rules kept (markdown-it's names); everything else is off.
RULES = ["text", "newline", "escape", "backticks", "emphasis", "link"]


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph drawn in one face: its text, its emphasis, code, link and colour."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    #: ``#RRGGBB`` for a run coloured on its own (highlighted code); None: the block's colour.
    color: str | None = None


def _star_emphasis(state, silent: bool) -> bool:
    """markdown-it's emphasis rule for ``*`` only: ``_`` is text."""
    if state.src[state.pos] != "*":
        return False
    return emphasis.tokenize(state, silent)


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero")
    md.enable(RULES)
    md.inline.ruler.at("emphasis", _star_emphasis)
    return md


def parse(text: str) -> tuple[Run, ...]:
    """The runs ``text`` is made of, markup resolved, its white space collapsed to single spaces.

    A link's URL is the one markdown-it normalises (percent-encoded); links to
    ``javascript:`` and other unsafe schemes are not links but text.
    """
    if not _MAYBE_MARKUP.search(text):
        text = _SPACES.sub(" ", text).strip(" ")
        return (Run(text),) if text else ()
    tokens = _parser().parseInline(text)[0].children or []
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for token in tokens:
        kind = token.type
        if kind == "text":
            runs.append(Run(token.content, bold > 0, italic > 0, False, link))
        elif kind == "code_inline":
            runs.append(Run(token.content, bold > 0, italic > 0, True, link))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0, False, link))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link = str(token.attrGet("href") or "")
        elif kind == "link_close":
            link = None
    return collapse(tuple(runs))


#: Text without any of these characters has no markup (the common case, parsed for free).
_MAYBE_MARKUP = re.compile(r"[*`\[\\]")


#: A run of white space that is not a no-break space (U+00A0, U+2007, U+202F).
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def collapse(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs as one flowing line: white space runs become one space (also across runs), none at
    the ends, empty runs dropped, neighbours in the same face merged. No-break spaces stay."""
    out: list[Run] = []
    for run in runs:
        text = _SPACES.sub(" ", run.text)
        if text.startswith(" ") and (not out or out[-1].text.endswith(" ")):
            text = text[1:]
        if not text:
            continue
        if out and replace(out[-1], text="") == replace(run, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(run, text=text))
    if out and out[-1].text.endswith(" "):
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
        if not out[-1].text:
            out.pop()
    return tuple(out)


def plain(text: str) -> str:
    """``text`` as words only, for notes and alt text: markup dropped, a link as 'text (URL)'."""
    out = parse(text)
    words: list[str] = []
    i = 0
    while i < len(out):
        run = out[i]
        if run.link is None:
            words.append(run.text)
            i += 1
            continue
        j = i
        label = ""
        while j < len(out) and out[j].link == run.link:
            label += out[j].text
            j += 1
        words.append(label if label.strip() in (run.link, _bare(run.link)) else f"{label} ({_bare(run.link)})")
        i = j
    return "".join(words)


def _bare(url: str) -> str:
    """``url`` as a person reads it: percent-encoding undone, a mailto: link as its address."""
    url = _parser().normalizeLinkText(url)
    return url[len("mailto:"):] if url.startswith("mailto:") else url


def plain_lines(text: str) -> str:
    """:func:`plain` of each line of ``text``, its line breaks and indentation kept (for notes)."""
    out = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip())]
        out.append(indent + plain(line) if line.strip() else line)
    return "\n".join(out)
