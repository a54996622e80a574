"""The dates benchmark's judge: the day compared across offsets, one day off told apart, the
table's shares.  Invented pages; no corpus needed."""

from __future__ import annotations

from pathlib import Path

from benchmarks import dates as bench


def page(gold: str, lang: str = "en", source: str = "fundus") -> bench.Page:
    return bench.Page(source, "p", lang, "article", gold, Path("p.txt"))


def test_the_day_is_compared_in_the_offset_of_newsconvs_date() -> None:
    late = page("2024-05-03 23:30:00+00:00")
    assert bench.judge(late, "2024-05-04T01:30+02:00").verdict == "right"
    assert bench.judge(late, "2024-05-03T19:30").verdict == "right"  # no offset: as written
    assert bench.judge(late, "2024-05-04").verdict == "near"
    assert bench.judge(late, "2024-05-06").verdict == "wrong"
    assert bench.judge(late, None).verdict == "none"


def test_the_table_counts_shares_of_pages_with_a_gold_date() -> None:
    outs = [bench.judge(page("2025-03-04"), "2025-03-04"),
            bench.judge(page("2025-03-04"), "2025-03-05"),
            bench.judge(page("2025-03-04", source="wcxb"), None),
            bench.judge(page("2025-03-04", source="wcxb"), "2024-01-01")]
    row = bench.row("x", outs).split(" | ")
    # pages, dated, right, wrong (near included), near, precision
    assert row[1:] == ["4", "0.750", "0.250", "0.500", "0.250", "0.333 |"]
    assert "| fundus | 2 | 1.000 | 0.500 |" in bench.table(outs)
