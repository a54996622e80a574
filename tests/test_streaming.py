"""Streaming: input is read and output written as it goes, read-ahead and work in flight are
bounded, a closed output pipe ends the run quietly, and stderr holds nothing but errors, the
summary and (on a terminal) the progress bar."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import queue
import re
import select
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest
import zstandard

from newsconv.boilerplate import WINDOW_DOCS
from newsconv.runner import ReadMeter, work_units
from newsconv.sources import ReadOptions
from tests.paths import ROOT
from tests.test_parallel import page

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
NEWSCONV = [sys.executable, "-m", "newsconv"]
SUMMARY = re.compile(r"newsconv: \d+ documents, \d+ articles, \d+ lines kept, \d+ dropped, "
                     r"\d+ failed; \d+\.\d MB/s")


def pages(start: int, stop: int) -> bytes:
    """Pages ``start`` to ``stop - 1``, each followed by a form-feed line."""
    return "".join(page(i) + "\f\n" for i in range(start, stop)).encode("utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_output_starts_before_the_input_ends(jobs: str) -> None:
    """Write one window of pages to stdin and keep it open: articles come out at once."""
    proc = subprocess.Popen([*NEWSCONV, "clean", "-j", jobs, "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert proc.stdin is not None and proc.stdout is not None
    chunks: queue.Queue[bytes] = queue.Queue()
    reader = threading.Thread(target=lambda: [chunks.put(c) for c in iter(
        lambda: proc.stdout.read1(65536), b"")], daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        proc.stdin.write(pages(0, WINDOW_DOCS))
        proc.stdin.flush()
        first = chunks.get(timeout=180)  # a deadlock guard, not a timing assertion
        assert first.startswith(b"The ")
        assert proc.poll() is None  # still waiting for the rest of the input
        proc.stdin.write(pages(WINDOW_DOCS, WINDOW_DOCS + 50))
        proc.stdin.close()
        assert proc.wait(timeout=180) == 0
    finally:
        proc.kill()
        proc.wait()
    reader.join(timeout=30)
    out = first + b"".join(chunks.queue)
    assert out.count(b"\f\n") == WINDOW_DOCS + 50 - 1


class EndlessDump(io.RawIOBase):
    """An endless dump of pages that counts how many it has handed out."""

    def __init__(self) -> None:
        self.served = 0
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self.pending:
            self.pending = pages(self.served, self.served + 1)
            self.served += 1
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def test_reading_is_lazy_and_bounded_by_one_window() -> None:
    source = EndlessDump()
    units = work_units(["endless.txt"], ReadOptions(), lambda name: source)  # type: ignore[arg-type,return-value]
    first = next(units)
    assert isinstance(first, list) and first[0].document.index == 0
    assert WINDOW_DOCS <= source.served <= WINDOW_DOCS + 16  # a read buffer beyond the window
    second_window = [next(units) for _ in range(WINDOW_DOCS // len(first) + 1)]
    assert source.served <= 2 * WINDOW_DOCS + 16
    assert any(t.document.index == WINDOW_DOCS for u in second_window
               if isinstance(u, list) for t in u)


def test_work_in_flight_is_bounded() -> None:
    """With -j 2 the runner takes at most jobs x IN_FLIGHT_PER_JOB batches ahead of the first
    result it hands on (checked in a child process: a fork pool inside pytest would share
    its threads)."""
    code = """
import itertools
from newsconv.model import Document
from newsconv.boilerplate import NO_REPEATS
from newsconv.pipeline import Config
from newsconv.runner import IN_FLIGHT_PER_JOB, RenderOptions, Runner, Task
taken = 0
def units():
    global taken
    for i in itertools.count():
        taken += 1
        yield [Task(Document("x", i, "A line of text that is long enough to be a paragraph."),
                    NO_REPEATS)]
with Runner(Config(), RenderOptions(), 2) as runner:
    next(runner.run(units()))
    print(taken, 2 * IN_FLIGHT_PER_JOB)
"""
    result = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True,
                            text=True, timeout=120, check=True)
    taken, limit = map(int, result.stdout.split())
    assert taken <= limit


def test_meter_counts_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(pages(0, 30)))
    meter = ReadMeter()
    docs = [t.document for u in work_units([str(path)], ReadOptions(), meter.open)
            if isinstance(u, list) for t in u]
    assert len(docs) == 30
    assert meter.bytes == path.stat().st_size  # compressed bytes: what the file size says


def jsonl_zst(path: Path, records: int) -> Path:
    """``records`` JSON Lines records (1.2 KB each), zstd-compressed, at ``path``."""
    lines = (json.dumps({"id": f"r{i}", "url": f"https://gazette.example/{i}",
                         "text": page(i)}) + "\n" for i in range(records))
    path.write_bytes(zstandard.ZstdCompressor().compress("".join(lines).encode()))
    return path


@pytest.fixture(scope="module")
def big_jsonl_zst(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 3 MB of records: far more output than a pipe holds."""
    return jsonl_zst(tmp_path_factory.mktemp("stream") / "big.jsonl.zst", 2500)


def test_head_closes_the_pipe_quietly(big_jsonl_zst: Path) -> None:
    """``newsconv clean -j 2 big.jsonl.zst | head -n 5``: five lines, no traceback, 141."""
    command = (f"set -o pipefail; {sys.executable} -m newsconv clean -j 2 "
               f"'{big_jsonl_zst}' | head -n 5")
    result = subprocess.run(["bash", "-c", command], env=ENV, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.stdout.count("\n") == 5
    assert result.stderr == ""
    assert result.returncode == 141


def test_stderr_is_quiet_unless_asked(tmp_path: Path) -> None:
    """Not a terminal: nothing on stderr but errors, and the summary when asked for."""
    base = [*NEWSCONV, "clean", "-f", "jsonl", "-j", "2",
            str(jsonl_zst(tmp_path / "dump.jsonl.zst", 300))]
    plain = subprocess.run(base, env=ENV, capture_output=True, text=True, timeout=300,
                           check=False)
    assert (plain.returncode, plain.stderr) == (0, "")
    assert plain.stdout.count("\n") == 300
    for flag in ("--stats", "-v"):
        stats = subprocess.run([*base, flag], env=ENV, capture_output=True, text=True,
                               timeout=300, check=False)
        [line] = stats.stderr.splitlines()
        assert SUMMARY.fullmatch(line), line
        assert line.startswith("newsconv: 300 documents, 300 articles, ")
        assert stats.stdout == plain.stdout
    failed = subprocess.run([*base, "missing.txt", "--stats"], env=ENV, capture_output=True,
                            text=True, timeout=300, check=False)
    assert failed.returncode == 1
    error, summary = failed.stderr.splitlines()
    assert error == "newsconv: missing.txt: no such file or directory"
    assert SUMMARY.fullmatch(summary) and ", 1 failed; " in summary


def run_on_terminal(args: list[str]) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal (stdout to /dev/null); what it wrote there."""
    controller, terminal = pty.openpty()
    # a terminal of 120 columns (a new pseudo-terminal has none: tqdm would draw nothing)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=terminal,
                            stdin=subprocess.DEVNULL, env=ENV)
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 180)  # a deadlock guard
        if not ready:
            break
        try:
            data = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        seen += data
    os.close(controller)
    return proc.wait(timeout=60), seen.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_bytes(pages(0, 400))
    code, shown = run_on_terminal([*NEWSCONV, "clean", "--stats", str(dump)])
    assert code == 0
    assert "newsconv:" in shown and "%|" in shown  # the bar, with a known total
    assert re.search(r"\d+ docs, \d+ docs/s", shown)
    assert "B/s" in shown
    assert SUMMARY.search(shown)
    code, shown = run_on_terminal([*NEWSCONV, "clean", "--quiet", str(dump)])
    assert (code, shown) == (0, "")
