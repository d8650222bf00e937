"""watch: rebuild the deck each time the outline or its assets change.

Rebuilds run in this process, so imports, font metrics and drawn charts are
reused, and :class:`~talkdeck.build.Reuse` rewrites only the slides that
changed. A broken edit prints its errors and leaves the last good deck in
place. Changes are noticed by watchfiles (inotify/FSEvents/ReadDirectoryChanges
through the Rust ``notify`` crate), not by polling.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from ..atomic import written_beside
from ..build import BuildResult, Reuse, build, default_output, runsheet_path
from ..errors import OutlineError, TalkdeckError
from ..model import Talk
from ..plan.spec import SlideSpec

ASSETS = "assets"
#: Lock and temporary files of editors and office programs: Office's owner file (``~$deck.pptx``),
#: LibreOffice's lock (``.~lock.logo.png#``), vim's swap files, backup copies (``map.png~``).
IGNORED = ("~$*", ".~lock.*#", "*.swp", "*~")


class StopEvent(Protocol):
    def is_set(self) -> bool: ...


class BuildListener(Protocol):
    """Told of every build (the live preview): its slides once planned, then the deck or the errors."""

    def planned(self, talk: Talk, specs: list[SlideSpec]) -> None: ...

    def built(self, result: BuildResult) -> None: ...

    def failed(self, error: TalkdeckError) -> None: ...


class _Session:
    """One watched outline: the reuse state, and the warnings already shown."""

    def __init__(self, outline: Path, output: Path, use_cache: bool, allow_outside: bool,
                 out: Callable[[str], None], err: Callable[[str], None], listener: BuildListener | None = None):
        self.outline, self.output, self.listener = outline, output, listener
        self.use_cache, self.allow_outside = use_cache, allow_outside
        self.out, self.err = out, err
        self.reuse = Reuse()
        self.shown: set[tuple[str, str]] = set()
        #: Files the outline refers to (pictures, the template), wherever they are in its folder.
        self.referenced: set[Path] = set()

    def rebuild(self, what: str) -> bool:
        """Build once and print one line; True if the deck was written."""
        stamp = time.strftime("%H:%M:%S")
        try:
            result = build(self.outline, self.output, use_cache=self.use_cache, allow_outside=self.allow_outside,
                           reuse=self.reuse, planned=self.listener.planned if self.listener is not None else None)
        except TalkdeckError as e:
            if self.listener is not None:
                self.listener.failed(e)
            self.err(str(e))
            kept = (f"{self.output} is still the last good deck" if self.output.exists()
                    else f"{self.output} not written")
            if isinstance(e, OutlineError):
                n = len(e.problems)
                self.err(f"{stamp} {what}: {n} error{'s' if n != 1 else ''} in the outline; {kept}")
            else:
                self.err(f"{stamp} {what}: failed; {kept}")
            return False
        self.use_cache = True  # --no-cache redraws on the first build only
        if self.listener is not None:
            self.listener.built(result)
        self.referenced = referenced_files(result.talk)
        # Warnings are shown once, not again on every save (their lines move as the file is edited).
        new = sorted((w for w in result.warnings if (w.path, w.message) not in self.shown),
                     key=lambda w: (w.pos, w.path))
        self.shown = {(w.path, w.message) for w in result.warnings}
        self.out(f"{stamp} {what}: {result.slides} slides in {result.seconds:.2f} s → {result.output}")
        if result.locked is not None:
            self.err(written_beside(result.locked, result.output))
        for w in new:
            self.err(str(w))
        return True


def referenced_files(talk: Talk | None) -> set[Path]:
    """The resolved paths of the files ``talk`` refers to: slides' and columns' images, the speaker's photo,
    the template, the bibliography and a citation style's file."""
    if talk is None or talk.base_dir is None:
        return set()
    shown = [x for s in talk.all_slides() for x in s.shown]
    names: list[str | None] = [x.image for x in shown if x.image]
    names += [talk.speaker.photo, talk.theme.template, talk.bibliography]
    names += [talk.csl] if talk.csl and talk.csl.lower().endswith((".csl", ".xml")) else []
    return {(talk.base_dir / name).resolve() for name in names if name}


def describe_changes(changes: Iterable[tuple[object, str]], folder: Path, outline: Path) -> str:
    """``talk.yaml changed``, ``assets/map.png added``, ``3 files changed``: what a set of changes touched."""
    kinds: dict[str, set[str]] = {}
    for change, changed in changes:
        p = Path(changed)
        rel = p.relative_to(folder).as_posix() if p.is_relative_to(folder) else str(p)
        kinds.setdefault(rel, set()).add(getattr(change, "name", str(change)))
    if len(kinds) != 1:
        return f"{len(kinds)} files changed"
    (rel, names), = kinds.items()
    path = folder / rel
    # Editors that save by writing a new file and renaming it over the old one report "added".
    if not path.exists():
        verb = "deleted"
    elif names == {"added"} and path != outline.resolve():
        verb = "added"
    else:
        verb = "changed"
    return f"{rel} {verb}"


def ignored(path: Path) -> bool:
    """True for an editor's or office program's lock or temporary file (:data:`IGNORED`)."""
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in IGNORED)


def watch(outline: Path, output: Path | None = None, *, use_cache: bool = True, allow_outside: bool = False,
          out: Callable[[str], None] = print, err: Callable[[str], None] = print,
          stop: StopEvent | None = None, max_rebuilds: int | None = None,
          listener: BuildListener | None = None, quiet_ms: int = 50) -> int:
    """Build ``outline``, then rebuild it whenever it, a file under ``assets/`` beside it, or a
    file it refers to in its folder changes (not editors' lock and temporary files: :data:`IGNORED`).
    ``listener`` is told of each build. A save is built once no file has changed for ``quiet_ms``
    (an editor's save is several writes or a rename, a few milliseconds apart).

    Runs until ``stop`` is set, ``max_rebuilds`` rebuilds have run (for tests),
    or KeyboardInterrupt (which propagates). Returns the number of rebuilds
    after the first build. Raises TalkdeckError if the outline's folder is missing.
    """
    from watchfiles import watch as watch_paths

    folder = outline.resolve().parent
    if not folder.is_dir():
        raise TalkdeckError(f"{outline.parent}: no such folder")
    session = _Session(outline, output or default_output(outline), use_cache, allow_outside, out, err, listener)
    session.rebuild("first build")
    out(f"watching {outline} and {ASSETS}/ for changes (Ctrl-C to stop)")

    rebuilds = 0
    if max_rebuilds is not None and max_rebuilds <= 0:
        return rebuilds
    # What the build writes is no change, even under assets/ (-o assets/talk.pptx rebuilt forever, 7 times a second).
    deck = session.output.resolve()
    own, charts = {deck, runsheet_path(deck)}, deck.parent / "charts"

    def written(p: Path) -> bool:
        temporary = p.parent == deck.parent and p.name.startswith(".") and p.name.endswith(".tmp")
        return p in own or p.is_relative_to(charts) or temporary

    # The outline's folder is where it leads (a link's target: the talk reads its assets there), and the link's
    # own folder too, where the outline may be replaced by a file or a link elsewhere; watched anew when it is.
    link = outline.absolute()
    while True:
        target = outline.resolve()
        folder, assets = target.parent, target.parent / ASSETS

        def relevant(change: object, path: str, target: Path = target, assets: Path = assets) -> bool:
            p = Path(path)
            if ignored(p) or (written(p) and p not in session.referenced):
                return False
            return p in (target, link) or p.is_relative_to(assets) or p in session.referenced

        folders = [f for f in {folder, link.parent} if f.is_dir()]
        for changes in watch_paths(*folders, watch_filter=relevant, stop_event=stop, step=quiet_ms):
            session.rebuild(describe_changes(changes, folder, outline))
            rebuilds += 1
            if max_rebuilds is not None and rebuilds >= max_rebuilds:
                return rebuilds
            if outline.resolve() != target:
                break  # the outline leads elsewhere now: watch there
        else:
            return rebuilds  # stopped
