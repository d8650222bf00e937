"""Files an outline points at: where they may be, and whether they are usable.

Asset paths resolve inside the outline's folder (symlinks followed); a URL is
never fetched. Images are opened with Pillow to prove they are images, within
the pixel and byte limits of :mod:`talkdeck.limits`.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

from . import limits

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class AssetProblem(Exception):
    """An asset that cannot be used; the message says why and what to do."""


def resolve_asset(base_dir: Path, rel: str, allow_outside: bool = False) -> Path:
    """The absolute path of asset ``rel`` written in an outline in ``base_dir``.

    Raises :class:`AssetProblem` for a URL, a path outside ``base_dir`` (unless
    ``allow_outside``) or a missing file.
    """
    if _URL.match(rel):
        raise AssetProblem(f"is a URL; talkdeck never downloads: save the file into assets/ and "
                           f"write its path (got {rel!r})")
    base = base_dir.resolve()
    try:
        path = (base / rel).resolve()
        exists = path.exists()
    except (OSError, ValueError) as e:  # a NUL byte, a name too long for the file system
        raise AssetProblem(f"is not a usable file name ({getattr(e, 'strerror', None) or e}; got {rel!r})") from None
    if not allow_outside and not path.is_relative_to(base):
        raise AssetProblem(f"leads outside the talk's folder (got {rel!r}); copy the file into "
                           "assets/ or build with --allow-outside")
    if not exists:
        found = suggest_file(base, path)
        hint = f"; did you mean '{found}'?" if found else ""
        raise AssetProblem(f"no such file (expected a file in the talk's folder, got {rel!r}{hint})")
    if not path.is_file():
        raise AssetProblem(f"is not a file (got {rel!r})")
    return path


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
    or exceeds the byte or pixel limits.
    """
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size > limits.MAX_IMAGE_BYTES:
        raise AssetProblem(f"is {_size(size)}; the limit is {_size(limits.MAX_IMAGE_BYTES)} "
                           f"({limits.how_to_raise('MAX_IMAGE_BYTES')})")
    Image.MAX_IMAGE_PIXELS = limits.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
        with img:
            fmt = img.format
            width, height = img.size
            if width * height > limits.MAX_IMAGE_PIXELS:
                raise AssetProblem(f"has {width}×{height} pixels; the limit is {limits.MAX_IMAGE_PIXELS:,} "
                                   f"({limits.how_to_raise('MAX_IMAGE_PIXELS')})")
            img.load()  # decodes every pixel: catches truncated files
    except AssetProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AssetProblem(f"has more pixels than the limit of {limits.MAX_IMAGE_PIXELS:,} "
                           f"({limits.how_to_raise('MAX_IMAGE_PIXELS')})") from None
    except UnidentifiedImageError:
        raise AssetProblem("is not an image (expected a PNG, JPEG, GIF, BMP or TIFF file)") from None
    except Exception as e:  # Pillow raises many types for damaged files
        raise AssetProblem(f"is a damaged image ({type(e).__name__}: {e})") from None
    # MPO is what Pillow calls many phones' and cameras' JPEGs (a JPEG with a second image inside).
    if fmt not in ("PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF"):
        raise AssetProblem(f"is a {fmt} image; PowerPoint needs PNG, JPEG, GIF, BMP or TIFF")
    return width, height


def _size(n: int) -> str:
    """``2.5 MB`` or ``850 bytes``: a file size as a person reads it."""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def check_template(path: Path) -> None:
    """Raise :class:`AssetProblem` unless ``path`` is a .pptx/.potx package."""
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise AssetProblem(f"is not a PowerPoint template (expected a .pptx or .potx file, got '{path.name}')")
    if not zipfile.is_zipfile(path):
        raise AssetProblem("is not a PowerPoint file (it is not a zip package)")
