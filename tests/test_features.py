"""Blocks and features, as the core computes them: the non-empty lines, their shapes, and
the context features (window sums, distances, runs of one shape) checked against their
definitions, computed here by brute force from the core's own per-line measurements."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv import engine
from newsconv._core import FEATURE_NAMES, HARD_CLASSES, measure_line, skeleton
from newsconv.model import Document

NEAR, FAR, DIST_CAP, PROSE_WORDS, SHAPE_WORDS = 3, 10, 10, 12, 25  # features.rs


@pytest.fixture(scope="module")
def core_engine() -> Any:
    return engine.default_engine()


def test_blocks_are_the_non_empty_lines_with_their_gaps(core_engine: Any) -> None:
    prepared = engine.prepare(Document("t", 0, "Title\n\nFirst para.\n\n\nSecond.\n \n"),
                              core_engine)
    assert [(b.index, b.text, b.line, b.gap) for b in prepared.blocks] == [
        (0, "Title", 1, 0), (1, "First para.", 3, 1), (2, "Second.", 6, 2)]
    assert len(prepared.features) == len(prepared.words) == 3


def test_skeleton_groups_list_items() -> None:
    assert skeleton("June 9 – West Palm Beach, FL @ Coral Sky") == skeleton(
        "July 30 – Noblesville, IN @ Ruoff Center")
    assert skeleton("June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre") == "a 0 – a, a @ a"
    assert skeleton("Turkey (Group H): Fifth") == skeleton("Czech Republic (Group A): Third")
    assert skeleton("4. Sam Ortiz – 5 points") == skeleton("3. Irene Kovac – 5.5 points")
    assert skeleton("Home") == "a"
    assert skeleton("Price: $25") == "a: $0"


def test_only_short_lines_have_a_shape() -> None:
    short = "Price: $25"
    long = " ".join(["word"] * (SHAPE_WORDS + 1))
    assert measure_line(short, "en")[5] == skeleton(short)
    assert measure_line(long, "en")[5] == ""


# --- the context features against their definitions ----------------------------------------

PROSE = "The ferry left the harbour at dawn with forty riders and a calm sea behind it."
LINES = ["Home", "Share this", "Read more", "Related stories", "Leave a Reply",
         "1. Lena Brandt (Northfield) – 5.5 points", "2. Omar Haddad (Eastport) – 5 points",
         PROSE, PROSE.replace("ferry", "boat"), "The council voted on Tuesday.",
         "Officials said the timetable would stay as it is until the spring, and that the "
         "fares would not change."]


def _window(values: list[int], i: int, before: int, after: int) -> int:
    return sum(values[max(0, i - before):i]) if before else sum(values[i + 1:i + 1 + after])


def _since(flags: list[bool], i: int, cap: int) -> float:
    prev = [j for j in range(i) if flags[j]]
    return min(cap, i - prev[-1] if prev else cap + i) / cap


def _until(flags: list[bool], i: int, cap: int) -> float:
    nxt = [j for j in range(i + 1, len(flags)) if flags[j]]
    return min(cap, nxt[0] - i if nxt else cap + len(flags) - i) / cap


def _run(keys: list[str], i: int, cap: int) -> float:
    lo = i
    while lo > 0 and keys[lo - 1] == keys[i]:
        lo -= 1
    hi = i
    while hi + 1 < len(keys) and keys[hi + 1] == keys[i]:
        hi += 1
    return min(cap, hi - lo + 1) / cap


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=40))
def test_context_features_match_their_definitions(lines: list[str]) -> None:
    """prose_before/after(_far), dist_prev/next_prose, near_prose, chrome_density,
    comments_before, since_related and skeleton_run of every scored block equal their
    definitions over the core's measurements of each line."""
    doc = Document("t", 0, "\n".join(lines))
    prepared = engine.prepare(doc, engine.default_engine())
    texts = [b.text for b in prepared.blocks]
    local = [measure_line(t, prepared.language) for t in texts]
    n = len(texts)
    prose = [m[0] >= PROSE_WORDS and m[2] and m[3] is None for m in local]
    prose_words = [m[0] if p else 0 for m, p in zip(local, prose, strict=True)]
    chrome = [1 if m[3] is not None else 0 for m in local]
    comments = [1 if m[3] is not None and m[3][0] == "comment-form" else 0 for m in local]
    related = [m[3] is not None and m[3][0] == "related" for m in local]
    shapes = [m[5] or str(i) for i, m in enumerate(local)]
    assert list(prepared.words) == [m[0] for m in local]
    for i, f in enumerate(prepared.features):
        found = local[i][3]
        hard = found is not None and found[0] in HARD_CLASSES
        if f is None:
            # not asked: a hard chrome line, or a short line far from prose
            assert hard or (local[i][0] < 8 and _since(prose, i, DIST_CAP) >= 0.5
                            and _until(prose, i, DIST_CAP) >= 0.5)
            continue
        assert not hard
        x = dict(zip(FEATURE_NAMES, f, strict=True))
        assert x["prose_before"] == math.log1p(_window(prose_words, i, NEAR, 0))
        assert x["prose_after"] == math.log1p(_window(prose_words, i, 0, NEAR))
        assert x["prose_before_far"] == math.log1p(_window(prose_words, i, FAR, 0))
        assert x["prose_after_far"] == math.log1p(_window(prose_words, i, 0, FAR))
        dprev, dnext = _since(prose, i, DIST_CAP), _until(prose, i, DIST_CAP)
        assert (x["dist_prev_prose"], x["dist_next_prose"]) == (dprev, dnext)
        assert x["near_prose"] == (1.0 if dprev <= 0.2 and dnext <= 0.2 else 0.0)
        neighbours = (min(n, i + NEAR + 1) - max(0, i - NEAR) - 1) or 1
        assert x["chrome_density"] == (_window(chrome, i, NEAR, 0)
                                       + _window(chrome, i, 0, NEAR)) / neighbours
        assert x["comments_before"] == math.log1p(_window(comments, i, 30, 0))
        assert x["since_related"] == _since(related, i, DIST_CAP)
        assert x["skeleton_run"] == _run(shapes, i, DIST_CAP)
        assert x["log_words"] == math.log1p(local[i][0])
        assert x["sentence_end"] == (1.0 if local[i][2] else 0.0)
        assert x["chrome"] == float(chrome[i])
        assert x["rel_position"] == i / max(1, n - 1)
