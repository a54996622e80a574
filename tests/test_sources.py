"""Reading hostile inputs: compression (whole, truncated, corrupt, concatenated), slow pipes,
over-long lines, JSON Lines edge cases, file names and tree walks, decoding fallbacks.

The rule under test: the reader never raises; it yields what it could read, then one
``InputError`` naming the input."""

from __future__ import annotations

import bz2
import codecs
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import tracemalloc
from pathlib import Path

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

import newsconv._core as _core
from newsconv.decode import (
    BinaryInput,
    UndecodableInput,
    check_encoding,
    decode_bytes,
    looks_binary,
    repair_mojibake,
)
from newsconv.model import Document
from newsconv.sources import (
    Dropped,
    InputError,
    ReadOptions,
    display_name,
    expand_paths,
    open_binary,
    read_documents,
    with_head,
)

PAGE = ("Bridge repairs finish early | Fenmoor Courier\nHome\n"
        "Bridge repairs finish early\n"
        "The old stone bridge reopened on Monday, two weeks ahead of plan, the council said.\n"
        "Engineers replaced the worn parapets and sealed the arches against the river.\n")
DUMP = "\f\n".join(PAGE.replace("Bridge", f"Bridge {i}") for i in range(40)).encode("utf-8")
# Many pages that do not compress to nothing: each block of a compressed stream holds some.
BIG_DUMP = "\f\n".join(
    PAGE.replace("Bridge", f"Bridge {i}").replace("two weeks", f"{i * 7919 % 1000} days")
    + f"Reference {hashlib.sha256(str(i).encode()).hexdigest()}\n"
    for i in range(4000)).encode("utf-8")

COMPRESSORS = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "zst": lambda data: zstandard.ZstdCompressor().compress(data),
}


def read(path: Path | str, **options: object) -> list[Document | InputError | Dropped]:
    return list(read_documents(str(path), ReadOptions(**options)))  # type: ignore[arg-type]


def read_traced(path: Path) -> tuple[list[Document | InputError | Dropped], int]:
    """What ``read`` gives for ``path`` and the peak of Python memory while reading it."""
    tracemalloc.start()
    try:
        items = read(path)
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def docs(items: list[Document | InputError | Dropped]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list[Document | InputError | Dropped]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- compression ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
def test_compressed_inputs_read_whole(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"dump.txt.{kind}"
    path.write_bytes(COMPRESSORS[kind](DUMP))
    items = read(path)
    assert errors(items) == []
    assert [d.text for d in docs(items)] == [d.text for d in docs(read_plain(tmp_path))]


def read_plain(tmp_path: Path) -> list[Document | InputError | Dropped]:
    plain = tmp_path / "plain.txt"
    plain.write_bytes(DUMP)
    return read(plain)


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
def test_magic_bytes_win_over_the_name(kind: str, tmp_path: Path) -> None:
    """A compressed file named .txt is still decompressed."""
    path = tmp_path / "misnamed.txt"
    path.write_bytes(COMPRESSORS[kind](DUMP))
    assert len(docs(read(path))) == 40 and errors(read(path)) == []


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_truncated_compressed_file_yields_what_was_read_then_an_error(
        kind: str, keep: float, tmp_path: Path) -> None:
    data = COMPRESSORS[kind](BIG_DUMP)
    path = tmp_path / f"cut.txt.{kind}"
    path.write_bytes(data[:int(len(data) * keep)])
    items = read(path)
    [err] = errors(items)
    assert err.source == str(path)
    assert "truncated or corrupt compressed data" in err.message
    assert items[-1] is err  # after the documents that could be read
    got = [d.text for d in docs(items)]
    if kind != "bz2" or keep > 0.5:  # bzip2 decodes 900 kB blocks: the first cut yields nothing
        assert got, "the documents before the cut are lost"
    full = BIG_DUMP.decode("utf-8").split("\f\n")
    assert got[:-1] == full[:max(0, len(got) - 1)]  # the last one may be cut short
    assert len(got) < len(full)


def test_zstd_truncation_is_not_silent(tmp_path: Path) -> None:
    """Regression: zstandard's stream reader returns a short read at a cut frame; the
    input used to look complete (exit 0, nothing printed)."""
    data = zstandard.ZstdCompressor().compress(DUMP)
    path = tmp_path / "cut.txt.zst"
    path.write_bytes(data[:len(data) // 2])
    [err] = errors(read(path))
    assert err.message.startswith(
        "truncated or corrupt compressed data: zstd input ended inside a frame")


def test_zstd_reads_concatenated_frames(tmp_path: Path) -> None:
    c = zstandard.ZstdCompressor()
    path = tmp_path / "frames.txt.zst"
    half = DUMP.index(b"\f\n", len(DUMP) // 2)
    path.write_bytes(c.compress(DUMP[:half]) + c.compress(DUMP[half:]))
    assert len(docs(read(path))) == 40 and errors(read(path)) == []


def test_zstd_bomb_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """64 MB of one byte compress to a few kilobytes; the reader decompresses a few
    kilobytes at a time and skips the over-long line without holding it."""
    path = tmp_path / "bomb.txt.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(b"a" * (64 << 20) + b"\n" + DUMP))
    items, peak = read_traced(path)
    assert [i.size for i in items if isinstance(i, Dropped)] == [(64 << 20) + 1]
    assert len(docs(items)) == 40
    assert peak < 48 << 20


def test_corrupt_gzip_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """Regression: a damaged deflate stream raised zlib.error, which the reader did not
    catch (a traceback ended the run)."""
    data = bytearray(gzip.compress(DUMP * 5))
    for i in range(200, 260):
        data[i] ^= 0x5A
    path = tmp_path / "damaged.txt.gz"
    path.write_bytes(bytes(data))
    [err] = errors(read(path))
    assert "truncated or corrupt compressed data" in err.message


def test_plain_text_named_gz_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "not-really.txt.gz"
    path.write_bytes(DUMP)
    [err] = errors(read(path))
    assert err.source == str(path) and "compressed data" in err.message


# --- streams ----------------------------------------------------------------------------

class Trickle(io.RawIOBase):
    """A pipe that delivers one byte per read."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.data or not len(buffer):
            return 0
        buffer[0] = self.data[0]
        self.data = self.data[1:]
        return 1


def test_with_head_waits_for_a_slow_pipe() -> None:
    stream, head = with_head(io.BufferedReader(Trickle(DUMP)), 512, 512)
    assert head == DUMP[:512]
    assert stream.read() == DUMP


def test_compression_is_detected_on_a_slow_pipe() -> None:
    data = gzip.compress(DUMP)
    assert open_binary("-", lambda name: Trickle(data)).read() == DUMP  # type: ignore[arg-type, return-value]


def test_jsonl_is_detected_on_a_slow_pipe() -> None:
    records = b"".join(json.dumps({"id": i, "text": PAGE}).encode() + b"\n" for i in range(3))
    items = list(read_documents("-", ReadOptions(), lambda name: Trickle(records)))  # type: ignore[arg-type, return-value]
    assert [d.meta for d in docs(items)] == [{"id": 0}, {"id": 1}, {"id": 2}]


# --- over-long lines --------------------------------------------------------------------

def test_fifty_megabyte_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    path = tmp_path / "minified.txt"
    with path.open("wb") as f:
        f.write(PAGE.encode())
        chunk = b"var x=function(){return 1};" * 40_000  # ~1 MB
        for _ in range(50):
            f.write(chunk)
        f.write(b"\n" + PAGE.encode())
    size = path.stat().st_size - 2 * len(PAGE.encode())
    items, peak = read_traced(path)
    [dropped] = [i for i in items if isinstance(i, Dropped)]
    assert (dropped.doc_index, dropped.line, dropped.size) == (0, 6, size)
    assert "longer than --max-line-bytes (4194304)" in dropped.reason
    [doc] = docs(items)
    lines = doc.text.split("\n")
    assert lines[5] == "" and lines[6] == PAGE.splitlines()[0]  # numbering kept
    assert peak < 16 << 20  # the 50 MB line was never held


def test_overlong_line_is_numbered_within_its_document(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_bytes(b"first\npage\n\f\nsecond page\nline two\n" + b"x" * 5000 + b"\nlast\n")
    items = read(path, max_line_bytes=1024)
    [dropped] = [i for i in items if isinstance(i, Dropped)]
    assert (dropped.doc_index, dropped.line, dropped.size) == (1, 3, 5001)
    second = docs(items)[1]
    assert second.text.split("\n")[3] == "last"  # line 4 of the document, as in the file


def test_line_of_exactly_the_limit_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"a" * 1024 + b"\n" + b"b" * 1025 + b"\n")
    items = read(path, max_line_bytes=1024)
    assert [i.size for i in items if isinstance(i, Dropped)] == [1026]
    assert docs(items)[0].text.startswith("a" * 1024 + "\n")


# --- JSON Lines -------------------------------------------------------------------------

def test_lone_surrogates_in_records_become_replacement_characters(tmp_path: Path) -> None:
    """Regression: "\\ud800" is valid JSON but not encodable; writing the record crashed."""
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "A \\ud800 B", "id": "\\udc80", '
                    '"tags": ["\\uDFFF", {"k\\ud801": 1}]}\n'
                    '{"text": "pair \\ud83d\\ude00 kept"}\n', encoding="utf-8")
    first, second = docs(read(path))
    assert first.text == "A \ufffd B"
    assert first.meta == {"id": "\ufffd", "tags": ["\ufffd", {"k\ufffd": 1}]}
    assert second.text == "pair 😀 kept"
    json.dumps(first.meta, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": 1}', "no string field 'text'"),
    ('{"text": 5}', "no string field 'text'"),
    ("[1, 2]", "not a JSON object"),
    ("not json at all", "not a JSON object"),
    ("[" * 100_000 + "]" * 100_000, "not a JSON object"),
    ("{\"text\": \"\xff\"}", "not a JSON object"),
])
def test_bad_records_are_errors_and_the_rest_is_read(line: str, message: str,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": PAGE})
    raw = line.encode("utf-8") if "\xff" not in line else line.encode("latin-1")
    path.write_bytes(good.encode() + b"\n" + raw + b"\n" + good.encode() + b"\n")
    items = read(path)
    [err] = errors(items)
    assert err.message.startswith("line 2: ") and message in err.message
    assert len(docs(items)) == 2


# --- names and trees --------------------------------------------------------------------

def test_file_names_that_are_not_utf8_are_displayed_safely(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(PAGE.encode())
    name = os.fsdecode(raw)
    [doc] = docs(read(name))
    assert doc.source == str(tmp_path) + "/caf\ufffd.txt"
    doc.source.encode("utf-8")
    assert display_name("plain-name.txt") == "plain-name.txt"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_tree_is_reported_not_opened(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / ".hidden.txt").write_text(PAGE, encoding="utf-8")
    found = list(expand_paths([str(tmp_path)]))
    assert found == [InputError(str(tmp_path / "pipe.txt"), "not a regular file, skipped"),
                     str(tmp_path / "page.txt")] or found == [
        str(tmp_path / "page.txt"),
        InputError(str(tmp_path / "pipe.txt"), "not a regular file, skipped")]


def test_missing_and_empty_inputs(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "zero.txt").write_bytes(b"")
    found = list(expand_paths([str(tmp_path / "nope.txt"), str(tmp_path / "empty"),
                               str(tmp_path / "zero.txt")]))
    assert found == [InputError(str(tmp_path / "nope.txt"), "no such file or directory"),
                     InputError(str(tmp_path / "empty"), "directory holds no files"),
                     str(tmp_path / "zero.txt")]
    assert read(tmp_path / "zero.txt") == []


def test_unreadable_path_is_an_error(tmp_path: Path) -> None:
    """A directory given where a file is read (e.g. through a race) is reported."""
    [err] = errors(read(tmp_path))
    assert err.message.startswith("cannot open: ")


# --- decoding ---------------------------------------------------------------------------

def test_mixed_encodings_decode_line_by_line_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(PAGE.encode("utf-8") + "Le café était fermé à Noël.\n".encode("cp1252")
                     + "Ünïcödé straße\n".encode())
    [doc] = docs(read(path))
    assert "Le café était fermé à Noël." in doc.text and "Ünïcödé straße" in doc.text
    assert doc.notes == ("mixed encodings: 1 line(s) decoded as windows-1252, "
                         "the rest as utf-8",)


def test_whole_document_in_a_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = ("Правительство заявило во вторник, что переговоры о новом бюджете продолжатся "
            "на следующей неделе, несмотря на возражения оппозиции.\n") * 5
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    [doc] = docs(read(path))
    assert doc.text == text
    assert doc.notes and "windows-1251" in doc.notes[0]


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(bom: str, tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(PAGE.encode(bom))
    [doc] = docs(read(path))
    assert doc.text == PAGE


def test_binary_files_are_refused_and_text_with_a_few_nul_bytes_is_not(tmp_path: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert [e.message for e in errors(read(png))] == ["binary file, not text"]
    nul = tmp_path / "nul.txt"
    nul.write_bytes(PAGE.encode().replace(b"Home", b"Ho\x00me") * 3)
    [doc] = docs(read(nul))
    assert "Ho\x00me" in doc.text  # normalise removes it later


@pytest.mark.parametrize("name", ["rot13", "base64", "zlib", "hex", "idna", "punycode",
                                  "undefined", "no-such-codec"])
def test_encodings_that_cannot_decode_a_dump_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        check_encoding(name)


def test_a_failing_user_encoding_is_an_input_error() -> None:
    with pytest.raises(UndecodableInput):
        decode_bytes(b"caf\xc3\xa9", "idna")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    data = text.encode("utf-8")
    if looks_binary(data) or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                             codecs.BOM_UTF16_BE)):
        return
    try:
        assert decode_bytes(data, repair=False).text == text
    except BinaryInput:  # only for data that looks binary
        raise AssertionError("text refused as binary") from None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_are_refused_as_binary(data: bytes) -> None:
    try:
        dec = decode_bytes(data)
    except BinaryInput:
        assert looks_binary(data)
        return
    dec.text.encode("utf-8")  # no lone surrogates


# --- bounded documents and the run's own output ---------------------------------------------

def test_a_document_without_separators_is_cut_into_bounded_parts(tmp_path: Path) -> None:
    """A dump whose pages are not separated cannot fill the memory: past
    max_document_bytes the document is cut at a line end and goes on as the next one."""
    path = tmp_path / "run-on.txt"
    lines = [f"Line {i} of a dump whose pages nobody separated." for i in range(400)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path, max_document_bytes=4096)
    parts = docs(items)
    assert len(parts) > 4 and errors(items) == []
    assert "".join(d.text for d in parts) == path.read_text(encoding="utf-8")  # nothing lost
    assert all(len(d.text.encode()) < 4096 + 100 for d in parts)
    assert [d.index for d in parts] == list(range(len(parts)))
    first = parts[0].text.count("\n")
    assert parts[0].notes == (f"longer than 4096 bytes: cut after line {first}, "
                              "the rest is document 2",)
    assert parts[-1].notes == ()


def test_overlong_lines_are_numbered_within_a_cut_part(tmp_path: Path) -> None:
    path = tmp_path / "run-on.txt"
    path.write_bytes(b"short line\n" * 300 + b"x" * 3000 + b"\nlast\n")  # 3300 bytes, then
    items = read(path, max_line_bytes=1024, max_document_bytes=2048)
    [dropped] = [i for i in items if isinstance(i, Dropped)]
    part = docs(items)[dropped.doc_index]
    assert part.text.split("\n")[dropped.line - 1] == ""  # the blank left in its place


def test_the_runs_own_output_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "page.0001.bridge.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "dropped.jsonl").write_text("{}\n", encoding="utf-8")
    found = list(expand_paths([str(tmp_path)], exclude=[tmp_path / "out",
                                                         tmp_path / "dropped.jsonl"]))
    assert found == [str(tmp_path / "page.txt")]


# --- what auto detection reads as JSON Lines --------------------------------------------

BRACE_PAGE = ("{orga your life} ten ways to tidy a desk | The Tidy Times\nHome\n"
              "{orga your life} ten ways to tidy a desk\nBy Ada Lind\n"
              "A tidy desk starts with one drawer for the things you use every day.\n")


def test_a_page_whose_title_starts_with_a_brace_is_text(tmp_path: Path) -> None:
    """Regression: the first line starts with "{" but is no JSON object: plain text."""
    path = tmp_path / "tidy.txt"
    path.write_text(BRACE_PAGE, encoding="utf-8")
    items = read(path)
    assert not errors(items)
    assert [d.text for d in docs(items)] == [BRACE_PAGE]


@pytest.mark.parametrize("first", ["{}", "[1, 2]", '{"a": 1', '"text"', "{ not json }"])
def test_only_a_json_object_on_the_first_line_makes_json_lines(first: str,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "input"
    path.write_text(f"\n\n{first}\n" + json.dumps({"text": PAGE}) + "\n", encoding="utf-8")
    items = read(path)
    if first == "{}":  # an object without a text field: JSON Lines, that line an error
        assert [e.message for e in errors(items)] == ["line 3: no string field 'text'"]
        assert [d.text for d in docs(items)] == [PAGE]
    else:
        assert not errors(items) and len(docs(items)) == 1
        assert docs(items)[0].text.lstrip("\n").startswith(first)


def test_a_first_record_longer_than_the_sniffed_bytes_is_still_json(tmp_path: Path) -> None:
    big = PAGE * 200  # about 200 KB on one line
    records = b"".join(json.dumps({"id": i, "text": big}).encode() + b"\n" for i in range(2))
    path = tmp_path / "records"
    path.write_bytes(records)
    assert [d.meta for d in docs(read(path))] == [{"id": 0}, {"id": 1}]
    # and through a pipe that delivers a byte at a time (a first line past 8 KB)
    records = b"".join(json.dumps({"id": i, "text": PAGE * 40}).encode() + b"\n"
                       for i in range(2))
    found = list(read_documents("-", ReadOptions(), lambda name: Trickle(records)))  # type: ignore[arg-type, return-value]
    assert [d.meta for d in docs(found)] == [{"id": 0}, {"id": 1}]


# The mojibake signature as a regular expression: the specification the core's one-pass
# check (newsconv._core.mojibake_lines) must agree with.
_SIGNATURE = re.compile(
    "[\u00c2-\u00df\u00e2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


@given(st.text(alphabet=st.sampled_from(
    "a \nÂÃÐâïß\u00e0\u0080\u00a9\u00bf\u00c0\u0152\u2019\u201e\u201f\u20ac\u2122\u2123é\ud800"),
    max_size=40))
def test_mojibake_lines_are_the_lines_the_signature_matches(text: str) -> None:
    want = [i for i, line in enumerate(text.split("\n")) if _SIGNATURE.search(line)]
    assert _core.mojibake_lines(text) == want


def test_mojibake_repair_fixes_the_encoding_and_nothing_else() -> None:
    # UTF-8 read as Windows-1252 comes back; the line's HTML entity and the clean line
    # stay as they are (no line gets a fix the others do not), and the count is of lines
    broken = ("Fish \u00e2\u20ac\u0153&amp;\u00e2\u20ac\u009d chips "
              "\u00e2\u20ac\u201d caf\u00c3\u00a9")
    text, changed = repair_mojibake(f"Plain &amp; simple\n{broken}\nAlso fine")
    assert text == "Plain &amp; simple\nFish \u201c&amp;\u201d chips \u2014 caf\u00e9\nAlso fine"
    assert changed == 1
