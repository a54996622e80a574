"""Running the pipeline over many inputs: windows, worker processes, ordered output.

    inputs ─ sources ─► windows of documents ─ dump statistics ─► batches
           ─ workers: analyse + render ─► results, in input order ─► sinks

The main process reads, decodes, counts dump-level boilerplate per window and writes;
worker processes (``-j``) do everything per document.  At most one window is read ahead and
at most a few batches per worker are in flight, so memory stays flat however long the input.
Results are emitted in input order, so the output is identical for every ``-j``.
A Dask cluster (``newsconv.cluster``) runs the same ``work_units`` per input file.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from .boilerplate import WINDOW_BYTES, WINDOW_DOCS, Repeats, WindowHasher, WindowStats, window_stats
from .model import Analysis, Document, Summary
from .pipeline import Config, analyse, as_copy, summarise
from .render import RENDERERS, jsonl_line, jsonl_rows
from .sources import InputError, Message, ReadOptions, open_raw, read_documents

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Opener = Callable[[str], IO[bytes]]

BATCH_BYTES = 256 * 1024  # documents are sent to workers in batches of about this size
BATCH_DOCS = 64
IN_FLIGHT_PER_JOB = 3
# batches a worker holds at once: the one it cleans and the next, already in its inbox, so
# that it never waits for the main process between two batches
QUEUED_PER_WORKER = 2
STOP_SECONDS = 5  # how long an interrupted run waits for its killed workers


class RenderOptions(NamedTuple):
    format: str = "text"
    captions: bool = True
    keep_dropped: bool = False  # collect dropped blocks for --keep-dropped
    drop_copies: bool = False  # a copy of an earlier document of its window gives no article
    empty_rows: bool = True  # JSON Lines: one row for a document without an article


class RenderedArticle(NamedTuple):
    title: str | None
    content: str
    article: bool = True  # False for the JSON Lines row of a document without an article


class DocResult(NamedTuple):
    """What a worker sends back for one document."""

    source: str
    doc_index: int
    size: int  # characters of input
    articles: tuple[RenderedArticle, ...]
    kept: int
    dropped: int
    dropped_records: tuple[dict[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None
    record_id: str | None = None  # the input record's "id", for file names


class Task(NamedTuple):
    """One document, its dump-level boilerplate (hashes of its repeated lines) and, when it
    copies an earlier document of its window, that document's index."""

    document: Document
    repeats: Repeats
    copy_of: int | None = None


Item = DocResult | Message


def dropped_records(analysis: Analysis) -> tuple[dict[str, Any], ...]:
    """The --keep-dropped rows of a document: where each dropped line was (with the input
    record's ``id`` and ``url`` when it has them), its label, the reason and the text."""
    doc = analysis.document
    where: dict[str, Any] = {"source": doc.source, "doc_index": doc.index}
    where.update((k, doc.meta[k]) for k in ("id", "url") if k in doc.meta)
    return tuple({**where, "line": b.line, "label": v.label, "reason": v.reason, "text": b.text}
                 for b, v in zip(analysis.blocks, analysis.verdicts, strict=True)
                 if not v.keep)


def analyse_task(task: Task, config: Config, drop_copies: bool = False) -> Analysis:
    """The analysis of one document with its window's dump statistics: what ``clean``,
    ``--keep-dropped`` and ``explain`` all show."""
    if drop_copies and task.copy_of is not None:
        return as_copy(task.document, task.copy_of)
    return analyse(task.document, config, task.repeats)


def summarise_task(task: Task, config: Config, drop_copies: bool = False) -> Summary:
    """``analyse_task(...).summary()``: what ``clean`` needs, without every line's
    verdict."""
    if drop_copies and task.copy_of is not None:
        return as_copy(task.document, task.copy_of).summary()
    return summarise(task.document, config, task.repeats)


def render_summary(summary: Summary, options: RenderOptions) -> tuple[RenderedArticle, ...]:
    """The articles of a document in the output format; in JSON Lines, a document without
    an article gives one row saying why (unless ``options.empty_rows`` is off)."""
    if options.format != "jsonl":
        render = RENDERERS[options.format]
        return tuple(RenderedArticle(a.title, render(a, options.captions))
                     for a in summary.articles)
    return tuple(RenderedArticle(None, jsonl_line(row), article=bool(summary.articles))
                 for row in jsonl_rows(summary, options.captions, options.empty_rows))


def process(task: Task, config: Config, options: RenderOptions) -> DocResult:
    """Clean and render one document (in a worker or in the main process)."""
    doc = task.document
    try:
        dropped: tuple[dict[str, Any], ...] = ()
        if options.keep_dropped:
            analysis = analyse_task(task, config, options.drop_copies)
            summary = analysis.summary()
            dropped = dropped_records(analysis)
        else:
            summary = summarise_task(task, config, options.drop_copies)
        arts = render_summary(summary, options)
        record_id = doc.meta.get("id")
        return DocResult(doc.source, doc.index, len(doc.text), arts, summary.kept,
                         summary.lines - summary.kept, dropped, doc.notes,
                         record_id=None if record_id is None else str(record_id))
    except Exception as e:  # a bug must not end a six-hour run: report, go on
        return DocResult(doc.source, doc.index, len(doc.text), (), 0, 0,
                         error=f"internal error on document {doc.index + 1}: "
                               f"{type(e).__name__}: {e}")


def windows(items: Iterable[Document | Message]) -> Iterator[list[Document | Message]]:
    """Consecutive items cut into windows of at most WINDOW_DOCS documents / WINDOW_BYTES."""
    window: list[Document | Message] = []
    docs = size = 0
    for item in items:
        window.append(item)
        if isinstance(item, Document):
            docs += 1
            size += len(item.text)
            if docs >= WINDOW_DOCS or size >= WINDOW_BYTES:
                yield window
                window, docs, size = [], 0, 0
    if window:
        yield window


def work_units(paths: Iterable[str | InputError], options: ReadOptions,
               opener: Opener = open_raw, jobs: int = 1) -> Iterator[list[Task] | Message]:
    """Batches of tasks (with their window's dump statistics) and, in order between them,
    the reader's errors and dropped lines.  ``opener`` gives an input's raw bytes (local
    files and stdin by default; fsspec URLs on a cluster; a ``ReadMeter`` for progress).
    With ``jobs`` > 1 the lines are hashed on ``jobs - 1`` threads as they are read (the
    workers wait for the first window's statistics); the units are the same for any
    ``jobs``."""
    with WindowHasher(threads=jobs - 1) as hasher:
        for path in paths:
            if isinstance(path, InputError):
                yield path
                continue
            for window in windows(_hashed(read_documents(path, options, opener), hasher)):
                units = _window_units(window, hasher.stats())
                del window  # only the units hold the window: freed before the next is read
                yield from units


def _hashed(items: Iterable[Document | Message],
            hasher: WindowHasher) -> Iterator[Document | Message]:
    """The items, each document's text given to ``hasher`` as it passes (``windows`` takes
    one item at a time, so at the end of a window the hasher holds exactly its documents)."""
    for item in items:
        if isinstance(item, Document):
            hasher.add(item.text)
        yield item


def window_tasks(window: Sequence[Document | Message],
                 stats: WindowStats | None = None) -> list[Task | Message]:
    """A window's documents as tasks, with the window's dump statistics (each copy group
    counted once, ``boilerplate``; computed here unless given); reader messages keep their
    place."""
    found = [i for i, d in enumerate(window) if isinstance(d, Document)]
    if stats is None:
        stats = window_stats([window[i].text for i in found])  # type: ignore[union-attr]
    where = {i: k for k, i in enumerate(found)}
    out: list[Task | Message] = []
    for i, item in enumerate(window):
        if not isinstance(item, Document):
            out.append(item)
            continue
        k = where[i]
        first = stats.groups[k]
        original = window[found[first]]
        assert isinstance(original, Document)
        out.append(Task(item, stats.repeats[k], original.index if first != k else None))
    return out


def _window_units(window: list[Document | Message],
                  stats: WindowStats) -> Iterator[list[Task] | Message]:
    """One counted window cut into batches; reader messages keep their place."""
    batch: list[Task] = []
    size = 0
    for item in window_tasks(window, stats):
        if not isinstance(item, Task):
            if batch:
                yield batch
                batch, size = [], 0
            yield item
            continue
        batch.append(item)
        size += len(item.document.text)
        if len(batch) >= BATCH_DOCS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class ReadMeter:
    """An opener that counts the raw bytes read from inputs (compressed bytes for
    compressed files), for the progress bar: ``work_units(paths, options, meter.open)``."""

    def __init__(self, opener: Opener = open_raw,
                 on_read: Callable[[], None] | None = None) -> None:
        self.opener = opener
        self.bytes = 0
        self.on_read = on_read  # called after every read (the progress bar moves as it reads)

    def open(self, name: str) -> IO[bytes]:
        """The input's raw stream, counted as it is read."""
        counted = _Counted(self.opener(name), self, owns=name != "-")
        return io.BufferedReader(counted, 1 << 16)


class _Counted(io.RawIOBase):
    """A raw stream over a buffered one that adds what it reads to a ``ReadMeter``.  It
    reads with ``readinto1`` (at most one read of the source per call), so a pipe is
    consumed as data arrives instead of waiting for a full buffer."""

    def __init__(self, inner: IO[bytes], meter: ReadMeter, owns: bool) -> None:
        super().__init__()
        self.inner = inner
        self.meter = meter
        self.owns = owns  # False for stdin, which stays open

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        read1 = getattr(self.inner, "readinto1", None) or self.inner.readinto  # type: ignore[attr-defined]
        n = read1(buffer) or 0
        self.meter.bytes += n
        if self.meter.on_read is not None:
            self.meter.on_read()
        return n

    def close(self) -> None:
        if self.owns and not self.closed:
            self.inner.close()
        super().close()


# --- worker processes -------------------------------------------------------------------


def _receive(conn: Connection, inbox: queue.SimpleQueue[list[Task] | None]) -> None:
    """A worker's receiving thread: batches from the pipe into ``inbox`` as they come (None
    when told to stop or when the pipe closes), so that the main process can hand on the
    next batch while the worker is still cleaning, or still sending, the one before."""
    while True:
        try:
            batch = conn.recv()
        except Exception:  # the pipe closed, or a batch that cannot be read: the worker
            batch = None  # ends, and the main process cleans the batches it held
        inbox.put(batch)
        if batch is None:
            return


def _worker_main(conn: Connection, config: Config, options: RenderOptions) -> None:
    """A worker: receive batches, send back their results in the same order, until told to
    stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    inbox: queue.SimpleQueue[list[Task] | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    while (batch := inbox.get()) is not None:
        try:
            conn.send([process(t, config, options) for t in batch])
        except OSError:  # the main process is gone
            return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    # the sequence numbers of the batches it holds, oldest first (its results come back in
    # this order)
    held: deque[int] = field(default_factory=deque)


@dataclass
class Runner:
    """Runs the pipeline; ``jobs`` 1 stays in this process (so does a run of one batch).

    With workers, each holds at most QUEUED_PER_WORKER batches (a thread in the worker takes
    them off the pipe as they come, so neither side of a pipe can block the other) and
    results are emitted in input order.  A worker that dies (killed, out of memory) is
    noticed at once: the batches it held, and the batches after them that no worker is left
    for, are cleaned in this process, with one note on stderr — the run neither hangs nor
    loses a document."""

    config: Config
    options: RenderOptions
    jobs: int = 1
    note: Callable[[str], None] | None = None  # where to say that a worker died
    _workers: list[_Worker] = field(default_factory=list, init=False)

    def __enter__(self) -> Runner:
        _ = self.config.engine  # compiled once here; forked workers inherit it
        return self

    def _start(self) -> None:
        """Start the worker processes (when the run turns out to hold more than one batch:
        a one-page run is cleaned here, without paying for a pool)."""
        import multiprocessing as mp
        ctx: Any = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        for _ in range(self.jobs):
            here, there = ctx.Pipe()
            proc = ctx.Process(target=_worker_main, args=(there, self.config, self.options),
                               daemon=True)
            proc.start()
            there.close()
            self._workers.append(_Worker(proc, here))

    def __exit__(self, exc_type: object, *rest: object) -> None:
        workers, self._workers = self._workers, []
        for w in workers:
            if exc_type is None and w.process.is_alive():
                with contextlib.suppress(OSError, ValueError):
                    w.conn.send(None)
            else:
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    w.process.kill()
        for w in workers:
            w.process.join(STOP_SECONDS)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()

    def _local(self, batch: list[Task]) -> list[Item]:
        return [process(t, self.config, self.options) for t in batch]

    def run(self, units: Iterable[list[Task] | Message]) -> Iterator[Item]:
        """Results and reader messages, in input order.  At most IN_FLIGHT_PER_JOB batches
        per worker are taken from ``units`` ahead of the first result not yet handed on.
        The workers start when a second unit comes: a run of one batch stays here."""
        if self.jobs > 1 and not self._workers:
            pending = iter(units)
            head = list(itertools.islice(pending, 2))
            if len(head) > 1:
                self._start()
            units = itertools.chain(head, pending)
        if not self._workers:
            for unit in units:
                if isinstance(unit, list):
                    yield from self._local(unit)
                else:
                    yield unit
            return
        limit = len(self._workers) * IN_FLIGHT_PER_JOB
        waiting: deque[tuple[int, list[Task] | Message]] = deque()  # not sent
        done: dict[int, list[Item]] = {}
        sent: dict[int, list[Task]] = {}
        next_out = 0
        source = iter(enumerate(units))
        exhausted = False
        taken = 0
        while True:
            while next_out in done:
                yield from done.pop(next_out)
                next_out += 1
            # read ahead, but never more than `limit` units past the next one to hand on
            while not exhausted and taken - next_out < limit:
                nxt = next(source, None)
                if nxt is None:
                    exhausted = True
                    break
                waiting.append(nxt)
                taken += 1
                if len(waiting) >= max(1, len(self._workers)):
                    break
            while waiting:
                seq, unit = waiting[0]
                if not isinstance(unit, list):
                    done[seq] = [unit]
                    waiting.popleft()
                    continue
                free = [w for w in self._workers if len(w.held) < QUEUED_PER_WORKER]
                if not free:
                    break
                idle = min(free, key=lambda w: len(w.held))  # an idle worker first
                waiting.popleft()
                idle.held.append(seq)
                sent[seq] = unit
                try:
                    idle.conn.send(unit)
                except OSError:  # the worker died before it could take the batch
                    self._lost(idle, done, sent)
            if next_out in done:
                continue
            if exhausted and not waiting and not sent:
                return
            if sent:
                self._collect(done, sent)
            elif waiting:  # every worker died: clean the rest here
                seq, unit = waiting.popleft()
                done[seq] = self._local(unit) if isinstance(unit, list) else [unit]

    def _collect(self, done: dict[int, list[Item]], sent: dict[int, list[Task]]) -> None:
        """Wait for at least one busy worker to answer (or die)."""
        from multiprocessing.connection import wait

        busy = [w for w in self._workers if w.held]
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
        for w in busy:
            if w.conn in ready:
                try:
                    result = w.conn.recv()
                except (EOFError, OSError):  # the worker is gone
                    self._lost(w, done, sent)
                else:
                    seq = w.held.popleft()
                    done[seq] = result
                    del sent[seq]
            elif w.process.sentinel in ready:
                self._lost(w, done, sent)

    def _lost(self, w: _Worker, done: dict[int, list[Item]], sent: dict[int, list[Task]]) -> None:
        # A dying process closes its pipe before it can be reaped: wait (briefly) for its end,
        # so that the note names its exit code instead of None.
        w.process.join(STOP_SECONDS)
        if self.note is not None:
            self.note(f"a worker process died (exit code {w.process.exitcode}); its work is "
                      "cleaned in the main process")
        for seq in w.held:
            done[seq] = self._local(sent.pop(seq))
        w.held.clear()
        w.conn.close()
        self._workers.remove(w)
