"""newsconv as a datatrove pipeline step: ``NewsconvCleaner``.

    reader ─► NewsconvCleaner ─► one Document per article ─► writer
                    └─ documents without an article ─► exclusion_writer (when given)

Each datatrove ``Document`` is one page; the step yields one ``Document`` per article found
in it, with the id ``<id>/<n>`` (``n`` the article's index in the page, from 0), the
article as ``text`` in the chosen format, and as ``metadata`` the input document's metadata
plus newsconv's fields (``METADATA``): title, dek, byline, date (where known), language,
article_index and articles (how many the page gave).  An input metadata key with the name
of one of newsconv's fields is not overwritten: it moves into a ``meta`` dict, as in
newsconv's JSON Lines.

Like ``newsconv clean``, the step counts dump-level statistics over windows of consecutive
documents (those of the task, at most ``boilerplate.WINDOW_DOCS``), so a line repeated on
many pages of a site is dropped and copies of one article keep their body.  A page without
an article goes to ``exclusion_writer``, when one is given, with its reason in
``metadata["filter_reason"]``, as datatrove's own filters do.  The step updates datatrove's
stats: ``documents``, ``articles``, ``forwarded``, ``dropped`` (pages without an article),
``dropped_<reason>``, ``lines_kept`` and ``lines_dropped_<label>`` for every class of chrome.

Example (see ``examples/datatrove_pipeline.py``)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsconv.datatrove import NewsconvCleaner

    LocalPipelineExecutor(pipeline=[
        JsonlReader("pages/"),
        NewsconvCleaner(format="markdown", exclusion_writer=JsonlWriter("no-article/")),
        JsonlWriter("articles/"),
    ], tasks=4).run()

Needs the optional extra ``newsconv[datatrove]``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

try:
    from datatrove.data import Document as TroveDocument
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError("newsconv.datatrove needs datatrove: "
                      "pip install 'newsconv[datatrove]'") from e

from .model import Document, Summary
from .pipeline import Config
from .render import RENDERERS, why_no_article, with_input_fields
from .rules import UserRules, load_rules
from .runner import Task, summarise_task, window_tasks, windows

# newsconv's metadata keys on each article Document (input keys with these names move into
# "meta").
METADATA = ("title", "dek", "byline", "date", "language", "article_index", "articles", "meta")
FORMATS = ("text", "markdown")


class NewsconvCleaner(PipelineStep):
    """Cleans each page into its articles (see the module's documentation).

    Args:
        format: "text" or "markdown": how each article's ``text`` is written.
        captions: keep photo captions (``--no-captions`` is False).
        rules: paths of TOML rule files (``--rules``), read when the step is made.
        drop_copies: a page that copies an earlier one of its window gives no article
            (``--drop-copies``).
        exclusion_writer: a datatrove writer for the pages without an article.
    """

    name = "📰 newsconv"
    type = "✂️ - FORMAT"

    def __init__(self, format: str = "text", captions: bool = True, rules: Sequence[str] = (),
                 drop_copies: bool = False, exclusion_writer: Any = None) -> None:
        super().__init__()
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        self.format = format
        self.captions = captions
        self.rules = UserRules()
        for path in rules:
            self.rules = self.rules.merge(load_rules(path))
        self.drop_copies = drop_copies
        self.exclusion_writer = exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0,
            world_size: int = 1) -> DocumentsPipeline:
        if not data:
            return
        config = Config(rules=self.rules)
        originals: dict[int, TroveDocument] = {}

        def pages() -> Iterator[Document]:
            for i, doc in enumerate(data):
                originals[i] = doc
                yield Document(str(doc.metadata.get("file_path", "datatrove")), i, doc.text)

        excluded = self.exclusion_writer or contextlib.nullcontext()
        with excluded as writer:
            for window in windows(pages()):
                for task in window_tasks(window):
                    assert isinstance(task, Task)
                    original = originals.pop(task.document.index)
                    with self.track_time():
                        summary = summarise_task(task, config, self.drop_copies)
                    yield from self._articles(original, summary, writer, rank)

    def _articles(self, original: TroveDocument, summary: Summary, writer: Any,
                  rank: int) -> Iterator[TroveDocument]:
        """The article Documents of one page; its stats; the page to the exclusion writer
        when it has no article."""
        self.stat_update("documents")
        self.stat_update("lines_kept", value=summary.kept)
        for label, n in summary.dropped:
            self.stat_update(f"lines_dropped_{label}", value=n)
        articles = summary.articles
        if not articles:
            reason = why_no_article(summary)
            self.stat_update("dropped", f"dropped_{_reason_code(summary)}")
            if writer is not None:
                original.metadata["filter_reason"] = reason
                writer.write(original, rank)
            return
        render = RENDERERS[self.format]
        for a in articles:
            own: dict[str, object] = {
                "title": a.title, "dek": a.dek, "byline": a.byline,
                "date": getattr(a, "date", None), "language": a.language,
                "article_index": a.index, "articles": len(articles)}
            metadata = with_input_fields(own, original.metadata, METADATA)
            doc = TroveDocument(text=render(a, self.captions), id=f"{original.id}/{a.index}",
                                metadata=metadata)
            self.stat_update("articles", "forwarded")
            self.update_doc_stats(doc)
            yield doc


def _reason_code(summary: Summary) -> str:
    """A short name for why a page gave no article, for a stats counter."""
    if summary.copy_of is not None:
        return "copy"
    if not summary.lines:
        return "empty"
    return "no_article"
