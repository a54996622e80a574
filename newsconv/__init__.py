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
    every other field (id, url, crawl date...) passes through; a ``"date"`` field is kept
    where newsconv reads no date from the page.

Both are pure functions of their input: safe in any number of threads or processes, and a
page gives the same articles wherever it is cleaned.  The first call loads the model and
the pattern tables (about a quarter of a second); later calls reuse them.  What they do not
do is dump-level statistics: ``newsconv clean`` also drops a line repeated across many
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
['agency', 'byline', 'captions', 'date', 'dateline', 'dek', 'doc_index', 'headings', 'id',
 'index', 'language', 'markdown', 'paragraphs', 'source', 'text', 'title', 'url']

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


def clean_text(text: str, source: str = "<text>", config: Config | None = None) -> list[Article]:
    """The articles found in one page of ``text`` (none when it holds no article).

    ``source`` is recorded in each ``Article.source``; ``config`` (a
    ``newsconv.pipeline.Config``) replaces the default model, tables and rules, e.g. to add
    ``--rules`` loaded with ``newsconv.rules.load_rules``.
    """
    from .pipeline import Config, analyse
    return list(analyse(Document(source, 0, text), config or Config()).articles)


def clean_record(record: dict[str, Any], text_field: str = "text", captions: bool = True,
                 *, source: str | None = None, doc_index: int = 0,
                 config: Config | None = None) -> list[dict[str, Any]]:
    """The JSON Lines objects for one input record, one per article found, exactly as
    ``newsconv clean --format jsonl`` writes them: the record's fields other than
    ``text_field`` first, then ``source``, ``doc_index``, ``index``, ``title`` ...
    ``markdown``.  ``record`` itself is not changed.

    ``source`` and ``doc_index`` say where the record came from (the CLI uses the input's
    file name and the record's position in it); ``source`` defaults to the record's
    ``"id"`` field, else ``"<record>"``.  ``captions=False`` is ``--no-captions``.

    Raises ``ValueError`` when the record has no string ``text_field``.
    """
    from .pipeline import Config, analyse
    from .render import to_record
    text = record.get(text_field)
    if not isinstance(text, str):
        raise ValueError(f"record has no string field {text_field!r}")
    meta = {k: v for k, v in record.items() if k != text_field}
    name = source if source is not None else str(record.get("id", "<record>"))
    doc = Document(name, doc_index, text, meta)
    return [to_record(a, captions) for a in analyse(doc, config or Config()).articles]
