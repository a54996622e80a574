//! Chrome knowledge as data: one table per class of page furniture, read from
//! `newsconv/data/chrome.toml`, and the [`Matcher`] that finds a line's class (once the
//! Python `newsconv.patterns`).
//!
//! Each class has
//!   * `phrases`: whole lines that are this chrome, compared after [`line_key`]
//!     (case-folded, punctuation and counts at the edges stripped): "Share this:" and
//!     "SHARE" are one entry;
//!   * `patterns`: named regular expressions for lines of that class, each with a comment
//!     and an example line it must match;
//!   * `max_words`: longer lines are never tested (a paragraph is not a share button);
//!   * `min_words` (default 0): shorter lines are not tested by its patterns, so that a
//!     class of long notices leaves buttons and banners to their own classes.
//!
//! A pattern without triggers is anchored at the start of the line; one with triggers is
//! searched anywhere in the line, and only on lines that contain one of its trigger
//! strings.  The `regex` crate matches in linear time, so no line can take long.
//!
//! ```
//! use newsconv_core::chrome::{line_key, Matcher};
//! assert_eq!(line_key("  SHARE THIS: "), "share this");
//! assert_eq!(line_key("Comments (12)"), "comments");
//! let m = Matcher::embedded().unwrap();
//! let hit = m.matches("Share on Facebook", 3, &line_key("Share on Facebook")).unwrap();
//! assert_eq!((&*hit.cls, hit.rule.as_str()), ("share", "phrase 'share on facebook'"));
//! ```

use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::pyre::{self, PatternError};
use crate::unicode;

/// The chrome tables as written in `chrome.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Tables {
    /// One table per class, in order (the first class with a phrase names it).
    pub classes: Vec<ChromeClass>,
    /// The shipped tables, whose patterns the tests compile one by one: their syntax is
    /// not checked again when a matcher is built (start-up time).
    #[serde(skip)]
    pub checked: bool,
}

/// One class of chrome.
#[derive(Debug, Clone, Deserialize)]
pub struct ChromeClass {
    /// The class name ("share", "navigation"...).
    pub name: String,
    /// What the class holds, in one line.
    pub comment: String,
    /// Lines with more words are never tested.
    #[serde(default = "default_max_words")]
    pub max_words: usize,
    /// Lines with fewer words are not tested by its patterns (0: all are): a class of
    /// long notices leaves the short lines to the classes of buttons and banners.
    #[serde(default)]
    pub min_words: usize,
    /// Whole lines of this class.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Named regular expressions for lines of this class.
    #[serde(default)]
    pub patterns: Vec<Pattern>,
}

fn default_max_words() -> usize {
    12
}

/// A named regular expression for lines of one class.
#[derive(Debug, Clone, Deserialize)]
pub struct Pattern {
    /// Its name, shown in `explain`.
    pub name: String,
    /// What it matches, in one line.
    pub comment: String,
    /// The regular expression (Python syntax, matched case-insensitively).
    pub regex: String,
    /// A line it must match.
    pub example: String,
    /// Lower-case strings one of which a line must contain for the pattern to be searched
    /// anywhere in it; none: the pattern is anchored at the start.
    #[serde(default)]
    pub triggers: Vec<String>,
}

impl Tables {
    /// The tables shipped with newsconv.
    pub fn embedded() -> Result<Tables, String> {
        let mut tables = Self::from_toml(include_str!("../../newsconv/data/chrome.toml"))?;
        tables.checked = true;
        Ok(tables)
    }

    /// Read tables from TOML text.
    pub fn from_toml(text: &str) -> Result<Tables, String> {
        toml::from_str(text).map_err(|e| format!("chrome tables: {e}"))
    }
}

/// A chrome class found on a line: which class, and which phrase or pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The class.
    pub cls: Arc<str>,
    /// "phrase '...'", "pattern NAME" or the reason of the code check.
    pub rule: String,
}

/// How many bytes of each anchored pattern's literal prefixes the matcher looks at before
/// trying the pattern: enough to tell apart most patterns, few enough that the case
/// variants of a prefix stay a small set.
const PREFIX_BYTES: usize = 4;

const KEY_STRIP: &str = " \t.:;,!?•·|-–—*#>»«›‹()[]{}\"'“”‘’…";

/// The form in which whole-line phrases are compared: case-folded, punctuation and a
/// count at the edges stripped, white space collapsed.
pub fn line_key(text: &str) -> String {
    let folded = unicode::casefold(text);
    let mut key = unicode::strip_chars(&folded, KEY_STRIP);
    let stripped;
    if key.chars().next_back().is_some_and(unicode::is_digit) && !unicode::all_digits(key) {
        stripped = without_count_suffix(key);
        key = unicode::strip_chars(stripped, KEY_STRIP);
    }
    unicode::collapse_space(key)
}

/// `re.sub(r"\s?\(?\d{1,6}\)?$", "", key)` for a key that ends with a digit: the last
/// (at most six) decimal digits go, with an opening bracket and a space before them when
/// all the digits of the number went.
fn without_count_suffix(key: &str) -> &str {
    let chars: Vec<(usize, char)> = key.char_indices().collect();
    let n = chars.len();
    let run = chars
        .iter()
        .rev()
        .take_while(|(_, c)| unicode::is_decimal(*c))
        .count();
    if run == 0 {
        return key;
    }
    let mut start = n - run.min(6);
    if run <= 6 {
        if start > 0 && chars.get(start - 1).is_some_and(|&(_, c)| c == '(') {
            start -= 1;
        }
        if start > 0
            && chars
                .get(start - 1)
                .is_some_and(|&(_, c)| unicode::is_space(c))
        {
            start -= 1;
        }
    }
    let byte = chars.get(start).map_or(key.len(), |&(i, _)| i);
    key.get(..byte).unwrap_or(key)
}

/// Lines shorter than this are never taken for code.
pub const CODE_MIN_CHARS: usize = 80;
/// Minified script, base64, a run of URLs: almost no spaces...
pub const CODE_MAX_SPACE_SHARE: f64 = 0.04;
/// ...or script and style: many `{ } ; = < >`.
pub const CODE_MIN_SYMBOL_SHARE: f64 = 0.08;

fn is_no_space_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{0e00}'..='\u{0e7f}')
}

/// Script, style sheets and encoded data that leaked into the text: a long line with
/// almost no spaces, or thick with the symbols of code.
///
/// ```
/// use newsconv_core::chrome::looks_like_code;
/// let data = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ".repeat(2);
/// assert_eq!(looks_like_code(&data).unwrap().rule, "few spaces (minified script or encoded data)");
/// assert!(looks_like_code("An ordinary sentence of article text, long enough to be tested here.").is_none());
/// ```
pub fn looks_like_code(text: &str) -> Option<Hit> {
    let n = unicode::char_len(text);
    if n < CODE_MIN_CHARS {
        return None;
    }
    let nf = n as f64;
    // spaces and the symbols are ASCII: counted over the bytes, in one pass
    let (mut spaces, mut symbols) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b' ' => spaces += 1,
            b'{' | b'}' | b';' | b'=' | b'<' | b'>' => symbols += 1,
            _ => {}
        }
    }
    let (spaces, symbols) = (spaces as f64, symbols as f64);
    if spaces < nf * CODE_MAX_SPACE_SHARE && !text.chars().any(is_no_space_script) {
        return Some(Hit {
            cls: Arc::from("code"),
            rule: "few spaces (minified script or encoded data)".to_owned(),
        });
    }
    if symbols >= nf * CODE_MIN_SYMBOL_SHARE {
        return Some(Hit {
            cls: Arc::from("code"),
            rule: "many { } ; = < > (script, style or markup)".to_owned(),
        });
    }
    None
}

/// The patterns a line may match, by their place in the tables: on the stack for the
/// handful a line has (no allocation per line).
type Ids = smallvec::SmallVec<[usize; 32]>;

/// An anchored pattern of the tables, in the order the matcher tries them.
#[derive(Debug, Clone)]
struct Anchored {
    cls: Arc<str>,
    rule: String,
    min_words: usize,
    max_words: usize,
    regex: Lazy,
}

/// A pattern searched anywhere in lines that hold one of its triggers.
#[derive(Debug, Clone)]
struct Within {
    min_words: usize,
    max_words: usize,
    regex: Lazy,
    cls: Arc<str>,
    rule: String,
}

/// A pattern of the tables searched only in lines that hold one of its triggers, compiled
/// on first use: a page meets few of them, and building all of them up front would cost
/// a one-page run a good part of its time.
#[derive(Debug, Clone)]
struct Lazy {
    pattern: String,
    alphabet: Arc<pyre::Alphabet>,
    regex: OnceLock<Option<pyre::Regex>>,
}

impl Lazy {
    /// A pattern whose syntax is checked now (unless `checked` already); it is compiled
    /// when first needed.
    fn new(
        pattern: &str,
        alphabet: &Arc<pyre::Alphabet>,
        checked: bool,
    ) -> Result<Lazy, PatternError> {
        if !checked {
            pyre::Regex::check(pattern, alphabet)?;
        }
        Ok(Lazy {
            pattern: pattern.to_owned(),
            alphabet: alphabet.clone(),
            regex: OnceLock::new(),
        })
    }

    /// `re.search(text)` (a pattern the regex engine refuses beyond its syntax, which the
    /// tables' tests rule out, never matches).
    fn search(&self, text: &str) -> bool {
        self.compiled(false).is_some_and(|r| r.search(text))
    }

    /// `re.match` of a line already mapped through the alphabet ([`pyre::Alphabet::map`]).
    fn match_mapped(&self, mapped: &str) -> bool {
        self.compiled(true).is_some_and(|r| r.search_mapped(mapped))
    }

    /// The compiled pattern (`anchored`: for `re.match`; one Lazy is always used one way).
    fn compiled(&self, anchored: bool) -> Option<&pyre::Regex> {
        self.regex
            .get_or_init(|| {
                pyre::Regex::with_alphabet(&self.pattern, true, anchored, &self.alphabet).ok()
            })
            .as_ref()
    }
}

/// All chrome tables compiled for fast lookup: a map for whole-line phrases; the anchored
/// patterns, tried in table order (classes by `max_words`, widest first, the classes that
/// set `min_words` last), only those whose class takes a line of that length and that can
/// start with the line's first bytes (a list per literal prefix, looked up once per line);
/// and the trigger strings of the patterns that may match anywhere (the patterns a line's
/// triggers point to are tried in the same table order).
///
/// Each anchored pattern is its own automaton, compiled on first use: one set of all of
/// them would fall back to the regex crate's slowest engine (a PikeVM over every pattern)
/// on any line with non-ASCII text as soon as one of them holds a `\b`, while a single
/// anchored pattern stops at its first mismatching character, and a line's first
/// character leaves only a handful of candidates.
#[derive(Debug, Clone)]
pub struct Matcher {
    phrases: FxHashMap<String, Arc<str>>,
    anchored: Vec<Anchored>,
    // the literals (at most PREFIX_BYTES long) some pattern begins with -> those patterns
    prefixes: FxHashMap<Vec<u8>, Vec<usize>>,
    any_prefix: Vec<usize>, // the patterns without a small set of literal prefixes
    alphabet: Arc<pyre::Alphabet>,
    triggers: Option<AhoCorasick>,
    trigger_patterns: Vec<Vec<usize>>, // per trigger (aho-corasick pattern id): Within ids
    within: Vec<Within>,
    longest: usize,
}

/// A pattern of the tables that does not compile, or whose example does not match.
#[derive(Debug, Clone)]
pub struct TableError(pub String);

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TableError {}

impl Matcher {
    /// The matcher of the shipped tables.
    pub fn embedded() -> Result<Matcher, TableError> {
        let tables = Tables::embedded().map_err(TableError)?;
        Matcher::compile(&tables)
    }

    /// Compile pattern tables.
    pub fn compile(tables: &Tables) -> Result<Matcher, TableError> {
        let err =
            |p: &Pattern, e: PatternError| TableError(format!("chrome pattern {}: {e}", p.name));
        let mut phrases = FxHashMap::default();
        for cls in &tables.classes {
            let name: Arc<str> = Arc::from(cls.name.as_str());
            for p in &cls.phrases {
                phrases.entry(line_key(p)).or_insert_with(|| name.clone());
            }
        }
        let all_patterns: Vec<&str> = tables
            .classes
            .iter()
            .flat_map(|c| c.patterns.iter().map(|p| p.regex.as_str()))
            .collect();
        let alphabet = Arc::new(
            pyre::Alphabet::of(&all_patterns)
                .map_err(|e| TableError(format!("chrome patterns: {e}")))?,
        );
        let mut order: Vec<&ChromeClass> = tables.classes.iter().collect();
        // Widest classes first; classes of long notices (`min_words` set) after all others,
        // so that a line both match keeps the class of the short chrome.  Stable.
        order.sort_by_key(|c| (c.min_words > 0, std::cmp::Reverse(c.max_words)));
        let mut anchored = Vec::new();
        let mut firsts = Vec::new();
        let mut within = Vec::new();
        let mut within_triggers: Vec<&[String]> = Vec::new();
        for cls in order {
            let name: Arc<str> = Arc::from(cls.name.as_str());
            for pat in &cls.patterns {
                if pat.triggers.is_empty() {
                    anchored.push(Anchored {
                        cls: name.clone(),
                        rule: format!("pattern {}", pat.name),
                        min_words: cls.min_words,
                        max_words: cls.max_words,
                        regex: Lazy::new(&pat.regex, &alphabet, tables.checked)
                            .map_err(|e| err(pat, e))?,
                    });
                    firsts.push(pyre::Regex::prefixes(
                        &pat.regex,
                        true,
                        &alphabet,
                        PREFIX_BYTES,
                    ));
                } else {
                    within.push(Within {
                        min_words: cls.min_words,
                        max_words: cls.max_words,
                        regex: Lazy::new(&pat.regex, &alphabet, tables.checked)
                            .map_err(|e| err(pat, e))?,
                        cls: name.clone(),
                        rule: format!("pattern {}", pat.name),
                    });
                    within_triggers.push(&pat.triggers);
                }
            }
        }
        // the literal prefixes of the anchored patterns, each leading to its pattern
        let any_prefix: Vec<usize> = (0..firsts.len())
            .filter(|&i| firsts.get(i).is_some_and(Option::is_none))
            .collect();
        let mut prefixes: FxHashMap<Vec<u8>, Vec<usize>> = FxHashMap::default();
        for (i, f) in firsts.iter().enumerate() {
            for lit in f.iter().flatten() {
                // keyed in ASCII lower case: a line that begins with a literal begins with
                // it in lower case too, so the lookup stays exact and the case variants of
                // a prefix share one entry
                let owners = prefixes.entry(lit.to_ascii_lowercase()).or_default();
                if !owners.contains(&i) {
                    owners.push(i);
                }
            }
        }
        // a trigger that begins with a shorter one is found as the shorter one
        let all: FxHashSet<&str> = within_triggers
            .iter()
            .flat_map(|ts| ts.iter().map(String::as_str))
            .collect();
        let shortest = |t: &str| -> String {
            all.iter()
                .filter(|u| t.starts_with(**u))
                .min_by_key(|u| (u.len(), **u))
                .map_or_else(|| t.to_owned(), |u| (*u).to_owned())
        };
        let mut keys: Vec<String> = Vec::new();
        let mut trigger_patterns: Vec<Vec<usize>> = Vec::new();
        for (id, ts) in within_triggers.iter().enumerate() {
            let mut mine: Vec<String> = ts.iter().map(|t| shortest(t)).collect();
            mine.sort();
            mine.dedup();
            for t in mine {
                let k = match keys.iter().position(|k| *k == t) {
                    Some(k) => k,
                    None => {
                        keys.push(t);
                        trigger_patterns.push(Vec::new());
                        keys.len() - 1
                    }
                };
                if let Some(list) = trigger_patterns.get_mut(k) {
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
        }
        let triggers = if keys.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&keys)
                    .map_err(|e| TableError(format!("chrome triggers: {e}")))?,
            )
        };
        Ok(Matcher {
            phrases,
            anchored,
            prefixes,
            any_prefix,
            alphabet,
            triggers,
            trigger_patterns,
            within,
            longest: tables
                .classes
                .iter()
                .map(|c| c.max_words)
                .max()
                .unwrap_or(0),
        })
    }

    /// The chrome class of a whole line, or None (`key`: its [`line_key`]).
    pub fn matches(&self, text: &str, words: usize, key: &str) -> Option<Hit> {
        self.matches_lowered(text, words, key, None)
    }

    /// [`Matcher::matches`] given the line lower-cased ([`unicode::lower`]) when the
    /// caller has it already.
    pub fn matches_lowered(
        &self,
        text: &str,
        words: usize,
        key: &str,
        lowered: Option<&str>,
    ) -> Option<Hit> {
        if let Some(code) = looks_like_code(text) {
            return Some(code);
        }
        if words > self.longest {
            return None;
        }
        if let Some(cls) = self.phrases.get(key) {
            return Some(Hit {
                cls: cls.clone(),
                rule: format!("phrase '{key}'"),
            });
        }
        if let Some(a) = self.anchored_winner(text, words) {
            return Some(Hit {
                cls: a.cls.clone(),
                rule: a.rule.clone(),
            });
        }
        if let Some(ac) = &self.triggers {
            let owned;
            let lowered = match lowered {
                Some(l) => l,
                None => {
                    owned = unicode::lower(text);
                    &owned
                }
            };
            // Every pattern a trigger of the line points to, tried in table order.
            let mut ids: Ids = Ids::new();
            for m in ac.find_iter(lowered) {
                if let Some(owned) = self.trigger_patterns.get(m.pattern().as_usize()) {
                    ids.extend_from_slice(owned);
                }
            }
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                if let Some(w) = self.within.get(id) {
                    if (w.min_words..=w.max_words).contains(&words) && w.regex.search(text) {
                        return Some(Hit {
                            cls: w.cls.clone(),
                            rule: w.rule.clone(),
                        });
                    }
                }
            }
        }
        None
    }

    /// The first anchored pattern, in order, that matches at the start of a line of
    /// `words` words: only the patterns whose class takes lines of that length and that
    /// have a literal prefix the line begins with (or no small set of prefixes) are tried.
    fn anchored_winner(&self, text: &str, words: usize) -> Option<&Anchored> {
        let mapped = self.alphabet.map(text);
        let mut head = [0u8; PREFIX_BYTES];
        let n = PREFIX_BYTES.min(mapped.len());
        head[..n].copy_from_slice(&mapped.as_bytes()[..n]);
        head.make_ascii_lowercase();
        let mut candidates: Ids = Ids::new();
        for k in 1..=n {
            if let Some(owners) = self.prefixes.get(&head[..k]) {
                candidates.extend_from_slice(owners);
            }
        }
        if candidates.is_empty() {
            return self.first_match(&self.any_prefix, &mapped, words);
        }
        candidates.extend_from_slice(&self.any_prefix);
        candidates.sort_unstable();
        candidates.dedup();
        self.first_match(&candidates, &mapped, words)
    }

    fn first_match(&self, candidates: &[usize], mapped: &str, words: usize) -> Option<&Anchored> {
        candidates
            .iter()
            .filter_map(|&i| self.anchored.get(i))
            .filter(|a| (a.min_words..=a.max_words).contains(&words))
            .find(|a| a.regex.match_mapped(mapped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_matches_its_pattern() {
        let tables = Tables::embedded().unwrap();
        for cls in &tables.classes {
            for p in &cls.patterns {
                let re = if p.triggers.is_empty() {
                    pyre::Regex::anchored(&p.regex, true)
                } else {
                    pyre::Regex::new(&p.regex, true)
                }
                .unwrap();
                assert!(re.search(&p.example), "{} / {}", p.name, p.example);
                if !p.triggers.is_empty() {
                    let low = unicode::lower(&p.example);
                    assert!(
                        p.triggers.iter().any(|t| low.contains(t.as_str())),
                        "{}",
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_matcher_names_class_and_rule() {
        let m = Matcher::embedded().unwrap();
        let hit = |t: &str, w| {
            m.matches(t, w, &line_key(t))
                .map(|h| (h.cls.to_string(), h.rule))
        };
        assert_eq!(
            hit("Post 7876", 2),
            Some(("counter".into(), "pattern post-number".into()))
        );
        assert_eq!(
            hit("This website uses cookies to improve your experience.", 8),
            Some(("cookie".into(), "pattern uses-cookies".into()))
        );
        assert_eq!(hit("The minister resigned on Tuesday.", 5), None);
    }

    #[test]
    fn the_alphabet_tells_apart_what_the_tables_can() {
        let tables = Tables::embedded().unwrap();
        let patterns: Vec<&str> = tables
            .classes
            .iter()
            .flat_map(|c| c.patterns.iter().map(|p| p.regex.as_str()))
            .collect();
        let alphabet = pyre::Alphabet::of(&patterns).unwrap();
        let rust_word = |c: char| regex_syntax::try_is_word_character(c).unwrap_or(false);
        for cp in 0x80..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if alphabet.is_named(c) {
                // a named character stands for itself: Rust's \b must read it as Python,
                // except the dingbat digits ❶..➓ of the emoji-bullet range (a word
                // character for Python only; no pattern puts \b next to one)
                if !(0x2776..=0x2793).contains(&cp) {
                    assert_eq!(rust_word(c), unicode::is_word(c), "named U+{cp:04X}");
                }
                continue;
            }
            let s = pyre::Alphabet::stand_in(c);
            assert_eq!(unicode::is_word(s), unicode::is_word(c), "U+{cp:04X}");
            assert_eq!(unicode::is_decimal(s), unicode::is_decimal(c), "U+{cp:04X}");
            assert_eq!(unicode::is_space(s), unicode::is_space(c), "U+{cp:04X}");
            assert_eq!(rust_word(s), unicode::is_word(c), "U+{cp:04X}");
        }
    }

    #[test]
    fn alphabet_and_full_unicode_regexes_agree() {
        let tables = Tables::embedded().unwrap();
        let patterns: Vec<&str> = tables
            .classes
            .iter()
            .flat_map(|c| c.patterns.iter().map(|p| p.regex.as_str()))
            .collect();
        let alphabet = std::sync::Arc::new(pyre::Alphabet::of(&patterns).unwrap());
        let probes = [
            "Ⓐ Share on Facebook",
            "❶ Read more: ٣ things",
            "Post ２０２５",
            "By Jürgen Müller | Mar 3, 2020",
            "ΣΑΣ comments (3)",
            "नमस्ते | समाचार | खेल",
            "© 2019 Ünïcode Média",
            "Photo: Ka\u{301}rin / AP",
            "Follow us on Twitter\u{2003}now",
            "2025年4月6日",
            "\u{1F441} A safer way",
            "Home › Welt › Straße",
        ];
        for cls in &tables.classes {
            for p in &cls.patterns {
                let anchored = p.triggers.is_empty();
                let full = if anchored {
                    pyre::Regex::anchored(&p.regex, true)
                } else {
                    pyre::Regex::new(&p.regex, true)
                }
                .unwrap();
                let small =
                    pyre::Regex::with_alphabet(&p.regex, true, anchored, &alphabet).unwrap();
                for probe in probes.iter().copied().chain([p.example.as_str()]) {
                    assert_eq!(
                        full.search(probe),
                        small.search(probe),
                        "{} on {probe}",
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn line_keys() {
        assert_eq!(line_key("Share (1234567)"), "share (1");
        assert_eq!(line_key("Comments 12"), "comments");
        assert_eq!(line_key("2019"), "2019");
        assert_eq!(line_key("«  Straße  »"), "strasse");
    }

    #[test]
    fn literal_prefixes_of_patterns() {
        let alphabet =
            pyre::Alphabet::of(&[r"(?:post|pin)\s", r"[(\[]?photo", r"\d{1,2}:"]).unwrap();
        let f = |r: &str| {
            pyre::Regex::prefixes(r, true, &alphabet, 4).map(|v| {
                v.into_iter()
                    .map(|b| String::from_utf8_lossy(&b).to_lowercase())
                    .collect::<Vec<String>>()
            })
        };
        // case variants (and the long s of "poſt"), and the spaces \s stands for
        let post = f(r"(?:post|pin)\s").unwrap();
        assert!(post.contains(&"post".to_owned()) && post.contains(&"pin ".to_owned()));
        assert!(post
            .iter()
            .all(|p| p.starts_with("pin") || p.starts_with("po")));
        let photo = f(r"[(\[]?photo").unwrap();
        assert!(photo.contains(&"phot".to_owned()) && photo.contains(&"(pho".to_owned()));
        assert!(photo
            .iter()
            .all(|p| ["(", "[", "p"].iter().any(|s| p.starts_with(s))));
        assert!(f(r"\w+").is_none());
        assert!(f(r"(?:x|)").is_none());
    }

    #[test]
    fn only_patterns_a_line_can_begin_are_tried_and_the_order_holds() {
        // two patterns of one table that both match "share now": the first in order wins,
        // whichever prefix list names it; a line that begins with neither is no chrome
        let tables = Tables::from_toml(
            r#"
[[classes]]
name = "share"
comment = "share bars"
max_words = 6
phrases = []
[[classes.patterns]]
name = "share-now"
comment = "a share prompt"
regex = '(?:share|send) now$'
example = "Share now"
[[classes.patterns]]
name = "any-share"
comment = "a line that begins with share"
regex = 'sh\w+'
example = "Shares"
"#,
        )
        .unwrap();
        let m = Matcher::compile(&tables).unwrap();
        let hit = |t: &str| m.matches(t, 2, &line_key(t)).map(|h| h.rule);
        assert_eq!(hit("SHARE NOW").as_deref(), Some("pattern share-now"));
        assert_eq!(hit("Send now").as_deref(), Some("pattern share-now"));
        assert_eq!(hit("Shop here").as_deref(), Some("pattern any-share"));
        assert_eq!(hit("Trade now"), None);
        assert_eq!(hit(""), None);
    }
}
