"""Measuring complex scripts as they are drawn: shaped (HarfBuzz, through Pillow's raqm layout),
in the deck's complex-script font.

Arabic letters join and change shape with their neighbours, Hebrew takes marks,
the Indic scripts form clusters: a width read glyph by glyph from the font's
advance table is not the width drawn. LibreOffice and PowerPoint shape text with
HarfBuzz (LibreOffice) or DirectWrite; Pillow's raqm layout runs the same
HarfBuzz (bundled in Pillow's wheels) with FriBiDi, so a stretch of Arabic is
measured here as it is shaped there. Pillow is already talkdeck's measuring
library: no second binding (uharfbuzz) is needed. Where raqm is missing
(a Pillow built without it, or no ``libfribidi`` on the system), the basic
layout measures instead, without joining.

Which characters count as complex script: the letters of :data:`~talkdeck.text.bidi.COMPLEX`
and, as LibreOffice draws them, the digits, spaces and punctuation of a
right-to-left stretch (they take the script of the strong letter before them).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .bidi import COMPLEX, INVISIBLE, is_rtl_tag

#: The complex-script font of a talk whose theme names none, by language: one of each script that
#: Debian's fonts-noto-core installs (Noto Sans for the letters' shapes that presenters expect).
DEFAULT_CS_FONTS = {"ar": "Noto Sans Arabic", "fa": "Noto Sans Arabic", "ur": "Noto Sans Arabic",
                    "ps": "Noto Sans Arabic", "ckb": "Noto Sans Arabic", "sd": "Noto Sans Arabic",
                    "ug": "Noto Sans Arabic", "he": "Noto Sans Hebrew", "iw": "Noto Sans Hebrew",
                    "yi": "Noto Sans Hebrew"}
#: The font a complex-script stretch is measured in when the talk names none, by the stretch's first
#: letter's script (Unicode's character name starts with it).
_SCRIPT_FONTS = {"ARABIC": "Noto Sans Arabic", "HEBREW": "Noto Sans Hebrew", "THAI": "Noto Sans Thai",
                 "DEVANAGARI": "Noto Sans Devanagari", "BENGALI": "Noto Sans Bengali",
                 "TAMIL": "Noto Sans Tamil", "SYRIAC": "Noto Sans Syriac", "THAANA": "Noto Sans Thaana"}


#: A letter written left to right (Latin, Greek, Cyrillic …): what makes LibreOffice draw the digits after it
#: in the Latin font, in a right-to-left paragraph.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


#: Scripts whose letters join (Arabic, Syriac, N'Ko, Mandaic, Mongolian, Hanifi Rohingya, Adlam): letter spacing
#: breaks the joins (LibreOffice draws the gaps as strokes under the line), so their runs are set with none.
CURSIVE = re.compile("[\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u07c0-\u07ff\u0840-\u085f\u0860-\u086f"
                     "\u08a0-\u08ff\u1800-\u18af\ufb50-\ufdff\ufe70-\ufeff\U00010d00-\U00010d3f"
                     "\U0001e900-\U0001e95f]")


def default_cs_font(language: str) -> str | None:
    """The complex-script font for a talk in ``language`` (Noto Sans Arabic for ar, fa, ur …, Noto Sans
    Hebrew for he, yi), or None for a language not written in a complex script."""
    return DEFAULT_CS_FONTS.get(language.replace("_", "-").lower().split("-")[0])


def script_font(text: str) -> str:
    """The font to measure a complex-script ``text`` in when the talk names none: by its first letter's script."""
    m = COMPLEX.search(text)
    if m is None:
        return "Noto Sans"
    name = unicodedata.name(m.group(), "")
    return next((font for script, font in _SCRIPT_FONTS.items() if name.startswith(script)), "Noto Sans")


def mark_complex(text: str, mask: bytearray, language: str = "") -> None:
    """Set ``mask[i] = 2`` for each character of ``text`` drawn in the complex-script font: the letters
    of a complex script and the digits, spaces and signs that follow one (or, at the start, precede
    one) with no Latin letter between; East Asian characters (``mask`` 1) keep their mark."""
    if COMPLEX.search(text) is None:
        return
    previous = 2 if is_rtl_tag(language) else 0  # the direction a paragraph starts in
    pending: list[int] = []  # neutrals waiting for the next strong letter (at the start)
    started = False
    for i, ch in enumerate(text):
        if mask[i] == 1:
            previous, started, pending = 0, True, []
            continue
        if COMPLEX.match(ch):
            mask[i] = 2
            if not started:
                for k in pending:
                    mask[k] = 2
            previous, started, pending = 2, True, []
        elif unicodedata.bidirectional(ch) == "L":
            previous, started, pending = 0, True, []
        elif previous == 2 and started:
            mask[i] = 2
        elif not started:
            pending.append(i)


@functools.lru_cache(maxsize=1)
def has_raqm() -> bool:
    """Whether Pillow can shape text here (its raqm layout, with FriBiDi found)."""
    from PIL import features

    try:
        return bool(features.check("raqm"))
    except Exception:  # noqa: BLE001 - a missing shared library shows up as any error
        return False


@functools.lru_cache(maxsize=128)
def _shaping_font(path: str, size_px: int):
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if has_raqm() else ImageFont.Layout.BASIC
    try:
        return ImageFont.truetype(path, size=size_px, layout_engine=engine)
    except OSError:
        return None


def shaped_width(text: str, size_pt: float, path: str | None) -> float | None:
    """Advance width in points of ``text`` shaped in the font file at ``path`` (None without the file)."""
    if path is None:
        return None
    font = _shaping_font(path, int(round(size_pt * 64)))
    if font is None:
        return None
    text = INVISIBLE.sub("", text)
    if not text:
        return 0.0
    if has_raqm():
        letter = COMPLEX.search(text)
        direction = "rtl" if letter and unicodedata.bidirectional(letter.group()) in ("R", "AL") else None
        return font.getlength(text, direction=direction) / 64
    return font.getlength(text) / 64


#: The most a line of complex-script text is spaced, in ems: Noto Sans Arabic's own line height is 2.1 em.
MAX_LINE_SPACING = 1.6


@functools.lru_cache(maxsize=64)
def natural_line_height(family: str) -> float:
    """The line height, in ems, LibreOffice gives a line of ``family`` (its ascent plus descent; 0 when the
    font has no file here)."""
    from .fonts import font_file

    return _natural_height(font_file(family))


def _natural_height(path: str | None) -> float:
    """Ascent plus descent, in ems, of the font file at ``path`` (what LibreOffice spaces a line by)."""
    from PIL import ImageFont

    if path is None:
        return 0.0
    try:
        ascent, descent = ImageFont.truetype(path, size=1000).getmetrics()
    except OSError:
        return 0.0
    return (ascent + descent) / 1000


def line_spacing(text: str, cs_family: str | None, spacing: float, rtl: bool = False) -> float:
    """The line spacing, as a multiple of the size, of a paragraph ``text``: ``spacing`` (the deck's 1.2),
    or for text in a complex script its font's own line height up to :data:`MAX_LINE_SPACING`. ``rtl``: a
    right-to-left paragraph, whose digits and signs are drawn in the complex-script font too (a table cell
    of "1950" in an Arabic talk is drawn in Noto Sans Arabic), unless a Latin letter leads them.

    LibreOffice keeps an exact line spacing by taking what the font's line height exceeds it by off the
    top of the line: Arabic set 1.2 em apart in a font 2.1 em high rises 0.9 em out of its line (out of a
    table cell, over the line above). The deck sets the spacing this returns, and the fit measures it.
    """
    m = COMPLEX.search(text)
    if m is None and not (rtl and cs_family and text.strip() and not _LATIN.search(text)):
        return spacing
    family = cs_family or script_font(m.group() if m else "")
    from .fonts import font_file

    return max(spacing, min(MAX_LINE_SPACING, _natural_height(font_file(family))))


#: How deep under its baseline LibreOffice lays out a line, in ems, whatever its font and spacing (7.4,
#: measured: the baseline of a bottom-anchored last line of Noto Sans Arabic stands 0.2 em above the box's
#: inset at 1.2, 1.6 and 2.2 em spacing, and with Carlito, Noto Sans or DejaVu Sans as its Latin font).
#: A glyph that reaches deeper is drawn under its line: past the box, under the last line.
LINE_DEPTH = 0.2


@functools.lru_cache(maxsize=1024)
def overhang(text: str, cs_family: str | None, bold: bool = False) -> float:
    """How far, in ems, the complex-script words of ``text`` reach below :data:`LINE_DEPTH` under the baseline
    in their font, bold or not (in Noto Sans Arabic Bold a final ي reaches 0.46 em, 0.26 em past the line); 0
    for text in no complex script, and where the font or its shaping cannot be had."""
    words = " ".join(w for w in text.split() if COMPLEX.search(w))
    if not words:
        return 0.0
    from .fonts import font_file

    path = font_file(cs_family or script_font(words), bold)
    font = _shaping_font(path, 1000) if path else None
    if font is None:
        return 0.0
    direction = "rtl" if has_raqm() else None
    bottom = font.getbbox(INVISIBLE.sub("", words), anchor="ls", direction=direction)[3]
    return max(0.0, bottom / 1000 - LINE_DEPTH)


def link_lift(text: str, cs_family: str | None) -> float:
    """How far, in ems, LibreOffice 7.4 lifts a line holding a link whose text ``text`` is in a complex
    script: its font's own line height less 1.2 em (0.91 em in Noto Sans Arabic, 0.16 em in Noto Sans
    Hebrew); 0 for a link in no complex script.

    LibreOffice lays a link out as a field, measured with its font's own height (1.0 em above the baseline,
    the rest below) where other text counts 1.0 and 0.2 em; an exact line spacing then takes the field's
    extra depth off the top of its line (measured: at 1.6 and at 2.1 em spacing alike, an Arabic link's line
    stood 21.9 pt at 24 pt higher than a line of text). A paragraph spaced that much wider stands right.
    """
    m = COMPLEX.search(text)
    if m is None:
        return 0.0
    from .fonts import font_file

    return max(0.0, _natural_height(font_file(cs_family or script_font(m.group()))) - 1.2)
