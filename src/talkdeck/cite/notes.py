"""Citations in a notes style (Chicago notes and bibliography, and the other ``class="note"`` styles), as a
slide can show them: a raised number where the citation is written, and the note itself at the foot of the
slide, as a page of a book has it. Where a text has no foot of its own (the bio, a chart's source, the speaker
notes), the note stands in brackets in its place."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .syntax import Cluster

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Punctuation a note's number goes after, as Chicago (and pandoc) sets it: "north.¹", not "north¹.".
_AFTER = ".,;:!?"


def number(n: int) -> str:
    """The raised number of note ``n``: ¹, ², … ¹².."""
    return str(n).translate(_SUPERSCRIPT)


def as_notes(value: str, clusters: Sequence[Cluster], done: Iterator[str], footnotes: list[str] | None) -> str:
    """``value`` with each of its ``clusters`` made a note, the notes' texts taken in turn from ``done``: a
    raised number, the note added to ``footnotes`` ("¹ Mango, *Homilies*, 82–85."); without ``footnotes``,
    the note in brackets in its place, or, in a text of citations alone (a source line), as the text."""
    if footnotes is None and _BARE.fullmatch("".join(_between(value, clusters))):
        notes = [next(done).strip().rstrip(".") for _ in clusters]
        text = "".join(p + n for p, n in zip(_between(value, clusters), notes + [""], strict=True))
        return text.rstrip().rstrip(".") + "."
    pieces: list[str] = []
    last = 0
    for cluster in clusters:
        note = next(done).strip()
        before = value[last:cluster.start]
        last = cluster.end
        if footnotes is None:
            pieces += [before, f"({note.rstrip('.')})"]
            continue
        if _TERM.match(note):  # a note starts with a capital, "Ibid." too (citeproc-py writes "ibid.")
            note = note[0].upper() + note[1:]
        mark = number(len(footnotes) + 1)
        footnotes.append(f"{mark} {note}")
        pieces.append(before.rstrip())
        if last < len(value) and value[last] in _AFTER:
            pieces.append(value[last])
            last += 1
        pieces.append(mark)
    return "".join(pieces) + value[last:]


#: A locale's term starting a note: "ibid.", "ebd.", "id."
_TERM = re.compile(r"[^\W\d_A-Z]+\.")
#: What may stand between citations in a text of citations alone.
_BARE = re.compile(r"[\s,;.]*")


def _between(value: str, clusters: Sequence[Cluster]) -> list[str]:
    """The text before, between and after ``clusters`` in ``value``."""
    edges = [0] + [e for c in clusters for e in (c.start, c.end)] + [len(value)]
    return [value[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
