"""Languages: detection, stoplists for the common web languages, CJK counted per character."""

from __future__ import annotations

import pytest

from newsconv.language import count_words, detect_language, language_for, stoplists

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


def test_twenty_common_web_languages_have_stoplists() -> None:
    common = {"en", "es", "de", "ja", "fr", "ru", "pt", "it", "nl", "pl", "tr", "fa", "zh",
              "vi", "id", "cs", "ko", "uk", "ar", "sv"}
    assert common <= set(stoplists())
    assert all(len(stoplists()[c]) >= 50 for c in common if c not in ("ja", "zh", "th"))


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_detect(code: str, text: str) -> None:
    assert detect_language([text, text]) == code


def test_unknown_text_has_no_language() -> None:
    assert detect_language(["12345 67890", "%%%"]) is None
    assert detect_language([]) is None


def test_cjk_is_counted_per_character() -> None:
    ja = SAMPLES["ja"]
    words, stops = count_words(ja, language_for("ja"))
    assert 10 <= words <= 20  # 27 characters, about two per word
    assert stops > 0
    en_words, _ = count_words(SAMPLES["en"], language_for("en"))
    assert en_words == 14
