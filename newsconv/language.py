"""Languages: which one a document is written in, and how to count its words and stopwords.

Stoplists come from ``data/stoplists.json`` (jusText's frequency-ranked lists, BSD-2-Clause,
and stopwords-iso for Japanese, Chinese and Thai, MIT; rebuilt by tools/build_stoplists.py).

Scripts written without spaces between words (Chinese, Japanese, Thai) are counted per
character: a paragraph of 120 kanji/kana is about as long as one of 60 English words, and
its "stopwords" are the particles and function characters of the stoplist.

>>> detect_language(["The minister said on Tuesday that the plan was not working."])
'en'
>>> detect_language(["Der Minister sagte am Dienstag, dass der Plan nicht funktioniert."])
'de'
>>> detect_language(["政府は火曜日に新しい計画を発表しました。"])
'ja'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _mark_class() -> str:
    """The combining marks (categories Mn, Mc, Me: Devanagari vowel signs and virama,
    Arabic harakat, Thai vowels) as the inside of a character class.  Python's ``\\w``
    leaves them out, but they are part of a word (Unicode TR 18, Annex C): without them
    "किताब" falls apart into "क", "त", "ब".  All of them lie below U+20000 or in the
    variation selectors at U+E0100."""
    cps = [cp for r in (range(0x20000), range(0xE0100, 0xE01F0)) for cp in r
           if unicodedata.category(chr(cp))[0] == "M"]
    out, start = [], None
    for a, b in zip(cps, [*cps[1:], -1], strict=True):
        start = a if start is None else start
        if b != a + 1:
            out.append(f"\\U{start:08x}" + (f"-\\U{a:08x}" if a != start else ""))
            start = None
    return "".join(out)


MARKS = _mark_class()  # combining marks, for character classes: rf"[\w{MARKS}]"
# A word: a run of \w and combining marks that starts with a \w character (a mark attached
# to nothing, as U+FE0F after an emoji, is no word).
WORD = re.compile(rf"\w[\w{MARKS}]*")
# Characters of scripts written without spaces; each counts as half a word.
NO_SPACE_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
CHARS_PER_WORD = 2.0  # for no-space scripts
SAMPLE_CHARS = 2500  # how much text language detection looks at


@dataclass(frozen=True, slots=True)
class Language:
    """A document's language and the way to count its words."""

    code: str | None  # ISO 639-1, or None when unknown
    stopwords: frozenset[str]
    per_char: bool  # True for scripts without spaces between words


@lru_cache(maxsize=1)
def stoplists() -> dict[str, frozenset[str]]:
    """The stoplists by ISO 639-1 code (read once; immutable)."""
    raw = json.loads(resources.files("newsconv").joinpath("data/stoplists.json")
                     .read_text(encoding="utf-8"))
    return {code: frozenset(words) for code, words in raw["languages"].items()}


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, tuple[str, ...]]:
    """word -> the languages whose stoplist holds it (one lookup per sampled word)."""
    index: dict[str, list[str]] = {}
    for code, words in stoplists().items():
        for w in words:
            index.setdefault(w, []).append(code)
    return {w: tuple(codes) for w, codes in index.items()}


def _sample(lines: Sequence[str]) -> str:
    """The longest lines first, up to SAMPLE_CHARS: prose, not menus."""
    picked: list[str] = []
    size = 0
    for line in sorted(lines, key=len, reverse=True):
        picked.append(line)
        size += len(line)
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(picked)


def detect_language(lines: Sequence[str]) -> str | None:
    """Guess the language of a document from its lines (ISO 639-1 code or None)."""
    text = _sample(lines)
    if not text:
        return None
    if not text.isascii():
        n = len(text)
        if len(_KANA.findall(text)) > n * 0.05:
            return "ja"
        if len(_HAN.findall(text)) > n * 0.2:
            return "zh"
        if len(_HANGUL.findall(text)) > n * 0.2:
            return "ko"
        if len(_THAI.findall(text)) > n * 0.2:
            return "th"
    index = _word_languages()
    counts = Counter(WORD.findall(text.lower()))
    votes: Counter[str] = Counter()
    for word, count in counts.items():
        for code in index.get(word, ()):
            votes[code] += count
    if not votes:
        return None
    best = max(sorted(votes), key=votes.__getitem__)  # sorted: ties break the same way
    return best if votes[best] >= max(2, sum(counts.values()) * 0.05) else None


def language_for(code: str | None) -> Language:
    """The counting rules for a language code (English's stoplist when unknown)."""
    lists = stoplists()
    if code in ("ja", "zh", "th"):
        return Language(code, frozenset(w for w in lists[code] if len(w) == 1), True)
    return Language(code, lists.get(code or "en", lists["en"]), False)


def count_words(text: str, lang: Language, tokens: Sequence[str] | None = None
                ) -> tuple[int, int]:
    """(words, stopwords) of a block.  No-space scripts count characters / 2.  ``tokens``:
    the block's lower-case word tokens, if already at hand.

    >>> count_words("The plan was not working at all.", language_for("en"))
    (7, 6)
    """
    if tokens is None:
        tokens = WORD.findall(text.lower())
    if lang.per_char or (not text.isascii() and NO_SPACE_CHARS.search(text)):
        chars = NO_SPACE_CHARS.findall(text)
        if chars:
            stop = sum(map(lang.stopwords.__contains__, chars)) if lang.per_char else 0
            latin = [t for t in tokens if not NO_SPACE_CHARS.search(t)]
            return (len(latin) + round(len(chars) / CHARS_PER_WORD),
                    round(stop / CHARS_PER_WORD * 2) + sum(map(lang.stopwords.__contains__,
                                                               latin)))
    return len(tokens), sum(map(lang.stopwords.__contains__, tokens))
