"""Deciding, block by block, what is article text and what is chrome.

Three passes, in this order (each a pure function of the one before):

1. **Tables.**  A line that matches a chrome table of a class that never holds article
   text (share bars, menus, comment forms, cookie notices...) is pinned "out" with that
   class as its reason.  User rules (``--rules``) act here too, and can pin a line "in".
2. **Model.**  Every block gets a score, the log-odds that it is article text, from a small
   ensemble of decision trees over its features (``newsconv.features``): its own shape and
   how much prose surrounds it; a second ensemble scores it again from the same features and
   the first scores around it (the core's ``context``).  The trees are trained on the pooled
   corpus by ``benchmarks/train.py`` and shipped as ``data/model.json``.
3. **Context.**  Article text comes in runs.  A two-state Viterbi pass (in / out of the
   article) finds the labelling that agrees best with the scores while paying ``switch`` for
   every change of state; a block's vote is its score times (1 + ``length_weight`` × log
   words).  So a short heading or list item between paragraphs stays in, and a lone
   prose-like teaser between menus stays out.

Which kept blocks are headings, captions or bylines, and where one article ends and the next
begins, is decided afterwards (``newsconv.structure``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .features import FEATURE_NAMES, HARD_CLASSES, Features, Local
from .model import Verdict

FAR_SCORE = -4.0  # the score of a block the model is not asked about (features.wanted)


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree as parallel arrays; a leaf has ``left == -1``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, x: Sequence[float]) -> float:
        node = 0
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        while left[node] != -1:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]


@dataclass(frozen=True)
class Model:
    """Boosted trees over ``Features``, optionally a second set over the features and the
    first scores' context (``CONTEXT_NAMES``, computed by the core), plus the context
    pass's parameters."""

    trees: tuple[Tree, ...]
    base: float  # log-odds before any tree
    switch: float = 1.0  # cost of entering or leaving the article in the Viterbi pass
    length_weight: float = 1.0  # how much a block's length scales its vote
    second: tuple[Tree, ...] = ()  # the second stage's trees (none: one stage)
    second_base: float = 0.0  # the second stage's log-odds before any tree

    def score(self, f: Features) -> float:
        """Log-odds that the block is article text, from its own features."""
        return self._scorer(f)

    def rescore(self, f: Features, context: Sequence[float]) -> float:
        """The second stage's log-odds from a block's features and its context."""
        return self._second_scorer((*f, *context))

    @cached_property
    def _scorer(self) -> Callable[[Sequence[float]], float]:
        return compile_trees(self.trees, self.base)

    @cached_property
    def _second_scorer(self) -> Callable[[Sequence[float]], float]:
        return compile_trees(self.second, self.second_base, len(second_names()))

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


@lru_cache(maxsize=1)
def second_names() -> tuple[str, ...]:
    """The second stage's features: the block's own, then its context (the core's names)."""
    from . import _core
    return FEATURE_NAMES + tuple(_core.CONTEXT_NAMES)


def context(scores: Sequence[float], words: Sequence[int], model: Model) -> list[list[float]]:
    """Every block's context features from the first scores (computed by the core)."""
    from . import _core
    return _core.context(list(scores), list(words), model.switch, model.length_weight)


def compile_trees(trees: Sequence[Tree], base: float, n_features: int = len(FEATURE_NAMES)
                  ) -> Callable[[Sequence[float]], float]:
    """The ensemble as one Python function of nested comparisons — several times faster
    than walking the arrays.  Only validated integers and floats enter the generated source,
    so a tampered model file can make it wrong but never run code."""
    lines = ["def score(x):", f"    s = {float(base)!r}"]

    def emit(t: Tree, node: int, depth: int) -> None:
        pad = "    " * depth
        if t.left[node] == -1:
            lines.append(f"{pad}s += {float(t.value[node])!r}")
            return
        feature = int(t.feature[node])
        if not 0 <= feature < n_features:
            raise ValueError(f"model uses feature {feature}, which does not exist")
        lines.append(f"{pad}if x[{feature}] <= {float(t.threshold[node])!r}:")
        emit(t, int(t.left[node]), depth + 1)
        lines.append(f"{pad}else:")
        emit(t, int(t.right[node]), depth + 1)

    for t in trees:
        emit(t, 0, 1)
    lines.append("    return s")
    namespace: dict[str, object] = {}
    exec(compile("\n".join(lines), "<newsconv trees>", "exec"), namespace)
    return namespace["score"]  # type: ignore[return-value]


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model (read once; immutable)."""
    text = resources.files("newsconv").joinpath("data/model.json").read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def pinned(local: Sequence[Local]) -> list[bool | None]:
    """Pass 1: False for lines a hard chrome table matched, None for the rest."""
    return [False if m.hit is not None and m.hit.cls in HARD_CLASSES else None for m in local]


def viterbi(scores: Sequence[float], sizes: Sequence[float], switch: float,
            fixed: Sequence[bool | None]) -> list[bool]:
    """Pass 3: the in/out labelling that maximises agreeing votes minus switch costs.

    A block's vote for "in" is ``score * size``; ``fixed[i]`` (True/False) pins a block and
    None leaves it to the scores.  The page starts and ends "out".

    >>> viterbi([3, -0.2, 3], [1, 1, 1], 1.0, [None] * 3)
    [True, True, True]
    >>> viterbi([3, -5, 3], [1, 1, 1], 1.0, [None] * 3)
    [True, False, True]
    """
    n = len(scores)
    if n == 0:
        return []
    out_v, in_v = 0.0, -switch
    back: list[tuple[int, int]] = []
    for i in range(n):
        half = scores[i] * sizes[i] / 2
        stay_out, enter = out_v, in_v - switch
        o_prev, o_val = (0, stay_out) if stay_out >= enter else (1, enter)
        stay_in, leave = in_v, out_v - switch
        i_prev, i_val = (1, stay_in) if stay_in >= leave else (0, leave)
        o_val -= half
        i_val += half
        pin = fixed[i]
        if pin is True:
            o_val = -math.inf
        elif pin is False:
            i_val = -math.inf
        back.append((o_prev, i_prev))
        out_v, in_v = o_val, i_val
    state = 0 if out_v >= in_v - switch else 1
    labels = [False] * n
    for i in range(n - 1, -1, -1):
        labels[i] = state == 1
        state = back[i][state]
    return labels


def decide(local: Sequence[Local], feats: Sequence[Features | None], model: Model,
           forced: Sequence[str | None] | None = None) -> tuple[list[bool], list[Verdict]]:
    """All three passes for one document: the in/out labels and a provisional verdict per
    block (roles are refined by ``newsconv.structure``).  ``forced``: per block, "keep", a
    user rule's drop reason, or None (``UserRules.reasons``)."""
    fixed = pinned(local)
    if forced is not None:
        fixed = [p if f is None else f == "keep" for f, p in zip(forced, fixed, strict=True)]
    score = model.score
    scores = [FAR_SCORE if f is None else score(f) for f in feats]
    if model.second:
        ctx = context(scores, [m.words for m in local], model)
        scores = [FAR_SCORE if f is None else model.rescore(f, c)
                  for f, c in zip(feats, ctx, strict=True)]
    sizes = [1.0 + model.length_weight * math.log1p(m.words) for m in local]
    keep = viterbi(scores, sizes, model.switch, fixed)
    verdicts = []
    reasons = forced or [None] * len(local)
    for k, m, s, pin, f in zip(keep, local, scores, fixed, reasons, strict=True):
        if f == "keep":
            verdicts.append(Verdict(True, "user", "user rule [keep]", s))
        elif f is not None:
            verdicts.append(Verdict(False, "user-drop", f, s))
        elif pin is False and m.hit is not None:
            verdicts.append(Verdict(False, m.hit.cls, f"{m.hit.cls} table: {m.hit.rule}", s))
        elif k:
            verdicts.append(Verdict(True, "paragraph", f"model {s:+.1f} in article context", s))
        elif s > 0:
            verdicts.append(Verdict(False, "boilerplate",
                                    f"model {s:+.1f} but outside the article run", s))
        else:
            verdicts.append(Verdict(False, "boilerplate", f"model {s:+.1f}", s))
    return keep, verdicts
