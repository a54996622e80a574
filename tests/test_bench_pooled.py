"""The pooled cross-validation can run with fold models saved by an earlier run
(``benchmarks/pooled.py --models DIR``): every page is then cleaned by the saved model of its
own fold, with no training.  The pages are written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import EXAMPLES, SHARED

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").is_file(),
    reason=f"the accuracy script is not at {SHARED / 'eval'} (../shared absent)")

# the shipped examples: two pages of two sites, which the CV deals to two folds
PAGES = {"harbour-ferry.txt": "ferry", "night-market.txt": "market"}


def _pages() -> tuple[list, list[int]]:
    from benchmarks.corpus import Page, fold_of, site_groups
    pages = [Page(id=name, source="dev", text=(EXAMPLES / name).read_text(encoding="utf-8"),
                  gold="", site=f"{name[:5]}.example", page_type="article", lang="en")
             for name in PAGES]
    return pages, [fold_of(g) for g in site_groups(pages)]


def test_each_page_is_cleaned_by_the_saved_model_of_its_fold(tmp_path: Path) -> None:
    from benchmarks import pooled
    from newsconv.classify import default_model
    pages, folds = _pages()
    assert len(set(folds)) > 1, "the test needs pages in more than one fold"
    silent = sorted(set(folds))[0]
    shipped = default_model().to_json()
    # the silent fold's model scores every line far below the threshold: it keeps nothing
    mute = {k: v for k, v in shipped.items() if k != "second"} | {"base": -100.0, "trees": []}
    for k in range(5):
        (tmp_path / f"fold{k}.json").write_text(json.dumps(mute if k == silent else shipped))
    out = pooled.cross_validate(pages, [], jobs=1, log=lambda _: None, models=tmp_path)
    for page, fold, bodies in zip(pages, folds, out.pages, strict=True):
        if fold == silent:
            assert bodies == []
        else:
            assert bodies and PAGES[page.id] in bodies[0].lower()


def test_a_missing_models_folder_is_one_clear_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import pooled
    monkeypatch.setattr("sys.argv", ["pooled.py", "--models", str(tmp_path)])
    with pytest.raises(SystemExit) as e:
        pooled.main()
    assert e.value.code == 2
    assert "no fold0.json" in capsys.readouterr().err
