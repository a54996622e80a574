"""Articles to text, Markdown and JSON Lines.  One walk over an article's parts serves both
text and Markdown (they differ only in how each kind of part is written).

Plain text:  title, dek, byline, then paragraphs, headings and captions in reading order,
             one per line, blank-line separated; the date (ISO 8601) on its own line under
             the byline, or under the title when there is no byline.
Markdown:    "# title", the dek in bold, the byline, the date and captions in italics,
             "## heading"; paragraph text is
             escaped so that it renders as the words it holds ("1." or "#" at the start,
             "*", "_" and friends anywhere).
JSON Lines:  one object per article: source, doc_index, index, articles, title, dek,
             dateline, agency, byline, date, language, captions, headings, paragraphs, text (the
             body alone: paragraphs and headings, no title, no captions), markdown (the
             whole article), reason; and the fields of the input record.  A document without
             an article gives one row too (``articles`` 0, ``reason`` says why), so that
             a join by id loses no record.  An input field whose name is one of newsconv's
             own (``OWN_FIELDS``) is never overwritten: it moves, unchanged, into a ``meta``
             object of the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .model import Article, Document, Summary

FORMATS = ("text", "markdown", "jsonl")

# Characters that Markdown (CommonMark) would read as markup anywhere in a line, the
# backslash first: escaping it after the others would double the backslashes they gained.
_MD_INLINE = "\\`*_[]<>|~"
# ...and at the start of a line: headings, quotes, list markers, thematic breaks.
_MD_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s)|=+\s*$|-+\s*$)")
_MD_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")
# The first characters (after white space) with which those can start, besides digits.
_MD_LINE_START = frozenset("#>-+*=")


def escape_markdown(text: str) -> str:
    r"""Escape ``text`` so that Markdown renders it literally.

    >>> escape_markdown("1. Not a list, *not* emphasis_here")
    '1\\. Not a list, \\*not\\* emphasis\\_here'
    >>> escape_markdown("# not a heading")
    '\\# not a heading'
    """
    text = _escape_inline(text)
    first = text.lstrip()[:1]
    if first not in _MD_LINE_START and not first.isdecimal():
        return text  # none of the line-start patterns can match: most lines
    return _escape_line_start(text)


def _escape_inline(text: str) -> str:
    r"""A backslash before each inline markup character.  One ``str.replace`` per character
    that occurs (most occur in no article) rather than a regular-expression substitution,
    which calls back into Python for every match.

    >>> _escape_inline(r"a*b_c\d")
    'a\\*b\\_c\\\\d'
    """
    for char in _MD_INLINE:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _escape_line_start(text: str) -> str:
    """The line-start markup of one line escaped (an ordered-list number, then a heading,
    quote, list marker or thematic break)."""
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def escape_all(texts: list[str]) -> list[str]:
    r"""``escape_markdown`` of each text (none holds a line break): the inline characters of
    all of them escaped in one pass, the few that begin with a line-start character one by
    one.

    >>> escape_all(["*a*", "# b", "1. c", "plain"])
    ['\\*a\\*', '\\# b', '1\\. c', 'plain']
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text with a line break (or none): one by one
        return [escape_markdown(t) for t in texts]
    escaped = _escape_inline(joined)
    # Escaping only lengthens: the same length means nothing changed (so in most articles),
    # and the texts need not be split out of the joined copy again.
    out = escaped.split("\n") if len(escaped) != len(joined) else list(texts)
    for i, text in enumerate(out):
        first = text.lstrip()[:1]
        if first in _MD_LINE_START or first.isdecimal():
            out[i] = _escape_line_start(text)
    return out


def _text_part(kind: str, text: str) -> str:
    return text


def _markdown_part(kind: str, text: str) -> str:
    if kind == "heading":
        return f"## {text}"
    if kind == "caption":
        return f"*{text}*"
    return text


def _render(article: Article, captions: bool, escape: Callable[[list[str]], list[str]],
            title: Callable[[str], str], dek: Callable[[str], str],
            byline: Callable[[str], str], part: Callable[[str, str], str]) -> str:
    parts = [p for p in article.parts if captions or p.kind != "caption"]
    head = [article.title or "", article.dek or "", article.byline or "", article.date or ""]
    t, d, b, date, *bodies = escape(head + [p.text for p in parts])
    chunks = []
    if article.title:
        chunks.append(title(t))
    if article.date and not article.byline:
        chunks.append(byline(date))  # no byline: the date under the headline
    if article.dek:
        chunks.append(dek(d))
    if article.byline:
        chunks.append(byline(b))
        if article.date:
            chunks.append(byline(date))
    chunks.extend(part(p.kind, text) for p, text in zip(parts, bodies, strict=True))
    return "\n\n".join(chunks) + "\n"


def to_text(article: Article, captions: bool = True) -> str:
    return _render(article, captions, list, str, str, str, _text_part)


def to_markdown(article: Article, captions: bool = True) -> str:
    return _render(article, captions, escape_all, lambda t: f"# {t}", lambda d: f"**{d}**",
                   lambda b: f"*{b}*", _markdown_part)


# The fields newsconv writes in every JSON Lines row, in order (``date``: the article's
# date, where known; ``meta``: the input's fields that have one of these names).
OWN_FIELDS = ("source", "doc_index", "index", "articles", "title", "dek", "dateline", "agency",
              "byline", "date", "language", "captions", "headings", "paragraphs", "text",
              "markdown", "reason", "meta")


def with_input_fields(own: dict[str, object], fields: dict[str, Any],
                      names: tuple[str, ...] = OWN_FIELDS) -> dict[str, Any]:
    """A row: the input record's ``fields`` first, then newsconv's ``own``; an input field
    with the name of one of newsconv's fields moves into ``meta``, so none is lost.

    >>> with_input_fields({"title": "Ferry returns", "text": "..."},
    ...                   {"id": "n1", "title": "FERRY!", "meta": {"k": 1}})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'id': 'n1', 'title': 'Ferry returns', 'text': '...',
     'meta': {'title': 'FERRY!', 'meta': {'k': 1}}}
    """
    row: dict[str, Any] = {k: v for k, v in fields.items() if k not in names}
    row.update(own)
    moved = {k: v for k, v in fields.items() if k in names}
    if moved:
        row["meta"] = moved
    return row


def to_record(article: Article, captions: bool = True, articles: int = 1) -> dict[str, object]:
    """The JSON Lines row of one article; ``articles`` is how many its document gave."""
    return with_input_fields({
        "source": article.source,
        "doc_index": article.doc_index,
        "index": article.index,
        "articles": articles,
        "title": article.title,
        "dek": article.dek,
        "dateline": article.dateline,
        "agency": article.agency,
        "byline": article.byline,
        "date": article.date,
        "language": article.language,
        "captions": article.captions if captions else [],
        "headings": article.headings,
        "paragraphs": article.paragraphs,
        "text": article.body,
        "markdown": to_markdown(article, captions),
        "reason": None,
    }, article.meta)


def empty_record(doc: Document, reason: str, language: str | None = None) -> dict[str, object]:
    """The JSON Lines row of a document that gave no article: the same fields as an article
    row, ``articles`` 0, ``index`` null, empty texts and the ``reason``."""
    return with_input_fields({
        "source": doc.source, "doc_index": doc.index, "index": None, "articles": 0,
        "title": None, "dek": None, "dateline": None, "agency": None, "byline": None,
        "date": None, "language": language, "captions": [], "headings": [], "paragraphs": [],
        "text": "", "markdown": "", "reason": reason,
    }, doc.meta)


def to_jsonl(article: Article, captions: bool = True) -> str:
    import json  # imported on first use: text and Markdown runs never need it (start-up)
    return json.dumps(to_record(article, captions), ensure_ascii=False) + "\n"


def jsonl_line(row: dict[str, object]) -> str:
    import json
    return json.dumps(row, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Article, bool], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "jsonl": to_jsonl,
}


def why_no_article(summary: Summary) -> str:
    """Why a document gave no article, in a few words (for its JSON Lines row).

    >>> doc = Document("x", 0, "Home\\nShare")
    >>> why_no_article(Summary(doc, (), None, 0, (("menu", 1), ("share", 1))))
    'no article: all 2 lines dropped (menu 1, share 1)'
    >>> why_no_article(Summary(Document("x", 0, ""), (), None, 0, ()))
    'empty document'
    """
    if summary.copy_of is not None:
        return summary.copy_of
    if not summary.lines:
        return "empty document"
    top = ", ".join(f"{label} {n}" for label, n in sorted(summary.dropped,
                                                           key=lambda kv: (-kv[1], kv[0]))[:4])
    return f"no article: all {summary.lines} lines dropped ({top})"


def jsonl_rows(summary: Summary, captions: bool = True,
               empty_rows: bool = True) -> list[dict[str, object]]:
    """The JSON Lines rows of a document: one per article, or one saying why there is none
    (unless ``empty_rows`` is off: ``--articles-only``)."""
    articles = summary.articles
    if articles:
        return [to_record(a, captions, len(articles)) for a in articles]
    if not empty_rows:
        return []
    return [empty_record(summary.document, why_no_article(summary), summary.language)]
