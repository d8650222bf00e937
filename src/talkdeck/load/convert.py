"""Converting YAML nodes into the model against its type hints, every problem at its node."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import yaml

from .. import limits
from ..errors import describe_value, did_you_mean, join_path
from ..lang.i18n import suggest_tag
from ..lang.numfmt import written_decimals
from ..model import LANGUAGE_PATTERN, AssetPath, Bullet, Chart, LaTeX, Minutes, Pos, is_required
from ..text.script import EAST_ASIAN
from .chars import blank
from .dates import read_date
from .fullwidth import fullwidth_colon_points, fullwidth_definition
from .hints import key_hint, text_hint
from .nodes import _ALLOWED_TAGS, _INF_OR_NAN, _INVALID, CORE, Ctx, _pos, describe_node
from .slips import wrong_type_message

# --- conversion of nodes against type hints ---------------------------------------------

def _expected(tp: Any) -> str:
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        return " or ".join(_expected(a) for a in args if a is not type(None))
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if origin is list:
        return "an equation in LaTeX, or a list of them" if args[0] is LaTeX else "a list"
    if tp is LaTeX:
        return "an equation in LaTeX"
    if tp is Bullet:
        return "text, 'term: explanation' or a mapping 'text: [sub-points]'"
    if origin is dict or dataclasses.is_dataclass(tp):
        return "a mapping"
    if tp is Minutes:
        return "a number of minutes such as 1.5"
    base = getattr(tp, "__supertype__", tp)
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false",
            dt.date: "a date (YYYY-MM-DD)"}.get(base, getattr(base, "__name__", str(base)))


def _wrong(node: yaml.Node, tp: Any, path: str, ctx: Ctx) -> object:
    message = wrong_type_message(node, tp, _expected(tp))  # a slip recognised, and what to write instead
    if message:
        return ctx.error(node, path, message)
    got = describe_node(node)
    hint = ""
    if (getattr(tp, "__supertype__", tp) is str or tp is Bullet) and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        hint = text_hint(got, ctx.written(node), bool(node.flow_style))
    key = re.match(r"([A-Za-z_][\w-]*)\s*：", node.value) if isinstance(node, yaml.ScalarNode) else None
    if key:
        hint = f"; '：' is a full-width colon: YAML needs ':' ({key.group(1)}: ...)"
    return ctx.error(node, path, f"wrong type (expected {_expected(tp)}, got {got}){hint}")


def convert(node: yaml.Node, tp: Any, path: str, ctx: Ctx) -> Any:
    ctx.count(node, path)
    if node.tag not in _ALLOWED_TAGS:
        return _tag_error(node, path, ctx)
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        if node.tag == CORE + "null":
            if AssetPath in args and node.value == "":  # `image:` with the path still to be filled in
                return _blank_path(node, path, ctx)
            return None if type(None) in args else _wrong(node, tp, path, ctx)
        (inner,) = [a for a in args if a is not type(None)]
        return convert(node, inner, path, ctx)
    if tp is Bullet:
        return _convert_bullet(node, path, ctx, 1)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _convert_object(node, tp, path, ctx)
    if origin is list:
        if args[0] is LaTeX and isinstance(node, yaml.ScalarNode):  # one equation: a list of one
            value = convert(node, LaTeX, path, ctx)
            return value if value is _INVALID else [value]
        if args[0] is LaTeX and isinstance(node, yaml.MappingNode) and node.flow_style:  # math: {a \over b}
            return ctx.error(node, path, "wrong type (expected an equation in LaTeX, got a mapping): YAML reads a "
                             f"value that starts with '{{' as a mapping; put the equation in single quotes, "
                             f"'{ctx.written(node)}'")
        if not isinstance(node, yaml.SequenceNode):
            return _wrong(node, tp, path, ctx)
        if get_origin(args[0]) is list and node.value and all(isinstance(i, yaml.ScalarNode) for i in node.value):
            return ctx.error(node, path, f"wrong type (expected rows of cells, each row a list such as "
                             f"[Name, Value], got a list of text: {describe_node(node.value[0])} …)")
        items = [convert(item, args[0], f"{path}[{i}]", ctx) for i, item in enumerate(node.value)]
        return [item for item in items if item is not _INVALID]  # partial: errors are in ctx
    if origin is dict:
        pairs = _pairs(node, path, ctx)
        if pairs is None:
            return _wrong(node, tp, path, ctx)
        ctx.key_of.update((id(v), key_node) for key_node, v in pairs.values())
        out = {k: convert(v, args[1], _join(path, k), ctx) for k, (_, v) in pairs.items()}
        return {k: v for k, v in out.items() if v is not _INVALID}
    if not isinstance(node, yaml.ScalarNode):
        return _wrong(node, tp, path, ctx)
    return _convert_scalar(node, tp, path, ctx)


def _tag_error(node: yaml.Node, path: str, ctx: Ctx) -> object:
    return ctx.error(node, path, f"YAML tag '{node.tag.replace(CORE, '!!')}' is not allowed "
                     "(talkdeck reads plain values only)")


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


_join = join_path


def _convert_scalar(node: yaml.ScalarNode, tp: Any, path: str, ctx: Ctx) -> Any:
    tag, value = node.tag, node.value
    if get_origin(tp) is Literal:
        if value in get_args(tp):
            return value
        choices = ", ".join(map(repr, get_args(tp)))
        hint = did_you_mean(value, get_args(tp)) if tag != CORE + "null" else ""
        return ctx.error(node, path, f"unknown value (expected one of {choices}, got {describe_node(node)}){hint}")
    base = getattr(tp, "__supertype__", tp)
    if tag == CORE + "null":
        if ctx.rest_of_line(node).lstrip().startswith("#"):  # `accent: #0B5394`: YAML read a comment
            written = ctx.rest_of_line(node).split()[0]
            return ctx.error(node, path, f"missing value (expected {_expected(tp)}); '#' starts a comment "
                             f"in YAML: write the value in quotes, '{written}'")
        what = "is blank" if node.value == "" else "missing value"
        return ctx.error(node, path, f"{what} (expected {_expected(tp)})")
    if tp is AssetPath and not value.strip():
        return _blank_path(node, path, ctx)
    if base is str:
        return value
    if base is bool and tag == CORE + "bool":
        return value.lower() in ("true", "yes", "on", "y")
    if base is int and tag == CORE + "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            pass
    if base is float and tag in (CORE + "int", CORE + "float"):
        try:
            number = math.nan if _INF_OR_NAN.fullmatch(value) else float(value.replace("_", ""))
        except ValueError:  # numbers of YAML 1.1 that Python does not read: 1:30 (base 60), 0x10, 0o17
            return _wrong(node, tp, path, ctx)
        if not math.isfinite(number):  # .inf, .nan, 1e999
            return ctx.error(node, path, f"not a finite number (expected {_expected(tp)}, got {describe_node(node)})")
        return number
    if base is dt.date and (tag == CORE + "timestamp" or re.fullmatch(r"\d{4}-\d\d-\d\d", value)):  # or quoted
        try:
            return read_date(value)
        except ValueError as e:
            return ctx.error(node, path, str(e))
    return _wrong(node, tp, path, ctx)



def _blank_path(node: yaml.Node, path: str, ctx: Ctx) -> object:
    example = "assets/design.potx" if path.endswith("template") else "assets/picture.png"
    return ctx.error(node, path, f"is blank (expected a file's path such as '{example}'; leave the key "
                     "out if there is no file)")


def _pairs(node: yaml.Node, path: str, ctx: Ctx,
           merging: frozenset[int] = frozenset()) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    """A mapping node's keys → (key node, value node), or None when ``node`` is not a mapping; reports
    duplicate and non-text keys.

    ``merging`` holds the ids of the mappings whose ``<<`` led here: an anchor can
    merge itself (``&s {<<: *s}``), which would otherwise recurse without end.
    """
    if not isinstance(node, yaml.MappingNode):
        return None
    merging = merging | {id(node)}
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if key_node.tag == CORE + "merge":  # `<<: *defaults` fills keys not written here
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                ctx.count(source, path)
                if id(source) in merging:
                    ctx.error(key_node, path, "'<<' merges a mapping into itself")
                    continue
                more = _pairs(source, path, ctx, merging)
                if more is None:
                    ctx.error(source, path, "'<<' merges only mappings")
                    continue
                for k, v in more.items():
                    ctx.count(v[1], path)  # merging many keys many times is work too
                    merged.setdefault(k, v)
            continue
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == CORE + "null":
            ctx.error(key_node, path, f"a key must be text (got {describe_node(key_node)})")
            continue
        key = key_node.value
        if key in out:
            first = _pos(out[key][0])[0]
            ctx.error(key_node, _join(path, key), f"duplicate key (first written at line {first}; "
                      "YAML would silently keep only the last)")
            continue
        out[key] = (key_node, value_node)
    for k, v in merged.items():
        out.setdefault(k, v)
    return out


def _alias_at(key_node: yaml.Node, value_node: yaml.Node, ctx: Ctx) -> Pos | None:
    """Where ``*name`` stands after ``key_node`` when its value is an alias (a node written before its key,
    at its anchor ``&name``), else None."""
    if (value_node.start_mark.line, value_node.start_mark.column) >= (key_node.start_mark.line,
                                                                      key_node.start_mark.column):
        return None
    line, col = key_node.end_mark.line, key_node.end_mark.column
    text = ctx.lines[line] if line < len(ctx.lines) else ""
    star = text.find("*", col)
    return (line + 1, (star if star >= 0 else col) + 1)


@functools.cache
def _model_fields(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    """A model class's resolved type hints and its outline keys (resolving hints is slow: once per class)."""
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    return typing.get_type_hints(cls), fields


def _convert_object(node: yaml.Node, cls: type, path: str, ctx: Ctx) -> Any:
    pairs = _pairs(node, path, ctx)
    if pairs is None:
        return _wrong(node, cls, path, ctx)
    hints, fields = _model_fields(cls)
    values: dict[str, Any] = {}
    where: dict[str, Pos] = {"": _pos(node)}
    for key, (key_node, value_node) in pairs.items():
        if key not in fields:
            ctx.error(key_node, _join(path, key), f"unknown key{key_hint(key, cls, fields, _scalar(value_node))}")
            continue
        ctx.key_of[id(value_node)] = key_node
        before, alias = len(ctx.problems), _alias_at(key_node, value_node, ctx)
        value = convert(value_node, hints[key], _join(path, key), ctx)
        where[key] = alias or _pos(value_node)
        if alias:  # what is wrong with a value used through '*name' is told where it is used
            ctx.problems[before:] = [dataclasses.replace(p, pos=alias) for p in ctx.problems[before:]]
        if is_required(fields[key]) and isinstance(value, str) and (why := blank(value)) is not None:
            value = ctx.error(value_node, _join(path, key), f"is blank (expected {_expected(hints[key])}{why})")
        # A mapping's entries and a list's items too: 'series.Kept' and 'table[2]' are at their own lines.
        if isinstance(value_node, yaml.MappingNode):
            where.update((f"{key}.{k.value}", _pos(v)) for k, v in value_node.value if isinstance(k, yaml.ScalarNode))
        elif isinstance(value_node, yaml.SequenceNode):
            where.update((f"{key}[{i}]", _pos(item)) for i, item in enumerate(value_node.value))
        if value is not _INVALID and _check_constraints(value, fields[key], value_node, _join(path, key), ctx):
            values[key] = value
    for name, f in fields.items():
        if is_required(f) and name not in values:
            if name not in pairs:  # at the object's path, which validate_talk then leaves alone
                ctx.error(ctx.key_of.get(id(node), node), path, f"missing required key '{name}'")
            values[name] = _placeholder(hints[name], _join(path, name), _pos(node))
    # Built even when keys are wrong or missing (they keep their defaults or a placeholder),
    # so that later checks still run; the loader raises afterwards because ctx holds the errors.
    obj = cls(**values)
    obj.where = where
    obj.path = path
    if cls is Chart:
        obj.written_decimals = _chart_decimals(pairs)
    return obj


def _chart_decimals(pairs: dict[str, tuple[yaml.Node, yaml.Node]]) -> int:
    """The most decimals among a chart's numbers as typed (``1.50`` has 2, which its float has lost)."""
    nodes = [pairs[k][1] for k in ("data", "series") if k in pairs]
    found = 0
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            nodes += [v for _, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            nodes += node.value
        elif node.tag in (CORE + "int", CORE + "float"):
            found = max(found, written_decimals(node.value))
    return found


def _placeholder(tp: Any, path: str, pos: Pos) -> Any:
    """An empty value of type ``tp`` in place of a required one that is missing or wrong.

    Only ever part of an outline that has an error, so it never leaves the loader.
    """
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return args[0]
    if origin in (list, dict):
        return origin()
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints, fields = _model_fields(tp)
        obj: Any = tp(**{name: _placeholder(hints[name], _join(path, name), pos)
                         for name, f in fields.items() if is_required(f)})
        obj.where = {"": pos}
        obj.path = path
        return obj
    return getattr(tp, "__supertype__", tp)()  # "", 0, 0.0 or False


def _check_constraints(value: Any, f: dataclasses.Field, node: yaml.Node, path: str, ctx: Ctx) -> bool:
    rules = f.metadata.get("schema", {})
    ok = True

    def fail(message: str) -> None:
        nonlocal ok
        ok = False
        ctx.error(node, path, message)

    if "minimum" in rules and value is not None and value < rules["minimum"]:
        fail(f"too small (expected at least {rules['minimum']}, got {value:g})")
    if "maximum" in rules and value is not None and value > rules["maximum"]:
        fail(f"too large (expected at most {rules['maximum']}, got {value:g})")
    if "exclusiveMinimum" in rules and value is not None and value <= rules["exclusiveMinimum"]:
        fail(f"too small (expected more than {rules['exclusiveMinimum']}, got {value:g})")
    pattern = rules.get("pattern") or rules.get("items_pattern")
    what, expected = rules.get("pattern_hint", ("of the expected form", f"text matching {pattern}"))
    if "pattern" in rules and value is not None and not _matches(pattern, value):
        # en_US (a locale, as Windows and Python name them), Russian, 中文: the tag meant.
        tag = suggest_tag(value) if pattern == LANGUAGE_PATTERN and isinstance(value, str) else None
        fail(f"not {what} (expected {expected}, got {describe_value(value)})" + (f"; write {tag}" if tag else ""))
    if "items_pattern" in rules and value is not None:
        for i, item in enumerate(value):
            if not _matches(pattern, item):
                fail(f"item {i} is not {what} (expected {expected}, got {describe_value(item)})")
    # Items dropped for their own errors do not count against minItems: judge what was written.
    written = len(node.value) if isinstance(node, yaml.SequenceNode) else 0
    if "minItems" in rules and value is not None and written < rules["minItems"]:
        fail("is empty (expected at least one item)" if rules["minItems"] == 1
             else f"too few items (expected {rules['minItems']}, got {len(value)})")
    if "maxItems" in rules and value is not None and len(value) > rules["maxItems"]:
        fail(f"too many items (expected at most {rules['maxItems']}, got {len(value)})")
    return ok


def _matches(pattern: str, text: str) -> bool:
    """Whether ``text`` matches ``pattern`` as JSON Schema reads it: a final ``$`` is the end of
    the text (Python's ``$`` also matches before a final newline, which a block scalar has)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, text) is not None


def _convert_bullet(node: yaml.Node, path: str, ctx: Ctx, depth: int) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag not in (CORE + "null",):
        if node.tag not in _ALLOWED_TAGS:
            return _tag_error(node, path, ctx)
        if not node.style and node.end_mark.line > node.start_mark.line and " - " in node.value:
            nested = fullwidth_colon_points(node, path, ctx, depth)
            if nested is not None:
                return nested
            # `- point` then `  - sub-point` on the next line: YAML folds both into one text.
            colon = "'：' (- 要点：)" if EAST_ASIAN.search(node.value) else "':' (- point:)"
            ctx.warn(node, path, "a '- ' line was joined into this point as text; to make it a sub-point, "
                     f"end the point with {colon}")
            return Bullet(text=node.value, pos=_pos(node))
        # `- 术语：解释`, typed with a full-width colon, is a definition as `- Term: explanation` is;
        # a quoted point stays text, as a quoted `"Term: explanation"` does.
        definition = fullwidth_definition(node.value) if not node.style else None
        if definition is not None:
            return Bullet(text=definition[1], term=definition[0], pos=_pos(node))
        return Bullet(text=node.value, pos=_pos(node))
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        key_node, value_node = node.value[0]
        if not isinstance(key_node, yaml.ScalarNode):
            return _wrong(node, Bullet, path, ctx)
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag != CORE + "null":
            # `- Term: explanation`: a definition, the value kept as typed (`- Founded: 1953`).
            if value_node.tag not in _ALLOWED_TAGS:
                return _tag_error(value_node, path, ctx)
            ctx.count(value_node, path)
            return Bullet(text=value_node.value, term=key_node.value, pos=_pos(key_node))
        if not isinstance(value_node, yaml.SequenceNode):
            return ctx.error(value_node, path, "sub-points must be a list (expected '- sub-point' lines "
                             f"under the point, got {describe_node(value_node)})")
        if depth >= limits.MAX_BULLET_DEPTH:
            return ctx.error(value_node, path, f"bullets nested too deep (a slide shows at most "
                             f"{limits.MAX_BULLET_DEPTH} levels)")
        children = []
        for i, child in enumerate(value_node.value):
            ctx.count(child, f"{path}[{i}]")
            children.append(_convert_bullet(child, f"{path}[{i}]", ctx, depth + 1))
        if _INVALID in children:
            return _INVALID
        return Bullet(text=key_node.value, children=children, pos=_pos(key_node))
    if isinstance(node, yaml.MappingNode):
        return ctx.error(node, path, "wrong type (expected text, 'term: explanation' or a one-key mapping 'text: [sub-points]', "
                         f"got a mapping with {len(node.value)} keys)")
    return _wrong(node, Bullet, path, ctx)


