"""The command line: options in, exit status out.  All the work is in the pipeline modules.

Exit status: 0 all inputs processed; 1 some input could not be read or written (each one
reported on stderr, the others processed); 2 usage error; 130 interrupted (Ctrl-C);
141 the output pipe was closed (``newsconv clean big.txt | head``), silently; 143 terminated
(SIGTERM), cleaned up as for Ctrl-C.  An interrupted run leaves no temporary or partial
file: articles already written are complete, the open JSON Lines shard and the
--keep-dropped log are discarded.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn, TextIO

import click

from . import __version__
from .decode import check_encoding
from .output import AtomicFile, Emitter, FolderSink, Stats
from .pipeline import Config
from .render import FORMATS
from .rules import RulesError, UserRules, check_pattern, load_rules
from .runner import ReadMeter, RenderOptions, Runner, analyse_task, work_units
from .sources import (
    DEFAULT_MAX_LINE_BYTES,
    INPUT_FORMATS,
    Dropped,
    InputError,
    ReadOptions,
    Skipped,
    expand_paths,
    open_raw,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141
EXIT_TERMINATED = 143
STOP_SECONDS = 5.0  # how long a stopped run waits for its worker pool to wind down

CLEAN_HELP = """Find the articles in news dumps and write them without the page chrome.

INPUTS are files or directories (searched recursively); "-" or nothing reads stdin.
.gz, .bz2, .xz and .zst files are decompressed.  A plain-text input holds one page, or
several separated by a form-feed line; JSON Lines input holds one record per line; a WARC
file (Common Crawl WET: .warc.wet.gz) one page per conversion record (needs newsconv[warc]).

\b
Examples:
  newsconv clean page.txt                      # clean text on stdout
  newsconv clean --format markdown dump.txt.gz | less
  newsconv clean -f jsonl -j 4 shards/ > articles.jsonl
  newsconv clean -o out/ dumps/                # one file per article
  newsconv clean --keep-dropped dropped.jsonl page.txt
  newsconv clean -f jsonl CC-MAIN-...-00000.warc.wet.gz > articles.jsonl
"""


def _max_bytes(ctx: click.Context, param: click.Parameter, value: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]i?[bB]?)?\s*", value)
    if not m:
        raise click.BadParameter("a size such as 4M or 500000")
    n = int(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[
        (m.group(2) or "")[:1].lower()]
    if n < 1024:
        raise click.BadParameter("at least 1K")
    return n


def _separator(ctx: click.Context, param: click.Parameter,
               value: str | None) -> re.Pattern[bytes] | None:
    if value is None:
        return None
    try:
        pattern = re.compile(value.encode("utf-8"))
        check_pattern(pattern.pattern)
    except (re.error, RecursionError, OverflowError) as e:
        raise click.BadParameter(f"not a regular expression: {e}") from None
    except ValueError as e:  # runs on every line of the input: it must not backtrack
        raise click.BadParameter(str(e)) from None
    return pattern


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        check_encoding(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    return value


def _rules(paths: tuple[str, ...]) -> UserRules:
    rules = UserRules()
    for p in paths:
        try:
            rules = rules.merge(load_rules(p))
        except RulesError as e:
            raise click.UsageError(str(e)) from None
    return rules


def _error(message: str) -> None:
    click.echo(f"newsconv: {message}", err=True)


def _usable_cores() -> int:
    """Cores this process may run on (a container's or taskset's limit), else all cores."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _utf8_stdout() -> None:
    """Output is always UTF-8 with \n line ends, whatever the locale says."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", errors="replace", newline="\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="newsconv")
def main() -> None:
    """Turn news-article dumps into clean articles: plain text, Markdown or JSON Lines.

    \b
    Examples:
      newsconv clean dump.txt > articles.txt
      newsconv clean --format jsonl shards/ | gzip > articles.jsonl.gz
      newsconv explain --color=always page.txt | less -R
    """


def _input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that say how inputs are read and cleaned: the same for clean and
    explain, so that explain shows what clean does."""
    for option in reversed([
        click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
                     show_default=True,
                     help="How to read inputs (auto: by extension and first bytes)."),
        click.option("--text-field", default="text", show_default=True, metavar="NAME",
                     help="The JSON Lines field holding the page text."),
        click.option("--doc-separator", callback=_separator, metavar="REGEX",
                     help="A line matching this separates documents in plain-text input."),
        click.option("--encoding", metavar="NAME", callback=_encoding,
                     help="Decode inputs with this encoding (default: detect)."),
        click.option("--max-line-bytes", default=str(DEFAULT_MAX_LINE_BYTES),
                     callback=_max_bytes, show_default=True, metavar="SIZE",
                     help="Longer lines are dropped with a reason."),
        click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
                     metavar="FILE", help="TOML file of extra drop/keep patterns (repeatable)."),
        click.option("--drop-copies", is_flag=True,
                     help="A copy of an earlier document (same article) gives no article."),
    ]):
        command = option(command)
    return command


def _no_input_on_a_terminal(command: str, inputs: tuple[str, ...]) -> None:
    """No input named and stdin is a terminal: say how to give one instead of waiting."""
    if inputs or not sys.stdin.isatty():
        return
    _error(f"no input: give files or folders (newsconv {command} dump.txt), pipe a dump in "
           f"(... | newsconv {command}), or '-' to type one; newsconv {command} --help "
           "for more")
    sys.exit(EXIT_USAGE)


@main.command("clean", help=CLEAN_HELP)
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one file per article (JSON Lines: one file per input) here.")
@click.option("--force", is_flag=True, help="Overwrite existing files in the output folder.")
@click.option("--skip-existing", is_flag=True, help="Keep existing files (resume a run).")
@click.option("-0", "--null", is_flag=True,
              help="Separate articles on stdout with NUL, not a form-feed line.")
@click.option("--no-captions", is_flag=True, help="Leave photo captions out.")
@click.option("--articles-only", is_flag=True,
              help="JSON Lines: no row for a document without an article.")
@_input_options
@click.option("--keep-dropped", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write every dropped line with its reason to FILE (JSON Lines).")
@click.option("-j", "--jobs", type=click.IntRange(0, 512), default=0, metavar="N",
              help="Worker processes (default 0: one per core this process may use).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Spread input files over a Dask cluster ('local' starts one); needs -o.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--stats", is_flag=True, help="Print a one-line summary on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Summary and decoding notes on stderr.")
def clean(inputs: tuple[str, ...], fmt: str, output_dir: Path | None, force: bool,
          skip_existing: bool, null: bool, no_captions: bool, articles_only: bool,
          input_format: str, text_field: str, doc_separator: re.Pattern[bytes] | None,
          encoding: str | None, max_line_bytes: int, rule_files: tuple[str, ...],
          drop_copies: bool, keep_dropped: Path | None, jobs: int, dask_address: str | None,
          quiet: bool, stats: bool, verbose: bool) -> None:
    _utf8_stdout()
    if force and skip_existing:
        raise click.UsageError("--force and --skip-existing exclude each other")
    _no_input_on_a_terminal("clean", inputs)
    config = Config(rules=_rules(rule_files))
    read = ReadOptions(input_format, text_field, doc_separator, encoding, max_line_bytes)
    render = RenderOptions(fmt, not no_captions, keep_dropped is not None, drop_copies,
                           not articles_only)
    if dask_address:
        from .cluster import run_on_dask
        if output_dir is None:
            raise click.UsageError("--dask writes one output shard per input: give -o DIR")
        if keep_dropped is not None:
            raise click.UsageError("--keep-dropped is not available with --dask")
        code = run_on_dask(dask_address, list(inputs), output_dir, config, read, render,
                           force, skip_existing, _error, workers=jobs,
                           progress=_show_progress(quiet),
                           summary=_summary if stats or verbose else None)
        sys.exit(code)
    if output_dir is not None:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise click.UsageError(f"cannot create {output_dir}: {e.strerror or e}") from None
    jobs = jobs or _usable_cores()
    started = time.perf_counter()
    stream: TextIO | None = None if output_dir else sys.stdout
    try:
        dropped_log = AtomicFile(keep_dropped) if keep_dropped else None
    except OSError as e:
        raise click.BadParameter(f"cannot write {keep_dropped}: {e.strerror or e}",
                                 param_hint="--keep-dropped") from None
    progress = _Progress(inputs) if _show_progress(quiet) else None
    report = progress.error if progress is not None else _error
    folder = FolderSink(output_dir, force, skip_existing) if output_dir else None
    emitter = Emitter(fmt, stream, folder, null, dropped_log, report,
                      note=report if verbose else None)
    meter = None
    if progress is not None:  # the bar moves as input is read, before the first result
        meter = ReadMeter(on_read=lambda: progress.advance(meter.bytes if meter else 0,
                                                           emitter.stats.documents))
    try:
        with Runner(config, render, jobs, note=report) as runner:
            try:
                with _sigterm_raises():
                    opener = meter.open if meter else open_raw
                    own = [p for p in (output_dir, keep_dropped) if p is not None]
                    units = work_units(expand_paths(inputs, exclude=own), read, opener, jobs)
                    for item in runner.run(units):
                        emitter.emit(item)
                        if progress is not None and meter is not None:
                            progress.advance(meter.bytes, emitter.stats.documents)
                    emitter.close()
                    if stream is not None:
                        stream.flush()
            except (KeyboardInterrupt, _Terminated, OSError) as e:
                # handled inside the Runner, which _end_run stops with a time limit
                emitter.abort()
                if progress is not None:
                    progress.close()
                _end_run(runner, e, _stopped(e, stream))
    finally:
        if progress is not None:
            progress.close()
    s = emitter.stats
    if stats or verbose:
        _summary(s, time.perf_counter() - started)
    sys.exit(EXIT_FAILED if s.failed_inputs else EXIT_OK)


def summary_line(s: Stats, seconds: float) -> str:
    """The one-line summary of a run (``--stats``, ``-v``); MB/s counts decoded text.

    >>> summary_line(Stats(documents=3, articles=2, kept=40, dropped=60, chars=5_000_000), 2.0)
    '3 documents, 2 articles, 40 lines kept, 60 dropped, 0 failed; 2.5 MB/s'
    """
    skipped = ""
    if s.responses_skipped or s.records_skipped:
        skipped = (f"; WARC records skipped: {s.responses_skipped} responses (HTML), "
                   f"{s.records_skipped} other")
    return (f"{s.documents} documents, {s.articles} articles, {s.kept} lines kept, "
            f"{s.dropped} dropped, {s.failed_inputs} failed{skipped}; "
            f"{s.chars / 1e6 / max(seconds, 1e-9):.1f} MB/s")


def _summary(s: Stats, seconds: float) -> None:
    _error(summary_line(s, seconds))


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt (a BaseException, so that
    no ``except Exception`` on the way swallows it)."""


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises ``_Terminated`` inside the block (installed after the worker pool is
    forked: workers keep the default and just end)."""
    def handler(signum: int, frame: object) -> None:
        raise _Terminated()
    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (tests, embedding): leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stopped(e: BaseException, stream: TextIO | None) -> int:
    """Report why the run stopped early and return its exit status."""
    if isinstance(e, BrokenPipeError):
        _quiet_pipe()
        return EXIT_PIPE
    if isinstance(e, OSError):
        if stream is not None:
            _quiet_pipe()  # what is still buffered cannot be written either
        name = e.filename if e.filename is not None else "standard output"
        _error(f"cannot write {name}: {e.strerror or e}")
        return EXIT_FAILED
    if stream is not None:  # Ctrl-C: what is buffered is whole articles; let it out
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    _error("interrupted" if isinstance(e, KeyboardInterrupt) else "terminated")
    return EXIT_INTERRUPTED if isinstance(e, KeyboardInterrupt) else EXIT_TERMINATED


def _end_run(runner: Runner, e: BaseException, code: int) -> NoReturn:
    """Stop the worker pool and exit with ``code`` after a run stopped early.

    The pool is stopped (``Runner.__exit__`` with the exception: ``Pool.terminate``) in a
    helper thread, because ``Pool.terminate`` can deadlock when the pool's task thread is
    blocked feeding workers (seen about once in 80 runs of ``clean -j 2 big.txt | head``).
    If it has not finished after ``STOP_SECONDS``, the workers are killed (the pool stops
    replacing workers as soon as terminate starts) and the process leaves with
    ``os._exit``.  Nothing of ours is left to flush then: the emitter has aborted."""
    stopper = threading.Thread(target=runner.__exit__, args=(type(e), e, None), daemon=True)
    stopper.start()
    stopper.join(STOP_SECONDS)
    if not stopper.is_alive():
        sys.exit(code)  # the Runner's own __exit__ then finds the pool gone
    import multiprocessing

    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError, ValueError):
            child.kill()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _quiet_pipe() -> None:
    """After EPIPE: point stdout at /dev/null so that the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _show_progress(quiet: bool) -> bool:
    """A progress bar only on a terminal, and not with --quiet."""
    return not quiet and sys.stderr.isatty()


def input_bytes(inputs: tuple[str, ...]) -> int | None:
    """The size on disk of all input files (folders walked), or None when unknown (stdin)."""
    total = 0
    for path in expand_paths(inputs):
        if path == "-":
            return None
        if isinstance(path, str):
            with contextlib.suppress(OSError):
                total += os.stat(path).st_size
    return total


class _Progress:
    """tqdm on stderr: input bytes read (compressed bytes for compressed files), their
    rate and the ETA, and the documents done with their rate."""

    REDRAW_SECONDS = 0.2

    def __init__(self, inputs: tuple[str, ...]) -> None:
        from tqdm import tqdm
        self.bar = tqdm(total=input_bytes(inputs), unit="B", unit_scale=True,
                        unit_divisor=1024, desc="newsconv", leave=False, file=sys.stderr)
        self.bytes = self.documents = 0
        self._drawn = 0.0

    def advance(self, done_bytes: int, documents: int) -> None:
        """Move to ``done_bytes`` and ``documents``, redrawn at most every REDRAW_SECONDS.
        (The bar redraws itself: tqdm's own throttle counts bytes, and while workers clean
        a window that was read at once the bytes stand still, so the document count would
        stay at its first value.)"""
        self.bytes, self.documents = done_bytes, documents
        now = time.monotonic()
        if now - self._drawn >= self.REDRAW_SECONDS:
            self._drawn = now
            self._draw()

    def _draw(self) -> None:
        elapsed = max(self.bar.format_dict["elapsed"], 1e-9)
        self.bar.set_postfix_str(f"{self.documents} docs, {self.documents / elapsed:.0f} "
                                 "docs/s", refresh=False)
        self.bar.n = self.bytes
        self.bar.refresh()

    def error(self, message: str) -> None:
        """An error line above the bar instead of through it."""
        with self.bar.external_write_mode(file=sys.stderr):
            _error(message)

    def close(self) -> None:
        if not self.bar.disable:
            self._draw()  # the final counts are drawn once before the bar is cleared
        self.bar.close()


@main.command("explain")
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@_input_options
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour KEEP/DROP (auto: on a terminal, unless NO_COLOR is set).")
@click.option("--no-color", is_flag=True, hidden=True, help="Same as --color never.")
@click.option("--full", is_flag=True, help="Show whole lines, wrapped, instead of cutting them.")
@click.option("--width", type=click.IntRange(48, 10_000), metavar="N",
              help="Lay lines out for N columns (default: the terminal's; no limit in a file).")
def explain(inputs: tuple[str, ...], input_format: str, text_field: str,
            doc_separator: re.Pattern[bytes] | None, encoding: str | None, max_line_bytes: int,
            rule_files: tuple[str, ...], drop_copies: bool, color: str, no_color: bool,
            full: bool, width: int | None) -> None:
    """Show every line of INPUTS with KEEP or DROP, why, and the article it went to: the
    verdicts clean gives with the same options (dump statistics included).

    INPUTS are read as by clean (files, folders, "-" for stdin).

    \b
    Examples:
      newsconv explain page.txt
      newsconv explain --color=always dump.txt.gz | less -R
      newsconv explain --full --text-field body shard.jsonl
    """
    from .explain import Layout, explain_analysis, explain_message

    _utf8_stdout()
    _no_input_on_a_terminal("explain", inputs)
    config = Config(rules=_rules(rule_files))
    read = ReadOptions(input_format, text_field, doc_separator, encoding, max_line_bytes)
    layout = Layout(width or _terminal_width(), full)
    colour = _colour("never" if no_color else color)
    failed = False
    out = sys.stdout
    try:
        for unit in work_units(expand_paths(inputs), read):
            if isinstance(unit, InputError):
                _error(f"{unit.source}: {unit.message}")
                failed = True
            elif isinstance(unit, Dropped | Skipped):
                click.echo(explain_message(unit), file=out, color=colour, nl=False)
            else:
                for task in unit:
                    analysis = analyse_task(task, config, drop_copies)
                    click.echo(explain_analysis(analysis, layout), file=out, color=colour,
                               nl=False)
    except BrokenPipeError:
        _quiet_pipe()
        sys.exit(EXIT_PIPE)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _colour(choice: str) -> bool | None:
    """``click.echo``'s colour flag: True always, False never, None on a terminal; ``auto``
    is off when the NO_COLOR environment variable is set and not empty (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return None


def _terminal_width() -> int | None:
    """The width of the terminal explain writes to or runs in (stdout, else stderr, else
    stdin: ``newsconv explain x | less -R`` takes the terminal's width), else $COLUMNS,
    else None (a file: no limit)."""
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            if stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            continue
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None
