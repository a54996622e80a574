"""The block model and the context pass: the core's scores are the model's trees walked as
the model file writes them, a model file is data the core checks, and the Viterbi pass
finds the best runs."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv import _core
from newsconv.classify import FEATURE_NAMES, Model, Tree, context, default_model, second_names
from newsconv.engine import build_engine, prepare
from newsconv.model import Document

TEXT = ("Harbour ferry returns\n\n" + "The ferry crossed the bay at dawn with forty "
        "riders aboard and a calm sea behind it. " * 3 + "\n\nShare this\n\n"
        + "Officials said the timetable would stay as it is until the spring. " * 3
        + "\n\nRead more\n\nThe council voted on Tuesday to keep the night bus running.")


def walk(trees: Sequence[Tree], base: float, x: Sequence[float]) -> float:
    """The reference: every tree walked from its root, the leaves added to the base."""
    total = base
    for t in trees:
        node = 0
        while t.left[node] != -1:
            node = t.left[node] if x[t.feature[node]] <= t.threshold[node] else t.right[node]
        total += t.value[node]
    return total


def test_core_scores_equal_walking_the_arrays() -> None:
    """A one-stage model: every scored block's verdict carries the trees' sum for its
    features, and a block the model is not asked about scores FAR_SCORE."""
    shipped = default_model()
    model = Model(shipped.trees, shipped.base, shipped.switch, shipped.length_weight)
    prep = prepare(Document("t", 0, TEXT), build_engine(model))
    _, verdicts, _, _ = build_engine(model).analyse(TEXT, "t", None)
    assert any(f is not None for f in prep.features)
    for v, f in zip(verdicts, prep.features, strict=True):
        want = _core.FAR_SCORE if f is None else walk(model.trees, model.base, f)
        assert math.isclose(v[3], want, abs_tol=1e-9)


def test_random_features_score_as_the_arrays_say() -> None:
    """Trees over random thresholds (a model the core never saw) still score as walked."""
    rng = random.Random(7)
    trees = []
    for _ in range(20):
        feats = [rng.randrange(len(FEATURE_NAMES)) for _ in range(3)]
        ths = [rng.choice([0.0, 0.2, 0.5, 1.0, rng.random() * 5]) for _ in range(3)]
        vals = [round(rng.uniform(-2, 2), 6) for _ in range(4)]
        trees.append(Tree((feats[0], feats[1], 0, 0, feats[2], 0, 0),
                          (ths[0], ths[1], 0.0, 0.0, ths[2], 0.0, 0.0),
                          (1, 2, -1, -1, 5, -1, -1), (4, 3, -1, -1, 6, -1, -1),
                          (0.0, 0.0, vals[0], vals[1], 0.0, vals[2], vals[3])))
    model = Model(tuple(trees), -0.5)
    engine = build_engine(model)
    prep = prepare(Document("t", 0, TEXT), engine)
    _, verdicts, _, _ = engine.analyse(TEXT, "t", None)
    for v, f in zip(verdicts, prep.features, strict=True):
        if f is not None:
            assert math.isclose(v[3], walk(trees, -0.5, f), abs_tol=1e-9)


def test_model_round_trips_through_json() -> None:
    model = default_model()
    again = Model.from_json(model.to_json())
    assert again.trees == model.trees and again.base == model.base
    assert (again.switch, again.length_weight) == (model.switch, model.length_weight)


def test_second_stage_round_trips_and_the_core_agrees() -> None:
    """A model with a second stage survives JSON, and the core's verdicts use the second
    stage's scores: its trees walked over the features and the core's context of the first
    scores."""
    first = default_model()
    k = len(FEATURE_NAMES) + list(_core.CONTEXT_NAMES).index("prev_score")
    # second stage: the first score, plus 3 when the block above scored above 0
    own = len(FEATURE_NAMES) + list(_core.CONTEXT_NAMES).index("score")
    second = (Tree((own,), (0.0,), (-1,), (-1,), (0.0,)),
              Tree((k, 0, 0), (0.0, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, 0.0, 3.0)))
    model = Model(first.trees, first.base, first.switch, first.length_weight, second, -1.0)
    again = Model.from_json(model.to_json())
    assert again == model
    assert len(second_names()) == len(FEATURE_NAMES) + len(_core.CONTEXT_NAMES)
    prep = prepare(Document("t", 0, TEXT), build_engine(Model((), 0.0)))
    engine = build_engine(model)
    _, verdicts, _, _ = engine.analyse(TEXT, "t", None)
    firsts = [_core.FAR_SCORE if f is None else walk(first.trees, first.base, f)
              for f in prep.features]
    ctx = context(firsts, list(prep.words), model)
    for v, f, c in zip(verdicts, prep.features, ctx, strict=True):
        if f is not None:
            want = walk(second, -1.0, [*f, *c])
            assert math.isclose(v[3], want, abs_tol=1e-9)


def _model_json(trees: list[list[list[object]]]) -> str:
    return json.dumps({"features": list(FEATURE_NAMES), "base": 0.0, "switch": 1.0,
                       "length_weight": 1.0, "trees": trees})


@pytest.mark.parametrize(("trees", "message"), [
    # a threshold or a leaf that is not a number (the file is data, never code)
    ([[[0, 0, 0], ["__import__('os').system('false')", 0.0, 0.0], [1, -1, -1], [2, -1, -1],
       [0.0, 1.0, 2.0]]], "model.json"),
    ([[[0], [0.0], [-1], [-1], ["__import__('os')"]]], "model.json"),
    # a feature that does not exist, children that lead back or out, ragged arrays
    ([[[999, 0, 0], [0.5, 0.0, 0.0], [1, -1, -1], [2, -1, -1], [0.0, 1.0, 2.0]]],
     "feature 999"),
    ([[[0, 0, 0], [0.5, 0.0, 0.0], [0, -1, -1], [2, -1, -1], [0.0, 1.0, 2.0]]],
     "bad children"),
    ([[[0, 0, 0], [0.5, 0.0, 0.0], [1, -1, -1], [7, -1, -1], [0.0, 1.0, 2.0]]],
     "bad children"),
    ([[[0, 0], [0.5, 0.0, 0.0], [1, -1, -1], [2, -1, -1], [0.0, 1.0, 2.0]]],
     "different lengths"),
])
def test_the_core_refuses_a_bad_model_file(trees: list[list[list[object]]],
                                          message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _core.Engine(_model_json(trees))


def test_a_model_of_other_features_is_refused() -> None:
    data = json.loads(_model_json([]))
    data["features"] = list(reversed(data["features"]))
    with pytest.raises(ValueError, match="other features"):
        _core.Engine(json.dumps(data))
    with pytest.raises(ValueError, match="other features"):
        Model.from_json(data)


viterbi = _core.viterbi


def test_viterbi_keeps_runs() -> None:
    assert viterbi([3, -0.2, 3], [1, 1, 1], 1.0, [None] * 3) == [True, True, True]
    assert viterbi([3, -5, 3], [1, 1, 1], 1.0, [None] * 3) == [True, False, True]
    assert viterbi([3, 3, 3], [1, 1, 1], 1.0, [None, False, None]) == [True, False, True]
    assert viterbi([3, -5, 3], [1, 1, 1], 1.0, [None, True, None]) == [True, True, True]
    assert viterbi([-1, -1], [1, 1], 0.0, [True, None]) == [True, False]
    assert viterbi([], [], 1.0, []) == []
    with pytest.raises(ValueError):
        viterbi([1.0], [], 1.0, [None])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-6, 6), max_size=40), st.floats(0, 4))
def test_viterbi_is_optimal(scores: list[float], switch: float) -> None:
    """The labelling beats every other one on small inputs (checked exhaustively on a
    prefix) and agrees with the sign of the score where switching is free."""
    sizes = [1.0] * len(scores)
    labels = viterbi(scores, sizes, switch, [None] * len(scores))
    assert len(labels) == len(scores)

    def value(lab: list[bool]) -> float:
        v = sum((s if k else -s) / 2 for s, k in zip(scores, lab, strict=True))
        changes = sum(1 for a, b in zip([False, *lab], [*lab, False], strict=True) if a != b)
        return v - switch * changes

    best = value(labels)
    rng = random.Random(len(scores))
    for _ in range(50):
        other = [rng.random() < 0.5 for _ in scores]
        assert value(other) <= best + 1e-9
    if switch == 0:
        assert all(k == (s > 0) for s, k in zip(scores, labels, strict=True) if abs(s) > 1e-9)
