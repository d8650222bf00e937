"""What a chart is drawn with: colours, fonts, sizes and the language of its numbers (pure data).

The build makes one :class:`ChartStyle` per talk from its theme; a template
may bring its own palette (its theme's accents) and ask for a transparent
background, so that the slide master shows through.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..lang.i18n import with_unit
from ..model import Chart, Theme
from ..text.bidi import COMPLEX
from ..text.shaping import script_font

#: The smallest size, in points, that chart labels shrink to before a warning.
LABEL_FLOOR_PT = 10.0


@dataclass(frozen=True)
class ChartStyle:
    """Everything besides the data that changes a chart's picture.

    ``background`` is the colour the chart is read against (contrast is
    computed with it) even when ``transparent`` leaves the PNG's background
    clear. ``palette`` None lets the series colours start from ``accent``.
    """

    background: str
    text: str
    accent: str
    font: str
    font_cjk: str
    #: Category, tick and value labels, in points; the title is a little larger.
    label_size: float
    palette: tuple[str, ...] | None = None
    transparent: bool = False
    #: BCP 47 tag: numbers' grouping and decimal mark, dates' month names.
    language: str = "en"
    label_floor: float = LABEL_FLOOR_PT
    #: How the language writes a title with its unit (the ``title_with_unit`` text of :mod:`talkdeck.lang.i18n`).
    heading: str = "{title} ({unit})"
    #: How the language writes a stack's net total over its bar (the ``net_total`` text of :mod:`talkdeck.lang.i18n`).
    net_total: str = "net {value}"
    #: The complex-script font (Arabic, Hebrew …), or None: matplotlib falls back to a font of the script.
    font_cs: str | None = None
    #: The fonts of other complex scripts the talk's charts write (Noto Sans Thai …), which matplotlib falls back to.
    font_scripts: tuple[str, ...] = ()

    @property
    def rtl(self) -> bool:
        """Whether the talk is written right to left: its bar charts' categories then run right to left."""
        from ..lang.numfmt import plain_tag
        from ..text.bidi import is_rtl_tag

        return is_rtl_tag(plain_tag(self.language))

    def title(self, title: str, unit: str | None) -> str:
        """A chart's title with its unit, as the talk's language writes them."""
        return with_unit(self.heading, title, unit)


def chart_style(theme: Theme, language: str = "en", *, transparent: bool = False,
                palette: list[str] | tuple[str, ...] | None = None, heading: str = "{title} ({unit})",
                net_total: str = "net {value}") -> ChartStyle:
    """The style of a talk's charts from its theme; ``palette`` (a template's accents) overrides the
    theme's; ``heading`` is the language's way to write a title and its unit, ``net_total`` a net sum."""
    chosen = palette if palette is not None else theme.palette
    return ChartStyle(background=theme.background, text=theme.text, accent=theme.accent, font=theme.font,
                      font_cjk=theme.font_cjk, label_size=float(theme.min_body_size) * 0.8,
                      palette=tuple(chosen) if chosen else None, transparent=transparent, language=language,
                      heading=heading, net_total=net_total, font_cs=theme.font_cs)


def talk_chart_style(talk, m, *, transparent: bool = False) -> ChartStyle:
    """The style of ``talk``'s charts, written in the words of ``m`` (its :class:`~talkdeck.lang.i18n.Messages`):
    what the build draws with and the planner measures with, so that both agree."""
    style = chart_style(talk.theme, m.language, heading=m.text("title_with_unit"), net_total=m.text("net_total"),
                        transparent=transparent)
    scripts = script_fonts(" ".join(chart_texts(chart) for chart in (talk.charts or {}).values()))
    return replace(style, font_scripts=tuple(f for f in scripts if f != style.font_cs))


def chart_texts(chart: Chart) -> str:
    """All the text a chart draws: title, unit, categories and series names."""
    categories, series = chart.table()
    return " ".join([chart.title, chart.unit or "", *categories, *(series if chart.data is None else [])])


def script_fonts(text: str) -> tuple[str, ...]:
    """The Noto fonts of the complex scripts in ``text`` (Noto Sans Thai for Thai …), in order of appearance."""
    return tuple(dict.fromkeys(script_font(ch) for ch in text if COMPLEX.match(ch)))
