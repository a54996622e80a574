"""The small immutable records that flow through the pipeline.

    Document ─► [Block] ─► [Verdict] ─► [Article]

A ``Document`` is one page of a dump (decoded and normalised text plus where it came from);
a ``Block`` is one non-empty line of it; a ``Verdict`` says what the classifier decided for a
block and why; an ``Article`` is what the renderers print.  An ``Analysis`` holds them all
(for ``explain``); a ``Summary`` only the articles and the counts of lines (for ``clean``).

The records are ``typing.NamedTuple`` classes (defined at import several times faster than
frozen dataclasses: start-up time), except ``Document`` and ``Article``, whose ``meta``
defaults to a new dict each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

# What a kept block is inside an article.  Everything else is chrome, named by its class.
Role = Literal["title", "dek", "byline", "paragraph", "heading", "caption"]
BODY_ROLES = ("paragraph", "heading")


@dataclass(frozen=True, slots=True)
class Document:
    """One page of a dump, decoded and normalised."""

    source: str  # file name, "-" for stdin, or "name:line" for records
    index: int  # position of the document in its source, from 0
    text: str
    meta: dict[str, Any] = field(default_factory=dict)  # pass-through fields of JSONL records
    notes: tuple[str, ...] = ()  # what decoding had to do (fallback encodings, repairs)


class Block(NamedTuple):
    """One non-empty line of a document."""

    # position among the document's blocks, from 0 (the field hides ``tuple.index``)
    index: int  # type: ignore[assignment]
    text: str
    line: int  # line number in the normalised document, from 1
    gap: int  # blank lines before it (a large gap often separates page regions)


class Verdict(NamedTuple):
    """The classifier's decision for one block.

    ``keep`` blocks carry their ``role``; dropped ones carry the chrome class in ``label``.
    ``reason`` is the human-readable why; ``score`` the model's log-odds of "content".
    ``article`` is the number of the article a kept block went to (-1 if dropped).
    """

    keep: bool
    label: str  # role if kept, chrome class if dropped
    reason: str
    score: float = 0.0
    article: int = -1


class Part(NamedTuple):
    """One typed block of an article body, in reading order."""

    kind: Literal["paragraph", "heading", "caption"]
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: metadata plus ordered parts.

    ``date`` is ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` when the date line gives a time, with
    ``+HH:MM`` when it also gives a numeric offset (see ``newsconv.dates``)."""

    source: str
    index: int  # the article's number in its document, from 0
    title: str | None
    dek: str | None
    dateline: str | None
    agency: str | None
    byline: str | None
    parts: tuple[Part, ...]
    date: str | None = None  # ISO 8601 from the article's date line (newsconv.dates)
    language: str | None = None
    doc_index: int = 0
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in self.parts if p.kind == "paragraph"]

    @property
    def headings(self) -> list[str]:
        return [p.text for p in self.parts if p.kind == "heading"]

    @property
    def captions(self) -> list[str]:
        return [p.text for p in self.parts if p.kind == "caption"]

    @property
    def body(self) -> str:
        """Paragraphs and headings in order, blank-line separated: no title, no captions."""
        return "\n\n".join(p.text for p in self.parts if p.kind in BODY_ROLES)


class Analysis(NamedTuple):
    """Everything the pipeline learned about one document: for ``explain`` and
    ``--keep-dropped`` as much as for the renderers."""

    document: Document
    blocks: tuple[Block, ...]
    verdicts: tuple[Verdict, ...]
    articles: tuple[Article, ...]
    language: str | None

    def summary(self) -> Summary:
        """What ``clean`` needs of it: the articles and the lines kept and dropped."""
        dropped: dict[str, int] = {}
        for v in self.verdicts:
            if not v.keep:
                dropped[v.label] = dropped.get(v.label, 0) + 1
        kept = len(self.verdicts) - sum(dropped.values())
        copy = self.verdicts[0].reason if set(dropped) == {"copy"} else None
        return Summary(self.document, self.articles, self.language, kept,
                       tuple(sorted(dropped.items())), copy)


class Summary(NamedTuple):
    """What ``clean`` needs of one document's analysis: its articles, and how many of its
    lines were kept and dropped, by label (``dropped``: (label, count) pairs, sorted).  The
    line-by-line ``Analysis`` is for ``explain`` and ``--keep-dropped``."""

    document: Document
    articles: tuple[Article, ...]
    language: str | None
    kept: int
    dropped: tuple[tuple[str, int], ...]
    copy_of: str | None = None  # "copy of document N of the input" (``--drop-copies``)

    @property
    def lines(self) -> int:
        """The document's non-empty lines."""
        return self.kept + sum(n for _, n in self.dropped)
