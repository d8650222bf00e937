"""Citations as pandoc writes them in text: ``[@key]``, ``[@key, p. 12]``, ``[see @a, chap. 2; @b]``, ``[-@key]``.

Pure text in, spans out; nothing here knows the bibliography. A bracket holds
a citation only when each of its parts (split at ``;``) names a key with
``@``; any other bracket (``[Draft]``, a link's ``[text](url)``, an e-mail
address in brackets) is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A key as pandoc reads it: a letter, digit or _ first, then word characters and inner punctuation.
KEY = r"[\w][\w:.#$%&+?<>~/-]*?"
#: A bracket of citations: no nested brackets, at least one ``@key`` at a word's start, not a link's text.
_CLUSTER = re.compile(r"(?<!\\)\[((?:[^\[\]]*?[\s;؛\-])?@\w[^\[\]]*)\](?!\()")
_ITEM = re.compile(rf"^(?P<prefix>.*?)(?P<minus>-?)@(?P<key>{KEY})(?=[\s,;،؛]|$)(?P<rest>.*)$", re.S)
#: Works in a bracket are split at a semicolon, ``;`` or the Arabic-script ``؛`` a Persian, Arabic or Urdu
#: writer types (and a locator follows a comma, ``,`` or ``،``).
_SEMICOLON = re.compile("[;؛]")

#: Locator labels people write (English abbreviations, as pandoc's en-US locale knows them) → CSL locator types.
LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page", "chap": "chapter", "chaps": "chapter",
    "ch": "chapter", "chapter": "chapter", "chapters": "chapter", "sec": "section", "secs": "section",
    "section": "section", "sections": "section", "§": "section", "§§": "section", "vol": "volume",
    "vols": "volume", "volume": "volume", "volumes": "volume", "fig": "figure", "figs": "figure",
    "figure": "figure", "figures": "figure", "para": "paragraph", "paras": "paragraph", "¶": "paragraph",
    "paragraph": "paragraph", "n": "note", "nn": "note", "note": "note", "notes": "note", "l": "line",
    "ll": "line", "line": "line", "lines": "line", "col": "column", "cols": "column", "column": "column",
    "bk": "book", "bks": "book", "book": "book", "pt": "part", "pts": "part", "part": "part",
    "no": "issue", "nos": "issue", "v": "verse", "vv": "verse", "verse": "verse", "op": "opus",
    "tab": "table", "table": "table", "app": "appendix", "appendix": "appendix",
    # Persian and Arabic: ص. (صفحه, صفحة), صص. (pages), ج. (جلد: volume), ف. (فصل: chapter)
    "ص": "page", "صص": "page", "صفحه": "page", "صفحة": "page", "ج": "volume", "جلد": "volume",
    "ف": "chapter", "فصل": "chapter",
}
_LOCATOR = re.compile(r"^\s*(?:(?P<label>[^\W\d]+\.?|§§?|¶)\s*)?(?P<value>[\divxlcdmIVXLCDM]+[a-z]?"
                      r"(?:\s*[-–—,&]\s*[\divxlcdmIVXLCDM]+[a-z]?)*)(?P<rest>.*)$", re.S)


@dataclass(frozen=True)
class Cite:
    """One work cited: its key, and what is written around it."""

    key: str
    prefix: str = ""
    #: The locator's value ("12", "33–35") and its CSL type ("page", "chapter"), or empty.
    locator: str = ""
    label: str = ""
    suffix: str = ""
    #: ``-@key``: the author is left out (the sentence names them).
    suppress_author: bool = False


@dataclass(frozen=True)
class Cluster:
    """A bracket of citations in a text: where it is (``start``..``end``, the brackets included) and what it cites."""

    start: int
    end: int
    cites: tuple[Cite, ...]


def find_clusters(text: str) -> list[Cluster]:
    """Each bracket of citations in ``text``, in order."""
    if "@" not in text:
        return []
    out = []
    for m in _CLUSTER.finditer(text):
        cites: list[Cite] = []
        for part in _SEMICOLON.split(m.group(1)):
            item = _ITEM.match(part.strip())
            if item is None:
                cites = []
                break
            cites.append(_cite(item))
        if cites:
            out.append(Cluster(m.start(), m.end(), tuple(cites)))
    return out


def _cite(m: re.Match) -> Cite:
    prefix, key, rest = m.group("prefix").strip(), m.group("key"), m.group("rest")
    key = key.rstrip(".:")  # a key ends before a sentence's punctuation
    locator = label = ""
    suffix = rest.strip()
    if suffix.startswith((",", "،")):
        loc = _LOCATOR.match(suffix[1:])
        if loc:
            word = (loc.group("label") or "").rstrip(".").lower()
            if not word or word in LABELS:
                label = LABELS.get(word, "page")
                locator = re.sub(r"\s*-+\s*", "–", loc.group("value").strip())
                suffix = loc.group("rest").strip()
    return Cite(key, prefix, locator, label, suffix, bool(m.group("minus")))


def cited_keys(text: str) -> list[str]:
    """The keys ``text`` cites, in order (repeated as often as cited)."""
    return [c.key for cluster in find_clusters(text) for c in cluster.cites]
