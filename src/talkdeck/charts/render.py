"""Chart → PNG, drawn by matplotlib at the size of the box it fills.

matplotlib is imported only when a chart is drawn (the import costs ~0.3 s).
Figures are built with the object-oriented API (no pyplot state) on the Agg
canvas, styled by a :class:`~talkdeck.charts.style.ChartStyle`, and written
without time-dependent metadata so identical charts give identical bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
from dataclasses import asdict
from pathlib import Path

from .. import __version__
from ..layout import Box
from ..model import Chart, Theme
from ..text.fonts import font_file
from .axes import finish, place, start_at_right
from .fonts import check_glyphs, font
from .labels import fit_labels
from .plot import PLOTTERS
from .style import ChartStyle, chart_style
from .values import x_axis

DPI = 200
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"


def _style_of(style: ChartStyle | Theme) -> ChartStyle:
    return chart_style(style) if isinstance(style, Theme) else style


def chart_key(chart: Chart, style: ChartStyle | Theme, box: Box, dpi: int = DPI) -> str:
    """A hash of everything that changes the picture: data, options, style, size, versions, drawing code."""
    style = _style_of(style)
    payload = {
        "chart": {k: v for k, v in asdict(chart).items() if k not in ("where", "path")},
        "style": asdict(style),
        "box": (box.w, box.h), "dpi": dpi, "mpl": _matplotlib_version(), "talkdeck": __version__,
        "code": _drawing_code(),
        # The font files the style's names resolve to: installing Carlito or Noto CJK changes the picture.
        "fonts": [font_file(style.font), font_file(style.font_cjk), style.font_cs and font_file(style.font_cs)],
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
    from ..lang import numfmt
    from ..text import color

    here = Path(__file__).parent
    files = sorted(here.glob("*.py")) + [Path(color.__file__), Path(numfmt.__file__)]
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]


def cached_png_ok(path: Path) -> bool:
    """True if ``path`` is a whole PNG (signature at the start, IEND at the end)."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
            f.seek(-8, os.SEEK_END)
            return head == PNG_SIGNATURE and f.read(8) == PNG_END
    except OSError:
        return False


def warm_up() -> None:
    """Import what drawing a chart needs (matplotlib's figure, Agg canvas and font manager, Pillow): the
    chart worker does this while the build plans its slides, ``watch --preview`` once the first pictures
    are drawn (so that the first chart edited is not slowed by it)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    from matplotlib import font_manager
    from PIL import Image  # noqa: F401

    font_manager.fontManager  # noqa: B018 - reads the font cache now, not at the first chart


def render_chart(chart: Chart, style: ChartStyle | Theme, box: Box, out: Path, dpi: int = DPI) -> Path:
    """Draw ``chart`` into a PNG of exactly ``box``'s size at ``dpi``; returns ``out``.

    Raises FontMissing rather than draw empty boxes for characters no font has.
    """
    style = _style_of(style)
    fig = draw_chart(chart, style, box, dpi)
    data = encode_png(fig.canvas.buffer_rgba(), dpi, keep_alpha=style.transparent)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def draw_chart(chart: Chart, style: ChartStyle | Theme, box: Box, dpi: int = DPI):
    """The matplotlib Figure of ``chart``, drawn on its Agg canvas (its texts can be measured)."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    style = _style_of(style)
    check_glyphs(chart, style)
    fit = fit_labels(chart, style, box)
    kind = "barh" if fit.horizontal else chart.type

    # A speaker's '$' is a dollar, not TeX: "US$5 to US$10" would be set as maths, "$x^" fail to parse.
    # An equation in the title (charts.mathtext) is set in the chart's own sans font, symbols from STIX's.
    family = font(style)["family"][0]
    with rc_context({"text.parse_math": False, "mathtext.fontset": "custom", "mathtext.rm": family,
                     "mathtext.it": f"{family}:italic", "mathtext.bf": f"{family}:bold",
                     "mathtext.sf": family, "mathtext.cal": f"{family}:italic", "mathtext.fallback": "stixsans"}):
        fig = Figure(figsize=(box.w_in, box.h_in), dpi=dpi)
        canvas = FigureCanvasAgg(fig)
        fig.set_facecolor("none" if style.transparent else style.background)
        ax = fig.add_subplot()
        ax.set_facecolor("none" if style.transparent else style.background)
        if style.rtl and kind != "line":  # a line's time runs left to right in every language
            start_at_right(ax)
        ends = PLOTTERS[kind](ax, chart, style, fit)
        title = finish(fig, ax, chart, style, fit, kind)
        categories_on_x = kind != "barh" and not (kind == "line" and x_axis(chart).numeric)
        place(fig, ax, canvas.get_renderer(), title, ends, style, categories_on_x)
        # Drawn once on the canvas: savefig would lay the figure out a second time.
        canvas.draw()
    return fig


def encode_png(rgba, dpi: int, keep_alpha: bool = False) -> bytes:
    """PNG bytes of the Agg canvas's RGBA buffer (opaque RGB unless ``keep_alpha``) with its resolution.

    Pillow writes only the pixels and the pHYs resolution chunk (no text, no
    time), so equal pixels give equal bytes; zlib level 3 is fast for flat colours.
    """
    from PIL import Image

    height, width = rgba.shape[0], rgba.shape[1]
    image = Image.frombuffer("RGBA", (width, height), bytes(rgba), "raw", "RGBA", 0, 1)
    if not keep_alpha:
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3, dpi=(dpi, dpi))
    return out.getvalue()
