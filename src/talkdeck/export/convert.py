"""export: the deck as a PDF (LibreOffice headless) and as PNG previews.

LibreOffice runs with its own throw-away profile (so parallel runs do not
block each other) and a time limit; a missing ``soffice`` is a clear error.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from ..atomic import write_or_beside
from ..errors import OutputError
from .locate import find_soffice

#: The locale LibreOffice runs in for a deck in these languages. LibreOffice sets a space of a fifth of
#: the font's height between East Asian text and the ASCII digits, letters and punctuation beside it
#: ("2025 년", "없다 .") unless its own locale is Korean or Japanese (sd's SdDrawDocument: the
#: paragraph attribute behind it, ParaIsCharacterDistance, cannot be set from a .pptx, whose import reads
#: no such attribute). PowerPoint sets no such space, and neither do Korean and Japanese typography.
_LOCALES = {"ko": "ko_KR.UTF-8", "ja": "ja_JP.UTF-8"}


def deck_language(pptx: Path | bytes) -> str:
    """The language a deck (a file, or its bytes) says it is in (``dc:language`` of its core properties), or ''."""
    import io
    import re
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(pptx) if isinstance(pptx, bytes) else pptx) as z:
            core = z.read("docProps/core.xml").decode("utf-8", errors="replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    m = re.search(r"<dc:language>([^<]*)</dc:language>", core)
    return m.group(1).strip() if m else ""


def locale_env(pptx: Path | bytes) -> dict[str, str]:
    """Environment variables that run LibreOffice in the locale of a Korean or Japanese deck (see
    :data:`_LOCALES`); none for other decks."""
    wanted = _LOCALES.get(deck_language(pptx).lower().split("-")[0])
    return {"LC_ALL": wanted, "LANG": wanted} if wanted else {}


def to_pdf(pptx: Path, pdf: Path, timeout: float = 180, soffice: Path | str | None = None) -> Path:
    """Render ``pptx`` to ``pdf`` with LibreOffice; returns the path written: ``pdf``, or beside it when
    another program holds ``pdf`` open (:func:`~talkdeck.atomic.write_or_beside`).

    Written atomically, so a failed export leaves an older PDF as it was.
    LibreOffice runs in a session of its own: on timeout the whole process
    group goes (``soffice`` is a script whose ``soffice.bin`` would outlive it).
    ``soffice`` is found (:func:`.locate.find_soffice`) when not given.
    Raises ToolMissing or OutputError.
    """
    soffice = soffice or find_soffice()
    with tempfile.TemporaryDirectory(prefix="talkdeck-lo-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        outdir = Path(tmp, "out")
        cmd = [str(soffice), f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(pptx)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "HOME": tmp, **locale_env(pptx)}, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise OutputError(f"{pdf}: LibreOffice did not finish within {timeout:.0f} s") from None
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        made = outdir / (pptx.stem + ".pdf")
        if proc.returncode != 0 or not made.exists():
            detail = (err or out).strip().splitlines()[-1:] or ["no output"]
            raise OutputError(f"{pdf}: LibreOffice could not convert {pptx.name} ({detail[0]})")
        # A PDF already beside it (talk-2.pdf) was written there the last time the PDF was held open.
        return write_or_beside(pdf, made.read_bytes(), may_replace=_is_pdf)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


def to_pngs(pdf: Path, folder: Path, width_px: int = 1600) -> list[Path]:
    """One PNG per page of ``pdf`` in ``folder`` (``slide-01.png`` …), ``width_px`` wide."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("slide-*.png"):
        old.unlink()
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        digits = max(2, len(str(len(doc))))
        for i, page in enumerate(doc, start=1):
            image = page.render(scale=width_px / page.get_width()).to_pil()
            path = folder / f"slide-{i:0{digits}d}.png"
            image.save(path, optimize=False)
            out.append(path)
    finally:
        doc.close()
    return out


def contact_sheet(pngs: list[Path], out: Path, columns: int = 5, thumb_w: int = 480) -> Path:
    """All slides in a numbered grid, to see the whole deck at a glance."""
    from PIL import Image, ImageDraw, ImageFont

    thumbs = []
    for path in pngs:
        with Image.open(path) as img:
            thumbs.append(img.convert("RGB").resize((thumb_w, round(img.height * thumb_w / img.width))))
    if not thumbs:
        raise OutputError(f"{out}: no slides to show")
    gap, label_h = 16, 34
    th = max(t.height for t in thumbs)
    rows = -(-len(thumbs) // columns)
    sheet = Image.new("RGB", (columns * (thumb_w + gap) + gap, rows * (th + label_h + gap) + gap), "#E4E7EB")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=24)
    for i, thumb in enumerate(thumbs):
        x = gap + (i % columns) * (thumb_w + gap)
        y = gap + (i // columns) * (th + label_h + gap)
        draw.text((x, y), str(i + 1), fill="#1F2933", font=font)
        sheet.paste(thumb, (x, y + label_h))
        draw.rectangle((x - 1, y + label_h - 1, x + thumb.width, y + label_h + thumb.height), outline="#9AA5B1")
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    return out
