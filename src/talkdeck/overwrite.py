"""What a build may replace: never one of its inputs, and only a deck that talkdeck wrote.

``talkdeck build talk.yaml -o talk.yaml`` would replace the outline with the
deck, ``-o assets/house.pptx`` the template. Before any work is done the output
(and the run sheet beside it) is compared with every file the outline uses, by
the file itself (device and inode: a symlink or a second name of it counts),
and an existing output is read to see that it is a deck talkdeck wrote.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError
from .model import Talk

#: What talkdeck writes as the deck's last author (docProps/core.xml); PowerPoint writes the person's name.
MARK = "talkdeck"
_CORE = "docProps/core.xml"
_CUSTOM = "docProps/custom.xml"
_MAX_PROPS_BYTES = 1_000_000


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


def check_may_write(outputs: list[Path], outline: Path, talk: Talk) -> Path | None:
    """Raise OutputError, before any work is done, if writing ``outputs`` (the deck first) would replace an
    input of the build or a file that is not a deck talkdeck made.

    Returns where to keep the deck at ``outputs[0]`` before it is replaced when that deck was made by talkdeck
    and saved since by PowerPoint or LibreOffice (with the speaker's edits in it), else None.
    """
    check_not_an_input(outputs, outline, talk)
    for out in outputs:
        check_a_plain_file(out, outline)
    return check_replaceable(outputs[0])


#: What a path that is not a plain file is, as a message names it.
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def check_a_plain_file(out: Path, outline: Path) -> None:
    """Raise OutputError if ``out`` exists and is not a plain file: a deck is renamed into place, which
    would replace a device such as /dev/null itself (as root), a named pipe or a socket with the deck."""
    try:
        mode = os.stat(out).st_mode
    except (OSError, ValueError):
        return
    kind = next((what for test, what in _KINDS if test(mode)), None)
    if kind is not None:
        raise OutputError(f"{out}: is {kind}, not a file, and the build would put a file in its place; write the deck "
                          f"to a file, such as -o build/{outline.stem}.pptx (talkdeck check reads the outline "
                          "without writing a deck)")


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


def check_replaceable(output: Path) -> Path | None:
    """Raise OutputError if ``output`` exists and is not a deck talkdeck made; return where to keep it first
    when talkdeck made it and a person saved it since (None when it may simply be replaced).

    A deck talkdeck made is a zip holding ``ppt/presentation.xml`` whose custom property ``Generator`` is
    talkdeck (PowerPoint and LibreOffice keep it when they save); one it wrote last also names talkdeck as
    its last author (:data:`MARK`). An empty file is replaced; a deck or file of another program is not.
    """
    try:
        if not output.is_file() or output.stat().st_size == 0:
            return None
    except OSError:
        return None
    kind = _what_is(output)
    if kind == "ours":
        return None
    if kind == "edited":
        return edited_copy(output)
    raise OutputError(f"{output}: is {kind}, not a deck talkdeck made, and is not replaced; move it away or give "
                      "another output with -o")


def replaceable(path: Path) -> bool:
    """Whether ``path`` may simply be written over: absent, empty, or a deck talkdeck wrote last (the new
    deck goes beside a held-open one there: atomic.write_or_beside)."""
    try:
        return check_replaceable(path) is None
    except OutputError:
        return False


def edited_copy(output: Path) -> Path:
    """Where an edited deck at ``output`` is kept: ``talk.edited.pptx`` beside it (``talk.edited-2.pptx`` …
    when that is taken)."""
    n = 1
    while True:
        copy = output.with_name(f"{output.stem}.edited{'' if n == 1 else f'-{n}'}{output.suffix}")
        if not copy.exists():
            return copy
        n += 1


def keep_edited(output: Path, copy: Path) -> None:
    """Keep the deck at ``output`` as ``copy`` (a second name for the same file where the file system allows,
    else a copy), so that writing the new deck over ``output`` loses nothing."""
    import shutil

    try:
        os.link(output, copy)
    except OSError:
        shutil.copy2(output, copy)


def _what_is(path: Path) -> str:
    """"ours" for a deck talkdeck wrote last, "edited" for one it made that was saved since; else what the
    file is, as a message says it."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "ppt/presentation.xml" not in names:
                return "a zip file but no PowerPoint deck"
            core, custom = (_small_member(z, name) for name in (_CORE, _CUSTOM))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "a file of another kind (not a PowerPoint deck)"
    author = _text_of(core, "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy")
    if author == MARK:
        return "ours"
    if _made_by_talkdeck(custom):
        return "edited"
    return f"a PowerPoint deck last saved by {author!r}" if author else "a PowerPoint deck of another program"


def _small_member(z: zipfile.ZipFile, name: str) -> bytes:
    info = z.getinfo(name) if name in z.NameToInfo else None
    return z.read(info) if info is not None and info.file_size <= _MAX_PROPS_BYTES else b""


def _made_by_talkdeck(custom: bytes) -> bool:
    """Whether a custom-properties part holds talkdeck's ``Generator`` property (deck.save.MADE_BY)."""
    root = _parse(custom)
    if root is None:
        return False
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    return any(prop.get("name") == "Generator" and "".join(prop.itertext()).strip() == MARK
               for prop in root.iter(f"{ns}property"))


def _text_of(xml: bytes, tag: str) -> str | None:
    """The text of the first ``tag`` element of ``xml``, or None."""
    root = _parse(xml)
    el = root.find(tag) if root is not None else None
    return (el.text or "").strip() if el is not None else None


def _parse(xml: bytes):
    from lxml import etree

    if not xml:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino
