"""CSL: "substituted variables are considered empty for the remainder of the output". citeproc-py empties a
variable a ``<substitute>`` rendered itself, but not one it rendered through a macro: Chicago puts an
authorless work's title in the author's place with ``<text macro="title"/>`` and then wrote the title again,
"‘Ипатьевская летопись’. ‘Ипатьевская летопись’. Библиотека…" (pandoc writes it once)."""

from __future__ import annotations

from typing import Any

_APPLIED = False
#: The variables a substituted macro stands for; the title is the one styles substitute through a macro.
_TITLES = ("title", "title-short")


def apply() -> None:
    """Patch citeproc-py so that a title substituted through a macro is not rendered again (once)."""
    global _APPLIED
    if _APPLIED:
        return
    from citeproc import model

    original = model.Substitute.add_to_repressed_list

    def add_to_repressed_list(self: Any, child: Any, context: Any) -> None:
        original(self, child, context)
        macro = child.get("macro") if isinstance(child, model.Text) else None
        if macro is None:
            return
        rendered = {el.get("variable") for el in _expanded(child, macro) if el.get("variable")}
        texts = context.get_layout().repressed.setdefault(child.tag, [])
        texts += [v for v in _TITLES if v in rendered or v == "title-short" and "title" in rendered]

    model.Substitute.add_to_repressed_list = add_to_repressed_list
    _APPLIED = True


def _expanded(element: Any, macro: str, seen: frozenset[str] = frozenset()) -> list[Any]:
    """The elements of ``macro`` (as ``element``'s style defines it), the macros it calls expanded."""
    if macro in seen:
        return []
    found = []
    for el in element.get_macro(macro).iter():
        found.append(el)
        if el is not element and el.get("macro"):
            found += _expanded(element, el.get("macro"), seen | {macro})
    return found
