"""The evaluation corpora of ``../shared/corpus`` as one pooled set of pages, for training and
grouped cross-validation (``train.py``, ``accuracy.py``).  Not part of newsconv.

Sources: ``dev`` (news pages), ``wcxb`` (web pages of seven page types) and ``fundus`` (news in
26 languages) are single pages with a gold body (``<id>.gold.txt``); ``dev_compound`` and
``wcxb_compound`` are dumps of 2-3 pages of those sets glued or reposted (``<cid>.gold.json``).

Grouping: no site may be both trained on and scored.  Pages are grouped by their site's
registered domain; domains whose pages share a good part of their chrome (the short lines of
their menus and footers) are one group, and so are the sites whose pages were glued together
in one compound dump, so that a compound is always scored by a model that saw none of its
parts.  Groups are dealt to folds by a stable hash, so the folds are the same on every run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SINGLE_SOURCES = ("dev", "wcxb", "fundus")
COMPOUND_SOURCES = ("dev_compound", "wcxb_compound")
FOLDS = 5
SHARED_CHROME = 0.3  # pages of two sites sharing this share of their short lines: one group
SHORT_LINE = 60  # characters: the lines that make up menus and footers
COMMON_LINE_PAGES = 40  # a short line on more pages than this says nothing about the site


@dataclass
class Page:
    """One single-page dump with its gold body and index metadata."""

    id: str
    source: str
    text: str
    gold: str
    site: str
    page_type: str  # "article" for the news sources
    lang: str
    meta: dict = field(default_factory=dict, repr=False)


@dataclass
class Compound:
    """A dump of several pages with one gold text per article."""

    id: str
    source: str
    text: str
    golds: list[str]
    parts: list[str]  # ids of the pages it was made of
    style: str


def registered_domain(site: str) -> str:
    """The domain a site belongs to, without subdomains (good enough for grouping).

    >>> registered_domain("www.news.bbc.co.uk"), registered_domain("blog.example.com")
    ('bbc.co.uk', 'example.com')
    """
    parts = site.lower().removeprefix("www.").split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in {
            "co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _index(source: str) -> dict[str, dict]:
    path = CORPUS / source / "index.jsonl"
    with path.open(encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f) if r}


def load_pages(sources: Sequence[str] = SINGLE_SOURCES) -> list[Page]:
    """Every single page of ``sources``, in a stable order."""
    pages = []
    for source in sources:
        folder = CORPUS / source
        index = _index(source)
        for p in sorted(folder.glob("*.gold.txt")):
            pid = p.name[: -len(".gold.txt")]
            meta = index.get(pid, {})
            pages.append(Page(
                id=pid, source=source,
                text=(folder / f"{pid}.txt").read_text(encoding="utf-8"),
                gold=p.read_text(encoding="utf-8"),
                site=meta.get("site", pid), page_type=meta.get("page_type") or "article",
                lang=meta.get("lang") or ("en" if meta.get("english", True) else "other"),
                meta=meta))
    return pages


def load_compounds(sources: Sequence[str] = COMPOUND_SOURCES) -> list[Compound]:
    out = []
    for source in sources:
        for p in sorted((CORPUS / source).glob("*.gold.json")):
            cid = p.name[: -len(".gold.json")]
            g = json.loads(p.read_text(encoding="utf-8"))
            out.append(Compound(cid, source,
                                (CORPUS / source / f"{cid}.txt").read_text(encoding="utf-8"),
                                g["articles"], [part["id"] for part in g["parts"]],
                                g.get("style", "")))
    return out


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def site_groups(pages: Sequence[Page], compounds: Iterable[Compound] = ()) -> list[str]:
    """A group name per page (see the module docstring)."""
    union = _Union()
    domain = [registered_domain(p.site) for p in pages]
    for d in domain:
        union.find(d)
    by_id = {p.id: d for p, d in zip(pages, domain, strict=True)}
    for c in compounds:
        parts = [by_id[pid] for pid in c.parts if pid in by_id]
        for d in parts[1:]:
            union.join(parts[0], d)
    # shared chrome: the short lines of each page, through an index of the rarer lines
    lines = [{ln.strip() for ln in p.text.split("\n") if 0 < len(ln.strip()) < SHORT_LINE}
             for p in pages]
    pages_of: dict[str, list[int]] = defaultdict(list)
    for i, ls in enumerate(lines):
        for ln in ls:
            pages_of[ln].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in pages_of.values():
        if 1 < len(ids) <= COMMON_LINE_PAGES:
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    if domain[ids[a]] != domain[ids[b]]:
                        shared[ids[a], ids[b]] += 1
    for (a, b), n in shared.items():
        if n > SHARED_CHROME * max(1, min(len(lines[a]), len(lines[b]))):
            union.join(domain[a], domain[b])
    return [union.find(d) for d in domain]


def fold_of(group: str, folds: int = FOLDS) -> int:
    """The fold a group is scored in: a stable hash, the same on every run and machine."""
    return int.from_bytes(hashlib.blake2b(group.encode(), digest_size=4).digest(), "big") % folds
