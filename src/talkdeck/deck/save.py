"""The presentation as reproducible .pptx bytes: the talk's document properties, fixed zip timestamps, parts in
a stable order, pictures stored (they are compressed already)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem  # noqa: PLC2701 - needed for a reproducible zip
from pptx.oxml.ns import qn

from ..model import Talk
from ..text.markup import plain

#: The custom document property that marks a deck talkdeck made (PowerPoint and LibreOffice keep it when they
#: save the deck, where they write the person's name as its last author): a rebuild may replace such a deck,
#: keeping a copy of it when it was edited since (talkdeck.overwrite).
MADE_BY = ("Generator", "talkdeck")
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_PROPS_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def set_properties(prs, talk: Talk, when: dt.datetime) -> None:
    """Title, subject, author, language and dates of the deck (``when`` for all of them), and the custom
    property :data:`MADE_BY`."""
    cp = prs.core_properties
    cp.title = plain(talk.title)
    cp.subject = plain(talk.subtitle or "")
    cp.author = talk.speaker.name
    cp.last_modified_by = "talkdeck"
    cp.keywords = ""
    cp.language = talk.language
    cp.revision = 1
    cp.created = cp.modified = when
    cp.last_printed = when
    # The deck's default language, for spell-checkers and screen readers.
    for el in prs.part._element.iter(qn("a:defRPr")):
        el.set("lang", talk.language)
    _mark_made_by(prs)


def _mark_made_by(prs) -> None:
    """Add docProps/custom.xml holding :data:`MADE_BY` (a template's own custom properties are replaced)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == _CUSTOM_PROPS_RT:
            package._rels.pop(rel.rId)
    name, value = MADE_BY
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_CUSTOM}" '
           f'xmlns:vt="{_VT}"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
           f'<vt:lpwstr>{value}</vt:lpwstr></property></Properties>')
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_PROPS_CT, package, xml.encode("utf-8"))
    package.relate_to(part, _CUSTOM_PROPS_RT)


def package_bytes(prs, when: dt.datetime) -> bytes:
    """The package of ``prs`` as a zip, every member dated ``when`` (within a zip's years), in a stable order."""
    package = prs.part.package
    parts = tuple(package.iter_parts())
    stamp = (min(max(when.year, 1980), 2107), when.month, when.day, when.hour, when.minute, when.second)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        def put(name: str, blob: bytes) -> None:
            if name in z.NameToInfo:  # two parts of one name: readers would see only one of them
                raise ValueError(f"the package would hold {name} twice")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            stored = name.lower().endswith((".png", ".jpg", ".jpeg", ".gif"))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, blob, compresslevel=6)

        put("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        put(PACKAGE_URI.rels_uri.membername, package._rels.xml)
        for part in parts:
            put(part.partname.membername, part.blob)
            if part._rels:
                put(part.partname.rels_uri.membername, part.rels.xml)
    return buf.getvalue()
