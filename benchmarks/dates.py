#!/usr/bin/env python3
"""How often newsconv gives an article's date, and how often it is the right day.

    python benchmarks/dates.py                 # the table: per source and per language
    python benchmarks/dates.py --list wrong    # also every page with a wrong date (or: none)
    python benchmarks/dates.py --cost          # dateparser: import, first read, per call

Runs newsconv on every page of ``../shared/corpus/{dev,wcxb,fundus}`` whose ``index.jsonl``
gives a publication ``date`` with a day (dev gives none; 706 wcxb and 257 fundus pages do)
and compares the date of the page's main article (the one with the longest body) with it:

* **dated**: newsconv gives a date;
* **right**: its day is the gold day (when both carry a UTC offset, newsconv's time is first
  moved to the gold's offset; a date without a time is compared as the page wrote it);
* **±1 day**: one day off, which is usually the time zone (the gold is often in UTC, the
  page writes its own wall-clock time): counted in **wrong** too;
* **wrong**: any other day;
* **precision**: right / dated.

Shares are of the pages with a gold date; rows per language (5 pages or more) and, for wcxb,
per page type.  The pages are the project's evaluation corpora, read
from ``../shared``; nothing of them is copied here.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from newsconv.model import Document  # noqa: E402
from newsconv.pipeline import Config, analyse  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = ("dev", "wcxb", "fundus")


@dataclass(frozen=True)
class Page:
    source: str
    id: str
    lang: str
    kind: str  # the index's page_type ("article", "forum", ...), "article" where it has none
    gold: str  # as the index gives it: "2024-05-03" or "2024-05-03 15:47:42+00:00"
    path: Path


@dataclass(frozen=True)
class Outcome:
    page: Page
    found: str | None
    verdict: str  # "none", "right", "near" (one day off), "wrong"


def pages(sources: tuple[str, ...]) -> Iterator[Page]:
    for source in sources:
        index = CORPUS / source / "index.jsonl"
        if not index.is_file():
            sys.exit(f"{index} not found: the corpora live in ../shared beside the checkout")
        for line in index.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            gold = row.get("date")
            if isinstance(gold, str) and len(gold) >= 10:  # a day, not "2003-11"
                yield Page(source, row["id"], row.get("lang") or "?",
                           row.get("page_type") or "article", gold,
                           CORPUS / source / f"{row['id']}.txt")


def gold_day(gold: str, found: str) -> date:
    """The gold's day, seen from the offset newsconv's date carries if both carry one."""
    when = datetime.fromisoformat(gold)
    mine = datetime.fromisoformat(found)
    if when.tzinfo is not None and mine.tzinfo is not None:
        return when.astimezone(mine.tzinfo).date()
    return when.date()


def judge(page: Page, found: str | None) -> Outcome:
    if found is None:
        return Outcome(page, None, "none")
    mine = datetime.fromisoformat(found).date()
    gold = gold_day(page.gold, found)
    if mine == gold:
        return Outcome(page, found, "right")
    return Outcome(page, found, "near" if abs((mine - gold).days) == 1 else "wrong")


def main_date(text: str, config: Config) -> str | None:
    articles = analyse(Document("page", 0, text), config).articles
    if not articles:
        return None
    return max(articles, key=lambda a: len(a.body)).date


def row(name: str, outs: list[Outcome]) -> str:
    n = len(outs)
    count = {v: sum(o.verdict == v for o in outs) for v in ("none", "right", "near", "wrong")}
    dated = n - count["none"]
    wrong = count["near"] + count["wrong"]

    def share(k: int) -> str:
        return f"{k / n:.3f}" if n else "–"

    precision = f"{count['right'] / dated:.3f}" if dated else "–"
    return (f"| {name} | {n} | {share(dated)} | {share(count['right'])} | {share(wrong)} "
            f"| {share(count['near'])} | {precision} |")


def table(outs: list[Outcome]) -> str:
    lines = ["| pages | with gold date | dated | right day | wrong | (of it ±1 day) | "
             "precision |", "|---|--:|--:|--:|--:|--:|--:|"]
    lines.append(row("**all**", outs))
    for source in SOURCES:
        lines.append(row(source, [o for o in outs if o.page.source == source]))
    by_lang: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in outs:
        by_lang[(o.page.source, o.page.lang)].append(o)
    for (source, lang), group in sorted(by_lang.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(group) >= 5:
            lines.append(row(f"{source} {lang}", group))
    small = [o for (_, _), g in by_lang.items() if len(g) < 5 for o in g]
    if small:
        lines.append(row("languages with < 5 pages", small))
    kinds = sorted({o.page.kind for o in outs if o.page.source == "wcxb"})
    for kind in kinds if len(kinds) > 1 else ():
        lines.append(row(f"wcxb {kind} pages", [o for o in outs if o.page.source == "wcxb"
                                                and o.page.kind == kind]))
    return "\n".join(lines)


# CPU time of this process (the machine may be busy with other work: wall time would vary)
COST_SCRIPT = """
from time import process_time as clock
t0 = clock()
import newsconv.dates as d
t1 = clock()
first = d.find_dates({line!r}, {lang!r})
t2 = clock()
for _ in range(100):
    d.find_dates({line!r}, {lang!r})
t3 = clock()
d.find_dates("8 janvier 2024", "fr")  # French loaded (and dateparser, if it was not)
t4 = clock()
for word in ("février", "mars", "avril", "mai", "juin"):
    d.find_dates("8 " + word + " 2024", "fr")  # a new month word each: dateparser runs
t5 = clock()
print(t1 - t0, t2 - t1, (t3 - t2) / 100, (t5 - t4) / 5, first[0].iso())
"""


def cost() -> None:
    """Import and first parse in fresh processes, then the cost per call."""
    cases = [("Published March 4, 2025 at 6:10 am", "en"), ("12. März 2025", "de"),
             ("12.03.2025, 14:20 Uhr", "de"), ("2024年5月3日", "ja")]
    print("CPU seconds, median of 3 fresh processes:\n")
    print("| date line | import newsconv.dates | first read | same line again | "
          "a new month word | reads |")
    print("|---|--:|--:|--:|--:|---|")
    for line, lang in cases:
        runs = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", COST_SCRIPT.format(line=line, lang=lang)],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            runs.append(out.stdout.split())
        med = [sorted(float(r[k]) for r in runs)[1] for k in range(4)]
        print(f"| {line} ({lang}) | {med[0]:.4f} | {med[1]:.4f} | {med[2]:.6f} | "
              f"{med[3]:.4f} | {runs[0][4]} |")
    page = ROOT / "examples" / "harbour-ferry.txt"
    undated = "\n".join(ln for ln in page.read_text(encoding="utf-8").splitlines()
                        if not ln.startswith("Published "))
    tmp = HERE / "out"
    tmp.mkdir(exist_ok=True)
    (tmp / "harbour-ferry-undated.txt").write_text(undated + "\n", encoding="utf-8")
    print()
    for name, path in (("with its date line", page),
                       ("date line removed", tmp / "harbour-ferry-undated.txt")):
        cpu = []
        for _ in range(5):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "newsconv", "clean", str(path)],
                           capture_output=True, check=True, cwd=ROOT)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(f"`python -m newsconv clean` on harbour-ferry, {name}: "
              f"median {sorted(cpu)[2]:.3f} CPU s over 5 runs  ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", choices=("wrong", "none", "right"), action="append", default=[],
                    help="also list the pages with this outcome (repeatable)")
    ap.add_argument("--sources", default=",".join(SOURCES),
                    help="comma-separated corpus folders (default: dev,wcxb,fundus)")
    ap.add_argument("--cost", action="store_true", help="measure what reading dates costs")
    args = ap.parse_args()
    if args.cost:
        cost()
        return
    config = Config()
    outs = []
    started = time.perf_counter()
    for page in pages(tuple(args.sources.split(","))):
        text = page.path.read_text(encoding="utf-8")
        outs.append(judge(page, main_date(text, config)))
    took = time.perf_counter() - started
    print(table(outs))
    print(f"\n{len(outs)} pages in {took:.1f} s")
    for kind in args.list:
        wanted = {"wrong": ("wrong", "near")}.get(kind, (kind,))
        print(f"\n## {kind}\n")
        for o in outs:
            if o.verdict in wanted:
                print(f"{o.page.source}/{o.page.id} [{o.page.lang}] gold {o.page.gold} "
                      f"newsconv {o.found}")


if __name__ == "__main__":
    main()
