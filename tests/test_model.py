"""The model: every default is a value of its field's declared type, and no two talks share one."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import pytest

from talkdeck.model import MODELS, Closing, Section, Speaker, Talk, Theme


def fits(value: Any, tp: Any) -> bool:
    """Whether ``value`` is a value of the type hint ``tp`` (the few kinds of hint the model uses)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        return any(fits(value, a) for a in args)
    if origin is Literal:
        return value in args
    if origin is list:
        return isinstance(value, list) and all(fits(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(fits(k, args[0]) and fits(v, args[1]) for k, v in value.items())
    if tp is type(None):
        return value is None
    return isinstance(value, getattr(tp, "__supertype__", tp))


DEFAULTS = [(cls, f) for cls in MODELS for f in dataclasses.fields(cls)
            if not f.metadata.get("internal")
            and (f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING)]


@pytest.mark.parametrize("cls, f", DEFAULTS, ids=[f"{cls.__name__}.{f.name}" for cls, f in DEFAULTS])
def test_each_default_is_a_value_of_its_declared_type(cls, f):
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
    assert fits(default, typing.get_type_hints(cls)[f.name]), (f.name, default)


def test_each_talk_has_its_own_theme_and_closing():
    def talk() -> Talk:
        return Talk(title="T", speaker=Speaker(name="A", bio="B"), sections=[Section(title="S", slides=[])])

    one, two = talk(), talk()
    assert isinstance(one.theme, Theme) and isinstance(one.closing, Closing)
    assert one.theme == two.theme and one.theme is not two.theme and one.closing is not two.closing
    one.theme.accent = "#000000"
    assert two.theme.accent == Theme().accent
