"""load: talk.yaml → :class:`~talkdeck.model.Talk`, with every problem at its line.

The only package that imports yaml. ``reader`` turns the file's bytes into YAML
*nodes* (never constructing objects, so no tag can run code); ``convert`` turns
nodes into the model against its type hints, keeping the text the author typed
(a title ``no`` or ``1.10`` stays text; numbers and dates are read only where
the model wants them). Duplicate keys, unknown keys and wrong types are
collected with their positions, then raised once as
:class:`~talkdeck.errors.OutlineError`.
"""

from .reader import load_talk, parse_talk

__all__ = ["load_talk", "parse_talk"]
