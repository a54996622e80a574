"""Dump-level boilerplate: a line that repeats across many documents of one input is the
site's chrome (navigation, "Leave a Reply", footers, newsletter prompts), whatever it says.

Statistics are kept per *window* of consecutive documents of one input file (at most
``WINDOW_DOCS`` documents or ``WINDOW_BYTES`` of text, cut in input order).  A window is
counted completely before any of its documents is cleaned, so the result is the same for
any ``-j`` and any processing order, and memory is bounded by the window.  Counting is done
on 64-bit hashes of the lines; only the lines found repeated are kept as strings.

Thresholds: a short or unpunctuated line must appear in ``MIN_DOCS`` documents of the
window; a sentence-like line (6+ words ending in punctuation: a disclaimer, an author bio)
in ``MIN_DOCS_PROSE`` documents and in 5 % of the window, so that a wire story syndicated on
a few sites of the dump keeps its paragraphs.

>>> docs = ["Home\\nA story.\\nShare", "Home\\nAnother one.\\nShare", "Home\\nThird.",
...         "Home\\nFourth.\\nShare"]
>>> sorted(repeated([line_keys(d) for d in docs]))
['home']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

WINDOW_DOCS = 1000
WINDOW_BYTES = 32 * 1024 * 1024
MAX_LINE_CHARS = 200
MIN_DOCS = 4
MIN_DOCS_PROSE = 10
PROSE_SHARE = 0.05
_END = (".", "!", "?", "…", "”", '"', "’", "。")


def dump_key(line: str) -> str:
    """The comparison form of a line: white space collapsed, lower case."""
    return " ".join(line.split()).lower()


def line_keys(text: str) -> frozenset[str]:
    """The distinct keys of the lines of one document that may be boilerplate."""
    return frozenset(dump_key(line) for line in text.split("\n")
                     if line and len(line) <= MAX_LINE_CHARS and not line.isspace())


def _prose(key: str) -> bool:
    return key.endswith(_END) and key.count(" ") >= 5


def repeated(doc_keys: Sequence[Iterable[str]]) -> frozenset[str]:
    """The keys that count as dump-level boilerplate in this window of documents."""
    n = len(doc_keys)
    if n < MIN_DOCS:
        return frozenset()
    counts: Counter[int] = Counter()
    for keys in doc_keys:
        counts.update(map(hash, keys))
    prose_min = max(MIN_DOCS_PROSE, int(n * PROSE_SHARE + 0.999))
    found = set()
    for keys in doc_keys:
        for k in keys:
            c = counts[hash(k)]
            if c >= MIN_DOCS and (c >= prose_min or not _prose(k)):
                found.add(k)
    return frozenset(found)
