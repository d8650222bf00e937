"""Finding the font files text is measured with: fontconfig's match for a family, or the system's font
folders where there is no fontconfig, and what stands in for a family that is not installed.

Measuring with the font that will draw the text is what makes fit hold: a
family named in the theme or a template is looked up here, and a font that is
not installed is named in a warning instead of silently estimated. Linux has
fontconfig (asked in-process through libfontconfig, else by running
``fc-match``). A speaker's Mac or Windows laptop usually has not, so there the
fonts are found in the system and user font folders (and Office's own on
macOS), by the family and style names in each file's ``name`` table, read with
the standard library. A family that is not installed is looked for as its
metric-compatible twin (Calibri as Carlito), as fontconfig's rules would.
"""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


@functools.cache
def font_file(family: str, bold: bool = False, italic: bool = False) -> str | None:
    """The path of the font file that draws ``family`` here, or None when no file can be found.

    fontconfig's answer where it is installed (it always names some file);
    otherwise the file in the font folders (:func:`font_folders`) whose family
    is ``family`` or its metric twin, in the style asked for when there is one.
    """
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    match = _fontconfig()
    if match is not None:
        return match(pattern)
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                                 text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            return out
    return folder_font(family, bold, italic)


FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: A face: (bold, italic).
Style = tuple[bool, bool]
_STYLES: dict[str, Style] = {"regular": (False, False), "normal": (False, False), "roman": (False, False),
                             "book": (False, False), "bold": (True, False), "italic": (False, True),
                             "oblique": (False, True), "bold italic": (True, True), "bold oblique": (True, True)}


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


def font_folders(system: str | None = None, env: Mapping[str, str] | None = None, home: Path | None = None,
                 root: Path = Path("/")) -> list[Path]:
    """The folders fonts are installed in on ``system`` (``darwin``, ``win32``, else Linux), system-wide and
    the user's."""
    system = system or sys.platform
    env = os.environ if env is None else env
    home = home or Path.home()
    if system == "darwin":
        return [root / "System/Library/Fonts", root / "Library/Fonts", home / "Library/Fonts",
                # Office for Mac keeps Calibri, Cambria and the rest inside the application
                root / "Applications/Microsoft PowerPoint.app/Contents/Resources/DFonts"]
    if system == "win32":
        windows = Path(env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows")
        folders = [windows / "Fonts"]
        if env.get("LOCALAPPDATA"):
            folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return folders
    data = Path(env["XDG_DATA_HOME"]) if env.get("XDG_DATA_HOME") else home / ".local/share"
    return [root / "usr/share/fonts", root / "usr/local/share/fonts", data / "fonts", home / ".fonts"]


def folder_font(family: str, bold: bool = False, italic: bool = False,
                folders: tuple[Path, ...] | None = None) -> str | None:
    """The file of ``family`` (or its metric twin) in ``folders`` (default: :func:`font_folders`), or None."""
    index = font_index(folders if folders is not None else tuple(font_folders()))
    for name in (family, METRIC_TWINS.get(family.casefold())):
        faces = index.get(name.casefold()) if name else None
        if faces:
            path = faces.get((bold, italic)) or faces.get((bold, False)) or faces.get((False, False))
            return path or next(iter(faces.values()))
    return None


@functools.lru_cache(maxsize=4)
def font_index(folders: tuple[Path, ...]) -> dict[str, dict[Style, str]]:
    """Every font file under ``folders``: family (casefolded) → style → path. The first file found for a
    family and style is kept (folders in order, files by name)."""
    index: dict[str, dict[Style, str]] = {}
    for folder in folders:
        try:
            files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
        except OSError:
            continue
        for path in files:
            for family, style in face_names(path):
                index.setdefault(family.casefold(), {}).setdefault(style, str(path))
    return index


def face_names(path: Path) -> list[tuple[str, Style]]:
    """(family, (bold, italic)) of each face in a TrueType/OpenType file or collection, from its ``name`` table:
    the legacy family (name 1, style name 2), and the typographic family (16, 17) where its style is plain.
    Faces in other styles (Light, Condensed) and unreadable files give nothing."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
            if head[:4] in (b"ttcf",):
                count = struct.unpack(">I", head[8:12])[0]
                offsets = list(struct.unpack(f">{min(count, 64)}I", f.read(4 * min(count, 64))))
            else:
                offsets = [0]
            found = []
            for offset in offsets:
                names = _name_table(f, offset)
                for family_id, style_id in ((1, 2), (16, 17)):
                    family, style = names.get(family_id), names.get(style_id)
                    if family and style and style.casefold() in _STYLES:
                        found.append((family, _STYLES[style.casefold()]))
            return found
    except (OSError, struct.error, UnicodeDecodeError):
        return []


def _name_table(f, offset: int) -> dict[int, str]:
    """Name ids 1, 2, 16 and 17 of the font at ``offset`` in ``f``: Windows English names first, then Mac."""
    f.seek(offset + 4)
    (tables,) = struct.unpack(">H", f.read(2))
    f.seek(offset + 12)
    directory = f.read(16 * tables)
    for i in range(tables):
        tag, _, table, length = struct.unpack(">4sIII", directory[16 * i:16 * i + 16])
        if tag == b"name":
            break
    else:
        return {}
    f.seek(table)
    data = f.read(length)
    _, count, strings = struct.unpack(">HHH", data[:6])
    names: dict[int, tuple[int, str]] = {}
    for i in range(count):
        platform, encoding, language, name_id, size, at = struct.unpack(">6H", data[6 + 12 * i:18 + 12 * i])
        if name_id not in (1, 2, 16, 17):
            continue
        raw = data[strings + at:strings + at + size]
        if platform == 3 and encoding in (0, 1, 10):
            rank, text = (0 if language == 0x409 else 1), raw.decode("utf-16-be")
        elif platform == 1 and encoding == 0:
            rank, text = 2, raw.decode("mac-roman")
        else:
            continue
        if name_id not in names or rank < names[name_id][0]:
            names[name_id] = (rank, text)
    return {k: text for k, (_, text) in names.items()}


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
