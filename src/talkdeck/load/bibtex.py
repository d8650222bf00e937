"""BibTeX and biblatex files → CSL-JSON items, read as pandoc's citeproc reads them.

bibtexparser splits the file into entries (with their lines); this module
turns each entry's fields into CSL variables: names split the BibTeX way
(``von Last, Jr, First``; a braced name is a literal, such as
``{World Bank}``), LaTeX accents and dashes turned into characters
(pylatexenc), ``@string`` macros and ``#`` joined, months read, and titles put
in sentence case (CSL's convention, which styles such as Chicago turn back
into title case) except where a word is braced: a braced word keeps its case
(``{Mao}``, ``{Sino-Soviet}``), carried as ``<span class="nocase">``, the
markup CSL-JSON uses for it. A title in another language than English keeps
its case throughout.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from .bibnames import parse_name, split_names
from .latex import NOCASE_CLOSE, NOCASE_OPEN, closing, latex_text

#: BibTeX and biblatex entry types → CSL types (as pandoc maps them).
TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "inbook": "chapter", "bookinbook": "chapter", "incollection": "chapter", "suppbook": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
    "collection": "book", "mvcollection": "book", "mvproceedings": "book", "manual": "book",
    "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis", "techreport": "report",
    "report": "report", "unpublished": "manuscript", "online": "webpage", "www": "webpage",
    "electronic": "webpage", "patent": "patent", "periodical": "periodical", "dataset": "dataset",
    "software": "software", "misc": "", "reference": "book", "inreference": "entry-encyclopedia",
    "movie": "motion_picture", "video": "motion_picture", "audio": "song", "music": "song",
    "letter": "personal_communication", "standard": "standard", "legislation": "legislation",
}
#: The genre a thesis type gives (pandoc's English words).
THESIS_GENRES = {"mastersthesis": "Master’s thesis", "phdthesis": "PhD thesis"}
MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"))}
#: Fields whose text is a title: put in sentence case for CSL, braced words kept.
TITLE_FIELDS = ("title", "subtitle", "booktitle", "maintitle", "series", "eventtitle", "shorttitle",
                "booksubtitle", "mainsubtitle", "titleaddon")
#: biblatex language names (langid) → language tags.
LANGUAGES = {"english": "en-US", "american": "en-US", "british": "en-GB", "ukenglish": "en-GB",
             "usenglish": "en-US", "german": "de-DE", "ngerman": "de-DE", "french": "fr-FR", "spanish": "es-ES",
             "italian": "it-IT", "russian": "ru-RU", "chinese": "zh-CN", "japanese": "ja-JP", "korean": "ko-KR",
             "portuguese": "pt-PT", "brazil": "pt-BR", "dutch": "nl-NL", "polish": "pl-PL", "swedish": "sv-SE",
             "ukrainian": "uk-UA", "czech": "cs-CZ", "greek": "el-GR", "turkish": "tr-TR"}



class BibError(Exception):
    """A BibTeX file that cannot be read; ``line`` is 1-based (0: the file as a whole)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


@dataclass
class BibEntry:
    """One entry: its key, its CSL-JSON item and its 1-based line in the file."""

    key: str
    item: dict[str, Any]
    line: int


def read_bibtex(text: str) -> list[BibEntry]:
    """The entries of a BibTeX or biblatex file, in file order, as CSL-JSON items.

    Raises :class:`BibError` for what bibtexparser cannot read (at its line) and
    for a key written twice.
    """
    import bibtexparser
    from bibtexparser import model

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures are reported here, at their line
    library = bibtexparser.parse_string(text, parse_stack=[])
    macros = dict(MONTH_MACROS)
    out: list[BibEntry] = []
    seen: dict[str, int] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            first = seen.get(block.key.lower())
            raise BibError(f"the key '{block.key}' is used twice" + (f" (first at line {first})" if first else ""),
                           line)
        if isinstance(block, model.ParsingFailedBlock):
            raise BibError(f"cannot read this entry ({_why(block)})", line)
        if isinstance(block, model.String):
            macros[block.key.lower()] = _value(block.value, macros, line)
        elif isinstance(block, model.Entry):
            fields = {f.key.lower(): _value(f.value, macros, line) for f in block.fields}
            seen[block.key.lower()] = line
            out.append(BibEntry(block.key, to_csl(block.key, block.entry_type.lower(), fields), line))
    return out


MONTH_MACROS = {m: str(n) for m, n in MONTHS.items()}


def _why(block: Any) -> str:
    error = getattr(block, "error", None)
    text = str(error).split("\n")[-1].strip() if error else "not BibTeX"
    return text.rstrip(".") or "not BibTeX"


#: The longest a field may grow with its @string macros filled in (a paper's 3,000 authors are 100,000
#: characters; a macro joined to itself ten times over, nine times, is 10 GB), and how deeply its braces
#: may nest (1,000 deep overflow the LaTeX reader).
MAX_FIELD_CHARS = 1_000_000
MAX_BRACE_DEPTH = 50


def _value(raw: str, macros: dict[str, str], line: int = 0) -> str:
    """A field's value with its delimiters taken off, ``#`` joined and macros filled in (braces inside kept).
    BibError (at ``line``) when it grows past MAX_FIELD_CHARS or its braces nest past MAX_BRACE_DEPTH."""
    depth = deepest = 0
    for ch in raw:
        if ch in "{}":
            depth += 1 if ch == "{" else -1
            deepest = max(deepest, depth)
    if deepest > MAX_BRACE_DEPTH:
        raise BibError(f"braces nested {deepest} deep; the limit is {MAX_BRACE_DEPTH}: remove the extra braces", line)
    parts: list[str] = []
    length = counted = 0
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace() or ch == "#":
            i += 1
        elif ch == "{":
            j = closing(raw, i)
            parts.append(raw[i + 1:j])
            i = j + 1
        elif ch == '"':
            j, depth = i + 1, 0
            while j < n and (raw[j] != '"' or depth):
                depth += {"{": 1, "}": -1}.get(raw[j], 0)
                j += 1
            parts.append(raw[i + 1:j])
            i = j + 1
        else:
            m = re.match(r"[^\s#]+", raw[i:])
            word = m.group() if m else raw[i]
            parts.append(macros.get(word.lower(), word))
            i += len(word)
        length += len(parts[-1]) if len(parts) > counted else 0
        counted = len(parts)
        if length > MAX_FIELD_CHARS:
            raise BibError(f"a value is over {MAX_FIELD_CHARS:,} characters long (its @string macros filled in); "
                           "shorten it", line)
    return "".join(parts)


# --- titles -------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\s\-–—/:.?!]+|[\s\-–—/]+|[:.?!]")


def sentence_case(text: str) -> str:
    """``text`` (a title in title case) in sentence case, as pandoc reads BibTeX titles: a capitalised word
    (one capital, then lower case) is lowered unless it starts the title or follows a colon; a protected
    stretch and any other word keep their case."""
    out: list[str] = []
    start = True
    for piece in re.split(f"({NOCASE_OPEN}.*?{NOCASE_CLOSE})", text):
        if piece.startswith(NOCASE_OPEN):
            out.append(piece)
            start = False
            continue
        for m in _WORD.finditer(piece):
            word = m.group()
            if word in ":.?!":
                start = True
            elif not word[0].isspace() and word[0] not in "-–—/":
                letters = word.lstrip("“‘(\"'[")
                if not start and letters[:1].isupper() and letters[1:] == letters[1:].lower() \
                        and any(c.isalpha() for c in letters[1:]):
                    word = word[:len(word) - len(letters)] + letters[0].lower() + letters[1:]
                start = False
            out.append(word)
    return "".join(out)


def nocase_spans(text: str) -> str:
    """Protected stretches written as CSL-JSON's ``<span class="nocase">``."""
    return text.replace(NOCASE_OPEN, '<span class="nocase">').replace(NOCASE_CLOSE, "</span>")


# --- an entry -----------------------------------------------------------------------------------

def _date(value: str) -> dict[str, Any] | None:
    """A biblatex date (``2020``, ``2020-05``, ``2020-05-01``, ``2019/2020``) as CSL date parts."""
    parts = []
    for one in value.split("/")[:2]:
        m = re.fullmatch(r"\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", one)
        if not m:
            return {"literal": value.strip()} if value.strip() else None
        parts.append([int(g) for g in m.groups() if g is not None])
    return {"date-parts": parts}


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit() and len(value) <= 2 and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value[:3])


def to_csl(key: str, kind: str, fields: dict[str, str]) -> dict[str, Any]:
    """The CSL-JSON item of one BibTeX entry."""
    language = fields.get("langid") or fields.get("language") or ""
    english = not language or language.lower().startswith(("en", "american", "british", "english", "usenglish",
                                                            "ukenglish", "canadian", "australian"))
    item: dict[str, Any] = {"id": key, "type": TYPES.get(kind, "")}
    if language:
        item["language"] = LANGUAGES.get(language.lower(), language)

    def title(name: str) -> str | None:
        if name not in fields:
            return None
        text = latex_text(fields[name], protect=True)
        return nocase_spans(sentence_case(text) if english else text).replace(NOCASE_OPEN, "")

    def text(name: str) -> str | None:
        return latex_text(fields[name]) if name in fields else None

    main = title("title")
    sub = title("subtitle")
    if main and sub:
        main = f"{main}: {sub[:1].upper()}{sub[1:]}" if english else f"{main}: {sub}"
    if main:
        item["title"] = main
    for role, name in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        if name in fields:
            item[role] = [parse_name(n) for n in split_names(fields[name])]
    container = title("booktitle") if kind in ("incollection", "inproceedings", "inbook", "conference",
                                               "bookinbook", "inreference", "suppbook") else None
    container = container or text("journaltitle") or text("journal")
    if container:
        item["container-title"] = container
    series = title("series")
    if series:
        item["collection-title"] = series
    publisher = text("publisher") or text("school") or text("institution") or text("organization")
    if kind == "misc" and not publisher:
        publisher = text("howpublished")
    if publisher:
        item["publisher"] = "; ".join(split_names(publisher)) if " and " in publisher else publisher
    place = text("address") or text("location")
    if place:
        item["publisher-place"] = "; ".join(split_names(place)) if " and " in place else place
    for csl, name in (("volume", "volume"), ("edition", "edition"), ("page", "pages"), ("note", "note"),
                      ("DOI", "doi"), ("URL", "url"), ("ISBN", "isbn"), ("ISSN", "issn"), ("chapter-number", "chapter"),
                      ("number-of-volumes", "volumes"), ("abstract", "abstract")):
        if name in ("url", "doi"):
            value = fields.get(name, "").strip() or None
        elif name == "pages":  # a page range keeps its hyphen, as pandoc passes it on: the style sets the dash
            value = latex_text(fields[name].replace("--", "-")) if name in fields else None
        else:
            value = text(name)
        if value:
            item[csl] = value
    number = text("number") or text("issue")
    if number:
        item["issue" if kind == "article" else "number"] = number
    if kind in THESIS_GENRES:
        item["genre"] = THESIS_GENRES[kind]
    elif "type" in fields:
        item["genre"] = text("type")
    if "date" in fields:
        date = _date(fields["date"])
        if date:
            item["issued"] = date
    elif "year" in fields:
        year = re.match(r"\s*(-?\d{1,6})(?!\d)", fields["year"])  # longer: a literal, as no calendar has it
        if year:
            parts = [int(year.group(1))]
            month = _month(fields.get("month", ""))
            if month:
                parts.append(month)
            item["issued"] = {"date-parts": [parts]}
        else:
            item["issued"] = {"literal": latex_text(fields["year"])}
    if "urldate" in fields:
        accessed = _date(fields["urldate"])
        if accessed:
            item["accessed"] = accessed
    return item
