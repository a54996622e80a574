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
        """The reason column: 40 % of what the fixed columns leave, within REASON_WIDTH, and
        narrower still (down to nothing) where the text column would be under MIN_TEXT.

        >>> Layout(80).reason_width, Layout(180).reason_width, Layout(None).reason_width
        (20, 44, 44)
        >>> Layout(60).reason_width, Layout(40).reason_width
        (12, 0)
        """
        if self.width is None:
            return REASON_WIDTH[1]
        share = max(REASON_WIDTH[0], min(REASON_WIDTH[1], (self.width - _FIXED) * 2 // 5))
        return max(0, min(share, self.width - _FIXED - MIN_TEXT))

    @property
    def text_width(self) -> int | None:
        """The text column: what the others leave, at least MIN_TEXT; None: no limit.

        >>> Layout(80).text_width, Layout(60).text_width, Layout(None).text_width
        (32, 20, None)
        """
        if self.width is None:
            return None
        return max(MIN_TEXT, self.width - _FIXED - self.reason_width)


def _cut(text: str, width: int | None) -> str:
    if width is None or len(text) <= width:
        return text
    return text[:width - 1] + "…" if width > 0 else ""


def _wrap(text: str, width: int | None) -> list[str]:
    if width is None:
        return [text]
    if width <= 0:
        return [""]
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


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
    indent = " " * (_FIXED - 3)
    for block, v in zip(analysis.blocks, analysis.verdicts, strict=True):
        art = f"a{v.article + 1}" if v.article >= 0 else ""
        label = _ROLE_ABBREV.get(v.label, v.label) if v.keep else v.label
        head = (f"{'KEEP' if v.keep else 'DROP'}  {label:{LABEL_WIDTH}.{LABEL_WIDTH}s} "
                f"{art:{ARTICLE_WIDTH}s} ")
        colour = "green" if v.keep else "red"
        if not layout.full:
            reason = f"{_cut(v.reason, reason_width):{reason_width}s} │ "
            lines.append(click.style(head + reason, fg=colour) + _cut(block.text, text_width))
            continue
        # whole lines: the reason and the text each wrap in their own column
        reasons = _wrap(v.reason, reason_width if layout.width is not None else None)
        texts = _wrap(block.text, text_width)
        for k in range(max(len(reasons), len(texts))):
            reason = reasons[k] if k < len(reasons) else ""
            text = texts[k] if k < len(texts) else ""
            left = f"{head if k == 0 else indent}{reason:{reason_width}s} │ "
            lines.append(click.style(left if text else left.rstrip(), fg=colour) + text)
    return "\n".join(lines) + "\n"


def explain_message(item: Dropped | Skipped) -> str:
    """What the reader itself dropped or skipped, as ``explain`` shows it."""
    if isinstance(item, Dropped):
        return click.style(f"DROP  overlong      line {item.line} of {item.source} document "
                           f"{item.doc_index + 1}: {item.reason}", fg="red") + "\n"
    return click.style(f"== {item.source}: skipped {item.responses} WARC response record(s) "
                       f"(HTML) and {item.other} other record(s)", bold=True) + "\n"
