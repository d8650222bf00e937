"""Hostile and broken template packages, made from python-pptx's own design.

Each function takes a good package's bytes and returns a broken one. They make
the templates of ``tests/fixtures/bad/assets/e19/`` (``python -m tests.badtemplates``
writes them again) and feed the template fuzz test.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

THEME = "ppt/theme/theme1.xml"
_DECL = re.compile(rb"<\?xml[^>]*\?>")


def good() -> bytes:
    """python-pptx's default design as a package."""
    from pptx import Presentation

    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """``data`` with each member replaced by ``change(name, blob)`` (None drops it), and ``extra`` added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = change(info.filename, src.read(info))
            if blob is not None:
                dst.writestr(info.filename, blob)
        for name, blob in (extra or {}).items():
            dst.writestr(name, blob)
    return out.getvalue()


def _in(member: str, edit: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes | None]:
    return lambda name, blob: edit(blob) if name == member else blob


def no_theme(data: bytes) -> bytes:
    """The master's theme left out (python-pptx: KeyError)."""
    return rezip(data, lambda name, blob: None if name.startswith("ppt/theme/") else blob)


def theme_cut(data: bytes) -> bytes:
    """The theme cut off half-way (a copy interrupted)."""
    return rezip(data, _in(THEME, lambda b: b[: len(b) // 2]))


def entity_bomb(data: bytes) -> bytes:
    """A billion laughs in the theme: entities that expand to 10⁹ characters."""
    dtd = b'<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (b"a" * (i + 1), (b"&" + b"a" * i + b";") * 10) for i in range(1, 9)) + b"]>"
    return rezip(data, _in(THEME, lambda b: _DECL.sub(lambda m: m.group() + dtd, b, count=1).replace(
        b'name="Office Theme"', b'name="&aaaaaaaaa;"', 1)))


def external_entity(data: bytes) -> bytes:
    """An external entity naming a file of the machine (XXE)."""
    dtd = b'<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return rezip(data, _in(THEME, lambda b: _DECL.sub(lambda m: m.group() + dtd, b, count=1).replace(
        b'name="Office Theme"', b'name="&x;"', 1)))


def no_slide_size(data: bytes) -> bytes:
    """``p:sldSz`` left out of the presentation (optional in the schema; python-pptx: None)."""
    return rezip(data, _in("ppt/presentation.xml", lambda b: re.sub(rb"<p:sldSz[^>]*/>", b"", b)))


def inflated_xml(data: bytes, size: int = 12_000_000) -> bytes:
    """A layout that inflates past the XML limit (spaces after its root element)."""
    layout = "ppt/slideLayouts/slideLayout7.xml"
    return rezip(data, _in(layout, lambda b: b + b" " * size))


def declared_bomb(data: bytes, size: int = 1_300_000_000) -> bytes:
    """A member whose zip directory declares 1.3 GB: a zip bomb told by its header (a few bytes stored)."""
    blob = rezip(data, lambda name, b: b, {"docProps/thumbnail.bin": b"\0" * 64})
    # Patch the central directory's uncompressed size of the added (last) member.
    at = blob.rfind(b"PK\x01\x02")
    return blob[:at + 24] + struct.pack("<I", size) + blob[at + 28:]


def huge_picture(data: bytes) -> bytes:
    """A master picture whose header says 13,300 × 13,300 pixels (its pixels cut off: only the header is read)."""
    png = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 13_300, 13_300, 8, 0, 0, 0, 0))
           + _chunk(b"IDAT", b"") + _chunk(b"IEND", b""))
    return rezip(data, lambda name, b: b, {"ppt/media/background.png": png})


def eps_picture(data: bytes) -> bytes:
    """An EPS picture in the package, which Pillow would hand to Ghostscript."""
    return rezip(data, lambda name, b: b, {"ppt/media/logo.png": b"%!PS-Adobe-3.0 EPSF-3.0\n{} loop\n"})


def _chunk(kind: bytes, body: bytes) -> bytes:
    import zlib

    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


#: Fixture name → how it is made from the good package.
FIXTURES: dict[str, Callable[[bytes], bytes]] = {
    "no-theme": no_theme, "theme-cut": theme_cut, "entity-bomb": entity_bomb,
    "external-entity": external_entity, "no-slide-size": no_slide_size, "inflated-xml": inflated_xml,
    "declared-bomb": declared_bomb, "huge-picture": huge_picture, "eps-picture": eps_picture,
}


def write_fixtures(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    base = good()
    for name, make in FIXTURES.items():
        (folder / f"{name}.pptx").write_bytes(make(base))


if __name__ == "__main__":
    write_fixtures(Path(__file__).parent / "fixtures" / "bad" / "assets" / "e19")
