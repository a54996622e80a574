"""-j determinism and the dump-level statistics behind it.

The output of ``newsconv clean`` (stdout, --keep-dropped log, stderr, exit status) is the
same for every number of worker processes, on a dump built so that the order-sensitive parts
matter: more than one window (``WINDOW_DOCS``), windows whose last batch is cut short, chrome
lines that only the dump-level statistics catch, an over-long line dropped by the reader and
a missing input between two good ones.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv import boilerplate
from newsconv.boilerplate import (
    MIN_DOCS,
    MIN_DOCS_PROSE,
    PROSE_SHARE,
    WINDOW_DOCS,
    Repeats,
    WindowHasher,
    dump_key,
    key_hash,
    line_hashes,
    repeated,
    window_stats,
)
from newsconv.model import Document
from newsconv.runner import BATCH_DOCS, Task, work_units
from newsconv.sources import Dropped, InputError, ReadOptions
from tests.paths import FIXTURES, ROOT

TOWNS = ("Westmere", "Old Quay", "Larkhill", "Fenby", "Ashgrove", "Millbrook", "Corran",
         "Dunmore")
PLACES = ("library", "bridge", "tram line", "market hall", "swimming pool", "bus depot",
          "museum", "park")
SEASONS = ("spring", "summer", "autumn", "winter")
# Chrome that reads like article text: only the dump-level statistics can tell.
PROMO = "The Gazette is independent and owned by its readers, and every story is free to read"
PROSE_PROMO = ("Valley Gazette readers can have the print edition delivered for two euros "
               "a week.")
# In three documents at the end of the first window and one at the start of the second:
# never four in one window, so never dump-level boilerplate.
STRADDLER = "Gazette weekend quiz"


def page(i: int, seed: int = 0) -> str:
    """Document ``i`` of a templated dump of a small local paper (every tenth one carries
    ``PROSE_PROMO``, every fifth ``PROMO``)."""
    r = random.Random(seed * 1_000_003 + i)
    town, place = r.choice(TOWNS), r.choice(PLACES)
    title = f"The {place} in {town} reopens after {i % 11 + 2} months"
    paras = [
        f"{town.upper()} — The {place} in {town} opened again on Monday, "
        f"{r.randint(20, 400)} days after it closed, and residents queued before the doors "
        "opened.",
        f"The repairs cost {r.randint(2, 90)} thousand, less than the council had set aside, "
        f"because the roof needed less work than the surveyors expected in "
        f"{r.choice(SEASONS)}.",
    ]
    if i % 5 == 0:
        paras.append(PROMO)
    if i % 10 == 0:
        paras.append(PROSE_PROMO)
    if i in (WINDOW_DOCS - 3, WINDOW_DOCS - 2, WINDOW_DOCS - 1, WINDOW_DOCS):
        paras.append(STRADDLER)
    paras.append(f"A councillor said the {r.choice(PLACES)} would be the next to be "
                 f"renovated once the budget for {2025 + i % 3} is agreed.")
    lines = [f"{title} | Valley Gazette", "Home", "News", "Sport", title, "By Ola Hart", *paras,
             "Share this article", "Leave a Reply", "Privacy Policy"]
    return "\n\n".join(lines) + "\n"


def dump(n: int, seed: int = 0, long_line_at: int | None = None) -> str:
    """``n`` pages separated by form-feed lines; page ``long_line_at`` holds a line longer
    than 1K (dropped by the reader under ``--max-line-bytes 1K``)."""
    pages = [page(i, seed) for i in range(n)]
    if long_line_at is not None:
        pages[long_line_at] += "\n" + "overlong " * 200 + "\n"
    return "\f\n".join(pages)


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``python -m newsconv ARGS`` in ``cwd``, on this working tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "newsconv", *args], cwd=cwd,
                          stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=300,
                          check=False)


@pytest.fixture(scope="module")
def big_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel")
    (folder / "gazette.txt").write_text(dump(WINDOW_DOCS + 300, long_line_at=700),
                                        encoding="utf-8")
    (folder / "valley-post.jsonl").write_bytes((FIXTURES / "scale" / "valley-post.jsonl")
                                              .read_bytes())
    return folder


Run = tuple[int, bytes, bytes, bytes]  # exit status, stdout, stderr, --keep-dropped log


@pytest.fixture(scope="module")
def runs(big_dump: Path) -> dict[int, Run]:
    """``newsconv clean -j N`` for N = 1, 2, 3 on the big dump."""
    found = {}
    for jobs in (1, 2, 3):
        log = big_dump / f"dropped-{jobs}.jsonl"
        result = run_cli(["clean", "-j", str(jobs), "--max-line-bytes", "1K",
                          "--keep-dropped", str(log), "gazette.txt", "missing.txt",
                          "valley-post.jsonl"], big_dump)
        found[jobs] = (result.returncode, result.stdout, result.stderr, log.read_bytes())
    return found


def test_output_is_identical_for_every_jobs(runs: dict[int, Run]) -> None:
    assert runs[1] == runs[2] == runs[3]
    code, out, err, log_bytes = runs[1]
    assert code == 1
    assert err.decode() == "newsconv: missing.txt: no such file or directory\n"
    text = out.decode()
    assert text.count("\f\n") == WINDOW_DOCS + 300 + 4 - 1  # one article per page
    # The dump-level statistics did their work, in both windows...
    records = [json.loads(line) for line in log_bytes.decode().splitlines()]
    repeats = Counter(r["text"] for r in records if r["label"] == "dump-repeat")
    assert repeats["Home"] == repeats["Leave a Reply"] == WINDOW_DOCS + 300
    # ...but never across a window boundary,
    assert STRADDLER not in repeats
    # and the reader's dropped line kept its place among the documents' records.
    overlong = [i for i, r in enumerate(records) if r["label"] == "overlong"]
    assert len(overlong) == 1
    assert records[overlong[0] - 1]["doc_index"] <= 700 <= records[overlong[0] + 1]["doc_index"]


def test_dump_repeats_stay_out_of_the_articles(runs: dict[int, Run]) -> None:
    out = runs[2][1].decode()
    assert PROMO not in out
    assert PROSE_PROMO not in out


def test_jsonl_output_is_identical_for_every_jobs(big_dump: Path) -> None:
    (big_dump / "gazette-short.txt").write_text(dump(150, seed=7), encoding="utf-8")
    outs = {jobs: run_cli(["clean", "-f", "jsonl", "-j", str(jobs), "valley-post.jsonl",
                           "gazette-short.txt"], big_dump) for jobs in (1, 3)}
    assert outs[1].returncode == outs[3].returncode == 0
    assert outs[1].stdout == outs[3].stdout
    assert outs[1].stderr == outs[3].stderr == b""


# --- windows and batches ----------------------------------------------------------------

def _units(text: str, options: ReadOptions | None = None) -> list[
        list[Task] | InputError | Dropped]:
    data = text.encode("utf-8")
    return list(work_units(["dump.txt"], options or ReadOptions(), lambda name: io.BytesIO(data)))


def test_windows_are_cut_into_batches_in_input_order() -> None:
    n = WINDOW_DOCS + 300
    units = _units(dump(n))
    batches = [u for u in units if isinstance(u, list)]
    indices = [t.document.index for b in batches for t in b]
    assert indices == list(range(n))
    assert all(0 < len(b) <= BATCH_DOCS for b in batches)
    # the first window ends inside what would otherwise be one batch: cut there
    ends = {b[-1].document.index for b in batches}
    assert WINDOW_DOCS % BATCH_DOCS and WINDOW_DOCS - 1 in ends


def test_statistics_are_per_window() -> None:
    tasks = {t.document.index: t for u in _units(dump(WINDOW_DOCS + 300))
             if isinstance(u, list) for t in u}
    first, second = tasks[0], tasks[WINDOW_DOCS]
    assert "home" in first.repeats and "home" in second.repeats
    assert dump_key(PROMO) in first.repeats and dump_key(PROMO) in tasks[WINDOW_DOCS + 5].repeats
    assert dump_key(PROSE_PROMO) in first.repeats
    # only the repeated lines of the document itself are shipped with it
    assert dump_key(PROMO) not in tasks[1].repeats
    for i in (WINDOW_DOCS - 3, WINDOW_DOCS - 1, WINDOW_DOCS):
        assert dump_key(STRADDLER) not in tasks[i].repeats
    # an article's own lines are never boilerplate
    body = [line for line in page(0).split("\n") if line.startswith(("WEST", "OLD", "LARK",
                                                                      "The repairs"))]
    assert body and not any(dump_key(line) in first.repeats for line in body)


def test_units_are_the_same_for_every_jobs() -> None:
    """With ``-j`` the lines are hashed on threads as they are read: the windows, batches
    and statistics must not change."""
    data = dump(WINDOW_DOCS + 300, long_line_at=700).encode("utf-8")

    def units(jobs: int) -> list[object]:
        read = ReadOptions(max_line_bytes=1024)
        return [[(t.document.index, t.repeats, t.copy_of) for t in u] if isinstance(u, list)
                else u for u in work_units(["dump.txt"], read, lambda name: io.BytesIO(data),
                                           jobs)]

    one = units(1)
    assert any(isinstance(u, list) and any(r for _, r, _ in u) for u in one)
    assert units(2) == one
    assert units(3) == one


def test_reader_messages_keep_their_place() -> None:
    text = dump(16, long_line_at=10)
    units = _units(text, ReadOptions(max_line_bytes=1024))
    kinds = [[t.document.index for t in u] if isinstance(u, list) else type(u).__name__
             for u in units]
    assert kinds == [list(range(10)), "Dropped", list(range(10, 16))]


# --- dump statistics: hashes only -------------------------------------------------------

def _prose(key: str) -> bool:
    """A sentence-like line: 6+ words ending in sentence punctuation (the definition)."""
    return key.endswith((".", "!", "?", "…", "”", '"', "’", "。")) and key.count(" ") >= 5


def _key(line: str) -> str:
    """A line's comparison key: white space collapsed, lower case (the definition; a lone
    surrogate stays, as the statistics hash it)."""
    return " ".join(line.split()).lower()


def _reference(docs: list[str]) -> set[str]:
    """The repeated keys, computed on strings (the definition)."""
    keys = [{_key(line) for line in d.split("\n")
             if line and len(line) <= boilerplate.MAX_LINE_CHARS and not line.isspace()}
            for d in docs]
    if len(keys) < MIN_DOCS:
        return set()
    counts = Counter(k for ks in keys for k in ks)
    prose_min = max(MIN_DOCS_PROSE, int(len(docs) * PROSE_SHARE + 0.999))
    return {k for k, c in counts.items()
            if c >= MIN_DOCS and (c >= prose_min or not _prose(k))}


LINES = st.sampled_from(["Home", "home ", "Share", "A story.", "Leave a Reply",
                         "Your email address will not be published here today.",
                         "Support us", "  SPORT", "\ud800 broken surrogate", "ニュース",
                         "x" * 201])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(LINES, max_size=8).map("\n".join), max_size=14))
def test_hashed_statistics_match_the_string_definition(docs: list[str]) -> None:
    window = repeated([line_hashes(d) for d in docs])
    expected = _reference(docs)
    for d in docs:
        reps = Repeats.of(line_hashes(d), window)
        for line in d.split("\n"):
            key = _key(line)
            if "\ud800" not in line:
                assert dump_key(line) == key  # the core's key is the definition's
            if line and len(line) <= boilerplate.MAX_LINE_CHARS:
                assert (key in reps) == (key in expected), key


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(LINES, max_size=8).map("\n".join), max_size=150),
       st.integers(0, 3), st.integers(1, 40))
def test_the_threaded_hasher_counts_as_one_call(docs: list[str], threads: int,
                                                 cut: int) -> None:
    """``WindowHasher`` (slices hashed on threads while more documents arrive, the window
    closed by ``stats``) gives exactly ``window_stats`` of the same texts, window after
    window."""
    first, second = docs[:cut], docs[cut:]
    with WindowHasher(threads) as hasher:
        hasher.HASH_SLICE = 7  # many slices even in small windows
        for text in first:
            hasher.add(text)
        assert hasher.stats() == window_stats(first)
        for text in second:
            hasher.add(text)
        assert hasher.stats() == window_stats(second)


def test_prose_needs_more_documents() -> None:
    sentence = "Your email address will not be published, the site says."
    docs = [f"Story {i}.\n{sentence}\nHome" for i in range(MIN_DOCS_PROSE - 1)]
    window = repeated([line_hashes(d) for d in docs])
    reps = Repeats.of(line_hashes(docs[0]), window)
    assert "home" in reps and dump_key(sentence) not in reps
    docs.append(docs[0])
    window = repeated([line_hashes(d) for d in docs])
    assert dump_key(sentence) in Repeats.of(line_hashes(docs[0]), window)


def test_hashes_are_stable_across_processes() -> None:
    """The main process counts and the workers test: the hash must not depend on the
    process (``hash()`` of a str does, under hash randomisation)."""
    code = "from newsconv.boilerplate import key_hash; print(key_hash('leave a reply'))"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "random"}
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)}
    assert outs == {str(key_hash("leave a reply"))}


def test_repeats_are_small_and_picklable() -> None:
    import pickle
    docs = [page(i) for i in range(20)]
    window = repeated([line_hashes(d) for d in docs])
    reps = Repeats.of(line_hashes(docs[0]), window)
    assert pickle.loads(pickle.dumps(reps)) == reps
    assert all(isinstance(h, int) for h in reps.hashes)  # no strings kept
    task = Task(Document("x", 0, docs[0]), reps)
    assert len(pickle.dumps(task.repeats)) < 40 * (len(reps) + 4)


# --- the worker pool ---------------------------------------------------------------------------


def _pool_docs(n: int) -> list[Document]:
    return [Document("pool", i, f"Story {i}\n\nThe harbour ferry number {i} left on time this "
                                f"morning, and its {i} passengers said the crossing was calm.\n")
            for i in range(n)]


def test_workers_queue_batches_and_results_keep_input_order() -> None:
    """Each worker holds up to QUEUED_PER_WORKER batches; the results come back in input
    order, the same as in one process."""
    from newsconv.pipeline import Config
    from newsconv.runner import QUEUED_PER_WORKER, RenderOptions, Runner, window_tasks

    assert QUEUED_PER_WORKER >= 2
    tasks = window_tasks(_pool_docs(24))
    units = [tasks[i:i + 2] for i in range(0, len(tasks), 2)]
    with Runner(Config(), RenderOptions(format="jsonl"), jobs=1) as one:
        alone = list(one.run(units))
    with Runner(Config(), RenderOptions(format="jsonl"), jobs=2) as pool:
        pooled = list(pool.run(units))
    assert [r.doc_index for r in pooled] == list(range(24))  # type: ignore[union-attr]
    assert pooled == alone


def test_a_worker_dying_with_two_batches_queued_loses_neither(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that dies while it holds two batches: both are cleaned in the main process,
    once, in their place; one note says so."""
    from newsconv import runner
    from newsconv.pipeline import Config
    from newsconv.runner import RenderOptions, Runner, window_tasks

    parent, real = os.getpid(), runner.process

    def fragile(task: Task, config: Config, options: RenderOptions) -> runner.DocResult:
        if os.getpid() != parent and task.document.index == 4:
            os._exit(3)  # the worker holding document 4 dies (its next batch is queued)
        return real(task, config, options)

    monkeypatch.setattr(runner, "process", fragile)
    tasks = window_tasks(_pool_docs(16))
    units = [tasks[i:i + 2] for i in range(0, len(tasks), 2)]
    notes: list[str] = []
    with Runner(Config(), RenderOptions(format="jsonl"), jobs=2, note=notes.append) as pool:
        results = list(pool.run(units))
    assert [r.doc_index for r in results] == list(range(16))  # type: ignore[union-attr]
    assert all(r.error is None and r.articles for r in results)  # type: ignore[union-attr]
    assert len(notes) == 1 and "exit code 3" in notes[0]


def test_a_batch_the_worker_cannot_read_ends_the_worker_not_the_run() -> None:
    """The worker's receiving thread hands on None (stop) for a closed pipe and for a batch
    it cannot unpickle alike, so the worker ends and the main process cleans what it held
    instead of waiting for ever."""
    import queue

    from newsconv.runner import _receive

    class Pipe:
        def __init__(self, *answers: object) -> None:
            self.answers = list(answers)

        def recv(self) -> object:
            answer = self.answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer

    for failure in (EOFError(), OSError("reset"), ValueError("unpickling stack underflow")):
        inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        _receive(Pipe(["batch"], failure, ["never read"]), inbox)  # type: ignore[arg-type]
        assert [inbox.get_nowait(), inbox.get_nowait()] == [["batch"], None]
        assert inbox.empty()
