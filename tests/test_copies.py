"""Dump statistics lose nothing: a line repeated across documents is chrome only where the
documents are not copies of one article.  A page repeated in a dump, or a wire story that
several sites of the dump ran in their own chrome, keeps its whole body in every copy; the
sites' own chrome still goes; ``--drop-copies`` drops later copies and says so; and
``explain`` shows exactly the verdicts of ``clean --keep-dropped``.

The pages are generated here (invented towns, sites and stories)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv import clean_text
from newsconv.boilerplate import (
    COPY_FANOUT,
    MIN_DOCS,
    Repeats,
    copy_groups,
    document_hashes,
    dump_key,
    repeated,
)
from newsconv.cli import main

WIRE = [
    "Lighthouse keepers return to Skerry Point after forty years",
    "By Ines Maro, Coastline Press",
    "SKERRY POINT — Two keepers moved into the lighthouse on Skerry Point on Friday, the "
    "first people to live there since the light was automated in the spring of 1985.",
    "The maritime authority says a crew on site is cheaper than the helicopter visits that "
    "the automatic light has needed every month since its batteries began to fail.",
    "Keepers will work in pairs, four weeks on and four weeks off.",  # short: under 200 chars
    "The older of the two, a former ferry engineer, said the island was quieter than he "
    "remembered from his childhood visits, and that the gulls had not changed at all.",
    "Repairs to the keepers' cottage",
    "The cottage beside the tower was re-roofed over the winter and now has a wind turbine, "
    "a rain tank and a radio link that reaches the harbour office on a clear day.",
    "Visitors may land on the island on Sundays in summer.",
]

SITES = {
    "Harbour Herald": ["Home", "Local", "Sport", "Weather", "Sign in"],
    "Cliffside Courier": ["Menu", "News", "Opinion", "Obituaries", "Subscribe"],
    "Northshore Daily": ["Front page", "Business", "Culture", "Puzzles", "Log in"],
    "Bayside Bulletin": ["Start", "Region", "Clubs", "Letters", "My account"],
    "Islands Echo": ["Home page", "Ferries", "Fishing", "Events", "Register"],
}


def site_page(site: str, title: str, byline: str, body: list[str]) -> str:
    """A page of ``site``: its menu, the story, its prose promo and footer."""
    promo = (f"Readers of the {site} can have every edition delivered to the door for a "
             "small monthly fee.")
    lines = [f"{title} | {site}", *SITES[site], title, byline, *body, "Share this story",
             promo, f"© {site}", "Privacy and cookies"]
    return "\n".join(lines) + "\n"


def local_story(site: str, i: int) -> str:
    """A page of ``site`` with a story of its own (different for every ``i``)."""
    r = random.Random(f"{site}-{i}")
    town = r.choice(["Westmere", "Old Quay", "Larkhill", "Fenby", "Corran", "Dunmore"])
    thing = r.choice(["library", "bridge", "market hall", "swimming pool", "bus depot"])
    title = f"The {thing} in {town} gets a new roof, story {i}"
    body = [
        f"{town.upper()} — Work on the {thing} in {town} started on Monday and should take "
        f"{r.randint(3, 40)} weeks, the council said in notice {i} posted on the door.",
        f"Residents asked for the repair {r.randint(2, 9)} years ago, when bucket number "
        f"{i + 1} appeared under the leaks in the {r.choice(['north', 'south', 'east'])} wing.",
        f"The contract (number {i}/{r.randint(10, 99)}) went to a firm from "
        f"{r.choice(['Ashgrove', 'Millbrook'])} that bid less than the other bidders.",
    ]
    return site_page(site, title, f"By {r.choice(['Ola Hart', 'Tom Reyes'])}", body)


def wire_page(site: str) -> str:
    return site_page(site, WIRE[0], WIRE[1], WIRE[2:])


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args], catch_exceptions=False,
                               env={"COLUMNS": ""})  # explain: no width, whole lines
    return result.exit_code, result.stdout, result.stderr


def records(path: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run("clean", "-q", "-j", "1", "-f", "jsonl", *args, str(path))
    assert (code, err) == (0, ""), err
    return [json.loads(line) for line in out.splitlines()]


def body(rec: dict[str, object]) -> list[str]:
    paragraphs, headings = rec["paragraphs"], rec["headings"]
    assert isinstance(paragraphs, list) and isinstance(headings, list)
    return [*paragraphs, *headings]


def write_dump(path: Path, pages: list[str]) -> Path:
    path.write_text("\f\n".join(pages), encoding="utf-8")
    return path


# --- the two cases of the issue ---------------------------------------------------------

def syndicated(tmp_path: Path) -> Path:
    """Five sites, each with three stories of its own and the same wire story."""
    pages = []
    for site in SITES:
        pages += [local_story(site, i) for i in range(3)]
        pages.append(wire_page(site))
    return write_dump(tmp_path / "syndicated.txt", pages)


def test_a_syndicated_story_keeps_its_whole_body_on_every_site(tmp_path: Path) -> None:
    recs = records(syndicated(tmp_path))
    wire = [r for r in recs if r["title"] == WIRE[0]]
    assert len(wire) == len(SITES)
    expected = sorted(WIRE[2:])
    for rec in wire:
        assert sorted(body(rec)) == expected
        assert rec["byline"] == WIRE[1]


def test_site_chrome_is_still_dump_level_boilerplate(tmp_path: Path) -> None:
    """Each site's copyright line is on its four pages: three stories of its own and its
    copy of the wire story, four different articles, so the dump statistics still drop it,
    with their reason (the copies of the wire story count as one article, which holds the
    copyright lines of all five sites)."""
    log = tmp_path / "dropped.jsonl"
    recs = records(syndicated(tmp_path), "--keep-dropped", str(log))
    dropped = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    marks = [d for d in dropped if str(d["text"]).startswith("© ")]
    assert len(marks) == 4 * len(SITES)
    assert {(d["label"], d["reason"]) for d in marks} == {
        ("dump-repeat", "line repeated across many documents of the input")}
    assert not any("©" in str(r["markdown"]) for r in recs)


@pytest.mark.parametrize("times", [5, 10])
def test_a_page_repeated_in_a_dump_loses_nothing(times: int, tmp_path: Path) -> None:
    """The issue's case: one page 5 and 10 times among pages of other sites.  Every copy
    keeps the whole story (none of its lines is dump-level boilerplate), as the page does
    when it is cleaned alone."""
    page = wire_page("Harbour Herald")
    [alone] = clean_text(page)
    assert set(WIRE[2:]) <= set(alone.paragraphs + alone.headings)
    pages = [local_story(site, 0) for site in SITES] + [page] * times
    random.Random(times).shuffle(pages)
    log = tmp_path / "dropped.jsonl"
    recs = records(write_dump(tmp_path / "repeated.txt", pages), "--keep-dropped", str(log))
    copies = [r for r in recs if r["title"] == WIRE[0]]
    assert len(copies) == times
    for rec in copies:
        assert sorted(body(rec)) == sorted(WIRE[2:])
        assert rec["byline"] == WIRE[1]
    dropped = {json.loads(line)["text"] for line in log.read_text(encoding="utf-8").splitlines()}
    assert not dropped & set(WIRE)


def test_drop_copies_reports_the_later_copies(tmp_path: Path) -> None:
    pages = [local_story("Islands Echo", 0), wire_page("Harbour Herald"),
             local_story("Islands Echo", 1), wire_page("Cliffside Courier"),
             wire_page("Harbour Herald")]
    path = write_dump(tmp_path / "copies.txt", pages)
    log = tmp_path / "dropped.jsonl"
    recs = records(path, "--drop-copies", "--keep-dropped", str(log))
    assert [(r["doc_index"], r["articles"], r["reason"]) for r in recs] == [
        (0, 1, None), (1, 1, None), (2, 1, None),
        (3, 0, "copy of document 2 of the input"), (4, 0, "copy of document 2 of the input")]
    dropped = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    copies = [d for d in dropped if d["label"] == "copy"]
    assert {d["doc_index"] for d in copies} == {3, 4}
    lines_of_copies = sum(1 for p in pages[3:] for line in p.splitlines() if line.strip())
    assert len(copies) == lines_of_copies  # every line of a dropped copy is accounted for


# --- explain agrees with clean ----------------------------------------------------------

_EXPLAIN = re.compile(r"^(KEEP|DROP)  (.{13}) (.{4}) (.*?) │ (.*)$")


def test_explain_and_keep_dropped_agree_line_for_line(tmp_path: Path) -> None:
    """On a multi-document dump with dump-level boilerplate and copies, explain's DROP lines
    are exactly the --keep-dropped records, in order, with the same label and reason."""
    path = syndicated(tmp_path)
    log = tmp_path / "dropped.jsonl"
    records(path, "--keep-dropped", str(log))
    logged = [(d["label"][:13], d["reason"], d["text"])
              for d in map(json.loads, log.read_text(encoding="utf-8").splitlines())]
    code, out, err = run("explain", "--full", "--color", "never", str(path))
    assert (code, err) == (0, "")
    shown = []
    for line in out.splitlines():
        m = _EXPLAIN.match(line)
        if m and m.group(1) == "DROP":
            shown.append((m.group(2).rstrip(), m.group(4).rstrip(), m.group(5)))
    assert shown == logged
    assert any(label == "dump-repeat" for label, _, _ in shown)


# --- the statistics themselves ----------------------------------------------------------

def test_copies_of_pages_count_once() -> None:
    pages = [local_story("Harbour Herald", i) for i in range(MIN_DOCS)]
    hashes = [document_hashes(p) for p in pages]
    window = repeated([h.lines for h in hashes])
    assert dump_key("Share this story") in Repeats.of(hashes[0].lines, window)
    # one page four times is one article: none of its lines is repeated chrome
    four = [hashes[0]] * MIN_DOCS
    assert copy_groups(four) == [0] * MIN_DOCS
    assert not repeated([h.lines for h in four], copy_groups(four))


def test_pages_of_one_site_are_not_copies_of_each_other() -> None:
    pages = [document_hashes(local_story(site, i)) for site in SITES for i in range(6)]
    assert copy_groups(pages) == list(range(len(pages)))


def test_a_sentence_in_very_many_groups_is_no_evidence_of_copying() -> None:
    """A page whose own text is one short sentence shares most of its sentence characters
    with every page of its network (the footer): past COPY_FANOUT articles holding them,
    those sentences are chrome, not evidence, and the page is an article of its own."""
    footer = ["This site uses cookies to remember your settings and to count visits, "
              "as the notice explains.",
              "Every page of the network carries this sentence too, word for word, here."]
    pages = [document_hashes("\n".join([local_story("Islands Echo", i), *footer]))
             for i in range(COPY_FANOUT + 1)]
    short = document_hashes("\n".join(["The ferry is late again today.", *footer]))
    assert copy_groups([*pages[:3], short]) == [0, 1, 2, 0]  # few pages: taken for a copy
    groups = copy_groups([*pages, short])
    assert groups == list(range(len(pages) + 1))


LINE = st.sampled_from(["Home", "Share", "Leave a Reply", "A short line.",
                        "The council met on Tuesday and voted to keep the night bus running.",
                        "Readers can have the paper delivered for two euros a week, it says.",
                        "Westmere", "x" * 250 + " ends here."])
DOC = st.lists(LINE, max_size=8).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(DOC, max_size=10), st.lists(st.integers(0, 9), max_size=10))
def test_exact_repeats_change_no_statistic(docs: list[str], repeats: list[int]) -> None:
    """Adding exact copies of documents of a window changes neither which lines are
    repeated nor any document's groups: copies count once."""
    base = [document_hashes(d) for d in docs]
    groups = copy_groups(base)
    extra = [i % len(docs) for i in repeats] if docs else []
    more = base + [base[i] for i in extra]
    more_groups = copy_groups(more)
    assert more_groups[:len(base)] == groups
    assert more_groups[len(base):] == [groups[i] for i in extra]
    assert (repeated([h.lines for h in more], more_groups)
            == repeated([h.lines for h in base], groups))
