"""Output safety: names built from hostile titles and inputs stay inside the output folder
and are unique; files appear whole or not at all; existing files are kept unless --force;
--skip-existing resumes an interrupted run; a file that cannot be written is one error."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsconv.cli import main
from newsconv.output import (
    MAX_SLUG,
    MAX_STEM,
    AtomicFile,
    Emitter,
    FolderSink,
    OutputExists,
    article_name,
    safe_stem,
    slugify,
)
from newsconv.runner import DocResult, RenderedArticle
from newsconv.sources import InputError

RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
            *(f"{d}{i}" for d in ("com", "lpt") for i in (*range(10), "¹", "²", "³"))}
HOSTILE = ["../../etc/passwd", "..", ".", "/", "\\\\host\\share\\x", "C:\\Windows\\win.ini",
           "CON", "nul", "COM1.txt", "LPT¹", "aux.tar.gz", "", "   ", "\x00\x01\x02", "-",
           ".hidden", "a" * 1000, "日本語のニュース" * 60, "Ω≈ç√∫", "\u202eevil\u202c.txt",
           "tab\tand\nnewline", "emoji 🚢⚓", "..\\..\\boot.ini", "name with spaces.txt.gz"]

PAGE = """{title} | The Fenmoor Courier
Home
News
{title}
By Ada Marr
The old stone bridge reopened on Monday, two weeks ahead of plan, the council said on Tuesday.
Engineers replaced the worn parapets and sealed the arches against the river in the spring.
“We expected the work to run into the summer,” said the council's engineer, Dag Pellew.
Traffic will be limited to one lane until the new surface has set, the council added.
Share
Leave a Reply
"""


def page(title: str) -> str:
    return PAGE.format(title=title)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["clean", "-q", "-j", "1", *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                      SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def tree(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


# --- names ------------------------------------------------------------------------------

@pytest.mark.parametrize("title", HOSTILE)
def test_slugs_of_hostile_titles_are_plain(title: str) -> None:
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*|article", slug), slug
    assert len(slug) <= MAX_SLUG


def test_slug_examples() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify(None) == slugify("") == slugify("...") == "article"
    assert slugify("Ferry returns – at last!") == "ferry-returns-at-last"
    assert slugify("Zürich café opens") == "zurich-cafe-opens"
    assert len(slugify("word " * 100)) <= MAX_SLUG and not slugify("word " * 100).endswith("-")


@pytest.mark.parametrize("name", HOSTILE)
def test_stems_of_hostile_input_names_are_safe(name: str) -> None:
    check_stem(safe_stem(name))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_input_name_gives_a_safe_stem(name: str) -> None:
    check_stem(safe_stem(name))


def check_stem(stem: str) -> None:
    assert stem and re.fullmatch(r"[\w.-]+", stem), stem
    assert not stem.startswith(".") and not stem.endswith(".")
    assert stem.split(".")[0].casefold() not in RESERVED
    assert len(stem.encode("utf-8")) <= MAX_STEM
    assert ".." not in Path(stem).parts and "/" not in stem and "\\" not in stem


def test_stem_examples() -> None:
    assert safe_stem("CON") == "_CON"
    assert safe_stem("dumps/com1.txt.gz") == "_com1"
    assert safe_stem("-") == safe_stem("<stdin>") == "stdin"
    assert safe_stem("../../etc/passwd") == "passwd"
    assert len(safe_stem("日本語" * 100).encode("utf-8")) <= MAX_STEM


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=200), st.text(max_size=400), st.integers(1, 10**6),
       st.sampled_from(["text", "markdown", "jsonl"]))
def test_article_names_are_single_bounded_components(source: str, title: str, number: int,
                                                     fmt: str) -> None:
    name = article_name(safe_stem(source), number, title, fmt)
    assert Path(name).name == name and name not in (".", "..") and not name.startswith(".")
    assert len(name.encode("utf-8")) <= 255
    FolderSink(Path("/nonexistent")).target(name)  # accepted: no separator


def test_folder_sink_refuses_separators(tmp_path: Path) -> None:
    sink = FolderSink(tmp_path)
    for bad in ("../x.txt", "a/b.txt", ".", ".."):
        with pytest.raises(ValueError):
            sink.target(bad)


# --- atomic writes ----------------------------------------------------------------------

def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    sink = FolderSink(tmp_path)
    with pytest.raises(RuntimeError), sink.open("a.txt") as f:
        f.write("half an arti")
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_atomic_file_appears_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "dropped.jsonl"
    log = AtomicFile(target)
    log.write("{}\n")
    assert not target.exists()
    log.commit()
    assert target.read_text() == "{}\n" and [p.name for p in tmp_path.iterdir()] == [target.name]
    other = AtomicFile(tmp_path / "other.jsonl")
    other.write("x")
    other.discard()
    other.discard()  # twice is harmless
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_commit_without_force_does_not_clobber_a_file_that_appeared(tmp_path: Path) -> None:
    sink = FolderSink(tmp_path)
    with pytest.raises(OutputExists), sink.open("a.txt") as f:
        f.write("new")
        (tmp_path / "a.txt").write_text("someone else's")
    assert tree(tmp_path) == {"a.txt": "someone else's"}


# --- the folder through the command line --------------------------------------------------

def test_hostile_titles_stay_inside_the_folder(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, title in enumerate(["../../etc/passwd", "CON", "x" * 400, "Ünïcödé ünd ñ",
                               "..", "/"]):
        (inputs / f"p{i}.txt").write_text(page(title), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run("-o", str(out), str(inputs))
    assert (code, stdout, stderr) == (0, "", "")
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 6
    assert {p.parent for p in out.rglob("*")} == {out}
    assert names[0].startswith("p0.0001.etc-passwd") and names[1].startswith("p1.0001.con")
    assert all(len(n.encode()) <= 255 and not n.startswith(".") for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_duplicate_titles_get_distinct_names(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text("\f\n".join([page("Same headline here")] * 3), encoding="utf-8")
    code, _, _ = run("-o", str(tmp_path / "out"), str(dump))
    assert code == 0
    names = sorted(tree(tmp_path / "out"))
    assert [n[:10] for n in names] == ["dump.0001.", "dump.0002.", "dump.0003."]
    assert len({n[10:] for n in names}) == 1  # the same slug, three names


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_inputs_with_the_same_stem_get_distinct_names(fmt: str, tmp_path: Path) -> None:
    """a/news.txt and b/news.txt.gz used to write the same names: the second failed
    ("exists"), or with --force silently replaced the first one's articles."""
    import gzip
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "news.txt").write_text(page("First headline"), encoding="utf-8")
    (tmp_path / "b" / "news.txt.gz").write_bytes(gzip.compress(page("Second one").encode()))
    (tmp_path / "news~2.txt").write_text(page("Third"), encoding="utf-8")
    out = tmp_path / "out"
    for flag in ((), ("--force",)):  # and a second run overwrites its own files only
        code, _, stderr = run("-f", fmt, "-o", str(out), *flag, str(tmp_path / "a"),
                              str(tmp_path / "b"), str(tmp_path / "news~2.txt"))
        assert (code, stderr) == (0, "")
    names = sorted(tree(out))
    if fmt == "jsonl":
        assert names == ["news.jsonl", "news.~2.jsonl", "news_2.jsonl"]
    else:
        assert [n.rsplit(".", 2)[0] for n in names] == ["news.0001", "news.~2.0001",
                                                        "news_2.0001"]
        assert "first-headline" in names[0] and "second-one" in names[1]


def test_existing_files_are_kept_unless_force(tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_text(page("Bridge reopens"), encoding="utf-8")
    out = tmp_path / "out"
    assert run("-o", str(out), str(src))[0] == 0
    [target] = out.iterdir()
    fresh = target.read_text(encoding="utf-8")
    target.write_text("edited by hand", encoding="utf-8")
    code, _, stderr = run("-o", str(out), str(src))
    assert code == 1
    assert stderr == (f"newsconv: {target} exists (use --force to overwrite or "
                      "--skip-existing to keep it)\n")
    assert target.read_text(encoding="utf-8") == "edited by hand"
    assert run("-o", str(out), "--skip-existing", str(src))[:3:2] == (0, "")
    assert target.read_text(encoding="utf-8") == "edited by hand"
    assert run("-o", str(out), "--force", str(src))[0] == 0
    assert target.read_text(encoding="utf-8") == fresh
    assert [p.name for p in out.iterdir()] == [target.name]


@pytest.mark.parametrize("fmt", ["markdown", "jsonl"])
def test_skip_existing_resumes_an_interrupted_run(fmt: str, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(6):
        (inputs / f"p{i}.txt").write_text(page(f"Story number {i} of the day"), encoding="utf-8")
    full, partial = tmp_path / "full", tmp_path / "partial"
    assert run("-f", fmt, "-o", str(full), str(inputs))[0] == 0
    assert run("-f", fmt, "-o", str(partial), str(inputs))[0] == 0
    for p in sorted(partial.iterdir())[::2]:  # an interrupted run wrote every other file
        p.unlink()
    assert run("-f", fmt, "-o", str(partial), "--skip-existing", str(inputs))[::2] == (0, "")
    assert tree(partial) == tree(full)


def test_force_and_skip_existing_exclude_each_other(tmp_path: Path) -> None:
    code, _, stderr = run("-o", str(tmp_path), "--force", "--skip-existing", "-")
    assert code == 2 and "exclude each other" in stderr


# --- write failures ---------------------------------------------------------------------

class FullDisk(FolderSink):
    """A folder on a disk that fills up after ``room`` files."""

    room: int = 1

    def write(self, name: str, content: str) -> bool:
        if len(list(self.folder.iterdir())) >= self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.target(name)))
        return super().write(name, content)


def result(source: str, *titles: str) -> DocResult:
    return DocResult(source, 0, 100, tuple(RenderedArticle(t, f"{t}\n") for t in titles), 3, 4)


def test_a_file_that_cannot_be_written_is_one_error_and_the_run_goes_on(tmp_path: Path) -> None:
    errors: list[str] = []
    emitter = Emitter("text", None, FullDisk(tmp_path), False, None, errors.append)
    emitter.emit(result("a.txt", "One", "Two"))
    emitter.emit(InputError("b.txt", "binary file, not text"))
    emitter.close()
    assert [p.name for p in tmp_path.iterdir()] == ["a.0001.one.txt"]
    assert errors == [f"cannot write {tmp_path / 'a.0002.two.txt'}: No space left on device",
                      "b.txt: binary file, not text"]
    assert (emitter.stats.failed_inputs, emitter.stats.articles) == (2, 2)


def test_decoding_notes_are_reported_with_verbose_only(tmp_path: Path) -> None:
    notes: list[str] = []
    noted = DocResult("d.txt", 2, 10, (), 0, 1, notes=("decoded as windows-1252",))
    Emitter("text", None, FolderSink(tmp_path), False, None, notes.append).emit(noted)
    assert notes == []
    Emitter("text", None, FolderSink(tmp_path), False, None, notes.append,
            note=notes.append).emit(noted)
    assert notes == ["d.txt: document 3: decoded as windows-1252"]
