"""charts: Chart → PNG with matplotlib, the only package that imports it (lazily, only to draw).

``values`` (what the numbers and categories mean), ``describe`` (alt text and notes), ``labels`` (room for every
label, from font metrics), ``style`` and ``palette`` are pure; ``plot``,
``axes`` and ``render`` draw.
"""

from .fonts import FontMissing, chart_texts, check_glyphs
from .labels import LabelFit, fit_labels, label_problem
from .render import DPI, chart_key, draw_chart, encode_png, render_chart
from .style import ChartStyle, chart_style, talk_chart_style

__all__ = ["DPI", "ChartStyle", "FontMissing", "LabelFit", "chart_key", "chart_style",
           "chart_texts", "check_glyphs", "draw_chart", "encode_png", "fit_labels", "label_problem", "render_chart",
           "talk_chart_style"]
