"""Article dates (newsconv.dates): every shape and label reads its own example, dates in many
languages, the lines that must give no date, the choice between several dates, the article
level through the whole pipeline, and no exception on any text.  Every page and line here is
invented for these tests."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsconv
from newsconv import dates
from newsconv.dates import (
    DATE_LABELS,
    DATE_SHAPES,
    choose,
    date_in_lines,
    date_line,
    find_dates,
    label_of,
    unglue,
)
from newsconv.model import Article, Part
from newsconv.render import to_markdown, to_record, to_text
from tests.paths import ROOT, SEED, needs_seed
from tests.test_patterns_safety import GUARD, TOKENS, adversarial


def isos(line: str, language: str | None = "en") -> list[str]:
    return [f.iso() for f in find_dates(line, language)]


# --- the tables ---------------------------------------------------------------------------

@pytest.mark.parametrize("shape", DATE_SHAPES, ids=[s.name for s in DATE_SHAPES])
def test_shape_reads_its_example(shape: dates.DateShape) -> None:
    assert re.search(shape.regex, unglue(shape.example), re.IGNORECASE), shape.name
    language = "de" if "veröffentlicht" in shape.example else "fr" if "Publié" in shape.example \
        else "en"
    assert isos(shape.example, language) == [shape.expect]


@pytest.mark.parametrize("label", DATE_LABELS, ids=[lab.name for lab in DATE_LABELS])
def test_label_names_its_example(label: dates.DateLabel) -> None:
    text = unglue(label.example)
    start = dates._spans(text)[0][0]  # where the example's date begins
    found = label_of(text[:start])
    assert found is not None and found.name == label.name
    # a labelled date is never the article's date
    language = "de" if label.name.endswith("elsewhere") else "en"
    assert choose(date_line(label.example, None, language)) is None


def test_label_words_inside_other_words_are_no_label() -> None:
    assert label_of("Mike Osborne ") is None
    assert label_of("The unedited ") is None
    assert label_of("Published ") is None


# --- reading ------------------------------------------------------------------------------

LINES = [  # (line, document language, date)
    ("Published March 4, 2025 at 6:10 am", "en", "2025-03-04T06:10"),
    ("Updated Oct 12, 2024", "en", "2024-10-12"),
    ("By Ana Lind | 3rd May 2024, 11:05 p.m.", "en", "2024-05-03T23:05"),
    ("Tuesday, 26 November 2024 9:27PM", "en", "2024-11-26T21:27"),
    ("12:20pm Jan 7, 2024", "en", "2024-01-07T12:20"),
    ("12.03.2025, 14:20 Uhr", "de", "2025-03-12T14:20"),
    ("Veröffentlicht am 12. März 2025 um 8:05", "de", "2025-03-12T08:05"),
    ("Publié le 8 avril 2024 à 14h20", "fr", "2024-04-08T14:20"),
    ("Publicado el 4 de marzo de 2025", "es", "2025-03-04"),
    ("Pubblicato il 23 ottobre 2025, 07:45", "it", "2025-10-23T07:45"),
    ("Gepubliceerd op 24 januari 2025", "nl", "2025-01-24"),
    ("Publisert 3. mai 2024 kl. 13.05", "no", "2024-05-03T13:05"),
    ("Publisert 05.08.2024, kl. 13.05 Oppdatert 05.08.2024, kl. 13.52", "no", "2024-08-05T13:05"),
    ("Opublikowano 5 listopada 2024", "pl", "2024-11-05"),
    ("Yayınlanma 12 Şubat 2025", "tr", "2025-02-12"),
    ("Опубликовано 3 мая 2024", "ru", "2024-05-03"),
    ("2024年5月3日", "ja", "2024-05-03"),
    ("2025年4月6日 14時20分", "ja", "2025-04-06T14:20"),
    ("2024년 5월 3일", "ko", "2024-05-03"),
    ("2024/05/03 08:30", "zh", "2024-05-03T08:30"),
    ("Zuerst veröffentlicht am 30/04/2024 - 16:17", "de", "2024-04-30T16:17"),
    ("03/04/2025", "fr", "2025-04-03"),
    ("9/25/2025", "en", "2025-09-25"),
    ("2025-02-22T09:30:00Z", "en", "2025-02-22T09:30+00:00"),
    ("12 Nov 2025 08:00 GMT+1", "en", "2025-11-12T08:00+01:00"),
    ("Updated 1:39 am EST, Wednesday, November 20, 2019", "en", "2019-11-20"),
    ("October 17, 20236:01 PM ET", "en", "2023-10-17T18:01"),
    ("By Ana LindPublished: Jan 29, 2025", "en", "2025-01-29"),
    ("March 4, 2025", "fr", "2025-03-04"),  # an English date on a French page
]


@pytest.mark.parametrize(("line", "language", "expected"), LINES,
                         ids=[f"{lang}:{line[:30]}" for line, lang, _ in LINES])
def test_reads_dates_in_many_languages(line: str, language: str, expected: str) -> None:
    assert isos(line, language)[0] == expected


@pytest.mark.parametrize("line", [
    "2 days ago",  # relative: no reference date
    "vor 3 Stunden",
    "Yesterday at 14:20",
    "November 20",  # no year
    "12.03.",
    "03/04/2025",  # in English: March 4 in the United States, 3 April elsewhere
    "31.02.2025",  # no such day
    "2025-13-01",
    "Page 12 of 2025",
    "Top 10 Trends 2025",
    "Flight 1204 leaves at 20:25",
    "Call 030 12 03 2025 today",
])
def test_no_date_in(line: str) -> None:
    assert isos(line) == []


def test_a_zone_name_gives_no_offset_and_an_impossible_time_no_time() -> None:
    assert isos("May 3, 2024 10:15 IST") == ["2024-05-03T10:15"]
    assert isos("May 3, 2024 14:20 pm") == ["2024-05-03"]


def test_two_dates_glued_together_are_two_dates() -> None:
    assert isos("Posted on June 29, 2020November 12, 2021") == ["2020-06-29", "2021-11-12"]
    assert isos("30.01.202430. Januar 2024", "de") == ["2024-01-30"]


# --- date lines and the choice ------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "The council meets again on June 3, 2025.",
    "In this August 17, 2016 photo, divers check the pier before the ferry returns to service.",
    "Ticket sales for the concert on 12 March 2025 open on Monday at the town hall box office",
])
def test_prose_that_mentions_a_date_is_no_date_line(line: str) -> None:
    assert date_line(line, None, "en") == []


def test_a_byline_or_timestamp_line_may_say_more() -> None:
    line = "Ana Lind, transport reporter at the Courier, covering ferries · March 4, 2025"
    assert date_line(line, None, "en") == []
    assert [f.iso() for f in date_line(line, "byline", "en")] == ["2025-03-04"]


def test_the_earliest_publication_date_wins_and_updates_never() -> None:
    lines = ["Ferry returns", "Published March 4, 2025 at 6:10 am",
             "Updated March 9, 2025 at 8:00 am", "The ferry carried ..."]
    assert date_in_lines(lines, 0, "en") == "2025-03-04T06:10"
    assert date_in_lines(["Ferry returns", "Last updated: March 9, 2025"], 0, "en") is None
    assert date_in_lines(["Ferry returns", "March 4, 2025 – Updated March 9, 2025"], 0,
                         "en") == "2025-03-04"


def test_the_time_comes_from_the_first_line_of_the_chosen_day() -> None:
    lines = ["Ferry returns", "March 4, 2025", "Posted March 4, 2025 at 6:10 am",
             "March 4, 2025 at 9:00 am"]
    assert date_in_lines(lines, 0, "en") == "2025-03-04T06:10"


def test_a_date_above_the_headline_counts_only_without_one_below() -> None:
    above = ["Rail line reopens", "February 2, 2025", "Ferry returns", "By Ana Lind"]
    assert date_in_lines(above, 2, "en") == "2025-02-02"
    assert date_in_lines([*above, "March 4, 2025"], 2, "en") == "2025-03-04"


def test_lines_far_from_the_headline_are_not_read() -> None:
    lines = ["Ferry returns"] + [f"Paragraph {i} of the story, without a date." for i in
                                 range(dates.LINES_AFTER)] + ["March 4, 2025"]
    assert date_in_lines(lines, 0, "en") is None


# --- without dateparser -------------------------------------------------------------------

def test_without_dateparser_digits_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dateparser", None)  # import dateparser now fails
    monkeypatch.setitem(sys.modules, "dateparser.date", None)
    monkeypatch.setitem(sys.modules, "dateparser.data.languages_info", None)
    caches = (dates._parser, dates._month_number, dates._month_words)
    for cache in caches:
        cache.cache_clear()
    try:
        assert isos("12.03.2025, 14:20 Uhr", "de") == ["2025-03-12T14:20"]
        assert isos("Published March 4, 2025", "en") == []
    finally:
        for cache in caches:
            cache.cache_clear()


def test_dateparser_is_loaded_only_for_a_month_word_its_data_does_not_list() -> None:
    """A page whose date line is in digits never reads dateparser's data; one with a month
    word reads the word from dateparser's language data, without importing dateparser
    (whose parser takes about 0.2 s to load)."""
    script = (
        "import sys, newsconv\n"
        "from newsconv import dates\n"
        "page = 'Ferry returns | Courier\\n\\nFerry returns\\n\\n12.03.2025, 14:20 Uhr\\n\\n"
        "The ferry carried its first passengers across the harbour on Monday, nine weeks "
        "after the storm.\\n\\nAbout forty commuters boarded the first sailing, most of "
        "them carrying coffee.\\n'\n"
        "[a] = newsconv.clean_text(page)\n"
        "print(a.date, dates._month_words.cache_info().currsize)\n"
        "[b] = newsconv.clean_text(page.replace('12.03.2025', 'March 12, 2025'))\n"
        "print(b.date, 'dateparser' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["2025-03-12T14:20", "0", "2025-03-12T14:20", "False"]


NEWSCONV_LANGUAGES = sorted(json.loads(
    (ROOT / "newsconv" / "data" / "stoplists.json").read_text(encoding="utf-8"))["languages"])


@pytest.mark.parametrize("language", NEWSCONV_LANGUAGES)
def test_month_words_read_as_dateparser_reads_them(language: str) -> None:
    """The month words looked up in dateparser's language data (``_month_in_tables``) give
    exactly what dateparser's parser gives, for every month word of the document's language
    and of English, in both orders, as written, capitalised and with a final dot."""
    pytest.importorskip("dateparser", reason="dateparser is not installed")
    languages = dates._languages(language)
    words = {w for code in languages for w in (dates._month_words(code) or {})}
    checked = 0
    for word in sorted(words):
        for form in {word, word.upper(), word + "."}:
            table = dates._month_in_tables(form, languages)
            if table is None:
                continue
            for day_first in (True, False):
                assert dates._month_number(form.casefold(), day_first, languages) == table, \
                    (form, day_first, languages)
                checked += 1
    assert checked >= 24 or language not in ("en", "de", "fr")


# --- through the pipeline -----------------------------------------------------------------

PAGE = "\n".join([
    "Council backs new harbour bridge | The Fenmoor Courier", "", "Home", "News",
    "Council backs new harbour bridge", "By Ines Roth", "Published June 3, 2025 at 9:12 am",
    "Updated June 4, 2025 at 7:30 am", "Share",
    "The council voted on Tuesday to build a footbridge across the old harbour, ending a "
    "debate that began when the ferry service was cut four years ago.",
    "The bridge will cost about four million and should open in the spring of 2027, the "
    "mayor said after the vote, which passed by nine votes to four.",
    "Residents who opposed the plan said the money would be better spent on the swimming "
    "pool, which closed on March 12, 2024 for repairs.",
    "Leave a Reply", "Tom Berg says:", "June 5, 2025 at 8:14 am",
    "A bridge at last. My grandfather walked the long way round for fifty years.", ""])


def test_an_article_gets_its_publication_date() -> None:
    [article] = newsconv.clean_text(PAGE)
    assert article.date == "2025-06-03T09:12"
    assert "June 3, 2025" not in article.body  # the date line is not body text


def test_an_article_with_only_an_update_line_gets_no_date() -> None:
    page = PAGE.replace("Published June 3, 2025 at 9:12 am\n", "")
    [article] = newsconv.clean_text(page)
    assert article.date is None


def test_an_article_without_a_date_line_gets_none() -> None:
    page = "\n".join(line for line in PAGE.splitlines()
                     if not line.startswith(("Published", "Updated")))
    [article] = newsconv.clean_text(page)
    assert article.date is None  # not the prose's March 12, 2024, not the comment's June 5


@needs_seed
def test_the_seed_has_no_date() -> None:
    text = (SEED / "input.txt").read_text(encoding="utf-8")
    assert [a.date for a in newsconv.clean_text(text)] == [None, None]


def test_a_record_keeps_its_own_date_under_meta() -> None:
    """The input's ``date`` collides with newsconv's: it moves, unchanged, into ``meta``
    (the JSON Lines contract), whether newsconv reads a date or not."""
    page = "\n".join(line for line in PAGE.splitlines()
                     if not line.startswith(("Published", "Updated")))
    [kept] = newsconv.clean_record({"id": "a", "date": "2025-06-01", "text": page})
    assert (kept["date"], kept["meta"]) == (None, {"date": "2025-06-01"})
    [read] = newsconv.clean_record({"id": "b", "date": "2025-06-01", "text": PAGE})
    assert (read["date"], read["meta"]) == ("2025-06-03T09:12", {"date": "2025-06-01"})
    [none] = newsconv.clean_record({"id": "c", "text": page})
    assert none["date"] is None


# --- rendering ----------------------------------------------------------------------------

def article(byline: str | None, date: str | None) -> Article:
    return Article(source="p", index=0, title="Ferry returns", dek="The boat is back.",
                   dateline=None, agency=None, byline=byline,
                   parts=(Part("paragraph", "The ferry carried its first passengers."),),
                   date=date)


def test_the_date_stands_under_the_byline_or_the_title() -> None:
    assert to_text(article("By Ana Lind", "2025-03-04")).split("\n\n")[:4] == [
        "Ferry returns", "The boat is back.", "By Ana Lind", "2025-03-04"]
    assert to_text(article(None, "2025-03-04")).split("\n\n")[:3] == [
        "Ferry returns", "2025-03-04", "The boat is back."]
    assert "*2025-03-04T06:10+01:00*" in to_markdown(article("By Ana Lind",
                                                             "2025-03-04T06:10+01:00"))
    assert "2025" not in to_text(article("By Ana Lind", None))
    assert to_record(article(None, "2025-03-04"))["date"] == "2025-03-04"


def test_printed_text_cleaned_again_keeps_its_date() -> None:
    once = to_text(newsconv.clean_text(PAGE)[0])
    [again] = newsconv.clean_text(once)
    assert again.date == "2025-06-03T09:12"
    assert to_text(again) == once


# --- no exception, bounded time -----------------------------------------------------------

PIECES = [*"0123456789 .,:/-年月日hpamT+", "May ", "März ", "Updated ", "2024", "12", "de ",
          "Joined ", "Oct.", "UTC", "Uhr", "à", "kl.", "\u00e9", "\u0416", "\u3042"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(PIECES), max_size=25).map("".join)),
       st.sampled_from([None, "en", "de", "fr", "ja", "no", "xx"]))
def test_no_exception_on_any_text(text: str, language: str | None) -> None:
    found = find_dates(text, language)
    for f in found:
        stamp = datetime.fromisoformat(f.iso())
        assert str(stamp.year) in text  # the year is always written in the line
    date_line(text, None, language)
    date_in_lines(["Headline", text, text], 0, language, ["byline", "timestamp", None])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12))
def test_no_exception_on_any_page(lines: list[str]) -> None:
    for a in newsconv.clean_text("\n".join(lines)):
        assert a.date is None or datetime.fromisoformat(a.date)


def test_shapes_and_labels_are_safe_on_long_adversarial_lines() -> None:
    slow = []
    for token in (*TOKENS, *(s.example for s in DATE_SHAPES), "12.", "1/", "May 1, ",
                  "Updated ", "年", "1:1"):
        for line in adversarial(token):
            started = time.perf_counter()
            find_dates(line, "en")
            label_of(line)
            took = time.perf_counter() - started
            if took > GUARD:
                slow.append(f"{token!r}: {took:.1f}s")
    assert slow == []


def test_jsonl_output_carries_the_date_field() -> None:
    line = json.dumps(to_record(article("By Ana Lind", "2025-03-04")))
    assert json.loads(line)["date"] == "2025-03-04"


def test_dateparser_language_files_read_as_json_are_the_python_literals() -> None:
    """``_month_words`` reads dateparser's data files with the JSON parser (start-up time):
    on every file the value must be the one ``ast`` reads, and a literal that is not JSON
    falls back to ``ast``."""
    import ast
    import importlib.util
    from pathlib import Path

    from newsconv.dates import _json_literal
    spec = importlib.util.find_spec("dateparser")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("dateparser is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "date_translation_data"
    files = [p for p in sorted(folder.glob("*.py")) if p.name != "__init__.py"]
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        statement = ast.parse(text).body[0]
        assert isinstance(statement, ast.Assign)
        assert _json_literal(text) == ast.literal_eval(statement.value), path.name
    assert _json_literal("info = {'january': ['jan']}") is None  # not JSON: ast reads it
    assert _json_literal("other = {}") is None
