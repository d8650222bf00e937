"""Opening a template package (.pptx, .potx) safely, before python-pptx sees it.

A template is a zip of XML parts and pictures from anyone: a zip bomb, an
XML entity bomb, an external entity, a picture of billions of pixels or a part
cut short must each end in one message, in bounded time and memory. So:

- the zip's directory is read only when it lists at most
  :data:`~talkdeck.limits.MAX_TEMPLATE_PARTS` files, and the file and the sum
  of its members' declared sizes stay under
  :data:`~talkdeck.limits.MAX_TEMPLATE_BYTES`;
- each member is inflated in chunks and counted, whatever its header says;
- every XML part is parsed with entities, DTDs and the network off (a part
  with a ``<!DOCTYPE>`` is refused: no Office file has one) and at most
  :data:`MAX_XML_BYTES`;
- pictures are measured from their headers (formats restricted, so that Pillow
  never hands a PostScript file to Ghostscript) against
  :data:`~talkdeck.limits.MAX_IMAGE_PIXELS`;
- what python-pptx needs and does not check is there: the presentation's
  slide size (``p:sldSz``) and each slide master's theme.

Pure: no pptx import; the deck stage and the loader's check share it.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from . import limits
from .images import EXPORT_HINT, PictureProblem, is_postscript, picture_size

#: The most bytes one XML part may hold: real masters and themes are tens of kilobytes.
MAX_XML_BYTES = 10_000_000
_CHUNK = 1 << 20

_POTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
#: The core-properties relationship type LibreOffice writes (python-pptx knows only the OPC one, and adds a
#: second docProps/core.xml beside a part it does not recognise).
_LO_CORE = b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
_OPC_CORE = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PICTURE_NAME = re.compile(r"\.(png|jpe?g|gif|bmp|tiff?)$", re.I)


class PackageProblem(Exception):
    """A template package that cannot be used: the message names the file and what is wrong inside it.

    ``office`` names another Office file's kind ("a Word document") when the package is one;
    ``damaged`` is true for a zip that cannot be read or lacks what every package has.
    """

    def __init__(self, message: str, office: str | None = None, damaged: bool = False):
        super().__init__(message)
        self.office = office
        self.damaged = damaged


#: The main part of an Office package names the program it belongs to.
_OFFICE_KINDS = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=False)


def read_package(path: Path) -> io.BytesIO:
    """The template at ``path`` as a .pptx package in memory, checked.

    A .potx differs from a .pptx only in its main part's content type; a
    package saved by LibreOffice links its core properties with a relationship
    type of its own, which is written as the standard one so that the deck
    keeps one core part. A member written twice is read once (the first, as
    readers do). Raises :class:`PackageProblem`. Cached by the file's version.
    """
    try:
        st = path.stat()
    except (OSError, RuntimeError) as e:  # RuntimeError: a symlink loop (Python 3.11's pathlib)
        raise PackageProblem(f"{path.name} cannot be read ({getattr(e, 'strerror', None) or e})") from None
    return io.BytesIO(_checked(path, st.st_mtime_ns, st.st_size))


@functools.lru_cache(maxsize=2)
def _checked(path: Path, mtime_ns: int, size: int) -> bytes:
    name = path.name
    if size > limits.MAX_TEMPLATE_BYTES:
        raise PackageProblem(f"{name} is {size / 1e6:.1f} MB; the limit is {_mb(limits.MAX_TEMPLATE_BYTES)} "
                             f"({limits.how_to_raise('MAX_TEMPLATE_BYTES')})")
    try:
        with path.open("rb") as f:
            count = _entries(f)
            if count > limits.MAX_TEMPLATE_PARTS:
                raise PackageProblem(f"{name} holds {count:,} files; the limit is {limits.MAX_TEMPLATE_PARTS:,} "
                                     f"({limits.how_to_raise('MAX_TEMPLATE_PARTS')})")
            with zipfile.ZipFile(f) as z:
                members = _read_members(z, name)
    except PackageProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as e:
        raise PackageProblem(f"{name} is a damaged zip package ({e}); save it again from PowerPoint",
                             damaged=True) from None
    except OSError as e:
        raise PackageProblem(f"{name} cannot be read ({e.strerror or e})") from None
    _check_parts(members, name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for member, blob in members.items():
            if member == "[Content_Types].xml":
                blob = blob.replace(_POTX_MAIN, _PPTX_MAIN)
            elif member == "_rels/.rels":
                blob = blob.replace(_LO_CORE, _OPC_CORE)
            dst.writestr(member, blob)
    return out.getvalue()


def _entries(f) -> int:
    """How many files the zip's end record says it holds, read before its directory is (0 if there is none:
    zipfile then says the file is no zip)."""
    end = zipfile._EndRecData(f)  # type: ignore[attr-defined]  # the stdlib's own reader of that record
    f.seek(0)
    return int(end[zipfile._ECD_ENTRIES_TOTAL]) if end else 0  # type: ignore[attr-defined]


def _read_members(z: zipfile.ZipFile, name: str) -> dict[str, bytes]:
    """Every member's bytes by name, within the declared and the inflated limits."""
    infos = z.infolist()
    if len(infos) > limits.MAX_TEMPLATE_PARTS:
        raise PackageProblem(f"{name} holds {len(infos):,} files; the limit is {limits.MAX_TEMPLATE_PARTS:,} "
                             f"({limits.how_to_raise('MAX_TEMPLATE_PARTS')})")
    declared = sum(i.file_size for i in infos)
    if declared > limits.MAX_TEMPLATE_BYTES:
        big = max(infos, key=lambda i: i.file_size)
        raise PackageProblem(f"{name} inflates to {declared / 1e6:,.1f} MB ({big.filename}: "
                             f"{big.file_size / 1e6:,.1f} MB); the limit is {_mb(limits.MAX_TEMPLATE_BYTES)} "
                             f"(a zip bomb? {limits.how_to_raise('MAX_TEMPLATE_BYTES')})")
    members: dict[str, bytes] = {}
    budget = limits.MAX_TEMPLATE_BYTES
    for info in infos:
        if info.filename in members or info.is_dir():
            continue
        xml = info.filename.endswith((".xml", ".rels"))
        cap = min(budget, MAX_XML_BYTES) if xml else budget
        chunks, got = [], 0
        with z.open(info) as f:
            while chunk := f.read(_CHUNK):
                got += len(chunk)
                if got > cap:
                    what = (f"an XML part of over {_mb(MAX_XML_BYTES)}" if xml and cap == MAX_XML_BYTES
                            else f"over the limit of {_mb(limits.MAX_TEMPLATE_BYTES)} "
                                 f"({limits.how_to_raise('MAX_TEMPLATE_BYTES')})")
                    raise PackageProblem(f"{name}: {info.filename} inflates to {what} (a zip bomb?)")
                chunks.append(chunk)
        budget -= got
        members[info.filename] = b"".join(chunks)
    return members


def _check_parts(members: dict[str, bytes], name: str) -> None:
    """Raise PackageProblem for the first part that is no safe XML, a picture too large or PostScript,
    or a presentation without a slide size or a master without a theme."""
    trees: dict[str, etree._Element] = {}
    for member, blob in members.items():
        if member.endswith((".xml", ".rels")):
            trees[member] = _parse(blob, member, name)
        elif is_postscript(blob[:64]):
            raise PackageProblem(f"{name}: {member} is a PostScript (EPS) picture, which talkdeck does not open; "
                                 f"{EXPORT_HINT} and put that in the template instead")
        elif _PICTURE_NAME.search(member):
            try:
                picture_size(io.BytesIO(blob))
            except PictureProblem as e:
                if e.too_large:
                    raise PackageProblem(f"{name}: the picture {member} {e}") from None
    if "[Content_Types].xml" not in trees:
        raise PackageProblem(f"{name} has no [Content_Types].xml: it is not a PowerPoint package; save it again "
                             "from PowerPoint as .pptx or .potx", damaged=True)
    types = etree.tostring(trees["[Content_Types].xml"]).decode("utf-8", errors="replace")
    kind = re.search(r'ContentType="application/vnd\.[\w.-]*?(presentationml|wordprocessingml|spreadsheetml)'
                     r'\.[\w.]*main\+xml"', types)
    if kind is None or kind.group(1) != "presentationml":
        office = _OFFICE_KINDS.get(kind.group(1)) if kind else None
        raise PackageProblem(f"{name} is {office or 'a zip file'}, not a PowerPoint template", office or "a zip file")
    main = _target(trees, "", _OFFICE_DOC)
    if main is None or main not in trees:
        raise PackageProblem(f"{name} has no presentation part (ppt/presentation.xml); save it again from "
                             "PowerPoint as .pptx or .potx")
    size = trees[main].find(f"{_P}sldSz")
    if size is None or not all((size.get(k) or "").isdigit() and int(size.get(k) or 0) > 0 for k in ("cx", "cy")):
        raise PackageProblem(f"{name}: {main} gives no slide size (p:sldSz with cx and cy); open the template in "
                             "PowerPoint, set Design > Slide Size, and save it again")
    _check_targets(trees, members, name)
    masters = _targets(trees, main, _MASTER)
    if not masters:
        raise PackageProblem(f"{name}: {main} has no slide master; save it again from PowerPoint")
    for master in masters:
        if master not in trees:
            raise PackageProblem(f"{name}: the slide master {master} is missing from the file")
        theme = _target(trees, master, _THEME)
        if theme is None or theme not in trees:
            raise PackageProblem(f"{name}: the slide master {master} has no theme (its colours and fonts); save "
                                 "the template again from PowerPoint")


def _check_targets(trees: dict[str, etree._Element], members: dict[str, bytes], name: str) -> None:
    """PackageProblem for the first relationship to no member that its part uses (``r:embed="rId2"``):
    python-pptx drops such a relationship, and the deck would keep a reference to nothing. One that no
    XML uses is left alone (real templates carry some)."""
    for rels in sorted(n for n in trees if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))
        source = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])
        dangling = {}
        for rel in trees[rels].iter(f"{_RELS}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            member = posixpath.normpath(joined)
            if member not in members and unquote(member) not in members:
                dangling[rel.get("Id")] = member
        if not dangling or source not in trees:
            continue
        for el in trees[source].iter():
            used = next((v for k, v in el.attrib.items() if k.startswith(_R) and v in dangling), None)
            if used:
                raise PackageProblem(f"{name}: {source} uses {dangling[used]}, which is not in the file; the "
                                     "file is damaged: save it again from PowerPoint")


def _parse(blob: bytes, member: str, name: str) -> etree._Element:
    """The root of an XML part, parsed without entities, DTDs or network; PackageProblem if it is not XML."""
    if b"<!DOCTYPE" in blob[:4096] or b"<!ENTITY" in blob:
        raise PackageProblem(f"{name}: {member} declares a DTD or entities (<!DOCTYPE>), which no PowerPoint file "
                             "has; talkdeck does not read it (save the template again from PowerPoint)")
    try:
        return etree.fromstring(blob, _parser())
    except etree.XMLSyntaxError as e:
        line, col = e.position if e.position else (0, 0)
        why = re.sub(r",? line \d+, column \d+.*$", "", e.msg or "not XML")
        where = f" at line {line}, column {col}" if line else ""
        raise PackageProblem(f"{name}: {member} is not whole XML{where} ({why}); the file is damaged or cut "
                             "short: save it again from PowerPoint") from None


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _targets(trees: dict[str, etree._Element], part: str, reltype: str) -> list[str]:
    """The members that ``part`` (``""`` for the package) relates to by ``reltype``, in order."""
    rels = trees.get(_rels_of(part) if part else "_rels/.rels")
    if rels is None:
        return []
    out = []
    for rel in rels.iter(f"{_RELS}Relationship"):
        if rel.get("Type") == reltype and rel.get("TargetMode") != "External" and rel.get("Target"):
            target = rel.get("Target") or ""
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(part), target)
            out.append(posixpath.normpath(joined))
    return out


def _target(trees: dict[str, etree._Element], part: str, reltype: str) -> str | None:
    found = _targets(trees, part, reltype)
    return found[0] if found else None


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"
