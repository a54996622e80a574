"""The fuzzing harness in CI: every saved regression is replayed, then a short,
derandomized batch of mutated inputs (the same cases on every run) goes through the whole
command line.  Longer runs: ``python -m tests.fuzz.harness --seconds 600`` (see harness.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from newsconv import output
from newsconv.runner import DocResult
from tests.fuzz.harness import (
    Case,
    cases,
    check,
    check_in_tmp,
    project_seeds,
    regression_cases,
)

REGRESSIONS = regression_cases()


def test_the_corpus_is_there() -> None:
    assert len(REGRESSIONS) >= 4
    assert len(project_seeds()) >= 3


@pytest.mark.parametrize("case", REGRESSIONS, ids=[c.origin for c in REGRESSIONS])
def test_regression(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)


@settings(max_examples=1000, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(cases())
def test_short_fuzz_run(case: Case) -> None:
    check_in_tmp(case)


# --- the harness finds what it is meant to find ---------------------------------------------

PAGE = (Path(__file__).parent / "seeds" / "quarry-lake.txt").read_bytes()


def test_harness_catches_a_lost_dropped_record(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real = output.Emitter.emit

    def forgetful(self: output.Emitter, item: object) -> None:
        if self.dropped_log is not None and isinstance(item, DocResult) and item.dropped_records:
            item = item._replace(dropped_records=item.dropped_records[1:])
        real(self, item)
    monkeypatch.setattr(output.Emitter, "emit", forgetful)
    with pytest.raises(AssertionError, match="input lines but"):
        check(Case("page.txt", PAGE), tmp_path)


def test_harness_catches_a_leftover_temporary_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = output.FolderSink.write

    def leaky(self: output.FolderSink, name: str, content: str) -> bool:
        (self.folder / f".{name}.x.part").write_text(content[:10], encoding="utf-8")
        return real(self, name, content)
    monkeypatch.setattr(output.FolderSink, "write", leaky)
    with pytest.raises(AssertionError, match=r"temporary file|unsafe output name"):
        check(Case("page.txt", PAGE), tmp_path)


def test_harness_catches_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed")
    monkeypatch.setattr("newsconv.output.slugify", broken)
    with pytest.raises(AssertionError, match="exception escaped"):
        check(Case("page.txt", PAGE), tmp_path)
