"""Normalising decoded text: one kind of space, one kind of line break, no invisible characters.

Typographic quotes, dashes and ellipses are kept as they are: they are content, and they help
the classifier (a line ending in ” ends a sentence).

>>> normalise("Log\\u00a0Out\\u00a0/\\u00a0 Change\\u00a0)\\r\\n")
'Log Out / Change )\\n'
>>> normalise("zero\\u200bwidth\\x00 and\\ttab")
'zerowidth and tab'

A lone surrogate (from a JSON escape such as ``"\\ud800"`` or ``--encoding unicode_escape``)
cannot be written as UTF-8; it becomes U+FFFD, the mark of a character lost in decoding.
``normalise`` is idempotent: ``normalise(normalise(t)) == normalise(t)``.
"""

from __future__ import annotations

import re

# Every space-like character (no-break, thin, ideographic, en/em spaces, tab...) becomes one
# ASCII space; runs of them collapse.  Line-breaking characters other than \n become \n.
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Zero-width characters, soft hyphen, BOMs, bidi marks and C0/C1 control characters (except \n)
# carry nothing a reader sees.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_EDGE_SPACES = re.compile(r" +\n *|\n +")
_SURROGATES = re.compile("[\ud800-\udfff]")
# The cheap checks that decide which passes a text needs at all: every pass is a scan of the
# whole text, and most texts need only one or two of them.
_ODD = re.compile(r"[\r\t\u2028\u2029\x85\x0b\x0c\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad"
                  r"\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
                  r"\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ud800-\udfff]")
_MULTI_SPACE = re.compile(r"  +")


def normalise(text: str) -> str:
    """Return ``text`` with spaces, line breaks and invisible characters normalised."""
    if _ODD.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub("", text)
        text = _SURROGATES.sub("\ufffd", text)
        text = _SPACES.sub(" ", text)
    elif "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _EDGE_SPACES.sub("\n", text)
    return text.strip(" ")
