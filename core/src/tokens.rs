//! Word tokens: the runs of word characters of a line, lower-cased (Python:
//! `WORD.findall(text.lower())`, with `WORD = re.compile(r"\w+")`).
//!
//! Every later stage (stopword counts, the title's words, duplicates, topic comparison)
//! reads a line through its tokens, computed once per line.
//!
//! ```
//! use newsconv_core::tokens::word_tokens;
//! assert_eq!(word_tokens("Iraq’s WAR, 2019"), ["iraq", "s", "war", "2019"]);
//! ```

use crate::unicode;

/// The runs of word characters of `text`, lower-cased.
pub fn word_tokens(text: &str) -> Vec<String> {
    lowered_word_tokens(&unicode::lower(text))
}

/// [`word_tokens`] of a line already lower-cased ([`unicode::lower`]).
pub fn lowered_word_tokens(lowered: &str) -> Vec<String> {
    words(lowered).map(str::to_owned).collect()
}

/// The runs of word characters (Python's `\w+`) of `text`, as they are.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !unicode::is_word(c))
        .filter(|w| !w.is_empty())
}
