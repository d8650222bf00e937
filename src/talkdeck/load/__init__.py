"""load: talk.yaml → :class:`~talkdeck.model.Talk`, with every problem at its line.

The only package that imports yaml. ``reader`` turns the file's bytes into YAML
*nodes* (never constructing objects, so no tag can run code); ``convert`` turns
nodes into the model against its type hints, keeping the text the author typed
(a title ``no`` or ``1.10`` stays text; numbers and dates are read only where
the model wants them). Duplicate keys, unknown keys and wrong types are
collected with their positions, then raised once as
:class:`~talkdeck.errors.OutlineError`. ``chars`` names the characters YAML
would refuse or misread (and those a deck cannot hold) at their place,
``dates`` reads dates, ``slips`` recognises the slip behind a wrong type.
"""

from .reader import load_talk, parse_talk

__all__ = ["load_talk", "parse_talk"]
