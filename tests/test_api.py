"""The Python API for Spark, Ray and other drivers: ``newsconv.clean_text`` and
``newsconv.clean_record`` give what the CLI gives for the same page or record."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from click.testing import CliRunner

import newsconv
from newsconv.cli import main
from newsconv.model import Article
from newsconv.render import to_text
from tests.paths import EXAMPLES, FIXTURES

RECORDS = [json.loads(line) for line in
           (FIXTURES / "scale" / "valley-post.jsonl").read_text(encoding="utf-8").splitlines()]


def cli(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, ["clean", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_clean_text_finds_the_article() -> None:
    page = (EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf-8")
    [article] = newsconv.clean_text(page)
    assert isinstance(article, Article)
    assert article.title == "Harbour ferry returns after winter storm repairs"
    assert article.paragraphs[0].startswith("NORTHBAY — The Gull Point ferry")
    assert "Leave a Reply" not in article.body
    assert article.source == "<text>"


def test_clean_text_is_what_the_cli_prints() -> None:
    page = (EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf-8")
    rendered = "\f\n".join(to_text(a) for a in newsconv.clean_text(page))
    assert rendered == cli(str(EXAMPLES / "harbour-ferry.txt"))


def test_clean_text_of_nothing() -> None:
    assert newsconv.clean_text("") == []
    assert newsconv.clean_text("Home\nMenu\nShare\n") == []


def test_clean_record_passes_every_other_field_through() -> None:
    record = RECORDS[0]
    before = copy.deepcopy(record)
    [out] = newsconv.clean_record(record)
    assert record == before  # not changed
    for field in ("id", "url", "tags", "crawl"):
        assert out[field] == record[field]
    # "date" is one of newsconv's own fields: the record's own moves into "meta"
    assert out["meta"] == {"date": record["date"]}
    assert "Rail bridge" in out["title"]
    assert out["source"] == record["id"]
    assert out["text"] == "\n\n".join(out["paragraphs"])
    assert not any(line in out["text"] for line in ("Menu", "Cookie settings", "Follow us"))


def test_clean_record_is_the_cli_jsonl_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same record through ``newsconv clean -f jsonl`` and through ``clean_record``
    (told the source and position the CLI gives it) is the same JSON object."""
    path = tmp_path / "one.jsonl"
    for i, record in enumerate(RECORDS):
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        expected = [json.loads(line) for line in cli("-f", "jsonl", str(path)).splitlines()]
        assert newsconv.clean_record(record, source=str(path), doc_index=0) == expected, i
        assert newsconv.clean_record(record, captions=False, source=str(path)) == [
            json.loads(line) for line in
            cli("-f", "jsonl", "--no-captions", str(path)).splitlines()]


def test_clean_record_with_another_text_field() -> None:
    record = {"body": RECORDS[1]["text"], "id": 7}
    [out] = newsconv.clean_record(record, text_field="body")
    assert out["id"] == 7 and out["source"] == "7"
    assert "body" not in out
    assert out["title"] == "Community orchard plants its hundredth tree"


@pytest.mark.parametrize("record", [{"id": "x"}, {"text": None}, {"text": 42},
                                    {"text": ["a", "b"]}])
def test_clean_record_without_text_is_an_error(record: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="no string field 'text'"):
        newsconv.clean_record(record)


def test_functions_travel_to_workers() -> None:
    """Spark and Ray pickle the function they map; the results pickle too."""
    fn = pickle.loads(pickle.dumps(newsconv.clean_record))
    out = fn(RECORDS[2])
    assert pickle.loads(pickle.dumps(out)) == out
    articles = newsconv.clean_text(RECORDS[2]["text"])
    assert pickle.loads(pickle.dumps(articles)) == articles
