"""Near-duplicate lines inside one document.

Pages repeat themselves: the headline appears as page title, as breadcrumb and above the
body; a photo's alt text stands above the same caption with its credit; a teaser of the
first paragraph precedes the paragraph.  Two lines are copies when their word tokens are
equal, or when the tokens of the shorter one begin the longer one and the shorter one is
long enough (or visibly truncated) for that to be no accident.  Typographic and straight
quotes, spacing and a trailing photo credit therefore do not matter.

``copies`` only finds them; ``newsconv.structure`` decides which copy to keep (the fuller,
nearest the body) and leaves legitimate repetition inside a body alone.  It runs in time
linear in the text: lines are looked up by their first MIN_PREFIX_TOKENS tokens, so lines
that merely start alike are never compared pairwise.

>>> copies(["A headline here", "Post 1", "A headline here", "Body text follows here."])
{0: 2}
>>> copies(["After the war, the city's mood changed in many ways", "x",
...         "After the war, the city’s mood changed in many ways (AP Photo/A. B.)"])
{0: 2}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .language import WORD

_TOKEN = WORD  # words with their combining marks, as everywhere else
MIN_TOKENS = 3  # shorter lines ("Share", "1") repeat legitimately
MIN_PREFIX_TOKENS = 8  # a shorter line must be this long to count as a prefix copy...
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s?$")  # ...unless it visibly stops short
TRUNCATED_CANDIDATES = 50  # longer lines a truncated teaser is compared with, at most


def copies(texts: Sequence[str],
           tokens: Sequence[tuple[str, ...]] | None = None) -> dict[int, int]:
    """Map each redundant line's index to the index of the fuller copy (for equal copies,
    the last one).  ``tokens``: the lines' lower-case word tokens, if already at hand."""
    toks = tokens if tokens is not None else [tuple(_TOKEN.findall(t.lower())) for t in texts]
    # the fullest copy of each exact token sequence, and of each head of MIN_PREFIX_TOKENS
    last_equal: dict[tuple[str, ...], int] = {}
    by_head: dict[tuple[str, ...], list[int]] = {}
    by_start: dict[tuple[str, ...], list[int]] = {}
    for i, t in enumerate(toks):
        if len(t) < MIN_TOKENS:
            continue
        last_equal[t] = i
        if len(t) >= MIN_PREFIX_TOKENS:
            by_head.setdefault(t[:MIN_PREFIX_TOKENS], []).append(i)
        by_start.setdefault(t[:MIN_TOKENS], []).append(i)
    longest_by_head = {h: max(ids, key=lambda i: (len(toks[i]), i)) for h, ids in by_head.items()}
    redundant: dict[int, int] = {}
    for i, t in enumerate(toks):
        if len(t) < MIN_TOKENS:
            continue
        keeper = last_equal[t]
        if keeper != i:
            redundant[i] = keeper  # an equal copy further down
            continue
        candidates: list[int] = []
        if len(t) >= MIN_PREFIX_TOKENS:
            candidates = [longest_by_head[t[:MIN_PREFIX_TOKENS]]]
        elif _TRUNCATED.search(texts[i]):
            candidates = by_start[t[:MIN_TOKENS]][:TRUNCATED_CANDIDATES]
        for j in sorted(candidates, key=lambda j: (len(toks[j]), j), reverse=True):
            u = toks[j]
            if len(u) > len(t) and u[:len(t)] == t:
                redundant[i] = last_equal[u]
                break
    return redundant
