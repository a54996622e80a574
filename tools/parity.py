"""Parity of the compiled core with the Python pipeline it replaced.

Runs both pipelines over every corpus folder of ``../shared/corpus`` (dev, wcxb, fundus,
dev_compound, wcxb_compound), the seed input, the golden pages (``tests/fixtures/pages``,
``examples``), the fuzz inputs (``tests/fuzz/seeds``, ``tests/fuzz/regressions``) and the
speed benchmark's 30 MB dump of the corpus pages (``benchmarks/corpus_dump.py``: 1440
documents in two windows, pages repeated and glued, so that copies and repeated lines
occur, made once into ``benchmarks/data/``), the
way ``newsconv clean`` does (documents read by ``newsconv.sources``, dump-level statistics
per window, then every document analysed), and compares each document's dump statistics
(the copy it is of, its repeated lines' hashes), every block's verdict (keep, label,
reason, score, article) and every article's JSON Lines record.  It prints
"identical" per set, or each difference: document, line, old and new.

    python tools/parity.py                      # the Python pipeline of 9741408 vs the core
    python tools/parity.py --old-rev REV        # the pipeline of git revision REV vs the core
    python tools/parity.py --sets dev seed      # only some sets

The Python per-line pipeline was deleted once this script showed it identical to the core
on every set; its last revision is ``PYTHON_REV`` (9741408: ``pipeline.analyse_python`` and
the Python modules it calls, beside the core).  The old pipeline runs in a subprocess from
a temporary ``git worktree`` of ``--old-rev`` (default ``PYTHON_REV``): a revision whose
``newsconv`` is pure Python, or that still has ``analyse_python``; any other revision is
run through its own ``pipeline.analyse``, so that two revisions of the core can be compared
as well.  The dump statistics are the core's from fdaac9a on: compare them with
``--old-rev fdaac9a``, the last revision that computed them in Python.  Both sides run at
once, one core each, and each reports the CPU seconds it spent analysing (CPU time, so that
the two sides and other work on the machine do not slow each other's figures); the core's
side also reports the CPU seconds spent inside the compiled core alone.  Exit status 1 when
any set differs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = ("dev", "wcxb", "fundus", "dev_compound", "wcxb_compound")
SETS = (*CORPORA, "seed", "golden", "fuzz", "dump")
PYTHON_REV = "9741408"  # the last revision with the Python per-line pipeline
DUMP_MB = 30  # the "dump" set: the speed benchmark's dump of real page text
DUMP = ROOT / "benchmarks" / "data" / f"corpus-{DUMP_MB}mb-seed1.jsonl"


def make_dump() -> None:
    """The "dump" set's file, made once (by the parent process, before either side runs)."""
    if DUMP.is_file() or not (SHARED / "corpus").is_dir():
        return
    sys.path.insert(0, str(ROOT))
    from benchmarks import corpus_dump
    corpus_dump.write_dump(DUMP, DUMP_MB)
MAX_LISTED = 40  # differences listed per set


def inputs(name: str) -> list[Path]:
    """The input files of a set (empty when it is absent)."""
    if name in CORPORA:
        folder = SHARED / "corpus" / name
        return sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".gold.txt"))
    if name == "seed":
        seed = SHARED / "fixtures" / "seed" / "input.txt"
        return [seed] if seed.is_file() else []
    if name == "golden":
        return (sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
                + sorted((ROOT / "examples").glob("*.txt")))
    if name == "dump":  # many documents per window: the dump statistics at work
        return [DUMP] if DUMP.is_file() else []
    if name == "fuzz":
        fuzz = ROOT / "tests" / "fuzz"
        found = [p for d in ("seeds", "regressions") for p in (fuzz / d).glob("*")
                 if p.is_file() and not p.name.endswith((".json", ".md"))]
        return sorted(found)
    raise ValueError(name)


# --- one side: run in a subprocess with the tree under test first on sys.path ------------


def dump(engine: str, sets: list[str], out: Path) -> None:
    """Analyse every document of ``sets`` with one pipeline and write one JSON line per
    document (and one timing line per set) to ``out``."""
    from newsconv import boilerplate, pipeline, render, runner, sources
    from newsconv.model import Document

    # the old tree's Python pipeline where it still has one beside the core, else its own
    python = getattr(pipeline, "analyse_python", pipeline.analyse)
    analyse = pipeline.analyse if engine == "core" else python
    window_tasks = getattr(runner, "window_tasks", None) or _ungrouped(boilerplate)
    config = pipeline.Config()
    core_seconds = 0.0
    if engine == "core":  # time the compiled core alone, around its one call
        raw = config.engine

        class Timed:
            def analyse(self, *args: object) -> object:
                nonlocal core_seconds
                t = time.thread_time()
                try:
                    return raw.analyse(*args)
                finally:
                    core_seconds += time.thread_time() - t

        config.__dict__["engine"] = Timed()  # replaces the cached engine of this Config
    with out.open("w", encoding="utf-8") as f:
        for name in sets:
            seconds = 0.0
            size = docs = 0
            core_seconds = 0.0
            for path in inputs(name):
                items = sources.read_documents(str(path), sources.ReadOptions())
                for window in runner.windows(items):
                    for task in window_tasks(window):
                        if not isinstance(getattr(task, "document", None), Document):
                            continue  # a reader's message
                        doc, rep = task.document, task.repeats
                        t = time.thread_time()
                        a = analyse(doc, config, rep)
                        seconds += time.thread_time() - t
                        size += len(doc.text.encode("utf-8", "surrogatepass"))
                        docs += 1
                        f.write(json.dumps({
                            "set": name, "source": doc.source.replace(str(SHARED), "shared")
                            .replace(str(ROOT), "."), "doc": doc.index,
                            "copy_of": getattr(task, "copy_of", None),
                            "repeats": sorted(getattr(rep, "hashes", ())),
                            "blocks": [[b.line, b.text, v.keep, v.label, v.reason, repr(v.score),
                                        v.article] for b, v in zip(a.blocks, a.verdicts,
                                                                   strict=True)],
                            "records": [render.to_record(x, True) for x in a.articles],
                        }, ensure_ascii=False) + "\n")
            f.write(json.dumps({"set": name, "timing": {
                "seconds": seconds, "core_seconds": core_seconds, "bytes": size,
                "documents": docs}}) + "\n")


def _ungrouped(boilerplate: Any) -> Any:
    """``window_tasks`` for a revision from before copies counted once (no groups)."""
    from types import SimpleNamespace

    from newsconv.model import Document

    def window_tasks(window: list[Any]) -> list[Any]:
        found = [d for d in window if isinstance(d, Document)]
        hashes = [boilerplate.line_hashes(d.text) for d in found]
        reps = boilerplate.repeated(hashes)
        return [SimpleNamespace(document=d, copy_of=None,
                                repeats=boilerplate.Repeats.of(h, reps) if reps
                                else boilerplate.NO_REPEATS)
                for d, h in zip(found, hashes, strict=True)]
    return window_tasks


# --- the comparison ---------------------------------------------------------------------


def read_dump(path: Path) -> tuple[dict[tuple[str, str, int], dict], dict[str, dict]]:
    docs: dict[tuple[str, str, int], dict] = {}
    timings: dict[str, dict] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if "timing" in row:
                timings[row["set"]] = row["timing"]
            else:
                docs[(row["set"], row["source"], row["doc"])] = row
    return docs, timings


def differences(old: dict, new: dict) -> Iterator[str]:
    """What differs between two analyses of one document, line by line."""
    where = f"{old['source']} (document {old['doc'] + 1})"
    for stat in ("copy_of", "repeats"):
        if old.get(stat) != new.get(stat):
            yield f"{where}: dump statistics differ ({stat})"
    ob, nb = old["blocks"], new["blocks"]
    if [b[:2] for b in ob] != [b[:2] for b in nb]:
        yield f"{where}: blocks differ ({len(ob)} old, {len(nb)} new)"
        return
    for o, n in zip(ob, nb, strict=True):
        if o[2:] != n[2:]:
            line, text = o[0], o[1][:60]
            yield (f"{where} line {line} {text!r}:\n      old {o[2:]}\n      new {n[2:]}")
    if old["records"] != new["records"]:
        for k, (a, b) in enumerate(zip(old["records"], new["records"], strict=False)):
            fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
            if fields:
                yield f"{where} article {k + 1}: fields {', '.join(fields)} differ"
        if len(old["records"]) != len(new["records"]):
            yield (f"{where}: {len(old['records'])} articles old, "
                   f"{len(new['records'])} new")


@contextlib.contextmanager
def old_tree(rev: str) -> Iterator[Path]:
    """The tree the old pipeline runs from: a temporary worktree of ``rev``."""
    with tempfile.TemporaryDirectory(prefix="newsconv-parity-") as tmp:
        where = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(where), rev], check=True)
        # a revision with the core beside its Python pipeline imports the compiled module
        # (its Python path never calls it): lend it this tree's
        if (where / "bindings").is_dir():
            for built in (ROOT / "newsconv").glob("_core*.so"):
                shutil.copy(built, where / "newsconv" / built.name)
        try:
            yield where
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(where)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old-rev", default=PYTHON_REV,
                        help="run the old pipeline from this git revision (default: "
                             f"{PYTHON_REV}, the last with the Python pipeline)")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--dump", choices=("old", "core"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.sets, args.out)
        return 0
    if "dump" in args.sets:
        make_dump()
    sets = [s for s in args.sets if inputs(s)]
    for s in args.sets:
        if s not in sets:
            print(f"{s}: absent, skipped")
    with tempfile.TemporaryDirectory(prefix="newsconv-parity-") as tmp, \
            old_tree(args.old_rev) as tree:
        runs = {}
        for side, engine, path in (("old", "old", tree), ("new", "core", ROOT)):
            out = Path(tmp) / f"{side}.jsonl"
            env = dict(os.environ, PYTHONPATH=str(path))
            runs[side] = (out, subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--dump", engine,
                 "--out", str(out), "--sets", *sets], env=env, cwd=str(path)))
        for side, (_, proc) in runs.items():
            if proc.wait() != 0:
                print(f"the {side} pipeline failed (exit {proc.returncode})")
                return 2
        old_docs, old_t = read_dump(runs["old"][0])
        new_docs, new_t = read_dump(runs["new"][0])
    status = 0
    for s in sets:
        keys = sorted(k for k in old_docs.keys() | new_docs.keys() if k[0] == s)
        found: list[str] = []
        for k in keys:
            if k not in old_docs or k not in new_docs:
                found.append(f"{k[1]} (document {k[2] + 1}): only in the "
                             f"{'old' if k in old_docs else 'new'} run")
                continue
            found.extend(differences(old_docs[k], new_docs[k]))
        o, n = old_t.get(s, {}), new_t.get(s, {})
        mb = n.get("bytes", 0) / 1e6
        speed = (f"{mb:.1f} MB; CPU time: old {o.get('seconds', 0):.2f} s "
                 f"({mb / max(o.get('seconds', 0), 1e-9):.2f} MB/s), new "
                 f"{n.get('seconds', 0):.2f} s ({mb / max(n.get('seconds', 0), 1e-9):.2f} MB/s), "
                 f"core alone {n.get('core_seconds', 0):.2f} s "
                 f"({mb / max(n.get('core_seconds', 0), 1e-9):.2f} MB/s)")
        if not found:
            print(f"{s}: identical ({len(keys)} documents; {speed})")
            continue
        status = 1
        print(f"{s}: {len(found)} difference(s) ({len(keys)} documents; {speed})")
        for line in found[:MAX_LISTED]:
            print(f"  {line}")
        if len(found) > MAX_LISTED:
            print(f"  ... and {len(found) - MAX_LISTED} more")
    return status


if __name__ == "__main__":
    sys.exit(main())
