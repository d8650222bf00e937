"""deck: [SlideSpec] + chart PNGs → .pptx bytes, with python-pptx.

The only package that imports pptx. Layouts are chosen by the placeholders they
have (never by name or index: template.py), text goes into real title/body
placeholders at its fitted size (text.py), every picture gets alt text, every
slide gets notes, and the file is serialised reproducibly (builder.py).
speedups.py holds the workarounds for python-pptx's costs that grow with N.
"""

from .builder import DeckBuilder
from .template import TemplateError, open_presentation, pick_layout

__all__ = ["DeckBuilder", "TemplateError", "open_presentation", "pick_layout"]
