"""Build a tiny Common Crawl-style WET file (a gzipped WARC of ``conversion`` records) from
plain-text pages, with FastWARC (``pip install 'newsconv[warc]'``):

    python examples/make_wet.py tiny.warc.wet.gz
    newsconv clean --stats -f jsonl tiny.warc.wet.gz

Each page of the given text files (default: ``examples/*.txt``; a file may hold several
pages separated by form-feed lines) becomes one ``conversion`` record, gzipped on its own
as Common Crawl does.  A ``warcinfo`` record comes first and one ``response`` record (an HTML
page) last, so that ``--stats`` shows what newsconv skips.
"""

from __future__ import annotations

import argparse
import gzip
import io
from pathlib import Path

try:
    from fastwarc.warc import WarcRecord, WarcRecordType
except ImportError:
    raise SystemExit("make_wet.py needs FastWARC: pip install 'newsconv[warc]'") from None

HERE = Path(__file__).resolve().parent


def record(kind: WarcRecordType, content: bytes, headers: dict[str, str]) -> bytes:
    """One WARC record, gzipped as a member of its own."""
    rec = WarcRecord()
    rec.init_headers(kind, content_length=0)
    for name, value in headers.items():
        rec.headers[name] = value
    rec.set_bytes_content(content)
    out = io.BytesIO()
    rec.write(out)
    return gzip.compress(out.getvalue())


def build(pages: list[str]) -> bytes:
    parts = [record(WarcRecordType.warcinfo, b"software: newsconv examples/make_wet.py\r\n",
                    {"Content-Type": "application/warc-fields"})]
    for i, page in enumerate(pages):
        parts.append(record(WarcRecordType.conversion, page.encode("utf-8"), {
            "WARC-Target-URI": f"https://news.example/story-{i + 1}",
            "WARC-Date": f"2025-03-0{i % 9 + 1}T06:10:00Z",
            "Content-Type": "text/plain",
            "WARC-Identified-Content-Language": "eng",
        }))
    parts.append(record(WarcRecordType.response,
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>",
                        {"WARC-Target-URI": "https://news.example/",
                         "Content-Type": "application/http; msgtype=response"}))
    return b"".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the WET file to write (.warc.wet.gz)")
    parser.add_argument("pages", type=Path, nargs="*", help="text files of pages")
    args = parser.parse_args()
    files = args.pages or sorted(HERE.glob("*.txt"))
    pages = [p for f in files for p in f.read_text(encoding="utf-8").split("\f\n") if p.strip()]
    args.output.write_bytes(build(pages))
    print(f"{args.output}: {len(pages)} pages")


if __name__ == "__main__":
    main()
