#!/usr/bin/env python3
"""newsconv's speed, memory and start-up beside a bare Python loop, the C4 line rules and
jusText, on the same news dump, in one table.

    python benchmarks/speed.py                   # 30 MB dump of real page text (made once
                                                 # into benchmarks/data/ from ../shared/corpus)
    python benchmarks/speed.py --size-mb 200     # the README's run
    python benchmarks/speed.py --dump generated  # the invented dump of benchmarks/generate.py
    python benchmarks/speed.py --quick           # 20 MB smoke run
    python benchmarks/speed.py --flat            # also: newsconv -j 1 peak RSS on 20 MB vs 2 GB
    python benchmarks/speed.py --repeat 5        # medians over five rounds (one run of
                                                 # every tool each)
    python benchmarks/speed.py --profile         # cProfile of newsconv -j 1 over a 20 MB dump

The dump is made of real page text by default (``benchmarks/corpus_dump.py``: the pages of
``../shared/corpus`` cycled, renumbered, some glued, some mojibake); ``--dump generated``
measures on invented pages instead (``benchmarks/generate.py``), which are cheaper to clean.
Start-up is measured too: ``newsconv clean`` of one page with a month-word date line
(``examples/harbour-ferry.txt``), the median of ``--startup-runs`` runs.

Every tool runs in its own child process reading the same JSON Lines file and writing to
/dev/null; the parent measures wall time, CPU time (child and its waited-for descendants)
and peak resident memory: the largest single process (``wait4`` ru_maxrss, exact) and the
peak of the summed RSS of the whole process tree (sampled from /proc every 0.1 s; pages a
forked worker shares with its parent count twice, so this is an upper bound).

MB are 10^6 bytes of the input file; MB/s per core is MB/s divided by the worker processes
asked for (newsconv -j 2 counts two cores; its reading main process is not counted).  MB per
CPU second (input MB over user+system time of the whole tree) is the same rate measured so
that other work on the machine does not lower it: on a busy machine, read that column.  The
table is Markdown, for README.md; the numbers also go to benchmarks/out/speed.json.

The baselines are here too, as functions (``bare_loop``, ``c4_rules``, ``justext_rules``)
that the child processes run (``speed.py --tool NAME FILE``).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus_dump, generate  # noqa: E402

MB = generate.MB
OUT = HERE / "out"
JUSTEXT_MAX_MB = 300.0  # ~5 minutes of jusText at about 1 MB/s: a longer dump is cut
SAMPLE_S = 0.1
STARTUP_TARGET_S = 0.15

# --- the baselines, run inside the child processes ----------------------------------------

# The bare loop's one regex: a dozen chrome words searched anywhere in the line.  The loop's
# speed hangs on this choice (on the generated dump: ~185 MB/s for an anchored whole-line
# match, ~95 MB/s for this search, ~24 MB/s case-insensitive with word boundaries).
CHROME = re.compile(r"cookies|Subscribe|Sign In|Sign up|newsletter|Advertisement|Share|"
                    r"Comments|Log in|Menu|©")

# The C4 rules (Raffel et al. 2020, as in TensorFlow Datasets' c4_utils.clean_page).
C4_END = (".", "?", "!", '"')
C4_MIN_WORDS = 5
C4_MIN_SENTENCES = 3
C4_MAX_WORD = 1000
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies",
             "use of cookies", "use cookies")
C4_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?:\s|$)")


def iter_texts(path: Path, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """(bytes, text field) of each JSON Lines record of ``path``; stops after the record
    that reaches ``limit`` bytes, so a limit gives a deterministic prefix."""
    read = 0
    with open(path, "rb") as f:
        for raw in f:
            read += len(raw)
            yield len(raw), json.loads(raw)["text"]
            if limit is not None and read >= limit:
                return


def prefix_bytes(path: Path, limit: int | None) -> int:
    """How many bytes of ``path`` a tool reads with this ``limit``."""
    if limit is None:
        return path.stat().st_size
    return sum(n for n, _ in iter_texts(path, limit))


def bare_loop(path: Path, out: TextIO, limit: int | None = None) -> int:
    """Decode each record, split lines, test one compiled regex per line, write the kept
    lines.  Returns the bytes read."""
    read = 0
    search = CHROME.search
    for n, text in iter_texts(path, limit):
        read += n
        kept = [line for line in text.split("\n") if line and not search(line)]
        out.write("\n".join(kept))
        out.write("\n\f\n")
    return read


def c4_page(text: str) -> list[str] | None:
    """The lines of one page that the C4 rules keep, or None if they drop the page."""
    kept = []
    for raw in text.splitlines():
        line = C4_CITATION.sub("", raw).strip()
        if not line.endswith(C4_END):
            continue
        words = line.split()
        if len(words) < C4_MIN_WORDS or max(map(len, words)) > C4_MAX_WORD:
            continue
        low = line.lower()
        if "lorem ipsum" in low or "{" in line:
            return None
        if "javascript" in low or any(p in low for p in C4_POLICY):
            continue
        kept.append(line)
    if len(SENTENCE_END.findall(" ".join(kept))) < C4_MIN_SENTENCES:
        return None
    return kept


def c4_rules(path: Path, out: TextIO, limit: int | None = None) -> int:
    """The C4 line rules over every record; returns the bytes read."""
    read = 0
    for n, text in iter_texts(path, limit):
        read += n
        kept = c4_page(text)
        if kept:
            out.write("\n".join(kept))
            out.write("\n\f\n")
    return read


def justext_rules(path: Path, out: TextIO, limit: int | None = None) -> int:
    """jusText (English stoplist) on each page, every line wrapped in <p>; returns the bytes
    read."""
    import justext

    stoplist = justext.get_stoplist("English")
    read = 0
    for n, text in iter_texts(path, limit):
        read += n
        body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)
        paragraphs = justext.justext(f"<html><body>{body}</body></html>", stoplist)
        out.write("\n".join(p.text for p in paragraphs if not p.is_boilerplate))
        out.write("\n\f\n")
    return read


TOOLS: dict[str, Callable[[Path, TextIO, int | None], int]] = {
    "bare": bare_loop, "c4": c4_rules, "justext": justext_rules,
}

# --- measuring a child process ------------------------------------------------------------


def _proc_kb(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) of a live process in kB, None if it is gone or has no memory."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if line.startswith("Vm"))
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids += map(int, f.read().split())
    except OSError:
        pass
    return kids


def process_tree(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += _children(pid)
    return tree


@dataclass
class TreeSampler:
    """Samples the memory of a process tree: the peak of each process and of the sum."""

    root: int
    peaks_kb: dict[int, int] = field(default_factory=dict)
    sum_peak_kb: int = 0

    def sample(self) -> None:
        total = 0
        for pid in process_tree(self.root):
            kb = _proc_kb(pid)
            if kb is not None:
                total += kb[0]
                self.peaks_kb[pid] = max(self.peaks_kb.get(pid, 0), kb[1])
        self.sum_peak_kb = max(self.sum_peak_kb, total)

    def watch(self, done: threading.Event, every: float = SAMPLE_S) -> None:
        while not done.is_set():
            self.sample()
            done.wait(every)


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    wall_s: float
    cpu_s: float
    rss_max_mb: float  # the largest single process of the tree
    rss_sum_mb: float  # the summed RSS of the tree at its (sampled) peak
    processes: int
    load: float  # the machine's 1-minute load average when it ended


def measure(argv: Sequence[str]) -> Run:
    """Run ``argv`` with stdout to /dev/null; its time and peak memory.  Raises
    RuntimeError with the end of its stderr if it fails."""
    with tempfile.TemporaryFile() as err, open(os.devnull, "wb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=null, stderr=err)
        sampler, done = TreeSampler(proc.pid), threading.Event()
        thread = threading.Thread(target=sampler.watch, args=(done,), daemon=True)
        thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        thread.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    rss_max_kb = max(usage.ru_maxrss, *sampler.peaks_kb.values(), 0)
    return Run(wall, usage.ru_utime + usage.ru_stime, rss_max_kb / 1024,
               max(sampler.sum_peak_kb, rss_max_kb) / 1024, len(sampler.peaks_kb),
               os.getloadavg()[0])


# --- the benchmark ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bench:
    """One row of the table: a command, the input it reads, the cores it may use."""

    key: str
    label: str
    argv: list[str]
    input_bytes: int
    jobs: int = 1
    repeat: int = 1


@dataclass(frozen=True)
class Row:
    """A bench and its runs, summarised by medians (memory: the largest run)."""

    bench: Bench
    runs: list[Run]

    @property
    def wall_s(self) -> float:
        return statistics.median(r.wall_s for r in self.runs)

    @property
    def cpu_s(self) -> float:
        return statistics.median(r.cpu_s for r in self.runs)

    @property
    def mb_s(self) -> float:
        return self.bench.input_bytes / MB / self.wall_s

    @property
    def mb_s_core(self) -> float:
        return self.mb_s / self.bench.jobs

    @property
    def rss_max_mb(self) -> float:
        return max(r.rss_max_mb for r in self.runs)

    @property
    def rss_sum_mb(self) -> float:
        return max(r.rss_sum_mb for r in self.runs)

    def summary(self) -> dict[str, Any]:
        return {"label": self.bench.label, "input_mb": self.bench.input_bytes / MB,
                "jobs": self.bench.jobs, "wall_s": self.wall_s, "cpu_s": self.cpu_s,
                "mb_s": self.mb_s, "mb_s_per_core": self.mb_s_core,
                "rss_max_mb": self.rss_max_mb, "rss_sum_mb": self.rss_sum_mb,
                "runs": [asdict(r) for r in self.runs]}


def newsconv_args(path: Path, jobs: int) -> list[str]:
    """The arguments of the benchmarked newsconv command."""
    return ["clean", "--format", "jsonl", "--input-format", "jsonl", "-q", "-j", str(jobs),
            str(path)]


def newsconv_cmd() -> list[str]:
    """The installed console script of this interpreter's environment (else ``-m``)."""
    script = Path(sys.executable).parent / "newsconv"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsconv"]


def newsconv_argv(path: Path, jobs: int) -> list[str]:
    """The benchmarked newsconv command."""
    return [*newsconv_cmd(), *newsconv_args(path, jobs)]


def tool_argv(tool: str, path: Path, limit: int | None = None) -> list[str]:
    """The command that runs one baseline of this module in a child process."""
    extra = ["--limit-bytes", str(limit)] if limit is not None else []
    return [sys.executable, str(Path(__file__).resolve()), "--tool", tool, *extra, str(path)]


def benches(path: Path, repeat: int | None, justext_max_mb: float,
            justext_repeat: int = 1) -> list[Bench]:
    """The rows of the table for one dump.  Every tool runs three times unless ``repeat``
    says otherwise; jusText, thirty times slower than newsconv, ``justext_repeat`` times."""
    size = path.stat().st_size
    fast, slow = repeat or 3, justext_repeat
    jt_limit = int(justext_max_mb * MB) if size > justext_max_mb * MB else None
    jt_bytes = prefix_bytes(path, jt_limit)
    jt_label = "jusText" if jt_limit is None else f"jusText (first {jt_bytes / MB:.0f} MB)"
    return [
        Bench("bare", "bare Python loop", tool_argv("bare", path), size, repeat=fast),
        Bench("c4", "C4 line rules", tool_argv("c4", path), size, repeat=fast),
        Bench("justext", jt_label, tool_argv("justext", path, jt_limit), jt_bytes, repeat=slow),
        Bench("newsconv-j1", "newsconv -j 1", newsconv_argv(path, 1), size, 1, fast),
        Bench("newsconv-j2", "newsconv -j 2", newsconv_argv(path, 2), size, 2, fast),
    ]


def _run_once(bench: Bench, i: int) -> Run:
    run = measure(bench.argv)
    print(f"  {bench.label} [{i + 1}/{bench.repeat}]: {run.wall_s:.1f} s, "
          f"{bench.input_bytes / MB / run.wall_s:.2f} MB/s, "
          f"RSS {run.rss_max_mb:.0f} MB", file=sys.stderr, flush=True)
    return run


def run_bench(bench: Bench) -> Row:
    return Row(bench, [_run_once(bench, i) for i in range(bench.repeat)])


def run_rounds(benches: Sequence[Bench]) -> dict[str, Row]:
    """Run ``benches`` in rounds: round ``k`` runs, in table order, every bench that asks
    for more than ``k`` runs.  This shared machine's speed drifts by 10-20 % over minutes,
    so the runs of one tool are spread over the whole measure instead of bunched in one
    stretch of it, and the runs of one round (a minute or two apart) can be compared pair
    by pair (``ratios``: round by round)."""
    runs: dict[str, list[Run]] = {b.key: [] for b in benches}
    for k in range(max((b.repeat for b in benches), default=0)):
        for b in benches:
            if k < b.repeat:
                runs[b.key].append(_run_once(b, k))
    return {b.key: Row(b, runs[b.key]) for b in benches}


def ensure_dump(size_mb: float, seed: int, kind: str = "corpus") -> Path:
    """The dump of this size and kind (``corpus``: real page text; ``generated``: invented
    pages), made once."""
    module = corpus_dump if kind == "corpus" else generate
    path = (corpus_dump.default_path(size_mb, seed) if kind == "corpus"
            else generate.default_path(size_mb, "jsonl", seed))
    if not path.exists():
        # in a child process: Linux carries a parent's peak RSS into the ru_maxrss of the
        # children it forks later, so making the dump here would inflate every row
        print(f"making {path} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(Path(module.__file__ or "")), "--size-mb",
                        f"{size_mb:g}", "--seed", str(seed), "--out", str(path)], check=True)
    return path


STARTUP_PAGE = ROOT / "examples" / "harbour-ferry.txt"  # its date line has a month word


def startup(runs: int) -> dict[str, Any]:
    """``newsconv clean`` of one page, start to finish: the median wall time of ``runs``.
    The package's bytecode is compiled first, as ``pip install`` does: with
    PYTHONDONTWRITEBYTECODE set (or a freshly edited tree) every run would otherwise
    compile the package's sources again."""
    import newsconv
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(newsconv.__file__).parent)], check=False)
    argv = [*newsconv_cmd(), "clean", str(STARTUP_PAGE)]
    times = [measure(argv) for _ in range(runs)]
    return {"label": f"newsconv clean {STARTUP_PAGE.name}", "runs": runs,
            "wall_s": statistics.median(r.wall_s for r in times),
            "cpu_s": statistics.median(r.cpu_s for r in times),
            "rss_max_mb": max(r.rss_max_mb for r in times)}


def ratios(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The ratios the issue sets targets for (and C4 beside the bare loop, for reference),
    from the rows' summaries: by wall clock and, where it means something, by CPU time
    (MB per CPU second, which other load on the machine does not lower)."""
    def wall(key: str) -> float:
        return rows[key]["mb_s"]

    def cpu(key: str) -> float:
        return rows[key]["input_mb"] / rows[key]["cpu_s"]

    def paired(a: str, b: str) -> float | None:
        # the median over the rounds both ran in of a's rate over b's (the same run count
        # for both: a round's runs are minutes apart at most, a drift falls on both)
        ra, rb = rows[a]["runs"], rows[b]["runs"]
        if min(len(ra), len(rb)) < 2:
            return None
        size, n = rows[a]["input_mb"] / rows[b]["input_mb"], min(len(ra), len(rb))
        return statistics.median(y["wall_s"] / x["wall_s"] * size
                                 for x, y in zip(ra[:n], rb[:n], strict=True))

    found = [
        ("newsconv -j 1 / bare loop", "newsconv-j1", "bare", True, 0.65),
        ("newsconv -j 1 / C4 line rules", "newsconv-j1", "c4", True, 2.0),
        ("newsconv -j 1 / jusText", "newsconv-j1", "justext", True, 30.0),
        ("newsconv -j 2 / -j 1 (speed-up)", "newsconv-j2", "newsconv-j1", False, 1.8),
        ("C4 line rules / bare loop", "c4", "bare", True, None),
    ]
    out = []
    for name, a, b, by_cpu, target in found:
        by_wall, rounds = wall(a) / wall(b), paired(a, b)
        cpu_ratio = cpu(a) / cpu(b) if by_cpu else None
        # judged by the round-by-round median where there is one (the measure a drift of
        # the machine moves least), else by the medians; by CPU time too, which other work
        # on the machine does not lower
        primary = by_wall if rounds is None else rounds
        out.append({"ratio": name, "wall": by_wall, "rounds": rounds, "cpu": cpu_ratio,
                    "target": target,
                    "met": None if target is None else max(primary, cpu_ratio or 0.0) >= target})
    return out


def flatness(seed: int, sizes_mb: Sequence[float], repeat: int, kind: str = "corpus"
             ) -> list[dict[str, Any]]:
    """newsconv -j 1 peak RSS over dumps of growing size."""
    rows = []
    for size in sizes_mb:
        path = ensure_dump(size, seed, kind)
        bench = Bench(f"flat-{size:g}", f"newsconv -j 1, {size:g} MB", newsconv_argv(path, 1),
                      path.stat().st_size, repeat=repeat)
        rows.append(run_bench(bench).summary())
    return rows


def count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def _output(argv: Sequence[str]) -> str:
    """What a quick command prints; empty if it cannot run."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, cwd=tempfile.gettempdir())
    except OSError:
        return ""
    return done.stdout.strip()


def provenance() -> dict[str, Any]:
    """Which newsconv the children import (PYTHONPATH may point at a snapshot) and the
    repository's commit (read without taking git's index lock)."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    return {"newsconv": _output([sys.executable, "-c",
                                 "import newsconv; print(newsconv.__file__)"]),
            "commit": _output([*git, "rev-parse", "--short", "HEAD"]),
            "newsconv_dirty": bool(_output([*git, "status", "--porcelain", "newsconv"]))}


def machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "load_before": os.getloadavg(), **provenance()}


# --- the report -----------------------------------------------------------------------------


def _newsconv_origin(m: dict[str, Any]) -> str:
    """Where the measured newsconv came from, in words."""
    if not m["newsconv"].startswith(str(ROOT)):
        return f"{m['newsconv']} (not this working tree, which is at {m['commit']})"
    return f"this working tree at {m['commit']}" + (
        " with uncommitted changes to newsconv/" if m["newsconv_dirty"] else "")


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown tables."""
    m, d = report["machine"], report["dump"]
    lines = [
        f"Dump: {d['path']} — {d['mb']:.0f} MB, {d['documents']} documents of JSON Lines "
        f"({d.get('kind', 'generated')}, seed {d['seed']}).  Machine: {m['cpu']}, "
        f"{m['cores']} cores, Python {m['python']}; "
        f"load average {m['load_before'][0]:.2f} before, {m['load_after'][0]:.2f} after.  "
        f"newsconv: {_newsconv_origin(m)}.",
        "",
        "| tool | input MB | wall s | MB/s | cores | MB/s per core | CPU s | MB per CPU s "
        "| peak RSS MB (largest process) | peak RSS MB (all processes) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in report["rows"].values():
        lines.append(
            f"| {r['label']} | {r['input_mb']:.0f} | {r['wall_s']:.1f} | {r['mb_s']:.2f} "
            f"| {r['jobs']} | {r['mb_s_per_core']:.2f} | {r['cpu_s']:.1f} "
            f"| {r['input_mb'] / r['cpu_s']:.2f} "
            f"| {r['rss_max_mb']:.0f} | {r['rss_sum_mb']:.0f} |")
    lines += ["", "| ratio | by wall clock | round by round (median) | by CPU time | target "
              "| met |", "|---|--:|--:|--:|--:|:-:|"]
    for q in report["ratios"]:
        met = "–" if q["met"] is None else ("yes" if q["met"] else "**no**")
        target = "–" if q["target"] is None else f"≥ {q['target']:g}"
        by_cpu = "–" if q["cpu"] is None else f"{q['cpu']:.3g}"
        rounds = "–" if q.get("rounds") is None else f"{q['rounds']:.3g}"
        lines.append(f"| {q['ratio']} | {q['wall']:.3g} | {rounds} | {by_cpu} | {target} "
                     f"| {met} |")
    busy = [(run["load"], r["jobs"]) for r in report["rows"].values() for run in r["runs"]
            if run["load"] > r["jobs"] + 1]
    if busy:
        lines.append(f"\nThe machine was busy with other work (load average up to "
                     f"{max(busy)[0]:.1f} on {m['cores']} cores): wall-clock rates are lowered "
                     f"and the -j 2 speed-up is not meaningful; read the CPU-time columns.")
    if report.get("flat"):
        lines += ["", "| memory flatness | input MB | wall s | MB/s "
                  "| peak RSS MB (largest process) | peak RSS MB (all processes) |",
                  "|---|--:|--:|--:|--:|--:|"]
        lines += [f"| {r['label']} | {r['input_mb']:.0f} | {r['wall_s']:.1f} "
                  f"| {r['mb_s']:.2f} | {r['rss_max_mb']:.0f} | {r['rss_sum_mb']:.0f} |"
                  for r in report["flat"]]
        first, last = report["flat"][0], report["flat"][-1]
        lines.append(f"\nPeak RSS grows {last['rss_max_mb'] / first['rss_max_mb']:.2f}x from "
                     f"{first['input_mb']:.0f} MB to {last['input_mb']:.0f} MB of input "
                     f"(target: flat, at most 150 MB).")
    if report.get("startup"):
        st = report["startup"]
        met = "yes" if st["wall_s"] <= STARTUP_TARGET_S else "**no**"
        lines += ["", "| start-up | runs | median wall s | median CPU s | peak RSS MB "
                  "| target | met |", "|---|--:|--:|--:|--:|--:|:-:|",
                  f"| {st['label']} | {st['runs']} | {st['wall_s']:.3f} | {st['cpu_s']:.3f} "
                  f"| {st['rss_max_mb']:.0f} | ≤ {STARTUP_TARGET_S:g} s | {met} |"]
    return "\n".join(lines) + "\n"


def profile(path: Path, out: Path, top: int = 25) -> str:
    """cProfile of ``newsconv clean -j 1`` over ``path`` in one process: the ``top``
    functions by cumulative and by own time."""
    import io
    import pstats

    out.parent.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "newsconv",
            *newsconv_args(path, 1)]
    run = measure(argv)
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text).strip_dirs()
    for order in ("cumulative", "tottime"):
        stats.sort_stats(order).print_stats(top)
    head = f"{path.stat().st_size / MB:.0f} MB in {run.wall_s:.0f} s under cProfile\n"
    return head + text.getvalue()


def run_tool(tool: str, path: Path, limit: int | None) -> int:
    """Child-process entry: one baseline over ``path``, output on stdout."""
    TOOLS[tool](path, sys.stdout, limit)
    sys.stdout.flush()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float,
                        help="dump size (default 30; 20 with --quick or --profile)")
    parser.add_argument("--dump", choices=("corpus", "generated"),
                        help="real page text from ../shared/corpus (the default where it is "
                             "present) or the invented pages of generate.py")
    parser.add_argument("--startup-runs", type=int, default=10,
                        help="runs of the one-page start-up measure (0: none)")
    parser.add_argument("--quick", action="store_true", help="a 20 MB smoke run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, help="runs per tool (default: 3), in rounds of "
                        "one run of every tool; the table shows medians")
    parser.add_argument("--justext-repeat", type=int, default=1,
                        help="runs of jusText (default 1: it takes minutes)")
    parser.add_argument("--justext-max-mb", type=float, default=JUSTEXT_MAX_MB,
                        help="run jusText on at most this prefix of the dump")
    parser.add_argument("--flat", action="store_true",
                        help="also newsconv -j 1 peak RSS on the --flat-sizes dumps")
    parser.add_argument("--flat-sizes", default="20,2000", help="MB, comma-separated")
    parser.add_argument("--json", type=Path, default=OUT / "speed.json")
    parser.add_argument("--profile", action="store_true",
                        help="only profile newsconv -j 1 (20 MB unless --size-mb is given)")
    parser.add_argument("--tool", choices=sorted(TOOLS), help=argparse.SUPPRESS)
    parser.add_argument("--limit-bytes", type=int, help=argparse.SUPPRESS)
    parser.add_argument("input", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.tool:
        return run_tool(args.tool, args.input, args.limit_bytes)

    size_mb = args.size_mb or (20.0 if args.quick or args.profile else 30.0)
    kind = args.dump or ("corpus" if corpus_dump.CORPUS.is_dir() else "generated")
    path = ensure_dump(size_mb, args.seed, kind)
    if args.profile:
        print(profile(path, OUT / "newsconv.pstats"))
        return 0
    info = machine()
    rows = run_rounds(benches(path, args.repeat, args.justext_max_mb, args.justext_repeat))
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": info,
        "dump": {"path": str(path), "mb": path.stat().st_size / MB, "seed": args.seed,
                 "documents": count_lines(path), "kind": kind},
    }
    report["rows"] = {k: r.summary() for k, r in rows.items()}
    report["ratios"] = ratios(report["rows"])
    if args.flat:
        sizes = [float(s) for s in args.flat_sizes.split(",")]
        report["flat"] = flatness(args.seed, sizes, args.repeat or 1, kind)
    if args.startup_runs:
        report["startup"] = startup(args.startup_runs)
    info["load_after"] = os.getloadavg()
    table = markdown(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    args.json.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
