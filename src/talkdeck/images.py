"""Opening pictures with Pillow within bounds: only the formats a deck can show, never PostScript.

Pillow identifies a file by its content and would hand an EPS (PostScript) to
Ghostscript, a program with no time limit; every ``Image.open`` of a user's file
goes through :func:`open_picture`, which names the formats it may be. A picture
over :data:`~talkdeck.limits.MAX_IMAGE_PIXELS` is a :class:`PictureProblem`
naming its size (read from its header, before a pixel is decoded), never
Pillow's decompression-bomb warning.
"""

from __future__ import annotations

import warnings
from typing import IO, Any

from . import limits

#: The formats Pillow may read a user's picture as (its JPEG reader also gives MPO: many phones' and
#: cameras' JPEGs, with a second image inside). WMF and EMF are not here: Pillow draws them only on Windows.
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF")
#: What a PostScript or EPS file starts with (plain, and the DOS binary header of an EPS with a preview).
POSTSCRIPT = (b"%!PS", b"\xc5\xd0\xd3\xc6")
EXPORT_HINT = "export it as PNG, SVG or PDF"


class PictureProblem(Exception):
    """A picture that cannot be opened; ``too_large`` when it is over the pixel limit."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


def too_many_pixels(width: int, height: int) -> PictureProblem:
    """The problem of a picture of ``width`` × ``height`` pixels, over the limit."""
    return PictureProblem(f"has {width:,}×{height:,} pixels; the limit is {limits.MAX_IMAGE_PIXELS:,} "
                          f"({limits.how_to_raise('MAX_IMAGE_PIXELS')})", too_large=True)


def open_picture(src: Any) -> Any:
    """``PIL.Image.open(src)`` for the :data:`FORMATS` only, within the pixel limit.

    ``src`` is a path or a binary file. Raises :class:`PictureProblem` for a
    picture over the limit, ``PIL.UnidentifiedImageError`` for any other file
    (PostScript included), and what Pillow raises for a damaged one.
    """
    from PIL import Image

    # Pillow's own check warns or raises without the size; the header is read alone, so the size is
    # compared here before a pixel is decoded.
    pillows, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        img = Image.open(src, formats=FORMATS)
    finally:
        Image.MAX_IMAGE_PIXELS = pillows
    if img.width * img.height > limits.MAX_IMAGE_PIXELS:
        img.close()
        raise too_many_pixels(img.width, img.height)
    return img


def picture_size(src: IO[bytes]) -> tuple[int, int] | None:
    """(width, height) of the picture in ``src`` from its header; None if it is none of :data:`FORMATS`.

    Raises :class:`PictureProblem` for a picture over the pixel limit.
    """
    try:
        with open_picture(src) as img:
            return img.size
    except PictureProblem:
        raise
    except Exception:  # Pillow raises many kinds for what it cannot read
        return None


def format_name(path: Any) -> str | None:
    """What Pillow calls the picture at ``path`` when it is none of :data:`FORMATS` (``WEBP``), or None;
    only its header is read, and PostScript is never opened."""
    from PIL import Image

    Image.init()
    others = [f for f in Image.OPEN if f not in FORMATS and f != "EPS"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path, formats=others) as img:
                return img.format
    except Exception:  # Pillow raises many kinds for what it cannot read
        return None


def is_postscript(head: bytes) -> bool:
    """Whether a file that starts with ``head`` is PostScript or EPS."""
    return head.lstrip().startswith(POSTSCRIPT)
