#!/usr/bin/env python3
"""Rebuild ``newsconv/data/stoplists.json`` from maintained, permissively licensed sources.

* jusText 3.0.2 stoplists (BSD-2-Clause, (c) Jan Pomikalek, Michal Belica): frequency-ranked
  function words from Wikipedia, made for exactly this job (stopword density of a paragraph).
  The most frequent ``TOP`` words of each language are kept.
* stopwords-iso 0.7.1 (MIT): for Japanese, Chinese and Thai, which jusText lacks; only
  the entries of one or two characters are kept, because text in these scripts is scored
  per character (see ``core/src/language.rs``).

Run with network access to the package index:  python tools/build_stoplists.py
The output is deterministic for the pinned versions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

TOP = 400
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newsconv" / "data" / "stoplists.json"
sys.path.insert(0, str(ROOT))
# the core's own word tokens (\w and the combining marks, lower-cased), so that a stopword
# is a token the pipeline can meet: Hindi "में" whole, not "म"
from newsconv._core import word_tokens  # noqa: E402

# ISO 639-1 code -> jusText stoplist name.  The 20 most used languages of the web
# (W3Techs) and a score of others that news dumps commonly hold.
JUSTEXT = {
    "en": "English", "es": "Spanish", "de": "German", "fr": "French", "ru": "Russian",
    "pt": "Portuguese", "it": "Italian", "nl": "Dutch", "pl": "Polish", "tr": "Turkish",
    "fa": "Persian", "vi": "Vietnamese", "id": "Indonesian", "cs": "Czech", "ko": "Korean",
    "uk": "Ukrainian", "ar": "Arabic", "sv": "Swedish", "hu": "Hungarian", "el": "Greek",
    "ro": "Romanian", "da": "Danish", "he": "Hebrew", "fi": "Finnish",
    "no": "Norwegian_Bokmal", "sk": "Slovak", "bg": "Bulgarian", "hi": "Hindi",
    "ms": "Malay", "ca": "Catalan", "hr": "Croatian", "sr": "Serbian", "lt": "Lithuanian",
    "sl": "Slovenian", "lv": "Latvian", "et": "Estonian", "bn": "Bengali", "ur": "Urdu",
    "tl": "Tagalog", "sw": "Swahili",
}
ISO_ONLY = ("ja", "zh", "th")


def fetch(tmp: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                    "justext==3.0.2", "stopwordsiso==0.7.1"], check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        fetch(tmp)
        jt = zipfile.ZipFile(next(tmp.glob("justext-*.whl")))
        iso = zipfile.ZipFile(next(tmp.glob("stopwordsiso-*.whl")))
        iso_lists = json.loads(iso.read("stopwordsiso/stopwords-iso.json"))
        lists: dict[str, list[str]] = {}
        for code, name in JUSTEXT.items():
            words: list[str] = []
            for raw in jt.read(f"justext/stoplists/{name}.txt").decode("utf-8").split():
                for w in word_tokens(raw):
                    if w not in words and not w.isdigit():
                        words.append(w)
                if len(words) >= TOP:
                    break
            lists[code] = words[:TOP]
        for code in ISO_ONLY:
            lists[code] = sorted({w for w in iso_lists[code]
                                  if 1 <= len(w) <= 2 and word_tokens(w) == [w]})
    doc = {
        "_source": f"jusText 3.0.2 stoplists (BSD-2-Clause), top {TOP} words each; "
                   f"stopwords-iso 0.7.1 (MIT) for {', '.join(ISO_ONLY)}. Rebuilt by "
                   "tools/build_stoplists.py.",
        "languages": lists,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=0) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(lists)} languages)")


if __name__ == "__main__":
    main()
