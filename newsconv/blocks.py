"""Text to blocks: every non-empty line of a normalised document is one block.

Crawler dumps write one line per paragraph, heading, menu item or button, so a line is the
natural unit; blank lines between lines are remembered (``Block.gap``) because a wide gap
often separates regions of a page.

>>> [(b.text, b.line, b.gap) for b in split_blocks("Title\\n\\nFirst para.\\n\\n\\nSecond.")]
[('Title', 1, 0), ('First para.', 3, 1), ('Second.', 6, 2)]
"""

from __future__ import annotations

from .model import Block


def split_blocks(text: str) -> list[Block]:
    """The non-empty lines of ``text`` as blocks, in order."""
    blocks: list[Block] = []
    gap = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line and not line.isspace():
            blocks.append(Block(len(blocks), line.strip(), number, gap))
            gap = 0
        else:
            gap += 1
    return blocks
