"""The chrome tables: every pattern matches its own example and names its class; prose
stays unmatched; the fast dispatch finds what a plain scan of every pattern finds."""

from __future__ import annotations

import re

import pytest

from newsconv.language import WORD
from newsconv.patterns import CLASSES, Matcher, compile_classes, default_matcher, line_key

ALL = [(c, p) for c in CLASSES for p in c.patterns]

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
    return len(WORD.findall(text))


@pytest.mark.parametrize(("cls", "pattern"), ALL, ids=[f"{c.name}:{p.name}" for c, p in ALL])
def test_example_matches_its_pattern(cls, pattern) -> None:
    regex = re.compile(pattern.regex, re.IGNORECASE)
    found = regex.search(pattern.example) if pattern.triggers else regex.match(pattern.example)
    assert found, f"{pattern.name} does not match its own example {pattern.example!r}"
    if pattern.triggers:
        assert any(t in pattern.example.lower() for t in pattern.triggers)


@pytest.mark.parametrize(("cls", "pattern"), ALL, ids=[f"{c.name}:{p.name}" for c, p in ALL])
def test_matcher_reports_a_class_for_every_example(cls, pattern) -> None:
    hit = default_matcher().match(pattern.example, words(pattern.example))
    assert hit is not None, pattern.example
    assert hit.cls in {c.name for c in CLASSES}
    assert hit.rule.startswith(("phrase", "pattern"))


def test_reason_names_the_pattern() -> None:
    hit = default_matcher().match("You are commenting using your Twitter account. "
                                  "Log Out / Change )", 11)
    assert hit is not None and (hit.cls, hit.rule) == ("comment-form", "pattern commenting-as")
    hit = default_matcher().match("Share this:", 2)
    assert hit is not None and (hit.cls, hit.rule) == ("share", "phrase 'share this'")


@pytest.mark.parametrize("line", BODY_LINES)
def test_prose_is_not_chrome(line: str) -> None:
    assert default_matcher().match(line, words(line)) is None


def test_each_phrase_belongs_to_one_class_first() -> None:
    """A phrase listed by two classes goes to the first; the tables say which on purpose."""
    m = default_matcher()
    for c in CLASSES:
        for p in c.phrases:
            assert m.phrases[line_key(p)] in {x.name for x in CLASSES}


def test_dispatch_agrees_with_a_plain_scan() -> None:
    """The first-character dispatch and the trigger gates are only optimisations: on many
    lines they find a class exactly when some pattern of an allowed class matches."""
    m = default_matcher()
    lines = [p.example for _, p in ALL] + BODY_LINES + [
        "Photo: A. Lind / Courier", "12 comments", "Nov 19, 2019 at 6:46 pm ET",
        "(AP Photo/Jo Smith)", "READ MORE: the budget", "© 2021 Example Ltd",
    ]
    for line in lines:
        n = words(line)
        plain = any(
            n <= c.max_words and (re.compile(p.regex, re.I).search(line) if p.triggers
                                  else re.compile(p.regex, re.I).match(line))
            for c in CLASSES for p in c.patterns)
        plain = plain or line_key(line) in m.phrases
        assert (m.match(line, n) is not None) == bool(plain), line


def test_long_lines_skip_the_tables() -> None:
    line = "Share " + "word " * 200
    assert default_matcher().match(line, words(line)) is None


def test_compile_is_pure() -> None:
    a, b = compile_classes(CLASSES), compile_classes(CLASSES)
    assert isinstance(a, Matcher)
    for _, p in ALL:
        assert a.match(p.example, words(p.example)) == b.match(p.example, words(p.example))
