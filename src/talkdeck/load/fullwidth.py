"""The full-width colon ``：`` where YAML knows only ``:``.

Chinese and Japanese input methods type ``：``. To YAML, ``- 本身：`` followed by
indented ``- 贷款`` lines is one folded text; this reads the sub-points back
from the outline's lines, as ``- 本身:`` would have given them. And
``- 技术转让：全部文件`` is one text to YAML, where ``- Transfer: all files`` is a
definition: this splits it as the colon would.
"""

from __future__ import annotations

import yaml

from .. import limits
from ..model import Bullet

#: Sentence ends: text before a full-width colon that holds one is a sentence, not a term.
_SENTENCE_END = ("。", "！", "？", "!", "?")


def fullwidth_definition(text: str) -> tuple[str, str] | None:
    """``(term, explanation)`` of a point written ``Term：explanation``, as ``Term: explanation``
    would make it; None when there is no full-width colon with text on both sides of it, when
    the text before it ends a sentence (``为什么？答案：…`` stays one text), or when the colon
    is inside inline markup."""
    term, colon, explanation = text.partition("：")
    term, explanation = term.strip(), explanation.strip()
    if not colon or not term or not explanation or any(mark in term for mark in _SENTENCE_END):
        return None
    if (term.count("`") % 2 or term.count("**") % 2 or term.replace("**", "").count("*") % 2
            or term.count("[") != term.count("]")):
        return None  # the colon is inside markup (`**甲：乙**`, a link's text): one text
    return term, explanation


def fullwidth_colon_points(node: yaml.ScalarNode, path: str, ctx, depth: int) -> object:
    """A point ending in a full-width colon ``：`` with indented ``- sub-points``, as ``:`` would make it.

    YAML knows only ``:`` as a key's end, so ``- 本身：`` and the ``  - 贷款`` lines under it
    fold into one text. Read them back from the outline's lines; None unless every
    point that has sub-points ends in ``：`` (then the text stays as YAML read it), or
    ``ctx.error``'s value when the points nest deeper than a slide shows.
    """
    failed: list[object] = []
    first, last = node.start_mark.line, node.end_mark.line
    lines = ctx.lines[first:last + 1]
    if not lines:
        return None
    lines[-1] = lines[-1][:node.end_mark.column] if len(lines) > 1 else lines[-1]
    # (indent, text, 1-based line, 1-based column) of each point, the first one included.
    items = [[-1, lines[0][node.start_mark.column:].strip(), first + 1, node.start_mark.column + 1]]
    for n, line in enumerate(lines[1:], first + 2):
        stripped = line.lstrip()
        if stripped.startswith("- "):
            indent = len(line) - len(stripped)
            text = stripped[2:]
            items.append([indent, text.strip(), n, indent + 3 + len(text) - len(text.lstrip())])
        elif stripped:
            items[-1][1] += " " + stripped.strip()

    def tree(start: int, level: int) -> tuple[list[Bullet], int] | None:
        """The points from ``items[start]`` on that sit deeper than the parent, and where they end."""
        out: list[Bullet] = []
        i = start
        indent = items[start][0] if start < len(items) else 0
        while i < len(items) and items[i][0] == indent:
            _, text, line, col = items[i]
            children: list[Bullet] = []
            i += 1
            if i < len(items) and items[i][0] > indent:
                if not text.endswith("："):
                    return None
                if level >= limits.MAX_BULLET_DEPTH:
                    failed.append(ctx.error((line, col), path, f"bullets nested too deep (a slide shows at "
                                            f"most {limits.MAX_BULLET_DEPTH} levels)"))
                    return None
                found = tree(i, level + 1)
                if found is None:
                    return None
                children, i = found
                text = text[:-1].rstrip()
            definition = None if children else fullwidth_definition(text)
            if definition is not None:
                out.append(Bullet(text=definition[1], term=definition[0], pos=(line, col)))
            else:
                out.append(Bullet(text=text, children=children, pos=(line, col)))
        return out, i

    if not items[0][1].endswith("：") or len(items) < 2:
        return None
    found = tree(1, depth + 1)
    if failed:
        return failed[0]
    if found is None or found[1] != len(items):
        return None
    return Bullet(text=items[0][1][:-1].rstrip(), children=found[0],
                  pos=(node.start_mark.line + 1, node.start_mark.column + 1))
