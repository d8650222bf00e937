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
from .template import TemplateError, open_presentation, pick_layout, reading


def read_template_frame(template: Path, aspect: str | None = None) -> Frame:
    """What the planner needs of ``template`` (its size, placeholders, styles, colours), read from the file."""
    return checked_frame(open_presentation(template, aspect), template)


def checked_frame(prs, template: Path) -> Frame:
    """:func:`read_frame` of a template's presentation; TemplateError for one whose layouts cannot serve (a
    damaged file python-pptx reads only in part, a title with no place)."""
    with reading(template):
        frame = read_frame(prs)
    for role, lf in frame.layouts.items():
        if lf.title is None or lf.title.w <= 0 or lf.title.h <= 0:
            raise TemplateError(f"{template.name}: the layout '{lf.name}' (for {role} slides) has a title placeholder "
                                "with no place on the slide, of its own or its master's; save the template again "
                                "from PowerPoint")
    return frame


__all__ = ["DeckBuilder", "TemplateError", "checked_frame", "open_presentation", "pick_layout", "read_frame",
           "read_template_frame"]
