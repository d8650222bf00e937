"""What a build may replace: never one of its inputs, and only a deck that talkdeck wrote.

``talkdeck build talk.yaml -o talk.yaml`` would replace the outline with the
deck, ``-o assets/house.pptx`` the template. Before any work is done the output
(and the run sheet beside it) is compared with every file the outline uses, by
the file itself (device and inode: a symlink or a second name of it counts),
and an existing output is read to see that it is a deck talkdeck wrote.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError
from .model import Talk

#: What talkdeck writes as the deck's last author (docProps/core.xml); PowerPoint writes the person's name.
MARK = "talkdeck"
_CORE = "docProps/core.xml"
_MAX_CORE_BYTES = 1_000_000


def inputs(outline: Path, talk: Talk) -> Iterator[tuple[Path, str]]:
    """(path, what it is, as a message names it) of each file the build reads."""
    yield outline, f"the outline {outline.name}"
    base = talk.base_dir or outline.parent
    if talk.theme.template:
        yield base / talk.theme.template, f"the template (theme.template: {talk.theme.template})"
    if talk.speaker.photo:
        yield base / talk.speaker.photo, f"the speaker's photo (speaker.photo: {talk.speaker.photo})"
    for slide in talk.all_slides():
        for shown in [slide, *(slide.columns or [])]:
            image = getattr(shown, "image", None)
            if image:
                yield base / image, f"a picture of the talk ({shown.path}.image: {image})"


def check_may_write(outputs: list[Path], outline: Path, talk: Talk) -> None:
    """Raise OutputError, before any work is done, if writing ``outputs`` (the deck first) would replace an
    input of the build or a file that is not a deck talkdeck wrote."""
    check_not_an_input(outputs, outline, talk)
    check_replaceable(outputs[0])


def check_not_an_input(outputs: list[Path], outline: Path, talk: Talk) -> None:
    """Raise OutputError if any of ``outputs`` is a file the build reads (the same file, by any name)."""
    ids: dict[tuple[int, int], str] = {}
    for path, what in inputs(outline, talk):
        key = _file_id(path)
        if key is not None:
            ids.setdefault(key, what)
    for out in outputs:
        key = _file_id(out)
        if key is not None and key in ids:
            what = ids[key]
            raise OutputError(f"{out}: is {what}, which the deck would replace; write the deck elsewhere, "
                              f"such as -o build/{outline.stem}.pptx")


def check_replaceable(output: Path) -> None:
    """Raise OutputError if ``output`` exists and is not a deck talkdeck wrote.

    A deck talkdeck wrote is a zip holding ``ppt/presentation.xml`` that names
    talkdeck as its last author (:data:`MARK`); a deck saved since by PowerPoint
    (with the speaker's edits in it) or made by another program is not replaced.
    An empty file is.
    """
    try:
        if not output.is_file() or output.stat().st_size == 0:
            return
    except OSError:
        return
    kind = _what_is(output)
    if kind is None:
        return
    raise OutputError(f"{output}: is {kind}, not a deck talkdeck wrote, and is not replaced; move it away or give "
                      "another output with -o")


def _what_is(path: Path) -> str | None:
    """None for a deck talkdeck wrote; else what the file is, as a message says it."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "ppt/presentation.xml" not in names:
                return "a zip file but no PowerPoint deck"
            info = z.getinfo(_CORE) if _CORE in names else None
            core = z.read(info) if info is not None and info.file_size <= _MAX_CORE_BYTES else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "a file of another kind (not a PowerPoint deck)"
    author = _last_author(core)
    if author == MARK:
        return None
    return f"a PowerPoint deck last saved by {author!r}" if author else "a PowerPoint deck of another program"


def _last_author(core: bytes) -> str | None:
    """The ``cp:lastModifiedBy`` of a core-properties part, or None."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(core, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    el = root.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy")
    return (el.text or "").strip() if el is not None else None


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino
