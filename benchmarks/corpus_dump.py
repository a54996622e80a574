#!/usr/bin/env python3
"""A dump made of real page text for the speed benchmark: the pages of ``../shared/corpus``
as JSON Lines, deterministic for a seed.

    python benchmarks/corpus_dump.py                # 30 MB: data/corpus-30mb-seed1.jsonl
    python benchmarks/corpus_dump.py --size-mb 200  # the README's run

The pages (every ``*.txt`` dump of the corpus folders, not the gold files) are taken in a
shuffled order, again and again (each pass shuffled anew) until the dump is large enough;
records are numbered afresh (``id``), so a page met again is a copy in a later window, as a
crawl meets one.  A share of documents (``GLUE_SHARE``) are two or three pages glued
together, as a dump whose pages are not separated holds them, and a share (``MOJIBAKE_SHARE``)
are mojibake (UTF-8 read as Windows-1252, ``generate.mojibake``).  The same seed gives the
same bytes, and a smaller dump is a prefix of a larger one.  Nothing of the corpus is kept in
the repository: the dump is written into ``benchmarks/data/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ("dev", "wcxb", "fundus", "dev_compound", "wcxb_compound")
GLUE_SHARE = 0.1  # documents made of several pages
MOJIBAKE_SHARE = 0.02  # documents whose UTF-8 was read as Windows-1252
MB = generate.MB


def pages(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(name, text) of every page dump of the corpus folders, in a fixed order."""
    found = []
    for folder in FOLDERS:
        for path in sorted((corpus / folder).glob("*.txt")):
            if not path.name.endswith(".gold.txt"):
                found.append((f"{folder}/{path.stem}", path.read_text(encoding="utf-8")))
    return found


def records(texts: Sequence[tuple[str, str]], seed: int, glue_share: float = GLUE_SHARE,
            mojibake_share: float = MOJIBAKE_SHARE) -> Iterator[dict[str, str]]:
    """Records for ever: the pages cycled, each pass shuffled, some glued, some mojibake."""
    rng = random.Random(seed)
    order = list(range(len(texts)))
    n = 0
    while True:
        rng.shuffle(order)
        k = 0
        while k < len(order):
            take = rng.choice((2, 3)) if rng.random() < glue_share else 1
            chosen = [texts[i] for i in order[k:k + take]]
            k += take
            text = "\n\n".join(t.rstrip("\n") for _, t in chosen) + "\n"
            if rng.random() < mojibake_share:
                text = generate.mojibake(text)
            yield {"id": f"doc-{n:07d}", "url": f"corpus:{'+'.join(p for p, _ in chosen)}",
                   "text": text}
            n += 1


def write_dump(out: Path, size_mb: float, seed: int = 1, corpus: Path = CORPUS,
               glue_share: float = GLUE_SHARE, mojibake_share: float = MOJIBAKE_SHARE
               ) -> tuple[int, int]:
    """Write records to ``out`` until it holds ``size_mb`` MB; returns (documents, bytes).
    Raises FileNotFoundError when the corpus is absent.  The file appears atomically."""
    texts = pages(corpus)
    if not texts:
        raise FileNotFoundError(f"no page dumps under {corpus}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    limit = int(size_mb * MB)
    docs = written = 0
    with open(tmp, "wb") as f:
        for record in records(texts, seed, glue_share, mojibake_share):
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            f.write(data)
            docs, written = docs + 1, written + len(data)
            if written >= limit:
                break
    tmp.replace(out)
    return docs, written


def default_path(size_mb: float, seed: int = 1) -> Path:
    """Where the benchmark keeps the corpus dump of this size."""
    return generate.DATA / f"corpus-{size_mb:g}mb-seed{seed}.jsonl"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=30, help="output size (default 30)")
    parser.add_argument("--out", type=Path, help="default benchmarks/data/corpus-<size>mb-"
                        "seed<seed>.jsonl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = args.out or default_path(args.size_mb, args.seed)
    docs, size = write_dump(out, args.size_mb, args.seed)
    print(f"{out}: {docs} documents, {size / MB:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
