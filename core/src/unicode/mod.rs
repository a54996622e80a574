//! Python's `str` semantics, which the pipeline was written in: which characters are word
//! characters, digits, spaces or upper case, how text is lower-cased and case-folded, split
//! and stripped, and how it is measured (in code points, not bytes).
//!
//! The character properties come from the tables in [`tables`], generated from Python
//! itself by `tools/gen_unicode_tables.py`, so that the core and the Python pipeline agree
//! on every character whatever Unicode version Rust's standard library follows.
//!
//! ```
//! use newsconv_core::unicode;
//! assert!(unicode::is_word('é'));
//! assert!(!unicode::is_word('\u{0301}')); // a combining accent is not `\w` in Python
//! assert_eq!(unicode::lower("ΟΔΟΣ"), "οδος");
//! assert_eq!(unicode::casefold("Straße"), "strasse");
//! assert_eq!(unicode::split("  a \u{3000} b ").collect::<Vec<_>>(), ["a", "b"]);
//! ```

pub mod tables;

#[inline(never)]
fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn mapped(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    table
        .binary_search_by_key(&(c as u32), |&(cp, _)| cp)
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, s)| s)
}

/// `c.isalnum() or c == "_"`: a character of Python `re`'s `\w`.
#[inline] // the ASCII test inline, the table search not
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(tables::WORD, c)
    }
}

/// A combining mark (categories Mn, Mc, Me): not a word character for Python's `re`, but
/// the inside of a word in the scripts that write vowels and conjuncts with them.
///
/// ```
/// use newsconv_core::unicode::is_mark;
/// assert!(is_mark('\u{093E}')); // DEVANAGARI VOWEL SIGN AA, as in "का"
/// assert!(is_mark('\u{094D}')); // DEVANAGARI SIGN VIRAMA, as in "न्य"
/// assert!(is_mark('\u{064E}')); // ARABIC FATHA
/// assert!(!is_mark('a') && !is_mark('-'));
/// ```
#[inline] // the ASCII test inline, the table search not
pub fn is_mark(c: char) -> bool {
    !c.is_ascii() && in_ranges(tables::MARK, c)
}

/// `c.isalpha()`.
#[inline] // the ASCII test inline, the table search not
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(tables::ALPHA, c)
    }
}

/// `c.isdecimal()`: a character of Python `re`'s `\d`.
#[inline] // the ASCII test inline, the table search not
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(tables::DECIMAL, c)
    }
}

/// `c.isdigit()` (decimal digits, and superscripts and the like).
#[inline] // the ASCII test inline, the table search not
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(tables::DIGIT, c)
    }
}

/// `c.isspace()`: a character of Python `re`'s `\s`, and what `split()` and `strip()` remove.
#[inline] // the ASCII test inline, the table search not
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ')
    } else {
        in_ranges(tables::SPACE, c)
    }
}

/// `c.isupper()` of one character.
#[inline] // the ASCII test inline, the table search not
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(tables::UPPER, c)
    }
}

fn is_cased(c: char) -> bool {
    in_ranges(tables::CASED, c)
}

fn is_case_ignorable(c: char) -> bool {
    in_ranges(tables::CASE_IGNORABLE, c)
}

/// `s.isdigit()`: not empty, and every character a digit.
pub fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_digit)
}

/// `s.isspace()`: not empty, and every character white space.
pub fn all_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_space)
}

const CAPITAL_SIGMA: char = '\u{3A3}';

/// Whether the capital sigma at `chars[i]` ends a word (Python's `handle_capital_sigma`):
/// a cased character before it (case-ignorable ones skipped) and none after it.
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars
        .get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|&&c| !is_case_ignorable(c));
    if !before.is_some_and(|&c| is_cased(c)) {
        return false;
    }
    let after = chars
        .get(i + 1..)
        .unwrap_or_default()
        .iter()
        .find(|&&c| !is_case_ignorable(c));
    !after.is_some_and(|&c| is_cased(c))
}

/// `s.lower()`: full lower-case mapping, with Greek final sigma.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut chars: Option<Vec<char>> = None;
    map_non_ascii(s, |i, c, out| {
        if c == CAPITAL_SIGMA {
            let all = chars.get_or_insert_with(|| s.chars().collect());
            out.push(if final_sigma(all, i) {
                '\u{3C2}'
            } else {
                '\u{3C3}'
            });
        } else {
            match mapped(tables::LOWER, c) {
                Some(m) => out.push_str(m),
                None => out.push(c),
            }
        }
    })
}

/// `s.casefold()`: full case folding ("Straße" and "STRASSE" fold alike).
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    map_non_ascii(s, |_, c, out| match mapped(tables::CASEFOLD, c) {
        Some(m) => out.push_str(m),
        None => out.push(c),
    })
}

/// `s` with its ASCII letters lower-cased and each other character written by `other`
/// (given the character's index in code points, the character and the output).  The
/// runs of ASCII characters, most of a line in most languages, are copied and
/// lower-cased whole rather than a character at a time.
fn map_non_ascii(s: &str, mut other: impl FnMut(usize, char, &mut String)) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut index = 0; // of the first character of `rest`, in code points
    while !rest.is_empty() {
        let run = rest.bytes().take_while(u8::is_ascii).count();
        let (ascii, after) = rest.split_at(run);
        let start = out.len();
        out.push_str(ascii);
        if let Some(copied) = out.get_mut(start..) {
            copied.make_ascii_lowercase();
        }
        index += run;
        let mut chars = after.chars();
        if let Some(c) = chars.next() {
            other(index, c, &mut out);
            index += 1;
        }
        rest = chars.as_str();
    }
    out
}

/// `s.split()`: the runs of characters between white space.
pub fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

/// `" ".join(s.split())`: white space collapsed to single spaces, none at the ends.
pub fn collapse_space(s: &str) -> String {
    if collapsed(s) {
        return s.to_owned(); // most keys: single spaces between words, none at the ends
    }
    let mut out = String::with_capacity(s.len());
    for w in split(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Is `s` its own [`collapse_space`]: no white space at the ends, no two spaces in a row,
/// no white space but the ASCII space?  Read off the bytes: the ASCII white space other
/// than the space is below 0x20, and the UTF-8 of every other space begins with one of
/// four bytes ([`wide_space_at`]).
fn collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|&c| c < b' ')
        && !s.contains("  ")
        && (s.is_ascii() || !(0..b.len()).any(|i| wide_space_at(b, i)))
}

/// Does a white space character beyond ASCII (U+0085, U+00A0, U+1680, U+2000 to U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000: `str.isspace`) begin at byte `i` of `b`?
fn wide_space_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match at(0) {
        0xC2 => matches!(at(1), 0x85 | 0xA0),
        0xE1 => at(1) == 0x9A && at(2) == 0x80,
        0xE2 => {
            (at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
                || (at(1) == 0x81 && at(2) == 0x9F)
        }
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        _ => false,
    }
}

/// `s.strip()`: white space removed at both ends.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `s.strip(chars)`: the given characters removed at both ends.
pub fn strip_chars<'a>(s: &'a str, chars: &str) -> &'a str {
    s.trim_matches(|c: char| chars.contains(c))
}

/// `len(s)`: the number of code points.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// `s[:n]`: the first `n` code points.
pub fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s; // no more characters than bytes
    }
    if s.as_bytes().get(..n).is_some_and(<[u8]>::is_ascii) {
        return s.get(..n).unwrap_or(s); // n ASCII bytes are n characters
    }
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// `s[-n:]`: the last `n` characters (all of `s` when it is shorter).
///
/// ```
/// use newsconv_core::unicode::suffix;
/// assert_eq!(suffix("café au lait", 4), "lait");
/// assert_eq!(suffix("né", 5), "né");
/// ```
pub fn suffix(s: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    if s.len() <= n {
        return s; // no more characters than bytes
    }
    let start = s.len() - n;
    if s.as_bytes().get(start..).is_some_and(<[u8]>::is_ascii) {
        return s.get(start..).unwrap_or(s); // n ASCII bytes are n characters
    }
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => s.get(i..).unwrap_or(s),
        None => s,
    }
}

/// `s.count(c)` for one character.
pub fn count_char(s: &str, c: char) -> usize {
    s.matches(c).count()
}

/// Python's `round()` of a float to an integer: halves go to the even neighbour.
pub fn round_half_even(x: f64) -> i64 {
    x.round_ties_even() as i64
}

/// Decode WTF-8 (UTF-8 that may hold lone surrogates, as Python's
/// `str.encode("utf-8", "surrogatepass")` writes them) into text, each surrogate becoming
/// U+FFFD, the mark of a character lost in decoding (as `normalise` does in Python).
pub fn from_wtf8_lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        // a surrogate is three bytes, ED A0..BF 80..BF; anything else invalid
                        // (which surrogatepass never writes) is skipped a byte at a time
                        let skip = match bad {
                            [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..] => 3,
                            _ => e.error_len().unwrap_or(bad.len()).max(1),
                        };
                        out.push('\u{FFFD}');
                        rest = bad.get(skip..).unwrap_or_default();
                    }
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_space_is_pythons_join_of_split() {
        let by_split = |s: &str| split(s).collect::<Vec<_>>().join(" ");
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{1c}b",
            "a\u{a0}b",
            "a \n b",
            "already tidy words",
            "x\r",
            "\x0bq",
            "a\u{3000}b",
            "a \u{2009}b",
            "Caf\u{e9} \u{201c}quoted\u{201d} \u{2014} done",
        ] {
            assert_eq!(collapse_space(s), by_split(s), "{s:?}");
        }
    }

    #[test]
    fn wide_spaces_are_found_in_the_bytes_as_by_is_space() {
        for (c, text) in crate::testing::chars_from(0x80) {
            assert_eq!(wide_space_at(text.as_bytes(), 0), is_space(c), "{c:?}");
            let line = format!("a{c}b");
            assert_eq!(
                collapse_space(&line),
                split(&line).collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn word_characters_follow_python() {
        assert!(is_word('a') && is_word('_') && is_word('9') && is_word('²'));
        assert!(is_word('中') && is_word('ß'));
        assert!(!is_word('\u{0301}') && !is_word('\u{093E}') && !is_word('-'));
        assert!(!is_word('\u{24B6}')); // circled letter: So in Python
    }

    #[test]
    fn digits_and_decimals_differ() {
        assert!(is_digit('²') && !is_decimal('²'));
        assert!(is_decimal('٣') && is_digit('٣'));
        assert!(!is_digit('½'));
    }

    #[test]
    fn spaces_follow_python() {
        for c in [
            '\t', '\n', '\x1c', '\u{85}', '\u{a0}', '\u{2028}', '\u{3000}',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        assert!(!is_space('\u{200b}') && !is_space('\u{180e}'));
    }

    #[test]
    fn lower_handles_final_sigma_and_dotted_i() {
        assert_eq!(lower("ΣΑΣ"), "σας");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("İ"), "i\u{307}");
        assert_eq!(lower("ABC déF"), "abc déf");
    }

    #[test]
    fn ascii_runs_copied_whole_give_the_mapping_of_each_character() {
        // the mappings a character at a time, as Python describes them
        fn by_characters(s: &str, fold: bool) -> String {
            let all: Vec<char> = s.chars().collect();
            let mut out = String::new();
            for (i, &c) in all.iter().enumerate() {
                let table = if fold {
                    tables::CASEFOLD
                } else {
                    tables::LOWER
                };
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else if c == CAPITAL_SIGMA && !fold {
                    out.push(if final_sigma(&all, i) { 'ς' } else { 'σ' });
                } else {
                    out.push_str(
                        mapped(table, c)
                            .map_or(c.to_string(), str::to_owned)
                            .as_str(),
                    );
                }
            }
            out
        }
        for (_, c) in crate::testing::chars_from(0x80) {
            // the character between ASCII letters, and a capital sigma after it (whose
            // index in code points decides whether it ends a word)
            let text = format!("A{c}bΣ{c}");
            assert_eq!(lower(&text), by_characters(&text, false), "{text:?}");
            assert_eq!(casefold(&text), by_characters(&text, true), "{text:?}");
        }
    }

    #[test]
    fn prefixes_and_suffixes_of_ascii_ends_are_those_of_the_characters() {
        let texts = [
            "",
            "a",
            "abc",
            "né",
            "éa",
            "abcdé",
            "éabcd",
            "a€b€c",
            "€€€",
            "ab€cd",
        ];
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            for n in 0..8 {
                let head: String = chars.iter().take(n).collect();
                let tail: String = chars[chars.len().saturating_sub(n)..].iter().collect();
                assert_eq!(prefix(text, n), head, "{text:?} {n}");
                assert_eq!(suffix(text, n), tail, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn casefold_expands() {
        assert_eq!(casefold("ß"), "ss");
        assert_eq!(casefold("ﬁ"), "fi");
        assert_eq!(casefold("Σ"), "σ");
    }

    #[test]
    fn strip_and_prefix_count_code_points() {
        assert_eq!(strip("\u{3000} x \n"), "x");
        assert_eq!(prefix("héllo", 2), "hé");
        assert_eq!(prefix("hé", 5), "hé");
        assert_eq!(char_len("日本"), 2);
    }

    #[test]
    fn rounding_is_half_even() {
        assert_eq!(round_half_even(0.5), 0);
        assert_eq!(round_half_even(1.5), 2);
        assert_eq!(round_half_even(2.5), 2);
    }

    #[test]
    fn wtf8_surrogates_become_replacement_characters() {
        assert_eq!(from_wtf8_lossy(b"a\xed\xa0\x80b"), "a\u{FFFD}b");
        assert_eq!(from_wtf8_lossy("ok".as_bytes()), "ok");
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for t in [
            tables::WORD,
            tables::ALPHA,
            tables::MARK,
            tables::DECIMAL,
            tables::DIGIT,
            tables::SPACE,
            tables::UPPER,
            tables::CASED,
            tables::CASE_IGNORABLE,
        ] {
            assert!(t.windows(2).all(|w| w[0].1 < w[1].0));
        }
        assert!(tables::LOWER.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::CASEFOLD.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
