"""Line folds that join the way the language writes: no space where a line of Chinese or Japanese
was folded.

YAML folds the line breaks of a plain, quoted or ``>`` scalar into spaces. Chinese
and Japanese put no space between words, so a ``bio: >`` folded after "取得後、"
would read "取得後、 JR東海" on the slide and in the notes. As CSS Text 3 does for
a segment break, the fold is dropped when the characters on both sides are East
Asian (Hangul aside: Korean puts spaces between words) and, in a Chinese or
Japanese talk, when either side is (Latin words set in Japanese text are written
without spaces too: "JR東海").

libyaml folds inside its scanner, out of reach; the folds are found again from the
outline's lines. A scalar's value is recomputed from its lines the way YAML folds
them, and only when that gives YAML's own value back (no escapes, no indented
lines kept as they are) are its folds joined by the rule above; otherwise it stays.
"""

from __future__ import annotations

import re

import yaml

from ..text.script import join_folded

#: A line that starts like a list item (with YAML's hyphen, or one pasted from a document).
_LIST_ITEM = re.compile(r"[-*－•・‐–—]\s")


def refold(root: yaml.Node, lines: list[str]) -> None:
    """Join the folded lines of every scalar under ``root`` (in place) by :func:`join_folded`, in the
    talk's language (the root's ``language:``, if written)."""
    language = _language(root)
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases name a node many times
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [n for pair in node.value for n in pair if id(n) not in seen]
        elif isinstance(node, yaml.SequenceNode):
            stack += [n for n in node.value if id(n) not in seen]
        elif isinstance(node, yaml.ScalarNode) and node.start_mark.line != node.end_mark.line:
            folded = _refolded(node, lines, language)
            if folded is not None:
                node.value = folded


def _language(root: yaml.Node) -> str:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "language" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return ""


def _refolded(node: yaml.ScalarNode, lines: list[str], language: str) -> str | None:
    """``node``'s value with its folds joined by the language's rule, or None when its lines do not give
    YAML's value back by plain folding (a literal block, escapes, kept indentation)."""
    style = node.style
    if style == "|":
        return None
    start, end = node.start_mark, node.end_mark
    if end.line >= len(lines) + 1:
        return None
    if style == ">":
        body = lines[start.line + 1:end.line]
        while body and not body[-1].strip():
            body.pop()
        if not body:
            return None
        indent = len(body[0]) - len(body[0].lstrip(" "))
        if any(line.strip() and len(line) - len(line.lstrip(" ")) != indent for line in body):
            return None  # more-indented lines keep their breaks: not plain folding
        pieces = [line.strip() for line in body]
        tail = node.value[len(node.value.rstrip("\n")):]
    else:
        if style in ('"', "'") and ("\\" in node.value or "\\" in "".join(lines[start.line:end.line + 1])):
            return None
        first = lines[start.line][start.column:]
        last = lines[end.line][:end.column] if end.line < len(lines) else ""
        body = [first] + lines[start.line + 1:end.line] + [last]
        if style in ('"', "'"):
            body[0], body[-1] = body[0][1:], body[-1][:-1]
            if style == "'":
                body = [line.replace("''", "'") for line in body]
        pieces = [line.strip() for line in body]
        tail = ""
    if any(_LIST_ITEM.match(piece) for piece in pieces[1:]):
        return None  # list items YAML read as text: the loader names them (or reads them, after a '：')
    plain, joined = _fold(pieces, lambda a, b: a + " " + b), _fold(pieces, lambda a, b: join_folded(a, b, language))
    if plain + tail != node.value:
        return None
    return joined + tail


def _fold(pieces: list[str], join) -> str:
    """``pieces`` (a scalar's lines, stripped) folded as YAML folds them: an empty line is a line break,
    two written lines are joined by ``join``."""
    out = ""
    after_break = True
    for piece in pieces:
        if not piece:
            out += "\n"
            after_break = True
            continue
        out = out + piece if after_break else join(out, piece)
        after_break = False
    return out
