"""Dump-level boilerplate: a line that repeats across many documents of one input is the
site's chrome (navigation, "Leave a Reply", footers, newsletter prompts), whatever it says.

Statistics are kept per *window* of consecutive documents of one input file (at most
``WINDOW_DOCS`` documents or ``WINDOW_BYTES`` of text, cut in input order).  A window is
counted completely before any of its documents is cleaned, so the result is the same for
any ``-j``, any processing order and any machine of a cluster, and memory is bounded by the
window.

Only hashes are kept, never the lines themselves: each line's comparison key
(``dump_key``) becomes a stable 64-bit hash (``key_hash``: BLAKE2b, the same in every
process and on every machine, unlike ``hash()``), whose lowest bit records whether the
line reads as prose.  A document's lines are an array of 8-byte hashes, the window's
counts a table of hashes, and what a worker receives for a document is the set of its
hashes found repeated (``Repeats``), against which it tests its blocks' keys.  Two distinct
lines share a hash with probability 2**-63: far below any other error of the pipeline.

Thresholds: a short or unpunctuated line must appear in ``MIN_DOCS`` documents of the
window; a sentence-like line (6+ words ending in punctuation: a disclaimer, an author bio)
in ``MIN_DOCS_PROSE`` documents and in 5 % of the window, so that a wire story syndicated on
a few sites of the dump keeps its paragraphs.

>>> docs = ["Home\\nA story.\\nShare", "Home\\nAnother one.\\nShare", "Home\\nThird.",
...         "Home\\nFourth.\\nShare"]
>>> window = repeated([line_hashes(d) for d in docs])
>>> reps = Repeats.of(line_hashes(docs[0]), window)
>>> "home" in reps, dump_key("  HOME ") in reps, "share" in reps, len(reps)
(True, True, False, 1)
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from hashlib import blake2b

WINDOW_DOCS = 1000
WINDOW_BYTES = 32 * 1024 * 1024
MAX_LINE_CHARS = 200
MIN_DOCS = 4
MIN_DOCS_PROSE = 10
PROSE_SHARE = 0.05
_END = (".", "!", "?", "…", "”", '"', "’", "。")
_PROSE_BIT = 1


def dump_key(line: str) -> str:
    """The comparison form of a line: white space collapsed, lower case.

    >>> dump_key("  Leave a   REPLY ")
    'leave a reply'
    """
    return " ".join(line.split()).lower()


def _prose(key: str) -> bool:
    return key.endswith(_END) and key.count(" ") >= 5


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a dump key; its lowest bit is set when the key reads as prose
    (6+ words ending in punctuation), so that counting needs no strings.

    >>> key_hash("home") == key_hash("home"), key_hash("home") & 1
    (True, 0)
    >>> key_hash("your email address will not be published.") & 1
    1
    """
    digest = blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return (int.from_bytes(digest, "little") & ~_PROSE_BIT) | (_PROSE_BIT if _prose(key) else 0)


def line_hashes(text: str) -> array[int]:
    """The distinct hashes of the lines of one document that may be boilerplate (non-blank,
    at most ``MAX_LINE_CHARS`` characters), 8 bytes each."""
    return array("Q", {key_hash(dump_key(line)) for line in text.split("\n")
                       if line and len(line) <= MAX_LINE_CHARS and not line.isspace()})


def repeated(doc_hashes: Sequence[Iterable[int]]) -> frozenset[int]:
    """The hashes that count as dump-level boilerplate in a window, given each document's
    ``line_hashes``."""
    n = len(doc_hashes)
    if n < MIN_DOCS:
        return frozenset()
    counts: Counter[int] = Counter()
    for hashes in doc_hashes:
        counts.update(hashes)
    prose_min = max(MIN_DOCS_PROSE, int(n * PROSE_SHARE + 0.999))
    return frozenset(h for h, c in counts.items()
                     if c >= MIN_DOCS and (c >= prose_min or not h & _PROSE_BIT))


@dataclass(frozen=True, slots=True)
class Repeats:
    """The dump-level boilerplate of one document, as hashes: ``key in repeats`` tells
    whether a ``dump_key`` is one of them.  Small, picklable, the same in every process."""

    hashes: frozenset[int] = frozenset()

    @classmethod
    def of(cls, doc: Iterable[int], window: frozenset[int]) -> Repeats:
        """The repeated hashes among one document's ``line_hashes``."""
        return cls(window.intersection(doc)) if window else NO_REPEATS

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.hashes) and key_hash(key) in self.hashes

    def __len__(self) -> int:
        return len(self.hashes)

    def __bool__(self) -> bool:
        return bool(self.hashes)


NO_REPEATS = Repeats()
