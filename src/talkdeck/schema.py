"""The outline's JSON Schema and its reference docs, generated from the model.

The loader validates against the same type hints and field metadata, so the
schema (for editors' completion), docs/outline.md and the loader cannot drift.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from .model import COLUMN_KINDS, FIGURE_KINDS, SLIDE_KINDS, Bullet, Category, Column, Slide, Talk

SCHEMA_ID = "https://talkdeck.invalid/talk.schema.json"
_EXTRA = ("minimum", "maximum", "exclusiveMinimum", "pattern", "minItems", "maxItems", "properties", "propertyNames")


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        schema = _type_schema(inner[0], defs)
        return {"anyOf": [schema, {"type": "null"}]} if type(None) in args else schema
    if origin is Literal:
        return {"enum": list(args)}
    if tp is Bullet:
        defs.setdefault("Bullet", {
            "description": "A bullet point: text; a definition `Term: explanation` (shown as the term in bold, "
                           "a colon, the explanation); or a one-key mapping `text:` with a list of sub-points "
                           "under it. Takes inline markup: `*italic*`, `**bold**`, `` `code` ``, "
                           "`[text](https://…)`.",
            "anyOf": [{"type": "string"},
                      {"type": "object", "minProperties": 1, "maxProperties": 1,
                       "additionalProperties": {"anyOf": [
                           {"type": ["string", "number", "boolean"]},
                           {"type": "array", "items": {"$ref": "#/$defs/Bullet"}}]}}]})
        return {"$ref": "#/$defs/Bullet"}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if tp is Category:  # `- 2020` is a number to YAML; the loader keeps it as the text typed
        return {"type": ["string", "number"]}
    base = getattr(tp, "__supertype__", tp)
    if base is dt.date:
        return {"type": "string", "format": "date"}
    return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[base]}


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
        target = schema["anyOf"][0] if "anyOf" in schema and {"type": "null"} in schema["anyOf"] else schema
        if items_pattern:
            target["items"] = {"type": "string", "pattern": items_pattern}
        for key in _EXTRA:
            if key in rules:
                if "$ref" in target:  # keywords beside $ref: wrap to stay valid draft 2020-12
                    target = {"allOf": [dict(target)]}
                target[key] = rules[key]
        if target is not schema and "anyOf" in schema:
            schema["anyOf"][0] = target
        elif target is not schema:
            schema = target
        schema = {"description": f.metadata.get("doc", ""), **schema}
        if f.default is not dataclasses.MISSING and f.default is not None and not callable(f.default):
            schema["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
            if default not in ([], {}) and not dataclasses.is_dataclass(default):  # an object: its keys have theirs
                schema["default"] = default
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
        props[f.name] = schema
    out: dict[str, Any] = {"type": "object", "description": (cls.__doc__ or "").strip().splitlines()[0],
                           "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    if cls is Slide:
        out.update(_slide_rules())
    if cls is Column:
        out.update(_column_rules())
    return out


def _given(key: str) -> dict[str, Any]:
    return {"required": [key], "properties": {key: {"not": {"type": "null"}}}}


def _both(a: str, b: str) -> dict[str, Any]:
    return {"required": [a, b], "properties": {a: {"not": {"type": "null"}}, b: {"not": {"type": "null"}}}}


def _exactly_one(kinds: tuple[str, ...], pairs: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """One of ``kinds`` given, and no two of them but the ``pairs`` allowed together."""
    forbidden = [_both(a, b) for i, a in enumerate(kinds) for b in kinds[i + 1:] if (a, b) not in pairs]
    return {"anyOf": [_given(k) for k in kinds], "not": {"anyOf": forbidden}}


def _slide_rules() -> dict[str, Any]:
    """What the loader checks on a slide beyond its keys' types: exactly one kind (or bullets beside an
    image or a chart), a title unless a quote."""
    return {**_exactly_one(SLIDE_KINDS, tuple(("bullets", f) for f in FIGURE_KINDS)),
            "if": {"not": _given("quote")}, "then": _given("title")}


def _column_rules() -> dict[str, Any]:
    """A column shows exactly one of bullets, an image or a chart."""
    return _exactly_one(COLUMN_KINDS)


def talk_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a talk.yaml outline."""
    defs: dict[str, Any] = {}
    root = object_schema(Talk, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "talkdeck outline (talk.yaml)", **root, "$defs": defs}


def schema_json() -> str:
    """The schema as the text committed in talk.schema.json."""
    return json.dumps(talk_schema(), indent=2, ensure_ascii=False) + "\n"


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema and {"type": "null"} in schema["anyOf"]:
        return _type_name(schema["anyOf"][0])
    if "allOf" in schema:
        return _type_name(schema["allOf"][0])
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    t = schema.get("type")
    if isinstance(t, list):
        return " or ".join(_type_name({"type": one}) for one in t)
    if t == "array":
        return f"list of {_type_name(schema['items'])}"
    if t == "object":
        return f"mapping of name → {_type_name(schema['additionalProperties'])}"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true/false"}.get(t, str(t))


def outline_reference() -> str:
    """The key-by-key reference of docs/outline.md, generated from the schema."""
    schema = talk_schema()
    parts = ["<!-- generated by `talkdeck schema --markdown`; do not edit by hand -->\n"]
    for name, obj in [("Talk", schema), *schema["$defs"].items()]:
        if "properties" not in obj:
            parts.append(f"### {name}\n\n{obj.get('description', '')}\n")
            continue
        parts.append(f"### {name}\n\n{obj['description']}\n\n| key | type | required | default | meaning |\n"
                     "|---|---|---|---|---|")
        for key, prop in obj["properties"].items():
            default = f"`{json.dumps(prop['default'], ensure_ascii=False)}`" if "default" in prop else ""
            req = "yes" if key in obj.get("required", []) else ""
            parts.append(f"| `{key}` | {_type_name(prop)} | {req} | {default} | {prop['description']} |")
        parts.append("")
    return "\n".join(parts)
