"""Inline maths as text: ``$E = mc^2$`` in a sentence becomes runs of the sentence's own font.

A picture cannot sit inside a run of PowerPoint text, and one laid over a gap
in the line moves off its place as soon as someone edits the text. So an
equation in a sentence is written as text, as a typesetter's linear form:
variables in italic, numbers and names (sin, log) upright, Unicode symbols
(≤ → ∇ ∫), sub- and superscripts as runs raised or lowered (``a:rPr/@baseline``,
drawn smaller by PowerPoint and LibreOffice alike), an accent as a combining
mark, a fraction as ``a/b`` (``(a+b)/c``), a root as ``√x`` or ``√(x+1)``, a
sum's limits as its scripts, as TeX sets them in a line. It stays editable,
sits on the line's baseline and takes the text's colour for free.

What needs two dimensions beyond that (a matrix, ``cases``, ``aligned``, a
script on a script that Unicode has no small form of) raises
:class:`NeedsDisplay`: the equation is drawn as a picture on its own line.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

#: A run of inline maths: (text, italic, bold, script): script +1 raised, -1 lowered, 0 on the line.
Piece = tuple[str, bool, bool, int]


class NeedsDisplay(Exception):
    """The equation needs a 2-D layout that a line of text cannot give."""


#: Operators set with a narrow no-break space on each side (relations and binary operators).
_SPACED = set("=<>+−±∓×÷·≤≥≠≈≡∼≃∝→←↔⇒⇐⇔↦∈∉⊂⊆⊃⊇∪∩∧∨:") | {":="}
#: What a thin space after a name (``\operatorname{Im} z``, ``\log x``) gives way to, as in TeX.
_NO_SPACE_BEFORE = ("(", "[", "{", ")", "]", "}", ",", ";", "|", "\u202f", "\u2061")
#: Accents (MathML's mover operator) → the combining mark put after the base's characters.
_COMBINING = {"\u0302": "\u0302", "^": "\u0302", "\u02c6": "\u0302", "\u0303": "\u0303", "~": "\u0303",
              "\u02dc": "\u0303", "\u2192": "\u20d7", "\u00af": "\u0304", "\u2015": "\u0305", "\u203e": "\u0305",
              "\u02d9": "\u0307", "\u00a8": "\u0308", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00b4": "\u0301",
              "`": "\u0300"}
#: Small forms for a script inside a script (``e^{-x^2}``): superscripts, then subscripts.
_SUPER = dict(zip("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ", strict=True))
_SUB = dict(zip("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎", strict=True))
_NARROW = "\u202f"
#: The spaces after a name and after a fraction, told apart from a typed ``\,`` until the pieces are merged:
#: they give way before a closing bracket or punctuation, which ``\,`` does not.
_NAME_SPACE = "\u202f\u2060"
_FRAC_SPACE = "\u202f\u2061"
#: Fractions of digits that Unicode (and the body fonts) have as one character.
_VULGAR = {("1", "2"): "½", ("1", "3"): "⅓", ("2", "3"): "⅔", ("1", "4"): "¼", ("3", "4"): "¾",
           ("1", "8"): "⅛"}


def _unstyle(ch: str) -> tuple[str, bool]:
    """A mathematical bold letter (``\\mathbf``) as the plain letter and True (set in bold), else (ch, False)."""
    o = ord(ch)
    if 0x1D400 <= o <= 0x1D433:
        return chr((ord("A") if o < 0x1D41A else ord("a")) + (o - 0x1D400) % 26), True
    if 0x1D6A8 <= o <= 0x1D6C0:
        return chr(0x391 + o - 0x1D6A8), True
    if 0x1D6C2 <= o <= 0x1D6DA:
        return chr(0x3B1 + o - 0x1D6C2), True
    return ch, False


@functools.lru_cache(maxsize=1024)
def inline_pieces(tex: str) -> tuple[Piece, ...]:
    """The runs ``tex`` is written as in a line of text; raises :class:`NeedsDisplay`."""
    from .maths import _mathml

    root = ET.fromstring(_mathml(tex, True))
    for el in root.iter():
        el.tag = el.tag.rsplit("}", 1)[-1]
    out: list[Piece] = []
    _walk(root, out, 0, False)
    return tuple(_merge(out))


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Neighbours in one style joined; no narrow space at either end (after a fraction that ends it), nor one
    a fraction or a name leaves before a closing bracket, punctuation or an operator's own space."""
    if pieces and pieces[-1][0] == _NARROW:
        pieces = pieces[:-1]
    pieces = [(_NARROW,) + p[1:] if p[0] in (_NAME_SPACE, _FRAC_SPACE) else p for i, p in enumerate(pieces)
              if p[0] not in (_NAME_SPACE, _FRAC_SPACE) or i + 1 < len(pieces) and pieces[i + 1][0]
              and not pieces[i + 1][0].startswith(_NO_SPACE_BEFORE)]
    out: list[Piece] = []
    for p in pieces:
        if not p[0]:
            continue
        if out and out[-1][1:] == p[1:]:
            out[-1] = (out[-1][0] + p[0],) + p[1:]
        else:
            out.append(p)
    return out


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


def _atoms(el: ET.Element) -> int:
    """How many things ``el`` holds side by side (a fraction's numerator ``a+b`` holds three)."""
    kids = [k for k in el if k.tag != "mspace"]
    if el.tag in ("mrow", "mstyle", "math"):
        return sum(_atoms(k) for k in kids) if kids else 0
    if el.tag in ("mi", "mn", "mtext"):
        return 1
    return 1


def _walk(el: ET.Element, out: list[Piece], script: int, bold: bool) -> None:
    tag = el.tag
    variant = el.get("mathvariant")
    bold = bold or variant in ("bold", "bold-italic")
    if tag in ("math", "mrow", "mstyle", "mpadded", "mphantom"):
        for kid in el:
            _walk(kid, out, script, bold)
    elif tag in ("mi", "mn", "mtext", "mo", "ms"):
        _leaf(el, out, script, bold, variant)
    elif tag == "mspace":
        width = el.get("width", "")
        out.append(("\u2003" if width in ("1em", "2em") else _NARROW if width else "", False, bold, script))
    elif tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover"):
        _scripts(el, out, script, bold)
    elif tag == "mfrac":
        if el.get("linethickness") in ("0", "0px", "0em"):  # \binom, \atop: a column, not a fraction
            raise NeedsDisplay(tag)
        num, den = list(el)
        vulgar = _VULGAR.get((_text(num).strip(), _text(den).strip()))
        if vulgar:
            out.append((vulgar, False, bold, script))
            return
        _grouped(num, out, script, bold)
        out.append(("/", False, bold, script))
        _grouped(den, out, script, bold)
        # "1/2 mv²", not "1/2mv²" (which reads as 1/(2mv²)).
        out.append((_FRAC_SPACE, False, bold, script))
    elif tag == "msqrt":
        out.append(("√", False, bold, script))
        inner = el[0] if len(el) == 1 else ET.Element("mrow")
        if len(el) != 1:
            inner.extend(list(el))
        _grouped(inner, out, script, bold)
    elif tag == "mroot":
        base, index = list(el)
        root = {"3": "∛", "4": "∜"}.get(_text(index).strip())
        if root is None:
            raise NeedsDisplay(tag)
        out.append((root, False, bold, script))
        _grouped(base, out, script, bold)
    else:  # mtable (matrices, cases, aligned), menclose (boxes, cancel), ...
        raise NeedsDisplay(tag)


def _grouped(el: ET.Element, out: list[Piece], script: int, bold: bool) -> None:
    """``el`` in parentheses when it is more than one thing (a fraction's ``a+b``), else as it is."""
    wrap = _atoms(el) > 1
    if wrap:
        out.append(("(", False, bold, script))
    _walk(el, out, script, bold)
    if wrap:
        out.append((")", False, bold, script))


def _leaf(el: ET.Element, out: list[Piece], script: int, bold: bool, variant: str | None) -> None:
    text = _text(el)
    if el.tag in ("mo", "mi") and len(text) > 1 and text.isalpha():  # \log, \operatorname{Im}: a name, a thin space
        if out and not out[-1][0].endswith((_NARROW, "(", "[", "{", "\u2060", "\u2061")):  # X^{1/2} \log X
            out.append((_NAME_SPACE, False, bold, script))
        out += [(text, False, bold or variant in ("bold", "bold-italic"), script), (_NAME_SPACE, False, bold, script)]
        return
    if el.tag == "mo" or text == ":":  # latex2mathml reads a colon as an identifier: it is TeX's relation
        text = {"-": "−", "\u22c5": "·", "*": "∗", "\u2015": "―"}.get(text, text)
        # A sign (-x, = −∂B) follows an operator or an opening bracket; after a fraction's space (½ − x) or a
        # name's, + and − are the binary operators.
        before = out[-1][0] if out else ""
        unary = text in "+−±∓" and (not out or before.endswith((_NARROW, "(", "[", "{")))
        if unary:  # a sign (-x, = −∂B): no space between it and what it applies to
            out.append((text, False, bold, script))
        elif text in _SPACED and not script:
            out.append((_NARROW + text + _NARROW, False, bold, script))
        elif text in (",", ";") and not script:
            out.append((text + _NARROW, False, bold, script))
        else:
            out.append((text, False, bold, script))
        return
    chars = [_unstyle(ch) for ch in text]
    plain = "".join(ch for ch, _ in chars)
    bolded = bold or any(b for _, b in chars)
    # TeX's rule: a one-letter identifier is italic (a variable), as is lower-case Greek; names
    # (sin, log), numbers, upper-case Greek, \mathbf and \mathrm are upright.
    italic = (el.tag == "mi" and len(plain) == 1 and variant is None and not bolded
              and (plain.isascii() and plain.isalpha() or "\u03b1" <= plain <= "\u03c9" or plain in "ϵϑϕϱϖ"))
    out.append((plain, italic, bolded, script))


def _scripts(el: ET.Element, out: list[Piece], script: int, bold: bool) -> None:
    kids = list(el)
    tag = el.tag
    base = kids[0]
    if tag in ("mover", "munder") and len(kids) == 2:
        mark = _COMBINING.get(_text(kids[1]).strip())
        if mark is not None and (el.get("accent") == "true" or kids[1].get("accent") == "true" or tag == "mover"):
            before = len(out)
            _walk(base, out, script, bold)
            # The mark goes after every character of the base (\overline{AB}: both letters).
            for i in range(before, len(out)):
                text, italic, bolded, level = out[i]
                marked = "".join(ch + (mark if ch.strip() and ch != _NARROW else "") for ch in text)
                out[i] = (marked, italic, bolded, level)
            return
    lower = kids[1] if tag in ("msub", "msubsup", "munder", "munderover") else None
    upper = kids[-1] if tag in ("msup", "msubsup", "mover", "munderover") else None
    _walk(base, out, script, bold)
    named = out.pop() if out and out[-1][0] == _NAME_SPACE else None  # \log_2 x: the space after the script
    for part, level in ((lower, -1), (upper, 1)):
        if part is None:
            continue
        if script == 0:
            _walk(part, out, level, bold)
            continue
        small = _SUPER if level > 0 else _SUB
        text = _text(part).replace(" ", "")
        if not all(ch in small for ch in text):
            raise NeedsDisplay(f"{tag} in a script")
        out.append(("".join(small[ch] for ch in text), False, bold, script))
    if named is not None:
        out.append(named)


def is_inline(tex: str) -> bool:
    """Whether ``tex`` can be written as text in a line (else it is drawn on a line of its own)."""
    try:
        inline_pieces(tex)
    except NeedsDisplay:
        return False
    return True
