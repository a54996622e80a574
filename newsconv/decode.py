"""Bytes to text: byte-order mark, else strict UTF-8, else chardet, line by line where needed;
then mojibake repair with ftfy, but only on lines a cheap check finds suspicious.

>>> decode_bytes("Iraq’s".encode("utf-8")).text
'Iraq’s'
>>> decode_bytes("Iraq’s".encode("utf-8").decode("cp1252").encode("utf-8")).text
'Iraq’s'
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

import newsconv._core as _core

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

@lru_cache(maxsize=1)
def _ftfy() -> tuple[Callable[..., str], Any]:
    """ftfy's ``fix_encoding`` and newsconv's configuration of it, imported on first use (a
    page without mojibake never pays the import).  Only the encoding is repaired (with
    ftfy's own sub-steps: a lost byte A0, lossy sequences, inconsistent UTF-8, C1
    controls): a suspect line gets no other fix that the dump's other lines do not get
    either (``fix_text`` would also unescape its HTML entities and strip its control
    characters, and costs twice as much: it runs every fixer until the line stops
    changing).  Control characters, BOMs and line breaks are the normaliser's work."""
    import ftfy
    return ftfy.fix_encoding, ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
        normalization=None,
        explain=False,
    )

# A file whose first bytes hold this share of control bytes (other than tab, CR, LF, FF,
# ESC) is binary, not text: images, archives, executables.
_SNIFF = 8192
_BINARY_SHARE = 0.10
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x7fELF", b"PK\x03\x04",
                 b"MZ", b"\xca\xfe\xba\xbe", b"SQLite format 3")


class BinaryInput(ValueError):
    """The bytes are not text."""


class UndecodableInput(ValueError):
    """The bytes cannot be decoded with the encoding the user named."""


# A probe for --encoding: ASCII, a byte invalid in UTF-8 and a line end.  Codecs that fail
# on it even with errors="replace" (idna, punycode) cannot decode a dump.
_PROBE = b"News \xff\xfe caf\xc3\xa9\r\n"


def check_encoding(name: str) -> str:
    """The canonical name of a text encoding that can decode any bytes (with U+FFFD for
    what it cannot); raises ``ValueError`` saying why not.

    >>> check_encoding("Latin-1")
    'iso8859-1'
    >>> check_encoding("rot13")
    Traceback (most recent call last):
    ...
    ValueError: 'rot13' is not a text encoding
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    try:
        _PROBE.decode(name, errors="replace")
    except LookupError:  # bytes-to-bytes or text-to-text codecs: base64, zlib, rot13...
        raise ValueError(f"{name!r} is not a text encoding") from None
    except (UnicodeError, ValueError, TypeError) as e:
        raise ValueError(f"{name!r} cannot decode arbitrary bytes ({e})") from None
    return info.name


class Decoded(NamedTuple):
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def looks_binary(data: bytes) -> bool:
    """True for bytes that are clearly not text in any encoding.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n...")
    True
    >>> looks_binary("plain text, café".encode("utf-8"))
    False
    """
    head = data[:_SNIFF]
    if not head:
        return False
    if head.startswith(_BINARY_MAGIC) and not head.startswith(b"MZ "):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls / len(head) > _BINARY_SHARE


def repair_mojibake(text: str) -> tuple[str, int]:
    """Fix the lines that carry the mojibake signature; return the text and how many
    lines changed.

    >>> repair_mojibake("fine line\\nIraqâ€™s army")
    ('fine line\\nIraq’s army', 1)
    """
    # the signature of UTF-8 read as Windows-1252 ("â€™" for ’, "Ã©" for é), found by the
    # core in one pass (newsconv._core.mojibake_lines)
    suspects = _core.mojibake_lines(text)
    if not suspects:
        return text, 0
    lines = text.split("\n")
    changed = 0
    fix_encoding, config = _ftfy()
    for i in suspects:
        fixed = fix_encoding(lines[i], config)
        if fixed != lines[i]:
            lines[i] = fixed
            changed += 1
    return "\n".join(lines), changed


# chardet's guess for a few short lines is often wrong ("café" in Windows-1252 comes back
# as Hebrew Windows-1255 with confidence 0.09); below this confidence the lines of a mostly
# UTF-8 document are read as Windows-1252, the commonest legacy encoding of the web.
MIN_LINE_CONFIDENCE = 0.15


def _detect(data: bytes, min_confidence: float = 0.0) -> str:
    import chardet  # only for bytes that are not UTF-8

    guess = chardet.detect(data[:65536], encoding_era=chardet.EncodingEra.MODERN_WEB)
    if (guess.get("confidence") or 0.0) < min_confidence:
        return "windows-1252"
    enc = (guess.get("encoding") or "windows-1252").lower()
    try:
        codecs.lookup(enc)
    except LookupError:
        enc = "windows-1252"
    if enc in ("ascii", "iso-8859-1"):
        enc = "windows-1252"  # a superset that decodes every byte the same way or better
    return enc


def decode_bytes(data: bytes, encoding: str | None = None, repair: bool = True) -> Decoded:
    """Decode ``data`` (and repair mojibake unless ``repair`` is False: the pipeline does it
    itself, in the worker processes).  Raises ``BinaryInput`` for binary data and
    ``UndecodableInput`` when ``encoding`` fails on it."""
    notes: list[str] = []
    if encoding:
        try:
            text = data.decode(encoding, errors="replace")
        except (UnicodeError, LookupError, ValueError, TypeError) as e:
            raise UndecodableInput(f"cannot decode as {encoding}: {e}") from None
        if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
            notes.append(f"bytes invalid in {encoding} replaced with U+FFFD")
        used = encoding
    else:
        for bom, enc in _BOMS:
            if data.startswith(bom):
                text = data[len(bom):].decode(enc, errors="replace")
                used = enc
                break
        else:
            if looks_binary(data):
                raise BinaryInput("binary data, not text")
            try:
                text = data.decode("utf-8")
                used = "utf-8"
            except UnicodeDecodeError:
                text, used, line_notes = _decode_mixed(data)
                notes.extend(line_notes)
    if repair:
        text, fixed = repair_mojibake(text)
        if fixed:
            notes.append(f"mojibake repaired on {fixed} line(s)")
    return Decoded(text, used, tuple(notes))


def _decode_mixed(data: bytes) -> tuple[str, str, list[str]]:
    """Not valid UTF-8 as a whole: decode each line as UTF-8 where it is, and the rest with
    the encoding chardet finds for those lines."""
    lines = data.split(b"\n")
    bad = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(line)
    if len(bad) == len(lines):
        fallback = _detect(data)
        return data.decode(fallback, errors="replace"), fallback, [f"decoded as {fallback}"]
    fallback = _detect(b"\n".join(bad), MIN_LINE_CONFIDENCE)
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(fallback, errors="replace"))
    return ("\n".join(out), "utf-8",
            [f"mixed encodings: {len(bad)} line(s) decoded as {fallback}, the rest as utf-8"])
