"""Reading inputs: paths, directory trees and stdin; compressed or not; plain-text dumps or
JSON Lines records.  Everything streams: a file is read line by line and handed on one
document at a time, so memory stays flat however large the input.

A plain-text input holds one document, or several separated by a line holding only a form
feed (what ``newsconv clean`` itself writes between articles), or by lines matching
``--doc-separator``.  A JSON Lines input holds one record per line; its ``--text-field``
is the document and every other field passes through to JSON Lines output.

Problems are reported, never raised: the stream yields an ``InputError`` for a file that is
missing, unreadable, binary or truncated, after the documents that could be read from it.

Limits that hold whatever the input:

* a line longer than ``max_line_bytes`` is never held whole: it is skipped in chunks and
  reported as ``Dropped`` (its document keeps a blank line in its place, so line numbers
  stay right);
* a truncated or corrupt compressed file (gzip, bzip2, xz, zstd) yields what could be read,
  then an ``InputError`` naming the file; a zstd stream is decompressed a kilobyte at a
  time, so a decompression bomb costs at most tens of megabytes;
* a JSON string holding a lone surrogate (``"\\ud800"``) becomes U+FFFD, and a file name
  that is not valid UTF-8 is shown with U+FFFD, so that output can always be written;
* a plain-text document longer than ``max_document_bytes`` (64 MiB) is cut at a line end
  and goes on as the next document (noted, for ``-v``): a dump whose pages are not
  separated cannot fill the memory;
* in a directory tree only regular files are read (a FIFO or socket would block), and
  the run's own output folder and --keep-dropped file are left out of the walk.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from .decode import decode_bytes, looks_binary
from .model import Document

COMPRESSED = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".lzma": "xz", ".zst": "zstd",
              ".zstd": "zstd"}
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"),
          (b"\x28\xb5\x2f\xfd", "zstd"))
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
FORM_FEED_LINE = re.compile(rb"^[ \t]*\f[ \t\r]*\n?$")
DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 20
_ZSTD_PIECE = 512  # compressed bytes fed at a time: at most ~16 MB come out of a piece
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


class InputError(NamedTuple):
    """A problem with one input, reported on stderr; the run goes on."""

    source: str
    message: str


class Dropped(NamedTuple):
    """Input the reader itself had to drop (an over-long line), for --keep-dropped.
    ``line`` counts from 1 within the document (within the file for JSON Lines records)."""

    source: str
    doc_index: int
    line: int
    size: int
    reason: str


class Skipped(NamedTuple):
    """Records of a WARC input that are not documents, counted for ``--stats``:
    ``responses`` hold HTML pages (not read yet), ``other`` is every other record type that
    is not a ``conversion`` (warcinfo, request, metadata...)."""

    source: str
    responses: int
    other: int


Message = InputError | Dropped | Skipped  # what a reader reports besides documents


class ReadOptions(NamedTuple):
    input_format: str = "auto"  # auto | text | jsonl | warc
    text_field: str = "text"
    doc_separator: re.Pattern[bytes] | None = None
    encoding: str | None = None
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES


def display_name(name: str) -> str:
    """A path as it can be printed and written to UTF-8 output: the bytes of a file name
    that is not valid UTF-8 (which Python carries as lone surrogates) become U+FFFD.

    >>> display_name("caf\\udce9.txt")
    'caf\ufffd.txt'
    >>> display_name("café.txt")
    'café.txt'
    """
    if not _SURROGATE.search(name):
        return name
    try:
        return os.fsencode(name).decode("utf-8", "replace")
    except UnicodeError:
        return _SURROGATE.sub("\ufffd", name)


def expand_paths(args: Iterable[str],
                 exclude: Iterable[str | os.PathLike[str]] = ()) -> Iterator[str | InputError]:
    """Each argument as a file path; directories are walked recursively (sorted, hidden
    entries skipped, only regular files: a FIFO or socket found in a tree is reported, not
    opened; folders and files in ``exclude`` — the run's own output — are left out); "-"
    is stdin.  No argument at all means stdin."""
    skip = {os.path.realpath(e) for e in exclude}
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
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.realpath(os.path.join(root, d)) not in skip)
                for f in sorted(files):
                    if f.startswith(".") or (skip and os.path.realpath(
                            os.path.join(root, f)) in skip):
                        continue
                    path = str(Path(root) / f)
                    found = True
                    if _regular_or_missing(path):
                        yield path
                    else:
                        yield InputError(display_name(path), "not a regular file, skipped")
            if not found:
                yield InputError(display_name(arg), "directory holds no files")
        elif p.exists():
            yield arg
        else:
            yield InputError(display_name(arg), "no such file or directory")
    if not any_arg:
        yield "-"


def _regular_or_missing(path: str) -> bool:
    """False for FIFOs, sockets and devices (opening them could block forever); True for
    regular files and for anything ``open`` will report itself (a dangling link)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _compression(name: str, head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return COMPRESSED.get(Path(name).suffix.lower())


def open_raw(name: str) -> IO[bytes]:
    """The raw byte stream of a local file or of stdin ("-")."""
    return sys.stdin.buffer if name == "-" else open(name, "rb")


def open_binary(name: str, opener: Callable[[str], IO[bytes]] = open_raw) -> IO[bytes]:
    """The decompressed byte stream of an input (``opener`` gives the raw bytes: local files
    and stdin by default, any fsspec URL in ``newsconv.cluster``)."""
    raw = opener(name)
    if name == "-":  # stdin is borrowed: no wrapper of ours may close it
        raw = cast(IO[bytes], io.BufferedReader(_Borrowed(raw)))
    stream, magic = with_head(raw, 8, 8)
    kind = _compression(name if name != "-" else "", magic)
    # the decompressors are imported when an input needs one (start-up time)
    if kind == "gzip":
        import gzip
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream))
    if kind == "bz2":
        import bz2
        return cast(IO[bytes], bz2.BZ2File(stream))
    if kind == "xz":
        import lzma
        return cast(IO[bytes], lzma.LZMAFile(stream))
    if kind == "zstd":
        return cast(IO[bytes], io.BufferedReader(_ZstdReader(stream)))
    return stream


def with_head(stream: IO[bytes], size: int, need: int) -> tuple[IO[bytes], bytes]:
    """Up to ``size`` first bytes of ``stream``, at least ``need`` of them unless the input
    is shorter (a pipe that delivers a few bytes at a time is waited for), and a stream
    that still starts with them.

    >>> stream, head = with_head(io.BytesIO(b"0123456789"), 4, 4)
    >>> head, stream.read()
    (b'0123', b'0123456789')
    """
    peek = getattr(stream, "peek", None)
    if peek is None:
        buffered = io.BufferedReader(cast(Any, stream))
        stream, peek = cast(IO[bytes], buffered), buffered.peek
    head = peek(size)[:size]
    if len(head) >= need or not head:
        return stream, head
    # read on until ``need`` bytes or the end; a read error (a truncated compressed file)
    # is raised only once the bytes before it have been read through the returned stream
    read1 = getattr(stream, "read1", stream.read)
    chunks: list[bytes] = []
    got = 0
    error: BaseException | None = None
    try:
        while got < need:
            piece = read1(size - got)
            if not piece:
                break
            chunks.append(piece)
            got += len(piece)
    except read_errors() as e:
        error = e
    head = b"".join(chunks)
    return cast(IO[bytes], io.BufferedReader(_Prefixed(head, stream, error), 1 << 16)), head


class _Borrowed(io.RawIOBase):
    """A stream read through but not owned: closing this leaves the stream open."""

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        read1 = getattr(self._inner, "read1", self._inner.read)
        data = read1(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _Prefixed(io.RawIOBase):
    """``head`` followed by the rest of a stream (for ``with_head`` on a slow pipe), or by
    ``error`` when reading the head already failed."""

    def __init__(self, head: bytes, rest: IO[bytes], error: BaseException | None = None) -> None:
        super().__init__()
        self._head = head
        self._rest = rest
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            raise self._error
        read1 = getattr(self._rest, "read1", self._rest.read)
        data = read1(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._rest.close()
        super().close()


class _ZstdReader(io.RawIOBase):
    """The decompressed bytes of zstd frames, one after another.  Raises ``EOFError`` when
    the input ends inside a frame (zstandard's own stream reader returns a silent short
    read there, which would lose the truncation)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        import zstandard
        self._raw = raw
        self._dctx = zstandard.ZstdDecompressor()
        self._obj = self._dctx.decompressobj()
        self._in_frame = False  # part of a frame has been fed
        self._out = b""
        self._pos = 0  # what of ``_out`` was read already

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._pos >= len(self._out):
            piece = self._raw.read(_ZSTD_PIECE)
            if not piece:
                if self._in_frame:
                    raise EOFError("zstd input ended inside a frame")
                return 0
            self._feed(piece)
        n = min(len(buffer), len(self._out) - self._pos)
        buffer[:n] = self._out[self._pos:self._pos + n]
        self._pos += n
        return n

    def _feed(self, data: bytes) -> None:
        out = []
        while data:
            out.append(self._obj.decompress(data))
            if self._obj.eof:  # a frame ended: the rest of ``data`` starts the next one
                data = self._obj.unused_data
                self._obj = self._dctx.decompressobj()
                self._in_frame = False
            else:
                data = b""
                self._in_frame = True
        self._out = out[0] if len(out) == 1 else b"".join(out)
        self._pos = 0

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


INPUT_FORMATS = ("auto", "text", "jsonl", "warc")
WARC_SUFFIXES = (".warc", ".wet")
WARC_MAGIC = b"WARC/"
_LEADING_SPACE = b"\xef\xbb\xbf \t\r\n"  # a UTF-8 byte-order mark and blank lines
FIRST_LINE_PEEK = 4 * 1024 * 1024  # the most read ahead to see a whole first record


def _format_by_name(name: str) -> str | None:
    """The input format a file name states (compression suffixes aside), if any.

    >>> _format_by_name("shard-07.jsonl.zst"), _format_by_name("CC-MAIN-1.warc.wet.gz")
    ('jsonl', 'warc')
    >>> _format_by_name("page.txt") is None
    True
    """
    stem = name.lower()
    for suffix in COMPRESSED:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    if stem.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if stem.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def is_json_object(line: bytes) -> bool:
    """True when ``line`` (one line, a UTF-8 byte-order mark and white space aside) parses as
    a JSON object: what makes an input JSON Lines for ``--input-format auto``.

    >>> is_json_object(b'{"id": 1, "text": "..."}\\n')
    True
    >>> is_json_object(b"{orga your life} ten ways to tidy a desk\\n")
    False
    """
    import json  # a plain-text run never needs the JSON parser (start-up time)
    try:
        return isinstance(json.loads(line.lstrip(_LEADING_SPACE)), dict)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False


def _sniff_format(stream: IO[bytes], head: bytes, name: str,
                  options: ReadOptions) -> tuple[IO[bytes], str]:
    """The format of an input and a stream that still starts at its first byte.

    The format the user gave wins; then the file name (``.jsonl``, ``.ndjson``, ``.json``;
    ``.warc``, ``.wet``; compressed or not); then the first bytes: a WARC record header is
    WARC, a first non-empty line that parses as a JSON object is JSON Lines (the line is read
    whole, up to ``FIRST_LINE_PEEK`` bytes; one longer still counts when it starts like an
    object with a key), anything else is plain text: a page whose first line starts with
    "{" is text."""
    if options.input_format != "auto":
        return stream, options.input_format
    by_name = _format_by_name(name)
    if by_name is not None:
        return stream, by_name
    body = head.lstrip(_LEADING_SPACE)
    if body.startswith(WARC_MAGIC):
        return stream, "warc"
    if not body.startswith(b"{"):
        return stream, "text"
    start = len(head) - len(body)
    end = head.find(b"\n", start)
    size = _SNIFF
    while end < 0 and size < FIRST_LINE_PEEK:  # the first line goes on: read more of it
        size *= 8
        stream, head = with_head(stream, size, size)  # shorter only at the end of input
        end = head.find(b"\n", start)
        if len(head) < size:
            break
    if end < 0 and len(head) >= FIRST_LINE_PEEK:
        return stream, "jsonl" if re.match(rb"\{\s*\"", body) else "text"
    line = head[start:end] if end >= 0 else head[start:]
    return stream, "jsonl" if is_json_object(line) else "text"


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
        except read_errors() as e:
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


def _text_documents(name: str, lines: _Lines, options: ReadOptions, first_index: int = 0,
                    split: bool = True) -> Iterator[Document | InputError | Dropped]:
    """The documents of plain-text lines: separated by form-feed lines and
    ``--doc-separator`` matches (unless ``split`` is False: one WARC record is one
    document), numbered from ``first_index``, cut at ``max_document_bytes``."""
    sep = options.doc_separator
    buf: list[bytes] = []
    index = first_index
    seen_dropped = 0
    start = 0  # file line number just before the current document
    size = 0  # bytes in ``buf``

    def flush(note: str = "") -> Iterator[Document | InputError | Dropped]:
        nonlocal index, seen_dropped, size
        data = b"".join(buf)
        buf.clear()
        size = 0
        for number, length in lines.dropped[seen_dropped:]:
            yield Dropped(name, index, number - start, length,
                          f"line of {length} bytes is longer than --max-line-bytes "
                          f"({options.max_line_bytes})")
        seen_dropped = len(lines.dropped)
        if data.strip():
            yield _decoded(name, index, data, options.encoding, note)
        index += 1

    for line in lines:
        if split and (FORM_FEED_LINE.match(line)
                      or (sep is not None and sep.search(line.rstrip(b"\r\n")))):
            if buf:
                yield from flush()
            start = lines.number
            continue
        buf.append(line)
        size += len(line)
        if size >= options.max_document_bytes:
            yield from flush(f"longer than {options.max_document_bytes} bytes: cut after "
                             f"line {lines.number - start}, the rest is document {index + 2}")
            start = lines.number
    if buf or len(lines.dropped) > seen_dropped:
        yield from flush()


def _decoded(name: str, index: int, data: bytes, encoding: str | None,
             note: str = "") -> Document | InputError:
    """One document's bytes as a ``Document``, or the error that explains why not."""
    try:
        dec = decode_bytes(data, encoding, repair=False)
    except ValueError as e:  # BinaryInput, UndecodableInput
        return InputError(name, f"document {index + 1}: {e}")
    except Exception as e:  # a decoder bug must not end the run: report it, go on
        return InputError(name, f"document {index + 1}: cannot decode ({type(e).__name__}: {e})")
    return Document(name, index, dec.text, {}, (*dec.notes, note) if note else dec.notes)


def _without_surrogates(value: object) -> object:
    """A parsed JSON value with lone surrogates (``"\\udc80"``, legal JSON but not
    encodable) replaced by U+FFFD, in keys and strings at any depth."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_SURROGATE.sub("\ufffd", k): _without_surrogates(v) for k, v in value.items()}
    return value


def _jsonl_documents(name: str, lines: _Lines, options: ReadOptions) -> Iterator[
        Document | InputError | Dropped]:
    import json
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
        except (ValueError, UnicodeDecodeError, RecursionError) as e:
            yield InputError(name, f"{where}: not a JSON object ({str(e)[:80]})")
            continue
        if _SURROGATE_ESCAPE.search(line):
            record = _without_surrogates(record)
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
                       Document | Message]:
    """The documents of one input, then an ``InputError`` if it could not be read to the
    end (what was read before the problem is still yielded)."""
    label = "<stdin>" if name == "-" else display_name(name)
    try:
        stream = open_binary(name, opener)
    except OSError as e:
        yield InputError(label, f"cannot open: {e.strerror or e}")
        return
    try:
        stream, head = with_head(stream, _SNIFF, _SNIFF_MIN)
        if not head:
            return
        stream, kind = _sniff_format(stream, head, name, options)
        if kind == "warc":
            from .warc import warc_documents
            yield from warc_documents(label, stream, options)
            return
        if kind == "text" and options.encoding is None and looks_binary(head):
            yield InputError(label, "binary file, not text")
            return
        lines = _Lines(stream, options.max_line_bytes)
        reader = _jsonl_documents if kind == "jsonl" else _text_documents
        yield from reader(label, lines, options)
        if lines.error:
            yield InputError(label, lines.error + " (the documents before it were processed)")
    except read_errors() as e:
        yield InputError(label, _describe(e))
    finally:
        if name != "-":
            stream.close()


_SNIFF = 8192
_SNIFF_MIN = 512  # enough to tell text from binary and JSON Lines from plain text
# (module, exception) of the decompressors imported on first use: an error of one can
# only be raised once its module is loaded, so the tuples below list the loaded ones
_LAZY_ERRORS = (("zlib", "error"), ("gzip", "BadGzipFile"), ("lzma", "LZMAError"),
                ("zstandard", "ZstdError"))


def compression_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean truncated or corrupt compressed input (an ``except``
    clause evaluates this when an exception reaches it)."""
    found: list[type[BaseException]] = [EOFError]
    for module, name in _LAZY_ERRORS:
        if module in sys.modules:
            found.append(getattr(sys.modules[module], name))
    return tuple(found)


def read_errors() -> tuple[type[BaseException], ...]:
    """The exceptions reading an input can raise: system errors and corrupt compression."""
    return (OSError, *compression_errors())


def _describe(e: BaseException) -> str:
    if isinstance(e, compression_errors()) or (isinstance(e, OSError) and not e.errno):
        # bz2 reports corrupt data as a plain OSError without an errno
        return f"truncated or corrupt compressed data: {e}"
    if isinstance(e, OSError) and e.strerror:
        return f"read error: {e.strerror}"
    return f"read error: {e}"
