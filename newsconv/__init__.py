"""newsconv: turn news-article dumps into clean articles.

The Python API, for Spark, Ray, Beam or any other driver that hands out one page or one
record at a time:

``clean_text(text) -> list[Article]``
    The articles of one page of text (``Article``: title, dek, byline, date, dateline,
    agency, language, ``parts`` in reading order, and the ``paragraphs``, ``headings``,
    ``captions`` and ``body`` views).
``clean_record(record) -> list[dict]``
    The JSON Lines objects that ``newsconv clean --format jsonl`` writes for one input
    record: the page is the record's ``"text"`` field (``text_field=`` to change it), and
    every other field (id, url, crawl date...) passes through (a field named like one of
    newsconv's own, such as ``date`` or ``title``, moves into ``meta``).

Both are pure functions of their input: safe in any number of threads or processes, and a
page gives the same articles wherever it is cleaned (the compiled core releases the GIL,
so threads clean in parallel).  The first call loads the model and the pattern tables into
the core (about a sixth of a second); later calls reuse them.  What they do not do is
dump-level statistics: ``newsconv clean`` also drops a line repeated across many
documents of one input file (``newsconv.boilerplate``), which needs the documents around a
page; a page that holds only its own chrome is cleaned by the per-page model alone.

>>> import newsconv
>>> page = '''Night bus saved after council vote | Riverside Echo
...
... Home
...
... News
...
... Night bus saved after council vote
...
... By Ida Moss
...
... The night bus between the station and the hospital will keep running, the council \\
... decided on Tuesday, after nurses who work late shifts collected two thousand signatures \\
... in a month.
...
... Councillors voted eight to three to fund the route for another year. The service costs \\
... about as much as one new traffic light, its supporters said at the meeting.
...
... Share on Facebook
...
... Leave a Reply
... '''
>>> [article] = newsconv.clean_text(page)
>>> article.title
'Night bus saved after council vote'
>>> article.paragraphs[1][:40]
'Councillors voted eight to three to fund'
>>> "Leave a Reply" in article.body
False
>>> [rec] = newsconv.clean_record({"id": "n-17", "url": "https://example.test/n-17",
...                                "text": page})
>>> rec["id"], rec["url"], rec["title"], rec["source"]
('n-17', 'https://example.test/n-17', 'Night bus saved after council vote', 'n-17')
>>> sorted(rec)  # doctest: +NORMALIZE_WHITESPACE
['agency', 'articles', 'byline', 'captions', 'date', 'dateline', 'dek', 'doc_index',
 'headings', 'id', 'index', 'language', 'markdown', 'paragraphs', 'reason', 'source',
 'text', 'title', 'url']

Bytes are decoded as ``newsconv clean`` decodes a file; a record without an article still
gives one row, which says why:

>>> [a.title for a in newsconv.clean_text(page.encode("cp1252"))]
['Night bus saved after council vote']
>>> [empty] = newsconv.clean_record({"id": "n-18", "text": "Home\\nShare on Facebook"})
>>> empty["id"], empty["articles"], empty["reason"]
('n-18', 0, 'no article: all 2 lines dropped (navigation 1, share 1)')

In PySpark, for instance::

    rdd.flatMap(newsconv.clean_record)                       # records in, articles out
    df.rdd.map(lambda row: row.asDict()).flatMap(newsconv.clean_record)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Article, Block, Document, Part, Verdict

if TYPE_CHECKING:
    from .pipeline import Config

__version__ = "0.1.0"
__all__ = ["Article", "Block", "Part", "Verdict", "__version__", "clean_record", "clean_text"]


def clean_text(text: str | bytes, source: str = "<text>",
               config: Config | None = None) -> list[Article]:
    """The articles found in one page of ``text`` (none when it holds no article).

    ``text`` is a ``str``, or ``bytes`` decoded as ``newsconv clean`` decodes a file
    (byte-order mark, else UTF-8, else the detected encoding, line by line where they mix);
    bytes that are not text raise ``ValueError``, anything else ``TypeError``.
    ``source`` is recorded in each ``Article.source``; ``config`` (a
    ``newsconv.pipeline.Config``) replaces the default model, tables and rules, e.g. to add
    ``--rules`` loaded with ``newsconv.rules.load_rules``.

    >>> clean_text(None)
    Traceback (most recent call last):
    ...
    TypeError: clean_text takes the page as str or bytes, not NoneType
    """
    from .pipeline import Config, summarise
    if isinstance(text, bytes | bytearray | memoryview):
        from .decode import decode_bytes
        try:
            text = decode_bytes(bytes(text), repair=False).text
        except ValueError as e:
            raise ValueError(f"clean_text: {e}") from None
    elif not isinstance(text, str):
        raise TypeError(f"clean_text takes the page as str or bytes, not {type(text).__name__}")
    return list(summarise(Document(source, 0, text), config or Config()).articles)


def clean_record(record: dict[str, Any], text_field: str = "text", captions: bool = True,
                 *, source: str | None = None, doc_index: int = 0,
                 config: Config | None = None, empty_rows: bool = True) -> list[dict[str, Any]]:
    """The JSON Lines objects for one input record, exactly as ``newsconv clean --format
    jsonl`` writes them: one per article found, or, when there is none, one row with
    ``articles`` 0 and the ``reason`` (``empty_rows=False``, as ``--articles-only``, gives
    none).  The record's fields other than ``text_field`` come first, then ``source``,
    ``doc_index``, ``index``, ``articles``, ``title`` ... ``markdown``, ``reason``; a record
    field with the name of one of these moves into a ``meta`` object.  ``record`` itself is
    not changed.

    ``source`` and ``doc_index`` say where the record came from (the CLI uses the input's
    file name and the record's position in it); ``source`` defaults to the record's
    ``"id"`` field, else ``"<record>"``.  ``captions=False`` is ``--no-captions``.

    Raises ``ValueError`` when the record has no string ``text_field``.
    """
    from .pipeline import Config, summarise
    from .render import jsonl_rows
    text = record.get(text_field)
    if not isinstance(text, str):
        raise ValueError(f"record has no string field {text_field!r}")
    meta = {k: v for k, v in record.items() if k != text_field}
    name = source if source is not None else str(record.get("id", "<record>"))
    summary = summarise(Document(name, doc_index, text, meta), config or Config())
    return jsonl_rows(summary, captions, empty_rows)
