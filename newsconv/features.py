"""What the classifier knows about each block: its own shape and the company it keeps.

Local features describe the block alone: length, stopword density in the document's
language, sentence punctuation, capitalisation, digits and punctuation, the chrome class its
text matches, repetition inside the document, likeness to the page title.  Context features
describe its neighbourhood — how much prose lies around it and how far, how dense the chrome
is, the page title, bylines, related-links headers and comment threads above it, runs of
lines of one shape — as in jusText's second pass.

Everything is computed in one pass per document into plain numbers (``Features``), cheaply:
per-character statistics look at no more than ``SAMPLE_CHARS`` characters of a block.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .language import MARKS, WORD, Language, count_words
from .model import Block
from .patterns import Hit, Matcher, line_key

# A sentence ends with . ! ? … or the full stops of other scripts (CJK and full-width
# 。！？．, Devanagari danda । and double danda ॥, Arabic question mark ؟, Urdu full stop ۔),
# maybe followed by closing quotes/brackets (Latin ones and CJK 」』）).
_SENTENCE_END = re.compile(r"[.!?…。！？．।॥؟۔][\"'”’»)\]」』）]*$|[\"”»]$")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(rf"[^\w\s{MARKS}]")  # a word's combining marks are not punctuation
_TITLE_SPLIT = re.compile(r"\s[|–—-]\s|\s::\s|\s·\s")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")
_LETTERS = re.compile(rf"(?:[^\W\d_][{MARKS}]*)+")  # letters and their marks
_WORD_RUN = re.compile(r"a(?: a)+")
PROSE_WORDS = 12  # a block this long with sentence punctuation is "prose" for context
SAMPLE_CHARS = 200  # per-character statistics look at this much of a block
SHAPE_WORDS = 25  # lines up to this long have a shape (list items, table rows, menu items)
NEAR = 3  # blocks on each side that count as "around"
FAR = 10  # ...and as "in the wider neighbourhood"
DIST_CAP = 10  # distances are capped here and scaled to [0, 1]
FAR_WORDS = 8  # a line shorter than this...
FAR_DIST = 0.5  # ...with no prose within this many tenths of DIST_CAP lines is not scored

# Chrome classes that never hold article text when they match a whole line.
HARD_CLASSES = frozenset({"share", "comment-form", "subscribe", "cookie", "navigation",
                          "advertisement", "counter", "gallery", "error", "copyright", "tags",
                          "code"})


class Local(NamedTuple):
    """Per-block measurements the context pass and later stages reuse."""

    words: int
    stopwords: int
    sentence_end: bool
    hit: Hit | None
    key: str
    shape: str  # skeleton() of short lines, "" for long ones
    tokens: tuple[str, ...]  # lower-case word tokens (\w+ runs)


class Features(NamedTuple):
    """One block's features (see the module docstring); every field is a number."""

    log_words: float
    medium: float  # 4-9 words
    stop_ratio: float
    stop_x_long: float  # stopword density of blocks of 10+ words (prose signal)
    sentence_end: float
    cap_ratio: float  # share of capitalised words
    digit_ratio: float
    punct_ratio: float
    repeated: float  # the same line occurs elsewhere in the document
    title_like: float  # shares most words with the page title
    chrome: float  # a chrome table matched the line
    rel_position: float
    second_person: float  # "you"/"your" per word
    # context
    prose_before: float  # log(1 + prose words in the NEAR blocks before)
    prose_after: float
    prose_before_far: float  # log(1 + prose words in the FAR blocks before)
    prose_after_far: float
    near_prose: float  # within 2 blocks of prose on both sides
    dist_prev_prose: float  # blocks to the previous prose block, in [0, 1]
    dist_next_prose: float
    chrome_density: float  # share of chrome lines among the 2 * NEAR neighbours
    next_sentence_end: float
    next_long: float
    prev_long: float
    since_title: float  # blocks since the last line like the page title, in [0, 1]
    since_related: float  # blocks since the last related-links line, in [0, 1]
    comments_before: float  # log(1 + comment-thread lines in the 30 blocks before)
    skeleton_run: float  # neighbours of the same shape (lists, tables, menus), in [0, 1]


FEATURE_NAMES = Features._fields


class LineMemo:
    """Remembers ``measure_line`` results by (line, language).  Crawls repeat their site
    chrome on every page, so most lines of a dump have been measured before.  The function
    is pure, so the memo never changes a result, whatever was processed before.  Only short
    lines are kept (chrome is short; a paragraph seldom comes back and its tokens are what
    would fill the memory): at most ``limit`` lines of at most ``max_chars`` characters,
    starting afresh when full, so a worker's memory stays flat."""

    def __init__(self, limit: int = 50_000, max_chars: int = 200) -> None:
        self.limit = limit
        self.max_chars = max_chars
        self.lines: dict[tuple[str, str | None], Local] = {}


def measure_line(text: str, lang: Language, matcher: Matcher) -> Local:
    """The measurements of one line (see ``Local``)."""
    tokens = tuple(WORD.findall(text.lower()))
    words, stops = count_words(text, lang, tokens)
    key = line_key(text)
    return Local(words, stops, _SENTENCE_END.search(text) is not None,
                 matcher.match(text, words, key), key,
                 skeleton(text) if words <= SHAPE_WORDS else "", tokens)


def measure(blocks: Sequence[Block], lang: Language, matcher: Matcher,
            memo: LineMemo | None = None) -> list[Local]:
    """The per-block measurements."""
    if memo is None:
        return [measure_line(b.text, lang, matcher) for b in blocks]
    lines = memo.lines
    if len(lines) > memo.limit:
        lines.clear()
    out = []
    code = lang.code
    short = memo.max_chars
    for b in blocks:
        if len(b.text) > short:
            out.append(measure_line(b.text, lang, matcher))
            continue
        found = lines.get((b.text, code))
        if found is None:
            found = lines[(b.text, code)] = measure_line(b.text, lang, matcher)
        out.append(found)
    return out


def page_title_words(blocks: Sequence[Block]) -> frozenset[str]:
    """The words of the page title (the first line, minus a ' | Site' suffix)."""
    if not blocks:
        return frozenset()
    parts = _TITLE_SPLIT.split(blocks[0].text)
    head = max(parts, key=len) if parts else blocks[0].text
    return frozenset(WORD.findall(head.lower()))


def skeleton(text: str) -> str:
    """The shape of a line: a run of words becomes 'a', a number '0', punctuation stays.
    Items of one list or rows of one table share it.

    >>> skeleton("June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre")
    'a 0 – a, a @ a'
    >>> skeleton("Turkey (Group H): Fifth") == skeleton("Czech Republic (Group A): Third")
    True
    >>> skeleton("4. Sam Ortiz – 5 points") == skeleton("3. Irene Kovac – 5.5 points")
    True
    """
    shape = _LETTERS.sub("a", _DIGITS.sub("0", text))
    return _WORD_RUN.sub("a", shape)


def _since(flags: Sequence[bool], cap: int) -> list[float]:
    """For each position, blocks since the last flagged one before it, in [0, 1]."""
    out = []
    last = -cap
    for i, f in enumerate(flags):
        out.append(min(cap, i - last) / cap)
        if f:
            last = i
    return out


def _until(flags: Sequence[bool], cap: int) -> list[float]:
    """For each position, blocks until the next flagged one after it, in [0, 1]."""
    return _since(flags[::-1], cap)[::-1]


def _runs_of_equal(keys: Sequence[str], cap: int) -> list[float]:
    """For each position, the length of the run of equal keys it belongs to, in [0, 1]."""
    n = len(keys)
    out = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and keys[j + 1] == keys[i]:
            j += 1
        value = min(cap, j - i + 1) / cap
        for k in range(i, j + 1):
            out[k] = value
        i = j + 1
    return out


def _window_sums(values: Sequence[int], before: int, after: int) -> list[int]:
    """For each position, the sum of ``values`` over the ``before`` positions before it
    (after=0) or the ``after`` positions after it (before=0)."""
    n = len(values)
    prefix = [0] * (n + 1)
    for i, v in enumerate(values):
        prefix[i + 1] = prefix[i] + v
    if before:
        return [prefix[i] - prefix[max(0, i - before)] for i in range(n)]
    return [prefix[min(n, i + 1 + after)] - prefix[i + 1] for i in range(n)]


def wanted(m: Local, dprev: float, dnext: float) -> bool:
    """Whether the model has anything to decide for a block: not for a line a hard table
    pins, nor for a short line far from any prose (a menu item deep in a menu), which the
    classifier scores FAR_SCORE.  Training uses the same test, so the trees learn only what
    they are asked."""
    if m.hit is not None and m.hit.cls in HARD_CLASSES:
        return False
    return m.words >= FAR_WORDS or dprev < FAR_DIST or dnext < FAR_DIST


def extract(blocks: Sequence[Block], local: Sequence[Local]) -> list[Features | None]:
    """Features of every block of one document the model is asked about (see ``wanted``),
    None for the others."""
    n = len(blocks)
    if n == 0:
        return []
    title = page_title_words(blocks)
    counts = Counter(m.key for m in local)
    prose = [m.words >= PROSE_WORDS and m.sentence_end and m.hit is None for m in local]
    prose_words = [m.words if p else 0 for m, p in zip(local, prose, strict=True)]
    chrome = [1 if m.hit is not None else 0 for m in local]
    related = [m.hit is not None and m.hit.cls == "related" for m in local]
    comment = [1 if m.hit is not None and m.hit.cls == "comment-form" else 0 for m in local]
    near_b, near_a = _window_sums(prose_words, NEAR, 0), _window_sums(prose_words, 0, NEAR)
    far_b, far_a = _window_sums(prose_words, FAR, 0), _window_sums(prose_words, 0, FAR)
    chrome_b, chrome_a = _window_sums(chrome, NEAR, 0), _window_sums(chrome, 0, NEAR)
    comments = _window_sums(comment, 30, 0)
    dprev, dnext = _since(prose, DIST_CAP), _until(prose, DIST_CAP)
    word_sets = [set(m.tokens) if m.words <= 30 else None for m in local]
    title_flags = [bool(title) and ws is not None and len(ws & title) >= 0.6 * len(title)
                   for ws in word_sets]
    since_title = _since(title_flags, 20)
    since_related = _since(related, DIST_CAP)
    shapes = _runs_of_equal([m.shape or str(i) for i, m in enumerate(local)], DIST_CAP)
    log1p = math.log1p
    last = max(1, n - 1)
    feats: list[Features | None] = []
    for i, (b, m) in enumerate(zip(blocks, local, strict=True)):
        if not wanted(m, dprev[i], dnext[i]):
            feats.append(None)
            continue
        text = b.text
        words = m.words
        sample = text[:SAMPLE_CHARS]
        length = len(sample) or 1
        tokens = sample.split()
        alpha = [t for t in tokens if t[:1].isalpha()]
        caps = sum(1 for t in alpha if t[0].isupper())
        stop_ratio = m.stopwords / words if words else 0.0
        ws = word_sets[i]
        title_like = (len(ws & title) / len(ws) if ws and title and len(ws) <= 2 * len(title) + 3
                      else 0.0)
        lo, hi = max(0, i - NEAR), min(n, i + NEAR + 1)
        neighbours = (hi - lo - 1) or 1
        nxt = local[i + 1] if i + 1 < n else None
        feats.append(Features(
            log1p(words),
            1.0 if 4 <= words <= 9 else 0.0,
            stop_ratio,
            stop_ratio if words >= 10 else 0.0,
            1.0 if m.sentence_end else 0.0,
            caps / len(alpha) if alpha else 0.0,
            len(_DIGIT.findall(sample)) / length,
            len(_PUNCT.findall(sample)) / length,
            1.0 if counts[m.key] > 1 else 0.0,
            title_like,
            1.0 if chrome[i] else 0.0,
            i / last,
            (len(_SECOND_PERSON.findall(sample)) / max(1, min(words, len(tokens)))
             if "you" in sample.lower() else 0.0),
            log1p(near_b[i]),
            log1p(near_a[i]),
            log1p(far_b[i]),
            log1p(far_a[i]),
            1.0 if dprev[i] <= 0.2 and dnext[i] <= 0.2 else 0.0,
            dprev[i],
            dnext[i],
            (chrome_b[i] + chrome_a[i]) / neighbours,
            1.0 if nxt is not None and nxt.sentence_end else 0.0,
            1.0 if nxt is not None and nxt.words >= 20 else 0.0,
            1.0 if i > 0 and local[i - 1].words >= 20 else 0.0,
            since_title[i],
            since_related[i],
            log1p(comments[i]),
            shapes[i],
        ))
    return feats
