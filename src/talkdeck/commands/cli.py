"""The ``talkdeck`` command: the one place that turns failures into messages and exit codes.

Exit status: 0 success, 1 ``check`` found problems, 2 the user's input or
environment is wrong (a message, never a traceback). A bug in talkdeck still
shows its traceback. Heavy modules are imported inside the commands, so
``talkdeck --help`` stays fast.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import OutlineError, TalkdeckError
from ..lang.pace import WORDS_PER_MINUTE


def _echo_err(text: str) -> None:
    click.echo(text, err=True)


def _fail(error: TalkdeckError, output: Path | None = None) -> None:
    """Print a user-facing error and exit with its status."""
    _echo_err(str(error))
    if isinstance(error, OutlineError):
        n = len(error.problems)
        kept = f"; {output} was not changed" if output is not None and output.exists() else ""
        _echo_err(f"talkdeck: {n} error{'s' if n != 1 else ''} in the outline{kept}")
    sys.exit(error.exit_code)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same clean-up and message apply."""

    exit_code = 128 + signal.SIGTERM


def _identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of ``path``, or None: tells whether a build replaced it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _not_stdout(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """Refuse ``-o -``: a build writes a file with its run sheet and charts beside it, never standard output
    (pandoc's ``-o -`` would; a .pptx on a terminal is noise, and a file named '-' is a surprise)."""
    if value is not None and str(value) == "-":
        raise click.BadParameter("talkdeck writes the deck to a file (its run sheet and charts beside it), not to "
                                 "standard output; give a file name such as -o talk.pptx")
    return value


class _Commands(click.Group):
    """Ctrl-C (or SIGTERM) while a command starts, before its own handler: a line instead of click's "Aborted!"."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as e:
            _echo_err("talkdeck: interrupted")
            sys.exit(getattr(e, "exit_code", 130))


class HungUp(KeyboardInterrupt):
    """SIGHUP (the terminal was closed), raised like Ctrl-C so that ``watch --preview`` ends LibreOffice."""

    exit_code = 128 + 1


def _terminate(signum, frame):  # exercised by a subprocess test
    raise Terminated()


def _hang_up(signum, frame):  # exercised by a subprocess test
    raise HungUp()


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="talkdeck")
def cli() -> None:
    """Turn a YAML outline of a talk into a 16:9 PowerPoint deck."""
    signal.signal(signal.SIGTERM, _terminate)
    if hasattr(signal, "SIGHUP"):  # not on Windows
        signal.signal(signal.SIGHUP, _hang_up)


@cli.command()
@click.argument("outline", default="talk.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), callback=_not_stdout, help="Where to write the deck [build/talk.pptx].")
@click.option("--no-cache", is_flag=True, help="Redraw every chart instead of reusing cached PNGs.")
@click.option("--allow-outside", is_flag=True, help="Allow asset paths outside the outline's folder.")
@click.option("--pdf", is_flag=True, help="Also write build/talk.pdf through LibreOffice (a backup to carry).")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def build(outline: Path, output: Path | None, no_cache: bool, allow_outside: bool, pdf: bool, quiet: bool) -> None:
    """Build OUTLINE (default talk.yaml) into build/talk.pptx."""
    _run_build(outline, output, no_cache, allow_outside, pdf, quiet)


def _run_build(outline: Path, output: Path | None, no_cache: bool, allow_outside: bool, pdf: bool,
               quiet: bool):
    """Build, print warnings and the summary; exits 2 with a message on the user's mistakes."""
    log = (lambda line: None) if quiet else click.echo
    previous = _identity(output) if output is not None else None
    try:
        from ..atomic import written_beside  # an interrupt while these load is caught below, like one later
        from ..build import build as run_build
        from ..build import default_output

        if output is None:
            previous = _identity(default_output(outline))
            output = default_output(outline)  # last: an interrupt before it is one while starting
        result = run_build(outline, output, use_cache=not no_cache, allow_outside=allow_outside, log=log,
                           background_charts=True)
        for w in result.warnings:
            _echo_err(str(w))
        if result.locked is not None:
            _echo_err(written_beside(result.locked, result.output))
        if pdf:
            import time

            from ..export.convert import to_pdf

            t = time.perf_counter()
            log("pdf     rendering with LibreOffice ...")
            made = to_pdf(result.output, output.with_suffix(".pdf"))
            if made != output.with_suffix(".pdf"):
                _echo_err(written_beside(output.with_suffix(".pdf"), made))
            log(f"pdf     {made} ({time.perf_counter() - t:.2f} s)")
    except TalkdeckError as e:
        _fail(e, output)
    except KeyboardInterrupt as e:
        # The signal may land after the new deck was renamed into place: say which deck is there.
        if output is None:
            _echo_err("talkdeck: interrupted while starting; no deck was written or changed")
        elif _identity(output) == previous:
            _echo_err(f"talkdeck: interrupted; {output} was not changed")
        else:
            _echo_err(f"talkdeck: interrupted after {output} was written; it is the new, complete deck")
        sys.exit(getattr(e, "exit_code", 130))
    if not quiet:
        charts = f"{result.charts} chart{'s' if result.charts != 1 else ''}"
        click.echo(f"built   {result.output}: {result.slides} slides, {charts} "
                   f"in {result.seconds:.2f} s")
    return result


@cli.command()
@click.argument("outline", default="talk.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), callback=_not_stdout, help="The deck to build and preview [build/talk.pptx].")
@click.option("--columns", default=5, show_default=True, type=click.IntRange(min=1),
              help="Slides per row of the overview.")
@click.option("--no-cache", is_flag=True, help="Redraw every chart instead of reusing cached PNGs.")
@click.option("--allow-outside", is_flag=True, help="Allow asset paths outside the outline's folder.")
def preview(outline: Path, output: Path | None, columns: int, no_cache: bool, allow_outside: bool) -> None:
    """Build, then write one PNG per slide and build/talk-overview.png (all slides at a glance)."""
    from ..export.convert import contact_sheet, to_pdf, to_pngs

    result = _run_build(outline, output, no_cache, allow_outside, False, True)
    click.echo("pdf     rendering with LibreOffice ...")
    try:
        pdf = to_pdf(result.output, result.output.with_suffix(".pdf"))
        pngs = to_pngs(pdf, result.output.parent / "preview")
        sheet = contact_sheet(pngs, result.output.with_name(f"{result.output.stem}-overview.png"), columns)
    except TalkdeckError as e:
        _fail(e)
        return
    click.echo(f"preview {len(pngs)} slides in {pngs[0].parent}/, overview {sheet}")


@cli.command()
@click.argument("outline", default="talk.yaml", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--wpm", type=click.FloatRange(min=1), default=WORDS_PER_MINUTE, show_default=True,
              help="Speaking rate for the time table, in words a minute.")
@click.option("--allow-outside", is_flag=True, help="Allow asset paths outside the outline's folder.")
def check(outline: Path, strict: bool, wpm: float, allow_outside: bool) -> None:
    """Check OUTLINE (default talk.yaml) without writing a deck; exit 1 if something is wrong."""
    from .check import check_outline, format_report

    try:
        report = check_outline(outline, wpm=wpm, allow_outside=allow_outside)
    except TalkdeckError as e:
        _fail(e)
        return
    for line in format_report(report, str(outline)):
        click.echo(line)
    if report.errors or (strict and report.warnings):
        sys.exit(1)


@cli.command()
@click.argument("outline", default="talk.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), callback=_not_stdout, help="Where to write the deck [build/talk.pptx].")
@click.option("--no-cache", is_flag=True, help="Redraw every chart on the first build.")
@click.option("--allow-outside", is_flag=True, help="Allow asset paths outside the outline's folder.")
@click.option("--preview", is_flag=True, help="Also serve a page on 127.0.0.1 showing each slide as LibreOffice "
              "draws it, with its notes; opened in the browser.")
@click.option("--port", type=click.IntRange(0, 65535), help="The preview's port [8765, or a free one].")
@click.option("--no-browser", is_flag=True, help="Do not open the preview in the browser.")
@click.option("--soffice", metavar="PATH", help="The LibreOffice program the preview uses [found on PATH, "
              "SOFFICE_PATH or where LibreOffice installs].")
def watch(outline: Path, output: Path | None, no_cache: bool, allow_outside: bool, preview: bool, port: int | None,
          no_browser: bool, soffice: str | None) -> None:
    """Rebuild OUTLINE whenever it, a file under assets/ or a picture it uses changes; Ctrl-C stops."""
    if not preview and (port is not None or no_browser or soffice):
        raise click.UsageError("--port, --no-browser and --soffice go with --preview")
    try:
        if preview:
            from .serve import watch_with_preview

            watch_with_preview(outline, output, use_cache=not no_cache, allow_outside=allow_outside, port=port,
                               open_browser=not no_browser, soffice=soffice, out=click.echo, err=_echo_err)
        else:
            from .watch import watch as run_watch

            run_watch(outline, output, use_cache=not no_cache, allow_outside=allow_outside, out=click.echo,
                      err=_echo_err)
    except TalkdeckError as e:
        _fail(e)
    except KeyboardInterrupt:
        click.echo("stopped")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the key-by-key reference of docs/outline.md instead.")
def schema(markdown: bool) -> None:
    """Print the outline's JSON Schema (what talk.schema.json holds, for editors' completion)."""
    from ..load.schema import outline_reference, schema_json

    click.echo(outline_reference() if markdown else schema_json(), nl=False)


@cli.command()
@click.argument("folder", default=".", type=click.Path(path_type=Path))
def new(folder: Path) -> None:
    """Start a talk in FOLDER (default: here): a commented talk.yaml that builds at once."""
    from .starter import write_starter

    try:
        written = write_starter(folder)
    except TalkdeckError as e:
        _fail(e)
        return
    for path in written:
        click.echo(f"wrote   {path}")
    go = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(f"next    {go}talkdeck build   (or talkdeck watch, to rebuild on each save)")


def main() -> None:
    """Entry point of the ``talkdeck`` script and ``python -m talkdeck``."""
    cli(prog_name="talkdeck")
