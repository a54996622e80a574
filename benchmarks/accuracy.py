#!/usr/bin/env python3
"""newsconv's accuracy on ../shared/corpus, next to jusText and the C4 line rules, in one table.

    python benchmarks/accuracy.py              # dev, dev_compound, leave-sites-out CV
    python benchmarks/accuracy.py --quick      # without the cross-validation
    python benchmarks/accuracy.py --worst 10   # also list the ten worst dev pages

Everything is scored with the metric of ``../shared/eval/score.py`` (imported from there):
precision / recall / F1 over 4-token shingles of the article body, macro-averaged over
pages; docF1 is the mean per-page F1; for dev_compound, artF1 is the mean F1 of each gold
article against its best-paired output article, and "count" the pages whose number of
articles is right.  newsconv is scored on the JSON Lines ``text`` field (the body).

The CV rows train the model on the other sites' pages only (see train.py) and run the whole
pipeline on the held-out ones; dev_compound pages are scored with a model that saw none of
the sites their parts come from.  Needs the training extra for the CV rows.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from newsconv.classify import Model, default_model  # noqa: E402
from newsconv.model import Document  # noqa: E402
from newsconv.pipeline import Config, analyse  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
DEVC = SHARED / "corpus" / "dev_compound"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    if spec is None or spec.loader is None:
        sys.exit("../shared/eval/score.py not found")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


score = _scorer()
Extractor = Callable[[str], list[str]]  # dump text -> article bodies


def newsconv_extractor(model: Model) -> Extractor:
    config = Config(model=model)
    return lambda text: [a.body for a in analyse(Document("page", 0, text), config).articles]


_JUSTEXT_LANG = {"en": "English", "de": "German", "es": "Spanish", "fr": "French",
                 "no": "Norwegian_Bokmal", "tr": "Turkish", "cs": "Czech", "it": "Italian",
                 "sv": "Swedish", "da": "Danish", "pl": "Polish", "nl": "Dutch",
                 "id": "Indonesian", "ru": "Russian", "uk": "Ukrainian", "vi": "Vietnamese",
                 "lt": "Lithuanian", "is": "Icelandic", "sw": "Swahili", "ko": "Korean",
                 "ar": "Arabic", "hi": "Hindi", "zu": "Zulu"}


def justext_extractor(text: str, lang: str = "en") -> list[str]:
    """jusText 3 with its defaults and the page's language stoplist (English when it has
    none), each line of the dump given as one paragraph."""
    import html

    import justext
    name = _JUSTEXT_LANG.get(lang, "English")
    try:
        stop = justext.get_stoplist(name)
    except ValueError:
        stop = justext.get_stoplist("English")
    page = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    if not page:
        return [""]
    paras = justext.justext(f"<html><body>{page}</body></html>", stop)
    return ["\n\n".join(p.text for p in paras if not p.is_boilerplate)]


_C4_END = re.compile(r"[.!?…\"”’]$")


def c4_extractor(text: str, lang: str = "en") -> list[str]:
    """The C4 line rules: keep lines of at least 5 words that end in terminal punctuation
    and hold no 'javascript' / 'lorem ipsum' / '{'."""
    keep = []
    for line in text.split("\n"):
        s = line.strip()
        low = s.lower()
        if (len(s.split()) >= 5 and _C4_END.search(s) and "javascript" not in low
                and "lorem ipsum" not in low and "{" not in s):
            keep.append(s)
    return ["\n\n".join(keep)]


def score_pages(items: Sequence[tuple[str, str]], extract: Extractor) -> dict:
    """items: (dump text, gold body).  Benchmark-style macro P/R/F1 plus docF1."""
    recs = []
    t0 = time.perf_counter()
    for text, gold in items:
        out = "\n\n".join(extract(text))
        tp, fp, fn = score.match(gold, out)
        p, r = score.precision(tp, fp, fn), score.recall(tp, fp, fn)
        recs.append({"tp_fp_fn": (tp, fp, fn), "f1": score.f1(p, r) if tp + fp > 0 else 0.0})
    m = score.macro(recs)
    m["doc_f1"] = sum(r["f1"] for r in recs) / len(recs)
    m["per_page"] = [r["f1"] for r in recs]
    m["seconds"] = time.perf_counter() - t0
    return m


def score_compound(items: Sequence[tuple[str, list[str]]], extract: Extractor) -> dict:
    arts, right = [], 0
    for text, golds in items:
        out = [a for a in extract(text) if a.strip()]
        arts.extend(score.best_pairing(golds, out))
        right += len(out) == len(golds)
    return {"art_f1": sum(arts) / len(arts), "count": right, "n": len(items)}


def load_dev() -> list[tuple[str, str, str]]:
    out = []
    for p in sorted(DEV.glob("*.txt")):
        if not p.name.endswith(".gold.txt"):
            out.append((p.stem, p.read_text(encoding="utf-8"),
                        p.with_name(p.stem + ".gold.txt").read_text(encoding="utf-8")))
    return out


def load_devc() -> list[tuple[str, str, list[str], list[str]]]:
    out = []
    for p in sorted(DEVC.glob("*.txt")):
        g = json.loads(p.with_name(p.stem + ".gold.json").read_text(encoding="utf-8"))
        out.append((p.stem, p.read_text(encoding="utf-8"), g["articles"],
                    [part["id"] for part in g["parts"]]))
    return out


def cross_validate(pages, groups, folds: int = 5, devc=None, dump: Path | None = None,
                   **params) -> dict:
    """Leave-sites-out CV of the whole pipeline; returns a table row.  ``dump`` writes every
    block's held-out verdict next to its gold label (G = body) for error analysis."""
    from train import fit
    sites = sorted(set(groups))
    fold_of = {s: k % folds for k, s in enumerate(sites)}
    outputs: dict[int, list[str]] = {}
    analyses = {}
    for k in range(folds):
        train_pages = [p for p, g in zip(pages, groups, strict=True) if fold_of[g] != k]
        config = Config(model=fit(train_pages, **params))
        for i, (p, g) in enumerate(zip(pages, groups, strict=True)):
            if fold_of[g] == k:
                a = analyse(Document(p.id, 0, p.text), config)
                analyses[i] = a
                outputs[i] = [art.body for art in a.articles]
    items = [(p.text, p.gold) for p in pages]
    order = iter(range(len(pages)))
    row = score_pages(items, lambda text: outputs[next(order)])
    row["name"] = "newsconv, leave-sites-out CV"
    row["seconds"] = 0.0  # training and cleaning are interleaved; no rate to report
    if dump is not None:
        with dump.open("w", encoding="utf-8") as f:
            order = sorted(range(len(pages)), key=lambda i: row["per_page"][i])
            for i in order:
                f.write(f"\n##### {pages[i].id[:10]} F1 {row['per_page'][i]:.3f}\n")
                a = analyses[i]
                for b, v, lab in zip(a.blocks, a.verdicts, pages[i].labels, strict=True):
                    gold = lab >= 0.5
                    body = v.keep and v.label in ("paragraph", "heading")
                    tag = ("TP" if body else "FN") if gold else ("FP" if body else "  ")
                    f.write(f"{tag} {v.score:+5.1f} {v.label[:12]:12s} {b.text[:120]}\n")
    if devc is not None:
        site_of = {p.id: g for p, g in zip(pages, groups, strict=True)}
        arts, right = [], 0
        for _, text, golds, parts in devc:
            held = {site_of[pid] for pid in parts if pid in site_of}
            train_pages = [p for p, g in zip(pages, groups, strict=True) if g not in held]
            out = [a for a in newsconv_extractor(fit(train_pages, **params))(text) if a.strip()]
            arts.extend(score.best_pairing(golds, out))
            right += len(out) == len(golds)
        row["compound"] = {"art_f1": sum(arts) / len(arts), "count": right, "n": len(devc)}
    return row


def print_rows(rows: Sequence[dict]) -> None:
    print(f"{'':34s} {'P':>6s} {'R':>6s} {'F1':>6s} {'docF1':>6s}   {'compound artF1':>14s} "
          f"{'count':>6s}   {'s':>5s}")  # s: seconds to clean the dev set (0: not measured)
    for r in rows:
        c = r.get("compound")
        comp = f"{c['art_f1']:14.3f} {c['count']:3d}/{c['n']:<2d}" if c else f"{'—':>14s} {'—':>6s}"
        print(f"{r['name']:34s} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{r['doc_f1']:6.3f}   {comp}   {r.get('seconds', 0):5.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="skip the cross-validation")
    ap.add_argument("--no-baselines", action="store_true", help="skip jusText and C4")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst dev pages")
    ap.add_argument("--dump", type=Path, help="write the CV verdict of every block here")
    args = ap.parse_args()
    if not DEV.is_dir():
        sys.exit(f"no dev corpus at {DEV}")
    dev = load_dev()
    devc = load_devc()
    items = [(t, g) for _, t, g in dev]
    citems = [(t, g) for _, t, g, _ in devc]
    rows = []
    ex = newsconv_extractor(default_model())
    row = score_pages(items, ex)
    row["name"] = "newsconv (shipped model)"
    row["compound"] = score_compound(citems, ex)
    rows.append(row)
    if not args.quick:
        from train import load_pages, site_groups
        pages = load_pages()
        rows.append(cross_validate(pages, site_groups(pages), devc=devc, dump=args.dump))
    if not args.no_baselines:
        for name, fn in (("C4 line rules", c4_extractor), ("jusText (defaults)", justext_extractor),
                         ("no cleaning (cat)", lambda t: [t])):
            try:
                r = score_pages(items, fn)
            except ImportError:
                continue
            r["name"] = name
            r["compound"] = score_compound(citems, fn)
            rows.append(r)
    print_rows(rows)
    if args.worst:
        which = rows[1] if not args.quick else rows[0]
        print(f"worst pages ({which['name']}):")
        ranked = sorted(zip(which["per_page"], dev, strict=True), key=lambda t: t[0])
        for f, (pid, _, _) in ranked[:args.worst]:
            print(f"  {pid[:16]}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
