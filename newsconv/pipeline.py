"""The whole path for one document, stage by stage:

    text ─ normalise ─► blocks ─ language, measure, features ─► classify ─► structure ─► Analysis

Everything here is a pure function of the document and a ``Config``; nothing is cached
between documents, so the output never depends on what was processed before or in which
process (``-j``).  Dump-level statistics (lines repeated across many documents of one input)
are passed in explicitly as ``dump_repeats``.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from .blocks import split_blocks
from .boilerplate import dump_key
from .classify import Model, decide, default_model
from .decode import repair_mojibake
from .dedup import copies
from .features import Features, LineMemo, Local, extract, measure, page_title_words
from .language import detect_language, language_for
from .model import Analysis, Article, Block, Document, Verdict
from .normalise import normalise
from .patterns import Matcher, default_matcher
from .rules import UserRules
from .structure import layout


@dataclass(frozen=True)
class Config:
    """What the pipeline needs besides the document."""

    model: Model = field(default_factory=default_model)
    matcher: Matcher = field(default_factory=default_matcher)
    rules: UserRules = field(default_factory=UserRules)
    # remembers the measurements of lines seen before (a pure function's results: it never
    # changes an output); each worker process has its own
    memo: LineMemo = field(default_factory=LineMemo, compare=False, repr=False)


@dataclass(frozen=True)
class Prepared:
    """A document up to its features: what the classifier and the trainer both start from."""

    blocks: tuple[Block, ...]
    local: tuple[Local, ...]
    features: tuple[Features | None, ...]
    language: str | None


def document_blocks(doc: Document) -> list[Block]:
    """Repair mojibake, normalise, split into blocks."""
    text, _ = repair_mojibake(doc.text)
    return split_blocks(normalise(text))


def prepare(doc: Document, config: Config) -> Prepared:
    """Repair mojibake, normalise, split into blocks, detect the language, measure and
    describe the blocks."""
    blocks = document_blocks(doc)
    if not blocks:
        return Prepared((), (), (), None)
    code = detect_language([b.text for b in blocks])
    local = measure(blocks, language_for(code), config.matcher, config.memo)
    return Prepared(tuple(blocks), tuple(local), tuple(extract(blocks, local)), code)


def analyse(doc: Document, config: Config, dump_repeats: Container[str] = ()) -> Analysis:
    """Classify every block of ``doc`` and arrange the kept ones into articles."""
    prep = prepare(doc, config)
    blocks, local, feats, code = prep.blocks, prep.local, prep.features, prep.language
    if not blocks:
        return Analysis(doc, (), (), (), None)
    forced = config.rules.reasons([b.text for b in blocks]) if config.rules else None
    keep, verdicts = decide(local, feats, config.model, forced)
    if dump_repeats:
        for i, b in enumerate(blocks):
            if dump_key(b.text) in dump_repeats and (forced is None or forced[i] is None):
                keep[i] = False
                verdicts[i] = Verdict(False, "dump-repeat",
                                      "line repeated across many documents of the input",
                                      verdicts[i].score)
    dups = copies([b.text for b in blocks], [m.tokens for m in local])
    result = layout(blocks, local, keep, verdicts, page_title_words(blocks), dups,
                    source=doc.source, doc_index=doc.index, language=code,
                    stop=language_for(code).stopwords)
    final = tuple(v if (not v.keep or v.article >= 0)
                  else Verdict(False, "fragment", "kept text outside any article", v.score)
                  for v in result.verdicts)
    articles = tuple(_with_meta(a, doc) for a in result.articles)
    return Analysis(doc, tuple(blocks), final, articles, code)


def _with_meta(article: Article, doc: Document) -> Article:
    if not doc.meta:
        return article
    from dataclasses import replace
    return replace(article, meta=dict(doc.meta))


def clean_document(doc: Document, config: Config | None = None) -> tuple[Article, ...]:
    return analyse(doc, config or Config()).articles


def as_copy(doc: Document, original: int) -> Analysis:
    """The analysis of a document that copies document ``original`` (its index) of the same
    input, when the user asked to drop copies (``--drop-copies``): no article, every line
    dropped with the label ``copy``."""
    blocks = tuple(document_blocks(doc))
    verdict = Verdict(False, "copy", f"copy of document {original + 1} of the input")
    return Analysis(doc, blocks, (verdict,) * len(blocks), (), None)

