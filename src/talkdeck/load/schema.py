"""The outline's JSON Schema and its reference docs, generated from the model.

The loader validates against the same type hints and field metadata, so the
schema (for editors' completion), docs/outline.md and the loader cannot drift.
Keys, types, defaults and constraints come from the type hints and field
metadata alone, so a key added to the model lands in the schema as it is. The
rules between keys (a slide shows one kind, keys that belong to some kinds, alt
text, what a chart's type takes) restate the loader's checks in validate.py and
validate_chart.py, built from the model's tables (``SLIDE_KINDS``,
``KIND_KEYS``, ``CHART_TYPES``, ``ONE_SERIES_CHARTS``): a new slide kind or chart
type lands without a change here.

Written for the YAML language server (VS Code's YAML extension) as much as for
JSON Schema validators: ``markdownDescription`` for hover, ``errorMessage`` where
a failing rule's stock message would not say what is wrong, ``doNotSuggest`` on
the rules' copies of keys (or completion offers them twice). Validators that do
not know these keywords ignore them. Null is one more ``type`` of an optional
key rather than an ``anyOf`` branch: the server's completion takes a key's first
type for the shape it inserts (``bullets:`` then ``- ``), and its hover repeats
the header of each ``anyOf`` branch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from .. import limits
from ..model import (
    CHART_TYPES,
    COLUMN_KINDS,
    FIGURE_KINDS,
    HIGHLIGHT_CHARTS,
    KIND_KEYS,
    ONE_SERIES_CHARTS,
    SLIDE_KINDS,
    AssetPath,
    Bullet,
    Chart,
    Column,
    LaTeX,
    Slide,
    Talk,
    is_required,
)

SCHEMA_ID = "https://talkdeck.invalid/talk.schema.json"
_EXTRA = ("minimum", "maximum", "exclusiveMinimum", "pattern", "minItems", "maxItems", "uniqueItems", "properties",
          "propertyNames")
#: YAML 1.1's spellings of true and false, which the loader reads and a YAML 1.2 editor sees as text.
YAML11_BOOLS = [f(w) for w in ("true", "false", "yes", "no", "on", "off") for f in (str.lower, str.title, str.upper)]
#: A scalar where the loader wants text: it keeps what was typed, so a number or true stays text.
TEXT = {"type": ["string", "number", "boolean"]}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [_type_schema(a, defs) for a in args if a is not type(None)]
        if type(None) not in args or AssetPath in args:  # a blank path is an error, not "no file" (the loader's rule)
            return inner[0] if len(inner) == 1 else {"anyOf": inner}
        if len(inner) == 1 and "type" in inner[0] and "anyOf" not in inner[0]:
            # null joins the type (and the enum): an anyOf would show up doubled in the editor's hover
            only = inner[0]
            types_ = only["type"] if isinstance(only["type"], list) else [only["type"]]
            return {**only, "type": [*types_, "null"], **({"enum": [*only["enum"], None]} if "enum" in only else {})}
        if len(inner) == 1 and "enum" in inner[0]:
            return {"enum": [*inner[0]["enum"], None]}
        return {"anyOf": inner + [{"type": "null"}]}
    if origin is Literal:
        return {"enum": list(args)}
    if tp is Bullet:
        defs.setdefault("Bullet", {
            **_describe("A bullet point: text; a definition `Term: explanation` (shown as the term in bold, "
                        "a colon, the explanation); or a one-key mapping `text:` with a list of sub-points "
                        "under it. Takes inline markup: `*italic*`, `**bold**`, `` `code` ``, "
                        "`[text](https://…)`, `$…$` (an equation); a point written `'$$…$$'` is a display "
                        "equation."),
            **_bullet(1)})
        return {"$ref": "#/$defs/Bullet"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    if origin is list and args[0] is LaTeX:  # one equation, or a list of them
        return {"type": ["string", "number", "array"], "items": {"type": ["string", "number"]}, "minItems": 1}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    base = getattr(tp, "__supertype__", tp)
    if base is dt.date:
        return {"type": "string", "format": "date"}
    if base is bool:
        # A pattern, not an enum: hover would list every spelling as an allowed value.
        return {"type": ["boolean", "string"], "pattern": f"^(?:{'|'.join(YAML11_BOOLS)})$",
                "errorMessage": "Expected true or false."}
    if tp is AssetPath:
        return {"type": ["string", "number"], "pattern": r"\S", "errorMessage": "Is blank (expected a file's path "
                "such as 'assets/picture.png'; leave the key out if there is no file)."}
    if base is str:  # a name or a path (a NewType) is never true or false: completion offers no true/false
        return dict(TEXT) if tp is str else {"type": ["string", "number"]}
    return {"type": {int: "integer", float: "number"}[base]}


def _bullet(depth: int) -> dict[str, Any]:
    """A bullet point at nesting level ``depth``, its sub-points spelled out to the deepest level a slide
    shows (a recursive $ref could not say where nesting stops)."""
    if depth > limits.MAX_BULLET_DEPTH:  # any point here is one level too deep (marked where the loader does)
        return {"type": "null", "errorMessage": f"Bullets nested too deep (a slide shows at most "
                                                f"{limits.MAX_BULLET_DEPTH} levels)."}
    return {"anyOf": [dict(TEXT), {
        "type": "object", "minProperties": 1, "maxProperties": 1,
        # One description on the pair: the editor's hover joins the branches' own with '||'.
        "additionalProperties": {**_describe("The point's sub-points, or a definition's explanation."),
                                 "anyOf": [dict(TEXT), {"type": "array", "items": _bullet(depth + 1)}]}}]}


def _describe(text: str) -> dict[str, str]:
    """A key's documentation: Markdown for editors' hover, plain for everything else."""
    return {"description": text.replace("`", ""), "markdownDescription": text}


def object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one model class (its nested classes go into ``defs``)."""
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        schema = _type_schema(hints[f.name], defs)
        rules = dict(f.metadata.get("schema", {}))
        items_pattern = rules.pop("items_pattern", None)
        nullable = "anyOf" in schema and {"type": "null"} in schema["anyOf"]
        target = schema["anyOf"][0] if nullable else schema
        if items_pattern:
            target["items"] = {"type": "string", "pattern": items_pattern}
        if "pattern" in rules:  # a pattern is for text: a number there is an error, as in the loader
            target["type"] = ["string", "null"] if "null" in target.get("type", ()) else "string"
        for key in _EXTRA:
            if key in rules:
                if "$ref" in target:  # keywords beside $ref: wrap to stay valid draft 2020-12
                    target = {"allOf": [dict(target)]}
                target[key] = rules[key]
        if nullable:
            schema["anyOf"][0] = target
        else:
            schema = target
        schema = {**_describe(f.metadata.get("doc", "")), **schema}
        # No default of false: completing a list of objects inserts each item's keys that have a
        # default, so `columns:` would insert `- decorative: false` (false is what absent means anyway).
        if f.default is not dataclasses.MISSING and f.default is not None and f.default is not False \
                and not callable(f.default):
            schema["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
            if default not in ([], {}) and not dataclasses.is_dataclass(default):  # an object: its keys have theirs
                schema["default"] = default
        if is_required(f):
            required.append(f.name)
            if schema.get("type") == TEXT["type"]:  # a required text may not be blank (the loader's rule)
                schema["pattern"] = r"\S"
        props[f.name] = schema
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    out: dict[str, Any] = {"type": "object", **_describe(doc), "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    if cls in _RULES:
        out.update(_RULES[cls]())
    return out


def _given(key: str, message: str | None = None) -> dict[str, Any]:
    error = {"errorMessage": message} if message else {}
    # doNotSuggest: a rule's copy of a key is not offered in completion beside the key itself.
    # Given: not null. Not `not: {type: null}`, whose message in the editor is fixed and vague; and
    # no boolean, or completion offers true and false for the key's value (a kind written `true`
    # is text to the loader: the editor then wrongly says the slide shows nothing, a rare case).
    return {"required": [key], "properties": {key: {"type": ["string", "number", "array", "object"],
                                                    "doNotSuggest": True, **error}},
            **error}


def _one_kind(kinds: tuple[str, ...], noun: str, pairs: tuple[tuple[str, str], ...] = ()) -> list[dict[str, Any]]:
    """Exactly one of ``kinds`` given (or one of the ``pairs``), as rules an editor reports in words.

    ``anyOf`` of "kind K is given" (each failing with the same message), then for each kind, "the
    other kinds are absent" (a kind's key beside another is the error, at its line). ``oneOf`` would
    say the same, but the YAML language server's message for it is fixed and vague.
    """
    listed = ", ".join(kinds)
    rules: list[dict[str, Any]] = [{"anyOf": [_given(k, f"A {noun} shows one of: {listed}.") for k in kinds]}]
    for kind in kinds:
        others = {}
        for other in kinds:
            if other == kind or (kind, other) in pairs or (other, kind) in pairs:
                continue
            pair = "; bullets share a slide only with an image or a chart" if pairs and "bullets" in (kind, other) else ""
            others[other] = _flag(f"A {noun} shows one thing: '{kind}' or '{other}', not both (expected one of: "
                                  f"{listed}){pair}.", type="null")
        rules.append({"if": _given(kind), "then": {"properties": others}})
    return rules


def _slide_rules() -> dict[str, Any]:
    """What the loader checks on a slide beyond its keys' types (validate.py): one kind, or bullets beside
    an image or a chart; keys that belong to some kinds; a title unless a quote; alt text."""
    beside = tuple(("bullets", f) for f in FIGURE_KINDS)
    rules = _one_kind(SLIDE_KINDS, "slide", beside)
    for key, allowed in KIND_KEYS.items():
        where = " or ".join(allowed)
        rules.append({"if": {"not": {"anyOf": [_given(k) for k in allowed]}},
                      "then": {"properties": {key: _flag(f"'{key}' belongs on {where} slides.",
                                                         **_absent_or_false(key))}}})
    rules.append({"if": {"not": {"allOf": [_given("bullets"), {"anyOf": [_given(f) for f in FIGURE_KINDS]}]}},
                  "then": {"properties": {"figure_side": _flag(
                      "'figure_side' belongs on slides of bullets beside an image or a chart.", type="null")}}})
    rules.append({"if": {"not": _given("quote")}, "then": {"required": ["title"], "properties": {"title": _flag(
        "Is blank (expected the slide's title).", type=TEXT["type"], pattern=r"\S")}}})
    return {"allOf": rules + _image_rules()}


def _column_rules() -> dict[str, Any]:
    """A column shows exactly one of bullets, an image or a chart; alt text for its image."""
    rules = _one_kind(COLUMN_KINDS, "column")
    for key in ("alt", "decorative"):
        rules.append({"if": {"not": _given("image")}, "then": {"properties": {key: _flag(
            f"'{key}' belongs on a column with an image.", **_absent_or_false(key))}}})
    return {"allOf": rules + _image_rules()}


def _absent_or_false(key: str) -> dict[str, Any]:
    """A key that must be absent: null, or for a true/false key also false."""
    if key == "decorative":
        return {"enum": [None, False, *(w for w in YAML11_BOOLS if w.lower() in ("false", "no", "off"))]}
    return {"type": "null"}


def _is(key: str, values: list[Any]) -> dict[str, Any]:
    return {"required": [key], "properties": {key: {"enum": values}}}


def _flag(message: str, **schema: Any) -> dict[str, Any]:
    """A rule on one key that an editor reports at that key's value, in words (no completion)."""
    return {**schema, "doNotSuggest": True, "errorMessage": message}


def _image_rules() -> list[dict[str, Any]]:
    """An image needs alt text (not blank) unless decorative: marked at the image, as the loader does."""
    truthy = [True, *(w for w in YAML11_BOOLS[6:] if w.lower() in ("yes", "on"))]
    described = {"anyOf": [{"required": ["alt"], "properties": {"alt": {"type": TEXT["type"], "pattern": r"\S"}}},
                           _is("decorative", truthy)]}
    return [{"if": {**_given("image"), "not": described},
             "then": {"properties": {"image": _flag("An image needs alt text (add 'alt: what it shows', or "
                                                    "'decorative: true' if it only decorates).", type="null")}}}]


def _chart_rules() -> dict[str, Any]:
    """The keys a chart's type needs, as the loader checks them (validate_chart.py)."""
    one = list(ONE_SERIES_CHARTS)
    several = [t for t in CHART_TYPES if t not in ONE_SERIES_CHARTS and t != "line"]
    takes_data = "(use type stacked, grouped or line for several series)."
    not_null = {"if": {"type": "null"}, "then": _flag(
        "null (a missing value) is drawn only on line charts, as a gap (give a number or leave the category "
        "out).", type="number")}
    return {"allOf": [
        {"if": _is("type", one), "then": {"properties": {
            "data": _flag("Is empty (expected at least one category: value).", minProperties=1),
            "series": _flag(f"A bar or barh chart takes 'data', not 'series' {takes_data}", type="null"),
            "categories": _flag(f"A bar or barh chart takes 'data', not 'categories' {takes_data}", type="null")}}},
        {"if": {**_is("type", one), "not": {"required": ["data"]}},
         "then": {"properties": {"type": _flag(f"A bar or barh chart needs 'data: {{category: value, ...}}' "
                                               f"{takes_data}", enum=[*several, "line"])}}},
        # Both conditions, not one dict of both: their 'required' and 'properties' would overwrite each other's,
        # and a barh chart given 'categories' was told what a line chart takes.
        {"if": {"allOf": [_is("type", ["line"]), _given("data")]}, "then": {"properties": {
            key: _flag(f"A line chart takes either 'data' for one series or 'categories' and 'series', not "
                       f"'{key}' beside 'data'.", type="null") for key in ("categories", "series")}}},
        {"if": {**_is("type", ["line"]), "not": _given("data")}, "then": {"required": ["categories", "series"]}},
        {"if": _is("type", several), "then": {"required": ["categories", "series"], "properties": {
            "data": _flag("A stacked or grouped chart takes 'categories' and 'series', not 'data' "
                          "(use type bar for one series).", type="null")}}},
        {"if": {"not": _is("type", list(HIGHLIGHT_CHARTS))}, "then": {"properties": {
            "highlight": {"doNotSuggest": True, "items": _flag(
                "'highlight' works on bar, barh and line charts (a stacked or grouped chart tells its series "
                "apart by colour).", type="null")}}}},
        {"if": {"not": _is("type", ["line"])}, "then": {"properties": {
            "data": {"doNotSuggest": True, "additionalProperties": not_null},
            "series": {"doNotSuggest": True, "additionalProperties": {"items": not_null}}}}},
    ]}


_RULES = {Slide: _slide_rules, Column: _column_rules, Chart: _chart_rules}


def talk_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a talk.yaml outline."""
    defs: dict[str, Any] = {}
    root = object_schema(Talk, defs)
    # No "title": the editor would head every hover with it (twice where a key takes two types).
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **root, "$defs": defs}


def schema_json() -> str:
    """The schema as the text committed in talk.schema.json."""
    return json.dumps(talk_schema(), indent=2, ensure_ascii=False) + "\n"


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type_name(s) for s in schema["anyOf"] if s != {"type": "null"})
    if "allOf" in schema:
        return _type_name(schema["allOf"][0])
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    t = schema.get("type")
    if isinstance(t, list) and "null" in t:
        t = [x for x in t if x != "null"]
        t = t[0] if len(t) == 1 else t
        schema = {**schema, "type": t, **({"enum": [v for v in schema["enum"] if v is not None]}
                                          if "enum" in schema else {})}
    if t == ["boolean", "string"]:
        return "true/false"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"] if v is not None)
    if t == "array":
        return f"list of {_type_name(schema['items'])}"
    if t == "object":
        return f"mapping of name → {_type_name(schema['additionalProperties'])}"
    if t in (TEXT["type"], ["string", "number"]):
        return "text"
    if t == ["string", "number", "array"]:  # one, or a list of them (math)
        return f"{_type_name(schema['items'])} or list of {_type_name(schema['items'])}"
    if isinstance(t, list):
        return " or ".join(_type_name({"type": one}) for one in t)
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true/false"}.get(str(t), str(t))


def outline_reference() -> str:
    """The key-by-key reference of docs/outline.md, generated from the schema."""
    schema = talk_schema()
    parts = ["<!-- generated by `talkdeck schema --markdown`; do not edit by hand -->\n"]
    for name, obj in [("Talk", schema), *schema["$defs"].items()]:
        if "properties" not in obj:
            parts.append(f"### {name}\n\n{obj.get('markdownDescription', '')}\n")
            continue
        parts.append(f"### {name}\n\n{obj['markdownDescription']}\n\n| key | type | required | default | meaning |\n"
                     "|---|---|---|---|---|")
        for key, prop in obj["properties"].items():
            default = f"`{json.dumps(prop['default'], ensure_ascii=False)}`" if "default" in prop else ""
            req = "yes" if key in obj.get("required", []) else ""
            parts.append(f"| `{key}` | {_type_name(prop)} | {req} | {default} | {prop['markdownDescription']} |")
        parts.append("")
    return "\n".join(parts)
