"""The live preview's state: each slide's picture, notes and time cue, kept in step with the builds.

``talkdeck watch --preview`` hands every build to :class:`LivePreview`
(:meth:`~LivePreview.built`, or :meth:`~LivePreview.failed` for a broken
save). A slide is drawn again only when what it shows changed: its look is a
digest of the slide's part of the written deck and what it draws on, without
its notes (:func:`talkdeck.export.sparse.slide_looks`), so a notes-only edit
reaches the page at once and costs LibreOffice nothing. A thread renders the
stale slides, the one just edited first, then outwards from the slide the
reader is on. The page follows through :meth:`~LivePreview.wait`, which
returns a new :meth:`~LivePreview.state` whenever anything changed.
"""

from __future__ import annotations

import difflib
import itertools
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..build import BuildResult
from ..errors import OutlineError, TalkdeckError
from ..export.live import Renderer, RenderFailed
from ..export.sparse import slide_looks, slide_size
from ..lang.i18n import messages_for
from ..plan import timing


@dataclass
class Slide:
    """One slide as the page shows it."""

    title: str
    notes: str
    cue: str
    look: str
    #: Stays with the slide while slides are added or removed around it (the page keys its pictures by it).
    key: int = 0
    picture: bytes | None = None
    #: The look the picture was rendered from: the picture is stale while it differs from ``look``.
    picture_look: str | None = None
    #: Bumped with each new picture (the page asks for ``/slide/N.png?v=VERSION``).
    version: int = 0
    #: A look LibreOffice failed to render: not tried again until the slide changes.
    failed_look: str | None = None


def notes_and_cue(spec: Any, talk: Any) -> tuple[str, str]:
    """The slide's notes as the deck has them, without the part's span that opens them, and its time cue:
    when it is due and that span (``at 14:30 · §2 · 12:00–22:00``), or empty without a plan."""
    span = timing.cue(spec, messages_for(talk)) if talk is not None else ""
    notes = spec.notes.removeprefix(f"{span}\n\n") if span else spec.notes
    if spec.start_min is None:
        return notes, ""
    return notes, f"at {timing.mmss(spec.start_min)}" + (f" · {span}" if span else "")


def same_slides(old: list[str], new: list[str]) -> dict[int, int]:
    """Which new slide (index) is which old one, matched by title in order: a slide added or removed
    leaves the others matched, and a slide retitled in place stays itself."""
    matched: dict[int, int] = {}
    for op, a, a_end, b, b_end in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("equal", "replace"):  # a replaced stretch: its slides pair up in order, as far as they go
            for k in range(min(a_end - a, b_end - b)):
                matched[b + k] = a + k
    return matched


class LivePreview:
    """What the page shows, and the thread that renders the slides that changed."""

    def __init__(self, log: Callable[[str], None] = print, err: Callable[[str], None] = print):
        self.log, self.err = log, err
        self.cond = threading.Condition()
        #: Names this run's pictures in the page's URLs, so that a browser cache never shows another run's.
        self.session = secrets.token_hex(4)
        self.slides: list[Slide] = []
        self.deck: bytes | None = None
        self.title = ""
        self.size = (16, 9)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        #: Every change to what the page shows bumps it; the page waits for a larger one.
        self.seq = 0
        self.builds = 0
        #: The slide (1-based) the last build changed first, for the page's "follow" mode.
        self.edited: int | None = None
        #: The first slide whose notes :meth:`planned` showed before this save's deck was written.
        self._noted: int | None = None
        self.renderer: Renderer | None = None
        #: What the page says about LibreOffice: starting, missing, failing.
        self.office = "starting LibreOffice …"
        self.office_problem = False
        self.view = 1
        self.drawing: set[int] = set()
        self.closed = False
        self._keys = itertools.count(1)
        self._thread = threading.Thread(target=self._render_loop, name="talkdeck-render", daemon=True)
        self._thread.start()

    # --- from the watcher ----------------------------------------------------------------
    def planned(self, talk: Any, specs: list) -> None:
        """The slides of a save, planned but not yet written: new notes and cues reach the page now, before
        the deck is (when the slides are the same slides; anything else waits for :meth:`built`)."""
        notes = [notes_and_cue(spec, talk) for spec in specs]
        with self.cond:
            if [s.title for s in self.slides] != [spec.title for spec in specs]:
                return
            changed = [i for i, (slide, (text, cue)) in enumerate(zip(self.slides, notes, strict=True))
                       if (slide.notes, slide.cue) != (text, cue)]
            if not changed:
                return
            for i in changed:
                self.slides[i].notes, self.slides[i].cue = notes[i]
            self._noted = changed[0] + 1
            self._changed()

    def built(self, result: BuildResult) -> None:
        """A good build: new looks, notes and cues; stale slides are queued for rendering."""
        data = result.output.read_bytes()
        looks, size = slide_looks(data), slide_size(data)
        new = [Slide(spec.title, *notes_and_cue(spec, result.talk), look)
               for spec, look in zip(result.specs, looks, strict=True)]
        with self.cond:
            old = self.slides
            before = same_slides([s.title for s in old], [s.title for s in new])
            for i, slide in enumerate(new):
                if i in before:  # the slide keeps its key, and its last picture until the new one is drawn
                    was = old[before[i]]
                    slide.key, slide.picture, slide.picture_look = was.key, was.picture, was.picture_look
                    slide.version, slide.failed_look = was.version, was.failed_look
                else:
                    slide.key = next(self._keys)
            # The slide this save edited: one added, else the first drawn anew, else the first with new notes
            # (every slide's notes say "slide N of M", so a slide added changes them all).
            added = [i for i in range(len(new)) if i not in before]
            redrawn = [i for i in before if new[i].look != old[before[i]].look]
            noted = [i for i in before if new[i].notes != old[before[i]].notes]
            first = next(iter(added or sorted(redrawn) or sorted(noted)), None)
            # Notes shown already (planned) are this save's edit too.
            self.edited = (first + 1 if first is not None else self._noted) if old else None
            self._noted = None
            self.slides, self.deck, self.size = new, data, size
            self.title = result.talk.title if result.talk is not None else ""
            self.errors = []
            self.warnings = [str(w) for w in result.warnings]
            self.builds += 1
            self._changed()

    def failed(self, error: TalkdeckError) -> None:
        """A broken save: its errors (file:line:col) go above the last good pictures."""
        lines = [str(p) for p in error.problems] if isinstance(error, OutlineError) else str(error).splitlines()
        with self.cond:
            self.errors = lines
            self.builds += 1
            self._noted = None
            self._changed()

    # --- from the LibreOffice side -------------------------------------------------------
    def attach(self, renderer: Renderer) -> None:
        """LibreOffice is running: render what is stale."""
        with self.cond:
            if self.closed:
                renderer.close()
                return
            self.renderer, self.office, self.office_problem = renderer, renderer.name, False
            self._changed()

    def office_missing(self, message: str) -> None:
        """No LibreOffice: the page still serves notes and titles, and says how to install it."""
        with self.cond:
            self.office, self.office_problem = message, True
            self._changed()

    # --- from the page -------------------------------------------------------------------
    def set_view(self, number: int) -> None:
        """The slide (1-based) the reader is on: rendering starts near it."""
        with self.cond:
            self.view = number

    def state(self) -> dict:
        """Everything the page shows, as JSON-ready data."""
        with self.cond:
            return {
                "session": self.session, "seq": self.seq, "builds": self.builds, "title": self.title,
                "edited": self.edited, "width": self.size[0], "height": self.size[1], "errors": self.errors,
                "warnings": self.warnings,
                "office": self.office, "officeProblem": self.office_problem,
                "drawing": sorted(i + 1 for i in self.drawing),
                "slides": [{"n": i + 1, "key": s.key, "title": s.title, "notes": s.notes, "cue": s.cue, "v": s.version,
                            "stale": s.picture_look != s.look, "failed": s.failed_look == s.look}
                           for i, s in enumerate(self.slides)],
            }

    def wait(self, after: int, timeout: float) -> dict | None:
        """The state once its ``seq`` is past ``after``, or None after ``timeout`` seconds (or at the end)."""
        with self.cond:
            self.cond.wait_for(lambda: self.seq > after or self.closed, timeout)
            if self.closed or self.seq <= after:
                return None
        return self.state()

    def wait_drawn(self, timeout: float) -> bool:
        """Wait until every slide has its current picture (or the preview ends); False on timeout."""
        with self.cond:
            return self.cond.wait_for(lambda: self.closed or (
                bool(self.slides) and not self.drawing and not self._stale()), timeout)

    def picture(self, number: int) -> bytes | None:
        """The latest PNG of slide ``number`` (1-based), or None."""
        with self.cond:
            return self.slides[number - 1].picture if 0 < number <= len(self.slides) else None

    def picture_of(self, key: int) -> bytes | None:
        """The latest PNG of the slide with ``key``, or None."""
        with self.cond:
            return next((s.picture for s in self.slides if s.key == key), None)

    def close(self) -> None:
        """Stop rendering and LibreOffice; wake every waiting page."""
        with self.cond:
            self.closed = True
            renderer, self.renderer = self.renderer, None
            self.cond.notify_all()
        if renderer is not None:
            renderer.close()
        self._thread.join(15)

    # --- rendering -----------------------------------------------------------------------
    def _changed(self) -> None:
        self.seq += 1
        self.cond.notify_all()

    def _stale(self) -> list[int]:
        """The slides to render, the one just edited first, then by distance from the reader's."""
        todo = [i for i, s in enumerate(self.slides) if s.look not in (s.picture_look, s.failed_look)]
        first = (self.edited or 0) - 1
        return sorted(todo, key=lambda i: (i != first, abs(i - (self.view - 1)), i))

    def _render_loop(self) -> None:
        while True:
            with self.cond:
                self.cond.wait_for(lambda: self.closed or (self.renderer is not None and self.deck is not None
                                                           and bool(self._stale())))
                if self.closed:
                    return
                renderer, deck, todo = self.renderer, self.deck, self._stale()
                looks, keys = {i: self.slides[i].look for i in todo}, {i: self.slides[i].key for i in todo}
                self.drawing = set(todo)
                self._changed()
            assert renderer is not None and deck is not None
            start = time.perf_counter()
            try:
                renderer.render(deck, todo, lambda i, png, looks=looks, keys=keys: self._store(  # type: ignore[misc]
                    i, png, looks[i], keys[i]))
            except RenderFailed as e:
                with self.cond:
                    if self.closed:
                        return
                    for i in self.drawing:
                        if i < len(self.slides) and self.slides[i].look == looks[i]:
                            self.slides[i].failed_look = looks[i]
                    self.office, self.office_problem = f"LibreOffice could not draw the slides: {e}", True
                    self.drawing = set()
                    self._changed()
                self.err(f"{time.strftime('%H:%M:%S')} preview: LibreOffice could not draw the slides ({e})")
                continue
            with self.cond:
                self.drawing = set()
                self.office, self.office_problem = renderer.name, False
                self._changed()
            shown = ", ".join(str(i + 1) for i in sorted(todo)) if len(todo) <= 6 else f"{len(todo)} slides"
            self.log(f"{time.strftime('%H:%M:%S')} preview: drew {shown} in {time.perf_counter() - start:.2f} s")

    def _store(self, index: int, png: bytes, look: str, key: int) -> None:
        with self.cond:
            self.drawing.discard(index)
            # Slides added or removed since the render began: the picture goes to its slide, wherever it is now.
            slide = next((s for s in self.slides if s.key == key), None)
            if slide is not None:
                slide.picture, slide.picture_look = png, look
                slide.version += 1
            self._changed()
