"""The ECMA-376 schema check of a deck: where the validator is, and one call that runs it.

The validator (``validate.py`` with the Transitional XSDs beside it) is not part of
this repository: it sits in a ``shared/ooxml/`` folder next to the checkout. Every
test that validates a deck finds it here, and is marked ``needs("ooxml-validate")``
(tests/conftest.py), so that it is skipped on a machine without the validator and
fails under CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Where the validator lives on the machines this project is developed and tested on: the last place looked.
FALLBACK = Path("/work/shared/ooxml/validate.py")


def find_validator() -> Path | None:
    """The validator's script, or None.

    Looks at $TALKDECK_OOXML_VALIDATE, then ``shared/ooxml/validate.py`` in the
    repository's parent folder and each folder above it, then :data:`FALLBACK`.
    """
    given = os.environ.get("TALKDECK_OOXML_VALIDATE")
    if given:
        return Path(given) if Path(given).is_file() else None
    for folder in ROOT.parents:
        candidate = folder / "shared" / "ooxml" / "validate.py"
        if candidate.is_file():
            return candidate
    return FALLBACK if FALLBACK.is_file() else None


def schema_problems(deck: Path) -> str:
    """``""`` when ``deck`` passes the ECMA-376 schemas and the validator's other checks; else its report.

    Raises RuntimeError without a validator: a test that calls this is marked
    ``needs("ooxml-validate")`` and never runs without one.
    """
    validator = find_validator()
    if validator is None:
        raise RuntimeError("the ECMA-376 validator is not on this machine; mark the test needs('ooxml-validate')")
    done = subprocess.run([sys.executable, str(validator), str(deck)], capture_output=True, text=True, timeout=300)
    # The summary line proves that parts were read and checked: an exit status of 0 alone would also
    # come from a validator that checked nothing.
    checked = re.search(r": (\d+) XML parts schema-validated; 0 violation\(s\)", done.stdout)
    if done.returncode == 0 and checked and int(checked.group(1)) > 0:
        return ""
    return (done.stdout + done.stderr)[-3000:] or f"the validator exited with status {done.returncode}"
