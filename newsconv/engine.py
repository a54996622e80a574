"""The compiled core (``newsconv._core``, the Rust crate in ``core/``) behind the Python API:
it builds the core's engine from a model and rule files, and turns the core's answers into
the package's records (``Block``, ``Verdict``, ``Article``, ``Analysis``), so that the
renderers, ``explain``, the runner and the command line read them as before.

Nothing here decides anything: every per-line and per-document step — normalising, blocks,
language, chrome tables, features, trees, Viterbi, duplicates, structure, user rules and
the dump statistics (``newsconv.boilerplate``) — runs in the core, without the GIL.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import newsconv._core as _core

from .dates import date_in_lines
from .decode import repair_mojibake
from .model import Analysis, Article, Block, Document, Part, Summary, Verdict

if TYPE_CHECKING:
    from .classify import Model
    from .rules import UserRules

CoreError = _core.CoreError


def build_engine(model: Model | None = None, rules: UserRules | None = None) -> Any:
    """The core's engine for a model (None: the shipped one) and user rules (None: none).
    Raises ``ValueError`` for a model or rule pattern the core cannot use."""
    if model is None and not rules:
        return default_engine()
    import json  # only for a model of one's own: not at start-up
    model_json = None if model is None else json.dumps(model.to_json())
    if not rules:
        return _core.Engine(model_json)
    keep_phrases, keep_patterns, drops = rules.core_parts()
    return _core.Engine(model_json, None, keep_phrases, keep_patterns, drops)


@lru_cache(maxsize=1)
def default_engine() -> Any:
    """The engine of the shipped model and chrome tables (built once; immutable)."""
    return _core.Engine()


def analyse(doc: Document, engine: Any, repeats: Iterable[int] | None = None) -> Analysis:
    """Classify every block of ``doc`` and arrange the kept ones into articles, in the core.
    ``repeats``: hashes of the lines repeated across the input's documents."""
    text, _ = repair_mojibake(doc.text)
    hashes = set(repeats) if repeats else None
    blocks, verdicts, articles, language = engine.analyse(
        text, f"document {doc.index + 1} of {doc.source}", hashes)
    return Analysis(
        doc,
        tuple(Block(i, t, line, gap) for i, (t, line, gap) in enumerate(blocks)),
        tuple(Verdict(*v) for v in verdicts),
        tuple(_article(a, k, doc) for k, a in enumerate(articles)),
        language,
    )


def summarise(doc: Document, engine: Any, repeats: Iterable[int] | None = None) -> Summary:
    """``analyse(...).summary()`` without the line-by-line verdicts (core)."""
    text, _ = repair_mojibake(doc.text)
    hashes = set(repeats) if repeats else None
    articles, language, kept, dropped = engine.clean(
        text, f"document {doc.index + 1} of {doc.source}", hashes)
    return Summary(doc, tuple(_article(a, k, doc) for k, a in enumerate(articles)), language,
                   kept, tuple(dropped))


def _article(a: tuple[Any, ...], index: int, doc: Document) -> Article:
    title, dek, place, agency, byline, language, parts, date_lines = a
    return Article(source=doc.source, index=index, title=title, dek=dek, dateline=place,
                   agency=agency, byline=byline,
                   parts=tuple(Part(kind, text) for kind, text in parts),
                   language=language, doc_index=doc.index,
                   meta=dict(doc.meta) if doc.meta else {},
                   date=_date(date_lines, language))


def _date(date_lines: tuple[list[str], list[str | None], int] | None,
          language: str | None) -> str | None:
    """The article's date, read (``dates.date_in_lines``) from the lines the core chose
    around its headline (None: none of them can hold a date)."""
    if date_lines is None:
        return None
    texts, classes, anchor = date_lines
    return date_in_lines(texts, anchor, language, classes)


class Prepared(NamedTuple):
    """A document up to its features, as the core computes them: what the trainer reads."""

    blocks: tuple[Block, ...]
    words: tuple[int, ...]
    features: tuple[tuple[float, ...] | None, ...]
    language: str | None


def prepare(doc: Document, engine: Any) -> Prepared:
    """Repair mojibake, then normalise, split, measure and describe the blocks (core)."""
    text, _ = repair_mojibake(doc.text)
    blocks, words, feats, language = engine.prepare(text, f"document {doc.index + 1}")
    return Prepared(tuple(Block(i, t, line, gap) for i, (t, line, gap) in enumerate(blocks)),
                    tuple(words), tuple(None if f is None else tuple(f) for f in feats),
                    language)


def check_pattern(pattern: str) -> None:
    """Raise ``ValueError`` when the core cannot compile a rule pattern (look-around and
    back-references are not available in linear-time matching)."""
    _core.check_pattern(pattern)
