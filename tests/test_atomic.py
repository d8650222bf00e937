"""write_atomic's promise when a write goes wrong in this process: the previous file as it was and
no temporary file left beside it. Under ``watch`` the process lives on, so a temporary file left
behind would stay until the watch ends (the next write removes only those of dead processes)."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from talkdeck import atomic
from talkdeck.atomic import write_atomic
from talkdeck.errors import OutputError

PREVIOUS = b"the previous deck, whole"
NEW = b"the new deck " * 100_000  # 1.3 MB: the failing write below stops half-way through it


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    """A folder holding a previous deck."""
    path = tmp_path / "build" / "talk.pptx"
    path.parent.mkdir()
    path.write_bytes(PREVIOUS)
    return path


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def left_beside(deck: Path) -> dict[str, str]:
    """Every file in the deck's folder: name → digest of its bytes."""
    return {p.name: digest(p.read_bytes()) for p in deck.parent.iterdir()}


class HalfWritten:
    """A file object whose write puts half the bytes on disk, notes the temporary files it sees, then
    fails with ``error`` (a full disk, or Ctrl-C)."""

    def __init__(self, f, error: BaseException, folder: Path, seen: dict[str, int]):
        self.f, self.error, self.folder, self.seen = f, error, folder, seen

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def write(self, data: bytes) -> int:
        self.f.write(data[:len(data) // 2])
        self.f.flush()
        self.seen.update((p.name, p.stat().st_size) for p in self.folder.glob(".*.tmp"))
        raise self.error

    def __getattr__(self, name):
        return getattr(self.f, name)


def fail_writes_with(monkeypatch: pytest.MonkeyPatch, error: BaseException, folder: Path) -> dict[str, int]:
    """Make write_atomic's write into ``folder`` stop half-way with ``error``; returns the temporary
    files there at that moment (name → bytes), filled in when it happens."""
    fdopen = os.fdopen
    seen: dict[str, int] = {}

    def half(fd, *args, **kwargs):
        return HalfWritten(fdopen(fd, *args, **kwargs), error, folder, seen)

    monkeypatch.setattr(atomic.os, "fdopen", half)
    return seen


def fail_fsync_with(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fsync(fd):
        raise error

    monkeypatch.setattr(atomic.os, "fsync", fsync)


def test_a_write_that_succeeds_replaces_the_deck_and_leaves_nothing_beside_it(deck):
    write_atomic(deck, NEW)
    assert left_beside(deck) == {"talk.pptx": digest(NEW)}


def test_a_full_disk_part_way_through_the_write(deck, monkeypatch):
    seen = fail_writes_with(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), deck.parent)
    with pytest.raises(OutputError) as e:
        write_atomic(deck, NEW)
    assert str(e.value) == f"{deck}: cannot write the deck (No space left on device); the previous file is unchanged"
    assert list(seen.values()) == [len(NEW) // 2]  # the temporary file was there, half written, before it went
    assert left_beside(deck) == {"talk.pptx": digest(PREVIOUS)}


def test_a_full_disk_at_fsync(deck, monkeypatch):
    fail_fsync_with(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(OutputError, match="cannot write the deck .No space left on device."):
        write_atomic(deck, NEW)
    assert left_beside(deck) == {"talk.pptx": digest(PREVIOUS)}


def test_a_full_disk_with_no_previous_deck_leaves_no_file_at_all(tmp_path, monkeypatch):
    fail_fsync_with(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "talk.pptx", NEW)
    assert list(tmp_path.iterdir()) == []


def test_a_rename_that_fails_for_another_reason_than_permission(deck, monkeypatch):
    def busy(src, dst):
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))

    monkeypatch.setattr(atomic.os, "replace", busy)
    with pytest.raises(OutputError, match="cannot write the deck .Device or resource busy."):
        write_atomic(deck, NEW)
    assert left_beside(deck) == {"talk.pptx": digest(PREVIOUS)}


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_ctrl_c_during_the_write(deck, monkeypatch, where):
    """Ctrl-C (and SIGTERM, which the CLI raises as a KeyboardInterrupt) goes on up, after the clean-up."""
    if where == "write":
        fail_writes_with(monkeypatch, KeyboardInterrupt(), deck.parent)
    else:
        fail_fsync_with(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_atomic(deck, NEW)
    assert left_beside(deck) == {"talk.pptx": digest(PREVIOUS)}


def test_after_a_failed_write_the_next_one_in_the_same_process_succeeds(deck, monkeypatch):
    """What ``watch`` does: a rebuild after a failed one, in the same process."""
    with monkeypatch.context() as m:
        fail_fsync_with(m, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        with pytest.raises(OutputError):
            write_atomic(deck, NEW)
    write_atomic(deck, NEW)
    assert left_beside(deck) == {"talk.pptx": digest(NEW)}
