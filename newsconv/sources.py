"""Reading inputs: paths, directory trees and stdin; compressed or not; plain-text dumps or
JSON Lines records.  Everything streams: a file is read line by line and handed on one
document at a time, so memory stays flat however large the input.

A plain-text input holds one document, or several separated by a line holding only a form
feed (what ``newsconv clean`` itself writes between articles), or by lines matching
``--doc-separator``.  A JSON Lines input holds one record per line; its ``--text-field``
is the document and every other field passes through to JSON Lines output.

Problems are reported, never raised: the stream yields an ``InputError`` for a file that is
missing, unreadable, binary or truncated, after the documents that could be read from it.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zstandard

from .decode import BinaryInput, decode_bytes, looks_binary
from .model import Document

COMPRESSED = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".lzma": "xz", ".zst": "zstd",
              ".zstd": "zstd"}
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"),
          (b"\x28\xb5\x2f\xfd", "zstd"))
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
FORM_FEED_LINE = re.compile(rb"^[ \t]*\f[ \t\r]*\n?$")
DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputError:
    """A problem with one input, reported on stderr; the run goes on."""

    source: str
    message: str


@dataclass(frozen=True, slots=True)
class Dropped:
    """Input the reader itself had to drop (an over-long line), for --keep-dropped."""

    source: str
    doc_index: int
    line: int
    size: int
    reason: str


@dataclass(frozen=True)
class ReadOptions:
    input_format: str = "auto"  # auto | text | jsonl
    text_field: str = "text"
    doc_separator: re.Pattern[bytes] | None = None
    encoding: str | None = None
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES


def expand_paths(args: Iterable[str]) -> Iterator[str | InputError]:
    """Each argument as a file path; directories are walked recursively (sorted, hidden
    entries skipped); "-" is stdin.  No argument at all means stdin."""
    any_arg = False
    for arg in args:
        any_arg = True
        if arg == "-":
            yield "-"
            continue
        p = Path(arg)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        found = True
                        yield str(Path(root) / f)
            if not found:
                yield InputError(arg, "directory holds no files")
        elif p.exists():
            yield arg
        else:
            yield InputError(arg, "no such file or directory")
    if not any_arg:
        yield "-"


def _compression(name: str, head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return COMPRESSED.get(Path(name).suffix.lower())


def open_raw(name: str) -> IO[bytes]:
    """The raw byte stream of a local file or of stdin ("-")."""
    return sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115


def open_binary(name: str, opener: Callable[[str], IO[bytes]] = open_raw) -> IO[bytes]:
    """The decompressed byte stream of an input (``opener`` gives the raw bytes: local files
    and stdin by default, any fsspec URL in ``newsconv.cluster``)."""
    raw = opener(name)
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    kind = _compression(name if name != "-" else "", buffered.peek(8)[:8])
    if kind == "gzip":
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.BZ2File(buffered)  # type: ignore[return-value]
    if kind == "xz":
        return lzma.LZMAFile(buffered)  # type: ignore[return-value]
    if kind == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return buffered


def _is_jsonl(name: str, head: bytes, options: ReadOptions) -> bool:
    if options.input_format != "auto":
        return options.input_format == "jsonl"
    stem = name
    for suffix in COMPRESSED:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    if stem.lower().endswith(JSONL_SUFFIXES):
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


class _Lines:
    """Lines of a byte stream, each at most ``limit`` bytes: a longer line is skipped
    (without ever being held whole) and reported through ``dropped``."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.number = 0
        self.dropped: list[tuple[int, int]] = []  # (line number, size)
        self.error: str | None = None  # why reading stopped early

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._lines()
        except _READ_ERRORS as e:
            self.error = _describe(e)

    def _lines(self) -> Iterator[bytes]:
        stream, limit = self.stream, self.limit
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            self.number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line)
                while True:
                    rest = stream.readline(_CHUNK)
                    size += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                self.dropped.append((self.number, size))
                yield b"\n"
                continue
            yield line


def _text_documents(name: str, lines: _Lines, options: ReadOptions) -> Iterator[
        Document | InputError | Dropped]:
    sep = options.doc_separator
    buf: list[bytes] = []
    index = 0
    seen_dropped = 0

    def flush() -> Iterator[Document | InputError | Dropped]:
        nonlocal index, seen_dropped
        data = b"".join(buf)
        buf.clear()
        for number, size in lines.dropped[seen_dropped:]:
            yield Dropped(name, index, number, size,
                          f"line of {size} bytes is longer than --max-line-bytes "
                          f"({options.max_line_bytes})")
        seen_dropped = len(lines.dropped)
        if data.strip():
            try:
                dec = decode_bytes(data, options.encoding, repair=False)
            except BinaryInput as e:
                yield InputError(name, f"document {index + 1}: {e}")
            else:
                yield Document(name, index, dec.text, {}, dec.notes)
        index += 1

    for line in lines:
        if FORM_FEED_LINE.match(line) or (sep is not None and sep.search(line.rstrip(b"\r\n"))):
            if buf:
                yield from flush()
            continue
        buf.append(line)
    if buf or len(lines.dropped) > seen_dropped:
        yield from flush()


def _jsonl_documents(name: str, lines: _Lines, options: ReadOptions) -> Iterator[
        Document | InputError | Dropped]:
    field = options.text_field
    index = 0
    reported = 0
    for line in lines:
        for number, size in lines.dropped[reported:]:
            yield Dropped(name, index, number, size,
                          f"record of {size} bytes is longer than --max-line-bytes "
                          f"({options.max_line_bytes})")
        reported = len(lines.dropped)
        if not line.strip():
            continue
        where = f"line {lines.number}"
        try:
            record = json.loads(line)
        except (ValueError, UnicodeDecodeError) as e:
            yield InputError(name, f"{where}: not a JSON object ({str(e)[:80]})")
            continue
        if not isinstance(record, dict):
            yield InputError(name, f"{where}: not a JSON object")
            continue
        text = record.pop(field, None)
        if not isinstance(text, str):
            yield InputError(name, f"{where}: no string field {field!r}")
            continue
        yield Document(name, index, text, record, ())
        index += 1


def read_documents(name: str, options: ReadOptions,
                   opener: Callable[[str], IO[bytes]] = open_raw) -> Iterator[
                       Document | InputError | Dropped]:
    """The documents of one input, then an ``InputError`` if it could not be read to the
    end (what was read before the problem is still yielded)."""
    label = "<stdin>" if name == "-" else name
    try:
        stream = open_binary(name, opener)
    except OSError as e:
        yield InputError(label, f"cannot open: {e.strerror or e}")
        return
    try:
        head = stream.peek(_SNIFF)[:_SNIFF] if hasattr(stream, "peek") else b""
        if not head:
            return
        jsonl = _is_jsonl(name, head, options)
        if not jsonl and options.encoding is None and looks_binary(head):
            yield InputError(label, "binary file, not text")
            return
        lines = _Lines(stream, options.max_line_bytes)
        reader = _jsonl_documents if jsonl else _text_documents
        yield from reader(label, lines, options)
        if lines.error:
            yield InputError(label, lines.error + " (the documents before it were processed)")
    except _READ_ERRORS as e:
        yield InputError(label, _describe(e))
    finally:
        if name != "-":
            stream.close()


_SNIFF = 8192
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zstandard.ZstdError)


def _describe(e: BaseException) -> str:
    if isinstance(e, (EOFError, lzma.LZMAError, zstandard.ZstdError, gzip.BadGzipFile)):
        return f"truncated or corrupt compressed data: {e}"
    if isinstance(e, OSError) and e.strerror:
        return f"read error: {e.strerror}"
    return f"read error: {e}"
