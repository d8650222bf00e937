"""Where LibreOffice is on the speaker's machine, and which Python can drive it through UNO.

``soffice`` is looked for where it was asked to be (``--soffice``, then the
``SOFFICE_PATH`` variable), on PATH, then where its installers put it on
macOS (``/Applications/LibreOffice.app``), Windows (``C:\\Program Files\\LibreOffice``)
and Linux (``/opt/libreoffice*``, ``/usr/lib/libreoffice``). The Python that
can ``import uno`` is LibreOffice's own on macOS and Windows (and in the
Document Foundation's Linux packages); Debian's ``python3-uno`` gives it to
``/usr/bin/python3``. Every function takes the environment, platform and home
folder as arguments, so that the tests can play macOS and Windows.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from ..errors import ToolMissing

SOFFICE_NAMES = ("soffice", "libreoffice")

INSTALL_HINT = {
    "darwin": "Install it from https://www.libreoffice.org/download/ (or: brew install --cask libreoffice)",
    "win32": "Install it from https://www.libreoffice.org/download/ "
             "(or: winget install TheDocumentFoundation.LibreOffice)",
    "linux": "On Debian/Ubuntu: apt-get install libreoffice-impress",
}
UNO_HINT = {
    "darwin": "LibreOffice.app has no Contents/Resources/python: reinstall LibreOffice from libreoffice.org",
    "win32": "LibreOffice has no program\\python.exe: reinstall it with the Python-UNO bridge (a default component)",
    "linux": "on Debian/Ubuntu: apt-get install python3-uno",
}


def platform_key(system: str) -> str:
    """``darwin``, ``win32`` or ``linux`` (every other Unix is treated as Linux)."""
    return system if system in ("darwin", "win32") else "linux"


def _exe(system: str) -> str:
    return ".exe" if platform_key(system) == "win32" else ""


def _given(path: Path, system: str) -> Path | None:
    """The soffice inside what a user named: the program itself, an ``.app`` bundle or an install folder."""
    exe = _exe(system)
    for candidate in (path, path / "Contents" / "MacOS" / "soffice", path / "program" / f"soffice{exe}",
                      path / f"soffice{exe}"):
        if candidate.is_file():
            return candidate
    return None


def install_folders(system: str, env: Mapping[str, str], home: Path, root: Path = Path("/")) -> list[Path]:
    """Where LibreOffice's installers put soffice on ``system``, most usual first (``root``: the file
    system's, for tests)."""
    key = platform_key(system)
    if key == "darwin":
        return [root / "Applications/LibreOffice.app/Contents/MacOS/soffice",
                home / "Applications/LibreOffice.app/Contents/MacOS/soffice"]
    if key == "win32":
        bases = [env.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        bases.append(str(Path(env["LOCALAPPDATA"]) / "Programs") if env.get("LOCALAPPDATA") else None)
        found = []
        for base in dict.fromkeys(b for b in bases if b):
            # "LibreOffice", and the versioned folders of older releases ("LibreOffice 5")
            folders = sorted(Path(base).glob("LibreOffice*"), key=lambda p: (p.name != "LibreOffice", p.name))
            found += [folder / "program" / "soffice.exe" for folder in folders]
        return found
    return [*sorted((root / "opt").glob("libreoffice*/program/soffice"), reverse=True),
            root / "usr/lib/libreoffice/program/soffice"]


def find_soffice(explicit: str | None = None, env: Mapping[str, str] | None = None, system: str | None = None,
                 home: Path | None = None, root: Path = Path("/")) -> Path:
    """The LibreOffice program: ``explicit`` (``--soffice``), ``SOFFICE_PATH``, PATH, the install folders.

    A path the user gave that holds no soffice is an error of its own (not
    silently replaced by another LibreOffice). Raises ToolMissing with how to
    install LibreOffice on this platform.
    """
    env = os.environ if env is None else env
    system = system or sys.platform
    home = home or Path.home()
    for source, given in (("--soffice", explicit), ("SOFFICE_PATH", env.get("SOFFICE_PATH"))):
        if given:
            found = _given(Path(given).expanduser(), system)
            if found is None:
                raise ToolMissing(f"{source} {given}: no LibreOffice there (give the soffice program, "
                                  "LibreOffice.app or the LibreOffice folder)")
            return found
    for name in SOFFICE_NAMES:
        on_path = shutil.which(name + _exe(system), path=env.get("PATH", os.defpath))
        if on_path:
            return Path(on_path)
    for candidate in install_folders(system, env, home, root):
        if candidate.is_file():
            return candidate
    raise ToolMissing("LibreOffice (soffice) is not installed; it renders the PDF and the preview. "
                      f"{INSTALL_HINT[platform_key(system)]}; if it is installed elsewhere, set SOFFICE_PATH "
                      "to its soffice")


def program_folder(soffice: Path) -> Path:
    """LibreOffice's ``program`` folder (``Contents/MacOS`` on macOS), symbolic links followed."""
    return soffice.resolve().parent


def uno_python_candidates(soffice: Path, system: str | None = None) -> list[list[str]]:
    """The commands that may run a Python able to ``import uno`` for this soffice, best first.

    LibreOffice's own Python beside it, then the system's python3 (Debian's python3-uno).
    """
    key = platform_key(system or sys.platform)
    program = program_folder(soffice)
    if key == "darwin":
        own = [program.parent / "Resources" / "python"]
    elif key == "win32":
        own = [program / "python.exe"]
    else:
        own = [program / "python"]  # the Document Foundation's packages (/opt/libreofficeX.Y)
    found = [[str(p)] for p in own if p.is_file()]
    if key == "linux":
        found += [[p] for p in ("/usr/bin/python3", "/usr/local/bin/python3") if Path(p).is_file()]
    return found


@functools.lru_cache(maxsize=8)
def _imports_uno(command: tuple[str, ...]) -> bool:
    try:
        done = subprocess.run([*command, "-c", "import uno"], capture_output=True, timeout=30,
                              env=worker_env(os.environ), check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def find_uno_python(soffice: Path, system: str | None = None) -> list[str] | None:
    """The command of the first Python that imports ``uno`` for this soffice, or None (checked by running it)."""
    for command in uno_python_candidates(soffice, system):
        if _imports_uno(tuple(command)):
            return command
    return None


def worker_env(env: Mapping[str, str]) -> dict[str, str]:
    """The environment for LibreOffice's Python: without this Python's own paths and virtualenv."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONUSERBASE"}
    return {k: v for k, v in env.items() if k not in drop}
