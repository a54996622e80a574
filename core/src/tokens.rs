//! Word tokens: the runs of word characters of a line, lower-cased (Python:
//! `WORD.findall(text.lower())`, with `WORD` the word characters of [`is_word_char`]).
//!
//! Every later stage (stopword counts, the title's words, duplicates, topic comparison)
//! reads a line through its tokens, computed once per line.
//!
//! ```
//! use newsconv_core::tokens::word_tokens;
//! assert_eq!(word_tokens("Iraq’s WAR, 2019"), ["iraq", "s", "war", "2019"]);
//! // Devanagari: vowel signs and the virama stay inside their word
//! assert_eq!(word_tokens("नदी में पानी"), ["नदी", "में", "पानी"]);
//! ```

use crate::unicode;

/// One word token: held inline up to 24 bytes (nearly every word), so that the tokens of
/// a line cost no allocation each.
pub type Token = compact_str::CompactString;

/// A character of a word: Python's `\w` (letters, digits, `_`) and the combining marks
/// ([`unicode::is_mark`]), as Unicode's definition of a word character has it (TR 18,
/// Annex C; Rust's `regex` and Python's `regex` module agree).  Without the marks, the
/// scripts that write vowels and conjuncts with them fall apart into letters: Devanagari
/// "किताब" would be three tokens "क", "त", "ब" (the vowel signs ि and ा cut it), Bengali,
/// Tamil, Thai and Arabic with harakat likewise.
///
/// ```
/// use newsconv_core::tokens::is_word_char;
/// assert!(is_word_char('क') && is_word_char('\u{093F}')); // KA, VOWEL SIGN I
/// assert!(is_word_char('é') && is_word_char('_') && !is_word_char('।') && !is_word_char(' '));
/// ```
#[inline]
pub fn is_word_char(c: char) -> bool {
    unicode::is_word(c) || unicode::is_mark(c)
}

/// The runs of word characters of `text`, lower-cased.
pub fn word_tokens(text: &str) -> Vec<Token> {
    lowered_word_tokens(&unicode::lower(text))
}

/// [`word_tokens`] of a line already lower-cased ([`unicode::lower`]).
pub fn lowered_word_tokens(lowered: &str) -> Vec<Token> {
    // room for a word every six bytes at first, so that a paragraph's vector seldom grows
    let mut tokens = Vec::with_capacity(lowered.len() / 6 + 1);
    tokens.extend(words(lowered).map(Token::from));
    tokens
}

/// The words of `text`, as they are: runs of word characters ([`is_word_char`]) that start
/// with a letter, digit or `_`.  A mark belongs to the word it is attached to; one that
/// follows no word character (the emoji presentation selector U+FE0F after "❤", a stray
/// accent after a space) is no word of its own.
///
/// ```
/// use newsconv_core::tokens::words;
/// assert_eq!(words("❤\u{FE0F} नदी!").collect::<Vec<_>>(), ["नदी"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = position(rest, is_ascii_word, unicode::is_word)?;
        let word = rest.get(start..).unwrap_or_default();
        let end = position(word, |b| !is_ascii_word(b), |c| !is_word_char(c));
        let (found, after) = word.split_at(end.unwrap_or(word.len()));
        rest = after;
        Some(found)
    })
}

/// An ASCII word character: a letter, a digit or `_` (what [`is_word_char`] says of it).
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The byte offset of the first character of `text` that satisfies the test: `ascii` of
/// its byte for an ASCII character (read without decoding: most of a line), `other` of the
/// character for the rest (`text.find(other)`, when `ascii` agrees with `other` on ASCII).
#[inline(always)]
fn position(text: &str, ascii: impl Fn(u8) -> bool, other: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if ascii(b) {
                return Some(i);
            }
            i += 1;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if other(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devanagari_words_keep_their_vowel_signs_and_viramas() {
        // "The children went to school in the morning." (Hindi, written for this test)
        let text = "बच्चे सुबह स्कूल गए।";
        assert_eq!(word_tokens(text), ["बच्चे", "सुबह", "स्कूल", "गए"]);
    }

    #[test]
    fn other_scripts_with_combining_marks_stay_whole() {
        assert_eq!(word_tokens("বাংলা ভাষা"), ["বাংলা", "ভাষা"]); // Bengali
        assert_eq!(word_tokens("தமிழ் மொழி"), ["தமிழ்", "மொழி"]); // Tamil
        assert_eq!(word_tokens("كَتَبَ الوَلَدُ"), ["كَتَبَ", "الوَلَدُ"]); // Arabic with harakat
        assert_eq!(word_tokens("cafe\u{301} noir"), ["cafe\u{301}", "noir"]); // decomposed é
    }

    #[test]
    fn a_mark_attached_to_nothing_is_no_word() {
        assert_eq!(word_tokens("I \u{2764}\u{FE0F} it"), ["i", "it"]); // heart emoji + VS16
        assert_eq!(word_tokens("\u{301}x \u{94D}"), ["x"]);
        assert_eq!(
            word_tokens("1\u{FE0F}\u{20E3} go"),
            ["1\u{FE0F}\u{20E3}", "go"]
        ); // keycap one
    }

    #[test]
    fn words_read_off_the_bytes_are_the_words_of_the_characters() {
        // the runs as `str::find` over the characters gives them
        fn by_characters(text: &str) -> Vec<&str> {
            let mut rest = text;
            let mut out = Vec::new();
            while let Some(start) = rest.find(unicode::is_word) {
                let word = &rest[start..];
                let end = word.find(|c: char| !is_word_char(c)).unwrap_or(word.len());
                out.push(&word[..end]);
                rest = &word[end..];
            }
            out
        }
        for (_, c) in crate::testing::chars_from(0) {
            // the character first, after a word character, between two, after a space
            let text = format!("{c}a{c}b {c}é{c}");
            assert_eq!(
                words(&text).collect::<Vec<_>>(),
                by_characters(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn punctuation_and_space_still_split() {
        assert_eq!(word_tokens("a-b, c.d"), ["a", "b", "c", "d"]);
        assert!(word_tokens(" ।॥ ").is_empty());
    }
}
