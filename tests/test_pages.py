"""Golden files: whole pages written for these tests (tests/fixtures/pages/ and the shipped
example) and the exact Markdown newsconv prints for them (tests/golden/*.md), plus the facts
a reader would check by eye (tests/golden/facts.json, written by hand).

When a deliberate change alters an output, review the difference and rewrite the golden
file with:  python tests/test_pages.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsconv.cli import main
from tests.paths import EXAMPLES, FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = sorted((FIXTURES / "pages").glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))
FACTS = json.loads((GOLDEN / "facts.json").read_text(encoding="utf-8"))


def clean(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["clean", "-f", fmt, str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_markdown_golden(page: Path) -> None:
    assert clean(page, "markdown") == (GOLDEN / f"{page.stem}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_facts(page: Path) -> None:
    facts = FACTS[page.stem]
    records = [json.loads(line) for line in clean(page, "jsonl").splitlines()]
    assert len(records) == len(facts["articles"])
    for rec, want in zip(records, facts["articles"], strict=True):
        for key, value in want.items():
            assert rec[key] == value, (page.stem, key)
    body = "\n".join(r["text"] for r in records)
    for line in facts["dropped"]:
        assert line not in body, line


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_cleaning_clean_output_changes_nothing(page: Path) -> None:
    """Idempotence: the text output, cleaned again, gives the same articles."""
    first = clean(page, "text")
    runner = CliRunner()
    again = runner.invoke(main, ["clean", "-"], input=first)
    assert again.exit_code == 0
    assert again.stdout == first


if __name__ == "__main__" and "--update" in sys.argv:
    for page in PAGES:
        (GOLDEN / f"{page.stem}.md").write_text(clean(page, "markdown"), encoding="utf-8")
        print("wrote", GOLDEN / f"{page.stem}.md")
