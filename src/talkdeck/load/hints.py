"""Hints for the mistakes people make editing an outline: the slip behind a YAML
syntax error, and the key that was meant when an unknown one was written.

Plain text in, plain text out: the loader passes what PyYAML reported, so this
module needs no yaml.
"""

from __future__ import annotations

import difflib
import re

from ..errors import did_you_mean
from ..model import SLIDE_KINDS, Pos, Slide

#: Words people write for keys that exist under another name, most likely first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "picture": ("image", "photo"), "img": ("image", "photo"), "photo": ("image",), "image": ("photo",),
    "graph": ("chart",), "plot": ("chart",), "figure": ("chart", "image"),
    "points": ("bullets",), "items": ("bullets",), "list": ("bullets",),
    "text": ("statement",), "quotation": ("quote",), "citation": ("source",), "ref": ("source",),
    "author": ("by", "speaker"), "presenter": ("speaker",), "name": ("title",),
    "minutes": ("duration",), "duration": ("minutes",), "time": ("minutes", "duration"),
    "length": ("duration", "minutes"), "parts": ("sections",), "chapters": ("sections",),
    "kind": ("type",), "values": ("data",), "labels": ("categories",), "colors": ("palette",),
    "colours": ("palette",), "description": ("summary", "subtitle"), "abstract": ("summary", "subtitle"),
    "speaker_notes": ("notes",), "biography": ("bio",), "about": ("bio",), "alt_text": ("alt", "photo_alt"),
    "size": ("body_size",), "side": ("figure_side",), "position": ("figure_side",),
    "equation": ("math",), "equations": ("math",), "formula": ("math",), "latex": ("math",),
}
#: Words whose synonym is meant even where another key is spelled alike ('equation' is not 'caption').
_MEANT = {"equation", "equations", "formula"}


def key_hint(key: str, cls: type, fields: dict, value: str | None) -> str:
    """`` (did you mean 'x'?)`` for an unknown ``key`` of model class ``cls``, else the keys it takes.

    ``value`` is the text written after the key (None for a list or mapping).
    """
    for other in SYNONYMS.get(key.lower(), ()) if key.lower() in _MEANT else ():
        if other in fields:
            return f" (did you mean '{other}'?)"
    close = did_you_mean(key, fields)
    if close:
        return close
    for other in SYNONYMS.get(key.lower(), ()):
        if other in fields:
            return f" (did you mean '{other}'?)"
    if cls is Slide and key.lower() in ("type", "kind", "layout", "template"):
        kind = difflib.get_close_matches(value, SLIDE_KINDS, n=1, cutoff=0.6) if value else []
        instead = f"write '{kind[0]}:' with the content instead" if kind else f"one of {', '.join(SLIDE_KINDS)}"
        return f" (a slide's kind is the key that holds its content: {instead})"
    return f" (expected one of: {', '.join(fields)})"


def syntax_hint(what: str, context: str, pos: Pos, lines: list[str], message: str) -> str:
    """``message`` about a YAML syntax error, with the editing slip that usually causes it appended.

    ``what`` and ``context`` are PyYAML's problem and context texts, ``pos`` the
    problem's 1-based (line, column). Returns ``message`` unchanged when no hint fits.
    """
    line = lines[pos[0] - 1] if 0 < pos[0] <= len(lines) else ""
    above = next((s for s in reversed(lines[:pos[0] - 1]) if s.strip() and not s.lstrip().startswith("#")), "")
    if "expected ':'" in what and "simple key" in context:
        return f"{message}; is a space missing after a '-' or ':' there?"
    if "mapping values are not allowed" in what:
        if re.search(r"\S: ", line[:pos[1] - 1]):
            return f"{message}; a ': ' inside a value starts a key: put the whole value in quotes"
        if re.match(r"\s*(- )?[\w-]+:[^\s:]", above):
            return f"{message}; the line above needs a space after its ':'"
        key = re.match(r"\s*(?:- )?([A-Za-z_][\w-]*)\s*：", above)
        if key:  # a Chinese or Japanese input method types the full-width colon
            return f"{message}; the line above ends its key with a full-width '：': YAML needs ':' ({key.group(1)}: ...)"
        return f"{message}; is the ':' missing on the line above, or is this line indented too far?"
    if "cannot start any token" in what and 0 < pos[1] <= len(line):
        return f"{message}; a value cannot start with '{line[pos[1] - 1]}': put it in quotes"
    if "scanning an alias" in context or "scanning an anchor" in context:
        return f"{message}; a value that starts with '*' or '&' is a YAML alias or anchor: put it in quotes"
    if "block scalar" in context:
        return (f"{message}; '|' and '>' start a block of text on the lines below: "
                "put a value that starts with them in quotes")
    if "expected '-' indicator" in what and re.match(r"\s*- +[\"'\[{]", line):
        return f"{message}; the point goes on after its closing quote or bracket: put the whole point in quotes"
    key = re.match(r"( *)([^\s#:-][^:]*):(\s|$)", line)
    if "expected '-' indicator" in what and key:
        # A key indented less than the keys of its mapping and more than the list the mapping is an item of.
        mine = len(key.group(1))
        meant = _sibling_column(lines[:pos[0] - 1], mine)
        if meant is not None:
            return (f"{message}; '{key.group(2)}:' is indented {mine} spaces, the keys above it {meant}: "
                    f"indent it {meant} spaces, in line with them")
    if "another document" in what:
        return f"{message}; an outline is one YAML document: remove this '---'"
    if "expected key" in what and "block mapping" in context:
        if re.match(r"\s*(- )?[^:]+:\s+[\"'\[{]", line):
            return f"{message}; the value goes on after its closing quote or bracket: put the whole value in quotes"
        if line.lstrip().startswith("- "):
            return f"{message}; this '- ' item is not indented like the items above it"
        return f"{message}; check this line's indentation against the lines above"
    return message


def _sibling_column(above: list[str], mine: int) -> int | None:
    """The column of the keys of the mapping a key at column ``mine`` was meant to join: the shallowest key
    deeper than ``mine`` in the lines ``above`` it, back to the list item that holds them."""
    found = None
    for line in reversed(above):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        column = _key_column(line)
        if column is not None and column > mine:
            found = column if found is None else min(found, column)
        if len(line) - len(line.lstrip(" ")) <= mine:
            break
    return found


def _key_column(line: str) -> int | None:
    """The column a line's key starts at (after its '- ', on a list item), or None for a line with no key."""
    m = re.match(r"( *)(- +)?[^\s#:-][^:]*:(\s|$)", line)
    return len(m.group(1)) + len(m.group(2) or "") if m else None


def text_hint(got: str, written: str, flow: bool) -> str:
    """``; ...`` on how to write ``written`` as text, where text was wanted and YAML read ``got``
    ("a mapping" or "a list"); empty when no hint fits.

    ``flow`` tells whether the value was written inline (``[a, b]``, or ``key: value`` inside one):
    the usual slip is text with ': ' or brackets that YAML reads as structure.
    """
    shown = written if len(written) <= 60 else written[:57] + "..."
    quoted = '"' + shown.replace('"', '\\"') + '"' if "'" in shown else f"'{shown}'"
    if got == "a mapping" and flow and ": " in written:
        return f"; a ': ' inside a value starts a key: if it is part of the text, write it in quotes, {quoted}"
    if got == "a mapping" and not flow and ": " not in written:
        return ""
    if got == "a mapping":
        return "; if the ': ' is part of the text, put the whole text in quotes"
    if got == "a list" and flow and written.startswith("["):
        return f"; '[' starts a list in YAML: if the brackets are part of the text, write it in quotes, {quoted}"
    return ""


def split_at_commas(names: list[str], known: list[str]) -> list[tuple[int, int, str]]:
    """Runs ``names[i:j]`` that YAML split at commas from one of ``known``: ``[(i, j, whole), ...]``.

    ``highlight: [Agriculture, forestry and other land use]`` is two names to YAML, and so is
    ``[Under 10,000 baht]`` (split at the comma of its number, which YAML drops with the comma).
    """
    out = []
    i = 0
    while i < len(names):
        for j in range(len(names), i + 1, -1):
            whole = next((w for w in (", ".join(names[i:j]), ",".join(names[i:j])) if w in known), None)
            if whole is not None and whole not in names:
                out.append((i, j, whole))
                i = j - 1
                break
        i += 1
    return out


def comma_split_hint(cells: list[str]) -> str:
    """``; ...`` when a row has a cell more than it should because YAML split a number such as
    20,000 at its comma (``[1949–60, over 20,000, Shen]``); empty otherwise."""
    for a, b in zip(cells, cells[1:]):
        if re.search(r"\d$", a) and re.match(r"\d{3}(?!\d)", b):
            return f"; the comma in '{a},{b}' splits it in a [...] row: write that cell in quotes, \"{a},{b}\""
    return ""
