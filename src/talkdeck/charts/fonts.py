"""The fonts a chart is drawn with, and a check that they have every glyph its text needs."""

from __future__ import annotations

import functools

from ..errors import TalkdeckError
from ..model import Chart
from ..text.fonts import metric_twin
from .style import ChartStyle, chart_texts, script_fonts


class FontMissing(TalkdeckError):
    """No installed font has the glyphs a chart's labels need."""


@functools.lru_cache(maxsize=32)
def _charmap(family: str) -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return frozenset()
    return frozenset(FT2Font(path).get_charmap())


def check_glyphs(chart: Chart, style: ChartStyle) -> None:
    """Raise FontMissing unless every character of the chart's text is in one of the style's fonts."""
    families = families_for(style.font, style.font_cjk, style.font_cs, script_fonts(chart_texts(chart)))
    missing = sorted({ch for ch in chart_texts(chart) if not ch.isspace()
                      and not any(ord(ch) in _charmap(f) for f in families)})
    if not missing:
        return
    emoji = [ch for ch in missing if is_emoji(ch)]
    others = "".join(ch for ch in missing if not is_emoji(ch))
    # matplotlib draws no colour emoji, and no emoji font is tried: installing one would not help.
    no_emoji = f"a chart cannot draw emoji ({''.join(emoji[:12])!r}): write the label in words" if emoji else ""
    if not others:
        raise FontMissing(no_emoji)
    raise FontMissing(f"no installed font has the characters {others[:12]!r} "
                      f"(tried {', '.join(families)}); install one that does, e.g. Debian's "
                      "fonts-noto-cjk for Chinese (then set theme.font_cjk to its name) or fonts-noto-core for "
                      "Arabic, Hebrew, Thai or the Indic scripts" + (f"; and {no_emoji}" if emoji else ""))


def is_emoji(ch: str) -> bool:
    """An emoji or a piece of one (skin tone, flag letter, joiner, presentation selector, tag)."""
    code = ord(ch)
    return (0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code in (0x200D, 0xFE0F, 0x20E3)
            or 0xE0020 <= code <= 0xE007F)


@functools.lru_cache(maxsize=8)
def families_for(font: str, cjk: str, cs: str | None = None, scripts: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The fonts that matplotlib can find, in fallback order (CJK glyphs fall back to ``cjk``, Arabic or
    Hebrew to ``cs``, the talk's complex-script font, and the letters of ``scripts``' fonts, Thai or
    Devanagari in a talk that names no complex-script font, to the Noto font of their script)."""
    from matplotlib import font_manager

    wanted = [font, metric_twin(font), cjk, "Noto Sans CJK SC", *([cs] if cs else []), *scripts,
              "DejaVu Sans"]
    available = {f.name for f in font_manager.fontManager.ttflist}
    for family in wanted:
        if family not in available:
            _register(family)
    available = {f.name for f in font_manager.fontManager.ttflist}
    return tuple(dict.fromkeys(f for f in wanted if f in available)) or ("DejaVu Sans",)


def _register(family: str) -> None:
    """Add ``family``'s font file to matplotlib's font list when fontconfig has it and matplotlib's cache does
    not (a font installed after the cache was written)."""
    from matplotlib import font_manager

    from ..text.fonts import font_file

    for path in dict.fromkeys((font_file(family), font_file(family, bold=True))):
        if not path or not path.lower().endswith((".ttf", ".otf", ".ttc")):
            continue
        try:
            found = font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError):
            continue
        if found.casefold() == family.casefold():
            font_manager.fontManager.addfont(path)


def covering_family(text: str, style: ChartStyle) -> str:
    """The first of the style's fonts that has every letter of ``text``: the font mathtext sets a title's words
    in when it holds an equation (mathtext falls back to STIX only, so a Korean word in Carlito would be boxes)."""
    families = font(style)["family"]
    wanted = {ord(ch) for ch in text if not ch.isspace()}
    return next((f for f in families if wanted <= _charmap(f)), families[0])


def font(style: ChartStyle) -> dict:
    """Keyword arguments for matplotlib text in the style's fonts."""
    return {"family": list(families_for(style.font, style.font_cjk, style.font_cs, style.font_scripts))}
