"""deck: [SlideSpec] + chart PNGs → .pptx bytes, with python-pptx.

The only package that imports pptx. Layouts are chosen for their role by their
placeholders, geometry and looks, names only a hint (roles.py), text goes into real title/body
placeholders at its fitted size (text.py), every picture gets alt text, every
slide gets notes, and the file is serialised reproducibly (builder.py).
speedups.py holds the workarounds for python-pptx's costs that grow with N.
"""

from pathlib import Path

from ..plan.frame import Frame
from .builder import DeckBuilder
from .geometry import read_frame
from .template import TemplateError, open_presentation, pick_layout


def read_template_frame(template: Path, aspect: str | None = None) -> Frame:
    """What the planner needs of ``template`` (its size, placeholders, styles, colours), read from the file."""
    return read_frame(open_presentation(template, aspect))


__all__ = ["DeckBuilder", "TemplateError", "open_presentation", "pick_layout", "read_frame", "read_template_frame"]
