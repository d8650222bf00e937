"""export: the deck as a PDF (LibreOffice headless) and as PNG previews.

LibreOffice runs with its own throw-away profile (so parallel runs do not
block each other) and a time limit; a missing ``soffice`` is a clear error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import OutputError, ToolMissing

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str:
    """The LibreOffice executable; raises ToolMissing with how to install it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissing("LibreOffice (soffice) is not installed; it renders the PDF. "
                      "On Debian/Ubuntu: apt-get install libreoffice-impress")


def to_pdf(pptx: Path, pdf: Path, timeout: float = 180) -> Path:
    """Render ``pptx`` to ``pdf`` with LibreOffice; returns ``pdf``.

    Written beside the target first and renamed, so a failed export leaves an
    older PDF as it was. Raises ToolMissing or OutputError.
    """
    soffice = find_soffice()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="talkdeck-lo-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        outdir = Path(tmp, "out")
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(pptx)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise OutputError(f"{pdf}: LibreOffice did not finish within {timeout:.0f} s") from None
        made = outdir / (pptx.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise OutputError(f"{pdf}: LibreOffice could not convert {pptx.name} ({detail[0]})")
        shutil.move(str(made), pdf.with_suffix(".pdf.tmp"))
        os.replace(pdf.with_suffix(".pdf.tmp"), pdf)
    return pdf
