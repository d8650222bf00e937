#!/usr/bin/env python3
"""Write the expected messages of the broken outlines in tests/fixtures/bad/, and show what changed.

Each CASE.yaml is built as `talkdeck build CASE.yaml -o <a fresh folder>/CASE.pptx` from that
folder, and what it prints on stderr becomes CASE.err: the exact text tests/test_bad_corpus.py
expects (it adds the "; OUT was not changed" that a build over a previous deck prints) and whose
lines tests/test_lsp.py reads. A case that does not fail with exit status 2, or that fails with
a traceback, gets no .err: it is reported instead.

    python tools/expected_errors.py             # every case: rewrite the .err files, print the diff
    python tools/expected_errors.py CASE ...    # only these cases (names without .yaml)
    python tools/expected_errors.py --check     # print the diff, write nothing; exit 1 if any differs

The diff is for review: a changed .err changes what the tests hold talkdeck to, and is reviewed
like code (tests/README.md). Run it with talkdeck's own environment (the venv that has it installed).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from talkdeck.commands.cli import cli

BAD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bad"


def stderr_of(case: str, out_folder: Path) -> tuple[str | None, str]:
    """(what `talkdeck build CASE.yaml` prints on stderr, or None if it is not a clean exit 2; why not)."""
    result = CliRunner().invoke(cli, ["build", f"{case}.yaml", "-o", str(out_folder / f"{case}.pptx")])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return None, f"{type(result.exception).__name__}: {result.exception} (a traceback on the command line)"
    if result.exit_code != 2:
        return None, f"exit status {result.exit_code}, not 2: the outline builds, or fails otherwise"
    return result.stderr, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="case names (CASE for tests/fixtures/bad/CASE.yaml); default all")
    parser.add_argument("--check", action="store_true", help="only print the diff; exit 1 if any .err differs")
    args = parser.parse_args()
    cases = args.cases or sorted(p.stem for p in BAD.glob("*.yaml"))
    if missing := [c for c in cases if not (BAD / f"{c}.yaml").is_file()]:
        parser.error(f"no such case in {BAD}: {', '.join(missing)}")

    os.chdir(BAD)  # the messages name the outline as the user typed it: CASE.yaml
    changed, failed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            text, why = stderr_of(case, Path(tmp))
            if text is None:
                failed.append(f"{case}: {why}")
                continue
            path = BAD / f"{case}.err"
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if text == old:
                continue
            changed.append(case)
            name = f"tests/fixtures/bad/{case}.err"
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(keepends=True), text.splitlines(keepends=True),
                                                       f"a/{name}" if old else "/dev/null", f"b/{name}"))
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for line in failed:
        print(f"no .err written: {line}", file=sys.stderr)
    verb = "differ" if args.check else "rewritten"
    print(f"{len(cases)} case{'s' if len(cases) != 1 else ''}: {len(changed)} .err {verb}, {len(failed)} failed to fail cleanly", file=sys.stderr)
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
