"""Type stubs of the compiled core's Python module (bindings/src/lib.rs)."""

from collections.abc import Iterable

UNICODE_VERSION: str

class CoreError(Exception):
    """An internal error of the core (a bug), raised for one document."""

_Block = tuple[str, int, int]
_Verdict = tuple[bool, str, str, float, int]
_DateLines = tuple[list[str], list[str | None], int]
_Article = tuple[str | None, str | None, str | None, str | None, str | None, str | None,
                 list[tuple[str, str]], _DateLines | None]

class Engine:
    def __init__(self, model_json: str | None = None, chrome_toml: str | None = None,
                 keep_phrases: list[str] = ..., keep_patterns: list[str] = ...,
                 drops: list[tuple[str, list[str], list[str]]] = ...) -> None: ...
    def analyse(self, text: str, name: str, repeats: Iterable[int] | None = None
                ) -> tuple[list[_Block], list[_Verdict], list[_Article], str | None]: ...
    def clean(self, text: str, name: str, repeats: Iterable[int] | None = None
              ) -> tuple[list[_Article], str | None, int, list[tuple[str, int]]]: ...
    def prepare(self, text: str, name: str
                ) -> tuple[list[_Block], list[int], list[list[float] | None], str | None]: ...

MAX_LINE_CHARS: int
MIN_DOCS: int
MIN_DOCS_PROSE: int
PROSE_SHARE: float
COPY_SHARE: float
COPY_MIN_LINES: int
COPY_FANOUT: int

class DocHashes:
    @property
    def lines(self) -> list[int]: ...
    @property
    def prose(self) -> dict[int, int]: ...

def document_hashes(text: str) -> DocHashes: ...
def copy_groups(docs: list[DocHashes]) -> list[int]: ...
def repeated(doc_lines: list[list[int]], groups: list[int] | None = None) -> set[int]: ...
def window_stats(texts: list[str]) -> tuple[list[int], list[list[int]]]: ...
def key_hash(key: str) -> int: ...
def dump_key(line: str) -> str: ...
def line_key(text: str) -> str: ...
def check_pattern(pattern: str) -> None: ...
def context(scores: list[float], words: list[int], switch: float, length_weight: float
            ) -> list[list[float]]: ...
CONTEXT_NAMES: list[str]
