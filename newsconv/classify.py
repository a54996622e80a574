"""The block model as a record: the boosted trees ``benchmarks/train.py`` writes to
``data/model.json`` and the core reads.

The core (``core/src/classify.rs``, ``core/src/model.rs``, ``core/src/context.rs``) decides,
block by block, in three passes:

1. **Tables.**  A line that matches a chrome table of a class that never holds article
   text (share bars, menus, comment forms, cookie notices...) is pinned "out" with that
   class as its reason.  User rules (``--rules``) act here too, and can pin a line "in".
2. **Model.**  Every block gets a score, the log-odds that it is article text, from a small
   ensemble of decision trees over its 28 features (``FEATURE_NAMES``): its own shape and
   how much prose surrounds it; a second ensemble scores it again from the same features and
   the first scores around it (``context``).
3. **Context.**  Article text comes in runs.  A two-state Viterbi pass (in / out of the
   article) finds the labelling that agrees best with the scores while paying ``switch`` for
   every change of state; a block's vote is its score times (1 + ``length_weight`` × log
   words).  So a short heading or list item between paragraphs stays in, and a lone
   prose-like teaser between menus stays out.

Which kept blocks are headings, captions or bylines, and where one article ends and the next
begins, is decided afterwards (``core/src/structure.rs``).  This module holds what training
needs besides the core's features (``newsconv.engine.prepare``): the model record, its JSON
form, and the context of first scores (computed by the core, as at run time).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import _core

FEATURE_NAMES: tuple[str, ...] = tuple(_core.FEATURE_NAMES)  # the core's, in order
FAR_SCORE: float = _core.FAR_SCORE  # the score of a block the model is not asked about


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree as parallel arrays; a leaf has ``left == -1``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]


@dataclass(frozen=True)
class Model:
    """Boosted trees over the blocks' features, optionally a second set over the features
    and the first scores' context (``second_names``), plus the context pass's parameters.
    The core scores with it (``newsconv.engine.build_engine``)."""

    trees: tuple[Tree, ...]
    base: float  # log-odds before any tree
    switch: float = 1.0  # cost of entering or leaving the article in the Viterbi pass
    length_weight: float = 1.0  # how much a block's length scales its vote
    second: tuple[Tree, ...] = ()  # the second stage's trees (none: one stage)
    second_base: float = 0.0  # the second stage's log-odds before any tree

    def to_json(self) -> dict[str, object]:
        def arrays(trees: Sequence[Tree]) -> list[list[list[float]]]:
            return [[list(t.feature), list(t.threshold), list(t.left), list(t.right),
                     list(t.value)] for t in trees]

        out: dict[str, object] = {
            "features": list(FEATURE_NAMES), "base": self.base, "switch": self.switch,
            "length_weight": self.length_weight, "trees": arrays(self.trees),
        }
        if self.second:
            out["second"] = {"features": list(second_names()), "base": self.second_base,
                             "trees": arrays(self.second)}
        return out

    @classmethod
    def from_json(cls, data: dict) -> Model:
        stale = "model.json was trained on other features; rebuild it with benchmarks/train.py"
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(stale)

        def trees(rows: list) -> tuple[Tree, ...]:
            return tuple(Tree(tuple(f), tuple(th), tuple(le), tuple(ri), tuple(v))
                         for f, th, le, ri, v in rows)

        second = data.get("second")
        if second is not None and tuple(second["features"]) != second_names():
            raise ValueError(stale)
        return cls(trees(data["trees"]), float(data["base"]), float(data["switch"]),
                   float(data["length_weight"]),
                   trees(second["trees"]) if second else (),
                   float(second["base"]) if second else 0.0)


def second_names() -> tuple[str, ...]:
    """The second stage's features: the block's own, then its context (the core's names)."""
    return FEATURE_NAMES + tuple(_core.CONTEXT_NAMES)


def context(scores: Sequence[float], words: Sequence[int], model: Model) -> list[list[float]]:
    """Every block's context features from the first scores (computed by the core)."""
    return _core.context(list(scores), list(words), model.switch, model.length_weight)


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model (read once; immutable)."""
    text = resources.files("newsconv").joinpath("data/model.json").read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))
