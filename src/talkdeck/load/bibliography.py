"""Citations: the talk's ``bibliography:`` read, each ``[@key]`` in its texts checked and replaced by the
citation its ``csl:`` style writes, and the works cited kept for the References slides.

Runs in the loader, after validation, while the outline's lines are at hand:
an unknown key is an error at the line and column it is written at, with
"did you mean". The bibliography is a BibTeX/biblatex file (:mod:`.bibtex`)
or CSL-JSON (a list of items, as Zotero and pandoc write it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cite import engine, notes
from ..cite.syntax import Cluster, find_clusters
from ..errors import Problem, did_you_mean
from ..model import Bullet, Located, Pos, Slide, Talk
from .assets import AssetProblem, resolve_asset
from .bibtex import BibError, read_bibtex

#: The keys whose values are texts a citation may stand in (on any model object that has them).
TEXT_KEYS = ("title", "subtitle", "footer", "event", "bio", "role", "summary", "heading", "quote", "by",
             "statement", "caption", "source", "text", "notes")


@dataclass
class _Text:
    """One text of the outline that holds citations: where it lives, its value and its clusters."""

    obj: Any
    key: str
    index: tuple[int, ...]
    pos: Pos
    path: str
    value: str
    clusters: list[Cluster]
    #: The slide the text is shown on (None: the title slide, the bio, a chart's source …).
    slide: Slide | None = None


def cite_talk(talk: Talk, file: str, lines: list[str], base_dir: Path | None, allow_outside: bool = False,
              broken: frozenset[str] = frozenset()) -> list[Problem]:
    """Replace every citation in ``talk``'s texts by its formatted form and set ``talk.references``.

    Returns the problems found (errors at their line). Without ``base_dir`` (an outline
    parsed from text) files cannot be read: citations are left as written.
    """
    texts = [t for t in _texts(talk) if t.clusters]
    problems: list[Problem] = []
    if talk.bibliography is None or "bibliography" in broken:
        if texts and talk.bibliography is None and "csl" not in talk.where:
            t = texts[0]
            key = t.clusters[0].cites[0].key
            problems.append(Problem(file, _find(lines, t.pos, "@" + key), t.path,
                                    f"'[@{key}]' looks like a citation, but the talk has no 'bibliography:' (name a "
                                    "BibTeX or CSL-JSON file there, or write '\\[@' to show the bracket as typed)",
                                    "warning"))
        elif talk.csl is not None and talk.bibliography is None:
            problems.append(Problem(file, talk.pos("csl"), "csl", "a citation style needs a 'bibliography:' "
                                    "(the file of the works the talk cites)", "warning"))
        return problems
    if base_dir is None:
        return problems
    entries = _read_bibliography(talk, file, base_dir, allow_outside, problems)
    style = _style_file(talk, file, base_dir, allow_outside, problems) if "csl" not in broken else None
    if entries is None or style is None:
        return problems
    items = {key: item for key, item in entries.items()}
    lowered = {k.lower(): k for k in items}
    clusters: list[tuple] = []
    starts, unit = [], None
    for t in texts:
        if _unit(t) != unit:
            starts.append(len(clusters))
            unit = _unit(t)
        cursor = t.pos
        for cluster in t.clusters:
            for cite in cluster.cites:
                at = _find(lines, cursor, "@" + cite.key)
                cursor = at
                if cite.key not in items:
                    hint = did_you_mean(cite.key, items) or (
                        f" (did you mean '{lowered[cite.key.lower()]}'?)" if cite.key.lower() in lowered else "")
                    where = talk.bibliography
                    problems.append(Problem(file, at, t.path, f"no work with the key '{cite.key}' in {where}{hint}"))
            clusters.append(cluster.cites)
    if any(p.severity == "error" for p in problems):
        return problems
    try:
        rendered = engine.render(list(items.values()), clusters, style, engine.csl_locale(talk.language), starts)
    except engine.StyleError as e:
        return problems + [Problem(file, talk.pos("csl"), "csl", str(e))]
    done = iter(rendered.citations)
    for t in texts:
        if rendered.note:
            foot = t.slide.footnotes if t.slide is not None and t.key not in _READ_LAST else None
            _store(t, notes.as_notes(t.value, t.clusters, done, foot))
            continue
        value = t.value
        pieces, last = [], 0
        for cluster in t.clusters:
            pieces += [value[last:cluster.start], next(done)]
            last = cluster.end
        _store(t, "".join(pieces) + value[last:])
    talk.references = rendered.references
    return problems


def _unit(t: _Text) -> tuple[int, bool]:
    """What a text is read with: its slide's texts together, its notes apart; any other text on its own."""
    return (id(t.slide), t.key == "notes") if t.slide is not None else (id(t.obj), t.key == "notes")


def _read_bibliography(talk: Talk, file: str, base_dir: Path, allow_outside: bool,
                       problems: list[Problem]) -> dict[str, dict[str, Any]] | None:
    """The bibliography's CSL items by key, or None (with the problem added)."""
    rel = talk.bibliography or ""
    pos = talk.pos("bibliography")
    try:
        path = resolve_asset(base_dir, rel, allow_outside)
    except AssetProblem as e:
        problems.append(Problem(file, pos, "bibliography", str(e)))
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(file, pos, "bibliography", f"{rel} is not UTF-8 text; save it as UTF-8"))
        return None
    except OSError as e:
        problems.append(Problem(file, pos, "bibliography", f"{rel} cannot be read ({e.strerror})"))
        return None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("["):
        return _read_csl_json(text, rel, file, pos, problems)
    if path.suffix.lower() not in (".bib", ".bibtex", ".biblatex"):
        problems.append(Problem(file, pos, "bibliography", f"expected a BibTeX (.bib) or CSL-JSON (.json) file, "
                                f"got '{rel}'"))
        return None
    try:
        entries = read_bibtex(text)
    except BibError as e:
        where = f"{rel}:{e.line}" if e.line else rel
        problems.append(Problem(file, pos, "bibliography", f"{where}: {e}"))
        return None
    if not entries:
        problems.append(Problem(file, pos, "bibliography", f"{rel} holds no entries (expected @book{{key, ...}} "
                                "and the like)"))
        return None
    return {e.key: e.item for e in entries}


def _read_csl_json(text: str, rel: str, file: str, pos: Pos, problems: list[Problem]
                   ) -> dict[str, dict[str, Any]] | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        problems.append(Problem(file, pos, "bibliography", f"{rel}:{e.lineno}: not valid JSON ({e.msg})"))
        return None
    except RecursionError:  # [[[[…]]]] thousands deep
        problems.append(Problem(file, pos, "bibliography", f"{rel}: lists or objects nested too deeply to be "
                                "CSL-JSON (expected a list of items, each with an 'id' and a 'type')"))
        return None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(i, dict) and "id" in i for i in data):
        problems.append(Problem(file, pos, "bibliography", f"{rel} is not CSL-JSON (expected a list of items, each "
                                "with an 'id' and a 'type')"))
        return None
    return {str(i["id"]): i for i in data}


def _style_file(talk: Talk, file: str, base_dir: Path, allow_outside: bool, problems: list[Problem]) -> Path | None:
    """The CSL file of the talk's ``csl:`` (a shipped style's name, or a .csl file), or None with the problem."""
    name = talk.csl or engine.DEFAULT_STYLE
    pos = talk.pos("csl")
    if name.lower().endswith((".csl", ".xml")) or "/" in name:
        try:
            return resolve_asset(base_dir, name, allow_outside)
        except AssetProblem as e:
            problems.append(Problem(file, pos, "csl", str(e)))
            return None
    found = engine.style_path(name)
    if found is None:
        hint = did_you_mean(name, engine.style_names()) or (" (expected a style's name such as chicago-author-date, "
                                                            "apa or modern-language-association, or a .csl file)")
        problems.append(Problem(file, pos, "csl", f"no citation style named '{name}'{hint}"))
    return found


def _texts(talk: Talk) -> Iterator[_Text]:
    """Every text of the talk that may hold citations, in the order the deck shows them."""
    def of(obj: Any, path: str, slide: Slide | None = None) -> Iterator[_Text]:
        for t in texts_of(obj, path):
            t.slide = slide
            yield t

    def texts_of(obj: Any, path: str) -> Iterator[_Text]:
        for key in TEXT_KEYS:
            value = getattr(obj, key, None)
            if isinstance(value, str) and "@" in value:
                yield _Text(obj, key, (), obj.pos(key), _join(path, key), value, find_clusters(value))
        for i, value in enumerate(getattr(obj, "affiliations", None) or []):
            if "@" in value:
                yield _Text(obj, "affiliations", (i,), obj.pos("affiliations"), f"{_join(path, 'affiliations')}[{i}]",
                            value, find_clusters(value))
        for r, row in enumerate(obj.table or [] if isinstance(obj, Slide) else []):
            for c, cell in enumerate(row):
                if "@" in cell:
                    yield _Text(obj, "table", (r, c), obj.pos(f"table[{r}]") if f"table[{r}]" in obj.where
                                else obj.pos("table"), f"{_join(path, 'table')}[{r}][{c}]", cell, find_clusters(cell))
        yield from bullets(obj.bullets if isinstance(obj, Located) and hasattr(obj, "bullets") else None,
                           _join(path, "bullets"))

    def bullets(points: list[Bullet] | None, path: str) -> Iterator[_Text]:
        for i, b in enumerate(points or []):
            for key in ("term", "text"):
                value = getattr(b, key)
                if value and "@" in value:
                    yield _Text(b, key, (), b.pos, f"{path}[{i}]", value, find_clusters(value))
            yield from bullets(b.children, f"{path}[{i}]")

    yield from of(talk, "")
    yield from of(talk.speaker, "speaker")
    for name, chart in talk.charts.items():
        yield from of(chart, chart.path or f"charts.{name}")
    def on_slide(slide: Slide) -> list[_Text]:
        """A slide's texts as it is read: title, body (bullets, a table, columns …), caption and source, notes."""
        found = list(of(slide, slide.path, slide))
        found += [t for column in slide.columns or [] for t in of(column, column.path, slide)]
        return sorted(found, key=lambda t: _READ_LAST.get(t.key, 0 if t.key == "title" else 1))

    for slide in talk.intro.slides if talk.intro else []:
        yield from on_slide(slide)
    for section in talk.sections:
        yield from of(section, section.path)
        for slide in section.slides:
            yield from on_slide(slide)
    yield from of(talk.closing, "closing")


#: A slide's texts read after its body, in this order.
_READ_LAST = {"caption": 2, "source": 3, "notes": 4}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _store(t: _Text, value: str) -> None:
    """Put ``value`` back where ``t`` was read."""
    if not t.index:
        setattr(t.obj, t.key, value)
    elif len(t.index) == 1:
        getattr(t.obj, t.key)[t.index[0]] = value
    else:
        getattr(t.obj, t.key)[t.index[0]][t.index[1]] = value


def _find(lines: list[str], start: Pos, needle: str) -> Pos:
    """The (line, column) of ``needle``'s first occurrence at or after ``start`` in ``lines``, else ``start``."""
    line, col = start
    for n in range(line - 1, min(len(lines), line + 200)):
        at = lines[n].find(needle, col - 1 if n == line - 1 else 0)
        if at >= 0:
            return (n + 1, at + 1)
    return start
