#!/usr/bin/env python3
"""How a ``newsconv clean -j 1`` run divides between the compiled core and the Python
around it, beside the bare loop of ``speed.py`` on the same dump, in one process.

    python benchmarks/core_share.py                       # the 30 MB dump of speed.py
    python benchmarks/core_share.py DUMP --repeat 5 --format text

Every call into ``newsconv._core`` (the engine's cleaning, the window statistics, the
mojibake test, ...) is timed in CPU seconds; the rest of the run is the Python around the
core: reading and ``json.loads``, mojibake repair, the ``Article`` records, dates, rendering
and writing.  The last column is the most that ``-j 1`` could reach against the bare loop
if the core took no time at all (bare loop CPU over the Python part's CPU): the ceiling the
speed issue's design (the core returns articles, Python reads and renders) sets for its
0.65x target.  Medians of ``--repeat`` rounds, each running the bare loop, then newsconv.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import speed  # noqa: E402
from newsconv import _core  # noqa: E402


@dataclass
class Clock:
    """CPU seconds spent in the calls it wrapped, and how many calls."""

    seconds: float = 0.0
    calls: int = 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.process_time()
            try:
                return self.wrap_object(fn(*args, **kwargs))
            finally:
                self.seconds += time.process_time() - t
                self.calls += 1
        return timed

    def wrap_object(self, obj: Any) -> Any:
        """The core's engines: their methods are timed too."""
        return _Timed(obj, self) if isinstance(obj, _core.Engine) else obj


class _Timed:
    """An object of the core whose callable attributes are timed by ``clock``."""

    def __init__(self, obj: Any, clock: Clock) -> None:
        self._obj, self._clock = obj, clock

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        return self._clock.wrap(value) if callable(value) else value


@contextlib.contextmanager
def timing_core(clock: Clock) -> Iterator[None]:
    """Route every newsconv module's ``_core`` through ``clock`` while the block runs.  The
    shipped engine is built anew inside the block (and again after it), so that no engine
    timed by another clock, or by none, is used or left behind."""
    import newsconv.cli  # noqa: F401  (loads every module the command uses)
    from newsconv.engine import default_engine
    patched = [m for name, m in list(sys.modules.items())
               if name.startswith("newsconv.") and getattr(m, "_core", None) is _core]
    proxy = _Timed(_core, clock)
    default_engine.cache_clear()
    for m in patched:
        m._core = proxy  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for m in patched:
            m._core = _core  # type: ignore[attr-defined]
        default_engine.cache_clear()


def run_newsconv(dump: Path, fmt: str, clock: Clock | None) -> tuple[float, str]:
    """CPU seconds of ``newsconv clean -j 1 --format FMT DUMP`` in this process, and its
    output."""
    from newsconv.cli import main
    out = io.StringIO()
    timer = timing_core(clock) if clock is not None else contextlib.nullcontext()
    with timer, contextlib.redirect_stdout(out):
        t = time.process_time()
        try:
            main(["clean", "-j", "1", "--format", fmt, "--quiet", str(dump)],
                 standalone_mode=False)
        except SystemExit as stop:  # the command ends with its exit code
            if stop.code:
                raise RuntimeError(f"newsconv clean exited with {stop.code}") from None
        cpu = time.process_time() - t
    return cpu, out.getvalue()


def measure(dump: Path, fmt: str = "jsonl", repeat: int = 3) -> dict[str, float]:
    rows = []
    for _ in range(repeat):
        t = time.process_time()
        with open(os.devnull, "w", encoding="utf-8") as sink:
            speed.bare_loop(dump, sink)
        bare = time.process_time() - t
        clock = Clock()
        total, _ = run_newsconv(dump, fmt, clock)
        rows.append({"bare_cpu_s": bare, "newsconv_cpu_s": total, "core_cpu_s": clock.seconds,
                     "python_cpu_s": total - clock.seconds, "core_calls": clock.calls})
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    med["core_share"] = med["core_cpu_s"] / med["newsconv_cpu_s"]
    med["ratio_to_bare"] = med["bare_cpu_s"] / med["newsconv_cpu_s"]
    med["ceiling_without_core"] = med["bare_cpu_s"] / med["python_cpu_s"]
    med["mb"] = dump.stat().st_size / speed.MB
    return med


def markdown(m: dict[str, float]) -> str:
    return "\n".join([
        "| input MB | bare loop CPU s | newsconv -j 1 CPU s | in the core | Python around it "
        "| -j 1 / bare loop | ceiling with a core that takes no time |",
        "|--:|--:|--:|--:|--:|--:|--:|",
        f"| {m['mb']:.0f} | {m['bare_cpu_s']:.2f} | {m['newsconv_cpu_s']:.2f} "
        f"| {m['core_cpu_s']:.2f} ({m['core_share']:.0%}) | {m['python_cpu_s']:.2f} "
        f"| {m['ratio_to_bare']:.3f} | {m['ceiling_without_core']:.2f} |",
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dump", nargs="?", type=Path, help="JSON Lines dump (default: speed.py's "
                    "30 MB dump of real page text, made if missing)")
    ap.add_argument("--format", default="jsonl", choices=("jsonl", "text", "markdown"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    dump = args.dump or speed.ensure_dump(30, 1)
    print(markdown(measure(dump, args.format, args.repeat)))


if __name__ == "__main__":
    main()
