"""Relationships of what is copied from a layout or master onto a slide.

A placeholder or drawing copied from a layout may refer to parts of the
layout through relationship ids: WPS Presentation tags its footer, date and
number placeholders (``p:custDataLst/p:tags r:id``), PowerPoint keeps custom
data there, a picture names its image (``a:blip r:embed``), a link its target.
An id means something only in the part that defines it: each one the copy
holds is related again from the slide (to the same part or address), or, when
it leads nowhere, the reference is dropped, so that no id in the deck dangles.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Elements that are nothing without their relationship: dropped, not left dangling.
_DROPPABLE = {qn("p:tags"), qn("p:custData"), qn("a:hlinkClick"), qn("a:hlinkHover")}


def carry_relationships(el, source, target) -> None:
    """Relate every relationship id used in ``el`` (copied from part ``source``) again from part ``target``,
    rewriting the ids; drop references ``source`` does not define (and an emptied ``p:custDataLst``)."""
    for node in list(el.iter()):
        for attr, rid in list(node.attrib.items()):
            if not attr.startswith(f"{{{_R}}}"):
                continue
            rel = source.rels.get(rid) if source is not None else None
            if rel is None:
                _drop(node, attr)
                continue
            if rel.is_external:
                node.set(attr, target.relate_to(rel.target_ref, rel.reltype, is_external=True))
            else:
                node.set(attr, target.relate_to(rel.target_part, rel.reltype))
    for holder in list(el.iter(qn("p:custDataLst"))):
        if len(holder) == 0:
            holder.getparent().remove(holder)


def _drop(node, attr: str) -> None:
    if node.tag in _DROPPABLE and node.getparent() is not None:
        node.getparent().remove(node)
    else:
        del node.attrib[attr]


def drop_dangling(prs) -> None:
    """Drop the references of ``prs``'s masters and layouts that their own parts do not define (a template
    saved by a careless tool): the deck is built on them, and its package must hold together."""
    for owner in [*prs.slide_masters, *prs.slide_layouts]:
        rels = owner.part.rels
        for node in list(owner._element.iter()):
            for attr, rid in list(node.attrib.items()):
                if attr.startswith(f"{{{_R}}}") and rels.get(rid) is None:
                    _drop(node, attr)
        for holder in list(owner._element.iter(qn("p:custDataLst"))):
            if len(holder) == 0:
                holder.getparent().remove(holder)
