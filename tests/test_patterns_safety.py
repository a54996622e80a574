"""No line stalls a run: every chrome table, the combined matcher, the pipeline's own
patterns and user rule files, as the core matches them, on long adversarial lines; and rule
files are checked when read.

The time limits here are guards, not speed targets: a pattern that backtracks
catastrophically takes minutes or years on these lines, a sound one milliseconds.  Each
limit is ~100 times what the slowest sound case needs on a slow CI machine."""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsconv import _core
from newsconv.model import Document
from newsconv.pipeline import Config, analyse
from newsconv.rules import MAX_RULE_LINE, RulesError, UserRules, check_pattern, load_rules
from tests.paths import ROOT

CLASSES: list[dict[str, Any]] = tomllib.loads(
    (ROOT / "newsconv" / "data" / "chrome.toml").read_text(encoding="utf-8"))["classes"]

LINE = 20_000  # characters of each adversarial line
GUARD = 1.0  # seconds: no single pattern run on one line may take longer

# Tokens that almost match something: repeated, they make lines on which a backtracking
# pattern tries every way to split the line before it fails.
TOKENS = (
    "by ", "By A ", "a | ", "Home > ", "Home", "1", "1 ", "1:", "12:34 ", "1.2,3 ", "1/2/",
    "0 of ", "a-", "a.", "A. ", "Aa ", "aB", "a b", "a, ", "(", "([", "(a/", "((a/b", "[a/",
    "a/", "/a", "©", " ", "-", "–", "—", "x", "@", "#", "...", "…", "'", "’", ".)", "?",
    "www.", "http://", "a.com ", "Posted by ", "Jan 1, 2020 ", "March ", "am ", "日本",
    "на ", "\u3000", "Page 1 ", "Tags: ", "said: ", "says ", "(AP Photo/", "In this photo ",
    "FILE - ", "A B ", "NEW YORK ", "a-b ", "(a) ", "a)", "Share ", "share on ", "photo ",
    "view ", "subscribe to ", "cookies ", "by continuing ", "click here ", "all rights ",
    "Photo: ", "Getty Images/", "/ AP ", "Comments (", "Reply to ", "ago ",
)


def adversarial(token: str, size: int = LINE) -> list[str]:
    """The token repeated to ``size`` characters, and variants that fail only at the end
    or only at the start."""
    body = (token * (size // max(1, len(token)) + 1))[:size]
    return [body, body + "!", "§" + body, body.upper()]


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def words_of(cls: dict[str, Any]) -> list[str]:
    found = []
    for p in cls.get("patterns", []):
        example = p["example"]
        found += [example, example + " "] + [w + " " for w in example.split()[:6]]
    return found


@pytest.mark.parametrize("cls", CLASSES, ids=[c["name"] for c in CLASSES])
def test_rule_table_is_safe_on_long_adversarial_lines(cls: dict[str, Any]) -> None:
    """The table compiled alone in the core's matcher, on adversarial lines built from
    generic tokens and from the words of the table's own examples, as one word (every
    class is tried) and as the class's longest line (its shortest: ``min_words``)."""
    matcher = _core.Matcher(_toml_of(cls))
    slow = []
    for p in cls.get("patterns", []):
        shortest = max(1, cls.get("min_words", 0))
        assert matcher.hit(p["example"], shortest) is not None, f"{p['name']}: its own example"
    for token in (*TOKENS, *words_of(cls)):
        for line in adversarial(token):
            for words in (max(1, cls.get("min_words", 0)), cls["max_words"]):
                took = timed(lambda line=line, words=words: matcher.hit(line, words))
                if took > GUARD:
                    slow.append(f"{token!r} as {words} words: {took:.1f}s")
    assert slow == []


def _toml_of(cls: dict[str, Any]) -> str:
    from tests.test_chrome_data import toml_of
    return toml_of([cls])


def test_combined_matcher_is_safe_on_long_adversarial_lines() -> None:
    matcher = _core.Matcher()
    slow = []
    for token in TOKENS:
        for line in adversarial(token):
            for words in (1, 5, len(line.split())):
                took = timed(lambda line=line, words=words: matcher.hit(line, words))
                if took > GUARD:
                    slow.append(f"{token!r} as {words} words: {took:.1f}s")
    assert slow == []


@pytest.mark.parametrize("token", ["a ", "by ", "(a/", "A. ", "a | ", "a-", "a.com ", "1:",
                                   "Home > ", "said: ", "日本", "(", "’"])
def test_pipeline_is_safe_on_a_long_adversarial_line(token: str) -> None:
    """Every pattern of the pipeline (the core's normalising, features, structure and
    duplicates, Python's dates and rendering...) as it is used, on a 200 kB line between two
    paragraphs."""
    line = adversarial(token, 200_000)[1]
    doc = Document("t", 0, "Bridge reopens after repairs\n\nThe old bridge reopened on "
                   "Monday, two weeks ahead of plan, the council said on Tuesday.\n\n"
                   f"{line}\n\nEngineers sealed the arches against the river in spring.\n")
    assert timed(lambda: analyse(doc, Config())) < 10 * GUARD


# --- user rules ---------------------------------------------------------------------------

CATASTROPHIC = [r"(a+)+$", r"(\w+\s?)+$", r"((a+))+b", r"(a|aa)+$", r"(a|a)*b", r"(?:x|)+y",
                r"(a?){30}a{30}", r"(a?a?)+b", r"(?:x{1,50}){1,50}y", r"(.*a){25}", r"(?:a*)*b",
                r"(\d+\.?)+x", r"(?:[a-z]+,)*z", r"(?=(a+))+b", r"(?>a+)+b", r".*.*x", r".*x.*y",
                r"x.*y.*z", r".+?x.+?y", r"\w+\w+:", r"a*a*a*b", r".*\d+.*x", r".*x.*\b",
                r"(.*)(.*)x"]
ACCEPTED = [r"^Sponsored by \w+", r"(?:\d{1,3}\.){3}\d{1,3}", r"(?:foo|bar)+", r"(?:Foo|far)+",
            r"(?:foo|ba)+$", r"^(?:Read|See) more", r"(?:\w{1,15}\s){0,2}cookies",
            r"\bpromo code\b", r"^[A-Z ]{3,40}$", r"(?:-|–)+x", r"(a+)?b", r"a++b",
            r".*cookies.*", r"^.*\bsponsored\b.*$", r"\w+\s\w+\s\w+x", r"\s+\S+\s+x",
            r"[^|]+\|[^|]+\|", r".*x.*", r"^Photo: .+$", r"\d+\s*comments?",
            r"^(?:by|von)\s+\w+(?:\s\w+)?$", r"^\W*share\W*$"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_rule_files_refuse_catastrophic_patterns(pattern: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="backtracking"):
        check_pattern(pattern)
    rules = tmp_path / "r.toml"
    rules.write_text(f"[drop]\npatterns = ['{pattern}']\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"r\.toml: \[drop\] pattern .*backtracking"):
        load_rules(rules)


def reasons(texts: list[str], rules: UserRules) -> list[str | None]:
    """The core's verdicts of user rules on lines: "keep", a drop reason or None."""
    return _core.rule_reasons(texts, *rules.core_parts())


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted_patterns_are_safe_on_the_longest_lines_they_see(pattern: str) -> None:
    """As the core matches a rule file's patterns, drop and keep."""
    check_pattern(pattern)
    compiled = re.compile(pattern, re.IGNORECASE)
    drop, keep = UserRules(drop_patterns=(compiled,)), UserRules(keep_patterns=(compiled,))
    slow = []
    for token in TOKENS:
        lines = adversarial(token, MAX_RULE_LINE)[1:3]  # failing at the end or start
        for rules in (drop, keep):
            took = timed(lambda lines=lines, rules=rules: reasons(lines, rules))
            if took > GUARD:
                slow.append(f"{token!r}: {took:.1f}s")
    assert slow == []


def test_catastrophic_patterns_run_in_linear_time_in_the_core() -> None:
    """The core's matching is linear: even the patterns rule files refuse (for Python's
    sake, see ``newsconv.rules.check_pattern``) cannot stall it."""
    rules = UserRules(drop_patterns=tuple(re.compile(p) for p in CATASTROPHIC
                                          if "(?=" not in p and "(?>" not in p))
    lines = [line for token in ("a", "a ", "1.", "x", ",") for line in
             adversarial(token, MAX_RULE_LINE)[:2]]
    assert timed(lambda: reasons(lines, rules)) < 10 * GUARD


def test_user_patterns_are_not_tried_on_longer_lines() -> None:
    rules = UserRules(drop_patterns=(re.compile("sponsored", re.IGNORECASE),),
                      keep_patterns=(re.compile("^Q: "),))
    long_line = "Sponsored " + "x" * MAX_RULE_LINE
    got = reasons(["Sponsored content", long_line, "Q: a question?",
                   "Q: " + "y" * MAX_RULE_LINE, "Sponsored " + "x" * (MAX_RULE_LINE - 10)],
                  rules)
    assert got == ["user rule [user]: pattern 'sponsored'", None, "keep", None,
                   "user rule [user]: pattern 'sponsored'"]


@pytest.mark.parametrize(("content", "message"), [
    ("[drop]\npatterns = ['|Sponsored']\n", "matches every line"),
    ("[keep]\npatterns = ['x*']\n", "matches every line"),
    ("[drop]\npatterns = ['(unclosed']\n", "bad pattern"),
    ("[drop]\npatterns = ['a{99999999999}']\n", "bad pattern"),
    ("[drop]\npatterns = ['(?P<x>a)(?P<x>b)']\n", "bad pattern"),
    ("[drop]\npatterns = ['" + "a" * 501 + "']\n", "longer than 500"),
    ("[drop]\npatterns = 'not a list'\n", "must be a list of strings"),
    ("[drop]\nphrases = [1, 2]\n", "must be a list of strings"),
    ("[other]\nphrases = []\n", "unknown section"),
    ("[drop]\ncode = 'import os'\n", "takes only 'phrases' and 'patterns'"),
    ("not toml at all = = =\n", "not valid TOML"),
])
def test_bad_rule_files_are_refused_with_the_reason(content: str, message: str,
                                                    tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError, match=re.escape(message)) as info:
        load_rules(rules)
    assert str(info.value).startswith(f"{rules}: ")


def test_rule_file_in_a_wrong_encoding_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "latin.toml"
    rules.write_bytes("[drop]\nphrases = ['caf\xe9']\n".encode("latin-1"))
    with pytest.raises(RulesError, match="not valid TOML"):
        load_rules(rules)


def test_near_duplicate_search_is_not_quadratic() -> None:
    """Lines that share their first words are not compared pairwise."""
    lines = [f"The council said that item {i} of the budget would be reviewed in May."
             for i in range(4000)]
    assert timed(lambda: _core.copies(lines)) < GUARD
