"""Near-duplicate lines inside one document (the core's ``dedup`` stage): which line is a
copy of which, as the structure stage receives it."""

from __future__ import annotations

from newsconv._core import copies


def test_equal_copies_keep_the_last() -> None:
    assert copies(["Ferry returns to harbour", "x", "Ferry returns to harbour"]) == {0: 2}
    assert copies(["A headline here", "Post 1", "A headline here",
                   "Body text follows here."]) == {0: 2}


def test_alt_text_and_caption_keep_the_fuller() -> None:
    alt = "The ferry leaves the north pier on its first crossing since January"
    cap = "The ferry leaves the north pier on its first crossing since January. (Photo/A. B.)"
    assert copies([alt, cap]) == {0: 1}
    assert copies([cap, alt]) == {1: 0}


def test_quotes_and_a_photo_credit_do_not_matter() -> None:
    assert copies(["After the war, the city's mood changed in many ways", "x",
                   "After the war, the city’s mood changed in many ways (AP Photo/A. B.)"]
                  ) == {0: 2}


def test_short_lines_and_unrelated_prefixes_are_not_copies() -> None:
    assert copies(["Share", "Share"]) == {}
    assert copies(["The council met.", "The council met on Tuesday to vote on the budget."]) == {}


def test_truncated_teaser_is_a_copy() -> None:
    teaser = "Two people were diagnosed with the plague,..."
    assert copies([teaser, "Two people were diagnosed with the plague, officials said on Monday."
                   ]) == {0: 1}
