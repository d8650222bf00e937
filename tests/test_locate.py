"""The speaker's laptop, simulated: LibreOffice and fonts found in fake macOS and Windows folder layouts,
with no fontconfig on PATH."""

from __future__ import annotations

import shutil
import stat
import sys
from pathlib import Path

import pytest

from talkdeck.errors import ToolMissing
from talkdeck.export import locate
from talkdeck.export.locate import find_soffice, find_uno_python, uno_python_candidates
from talkdeck.text import fit, fonts

from .conftest import MINIMAL

CARLITO = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")
CARLITO_BOLD = CARLITO.with_name("Carlito-Bold.ttf")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def program(path: Path, body: str = "exit 0") -> Path:
    """An executable script at ``path`` (standing in for soffice or LibreOffice's python)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def no_path(tmp_path):
    """An empty PATH and no SOFFICE_PATH: only the install folders can be found."""
    return {"PATH": str(tmp_path / "empty-bin")}


# --- LibreOffice -----------------------------------------------------------------------------------------

def test_macos_libreoffice_in_applications_and_its_own_python(tmp_path, no_path):
    app = tmp_path / "Applications" / "LibreOffice.app"
    soffice = program(app / "Contents" / "MacOS" / "soffice")
    python = program(app / "Contents" / "Resources" / "python", 'test "$2" = "import uno"')
    found = find_soffice(None, no_path, "darwin", home=tmp_path / "home", root=tmp_path)
    assert found == soffice
    assert uno_python_candidates(found, "darwin") == [[str(python)]]
    assert find_uno_python(found, "darwin") == [str(python)]


def test_macos_libreoffice_in_the_users_applications(tmp_path, no_path):
    home = tmp_path / "home"
    soffice = program(home / "Applications" / "LibreOffice.app" / "Contents" / "MacOS" / "soffice")
    assert find_soffice(None, no_path, "darwin", home=home, root=tmp_path) == soffice


def test_windows_libreoffice_in_program_files_and_its_python_exe(tmp_path, no_path):
    files = tmp_path / "Program Files"
    soffice = program(files / "LibreOffice" / "program" / "soffice.exe")
    python = program(files / "LibreOffice" / "program" / "python.exe", 'test "$2" = "import uno"')
    env = {**no_path, "ProgramFiles": str(files), "ProgramFiles(x86)": str(tmp_path / "Program Files (x86)")}
    found = find_soffice(None, env, "win32", home=tmp_path, root=tmp_path)
    assert found == soffice
    assert find_uno_python(found, "win32") == [str(python)]


def test_windows_libreoffice_in_a_versioned_folder_of_the_32_bit_program_files(tmp_path, no_path):
    x86 = tmp_path / "Program Files (x86)"
    soffice = program(x86 / "LibreOffice 5" / "program" / "soffice.exe")
    env = {**no_path, "ProgramFiles": str(tmp_path / "Program Files"), "ProgramFiles(x86)": str(x86)}
    assert find_soffice(None, env, "win32", home=tmp_path, root=tmp_path) == soffice


def test_linux_libreoffice_from_the_document_foundation_under_opt(tmp_path, no_path):
    soffice = program(tmp_path / "opt" / "libreoffice24.8" / "program" / "soffice")
    own = program(tmp_path / "opt" / "libreoffice24.8" / "program" / "python")
    found = find_soffice(None, no_path, "linux", home=tmp_path, root=tmp_path)
    assert found == soffice
    assert uno_python_candidates(found, "linux")[0] == [str(own)]


def test_soffice_path_and_the_option_name_the_program_the_app_or_the_folder(tmp_path, no_path):
    app = tmp_path / "Elsewhere" / "LibreOffice.app"
    soffice = program(app / "Contents" / "MacOS" / "soffice")
    assert find_soffice(None, {**no_path, "SOFFICE_PATH": str(app)}, "darwin", root=tmp_path) == soffice
    assert find_soffice(str(soffice), no_path, "darwin", root=tmp_path) == soffice
    folder = tmp_path / "LO"
    exe = program(folder / "program" / "soffice.exe")
    assert find_soffice(str(folder), no_path, "win32", root=tmp_path) == exe


def test_a_path_given_that_holds_no_libreoffice_is_said_so(tmp_path, no_path):
    with pytest.raises(ToolMissing) as e:
        find_soffice(str(tmp_path / "nowhere"), no_path, "darwin", root=tmp_path)
    assert str(e.value) == (f"--soffice {tmp_path / 'nowhere'}: no LibreOffice there (give the soffice program, "
                            "LibreOffice.app or the LibreOffice folder)")
    with pytest.raises(ToolMissing) as e:
        find_soffice(None, {**no_path, "SOFFICE_PATH": str(tmp_path / "gone")}, "linux", root=tmp_path)
    assert str(e.value).startswith(f"SOFFICE_PATH {tmp_path / 'gone'}: no LibreOffice there")


@pytest.mark.parametrize("system, hint", [
    ("darwin", "Install it from https://www.libreoffice.org/download/ (or: brew install --cask libreoffice)"),
    ("win32", "Install it from https://www.libreoffice.org/download/ (or: winget install "
              "TheDocumentFoundation.LibreOffice)"),
    ("linux", "On Debian/Ubuntu: apt-get install libreoffice-impress"),
])
def test_no_libreoffice_anywhere_says_how_to_install_it_there(tmp_path, no_path, system, hint):
    with pytest.raises(ToolMissing) as e:
        find_soffice(None, no_path, system, home=tmp_path, root=tmp_path)
    assert str(e.value) == ("LibreOffice (soffice) is not installed; it renders the PDF and the preview. "
                            f"{hint}; if it is installed elsewhere, set SOFFICE_PATH to its soffice")


def test_path_comes_before_the_install_folders(tmp_path):
    on_path = program(tmp_path / "bin" / "soffice")
    program(tmp_path / "Applications" / "LibreOffice.app" / "Contents" / "MacOS" / "soffice")
    assert find_soffice(None, {"PATH": str(tmp_path / "bin")}, "darwin", root=tmp_path) == on_path


def test_a_python_without_uno_is_passed_over(tmp_path):
    app = tmp_path / "LibreOffice.app"
    soffice = program(app / "Contents" / "MacOS" / "soffice")
    program(app / "Contents" / "Resources" / "python", "exit 1")  # a broken install: uno does not import
    assert find_uno_python(soffice, "darwin") is None


def test_the_worker_runs_without_this_pythons_paths():
    env = locate.worker_env({"PATH": "/bin", "PYTHONPATH": "/src", "VIRTUAL_ENV": "/venv", "HOME": "/h"})
    assert env == {"PATH": "/bin", "HOME": "/h"}


# --- fonts -----------------------------------------------------------------------------------------------

def clear_font_caches() -> None:
    """Forget every font looked up and measured (talkdeck caches them for the life of the process)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("talkdeck."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture
def no_fontconfig(monkeypatch, tmp_path):
    """No libfontconfig and no fc-match: fonts come from the font folders only."""
    monkeypatch.setattr(fonts, "_fontconfig", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert shutil.which("fc-match") is None
    clear_font_caches()
    yield
    monkeypatch.undo()
    clear_font_caches()


def install(font: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(font, folder / (name or font.name)))


def test_macos_font_folders_system_user_and_office(tmp_path):
    home = tmp_path / "Users" / "ada"
    assert fonts.font_folders("darwin", {}, home, root=tmp_path) == [
        tmp_path / "System/Library/Fonts", tmp_path / "Library/Fonts", home / "Library/Fonts",
        tmp_path / "Applications/Microsoft PowerPoint.app/Contents/Resources/DFonts"]


def test_windows_font_folders_system_and_user(tmp_path):
    env = {"WINDIR": str(tmp_path / "Windows"), "LOCALAPPDATA": str(tmp_path / "AppData" / "Local")}
    assert fonts.font_folders("win32", env, tmp_path) == [
        tmp_path / "Windows" / "Fonts", tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"]


@pytest.mark.skipif(not CARLITO.exists() or not NOTO_CJK.exists(), reason="needs Carlito and Noto Sans CJK")
def test_fonts_are_found_by_their_names_in_a_mac_layout_without_fontconfig(tmp_path, no_fontconfig, monkeypatch):
    home = tmp_path / "Users" / "ada"
    regular = install(CARLITO, home / "Library" / "Fonts", "some-file-name.ttf")  # found by its name table
    bold = install(CARLITO_BOLD, tmp_path / "Library" / "Fonts")
    cjk = install(NOTO_CJK, tmp_path / "System" / "Library" / "Fonts" / "Supplemental")
    folders = fonts.font_folders("darwin", {}, home, root=tmp_path)
    monkeypatch.setattr(fonts, "font_folders", lambda: folders)
    assert fonts.font_file("Carlito") == str(regular)
    assert fonts.font_file("Carlito", bold=True) == str(bold)
    assert fonts.font_file("Carlito", italic=True) == str(regular)  # no italic installed: the regular
    assert fonts.font_file("Calibri") == str(regular)  # its metric twin, as fontconfig would
    assert fonts.font_file("Noto Sans CJK SC") == str(cjk)  # a face inside a collection
    assert fonts.font_file("Segoe UI") is None
    # fit measures with the file found, not with its estimate
    assert fit.text_width("Questions", 24, "Calibri", "Noto Sans CJK SC") != len("Questions") * 24 * 0.55


@pytest.mark.skipif(not CARLITO.exists(), reason="needs Carlito")
def test_fonts_are_found_in_a_windows_layout_without_fontconfig(tmp_path, no_fontconfig, monkeypatch):
    env = {"WINDIR": str(tmp_path / "Windows"), "LOCALAPPDATA": str(tmp_path / "Local")}
    user = install(CARLITO, tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts", "CARLITO.TTF")
    folders = fonts.font_folders("win32", env, tmp_path)
    monkeypatch.setattr(fonts, "font_folders", lambda: folders)
    assert fonts.font_file("Calibri") == str(user)


def test_a_file_that_is_no_font_is_passed_over(tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00 not a font at all")
    (tmp_path / "empty.otf").write_bytes(b"")
    assert fonts.font_index((tmp_path,)) == {}


def test_a_font_with_no_file_is_a_warning_naming_it(tmp_path, no_fontconfig, monkeypatch, run_cli):
    monkeypatch.setattr(fonts, "font_folders", lambda: [tmp_path / "no-fonts-here"])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.yaml").write_text(MINIMAL + "theme:\n  font: Segoe UI\n", encoding="utf-8")
    result = run_cli("check")
    lines = [line for line in result.output.splitlines() if "no font file" in line]
    tail = ("was found (no fontconfig here, and not in the system's font folders): its text is fitted by an "
            "estimate and may overflow; install")
    assert lines == [
        f"talk.yaml:15:3: warning: theme.font_cjk: no font file for 'Noto Sans CJK SC' {tail} Noto Sans CJK SC, "
        "or name an installed font",
        f"talk.yaml:15:3: warning: theme.font_mono: no font file for 'Courier New' {tail} Courier New (or its "
        "metric twin Liberation Mono), or name an installed font",
        f"talk.yaml:15:9: warning: theme.font: no font file for 'Segoe UI' {tail} Segoe UI, or name an installed "
        "font"]
