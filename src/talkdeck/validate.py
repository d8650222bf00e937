"""Checks on a structurally valid Talk that types alone cannot express.

Returns :class:`~talkdeck.errors.Problem` lists (errors and warnings), each at
the line of the value concerned. Pure except for looking at asset files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from . import limits
from .charts.values import first_out_of_order, x_axis
from .color import AA_BODY, GRAPHICS_MIN, contrast, luminance
from .assets import AssetProblem, check_image, check_template, resolve_asset
from .errors import Problem, did_you_mean
from .i18n import fallback_warning, override_problems
from .model import COLUMN_KINDS, SLIDE_KINDS, Chart, Column, Located, Slide, Talk

#: Keys that only mean something on some slide kinds.
_KIND_KEYS = {"alt": ("image",), "decorative": ("image",), "caption": ("image", "chart"), "by": ("quote",),
              "language": ("code",)}
#: What each slide kind's key holds, for a key written with nothing after it.
_KIND_CONTENT = {"bullets": "a list of points", "chart": "the name of a chart defined under 'charts:'",
                 "image": "a picture's path", "quote": "the quotation", "table": "rows of cells",
                 "columns": "two columns of points", "statement": "one sentence",
                 "code": "the code, as a block of lines"}
#: A number worth a source: two digits or more, a percentage or a decimal, but not a bare year
#: ("Step 1", "Phase 2" are not data). Chinese and Japanese set numbers between characters
#: without spaces (增长约72%, 1950年代): only a Latin or Cyrillic letter before one makes it a
#: name ("v12"), and a year may be followed by 年 or 년.
_NUMBER = re.compile(r"(?<![0-9A-Za-z_\u00c0-\u024f\u0400-\u04ff.–-])(?!(?:1[89]|20)\d\d(?:\b|–|[年년]))"
                     r"(?:\d[\d,.]*\d%?|\d%)")


def validate_talk(talk: Talk, file: str, base_dir: Path | None, allow_outside: bool = False,
                  structural_errors: set[str] = frozenset()) -> list[Problem]:
    """Every semantic error and warning in ``talk``, in no particular order.

    ``structural_errors`` are the key paths the loader already reported; checks
    that depend on them are skipped so one mistake is not reported twice.
    """
    out: list[Problem] = []

    def report(obj: Located | tuple[int, int], path: str, message: str, key: str = "",
               severity: str = "error") -> None:
        pos = obj if isinstance(obj, tuple) else obj.pos(key)
        out.append(Problem(file, pos, path, message, severity))  # type: ignore[arg-type]

    def damaged(path: str) -> bool:
        return any(p == path or p.startswith((path + ".", path + "[")) for p in structural_errors)

    charts_ok = not damaged("charts")
    used: set[str] = set()
    count = 0
    for slide in talk.all_slides():
        count += 1
        for shown in [slide, *(slide.columns or [])]:
            if shown.chart:
                used.add(shown.chart)
        if damaged(slide.path):
            continue
        _check_slide(slide, slide.path, talk, report, charts_ok)
        for shown in [slide, *(slide.columns or [])]:
            if shown.image and base_dir is not None:
                _check_asset(shown, "image", shown.path, base_dir, allow_outside, report, image=True)
    if count > limits.MAX_SLIDES:
        report(talk, "sections", f"{count:,} slides; the limit is {limits.MAX_SLIDES:,} "
               f"({limits.how_to_raise('MAX_SLIDES')})", key="sections")
    for name, chart in talk.charts.items():
        if not damaged(chart.path):
            _check_chart(chart, chart.path, report)
        if name not in used:
            report(chart, chart.path, "chart defined but never used on a slide", severity="warning")
    if base_dir is not None:
        if talk.speaker.photo and not damaged("speaker.photo"):
            _check_asset(talk.speaker, "photo", "speaker", base_dir, allow_outside, report, image=True)
        if talk.theme.template:
            _check_asset(talk.theme, "template", "theme", base_dir, allow_outside, report, image=False)
    for obj, key, text in _texts(talk):
        if len(text) > limits.MAX_TEXT_CHARS:
            report(obj, f"{obj.path}.{key}" if obj.path else key, f"{len(text):,} characters; the limit is "
                   f"{limits.MAX_TEXT_CHARS:,} ({limits.how_to_raise('MAX_TEXT_CHARS')})", key=key)
    if not damaged("theme"):
        _check_contrast(talk, report)
        _check_palette(talk, report)
        for size, floor in (("title_size", "min_title_size"), ("body_size", "min_body_size")):
            if getattr(talk.theme, floor) > getattr(talk.theme, size):
                report(talk.theme, f"theme.{floor}", f"is larger than {size} (expected at most "
                       f"{getattr(talk.theme, size)}, got {getattr(talk.theme, floor)})", key=floor)
    if not damaged("strings"):
        for key, message in override_problems(talk.strings):
            report(talk, f"strings.{key}", message, key="strings")
    fallback = fallback_warning(talk.language) if not damaged("language") else None
    if fallback:
        report(talk, "language", fallback, key="language", severity="warning")
    if talk.duration is not None:
        planned = sum(s.minutes or 0 for s in talk.sections) + (talk.intro.minutes or 0 if talk.intro else 0)
        if planned > talk.duration:
            report(talk, "sections", f"the sections' minutes add up to {planned:g}, more than the "
                   f"talk's duration of {talk.duration:g}", key="duration", severity="warning")
    return out


#: (text colour key, background key, where the pair is used). The dividers' text on the accent is
#: not checked: the planner sets it white or dark, whichever reads (color.large_text_on).
_CONTRAST_PAIRS = (("text", "background", "body text"), ("muted", "background", "sources and footers"))


def _check_contrast(talk: Talk, report) -> None:
    theme = talk.theme
    for fg_key, bg_key, use in _CONTRAST_PAIRS:
        fg, bg = getattr(theme, fg_key), getattr(theme, bg_key)
        ratio = contrast(fg, bg)
        if ratio < AA_BODY:
            where = fg_key if fg_key in theme.where else ""
            report(theme, f"theme.{fg_key}",
                   f"{fg} on {bg} has a contrast of {ratio:.1f}:1, below WCAG AA's {AA_BODY}:1 for {use} "
                   f"(choose a darker colour)", key=where)


def _check_slide(slide: Slide, path: str, talk: Talk, report, charts_ok: bool) -> None:
    kinds = slide.kinds
    if not kinds:
        blank = [k for k in SLIDE_KINDS if k in slide.where]  # `chart:` written with nothing after it
        if blank:
            report(slide, f"{path}.{blank[0]}", f"is blank (expected {_KIND_CONTENT[blank[0]]})", key=blank[0])
        else:
            report(slide, path, f"a slide needs something to show (expected one of: {', '.join(SLIDE_KINDS)})")
        return
    if len(kinds) > 1 and not slide.figure_kind:
        pair = "; bullets share a slide only with an image or a chart" if "bullets" in kinds else ""
        report(slide, path, f"a slide shows one thing (expected one of: {', '.join(SLIDE_KINDS)}; "
               f"got {' and '.join(repr(k) for k in kinds)}){pair}")
        return
    kind = slide.kind
    if not (slide.title or "").strip() and kind != "quote":
        if "title" in slide.where:  # written, but left blank
            report(slide, f"{path}.title", "is blank (expected the slide's title)", key="title")
        else:
            report(slide, path, "missing required key 'title'")
    for key, allowed in _KIND_KEYS.items():
        if getattr(slide, key) not in (None, False) and not set(allowed) & set(kinds):
            report(slide, f"{path}.{key}", f"'{key}' belongs on {' or '.join(allowed)} slides "
                   f"(this is a {kind} slide)", key=key)
    if slide.figure_side is not None and kind != "beside":
        report(slide, f"{path}.figure_side", "'figure_side' belongs on slides of bullets beside an image "
               f"or a chart (this is a {kind} slide)", key="figure_side")
    if "chart" in kinds:
        _check_chart_name(slide, path, talk, report, charts_ok)
    if "image" in kinds and not (slide.alt or "").strip() and not slide.decorative:
        report(slide, f"{path}.image", "an image needs alt text (add 'alt: what it shows', or "
               "'decorative: true' if it only decorates)", key="image")
    if kind == "table":
        rows = slide.table or []
        if not rows or not rows[0]:
            report(slide, f"{path}.table", "the table is empty (expected a header row and rows)", key="table")
        else:
            for r, row in enumerate(rows[1:], start=1):
                if len(row) != len(rows[0]):
                    cells = f"{len(row)} cell{'' if len(row) == 1 else 's'}"
                    report(slide, f"{path}.table[{r}]", f"row has {cells}, the header has "
                           f"{len(rows[0])}", key="table")
    if "bullets" in kinds and not slide.bullets:
        report(slide, f"{path}.bullets", "is empty (expected at least one bullet)", key="bullets")
    for column in slide.columns or []:
        _check_column(column, talk, report, charts_ok)
    if not slide.notes:
        report(slide, path, "slide has no speaker notes", severity="warning")
    shows_chart = slide.chart is not None or any(c.chart for c in slide.columns or [])  # a chart shows its own source
    if kind in ("bullets", "beside", "table", "statement", "columns") and not slide.source and not shows_chart \
            and _shows_number(slide):
        report(slide, path, "slide shows numbers but no 'source'", severity="warning")


def _check_chart_name(obj: Slide | Column, path: str, talk: Talk, report, charts_ok: bool) -> None:
    if charts_ok and obj.chart not in talk.charts:
        hint = did_you_mean(obj.chart, talk.charts) or (
            f" (expected one of: {', '.join(talk.charts)})" if talk.charts else " (no charts are defined under 'charts:')")
        report(obj, f"{path}.chart", f"no chart named '{obj.chart}'{hint}", key="chart")


def _check_column(column: Column, talk: Talk, report, charts_ok: bool) -> None:
    """A column shows exactly one of bullets, an image or a chart; an image has alt text."""
    kinds, path = column.kinds, column.path
    if not kinds:
        report(column, path, f"a column needs something to show (expected one of: {', '.join(COLUMN_KINDS)})")
        return
    if len(kinds) > 1:
        report(column, path, f"a column shows one thing (expected one of: {', '.join(COLUMN_KINDS)}; "
               f"got {' and '.join(repr(k) for k in kinds)})")
        return
    if column.chart is not None:
        _check_chart_name(column, path, talk, report, charts_ok)
    if column.image is not None and not (column.alt or "").strip() and not column.decorative:
        report(column, f"{path}.image", "an image needs alt text (add 'alt: what it shows', or "
               "'decorative: true' if it only decorates)", key="image")
    for key in ("alt", "decorative"):
        if getattr(column, key) not in (None, False) and column.image is None:
            report(column, f"{path}.{key}", f"'{key}' belongs on a column with an image", key=key)
    if column.bullets is not None and not column.bullets:
        report(column, f"{path}.bullets", "is empty (expected at least one bullet)", key="bullets")


def _shows_number(slide: Slide) -> bool:
    texts = [slide.statement or ""]
    texts += [w for b in slide.bullets or [] for w in b.words()]
    texts += [c for row in slide.table or [] for c in row]
    texts += [w for col in slide.columns or [] for b in col.bullets or [] for w in b.words()]
    return any(_NUMBER.search(t) for t in texts)


def _check_chart(chart: Chart, path: str, report) -> None:
    one_series = chart.type in ("bar", "barh") or (chart.type == "line" and chart.data is not None)
    if one_series:
        if chart.data is None:
            extra = " (use type stacked, grouped or line for several series)" if chart.series is not None else ""
            report(chart, path, f"a {chart.type} chart needs 'data: {{category: value, ...}}'{extra}")
            return
        if chart.series is not None or chart.categories is not None:
            key = "series" if chart.series is not None else "categories"
            hint = ("use type stacked, grouped or line for several series" if chart.type != "line"
                    else "a line chart takes either 'data' for one series or 'categories' and 'series'")
            report(chart, f"{path}.{key}", f"a {chart.type} chart takes 'data', not '{key}' ({hint})", key=key)
        if not chart.data:
            report(chart, f"{path}.data", "is empty (expected at least one category: value)", key="data")
            return
    else:
        if chart.data is not None:
            report(chart, f"{path}.data", f"a {chart.type} chart takes 'categories' and 'series', "
                   "not 'data' (use type bar for one series)", key="data")
            return
        for key in ("categories", "series"):
            if not getattr(chart, key):
                report(chart, f"{path}.{key}" if getattr(chart, key) is not None else path,
                       f"a {chart.type} chart needs '{key}'" + (" (got an empty one)" if getattr(chart, key) is not None else ""),
                       key=key)
                return
        n = len(chart.categories)
        repeated = sorted({c for c in chart.categories if chart.categories.count(c) > 1})
        if repeated:
            report(chart, f"{path}.categories", f"category {repeated[0]!r} is written twice (each bar or point "
                   "needs its own name)", key="categories")
        for name, values in chart.series.items():
            if len(values) != n:
                report(chart, f"{path}.series.{name}", f"has {len(values)} values for {n} categories", key="series")
    categories, series = chart.table()
    values_key = "data" if chart.data is not None else "series"
    points = sum(len(v) for v in series.values())
    if points > limits.MAX_CHART_POINTS:
        report(chart, path, f"{points:,} values; the limit is {limits.MAX_CHART_POINTS:,} "
               f"({limits.how_to_raise('MAX_CHART_POINTS')})")
    for name, vs in series.items():
        if vs and all(v is None for v in vs):
            whose = "" if chart.data is not None else f"series {name!r} "
            report(chart, f"{path}.{values_key}", f"{whose}has no values, only null", key=values_key)
            return
    if chart.type != "line" and any(v is None for vs in series.values() for v in vs):
        report(chart, f"{path}.{values_key}", f"null (a missing value) is drawn only on line charts, as a gap "
               f"(this is a {chart.type} chart; give a number or leave the category out)", key=values_key)
        return
    axis = x_axis(chart)
    backwards = first_out_of_order(axis, categories)
    if backwards:
        key = "data" if chart.data is not None else "categories"
        report(chart, f"{path}.{key}", f"{'dates' if axis.kind == 'date' else 'numbers'} on a line chart's axis must "
               f"increase ({backwards[1]!r} comes after {backwards[0]!r})", key=key)
    if chart.highlight and chart.type not in ("bar", "barh", "line"):
        report(chart, f"{path}.highlight", f"'highlight' works on bar, barh and line charts (this is a {chart.type} "
               "chart, whose colours tell its series apart)", key="highlight")
        return
    names = categories + (list(series) if chart.type == "line" and chart.data is None else [])
    for name in chart.highlight:
        if name not in names:
            what = "a category or series" if chart.type == "line" and chart.data is None else "a category"
            report(chart, f"{path}.highlight", f"'{name}' is not {what} of this chart"
                   f"{did_you_mean(name, names)}", key="highlight")


def _check_palette(talk: Talk, report) -> None:
    """A warning at each palette colour that chart marks drawn in it would not stand out from the background."""
    theme = talk.theme
    for i, colour in enumerate(theme.palette or []):
        ratio = contrast(colour, theme.background)
        if ratio < GRAPHICS_MIN:
            where = f"palette[{i}]" if f"palette[{i}]" in theme.where else "palette"
            report(theme, f"theme.palette[{i}]", f"{colour} on the background {theme.background} has a contrast of "
                   f"{ratio:.1f}:1, below the {GRAPHICS_MIN:g}:1 WCAG 1.4.11 asks of chart marks (choose a "
                   f"{'darker' if luminance(theme.background) > 0.18 else 'lighter'} colour)", key=where,
                   severity="warning")


def _check_asset(obj: Located, key: str, path: str, base_dir: Path, allow_outside: bool, report,
                 image: bool) -> None:
    rel = getattr(obj, key)
    try:
        resolved = resolve_asset(base_dir, rel, allow_outside)
        check_image(resolved) if image else check_template(resolved, rel)
    except AssetProblem as e:
        report(obj, f"{path}.{key}", str(e), key=key)


def _texts(talk: Talk) -> Iterator[tuple[Located, str, str]]:
    """(object, key, text) for each long-form text of the talk."""
    yield talk, "title", talk.title
    yield talk.speaker, "bio", talk.speaker.bio
    for slide in talk.all_slides():
        for key in ("title", "notes", "quote", "statement"):
            if getattr(slide, key):
                yield slide, key, getattr(slide, key)
        if slide.bullets:
            yield slide, "bullets", "".join(w for b in slide.bullets for w in b.words())
