"""Near-duplicate lines inside one document.

Pages repeat themselves: the headline appears as page title, as breadcrumb and above the
body; a photo's alt text stands above the same caption with its credit; a teaser of the
first paragraph precedes the paragraph.  Two lines are copies when their word tokens are
equal, or when the tokens of the shorter one begin the longer one and the shorter one is
long enough (or visibly truncated) for that to be no accident.  Typographic and straight
quotes, spacing and a trailing photo credit therefore do not matter.

``copies`` only finds them; ``newsconv.structure`` decides which copy to keep (the fuller,
nearest the body) and leaves legitimate repetition inside a body alone.

>>> copies(["A headline here", "Post 1", "A headline here", "Body text follows here."])
{0: 2}
>>> copies(["After the war, the city's mood changed in many ways", "x",
...         "After the war, the city’s mood changed in many ways (AP Photo/A. B.)"])
{0: 2}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+")
MIN_TOKENS = 3  # shorter lines ("Share", "1") repeat legitimately
MIN_PREFIX_TOKENS = 8  # a shorter line must be this long to count as a prefix copy...
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s?$")  # ...unless it visibly stops short


def copies(texts: Sequence[str],
           tokens: Sequence[tuple[str, ...]] | None = None) -> dict[int, int]:
    """Map each redundant line's index to the index of the fuller copy (for equal copies,
    the last one).  ``tokens``: the lines' lower-case word tokens, if already at hand."""
    toks = tokens if tokens is not None else [tuple(_TOKEN.findall(t.lower())) for t in texts]
    by_head: dict[tuple[str, ...], list[int]] = {}
    for i, t in enumerate(toks):
        if len(t) >= MIN_TOKENS:
            by_head.setdefault(t[:MIN_TOKENS], []).append(i)
    redundant: dict[int, int] = {}
    for group in by_head.values():
        if len(group) < 2:
            continue
        order = sorted(group, key=lambda i: (len(toks[i]), i), reverse=True)
        for pos, i in enumerate(order):
            t = toks[i]
            prefix_ok = len(t) >= MIN_PREFIX_TOKENS or bool(_TRUNCATED.search(texts[i]))
            for j in order[:pos]:
                u = toks[j]
                if u == t or (prefix_ok and u[:len(t)] == t):
                    redundant[i] = j
                    break
    return redundant
