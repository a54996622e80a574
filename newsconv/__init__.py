"""newsconv: turn news-article dumps into clean articles.

The Python API, for Spark, Ray or any other driver:

>>> from newsconv import clean_text
>>> [a.title for a in clean_text(open("examples/harbour.txt").read())]  # doctest: +SKIP
['Harbour ferry returns after storm repairs']

``clean_text(text) -> list[Article]`` cleans one page; ``clean_record(dict) -> list[dict]``
cleans one JSON Lines record (its "text" field) and returns the JSON Lines objects that
``newsconv clean --format jsonl`` would print, with the record's other fields passed through.
"""

from __future__ import annotations

from typing import Any

from .model import Article, Block, Document, Part, Verdict

__version__ = "0.1.0"
__all__ = ["Article", "Block", "Part", "Verdict", "clean_record", "clean_text", "__version__"]


def clean_text(text: str, source: str = "<text>") -> list[Article]:
    """The articles found in one page of text."""
    from .pipeline import Config, analyse
    return list(analyse(Document(source, 0, text), Config()).articles)


def clean_record(record: dict[str, Any], text_field: str = "text",
                 captions: bool = True) -> list[dict[str, Any]]:
    """The JSON Lines objects for one input record (other fields pass through)."""
    from .pipeline import Config, analyse
    from .render import to_record
    meta = {k: v for k, v in record.items() if k != text_field}
    text = record.get(text_field)
    if not isinstance(text, str):
        raise ValueError(f"record has no string field {text_field!r}")
    doc = Document(str(record.get("id", "<record>")), 0, text, meta)
    return [to_record(a, captions) for a in analyse(doc, Config()).articles]
