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

Copies count once.  A dump often holds one article several times: the same page fetched
twice, or a wire story syndicated on many sites, each copy in its own site's chrome.  Its
lines repeat across documents, yet they are the article, not chrome.  So documents are
first grouped into *copies of one article* (``copy_groups``): a document is a copy of an
earlier one when the sentence-like lines they share (6+ words ending in punctuation, of any
length) hold at least ``COPY_SHARE`` of the characters of such lines of the smaller of the
two, and are at least ``COPY_MIN_LINES`` lines; an exact repeat of a document is always its
copy.  A line then counts once per group, however many copies hold it, and the thresholds
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
COPY_SHARE = 0.5  # of the smaller document's sentence characters, shared: a copy
COPY_MIN_LINES = 2  # shared sentences, at least
COPY_FANOUT = 50  # a sentence in more groups than this is chrome, no evidence of copying
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


@dataclass(frozen=True, slots=True)
class DocHashes:
    """What the dump statistics keep of one document: ``lines``, the ``line_hashes`` (the
    lines that may be boilerplate), and ``prose``, the hashes of its sentence-like lines of
    any length with their lengths in characters (the evidence that two documents are copies
    of one article).  Hashes and numbers only, never text."""

    lines: array[int]
    prose: dict[int, int]


def document_hashes(text: str) -> DocHashes:
    """``line_hashes`` and the sentence hashes of one document.  A line longer than
    ``MAX_LINE_CHARS`` is never boilerplate, only evidence of copying: its key is its
    trimmed lower-case text (cheaper than ``dump_key`` on a long paragraph; copies repeat
    their paragraphs exactly).

    >>> h = document_hashes("Home\\nThe ferry sailed at dawn on Monday, late again.\\nHome")
    >>> len(h.lines), list(h.prose.values())
    (2, [47])
    """
    short: set[str] = set()
    long: set[str] = set()
    for line in text.split("\n"):
        if line and not line.isspace():
            (short if len(line) <= MAX_LINE_CHARS else long).add(line)
    keys = {dump_key(line) for line in short}
    lines = {key_hash(key): len(key) for key in keys}
    prose = {h: n for h, n in lines.items() if h & _PROSE_BIT}
    for line in long:  # only evidence of copying: a lighter key (copies repeat lines exactly)
        key = line.strip().lower()
        if _prose(key):
            prose[key_hash(key)] = len(key)
    return DocHashes(array("Q", lines), prose)


def copy_groups(docs: Sequence[DocHashes]) -> list[int]:
    """For each document of a window, the position of the first document of its group of
    copies (its own position when it copies no earlier one).

    A document is an exact repeat of an earlier one when its lines and sentences are the
    same; else it copies the earlier group whose first document shares with it the most
    sentence characters, if those are at least ``COPY_SHARE`` of the smaller of the two
    documents' sentence characters and at least ``COPY_MIN_LINES`` sentences.  Sentences
    found in more than ``COPY_FANOUT`` groups are not looked at (chrome), so the work stays
    linear in the window.

    >>> story = "\\n".join(f"Paragraph {i} of the wire story, as every site ran it."
    ...                   for i in range(4))
    >>> site_a = document_hashes("Alpha Daily\\n" + story
    ...                          + "\\nSubscribe to Alpha Daily today for news.")
    >>> site_b = document_hashes("Beta Times\\nMenu\\n" + story)
    >>> other = document_hashes("Alpha Daily\\nA different story, told in its own words here.")
    >>> copy_groups([site_a, other, site_b, site_a])
    [0, 1, 0, 0]
    """
    groups: list[int] = []
    exact: dict[bytes, int] = {}  # digest of a document's hashes -> its first document
    index: dict[int, list[int]] = {}  # sentence hash -> first documents of groups holding it
    sizes: dict[int, int] = {}  # first document of a group -> its sentence characters
    for i, doc in enumerate(docs):
        key = _digest(doc)
        first = exact.get(key)
        if first is None:
            first = _copied(doc, index, sizes)
        if first is None:
            first = i
            sizes[i] = sum(doc.prose.values())
            for h in doc.prose:
                holders = index.setdefault(h, [])
                if len(holders) <= COPY_FANOUT:
                    holders.append(i)
        exact.setdefault(key, first)
        groups.append(first)
    return groups


def _digest(doc: DocHashes) -> bytes:
    """A digest of all the hashes of a document: equal for exact repeats."""
    both = array("Q", sorted({*doc.lines, *doc.prose}))
    return blake2b(both.tobytes(), digest_size=16).digest()


def _copied(doc: DocHashes, index: dict[int, list[int]], sizes: dict[int, int]) -> int | None:
    """The group ``doc`` is a copy of, if any (see ``copy_groups``)."""
    shared: Counter[int] = Counter()
    lines: Counter[int] = Counter()
    for h, n in doc.prose.items():
        holders = index.get(h)
        if holders is None or len(holders) > COPY_FANOUT:
            continue
        for first in holders:
            shared[first] += n
            lines[first] += 1
    own = sum(doc.prose.values())
    best = None
    for first, n in shared.most_common():
        if lines[first] >= COPY_MIN_LINES and n >= COPY_SHARE * min(own, sizes[first]):
            best = first
            break
    return best


def repeated(doc_hashes: Sequence[Iterable[int]],
             groups: Sequence[int] | None = None) -> frozenset[int]:
    """The hashes that count as dump-level boilerplate in a window, given each document's
    ``line_hashes`` and, optionally, its ``copy_groups`` (a line counts once per group;
    without groups, every document is its own)."""
    if groups is None:
        groups = range(len(doc_hashes))
    sizes = Counter(groups)
    n = len(sizes)
    if n < MIN_DOCS:
        return frozenset()
    counts: Counter[int] = Counter()
    unions: dict[int, set[int]] = {}  # the lines of each group of several documents
    for hashes, group in zip(doc_hashes, groups, strict=True):
        if sizes[group] == 1:
            counts.update(hashes)
        else:
            unions.setdefault(group, set()).update(hashes)
    for union in unions.values():
        counts.update(union)
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
