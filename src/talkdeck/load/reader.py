"""Reading an outline: bytes → text → YAML nodes → a validated Talk."""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import limits
from ..errors import OutlineError, Problem
from ..hints import syntax_hint
from ..i18n import apply_language_defaults
from ..model import Talk
from ..validate import validate_talk

try:  # libyaml is much faster; both give the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .convert import _INVALID, CORE, Abort, Ctx, convert, describe_node


def load_talk(path: str | Path, display_name: str | None = None, allow_outside: bool = False) -> Talk:
    """Read, parse and validate the outline at ``path``.

    Returns the :class:`Talk`; raises :class:`OutlineError` listing every
    problem (messages start with ``display_name`` or the path as given).
    """
    path = Path(path)
    name = display_name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise OutlineError([Problem(name, (1, 1), "", "no such file (run 'talkdeck new' to start a talk)")]) from None
    except IsADirectoryError:
        raise OutlineError([Problem(name, (1, 1), "", "is a folder, not an outline file")]) from None
    except OSError as e:
        raise OutlineError([Problem(name, (1, 1), "", f"cannot be read ({e.strerror})")]) from None
    return parse_talk(data, name, base_dir=path.resolve().parent, allow_outside=allow_outside)


def parse_talk(data: bytes | str, name: str = "talk.yaml", base_dir: Path | None = None,
               allow_outside: bool = False) -> Talk:
    """Parse outline text (``name`` is used in messages) into a validated Talk.

    ``base_dir`` is the folder asset paths are relative to; without it, assets
    are not checked on disk.
    """
    ctx = Ctx(name)
    text = _decode(data, ctx)
    ctx.lines = text.splitlines()
    root = _compose(text, ctx)
    try:
        talk = convert(root, Talk, "", ctx)
    except Abort:
        talk = _INVALID
    if talk is _INVALID:
        raise OutlineError(ctx.problems)
    apply_language_defaults(talk)
    ctx.problems += validate_talk(talk, name, base_dir, allow_outside=allow_outside,
                                  structural_errors={p.path for p in ctx.problems})
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors:
        raise OutlineError(errors)
    talk.warnings = [p for p in ctx.problems if p.severity == "warning"]
    talk.base_dir = base_dir
    return talk


def _decode(data: bytes | str, ctx: Ctx) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if len(data) > limits.MAX_OUTLINE_BYTES:
        ctx.error((1, 1), "", f"the outline is {len(data) / 1e6:.1f} MB; the limit is "
                  f"{limits.MAX_OUTLINE_BYTES / 1e6:.0f} MB ({limits.how_to_raise('MAX_OUTLINE_BYTES')})")
        raise OutlineError(ctx.problems)
    if b"\x00" in data[:8192]:
        ctx.error((1, 1), "", "this is not a text file (it contains NUL bytes); an outline is UTF-8 YAML text")
        raise OutlineError(ctx.problems)
    if data.startswith(b"\xef\xbb\xbf"):  # the BOM Windows editors write
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        ctx.error((line, col), "", f"not valid UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8")
        raise OutlineError(ctx.problems) from None


def _compose(text: str, ctx: Ctx) -> yaml.Node:
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = e.problem or "invalid YAML"
        line_text = text.splitlines()[pos[0] - 1] if mark and pos[0] <= len(text.splitlines()) else ""
        if "\t" in line_text[:pos[1]] or "'\\t'" in problem:
            problem = "a tab character here: YAML indents with spaces, never tabs"
        else:
            if e.context:
                cm = e.context_mark
                at = (f" that starts at line {cm.line + 1}, column {cm.column + 1}"
                  if cm and mark and cm.line != mark.line and e.context.startswith("while") else "")
                problem = f"{problem} ({e.context}{at})"
            problem = syntax_hint(e.problem or "", e.context or "", pos, text.splitlines(), problem)
        ctx.error(pos, "", f"YAML syntax error: {problem}")
        raise OutlineError(ctx.problems) from None
    except yaml.YAMLError as e:  # reader errors: control characters and the like
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


