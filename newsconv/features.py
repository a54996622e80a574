"""What the classifier knows about each block: its own shape and the company it keeps.

Local features describe the block alone (length, stopword density in the document's
language, sentence punctuation, capitalisation, digits, links, the chrome class its text
matches, repetition inside the document, likeness to the page title).  Context features
describe its neighbourhood (how much prose lies around it), as in jusText's second pass.

All of them are plain numbers in a ``Features`` tuple so that the model is a dot product.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .language import WORD, Language, count_words
from .model import Block
from .patterns import Hit, Matcher, line_key

# A sentence ends with . ! ? … or their CJK forms, maybe followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$|[\"”»]$")
_INNER_SENTENCE = re.compile(r"[a-z\u00e0-\u024f)\"”’][.!?][\"”’]?\s+[\"“‘(]?[A-Z\u00c0-\u024f]")
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])$")
_LINKISH = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|io)\b|@\w|#\w")
_BULLET = re.compile(r"(?:[-–—•*·▪►✓✔]\s|\d{1,2}[.)]\s|\(\w\)\s|[a-z]\)\s)")
_QUOTE_START = re.compile(r"[\"“‘'«„]")
_TITLE_SPLIT = re.compile(r"\s[|–—-]\s|\s::\s|\s·\s")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re)\b", re.IGNORECASE)
_SKELETON = re.compile(r"[^\W\d_]+|\d+")
_WORD_RUN = re.compile(r"a(?: a)+")
PROSE_WORDS = 12  # a block this long with sentence punctuation is "prose" for context


class Features(NamedTuple):
    """One block's features (see the module docstring); every field is a number."""

    log_words: float
    short: float  # 1-3 words
    medium: float  # 4-9 words
    long: float  # 20+ words
    stop_ratio: float
    stop_x_long: float  # stopword density of long blocks (prose signal)
    sentence_end: float
    colon_end: float
    inner_sentences: float  # log(1 + sentence breaks inside)
    truncated: float  # ends with "..." (teasers)
    cap_ratio: float  # share of capitalised words
    all_caps: float
    digit_ratio: float
    punct_ratio: float
    linkish: float
    bullet: float
    quote_start: float
    repeated: float  # the same line occurs elsewhere in the document
    title_like: float  # shares most words with the page title
    chrome: float  # a chrome table matched the line
    chrome_hard: float  # ...one of the classes that never hold article text
    rel_position: float
    # context
    prose_before: float  # log(1 + prose words in the 3 blocks before)
    prose_after: float
    near_prose: float  # within 2 blocks of prose on both sides
    dist_prev_prose: float  # blocks to the previous prose block, capped, scaled to [0, 1]
    dist_next_prose: float
    prev_chrome: float
    next_chrome: float
    chrome_density: float  # share of chrome lines among the 6 neighbours
    prev_sentence_end: float
    next_sentence_end: float
    next_long: float
    prev_long: float
    prose_before_far: float  # log(1 + prose words in the 10 blocks before)
    prose_after_far: float
    since_title: float  # blocks since the last line like the page title, capped, in [0, 1]
    since_byline: float  # blocks since the last byline or timestamp line, in [0, 1]
    comments_before: float  # log(1 + comment-thread lines in the 30 blocks before)
    skeleton_run: float  # neighbours of the same shape (lists, tables, menus), in [0, 1]
    since_related: float  # blocks since the last related-links header or teaser, in [0, 1]
    lower_start: float  # starts with a lower-case letter
    second_person: float  # "you"/"your" per word


FEATURE_NAMES = Features._fields

# Chrome classes that never hold article text when they match a whole line.
HARD_CLASSES = frozenset({"share", "comment-form", "subscribe", "cookie", "navigation",
                          "advertisement", "counter", "gallery", "error", "copyright", "tags"})


class Local(NamedTuple):
    """Per-block measurements the context pass and later stages reuse."""

    words: int
    stopwords: int
    sentence_end: bool
    hit: Hit | None
    key: str


def page_title_words(blocks: Sequence[Block]) -> frozenset[str]:
    """The words of the page title (the first line, minus a ' | Site' suffix)."""
    if not blocks:
        return frozenset()
    parts = _TITLE_SPLIT.split(blocks[0].text)
    head = max(parts, key=len) if parts else blocks[0].text
    return frozenset(WORD.findall(head.lower()))


def measure(blocks: Sequence[Block], lang: Language, matcher: Matcher) -> list[Local]:
    """The per-block measurements (one pass over the text of each block)."""
    out = []
    for b in blocks:
        words, stops = count_words(b.text, lang)
        hit = matcher.match(b.text, words)
        out.append(Local(words, stops, bool(_SENTENCE_END.search(b.text)), hit,
                         line_key(b.text)))
    return out


def _local(b: Block, m: Local, title: frozenset[str], counts: Counter[str], n: int) -> list[float]:
    text = b.text
    words = m.words
    toks = text.split()
    alpha = [t for t in toks if t[:1].isalpha()]
    caps = sum(1 for t in alpha if t[0].isupper())
    letters = sum(1 for c in text if c.isalpha())
    uppers = sum(1 for c in text if c.isupper())
    digits = sum(1 for c in text if c.isdigit())
    spaces = text.count(" ")
    length = max(1, len(text))
    puncts = length - letters - digits - spaces
    stop_ratio = m.stopwords / words if words else 0.0
    lw = set(WORD.findall(text.lower()))
    title_like = (len(lw & title) / len(lw) if lw and title and len(lw) <= 2 * len(title) + 3
                  else 0.0)
    hard = m.hit is not None and m.hit.cls in HARD_CLASSES
    return [
        math.log1p(words),
        1.0 if words <= 3 else 0.0,
        1.0 if 4 <= words <= 9 else 0.0,
        1.0 if words >= 20 else 0.0,
        stop_ratio,
        stop_ratio if words >= 10 else 0.0,
        1.0 if m.sentence_end else 0.0,
        1.0 if text.endswith(":") else 0.0,
        math.log1p(len(_INNER_SENTENCE.findall(text))),
        1.0 if _TRUNCATED.search(text) else 0.0,
        caps / len(alpha) if alpha else 0.0,
        1.0 if letters >= 4 and uppers >= letters * 0.9 else 0.0,
        digits / length,
        puncts / length,
        1.0 if _LINKISH.search(text) else 0.0,
        1.0 if _BULLET.match(text) else 0.0,
        1.0 if _QUOTE_START.match(text) else 0.0,
        1.0 if counts[m.key] > 1 else 0.0,
        title_like,
        1.0 if m.hit is not None else 0.0,
        1.0 if hard else 0.0,
        b.index / max(1, n - 1),
    ]


def _is_prose(m: Local) -> bool:
    return m.words >= PROSE_WORDS and m.sentence_end and m.hit is None


def skeleton(text: str) -> str:
    """The shape of a line: a run of words becomes 'a', a number '0', punctuation stays.
    Items of one list or rows of one table share it.

    >>> skeleton("June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre")
    'a 0 – a, a @ a'
    >>> skeleton("Turkey (Group H): Fifth appearance") == skeleton("Czech Republic (Group A): Third")
    True
    """
    shape = _SKELETON.sub(lambda m: "0" if m.group(0)[0].isdigit() else "a", text)
    return _WORD_RUN.sub("a", shape)[:40]


def _since(flags: Sequence[bool], cap: int) -> list[float]:
    """For each position, blocks since the last flagged one before it, in [0, 1]."""
    out = []
    last = -cap
    for i, f in enumerate(flags):
        out.append(min(cap, i - last) / cap)
        if f:
            last = i
    return out


def _runs_of_equal(keys: Sequence[str], cap: int) -> list[float]:
    """For each position, the length of the run of equal keys it belongs to, in [0, 1]."""
    n = len(keys)
    out = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and keys[j + 1] == keys[i]:
            j += 1
        for k in range(i, j + 1):
            out[k] = min(cap, j - i + 1) / cap
        i = j + 1
    return out


def extract(blocks: Sequence[Block], local: Sequence[Local]) -> list[Features]:
    """Features of every block of one document."""
    n = len(blocks)
    title = page_title_words(blocks)
    counts = Counter(m.key for m in local)
    prose = [_is_prose(m) for m in local]
    prose_words = [m.words if p else 0 for m, p in zip(local, prose)]
    chrome = [m.hit is not None for m in local]
    # distance to the previous / next prose block
    cap = 10
    dprev = [cap] * n
    last = -cap
    for i in range(n):
        dprev[i] = min(cap, i - last)
        if prose[i]:
            last = i
    dnext = [cap] * n
    nxt = n + cap
    for i in range(n - 1, -1, -1):
        dnext[i] = min(cap, nxt - i)
        if prose[i]:
            nxt = i
    title_flags = [m.words <= 30 and bool(title) and len(set(WORD.findall(b.text.lower())) & title)
                   >= 0.6 * len(title) for b, m in zip(blocks, local)]
    since_title = _since(title_flags, 20)
    since_byline = _since([m.hit is not None and m.hit.cls in ("byline", "timestamp")
                           for m in local], 20)
    since_related = _since([m.hit is not None and m.hit.cls == "related" for m in local], 10)
    comment = [1 if m.hit is not None and m.hit.cls == "comment-form" else 0 for m in local]
    shapes = _runs_of_equal([skeleton(b.text) for b in blocks], 10)
    feats = []
    for i, (b, m) in enumerate(zip(blocks, local)):
        before = sum(prose_words[max(0, i - 3):i])
        after = sum(prose_words[i + 1:i + 4])
        far_before = sum(prose_words[max(0, i - 10):i])
        far_after = sum(prose_words[i + 1:i + 11])
        lo, hi = max(0, i - 3), min(n, i + 4)
        neigh = (hi - lo - 1) or 1
        dens = (sum(chrome[lo:hi]) - (1 if chrome[i] else 0)) / neigh
        ctx = [
            math.log1p(before),
            math.log1p(after),
            1.0 if dprev[i] <= 2 and dnext[i] <= 2 else 0.0,
            dprev[i] / cap,
            dnext[i] / cap,
            1.0 if i > 0 and chrome[i - 1] else 0.0,
            1.0 if i + 1 < n and chrome[i + 1] else 0.0,
            dens,
            1.0 if i > 0 and local[i - 1].sentence_end else 0.0,
            1.0 if i + 1 < n and local[i + 1].sentence_end else 0.0,
            1.0 if i + 1 < n and local[i + 1].words >= 20 else 0.0,
            1.0 if i > 0 and local[i - 1].words >= 20 else 0.0,
            math.log1p(far_before),
            math.log1p(far_after),
            since_title[i],
            since_byline[i],
            math.log1p(sum(comment[max(0, i - 30):i])),
            shapes[i],
            since_related[i],
            1.0 if b.text[:1].islower() else 0.0,
            len(_SECOND_PERSON.findall(b.text)) / max(1, m.words),
        ]
        feats.append(Features(*_local(b, m, title, counts, n), *ctx))
    return feats
