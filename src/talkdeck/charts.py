"""charts: Chart → PNG, drawn by matplotlib at the size of the box it fills.

The only module that imports matplotlib, and only when a chart is drawn (the
import costs ~0.3 s). Figures are built with the object-oriented API (no
pyplot state) on the Agg canvas, styled by the theme, and written without
time-dependent metadata so identical charts give identical bytes.
"""

from __future__ import annotations

import functools
import io
import hashlib
import json
import sys
import math
import os
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from . import __version__
from .layout import Box
from .color import mix, readable_on
from .fit import font_file
from .errors import TalkdeckError
from .model import Chart, Theme
from .numfmt import fmt_number

DPI = 200


def chart_key(chart: Chart, theme: Theme, box: Box, dpi: int = DPI) -> str:
    """A hash of everything that changes the picture: data, options, theme, size, versions, drawing code."""
    payload = {
        "chart": {k: v for k, v in asdict(chart).items() if k not in ("where", "path")},
        "theme": {k: v for k, v in asdict(theme).items() if k not in ("where", "path")},
        "box": (box.w, box.h), "dpi": dpi, "mpl": _matplotlib_version(), "talkdeck": __version__,
        "code": _drawing_code(),
        # The font files the theme's names resolve to: installing Carlito or Noto CJK changes the picture.
        "fonts": [font_file(theme.font), font_file(theme.font_cjk)],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:20]


@functools.lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    """matplotlib's version without importing it: the name of its dist-info folder, else importlib.metadata."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        found = list(Path(spec.origin).parent.parent.glob("matplotlib-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len("matplotlib-"):-len(".dist-info")]
    import importlib.metadata as md  # ~15 ms: it reads every installed distribution

    try:
        return md.version("matplotlib")
    except md.PackageNotFoundError:  # pragma: no cover
        return "?"


@functools.lru_cache(maxsize=1)
def _drawing_code() -> str:
    """A digest of the code that draws and encodes charts, so that a changed talkdeck never reuses old PNGs.

    The version number alone does not change between the commits of a checkout.
    """
    from . import color, numfmt

    return hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (sys.modules[__name__], color, numfmt))
                          ).hexdigest()[:16]


class FontMissing(TalkdeckError):
    """No installed font has the glyphs a chart's labels need."""


def chart_texts(chart: Chart) -> str:
    """All the text a chart draws: title, unit, categories and series names."""
    categories, series = chart.table()
    return " ".join([chart.title, chart.unit or "", *categories, *(series if chart.data is None else [])])


@functools.lru_cache(maxsize=32)
def _charmap(family: str) -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return frozenset()
    return frozenset(FT2Font(path).get_charmap())


def check_glyphs(chart: Chart, theme: Theme) -> None:
    """Raise FontMissing unless every character of the chart's text is in one of the theme's fonts."""
    families = _families(theme.font, theme.font_cjk)
    missing = sorted({ch for ch in chart_texts(chart) if not ch.isspace()
                      and not any(ord(ch) in _charmap(f) for f in families)})
    if missing:
        shown = "".join(missing[:12])
        raise FontMissing(f"no installed font has the characters {shown!r} "
                          f"(tried {', '.join(families)}); install one that does, e.g. Debian's "
                          "fonts-noto-cjk for Chinese, and set theme.font_cjk to its name")


def render_chart(chart: Chart, theme: Theme, box: Box, out: Path, dpi: int = DPI) -> Path:
    """Draw ``chart`` into a PNG of exactly ``box``'s size at ``dpi``; returns ``out``.

    Raises FontMissing rather than draw empty boxes for characters no font has.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    check_glyphs(chart, theme)

    fig = Figure(figsize=(box.w_in, box.h_in), dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    _style(fig, theme)
    ax = fig.add_subplot()
    _style_axes(ax, theme)
    _PLOTTERS[chart.type](ax, chart, theme)
    renderer = canvas.get_renderer()
    title, title_pad = _finish(ax, chart, theme, renderer)
    _fit_axes(fig, ax, renderer, title, title_pad)
    # Drawn once on the canvas: savefig would lay the figure out a second time.
    canvas.draw()
    data = encode_png(canvas.buffer_rgba(), dpi, alpha=theme.background is None)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def encode_png(rgba, dpi: int, alpha: bool = False) -> bytes:
    """PNG bytes of the Agg canvas's RGBA buffer, as opaque RGB (RGBA with ``alpha``) with its resolution.

    Pillow writes only the pixels and the pHYs resolution chunk (no text, no
    time), so equal pixels give equal bytes; zlib level 3 is fast for flat colours.
    """
    from PIL import Image

    height, width = rgba.shape[0], rgba.shape[1]
    image = Image.frombuffer("RGBA", (width, height), bytes(rgba), "raw", "RGBA", 0, 1)
    image = image if alpha else image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3, dpi=(dpi, dpi))
    return out.getvalue()


def _fit_axes(fig, ax, renderer, title, title_pad_pt: float, pad_pt: float = 8.0) -> None:
    """Place the axes so that the title, legend and tick labels just fit inside the figure.

    What ``tight_layout`` does, measuring only the texts outside the axes (title,
    legend row, tick labels): value labels stay inside thanks to the axes'
    margins. A fifth of tight_layout's cost, which measures every artist. Category
    labels too many to stand side by side are thinned to every k-th.
    """
    width, height = fig.bbox.width, fig.bbox.height
    pad = pad_pt * fig.dpi / 72

    def extents(labels):
        boxes = [t.get_window_extent(renderer) for t in labels if t.get_visible() and t.get_text()]
        return (max((b.width for b in boxes), default=0.0), max((b.height for b in boxes), default=0.0))

    tick_pad = 8 * fig.dpi / 72
    y_w, _ = extents(ax.get_yticklabels()) if ax.yaxis.get_visible() else (0.0, 0.0)
    x_w, x_h = extents(ax.get_xticklabels()) if ax.xaxis.get_visible() else (0.0, 0.0)
    _, title_h = extents([title])
    left = pad + (y_w + tick_pad if y_w else 0.0)
    bottom = pad + (x_h + tick_pad if x_h else 0.0)
    top = pad + (title_h + (title_pad_pt + 2) * fig.dpi / 72 if title_h else 0.0)
    right = pad + x_w / 2 * 0.5
    ax.set_position([left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height])
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    if ax.xaxis.get_visible() and len(labels) > 1:
        slot = ax.get_position().width * width / len(labels)
        step = math.ceil(x_w * 1.15 / slot)
        if step > 1:
            last = len(labels) - 1
            for i, label in enumerate(labels):
                label.set_visible((last - i) % step == 0)  # keep the last category's label


def _style(fig, theme: Theme) -> None:
    fig.set_facecolor(theme.background or "none")  # None: transparent, on a template


def _style_axes(ax, theme: Theme) -> None:
    ax.set_facecolor(theme.background or "none")  # the plot area too: no white box on a coloured slide


#: Fonts that PowerPoint users name, and their metric-compatible twins on Linux.
METRIC_TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Helvetica": "Liberation Sans", "Times New Roman": "Liberation Serif",
                "Courier New": "Liberation Mono"}


@functools.lru_cache(maxsize=8)
def _families(font: str, cjk: str) -> tuple[str, ...]:
    """The theme's fonts that matplotlib can find, in fallback order (CJK glyphs fall back to ``cjk``)."""
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    wanted = [font, METRIC_TWINS.get(font, font), cjk, "Noto Sans CJK SC", "DejaVu Sans"]
    return tuple(dict.fromkeys(f for f in wanted if f in available)) or ("DejaVu Sans",)


def _font(theme: Theme) -> dict:
    return {"family": list(_families(theme.font, theme.font_cjk))}


def _colors(chart: Chart, theme: Theme, categories: list[str]) -> list[str]:
    if chart.highlight:
        return [theme.accent if c in chart.highlight else "#9AA5B1" for c in categories]
    return [theme.palette[0]] * len(categories)


def _label_size(theme: Theme) -> float:
    # Chart text is read from the back of the room too: the body floor, in points.
    return float(theme.min_body_size) * 0.8


def plot_bar(ax, chart: Chart, theme: Theme) -> None:
    """Vertical bars, one per category, value on top."""
    cats, vals = list(chart.data), list(chart.data.values())
    bars = ax.bar(range(len(cats)), vals, color=_colors(chart, theme, cats), width=0.65, zorder=2)
    ax.set_xticks(range(len(cats)), [_wrap_label(c, 14) for c in cats], fontdict=_font(theme))
    if chart.value_labels:
        ax.bar_label(bars, labels=[fmt_number(v) for v in vals], padding=3, fontsize=_label_size(theme),
                     color=theme.text, fontweight="bold", **_font(theme))
    ax.margins(y=0.12)


def plot_barh(ax, chart: Chart, theme: Theme) -> None:
    """Horizontal bars, first category on top, value at the end of each bar."""
    cats, vals = list(chart.data), list(chart.data.values())
    bars = ax.barh(range(len(cats)), vals, color=_colors(chart, theme, cats), height=0.7, zorder=2)
    ax.set_yticks(range(len(cats)), cats, fontdict=_font(theme))
    ax.invert_yaxis()
    if chart.value_labels:
        ax.bar_label(bars, labels=[fmt_number(v) for v in vals], padding=4, fontsize=_label_size(theme),
                     color=theme.text, fontweight="bold", **_font(theme))
    ax.margins(x=0.08)


def plot_stacked(ax, chart: Chart, theme: Theme) -> None:
    """Bars stacked per category, one colour per series, totals on top."""
    cats = chart.categories
    bottom = [0.0] * len(cats)
    # A segment shorter than this share of the tallest stack has no room for its number (the total still shows).
    tallest = max((sum(col) for col in zip(*chart.series.values())), default=0.0) or 1.0
    for k, (name, vals) in enumerate(chart.series.items()):
        color = theme.palette[k % len(theme.palette)]
        bars = ax.bar(range(len(cats)), vals, bottom=bottom, label=name, width=0.65, zorder=2, color=color)
        if chart.value_labels:
            labels = [fmt_number(v) if v and v / tallest >= 0.07 else "" for v in vals]
            ax.bar_label(bars, labels=labels, label_type="center",
                         color=readable_on(color, theme.text), fontsize=_label_size(theme) * 0.9, **_font(theme))
        bottom = [b + v for b, v in zip(bottom, vals)]
    if chart.value_labels:
        for x, total in enumerate(bottom):
            ax.annotate(fmt_number(total), (x, total), xytext=(0, 4), textcoords="offset points", ha="center",
                        va="bottom", fontsize=_label_size(theme), fontweight="bold", color=theme.text, **_font(theme))
    ax.set_xticks(range(len(cats)), [_wrap_label(c, 16) for c in cats], fontdict=_font(theme))
    ax.margins(y=0.12)
    _legend(ax, theme)


def plot_grouped(ax, chart: Chart, theme: Theme) -> None:
    """Bars side by side per category, one colour per series."""
    cats, n = chart.categories, len(chart.series)
    width = 0.8 / n
    for k, (name, vals) in enumerate(chart.series.items()):
        xs = [x - 0.4 + width * (k + 0.5) for x in range(len(cats))]
        bars = ax.bar(xs, vals, width=width * 0.92, label=name, zorder=2, color=theme.palette[k % len(theme.palette)])
        if chart.value_labels:
            ax.bar_label(bars, labels=[fmt_number(v) for v in vals], padding=3, fontsize=_label_size(theme) * 0.9,
                         color=theme.text, **_font(theme))
    ax.set_xticks(range(len(cats)), [_wrap_label(c, 16) for c in cats], fontdict=_font(theme))
    ax.margins(y=0.12)
    _legend(ax, theme)


def plot_line(ax, chart: Chart, theme: Theme) -> None:
    """One line per series over the categories; values labelled where there is room."""
    cats = chart.categories
    for k, (name, vals) in enumerate(chart.series.items()):
        color = theme.palette[k % len(theme.palette)]
        ax.plot(range(len(cats)), vals, marker="o", linewidth=3, markersize=8, color=color, label=name, zorder=2)
        if chart.value_labels:
            # Every point when there are few and one series; else only the last, where the line ends.
            points = range(len(vals)) if len(vals) <= 8 and len(chart.series) == 1 else [len(vals) - 1]
            for x in points:
                ax.annotate(fmt_number(vals[x]), (x, vals[x]), xytext=(0, 8), textcoords="offset points",
                            ha="center", fontsize=_label_size(theme) * 0.9, color=theme.text, **_font(theme))
    ax.set_xticks(range(len(cats)), [_wrap_label(c, 16) for c in cats], fontdict=_font(theme))
    ax.margins(y=0.15)
    if len(chart.series) > 1:
        _legend(ax, theme)


_PLOTTERS: dict[str, Callable] = {"bar": plot_bar, "barh": plot_barh, "stacked": plot_stacked,
                                  "grouped": plot_grouped, "line": plot_line}


def _legend(ax, theme: Theme) -> None:
    """The series' names in a row above the plot, right-aligned: never over the data."""
    ax.legend(frameon=False, labelcolor=theme.text, loc="lower right", bbox_to_anchor=(1.0, 1.0),
              ncols=len(ax.get_legend_handles_labels()[0]), borderaxespad=0.3, handlelength=1.2,
              prop={"family": _font(theme)["family"], "size": _label_size(theme)})


def _wrap_label(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _finish(ax, chart: Chart, theme: Theme, renderer):
    """The chart's title and unit, light axes, no chart junk.

    Returns the title's Text and its distance above the plot in points (room for
    the legend's row, when there is one, between the title and the plot).
    """
    size = _label_size(theme)
    text = chart.title + (f" ({chart.unit})" if chart.unit else "")
    legend = ax.get_legend()
    pad = 12.0 + (legend.get_window_extent(renderer).height * 72 / ax.figure.dpi + 4 if legend else 0.0)
    title = ax.set_title(text, loc="left", fontsize=size * 1.15, fontweight="bold", color=theme.text, pad=pad,
                         **_font(theme))
    values = [v for vs in chart.table()[1].values() for v in vs]
    if any(v < 0 for v in values):  # bars go both ways: draw the zero they start from
        (ax.axvline if chart.type == "barh" else ax.axhline)(0, color="#9AA5B1", linewidth=1, zorder=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    horizontal = chart.type == "barh"
    value_axis = ax.xaxis if horizontal else ax.yaxis
    ax.spines["bottom" if horizontal else "left"].set_visible(not chart.value_labels)
    if chart.value_labels and chart.type != "line":
        value_axis.set_visible(False)  # the labels carry the values: no ticks to read
    else:
        ax.grid(axis="x" if horizontal else "y", color=mix(theme.background or readable_on(theme.text), theme.text, 0.18), linewidth=0.8,
                zorder=0)
    from matplotlib.ticker import FuncFormatter

    value_axis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v)))  # 1,400 as the labels write it
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontsize(size)
        label.set_color(theme.text)
        label.set_fontfamily(_font(theme)["family"])
    ax.tick_params(length=0, pad=6)
    for spine in ax.spines.values():
        spine.set_color("#9AA5B1")
    return title, pad
