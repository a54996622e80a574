"""Block labels for the dev corpus: which input lines are article body, by aligning them to
the human-marked gold text.  Used by train.py and accuracy.py only (not by newsconv).

Each non-empty input line whose word tokens occur, in order, as a contiguous run of the gold
tokens is body; the runs chosen are the best monotone alignment (a dynamic programme over
lines), so a teaser that repeats the first paragraph before the article does not take its
place.  Lines that were edited between page and gold count as body when 90 % of their
word trigrams are in the gold.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

WORD = re.compile(r"\w+")


def align(lines: Sequence[str], gold: str) -> list[float]:
    """A label in [0, 1] per line: 1 = body, 0 = not; in between = edited body."""
    g = WORD.findall(gold)
    positions: dict[str, list[int]] = {}
    for i, t in enumerate(g):
        positions.setdefault(t, []).append(i)
    candidates = []
    for line in lines:
        toks = WORD.findall(line)
        occ = []
        if toks:
            for s in positions.get(toks[0], [])[:400]:
                if g[s:s + len(toks)] == toks:
                    occ.append((s, s + len(toks)))
        candidates.append((len(toks), occ[:80]))
    # frontier: (end, best score up to here, back-pointer), sorted by end, running max
    frontier: list[tuple[int, float, tuple | None]] = [(-1, 0.0, None)]
    for li, (n, occ) in enumerate(candidates):
        ends = [f[0] for f in frontier]
        new = []
        for s, e in occ:
            k = bisect.bisect_right(ends, s) - 1
            if k < 0:
                continue
            _, score, back = frontier[k]
            weight = n if n >= 3 else n * 0.5
            new.append((e, score + weight, (li, back)))
        if new:
            merged = sorted(frontier + new, key=lambda f: f[0])
            best: tuple[int, float, tuple | None] = (-1, -1.0, None)
            frontier = []
            for f in merged:
                if f[1] > best[1]:
                    best = f
                frontier.append((f[0], best[1], best[2]))
    chosen = set()
    back = frontier[-1][2]
    while back:
        li, back = back
        chosen.add(li)
    trigrams = {tuple(g[i:i + 3]) for i in range(len(g) - 2)}
    labels = []
    for li, line in enumerate(lines):
        if li in chosen:
            labels.append(1.0)
            continue
        toks = WORD.findall(line)
        if len(toks) >= 6:
            tri = [tuple(toks[i:i + 3]) for i in range(len(toks) - 2)]
            share = sum(t in trigrams for t in tri) / len(tri)
            labels.append(share if share >= 0.9 else 0.0)
        else:
            labels.append(0.0)
    return labels
