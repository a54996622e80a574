"""Rendering: Markdown escaping and the JSON Lines record."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv import render
from newsconv.model import Article, Part
from newsconv.render import escape_all, escape_markdown, to_jsonl, to_markdown, to_record, to_text

ARTICLE = Article(
    source="page.txt", index=0, title="Ferry returns", dek=None, dateline="PORTVILLE",
    agency="TC", byline="By Ana Lind",
    parts=(Part("caption", "The ferry at dawn. (Photo/Jo Berg)"),
           Part("paragraph", "PORTVILLE (TC) — The ferry is back."),
           Part("heading", "What changes"),
           Part("paragraph", "1. Fares stay the same; *no* change_for riders.")),
)


def test_text_keeps_everything_in_order() -> None:
    assert to_text(ARTICLE).split("\n\n") == [
        "Ferry returns", "By Ana Lind", "The ferry at dawn. (Photo/Jo Berg)",
        "PORTVILLE (TC) — The ferry is back.", "What changes",
        "1. Fares stay the same; *no* change_for riders.\n"]
    assert "Photo/Jo Berg" not in to_text(ARTICLE, captions=False)


def test_markdown_renders_paragraphs_as_written() -> None:
    md = to_markdown(ARTICLE)
    assert "# Ferry returns" in md
    assert "## What changes" in md
    assert "*The ferry at dawn. (Photo/Jo Berg)*" in md
    assert "1\\. Fares stay the same; \\*no\\* change\\_for riders." in md


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=60))
def test_escaped_markdown_has_no_live_markup(text: str) -> None:
    esc = escape_markdown(text)
    unescaped = esc.replace("\\", "")
    assert unescaped == text.replace("\\", "")
    for ch in "*_`[]<>|~":
        assert esc.count(ch) == esc.count("\\" + ch)
    # nothing left that CommonMark reads as the start of a heading, quote, list or rule
    assert not re.match(r"\s*(?:#{1,6}(?:\s|$)|>|[-+*]\s|\d{1,9}[.)](?:\s|$)|-+\s*$|=+\s*$)",
                        esc)


def test_record_fields() -> None:
    rec = to_record(ARTICLE)
    assert rec["text"] == ("PORTVILLE (TC) — The ferry is back.\n\nWhat changes\n\n"
                           "1. Fares stay the same; *no* change_for riders.")
    assert rec["captions"] == ["The ferry at dawn. (Photo/Jo Berg)"]
    assert rec["headings"] == ["What changes"]
    assert rec["paragraphs"][0].startswith("PORTVILLE")
    assert (rec["dateline"], rec["agency"], rec["byline"]) == ("PORTVILLE", "TC", "By Ana Lind")
    assert json.loads(to_jsonl(ARTICLE)) == rec


_SPEC_INLINE = re.compile(r"([\\`*_\[\]<>|~])")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\u3000\u00a0#>-+*=19١.)\\`_[]<>|~ab")),
               max_size=12))
def test_markdown_escaping_is_its_regular_definition(text: str) -> None:
    """The escaping (the line-start patterns tried only where a line can start with one)
    gives what the three substitutions that define it give."""
    spec = _SPEC_INLINE.sub(r"\\\1", text)
    spec = render._MD_ORDERED.sub(r"\1\\\2", spec)
    spec = render._MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), spec)
    assert render.escape_markdown(text) == spec


@given(st.lists(st.text(alphabet=st.sampled_from("ab1 #>-+*=._\\`[]<>|~()\n\t"), max_size=12),
                max_size=6))
def test_escaping_many_texts_at_once_is_escaping_each(texts: list[str]) -> None:
    assert escape_all(texts) == [escape_markdown(t) for t in texts]
