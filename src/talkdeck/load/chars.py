"""Characters an outline cannot carry, found at their own line and column and named.

Text pasted from PowerPoint, Word or a web page brings characters nobody sees:
a vertical tab (PowerPoint's soft line break), NUL bytes, no-break spaces,
U+2028 line separators, a byte-order mark where two files were joined. YAML
rejects some of them with a message about the wrong line (or reads U+2028 as a
line break that the editor does not show); the others reach the deck, where XML
cannot hold them. :func:`scan_text` finds them in the file's text before YAML
reads it; :func:`scan_values` finds the ones a double-quoted escape (``"\\a"``,
``"C:\\analysis"``) put into a value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import yaml

from ..model import Pos

#: What each character is called in messages, when Unicode's name is not what people call it.
_NAMES = {
    0x00: "a NUL character", 0x07: "a bell character", 0x08: "a backspace character",
    0x09: "a tab", 0x0B: "a vertical tab", 0x0C: "a form feed", 0x0D: "a carriage return",
    0x1B: "an escape character", 0x7F: "a delete character", 0x85: "a next-line character",
    0xA0: "a no-break space", 0x2028: "a line separator", 0x2029: "a paragraph separator",
    0xFEFF: "a byte-order mark", 0xFFFE: "a non-character", 0xFFFF: "a non-character",
    0x200B: "a zero-width space", 0x200C: "a zero-width non-joiner", 0x200D: "a zero-width joiner",
    0x200E: "a left-to-right mark", 0x200F: "a right-to-left mark", 0x2060: "a word joiner",
    0x3000: "a full-width space",
}

#: Characters YAML refuses or reads as line breaks, and the byte-order mark past the file's start.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
#: A carriage return that ends no line (the file's lines end with \n).
_LONE_CR = re.compile("\r(?!\n)")
#: The start of a line up to its content: indentation and list dashes, with the invisible
#: characters that people mistake for spaces, and the full-width space that a Chinese or
#: Japanese input method types in full-width mode.
_INDENT = re.compile("^[ \t\u00a0\u200b-\u200f\u2060\u3000\ufeff]*"
                     "(?:-[ \t\u00a0\u200b-\u200f\u2060\u3000\ufeff]+)*", re.M)
_INVISIBLE_IN_INDENT = re.compile("[\u00a0\u200b-\u200f\u2060\u3000\ufeff]")
#: ``key:`` then a no-break space, which YAML does not take as the space a value needs, or
#: ``key :`` with one, which YAML keeps in the key.
_NBSP_AT_KEY = re.compile(r"^ *(?:- )*[A-Za-z_][\w-]*(?:(\u00a0)[ \u00a0]*:|:(\u00a0))", re.M)
#: What a .pptx cannot hold: characters outside XML 1.0, and the carriage return, which
#: python-pptx writes into slide text as the escape ``_x000D_``.
_NOT_XML = re.compile("[^\x09\x0a\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: A double-quoted escape that stands for one character.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
#: What a Windows path looks like: a drive letter, or a backslash between names.
_WINDOWS_PATH = re.compile(r"\b[A-Za-z]:\\|\\\\\w|\w\\[A-Za-z_][\w ]*\\|\w\\[A-Za-z_][\w -]*\.[A-Za-z]{2,4}\b")


#: Characters that show nothing (Unicode's default-ignorable ones): soft hyphen, joiners, direction marks,
#: Hangul fillers, variation selectors, tags. A required text of these and spaces is as blank as an empty one.
_INVISIBLE = re.compile("[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def blank(text: str) -> str | None:
    """None if ``text`` shows anything; else '' (spaces or nothing) or which invisible characters it holds."""
    if _INVISIBLE.sub("", text).strip():
        return None
    found = dict.fromkeys(_INVISIBLE.findall(text))
    return "; it holds only invisible characters: " + ", ".join(map(describe_char, found)) if found else ""


def describe_char(ch: str) -> str:
    """``a vertical tab (U+000B)``: how a character is named in a message."""
    code = ord(ch)
    name = _NAMES.get(code)
    if name is None:
        category = unicodedata.category(ch)
        if category == "Cc":
            name = "a control character"
        elif category == "Cs":
            name = "half of a surrogate pair"
        else:
            name = "an invisible character" if category in ("Cf", "Zs") else "the character"
            unicode_name = unicodedata.name(ch, "")
            name = f"{name} {unicode_name.lower()}" if unicode_name else name
    return f"{name} (U+{code:04X})"


def _why_and_fix(ch: str) -> tuple[str, str]:
    """Why ``ch`` is in an outline's text (``, invisible in most editors``) and what to do about it."""
    code = ord(ch)
    if code == 0x0B:
        return ", the soft line break PowerPoint puts in copied text", "replace it with a space or a new line"
    if code in (0x85, 0x2028, 0x2029):
        return ", which YAML reads as a line break that editors do not show", "replace it with a new line or a space"
    if code == 0xFEFF:
        return ", which belongs only at the start of a file (were two files joined here?)", "delete it"
    if code == 0x0D:
        return ", an old Mac line ending", "replace it with a new line"
    if 0x80 <= code <= 0x9F:
        typed = bytes([code]).decode("cp1252", errors="replace")
        if typed != "\ufffd":
            return f", which was '{typed}' in Windows-1252 text", "retype it"
    return ", invisible in most editors", "delete it"


def _here(ch: str) -> str:
    why, fix = _why_and_fix(ch)
    return f"{describe_char(ch)} here{why}: {fix}"


def position(text: str, index: int) -> Pos:
    """1-based (line, column) of ``text[index]``, counting lines as editors do (at \\n)."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def scan_text(text: str, report: Callable[[Pos, str], object]) -> None:
    """Report each character of the outline's ``text`` that YAML would misread or refuse.

    ``report(pos, message)`` is called once per character, in file order; a
    leading byte-order mark must already be removed.
    """
    found: list[tuple[int, str]] = []
    for m in _UNREADABLE.finditer(text):
        found.append((m.start(), _here(m.group())))
    if "\n" in text:
        for m in _LONE_CR.finditer(text):
            found.append((m.start(), _here(m.group())))
    # Most outlines hold none of these: one search, not a match per line.
    for m in _INDENT.finditer(text) if _INVISIBLE_IN_INDENT.search(text) else ():
        for inner in _INVISIBLE_IN_INDENT.finditer(m.group()):
            ch = inner.group()
            if ord(ch) == 0xFEFF:
                continue  # already reported as a byte-order mark
            if ch == "\u3000" and re.search(r"-[ \t]+[\u3000 \t]*$", m.group()[:inner.start()]):
                continue  # "- 　text": after the item's space, a full-width space is the text's own
            fix = ("replace it with a space" if ch == "\u00a0" else "replace it with plain spaces" if ch == "\u3000"
                   else "delete it")
            found.append((m.start() + inner.start(), f"{describe_char(ch)} in the indentation; YAML indents "
                          f"with plain spaces: {fix}"))
    for m in _NBSP_AT_KEY.finditer(text) if "\u00a0" in text else ():
        if m.group(1):
            found.append((m.start(1), f"{describe_char(m.group(1))} before the ':', which YAML keeps as part "
                          "of the key: delete it"))
        else:
            found.append((m.start(2), f"{describe_char(m.group(2))} after the ':'; YAML needs a plain space "
                          "between a key and its value: replace it with a space"))
    last = (-2, "")
    for index, message in sorted(found):
        if (index, message) != (last[0] + 1, last[1]) or text[index] != text[last[0]]:  # a run: its first only
            report(position(text, index), message)
        last = (index, message)


def walk_scalars(root: yaml.Node, join: Callable[[str, str], str]) -> Iterator[tuple[yaml.ScalarNode, str]]:
    """Every scalar node under ``root`` once (aliases are not followed twice), with its key path.

    ``join(path, key)`` makes a child's path from its parent's and its key.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            yield node, path
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, join(path, name)))
                stack.append((key, path))


def scan_values(root: yaml.Node, lines: list[str], join: Callable[[str, str], str],
                report: Callable[[Pos, str, str], object]) -> None:
    """Report each value (or key) holding a character that XML, and so a deck, cannot hold.

    Such characters can only come from double-quoted escapes (``"\\a"``, ``"\\x00"``;
    YAML refuses them written raw), so the message points at the escape as
    written, and reads a Windows path's backslashes for what they were meant to be.
    ``report(pos, path, message)`` is called once per value.
    """
    for node, path in walk_scalars(root, join):
        bad = _NOT_XML.search(node.value)
        if bad is None:
            continue
        ch = bad.group()
        start, end = node.start_mark, node.end_mark
        raw = _source(lines, (start.line, start.column), (end.line, end.column))
        escape = next((m for m in _ESCAPE.finditer(raw) if _unescape(m.group()) == ch), None)
        if escape is None or node.style != '"':
            report((start.line + 1, start.column + 1), path,
                   f"holds {describe_char(ch)}, which a deck cannot hold; delete it")
            continue
        at = _offset(lines, (start.line, start.column), escape.start())
        written = escape.group()
        if is_windows_path(raw):
            body = raw[1:-1] if raw.endswith('"') else raw[1:]
            message = (f"'{written}' in double quotes is read as {describe_char(ch)}, not as a '\\': write paths with / "
                       f"(\"{body.replace(chr(92), '/')}\"), or put the text in single quotes")
        else:
            holder = ("no file name can" if path.rsplit(".", 1)[-1] in ("image", "photo", "template")
                      else "a deck cannot")
            fix = ("write \\n for a new line" if ch == "\r" else "delete the escape" if written[1] in "0xuU"
                   else "to write a '\\', double it or put the text in single quotes")
            message = f"'{written}' in double quotes is read as {describe_char(ch)}, which {holder} hold: {fix}"
        report(at, path, message)


def is_windows_path(text: str) -> bool:
    """Whether ``text`` looks like it holds a Windows path (``C:\\...``, ``folder\\file``)."""
    return _WINDOWS_PATH.search(text) is not None


def _source(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The outline's text from 0-based (line, column) ``start`` to ``end``."""
    if start[0] == end[0]:
        return lines[start[0]][start[1]:end[1]] if start[0] < len(lines) else ""
    parts = [lines[start[0]][start[1]:]] + lines[start[0] + 1:end[0]]
    if end[0] < len(lines):
        parts.append(lines[end[0]][:end[1]])
    return "\n".join(parts)


def _offset(lines: list[str], start: tuple[int, int], offset: int) -> Pos:
    """1-based (line, column) of the character ``offset`` characters after 0-based ``start``."""
    line, col = start
    while line < len(lines) and col + offset > len(lines[line]):
        offset -= len(lines[line]) - col + 1
        line, col = line + 1, 0
    return line + 1, col + offset + 1


def _unescape(escape: str) -> str:
    """The character a double-quoted YAML escape such as ``\\a`` or ``\\x07`` stands for."""
    simple = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
              "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
    kind = escape[1]
    if kind in "xuU" and len(escape) > 2:
        return chr(int(escape[2:], 16)) if int(escape[2:], 16) <= 0x10FFFF else ""
    return simple.get(kind, kind)
