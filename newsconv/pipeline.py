"""The whole path for one document, stage by stage:

    text ─ normalise ─► blocks ─ language, measure, features ─► classify ─► structure ─► Analysis

Every stage runs in the compiled core (``newsconv._core``, see ``newsconv.engine``): this
module holds what a run needs besides the documents (``Config``: the model and the user
rules) and the entry point ``analyse``.  Everything is a pure function of the document and
a ``Config``; nothing is cached between documents, so the output never depends on what was
processed before or in which process (``-j``).  Dump-level statistics (lines repeated
across many documents of one input) are passed in explicitly as ``dump_repeats``.

The core is the only implementation: the Python pipeline it replaced was deleted once
``tools/parity.py`` showed both identical on every corpus (``--old-rev 9741408`` runs it
again from that revision).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import engine as _engine
from .boilerplate import Repeats, key_hash
from .model import Analysis, Article, Document, Summary, Verdict
from .rules import UserRules

if TYPE_CHECKING:
    from .classify import Model


@dataclass(frozen=True)
class Config:
    """What the pipeline needs besides the document: the model (None: the shipped one)
    and the user rules.  The core's engine is built from them on first use."""

    model: Model | None = None
    rules: UserRules = field(default_factory=UserRules)

    @cached_property
    def engine(self) -> Any:
        """The core's engine for this configuration (built once per Config)."""
        return _engine.build_engine(self.model, self.rules)

    def __getstate__(self) -> dict[str, Any]:
        # the compiled engine stays in its process; a worker builds its own
        return {k: v for k, v in self.__dict__.items() if k != "engine"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _hashes(dump_repeats: Container[str]) -> frozenset[int] | None:
    if isinstance(dump_repeats, Repeats):
        return dump_repeats.hashes or None
    if not dump_repeats:
        return None
    if isinstance(dump_repeats, (set, frozenset, list, tuple)):
        return frozenset(key_hash(k) for k in dump_repeats)
    raise TypeError("dump_repeats must be a Repeats or a collection of dump keys")


def analyse(doc: Document, config: Config, dump_repeats: Container[str] = ()) -> Analysis:
    """Classify every block of ``doc`` and arrange the kept ones into articles."""
    return _engine.analyse(doc, config.engine, _hashes(dump_repeats))


def summarise(doc: Document, config: Config, dump_repeats: Container[str] = ()) -> Summary:
    """``analyse(...).summary()``, without handing every line to Python: what ``clean``
    needs."""
    return _engine.summarise(doc, config.engine, _hashes(dump_repeats))


def clean_document(doc: Document, config: Config | None = None) -> tuple[Article, ...]:
    return summarise(doc, config or Config()).articles


def as_copy(doc: Document, original: int) -> Analysis:
    """The analysis of a document that copies document ``original`` (its index) of the same
    input, when the user asked to drop copies (``--drop-copies``): no article, every line
    dropped with the label ``copy``."""
    blocks = _engine.analyse(doc, Config().engine).blocks
    verdict = Verdict(False, "copy", f"copy of document {original + 1} of the input")
    return Analysis(doc, blocks, (verdict,) * len(blocks), (), None)
