"""Article dates: the day (and time) an article was published, read from its own date line.

    lines around the headline ─ candidates ─► date spans ─ read ─► labels ─► choose ─► ISO 8601

* **Candidates.**  Only the lines around an article's headline are looked at, within the
  article's own stretch of the page (a comment thread or the next story is never reached):
  the ``LINES_AFTER`` lines below it, and the ``LINES_BEFORE`` lines above it only when
  those below give no date (a teaser's date often sits just above the next headline).
  Lines the classifier kept as article text are skipped, except the first
  ``BODY_TOP_LINES`` lines of the body (a date line it kept sits there; a date further down
  is the text's: a quoted post, a timeline).  A candidate is a date line when a date span is
  found in it and either the chrome tables call it a ``timestamp`` or ``byline`` line, or
  it is short and the span is nearly all of it: at most ``REST_WORDS`` other words (a label,
  a name, "min read"), and not a sentence.  Prose that mentions a date ("The council meets
  again on June 3, 2025.") is not a date line.
* **Spans** are found by the shapes of ``DATE_SHAPES`` (named, commented, each with an
  example the tests read): ISO 8601, day-month-year and year-month-day in digits, Chinese,
  Japanese and Korean dates, and dates with the month written as a word in either order, each
  with an optional time before or after it and an optional numeric UTC offset.  Text that a
  dump glued together ("By Ana LindPublished: Jan 29, 2025", "June 29, 2020November 12,
  2021") is pulled apart first (``unglue``).
* **Reading.**  What is written in digits is read by the shape that found it (``datetime``
  checks that the day exists; ISO spans go to ``datetime.fromisoformat``).  A month written
  as a word is read by ``dateparser`` in the document's language and English, imported only
  when such a span exists; it is given the word alone ("15 März 2001"), so its answer is
  remembered per word.  Day and month written in digits with slashes or dashes
  ("03/04/2025") are read day first, except in English, where they are read only when one
  order is impossible ("25/03/2025", "3/25/2025").
* **Labels** (``DATE_LABELS``): a date right after "Updated", "Aktualisiert am", ... is an
  update; after "Joined", "Commented", "Released", ... it is the date of something else and
  is never used.
* **Choosing.**  The earliest date that is not an update wins: a page that shows "March 4
  ... March 9" gives the publication date, since an update never comes before the
  publication (and the dates of reader comments come after it).  A page that shows only when
  it was updated gives no date: that is not the day it was published.  Of several lines with
  the chosen day, the first that gives a time gives the time.

The result is ``YYYY-MM-DD``; ``YYYY-MM-DDTHH:MM`` when the date line gives a time (the page's
wall-clock time, seconds dropped); ``YYYY-MM-DDTHH:MM+HH:MM`` when it also gives a numeric
offset or UTC/GMT.  A zone name ("EST", "IST", "MEZ") adds no offset: many are ambiguous
(IST is India, Ireland or Israel).  Relative times ("2 days ago", "gestern") and dates
without a year ("November 20") give no date: the text holds no reference date to resolve
them against.

>>> date_in_lines(["Harbour ferry returns", "By Maren Lindqvist",
...                "Published March 4, 2025 at 6:10 am", "NORTHBAY — The ferry ..."], 0, "en")
'2025-03-04T06:10'
>>> date_in_lines(["Neue Fähre für den Hafen", "12.03.2025, 14:20 Uhr"], 0, "de")
'2025-03-12T14:20'
>>> date_in_lines(["A headline", "The council meets again on June 3, 2025."], 0, "en") is None
True
"""

from __future__ import annotations

import ast
import importlib.util
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

LINES_BEFORE = 3  # lines above the headline searched when none below gives a date
LINES_AFTER = 8  # lines below the headline searched (dek, byline, picture, date)
REST_WORDS = 6  # words besides the date a line may hold and still be a date line
MAX_LINE_CHARS = 200  # longer lines are prose, never a date line
BODY_TOP_LINES = 3  # lines at the top of the body where a kept line may be the date line
LABELLED = frozenset({"timestamp", "byline"})  # chrome classes whose lines may carry the date


class DateShape(NamedTuple):
    """One way pages write a date: a named regular expression with a comment and an example
    line it must read (the tests check every example).

    Named groups: ``iso`` (an ISO 8601 date-time), or ``y``, ``m``, ``d`` (digits), or ``y``,
    ``month`` (a word), ``d``, or ``p``, ``q``, ``y`` (day and month in an order the
    language decides); then optionally the time ``H``, ``M``, ``ap`` (after the date) or
    ``pH``, ``pM``, ``pap`` (before it), and ``off``, a numeric offset.  ``expect`` is what
    the example reads as."""

    name: str
    regex: str
    comment: str
    example: str
    expect: str  # what the example reads as


# --- building blocks (bounded repetitions only: a line costs microseconds) ----------------

# A year of this century or the last; it may run straight into a time or a day the dump
# glued to it ("20236:01 PM", "202430. Januar"), never into a longer number.
_YEAR = r"(?P<y>(?:19|20)\d{2})(?=\D|$|\d{1,2}[.:h\s])"
_DAY = r"(?<!\d)(?P<d>[0-3]?\d)"
_ORDINAL = r"(?:st|nd|rd|th|er|e|º|\.)?"
_MONTH_WORD = r"(?<![^\W\d_])(?P<month>[^\W\d_]{3,12}\.?)"
# A time after the date: "at 6:10 am", ", 14:20 Uhr", " - 4.34pm", "um 15:44", ", kl. 13.05",
# "23:52", "14時20分", then maybe a numeric offset or UTC/GMT ("GMT+1", "+02:00").
_TIME_AFTER = (r"(?:(?:\s?[,|@•·–—(-]{1,2})?\s?(?:(?:at|um|à|às|om|alle|kl\.?|a las)\s)?"
               r"(?P<H>[01]?\d|2[0-3])\s?[:.h時시]\s?(?P<M>[0-5]\d)(?::[0-5]\d)?\s?[分분]?"
               r"(?:\s?(?P<ap>[ap])\.?\s?m\b\.?)?"
               r"(?:\s?\(?(?P<off>(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?|[+−-]\d{2}:?\d{2}"
               r"|UTC\b|GMT\b))?)?")
# A time before the date: "12:20pm Jan 7, 2024", "20:00, 29 Jan 2024", "21:17 18.11.2019".
_TIME_BEFORE = (r"(?:(?<!\d)(?P<pH>[01]?\d|2[0-3])[:.h](?P<pM>[0-5]\d)"
                r"(?:\s?(?P<pap>[ap])\.?\s?m\b\.?)?\s?[,|•·–—-]?\s)?")

DATE_SHAPES: tuple[DateShape, ...] = (
    DateShape("iso", r"(?<!\d)(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d"
              r"(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?)(?![\d:])",
              "an ISO 8601 date or date-time, maybe with its offset",
              "Last Updated: 2025-02-22T09:30:00+01:00", "2025-02-22T09:30+01:00"),
    DateShape("day-month-year-dots", rf"{_TIME_BEFORE}{_DAY}\.\s?(?P<m>[01]?\d)\.\s?{_YEAR}"
              rf"{_TIME_AFTER}",
              "day, month and year in digits with dots, as in most of Europe",
              "12.03.2025, 14:20 Uhr", "2025-03-12T14:20"),
    DateShape("day-month-year-slashes", rf"{_TIME_BEFORE}(?<!\d)(?P<p>[0-3]?\d)(?P<sep>[/-])"
              rf"(?P<q>[0-3]?\d)(?P=sep){_YEAR}{_TIME_AFTER}",
              "day and month in digits with slashes or dashes: day first, or month first "
              "in English (read only when one order is impossible)",
              "Zuerst veröffentlicht am 30/04/2024 - 16:17", "2024-04-30T16:17"),
    DateShape("year-month-day", rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})\.?\s?(?P<sep>[./])\s?"
              rf"(?P<m>[01]?\d)\s?(?P=sep)\s?(?P<d>[0-3]?\d)(?!\d)\.?{_TIME_AFTER}",
              "year, month and day in digits with slashes or dots (East Asia, Hungary)",
              "EcoFlow- 2025/4/29", "2025-04-29"),
    DateShape("year-month-day-cjk", r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?[年년]\s?(?P<m>[01]?\d)\s?"
              rf"[月월]\s?(?P<d>[0-3]?\d)\s?[日일](?:\s?[(（][^\d\s]{{1,3}}[)）])?{_TIME_AFTER}",
              "a Chinese, Japanese or Korean date, maybe with the weekday and the time",
              "2024年04月24日23:52 | 来源：新华网", "2024-04-24T23:52"),
    DateShape("day-month-word-year", rf"{_TIME_BEFORE}{_DAY}{_ORDINAL}\s?(?:de\s)?{_MONTH_WORD},?\s"
              rf"(?:de\s|del\s)?{_YEAR}{_TIME_AFTER}",
              "day, month as a word, year: most languages",
              "Publié le 8 avril 2024 à 14h20", "2024-04-08T14:20"),
    DateShape("month-word-day-year", rf"{_TIME_BEFORE}{_MONTH_WORD}\s{_DAY}(?:st|nd|rd|th)?,?\s"
              rf"{_YEAR}{_TIME_AFTER}",
              "month as a word, day, year: English and a few others",
              "Updated Oct 12, 2024", "2024-10-12"),
)



class DateLabel(NamedTuple):
    """Words right before a date that say it is not the publication date: an ``updated``
    one, or the date of something ``other`` (a forum member's sign-up, a comment, a product's
    release).  Neither is ever the article's date.  Each entry has an example line whose
    date carries the label (the tests check it)."""

    name: str
    kind: Literal["updated", "other"]
    regex: str
    comment: str
    example: str


DATE_LABELS: tuple[DateLabel, ...] = (
    DateLabel("updated", "updated", r"(?:last\s)?(?:updated|modified|edited|revised)",
              "an update in English", "Last updated: January 12, 2026"),
    DateLabel("updated-elsewhere", "updated",
              r"aktualisiert|zuletzt geändert|mis à jour|modifié le|actualizado|actualizada"
              r"|aggiornato|bijgewerkt|oppdatert|uppdaterad|opdateret|atualizado|atualizada"
              r"|zaktualizowano|aktualizováno|güncelle\w{0,5}|обновлено|更新",
              "an update in German, French, Spanish, Italian, Dutch, the Scandinavian "
              "languages, Portuguese, Polish, Czech, Turkish, Russian, Chinese and Japanese",
              "Aktualisiert am 28. April 2023, 20:22 Uhr"),
    DateLabel("member", "other", r"joined|registered|member since|mitglied seit|inscrit le",
              "a forum member's sign-up date beside a post", "Joined: Mon Jul 24, 2017 9:28 am"),
    DateLabel("comment", "other", r"commented|replied|answered",
              "a comment or answer under the article", "Commented Sep 19, 2016 at 17:02"),
    DateLabel("event", "other", r"founded|established|released|release date|born|died"
              r"|expires|deadline|valid until",
              "the date of something else than the article", "Founded: Dec 11, 2021"),
)


# Where a dump lost the space between two page elements: a lower-case letter before an
# upper-case one ("MillerPublished"), a word before a digit ("Publiziert17."), a year
# before a word ("2020November"); never the "T" of an ISO date-time ("2025-03-04T06:10").
_GLUED = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])|(?<=[^\W\d_]{2})(?=\d)"
                    r"|(?<=(?:19|20)\d\d)(?=[^\W\d_]{2})")
# a label, then maybe a colon, a short word or two ("on", "am", "le", a weekday), then the date
_LABEL_TAIL = r"\b\W{0,3}(?:[^\W\d_]{1,10}\W{1,3}){0,2}$"


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[re.Pattern[str], ...], tuple[tuple[DateLabel, re.Pattern[str]], ...]]:
    """The shapes and labels compiled, on first use (compiling takes ~15 ms: a page without
    a digit near its headline never pays it)."""
    shapes = tuple(re.compile(shape.regex, re.IGNORECASE) for shape in DATE_SHAPES)
    labels = tuple((lab, re.compile(rf"(?<![a-zà-ÿ])(?:{lab.regex}){_LABEL_TAIL}",
                                    re.IGNORECASE)) for lab in DATE_LABELS)
    return shapes, labels
_YEARISH = re.compile(r"(?:19|20)\d\d")  # every shape holds a year: a cheap test first
_REST_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?。]\s*$")
_OFFSET = re.compile(r"(?:UTC|GMT)?\s?([+−-])\s?(\d{1,2}):?(\d{2})?", re.IGNORECASE)
# newsconv's language codes that dateparser knows by another name
_DATEPARSER_CODES = {"no": "nb"}  # Norwegian: dateparser has Bokmål and Nynorsk


def unglue(text: str) -> str:
    """Put back the spaces a dump lost between page elements.

    >>> unglue("By Ana LindPublished: Jan 29, 2025")
    'By Ana Lind Published: Jan 29, 2025'
    >>> unglue("Posted on June 29, 2020November 12, 2021")
    'Posted on June 29, 2020 November 12, 2021'
    """
    return _GLUED.sub(" ", text)


class Found(NamedTuple):
    """A date read from one line: the day, the time if the line gives one, the offset if it
    gives a numeric one."""

    day: date
    clock: time | None = None
    offset: timedelta | None = None
    kind: str = "published"  # or "updated" (see DATE_LABELS): never the article's date

    def iso(self) -> str:
        """ISO 8601, as precise as the line.

        >>> Found(date(2025, 3, 4)).iso()
        '2025-03-04'
        >>> Found(date(2025, 3, 4), time(6, 10), timedelta(hours=-5)).iso()
        '2025-03-04T06:10-05:00'
        """
        if self.clock is None:
            return self.day.isoformat()
        tz = timezone(self.offset) if self.offset is not None else None
        return datetime.combine(self.day, self.clock, tz).isoformat(timespec="minutes")


def find_dates(line: str, language: str | None = None) -> list[Found]:
    """Every date written in ``line``, in reading order (spans found by ``DATE_SHAPES``
    that do not overlap an earlier, longer one).

    >>> [f.iso() for f in find_dates("Posted on June 29, 2020November 12, 2021", "en")]
    ['2020-06-29', '2021-11-12']
    >>> [f.iso() for f in find_dates("2 days ago", "en")]
    []
    """
    text = unglue(line)
    found: list[Found] = []
    for _, match in _spans(text):
        value = _read(match, language)
        if value is not None:
            found.append(value)
    return found


def _spans(text: str) -> list[tuple[int, re.Match[str]]]:
    """Non-overlapping spans of every shape, leftmost first, the longest at a start."""
    if not _YEARISH.search(text):
        return []
    matches = [m for regex in _tables()[0] for m in regex.finditer(text)]
    matches.sort(key=lambda m: (m.start(), -m.end()))
    out: list[tuple[int, re.Match[str]]] = []
    end = -1
    for m in matches:
        if m.start() >= end:
            out.append((m.start(), m))
            end = m.end()
    return out


def _read(m: re.Match[str], language: str | None) -> Found | None:
    """The date a span says, or None when it names no real day (or its reading is unsure)."""
    g = m.groupdict()
    if g.get("iso"):
        return _read_iso(g["iso"])
    year = int(g["y"])
    if g.get("month"):
        day_first = m.start("d") < m.start("month")
        month = _month_from_words(g["month"], day_first, language)
        day = int(g["d"])
    elif g.get("p"):
        order = _slashed_order(int(g["p"]), int(g["q"]), language)
        if order is None:
            return None
        day, month = order
    else:
        day, month = int(g["d"]), int(g["m"])
    if month is None:
        return None
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    hour, minute, ap = ((g.get("H"), g.get("M"), g.get("ap")) if g.get("H")
                        else (g.get("pH"), g.get("pM"), g.get("pap")))
    clock = _clock(hour, minute, ap)
    offset = _offset(g.get("off")) if clock is not None else None
    return Found(when, clock, offset)


def _read_iso(text: str) -> Found | None:
    """An ISO 8601 span through the standard library.

    >>> _read_iso("2024-05-03T15:47:42.389Z").iso()
    '2024-05-03T15:47+00:00'
    """
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:
        return Found(stamp.date())
    return Found(stamp.date(), stamp.time().replace(second=0, microsecond=0),
                 stamp.utcoffset())


def _slashed_order(p: int, q: int, language: str | None) -> tuple[int, int] | None:
    """(day, month) of "p/q/year": day first, as most of the world writes it, except in
    English, where "3/4/2025" is March 4 in the United States and 3 April elsewhere: there
    only a date that can be read one way is read.

    >>> _slashed_order(30, 4, "en"), _slashed_order(9, 25, "en"), _slashed_order(3, 4, "en")
    ((30, 4), (25, 9), None)
    >>> _slashed_order(3, 4, "fr")
    (3, 4)
    """
    day_first, month_first = 1 <= q <= 12, 1 <= p <= 12
    if day_first and (not month_first or p == q or language != "en"):
        return p, q
    if month_first and not day_first:
        return q, p
    return None


def _clock(hour: str | None, minute: str | None, ap: str | None) -> time | None:
    """The time of day from the digits and am/pm, or None (none given, or impossible).

    >>> _clock("6", "10", "p"), _clock("12", "05", "a"), _clock("14", "20", "p")
    (datetime.time(18, 10), datetime.time(0, 5), None)
    """
    if hour is None or minute is None:
        return None
    h = int(hour)
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap.lower() == "p" else 0)
    return time(h, int(minute))


def _offset(text: str | None) -> timedelta | None:
    """A numeric UTC offset ("GMT+1", "+02:00", "UTC" alone is zero), or None.

    >>> _offset("GMT+1"), _offset("-0430"), _offset("UTC")
    (datetime.timedelta(seconds=3600), datetime.timedelta(days=-1, seconds=70200), \
datetime.timedelta(0))
    """
    if not text:
        return None
    m = _OFFSET.search(text)
    if m is None:
        return timedelta(0)  # UTC or GMT alone
    sign = -1 if m.group(1) in "-−" else 1
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    return sign * delta if delta <= timedelta(hours=14) else None


def _month_from_words(word: str, day_first: bool, language: str | None) -> int | None:
    """The month a month word names ("März", "Dec.", "мая") in the document's language or
    English, as dateparser reads it, or None when it names none.

    The word is first looked up in dateparser's own month words for those languages
    (``_month_words``): pages name their months as dateparser's data lists them, and the
    lookup gives dateparser's answer (``tests/test_dates.py`` checks every month word of
    every language newsconv detects against the parser) without loading the parser, which
    takes about a fifth of a second: the whole budget of a one-page run.  Any other word
    goes to dateparser itself, in a date of its own making ("15 März 2001": the day and
    year are the digits the shape found), whose answer is remembered per word
    (``_month_number``)."""
    languages = _languages(language)
    found = _month_in_tables(word, languages)
    if found is not None:
        return found
    return _month_number(word.casefold(), day_first, languages)


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")


def _fold(word: str) -> str:
    """A word as dateparser compares it: lower case, accents dropped, no final dot.

    >>> _fold("Déc."), _fold("MÄRZ"), _fold("ΜΑΐΟΥ")
    ('dec', 'marz', 'μαιου')
    """
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").rstrip(".")


def _month_in_tables(word: str, languages: tuple[str, ...]) -> int | None:
    """The month ``word`` names in the first of ``languages`` whose month words hold it,
    or None (no month word there, or a language without data: dateparser decides)."""
    folded = _fold(word.casefold())  # the parser is given the case-folded word
    for code in languages:
        table = _month_words(code)
        if table is None:
            return None
        if folded in table:
            return table[folded]
    return None


def _json_literal(text: str) -> Any:
    """The value of a data file ``info = {...}`` whose literal is also JSON (dateparser's
    are), read by the JSON parser: some fifteen times faster than ``ast`` (start-up time).
    None when it is not."""
    import json
    name, _, literal = text.partition("=")
    if name.strip() != "info":
        return None
    try:
        return json.loads(literal)
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _month_words(code: str) -> dict[str, int] | None:
    """The month words of one of dateparser's languages (folded, ``_fold``) and their
    months, read from dateparser's language data (``dateparser/data/
    date_translation_data/<code>.py``: a dict literal, parsed as data (as JSON, which it
    is, else by ``ast``), never run) without
    importing dateparser; a word two months share is left out.  None when dateparser or
    the language is absent."""
    spec = importlib.util.find_spec("dateparser")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "data" / "date_translation_data" / f"{code}.py"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    info = _json_literal(text)
    if info is None:
        try:
            statement = ast.parse(text).body[0]
            if not isinstance(statement, ast.Assign):
                return None
            info = ast.literal_eval(statement.value)
        except (SyntaxError, ValueError, IndexError, TypeError):
            return None
    if not isinstance(info, dict):
        return None
    words: dict[str, int] = {}
    shared: set[str] = set()
    for number, key in enumerate(_MONTH_KEYS, 1):
        for name in info.get(key, ()):
            folded = _fold(str(name))
            if not folded.isalpha():
                continue  # "tháng năm", "d'abril": the date shapes take one word only
            if words.setdefault(folded, number) != number:
                shared.add(folded)
    for folded in shared:
        del words[folded]
    return words


@lru_cache(maxsize=4096)
def _month_number(word: str, day_first: bool, languages: tuple[str, ...]) -> int | None:
    """dateparser's reading of a case-folded month word, in a date of its own making (a
    memo of a pure function: it changes no result, only how long the next page takes)."""
    parser = _parser(languages)
    if parser is None:
        return None
    probe = f"15 {word} 2001" if day_first else f"{word} 15, 2001"
    try:
        found = parser.get_date_data(probe).date_obj
    except Exception:  # dateparser raises assorted errors on odd text: then it is no month
        return None
    if found is None or (found.day, found.year) != (15, 2001):
        return None
    return int(found.month)


def _languages(language: str | None) -> tuple[str, ...]:
    """The dateparser languages for a document language: it, then English."""
    code = _DATEPARSER_CODES.get(language or "", language)
    return ("en",) if code is None or code == "en" else (code, "en")


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...]) -> Any:
    """dateparser's parser for these languages, imported on first use (importing it and
    loading its first language takes about a fifth of a second); None when dateparser is
    not installed.  Caching it changes no result, only the time a second call takes."""
    try:
        from dateparser.data.languages_info import language_order
        from dateparser.date import DateDataParser
    except ImportError:
        return None
    known = [code for code in languages if code in language_order] or ["en"]
    return DateDataParser(languages=known, settings={
        "PARSERS": ["absolute-time"],  # never "2 days ago" against today's clock
        "REQUIRE_PARTS": ["day", "month", "year"],  # never a day or year filled in
    })


# --- the article's date -----------------------------------------------------------------

def candidate_lines(texts: Sequence[str], anchor: int) -> Iterator[int]:
    """Indexes of the lines around ``anchor`` (the headline) that may hold its date: those
    below it, nearest first, then those above it, nearest first."""
    below = range(max(0, anchor + 1), min(len(texts), anchor + 1 + LINES_AFTER))
    above = range(min(anchor, len(texts)) - 1, max(-1, anchor - 1 - LINES_BEFORE), -1)
    for i in (*below, *above):
        text = texts[i]
        if len(text) <= MAX_LINE_CHARS and _YEARISH.search(text):
            yield i


def date_line(text: str, cls: str | None, language: str | None) -> list[Found]:
    """The dates of ``text`` if it is a date line (see the module docstring), else none.

    >>> [f.iso() for f in date_line("By Anton Weiss | May 12, 2025", None, "en")]
    ['2025-05-12']
    >>> date_line("The council meets again on June 3, 2025.", None, "en")
    []
    """
    text = unglue(text)
    spans = _spans(text)
    if not spans:
        return []
    if cls not in LABELLED:
        rest = text
        for _, m in reversed(spans):
            rest = rest[:m.start()] + " " + rest[m.end():]
        words = len(_REST_WORD.findall(rest))
        if words > REST_WORDS or (words > 2 and _SENTENCE_END.search(text)):
            return []
    found = []
    before = 0  # where the text before this span starts (the end of the previous one)
    for _, m in spans:
        label = label_of(text[max(before, m.start() - 60):m.start()])
        before = m.end()
        if label is not None and label.kind == "other":
            continue
        value = _read(m, language)
        if value is not None:
            found.append(value if label is None else value._replace(kind=label.kind))
    return found


def label_of(before: str) -> DateLabel | None:
    """The label of a date from the text right before it, if one of ``DATE_LABELS``.

    >>> label_of("Adam Lind · Last updated on ").name, label_of("Joined: Mon ").kind
    ('updated', 'other')
    >>> label_of("Published ") is None
    True
    """
    for label, regex in _tables()[1]:
        if regex.search(before):
            return label
    return None


def choose(found: Sequence[Found]) -> Found | None:
    """The article's date among the dates of its date lines (in line order): the earliest
    day that is not an update, with the first time given for that day.

    >>> choose([Found(date(2025, 3, 9), time(8, 0)), Found(date(2025, 3, 4)),
    ...         Found(date(2025, 3, 4), time(6, 10))]).iso()
    '2025-03-04T06:10'
    """
    found = [f for f in found if f.kind == "published"]
    if not found:
        return None
    day = min(f.day for f in found)
    same = [f for f in found if f.day == day]
    return next((f for f in same if f.clock is not None), same[0])


def date_in_lines(texts: Sequence[str], anchor: int, language: str | None,
                  classes: Sequence[str | None] | None = None) -> str | None:
    """The ISO date of the article whose headline is line ``anchor`` of ``texts`` (the lines
    of its own stretch of the page; ``classes`` their chrome classes), or None: chosen among
    the date lines below the headline, or, when they give none, those above it."""
    labels = classes if classes is not None else [None] * len(texts)
    below: list[Found] = []
    above: list[Found] = []
    for i in candidate_lines(texts, anchor):
        (below if i > anchor else above).extend(date_line(texts[i], labels[i], language))
    chosen = choose(below) or choose(above)
    return chosen.iso() if chosen is not None else None
