"""The pipeline's layering: one place imports each of pptx, matplotlib and yaml, and the
command line starts without the heavy ones."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "talkdeck"
IMPORT = re.compile(r"^\s*(?:import|from)\s+(pptx|matplotlib|yaml)\b", re.M)


def importers() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for lib in IMPORT.findall(path.read_text(encoding="utf-8")):
            found.setdefault(lib, set()).add(path.relative_to(SRC).as_posix())
    return found


def test_each_heavy_library_is_imported_by_one_stage_only():
    found = importers()
    assert {p.split("/")[0] for p in found["yaml"]} == {"load"}
    assert {p.split("/")[0] for p in found["matplotlib"]} == {"charts"}
    # What the validator and planner read of a chart is pure: no matplotlib there.
    assert not found["matplotlib"] & {"charts/values.py", "charts/labels.py", "charts/style.py", "charts/palette.py"}
    assert {p.split("/")[0] for p in found["pptx"]} == {"deck"}


def test_help_and_loading_do_not_import_pptx_or_matplotlib():
    code = ("import sys; from click.testing import CliRunner; from talkdeck.cli import cli; "
            "from talkdeck.load import parse_talk; "
            "assert CliRunner().invoke(cli, ['--help']).exit_code == 0; "
            "print(sorted(m for m in ('pptx', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
