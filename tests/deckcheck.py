"""What PowerPoint needs of a .pptx beyond python-pptx reopening it, read straight from the package's XML.

Checked on every deck a test builds (the ECMA-376 schemas themselves, where the
validator is, by tests/ooxml.py); these are the rules talkdeck's own code can break: shape ids unique within a slide, the
children of paragraphs and text properties in schema order, every relationship
id a slide uses defined in that slide's part, one notes page per slide.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NOTES_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"

#: ECMA-376 Part 1 sequences (20.1.2.3.*, 21.1.2.*): each inner tuple is one position, filled at most once.
_RPR = (("ln",), ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"), ("effectLst", "effectDag"),
        ("highlight",), ("uLnTx", "uLn"), ("uFillTx", "uFill"), ("latin",), ("ea",), ("cs",), ("sym",),
        ("hlinkClick",), ("hlinkMouseOver",), ("rtl",), ("extLst",))
SEQUENCES = {
    "p": None,  # pPr?, (r | br | fld)*, endParaRPr?: checked by _paragraph_problem
    "pPr": (("lnSpc",), ("spcBef",), ("spcAft",), ("buClrTx", "buClr"), ("buSzTx", "buSzPct", "buSzPts"),
            ("buFontTx", "buFont"), ("buNone", "buAutoNum", "buChar", "buBlip"), ("tabLst",), ("defRPr",),
            ("extLst",)),
    "rPr": _RPR, "endParaRPr": _RPR, "defRPr": _RPR,
}


def _local(el) -> str:
    return etree.QName(el).localname


def _paragraph_problem(p) -> str | None:
    rank = {"pPr": 0, "r": 1, "br": 1, "fld": 1, "endParaRPr": 2}
    tags = [_local(c) for c in p]
    ranks = [rank.get(t, -1) for t in tags]
    if -1 in ranks or ranks != sorted(ranks) or tags.count("pPr") > 1 or tags.count("endParaRPr") > 1:
        return f"a:p children out of schema order: {tags}"
    return None


def _sequence_problem(el, sequence) -> str | None:
    where = {tag: i for i, group in enumerate(sequence) for tag in group}
    tags = [_local(c) for c in el]
    places = [where.get(t, -1) for t in tags]
    if -1 in places or any(b <= a for a, b in zip(places, places[1:])):
        return f"a:{_local(el)} children out of schema order: {tags}"
    return None


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str, str]]:
    """rId → (type, target part name or URL, TargetMode) of ``part``."""
    folder, name = posixpath.split(part)
    path = f"{folder}/_rels/{name}.rels"
    if path not in z.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(z.read(path)).iter(f"{{{PKG_RELS}}}Relationship"):
        mode = rel.get("TargetMode", "Internal")
        target = rel.get("Target")
        if mode == "Internal":
            target = posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type"), target, mode)
    return out


CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def package_problems(z: zipfile.ZipFile) -> list[str]:
    """No zip member twice, and exactly one core-properties part, linked once with the OPC relationship type."""
    problems = []
    names = z.namelist()
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        problems.append(f"zip members written twice: {', '.join(twice)}")
    rels = etree.fromstring(z.read("_rels/.rels")).iter(f"{{{PKG_RELS}}}Relationship")
    core = [r.get("Target") for r in rels if r.get("Type", "").endswith("/metadata/core-properties")]
    if len(core) != 1:
        problems.append(f"_rels/.rels: {len(core)} core-properties relationships: {core}")
    standard = [r for r in etree.fromstring(z.read("_rels/.rels")).iter(f"{{{PKG_RELS}}}Relationship")
                if r.get("Type") == CORE]
    if len(standard) != 1:
        problems.append("_rels/.rels: the core properties are not linked with the OPC relationship type")
    cores = [n for n in names if n.lower().endswith("core.xml")]
    if len(cores) != 1:
        problems.append(f"{len(cores)} core-properties parts: {cores}")
    return problems


def dangling_references(z: zipfile.ZipFile) -> list[str]:
    """Every relationship id used in an XML part of the package that its part does not define, and every
    internal relationship that leads to a part the package does not hold (masters and layouts included)."""
    problems = []
    names = set(z.namelist())
    for part in sorted(n for n in names if n.endswith(".xml") and "/_rels/" not in n and n != "[Content_Types].xml"):
        rels = _rels(z, part)
        for rId, (_, target, mode) in rels.items():
            if mode == "Internal" and target not in names:
                problems.append(f"{part}: relationship {rId} leads to {target}, which is not in the package")
        data = z.read(part)
        if R.encode() not in data:
            continue
        for el in etree.fromstring(data).iter():
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{R}}}") and value not in rels:
                    problems.append(f"{part}: {_local(el)}/@r:{etree.QName(attr).localname}={value} "
                                    "is not a relationship of this part")
    return problems


def deck_problems(deck: Path | bytes) -> list[str]:
    """Every rule broken in ``deck`` (a path or the bytes of a .pptx), as ``part: what``; empty if none."""
    import io

    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(deck) if isinstance(deck, bytes) else deck) as z:
        problems += package_problems(z)
        names = set(z.namelist())
        parts = sorted(n for n in names if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", n))
        notes_of: dict[str, str] = {}
        for part in parts:
            root = etree.fromstring(z.read(part))
            rels = _rels(z, part)
            ids = [c.get("id") for c in root.iter(f"{{{P}}}cNvPr")]
            dupes = sorted({i for i in ids if ids.count(i) > 1}, key=int)
            if dupes:
                problems.append(f"{part}: shape ids used twice: {', '.join(dupes)}")
            for el in root.iter(*(f"{{{A}}}{tag}" for tag in SEQUENCES)):
                sequence = SEQUENCES[_local(el)]
                problem = _paragraph_problem(el) if sequence is None else _sequence_problem(el, sequence)
                if problem:
                    problems.append(f"{part}: {problem}")
            for el in root.iter():
                for attr, value in el.attrib.items():
                    if attr.startswith(f"{{{R}}}") and value not in rels:
                        problems.append(f"{part}: {_local(el)}/@r:{etree.QName(attr).localname}={value} "
                                        "is not a relationship of this part")
            for rId, (kind, target, mode) in rels.items():
                if mode == "Internal" and target not in names:
                    problems.append(f"{part}: relationship {rId} leads to {target}, which is not in the package")
                if kind == NOTES_SLIDE:
                    if target in notes_of:
                        problems.append(f"{part}: shares its notes page {target} with {notes_of[target]}")
                    notes_of[target] = part
                    back = [t for k, t, _ in _rels(z, target).values() if k == SLIDE]
                    if back != [part]:
                        problems.append(f"{part}: its notes page {target} belongs to {back}")
    return problems
