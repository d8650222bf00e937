"""What CSL sets apart at the start of a reference, which citeproc-py runs into the text after it: the first
field of a bibliography with ``second-field-align`` (IEEE's ``[1]``, Vancouver's ``1.``) and a block with
``display="left-margin"`` came out as ``[1]A. Selberg``. pandoc sets them apart; on a slide, where a
reference is one hanging-indented paragraph, a space does."""

from __future__ import annotations

from typing import Any

_APPLIED = False


def apply() -> None:
    """Patch citeproc-py so that what a ``display="left-margin"`` element writes ends in a space (once)."""
    global _APPLIED
    if _APPLIED:
        return
    from citeproc import model

    original_wrap = model.Affixed.wrap

    def wrap(self: Any, string: Any) -> Any:
        text = original_wrap(self, string)
        if text is not None and _set_apart(self) and str(text) and not str(text)[-1].isspace():
            text = text + " "
        return text

    model.Affixed.wrap = wrap
    _APPLIED = True


def _set_apart(element: Any) -> bool:
    """Whether CSL sets what ``element`` writes apart from what follows it."""
    if element.get("display") == "left-margin":
        return True
    layout = element.getparent()
    if layout is None or not str(layout.tag).endswith("}layout"):
        return False
    bibliography = layout.getparent()
    if bibliography is None or not str(bibliography.tag).endswith("}bibliography"):
        return False
    first = next((child for child in layout if isinstance(child.tag, str)), None)
    return first is element and bool(bibliography.get("second-field-align"))
