"""The chrome tables the core reads (newsconv/data/chrome.toml) are the ones of
newsconv/patterns.py while that module is still edited: the checked-in file must be
exactly what tools/export_chrome.py writes.  Rerun the export after changing patterns.py:

    python tools/export_chrome.py > newsconv/data/chrome.toml
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from newsconv import _core
from newsconv.patterns import CLASSES

ROOT = Path(__file__).resolve().parent.parent
TOML = ROOT / "newsconv" / "data" / "chrome.toml"


def export() -> str:
    spec = importlib.util.spec_from_file_location("export_chrome",
                                                  ROOT / "tools" / "export_chrome.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.export())


def test_checked_in_tables_equal_the_export() -> None:
    assert TOML.read_text(encoding="utf-8") == export(), (
        "newsconv/data/chrome.toml is out of date: python tools/export_chrome.py > "
        "newsconv/data/chrome.toml")


TABLES = tomllib.loads(TOML.read_text(encoding="utf-8"))["classes"]
ENTRIES = [(c["name"], p) for c in TABLES for p in c.get("patterns", [])]


def test_every_class_and_entry_is_named_and_commented() -> None:
    assert [c["name"] for c in TABLES] == [c.name for c in CLASSES]
    for c in TABLES:
        assert c["comment"] and c["max_words"] > 0
        for p in c.get("patterns", []):
            assert p["name"] and p["comment"] and p["example"], p


@pytest.mark.parametrize(("cls", "entry"), ENTRIES, ids=[p["name"] for _, p in ENTRIES])
def test_example_matches_in_python_and_in_the_core(cls: str, entry: dict[str, object]) -> None:
    """Every pattern compiles in the core, and its example is found as its chrome class
    both by Python's re and by the core's matcher (anchored patterns at the start)."""
    regex, example = str(entry["regex"]), str(entry["example"])
    _core.check_pattern(regex)
    compiled = re.compile(regex, re.IGNORECASE)
    found = compiled.search(example) if entry.get("triggers") else compiled.match(example)
    assert found is not None
