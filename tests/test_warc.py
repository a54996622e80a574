"""WARC/WET input: files built here with FastWARC itself (the ``newsconv[warc]`` extra);
skipped, with the reason, where it is not installed.

Each ``conversion`` record is a document with the record's id, URL, date, content type and
language as fields; other records are skipped and counted; a damaged file gives the
documents before the damage and one error line naming it (exit 1)."""

from __future__ import annotations

import bz2
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsconv.cli import main
from newsconv.sources import Document, InputError, ReadOptions, Skipped, read_documents
from tests.paths import EXAMPLES

warc = pytest.importorskip("fastwarc.warc", reason="the WARC extra is not installed: "
                           "pip install 'newsconv[warc]'")

PAGES = [(EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf-8"),
         (EXAMPLES / "night-market.txt").read_text(encoding="utf-8")]


def record(kind: object, content: bytes, **headers: str) -> bytes:
    rec = warc.WarcRecord()
    rec.init_headers(kind, content_length=0)
    for name, value in headers.items():
        rec.headers[name.replace("_", "-")] = value
    rec.set_bytes_content(content)
    out = io.BytesIO()
    rec.write(out)
    return out.getvalue()


def conversion(i: int, text: str) -> bytes:
    return record(warc.WarcRecordType.conversion, text.encode("utf-8"),
                  WARC_Target_URI=f"https://news.example/{i}", WARC_Date="2025-03-04T06:10:00Z",
                  Content_Type="text/plain", WARC_Identified_Content_Language="eng")


def wet(pages: list[str] = PAGES) -> list[bytes]:
    """A WET file's records: warcinfo, one conversion per page, an HTML response, metadata."""
    return [record(warc.WarcRecordType.warcinfo, b"software: tests\r\n"),
            *(conversion(i, p) for i, p in enumerate(pages)),
            record(warc.WarcRecordType.response,
                   b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>"),
            record(warc.WarcRecordType.metadata, b"fetchTimeMs: 12\r\n")]


def gzipped(records: list[bytes]) -> bytes:
    """One gzip member per record, as Common Crawl writes them."""
    return b"".join(gzip.compress(r) for r in records)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["clean", "-q", "-j", "1", *args],
                                catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def items(data: bytes, name: str = "-", **options: object) -> list[object]:
    return list(read_documents(name, ReadOptions(**options),  # type: ignore[arg-type]
                               lambda _: io.BytesIO(data)))


@pytest.mark.parametrize("name", ["crawl.warc.wet.gz", "crawl.warc.gz", "crawl.wet.gz",
                                  "crawl.warc", "-"])
def test_conversion_records_are_documents(name: str, tmp_path: Path) -> None:
    records = wet()
    data = gzipped(records) if name.endswith(".gz") or name == "-" else b"".join(records)
    found = items(data, name)
    docs = [i for i in found if isinstance(i, Document)]
    assert [d.text for d in docs] == PAGES
    assert [d.index for d in docs] == [0, 1]
    meta = docs[1].meta
    assert meta["id"].startswith("<urn:uuid:") and meta["url"] == "https://news.example/1"
    assert (meta["crawl_date"], meta["content_type"], meta["crawl_language"]) == (
        "2025-03-04T06:10:00Z", "text/plain", "eng")
    assert found[-1] == Skipped("<stdin>" if name == "-" else name, responses=1, other=2)


def test_clean_writes_the_record_fields_and_counts_what_it_skipped(tmp_path: Path) -> None:
    path = tmp_path / "CC-MAIN-test.warc.wet.gz"
    path.write_bytes(gzipped(wet()))
    code, out, err = run("--stats", "-f", "jsonl", str(path))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in rows] == ["Harbour ferry returns after winter storm repairs",
                                          "Night market returns to the old tram depot"]
    assert [r["url"] for r in rows] == ["https://news.example/0", "https://news.example/1"]
    assert all(r["id"].startswith("<urn:uuid:") and r["crawl_language"] == "eng" for r in rows)
    assert "WARC records skipped: 1 responses (HTML), 2 other" in err


def test_file_names_come_from_the_record_ids(tmp_path: Path) -> None:
    path = tmp_path / "crawl.wet.gz"
    path.write_bytes(gzipped(wet()))
    assert run("-o", str(tmp_path / "out"), str(path))[0] == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 2
    assert all(n.startswith("crawl.urn_uuid_") and ".01." in n for n in names)


@pytest.mark.parametrize("cut", [60, 400])
def test_a_truncated_file_gives_the_records_before_the_damage(cut: int,
                                                               tmp_path: Path) -> None:
    """Cut inside the last page's record: uncompressed, the record ends short of its
    Content-Length; gzipped, the stream ends inside a member.  Either way the first page is
    cleaned, then one line names the file, exit 1."""
    records = wet()[:3]  # warcinfo and the two pages: the damage is in the second page
    for name, data in (("plain.warc", b"".join(records)), ("packed.warc.gz", gzipped(records))):
        path = tmp_path / name
        path.write_bytes(data[:-cut])
        code, out, err = run("-f", "jsonl", str(path))
        assert code == 1, name
        assert [json.loads(line)["title"] for line in out.splitlines()] == [
            "Harbour ferry returns after winter storm repairs"], name
        [line] = err.splitlines()
        assert line.startswith(f"newsconv: {path}: ") and "documents before it" in line, line


def test_garbage_after_a_record_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"".join(wet()[:2]) + b"this is not a WARC record\r\n" * 3)
    code, out, err = run(str(path))
    assert code == 1 and out.startswith("Harbour ferry returns")
    [line] = err.splitlines()
    assert line.startswith(f"newsconv: {path}: corrupt WARC"), line


def test_other_compressions_and_the_input_format_option(tmp_path: Path) -> None:
    path = tmp_path / "dump.bin"
    path.write_bytes(bz2.compress(b"".join(wet())))
    code, out, _ = run("--input-format", "warc", "-f", "jsonl", str(path))
    assert code == 0 and len(out.splitlines()) == 2
    # by magic bytes alone, no telling name
    code, out2, _ = run("-f", "jsonl", str(path))
    assert code == 0 and out2 == out


def test_a_record_longer_than_the_line_limit_is_reported(tmp_path: Path) -> None:
    long_page = PAGES[0].replace("Skip to content", "x" * 5000)
    path = tmp_path / "long.warc"
    path.write_bytes(b"".join(wet([long_page])))
    log = tmp_path / "dropped.jsonl"
    code, out, _ = run("--max-line-bytes", "1K", "--keep-dropped", str(log), str(path))
    assert code == 0 and out.startswith("Harbour ferry returns")
    overlong = [d for d in map(json.loads, log.read_text(encoding="utf-8").splitlines())
                if d["label"] == "overlong"]
    assert [(d["doc_index"], d["line"], d["bytes"]) for d in overlong] == [(0, 3, 5001)]


def test_without_fastwarc_the_error_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)  # import fails
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(wet()))
    found = items(path.read_bytes(), str(path))
    assert found == [InputError(str(path), "reading WARC/WET files needs FastWARC: "
                                           "pip install 'newsconv[warc]'")]
