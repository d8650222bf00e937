"""What converting an outline's YAML nodes shares: the run's context (its problems, a node budget, the
outline's lines for hints), positions, and how a node is described in a message."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .. import limits
from ..errors import Problem, describe_value
from ..model import Pos

CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
_INVALID = object()
#: YAML 1.1's infinities and not-a-number, which Python's float() does not read.
_INF_OR_NAN = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
#: More problems than this and the rest are not worth reading (a generated or hostile file).
MAX_PROBLEMS = 100


class Ctx:
    """What a conversion run shares: the file's name, the problems, a node budget."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.nodes = 0
        self.lines: list[str] = []  # the outline's text, for hints that need what YAML threw away
        #: id of a value node → its key's node: a mapping that lacks a key is reported at the key that
        #: holds it (``speaker:``), as editors mark it, not at its own first key.
        self.key_of: dict[int, yaml.Node] = {}

    def warn(self, node: yaml.Node, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, _pos(node), path, message, "warning"))

    def rest_of_line(self, node: yaml.Node) -> str:
        """The text from ``node``'s start to the end of its line (comments included)."""
        line, col = node.start_mark.line, node.start_mark.column
        return self.lines[line][col:] if line < len(self.lines) else ""

    def written(self, node: yaml.Node) -> str:
        """The text of ``node`` as it stands in the outline (one line's worth at most)."""
        start, end = node.start_mark, node.end_mark
        if start.line >= len(self.lines):
            return ""
        line = self.lines[start.line]
        return (line[start.column:end.column] if end.line == start.line else line[start.column:]).strip()

    def error(self, node_or_pos: Any, path: str, message: str) -> object:
        pos = node_or_pos if isinstance(node_or_pos, tuple) else _pos(node_or_pos)
        self.problems.append(Problem(self.file, pos, path, message))
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(Problem(self.file, pos, "", f"stopped after {MAX_PROBLEMS} errors; fix these first"))
            raise Abort
        return _INVALID

    def count(self, node: yaml.Node, path: str) -> None:
        """Count one more value visited; past :data:`limits.MAX_NODES`, report it and raise :class:`Abort`.

        Aliases let a small file name the same node millions of times: every place
        that visits a node counts it, so the work done is bounded, not the file's size.
        """
        self.nodes += 1
        if self.nodes > limits.MAX_NODES:
            self.error(node, path, f"the outline expands to more than {limits.MAX_NODES} values "
                       f"(an alias bomb?) ({limits.how_to_raise('MAX_NODES')})")
            raise Abort


class Abort(Exception):
    """Stop converting: the outline is too big to go on (an alias bomb, say)."""


def _pos(node: yaml.Node) -> Pos:
    """The 1-based (line, column) where ``node`` starts."""
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def describe_node(node: yaml.Node) -> str:
    """How a message names what ``node`` holds: "a mapping", "a list", "nothing", or its value."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == CORE + "null":
        return "nothing"
    return describe_value(node.value)
