#!/usr/bin/env python3
"""newsconv's accuracy over the pooled corpus (dev + wcxb + fundus + the compound dumps):
grouped cross-validation and the shipped model, beside the C4 line rules, jusText and
``cat``, per source, page type and language, with the targets of issue 9.

    python benchmarks/pooled.py                # pooled CV + shipped model + baselines (~20 min)
    python benchmarks/pooled.py --no-baselines # newsconv only
    python benchmarks/pooled.py --shipped-only # the shipped model, no CV (no training extra)
    python benchmarks/pooled.py --worst 10     # also list the ten worst pages of the CV
    python benchmarks/pooled.py --markdown     # the tables as Markdown
    python benchmarks/pooled.py --no-baselines --no-shipped --save-models /tmp/folds
    python benchmarks/pooled.py --no-baselines --no-shipped --models /tmp/folds   # ~20 s

(``accuracy.py`` is the dev-only table of the README; this is the number to steer by.)
The shipped model is trained on all of these pages (``train.py``), so its rows are not
held out and are printed for reference only.  The CV rows train the shipped recipe
(``train.fit``: the same two stages, settings and features) on the other folds' pages.

The pooled corpus is ``../shared/corpus``'s dev, wcxb and fundus pages (1,667 pages) plus the
compound dumps of dev_compound and wcxb_compound (``corpus.py``).  Cross-validation: sites
are grouped (same registered domain, shared chrome, or glued into one compound dump) and the
groups dealt to five folds; for each fold the model is trained (``train.fit``) on the other
folds' pages and the *whole* pipeline runs on the fold's pages and on the compound dumps whose
parts are in the fold.  So every page and every compound is cleaned by a model that never saw
its site: that is the number to steer by.

Metric: ``../shared/eval/score.py``'s (imported from there): precision / recall / F1 over
4-token shingles of the article body, macro-averaged over pages (F1 of the averages); docF1
is the mean per-page F1.  Compounds: artF1 is the mean F1 of each gold article against its
best-paired output article; "count" is the share of dumps whose number of articles is
right.  newsconv is scored on the JSON Lines ``text`` field (the body), like the baselines.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from accuracy import c4_extractor, justext_extractor, score  # noqa: E402
from corpus import (  # noqa: E402
    SHARED,
    Compound,
    Page,
    fold_of,
    load_compounds,
    load_pages,
    site_groups,
)

from newsconv.classify import Model, default_model  # noqa: E402
from newsconv.engine import analyse, build_engine  # noqa: E402
from newsconv.model import Document  # noqa: E402

Extractor = Callable[[str, str], list[str]]  # (dump text, language) -> article bodies

# The targets on the pooled CV: (row, column, minimum).
TARGETS = (
    ("wcxb", "f1", 0.84), ("wcxb / article", "f1", 0.93), ("wcxb / every page type", "f1", 0.55),
    ("fundus", "f1", 0.93), ("fundus / every language with 5+ pages", "f1", 0.85),
    ("dev", "f1", 0.94), ("compounds", "count", 0.90), ("compounds", "art_f1", 0.88),
)


# --- extractors ---------------------------------------------------------------------------

_ENGINE: object = None  # the fold's engine, set before the worker processes fork


def _newsconv_one(text: str) -> list[str]:
    return [a.body for a in analyse(Document("page", 0, text), _ENGINE).articles]


def run_newsconv(model: Model, texts: Sequence[str], jobs: int) -> list[list[str]]:
    """Article bodies of every text, cleaned with ``model`` (in ``jobs`` processes)."""
    global _ENGINE
    _ENGINE = build_engine(model)
    if jobs <= 1 or len(texts) < 8:
        return [_newsconv_one(t) for t in texts]
    import multiprocessing as mp
    with mp.get_context("fork").Pool(jobs) as pool:
        return pool.map(_newsconv_one, texts, chunksize=4)


def cat_extractor(text: str, lang: str) -> list[str]:
    return [text]


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Outputs:
    """One system's article bodies for every page and every compound dump."""

    name: str
    pages: list[list[str]]
    compounds: list[list[str]]
    meta: dict = field(default_factory=dict)


def page_record(gold: str, arts: Sequence[str]) -> dict:
    out = "\n\n".join(arts)
    tp, fp, fn = score.match(gold, out)
    p, r = score.precision(tp, fp, fn), score.recall(tp, fp, fn)
    return {"tp_fp_fn": (tp, fp, fn), "p": p, "r": r,
            "f1": score.f1(p, r) if tp + fp > 0 else 0.0}


def summary(recs: Sequence[dict]) -> dict:
    m = score.macro(list(recs))
    m["doc_f1"] = sum(r["f1"] for r in recs) / len(recs) if recs else 0.0
    m["n"] = len(recs)
    return m


def compound_summary(comps: Sequence[Compound], outs: Sequence[list[str]]) -> dict:
    arts: list[float] = []
    right = over = under = 0
    for c, out in zip(comps, outs, strict=True):
        out = [a for a in out if a.strip()]
        arts.extend(score.best_pairing(c.golds, out))
        right += len(out) == len(c.golds)
        over += len(out) > len(c.golds)
        under += len(out) < len(c.golds)
    n = len(comps)
    return {"art_f1": sum(arts) / len(arts) if arts else 0.0, "count": right / n if n else 0.0,
            "over": over, "under": under, "n": n}


def breakdown(pages: Sequence[Page], comps: Sequence[Compound], o: Outputs
              ) -> dict[str, dict]:
    """The rows of the table: overall, per source, per wcxb page type, per language, and the
    compound sets."""
    recs = [page_record(p.gold, arts) for p, arts in zip(pages, o.pages, strict=True)]
    rows: dict[str, dict] = {"all pages": summary(recs)}
    groups: dict[str, list[dict]] = defaultdict(list)
    for p, r in zip(pages, recs, strict=True):
        groups[p.source].append(r)
        if p.source == "wcxb":
            groups[f"wcxb / {p.page_type}"].append(r)
        groups[f"lang {p.lang}"].append(r)
        if p.source == "fundus":
            groups[f"fundus / {p.lang}"].append(r)
    for key in sorted(groups, key=lambda k: (not k.startswith(("dev", "wcxb", "fundus")), k)):
        rows[key] = summary(groups[key])
    for source in sorted({c.source for c in comps}):
        idx = [i for i, c in enumerate(comps) if c.source == source]
        rows[source] = compound_summary([comps[i] for i in idx], [o.compounds[i] for i in idx])
    rows["compounds"] = compound_summary(comps, o.compounds)
    rows["_per_page"] = {"f1": [r["f1"] for r in recs]}  # type: ignore[dict-item]
    return rows


def targets(rows: dict[str, dict]) -> list[tuple[str, str, float, float, bool]]:
    """The targets whose rows were measured (``--sources`` may leave some out)."""
    out = []
    for row, col, goal in TARGETS:
        val: float | None
        if row == "wcxb / every page type":
            val = min((v["f1"] for k, v in rows.items() if k.startswith("wcxb / ")),
                      default=None)
        elif row == "fundus / every language with 5+ pages":
            val = min((v["f1"] for k, v in rows.items()
                       if k.startswith("fundus / ") and v["n"] >= 5), default=None)
        else:
            val = rows[row][col] if row in rows else None
        if val is not None:
            out.append((row, col, goal, val, val >= goal))
    return out


# --- running ------------------------------------------------------------------------------


def cross_validate(pages: Sequence[Page], comps: Sequence[Compound], jobs: int,
                   log: Callable[[str], None] = print, models: Path | None = None,
                   save: Path | None = None, recipe: dict | None = None) -> Outputs:
    """The pooled grouped CV (see the module docstring).  ``models``: a folder of fold
    models a CV run saved (``save``): the pipeline runs with them instead of training, so
    that a change after the classifier (structure, dedup, rendering) is measured against
    the same scores in 20 s, without the retraining noise.  ``recipe``: keyword arguments
    of ``train.fit`` that differ from the shipped recipe (``--members``, ``--max-features``)."""
    groups = site_groups(pages, comps)
    folds = [fold_of(g) for g in groups]
    fold_by_id = {p.id: f for p, f in zip(pages, folds, strict=True)}
    comp_fold = [fold_by_id.get(c.parts[0], 0) for c in comps]
    samples = _prepare_all(pages, jobs) if models is None else []
    page_out: list[list[str]] = [[] for _ in pages]
    comp_out: list[list[str]] = [[] for _ in comps]
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
    for k in sorted(set(folds)):
        t0 = time.perf_counter()
        if models is not None:
            model = Model.from_json(json.loads((models / f"fold{k}.json").read_text()))
        else:
            import train
            model = train.fit([s for s, f in zip(samples, folds, strict=True) if f != k],
                              **(recipe or {}))
        if save is not None:
            (save / f"fold{k}.json").write_text(json.dumps(model.to_json()))
        idx = [i for i, f in enumerate(folds) if f == k]
        cidx = [i for i, f in enumerate(comp_fold) if f == k]
        texts = [pages[i].text for i in idx] + [comps[i].text for i in cidx]
        res = run_newsconv(model, texts, jobs)
        for i, r in zip(idx + [None] * len(cidx), res, strict=True):
            if i is not None:
                page_out[i] = r
        for i, r in zip(cidx, res[len(idx):], strict=True):
            comp_out[i] = r
        log(f"  fold {k}: {len(idx)} pages, {len(cidx)} compounds, "
            f"{time.perf_counter() - t0:.0f} s")
    return Outputs("newsconv, pooled grouped CV", page_out, comp_out)


_FEATURES: object = None  # a features-only engine, built once per process


def _prepare_one(page: Page):  # type: ignore[no-untyped-def]
    import train
    from labels import align

    from newsconv.engine import prepare
    global _FEATURES
    if _FEATURES is None:
        _FEATURES = build_engine(Model((), 0.0))
    prep = prepare(Document(page.id, 0, page.text), _FEATURES)
    return train.Page(page.id, SHARED, page.text, page.gold, prep,
                      align([b.text for b in prep.blocks], page.gold))


def _prepare_all(pages: Sequence[Page], jobs: int) -> list:
    """Every page prepared by the core and labelled by alignment with its gold text."""
    if jobs <= 1:
        return [_prepare_one(p) for p in pages]
    import multiprocessing as mp
    with mp.get_context("fork").Pool(jobs) as pool:
        return pool.map(_prepare_one, pages, chunksize=8)


def run_extractor(name: str, fn: Extractor, pages: Sequence[Page],
                  comps: Sequence[Compound]) -> Outputs:
    return Outputs(name, [fn(p.text, p.lang) for p in pages],
                   [fn(c.text, "en") for c in comps])


# --- printing -----------------------------------------------------------------------------


def row_keys(rows: dict[str, dict], min_pages: int = 5) -> list[str]:
    keys = [k for k in rows if not k.startswith("_")]
    return [k for k in keys if "art_f1" in rows[k] or rows[k]["n"] >= min_pages]


def print_table(systems: Sequence[tuple[str, dict[str, dict]]], markdown: bool) -> None:
    keys = row_keys(systems[0][1])
    names = [n for n, _ in systems]
    if markdown:
        print("| set | pages | " + " | ".join(names) + " |")
        print("|---|--:|" + "--:|" * len(names))
    else:
        print(f"{'set':34s} {'n':>5s}  " + "  ".join(f"{n[:22]:>22s}" for n in names))
    for k in keys:
        r0 = systems[0][1][k]
        cells = []
        for _, rows in systems:
            r = rows.get(k)
            if r is None:
                cells.append("")
            elif "art_f1" in r:
                cells.append(f"artF1 {r['art_f1']:.3f} count {r['count']:.2f}")
            else:
                cells.append(f"{r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f})")
        n = r0["n"]
        if markdown:
            print(f"| {k} | {n} | " + " | ".join(cells) + " |")
        else:
            print(f"{k:34s} {n:5d}  " + "  ".join(f"{c:>22s}" for c in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-baselines", action="store_true", help="skip C4, jusText and cat")
    ap.add_argument("--shipped-only", action="store_true", help="no cross-validation")
    ap.add_argument("--no-shipped", action="store_true", help="skip the shipped model")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst CV pages")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--json", type=Path, help="write every row (and per-page F1) here")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--sources", default="dev,wcxb,fundus")
    ap.add_argument("--save-models", type=Path, metavar="DIR",
                    help="write the CV's fold models here (fold0.json ...)")
    ap.add_argument("--models", type=Path, metavar="DIR",
                    help="clean with the fold models saved in DIR instead of training")
    import train
    train.add_recipe_options(ap)
    args = ap.parse_args()
    if args.models is not None and not (args.models / "fold0.json").is_file():
        ap.error(f"--models {args.models}: no fold0.json there (write one with --save-models)")
    pages = load_pages(args.sources.split(","))
    comps = load_compounds()
    print(f"{len(pages)} pages ({dict(Counter(p.source for p in pages))}), "
          f"{len(comps)} compound dumps", file=sys.stderr)
    systems: list[tuple[str, dict[str, dict]]] = []
    cv_rows = None
    if not args.shipped_only:
        t0 = time.perf_counter()
        cv = cross_validate(pages, comps, args.jobs,
                            log=lambda s: print(s, file=sys.stderr), models=args.models,
                            save=args.save_models,
                            recipe={"members": args.members, "max_features": args.max_features})
        cv_rows = breakdown(pages, comps, cv)
        systems.append((cv.name, cv_rows))
        print(f"CV: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if not args.no_shipped:
        shipped = default_model()
        texts = [p.text for p in pages] + [c.text for c in comps]
        res = run_newsconv(shipped, texts, args.jobs)
        systems.append(("newsconv, shipped model", breakdown(
            pages, comps, Outputs("shipped", res[:len(pages)], res[len(pages):]))))
    if not args.no_baselines:
        for name, fn in (("C4 line rules", c4_extractor), ("jusText 3", justext_extractor),
                         ("cat", cat_extractor)):
            try:
                systems.append((name, breakdown(pages, comps,
                                                run_extractor(name, fn, pages, comps))))
            except ImportError as e:
                print(f"{name}: skipped ({e})", file=sys.stderr)
    print_table(systems, args.markdown)
    rows = systems[0][1]
    print()
    print(f"targets ({systems[0][0]}):")
    for row, col, goal, val, ok in targets(rows):
        verdict = "met" if ok else "NOT met"
        print(f"  {row:40s} {col:7s} {val:.3f}  (target ≥ {goal:.2f})  {verdict}")
    if args.worst and cv_rows is not None:
        per = cv_rows["_per_page"]["f1"]
        print(f"\nworst pages ({systems[0][0]}):")
        for f1, p in sorted(zip(per, pages, strict=True), key=lambda t: t[0])[:args.worst]:
            print(f"  {p.source:7s} {p.id[:36]:36s} {p.page_type:13s} {p.lang:5s} F1 {f1:.3f}")
    if args.json:
        args.json.write_text(json.dumps({n: r for n, r in systems}, indent=1))


if __name__ == "__main__":
    main()
