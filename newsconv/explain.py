"""``newsconv explain``: every block of a document with KEEP or DROP, the class or score that
decided, and the article it went to — the plan the cleaner applied, line by line.

    KEEP  para          a1   model +4.2 in article context      │ As the Islamic State group…
    DROP  share                share table: phrase 'facebook'     │ Facebook

The verdicts are those of ``newsconv clean`` on the same input with the same options: the
documents are read, windowed and given their dump-level statistics by the same code
(``runner.work_units``, ``runner.analyse_task``), so a line ``explain`` shows as KEEP is
never one ``--keep-dropped`` lists, and the other way round.

Lines are laid out for a ``width`` (the terminal's): the reason column narrows first, then
the text is cut with "…"; ``full`` shows every text whole, wrapped under its column.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import click

from .model import Analysis
from .sources import Dropped, Skipped

_ROLE_ABBREV = {"paragraph": "para", "heading": "head", "caption": "capt", "title": "title",
                "dek": "dek", "byline": "byline"}
LABEL_WIDTH = 13
ARTICLE_WIDTH = 4
REASON_WIDTH = (16, 44)  # the reason column's narrowest and widest
MIN_TEXT = 20  # the text column is never narrower
_FIXED = 6 + LABEL_WIDTH + 1 + ARTICLE_WIDTH + 1 + 3  # "KEEP  ", label, article, " │ "


@dataclass(frozen=True)
class Layout:
    """How explain lines are laid out: ``width`` columns (None: no limit, whole lines),
    ``full`` to wrap long texts instead of cutting them."""

    width: int | None = None
    full: bool = False

    @property
    def reason_width(self) -> int:
        """The reason column: 40 % of what the fixed columns leave, within REASON_WIDTH.

        >>> Layout(80).reason_width, Layout(180).reason_width, Layout(None).reason_width
        (20, 44, 44)
        """
        if self.width is None:
            return REASON_WIDTH[1]
        share = (self.width - _FIXED) * 2 // 5
        return max(REASON_WIDTH[0], min(REASON_WIDTH[1], share))

    @property
    def text_width(self) -> int | None:
        """The text column: what the others leave, at least MIN_TEXT; None: no limit.

        >>> Layout(80).text_width, Layout(None).text_width
        (32, None)
        """
        if self.width is None:
            return None
        return max(MIN_TEXT, self.width - _FIXED - self.reason_width)


def _cut(text: str, width: int | None) -> str:
    return text if width is None or len(text) <= width else text[:width - 1] + "…"


def explain_analysis(analysis: Analysis, layout: Layout = Layout()) -> str:
    """The explanation of one analysed document, with ANSI colours (``click.echo`` strips
    them where colour is off)."""
    doc = analysis.document
    lines = [click.style(f"== {doc.source} (document {doc.index + 1}): {len(analysis.blocks)} "
                         f"blocks, {len(analysis.articles)} article(s), language "
                         f"{analysis.language or 'unknown'}", bold=True)]
    for a in analysis.articles:
        lines.append(click.style(f"   a{a.index + 1}: {a.title or '(no title)'}", bold=True))
    reason_width, text_width = layout.reason_width, layout.text_width
    for block, v in zip(analysis.blocks, analysis.verdicts, strict=True):
        art = f"a{v.article + 1}" if v.article >= 0 else ""
        label = _ROLE_ABBREV.get(v.label, v.label) if v.keep else v.label
        reason = v.reason if layout.full else _cut(v.reason, reason_width)
        head = (f"{'KEEP' if v.keep else 'DROP'}  {label:{LABEL_WIDTH}.{LABEL_WIDTH}s} "
                f"{art:{ARTICLE_WIDTH}s} {reason:{reason_width}s} │ ")
        style = click.style(head, fg="green" if v.keep else "red")
        if layout.full and text_width is not None:
            pad = " " * (len(head) - 2) + "│ "
            wrapped = textwrap.wrap(block.text, text_width, break_on_hyphens=False) or [""]
            lines.append(style + wrapped[0])
            lines.extend(click.style(pad, fg="green" if v.keep else "red") + w
                         for w in wrapped[1:])
        else:
            lines.append(style + (block.text if layout.full else _cut(block.text, text_width)))
    return "\n".join(lines) + "\n"


def explain_message(item: Dropped | Skipped) -> str:
    """What the reader itself dropped or skipped, as ``explain`` shows it."""
    if isinstance(item, Dropped):
        return click.style(f"DROP  overlong      line {item.line} of {item.source} document "
                           f"{item.doc_index + 1}: {item.reason}", fg="red") + "\n"
    return click.style(f"== {item.source}: skipped {item.responses} WARC response record(s) "
                       f"(HTML) and {item.other} other record(s)", bold=True) + "\n"
