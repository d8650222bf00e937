"""Equations and literal text in the outline's texts, checked at load: each problem at its line.

An equation whose LaTeX cannot be drawn (an unknown command, an environment
talkdeck does not lay out, an unclosed brace) is an error naming it; text that
could be read two ways (:mod:`talkdeck.text.literal`) is a warning saying how
to write each reading. Equations are looked at only in texts that have a ``$``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..charts.mathtext import chart_problem
from ..errors import Problem, did_you_mean
from ..model import Bullet, Located, Pos, Talk
from ..text.maths import bare_latex

#: The keys whose text takes inline markup (notes and code do not).
MARKUP_KEYS = ("title", "subtitle", "footer", "bio", "role", "source", "caption", "quote", "by", "statement",
               "heading", "summary", "text")


@functools.lru_cache(maxsize=1)
def known_commands() -> frozenset[str]:
    """Every LaTeX command latex2mathml reads (``\\frac``, ``\\alpha``, ``\\,``)."""
    import latex2mathml.commands as commands
    from latex2mathml.symbols_parser import SYMBOLS

    names = {k for k in SYMBOLS if k.startswith("\\")}
    for value in vars(commands).values():
        if isinstance(value, str):
            value = (value,)
        if isinstance(value, (tuple, list, set, frozenset, dict)):
            names |= {v for v in value if isinstance(v, str) and v.startswith("\\")}
    return frozenset(names)


def _texts(talk: Talk) -> Iterator[tuple[Located | Bullet, str, str, str]]:
    """(object, key, key path, text) of every text that takes inline markup."""
    def of(obj: Located, keys=MARKUP_KEYS) -> Iterator[tuple[Located | Bullet, str, str, str]]:
        for key in keys:
            value = getattr(obj, key, None)
            if isinstance(value, str) and any(ch in value for ch in "$\\*"):
                yield obj, key, f"{obj.path}.{key}" if obj.path else key, value

    def bullets(items: list[Bullet], path: str) -> Iterator[tuple[Located | Bullet, str, str, str]]:
        for i, b in enumerate(items):
            for text in (b.term, b.text):
                if text:
                    yield b, "", f"{path}[{i}]", text
            yield from bullets(b.children, f"{path}[{i}]")

    yield from of(talk)
    yield from of(talk.speaker)
    for i, affiliation in enumerate(talk.speaker.affiliations):
        yield talk.speaker, "affiliations", f"speaker.affiliations[{i}]", affiliation
    yield from of(talk.closing)
    for section in talk.sections:
        yield from of(section)
    for slide in talk.all_slides():
        yield from of(slide)
        yield from bullets(slide.bullets or [], f"{slide.path}.bullets")
        for r, row in enumerate(slide.table or []):
            for c, cell in enumerate(row):
                yield slide, "table", f"{slide.path}.table[{r}][{c}]", cell
        for column in slide.columns or []:
            yield from of(column)
            yield from bullets(column.bullets or [], f"{column.path}.bullets")


def check_maths(talk: Talk, file: str, lines: list[str]) -> list[Problem]:
    """Errors for equations that cannot be drawn (on a slide, in a table cell, in a chart's title) and
    warnings for text that reads two ways, each at the line (and column) of what it is about."""
    from ..text.literal import ambiguities, maths_spans

    out: list[Problem] = []
    for obj, key, path, text in _texts(talk):
        start = obj.pos if isinstance(obj, Bullet) else obj.pos(key)
        if key == "table" and isinstance(obj, Located):  # a cell: from its row's line
            start = obj.pos(path[len(obj.path) + 1:path.rindex("[")])
        refused = set()
        for a, _, tex, display in maths_spans(text):
            wrong, needle = _latex_problem(tex), None
            fence = "$$" if display else "$"
            if wrong is None and key == "table":
                wrong = _in_a_cell(tex, display)
                refused.add(a)
                needle = text[a:a + 12]  # the equation's opening dollars
            if wrong is not None:
                out.append(Problem(file, _find(lines, start, needle or _needle(wrong, tex)), path,
                                   f"in the equation '{fence}{_shown(tex)}{fence}': {wrong}"))
        if "$" in text or "*" in text or "\\" in text:
            for offset, message in ambiguities(text, lambda name: name in known_commands()):
                if offset not in refused:
                    out.append(Problem(file, _find(lines, start, text[offset:offset + 12]), path, message, "warning"))
    for slide in talk.all_slides():
        for i, tex in enumerate(slide.math or []):
            key = f"math[{i}]" if f"math[{i}]" in slide.where else "math"
            wrong = _latex_problem(bare_latex(tex)) if bare_latex(tex) else None
            if wrong is not None:
                out.append(Problem(file, _find(lines, slide.pos(key), _needle(wrong, bare_latex(tex))),
                                   f"{slide.path}.{key}", f"in the equation '{_shown(bare_latex(tex))}': {wrong}"))
    for chart in talk.charts.values():
        for key in ("title", "unit"):
            text = getattr(chart, key) or ""
            for _, _, tex, display in maths_spans(text) if "$" in text else ():
                wrong = _latex_problem(tex) or chart_problem(tex)
                if wrong is not None:
                    fence = "$$" if display else "$"
                    out.append(Problem(file, _find(lines, chart.pos(key), _needle(wrong, tex)), f"{chart.path}.{key}",
                                       f"in the equation '{fence}{_shown(tex)}{fence}': {wrong}"))
    return out


def _latex_problem(tex: str) -> str | None:
    """Why ``tex`` cannot be drawn (text.maths.problem), an unknown command with the one meant."""
    from ..text.maths import problem

    wrong = problem(tex)
    unknown = re.match(r"unknown command '(\\[A-Za-z]+)'", wrong or "")
    if wrong and unknown:
        wrong += did_you_mean(unknown.group(1), known_commands()) or " (docs/outline.md lists the LaTeX drawn)"
    return wrong


def _shown(tex: str, most: int = 80) -> str:
    """``tex`` as a message quotes it: its start and end when it is long (a 1,000-character equation is not
    printed whole)."""
    return tex if len(tex) <= most else f"{tex[:most // 2]}…{tex[-(most // 4):]}"


def _needle(wrong: str, tex: str) -> str:
    """What to look for in the outline to point at the problem: the command named, else the equation."""
    named = re.search(r"'(\\[A-Za-z]+)'", wrong)
    return named.group(1) if named else tex[:30]


def _in_a_cell(tex: str, display: bool) -> str | None:
    """Why a table cell cannot show ``tex`` (a display equation, or maths that needs two dimensions), or None."""
    from ..text.mathruns import is_inline

    if display:
        return ("a table cell cannot show a display equation; write it in the cell's line, '$…$' (a fraction "
                "becomes a/b), or show it on a slide of its own with 'math:'")
    if not is_inline(tex):
        return ("it needs two dimensions (a matrix, cases, aligned, a stacked script), which a line of a table cell "
                "cannot show; show it on a slide of its own with 'math:'")
    return None


def _find(lines: list[str], start: Pos, needle: str) -> Pos:
    """Where ``needle`` is first written at or after ``start`` in the outline (within the value's next
    lines), else ``start``. Double-quoted YAML doubles backslashes: those are looked for too."""
    line, col = start
    for n in range(line - 1, min(len(lines), line + 40)):
        text = lines[n]
        for form in (needle, needle.replace("\\", "\\\\")):
            at = text.find(form, col - 1 if n == line - 1 else 0)
            if at != -1 and form:
                return n + 1, at + 1
    return start
