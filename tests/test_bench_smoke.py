"""Smoke test of the speed benchmark: the generator writes a valid, realistic, deterministic
dump, and every tool of benchmarks/speed.py runs on it.  No timing is asserted."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import zstandard

from benchmarks import core_share, corpus_dump, generate, speed
from tests.paths import SHARED

SIZE_MB = 0.5
CHROME = ("Home", "Leave a Reply", "Share", "Facebook", "Subscribe", "Sign In")


def records(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Half a megabyte of JSON Lines with mojibake forced on half of the pages."""
    path = tmp_path_factory.mktemp("bench") / "dump.jsonl"
    generate.write_dump(path, SIZE_MB, "jsonl", seed=7, mojibake_rate=0.5)
    return path


def test_records_are_pages_with_chrome_and_paragraphs(dump: Path) -> None:
    recs = records(dump)
    assert len(recs) > 20
    assert dump.stat().st_size >= SIZE_MB * generate.MB
    for rec in recs:
        assert set(rec) == {"id", "url", "text"}
        lines = [line for line in rec["text"].split("\n") if line]
        assert any("©" in line for line in lines)  # the footer
        assert sum(len(line) >= 150 for line in lines) >= 4  # body paragraphs
        assert sum(len(line) < 40 for line in lines) > len(lines) / 3  # chrome
    assert all(any(c in rec["text"] for c in CHROME) for rec in recs)
    assert any(rec["text"].count("\n\nNext story\n\n") + rec["text"].count("\n\nUp next\n\n")
               for rec in recs)  # some pages carry a second story


def test_mojibake_at_the_forced_rate(dump: Path, tmp_path: Path) -> None:
    share = sum("â€" in rec["text"] for rec in records(dump)) / len(records(dump))
    assert 0.3 < share < 0.7
    clean = tmp_path / "clean.jsonl"
    generate.write_dump(clean, 0.2, "jsonl", seed=7, mojibake_rate=0.0)
    assert not any("â€" in rec["text"] for rec in records(clean))
    assert generate.mojibake("Iraq’s") == "Iraqâ€™s"


def test_deterministic_and_prefix_stable(dump: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.jsonl"
    generate.write_dump(again, SIZE_MB, "jsonl", seed=7, mojibake_rate=0.5)
    assert again.read_bytes() == dump.read_bytes()
    small = tmp_path / "small.jsonl"
    generate.write_dump(small, 0.1, "jsonl", seed=7, mojibake_rate=0.5)
    assert dump.read_bytes().startswith(small.read_bytes())
    other = tmp_path / "other.jsonl"
    generate.write_dump(other, 0.1, "jsonl", seed=8, mojibake_rate=0.5)
    assert not dump.read_bytes().startswith(other.read_bytes())


def test_text_and_zstd_formats(dump: Path, tmp_path: Path) -> None:
    text = tmp_path / "dump.txt"
    docs, _ = generate.write_dump(text, SIZE_MB, "text", seed=7, mojibake_rate=0.5)
    pages = text.read_text(encoding="utf-8").split("\n\f\n")
    assert len(pages) == docs
    assert pages[0] + "\n" == records(dump)[0]["text"]
    packed = tmp_path / "dump.jsonl.zst"
    generate.write_dump(packed, SIZE_MB, "jsonl", seed=7, mojibake_rate=0.5)
    with open(packed, "rb") as f:
        unpacked = zstandard.ZstdDecompressor().stream_reader(f).read()
    assert unpacked == dump.read_bytes()


def test_baselines_run(dump: Path) -> None:
    size = dump.stat().st_size
    for tool in (speed.bare_loop, speed.c4_rules):
        out = io.StringIO()
        assert tool(dump, out) == size
        assert out.getvalue()
    out = io.StringIO()
    speed.c4_rules(dump, out)
    kept = [line for line in out.getvalue().split("\n") if line and line != "\f"]
    assert all(line.endswith(speed.C4_END) and len(line.split()) >= 5 for line in kept)
    assert speed.c4_page("Home\n{* junk *} here is a line.\nA. B. C.") is None


def test_justext_runs_on_a_prefix(dump: Path) -> None:
    pytest.importorskip("justext")
    out = io.StringIO()
    read = speed.justext_rules(dump, out, limit=20_000)
    assert read == speed.prefix_bytes(dump, 20_000)
    assert 20_000 <= read < dump.stat().st_size
    assert out.getvalue().strip()


def test_measured_children_and_report(dump: Path) -> None:
    bare = speed.measure(speed.tool_argv("bare", dump))
    assert bare.wall_s > 0 and bare.cpu_s > 0 and bare.rss_max_mb > 0
    news = speed.measure(speed.newsconv_argv(dump, 1))
    assert news.rss_sum_mb >= news.rss_max_mb > 0
    with pytest.raises(RuntimeError):
        speed.measure(speed.tool_argv("bare", dump.with_name("missing.jsonl")))
    size = dump.stat().st_size
    rows = {key: speed.Row(speed.Bench(key, key, [], size, jobs), [bare])
            for key, jobs in (("bare", 1), ("c4", 1), ("justext", 1), ("newsconv-j1", 1),
                              ("newsconv-j2", 2))}
    summaries = {k: r.summary() for k, r in rows.items()}
    report = {"machine": {**speed.machine(), "load_after": (0.0, 0.0, 0.0)},
              "dump": {"path": str(dump), "mb": size / speed.MB, "documents": 1, "seed": 7},
              "rows": summaries, "ratios": speed.ratios(summaries)}
    table = speed.markdown(report)
    assert table.count("\n| newsconv -j") >= 2
    assert "newsconv -j 2 / -j 1" in table
    json.dumps(report)


def test_core_share_times_the_core_without_changing_the_output(dump: Path) -> None:
    import newsconv._core
    import newsconv.engine
    clock = core_share.Clock()
    cpu, timed = core_share.run_newsconv(dump, "jsonl", clock)
    _, plain = core_share.run_newsconv(dump, "jsonl", None)
    assert timed == plain and len(timed.splitlines()) >= 10
    # each document is tested for mojibake and cleaned by the engine: both calls timed
    assert clock.calls >= 2 * len(records(dump)) and 0 < clock.seconds < cpu
    assert newsconv.engine._core is newsconv._core  # the modules are given back their core
    m = core_share.measure(dump, repeat=1)
    assert m["python_cpu_s"] > 0 and 0 < m["core_share"] < 1
    assert m["ceiling_without_core"] > m["ratio_to_bare"] > 0
    assert core_share.markdown(m).count("\n") == 2


# --- the dump of real page text -------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(),
                                  reason="../shared/corpus absent: no real pages to dump")


@needs_corpus
def test_corpus_dump_is_real_pages_renumbered_glued_and_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    docs, size = corpus_dump.write_dump(path, 2.0, seed=3, glue_share=0.3, mojibake_share=0.2)
    recs = records(path)
    assert len(recs) == docs and size == path.stat().st_size >= 2.0 * generate.MB
    assert [r["id"] for r in recs] == [f"doc-{i:07d}" for i in range(docs)]
    pages = {name: text.rstrip("\n") + "\n" for name, text in corpus_dump.pages()}
    single = [r for r in recs if "+" not in r["url"]]
    glued = [r for r in recs if "+" in r["url"]]
    assert glued and single
    moji = [r for r in single if r["text"] != pages[r["url"].removeprefix("corpus:")]]
    assert moji and all(generate.mojibake(pages[r["url"].removeprefix("corpus:")]) == r["text"]
                        for r in moji)
    for r in glued:
        names = r["url"].removeprefix("corpus:").split("+")
        assert 2 <= len(names) <= 3
        heads = [pages[n].strip()[:200] for n in names]
        assert (all(h in r["text"] for h in heads)
                or all(generate.mojibake(h) in r["text"] for h in heads))
    again = tmp_path / "again.jsonl"
    corpus_dump.write_dump(again, 2.0, seed=3, glue_share=0.3, mojibake_share=0.2)
    assert again.read_bytes() == path.read_bytes()
    small = tmp_path / "small.jsonl"
    corpus_dump.write_dump(small, 0.5, seed=3, glue_share=0.3, mojibake_share=0.2)
    assert path.read_bytes().startswith(small.read_bytes())


def test_corpus_dump_says_when_the_corpus_is_absent(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        corpus_dump.write_dump(tmp_path / "x.jsonl", 0.1, corpus=tmp_path / "nothing")


def _run(wall: float) -> speed.Run:
    return speed.Run(wall, wall, 10.0, 10.0, 1, 0.5)


def test_rounds_interleave_the_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    """Round k runs every tool that asks for more than k runs, in table order, so a drift
    of the machine's speed falls on every tool alike."""
    order: list[str] = []

    def fake(argv: list[str]) -> speed.Run:
        order.append(argv[0])
        return _run(1.0)

    monkeypatch.setattr(speed, "measure", fake)
    benches = [speed.Bench("a", "a", ["a"], 1, repeat=3), speed.Bench("b", "b", ["b"], 1,
                                                                        repeat=1),
               speed.Bench("c", "c", ["c"], 1, repeat=3)]
    rows = speed.run_rounds(benches)
    assert order == ["a", "b", "c", "a", "c", "a", "c"]
    assert [len(rows[k].runs) for k in "abc"] == [3, 1, 3]


def test_round_by_round_ratio_cancels_a_drift() -> None:
    """The machine slows down between -j 1's first run and -j 2's, and again later: round
    by round -j 2 is 1.875x, 0.95x, 1.9x -j 1 (median 1.875x), while the medians of each
    tool's runs, taken at different times, make it 6.0 s / 6.3 s = 0.95x."""
    size = 30 * speed.MB
    walls = {"bare": (1.0, 1.0, 1.0), "c4": (2.0, 2.0, 2.0), "justext": (40.0,),
             "newsconv-j1": (6.0, 6.0, 12.0), "newsconv-j2": (3.2, 6.3, 6.3)}
    rows = {key: speed.Row(speed.Bench(key, key, [], size, 2 if key.endswith("2") else 1),
                           [_run(w) for w in ws]).summary() for key, ws in walls.items()}
    found = {q["ratio"]: q for q in speed.ratios(rows)}
    speedup = found["newsconv -j 2 / -j 1 (speed-up)"]
    assert speedup["wall"] == pytest.approx(6.0 / 6.3)
    assert speedup["rounds"] == pytest.approx(6.0 / 3.2)
    assert speedup["met"] is True  # judged round by round
    assert found["newsconv -j 1 / bare loop"]["rounds"] == pytest.approx(1 / 6)
    assert found["newsconv -j 1 / jusText"]["rounds"] is None  # jusText ran once
    table = speed.markdown({"machine": {**speed.machine(), "load_after": (0.0, 0.0, 0.0)},
                            "dump": {"path": "d", "mb": 30.0, "documents": 1, "seed": 1},
                            "rows": rows, "ratios": list(found.values())})
    assert "| newsconv -j 2 / -j 1 (speed-up) | 0.952 | 1.88 | – | ≥ 1.8 | yes |" in table
