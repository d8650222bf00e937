"""Writing a file so that a reader sees either the old one or the new one, never half of either.

The bytes go to a temporary file in the same folder (named with the writer's
pid), are flushed to disk, and renamed over the target. Temporary files of
killed writers are removed by the next write; those of writers still running
are left alone. A target that another program holds open (PowerPoint locks a
deck it shows, on Windows) is never destroyed: :func:`write_or_beside` writes
the new file beside it instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError


class Locked(OutputError):
    """The file exists and cannot be replaced: another program holds it open (PowerPoint on Windows)."""


def _left_by_a_dead_process(tmp: Path) -> bool:
    """True for a temporary file (``.NAME.PID.RANDOM.tmp``) whose writer no longer runs."""
    try:
        pid = int(tmp.name.rsplit(".", 3)[-3])
    except (ValueError, IndexError):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


#: Bytes a temporary name adds to the deck's: a dot before it, and ``.PID.RANDOM.tmp`` (a pid of up to 7 digits).
_TMP_EXTRA = len(".") + len(".1234567.01234567.tmp")


def _tmp_stem(name: str) -> str:
    """``name``, cut (by whole characters) so that its temporary name stays within 255 bytes, as file names must."""
    while len(os.fsencode(name)) + _TMP_EXTRA > 255:
        name = name[:-1]
    return name


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    A failure at any point leaves an existing ``path`` as it was and no
    temporary file behind; temporary files of killed builds are removed, those
    of builds still running (a ``watch`` beside a ``build``) are left alone.
    Raises :class:`OutputError` with a plain message.
    """
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name such as {path / 'talk.pptx'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot create the folder ({e.strerror})") from None
    stem = _tmp_stem(path.name)
    for stale in path.parent.glob(f".{stem}.*.tmp"):
        if _left_by_a_dead_process(stale):
            stale.unlink(missing_ok=True)
    tmp = path.parent / f".{stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        # Mode 0o666 and the kernel applies the umask: the deck gets the permissions of any new file.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as e:
        raise OutputError(f"{path}: cannot write here ({e.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except PermissionError as e:
        tmp.unlink(missing_ok=True)
        raise Locked(f"{path}: cannot replace the file ({e.strerror}); is it open in PowerPoint or "
                     "another program? Close it and build again; the previous file is unchanged") from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write the deck ({e.strerror}); the previous file is unchanged") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_or_beside(path: Path, data: bytes, may_replace: Callable[[Path], bool] | None = None) -> Path:
    """:func:`write_atomic`; where ``path`` is :class:`Locked`, the first name beside it
    (``talk-2.pptx``, ``talk-3.pptx`` …) that is free: absent, or a file ``may_replace`` allows
    (one this program wrote there before), and not locked itself. Returns the path written."""
    try:
        write_atomic(path, data)
        return path
    except Locked:
        for n in range(2, 100):
            other = path.with_name(f"{path.stem}-{n}{path.suffix}")
            if other.exists() and not (may_replace is not None and may_replace(other)):
                continue
            try:
                write_atomic(other, data)
                return other
            except Locked:
                continue
        raise


def written_beside(asked: Path, written: Path) -> str:
    """The line that tells where a file went when ``asked`` was held open by another program."""
    return (f"talkdeck: {asked} is open in another program (PowerPoint?) and cannot be replaced; "
            f"wrote {written} instead (close {asked.name} and save again to update it)")
