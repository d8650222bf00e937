"""Where citeproc-py 0.11 differs from pandoc's citeproc on the same style and data, put right.

Patches to citeproc-py's classes (applied once, by :func:`apply`) and steps
after rendering. Each fixes one measured difference (tests/test_cite_pandoc.py
compares with ``pandoc --citeproc`` on a fixture of 30 works):

- title case breaks around a braced word ("Making Mao ’s Steelworks",
  "Sino- Soviet") and leaves a word after a hyphen or dash in lower case
  ("1949–present"): :func:`title_case` replaces it;
- ``initialize="false"`` on a name is ignored (Koji Hirata becomes K. Hirata);
- names a ``<substitute>`` reaches through a ``<choose>`` (an edited book's
  editors in Chicago's 18th edition) lose the format and label of the names
  they stand in for;
- no year suffixes (two works of Lüthi's 2008 both "Lüthi 2008");
- no ``subsequent-author-substitute`` (the ——— for a repeated author);
- punctuation stays outside quotation marks where the locale puts it inside
  (American English: “Title.”);
- a Chinese, Japanese or Korean name written in full is inverted as a Latin one
  ("김, 민수", "지은 이"): pandoc writes it family name first, with no space or
  comma ("김민수"), as CSL says for such names;

and one step beyond pandoc: Korean's "and" is a particle whose form depends on
the word before it, which the CSL locale writes as both, "김 와/과 이": it is
written as the one the word takes, joined to it ("김과 이", "이와 박"), or
"및" after a name in Latin letters (:func:`korean_and`).
"""

from __future__ import annotations

import re
from typing import Any

_APPLIED = False
#: The <names> elements whose <substitute> is being rendered, innermost last.
_SUBSTITUTING: list[Any] = []
#: The styles whose macros are cached (see get_macro in apply).
_KEEP: dict[int, Any] = {}
#: The branch the last <choose> rendered took (read by the <group> around it).
_BRANCH: list[Any] = [None]
#: id(reference) → the name variables a <substitute> rendered in the author's place (shown nowhere else).
_REPRESSED: dict[int, set[str]] = {}

#: Words CSL's title case leaves in lower case inside a title (the CSL 1.0.2 specification's list).
STOP_WORDS = frozenset(
    "a according aboard about across after against al along alongside amid among amongst an and anti around as "
    "astride at atop bar barring before behind below beneath beside besides between beyond but by circa close "
    "concerning considering de del der despite die down du due during et except excepting excluding for from "
    "given in including inside instead into la le like minus near nor of off on onto or out outside over past "
    "per plus regarding round save since so than that the through throughout till times to toward towards "
    "under underneath unlike until unto up upon van versus via von vs with within without worth yet".split())

#: A name part written in East Asian letters only (Hangul, kana, Han): such a name is shown family name first,
#: with no space (pandoc's citeproc; CSL 1.0.2, "Name-part Order").
_EAST_ASIAN_NAME = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                              "\uac00-\ud7af\uf900-\ufaff]+")
#: The Korean locale's "and", both forms of the particle: "와" after a vowel, "과" after a consonant.
_KOREAN_AND = re.compile(r"(\S)(\**)(,?) 와/과 ")

_SORT_NOISE = re.compile(r"[*\\“”‘\"]|^[\s(\[]+")
_TOKEN = re.compile(r"[\w’'.]+|[^\w’'.]")


def title_case(segments: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """CSL title case of a text given as (piece, keeps its case) segments.

    A word in lower case is capitalised unless it is a stop word inside the title;
    the first word, the last, and a word after a colon, a full stop, a hyphen or
    a dash are capitalised always. Words with a capital already, and protected
    segments, are left as they are.
    """
    words: list[tuple[int, int, int]] = []  # (segment, start, end) of each word
    for s, (text, _) in enumerate(segments):
        for m in _TOKEN.finditer(text):
            if m.group()[0].isalnum() or m.group()[0] == "’":
                words.append((s, m.start(), m.end()))
    texts = [list(t) for t, _ in segments]
    previous_end = (0, 0)
    for n, (s, a, z) in enumerate(words):
        text, protected = segments[s]
        word = text[a:z]
        before = _text_between(segments, previous_end, (s, a))
        previous_end = (s, z)
        if protected or not word.islower():
            continue
        forced = n == 0 or n == len(words) - 1 or re.search(r"[:.?!]\s*$|[-–—/]\s*$", before) is not None
        if word.rstrip(".") in STOP_WORDS and not forced:
            continue
        texts[s][a] = word[0].upper()
    return [("".join(t), p) for t, (_, p) in zip(texts, segments, strict=True)]


def _text_between(segments: list[tuple[str, bool]], start: tuple[int, int], end: tuple[int, int]) -> str:
    (s0, a0), (s1, a1) = start, end
    if s0 == s1:
        return segments[s0][0][a0:a1]
    return segments[s0][0][a0:] + "".join(t for t, _ in segments[s0 + 1:s1]) + segments[s1][0][:a1]


def start() -> None:
    """Forget what the last rendering substituted (call before rendering a new bibliography)."""
    _REPRESSED.clear()


def first_letters(n: int) -> list[str]:
    """``a`` … ``z``, ``aa`` …: the year suffixes of ``n`` works."""
    out = []
    for i in range(1, n + 1):
        s = ""
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(ord("a") + r) + s
        out.append(s)
    return out


def apply() -> None:
    """Patch citeproc-py's classes (once per process)."""
    global _APPLIED
    if _APPLIED:
        return
    from citeproc import model
    from citeproc.string import MixedString, NoCase, String

    original_case = model.TextCased.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") != "title":
            # A label or term has no language of its own: it is in the locale's (citeproc-py passed
            # None, and left "eds." uncapitalised where APA asks for "Eds.").
            return original_case(self, text, language or "en")
        if (language or "en") != "en":
            return text
        pieces = list(text) if isinstance(text, MixedString) else [text]
        segments = [(str(p), isinstance(p, NoCase)) for p in pieces]
        done = title_case(segments)
        return MixedString([NoCase(t) if p else String(t) for t, p in done])

    model.TextCased.case = case

    from lxml import etree

    compiled: dict[tuple, Any] = {}

    above: dict[tuple[Any, str], Any] = {}

    def xpath_search(self: Any, expression: str) -> Any:
        # citeproc-py parses each XPath anew on every call (0.3 s of a talk's 0.6 s): compile each once, and
        # remember where an element's ancestors are (the style's tree above an element never changes).
        if expression.startswith(("./ancestor", "./parent")):
            done = above.get((self, expression))
            if done is not None:
                return done
        key = (expression, tuple(sorted((k or "", v) for k, v in self.nsmap.items())))
        found = compiled.get(key)
        if found is None:
            found = compiled[key] = etree.XPath(expression, namespaces={k: v for k, v in self.nsmap.items() if k})
        result = found(self)
        if expression.startswith(("./ancestor", "./parent")):
            above[(self, expression)] = result
        return result

    model.CitationStylesElement.xpath_search = xpath_search

    macros: dict[tuple[int, str], Any] = {}

    def get_macro(self: Any, name: str) -> Any:
        # Each macro found once per style: citeproc-py searches the style's root for it on every use.
        root = self.get_root()
        key = (id(root), name)
        found = macros.get(key)
        if found is None or found.getroottree().getroot() is not root:
            found = macros[key] = xpath_search(root, f"cs:macro[@name='{name}'][1]")[0]
            _KEEP[id(root)] = root  # the cached element's style stays alive, so its id is not reused
        return found

    model.CitationStylesElement.get_macro = get_macro

    original_initialize = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize", "true").lower() == "false":
            return given  # CSL: given names are kept whole (initials already written keep their form)
        return original_initialize(self, given, mark, context)

    model.Name.initialize = initialize

    from citeproc.source import Name as NameData

    original_name_process = model.Name.process

    def name_process(self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None,
                     **kwargs: Any) -> Any:
        names = item.reference.get(variable, [])
        if (self.get_option("form", context, sort_options) != "long"
                or not any(_east_asian(name) for name in names)):
            return original_name_process(self, item, variable, context=context, sort_options=sort_options, **kwargs)
        item.reference[variable] = [NameData(literal=name["family"] + name["given"]) if _east_asian(name) else name
                                    for name in names]
        try:
            return original_name_process(self, item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            item.reference[variable] = names

    model.Name.process = name_process

    original_substitute = model.Substitute.render

    def substitute(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        _SUBSTITUTING.append(self.xpath_search("./parent::cs:names[1]")[0])
        try:
            return original_substitute(self, item, context=context, **kwargs)
        finally:
            _SUBSTITUTING.pop()

    model.Substitute.render = substitute

    original_names = model.Names.process

    def names_process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        variables = set(self.get("variable", "").split())
        used = _REPRESSED.setdefault(id(item.reference), set())
        present = {v for v in variables if v.replace("-", "_") in item.reference}
        if not _SUBSTITUTING and present and present <= used:
            raise model.VariableError  # names a <substitute> already put in the author's place
        if names_context is None and self.name is None:
            # A shorthand <names variable="editor"/> met inside a <choose> of a <substitute>: it takes
            # the name, et-al and label of the <names> it substitutes for, as CSL says.
            names_context = _SUBSTITUTING[-1] if _SUBSTITUTING else None
        text = original_names(self, item, names_context=names_context, context=context, **kwargs)
        if _SUBSTITUTING and text and not isinstance(text, int):
            used.update(present)
        return text

    model.Names.process = names_process

    original_keys = model.Key.sort_keys

    def sort_keys(self: Any, items: Any, context: Any) -> Any:
        # Sort on the words only: markup and quotation marks would put a quoted title before a book's.
        return [k if k is None or isinstance(k, (int, float)) else _SORT_NOISE.sub("", str(k))
                for k in original_keys(self, items, context)]

    model.Key.sort_keys = sort_keys

    def choose_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        for child in self.getchildren():
            try:
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
            _BRANCH[0] = child  # set after the branch's own chooses: the outermost is read last
            return text
        _BRANCH[0] = None
        return None

    model.Choose.render = choose_render

    def group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        # As citeproc-py's, but a <choose> counts as calling a variable only when the branch it took
        # does (CSL: a group whose called variables are all empty is left out; APA's "(Publication)"
        # of a thesis without a number is such a group).
        output, called, rendered = [], False, False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    _BRANCH[0] = None
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    calls = _BRANCH[0] is not None and _BRANCH[0].calls_variable()
                else:
                    calls = child.calls_variable()
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                called = called or child.calls_variable()
                continue
            called = called or calls
            if text is not None:
                output.append(text)
                rendered = rendered or calls
        if output and (not called or rendered):
            return self.join(output)
        raise model.VariableError

    model.Group.process = group_process
    _APPLIED = True


# --- after rendering ----------------------------------------------------------------------------

def _locale_option(style: Any, name: str) -> bool:
    try:
        return str(style.root.get_locale_option(name)).lower() == "true"
    except Exception:  # a locale without the option
        return False


def _east_asian(name: Any) -> bool:
    """Whether a name has a family and a given name, both in East Asian letters (김 민수, 沈 志华)."""
    return all(_EAST_ASIAN_NAME.fullmatch(str(name.get(part) or "")) for part in ("family", "given"))


def finish(text: str, style: Any) -> str:
    """Rendered text as pandoc gives it: commas and full stops inside closing quotation marks where the
    locale says so (``punctuation-in-quote``), no doubled spaces; Korean's "and" in the form its word takes."""
    if _locale_option(style, "punctuation-in-quote"):
        text = re.sub(r"([”’])(\*?)([.,])", r"\3\1\2", text)
    return korean_and(re.sub(r" {2,}", " ", text))


def korean_and(text: str) -> str:
    """``text`` with the Korean locale's "A 와/과 B" written as Korean writes it: the particle joined to the
    name before it, "와" after a syllable that ends in a vowel ("이와 박"), "과" after one that ends in a
    consonant ("김과 이", the list's comma before it dropped: "김민수와 이지은"); after a name in other letters,
    whose sound is not known, "및" ("Atkins 및 Paula")."""
    def particle(m: re.Match) -> str:
        last, marks, comma = m.groups()
        if "\uac00" <= last <= "\ud7a3":  # a particle takes no comma before it ("김민수와 이지은")
            return f"{last}{marks}{'과' if (ord(last) - 0xAC00) % 28 else '와'} "
        return f"{last}{marks}{comma} 및 "
    return _KOREAN_AND.sub(particle, text)


def add_year_suffixes(bib: Any, style: Any) -> None:
    """Give works whose citations would read the same (same author, same year) the year suffixes a, b, …
    in bibliography order, when the style asks for them (``disambiguate-add-year-suffix``)."""
    from citeproc import Citation, CitationItem

    citation_el = style.root.citation
    if citation_el is None or str(citation_el.get("disambiguate-add-year-suffix", "false")).lower() != "true":
        return
    groups: dict[str, list[Any]] = {}
    for item in bib.items:
        probe = Citation([CitationItem(item.key)])
        probe.bibliography = bib
        text = str(style.render_citation(probe, [], lambda i: None))
        groups.setdefault(text, []).append(item)
    for items in groups.values():
        if len(items) > 1:
            for item, letter in zip(items, first_letters(len(items)), strict=True):
                item.reference["year_suffix"] = letter


def suppress_authors(text: str, flags: list[bool], citation: Any, bib: Any) -> str:
    """The cluster ``citation`` rendered again with the authors of the cites marked ``-@`` left out."""
    from citeproc.source import Name

    mark = "\ue010"
    saved = []
    for cite, flag in zip(citation.cites, flags, strict=True):
        if not flag:
            continue
        ref = bib.source[cite.key]
        for role in ("author", "editor", "translator"):
            if role in ref:
                saved.append((ref, role, ref[role]))
                ref[role] = [Name(literal=mark)]
                break
    try:
        out = str(bib.cite(citation, lambda item: None))
    finally:
        for ref, role, names in saved:
            ref[role] = names
    return re.sub(rf"{mark}[\s,.]*", "", out) if saved else text


def substitute_repeated_authors(refs: list[str], bib: Any, style: Any) -> list[str]:
    """References with a repeated author's names replaced by the style's ``subsequent-author-substitute``."""
    from citeproc.source import Name

    bibliography = style.root.bibliography
    dash = bibliography.get("subsequent-author-substitute") if bibliography is not None else None
    if not dash:
        return refs
    out = list(refs)
    previous = None
    for i, item in enumerate(bib.items):
        ref = item.reference
        role = next((r for r in ("author", "editor", "translator") if r in ref), None)
        names = [tuple(sorted(n.items())) for n in ref[role]] if role else None
        if role and names == previous:
            kept = ref[role]
            ref[role] = [Name(literal=f"\ue011{k}") for k in range(len(kept))]
            try:
                marked = str(style.render_bibliography([item])[0])
            finally:
                ref[role] = kept
            m = re.search("\ue011.*\ue011\\d+", marked)
            if m:
                out[i] = finish(marked[:m.start()] + dash + marked[m.end():], style)
        previous = names
    return out
