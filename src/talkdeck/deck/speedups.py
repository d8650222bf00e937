"""Workarounds for python-pptx costs that grow with the deck (without forking it).

Each replaces, on one presentation (or, for XPath, in this process), a lookup
that scans the whole package or recompiles an expression per call.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import _nsmap
from pptx.oxml.xmlchemy import BaseOxmlElement


def count_notes_partnames(prs) -> None:
    """Name notes slides from a counter instead of python-pptx's scan of every part.

    ``OpcPackage.next_partname`` walks the whole package for each new notes
    slide, which makes notes O(N²) in the number of slides. talkdeck adds all
    notes slides itself, so a counter started from the existing count is exact.
    """
    package = prs.part.package
    scan = package.next_partname
    notes_tmpl = "/ppt/notesSlides/notesSlide%d.xml"
    counter: list[int] = []  # the last notes page's number, once known

    def next_partname(tmpl: str) -> PackURI:
        if tmpl != notes_tmpl:
            return scan(tmpl)
        if not counter:
            counter.append(int(scan(tmpl).rsplit("notesSlide", 1)[1].removesuffix(".xml")) - 1)
        counter[0] += 1
        return PackURI(tmpl % counter[0])

    package.next_partname = next_partname


def index_relationships(rels) -> None:
    """Find a part's existing relationship to a target by a dict instead of a scan.

    ``_Relationships.get_or_add`` lists every relationship of the part to see
    whether one already leads to the target; for the presentation part, which
    relates to every slide, that makes adding slides O(N²) (the largest part of a
    2000-slide build before this). The index holds the first relationship of each type to
    each part, as the scan would find it; relationships are only added through
    get_or_add once it is installed, and an entry dropped since is looked up
    again the slow way.
    """
    first: dict[tuple[str, int], str] = {}
    for rId, rel in rels.items():
        if not rel.is_external:
            first.setdefault((rel.reltype, id(rel.target_part)), rId)
    scan = rels.get_or_add

    def get_or_add(reltype: str, target_part) -> str:
        key = (reltype, id(target_part))
        rId = first.get(key)
        if rId is None:
            rId = first[key] = rels._add_relationship(reltype, target_part)
        elif rId not in rels or rels[rId].target_part is not target_part or rels[rId].reltype != reltype:
            rId = first[key] = scan(reltype, target_part)
        return rId

    rels.get_or_add = get_or_add


def compile_xpaths_once() -> None:
    """Have python-pptx evaluate each XPath expression compiled once, not on every call.

    ``BaseOxmlElement.xpath`` passes the expression text to lxml, which compiles
    it each time; python-pptx makes ~130 such calls a slide (placeholder lookups,
    mostly). Same expressions, same namespaces, same results, in a third of the time.
    """
    compiled: dict[str, etree.XPath] = {}

    def xpath(self, xpath_str: str):
        try:
            evaluate = compiled[xpath_str]
        except KeyError:
            evaluate = compiled[xpath_str] = etree.XPath(xpath_str, namespaces=_nsmap)
        return evaluate(self)

    if getattr(BaseOxmlElement.xpath, "talkdeck_compiled", False):
        return
    xpath.talkdeck_compiled = True  # type: ignore[attr-defined]
    BaseOxmlElement.xpath = xpath  # type: ignore[method-assign]  # the point: one compiled XPath each
