"""Writing results: to a stream, or one file per article in an output folder.

File names are built from the input's stem, the article's number and a slug of its title,
all sanitised: no path separators, no "..", no control characters, no reserved device
names, bounded length (at most about 160 bytes).  Two inputs with the same stem in one run
(``a/x.txt`` and ``b/x.txt.gz``) get distinct stems, ``x`` and ``x.~2``, in input order:
no safe stem holds a "~", so these names never meet another input's.  Files are written
under a temporary name in the same folder and renamed when complete, so a killed run never
leaves a half-written article; an existing file is kept unless ``force`` (or skipped with
``skip_existing``, to resume an interrupted run).

Every temporary name is recorded before its file is created, so that an interrupted run
(``Emitter.abort``, ``remove_temporary_files``) removes all of them, even one whose file the
signal caught between its creation and the code that would have removed it.  A run killed
with SIGKILL can leave ``.<name>.<random>.part`` files; nothing else.

>>> slugify("IS struggles to retain grip as it loses ground in Iraq")
'is-struggles-to-retain-grip-as-it-loses-ground-in-iraq'
>>> slugify("../../etc/passwd")
'etc-passwd'
>>> safe_stem("CON")
'_CON'
>>> safe_stem("CC-MAIN-20250101-00000.warc.wet.gz")
'CC-MAIN-20250101-00000'
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TextIO

MAX_SLUG = 60
MAX_STEM = 80
MAX_ID = 80
_NON_WORD = re.compile(r"[^a-z0-9]+")
_UNSAFE_STEM = re.compile(r"[^\w.-]+")
# Names Windows reserves whatever the extension (CON.txt is CON).
_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
             *(f"{dev}{i}" for dev in ("com", "lpt") for i in (*range(10), "¹", "²", "³"))}
EXTENSIONS = {"text": ".txt", "markdown": ".md", "jsonl": ".jsonl"}
# Temporary files this process may have created and has not yet renamed or removed.
_PENDING: set[str] = set()


def _create_temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file ``.<name>.<random>.part`` in ``folder``, open for writing; its name is
    recorded in ``_PENDING`` before it exists.  Permissions follow the umask, as for any
    file the user creates (not 0600 as ``tempfile.mkstemp`` would make them)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = os.path.join(folder, f".{name[:40]}.{os.urandom(6).hex()}.part")
        _PENDING.add(tmp)
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            _PENDING.discard(tmp)  # someone else's file: never ours to remove
        except BaseException:
            _remove_temporary(tmp)
            raise


def _digest(name: str) -> int:
    from hashlib import blake2b  # only for file names: not at start-up
    return int.from_bytes(blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


def _remove_temporary(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    _PENDING.discard(tmp)


def remove_temporary_files() -> None:
    """Remove every temporary file this process created and did not finish (after an
    interrupted run)."""
    for tmp in list(_PENDING):
        with contextlib.suppress(OSError):
            _remove_temporary(tmp)


def slugify(title: str | None) -> str:
    """An ASCII slug of a title ("article" when nothing is left)."""
    if not title:
        return "article"
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug or "article"


def safe_stem(name: str) -> str:
    """A file-name-safe stem of an input name ("stdin" for standard input)."""
    if name in ("-", "<stdin>"):
        return "stdin"
    base = Path(name).name
    for suffix in (".gz", ".bz2", ".xz", ".lzma", ".zst", ".zstd"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    stem = Path(base).stem if "." in base else base
    if stem.lower().endswith(".warc"):  # CC-MAIN-....warc.wet.gz: the crawl file's name
        stem = stem[:-5]
    stem = _UNSAFE_STEM.sub("_", stem).strip("._") or "input"
    if stem.split(".")[0].lower() in _RESERVED:
        stem = "_" + stem
    return _clip_utf8(stem, MAX_STEM).rstrip("._") or "input"


def _clip_utf8(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8 (file systems count bytes: 80
    Chinese characters are 240 of the 255 a name may hold), never inside a character.

    >>> _clip_utf8("日本語", 7)
    '日本'
    """
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def article_name(stem: str, number: int, title: str | None, fmt: str) -> str:
    """input stem, article number (from 1, across the input's documents), slug."""
    return f"{stem}.{number:04d}.{slugify(title)}{EXTENSIONS[fmt]}"


def safe_id(record_id: str) -> str:
    """A record id as part of a file name, sanitised as input stems are (``safe_stem``);
    empty when nothing usable is left.

    >>> safe_id("<urn:uuid:7fc6b5bf-b8dc-4b07>"), safe_id("n/17"), safe_id("../..")
    ('urn_uuid_7fc6b5bf-b8dc-4b07', 'n_17', '')
    """
    return _clip_utf8(_UNSAFE_STEM.sub("_", record_id).strip("._"), MAX_ID).rstrip("._")


def record_article_name(stem: str, record: str, number: int, title: str | None,
                        fmt: str) -> str:
    """input stem, the record's ``safe_id``, article number within the record (from 1),
    slug: ``shard.n-17.01.night-bus-saved.md``."""
    return f"{stem}.{record}.{number:02d}.{slugify(title)}{EXTENSIONS[fmt]}"


class OutputExists(Exception):
    """The target file exists and neither --force nor --skip-existing was given."""


class FolderSink(NamedTuple):
    """Writes whole files into one folder, atomically."""

    folder: Path
    force: bool = False
    skip_existing: bool = False

    def target(self, name: str) -> Path:
        # the name is already sanitised; this guards against any future misuse
        if os.sep in name or (os.altsep and os.altsep in name) or name in (".", ".."):
            raise ValueError(f"unsafe output name {name!r}")
        return self.folder / name

    def exists(self, name: str) -> bool:
        return self.target(name).exists()

    def write(self, name: str, content: str) -> bool:
        """Write ``content`` to ``name``; False if skipped because it exists."""
        if not self.may_write(name):
            return False
        with self.open(name) as f:
            f.write(content)
        return True

    def may_write(self, name: str) -> bool:
        """False to skip an existing file (--skip-existing); raises OutputExists when it
        exists and neither --force nor --skip-existing was given."""
        path = self.target(name)
        if path.exists():
            if self.skip_existing:
                return False
            if not self.force:
                raise OutputExists(f"{path} exists (use --force to overwrite or "
                                   "--skip-existing to keep it)")
        return True

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[TextIO]:
        """A text stream that becomes ``name`` only when the block ends without error."""
        path = self.target(name)
        fd, tmp = _create_temporary(self.folder, name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n") as f:
                yield f
            self._commit(tmp, path)
        finally:
            _remove_temporary(tmp)  # renamed, linked or failed: the name is free again

    def _commit(self, tmp: str, path: Path) -> None:
        if self.force:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # atomic, and fails if the name appeared meanwhile
        except FileExistsError:
            raise OutputExists(f"{path} exists (use --force to overwrite)") from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise OutputExists(f"{path} exists (use --force to overwrite)") from None
            os.replace(tmp, path)


@dataclass
class Stats:
    documents: int = 0
    articles: int = 0
    kept: int = 0
    dropped: int = 0
    chars: int = 0
    failed_inputs: int = 0
    skipped: int = 0  # existing output files kept (--skip-existing)
    empty: int = 0  # documents without an article
    responses_skipped: int = 0  # WARC response records (HTML pages: not read yet)
    records_skipped: int = 0  # other WARC records that are not documents


class AtomicFile:
    """A text file written under a temporary name and renamed into place by ``commit``;
    ``discard`` (or a crash) leaves nothing behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, self.tmp = _create_temporary(path.parent, path.name)
        try:
            self.file: TextIO = os.fdopen(fd, "w", encoding="utf-8", errors="replace",
                                          newline="\n")
        except BaseException:
            os.close(fd)
            _remove_temporary(self.tmp)
            raise

    def write(self, text: str) -> None:
        self.file.write(text)

    def commit(self) -> None:
        self.file.close()
        os.replace(self.tmp, self.path)
        _PENDING.discard(self.tmp)

    def discard(self) -> None:
        """Remove the temporary file (quietly: this runs on the way out of a failed or
        interrupted run)."""
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            _remove_temporary(self.tmp)


class Emitter:
    """Writes rendered articles to a stream or a folder, dropped lines to the
    --keep-dropped log, and counts what it sees.  Errors go to ``error`` (one line each),
    and, when ``note`` is given (``-v``), what decoding had to do, one line per document.

    A file of the folder that cannot be written is an error of its input; the run goes
    on.  A stream or --keep-dropped log that cannot be written raises ``OSError``: the
    caller ends the run (``abort`` leaves no partial file)."""

    def __init__(self, fmt: str, stream: TextIO | None, folder: FolderSink | None,
                 null: bool, dropped_log: AtomicFile | None,
                 error: Callable[[str], None],
                 note: Callable[[str], None] | None = None) -> None:
        self.fmt = fmt
        self.stream = stream
        self.folder = folder
        self.separator = "\0" if null else "\f\n"
        self.dropped_log = dropped_log
        self.error = error
        self.note = note
        self.stats = Stats()
        self._first = True
        self._numbers: dict[str, int] = {}
        self._stems: dict[str, str] = {}  # source -> its stem, unique in this run
        self._stems_used: set[str] = set()
        self._shard: AtomicFile | None = None
        self._shard_source: str | None = None
        # digests of the record names given in the current input (8 bytes each: names stay
        # unique when ids repeat, and memory is what one input's ids take)
        self._ids: set[int] = set()
        self._ids_source: str | None = None

    def emit(self, item: object) -> None:
        from .runner import DocResult
        from .sources import Dropped, InputError, Skipped
        if isinstance(item, Skipped):
            self.stats.responses_skipped += item.responses
            self.stats.records_skipped += item.other
            return
        if isinstance(item, InputError):
            self.stats.failed_inputs += 1
            self.error(f"{item.source}: {item.message}")
            return
        if isinstance(item, Dropped):
            self.stats.dropped += 1
            if self.dropped_log is not None:
                import json
                self.dropped_log.write(json.dumps({
                    "source": item.source, "doc_index": item.doc_index, "line": item.line,
                    "label": "overlong", "reason": item.reason, "text": None,
                    "bytes": item.size}, ensure_ascii=False) + "\n")
            return
        assert isinstance(item, DocResult)
        self.stats.documents += 1
        self.stats.chars += item.size
        if self.note is not None and item.notes:
            self.note(f"{item.source}: document {item.doc_index + 1}: {'; '.join(item.notes)}")
        if item.error:
            self.stats.failed_inputs += 1
            self.error(f"{item.source}: {item.error}")
            return
        self.stats.kept += item.kept
        self.stats.dropped += item.dropped
        if self.dropped_log is not None:
            import json  # only for --keep-dropped: not at start-up
            for rec in item.dropped_records:
                self.dropped_log.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if not any(art.article for art in item.articles):
            self.stats.empty += 1
        record = self._record_name(item.source, item.record_id)
        for n, art in enumerate(item.articles, 1):
            self._article(item.source, art.title, art.content, art.article,
                          (record, n) if record else None)

    def _record_name(self, source: str, record_id: str | None) -> str | None:
        """The part of the file names of a record's articles that its id gives, unique
        among the records of its input (a repeated id gets ``.~2``, ``.~3``...); None for
        JSON Lines, stdout and records without an id."""
        if record_id is None or self.folder is None or self.fmt == "jsonl":
            return None
        base = safe_id(record_id)
        if not base:
            return None
        if self._ids_source != source:
            self._ids_source, self._ids = source, set()
        name, n = base, 1
        while (digest := _digest(name)) in self._ids:
            n += 1
            name = f"{base}.~{n}"
        self._ids.add(digest)
        return name

    def _article(self, source: str, title: str | None, content: str, article: bool = True,
                 record: tuple[str, int] | None = None) -> None:
        if article:
            self.stats.articles += 1
        if self.folder is None:
            assert self.stream is not None
            if self.fmt != "jsonl" and not self._first:
                self.stream.write(self.separator)
            self.stream.write(content)
            self._first = False
            return
        number = self._numbers.get(source, 0) + article
        self._numbers[source] = number
        stem = self.stem(source)
        if self.fmt == "jsonl":
            if self._shard_source != source:
                self._close_shard()
                name = f"{stem}.jsonl"
                self._shard_source, self._shard = source, None
                try:
                    if not self.folder.may_write(name):
                        self.stats.skipped += 1
                        return
                    self._shard = AtomicFile(self.folder.target(name))
                except OutputExists as e:
                    self.stats.failed_inputs += 1
                    self.error(str(e))
                    return
                except OSError as e:
                    self._write_failed(name, e)
                    return
            if self._shard is not None:
                try:
                    self._shard.write(content)
                except OSError as e:
                    self._shard.discard()
                    self._shard = None
                    self._write_failed(f"{stem}.jsonl", e)
            return
        name = (record_article_name(stem, record[0], record[1], title, self.fmt) if record
                else article_name(stem, number, title, self.fmt))
        try:
            if not self.folder.write(name, content):
                self.stats.skipped += 1
        except OutputExists as e:
            self.stats.failed_inputs += 1
            self.error(str(e))
        except OSError as e:
            self._write_failed(name, e)

    def stem(self, source: str) -> str:
        """The file-name stem of ``source`` in this run: ``safe_stem``, and for a later
        input whose stem an earlier one already has, that stem with ``.~2``, ``.~3``..."""
        stem = self._stems.get(source)
        if stem is None:
            base = stem = safe_stem(source)
            n = 1
            while stem in self._stems_used:
                n += 1
                stem = f"{base}.~{n}"
            self._stems[source] = stem
            self._stems_used.add(stem)
        return stem

    def _write_failed(self, name: str, e: OSError) -> None:
        assert self.folder is not None
        self.stats.failed_inputs += 1
        self.error(f"cannot write {self.folder.target(name)}: {e.strerror or e}")

    def _close_shard(self) -> None:
        shard, self._shard = self._shard, None
        if shard is not None:
            try:
                shard.commit()
            except OSError as e:
                shard.discard()
                self._write_failed(shard.path.name, e)
        self._shard_source = None

    def close(self) -> None:
        """Commit the open shard and the dropped-lines log."""
        self._close_shard()
        if self.dropped_log is not None:
            self.dropped_log.commit()

    def abort(self) -> None:
        """Leave no partial file behind (Ctrl-C)."""
        if self._shard is not None:
            self._shard.discard()
            self._shard = None
        if self.dropped_log is not None:
            self.dropped_log.discard()
        remove_temporary_files()  # also one a signal caught while it was being set up
