"""The block model and the context pass."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv.classify import Model, Tree, compile_trees, default_model, viterbi
from newsconv.features import FEATURE_NAMES


def walk(trees: list[Tree], base: float, x: list[float]) -> float:
    return base + sum(t.predict(x) for t in trees)


def test_compiled_trees_equal_walking_the_arrays() -> None:
    model = default_model()
    score = compile_trees(model.trees, model.base)
    rng = random.Random(7)
    for _ in range(500):
        x = [rng.choice([0.0, 0.2, 0.5, 1.0, rng.random() * 5]) for _ in FEATURE_NAMES]
        assert math.isclose(score(x), walk(list(model.trees), model.base, x), abs_tol=1e-9)


def test_model_round_trips_through_json() -> None:
    model = default_model()
    again = Model.from_json(model.to_json())
    assert again.trees == model.trees and again.base == model.base
    assert (again.switch, again.length_weight) == (model.switch, model.length_weight)


def test_second_stage_round_trips_and_the_core_agrees() -> None:
    """A model with a second stage survives JSON, and the core's verdicts use the second
    stage's scores exactly as the Python model computes them from the core's context."""
    from newsconv import _core
    from newsconv.classify import context, second_names
    from newsconv.engine import build_engine, prepare
    from newsconv.model import Document

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
    text = ("Harbour ferry returns\n\n" + "The ferry crossed the bay at dawn with forty "
            "riders aboard and a calm sea behind it. " * 3 + "\n\nShare this\n\n"
            + "Officials said the timetable would stay as it is until the spring. " * 3)
    prep = prepare(Document("t", 0, text), build_engine(Model((), 0.0)))
    engine = build_engine(model)
    _, verdicts, _, _ = engine.analyse(text, "t", None)
    firsts = [-4.0 if f is None else first.score(f) for f in prep.features]
    ctx = context(firsts, list(prep.words), model)
    for v, f, c in zip(verdicts, prep.features, ctx, strict=True):
        if f is not None:
            want = model.rescore(f, c)
            assert math.isclose(v[3], want, abs_tol=1e-9)


def test_a_model_file_cannot_smuggle_code() -> None:
    code = "__import__('os').system('false')"
    for bad in (Tree((0, 0, 0), (code, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, 1.0, 2.0)),
                Tree((0,), (0.0,), (-1,), (-1,), (code,))):  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="could not convert"):  # numbers only
            compile_trees([bad], 0.0)
    bad = Tree((999, 0, 0), (0.5, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, 1.0, 2.0))
    with pytest.raises(ValueError, match="feature 999"):
        compile_trees([bad], 0.0)


def test_viterbi_keeps_runs() -> None:
    assert viterbi([3, -0.2, 3], [1, 1, 1], 1.0, [None] * 3) == [True, True, True]
    assert viterbi([3, -5, 3], [1, 1, 1], 1.0, [None] * 3) == [True, False, True]
    assert viterbi([3, 3, 3], [1, 1, 1], 1.0, [None, False, None]) == [True, False, True]
    assert viterbi([], [], 1.0, []) == []


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
