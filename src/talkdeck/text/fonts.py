"""Finding the font files text is measured with: fontconfig's match for a family, and what stands in for a
family that is not installed.

Measuring with the font that will draw the text is what makes fit hold: a
family named in the theme or a template is looked up here, and a font that is
not installed is named in a warning instead of silently estimated.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess


@functools.cache
def font_file(family: str, bold: bool = False, italic: bool = False) -> str | None:
    """The path of the font file fontconfig would use for ``family``, or None."""
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    match = _fontconfig()
    if match is not None:
        return match(pattern)
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


#: Fonts whose metric-compatible twin (same advance widths) fontconfig draws in their place.
METRIC_TWINS = {"calibri": "Carlito", "calibri light": "Carlito", "arial": "Liberation Sans",
                "helvetica": "Liberation Sans", "times new roman": "Liberation Serif", "times": "Liberation Serif",
                "courier new": "Liberation Mono", "cambria": "Caladea", "arial narrow": "Liberation Sans Narrow"}


def metric_twin(family: str) -> str:
    """The installed family with ``family``'s advance widths (Carlito for Calibri), or ``family`` itself."""
    return METRIC_TWINS.get(family.casefold(), family)


@functools.lru_cache(maxsize=64)
def font_stand_in(family: str) -> str | None:
    """The family text in ``family`` is measured (and LibreOffice draws it) with here when ``family`` is not
    installed and is no metric twin of what is (Calibri drawn as Carlito measures the same); else None."""
    from PIL import ImageFont

    path = font_file(family)
    if path is None:
        return None
    try:
        found = ImageFont.truetype(path, size=12).getname()[0] or ""
    except OSError:
        return None
    if found.casefold() in (family.casefold(), METRIC_TWINS.get(family.casefold(), "").casefold()):
        return None
    return found


@functools.lru_cache(maxsize=1)
def _fontconfig():
    """``fc-match -f %{file} PATTERN`` done in this process by libfontconfig, or None if it is not there.

    The same calls fc-match makes (parse, substitute, match), without starting a
    process for each font: ~6 ms a font, ~30 ms a build.
    """
    import ctypes

    try:
        lib = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return None
    ptr = ctypes.c_void_p
    lib.FcNameParse.restype, lib.FcNameParse.argtypes = ptr, [ctypes.c_char_p]
    lib.FcConfigSubstitute.argtypes = [ptr, ptr, ctypes.c_int]
    lib.FcDefaultSubstitute.argtypes = [ptr]
    lib.FcFontMatch.restype, lib.FcFontMatch.argtypes = ptr, [ptr, ptr, ctypes.POINTER(ctypes.c_int)]
    lib.FcPatternGetString.argtypes = [ptr, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    lib.FcPatternDestroy.argtypes = [ptr]
    match_pattern, result_match = 0, 0  # FcMatchPattern, FcResultMatch

    def match(pattern: str) -> str | None:
        wanted = lib.FcNameParse(pattern.encode())
        if not wanted:
            return None
        try:
            lib.FcConfigSubstitute(None, wanted, match_pattern)
            lib.FcDefaultSubstitute(wanted)
            font = lib.FcFontMatch(None, wanted, ctypes.byref(ctypes.c_int()))
            if not font:
                return None
            try:
                path = ctypes.c_char_p()
                if lib.FcPatternGetString(font, b"file", 0, ctypes.byref(path)) != result_match:
                    return None
                return os.fsdecode(path.value) if path.value else None
            finally:
                lib.FcPatternDestroy(font)
        finally:
            lib.FcPatternDestroy(wanted)

    return match


@functools.lru_cache(maxsize=256)
def load_font(path: str | None, size_pt: float):
    """The font file at ``path`` loaded by Pillow at ``size_pt`` × 64 (for precision), or None."""
    from PIL import ImageFont

    if path is None:
        return None
    try:
        # Measured at 64 units per point for precision; widths are scaled back.
        return ImageFont.truetype(path, size=int(round(size_pt * 64)))
    except OSError:
        return None
