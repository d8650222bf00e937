"""Reading an outline: bytes → text → YAML nodes → a validated Talk."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from .. import limits
from ..errors import OutlineError, Problem
from ..lang.i18n import apply_language_defaults
from ..model import Talk
from .hints import syntax_hint
from .maths_check import check_maths
from .validate import validate_talk

try:  # libyaml is much faster; both give the same nodes and marks
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from .bibliography import cite_talk
from .chars import is_windows_path, position, scan_text, scan_values
from .convert import _join, convert
from .folding import refold
from .nodes import _INVALID, CORE, Abort, Ctx, describe_node
from .typography import apply_spacing


class _Loader(_BaseLoader):
    """The safe loader, reading numbers as YAML 1.2 does: ``1e6`` and ``1.4e9`` are numbers.

    YAML 1.1 (PyYAML's rules) wants a dot and a signed exponent (``1.0e+6``); a
    resolver added to this class alone leaves PyYAML's own loaders as they are.
    """


_Loader.add_implicit_resolver(
    CORE + "float", re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$"), list("-+.0123456789"))

#: Byte-order marks and, without one, the NUL pattern of the first characters (an outline
#: starts with ASCII), as the YAML specification detects encodings; UTF-32 before UTF-16.
#: Two or four characters must agree, so that a stray NUL in a UTF-8 file is not taken for UTF-16.
_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4), (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2), (b"\xff\xfe", "utf-16-le", 2), (b"\xef\xbb\xbf", "utf-8", 3),
)
_NO_BOM = (
    (re.compile(b"(?:\x00\x00\x00[^\x00]){2}"), "utf-32-be"), (re.compile(b"(?:[^\x00]\x00\x00\x00){2}"), "utf-32-le"),
    (re.compile(b"(?:\x00[^\x00]){4}"), "utf-16-be"), (re.compile(b"(?:[^\x00]\x00){4}"), "utf-16-le"),
)
#: More NUL characters than this (or one in a hundred) and the file is not text that lost a few.
_MAX_STRAY_NULS = 8


def load_talk(path: str | Path, display_name: str | None = None, allow_outside: bool = False) -> Talk:
    """Read, parse and validate the outline at ``path``.

    Returns the :class:`Talk`; raises :class:`OutlineError` listing every
    problem (messages start with ``display_name`` or the path as given).
    """
    path = Path(path)
    name = display_name or str(path)
    try:
        data = _read_bounded(path, name)
    except FileNotFoundError:
        other = _outline_named_otherwise(path)
        hint = (f"did you mean '{Path(name).parent / other}'? name it on the command line, or rename it"
                if other else "run 'talkdeck new' to start a talk")
        raise OutlineError([Problem(name, (1, 1), "", f"no such file ({hint})")]) from None
    except IsADirectoryError:
        raise OutlineError([Problem(name, (1, 1), "", "is a folder, not an outline file")]) from None
    except OSError as e:
        raise OutlineError([Problem(name, (1, 1), "", f"cannot be read ({e.strerror})")]) from None
    return parse_talk(data, name, base_dir=path.resolve().parent, allow_outside=allow_outside)


def _read_bounded(path: Path, name: str) -> bytes:
    """The outline's bytes, refused by its size before a byte is read (and read no further than the
    limit, should the file grow meanwhile). A named pipe is opened without waiting for a writer (one that
    nothing writes to hung build, check and watch); a device (/dev/zero, a terminal) is refused."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            raise OutlineError([Problem(name, (1, 1), "", "is a device, not an outline file")])
        pipe = stat.S_ISFIFO(st.st_mode)
        if pipe:
            os.set_blocking(fd, True)  # a writer there (`cat talk.yaml |`, /dev/stdin) is read to its end
        size = st.st_size
        data = f.read(limits.MAX_OUTLINE_BYTES + 1) if size <= limits.MAX_OUTLINE_BYTES else b""
    if pipe and not data:
        raise OutlineError([Problem(name, (1, 1), "", "is a named pipe that nothing writes to, not an outline "
                                    "file")])
    if size > limits.MAX_OUTLINE_BYTES or len(data) > limits.MAX_OUTLINE_BYTES:
        raise OutlineError([Problem(name, (1, 1), "", _too_big(max(size, len(data))))])
    return data


def _too_big(size: int) -> str:
    return (f"the outline is {size / 1e6:.1f} MB; the limit is {limits.MAX_OUTLINE_BYTES / 1e6:.0f} MB "
            f"({limits.how_to_raise('MAX_OUTLINE_BYTES')})")


def _outline_named_otherwise(path: Path) -> str | None:
    """The name of a file beside ``path`` that is the outline but for case or the .yml/.yaml ending
    (``Talk.YAML``, ``talk.yml``: names Windows and macOS find as ``talk.yaml``, or a common other ending)."""
    def key(name: str) -> str:
        stem, dot, ext = name.lower().rpartition(".")
        return f"{stem}.yaml" if dot and ext in ("yml", "yaml") else name.lower()

    try:
        names = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    except OSError:
        return None
    return next((n for n in names if key(n) == key(path.name)), None)


def parse_talk(data: bytes | str, name: str = "talk.yaml", base_dir: Path | None = None,
               allow_outside: bool = False) -> Talk:
    """Parse outline text (``name`` is used in messages) into a validated Talk.

    ``base_dir`` is the folder asset paths are relative to; without it, assets
    are not checked on disk.
    """
    ctx = Ctx(name)
    text = _decode(data, ctx)
    _check_characters(text, ctx)
    ctx.lines = text.split("\n")
    root = _compose(text, ctx)
    refold(root, ctx.lines)
    if "\\" in text:  # past scan_text, only an escape can put a character a deck cannot hold into a value
        try:
            scan_values(root, ctx.lines, _join, lambda pos, path, message: ctx.error(pos, path, message))
        except Abort:
            pass
    if ctx.problems:
        raise OutlineError(ctx.problems)
    try:
        talk = convert(root, Talk, "", ctx)
    except Abort:
        talk = _INVALID
    if talk is _INVALID:
        raise OutlineError(ctx.problems)
    apply_language_defaults(talk)
    ctx.problems += validate_talk(talk, name, base_dir, allow_outside=allow_outside,
                                  structural_errors={p.path for p in ctx.problems})
    if "$" in text or "\\" in text or "*" in text or "math" in text:  # equations, and text that reads two ways
        ctx.problems += check_maths(talk, name, ctx.lines)
    ctx.problems += cite_talk(talk, name, ctx.lines, base_dir, allow_outside,
                              frozenset(p.path for p in ctx.problems if p.severity == "error"))
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors:
        raise OutlineError(errors)
    apply_spacing(talk)
    talk.warnings = [p for p in ctx.problems if p.severity == "warning"]
    talk.base_dir = base_dir
    return talk


def _decode(data: bytes | str, ctx: Ctx) -> str:
    """The outline's text: UTF-8 (with or without a BOM), UTF-16 or UTF-32 (with or without)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > limits.MAX_OUTLINE_BYTES:
        ctx.error((1, 1), "", _too_big(len(data)))
        raise OutlineError(ctx.problems)
    encoding, skip = next(((enc, n) for bom, enc, n in _ENCODINGS if data.startswith(bom)), (None, 0))
    if encoding is None:
        encoding = next((enc for pattern, enc in _NO_BOM if pattern.match(data)), "utf-8")
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as e:
        if encoding == "utf-8" and _looks_binary(data):
            ctx.error((1, 1), "", "this is not a text file (it contains NUL bytes); an outline is UTF-8 YAML text")
            raise OutlineError(ctx.problems) from None
        good = data[skip:skip + e.start].decode(encoding, errors="replace")
        label = encoding.upper().replace("-BE", "").replace("-LE", "")
        what = f"byte 0x{data[skip + e.start]:02x}" if encoding == "utf-8" else e.reason
        if encoding == "utf-8":
            legacy = data[skip + e.start:skip + e.start + 1].decode("cp1252", errors="replace")
            what += f", '{legacy}' in Windows-1252" if legacy.isprintable() and legacy != "\ufffd" else ""
        ctx.error(position(good, len(good)), "", f"not valid {label} ({what}); save the file as UTF-8")
        raise OutlineError(ctx.problems) from None
    if _looks_binary(text.encode("utf-8", errors="replace") if encoding != "utf-8" else data):
        ctx.error((1, 1), "", "this is not a text file (it contains NUL bytes); an outline is UTF-8 YAML text")
        raise OutlineError(ctx.problems)
    return text


#: How files that are not text begin: images, PDF, zip (Office files), old Office files, executables.
_BINARY_STARTS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF")


def _looks_binary(data: bytes) -> bool:
    """Whether ``data`` is a file of another kind, rather than text with a few stray NUL bytes."""
    head = data[:8192]
    return data.startswith(_BINARY_STARTS) or head.count(b"\x00") > max(_MAX_STRAY_NULS, len(head) // 100)


def _check_characters(text: str, ctx: Ctx) -> None:
    """Raise OutlineError naming each character YAML would refuse or misread, at its place."""
    try:
        scan_text(text, lambda pos, message: ctx.error(pos, "", message))
    except Abort:
        pass
    if ctx.problems:
        raise OutlineError(ctx.problems)


def _compose(text: str, ctx: Ctx) -> yaml.Node:
    lines = ctx.lines
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if pos[0] > len(lines):  # the end of a file without a final line break: PyYAML counts a line past it
            pos = (len(lines), len(lines[-1]) + 1)
        problem = e.problem or "invalid YAML"
        line_text = lines[pos[0] - 1] if mark and pos[0] <= len(lines) else ""
        if "\t" in line_text[:pos[1]] or "'\\t'" in problem:
            problem = "a tab character here: YAML indents with spaces, never tabs"
        elif "scanning an alias" in (e.context or "") and re.match(r"\s*\*\s", line_text[pos[1] - 2:] or " "):
            problem = "'* ' starts no list item in YAML (it marks an alias): write '- ' instead"
            pos = (pos[0], line_text.find("*") + 1 or pos[1])
        elif pasted := _pasted_bullet(lines, e):
            line_no, bullet = pasted
            pos = (line_no + 1, lines[line_no].find(bullet) + 1)
            problem = f"'{bullet} ' starts no list item in YAML (a bullet pasted from a document?): write '- ' instead"
        elif "undefined alias" in problem:
            problem = _alias_problem(line_text, pos, lines)
        elif "quoted scalar" in (e.context or "") and ("escape" in problem or "hexdecimal" in problem):
            opening = e.context_mark.column if e.context_mark and mark and e.context_mark.line == mark.line else 0
            problem = _escape_problem(line_text, pos, opening, problem)
            pos = (pos[0], line_text.rfind("\\", 0, pos[1]) + 1 or pos[1])
        else:
            if e.context:
                cm = e.context_mark
                at = (f" that starts at line {cm.line + 1}, column {cm.column + 1}"
                  if cm and mark and cm.line != mark.line and e.context.startswith("while") else "")
                problem = f"{problem} ({e.context}{at})"
            problem = syntax_hint(e.problem or "", e.context or "", pos, lines, problem)
        ctx.error(pos, "", f"YAML syntax error: {problem}")
        raise OutlineError(ctx.problems) from None
    except yaml.reader.ReaderError as e:  # characters scan_text did not expect; position is in UTF-8 bytes
        before = text.encode("utf-8", errors="surrogatepass")[:e.position].decode("utf-8", errors="ignore")
        char = chr(e.character) if isinstance(e.character, int) else "?"
        ctx.error(position(text, len(before)), "", f"YAML cannot read {char!r} here ({e.reason}); delete it")
        raise OutlineError(ctx.problems) from None
    except yaml.YAMLError as e:  # pragma: no cover - PyYAML raises the two above
        ctx.error((1, 1), "", f"YAML error: {e}")
        raise OutlineError(ctx.problems) from None
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == CORE + "null"):
        ctx.error((1, 1), "", "the outline is empty (expected a mapping with title, speaker and sections)")
        raise OutlineError(ctx.problems)
    if not isinstance(root, yaml.MappingNode):
        ctx.error(root, "", f"the outline must be a mapping of keys (expected a mapping with title, "
                  f"speaker and sections, got {describe_node(root)})")
        raise OutlineError(ctx.problems)
    return root


#: Characters that start a bullet in Word, PowerPoint or a web page, but no YAML list item.
_BULLET_LINE = re.compile(r"\s*([•◦▪●■–—·‣⁃])\s")


def _pasted_bullet(lines: list[str], e: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """(0-based line, bullet) when the lines of a syntax error start with a pasted bullet such as '•' or '–'."""
    for mark in (e.context_mark, e.problem_mark):
        if mark is not None and mark.line < len(lines):
            m = _BULLET_LINE.match(lines[mark.line])
            if m:
                return mark.line, m.group(1)
    return None


def _alias_problem(line: str, pos: tuple[int, int], lines: list[str]) -> str:
    """What to say about ``*name`` used where no ``&name`` came before it."""
    m = re.match(r"\*([^\s,\[\]{}]+)", line[pos[1] - 1:])
    if not m:
        return "an alias ('*name') whose anchor ('&name') is not defined above it"
    alias = m.group(1)
    later = next((i + 1 for i, text in enumerate(lines[pos[0]:], start=pos[0])
                  if re.search(rf"&{re.escape(alias)}(?![^\s,\[\]{{}}])", text)), None)
    if later:
        return (f"'*{alias}' comes before its anchor '&{alias}' (line {later}); YAML reads from the top: "
                f"move the value marked '&{alias}' above its first use")
    return (f"'*{alias}' reuses a value marked '&{alias}', but no value is marked so above it; define it "
            f"first ('points: &{alias}' then the list), or put the text in quotes if the '*' is meant literally")


def _escape_problem(line: str, pos: tuple[int, int], opening: int, problem: str) -> str:
    """What to say about a backslash in double quotes that is no YAML escape (a Windows path, usually).

    ``opening`` is the 0-based column of the opening quote on ``line``.
    """
    start = line.rfind("\\", 0, pos[1])
    written = line[start:start + 2] if start >= 0 else "\\"
    code = re.match(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", line[start:]) if start >= 0 else None
    if "invalid Unicode" in problem and code:
        return (f"'{code.group()}' in double quotes names no character (a surrogate, half of a pair, or past "
                "U+10FFFF): write the character itself, or \\U and its 8 hex digits")
    digits = {"x": 2, "u": 4, "U": 8}.get(written[1:])
    what = (f"starts an escape that needs {digits} hex digits after it" if digits and "hexdecimal" in problem
            else "is not an escape YAML knows")
    quoted = re.match(r'"((?:[^"\\]|\\.)*)"?', line[opening:])
    body = quoted.group(1) if quoted else ""
    if is_windows_path(body):
        return (f"'{written}' in double quotes {what}: write paths with / (\"{body.replace(chr(92), '/')}\"), "
                "or put the text in single quotes")
    return f"'{written}' in double quotes {what}: to write a '\\', double it or put the text in single quotes"
