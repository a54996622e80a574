//! What the classifier knows about each block: its own shape and the company it keeps
//! (once the Python `newsconv.features`).
//!
//! Local features describe the block alone: length, stopword density in the document's
//! language, sentence punctuation, capitalisation, digits and punctuation, the chrome class
//! its text matches, repetition inside the document, likeness to the page title.  Context
//! features describe its neighbourhood — how much prose lies around it and how far, how
//! dense the chrome is, the page title, bylines, related-links headers and comment threads
//! above it, runs of lines of one shape — as in jusText's second pass.
//!
//! Everything is computed in one pass per document into plain numbers ([`Features`]);
//! per-character statistics look at no more than [`SAMPLE_CHARS`] characters of a block.
//! The floating-point operations are those of the Python code, in the same order, so the
//! trees see bit-identical features.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::chrome::{line_key, Hit, Matcher};
use crate::language::{count_words, Language};
use crate::records::Block;
use crate::tokens::{self, lowered_word_tokens, word_tokens, Token};
use crate::unicode;

/// A block this long with sentence punctuation is "prose" for context.
pub const PROSE_WORDS: usize = 12;
/// Per-character statistics look at this much of a block.
pub const SAMPLE_CHARS: usize = 200;
/// Lines up to this long have a shape (list items, table rows, menu items).
pub const SHAPE_WORDS: usize = 25;
/// Blocks on each side that count as "around"...
pub const NEAR: usize = 3;
/// ...and as "in the wider neighbourhood".
pub const FAR: usize = 10;
/// Distances are capped here and scaled to [0, 1].
pub const DIST_CAP: usize = 10;
/// A line shorter than this...
pub const FAR_WORDS: usize = 8;
/// ...with no prose within this many tenths of DIST_CAP lines is not scored.
pub const FAR_DIST: f64 = 0.5;

/// Chrome classes that never hold article text when they match a whole line.
pub const HARD_CLASSES: &[&str] = &[
    "share",
    "comment-form",
    "subscribe",
    "cookie",
    "navigation",
    "advertisement",
    "counter",
    "gallery",
    "error",
    "copyright",
    "tags",
    "code",
];

/// Whether a class is one of [`HARD_CLASSES`].
pub fn is_hard(cls: &str) -> bool {
    HARD_CLASSES.contains(&cls)
}

/// Per-block measurements the context pass and later stages reuse.
#[derive(Debug, Clone, PartialEq)]
pub struct Local {
    /// Words (no-space scripts: characters / 2).
    pub words: usize,
    /// Stopwords among them.
    pub stopwords: usize,
    /// Ends like a sentence.
    pub sentence_end: bool,
    /// The chrome class the line matches.
    pub hit: Option<Hit>,
    /// Its [`line_key`].
    pub key: String,
    /// [`skeleton`] of short lines, "" for long ones.
    pub shape: String,
    /// Lower-case word tokens.
    pub tokens: Vec<Token>,
}

impl Local {
    /// Whether a chrome table of class `cls` matched the line.
    pub fn hit_is(&self, cls: &str) -> bool {
        self.hit.as_ref().is_some_and(|h| &*h.cls == cls)
    }

    /// Whether a chrome table of one of `classes` matched the line.
    pub fn hit_in(&self, classes: &[&str]) -> bool {
        self.hit
            .as_ref()
            .is_some_and(|h| classes.contains(&&*h.cls))
    }
}

/// The names of the 28 features, in order (the model file lists them too).
pub const FEATURE_NAMES: [&str; 28] = [
    "log_words",
    "medium",
    "stop_ratio",
    "stop_x_long",
    "sentence_end",
    "cap_ratio",
    "digit_ratio",
    "punct_ratio",
    "repeated",
    "title_like",
    "chrome",
    "rel_position",
    "second_person",
    "prose_before",
    "prose_after",
    "prose_before_far",
    "prose_after_far",
    "near_prose",
    "dist_prev_prose",
    "dist_next_prose",
    "chrome_density",
    "next_sentence_end",
    "next_long",
    "prev_long",
    "since_title",
    "since_related",
    "comments_before",
    "skeleton_run",
];

/// One block's features (see the module docs), in the order of [`FEATURE_NAMES`].
pub type Features = [f64; 28];

/// A sentence ends with . ! ? … or the full stops of other scripts, maybe followed by
/// closing quotes or brackets; or the line ends with a closing quote.
///
/// ```
/// use newsconv_core::features::sentence_end;
/// assert!(sentence_end("नदी में पानी है।")); // Devanagari danda
/// assert!(sentence_end("「雨が降った。」")); // Japanese full stop inside corner brackets
/// assert!(!sentence_end("Menu"));
/// ```
pub fn sentence_end(text: &str) -> bool {
    // Latin, Cyrillic, Greek...: . ! ? … ("He left."); CJK and full-width forms: 。！？．
    // ("終わった。", "本当？"); Devanagari, Bengali...: danda and double danda । ॥ ("वह घर
    // गया।"); Arabic question mark ؟ ("هل ذهب؟") and Urdu full stop ۔ ("وہ گیا۔")
    const END: &[char] = &[
        '.', '!', '?', '…', '。', '！', '？', '．', '।', '॥', '؟', '۔',
    ];
    // Latin quotes and brackets ("He said “no.”", "(see above.)"); CJK closing quotes and
    // the full-width bracket (「行く。」, （注。）)
    const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '」', '』', '）'];
    if text.ends_with(['"', '”', '»']) {
        return true;
    }
    text.trim_end_matches(CLOSERS).ends_with(END)
}

/// The measurements of one line (see [`Local`]).
pub fn measure_line(text: &str, lang: &Language, matcher: &Matcher) -> Local {
    let lowered = unicode::lower(text); // once, for the tokens and the chrome triggers
    let tokens = lowered_word_tokens(&lowered);
    let (words, stopwords) = count_words(text, lang, &tokens);
    let key = line_key(text);
    let hit = matcher.matches_lowered(text, words, &key, Some(&lowered));
    Local {
        words,
        stopwords,
        sentence_end: sentence_end(text),
        hit,
        key,
        shape: if words <= SHAPE_WORDS {
            skeleton(text)
        } else {
            String::new()
        },
        tokens,
    }
}

/// The per-block measurements.
pub fn measure(blocks: &[Block], lang: &Language, matcher: &Matcher) -> Vec<Local> {
    blocks
        .iter()
        .map(|b| measure_line(&b.text, lang, matcher))
        .collect()
}

/// `re.split(r"\s[|–—-]\s|\s::\s|\s·\s", text)`: a page title cut at its separators.
pub fn split_title(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut last = 0usize; // byte offset of the current piece
    let mut i = 0usize;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    while i < chars.len() {
        let len = if at(i).is_some_and(unicode::is_space) {
            match at(i + 1) {
                Some('|' | '–' | '—' | '-' | '·') if at(i + 2).is_some_and(unicode::is_space) => {
                    3
                }
                Some(':') if at(i + 2) == Some(':') && at(i + 3).is_some_and(unicode::is_space) => {
                    4
                }
                _ => 0,
            }
        } else {
            0
        };
        if len > 0 {
            let start = chars.get(i).map_or(text.len(), |&(b, _)| b);
            out.push(text.get(last..start).unwrap_or(""));
            last = chars.get(i + len).map_or(text.len(), |&(b, _)| b);
            i += len;
        } else {
            i += 1;
        }
    }
    out.push(text.get(last..).unwrap_or(""));
    out
}

/// The words of the page title (the first line, minus a ' | Site' suffix).
pub fn page_title_words(blocks: &[Block]) -> FxHashSet<String> {
    let Some(first) = blocks.first() else {
        return FxHashSet::default();
    };
    let parts = split_title(&first.text);
    // max(parts, key=len): the first of the longest
    let mut head = first.text.as_str();
    let mut best = None;
    for p in parts {
        let n = unicode::char_len(p);
        if best.is_none_or(|b| n > b) {
            best = Some(n);
            head = p;
        }
    }
    word_tokens(head).into_iter().map(String::from).collect()
}

/// The shape of a line: a run of words becomes 'a', a number '0', punctuation stays.
/// Items of one list or rows of one table share it.  The combining marks attached to a
/// word's letters are part of it: "नदी" is "a", not "a" and a stray vowel sign.
///
/// ```
/// use newsconv_core::features::skeleton;
/// assert_eq!(skeleton("June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre"), "a 0 – a, a @ a");
/// assert_eq!(skeleton("Turkey (Group H): Fifth"), skeleton("Czech Republic (Group A): Third"));
/// assert_eq!(skeleton("4. Sam Ortiz – 5 points"), skeleton("3. Irene Kovac – 5.5 points"));
/// ```
pub fn skeleton(text: &str) -> String {
    // numbers: \d+(?:[.,:]\d+)* -> "0"; then letters and their marks: (?:[^\W\d_]\p{M}*)+
    // -> "a"; then runs of words: a(?: a)+ -> "a" -- the three substitutions in one pass,
    // each character of one going straight into the next
    let mut out = String::with_capacity(text.len());
    let mut in_letters = false;
    let mut put = |c: char, out: &mut String| {
        let letter = (unicode::is_word(c) && !unicode::is_decimal(c) && c != '_')
            || (in_letters && unicode::is_mark(c));
        if !letter {
            out.push(c);
        } else if !in_letters {
            // an "a" after "a " joins the run of words before it
            if out.ends_with("a ") {
                out.pop();
            } else {
                out.push('a');
            }
        }
        in_letters = letter;
    };
    let starts_with_digit = |s: &str| s.chars().next().is_some_and(unicode::is_decimal);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if unicode::is_decimal(c) {
            rest = rest.trim_start_matches(unicode::is_decimal);
            // "1,000.5", "10:30": separators between digits stay inside the number
            while let Some(after) = rest.strip_prefix(['.', ',', ':']) {
                if !starts_with_digit(after) {
                    break;
                }
                rest = after.trim_start_matches(unicode::is_decimal);
            }
            put('0', &mut out);
        } else {
            put(c, &mut out);
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
    }
    out
}

/// For each position, blocks since the last flagged one before it, in [0, 1].
fn since(flags: &[bool], cap: usize) -> Vec<f64> {
    let cap_i = cap as i64;
    let mut last = -cap_i;
    let mut out = Vec::with_capacity(flags.len());
    for (i, &f) in flags.iter().enumerate() {
        let i = i as i64;
        out.push(cap_i.min(i - last) as f64 / cap as f64);
        if f {
            last = i;
        }
    }
    out
}

/// For each position, blocks until the next flagged one after it, in [0, 1].
fn until(flags: &[bool], cap: usize) -> Vec<f64> {
    let reversed: Vec<bool> = flags.iter().rev().copied().collect();
    let mut out = since(&reversed, cap);
    out.reverse();
    out
}

/// For each position, the length of the run of equal keys it belongs to, in [0, 1].
fn runs_of_equal<K: PartialEq>(keys: &[K], cap: usize) -> Vec<f64> {
    let n = keys.len();
    let mut out = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && keys.get(j + 1) == keys.get(i) {
            j += 1;
        }
        let value = cap.min(j - i + 1) as f64 / cap as f64;
        for slot in out.iter_mut().take(j + 1).skip(i) {
            *slot = value;
        }
        i = j + 1;
    }
    out
}

/// For each position, the sum of `values` over the `before` positions before it
/// (after = 0) or the `after` positions after it (before = 0).
fn window_sums(values: &[usize], before: usize, after: usize) -> Vec<usize> {
    let n = values.len();
    let mut prefix = vec![0usize; n + 1];
    for (i, v) in values.iter().enumerate() {
        prefix[i + 1] = prefix[i] + v;
    }
    if before > 0 {
        (0..n)
            .map(|i| prefix[i] - prefix[i.saturating_sub(before)])
            .collect()
    } else {
        (0..n)
            .map(|i| prefix[n.min(i + 1 + after)] - prefix[i + 1])
            .collect()
    }
}

/// Whether the model has anything to decide for a block: not for a line a hard table
/// pins, nor for a short line far from any prose (a menu item deep in a menu), which the
/// classifier scores `FAR_SCORE`.  Training uses the same test.
pub fn wanted(m: &Local, dprev: f64, dnext: f64) -> bool {
    if m.hit.as_ref().is_some_and(|h| is_hard(&h.cls)) {
        return false;
    }
    m.words >= FAR_WORDS || dprev < FAR_DIST || dnext < FAR_DIST
}

/// Whether `c` matches the pattern letter `e` case-insensitively as Python's `re` has it
/// (the long s matches "s").
fn same_letter(c: char, e: char) -> bool {
    c.to_ascii_lowercase() == e || (e == 's' && c == '\u{17F}')
}

fn second_person_count(sample: &str) -> usize {
    // \b(?:you|your|yours|you're|you’re)\b, case-insensitively: a word of word
    // characters "you"/"your"/"yours", or "you" + apostrophe + "re"
    let chars: Vec<char> = sample.chars().collect();
    let n = chars.len();
    let word = |k: usize| chars.get(k).is_some_and(|&c| unicode::is_word(c));
    let is = |k: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(o, e)| chars.get(k + o).is_some_and(|&c| same_letter(c, e)))
    };
    let mut count = 0;
    let mut i = 0;
    while i < n {
        if (i == 0 || !word(i - 1)) && is(i, "you") {
            // the alternatives in order: you, your, yours, you're, you’re
            let ends = [3usize, 4, 5, 6, 6];
            let alts = ["you", "your", "yours", "you're", "you’re"];
            let mut matched = None;
            for (alt, end) in alts.iter().zip(ends) {
                if is(i, alt) && !word(i + end) {
                    matched = Some(end);
                    break;
                }
            }
            if let Some(end) = matched {
                count += 1;
                i += end;
                continue;
            }
        }
        i += 1;
    }
    count
}

/// Features of every block of one document the model is asked about (see [`wanted`]),
/// None for the others.
pub fn extract(blocks: &[Block], local: &[Local]) -> Vec<Option<Features>> {
    let n = blocks.len();
    if n == 0 {
        return Vec::new();
    }
    let title = page_title_words(blocks);
    let mut counts: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for m in local {
        *counts.entry(m.key.as_str()).or_default() += 1;
    }
    let prose: Vec<bool> = local
        .iter()
        .map(|m| m.words >= PROSE_WORDS && m.sentence_end && m.hit.is_none())
        .collect();
    let prose_words: Vec<usize> = local
        .iter()
        .zip(&prose)
        .map(|(m, &p)| if p { m.words } else { 0 })
        .collect();
    let chrome: Vec<usize> = local.iter().map(|m| usize::from(m.hit.is_some())).collect();
    let related: Vec<bool> = local.iter().map(|m| m.hit_is("related")).collect();
    let comment: Vec<usize> = local
        .iter()
        .map(|m| usize::from(m.hit_is("comment-form")))
        .collect();
    let (near_b, near_a) = (
        window_sums(&prose_words, NEAR, 0),
        window_sums(&prose_words, 0, NEAR),
    );
    let (far_b, far_a) = (
        window_sums(&prose_words, FAR, 0),
        window_sums(&prose_words, 0, FAR),
    );
    let (chrome_b, chrome_a) = (window_sums(&chrome, NEAR, 0), window_sums(&chrome, 0, NEAR));
    let comments = window_sums(&comment, 30, 0);
    let (dprev, dnext) = (since(&prose, DIST_CAP), until(&prose, DIST_CAP));
    // per short block: its distinct words and how many of them the page title holds
    let title_words: Vec<Option<(usize, usize)>> = local
        .iter()
        .map(|m| {
            (m.words <= 30 && !title.is_empty()).then(|| {
                let mut ws: Vec<&str> = m.tokens.iter().map(Token::as_str).collect();
                ws.sort_unstable();
                ws.dedup();
                (ws.len(), ws.iter().filter(|w| title.contains(**w)).count())
            })
        })
        .collect();
    let title_flags: Vec<bool> = title_words
        .iter()
        .map(|tw| tw.is_some_and(|(_, common)| common as f64 >= 0.6 * title.len() as f64))
        .collect();
    let since_title = since(&title_flags, 20);
    let since_related = since(&related, DIST_CAP);
    // a line's shape, borrowed, or (a line without one) its number written out
    let shape_keys: Vec<Cow<str>> = local
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if m.shape.is_empty() {
                Cow::Owned(i.to_string())
            } else {
                Cow::Borrowed(m.shape.as_str())
            }
        })
        .collect();
    let shapes = runs_of_equal(&shape_keys, DIST_CAP);
    let last = 1.max(n - 1) as f64;
    let mut feats = Vec::with_capacity(n);
    for (i, (b, m)) in blocks.iter().zip(local).enumerate() {
        if !wanted(m, dprev[i], dnext[i]) {
            feats.push(None);
            continue;
        }
        let words = m.words;
        let sample = unicode::prefix(&b.text, SAMPLE_CHARS);
        let length = match unicode::char_len(sample) {
            0 => 1,
            l => l,
        } as f64;
        let toks: Vec<&str> = unicode::split(sample).collect();
        let alpha: Vec<&str> = toks
            .iter()
            .copied()
            .filter(|t| t.chars().next().is_some_and(unicode::is_alpha))
            .collect();
        let caps = alpha
            .iter()
            .filter(|t| t.chars().next().is_some_and(unicode::is_upper))
            .count();
        let stop_ratio = if words > 0 {
            m.stopwords as f64 / words as f64
        } else {
            0.0
        };
        let title_like = match title_words[i] {
            Some((distinct, common)) if distinct > 0 && distinct <= 2 * title.len() + 3 => {
                common as f64 / distinct as f64
            }
            _ => 0.0,
        };
        let lo = i.saturating_sub(NEAR);
        let hi = n.min(i + NEAR + 1);
        let neighbours = match hi - lo - 1 {
            0 => 1,
            k => k,
        } as f64;
        let nxt = local.get(i + 1);
        let digits = sample.chars().filter(|&c| unicode::is_decimal(c)).count() as f64;
        let punct = sample
            .chars()
            .filter(|&c| !tokens::is_word_char(c) && !unicode::is_space(c))
            .count() as f64;
        let second_person = if unicode::lower(sample).contains("you") {
            second_person_count(sample) as f64 / 1.max(words.min(toks.len())) as f64
        } else {
            0.0
        };
        let flag = |x: bool| if x { 1.0 } else { 0.0 };
        feats.push(Some([
            (words as f64).ln_1p(),
            flag((4..=9).contains(&words)),
            stop_ratio,
            if words >= 10 { stop_ratio } else { 0.0 },
            flag(m.sentence_end),
            if alpha.is_empty() {
                0.0
            } else {
                caps as f64 / alpha.len() as f64
            },
            digits / length,
            punct / length,
            flag(counts.get(m.key.as_str()).copied().unwrap_or(0) > 1),
            title_like,
            flag(chrome[i] > 0),
            i as f64 / last,
            second_person,
            (near_b[i] as f64).ln_1p(),
            (near_a[i] as f64).ln_1p(),
            (far_b[i] as f64).ln_1p(),
            (far_a[i] as f64).ln_1p(),
            flag(dprev[i] <= 0.2 && dnext[i] <= 0.2),
            dprev[i],
            dnext[i],
            (chrome_b[i] + chrome_a[i]) as f64 / neighbours,
            flag(nxt.is_some_and(|x| x.sentence_end)),
            flag(nxt.is_some_and(|x| x.words >= 20)),
            flag(i > 0 && local[i - 1].words >= 20),
            since_title[i],
            since_related[i],
            (comments[i] as f64).ln_1p(),
            shapes[i],
        ]));
    }
    feats
}

/// The lower-case word tokens of a text (Python `_words`: as a set).
pub fn word_set(text: &str) -> FxHashSet<String> {
    let lowered = unicode::lower(text);
    tokens::words(&lowered).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(sentence_end("He left."));
        assert!(sentence_end("He said “no.”"));
        assert!(sentence_end("Quote”"));
        assert!(sentence_end("終わり。"));
        assert!(sentence_end("वह घर गया।") && sentence_end("श्लोक॥"));
        assert!(sentence_end("「行く。」") && sentence_end("（注。）"));
        assert!(sentence_end("هل ذهب؟") && sentence_end("وہ گیا۔"));
        assert!(!sentence_end("वह घर"));
        assert!(!sentence_end("Menu"));
        assert!(!sentence_end("a)"));
    }

    /// The three substitutions one after the other, as the Python code does them.
    fn skeleton_by_stages(text: &str) -> String {
        // numbers: \d+(?:[.,:]\d+)* -> "0"
        let chars: Vec<char> = text.chars().collect();
        let mut numbered: Vec<char> = Vec::with_capacity(chars.len());
        let mut i = 0;
        let dec = |k: usize| chars.get(k).is_some_and(|&c| unicode::is_decimal(c));
        while let Some(&c) = chars.get(i) {
            if unicode::is_decimal(c) {
                while dec(i) {
                    i += 1;
                }
                while chars.get(i).is_some_and(|c| matches!(c, '.' | ',' | ':')) && dec(i + 1) {
                    i += 1;
                    while dec(i) {
                        i += 1;
                    }
                }
                numbered.push('0');
            } else {
                numbered.push(c);
                i += 1;
            }
        }
        // letters and their marks: (?:[^\W\d_]\p{M}*)+ -> "a"
        let mut lettered: Vec<char> = Vec::with_capacity(numbered.len());
        let mut in_letters = false;
        for c in numbered {
            let letter = (unicode::is_word(c) && !unicode::is_decimal(c) && c != '_')
                || (in_letters && unicode::is_mark(c));
            if letter {
                if !in_letters {
                    lettered.push('a');
                }
            } else {
                lettered.push(c);
            }
            in_letters = letter;
        }
        // runs of words: a(?: a)+ -> "a"
        let mut out = String::with_capacity(lettered.len());
        let mut i = 0;
        while let Some(&c) = lettered.get(i) {
            if c == 'a' {
                let mut j = i + 1;
                while lettered.get(j) == Some(&' ') && lettered.get(j + 1) == Some(&'a') {
                    j += 2;
                }
                out.push('a');
                i = j;
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn skeleton_in_one_pass_is_the_three_substitutions() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a", "Ab", "é", "ß", "_", " ", "  ", "1", "٣", "²", ".", ",", ":", "-", "–", "(",
            "x_y", "a a", "12.5", "3:04", "q", "Ⅻ", "\u{301}", "कि", "\u{94D}",
        ]);
        let mut runner = crate::testing::fixed_runner(2000, 7);
        runner
            .run(&prop::collection::vec(pieces, 0..14), |parts| {
                let text = parts.concat();
                prop_assert_eq!(skeleton(&text), skeleton_by_stages(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn skeletons() {
        assert_eq!(skeleton("3rd place"), "0a");
        assert_eq!(skeleton("1,000.5 km"), "0 a");
        assert_eq!(skeleton("a_b"), "a_a");
        assert_eq!(skeleton("x²"), "a");
        assert_eq!(skeleton("12. 3"), "0. 0");
        // a Devanagari word with vowel signs and a virama is one word
        assert_eq!(skeleton("किताब 3 रुपये"), "a 0 a");
    }

    #[test]
    fn title_split() {
        assert_eq!(split_title("Head – Site | X"), ["Head", "Site", "X"]);
        assert_eq!(split_title("A :: B"), ["A", "B"]);
        assert_eq!(split_title("no-split"), ["no-split"]);
    }

    #[test]
    fn second_person() {
        assert_eq!(
            second_person_count("You and your friends, yours truly, you’re"),
            4
        );
        assert_eq!(second_person_count("youth younger"), 0);
        assert_eq!(second_person_count("you're"), 1);
    }

    #[test]
    fn since_and_until() {
        assert_eq!(since(&[false, true, false], 10), [1.0, 1.0, 0.1]);
        assert_eq!(until(&[false, true, false], 10), [0.1, 1.0, 1.0]);
    }
}
