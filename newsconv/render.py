"""Articles to text, Markdown and JSON Lines.  One walk over an article's parts serves both
text and Markdown (they differ only in how each kind of part is written).

Plain text:  title, dek, byline, then paragraphs, headings and captions in reading order,
             one per line, blank-line separated; the date (ISO 8601) on its own line under
             the byline, or under the title when there is no byline.
Markdown:    "# title", the dek in bold, the byline, the date and captions in italics,
             "## heading"; paragraph text is
             escaped so that it renders as the words it holds ("1." or "#" at the start,
             "*", "_" and friends anywhere).
JSON Lines:  one object per article: source, index, title, dek, dateline, agency, byline,
             date, captions, headings, paragraphs, text (the body alone: paragraphs and
             headings, no title, no captions), markdown (the whole article), language and
             any fields of the input record.  Where newsconv finds no date, a ``date``
             field of the input record keeps its value (a crawler may have read it from
             the page's markup); every other field of newsconv replaces the record's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .model import Article, Part

FORMATS = ("text", "markdown", "jsonl")

# Characters that Markdown (CommonMark) would read as markup anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# ...and at the start of a line: headings, quotes, list markers, thematic breaks.
_MD_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s)|=+\s*$|-+\s*$)")
_MD_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    r"""Escape ``text`` so that Markdown renders it literally.

    >>> escape_markdown("1. Not a list, *not* emphasis_here")
    '1\\. Not a list, \\*not\\* emphasis\\_here'
    >>> escape_markdown("# not a heading")
    '\\# not a heading'
    """
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _text_part(part: Part) -> str:
    return part.text


def _markdown_part(part: Part) -> str:
    esc = escape_markdown(part.text)
    if part.kind == "heading":
        return f"## {esc}"
    if part.kind == "caption":
        return f"*{esc}*"
    return esc


def _render(article: Article, captions: bool, title: Callable[[str], str],
            dek: Callable[[str], str], byline: Callable[[str], str],
            part: Callable[[Part], str]) -> str:
    chunks = []
    if article.title:
        chunks.append(title(article.title))
    if article.date and not article.byline:
        chunks.append(byline(article.date))  # no byline: the date under the headline
    if article.dek:
        chunks.append(dek(article.dek))
    if article.byline:
        chunks.append(byline(article.byline))
        if article.date:
            chunks.append(byline(article.date))
    chunks.extend(part(p) for p in article.parts if captions or p.kind != "caption")
    return "\n\n".join(chunks) + "\n"


def to_text(article: Article, captions: bool = True) -> str:
    return _render(article, captions, str, str, str, _text_part)


def to_markdown(article: Article, captions: bool = True) -> str:
    return _render(article, captions, lambda t: f"# {escape_markdown(t)}",
                   lambda d: f"**{escape_markdown(d)}**", lambda b: f"*{escape_markdown(b)}*",
                   _markdown_part)


def to_record(article: Article, captions: bool = True) -> dict[str, object]:
    record: dict[str, object] = dict(article.meta)
    record.update({
        "source": article.source,
        "doc_index": article.doc_index,
        "index": article.index,
        "title": article.title,
        "dek": article.dek,
        "dateline": article.dateline,
        "agency": article.agency,
        "byline": article.byline,
        # where newsconv finds no date line, the record's own date (if any) stays
        "date": article.date if article.date is not None else record.get("date"),
        "language": article.language,
        "captions": article.captions if captions else [],
        "headings": article.headings,
        "paragraphs": article.paragraphs,
        "text": article.body,
        "markdown": to_markdown(article, captions),
    })
    return record


def to_jsonl(article: Article, captions: bool = True) -> str:
    return json.dumps(to_record(article, captions), ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Article, bool], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "jsonl": to_jsonl,
}
