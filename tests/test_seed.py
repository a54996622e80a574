"""The seed contract: ../shared/fixtures/seed/ states exactly what `newsconv clean` prints for
the seed dump in text and Markdown, the facts its JSON Lines must state, and the lines that
must vanish."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsconv.cli import main
from tests.paths import SEED, needs_seed

pytestmark = needs_seed


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["clean", *args, str(SEED / "input.txt")])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_plain_text_is_exact() -> None:
    assert run() == (SEED / "expected.txt").read_text(encoding="utf-8")


def test_markdown_is_exact() -> None:
    assert run("--format", "markdown") == (SEED / "expected.md").read_text(encoding="utf-8")


def test_jsonl_states_the_facts() -> None:
    records = [json.loads(line) for line in run("--format", "jsonl").splitlines()]
    facts = [json.loads(line) for line in
             (SEED / "expected.facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(facts)
    for rec, fact in zip(records, facts, strict=True):
        for key in ("title", "dateline", "agency", "captions", "headings"):
            assert rec[key] == fact[key], key
        assert len(rec["paragraphs"]) == fact["paragraph_count"]
        assert rec["paragraphs"][0].startswith(fact["first_paragraph_starts"])
        assert rec["paragraphs"][-1].startswith(fact["last_paragraph_starts"])


def test_jsonl_text_is_the_body_alone() -> None:
    for rec in map(json.loads, run("--format", "jsonl").splitlines()):
        chunks = rec["text"].split("\n\n")
        assert sorted(chunks) == sorted(rec["paragraphs"] + rec["headings"])
        assert [c for c in chunks if c in rec["paragraphs"]] == rec["paragraphs"]
        assert rec["title"] not in rec["text"]
        for caption in rec["captions"]:
            assert caption not in rec["text"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "jsonl"])
def test_removed_lines_vanish(fmt: str) -> None:
    """No line of removed.txt appears in any output, except an article's own title where
    the format prints it (the headline repeated three times in the input is kept once)."""
    removed = [r for r in (SEED / "removed.txt").read_text(encoding="utf-8").splitlines() if r]
    out = run("--format", fmt)
    if fmt == "jsonl":
        bodies = [json.loads(line)["text"] for line in out.splitlines()]
        lines = {ln.strip() for b in bodies for ln in b.splitlines()}
        titles: set[str] = set()
    else:
        lines = {ln.strip().lstrip("#* ").rstrip("*") for ln in out.splitlines()}
        titles = {json.loads(line)["title"] for line in run("--format", "jsonl").splitlines()}
    for r in removed:
        normalised = " ".join(r.split())
        assert normalised not in lines or normalised in titles, r


def test_null_separator() -> None:
    out = run("-0")
    assert out.count("\0") == 1
    assert out.replace("\0", "\f\n") == (SEED / "expected.txt").read_text(encoding="utf-8")


def test_no_captions() -> None:
    out = run("--no-captions")
    assert "(AP Photo/Alice Martins)" not in out
    assert "(AFP Photo/Sabah Arar)" not in out
