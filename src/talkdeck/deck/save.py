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


def set_properties(prs, talk: Talk, when: dt.datetime) -> None:
    """Title, subject, author, language and dates of the deck (``when`` for all of them)."""
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
