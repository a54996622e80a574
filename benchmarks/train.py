#!/usr/bin/env python3
"""Train newsconv's block model and write ``newsconv/data/model.json``.

    python benchmarks/train.py                 # fit on the pooled corpus, write the model
    python benchmarks/train.py --corpus dev    # fit on dev alone
    python benchmarks/train.py --cv            # dev leave-sites-out cross-validation only

(``benchmarks/pooled.py`` is the pooled grouped cross-validation of the same recipe.)
Needs the training extra (``pip install -e '.[train]'``: numpy, scikit-learn) and
``../shared/corpus`` beside the repository.  Deterministic: the same corpus gives the same
model.

Corpus: dev, wcxb and fundus (``corpus.py``; 1,667 pages of about 1,400 sites).  Labels:
each input line is body or not by alignment with the human-marked gold text
(``labels.py``).  Samples are weighted by 1 + log(1 + words) because the metric counts
words, not lines.  Model (``fit``): two stages of histogram gradient-boosted trees
(scikit-learn), exported as plain arrays so that newsconv needs no numpy at run time.  The
first scores each block from its features; the second from its features plus the context
of the first scores (``newsconv._core.context``: the neighbours' scores, the first
Viterbi pass's run), trained on out-of-fold first scores.

Cross-validation (``--cv``) groups dev pages by site (pages that share many short lines —
menus, footers — are one site), splits the sites into folds, trains on the other folds and
runs the *whole* pipeline on the held-out pages.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from labels import align  # noqa: E402

from newsconv.classify import FAR_SCORE, Model, Tree, context  # noqa: E402
from newsconv.engine import Prepared, build_engine, prepare  # noqa: E402
from newsconv.model import Document  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
MODEL_PATH = ROOT / "newsconv" / "data" / "model.json"
N_TREES = 100  # per stage
LEAVES = 31  # leaves per tree, at most
DEPTH = 6  # levels per tree, at most
LEARNING_RATE = 0.1
MIN_LEAF = 20  # blocks per leaf, at least
OOF = 3  # folds of the out-of-fold first scores the second stage learns from
FOLDS = 5
SWITCH = 0.5
LENGTH_WEIGHT = 1.0
MEMBERS = 1  # boosted models per stage, averaged (seeds 0, 1, ...)
MAX_FEATURES = 1.0  # share of the features each split may choose from (1: all)


@dataclass
class Page:
    id: str
    path: Path
    text: str
    gold: str
    prep: Prepared
    labels: list[float]


def load_pages(folder: Path = DEV) -> list[Page]:
    engine = build_engine(Model((), 0.0))  # features only: no trees needed
    pages = []
    for p in sorted(folder.glob("*.txt")):
        if p.name.endswith(".gold.txt"):
            continue
        text = p.read_text(encoding="utf-8")
        gold = p.with_name(p.stem + ".gold.txt").read_text(encoding="utf-8")
        prep = prepare(Document(p.name, 0, text), engine)
        pages.append(Page(p.stem, p, text, gold, prep,
                          align([b.text for b in prep.blocks], gold)))
    return pages


def site_groups(pages: Sequence[Page]) -> list[int]:
    """A site id per page: pages sharing > 30 % of their short lines are one site."""
    sets = [{b.text for b in p.prep.blocks if len(b.text) < 60} for p in pages]
    parent = list(range(len(pages)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(pages)):
        for j in range(i + 1, len(pages)):
            a, b = sets[i], sets[j]
            if len(a & b) / max(1, min(len(a), len(b))) > 0.3:
                parent[find(i)] = find(j)
    roots = [find(i) for i in range(len(pages))]
    ids = {r: k for k, r in enumerate(sorted(set(roots)))}
    return [ids[r] for r in roots]


def _rows(pages: Sequence[Page], extra: Sequence[Sequence[Sequence[float]]] | None = None
          ):  # type: ignore[no-untyped-def]
    """The training matrix: one row per block the model is asked about (its features, then
    ``extra[page][block]``), labelled by alignment, weighted by 1 + log(1 + words)."""
    import numpy as np
    X, y, w = [], [], []
    for k, p in enumerate(pages):
        for i, (f, lab, words) in enumerate(zip(p.prep.features, p.labels, p.prep.words,
                                                strict=True)):
            if f is None:
                continue
            X.append(list(f) + (list(extra[k][i]) if extra is not None else []))
            y.append(1 if lab >= 0.5 else 0)
            w.append(1.0 + math.log1p(words))
    return np.array(X, dtype=float), np.array(y), np.array(w)


def _classifier(X, y, w, n_trees: int, leaves: int, depth: int, learning_rate: float,  # type: ignore[no-untyped-def]
                min_leaf: int, members: int = MEMBERS, max_features: float = MAX_FEATURES):
    """The boosted members of one stage, each fitted with its own seed (and, when
    ``max_features`` < 1, its own draw of features per split); their scores are averaged."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    return [HistGradientBoostingClassifier(max_iter=n_trees, max_leaf_nodes=leaves,
                                           max_depth=depth, learning_rate=learning_rate,
                                           min_samples_leaf=min_leaf, early_stopping=False,
                                           max_features=max_features, random_state=seed
                                           ).fit(X, y, sample_weight=w)
            for seed in range(members)]


def _decision(members, rows):  # type: ignore[no-untyped-def]
    """The members' mean log-odds for ``rows``."""
    return sum(m.decision_function(rows) for m in members) / len(members)


def _boost(X, y, w, n_trees: int, leaves: int, depth: int, learning_rate: float,  # type: ignore[no-untyped-def]
           min_leaf: int, members: int = MEMBERS, max_features: float = MAX_FEATURES
           ) -> tuple[tuple[Tree, ...], float]:
    """Histogram gradient boosting (scikit-learn), exported as plain tree arrays: the
    members' trees one after the other, each leaf divided by the number of members, so
    that the sum the core walks is the members' mean."""
    import numpy as np
    fitted = _classifier(X, y, w, n_trees, leaves, depth, learning_rate, min_leaf, members,
                         max_features)
    share = 1.0 / len(fitted)
    base = sum(float(np.ravel(m._baseline_prediction)[0]) for m in fitted) * share
    trees = []
    for clf in fitted:
        for (pred,) in clf._predictors:
            nd = pred.nodes
            leaf = nd["is_leaf"].astype(bool)
            trees.append(Tree(
                tuple(0 if lf else int(f) for f, lf in zip(nd["feature_idx"], leaf, strict=True)),
                tuple(0.0 if lf else round(float(t), 6)
                      for t, lf in zip(nd["num_threshold"], leaf, strict=True)),
                tuple(-1 if lf else int(v) for v, lf in zip(nd["left"], leaf, strict=True)),
                tuple(-1 if lf else int(v) for v, lf in zip(nd["right"], leaf, strict=True)),
                tuple(round(float(v) * share, 6) if lf else 0.0
                      for v, lf in zip(nd["value"], leaf, strict=True)),
            ))
    return tuple(trees), round(base, 6)


def fit_one(pages: Sequence[Page], n_trees: int = N_TREES, leaves: int = LEAVES,
            depth: int = DEPTH, learning_rate: float = LEARNING_RATE, min_leaf: int = MIN_LEAF,
            switch: float = SWITCH, length_weight: float = LENGTH_WEIGHT,
            members: int = MEMBERS, max_features: float = MAX_FEATURES) -> Model:
    """One stage: boosted trees on the blocks' features."""
    X, y, w = _rows(pages)
    trees, base = _boost(X, y, w, n_trees, leaves, depth, learning_rate, min_leaf, members,
                         max_features)
    return Model(trees, base, switch, length_weight)


def fit(pages: Sequence[Page], n_trees: int = N_TREES,
        leaves: int = LEAVES, depth: int = DEPTH, learning_rate: float = LEARNING_RATE,
        min_leaf: int = MIN_LEAF, switch: float = SWITCH, length_weight: float = LENGTH_WEIGHT,
        second_trees: int = N_TREES, oof: int = OOF, members: int = MEMBERS,
        max_features: float = MAX_FEATURES) -> Model:
    """Two stages: the first trees on the blocks' features; the second on the features
    plus the context of the first scores.  The second is trained on out-of-fold first
    scores (pages dealt to ``oof`` folds by a hash of their id), so that it learns how far
    to trust first scores of pages the first trees never saw.  Each stage may be the mean
    of ``members`` boosted models (seeds 0, 1, ...; splits drawn from ``max_features`` of
    the features), exported as one set of trees."""
    import zlib
    params = (n_trees, leaves, depth, learning_rate, min_leaf, members, max_features)
    first = fit_one(pages, n_trees, leaves, depth, learning_rate, min_leaf, switch=switch,
                    length_weight=length_weight, members=members, max_features=max_features)
    fold = [zlib.crc32(p.id.encode()) % oof for p in pages]
    scores: list[list[float]] = [[] for _ in pages]
    for k in range(oof):
        X, y, w = _rows([p for p, f in zip(pages, fold, strict=True) if f != k])
        fitted = _classifier(X, y, w, *params)
        held = [j for j, f in enumerate(fold) if f == k]
        rows = [list(f) for j in held for f in pages[j].prep.features if f is not None]
        out = iter(_decision(fitted, rows).tolist()) if rows else iter(())
        for j in held:
            scores[j] = [FAR_SCORE if f is None else next(out) for f in pages[j].prep.features]
    ctx = [context(s, p.prep.words, first) for s, p in zip(scores, pages, strict=True)]
    X, y, w = _rows(pages, ctx)
    second, base2 = _boost(X, y, w, second_trees, leaves, depth, learning_rate, min_leaf,
                           members, max_features)
    return Model(first.trees, first.base, switch, length_weight, second, base2)


def pooled_pages(jobs: int = 2) -> list[Page]:
    """Every page of dev, wcxb and fundus, prepared by the core and labelled (``corpus.py``)."""
    import corpus
    import pooled
    return pooled._prepare_all(corpus.load_pages(), jobs)


def _bounded(kind: type, low: float, high: float):  # type: ignore[no-untyped-def]
    """An argparse type: a number of ``kind`` in [low, high], else a usage error."""
    def parse(text: str):  # type: ignore[no-untyped-def]
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not in [{low}, {high}]")
        return value
    parse.__name__ = kind.__name__  # argparse names it in "invalid int value"
    return parse


def add_recipe_options(ap: argparse.ArgumentParser) -> None:
    """The recipe's options the command lines share (``pooled.py`` cross-validates them;
    ``train.py --cv``, the dev-only view, keeps the shipped recipe)."""
    ap.add_argument("--members", type=_bounded(int, 1, 16), default=MEMBERS,
                    help=f"boosted models averaged per stage (default {MEMBERS})")
    ap.add_argument("--max-features", type=_bounded(float, 0.01, 1.0), default=MAX_FEATURES,
                    help=f"share of the features each split may choose from "
                         f"(default {MAX_FEATURES})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate only; write nothing")
    ap.add_argument("--corpus", choices=("pooled", "dev"), default="pooled",
                    help="train on the pooled corpus (dev + wcxb + fundus, the default) "
                         "or on dev alone")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="processes preparing the pages")
    add_recipe_options(ap)
    args = ap.parse_args()
    if not DEV.is_dir():
        sys.exit(f"no dev corpus at {DEV}")
    if args.cv:
        from accuracy import cross_validate, print_rows
        pages = load_pages()
        print_rows([cross_validate(pages, site_groups(pages))])
        return
    pages = pooled_pages(args.jobs) if args.corpus == "pooled" else load_pages()
    model = fit(pages, members=args.members, max_features=args.max_features)
    MODEL_PATH.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes, {len(model.trees)} + "
          f"{len(model.second)} trees, "
          f"{len(pages)} pages)")

if __name__ == "__main__":
    main()
