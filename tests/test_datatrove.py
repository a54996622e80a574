"""The datatrove step: a real pipeline (JSONL reader → NewsconvCleaner → JSONL writer) run by
datatrove's local executor; skipped, with the reason, where the ``newsconv[datatrove]``
extra is not installed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.paths import EXAMPLES

pytest.importorskip("datatrove", reason="the datatrove extra is not installed: "
                    "pip install 'newsconv[datatrove]'")
pytest.importorskip("orjson", reason="datatrove's JSONL reader needs orjson "
                    "(pip install 'newsconv[datatrove]')")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from newsconv import clean_text
from newsconv.datatrove import NewsconvCleaner
from newsconv.render import to_markdown

FERRY = (EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf-8")
MARKET = (EXAMPLES / "night-market.txt").read_text(encoding="utf-8")
CHROME_ONLY = "Home\nNews\nShare on Facebook\nLeave a Reply\n"


def read_rows(folder: Path) -> list[dict[str, object]]:
    rows = []
    for path in sorted(folder.rglob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
            rows += [json.loads(line) for line in f]
    return rows


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three pages (two articles and one page of chrome alone) through a real pipeline."""
    root = tmp_path_factory.mktemp("datatrove")
    (root / "in").mkdir()
    with (root / "in" / "pages.jsonl").open("w", encoding="utf-8") as f:
        for i, (text, meta) in enumerate([(FERRY, {"title": "crawler's title", "lang": "en"}),
                                          (CHROME_ONLY, {}), (MARKET, {})]):
            f.write(json.dumps({"id": f"page-{i}", "text": text, "metadata": meta}) + "\n")
    LocalPipelineExecutor(pipeline=[
        JsonlReader(str(root / "in")),
        NewsconvCleaner(format="markdown",
                        exclusion_writer=JsonlWriter(str(root / "excluded"), compression=None)),
        JsonlWriter(str(root / "out"), compression=None),
    ], tasks=1, workers=1, logging_dir=str(root / "logs")).run()
    return root


def test_each_article_is_a_document(pipeline: Path) -> None:
    rows = read_rows(pipeline / "out")
    assert [r["id"] for r in rows] == ["page-0/0", "page-2/0"]
    [ferry] = clean_text(FERRY)
    assert rows[0]["text"] == to_markdown(ferry)
    meta = rows[0]["metadata"]
    assert isinstance(meta, dict)
    assert (meta["title"], meta["byline"], meta["language"], meta["article_index"],
            meta["articles"]) == (ferry.title, ferry.byline, "en", 0, 1)
    assert "date" in meta
    # the input's metadata passes through; a key newsconv uses moves into "meta"
    assert meta["lang"] == "en" and meta["meta"] == {"title": "crawler's title"}


def test_pages_without_an_article_go_to_the_exclusion_writer(pipeline: Path) -> None:
    [row] = read_rows(pipeline / "excluded")
    assert row["id"] == "page-1" and row["text"] == CHROME_ONLY
    meta = row["metadata"]
    assert isinstance(meta, dict)
    assert str(meta["filter_reason"]).startswith("no article: all 4 lines dropped")


def test_the_stats_count_documents_articles_and_lines(pipeline: Path) -> None:
    stats = json.loads(next((pipeline / "logs" / "stats").glob("*.json")).read_text())
    raw = next(s for s in stats if "newsconv" in s["name"])["stats"]
    # datatrove writes a counter only ever increased by one as a plain number
    step = {k: v if isinstance(v, int) else v["total"] for k, v in raw.items()}
    assert step["documents"] == 3
    assert step["articles"] == step["forwarded"] == 2
    assert step["dropped"] == step["dropped_no_article"] == 1
    dropped = sum(v for k, v in step.items() if k.startswith("lines_dropped_"))
    lines = sum(1 for page in (FERRY, CHROME_ONLY, MARKET)
                for line in page.splitlines() if line.strip())
    assert step["lines_kept"] + dropped == lines
    assert step["lines_dropped_share"] >= 2


def test_the_step_applies_dump_statistics_and_keeps_copies_whole() -> None:
    """Run directly on a stream: a menu line on many pages goes (dump statistics), and the
    same page five times gives the same article five times."""
    site = [f"Story {i} about the harbour\nBuy our print edition\n"
            f"The harbour master said on day {i} that the ferry would sail on time.\n"
            f"Passengers on day {i} were pleased and said so to anyone who would listen."
            for i in range(6)]
    docs = [Document(text=t, id=f"s{i}") for i, t in enumerate(site)]
    docs += [Document(text=FERRY, id=f"f{i}") for i in range(5)]
    out = list(NewsconvCleaner()(docs))
    ferries = [d for d in out if d.id.startswith("f")]
    assert [d.id for d in ferries] == [f"f{i}/0" for i in range(5)]
    assert len({d.text for d in ferries}) == 1
    assert not any("Buy our print edition" in d.text for d in out)


def test_a_bad_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format must be one of text, markdown"):
        NewsconvCleaner(format="jsonl")
