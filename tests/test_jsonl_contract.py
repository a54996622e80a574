"""The JSON Lines contract (README, "JSON Lines"): newsconv's fields never overwrite an input
field (the input's move into ``meta``); every document gives at least one row, so a join by
id loses no record; --keep-dropped rows carry the record's id and url; with -o, text and
Markdown files of a record are named from its id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from newsconv.cli import main
from newsconv.render import OWN_FIELDS, with_input_fields
from tests.paths import EXAMPLES

PAGE = (EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf-8")
CHROME = "Home\nNews\nShare on Facebook\nLeave a Reply\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["clean", "-q", "-j", "1", *args],
                                catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def shard(tmp_path: Path, records: list[dict[str, object]], name: str = "shard.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def rows(*args: str) -> list[dict[str, object]]:
    code, out, err = run("-f", "jsonl", *args)
    assert (code, err) == (0, ""), err
    return [json.loads(line) for line in out.splitlines()]


def test_colliding_input_fields_move_into_meta(tmp_path: Path) -> None:
    record = {"id": "r1", "title": "Crawler's title", "source": "crawl-7", "markdown": False,
              "meta": {"shard": 3}, "url": "https://news.example/r1", "text": PAGE}
    [row] = rows(str(shard(tmp_path, [record])))
    assert row["title"] == "Harbour ferry returns after winter storm repairs"
    assert row["source"] == str(tmp_path / "shard.jsonl")
    assert row["meta"] == {"title": "Crawler's title", "source": "crawl-7", "markdown": False,
                           "meta": {"shard": 3}}
    assert (row["id"], row["url"]) == ("r1", "https://news.example/r1")
    assert list(row)[:2] == ["id", "url"]  # the input's own fields first, as before


def test_with_another_text_field_an_input_text_is_kept(tmp_path: Path) -> None:
    record = {"id": "r2", "body": PAGE, "text": "the teaser the crawler stored"}
    [row] = rows("--text-field", "body", str(shard(tmp_path, [record])))
    assert row["meta"] == {"text": "the teaser the crawler stored"}
    assert str(row["text"]).startswith("NORTHBAY")


@given(st.dictionaries(st.sampled_from([*OWN_FIELDS, "id", "url", "crawl", "x"]),
                       st.integers(), max_size=8))
def test_no_input_field_is_ever_lost(fields: dict[str, object]) -> None:
    own = {name: f"own {name}" for name in OWN_FIELDS if name != "meta"}
    row = with_input_fields(own, fields)
    moved = row.get("meta", {})
    assert isinstance(moved, dict)
    for key, value in fields.items():
        assert (moved[key] if key in OWN_FIELDS else row[key]) == value
    assert all(row[k] == v for k, v in own.items())


def test_a_record_without_an_article_gives_one_row(tmp_path: Path) -> None:
    records = [{"id": "a", "text": PAGE}, {"id": "b", "text": CHROME},
               {"id": "c", "text": ""}, {"id": "d", "text": PAGE}]
    path = shard(tmp_path, records)
    out = rows(str(path))
    assert [(r["id"], r["articles"], r["index"]) for r in out] == [
        ("a", 1, 0), ("b", 0, None), ("c", 0, None), ("d", 1, 0)]
    assert str(out[1]["reason"]).startswith("no article: all 4 lines dropped (")
    assert out[2]["reason"] == "empty document"
    assert out[0]["reason"] is None
    assert set(out[1]) == set(out[0])  # the same fields in every row
    assert (out[1]["text"], out[1]["paragraphs"], out[1]["title"]) == ("", [], None)
    # --articles-only: as before, articles alone
    assert [r["id"] for r in rows("--articles-only", str(path))] == ["a", "d"]


def test_the_summary_counts_articles_not_rows(tmp_path: Path) -> None:
    path = shard(tmp_path, [{"id": "a", "text": PAGE}, {"id": "b", "text": CHROME}])
    code, out, err = run("-f", "jsonl", "--stats", str(path))
    assert code == 0 and len(out.splitlines()) == 2
    assert err.startswith("newsconv: 2 documents, 1 articles,")


def test_empty_rows_are_written_to_output_shards_too(tmp_path: Path) -> None:
    path = shard(tmp_path, [{"id": "b", "text": CHROME}], name="only-chrome.jsonl")
    code, _, _ = run("-f", "jsonl", "-o", str(tmp_path / "out"), str(path))
    assert code == 0
    [line] = (tmp_path / "out" / "only-chrome.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["articles"] == 0


def test_keep_dropped_rows_carry_the_record_id_and_url(tmp_path: Path) -> None:
    path = shard(tmp_path, [{"id": "r9", "url": "https://news.example/r9", "text": PAGE},
                            {"text": CHROME}])
    log = tmp_path / "dropped.jsonl"
    assert run("--keep-dropped", str(log), str(path))[0] == 0
    dropped = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    first = [d for d in dropped if d["doc_index"] == 0]
    second = [d for d in dropped if d["doc_index"] == 1]
    assert first and all((d["id"], d["url"]) == ("r9", "https://news.example/r9") for d in first)
    assert second and not any("id" in d or "url" in d for d in second)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_files_of_a_record_are_named_from_its_id(fmt: str, tmp_path: Path) -> None:
    records = [{"id": "n/17", "text": PAGE}, {"text": PAGE}, {"id": "n/17", "text": PAGE},
               {"id": "../..", "text": PAGE}]
    path = shard(tmp_path, records, name="wire.jsonl")
    out = tmp_path / "out"
    assert run("-f", fmt, "-o", str(out), str(path))[0] == 0
    ext = ".txt" if fmt == "text" else ".md"
    slug = "harbour-ferry-returns-after-winter-storm-repairs"
    assert sorted(p.name for p in out.iterdir()) == sorted([
        f"wire.n_17.01.{slug}{ext}",  # the id, sanitised
        f"wire.0002.{slug}{ext}",  # no id: the article's number in the input, as before
        f"wire.n_17.~2.01.{slug}{ext}",  # the same id again: kept apart
        f"wire.0004.{slug}{ext}",  # nothing usable left of the id
    ])
    # a second run with --skip-existing finds the same names: resuming works
    code, _, err = run("-f", fmt, "-o", str(out), "--skip-existing", str(path))
    assert (code, err) == (0, "")
