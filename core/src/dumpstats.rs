//! Dump-level boilerplate: a line that repeats across many documents of one input is the
//! site's chrome, whatever it says (Python: `newsconv.boilerplate`).
//!
//! Statistics are kept per window of consecutive documents of one input file (the Python
//! runner cuts the windows).  Only hashes are kept, never the lines: each line's
//! comparison key ([`dump_key`]) becomes a stable 64-bit hash ([`key_hash`]: BLAKE2b with
//! an 8-byte digest, the same bytes as Python's `hashlib.blake2b(digest_size=8)`), whose
//! lowest bit records whether the line reads as prose.
//!
//! Thresholds: a short or unpunctuated line must appear in [`MIN_DOCS`] documents of the
//! window; a sentence-like line (6+ words ending in punctuation) in [`MIN_DOCS_PROSE`]
//! documents and in 5 % of the window, so that a wire story syndicated on a few sites of
//! the dump keeps its paragraphs.
//!
//! ```
//! use newsconv_core::dumpstats::{dump_key, key_hash, line_hashes, repeated};
//! let docs = ["Home\nA story.\nShare", "Home\nAnother one.\nShare", "Home\nThird.",
//!             "Home\nFourth.\nShare"];
//! let window = repeated(&docs.iter().map(|d| line_hashes(d)).collect::<Vec<_>>());
//! assert!(window.contains(&key_hash(&dump_key("  HOME "))));
//! assert!(!window.contains(&key_hash("share")));
//! assert_eq!(window.len(), 1);
//! ```

use std::collections::{HashMap, HashSet};

use blake2::digest::{Update, VariableOutput};
use blake2::Blake2bVar;

use crate::unicode;

/// Lines longer than this (in code points) are never counted.
pub const MAX_LINE_CHARS: usize = 200;
/// Documents of a window a short line must appear in.
pub const MIN_DOCS: usize = 4;
/// Documents a sentence-like line must appear in...
pub const MIN_DOCS_PROSE: usize = 10;
/// ...and this share of the window.
pub const PROSE_SHARE: f64 = 0.05;
const END: &[&str] = &[".", "!", "?", "…", "”", "\"", "’", "。"];
const PROSE_BIT: u64 = 1;

/// The comparison form of a line: white space collapsed, lower case.
///
/// ```
/// assert_eq!(newsconv_core::dumpstats::dump_key("  Leave a   REPLY "), "leave a reply");
/// ```
pub fn dump_key(line: &str) -> String {
    unicode::lower(&unicode::collapse_space(line))
}

fn prose(key: &[u8]) -> bool {
    END.iter().any(|e| key.ends_with(e.as_bytes()))
        && key.iter().filter(|&&b| b == b' ').count() >= 5
}

/// The hash of a key given as (WTF-8) bytes.
fn bytes_hash(key: &[u8]) -> u64 {
    let mut digest = [0u8; 8];
    // an 8-byte output is always a valid BLAKE2b size
    if let Ok(mut h) = Blake2bVar::new(8) {
        h.update(key);
        let _ = h.finalize_variable(&mut digest);
    }
    (u64::from_le_bytes(digest) & !PROSE_BIT) | if prose(key) { PROSE_BIT } else { 0 }
}

/// A stable 64-bit hash of a dump key; its lowest bit is set when the key reads as prose
/// (6+ words ending in punctuation).
///
/// ```
/// use newsconv_core::dumpstats::key_hash;
/// assert_eq!(key_hash("home") & 1, 0);
/// assert_eq!(key_hash("your email address will not be published.") & 1, 1);
/// ```
pub fn key_hash(key: &str) -> u64 {
    bytes_hash(key.as_bytes())
}

/// The distinct hashes (sorted) of the lines of one document that may be boilerplate
/// (non-blank, at most [`MAX_LINE_CHARS`] characters).
pub fn line_hashes(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .split('\n')
        .filter(|l| {
            !l.is_empty() && unicode::char_len(l) <= MAX_LINE_CHARS && !unicode::all_space(l)
        })
        .map(|l| key_hash(&dump_key(l)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// [`line_hashes`] of a text given as WTF-8 (Python's `encode("utf-8", "surrogatepass")`),
/// for Python strings that hold lone surrogates: each surrogate counts as one character,
/// is neither space nor cased, and is hashed as its three bytes, as Python does.
pub fn line_hashes_wtf8(text: &[u8]) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .split(|&b| b == b'\n')
        .filter_map(|line| match std::str::from_utf8(line) {
            Ok(l) => {
                (!l.is_empty() && unicode::char_len(l) <= MAX_LINE_CHARS && !unicode::all_space(l))
                    .then(|| key_hash(&dump_key(l)))
            }
            Err(_) => wtf8_line_hash(line),
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A piece of a WTF-8 line: text, or one surrogate's bytes.
enum Piece<'a> {
    Text(&'a str),
    Surrogate(&'a [u8]),
}

fn wtf8_pieces(mut line: &[u8]) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    while !line.is_empty() {
        match std::str::from_utf8(line) {
            Ok(s) => {
                pieces.push(Piece::Text(s));
                break;
            }
            Err(e) => {
                let (good, bad) = line.split_at(e.valid_up_to());
                if let Ok(s) = std::str::from_utf8(good) {
                    if !s.is_empty() {
                        pieces.push(Piece::Text(s));
                    }
                }
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                let skip = if bad.len() >= 3 && bad.first() == Some(&0xED) {
                    3
                } else {
                    skip
                };
                pieces.push(Piece::Surrogate(bad.get(..skip).unwrap_or(bad)));
                line = bad.get(skip..).unwrap_or_default();
            }
        }
    }
    pieces
}

fn wtf8_line_hash(line: &[u8]) -> Option<u64> {
    let pieces = wtf8_pieces(line);
    let chars: usize = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) => unicode::char_len(s),
            Piece::Surrogate(_) => 1,
        })
        .sum();
    if chars == 0 || chars > MAX_LINE_CHARS {
        return None;
    }
    // " ".join(line.split()).lower(): words are runs of non-space units; a surrogate
    // is neither space nor cased, so each text run is lower-cased on its own
    let mut words: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut any_surrogate = false;
    for p in &pieces {
        match p {
            Piece::Surrogate(b) => {
                current.extend_from_slice(b);
                any_surrogate = true;
            }
            Piece::Text(s) => {
                let mut first = true;
                for part in s.split(unicode::is_space) {
                    if !first && !current.is_empty() {
                        words.push(std::mem::take(&mut current));
                    }
                    first = false;
                    current.extend_from_slice(part.as_bytes());
                }
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    if !any_surrogate && words.is_empty() {
        return None; // all white space
    }
    let joined = words.join(&b' ');
    // lower-case each run of text between surrogates
    let mut key = Vec::with_capacity(joined.len());
    for p in wtf8_pieces(&joined) {
        match p {
            Piece::Text(s) => key.extend_from_slice(unicode::lower(s).as_bytes()),
            Piece::Surrogate(b) => key.extend_from_slice(b),
        }
    }
    Some(bytes_hash(&key))
}

/// The hashes that count as dump-level boilerplate in a window, given each document's
/// [`line_hashes`].
pub fn repeated<H: AsRef<[u64]>>(doc_hashes: &[H]) -> HashSet<u64> {
    let n = doc_hashes.len();
    if n < MIN_DOCS {
        return HashSet::new();
    }
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for hashes in doc_hashes {
        let mut own: Vec<u64> = hashes.as_ref().to_vec();
        own.sort_unstable();
        own.dedup();
        for h in own {
            *counts.entry(h).or_default() += 1;
        }
    }
    let prose_min = MIN_DOCS_PROSE.max((n as f64 * PROSE_SHARE + 0.999) as usize);
    counts
        .into_iter()
        .filter(|&(h, c)| c >= MIN_DOCS && (c >= prose_min || h & PROSE_BIT == 0))
        .map(|(h, _)| h)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_python_blake2b_64() {
        // python: int.from_bytes(blake2b(b"home", digest_size=8).digest(), "little") & ~1
        assert_eq!(key_hash("home"), 10613392714040239014);
    }

    #[test]
    fn surrogates_count_and_hash_as_python() {
        let plain = line_hashes("Home\nx");
        assert_eq!(line_hashes_wtf8(b"Home\nx"), plain);
        let with = line_hashes_wtf8(b"A\xed\xa0\x80B\n  \n");
        assert_eq!(with.len(), 1);
        assert_eq!(with[0], 2416231534404472310);
    }
}
