"""Dump-level boilerplate: a line that repeats across many documents of one input is the
site's chrome (navigation, "Leave a Reply", footers, newsletter prompts), whatever it says.

Statistics are kept per *window* of consecutive documents of one input file (at most
``WINDOW_DOCS`` documents or ``WINDOW_BYTES`` of text, cut in input order).  A window is
counted completely before any of its documents is cleaned, so the result is the same for
any ``-j``, any processing order and any machine of a cluster, and memory is bounded by the
window.

The statistics are computed by the compiled core (``core/src/dumpstats.rs``); this module
holds the rule, the window's size and the Python face of the core's functions.  Only
hashes are kept, never the lines themselves: each line's comparison key (``dump_key``)
becomes a stable 64-bit hash (``key_hash``: XXH3-64, the same in every process and on
every machine, unlike ``hash()``), whose lowest bit records whether the line reads as
prose.  A document's lines are an array of 8-byte hashes, the window's
counts a table of hashes, and what a worker receives for a document is the set of its
hashes found repeated (``Repeats``), against which it tests its blocks' keys.  Two distinct
lines share a hash with probability 2**-63: far below any other error of the pipeline.

Copies count once.  A dump often holds one article several times: the same page fetched
twice, or a wire story syndicated on many sites, each copy in its own site's chrome.  Its
lines repeat across documents, yet they are the article, not chrome.  So documents are
first grouped into *copies of one article* (``copy_groups``): a document is a copy of an
earlier one when the sentence-like lines they share (6+ words ending in punctuation, of any
length) hold at least ``COPY_SHARE`` of the characters of such lines of the smaller of the
two, and are at least ``COPY_MIN_LINES`` lines (of several earlier groups, the one that
shares the most characters, the earliest on a tie); an exact repeat of a document is always
its copy.  A line then counts once per group, however many copies hold it, and the thresholds
below count groups, not documents: a syndicated or duplicated article keeps its whole body
in every copy, while each copy's own site chrome still counts with the other pages of its
site.  Site chrome seldom makes two different articles of one site copies: chrome
sentences are short, article paragraphs long, and a sentence found in more than
``COPY_FANOUT`` groups (a footer, a comment-form notice) is no evidence of copying.  A page
whose own sentences are shorter than the chrome sentences it shares with another page can
still be taken for its copy; its chrome is then left to the per-page classifier (the cost
of erring towards keeping text).

Thresholds: a short or unpunctuated line must appear in ``MIN_DOCS`` groups of the window;
a sentence-like line (a disclaimer, an author bio) in ``MIN_DOCS_PROSE`` groups and in 5 %
of the window's groups.

>>> docs = ["Home\\nA story.\\nShare", "Home\\nAnother one.\\nShare", "Home\\nThird.",
...         "Home\\nFourth.\\nShare"]
>>> window = repeated([line_hashes(d) for d in docs])
>>> reps = Repeats.of(line_hashes(docs[0]), window)
>>> "home" in reps, dump_key("  HOME ") in reps, "share" in reps, len(reps)
(True, True, False, 1)

The same four documents twice over are still four articles, not eight:

>>> twice = [document_hashes(d) for d in docs + docs]
>>> groups = copy_groups(twice)
>>> groups
[0, 1, 2, 3, 0, 1, 2, 3]
>>> "share" in Repeats.of(twice[0].lines, repeated([h.lines for h in twice], groups))
False
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import newsconv._core as _core

WINDOW_DOCS = 1000
WINDOW_BYTES = 32 * 1024 * 1024
# the thresholds, as the core applies them
MAX_LINE_CHARS: int = _core.MAX_LINE_CHARS
MIN_DOCS: int = _core.MIN_DOCS
MIN_DOCS_PROSE: int = _core.MIN_DOCS_PROSE
PROSE_SHARE: float = _core.PROSE_SHARE
COPY_SHARE: float = _core.COPY_SHARE  # of the smaller document's sentence characters
COPY_MIN_LINES: int = _core.COPY_MIN_LINES  # shared sentences, at least
COPY_FANOUT: int = _core.COPY_FANOUT  # a sentence in more groups is chrome, no evidence

DocHashes = _core.DocHashes
"""What the dump statistics keep of one document: ``lines``, the hashes of its lines that
may be boilerplate (non-blank, at most ``MAX_LINE_CHARS`` characters), and ``prose``, the
hashes of its sentence-like lines of any length with their lengths in characters (the
evidence that two documents are copies of one article).  Hashes and numbers only."""


def dump_key(line: str) -> str:
    """The comparison form of a line: white space collapsed, lower case (the core's, as the
    engine tests each line of a document against its ``Repeats``).

    >>> dump_key("  Leave a   REPLY ")
    'leave a reply'
    """
    return _core.dump_key(line)


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a dump key; its lowest bit is set when the key reads as prose
    (6+ words ending in punctuation), so that counting needs no strings.

    >>> key_hash("home") == key_hash("home"), key_hash("home") & 1
    (True, 0)
    >>> key_hash("your email address will not be published.") & 1
    1
    """
    return _core.key_hash(key)


def document_hashes(text: str) -> DocHashes:
    """The ``DocHashes`` of one document.  A line longer than ``MAX_LINE_CHARS`` is never
    boilerplate, only evidence of copying (keyed by its trimmed lower-case text).

    >>> h = document_hashes("Home\\nThe ferry sailed at dawn on Monday, late again.\\nHome")
    >>> len(h.lines), list(h.prose.values())
    (2, [47])
    """
    return _core.document_hashes(text)


def line_hashes(text: str) -> list[int]:
    """The distinct hashes of the lines of one document that may be boilerplate."""
    return _core.document_hashes(text).lines


def copy_groups(docs: Sequence[DocHashes]) -> list[int]:
    """For each document of a window, the position of the first document of its group of
    copies (its own position when it copies no earlier one); see the module docstring.

    >>> story = "\\n".join(f"Paragraph {i} of the wire story, as every site ran it."
    ...                   for i in range(4))
    >>> site_a = document_hashes("Alpha Daily\\n" + story
    ...                          + "\\nSubscribe to Alpha Daily today for news.")
    >>> site_b = document_hashes("Beta Times\\nMenu\\n" + story)
    >>> other = document_hashes("Alpha Daily\\nA different story, told in its own words here.")
    >>> copy_groups([site_a, other, site_b, site_a])
    [0, 1, 0, 0]
    """
    return _core.copy_groups(list(docs))


def repeated(doc_hashes: Sequence[Iterable[int]],
             groups: Sequence[int] | None = None) -> frozenset[int]:
    """The hashes that count as dump-level boilerplate in a window, given each document's
    ``line_hashes`` and, optionally, its ``copy_groups`` (a line counts once per group;
    without groups, every document is its own)."""
    return frozenset(_core.repeated([list(h) for h in doc_hashes],
                                    None if groups is None else list(groups)))


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


class WindowStats(NamedTuple):
    """A window's statistics, per document: the first document of its group of copies
    (``groups``) and its repeated lines (``repeats``)."""

    groups: tuple[int, ...]
    repeats: tuple[Repeats, ...]


def window_stats(texts: Sequence[str]) -> WindowStats:
    """``copy_groups`` and each document's ``Repeats`` for the texts of one window, in one
    call of the core.

    >>> docs = ["Home\\nA story.\\nShare", "Home\\nAnother one.\\nShare",
    ...         "Home\\nThird.", "Home\\nFourth.\\nShare"]
    >>> stats = window_stats(docs + docs)
    >>> stats.groups
    (0, 1, 2, 3, 0, 1, 2, 3)
    >>> "home" in stats.repeats[0], "share" in stats.repeats[0]
    (True, False)
    """
    return _stats(*_core.window_stats(list(texts)))


def _stats(groups: Sequence[int], repeats: Sequence[Sequence[int]]) -> WindowStats:
    return WindowStats(tuple(groups),
                       tuple(Repeats(frozenset(r)) if r else NO_REPEATS for r in repeats))


class WindowHasher:
    """A window's lines hashed as its documents are read: ``add`` each document's text,
    then ``stats`` gives the window's ``WindowStats`` (equal to ``window_stats`` of the same
    texts) and starts the next window.  With ``threads`` the core hashes slices of
    ``HASH_SLICE`` documents on that many threads beside the reader (it releases the GIL
    while it hashes), so a window's
    statistics are ready soon after its last document is read (``-j``: the workers wait
    for the first window).  The threads live only while a window is read: none is left
    when ``stats`` returns, so worker processes forked between windows inherit no thread.
    Use it as a context manager; it keeps hashes, never texts once they are hashed.

    >>> docs = ["Home\\nA story.\\nShare", "Home\\nAnother one.\\nShare",
    ...         "Home\\nThird.", "Home\\nFourth.\\nShare"]
    >>> with WindowHasher(threads=1) as hasher:
    ...     for text in docs + docs:
    ...         hasher.add(text)
    ...     hasher.stats() == window_stats(docs + docs)
    True
    """

    HASH_SLICE = 64

    def __init__(self, threads: int = 0) -> None:
        self._threads = threads
        self._pool: Any = None  # a ThreadPoolExecutor while a window is read
        self._texts: list[str] = []
        self._parts: list[Any] = []  # futures of lists of DocHashes, in order

    def __enter__(self) -> WindowHasher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def add(self, text: str) -> None:
        """Count one more document of the window."""
        self._texts.append(text)
        if self._threads > 0 and len(self._texts) >= self.HASH_SLICE:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor  # only with -j
                self._pool = ThreadPoolExecutor(self._threads, "newsconv-hash")
            self._parts.append(self._pool.submit(_core.document_hashes_many, self._texts))
            self._texts = []

    def stats(self) -> WindowStats:
        """The statistics of the documents added since the last call."""
        if not self._parts:  # nothing hashed ahead (no threads): one call of the core,
            texts, self._texts = self._texts, []  # which keeps no hashes in Python objects
            return window_stats(texts)
        docs = [d for part in self._parts for d in part.result()]
        self._stop()
        docs += _core.document_hashes_many(self._texts)
        self._texts, self._parts = [], []
        return _stats(*_core.stats_of(docs))
