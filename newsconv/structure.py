"""From kept blocks to articles: boundaries, titles, deks, bylines, captions, headings,
datelines.

The classifier says which blocks are article text; this stage says how they are arranged.

* **Articles.**  Runs of kept blocks separated by dropped ones are joined into one article
  unless the gap between them announces a new story: a headline followed, within a few
  lines, by a byline, a date, a caption, a dek or a dateline paragraph; or a long stretch of
  page chrome (another page glued on).  A subheading alone never starts an article.
  Runs too small to be an article by themselves (a lone teaser) are dropped.
* **Title.**  The headline is looked for above the body: the line most like the page title,
  else the last headline-shaped line before the body.  Its other copies are dropped.
* **Captions.**  A line that ends in a photo credit ("(AP Photo/...)"), or stands just before a
  credit line, or starts like one ("In this ... photo,"), is a caption; of an alt text and its
  caption only the fuller copy is kept.
* **Headings.**  A short kept line without sentence punctuation followed by a paragraph is a
  heading; decorations such as "– ... –" or "***" are stripped.
* **Dateline and agency** are read from the first paragraph: "DIBAGA CAMP, Iraq (AP) —".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import article_date
from .features import HARD_CLASSES, Local
from .language import WORD
from .model import Article, Block, Part, Verdict

# --- shapes ------------------------------------------------------------------------------

# A caption ends with its credit in brackets, or starts the way wire captions do.  After the
# bracketed credit a gallery may have appended a credit line ("Photo: Name / Copyright ...")
# or its expand/collapse toggle ("less", "... more").
_CREDIT_TAIL = re.compile(
    r"[(\[](?:(?:AP|AFP|EPA|Reuters|Getty|Xinhua|Bloomberg|NASA|PA|UPI|ANSA|DPA|Kyodo|Yonhap"
    r"|Photo|Photograph|Image|Picture|Foto|Credit|Courtesy|File)\b[^()\[\]]{0,80}"
    r"|[^()\[\]]{1,60}/[^()\[\]]{1,60}|[^()\[\]]{0,60}(?:Getty Images|Shutterstock|iStock"
    r"|Photo|Images))[)\]]"
    r"(?:\s(?:less|(?:\.\.\.|…)\s?more|(?:Photo|Image|Credit):\s[^()\[\]]{1,120}))?\s*$"
)
# A caption whose credit label the page glued to its last word: "...sought treatmentCredit: EPA".
_GLUED_CREDIT = re.compile(r"[a-z.)’'](?:Credit|Photo|Picture|Image)s?:\s?[A-Z][^.!?]{0,60}$")
# A Japanese photo caption: the description, a full-width equals sign and its date, place
# or credit, no sentence end ("…の国旗＝ＡＰ", "…人たち（AP＝共同）"); not a headline or
# sentence with quotes, an ellipsis or a full stop after it, nor a dateline "【ソウル＝…】".
_JA_CREDIT_TAIL = re.compile(r"[^\s＝]＝[^\s＝「」『』【】…。！？][^＝「」『』【】…。！？]{0,59}$")
_CAPTION_HEAD = re.compile(
    r"(?:FILE(?:\sPHOTO)?\s?[-–—:]\s|"
    r"In this (?:\w+ )?(?:\w+ \d{1,2}, \d{4},? )?(?:file |undated |handout )?"
    r"(?:photo|image|picture|frame grab|photograph|video)|Above:|Pictured:|Pictured above|"
    r"Top:|Left:|Right:|Main image:|Photo:|Image:)",
)
# Agency in brackets before a dash: "DIBAGA CAMP, Iraq (AP) —", "(Reuters) -".
_DATELINE_AGENCY = re.compile(
    r"^(?P<place>[^\s(][^—–]{0,80}?)?\s?\((?P<agency>[A-Z][A-Za-z.]{1,12}(?:/[A-Z][A-Za-z.]{1,12})?)\)"
    r"\s?[—–-]{1,2}\s"
)
# Upper-case place before a dash or colon: "MADRID —", "NEW DELHI:", "WASHINGTON, D.C. -".
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,\s[A-Z][A-Za-z. ]{1,30})?)\s?(?:[—–]|-{1,2}|:)\s"
)
_DECORATION = re.compile(r"^[\s\-–—*•·=_#~|+>]+|[\s\-–—*•·=_#~|+<]+$")
_HEADLINE_BAD_END = re.compile(r"[.,;]$")

MAX_TITLE_WORDS = 30
LOOKBACK = 14  # lines above a body searched for its headline and front matter
NEW_ARTICLE_GAP = 40  # dropped lines between two runs that mean another page was glued on
MIN_ARTICLE_WORDS = 40  # a run smaller than this is not an article on its own...
MIN_ARTICLE_PARAGRAPHS = 2  # ...unless it has this many prose paragraphs
LIST_ITEM_WORDS = 25
MIN_LIST_ITEMS = 3  # same-shape lines right below the body that make a list or table
_STRUCTURED = re.compile(r"[\d():@–|/$%#*•]")  # a shape with more than words and commas
_LIST_SHAPE = re.compile(r"[\d():@–|/$%#*•,;]")  # a shape that is more than plain words
TOPIC_WORDS = 150  # words on each side of a gap compared for a change of topic
TOPIC_SHIFT = 0.05  # cosine of content-word counts below which the topic changed
MIN_SIDE_WORDS = 60  # ...measured only when both sides have this many words
TOPIC_MIN_CONTENT = 40  # content words each side needs before a topic change splits a page
SECONDARY_MIN_WORDS = 100  # an article beside the page's main one must be this long
MAIN_TITLE_SIMILARITY = 0.6  # a headline this like the page title marks the main article
TEASER_LINES = 2  # a teaser is one or two lines of text...
TEASER_SIMILARITY = 0.02  # ...sharing (almost) no content word with the article
TEASER_MIN_WORDS = 6  # content words a teaser needs before its topic is compared
CONTAINER_WORDS = 250  # a line this long that repeats the body's text is a copy of it
CONTAINER_SHARE = 0.6
TAIL_SCORE = -2.5  # prose below the body joins it unless the model is fairly sure it is chrome
SKIP_LINES = 2  # captions or chrome lines stepped over to reach the lede or the last paragraph
INSIDE_WORDS = 15  # a paragraph this long between kept lines of an article...
INSIDE_SCORE = -3.0  # ...is kept unless the model rates it below this
INSIDE_REACH = 12  # "between": with kept lines at most this far on both sides
HEADING_WORDS = 15  # a subheading is at most this long...
DEK_WORDS = 40  # a standfirst is at most this long...
DEK_MIN_WORDS = 5  # ...and at least this long when nothing but its place marks it
BYLINE_REACH = 3  # lines below the headline where its byline is looked for
FALLBACK_PARAGRAPHS = 2  # prose paragraphs a page needs when the model kept nothing
FALLBACK_SCORE = -6.0  # ...each rated above this
FRONT_MATTER_CLASSES = ("byline", "timestamp")  # what a cleaned article has above its body
HEADING_SCORE = -2.0  # ...and kept between paragraphs unless the model rates it below this
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
THREAD_WINDOW = 40
# Verdicts decided outside the page's model (dump statistics, user rules): never re-added.
PINNED_OUT = frozenset({"dump-repeat", "user-drop", "page-title"})
STORY_REACH = 6  # lines after a headline searched for the byline, date or dateline of a story


@dataclass(frozen=True, slots=True)
class Layout:
    """The result: per-block verdict updates and the articles."""

    verdicts: tuple[Verdict, ...]
    articles: tuple[Article, ...]


def is_caption(text: str, words: int) -> bool:
    """True for a photo caption: ends in a bracketed credit, or starts like one.

    >>> is_caption("Men wait outside the camp, in Hajj Ali, Iraq. (AP Photo/Alice Martins)", 12)
    True
    >>> is_caption("He said it would rain. (Reuters)", 6)
    False
    >>> is_caption("Divers check the pier before it reopens (Photo/Tom Ek) less", 10)
    True
    >>> is_caption("Divers check the pier before it reopensCredit: Harbour Board", 9)
    True
    >>> is_caption("港から見た新しい橋＝4日、神戸市で", 7)
    True
    """
    if words < 4:
        return False
    tail = _CREDIT_TAIL.search(text)
    if tail and tail.group(0).strip("()[] ") not in ("Reuters", "AP", "AFP"):
        return True
    if _GLUED_CREDIT.search(text) or _JA_CREDIT_TAIL.search(text):
        return True
    return bool(_CAPTION_HEAD.match(text)) and words >= 6


def dateline(text: str) -> tuple[str | None, str | None]:
    """(dateline, agency) from the start of a first paragraph.

    >>> dateline("DIBAGA CAMP, Iraq (AP) — As the Islamic State group loses ground")
    ('DIBAGA CAMP, Iraq', 'AP')
    >>> dateline("Kirkuk (Iraq) (AFP) – Iraqi special forces led an operation")
    ('Kirkuk (Iraq)', 'AFP')
    >>> dateline("MADRID — Rafael Nadal kept Spain's hopes alive")
    ('MADRID', None)
    >>> dateline("The minister said on Tuesday that")
    (None, None)
    """
    m = _DATELINE_AGENCY.match(text)
    if m:
        place = (m.group("place") or "").strip(" ,") or None
        return place, m.group("agency")
    m = _DATELINE_CAPS.match(text)
    if m and len(m.group("place")) >= 3:
        return m.group("place").strip(), None
    return None, None


def strip_decoration(text: str) -> str:
    """Remove the dashes, stars and rules that decorate a subheading.

    >>> strip_decoration("– ‘Insufficient camps’ –")
    '‘Insufficient camps’'
    """
    return _DECORATION.sub("", text) or text


_BYLINE_LIKE = frozenset({"byline", "timestamp", "credit"})  # lines that sit below a headline


def _hit_in(m: Local, classes: frozenset[str]) -> bool:
    """Whether a chrome table of one of ``classes`` matched the line."""
    return m.hit is not None and m.hit.cls in classes


def _headline_shaped(text: str, m: Local) -> bool:
    """Could this line be a headline?  Short, not a sentence fragment, not known chrome."""
    return (2 <= m.words <= MAX_TITLE_WORDS and not _HEADLINE_BAD_END.search(text)
            and not _URLISH.search(text)
            and (m.hit is None or m.hit.cls in ("related", "navigation")))


_SITE_SUFFIX = re.compile(r"\s[|–—-]\s|\s::\s|\s·\s")  # "Headline | Site"
_URLISH = re.compile(r"https?://|www\.|\.(?:png|jpe?g|gif|webp|html?|php)\b")
_WORDS = WORD  # words with their combining marks, as everywhere else


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def _title_score(i: int, start: int, blocks: Sequence[Block], local: Sequence[Local],
                 captions: Sequence[bool], title_words: frozenset[str], repeated: bool) -> float:
    """How much line ``i`` looks like the headline of a body starting at ``start``."""
    m = local[i]
    score = -0.15 * (start - i)  # nearer the body is likelier
    if 4 <= m.words <= 20:
        score += 1.0
    elif m.words <= 2:
        score -= 1.5
    if title_words:
        w = _words(blocks[i].text)
        if w and len(w & title_words) >= 0.6 * min(len(w), len(title_words)):
            score += 2.5
    if repeated:
        score += 1.5
    # a headline is usually followed by its byline, date, dek or picture
    for j in range(i + 1, min(start, i + 5)):
        h = local[j].hit
        if captions[j] or (h is not None and h.cls in ("byline", "timestamp", "credit", "share",
                                                        "gallery")):
            score += 1.0
            break
    if m.hit is not None:
        score -= 1.0
    text = blocks[i].text
    if sum(c.isdigit() for c in text) > 0.15 * len(text):
        score -= 2.0  # a table row or a date, not a headline
    if i == 0 and (_SITE_SUFFIX.search(text) or repeated):
        score -= 2.0  # the page title ("Headline | Site"): only when nothing better is found
    return score


def _kept_headline(w: _Work, start: int, end: int) -> int | None:
    """When the body's first line is shaped like a headline (short, no sentence end, not
    chrome) and more body follows, the next body line."""
    m = w.local[start]
    if (not w.body[start] or m.sentence_end or m.hit is not None
            or not _headline_shaped(w.blocks[start].text, m)):
        return None
    return next((i for i in range(start + 1, end + 1) if w.body[i]), None)


def _front_matter(start: int, floor: int, blocks: Sequence[Block], local: Sequence[Local],
                  captions: Sequence[bool], body: Sequence[bool], title_words: frozenset[str],
                  dups: dict[int, int], own_headline: bool = False
                  ) -> tuple[int | None, int | None, int | None]:
    """(title, dek, byline) line indexes above a body starting at ``start``."""
    lo = max(floor, start - LOOKBACK)
    keys = [local[i].key for i in range(lo, start)]
    best, title = -math.inf, None
    for i in range(lo, start):
        m = local[i]
        if captions[i] or body[i] or not _headline_shaped(blocks[i].text, m):
            continue
        if i in dups and captions[dups[i]]:
            continue  # the alt text of a picture, not a headline
        score = _title_score(i, start, blocks, local, captions, title_words,
                             keys.count(m.key) > 1)
        if score > best:
            best, title = score, i
    if title is None or best < 0.5:
        return None, None, None
    # on a page of several stories, a story's own headline, right above its picture, byline,
    # date or dateline paragraph, wins over the collection's title further up
    for i in range(start - 1, title, -1) if own_headline else ():
        m = local[i]
        if (m.words >= 4 and m.hit is None and not captions[i] and not body[i]
                and _headline_shaped(blocks[i].text, m) and i not in dups
                and any(captions[j] or _hit_in(local[j], _BYLINE_LIKE)
                        or dateline(blocks[j].text)[1] is not None
                        for j in range(i + 1, min(start + 1, i + 3)))):
            title = i
            break
    dek = byline = None
    for i in range(title + 1, start):
        m = local[i]
        if m.hit is not None and m.hit.cls == "byline" and byline is None:
            byline = i
        elif (dek is None and byline is None and m.hit is None and not captions[i]
              and not body[i] and local[i].key != local[title].key and i not in dups
              and (m.words >= 8 or (i == title + 1 and m.words >= DEK_MIN_WORDS))
              and (i == title + 1 or any(
                  captions[j] or _hit_in(local[j], _BYLINE_LIKE)
                  for j in range(i + 1, start)))):
            # a standfirst: right below the headline, or between it and the byline or picture
            dek = i
    return title, dek, byline


def _lede_like(i: int, blocks: Sequence[Block], local: Sequence[Local],
               captions: Sequence[bool], dups: dict[int, int]) -> bool:
    m = local[i]
    if m.hit is not None or captions[i] or i in dups or _TRUNCATED.search(blocks[i].text):
        return False
    return (m.words >= 8 and m.sentence_end) or m.words >= 15 or (
        m.words >= 6 and dateline(blocks[i].text) != (None, None))


_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s?$")


def _adjacent_prose(edge: int, step: int, floor: int, n: int, blocks: Sequence[Block],
                    local: Sequence[Local], captions: Sequence[bool], dups: dict[int, int],
                    verdicts: Sequence[Verdict], body: Sequence[bool]) -> list[int]:
    """Prose lines next to a body edge, going up (step -1) or down (step 1), stepping over
    at most SKIP_LINES captions or hard chrome lines between them.  Below the body a line
    joins only if the model does not rate it clearly as chrome and it does not address the
    reader ("you", "your": newsletter and comment prompts)."""
    found: list[int] = []
    pending: list[int] = []  # subheadings above the body, kept only if prose lies above them
    # lines whose copy the body already holds: the page says it once
    repeated = {j for k, j in dups.items() if body[k] or captions[k]}
    i, skipped = edge + step, 0
    while floor <= i < n:
        m = local[i]
        if verdicts[i].label in PINNED_OUT:
            break
        if _lede_like(i, blocks, local, captions, dups) and i not in repeated and (
                step < 0 or (verdicts[i].score > TAIL_SCORE
                             and not _SECOND_PERSON.search(blocks[i].text))):
            found.extend(pending)
            found.append(i)
            pending = []
            skipped = 0
        elif (len(pending) < SKIP_LINES and m.hit is None and not captions[i]
              and i not in dups and _headline_shaped(blocks[i].text, m)
              and m.words <= HEADING_WORDS and verdicts[i].score > HEADING_SCORE
              and (step < 0 or not _introduces_story(i, blocks, local, captions))):
            pending.append(i)
        elif skipped < SKIP_LINES and (captions[i] or (m.hit is not None
                                                       and m.hit.cls in HARD_CLASSES)):
            skipped += 1
        else:
            break
        i += step
    return found


def _extend_lists(body: list[bool], blocks: Sequence[Block], local: Sequence[Local],
                  captions: Sequence[bool], shapes: Sequence[str],
                  pinned: Sequence[bool]) -> list[int]:
    """Keep the rest of a list or table whose other items are kept: lines of the same shape
    as a kept neighbour, short lines after a kept line that ends with a colon, and a run of
    at least MIN_LIST_ITEMS structured lines of one shape (dates, scores, prices) right below
    the body, with its header line."""
    n = len(blocks)
    added = []

    def free(j: int) -> bool:
        m = local[j]
        return (not body[j] and not captions[j] and not pinned[j] and m.words <= LIST_ITEM_WORDS
                and (m.hit is None or m.hit.cls not in HARD_CLASSES) and m.words > 0)

    def run_length(j: int) -> int:
        k = j
        while k < n and free(k) and shapes[k] == shapes[j]:
            k += 1
        return k - j

    for step in (1, -1):
        rng = range(n) if step == 1 else range(n - 1, -1, -1)
        for i in rng:
            if not body[i]:
                continue
            j = i + step
            intro = step == 1 and blocks[i].text.endswith(":")
            shape = shapes[i]
            while 0 <= j < n and free(j) and (
                    (shapes[j] == shape and _LIST_SHAPE.search(shape))
                    or (intro and j + step < n and j + step >= 0
                        and shapes[j + step] == shapes[j])):
                body[j] = True
                added.append(j)
                shape = shapes[j]
                j += step
            # a table or list right below the body, maybe under its own header line
            if step == 1 and j < n:
                header = (free(j) and local[j].hit is None and not local[j].sentence_end
                          and j + 1 < n and shapes[j + 1] != shapes[j])
                first = j + 1 if header else j
                if (first < n and _STRUCTURED.search(shapes[first])
                        and run_length(first) >= MIN_LIST_ITEMS):
                    for k in range(j, first + run_length(first)):
                        body[k] = True
                        added.append(k)
    return added


def thread_regions(local: Sequence[Local]) -> list[tuple[int, int]]:
    """Stretches of reader comments: from a comment-form line followed by more of them
    (a thread header, "Reply" links, "X says:" headers) to the last comment-form line
    that has another within THREAD_WINDOW lines."""
    hits = [i for i, m in enumerate(local) if m.hit is not None and m.hit.cls == "comment-form"]
    regions = []
    k = 0
    while k < len(hits):
        j = k
        while j + 1 < len(hits) and hits[j + 1] - hits[j] <= THREAD_WINDOW:
            j += 1
        if j - k + 1 >= 3:
            regions.append((hits[k], hits[j]))
        k = j + 1
    return regions


def _content_words(texts: Sequence[str | Sequence[str]], stop: frozenset[str],
                   forward: bool) -> Counter[str]:
    """Counts of the content words of up to TOPIC_WORDS words, read forward or backward;
    each item is a text or its lower-case word tokens."""
    bag: Counter[str] = Counter()
    total = 0
    for text in texts if forward else reversed(texts):
        words = _WORDS.findall(text.lower()) if isinstance(text, str) else text
        total += len(words)
        bag.update(w for w in words if len(w) > 2 and w not in stop and not w.isdigit())
        if total >= TOPIC_WORDS:
            break
    return bag


def topic_similarity(before: Sequence[str | Sequence[str]],
                     after: Sequence[str | Sequence[str]],
                     stop: frozenset[str] = frozenset(),
                     min_words: int = MIN_SIDE_WORDS // 3) -> float | None:
    """Cosine similarity of the content words at the end of ``before`` and the start of
    ``after`` (None if either side is too short to tell).

    >>> from newsconv.language import stoplists
    >>> topic_similarity(["The ferry sailed across the harbour at dawn with forty riders. " * 4],
    ...                  ["Parliament passed the budget bill after a long night debate. " * 4],
    ...                  stoplists()["en"])
    0.0
    """
    a = _content_words(before, stop, forward=False)
    b = _content_words(after, stop, forward=True)
    if sum(a.values()) < min_words or sum(b.values()) < min_words:
        return None
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _starts_article(lo: int, hi: int, blocks: Sequence[Block], local: Sequence[Local],
                    captions: Sequence[bool]) -> bool:
    """Does the stretch lo..hi (the gap before a run and the run's first line) announce a
    new story?  It does when a headline is followed by a byline or a date, or when the run
    opens with a dateline ("PARIS (AFP) —") below a headline."""
    for h in range(lo, hi + 1):
        m = local[h]
        if not _headline_shaped(blocks[h].text, m) or m.sentence_end or m.words < 3:
            continue
        if _introduces_story(h, blocks, local, captions):
            return True
    return False


def _introduces_story(h: int, blocks: Sequence[Block], local: Sequence[Local],
                      captions: Sequence[bool]) -> bool:
    """Is line ``h`` followed, within STORY_REACH lines, by a byline, a date or a paragraph
    that opens with a dateline and an agency ("ASHFORD (RVN) —")?"""
    for j in range(h + 1, min(len(blocks), h + 1 + STORY_REACH)):
        mj = local[j]
        if mj.hit is not None and mj.hit.cls in ("byline", "timestamp"):
            return True
        if mj.words >= 8 and not captions[j] and dateline(blocks[j].text)[1] is not None:
            return True
    return False


def _split_at_headlines(body: list[bool], blocks: Sequence[Block], local: Sequence[Local],
                        captions: Sequence[bool]) -> list[int]:
    """Kept headlines that introduce another story (see _introduces_story) right after a
    finished paragraph: they leave the body, so that a new article starts there."""
    found = []
    last_kept = None
    for i, kept in enumerate(body):
        if not kept:
            continue
        m = local[i]
        if (last_kept is not None and local[last_kept].sentence_end and i - last_kept <= 2
                and m.words >= 3 and not m.sentence_end and m.hit is None
                and _headline_shaped(blocks[i].text, m)
                and _introduces_story(i, blocks, local, captions)):
            body[i] = False
            found.append(i)
        last_kept = i
    return found




def _topic_changes(group: Sequence[_Run], rest: Sequence[_Run], blocks: Sequence[Block],
                   local: Sequence[Local], body: Sequence[bool], stop: frozenset[str]) -> bool:
    """A headline between two runs and a change of vocabulary across it: another story
    reposted on the page ("never split one article at a subheading": a subheading keeps
    the vocabulary of its article)."""
    prev, run = group[-1], rest[0]
    gap = range(prev.end + 1, run.start + 1)
    if not any(_headline_shaped(blocks[i].text, local[i]) and local[i].words >= 4
               and not local[i].sentence_end and not body[i] for i in gap):
        return False
    before = [local[i].tokens for r in group for i in range(r.start, r.end + 1) if body[i]]
    after_idx = [i for r in rest for i in range(r.start, r.end + 1) if body[i]]
    if sum(1 for i in after_idx[:10] if local[i].sentence_end and local[i].words >= 12) < 2:
        return False  # a story starts with prose; a list or table below the body does not
    after = [local[i].tokens for i in after_idx]
    sim = topic_similarity(before, after, stop, min_words=TOPIC_MIN_CONTENT)
    return sim is not None and sim < TOPIC_SHIFT


def _teaser_runs(group: Sequence[_Run], blocks: Sequence[Block], local: Sequence[Local],
                 body: Sequence[bool], stop: frozenset[str]) -> list[_Run]:
    """Runs of a group that are story teasers, not article text: a short run (one or two
    lines) after the article's main run whose headline stands twice in the gap above it
    (picture alt text and link), or whose words have nothing in common with the article."""
    def words(r: _Run) -> int:
        return sum(local[i].words for i in range(r.start, r.end + 1) if body[i])

    main = max(group, key=words)
    main_text = [local[i].tokens for i in range(main.start, main.end + 1) if body[i]]
    teasers = []
    prev_end = main.end
    for r in group:
        if r.start <= main.end:
            continue
        kept = [i for i in range(r.start, r.end + 1) if body[i]]
        if len(kept) <= TEASER_LINES:
            keys = [local[i].key for i in range(prev_end + 1, r.start) if local[i].words >= 3]
            doubled = len(keys) != len(set(keys))
            sim = topic_similarity(main_text, [local[i].tokens for i in kept], stop,
                                   min_words=TEASER_MIN_WORDS)
            if doubled or (sim is not None and sim < TEASER_SIMILARITY):
                teasers.append(r)
        prev_end = r.end
    return teasers


def _drop_containers(body: list[bool], local: Sequence[Local],
                     blocks: Sequence[Block]) -> list[int]:
    """Very long lines whose words mostly repeat the other kept lines (a page's whole
    article text repeated in one line of metadata)."""
    long_lines = [i for i, b in enumerate(body) if b and local[i].words >= CONTAINER_WORDS]
    if not long_lines:
        return []

    def trigrams(i: int) -> Counter[tuple[str, ...]]:
        toks = local[i].tokens
        return Counter(toks[k:k + 3] for k in range(len(toks) - 2))

    total: Counter[tuple[str, ...]] = Counter()
    for j, kept in enumerate(body):
        if kept:
            total.update(trigrams(j))
    dropped = []
    for i in long_lines:
        own = trigrams(i)
        covered = sum(c for t, c in own.items() if total[t] > c)
        if own and covered >= CONTAINER_SHARE * sum(own.values()):
            body[i] = False
            total.subtract(own)
            dropped.append(i)
    return dropped


@dataclass
class _Work:
    """The working state of one layout pass (private to ``layout``)."""

    blocks: Sequence[Block]
    local: Sequence[Local]
    captions: list[bool]
    body: list[bool]
    out: list[Verdict]
    dups: dict[int, int]

    def drop(self, i: int, label: str, reason: str) -> None:
        self.body[i] = self.captions[i] = False
        self.out[i] = Verdict(False, label, reason, self.out[i].score)

    def keep(self, i: int, label: str, reason: str) -> None:
        if self.out[i].label in PINNED_OUT:
            return
        self.body[i] = True
        self.out[i] = Verdict(True, label, reason, self.out[i].score)

    def words(self, lo: int, hi: int) -> int:
        return sum(self.local[i].words for i in range(lo, hi + 1) if self.body[i])

    def prose(self, lo: int, hi: int) -> int:
        return sum(1 for i in range(lo, hi + 1)
                   if self.body[i] and self.local[i].words >= 12 and self.local[i].sentence_end)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A group of runs that may be an article, with its extent and front matter."""

    start: int
    end: int
    floor: int  # the first line it may claim (the line after the previous candidate)
    words: int
    prose: int
    title: int | None
    dek: int | None
    byline: int | None
    title_sim: float  # likeness of its headline to the page title


def _clean_body(w: _Work) -> None:
    """Before grouping: copies, comment threads, container lines, lists, story headlines."""
    blocks, local, body, captions = w.blocks, w.local, w.body, w.captions
    # the dump's first line shaped "Headline | Site" is the page's title, never its text
    if (len(blocks) > 1 and _SITE_SUFFIX.search(blocks[0].text)
            and w.out[0].label in ("boilerplate", "paragraph")):
        w.drop(0, "page-title", 'the page title ("Headline | Site")')
    # a date line on its own is the article's date (read into its metadata), not text
    for i, m in enumerate(local):
        if m.hit is not None and m.hit.cls == "timestamp" and (body[i] or captions[i]):
            w.drop(i, "timestamp", f"timestamp table: {m.hit.rule}")
    # an alt text above its caption, a teaser above its paragraph: keep the fuller copy
    # nearness counts kept lines only: the chrome between two copies goes, and what is near
    # in the output must be near on the page
    rank, kept = [], 0
    for k in range(len(blocks)):
        rank.append(kept)
        kept += body[k] or captions[k]
    for i, j in w.dups.items():
        for _ in range(len(blocks)):  # a copy of a dropped copy: of the line that one repeats
            if j not in w.dups or body[j] or captions[j]:
                break
            j = w.dups[j]
        near = abs(rank[i] - rank[j]) <= 3
        # while the other copy stays, this one goes (the page says it once); a caption far
        # from the copy the model dropped goes too
        if (body[i] or captions[i]) and (body[j] or captions[j] or (not near and not body[i])):
            w.drop(i, "duplicate", f"copy of line {blocks[j].line}")
    for lo, hi in thread_regions(local):
        for i in range(lo, hi + 1):
            if body[i] or captions[i]:
                w.drop(i, "comments", f"reader comments (thread at lines {blocks[lo].line}-"
                                      f"{blocks[hi].line})")
    for i in _drop_containers(body, local, blocks):
        w.drop(i, "duplicate", "repeats the text of other kept lines")
    pinned = [v.label in PINNED_OUT for v in w.out]
    for i in _extend_lists(body, blocks, local, captions, [m.shape for m in local], pinned):
        w.keep(i, "paragraph", "list item next to kept items of the same shape")
    _split_at_headlines(body, blocks, local, captions)


def _group(w: _Work, stop: frozenset[str]) -> list[list[_Run]]:
    """Runs of kept lines joined into groups, one per story."""
    groups: list[list[_Run]] = []
    runs = _runs(w.body)
    for k, run in enumerate(runs):
        if groups:
            prev = groups[-1][-1]
            if (run.start - prev.end - 1 >= NEW_ARTICLE_GAP
                    or _starts_article(prev.end + 1, run.start, w.blocks, w.local, w.captions)
                    or _topic_changes(groups[-1], runs[k:], w.blocks, w.local, w.body, stop)):
                groups.append([run])
                continue
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        for r in _teaser_runs(group, w.blocks, w.local, w.body, stop):
            for i in range(r.start, r.end + 1):
                if w.body[i]:
                    w.drop(i, "teaser", "story teaser after the article")
    return [g for g in groups if w.words(g[0].start, g[-1].end) > 0]


def _extend(w: _Work, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int]:
    """Grow a group's extent by its lede, its last paragraph, subheadings and prose
    paragraphs between its kept lines, within floor..ceiling (the lines between the
    neighbouring groups); return the new (start, end)."""
    blocks, local, body, captions, dups, out = (w.blocks, w.local, w.body, w.captions, w.dups,
                                                w.out)
    n = ceiling + 1
    # the lede and the last paragraph: prose right above the first kept line and right
    # below the last one belong to the body (past a picture or a share bar)
    for i in _adjacent_prose(start, -1, floor, n, blocks, local, captions, dups, out, body):
        w.keep(i, "paragraph", "lede: prose right above the body")
        start = min(start, i)
    for i in _adjacent_prose(end, 1, floor, n, blocks, local, captions, dups, out, body):
        w.keep(i, "paragraph", "prose right below the body")
        end = max(end, i)
    # a text that ends without any page chrome below its body (no footer, no share bar:
    # an article already cleaned) has no chrome there at all
    rest = range(end + 1, n)
    if n == len(blocks) and rest and all(
            local[i].hit is None and not captions[i] and out[i].label in ("boilerplate",
                                                                          "paragraph")
            for i in rest):
        for i in rest:
            if i not in dups:
                w.keep(i, "paragraph", "end of a text without page chrome")
        end = n - 1
    # a subheading between kept lines of the article stays in it
    for i in range(start + 1, end):
        m = local[i]
        if (not body[i] and m.hit is None and not captions[i] and i not in dups
                and body[i + 1] and any(body[max(start, i - 2):i])
                and _headline_shaped(blocks[i].text, m) and m.words <= HEADING_WORDS
                and out[i].score > HEADING_SCORE):
            w.keep(i, "heading", "subheading between kept paragraphs")
    # a prose paragraph between kept lines is article text unless the model is sure not
    for i in range(start, end + 1):
        if (not body[i] and any(body[max(start, i - INSIDE_REACH):i])
                and any(body[i + 1:i + 1 + INSIDE_REACH])
                and _lede_like(i, blocks, local, captions, dups)
                and local[i].words >= INSIDE_WORDS and out[i].score > INSIDE_SCORE
                and out[i].label in ("boilerplate", "paragraph")):
            w.keep(i, "paragraph", "prose inside the article")
    return start, end


def _candidates(w: _Work, groups: list[list[_Run]],
                title_words: frozenset[str]) -> list[_Candidate]:
    out: list[_Candidate] = []
    floor = 0
    for k, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        while not w.body[end]:
            end -= 1
        while not w.body[start]:
            start += 1
        ceiling = groups[k + 1][0].start - 1 if k + 1 < len(groups) else len(w.blocks) - 1
        start, end = _extend(w, start, end, floor, ceiling)
        words = title_words if not out else frozenset()
        nxt = _kept_headline(w, start, end)
        if nxt is not None:
            # the model kept the headline with the body: the title unless a better one is above
            w.body[start] = False
            if _front_matter(nxt, floor, w.blocks, w.local, w.captions, w.body, words, w.dups,
                             own_headline=len(groups) > 1)[0] == start:
                start = nxt
            else:
                w.body[start] = True
        t, d, by = _front_matter(start, floor, w.blocks, w.local, w.captions, w.body,
                                 words, w.dups, own_headline=len(groups) > 1)
        if t is not None and by is None:
            d, by, start = _byline_below(w, t, d, start, end)
        sim = 0.0
        if t is not None and title_words:
            tw = _words(w.blocks[t].text)
            sim = len(tw & title_words) / max(1, min(len(tw), len(title_words)))
        out.append(_Candidate(start, end, floor, w.words(start, end), w.prose(start, end),
                              t, d, by, sim))
        floor = end + 1
    return out


def _byline_below(w: _Work, t: int, d: int | None, start: int, end: int
                  ) -> tuple[int | None, int | None, int]:
    """A byline a line or two below the headline, which the body already reached: the kept
    line between them is the standfirst, and the body starts below the byline.  Returns the
    (dek, byline, body start)."""
    for b in range(t + 1, min(end, t + 1 + BYLINE_REACH)):
        hit = w.local[b].hit
        if hit is None or hit.cls != "byline" or w.body[b]:
            continue
        above = [i for i in range(t + 1, b) if w.body[i]]
        if len(above) > 1 or any(w.local[i].words > DEK_WORDS for i in above):
            break
        if above:
            if d is not None:
                break
            d = above[0]
            w.body[d] = False
        start = next((i for i in range(b + 1, end + 1) if w.body[i]), start)
        return d, b, start
    return d, None, start


def _main(candidates: Sequence[_Candidate]) -> _Candidate | None:
    """The page's main article: the one whose headline is the page title, else the longest."""
    if not candidates:
        return None
    titled = [c for c in candidates if c.title_sim >= MAIN_TITLE_SIMILARITY and c.prose]
    if titled:
        return max(titled, key=lambda c: (c.title_sim, c.words))
    return max(candidates, key=lambda c: c.words)


def _is_article(c: _Candidate, main: _Candidate | None) -> tuple[bool, str]:
    """Beside the page's main article, only a real story counts: a headline and
    SECONDARY_MIN_WORDS words in at least two paragraphs."""
    if c is main:
        return True, ""
    if c.words < MIN_ARTICLE_WORDS and c.prose < MIN_ARTICLE_PARAGRAPHS:
        return False, f"too small to be an article ({c.words} words)"
    if c.words < SECONDARY_MIN_WORDS or c.prose < MIN_ARTICLE_PARAGRAPHS or c.title is None:
        return False, f"short text beside the main article ({c.words} words)"
    return True, ""


def _article(w: _Work, c: _Candidate, number: int, source: str, doc_index: int,
             language: str | None) -> Article:
    """Roles and parts of one article; updates the verdicts of its lines."""
    blocks, local, body, captions, out = w.blocks, w.local, w.body, w.captions, w.out
    t, d, by = c.title, c.dek, c.byline
    if t is not None:
        title_key = local[t].key
        for i in range(c.floor, c.end + 1):
            if i != t and local[i].key == title_key and (body[i] or captions[i]):
                w.drop(i, "duplicate", "copy of the headline")
        out[t] = Verdict(True, "title", "headline above the body", out[t].score, number)
    if d is not None:
        out[d] = Verdict(True, "dek", "standfirst below the headline", out[d].score, number)
    if by is not None:
        out[by] = Verdict(True, "byline", "author line above the body", out[by].score, number)
    parts: list[Part] = []
    first = t + 1 if t is not None else c.start
    members = [i for i in range(first, c.end + 1) if body[i] or captions[i]]
    lead = [i for i in members if body[i]][:2]
    if (d is None and t is not None and len(lead) == 2 and local[lead[0]].words <= DEK_WORDS
            and dateline(blocks[lead[0]].text)[1] is None
            and dateline(blocks[lead[1]].text)[1] is not None):
        # a line between the headline and the dateline paragraph ("ASHFORD (AP) —") is the
        # standfirst or an uncredited caption, not the story's first paragraph
        d = lead[0]
        members.remove(d)
        out[d] = Verdict(True, "dek", "standfirst above the dateline paragraph", out[d].score,
                         number)
    for k, i in enumerate(members):
        text = blocks[i].text
        if captions[i]:
            parts.append(Part("caption", text))
            out[i] = Verdict(True, "caption", "photo caption", out[i].score, number)
            continue
        if _is_heading(k, members, local, body):
            parts.append(Part("heading", strip_decoration(text)))
            out[i] = Verdict(True, "heading", "short line introducing a paragraph",
                             out[i].score, number)
        else:
            parts.append(Part("paragraph", text))
            out[i] = Verdict(True, "paragraph", out[i].reason, out[i].score, number)
    paragraphs = [p.text for p in parts if p.kind == "paragraph"]
    place, agency = dateline(paragraphs[0]) if paragraphs else (None, None)
    return Article(
        source=source, index=number, title=blocks[t].text if t is not None else None,
        dek=blocks[d].text if d is not None else None, dateline=place, agency=agency,
        byline=blocks[by].text if by is not None else None,
        parts=tuple(parts), language=language, doc_index=doc_index,
        date=article_date(blocks, local, body, c.floor, t if t is not None else c.start,
                          c.end, language),
    )


def _is_heading(k: int, members: Sequence[int], local: Sequence[Local],
                body: Sequence[bool]) -> bool:
    """A short line without sentence punctuation that introduces a longer paragraph (and is
    not one item of a list of lines of its shape)."""
    i = members[k]
    m = local[i]
    nxt = next((j for j in members[k + 1:] if body[j]), None)
    prv = members[k - 1] if k > 0 else None
    return (m.words <= 12 and not m.sentence_end and not m.key.endswith((",", ";"))
            and nxt is not None
            and (local[nxt].words >= 2 * m.words + 4 or local[nxt].sentence_end)
            and local[nxt].shape != m.shape
            and (prv is None or not m.shape or local[prv].shape != m.shape))


def _fallback(w: _Work) -> None:
    """When the model keeps (almost) no prose, keep the page's best run of prose paragraphs
    — at least FALLBACK_PARAGRAPHS of them, no further apart than two lines — if there is
    one."""
    # a text without a single line of page chrome (its byline and date lines aside) is an
    # article already cleaned: one paragraph is enough there, and one cut short ("…") counts
    cleaned = all(m.hit is None or m.hit.cls in FRONT_MATTER_CLASSES for m in w.local)
    needed = 1 if cleaned else FALLBACK_PARAGRAPHS
    best: list[int] = []
    run: list[int] = []
    for i in range(len(w.blocks)):
        m = w.local[i]
        prose = ((_lede_like(i, w.blocks, w.local, w.captions, w.dups) and m.sentence_end)
                 or (cleaned and m.words >= 8 and m.hit is None and not w.captions[i]))
        if (prose and w.out[i].label in ("boilerplate", "paragraph")
                and w.out[i].score > FALLBACK_SCORE):
            if run and i - run[-1] > 3:
                run = []
            run.append(i)
            if sum(w.local[j].words for j in run) > sum(w.local[j].words for j in best):
                best = list(run)
    if len(best) >= needed:
        for i in best:
            w.keep(i, "paragraph", "best run of prose on a page where the model kept none")


def layout(blocks: Sequence[Block], local: Sequence[Local], keep: Sequence[bool],
           verdicts: Sequence[Verdict], title_words: frozenset[str], dups: dict[int, int],
           source: str = "", doc_index: int = 0, language: str | None = None,
           stop: frozenset[str] = frozenset()) -> Layout:
    """Arrange the kept blocks of one document into articles (see the module docstring)."""
    captions = [is_caption(b.text, m.words) and v.label not in PINNED_OUT
                for b, m, v in zip(blocks, local, verdicts, strict=True)]
    w = _Work(blocks, local, captions, [k and not c for k, c in zip(keep, captions, strict=True)],
              list(verdicts), dups)
    _clean_body(w)
    if w.prose(0, len(blocks) - 1) < FALLBACK_PARAGRAPHS:
        _fallback(w)
    candidates = _candidates(w, _group(w, stop), title_words)
    main = _main(candidates)
    articles: list[Article] = []
    for c in candidates:
        ok, why = _is_article(c, main)
        if not ok:
            for i in range(c.start, c.end + 1):
                if w.body[i]:
                    w.drop(i, "fragment", why)
            continue
        articles.append(_article(w, c, len(articles), source, doc_index, language))
    return Layout(tuple(w.out), tuple(articles))


@dataclass(frozen=True, slots=True)
class _Run:
    start: int  # first kept block
    end: int  # last kept block (inclusive)


def _runs(keep: Sequence[bool]) -> list[_Run]:
    """Maximal runs of consecutive kept blocks."""
    runs = []
    i, n = 0, len(keep)
    while i < n:
        if keep[i]:
            j = i
            while j + 1 < n and keep[j + 1]:
                j += 1
            runs.append(_Run(i, j))
            i = j + 1
        else:
            i += 1
    return runs
