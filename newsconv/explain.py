"""``newsconv explain``: every block of a document with KEEP or DROP, the class or score that
decided, and the article it went to — the plan the cleaner applied, line by line.

    KEEP  para   a1  model +4.2 in article context     │ As the Islamic State group loses…
    DROP  share      share table: phrase 'facebook'    │ Facebook
"""

from __future__ import annotations

import click

from .model import Document
from .pipeline import Config, analyse

TEXT_WIDTH = 100
_ROLE_ABBREV = {"paragraph": "para", "heading": "head", "caption": "capt", "title": "title",
                "dek": "dek", "byline": "byline"}


def explain_document(doc: Document, config: Config) -> str:
    """The explanation of one document, with ANSI colours (click strips them off a pipe)."""
    analysis = analyse(doc, config)
    lines = [click.style(f"== {doc.source} (document {doc.index + 1}): {len(analysis.blocks)} "
                         f"blocks, {len(analysis.articles)} article(s), language "
                         f"{analysis.language or 'unknown'}", bold=True)]
    for a in analysis.articles:
        lines.append(click.style(f"   a{a.index + 1}: {a.title or '(no title)'}", bold=True))
    for block, v in zip(analysis.blocks, analysis.verdicts, strict=True):
        text = block.text if len(block.text) <= TEXT_WIDTH else block.text[:TEXT_WIDTH - 1] + "…"
        art = f"a{v.article + 1}" if v.article >= 0 else ""
        label = _ROLE_ABBREV.get(v.label, v.label) if v.keep else v.label
        head = f"{'KEEP' if v.keep else 'DROP'}  {label:13.13s} {art:4s} {v.reason[:44]:44s} │ "
        lines.append(click.style(head, fg="green" if v.keep else "red") + text)
    return "\n".join(lines) + "\n"
