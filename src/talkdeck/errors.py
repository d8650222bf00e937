"""Problems found in an outline, and the exceptions that carry them to the CLI.

A :class:`Problem` is one message with its place in the outline. Stages collect
problems and raise :class:`OutlineError` once, so that a user sees every
mistake in one run. The CLI is the one place that turns these into exit codes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .model import Pos

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) at one place in the outline."""

    file: str
    pos: Pos
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        line, col = self.pos
        where = f"{self.path}: " if self.path else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{line}:{col}: {tag}{where}{self.message}"


class TalkdeckError(Exception):
    """A user-facing failure: printed without a traceback, exit status 2."""

    exit_code = 2


class OutlineError(TalkdeckError):
    """The outline has one or more errors; ``problems`` lists them in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.pos, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputError(TalkdeckError):
    """The deck (or an export) could not be written where asked."""


class ToolMissing(TalkdeckError):
    """An external program (LibreOffice, pdftoppm) that a command needs is absent."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


#: Invisible characters that belong inside words, kept as they are where a text is quoted in a message: the
#: zero-width non-joiner of Persian می‌خواهم and of German ligatures, the joiner of Indic conjuncts and emoji.
_IN_WORDS = {"\\u200c": "\u200c", "\\u200d": "\u200d"}


def quoted(text: str) -> str:
    """``text`` quoted as Python quotes it ('…', invisible characters escaped, ``'a\\u200bb'``), but with the
    joiners that are part of a word's spelling kept as written."""
    shown = repr(text)
    for escaped, kept in _IN_WORDS.items():
        shown = shown.replace(escaped, kept)
    return shown


def describe_value(value: object) -> str:
    """How a value the user wrote is named in messages: ``'forty'``, ``a list``."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return quoted(shown)
    return str(value)


def join_path(path: str, key: str) -> str:
    """The key path of ``key`` under ``path``: ``charts.growth``, or ``charts['Energy (TWh)']``."""
    if re.fullmatch(r"[A-Za-z_][\w-]*", key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted(key)}]"


class Reported:
    """The key paths of the errors already reported, to skip the checks that depend on them.

    A later check that reads a value the loader rejected (and left out or replaced by a
    placeholder) would report a second, misleading error; one that reads other keys must
    still run, so that every mistake in the outline shows in one run.
    """

    def __init__(self, paths: Iterable[str] = ()):
        self.paths = set(paths)

    def at(self, path: str) -> bool:
        """Whether an error was reported at ``path`` itself."""
        return path in self.paths

    def within(self, path: str) -> bool:
        """Whether an error was reported at ``path`` or anywhere inside its value."""
        return any(p == path or p.startswith((path + ".", path + "[")) for p in self.paths)

    def key(self, obj_path: str, key: str) -> bool:
        """Whether the value of ``key`` of the object at ``obj_path`` has an error."""
        return self.within(join_path(obj_path, key))

    def keys_below(self, obj_path: str) -> set[str]:
        """The keys written directly in the object at ``obj_path`` that have errors (unknown keys too)."""
        out = set()
        for p in self.paths:
            rest = p[len(obj_path):] if obj_path else "." + p
            if p.startswith(obj_path) and rest[:1] == ".":
                out.add(rest[1:].split(".", 1)[0].split("[", 1)[0])
            elif p.startswith(obj_path) and rest.startswith("['"):
                out.add(rest[2:].split("']", 1)[0])
        return out
