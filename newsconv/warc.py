"""Reading WARC files: Common Crawl's WET files hold, in one ``conversion`` record per page,
the plain text of each page of a crawl — the naive dumps newsconv cleans.

    WARC bytes ─ FastWARC ─► records ─ conversion: one document each ─► documents
                                     └ other types: skipped, counted ─► ``Skipped``

Each ``conversion`` record is one document; its headers become the document's fields, as a
JSON Lines record's would:

==============================================  =================
WARC header                                     field
==============================================  =================
``WARC-Record-ID``                              ``id``
``WARC-Target-URI``                             ``url``
``WARC-Date``                                   ``crawl_date``
``Content-Type``                                ``content_type``
``WARC-Identified-Content-Language``            ``crawl_language``
==============================================  =================

(``crawl_language`` is the crawler's guess, e.g. ``eng,fra``; newsconv's own ``language``
field is the language it detects itself.)  Every other record is skipped and counted:
``response`` records, whose payload is an HTML page (reading HTML is a later step), apart
from the rest (``warcinfo``, ``request``, ``metadata``, ``revisit``...).

The payload of a record is read line by line with the same limits as a plain-text input
(``--max-line-bytes``, a document cut at 64 MiB) and decoded the same way.  A record whose
payload ends before its ``Content-Length`` (a truncated file), a broken header or a
truncated compressed stream ends the file: the documents of the records before the damage
are yielded, then one ``InputError`` naming the file.

FastWARC (``pip install 'newsconv[warc]'``) is imported only here, when a WARC input is read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from .model import Document
from .sources import (
    Dropped,
    InputError,
    ReadOptions,
    Skipped,
    _describe,
    _Lines,
    _text_documents,
    compression_errors,
    read_errors,
)

INSTALL_HINT = "reading WARC/WET files needs FastWARC: pip install 'newsconv[warc]'"

# WARC header -> the document field it becomes (a table: add a header here to carry it).
HEADER_FIELDS = (
    ("WARC-Record-ID", "id"),  # <urn:uuid:...>, unique in the crawl: the join key
    ("WARC-Target-URI", "url"),  # the page's address
    ("WARC-Date", "crawl_date"),  # when the page was fetched (ISO 8601)
    ("Content-Type", "content_type"),  # text/plain for WET conversions
    ("WARC-Identified-Content-Language", "crawl_language"),  # e.g. "eng,fra"
)


def _warc_errors() -> tuple[type[BaseException], ...]:
    """What reading a WARC can raise besides a panic: read errors and FastWARC's own."""
    return (*read_errors(), ValueError)

def record_fields(headers: Any) -> dict[str, str]:
    """The document fields of a record's WARC headers (``HEADER_FIELDS``), where present."""
    fields = {}
    for header, name in HEADER_FIELDS:
        value = headers.get(header)
        if value:
            fields[name] = value
    return fields


def warc_documents(label: str, stream: IO[bytes], options: ReadOptions) -> Iterator[
        Document | InputError | Dropped | Skipped]:
    """The documents of a (decompressed) WARC stream, then the count of skipped records,
    then an ``InputError`` if the file is damaged."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield InputError(label, INSTALL_HINT)
        return
    responses = other = 0
    index = 0
    error = None
    source = _Forward(stream)
    try:
        records = ArchiveIterator(source, parse_http=False, stream_detect=False)
        for record in records:
            kind = record.record_type
            if kind != WarcRecordType.conversion:
                if kind == WarcRecordType.response:
                    responses += 1
                else:
                    other += 1
                continue
            payload = _Payload(record.reader)
            lines = _Lines(io.BufferedReader(payload, 1 << 16), options.max_line_bytes)
            items = list(_text_documents(label, lines, options, first_index=index,
                                         split=False))
            if lines.error or payload.size < record.content_length:
                error = lines.error or (f"WARC record {index + responses + other + 1} ends "
                                        f"after {payload.size} of its {record.content_length} "
                                        "bytes: truncated file")
                break
            fields = record_fields(record.headers)
            for item in items:
                if isinstance(item, Document):
                    item = Document(item.source, item.index, item.text, dict(fields),
                                    item.notes)
                yield item
            # a record longer than --max-document-bytes went on as further documents
            index = max([index + 1] + [i.index + 1 for i in items if isinstance(i, Document)])
    except _warc_errors() as e:
        known = isinstance(e, compression_errors()) or getattr(e, "errno", None)
        error = _describe(e) if known else f"corrupt WARC or compressed data: {e}"
    except BaseException as e:  # a panic of the Rust reader (pyo3's PanicException)
        if type(e).__name__ != "PanicException":
            raise
        error = f"the WARC reader failed: {str(e)[:200]}"
    if source.error is not None:  # the input ended early: that is what went wrong
        error = _describe(source.error)
    if responses or other:
        yield Skipped(label, responses, other)
    if error is not None:
        yield InputError(label, error + " (the documents before it were processed)")


class _Payload(io.RawIOBase):
    """A record's payload as a raw stream that counts the bytes it delivers (to tell a
    complete record from a truncated one)."""

    def __init__(self, reader: Any) -> None:
        super().__init__()
        self._reader = reader
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._reader.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.size += n
        return n


class _Forward(io.RawIOBase):
    """A stream read front to back, for FastWARC: ``tell`` counts what was read (FastWARC asks
    for the position; a decompressing or prefixed stream of ours may not know it).  A read
    error (a truncated gzip member) ends the stream and is kept in ``error``: FastWARC reads
    ahead, and the records before the damage must still come out."""

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._read = getattr(inner, "read1", inner.read)
        self._pos = 0
        self.error: BaseException | None = None  # why the input ended early

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            return 0
        try:  # read1: what one step of decompression gives, so an error loses little
            data = self._read(len(buffer))
        except read_errors() as e:  # held back until FastWARC has parsed what came before
            self.error = e
            return 0
        n = len(data)
        buffer[:n] = data
        self._pos += n
        return n

    def tell(self) -> int:
        return self._pos
