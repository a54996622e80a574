"""Scripts whose words carry combining marks (Devanagari, Bengali, Arabic with harakat) and
sentence ends of other scripts: counted by the compiled core as the Python twin counts
them.  The texts are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from newsconv import engine
from newsconv.features import FEATURE_NAMES, skeleton
from newsconv.language import WORD, count_words, detect_language, language_for
from newsconv.model import Document

# "The children went to school in the morning. The teacher told them a story about the
# river, and then they played in the field until evening." (Hindi)
HINDI = ("बच्चे सुबह स्कूल गए। शिक्षक ने उन्हें नदी के बारे में एक कहानी सुनाई और फिर वे शाम "
         "तक मैदान में खेलते रहे।")
HINDI_WORDS = len(HINDI.split())


def test_devanagari_words_keep_their_vowel_signs_and_viramas() -> None:
    assert WORD.findall("बच्चे स्कूल गए।") == ["बच्चे", "स्कूल", "गए"]
    assert WORD.findall("I \u2764\ufe0f it") == ["I", "it"]  # a mark attached to nothing


def test_hindi_is_detected_and_its_words_and_stopwords_counted() -> None:
    assert detect_language([HINDI]) == "hi"
    words, stops = count_words(HINDI, language_for("hi"))
    assert words == HINDI_WORDS
    assert stops >= 6  # ने, उन्हें, के, में, एक, और, वे, तक ...


def test_skeleton_keeps_marks_inside_their_word() -> None:
    assert skeleton("किताब 3 रुपये") == "a 0 a"


@pytest.fixture(scope="module")
def core_engine() -> Any:
    return engine.build_engine(None)


def test_the_core_counts_hindi_words_and_stopwords(core_engine: Any) -> None:
    page = "\n".join(["समाचार", HINDI, HINDI.replace("नदी", "पहाड़"), "होम"])
    prepared = engine.prepare(Document("page", 0, page), core_engine)
    assert prepared.language == "hi"
    assert prepared.words[1] == HINDI_WORDS
    feats = dict(zip(FEATURE_NAMES, prepared.features[1] or ()))
    assert feats["stop_ratio"] > 0.2
    assert feats["punct_ratio"] < 0.02  # the danda, not the vowel signs
