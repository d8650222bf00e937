"""Code on a slide: Pygments' tokens as runs, one paragraph a line, colours readable on the theme.

Lines are kept exactly as written: their breaks, their indentation (a tab is
four spaces), no wrapping. Colours come from a Pygments style for light or
dark backgrounds; a token colour below WCAG AA's contrast on the code's panel
is moved toward the text colour until it reaches it, so every token reads and
keeps its hue.
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import replace

from .. import layout as L
from ..errors import Problem
from ..layout import Box
from ..model import Slide, Theme
from ..text.color import AA_BODY, contrast, luminance, mix
from ..text.fit import Para, fit_text, layout_height
from ..text.markup import Run
from ..text.shaping import line_spacing
from .context import Context, mono_for
from .spec import SlideSpec, TextBlock

#: Pygments styles for code on a light and on a dark background.
LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"
#: Spaces a tab stands for.
TAB = 4
#: Code starts at this size (or the theme's body size, if smaller) and shrinks to the floor, in points:
#: a line of code is never wrapped, so long lines need a smaller size than prose does.
CODE_SIZE = 24
CODE_FLOOR = 14
#: The panel's margin around the code, inside the text box's own inset (EMU).
PANEL_PAD = L.inches(0.15)


def fill(ctx: Context, spec: SlideSpec, slide: Slide, box: Box) -> None:
    """A code slide: the block in ``box``, coloured by its language, at the largest size its longest line fits."""
    block, problems = plan_code(slide, box, ctx.theme, ctx.talk.language, ctx.file)
    spec.texts.append(block)
    ctx.warnings += problems


def plan_code(slide: Slide, box: Box, theme: Theme, language: str, file: str) -> tuple[TextBlock, list[Problem]]:
    """The code block of a code slide in ``box``: its lines at the largest size from :data:`CODE_SIZE`
    down to :data:`CODE_FLOOR` at which every line fits unwrapped, on a panel as tall as the code;
    and warnings (a language Pygments does not know, code that does not fit even at the floor)."""
    problems = []
    if slide.language and find_lexer(slide.language) is None:
        problems.append(Problem(file, slide.pos("language"), f"{slide.path}.language",
                                f"no colours for the language '{slide.language}'{language_hint(slide.language)}; "
                                "the code is shown in one colour", "warning"))
    paras = code_paras(slide.code or "", slide.language, theme.background, theme.text)
    # One rhythm for every line: a line with an Arabic comment is spaced as a complex script needs, and
    # so are the others, or it would stand apart from them.
    spacing = max((line_spacing(p.text, theme.font_cs, L.LINE_SPACING) for p in paras), default=L.LINE_SPACING)
    paras = [replace(p, spacing=spacing) for p in paras]
    pad = PANEL_PAD
    inner = Box(box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad)
    mono = mono_for(slide.code or "", theme)
    result = fit_text(paras, inner, min(theme.body_size, CODE_SIZE), CODE_FLOOR, theme.font, theme.font_cjk,
                      mono, language, theme.font_cs or "")
    if not result.fits:
        longest = max((len(p.text) for p in paras), default=0)
        problems.append(Problem(file, slide.pos("code"), f"{slide.path}.code", f"code does not fit its box even at "
                                f"{CODE_FLOOR:g} pt ({len(paras)} lines, the longest {longest} characters); "
                                "shorten it or split the slide", "warning"))
    lines_pt = result.height_pt
    if not math.isfinite(lines_pt):
        # A line too wide even at the floor: the text box wraps it, so the panel is as tall as the lines wrapped.
        lines_pt, _ = layout_height([replace(p, wrap=True) for p in paras], inner, result.size, theme.font,
                                    theme.font_cjk, CODE_FLOOR, mono, language)
    height = min(box.h, round(lines_pt * L.EMU_PER_PT) + 2 * (L.INSET_Y + pad) + L.inches(0.05))
    block = TextBlock("code", paras, Box(box.x, box.y, box.w, height), result.size, result.fits,
                      fill=panel_color(theme.background, theme.text), pad=pad,
                      font_mono=None if mono == theme.font_mono else mono)
    return block, problems


def panel_color(background: str, text: str) -> str:
    """The code panel's fill: the background moved 6 % toward the text colour."""
    return mix(background, text, 0.06)


def is_dark(color: str) -> bool:
    return luminance(color) < 0.18


@functools.lru_cache(maxsize=64)
def find_lexer(language: str | None):
    """The Pygments lexer for ``language`` (a name or alias, any case), or None if there is none."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    if not language:
        return None
    try:
        return get_lexer_by_name(language.strip().lower(), stripnl=False, ensurenl=False, tabsize=TAB)
    except ClassNotFound:
        return None


def language_hint(language: str) -> str:
    """`` (did you mean 'python'?)`` for a language name close to one Pygments knows, else ''."""
    from pygments.lexers import get_all_lexers

    names = sorted({alias for _, aliases, _, _ in get_all_lexers() for alias in aliases})
    close = difflib.get_close_matches(language.lower(), names, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def code_paras(code: str, language: str | None, background: str, text: str) -> list[Para]:
    """``code`` as paragraphs of runs, one a line, coloured for ``language`` on ``background``.

    A line is never wrapped (``wrap=False``) and has no space before it
    (``tight``); trailing blank lines are dropped, leading spaces kept.
    """
    lines = code.expandtabs(TAB).rstrip("\n ").split("\n")
    lexer = find_lexer(language)
    if lexer is None:
        return [_line([Run(line, code=True)]) for line in lines]
    from pygments import lex
    from pygments.styles import get_style_by_name

    style = get_style_by_name(DARK_STYLE if is_dark(background) else LIGHT_STYLE)
    panel = panel_color(background, text)
    out: list[list[Run]] = [[]]
    for ttype, value in lex("\n".join(lines) + "\n", lexer):
        look = style.style_for_token(_styled(ttype, style))
        color = readable("#" + look["color"], panel, text) if look["color"] else None
        for k, piece in enumerate(value.split("\n")):
            if k:
                out.append([])
            if piece:
                out[-1].append(Run(piece, bool(look["bold"]), bool(look["italic"]), True, None, color))
    while out and not out[-1]:
        out.pop()
    return [_line(runs) for runs in out]


def _styled(ttype, style):
    """``ttype`` or the nearest of its parents that ``style`` has an entry for: a lexer may emit a token
    type of its own (YAML's ``Literal.Scalar.Plain``), which a style knows only by its parent."""
    while not style.styles_token(ttype) and ttype.parent is not None:
        ttype = ttype.parent
    return ttype


@functools.lru_cache(maxsize=256)
def readable(color: str, panel: str, text: str) -> str:
    """``color`` moved toward ``text`` in tenths until it has AA contrast on ``panel`` (``text`` at worst)."""
    for tenth in range(11):
        shade = mix(color, text, tenth / 10)
        if contrast(shade, panel) >= AA_BODY:
            return shade
    return text


def _line(runs: list[Run]) -> Para:
    """One line of code; neighbouring runs that look the same are merged (spaces look like any run:
    every face of a monospace font has the same advance)."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (run.text.isspace() or replace(merged[-1], text="") == replace(run, text="")):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return Para(runs=tuple(merged), markup=False, wrap=False, tight=True)
