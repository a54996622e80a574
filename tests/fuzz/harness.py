"""A fuzzing harness for the whole ``newsconv clean`` command line.

Every case is one input file (bytes and a file name: the suffix decides compression and
format, as for a user) and a few options.  ``check`` runs ``newsconv clean`` on it in this
process (``-j 1``) and asserts what must hold for *any* input:

* no traceback: the run ends with exit status 0 or 1 only, every stderr line starts with
  ``newsconv:``, an exit status 1 names the input on stderr, and no document ends in an
  "internal error";
* nothing escapes the output folder and nothing half-written stays: the run creates only
  files inside ``-o DIR`` and the ``--keep-dropped`` file, no ``.part`` file remains, and
  every name in the folder is a safe one (no separators, no leading dot, at most 255 bytes);
* nothing is lost: the lines the reader yields (non-empty lines of every decoded,
  normalised document, plus every line too long to read) equal the lines of the JSON Lines
  output (title, dek, byline, captions, headings, paragraphs) plus the records of the
  ``--keep-dropped`` file, exactly (a line both printed and listed, as a "fragment" once
  was, counts twice and fails the check);
* the text output (``-f text -o DIR``) writes one file per article of the JSON Lines run.

Cases come from ``cases()``, a Hypothesis strategy: a seed page (the project's own pages in
``seeds/``, ``examples/`` and ``tests/fixtures/pages/``; with ``--dev``, pages of the dev
corpus in ../shared) or random bytes, mutated (bytes flipped, inserted, deleted, repeated;
lines re-encoded in Windows-1252 or UTF-16; NUL bytes, BOMs, CR line ends, form feeds,
over-long lines, hostile headlines such as ``../../etc/passwd``; wrapped as a JSON Lines
record), then maybe compressed (gzip, bzip2, xz, zstd) and maybe truncated, under a file
name whose suffix may or may not tell the truth.

Run it:

* in CI, ``tests/fuzz/test_fuzz.py`` replays ``regressions/`` and runs a short,
  derandomized batch of cases (a fixed sequence: the same cases on every run);
* for a long run, ``python -m tests.fuzz.harness --seconds 600`` (Hypothesis, random seeds;
  add ``--dev`` to mutate dev pages as well), or, with atheris installed,
  ``python -m tests.fuzz.harness --atheris -- -max_total_time=600`` (atheris drives the
  same strategy through Hypothesis's ``fuzz_one_input``).

A failing case is written to ``regressions/`` (its bytes under its file name, plus a
``.args.json`` file with its options when they are not the defaults), where the replay
test picks it up: every crash ever found stays a regression test.  A hand-made regression
may add ``.expect.json`` (``{"exit": 1, "stderr": "..."}``) when the defect was a wrong
status rather than a crash (a truncated file that looked complete).  Cases grown from dev
pages are *not* written (the repository must not hold dev text): the harness prints the
seed and the failure instead; reduce it to a hand-written input and add that.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import json
import lzma
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import zstandard
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsconv.cli import main
from newsconv.engine import default_engine, prepare
from newsconv.model import Document
from newsconv.sources import Dropped, ReadOptions, display_name, read_documents

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEEDS = HERE / "seeds"
REGRESSIONS = HERE / "regressions"
DEV = ROOT.parent / "shared" / "corpus" / "dev"

DEFAULT_ARGS: tuple[str, ...] = ("--max-line-bytes", "1K")
MAX_NAME_BYTES = 255
_SAFE_NAME = re.compile(r"[^./\\\x00][^/\\\x00]*")
HOSTILE_TITLES = (
    "../../etc/passwd", "..", ".", "/", "\\\\server\\share", "CON", "nul.txt", "COM1",
    "LPT¹", "con.aux", "a" * 300, "日本語の見出し" * 40, "   ", "-", "~", ".hidden",
    "title\x00with nul", "Ω" * 200, "\u202eevil\u202c", "C:\\Windows\\system32",
)


@dataclass(frozen=True)
class Case:
    """One input file and the options of the run."""

    name: str  # the input's file name (suffixes matter: .gz, .jsonl...)
    data: bytes
    args: tuple[str, ...] = DEFAULT_ARGS
    text_run: bool = True  # also run -f text -o DIR and compare the article count
    origin: str = field(default="", compare=False)  # the seed, for reports
    expect_exit: int | None = None  # what a regression must end with, when it matters
    expect_stderr: str = ""  # ...and a part of its stderr

    @property
    def from_dev(self) -> bool:
        return self.origin.startswith("dev:")


# --- seeds ------------------------------------------------------------------------------

def project_seeds() -> list[tuple[str, bytes]]:
    """The project's own pages: hand-written for these tests, the README example and the
    lead's fixture pages."""
    found = []
    for folder in (SEEDS, ROOT / "examples", ROOT / "tests" / "fixtures" / "pages"):
        if folder.is_dir():
            found += [(f"{folder.name}/{p.name}", p.read_bytes())
                      for p in sorted(folder.glob("*.txt"))]
    return found


def dev_seeds(limit: int = 40) -> list[tuple[str, bytes]]:
    """Pages of the dev corpus (../shared), read at run time only; empty when absent."""
    if not DEV.is_dir():
        return []
    pages = sorted(p for p in DEV.glob("*.txt") if not p.name.endswith(".gold.txt"))
    return [(f"dev:{p.name}", p.read_bytes()) for p in pages[:limit]]


# --- the strategy -----------------------------------------------------------------------

_MUTATIONS = ("flip", "insert", "delete", "repeat", "truncate", "splice", "cp1252",
              "utf16", "nul", "bom", "crlf", "formfeed", "longline", "title", "controls",
              "mojibake")
_INSERTS = (b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\x0c\n", b"\n\n\n",
            b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\x1b[31m", b"\\ud800", b"{", b"\"",
            b"\t\t", b"\xc2\xa0", b"\xe2\x80\xa8", b"\x85", b"<script>", b"\xf0\x9f\x98\x80")


def _mutate(draw: st.DrawFn, data: bytes, pool: Sequence[tuple[str, bytes]]) -> bytes:
    kind = draw(st.sampled_from(_MUTATIONS))
    pos = draw(st.integers(0, len(data)))
    end = draw(st.integers(pos, min(len(data), pos + 400)))
    if kind == "flip" and data:
        pos = min(pos, len(data) - 1)
        return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1:]
    if kind == "insert":
        return data[:pos] + draw(st.sampled_from(_INSERTS) | st.binary(max_size=12)) + data[pos:]
    if kind == "delete":
        return data[:pos] + data[end:]
    if kind == "repeat":
        return data[:end] + data[pos:end] * draw(st.integers(1, 30)) + data[end:]
    if kind == "truncate":
        return data[:pos]
    if kind == "splice":
        other = draw(st.sampled_from(pool))[1]
        cut = draw(st.integers(0, len(other)))
        return data[:pos] + other[cut:cut + 2000]
    if kind == "cp1252":
        part = data[pos:end].decode("utf-8", "ignore").encode("cp1252", "replace")
        return data[:pos] + part + data[end:]
    if kind == "utf16":
        return data.decode("utf-8", "replace").encode(draw(st.sampled_from(
            ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])))
    if kind == "nul":
        return data[:pos] + b"\x00" * draw(st.integers(1, 64)) + data[pos:]
    if kind == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data
    if kind == "crlf":
        return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\r"])))
    if kind == "formfeed":
        return data[:pos] + b"\n\x0c\n" + data[pos:]
    if kind == "longline":
        token = draw(st.sampled_from([b"a", b"by ", b"Home > ", b"a | ", b"1:", b"(a/",
                                      b"\xe6\x97\xa5", b"Share ", b"x-"]))
        size = draw(st.sampled_from([600, 1023, 1024, 1025, 3000, 20_000]))
        return data[:pos] + b"\n" + (token * size)[:size] + b"\n" + data[pos:]
    if kind == "title":
        title = draw(st.sampled_from(HOSTILE_TITLES)).encode("utf-8")
        return title + b"\n" + title + b"\nBy Ada Example\n" + data
    if kind == "controls":
        return data[:pos] + bytes(draw(st.lists(st.integers(0, 31), max_size=8))) + data[pos:]
    if kind == "mojibake":
        part = data[pos:end].decode("utf-8", "ignore").encode("utf-8").decode("cp1252", "ignore")
        return data[:pos] + part.encode("utf-8") + data[end:]
    return data


def _as_jsonl(draw: st.DrawFn, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    records = [{"id": f"r{i}", "url": f"https://example.test/{i}", "text": part}
               for i, part in enumerate(text.split("\x0c\n"))]
    lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in records]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(
            ['{"text": 5}', "[1, 2]", "not json", '{"id": "x"}', '{"text": "\\ud800 lone"}',
             '{"text": "a", "meta": {"k": "\\udc80"}}', "{" * 3000, '"just a string"'])))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _compress(kind: str, data: bytes) -> bytes:
    if kind == "gz":
        return gzip.compress(data)
    if kind == "bz2":
        return bz2.compress(data)
    if kind == "xz":
        return lzma.compress(data)
    if kind == "zst":
        return zstandard.ZstdCompressor().compress(data)
    return data


@st.composite
def cases(draw: st.DrawFn, pool: Sequence[tuple[str, bytes]] | None = None) -> Case:
    """A seed page or random bytes, mutated, maybe wrapped, compressed and truncated."""
    pool = list(pool if pool is not None else project_seeds())
    if draw(st.integers(0, 9)) == 0:
        origin, data = "random", draw(st.binary(max_size=3000))
    else:
        origin, data = draw(st.sampled_from(pool))
    for _ in range(draw(st.integers(0, 5))):
        data = _mutate(draw, data, pool)
    jsonl = draw(st.integers(0, 4)) == 0
    if jsonl:
        data = _as_jsonl(draw, data)
    compression = draw(st.sampled_from(["", "", "", "gz", "bz2", "xz", "zst"]))
    data = _compress(compression, data)
    if compression and draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    suffix = draw(st.sampled_from([".jsonl" if jsonl else ".txt", ".txt", ".jsonl", "", ".bin"]))
    if compression and draw(st.integers(0, 3)):
        suffix += "." + compression  # else the magic bytes alone must tell
    args = list(DEFAULT_ARGS)
    extra = draw(st.sampled_from([(), (), (), ("--encoding", "cp1252"), ("--encoding", "utf-16"),
                                  ("--input-format", "text"), ("--input-format", "jsonl"),
                                  ("--doc-separator", "^-{5,}$"), ("--max-line-bytes", "4M")]))
    args += extra
    return Case(f"input{suffix}", data, tuple(args), draw(st.booleans()), origin)


# --- the check --------------------------------------------------------------------------

def read_options(args: Sequence[str]) -> ReadOptions:
    """The reader's options for the command-line options of a case."""
    opts = dict(zip(args[::2], args[1::2], strict=True))
    size = opts.get("--max-line-bytes", "4M")
    limit = int(size[:-1]) * {"K": 1024, "M": 1024**2}[size[-1]]
    separator = opts.get("--doc-separator")
    return ReadOptions(opts.get("--input-format", "auto"), "text",
                       re.compile(separator.encode()) if separator else None,
                       opts.get("--encoding"), limit)


def expected_lines(path: Path, args: Sequence[str]) -> int:
    """What the reader yields for ``path`` under the options of ``args``: the non-empty
    lines of each document after decoding, mojibake repair and normalising (the blocks the
    core's pipeline starts from), plus one per line too long to read."""
    total = 0
    for item in read_documents(str(path), read_options(args)):
        if isinstance(item, Document):
            total += len(prepare(item, default_engine()).blocks)
        elif isinstance(item, Dropped):
            total += 1
    return total


def output_lines(records: Sequence[dict[str, object]]) -> int:
    """The input lines an article of the JSON Lines output accounts for."""
    total = 0
    for r in records:
        total += sum(1 for k in ("title", "dek", "byline") if r.get(k))
        for k in ("captions", "headings", "paragraphs"):
            value = r.get(k)
            total += len(value) if isinstance(value, list) else 0
    return total


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _check_names(folder: Path) -> None:
    for p in folder.iterdir():
        assert _SAFE_NAME.fullmatch(p.name), f"unsafe output name {p.name!r}"
        assert len(os.fsencode(p.name)) <= MAX_NAME_BYTES, f"name too long: {p.name!r}"
        assert not p.name.endswith(".part"), f"temporary file left: {p.name}"


def _run(args: Sequence[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def _check_stderr(code: int, stderr: str, label: str) -> None:
    assert code in (0, 1), f"exit status {code}: {stderr[-2000:]}"
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    for line in stderr.splitlines():
        assert line.startswith("newsconv: "), f"stray stderr line: {line!r}"
    if code == 1:
        assert label in stderr, f"exit 1 without naming {label!r}: {stderr!r}"


def check(case: Case, workdir: Path) -> None:
    """Run ``case`` in the empty folder ``workdir``; raise AssertionError on a defect."""
    path = workdir / case.name
    path.write_bytes(case.data)
    out, dropped = workdir / "out", workdir / "dropped.jsonl"
    before = _files(workdir)
    code, stdout, stderr = _run(["clean", "-q", "-j", "1", "-f", "jsonl", "-o", str(out),
                                 "--keep-dropped", str(dropped), *case.args, str(path)])
    _check_stderr(code, stderr, display_name(str(path)))
    assert stdout == "", "output went to stdout with -o"
    if case.expect_exit is not None:
        assert code == case.expect_exit, f"exit {code}, expected {case.expect_exit}: {stderr}"
    assert case.expect_stderr in stderr, f"{case.expect_stderr!r} not in {stderr!r}"
    created = _files(workdir) - before
    allowed = {dropped} | {p for p in created if out in p.parents}
    assert created <= allowed, f"files outside the output folder: {created - allowed}"
    if out.exists():
        _check_names(out)
    records = [json.loads(line) for p in sorted(out.glob("*.jsonl"))
               for line in p.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    drops = [json.loads(line) for line in dropped.read_text(encoding="utf-8").splitlines()]
    for d in drops:
        assert d["label"] and d["reason"], f"a dropped line without label or reason: {d}"
    expected = expected_lines(path, case.args)
    got = output_lines(records) + len(drops)
    assert got == expected, (f"{expected} input lines but {output_lines(records)} output + "
                             f"{len(drops)} dropped = {got}")
    if case.text_run:
        text_out = workdir / "text"
        code2, _, stderr2 = _run(["clean", "-q", "-j", "1", "-o", str(text_out), *case.args,
                                  str(path)])
        _check_stderr(code2, stderr2, display_name(str(path)))
        assert code2 == code, f"exit {code} with -f jsonl but {code2} with text"
        files = list(text_out.iterdir()) if text_out.exists() else []
        if text_out.exists():
            _check_names(text_out)
        articles = [r for r in records if r["articles"]]  # not the rows of empty documents
        assert len(files) == len(articles), f"{len(articles)} articles but {len(files)} files"
    leftovers = [p for p in _files(workdir) if p.name.endswith(".part")]
    assert not leftovers, f"temporary files left: {leftovers}"


def check_in_tmp(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="newsconv-fuzz-") as tmp:
        check(case, Path(tmp))


# --- regressions ------------------------------------------------------------------------

def save_regression(case: Case, folder: Path = REGRESSIONS) -> Path | None:
    """Write a failing case to the regression corpus (not cases grown from dev pages)."""
    if case.from_dev:
        print(f"failing case grown from {case.origin}; not saved (dev text): reduce it by "
              "hand", file=sys.stderr)
        return None
    digest = hashlib.sha1(case.data + "\0".join(case.args).encode()).hexdigest()[:12]
    target = folder / f"fz-{digest}-{case.name}"
    target.write_bytes(case.data)
    if tuple(case.args) != DEFAULT_ARGS:
        Path(f"{target}.args.json").write_text(json.dumps(list(case.args)) + "\n",
                                               encoding="utf-8")
    return target


def regression_cases(folder: Path = REGRESSIONS) -> list[Case]:
    """The saved cases; a file's name (after an optional ``fz-<digest>-`` prefix) is the
    input name, its ``.args.json`` sidecar the options."""
    found = []
    for p in sorted(folder.iterdir()) if folder.is_dir() else []:
        if p.name.endswith((".args.json", ".expect.json", ".md")) or p.name.startswith("."):
            continue
        sidecar = Path(f"{p}.args.json")
        args = tuple(json.loads(sidecar.read_text(encoding="utf-8"))) if sidecar.exists() \
            else DEFAULT_ARGS
        expect_file = Path(f"{p}.expect.json")
        expect = json.loads(expect_file.read_text(encoding="utf-8")) \
            if expect_file.exists() else {}
        name = re.sub(r"^fz-[0-9a-f]{12}-", "", p.name)
        found.append(Case(name, p.read_bytes(), args, True, f"regression:{p.name}",
                          expect.get("exit"), expect.get("stderr", "")))
    return found


# --- long runs --------------------------------------------------------------------------

def _fuzz_target(pool: Sequence[tuple[str, bytes]], examples: int):  # type: ignore[no-untyped-def]
    """A Hypothesis test over ``cases(pool)`` that saves what fails, ``examples`` per call."""
    failing: list[Case] = []

    @settings(database=None, deadline=None, max_examples=examples,
              suppress_health_check=list(HealthCheck))
    @given(cases(pool))
    def target(case: Case) -> None:
        try:
            check_in_tmp(case)
        except AssertionError:
            failing.append(case)  # the last one is the shrunk example Hypothesis replays
            raise

    def run() -> None:
        failing.clear()
        try:
            target()
        except BaseException:
            if failing:
                print(f"FAILED: {failing[-1].origin} -> {save_regression(failing[-1])}",
                      file=sys.stderr)
            raise
    run.hypothesis = target.hypothesis  # type: ignore[attr-defined]
    run.failing = failing  # type: ignore[attr-defined]
    return run


def main_cli(argv: Sequence[str] | None = None) -> int:
    """``python -m tests.fuzz.harness``: fuzz for a while (see the module docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--dev", action="store_true", help="mutate dev pages too (../shared)")
    parser.add_argument("--atheris", action="store_true", help="let atheris drive the cases")
    args, rest = parser.parse_known_args(argv)
    pool = project_seeds() + (dev_seeds() if args.dev else [])
    if args.atheris:
        import atheris  # type: ignore[import-not-found]
        one = _fuzz_target(pool, 1)

        def test_one_input(data: bytes) -> None:
            one.failing.clear()  # type: ignore[attr-defined]
            try:
                one.hypothesis.fuzz_one_input(data)  # type: ignore[attr-defined]
            except BaseException:
                if one.failing:  # type: ignore[attr-defined]
                    save_regression(one.failing[-1])  # type: ignore[attr-defined]
                raise
        atheris.instrument_all()  # coverage feedback from newsconv (and all loaded code)
        if not any(a.startswith("-max_len=") for a in rest):
            rest.append("-max_len=65536")  # Hypothesis needs room to draw a whole case
        atheris.Setup([sys.argv[0], *rest], test_one_input)
        atheris.Fuzz()
        return 0
    target = _fuzz_target(pool, 50)
    deadline = time.monotonic() + args.seconds
    runs: Counter[str] = Counter()
    while time.monotonic() < deadline:
        try:
            target()  # 50 random cases (no database: new ones every time), then the clock
            runs["batches"] += 1
        except Exception as e:  # saved by the target; report and go on
            runs["failures"] += 1
            print(f"{type(e).__name__}: {str(e)[:300]}", file=sys.stderr)
    print(f"{runs['batches']} batches of 50 cases passed, {runs['failures']} failed",
          file=sys.stderr)
    return 1 if runs["failures"] else 0


if __name__ == "__main__":
    sys.exit(main_cli())
