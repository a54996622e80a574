"""Block features: shapes, window sums, distances."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv.features import (
    LineMemo,
    _runs_of_equal,
    _since,
    _until,
    _window_sums,
    measure,
    skeleton,
)
from newsconv.language import language_for
from newsconv.model import Block
from newsconv.patterns import default_matcher


def test_skeleton_groups_list_items() -> None:
    assert skeleton("June 9 – West Palm Beach, FL @ Coral Sky") == skeleton(
        "July 30 – Noblesville, IN @ Ruoff Center")
    assert skeleton("Home") == "a"
    assert skeleton("Price: $25") == "a: $0"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=30), st.integers(1, 6))
def test_window_sums_match_brute_force(values: list[int], k: int) -> None:
    before = _window_sums(values, k, 0)
    after = _window_sums(values, 0, k)
    for i in range(len(values)):
        assert before[i] == sum(values[max(0, i - k):i])
        assert after[i] == sum(values[i + 1:i + 1 + k])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.booleans(), max_size=30))
def test_distances(flags: list[bool]) -> None:
    cap = 10
    since, until = _since(flags, cap), _until(flags, cap)
    for i in range(len(flags)):
        prev = [j for j in range(i) if flags[j]]
        nxt = [j for j in range(i + 1, len(flags)) if flags[j]]
        assert since[i] == min(cap, i - prev[-1] if prev else cap + i) / cap
        assert until[i] == min(cap, nxt[0] - i if nxt else cap + len(flags) - i) / cap


def test_runs_of_equal() -> None:
    assert _runs_of_equal(["a", "a", "b", "a"], 10) == [0.2, 0.2, 0.1, 0.1]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Home", "Share this", "Read more", "x" * 300,
                                 "The ferry left the harbour at dawn.", "y" * 250]),
                max_size=40))
def test_line_memo_gives_the_same_measurements_and_stays_bounded(lines: list[str]) -> None:
    """The memo is an optimisation only: with or without it the measurements are equal;
    it never holds a line longer than its limit nor more lines than its bound."""
    blocks = [Block(i, t, i + 1, 0) for i, t in enumerate(lines)]
    lang, matcher = language_for("en"), default_matcher()
    memo = LineMemo(limit=2, max_chars=200)
    assert measure(blocks, lang, matcher, memo) == measure(blocks, lang, matcher)
    assert measure(blocks, lang, matcher, memo) == measure(blocks, lang, matcher)
    assert all(len(text) <= 200 for text, _ in memo.lines)
    assert len(memo.lines) <= 2 + len(set(lines))  # cleared once past the bound, per call
