"""Checks on a structurally valid Talk that types alone cannot express.

Returns :class:`~talkdeck.errors.Problem` lists (errors and warnings), each at
the line of the value concerned. Pure except for looking at asset files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import limits
from ..cite.syntax import find_clusters
from ..errors import Problem, Reported, did_you_mean
from ..lang.i18n import fallback_warning, override_problems
from ..lang.quantities import needs_source
from ..model import COLUMN_KINDS, FIGURE_KINDS, KIND_KEYS, SLIDE_KINDS, Column, Located, Slide, Talk
from ..text.color import AA_BODY, GRAPHICS_MIN, contrast, luminance
from ..text.maths import bare_latex
from .assets import AssetProblem, check_image, check_template, resolve_asset
from .chars import blank as blank_text
from .hints import comma_split_hint
from .validate_chart import check_chart

#: What each slide kind's key holds, for a key written with nothing after it.
_KIND_CONTENT = {"bullets": "a list of points", "chart": "the name of a chart defined under 'charts:'",
                 "image": "a picture's path", "quote": "the quotation", "table": "rows of cells",
                 "columns": "two columns of points", "statement": "one sentence",
                 "code": "the code, as a block of lines", "math": "an equation in LaTeX, such as 'E = mc^2'"}


def validate_talk(talk: Talk, file: str, base_dir: Path | None, allow_outside: bool = False,
                  structural_errors: Iterable[str] = ()) -> list[Problem]:
    """Every semantic error and warning in ``talk``, in no particular order.

    ``structural_errors`` are the key paths the loader already reported; a check that
    reads a value reported there is skipped so one mistake is not reported twice, and
    every other check runs, so that one run shows every mistake.
    """
    out: list[Problem] = []
    reported = Reported(structural_errors)

    def report(obj: Located | tuple[int, int], path: str, message: str, key: str = "",
               severity: str = "error") -> None:
        pos = obj if isinstance(obj, tuple) else obj.pos(key)
        out.append(Problem(file, pos, path, message, severity))  # type: ignore[arg-type]

    used: set[str] = set()
    count = 0
    for slide in talk.all_slides():
        count += 1
        for shown in slide.shown:
            if shown.chart:
                used.add(shown.chart)
        _check_slide(slide, slide.path, talk, report, reported)
        for shown in slide.shown:
            if shown.image and base_dir is not None and not reported.key(shown.path, "image"):
                _check_asset(shown, "image", shown.path, base_dir, allow_outside, report, image=True)
    if count > limits.MAX_SLIDES:
        report(talk, "sections", f"{count:,} slides; the limit is {limits.MAX_SLIDES:,} "
               f"({limits.how_to_raise('MAX_SLIDES')})", key="sections")
    for name, chart in talk.charts.items():
        check_chart(chart, chart.path, report, reported)
        if name not in used:
            report(chart, chart.path, "chart defined but never used on a slide", severity="warning")
    if base_dir is not None:
        if talk.speaker.photo and not reported.key("speaker", "photo"):
            _check_asset(talk.speaker, "photo", "speaker", base_dir, allow_outside, report, image=True)
        if talk.theme.template and not reported.key("theme", "template"):
            _check_asset(talk.theme, "template", "theme", base_dir, allow_outside, report, image=False)
    for obj, key, text in _texts(talk):
        if len(text) > limits.MAX_TEXT_CHARS:
            report(obj, f"{obj.path}.{key}" if obj.path else key, f"{len(text):,} characters; the limit is "
                   f"{limits.MAX_TEXT_CHARS:,} ({limits.how_to_raise('MAX_TEXT_CHARS')})", key=key)
    if not reported.at("theme"):
        theme_broken = reported.keys_below("theme")
        _check_contrast(talk, report, theme_broken)
        if not {"palette", "background"} & theme_broken:
            _check_palette(talk, report)
        for size, floor in (("title_size", "min_title_size"), ("body_size", "min_body_size")):
            if {size, floor} & theme_broken:
                continue
            if getattr(talk.theme, floor) > getattr(talk.theme, size):
                report(talk.theme, f"theme.{floor}", f"is larger than {size} (expected at most "
                       f"{getattr(talk.theme, size)}, got {getattr(talk.theme, floor)})", key=floor)
    if not reported.within("strings"):
        for key, message in override_problems(talk.strings):
            report(talk, f"strings.{key}", message, key=f"strings.{key}")
    fallback = fallback_warning(talk.language) if not reported.within("language") else None
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


def _check_contrast(talk: Talk, report, broken: set[str]) -> None:
    theme = talk.theme
    for fg_key, bg_key, use in _CONTRAST_PAIRS:
        if {fg_key, bg_key} & broken:  # a colour the loader rejected: the default stands in for it
            continue
        fg, bg = getattr(theme, fg_key), getattr(theme, bg_key)
        ratio = contrast(fg, bg)
        if ratio < AA_BODY:
            where = fg_key if fg_key in theme.where else ""
            report(theme, f"theme.{fg_key}",
                   f"{fg} on {bg} has a contrast of {ratio:.1f}:1, below WCAG AA's {AA_BODY}:1 for {use} "
                   f"(choose a {'darker' if luminance(bg) > 0.18 else 'lighter'} colour)", key=where)


_SLIDE_KEYS = {f.name for f in dataclasses.fields(Slide)}
_COLUMN_KEYS = {f.name for f in dataclasses.fields(Column)}


def _check_slide(slide: Slide, path: str, talk: Talk, report, reported: Reported) -> None:
    broken = reported.keys_below(path)
    unknown = bool(broken - _SLIDE_KEYS)
    # A kind the loader rejected was still written: it counts, but its content is not checked.
    kinds = [k for k in SLIDE_KINDS if getattr(slide, k) is not None or k in broken]
    if not kinds:
        blank = [k for k in SLIDE_KINDS if k in slide.where]  # `chart:` written with nothing after it
        if blank:
            report(slide, f"{path}.{blank[0]}", f"is blank (expected {_KIND_CONTENT[blank[0]]})", key=blank[0])
        elif not unknown:  # an unknown key is most often the kind, misspelled: reported already
            report(slide, path, f"a slide needs something to show (expected one of: {', '.join(SLIDE_KINDS)})")
        return
    beside = len(kinds) == 2 and kinds[0] == "bullets" and kinds[1] in FIGURE_KINDS
    if len(kinds) > 1 and not beside:  # at the kind written last, where an editor marks it too
        last = max(kinds, key=slide.pos)
        pair = "; bullets share a slide only with an image or a chart" if "bullets" in kinds else ""
        report(slide, f"{path}.{last}", f"a slide shows one thing (expected one of: {', '.join(SLIDE_KINDS)}; "
               f"got {' and '.join(repr(k) for k in kinds)}){pair}", key=last)
        return
    kind = "beside" if beside else kinds[0]
    why = blank_text(slide.title or "")
    if why is not None and kind != "quote" and "title" not in broken and not unknown:
        if "title" in slide.where:  # written, but left blank (or only invisible characters)
            report(slide, f"{path}.title", f"is blank (expected the slide's title{why})", key="title")
        else:
            report(slide, path, "missing required key 'title'")
    for key, allowed in KIND_KEYS.items():
        if getattr(slide, key) not in (None, False) and not set(allowed) & set(kinds):
            report(slide, f"{path}.{key}", f"'{key}' belongs on {' or '.join(allowed)} slides "
                   f"(this is a {kind} slide)", key=key)
    if slide.figure_side is not None and kind != "beside":
        report(slide, f"{path}.figure_side", "'figure_side' belongs on slides of bullets beside an image "
               f"or a chart (this is a {kind} slide)", key="figure_side")
    if not slide.notes and "notes" not in broken:
        report(slide, path, "has no speaker notes", severity="warning")
    checkable = [k for k in kinds if not reported.at(f"{path}.{k}")]  # a kind's whole value rejected: skip it
    if "chart" in checkable:
        _check_chart_name(slide, path, talk, report, reported)
    if "image" in checkable and not (slide.alt or "").strip() and not slide.decorative \
            and not {"alt", "decorative"} & broken:
        report(slide, f"{path}.image", "an image needs alt text (add 'alt: what it shows', or "
               "'decorative: true' if it only decorates)", key="image")
    if "table" in checkable:
        _check_table(slide, path, report, reported)
    if "bullets" in checkable and not slide.bullets and "bullets" not in broken:
        report(slide, f"{path}.bullets", "is empty (expected at least one bullet)", key="bullets")
    if "math" in checkable:
        _check_math(slide, path, report, reported)
    if "columns" in checkable:
        for column in slide.columns or []:
            _check_column(column, talk, report, reported)
    shows_chart = slide.chart is not None or any(c.chart for c in slide.columns or [])  # a chart shows its own source
    if kind in ("bullets", "beside", "table", "statement", "columns") and not slide.source and not shows_chart \
            and _shows_number(slide):
        report(slide, path, "shows numbers but no 'source'", severity="warning")


def _check_math(slide: Slide, path: str, report, reported: Reported) -> None:
    """A math slide has at least one equation and none blank (each one's LaTeX is checked by maths_check)."""
    if not slide.math:
        if not reported.within(f"{path}.math"):
            report(slide, f"{path}.math", "is empty (expected an equation in LaTeX, or a list of them)", key="math")
        return
    listed = "math[0]" in slide.where  # written as a list (else one equation, at the key)
    for i, tex in enumerate(slide.math):
        at = f"math[{i}]" if listed else "math"
        if not bare_latex(tex).strip() and not reported.at(f"{path}.{at}"):
            report(slide, f"{path}.{at}", "is blank (expected an equation in LaTeX, such as 'E = mc^2')", key=at)


def _check_chart_name(obj: Slide | Column, path: str, talk: Talk, report, reported: Reported) -> None:
    name = obj.chart or ""
    if name not in talk.charts and not reported.at("charts") and not reported.key("charts", name) \
            and not reported.key(path, "chart"):
        hint = did_you_mean(name, talk.charts) or (
            f" (expected one of: {', '.join(talk.charts)})" if talk.charts else " (no charts are defined under 'charts:')")
        report(obj, f"{path}.chart", f"no chart named '{obj.chart}'{hint}", key="chart")


def _check_column(column: Column, talk: Talk, report, reported: Reported) -> None:
    """A column shows exactly one of bullets, an image or a chart; an image has alt text."""
    path = column.path
    broken = reported.keys_below(path)
    kinds = [k for k in COLUMN_KINDS if getattr(column, k) is not None or k in broken]
    if not kinds:
        if not broken - _COLUMN_KEYS:
            report(column, path, f"a column needs something to show (expected one of: {', '.join(COLUMN_KINDS)})")
        return
    if len(kinds) > 1:
        last = max(kinds, key=column.pos)
        report(column, f"{path}.{last}", f"a column shows one thing (expected one of: {', '.join(COLUMN_KINDS)}; "
               f"got {' and '.join(repr(k) for k in kinds)})", key=last)
        return
    if column.chart is not None:
        _check_chart_name(column, path, talk, report, reported)
    if column.image is not None and not (column.alt or "").strip() and not column.decorative \
            and not {"alt", "decorative"} & broken:
        report(column, f"{path}.image", "an image needs alt text (add 'alt: what it shows', or "
               "'decorative: true' if it only decorates)", key="image")
    for key in ("alt", "decorative"):
        if getattr(column, key) not in (None, False) and column.image is None and "image" not in broken:
            report(column, f"{path}.{key}", f"'{key}' belongs on a column with an image", key=key)
    if column.bullets is not None and not column.bullets and "bullets" not in broken:
        report(column, f"{path}.bullets", "is empty (expected at least one bullet)", key="bullets")


def _check_table(slide: Slide, path: str, report, reported: Reported) -> None:
    rows = slide.table or []
    if not rows or not rows[0]:
        report(slide, f"{path}.table", "the table is empty (expected a header row and rows)", key="table")
        return
    if len(rows) > limits.MAX_TABLE_ROWS:
        report(slide, f"{path}.table", f"{len(rows):,} rows; the limit is {limits.MAX_TABLE_ROWS:,} "
               f"({limits.how_to_raise('MAX_TABLE_ROWS')}); a slide shows some fifteen rows legibly: split the "
               "table over slides, or show its numbers as a chart", key="table")
        return
    columns = max(len(row) for row in rows)
    if columns > limits.MAX_TABLE_COLUMNS:
        report(slide, f"{path}.table", f"{columns:,} columns; the limit is {limits.MAX_TABLE_COLUMNS:,} "
               f"({limits.how_to_raise('MAX_TABLE_COLUMNS')}); a slide shows some eight columns legibly: split the "
               "table over slides, or show its numbers as a chart", key="table")
        return
    if reported.within(f"{path}.table[0]") or any(reported.at(f"{path}.table[{r}]") for r in range(len(rows) + 1)):
        return  # the header lost a cell, or a row was left out: the counts would not be what was written
    for r, row in enumerate(rows[1:], start=1):
        if len(row) != len(rows[0]) and not reported.within(f"{path}.table[{r}]"):
            cells = f"{len(row)} cell{'' if len(row) == 1 else 's'}"
            report(slide, f"{path}.table[{r}]", f"row has {cells}, the header has {len(rows[0])}"
                   f"{comma_split_hint(row) if len(row) > len(rows[0]) else ''}", key=f"table[{r}]")


def _shows_number(slide: Slide) -> bool:
    texts = [slide.statement or ""]
    texts += [w for b in slide.bullets or [] for w in b.words()]
    texts += [c for row in slide.table or [] for c in row]
    texts += [w for col in slide.columns or [] for b in col.bullets or [] for w in b.words()]
    return needs_source([t for t in texts if not find_clusters(t)])  # a text that cites a work names its source


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
