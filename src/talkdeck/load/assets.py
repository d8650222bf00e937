"""Files an outline points at: where they may be, and whether they are usable.

Asset paths resolve inside the outline's folder (symlinks followed); a URL is
never fetched. Images are opened with Pillow to prove they are images, within
the pixel and byte limits of :mod:`talkdeck.limits`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .. import limits

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class AssetProblem(Exception):
    """An asset that cannot be used; the message says why and what to do."""


def resolve_asset(base_dir: Path, rel: str, allow_outside: bool = False) -> Path:
    """The absolute path of asset ``rel`` written in an outline in ``base_dir``.

    Raises :class:`AssetProblem` for a URL, a path outside ``base_dir`` (unless
    ``allow_outside``) or a missing file.
    """
    if not rel.strip():
        raise AssetProblem("is blank (expected a file's path such as 'assets/picture.png')")
    if re.match(r"[A-Za-z]:[\\/]|\\\\", rel) and not allow_outside:  # C:\Users\..., \\server\share
        name = re.split(r"[\\/]", rel)[-1]
        raise AssetProblem(f"is a path on one computer (got '{rel}'); copy the file into the talk's assets/ "
                           f"folder and write 'assets/{name}'")
    if "\\" in rel and not _URL.match(rel):
        raise AssetProblem(f"paths are written with /, not \\ (write '{rel.replace(chr(92), '/')}', "
                           f"not '{rel}'), so that the outline builds on every system")
    if _URL.match(rel):
        raise AssetProblem(f"is a URL; talkdeck never downloads: save the file into assets/ and "
                           f"write its path (got {rel!r})")
    base = base_dir.resolve()
    try:
        path = (base / rel).resolve()
        exists = path.exists()
    except RuntimeError:  # Python 3.11's pathlib: "Symlink loop from ..."
        raise AssetProblem(f"is a symbolic link that leads back to itself (got {rel!r}); put the file itself "
                           "there") from None
    except (OSError, ValueError) as e:  # a NUL byte, a name too long for the file system
        raise AssetProblem(f"is not a usable file name ({getattr(e, 'strerror', None) or e}; got {rel!r})") from None
    if not allow_outside and not path.is_relative_to(base):
        raise AssetProblem(f"leads outside the talk's folder (got {rel!r}); copy the file into "
                           "assets/ or build with --allow-outside")
    if not exists:
        # Windows and macOS ignore case in folders' names as well as files'; this system does not.
        found = _case_insensitive(base, rel) or suggest_file(base, path)
        hint = f"; did you mean '{found}'?" if found else ""
        raise AssetProblem(f"no such file (expected a file in the talk's folder, got {rel!r}{hint})")
    if not path.is_file():
        raise AssetProblem(f"is not a file (got {rel!r})")
    return path


#: EXIF orientations that turn a picture a quarter (its width and height swap when shown upright).
_QUARTER_TURNS = {5, 6, 7, 8}


def image_size(path: Path) -> tuple[int, int] | None:
    """The (width, height) in pixels of the picture at ``path`` as shown (upright, by its EXIF orientation),
    read from its header (an SVG or PDF figure: its natural size); None if it cannot be read."""
    from ..images import open_picture
    from .vector import vector_size

    if path.suffix.lower() in (".svg", ".pdf"):
        size = vector_size(path)
        return (max(1, round(size[0])), max(1, round(size[1]))) if size else None
    try:
        with open_picture(path) as img:
            w, h = img.size
            return (h, w) if img.getexif().get(0x0112, 1) in _QUARTER_TURNS else (w, h)
    except Exception:  # Pillow raises many types for damaged files; the build reports those itself
        return None


def _case_insensitive(base: Path, rel: str) -> str | None:
    """``rel`` spelt as the files under ``base`` are, if it names one of them but for case, else None."""
    here, parts = base, list[str]()
    for part in Path(rel).parts:
        if part in (".", ".."):
            return None
        try:
            names = [p.name for p in here.iterdir()] if here.is_dir() else []
        except OSError:
            return None
        match = part if part in names else next((n for n in sorted(names) if n.lower() == part.lower()), None)
        if match is None:
            return None
        here, parts = here / match, parts + [match]
    return "/".join(parts) if here.is_file() else None


def suggest_file(base: Path, missing: Path) -> str | None:
    """The file most likely meant by the missing ``missing``, as a path relative to ``base``, or None.

    Looks in the folder written, the talk's folder and its assets/: first the same name
    (but for case: macOS and Windows ignore it, the deck's reader may not), then a close one.
    """
    import difflib

    folders = []
    for folder in (missing.parent, base, base / "assets"):
        if folder not in folders and folder.is_dir() and folder.is_relative_to(base):
            folders.append(folder)
    files = [p for folder in folders for p in sorted(folder.iterdir()) if p.is_file()][:10_000]
    same = [p for p in files if p.name.lower() == missing.name.lower()]
    if not same:
        for folder in folders:  # a close name, nearest folder first
            names = [p.name for p in files if p.parent == folder]
            close = difflib.get_close_matches(missing.name, names, n=1)
            if close:
                same = [folder / close[0]]
                break
    return same[0].relative_to(base).as_posix() if same else None


def check_image(path: Path) -> tuple[int, int]:
    """The (width, height) in pixels of a readable image at ``path``.

    Raises :class:`AssetProblem` if it is not an image Pillow can decode whole,
    or exceeds the byte or pixel limits, or went while it was read (an editor saving it, watch reading it).
    """
    try:
        return _check_image(path)
    except FileNotFoundError:
        raise AssetProblem("was removed while the talk was being read; build again once it is saved") from None
    except OSError as e:
        raise AssetProblem(f"cannot be read ({e.strerror or e})") from None


def _check_image(path: Path) -> tuple[int, int]:
    from PIL import UnidentifiedImageError

    from ..images import PictureProblem, format_name, is_postscript, open_picture

    size = path.stat().st_size
    if size == 0:
        raise AssetProblem(_EMPTY)
    if size > limits.MAX_IMAGE_BYTES:
        raise AssetProblem(f"is {_size(size)}; the limit is {_size(limits.MAX_IMAGE_BYTES)} "
                           f"({limits.how_to_raise('MAX_IMAGE_BYTES')})")
    with path.open("rb") as f:
        if is_postscript(f.read(64)):
            raise AssetProblem(_POSTSCRIPT_FILE)
    from .vector import VectorProblem, check_pdf, check_svg, is_pdf, is_svg

    try:
        if is_svg(path):
            w, h = check_svg(path.read_bytes())
            return max(1, round(w)), max(1, round(h))
        if is_pdf(path):
            w, h = check_pdf(path)
            return max(1, round(w)), max(1, round(h))
    except VectorProblem as e:
        raise AssetProblem(str(e)) from None
    try:
        with open_picture(path) as img:
            width, height = img.size
            img.load()  # decodes every pixel: catches truncated files
    except PictureProblem as e:
        raise AssetProblem(str(e)) from None
    except UnidentifiedImageError:
        other = format_name(path)
        raise AssetProblem(f"is a {other} image; PowerPoint needs PNG, JPEG, GIF, BMP or TIFF (or an SVG or "
                           "one-page PDF figure)" if other else _not_an_image(path)) from None
    except FileNotFoundError:
        raise
    except Exception as e:  # Pillow raises many types for damaged files
        raise AssetProblem(f"is a damaged image ({type(e).__name__}: {e})") from None
    return width, height


def _size(n: int) -> str:
    """``2.5 MB`` or ``850 bytes``: a file size as a person reads it."""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


#: What a file that is no image is, told by its first bytes; and what to do instead.
_OTHER_FORMATS = (
    (re.compile(rb"^....ftyp(?:heic|heix|hevc|mif1|msf1|avif)", re.S),
     "is a HEIC/AVIF photo, which PowerPoint cannot show everywhere: export it as JPEG"),
)
_POSTSCRIPT_FILE = ("is a PostScript (EPS) file, which talkdeck does not open (PostScript is a program and may "
                    "run for ever): export it as PNG, SVG or PDF from the program that made it")
_EMPTY = ("is empty (0 bytes); a file synced from the cloud (OneDrive, Dropbox, iCloud) may not be downloaded "
          "yet: open it once or make it available offline, then build again")


def _not_an_image(path: Path) -> str:
    """Why a file Pillow cannot identify is not an image, named by what it is when that is known."""
    with path.open("rb") as f:
        head = f.read(4096)
    for pattern, message in _OTHER_FORMATS:
        if pattern.match(head.lstrip()):
            return message
    return "is not an image (expected a PNG, JPEG, GIF, BMP or TIFF file, an SVG drawing or a one-page PDF)"




#: How an OLE compound file (Office 97–2003, and an encrypted .pptx, .docx or .xlsx) begins.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_encrypted_office(path: Path) -> bool:
    """Whether ``path`` is an encrypted Office file: an OLE compound file whose directory names the stream
    ``EncryptedPackage`` (where a password-protected .pptx keeps its zip)."""
    try:
        with path.open("rb") as f:
            header = f.read(512)
            if len(header) < 512 or not header.startswith(_OLE):
                return False
            sector = 1 << int.from_bytes(header[0x1E:0x20], "little")
            first = int.from_bytes(header[0x30:0x34], "little")
            if not 128 <= sector <= 65536 or first >= 0xFFFFFFFA:
                return False
            f.seek((first + 1) * sector)
            directory = f.read(16 * sector)  # the directory's first sectors: its first entries
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in directory


def check_template(path: Path, rel: str | None = None) -> None:
    """Raise :class:`AssetProblem` unless ``path`` is a PowerPoint package (.pptx or .potx).

    Looks inside the zip, so that a Word or Excel file given the name of a
    template is caught here, before any chart is drawn. Messages show ``rel``
    (the path as the outline wrote it) or else the file's name.
    """
    name = rel or path.name
    suffix = path.suffix.lower()
    if suffix == ".ppt" or suffix == ".pot":
        raise AssetProblem(f"is a PowerPoint 97–2003 file (got '{name}'); open it in PowerPoint and save it as "
                           ".pptx or .potx")
    if suffix == ".thmx":
        raise AssetProblem(f"is an Office theme, not a template (got '{name}'); in PowerPoint apply it to a "
                           "presentation (Design > Themes > Browse for Themes) and save that as .potx")
    if suffix in (".otp", ".odp"):
        raise AssetProblem(f"is a LibreOffice Impress file (got '{name}'); open it in Impress and save it as a "
                           "PowerPoint template (.potx)")
    if suffix not in (".pptx", ".potx"):
        raise AssetProblem(f"is not a PowerPoint template (expected a .pptx or .potx file, got '{name}')")
    if path.stat().st_size == 0:
        raise AssetProblem(_EMPTY)
    if not zipfile.is_zipfile(path):
        if _is_encrypted_office(path):
            raise AssetProblem(f"is protected by a password (got '{name}'): talkdeck cannot open it; in PowerPoint "
                               "remove the password (File > Info > Protect Presentation) and save it again")
        raise AssetProblem(f"is not a PowerPoint file (got '{name}', which is not a zip package); save the "
                           "template from PowerPoint as .pptx or .potx")
    from ..package import PackageProblem, read_package

    try:
        read_package(path)  # checked once: the deck reads the same checked bytes (cached)
    except PackageProblem as e:
        if e.office:
            raise AssetProblem(f"is {e.office}, not a PowerPoint template (got '{name}'); a template is a .pptx or "
                               ".potx saved from PowerPoint") from None
        if e.damaged:
            raise AssetProblem(f"is a damaged or incomplete PowerPoint file (got '{name}'); save it again "
                               "from PowerPoint") from None
        raise AssetProblem(str(e)) from None
