"""The chrome tables at work in the core's matcher: reasons name the table and the rule;
prose stays unmatched; a phrase belongs to the first class that lists it; the matcher's
dispatch (first characters, trigger words) finds what a plain scan of every pattern finds;
long lines skip the tables; compiling is pure."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest

from newsconv import _core
from tests.paths import ROOT

TOML = (ROOT / "newsconv" / "data" / "chrome.toml").read_text(encoding="utf-8")
TABLES: list[dict[str, Any]] = tomllib.loads(TOML)["classes"]
ALL = [(c, p) for c in TABLES for p in c.get("patterns", [])]
MATCHER = _core.Matcher()

# Lines a news body holds that no chrome table may match (the negative cases).
BODY_LINES = [
    "The council voted on Tuesday to keep the night bus running through the winter.",
    "“We have never seen a season like this,” said the harbour master, Ines Roth.",
    "By the end of the year, the company expects to hire two hundred more workers.",
    "Share prices fell sharply after the announcement, then recovered by the close.",
    "What changes for passengers",
    "The storm closed the port for three days in March.",
    "Home owners along the river were told to move their cars to higher ground.",
    "Comments from residents were mixed: some welcomed the plan, others feared noise.",
    "He said the cookies sold at the fair raised more than four hundred euros.",
    "In 2019, the library lent 84,000 books, up from 61,000 five years earlier.",
    "Related research has shown the same effect in colder climates.",
    "Die Stadt hat am Dienstag eine neue Fähre für den Hafenverkehr bestellt.",
    "港町の倉庫を改装した新しい図書館が五日、開館した。",
]


def words(text: str) -> int:
    return len(_core.word_tokens(text))


def hit(line: str, n: int | None = None) -> tuple[str, str] | None:
    return MATCHER.hit(line, words(line) if n is None else n)


def test_phrases_compare_line_keys() -> None:
    """Case-folded, punctuation and a count at the edges stripped, spaces collapsed."""
    assert _core.line_key("  SHARE THIS: ") == "share this"
    assert _core.line_key("Comments (12)") == "comments"
    assert _core.line_key("»  Read   more  «") == "read more"


def test_reason_names_the_pattern() -> None:
    assert hit("You are commenting using your Twitter account. Log Out / Change )", 11) == (
        "comment-form", "pattern commenting-as")
    assert hit("Share this:", 2) == ("share", "phrase 'share this'")
    assert hit("SHARE") == ("share", "phrase 'share'")  # phrases compare line keys


@pytest.mark.parametrize("line", BODY_LINES)
def test_prose_is_not_chrome(line: str) -> None:
    assert hit(line) is None
    assert _core.measure_line(line, None)[3] is None  # as the pipeline measures it


def test_each_phrase_belongs_to_the_first_class_that_lists_it() -> None:
    """A phrase listed by two classes goes to the first; the tables say which on purpose."""
    first: dict[str, str] = {}
    for c in TABLES:
        for p in c.get("phrases", []):
            first.setdefault(_core.line_key(p), c["name"])
    for key, cls in first.items():
        assert hit(key) == (cls, f"phrase '{key}'"), key


def test_code_is_found_without_a_table() -> None:
    data = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ" * 2
    assert hit(data) == ("code", "few spaces (minified script or encoded data)")
    script = "function f(){return {a:1};} .x{color:red;} " * 3
    assert hit(script) is not None and hit(script)[0] == "code"  # type: ignore[index]
    assert hit("An ordinary sentence of article text, long enough to be tested here.") is None


def test_dispatch_agrees_with_a_plain_scan() -> None:
    """The first-character dispatch and the trigger gates are only optimisations: on many
    lines the core finds a class exactly when some pattern of a class that allows the
    line's length matches (with Python's ``re``), or the line is a phrase."""
    compiled = [(c.get("min_words", 0), c["max_words"], re.compile(p["regex"], re.IGNORECASE),
                 bool(p.get("triggers"))) for c, p in ALL]
    phrases = {_core.line_key(p) for c in TABLES for p in c.get("phrases", [])}
    lines = [p["example"] for _, p in ALL] + BODY_LINES + [
        "Photo: A. Lind / Courier", "12 comments", "Nov 19, 2019 at 6:46 pm ET",
        "(AP Photo/Jo Smith)", "READ MORE: the budget", "© 2021 Example Ltd",
        "Comments", "comment", "Share on", "Posted in News", "Tags: ferry, harbour",
    ]
    for line in lines:
        n = words(line)
        plain = any(least <= n <= most
                    and (regex.search(line) if searched else regex.match(line))
                    for least, most, regex, searched in compiled)
        plain = plain or _core.line_key(line) in phrases
        assert (hit(line, n) is not None) == plain, line


def test_long_lines_skip_the_tables() -> None:
    line = "Share " + "word " * 200
    assert hit(line) is None
    longest = max(c["max_words"] for c in TABLES)
    assert hit("Share this", longest) is not None
    assert hit("Share this", longest + 1) is None


def test_compile_is_pure() -> None:
    """Two matchers compiled from the same tables agree on every example, whatever order
    each is asked in (patterns are compiled when first tried)."""
    a, b = _core.Matcher(TOML), _core.Matcher(TOML)
    lines = [p["example"] for _, p in ALL] + BODY_LINES
    forward = [a.hit(t, words(t)) for t in lines]
    backward = [b.hit(t, words(t)) for t in reversed(lines)][::-1]
    assert forward == backward
    assert forward == [a.hit(t, words(t)) for t in lines]


def test_classes_of_long_notices_yield_to_short_chrome() -> None:
    """``min_words``: a class of long notices tests only lines that long, and where a line
    fits both it and a class of short chrome, the short chrome's class wins whatever the
    order of the classes in the file or of the triggers in the line."""
    from tests.test_chrome_data import toml_of
    notice = {"name": "notice", "comment": "long notices", "min_words": 5, "max_words": 100,
              "patterns": [{"name": "data", "comment": "c", "regex": "our data|stored",
                            "example": "this is our data text here",
                            "triggers": ["data", "stored"]}]}
    banner = {"name": "banner", "comment": "short banners", "max_words": 30,
              "patterns": [{"name": "stored", "comment": "c", "regex": "stored",
                            "example": "cookies stored", "triggers": ["stored"]}]}
    both = _core.Matcher(toml_of([notice, banner]))
    # "data" comes first in the line, yet the banner class is tried first
    assert both.hit("our data is stored on the device", 7) == ("banner", "pattern stored")
    assert both.hit("our data is kept on the device", 7) == ("notice", "pattern data")
    assert both.hit("our data is stored " + "word " * 40, 44) == ("notice", "pattern data")
    alone = _core.Matcher(toml_of([notice]))
    assert alone.hit("our data here", 3) is None
    assert alone.hit("our data here and there", 5) == ("notice", "pattern data")
    assert alone.hit("our data " + "word " * 120, 122) is None
