"""Naming a slide (or a section) in a message as a person finds it: by its title and line, not by
its place in the lists, ``sections[2].slides[4]``."""

from __future__ import annotations

import dataclasses

from ..errors import Problem, quoted
from ..model import Slide, Talk


def slide_name(slide: Slide) -> str:
    """``slide 'Growth by sector'``; an untitled slide by what it shows (``quote slide 'Well said.'``)."""
    if slide.title:
        return f"slide {_short(slide.title)}"
    text = slide.quote or slide.statement or ""
    return f"{slide.kind} slide {_short(text)}" if text else f"{slide.kind} slide"


def _short(text: str) -> str:
    """``text`` quoted, as Python quotes it (invisible characters escaped), cut to 40 characters."""
    text = " ".join(str(text).split())
    return quoted(text if len(text) <= 40 else text[:39] + "…")


def name_slides(problems: list[Problem], talk: Talk) -> list[Problem]:
    """``problems`` with each one about a slide or a section (or a key of one) named by its title and line.

    ``sections[0].slides[2].bullets`` becomes ``slide 'Too much' (line 26), bullets``; the line is
    left out when the problem is on the slide's own line, which the message starts with anyway.
    """
    named: dict[str, tuple[str, int]] = {s.path: (slide_name(s), s.pos()[0]) for s in talk.all_slides() if s.path}
    named.update({s.path: (f"section {_short(s.title)}", s.pos()[0]) for s in talk.sections if s.path})
    out = []
    for p in problems:
        found, rest = _named_part(p.path, named)
        if found is None:
            out.append(p)
            continue
        name, line = found
        name += "" if line == p.pos[0] else f" (line {line})"
        out.append(dataclasses.replace(p, path=name + (f", {rest}" if rest else "")))
    return out


def _named_part(path: str, named: dict[str, tuple[str, int]]) -> tuple[tuple[str, int] | None, str]:
    """The innermost named object ``path`` is in, and the rest of the path after it (``bullets[2]``)."""
    for cut in range(len(path), 0, -1):
        if cut == len(path) or path[cut] in ".[":
            if path[:cut] in named:
                return named[path[:cut]], path[cut:].lstrip(".")
    return None, ""
