"""Languages (the core's ``language`` stage): detection, stoplists for the common web
languages, CJK counted per character."""

from __future__ import annotations

import json

import pytest

from newsconv._core import count_words, detect_language
from tests.paths import ROOT

STOPLISTS: dict[str, list[str]] = json.loads(
    (ROOT / "newsconv" / "data" / "stoplists.json").read_text(encoding="utf-8"))["languages"]

SAMPLES = {
    "en": "The council said on Tuesday that the new ferry would start in the spring.",
    "de": "Die Stadt hat am Dienstag gesagt, dass die neue Fähre im Frühjahr fahren wird.",
    "fr": "La ville a annoncé mardi que le nouveau ferry commencera au printemps.",
    "es": "El ayuntamiento dijo el martes que el nuevo ferry empezará en la primavera.",
    "it": "Il comune ha detto martedì che il nuovo traghetto partirà in primavera.",
    "pt": "A prefeitura disse na terça-feira que a nova balsa vai começar na primavera.",
    "nl": "De gemeente zei dinsdag dat de nieuwe veerboot in het voorjaar zal varen.",
    "ru": "Городской совет заявил во вторник, что новый паром начнет работу весной.",
    "pl": "Rada miasta powiedziała we wtorek, że nowy prom zacznie kursować na wiosnę.",
    "ja": "市は火曜日、新しいフェリーが春に運航を始めると発表した。",
    "zh": "市政府周二表示，新渡轮将于春季开始运营。",
    "ko": "시의회는 화요일 새로운 여객선이 봄에 운항을 시작한다고 밝혔다.",
}


COMMON = ("en", "es", "de", "ja", "fr", "ru", "pt", "it", "nl", "pl", "tr", "fa", "zh", "vi",
          "id", "cs", "ko", "uk", "ar", "sv")


def test_twenty_common_web_languages_have_stoplists() -> None:
    assert set(COMMON) <= set(STOPLISTS)
    assert all(len(STOPLISTS[c]) >= 50 for c in COMMON if c not in ("ja", "zh", "th"))


@pytest.mark.parametrize("code", [c for c in COMMON if c not in ("ja", "zh", "th")])
def test_the_core_counts_with_each_stoplist(code: str) -> None:
    """The core reads every list: a line of a list's words is all stopwords in its
    language, and in another language it is not."""
    words = [w for w in STOPLISTS[code] if " " not in w][:40]
    line = " ".join(words)
    n, stops = count_words(line, code)
    assert stops == n > 0
    other = "en" if code != "en" else "de"
    assert count_words(line, other)[1] < n


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_detect(code: str, text: str) -> None:
    assert detect_language([text, text]) == code


def test_detection_reads_the_longest_lines() -> None:
    """A German page's English menu does not make it English."""
    menu = ["Home", "News", "Sport", "About us", "Contact", "Log in"]
    assert detect_language([*menu, SAMPLES["de"], SAMPLES["de"]]) == "de"


def test_unknown_text_has_no_language() -> None:
    assert detect_language(["12345 67890", "%%%"]) is None
    assert detect_language([]) is None


def test_cjk_is_counted_per_character() -> None:
    ja = SAMPLES["ja"]
    words, stops = count_words(ja, "ja")
    assert 10 <= words <= 20  # 27 characters, about two per word
    assert stops > 0
    en_words, _ = count_words(SAMPLES["en"], "en")
    assert en_words == 14


def test_words_and_stopwords() -> None:
    assert count_words("The plan was not working at all.", "en") == (7, 6)
    assert count_words("The plan was not working at all.", None) == (7, 6)  # English
    assert count_words("Das ist gut, sagte er.", "de")[1] >= 3
