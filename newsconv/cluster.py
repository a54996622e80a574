"""Cleaning on a Dask cluster: ``newsconv clean --dask ADDRESS -o DIR INPUTS...``.

    client: expand INPUTS (fsspec) ─► one task per input shard ─► Dask workers
    worker: read the shard (fsspec) ─ windows, dump statistics, pipeline ─► DIR/<stem>...
    client: ◄─ small reports (counts, error lines), in input order ─► stderr, exit status

Each task runs exactly what ``newsconv clean -o DIR`` runs for one input on one machine
(``runner.work_units``: the same windows and dump-level statistics per input file, then the
per-document pipeline, then ``output.Emitter`` writing through ``FolderSink``: the same
file names, the same temporary-name-then-rename discipline), so the output folder is
byte-identical to a single-machine run.  Inputs whose file names depend on each other (the
same stem, e.g. ``a/x.txt`` and ``b/x.txt.gz``: the second is named ``x.~2``) share one task
and run in input order, as they would on one machine.

Inputs are read through fsspec, so any URL fsspec understands works (``s3://bucket/dump/``
where s3fs is installed; URLs may hold glob patterns); compression is still detected by
newsconv.  Local paths are expanded exactly as on one machine.  ``DIR`` must be a folder
every worker can write (the local disk for ``--dask local``, a shared file system for a
real cluster), and every worker needs newsconv installed.  The ``Config`` (model, pattern
tables, user rules) is sent to each worker once, not with every task.

dask.distributed and fsspec are imported only here, and only when ``--dask`` is used: they
are the optional extra ``newsconv[dask]``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import logging
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .output import Emitter, FolderSink, Stats, safe_stem
from .pipeline import Config
from .runner import RenderOptions, Runner, work_units
from .sources import InputError, ReadOptions, expand_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LOCAL = "local"
LOCAL_WORKERS = 2
INSTALL_HINT = "--dask needs dask.distributed and fsspec: pip install 'newsconv[dask]'"

Shard = tuple[tuple[str, str], ...]  # (name as shown in output and messages, URL to read)


@dataclass(frozen=True)
class ShardReport:
    """What a worker sends back for one task: counts and error lines, nothing bulky."""

    stats: Stats
    errors: tuple[str, ...]


# --- client side: planning ---------------------------------------------------------------

def _is_url(arg: str) -> bool:
    return "://" in arg or "::" in arg


def _expand_url(arg: str) -> Iterator[tuple[str, str] | InputError]:
    """The files of one fsspec URL: itself, the files below it (sorted, hidden entries
    skipped), or the files its glob pattern matches."""
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(arg)
        if glob.has_magic(root):
            found = sorted(p for p, info in fs.glob(root, detail=True).items()
                           if info.get("type") == "file")
        elif fs.isdir(root):
            base = root.rstrip("/")
            found = sorted(p for p in fs.find(root)
                           if not any(part.startswith(".")
                                      for part in p[len(base):].split("/") if part))
        elif fs.exists(root):
            found = [root]
        else:
            yield InputError(arg, "no such file or directory")
            return
    except (ImportError, ValueError, OSError) as e:  # no driver (s3fs...), bad URL, access
        yield InputError(arg, f"cannot list: {e}")
        return
    if not found:
        yield InputError(arg, "matches no files")
    for path in found:
        url = fs.unstrip_protocol(path)
        yield url, url


def expand_inputs(inputs: Sequence[str]) -> Iterator[tuple[str, str] | InputError]:
    """(name, URL) for every input file: local paths exactly as ``sources.expand_paths``
    names them (so output names and ``source`` fields match a single-machine run), read
    through their absolute path; fsspec URLs as listed by their file system."""
    for arg in inputs:
        if _is_url(arg):
            yield from _expand_url(arg)
            continue
        for path in expand_paths([arg]):
            yield path if isinstance(path, InputError) else (path, os.path.abspath(path))


def plan_shards(files: Sequence[tuple[str, str]]) -> list[Shard]:
    """One task per input, except that inputs with the same output stem share a task (in
    input order), so that their file names (``x``, ``x.~2``...) are decided as on one
    machine."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, url in files:
        groups.setdefault(safe_stem(name), []).append((name, url))
    return [tuple(g) for g in groups.values()]


# --- worker side -------------------------------------------------------------------------

def _fsspec_opener(urls: dict[str, str]) -> Callable[[str], IO[bytes]]:
    import fsspec

    def open_url(name: str) -> IO[bytes]:
        return fsspec.open(urls[name], "rb").open()
    return open_url


def clean_shard(shard: Shard, folder: str, config: Config, read: ReadOptions,
                render: RenderOptions, force: bool = False,
                skip_existing: bool = False) -> ShardReport:
    """Clean the inputs of one task into ``folder`` (runs on a worker, or anywhere): the
    single-machine pipeline and writer, one input after the other."""
    errors: list[str] = []
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    emitter = Emitter(render.format, None, FolderSink(out, force, skip_existing), False, None,
                      errors.append)
    urls = dict(shard)
    try:
        with Runner(config, render, 1) as runner:
            for item in runner.run(work_units(list(urls), read, _fsspec_opener(urls))):
                emitter.emit(item)
        emitter.close()
    except BaseException:
        emitter.abort()
        raise
    return ShardReport(emitter.stats, tuple(errors))


# --- client side: running ----------------------------------------------------------------

def _add(total: Stats, part: Stats) -> Stats:
    return Stats(**{f.name: getattr(total, f.name) + getattr(part, f.name)
                    for f in dataclasses.fields(Stats)})


def _connect(address: str, workers: int) -> tuple[Any, Any]:
    """A client (and the LocalCluster it owns, for ``local``)."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        with _sigint_blocked():  # the workers inherit the mask: Ctrl-C is the client's
            # ":0": any free port for the scheduler's HTTP endpoint (8787 may be taken);
            # CRITICAL: the workers' shutdown chatter would reach our stderr.
            cluster = LocalCluster(n_workers=workers or LOCAL_WORKERS, threads_per_worker=1,
                                   processes=True, dashboard_address=":0",
                                   silence_logs=logging.CRITICAL)
        try:
            return Client(cluster), cluster
        except BaseException:
            cluster.close()
            raise
    return Client(address, timeout="30s"), None


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Block SIGINT while the LocalCluster starts its worker processes, which inherit the
    signal mask: a Ctrl-C in the terminal then reaches only the client, which cancels the
    tasks and shuts the cluster down in order.  A Ctrl-C during the start is delivered
    when the mask is restored."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # Windows: no signal masks
        yield
        return
    previous = mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def _remove_partial_files(folder: Path, shards: Sequence[Shard]) -> None:
    """After an interrupted run: delete the temporary files the tasks of this run may have
    left (``.<stem>...part``, as ``output.FolderSink`` and ``AtomicFile`` name them)."""
    prefixes = tuple(f".{safe_stem(name)}."[:41] for shard in shards for name, _ in shard)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".part") and entry.name.startswith(prefixes):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def run_on_dask(address: str, inputs: Sequence[str], output_dir: Path, config: Config,
                read: ReadOptions, render: RenderOptions, force: bool, skip_existing: bool,
                error: Callable[[str], None], *, workers: int = 0, progress: bool = False,
                summary: Callable[[Stats, float], None] | None = None) -> int:
    """Clean ``inputs`` on the Dask cluster at ``address`` (``"local"``: a LocalCluster of
    ``workers`` processes, 2 by default) into ``output_dir``; report problems through
    ``error`` (one line each, in input order) and return the exit status: 0 all inputs
    processed, 1 some failed, 2 dask missing or no input files, 130 interrupted.
    ``summary`` receives the totals and the elapsed seconds."""
    import time

    try:
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        error(INSTALL_HINT)
        return EXIT_USAGE
    if not inputs or "-" in inputs:
        error("--dask reads input files or URLs, not standard input")
        return EXIT_USAGE
    started = time.perf_counter()
    total, files = Stats(), []
    for found in expand_inputs(inputs):
        if isinstance(found, InputError):
            error(f"{found.source}: {found.message}")
            total.failed_inputs += 1
        else:
            files.append(found)
    folder = output_dir.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        error(f"cannot create {output_dir}: {e.strerror or e}")
        return EXIT_USAGE
    shards = plan_shards(files)
    given = str(output_dir) + os.sep

    def report(message: str) -> None:  # name output files as the user did, as on one machine
        error(message.replace(str(folder) + os.sep, given))
    try:
        total = _add(total, _run(address, workers, shards, str(folder), config, read, render,
                                 force, skip_existing, report, progress))
    except KeyboardInterrupt:
        _remove_partial_files(folder, shards)
        error("interrupted")
        return EXIT_INTERRUPTED
    except (OSError, TimeoutError) as e:
        error(f"Dask cluster {address}: {e}")
        return EXIT_FAILED
    if summary is not None:
        summary(total, time.perf_counter() - started)
    return EXIT_FAILED if total.failed_inputs else EXIT_OK


def _run(address: str, workers: int, shards: Sequence[Shard], folder: str, config: Config,
         read: ReadOptions, render: RenderOptions, force: bool, skip_existing: bool,
         error: Callable[[str], None], progress: bool) -> Stats:
    """Submit one task per shard and collect the reports; errors are passed to ``error``
    in input order, each as soon as the tasks before it are done."""
    from distributed import as_completed

    total = Stats()
    if not shards:
        return total
    client, cluster = _connect(address, workers)
    bar = _bar(len(shards)) if progress else None
    futures: list[Any] = []
    try:
        shared_config = client.scatter(config, broadcast=True, hash=False)
        futures = [client.submit(clean_shard, shard, folder, shared_config, read, render,
                                 force, skip_existing, pure=False) for shard in shards]
        position = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, ShardReport] = {}
        following = 0
        for future in as_completed(futures):
            done[position[future.key]] = _report(future, shards[position[future.key]])
            if bar is not None:
                bar.update(1)
            while following in done:
                report = done.pop(following)
                for message in report.errors:
                    _above(bar, error, message)
                total = _add(total, report.stats)
                following += 1
    except BaseException:
        if futures:
            client.cancel(futures)
        raise
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return total


def _report(future: Any, shard: Shard) -> ShardReport:
    """The task's report, or one naming its inputs if the task itself failed (a worker
    died, the output folder could not be written...)."""
    if future.status == "finished":
        return future.result()
    exc = future.exception() if future.status == "error" else None
    why = f"{type(exc).__name__}: {exc}" if exc is not None else f"task {future.status}"
    stats = Stats(failed_inputs=len(shard))
    return ShardReport(stats, tuple(f"{name}: not processed ({why})" for name, _ in shard))


def _bar(total: int) -> Any:
    import sys

    from tqdm import tqdm
    return tqdm(total=total, unit="file", desc="newsconv", leave=False, file=sys.stderr)


def _above(bar: Any, error: Callable[[str], None], message: str) -> None:
    """Report ``message`` without garbling the progress bar (if one is shown)."""
    if bar is None:
        error(message)
        return
    with bar.external_write_mode(file=bar.fp):
        error(message)
