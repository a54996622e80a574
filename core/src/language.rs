//! Languages: which one a document is written in, and how to count its words and
//! stopwords (once the Python `newsconv.language`).
//!
//! Stoplists come from `newsconv/data/stoplists.json` (jusText's frequency-ranked lists,
//! BSD-2-Clause, and stopwords-iso for Japanese, Chinese and Thai, MIT).
//!
//! Scripts written without spaces between words (Chinese, Japanese, Thai) are counted per
//! character: a paragraph of 120 kanji/kana is about as long as one of 60 English words, and
//! its "stopwords" are the particles and function characters of the stoplist.
//!
//! ```
//! use newsconv_core::language::Stoplists;
//! let lists = Stoplists::embedded().unwrap();
//! assert_eq!(lists.detect_language(&["The minister said on Tuesday that the plan was not working."]).as_deref(), Some("en"));
//! assert_eq!(lists.detect_language(&["Der Minister sagte am Dienstag, dass der Plan nicht funktioniert."]).as_deref(), Some("de"));
//! assert_eq!(lists.detect_language(&["政府は火曜日に新しい計画を発表しました。"]).as_deref(), Some("ja"));
//! ```

use rustc_hash::FxHashMap;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::tokens::{self, Token};
use crate::unicode::{self, round_half_even};

/// A set of words (a stoplist), hashed for speed.
pub type WordSet = FxHashSet<String>;

/// Characters of scripts written without spaces (kana, CJK ideographs, Thai); each counts
/// as half a word.
pub fn is_no_space_char(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{0e00}'..='\u{0e7f}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7af}')
}

fn is_thai(c: char) -> bool {
    matches!(c, '\u{0e00}'..='\u{0e7f}')
}

/// For no-space scripts: characters per word.
pub const CHARS_PER_WORD: f64 = 2.0;
/// How much text language detection looks at.
pub const SAMPLE_CHARS: usize = 2500;

/// A document's language and the way to count its words.
#[derive(Debug, Clone)]
pub struct Language {
    /// ISO 639-1, or None when unknown.
    pub code: Option<String>,
    /// The stoplist (shared, never copied per document).
    pub stopwords: Arc<WordSet>,
    /// True for scripts without spaces between words.
    pub per_char: bool,
}

/// The stoplists by ISO 639-1 code, and for each word the languages whose list holds it.
#[derive(Debug, Clone)]
pub struct Stoplists {
    lists: FxHashMap<String, Arc<WordSet>>,
    /// The one-character stopwords of the no-space scripts' lists.
    per_char: FxHashMap<String, Arc<WordSet>>,
    /// The languages' codes in alphabetical order, and for each word the places in it of
    /// the languages whose list holds it.
    codes: Vec<String>,
    word_languages: FxHashMap<String, Vec<u16>>,
}

#[derive(serde::Deserialize)]
struct StoplistFile {
    languages: serde_json::Map<String, serde_json::Value>,
}

impl Stoplists {
    /// The stoplists shipped with newsconv (`newsconv/data/stoplists.json`).
    pub fn embedded() -> Result<Stoplists, String> {
        Self::from_json(include_str!("../../newsconv/data/stoplists.json"))
    }

    /// Read stoplists from the JSON file's text.
    pub fn from_json(text: &str) -> Result<Stoplists, String> {
        let file: StoplistFile =
            serde_json::from_str(text).map_err(|e| format!("stoplists: {e}"))?;
        let mut lists = FxHashMap::default();
        let mut word_languages: FxHashMap<String, Vec<u16>> = FxHashMap::default();
        let mut languages: Vec<(String, serde_json::Value)> = file.languages.into_iter().collect();
        languages.sort_by(|a, b| a.0.cmp(&b.0));
        let mut codes = Vec::with_capacity(languages.len());
        for (place, (code, words)) in languages.into_iter().enumerate() {
            let words: Vec<String> =
                serde_json::from_value(words).map_err(|e| format!("stoplists: {code}: {e}"))?;
            let place = u16::try_from(place).map_err(|_| "stoplists: too many".to_owned())?;
            let mut set = WordSet::default();
            for w in words {
                if set.insert(w.clone()) {
                    word_languages.entry(w).or_default().push(place);
                }
            }
            codes.push(code.clone());
            lists.insert(code, Arc::new(set));
        }
        if !lists.contains_key("en") {
            return Err("stoplists: no English list".to_owned());
        }
        let per_char = ["ja", "zh", "th"]
            .iter()
            .map(|&c| {
                let chars: WordSet = lists
                    .get(c)
                    .map(|l| {
                        l.iter()
                            .filter(|w| unicode::char_len(w) == 1)
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                (c.to_owned(), Arc::new(chars))
            })
            .collect();
        Ok(Stoplists {
            lists,
            per_char,
            codes,
            word_languages,
        })
    }

    /// Guess the language of a document from its lines (ISO 639-1 code or None).
    pub fn detect_language<S: AsRef<str>>(&self, lines: &[S]) -> Option<String> {
        let text = sample(lines);
        if text.is_empty() {
            return None;
        }
        if !text.is_ascii() {
            let n = unicode::char_len(&text) as f64;
            let count = |f: fn(char) -> bool| text.chars().filter(|&c| f(c)).count() as f64;
            if count(is_kana) > n * 0.05 {
                return Some("ja".to_owned());
            }
            if count(is_han) > n * 0.2 {
                return Some("zh".to_owned());
            }
            if count(is_hangul) > n * 0.2 {
                return Some("ko".to_owned());
            }
            if count(is_thai) > n * 0.2 {
                return Some("th".to_owned());
            }
        }
        let lowered = unicode::lower(&text);
        let mut total = 0usize;
        let mut votes = vec![0usize; self.codes.len()];
        for word in tokens::words(&lowered) {
            total += 1;
            if let Some(places) = self.word_languages.get(word) {
                for &k in places {
                    if let Some(v) = votes.get_mut(usize::from(k)) {
                        *v += 1;
                    }
                }
            }
        }
        // the first language in alphabetical order among those with the most votes
        let (best, count) = votes
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v > 0)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(&a.0)))?;
        let needed = f64::max(2.0, total as f64 * 0.05);
        (*count as f64 >= needed)
            .then(|| self.codes.get(best).cloned())
            .flatten()
    }

    /// The counting rules for a language code (English's stoplist when unknown).
    pub fn language_for(&self, code: Option<&str>) -> Language {
        match code {
            Some(c @ ("ja" | "zh" | "th")) => Language {
                code: Some(c.to_owned()),
                stopwords: self.per_char.get(c).cloned().unwrap_or_default(),
                per_char: true,
            },
            _ => Language {
                code: code.map(str::to_owned),
                stopwords: code
                    .and_then(|c| self.lists.get(c))
                    .or_else(|| self.lists.get("en"))
                    .cloned()
                    .unwrap_or_default(),
                per_char: false,
            },
        }
    }
}

/// The longest lines first, up to SAMPLE_CHARS: prose, not menus.
fn sample<S: AsRef<str>>(lines: &[S]) -> String {
    let mut order: Vec<(usize, &str)> = lines
        .iter()
        .map(|l| (unicode::char_len(l.as_ref()), l.as_ref()))
        .collect();
    order.sort_by_key(|&(len, _)| std::cmp::Reverse(len)); // stable: ties keep their order
    let mut picked: Vec<&str> = Vec::new();
    let mut size = 0;
    for (len, line) in order {
        picked.push(line);
        size += len;
        if size >= SAMPLE_CHARS {
            break;
        }
    }
    picked.join("\n")
}

/// (words, stopwords) of a block.  No-space scripts count characters / 2.  `tokens`: the
/// block's lower-case word tokens.
///
/// ```
/// use newsconv_core::language::{count_words, Stoplists};
/// use newsconv_core::tokens::word_tokens;
/// let en = Stoplists::embedded().unwrap().language_for(Some("en"));
/// let text = "The plan was not working at all.";
/// assert_eq!(count_words(text, &en, &word_tokens(text)), (7, 6));
/// ```
pub fn count_words(text: &str, lang: &Language, tokens: &[Token]) -> (usize, usize) {
    if lang.per_char || (!text.is_ascii() && text.chars().any(is_no_space_char)) {
        let chars: Vec<char> = text.chars().filter(|&c| is_no_space_char(c)).collect();
        if !chars.is_empty() {
            let stop = if lang.per_char {
                let mut buf = [0u8; 4];
                chars
                    .iter()
                    .filter(|c| lang.stopwords.contains(&*c.encode_utf8(&mut buf)))
                    .count()
            } else {
                0
            };
            let latin: Vec<&Token> = tokens
                .iter()
                .filter(|t| !t.chars().any(is_no_space_char))
                .collect();
            let latin_stops = latin
                .iter()
                .filter(|t| lang.stopwords.contains(t.as_str()))
                .count();
            let words = latin.len() as i64 + round_half_even(chars.len() as f64 / CHARS_PER_WORD);
            let stops = round_half_even(stop as f64 / CHARS_PER_WORD * 2.0) + latin_stops as i64;
            return (words.max(0) as usize, stops.max(0) as usize);
        }
    }
    (
        tokens.len(),
        tokens
            .iter()
            .filter(|t| lang.stopwords.contains(t.as_str()))
            .count(),
    )
}
