"""Hostile and broken inputs through ``newsconv clean``: one row per kind of input, with the
outcome the README promises (exit status, the one stderr line naming the file, what reaches
the output).  The table doubles as the record of what was tried."""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsconv.cli import main
from tests.paths import ROOT

SEEDS = ROOT / "tests" / "fuzz" / "seeds"
PAGE = (SEEDS / "quarry-lake.txt").read_text(encoding="utf-8")
FERRY = (SEEDS / "ferry.txt").read_text(encoding="utf-8")
FRENCH = """Le pont rouvre après les travaux | Le Courrier du Val
Accueil
Le pont rouvre après les travaux
Par Élodie Marchand
Le vieux pont de pierre a rouvert lundi, deux semaines avant la date prévue, a annoncé la mairie.
Les ouvriers ont remplacé les parapets usés et protégé les arches contre la crue du fleuve.
« Nous pensions que le chantier durerait jusqu’à l’été », a déclaré l’ingénieur de la ville.
La circulation restera limitée à une seule voie jusqu’à ce que le nouveau revêtement sèche.
Partager
"""


def clean(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["clean", "-q", "-j", "1", *args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


REFERENCE = {}


def reference(text: str) -> str:
    """What the clean UTF-8, LF-terminated version of a page gives."""
    if text not in REFERENCE:
        result = CliRunner().invoke(main, ["clean", "-q", "-j", "1", "-"], input=text)
        REFERENCE[text] = result.stdout
    return REFERENCE[text]


@dataclass(frozen=True)
class Row:
    """One hostile input: its name and bytes, the options, and what must come out."""

    id: str
    name: str
    data: Callable[[], bytes]
    exit: int
    stderr: str = ""  # a part of the one stderr line ("" = stderr empty)
    stdout: Callable[[str], bool] = lambda out: True
    args: tuple[str, ...] = ()


def same_as(text: str) -> Callable[[str], bool]:
    return lambda out: out == reference(text) != ""


def has(*parts: str) -> Callable[[str], bool]:
    return lambda out: all(p in out for p in parts)


def lacks(*parts: str) -> Callable[[str], bool]:
    return lambda out: out != "" and not any(p in out for p in parts)


def gz_cut(data: bytes) -> bytes:
    packed = gzip.compress(data)
    return packed[: len(packed) * 3 // 4]


ROWS = [
    Row("plain page", "p.txt", lambda: PAGE.encode(), 0, stdout=same_as(PAGE)),
    Row("empty file", "e.txt", lambda: b"", 0, stdout=lambda out: out == ""),
    Row("only blanks and form feeds", "b.txt", lambda: b" \n\t\n\f\n\r\n\f\n", 0,
        stdout=lambda out: out == ""),
    Row("a few NUL bytes in text", "nul.txt",
        lambda: PAGE.encode().replace(b"swimming", b"swim\x00ming", 3), 0,
        stdout=lambda out: "\x00" not in out and "swimming" in out),
    Row("all NUL bytes", "zeros.txt", lambda: b"\x00" * 4096, 1, "binary file, not text"),
    Row("PNG named .txt", "photo.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, 1,
        "binary file, not text"),
    Row("random bytes named .txt", "noise.txt", lambda: random.Random(7).randbytes(8192), 1,
        "binary file, not text"),
    Row("ELF executable named .txt", "prog.txt", lambda: b"\x7fELF\x02\x01\x01" + bytes(500), 1,
        "binary file, not text"),
    Row("UTF-16 with BOM", "u16.txt", lambda: PAGE.encode("utf-16"), 0, stdout=same_as(PAGE)),
    Row("UTF-8 with BOM", "bom.txt", lambda: PAGE.encode("utf-8-sig"), 0, stdout=same_as(PAGE)),
    Row("UTF-16 without BOM (a known limit: refused)", "u16le.txt",
        lambda: PAGE.encode("utf-16-le"), 1, "binary file, not text"),
    Row("whole page in Windows-1252", "fr.txt", lambda: FRENCH.encode("cp1252"), 0,
        stdout=same_as(FRENCH)),
    Row("one Windows-1252 line in UTF-8", "mixed.txt",
        lambda: FRENCH.encode().replace("remplacé les parapets usés".encode(),
                                        "remplacé les parapets usés".encode("cp1252")), 0,
        stdout=same_as(FRENCH)),
    Row("mojibake (UTF-8 read as Windows-1252)", "moji.txt",
        lambda: FRENCH.replace("jusqu’à l’été", "jusqu’à l’été".encode().decode("cp1252"))
        .encode(), 0, stdout=has("jusqu’à l’été")),
    Row("CRLF line ends", "crlf.txt", lambda: PAGE.replace("\n", "\r\n").encode(), 0,
        stdout=same_as(PAGE)),
    Row("CR line ends (old Mac)", "cr.txt", lambda: PAGE.replace("\n", "\r").encode(), 0,
        stdout=same_as(PAGE)),
    Row("Unicode line separators", "u2028.txt", lambda: PAGE.replace("\n", "\u2028").encode(), 0,
        stdout=same_as(PAGE)),
    Row("no-break spaces, tabs, trailing blanks", "spaces.txt",
        lambda: PAGE.replace(" ", "\u00a0", 40).replace("\n", " \t\n").encode(), 0,
        stdout=same_as(PAGE)),
    Row("ANSI escapes and control characters", "ctrl.txt",
        lambda: PAGE.replace("Divers", "\x1b[1mDivers\x07").encode(), 0,
        stdout=lambda out: "\x1b" not in out and "\x07" not in out and "Divers" in out),
    Row("zero-width and bidi characters", "bidi.txt",
        lambda: PAGE.replace("council", "coun\u200bcil\u202e", 2).encode(), 0,
        stdout=lambda out: "\u202e" not in out and "\u200b" not in out and "council" in out),
    Row("a 5 kB line with --max-line-bytes 1K", "long.txt",
        lambda: PAGE.replace("Advertisement\n", "var a=" + "x" * 5000 + ";\n").encode(), 0,
        stdout=lambda out: "var a=" not in out and "Quarry lake" in out,
        args=("--max-line-bytes", "1K")),
    Row("a 300 kB line of minified script (under the limit)", "min.txt",
        lambda: PAGE.replace("Advertisement\n", "var a=1;" * 40_000 + "\n").encode(), 0,
        stdout=has("Quarry lake opens")),
    Row("gzip named .txt (magic bytes)", "packed.txt", lambda: gzip.compress(PAGE.encode()), 0,
        stdout=same_as(PAGE)),
    Row("plain text named .gz", "fake.txt.gz", lambda: PAGE.encode(), 1,
        "truncated or corrupt compressed data"),
    Row("truncated gzip: the articles before the cut, then an error", "cut.txt.gz",
        lambda: gz_cut(("\f\n".join([PAGE, FERRY] * 30)).encode()), 1,
        "truncated or corrupt compressed data", has("Quarry lake opens")),
    Row("JSON Lines with bad records", "recs.jsonl",
        lambda: "\n".join([json.dumps({"id": "a", "text": PAGE}), "{oops", "[1, 2]",
                           json.dumps({"id": "b"}), json.dumps({"id": "c", "text": FRENCH})])
        .encode(), 1, "line 2: not a JSON object", has('"id": "a"', '"id": "c"'),
        args=("-f", "jsonl")),
    Row("JSON Lines with lone surrogates", "sur.jsonl",
        lambda: (json.dumps({"id": "\udc80", "text": PAGE.replace("Quarry", "Qu\ud800arry")})
                 + "\n").encode(), 0, stdout=has('"id": "\ufffd"', "Qu\ufffdarry"),
        args=("-f", "jsonl")),
    Row("JSON nested 100,000 deep", "deep.jsonl",
        lambda: b"[" * 100_000 + b"]" * 100_000 + b"\n" + json.dumps({"text": PAGE}).encode(),
        1, "line 1: not a JSON object", has("Quarry lake")),
    Row("5,000 one-line documents", "many.txt", lambda: b"Home\n\f\n" * 5000, 0,
        stdout=lambda out: out == ""),
    Row("headline ../../etc/passwd, on stdout", "evil.txt",
        lambda: PAGE.replace("Quarry lake opens for swimming after water tests",
                             "../../etc/passwd").encode(), 0, stdout=has("HOLLIN DALE —")),
    Row("--encoding utf-16 on a UTF-8 file (wrong, but no crash)", "wrong.txt",
        lambda: PAGE.encode(), 0, args=("--encoding", "utf-16")),
    Row("--doc-separator on a long dump", "sep.txt",
        lambda: "\n-----\n".join([PAGE, FERRY.split("\f\n")[0]] * 20).encode(), 0,
        stdout=has("Quarry lake opens"), args=("--doc-separator", "^-{5}$")),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_hostile_input(row: Row, tmp_path: Path) -> None:
    path = tmp_path / row.name
    path.write_bytes(row.data())
    code, stdout, stderr = clean(*row.args, str(path))
    assert code == row.exit, stderr
    if row.stderr:
        lines = stderr.splitlines()
        assert all(line.startswith(f"newsconv: {path}: ") for line in lines), stderr
        assert row.stderr in lines[0], stderr
    else:
        assert stderr == ""
    assert row.stdout(stdout), stdout[:500]


def test_hostile_headline_in_a_folder_stays_inside(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(PAGE.replace(
        "Quarry lake opens for swimming after water tests", "../../etc/passwd"), encoding="utf-8")
    out = tmp_path / "out"
    assert clean("-o", str(out), str(tmp_path / "in.txt"))[::2] == (0, "")
    [written] = out.iterdir()
    assert written.name.startswith("in.0001.") and written.name.endswith(".txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out"]


def test_overlong_lines_are_listed_with_their_reason(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(FERRY.replace("Twitter\n", "x" * 5000 + "\n"), encoding="utf-8")
    dropped = tmp_path / "dropped.jsonl"
    assert clean("--max-line-bytes", "1K", "--keep-dropped", str(dropped), str(path))[0] == 0
    overlong = [r for r in map(json.loads, dropped.read_text(encoding="utf-8").splitlines())
                if r["label"] == "overlong"]
    assert overlong == [{"source": str(path), "doc_index": 0, "line": 11, "label": "overlong",
                         "reason": "line of 5001 bytes is longer than --max-line-bytes (1024)",
                         "text": None, "bytes": 5001}]


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(PAGE.encode())
    code, stdout, stderr = clean("-f", "jsonl", os.fsdecode(raw))
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["source"] == f"{tmp_path}/caf\ufffd.txt"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_an_input_folder_is_skipped_with_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    os.mkfifo(tmp_path / "b.fifo")
    code, stdout, stderr = clean(str(tmp_path))
    assert code == 1
    assert stderr == f"newsconv: {tmp_path / 'b.fifo'}: not a regular file, skipped\n"
    assert stdout == reference(PAGE)


def test_a_line_of_minified_script_is_not_article_text(tmp_path: Path) -> None:
    path = tmp_path / "min.txt"
    path.write_text(PAGE.replace("Advertisement\n", "var a=1;" * 40_000 + "\n"),
                    encoding="utf-8")
    code, stdout, _ = clean(str(path))
    assert code == 0 and "var a=1;" not in stdout


def test_doc_separator_splits_documents(tmp_path: Path) -> None:
    path = tmp_path / "sep.txt"
    path.write_text("\n-----\n".join([PAGE, FRENCH] * 20), encoding="utf-8")
    code, _, stderr = clean("--stats", "--doc-separator", "^-{5}$", str(path))
    assert code == 0 and stderr.startswith("newsconv: 40 documents, ")


def test_stdin_named_twice_is_read_once(tmp_path: Path) -> None:
    assert clean("-", "-", stdin=PAGE) == (0, reference(PAGE), "")
