"""The chrome tables are one data file, ``newsconv/data/chrome.toml``, read by the core and by
these tests: every class and entry is named and commented, every pattern's example is found
by the pattern itself (with Python's ``re``, whose syntax the file uses, and by the core,
each pattern compiled alone), and the core finds every example as chrome."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import pytest

from newsconv import _core
from tests.paths import ROOT

TOML = ROOT / "newsconv" / "data" / "chrome.toml"
TABLES: list[dict[str, Any]] = tomllib.loads(TOML.read_text(encoding="utf-8"))["classes"]
ENTRIES = [(c, p) for c in TABLES for p in c.get("patterns", [])]
IDS = [f"{c['name']}:{p['name']}" for c, p in ENTRIES]


def words(text: str) -> int:
    """A line's words, as the pipeline counts them."""
    return _core.measure_line(text, None)[0]


def toml_of(classes: list[dict[str, Any]]) -> str:
    """Chrome tables as TOML text, for a core Matcher (strings as basic strings)."""
    def s(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)

    out = []
    for c in classes:
        out.append(f"[[classes]]\nname = {s(c['name'])}\ncomment = {s(c['comment'])}\n"
                   f"max_words = {c['max_words']}\nmin_words = {c.get('min_words', 0)}\n"
                   f"phrases = [{', '.join(s(p) for p in c.get('phrases', []))}]\n")
        for p in c.get("patterns", []):
            out.append(f"[[classes.patterns]]\nname = {s(p['name'])}\n"
                       f"comment = {s(p['comment'])}\nregex = {s(p['regex'])}\n"
                       f"example = {s(p['example'])}\n")
            if p.get("triggers"):
                out.append(f"triggers = [{', '.join(s(t) for t in p['triggers'])}]\n")
    return "".join(out)


def test_every_class_and_entry_is_named_and_commented() -> None:
    names = [c["name"] for c in TABLES]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"[a-z][a-z-]*", n) for n in names)
    for c in TABLES:
        assert c["comment"] and c["max_words"] > c.get("min_words", 0) >= 0
        assert set(c) <= {"name", "comment", "max_words", "min_words", "phrases", "patterns"}, \
            c["name"]
        pattern_names = [p["name"] for p in c.get("patterns", [])]
        assert len(pattern_names) == len(set(pattern_names)), c["name"]
        for p in c.get("patterns", []):
            assert p["name"] and p["comment"] and p["example"], p
            assert set(p) <= {"name", "comment", "regex", "example", "triggers"}, p["name"]
            assert all(t == t.lower() for t in p.get("triggers", [])), p["name"]


def test_the_hard_classes_are_tables() -> None:
    """The classes the classifier pins out are tables of this file (``code`` is the core's
    check for script and encoded data, not a table)."""
    assert set(_core.HARD_CLASSES) - {"code"} <= {c["name"] for c in TABLES}


@pytest.mark.parametrize(("cls", "entry"), ENTRIES, ids=IDS)
def test_example_matches_in_python_and_in_the_core(cls: dict[str, Any],
                                                   entry: dict[str, Any]) -> None:
    """Every pattern compiles in the core; its example is found by Python's ``re`` (anchored
    at the start, or searched when the pattern has triggers, and then holds a trigger),
    and by the core's matcher of the pattern alone, which names the class and the pattern."""
    regex, example = str(entry["regex"]), str(entry["example"])
    _core.check_pattern(regex)
    compiled = re.compile(regex, re.IGNORECASE)
    triggers = entry.get("triggers", [])
    found = compiled.search(example) if triggers else compiled.match(example)
    assert found is not None, f"{entry['name']} does not match its example {example!r}"
    if triggers:
        assert any(t in example.lower() for t in triggers)
    n = words(example)
    assert cls.get("min_words", 0) <= n <= cls["max_words"], \
        f"the example of {entry['name']} is outside its class's line lengths"
    alone = _core.Matcher(toml_of([{**cls, "phrases": [], "patterns": [entry]}]))
    assert alone.hit(example, n) == (cls["name"], f"pattern {entry['name']}")


@pytest.mark.parametrize(("cls", "entry"), ENTRIES, ids=IDS)
def test_the_core_finds_every_example_as_chrome(cls: dict[str, Any],
                                                entry: dict[str, Any]) -> None:
    """With all the tables, each example is chrome (a phrase or an earlier pattern may name
    it first: "0 Comments" is a comment-form line before it is a counter)."""
    hit = _core.Matcher().hit(entry["example"], words(entry["example"]))
    assert hit is not None, entry["example"]
    assert hit[0] in {c["name"] for c in TABLES}
    assert hit[1].startswith(("phrase", "pattern"))


def test_the_shipped_tables_are_this_file() -> None:
    """The core's embedded tables and the file read at test time give the same hits."""
    from_file = _core.Matcher(TOML.read_text(encoding="utf-8"))
    shipped = _core.Matcher()
    lines = [p["example"] for _, p in ENTRIES] + [ph for c in TABLES for ph in c.get("phrases", [])]
    for line in lines:
        assert from_file.hit(line, words(line)) == shipped.hit(line, words(line)), line
