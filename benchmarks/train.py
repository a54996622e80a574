#!/usr/bin/env python3
"""Train newsconv's block model on the dev corpus and write ``newsconv/data/model.json``.

    python benchmarks/train.py                 # fit on all of dev, write the model
    python benchmarks/train.py --cv            # leave-sites-out cross-validation only

Needs the training extra (``pip install -e '.[train]'``: numpy, scikit-learn) and
``../shared/corpus/dev`` beside the repository.  Deterministic: the same corpus gives the
same model.

Labels: each input line is body or not by alignment with the human-marked gold text
(``labels.py``).  Model: gradient-boosted depth-3 trees (scikit-learn), exported as plain
arrays so that newsconv needs no numpy at run time.  Samples are weighted by
1 + log(1 + words) because the metric counts words, not lines.

Cross-validation groups pages by site (pages that share many short lines — menus, footers —
are one site), splits the sites into folds, trains on the other folds and runs the *whole*
pipeline on the held-out pages.
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

from newsconv.classify import Model, Tree  # noqa: E402
from newsconv.engine import Prepared, build_engine, prepare  # noqa: E402
from newsconv.model import Document  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
MODEL_PATH = ROOT / "newsconv" / "data" / "model.json"
N_TREES = 50
DEPTH = 4
LEARNING_RATE = 0.2
FOLDS = 5
SWITCH = 0.5
LENGTH_WEIGHT = 1.0
MIN_LEAF = 1


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


def fit(pages: Sequence[Page], n_trees: int = N_TREES, depth: int = DEPTH,
        learning_rate: float = LEARNING_RATE, switch: float = SWITCH,
        length_weight: float = LENGTH_WEIGHT, min_leaf: int = MIN_LEAF) -> Model:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    rows = [(f, lab, words) for p in pages
            for f, lab, words in zip(p.prep.features, p.labels, p.prep.words, strict=True)
            if f is not None]
    X = np.array([f for f, _, _ in rows], dtype=float)
    y = np.array([1 if lab >= 0.5 else 0 for _, lab, _ in rows])
    w = np.array([1.0 + math.log1p(words) for _, _, words in rows])
    clf = GradientBoostingClassifier(n_estimators=n_trees, max_depth=depth,
                                     learning_rate=learning_rate, subsample=0.8,
                                     min_samples_leaf=min_leaf, random_state=0)
    clf.fit(X, y, sample_weight=w)
    prior = float(np.average(y, weights=w))
    base = math.log(prior / (1 - prior))
    trees = []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        trees.append(Tree(
            tuple(int(f) if f >= 0 else 0 for f in t.feature),
            tuple(round(float(v), 6) for v in t.threshold),
            tuple(int(v) for v in t.children_left),
            tuple(int(v) for v in t.children_right),
            tuple(round(float(v) * learning_rate, 6) for v in t.value[:, 0, 0]),
        ))
    return Model(tuple(trees), round(base, 6), switch, length_weight)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate only; write nothing")
    args = ap.parse_args()
    if not DEV.is_dir():
        sys.exit(f"no dev corpus at {DEV}")
    pages = load_pages()
    if args.cv:
        from accuracy import cross_validate, print_rows
        print_rows([cross_validate(pages, site_groups(pages))])
        return
    model = fit(pages)
    MODEL_PATH.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes, {len(model.trees)} trees)")


if __name__ == "__main__":
    main()
