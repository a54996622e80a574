"""Write the chrome tables of ``newsconv/patterns.py`` as ``newsconv/data/chrome.toml``, the
data file the core reads.

    python tools/export_chrome.py > newsconv/data/chrome.toml

While the Python tables are still edited (issue 9), they are the source and this script
keeps the TOML in step (``tests/test_chrome_data.py`` fails when the checked-in file differs
from the export).  At the end of the port the script and the Python tables go, and the TOML
is the source.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsconv.patterns import CLASSES

HEADER = """\
# newsconv's chrome tables: one table per class of page furniture.
#
# Each class has a name, a one-line comment, `max_words` (longer lines are never tested:
# a paragraph is not a share button), `phrases` (whole lines that are this chrome,
# compared after line_key: case-folded, punctuation and counts at the edges stripped) and
# `patterns`.  A pattern has a name, a comment, a regular expression (Python `re` syntax
# without look-around; matched case-insensitively), an example line it must match (the
# tests check every one) and maybe `triggers`: without triggers the pattern is anchored at
# the start of the line; with them it is searched anywhere in the line, and only on lines
# that contain one of the trigger strings (lower case).
#
# Generated from newsconv/patterns.py by tools/export_chrome.py while that module is
# still edited; afterwards this file is the source.
"""


def string(value: str) -> str:
    """A TOML string for ``value``: a literal string when it can be one (regular
    expressions read as written), else a basic string with escapes."""
    printable = all(ch == "\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F) for ch in value)
    if printable and "'" not in value:
        return f"'{value}'"
    if printable and "'''" not in value and not value.endswith("'") and "\n" not in value:
        return f"'''{value}'''"
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def string_list(values: tuple[str, ...], indent: str = "    ") -> str:
    if not values:
        return "[]"
    return "[\n" + "".join(f"{indent}{string(v)},\n" for v in values) + "]"


def export() -> str:
    parts = [HEADER]
    for cls in CLASSES:
        parts.append("\n[[classes]]\n")
        parts.append(f"name = {string(cls.name)}\n")
        parts.append(f"comment = {string(cls.comment)}\n")
        parts.append(f"max_words = {cls.max_words}\n")
        parts.append(f"phrases = {string_list(cls.phrases)}\n")
        for p in cls.patterns:
            parts.append("\n[[classes.patterns]]\n")
            parts.append(f"name = {string(p.name)}\n")
            parts.append(f"comment = {string(p.comment)}\n")
            parts.append(f"regex = {string(p.regex)}\n")
            parts.append(f"example = {string(p.example)}\n")
            if p.triggers:
                parts.append(f"triggers = [{', '.join(string(t) for t in p.triggers)}]\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(export())
