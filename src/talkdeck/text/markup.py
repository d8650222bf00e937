"""Inline markup in the outline's texts: ``*italic*``, ``**bold**``, `` `code` ``, ``[text](URL)``, ``$maths$``.

Parsed by markdown-it-py's CommonMark inline parser with every other rule
turned off: no HTML, no images, no entities, no block syntax (a point that
starts with ``1.`` or ``#`` stays text), no ``_underscore_`` emphasis (a name
such as ``__init__`` stays as typed). Literal text stays literal: a ``*``
between letters or digits (``f*g``, ``2*3``) is a star, never emphasis; a
backslash shows a markup character as typed (``\\*``, ``\\$``, ``\\```, ``\\[``,
``\\\\``) and is kept before anything else (``\\,``, ``C:\\temp``). What is not
well-formed markup is text: an unmatched ``*`` is drawn as a star.

``$…$`` is an equation by pandoc's rule (:mod:`talkdeck.text.maths`: "$5 and
$6" stays text); it becomes runs of text (:mod:`talkdeck.text.mathruns`), or,
when it needs a 2-D layout, or is written ``$$…$$``, a display equation: a run
with ``display`` set and no text, which :class:`talkdeck.text.fit.Para` takes
out of the line and draws under it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.rules_inline import emphasis

from .maths import dollar_span

#: The inline rules kept (markdown-it's names); everything else is off.
RULES = ["text", "newline", "escape", "backticks", "emphasis", "link"]
#: The characters a backslash escapes: those that are markup here. Before any other, it is kept.
ESCAPABLE = "*`[]\\$"


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
    #: The LaTeX of the equation this run is part of, or None for prose.
    math: str | None = None
    #: +1 raised (a superscript), -1 lowered (a subscript), 0 on the line.
    script: int = 0
    #: A display equation (``math``), drawn as a picture on its own line; its ``text`` is empty.
    display: bool = False


def wordish(ch: str) -> bool:
    """A letter, a digit or a combining mark (the hat of f̂): what a star between two of is literal. A raised
    digit or a fraction (``*Commonwealth*¹``, a note's number after a title; ``*x*²``) is no digit here."""
    return bool(ch) and (ch.isalpha() or unicodedata.category(ch) in ("Nd", "Nl") or
                         unicodedata.category(ch).startswith("M"))


def _star_emphasis(state, silent: bool) -> bool:
    """markdown-it's emphasis rule for ``*`` only (``_`` is text), and not for stars between letters
    or digits (``f*g``, ``2*3``): those are stars."""
    src, pos = state.src, state.pos
    if src[pos] != "*":
        return False
    end = pos
    while end < len(src) and src[end] == "*":
        end += 1
    if pos > 0 and wordish(src[pos - 1]) and end < len(src) and wordish(src[end]):
        if not silent:
            state.pending += src[pos:end]
        state.pos = end
        return True
    return emphasis.tokenize(state, silent)


def _escape(state, silent: bool) -> bool:
    """A backslash before a markup character shows it as typed; before anything else both stay."""
    src, pos = state.src, state.pos
    if src[pos] != "\\" or pos + 1 >= len(src) or src[pos + 1] not in ESCAPABLE:
        return False
    if not silent:
        state.pending += src[pos + 1]
    state.pos += 2
    return True


def _dollars(state, silent: bool) -> bool:
    """``$…$`` and ``$$…$$`` by pandoc's rule: a ``math`` token holding the LaTeX."""
    if state.src[state.pos] != "$":
        return False
    span = dollar_span(state.src, state.pos)
    if span is None:
        return False
    end, tex, display = span
    if not silent:
        token = state.push("math_display" if display else "math_inline", "", 0)
        token.content = tex
    state.pos = end
    return True


@functools.lru_cache(maxsize=2)
def _parser(commonmark: bool = False) -> MarkdownIt:
    """The parser of slide texts; ``commonmark``: with CommonMark's own star and escape rules and no
    maths (what a reader used to Markdown expects, for :mod:`talkdeck.text.literal`'s warnings)."""
    md = MarkdownIt("zero")
    md.enable(RULES)
    if not commonmark:
        md.inline.ruler.at("emphasis", _star_emphasis)
        md.inline.ruler.at("escape", _escape)
        md.inline.ruler.before("escape", "dollars", _dollars)
    else:
        md.inline.ruler.at("emphasis", lambda state, silent: state.src[state.pos] == "*" and
                           emphasis.tokenize(state, silent))
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
        elif kind in ("math_inline", "math_display"):
            runs += maths_runs(token.content, kind == "math_display", bold > 0, italic > 0, link)
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


def maths_runs(tex: str, display: bool, bold: bool = False, italic: bool = False,
               link: str | None = None) -> list[Run]:
    """The runs of the equation ``tex``: text runs when it can be written in a line, else one display run.

    LaTeX that cannot be read (the loader reports it at its line) is kept as typed.
    """
    from .mathruns import NeedsDisplay, inline_pieces

    if not display:
        try:
            return [Run(text, bold or b, italic or it, False, link, math=tex, script=script)
                    for text, it, b, script in inline_pieces(tex)]
        except NeedsDisplay:
            pass
        except Exception:  # noqa: BLE001 - LaTeX the loader refused; never drawn
            return [Run(f"${tex}$", bold, italic, False, link)]
    return [Run("", bold, italic, False, link, math=tex, display=True)]


#: Text without any of these characters has no markup (the common case, parsed for free).
_MAYBE_MARKUP = re.compile(r"[*`\[\\$]")


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
        if not text and not run.display:
            continue
        if out and not run.display and replace(out[-1], text="") == replace(run, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(run, text=text))
    if out and out[-1].text.endswith(" "):
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
        if not out[-1].text and not out[-1].display:
            out.pop()
    return tuple(out)


def plain(text: str) -> str:
    """``text`` as words only, for notes and alt text: markup dropped, a link as 'text (URL)'."""
    out = parse(text)
    words: list[str] = []
    i = 0
    while i < len(out):
        run = out[i]
        if run.math is not None:  # an equation as its LaTeX, once, as the speaker wrote it
            words.append(f"$${run.math}$$" if run.display else f"${run.math}$")
            while i < len(out) and out[i].math == run.math and out[i].display == run.display:
                i += 1
            continue
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
