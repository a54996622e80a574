"""The trainer's export of a stage made of several boosted members
(``benchmarks/train.py --members N``): the core walks one set of trees and sums their leaves,
so the exported trees must sum to the members' mean log-odds.  Needs the training extra."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("sklearn", reason="the training extra (scikit-learn) is not installed")

from benchmarks import train


def _walk(tree: train.Tree, x: list[float]) -> float:
    node = 0
    while tree.left[node] != -1:
        left = x[tree.feature[node]] <= tree.threshold[node]
        node = tree.left[node] if left else tree.right[node]
    return tree.value[node]


def _data(n: int = 600) -> tuple[list[list[float]], list[int], list[float]]:
    rng = random.Random(3)
    X = [[rng.random(), rng.random(), float(rng.randrange(4))] for _ in range(n)]
    y = [int(a + 0.3 * c > 1.0 + 0.2 * rng.random()) for a, _, c in X]
    return X, y, [1.0 + rng.random() for _ in range(n)]


@pytest.mark.parametrize(("members", "max_features"), [(1, 1.0), (2, 0.7), (3, 0.5)])
def test_exported_trees_sum_to_the_members_mean(members: int, max_features: float) -> None:
    import numpy as np
    X, y, w = _data()
    args = (np.array(X), np.array(y), np.array(w), 20, 7, 3, 0.1, 5, members, max_features)
    trees, base = train._boost(*args)
    fitted = train._classifier(*args)
    assert len(fitted) == members and len(trees) == 20 * members
    mean = train._decision(fitted, np.array(X[:50]))
    for x, want in zip(X[:50], mean, strict=True):
        # leaves and base are rounded to 6 decimals on export
        assert base + sum(_walk(t, x) for t in trees) == pytest.approx(want, abs=1e-4)


def test_members_differ_only_by_their_seed() -> None:
    import numpy as np
    X, y, w = _data()
    one, two = train._classifier(np.array(X), np.array(y), np.array(w), 20, 7, 3, 0.1, 5, 2, 0.5)
    rows = np.array(X[:100])
    assert not np.allclose(one.decision_function(rows), two.decision_function(rows))
