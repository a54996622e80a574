"""Scripts whose words carry combining marks (Devanagari, Bengali, Arabic with harakat) and
sentence ends of other scripts, as the compiled core counts them.  The texts are written for
these tests."""

from __future__ import annotations

from typing import Any

import pytest

from newsconv import engine
from newsconv._core import (
    FEATURE_NAMES,
    count_words,
    detect_language,
    is_caption,
    measure_line,
    sentence_end,
    skeleton,
    word_tokens,
)
from newsconv.model import Document

# "The children went to school in the morning. The teacher told them a story about the
# river, and then they played in the field until evening." (Hindi)
HINDI = ("बच्चे सुबह स्कूल गए। शिक्षक ने उन्हें नदी के बारे में एक कहानी सुनाई और फिर वे शाम "
         "तक मैदान में खेलते रहे।")
HINDI_WORDS = len(HINDI.split())


def test_devanagari_words_keep_their_vowel_signs_and_viramas() -> None:
    assert word_tokens("बच्चे स्कूल गए।") == ["बच्चे", "स्कूल", "गए"]
    assert word_tokens("I \u2764\ufe0f it") == ["i", "it"]  # a mark attached to nothing
    assert word_tokens("বাংলা ভাষা") == ["বাংলা", "ভাষা"]  # Bengali
    assert word_tokens("كَتَبَ الوَلَدُ") == ["كَتَبَ", "الوَلَدُ"]  # Arabic with harakat


def test_hindi_is_detected_and_its_words_and_stopwords_counted() -> None:
    assert detect_language([HINDI]) == "hi"
    words, stops = count_words(HINDI, "hi")
    assert words == HINDI_WORDS
    assert stops >= 6  # ने, उन्हें, के, में, एक, और, वे, तक ...


def test_sentence_ends_of_other_scripts() -> None:
    texts = [HINDI, "「雨が降った。」", "هل ذهب؟", "नदी"]
    assert [sentence_end(t) for t in texts] == [True, True, True, False]
    assert [measure_line(t, "hi")[2] for t in texts] == [True, True, True, False]


def test_skeleton_keeps_marks_inside_their_word() -> None:
    assert skeleton("किताब 3 रुपये") == "a 0 a"


def test_japanese_caption_with_a_full_width_equals_credit() -> None:
    assert is_caption("港から見た新しい橋＝4日、神戸市で", 7)
    assert is_caption("雪の中を歩く人たち（AP＝共同）", 6)
    assert not is_caption("市は1ドル＝150円で計算したと説明した。", 9)
    assert not is_caption("【神戸＝山田太郎】市は4日、新しい橋を開通させた。", 12)


@pytest.fixture(scope="module")
def core_engine() -> Any:
    return engine.build_engine(None)


def test_the_core_counts_hindi_words_and_stopwords(core_engine: Any) -> None:
    page = "\n".join(["समाचार", HINDI, HINDI.replace("नदी", "पहाड़"), "होम"])
    prepared = engine.prepare(Document("page", 0, page), core_engine)
    assert prepared.language == "hi"
    assert prepared.words[1] == HINDI_WORDS
    assert prepared.features[1] is not None
    feats = dict(zip(FEATURE_NAMES, prepared.features[1], strict=True))
    assert feats["sentence_end"] == 1.0
    assert feats["stop_ratio"] > 0.2
    assert feats["punct_ratio"] < 0.02  # the danda, not the vowel signs


def test_the_core_cleans_a_hindi_page(core_engine: Any) -> None:
    body = [HINDI, "गांव के लोगों ने बताया कि नई सड़क बनने के बाद से बाजार तक पहुंचना बहुत आसान हो "
            "गया है और अब बच्चे भी समय पर स्कूल पहुंच जाते हैं।",
            "पंचायत ने कहा है कि अगले साल गांव में एक नया अस्पताल भी खोला जाएगा, जिसके लिए "
            "जमीन चुन ली गई है और काम जल्द ही शुरू होगा।"]
    page = "\n".join(["होम", "वीडियो", "सर्च", "गांव में नई सड़क बनी", *body, "कॉपी लिंक", "होम"])
    analysis = engine.analyse(Document("page", 0, page), core_engine)
    kept = "\n".join(a.body for a in analysis.articles)
    assert all(p in kept for p in body)
