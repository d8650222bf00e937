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

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

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

#: A braced stretch that keeps its case, inside a converted text (turned into nocase spans at the end).
NOCASE_OPEN, NOCASE_CLOSE = "\ue000", "\ue001"


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
            macros[block.key.lower()] = _value(block.value, macros)
        elif isinstance(block, model.Entry):
            fields = {f.key.lower(): _value(f.value, macros) for f in block.fields}
            seen[block.key.lower()] = line
            out.append(BibEntry(block.key, to_csl(block.key, block.entry_type.lower(), fields), line))
    return out


MONTH_MACROS = {m: str(n) for m, n in MONTHS.items()}


def _why(block: Any) -> str:
    error = getattr(block, "error", None)
    text = str(error).split("\n")[-1].strip() if error else "not BibTeX"
    return text.rstrip(".") or "not BibTeX"


def _value(raw: str, macros: dict[str, str]) -> str:
    """A field's value with its delimiters taken off, ``#`` joined and macros filled in (braces inside kept)."""
    parts: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace() or ch == "#":
            i += 1
        elif ch == "{":
            j = _closing(raw, i)
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
    return "".join(parts)


def _closing(text: str, i: int) -> int:
    """The index of the brace that closes the one at ``i`` (the text's end when none does)."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(text)


# --- LaTeX → text -------------------------------------------------------------------------------

def latex_text(value: str, protect: bool = False) -> str:
    """``value``'s LaTeX as Unicode text: accents, ``--``, quotes; with ``protect``, each braced stretch
    that is not a command's argument wrapped in NOCASE_OPEN/NOCASE_CLOSE."""
    if protect:
        value = _mark_braces(value)
    text = _converter().latex_to_text(value)
    return _smart_quotes(re.sub(r"[ \t\r\n]+", " ", text).strip())


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False, strict_latex_spaces=False)


def _mark_braces(value: str) -> str:
    """``value`` with each top-level braced group that does not start with a command (``{\\"u}`` is an
    accent, not a protected word) turned into a protected stretch."""
    out: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":  # a command and its braced arguments stay LaTeX
            m = re.match(r"\\(?:[A-Za-z]+\s*|.)", value[i:])
            word = m.group() if m else "\\"
            out.append(word)
            i += len(word)
            while i < len(value) and value[i] == "{":
                j = _closing(value, i)
                out.append(value[i:j + 1])
                i = j + 1
        elif ch == "{":
            j = _closing(value, i)
            inner = value[i + 1:j]
            out.append(inner if inner.startswith("\\") else f"{{{NOCASE_OPEN}}}{inner}{{{NOCASE_CLOSE}}}")
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _smart_quotes(text: str) -> str:
    """Straight quotes as pandoc's smart reading sets them: ’ for an apostrophe, ‘…’ and “…”."""
    text = re.sub(r"(^|[\s(\[\ue000])'(?=\S)", "\\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[\ue000])"(?=\S)', "\\1“", text)
    return text.replace('"', "”")


# --- names --------------------------------------------------------------------------------------

def split_names(value: str) -> list[str]:
    """The names of a BibTeX name list: split at ``and`` outside braces."""
    names, depth, start = [], 0, 0
    i = 0
    while i < len(value):
        ch = value[i]
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and ch.isspace():
            m = re.match(r"\s+and\s+", value[i:], re.I)
            if m:
                names.append(value[start:i])
                i += m.end()
                start = i
                continue
        i += 1
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _words(name: str) -> list[str]:
    """The words of a name at brace depth 0 (a braced group is part of its word)."""
    words, depth, cur = [], 0, ""
    for ch in name:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and (ch.isspace() or ch == "~"):
            if cur:
                words.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        words.append(cur)
    return words


def _lowercase_word(word: str) -> bool:
    """Whether a name word starts a ``von`` part: its first letter at depth 0 is lower case."""
    depth = 0
    for i, ch in enumerate(word):
        if ch == "{":
            depth += 1
            if depth == 1 and word[i + 1:i + 2] == "\\":  # {\"u}: the accented letter's case counts
                m = re.match(r"\{\\[^A-Za-z]?([A-Za-z])", word[i:])
                return bool(m and m.group(1).islower())
        elif ch == "}":
            depth -= 1
        elif depth == 0 and ch.isalpha():
            return ch.islower()
    return False


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name as a CSL name: family, given, dropping-particle, suffix; a braced one a literal."""
    name = name.strip().rstrip(",")
    if name.startswith("{") and _closing(name, 0) == len(name) - 1:
        return {"literal": latex_text(name[1:-1])}
    parts = _split_commas(name)
    if len(parts) == 1:
        words = _words(parts[0])
        von_at = [i for i, w in enumerate(words[:-1]) if _lowercase_word(w)]
        if von_at:
            first, von, last = words[:von_at[0]], words[von_at[0]:von_at[-1] + 1], words[von_at[-1] + 1:]
        else:
            first, von, last = words[:-1], [], words[-1:]
        jr: list[str] = []
    else:
        words = _words(parts[0])
        von_n = 0
        while von_n < len(words) - 1 and _lowercase_word(words[von_n]):
            von_n += 1
        von, last = words[:von_n], words[von_n:]
        jr = _words(parts[1]) if len(parts) == 3 else []
        first = _words(parts[-1])
    out = {"family": latex_text(" ".join(last)), "given": latex_text(" ".join(first)),
           "dropping-particle": latex_text(" ".join(von)), "suffix": latex_text(" ".join(jr))}
    return {k: v for k, v in out.items() if v}


def _split_commas(name: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in name:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    return parts[:3]


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
    if value.isdigit() and 1 <= int(value) <= 12:
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
        year = re.match(r"\s*(-?\d+)", fields["year"])
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
