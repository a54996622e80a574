//! Dump-level boilerplate: a line that repeats across many documents of one input is the
//! site's chrome, whatever it says (Python: `newsconv.boilerplate`, which calls this).
//!
//! Statistics are kept per window of consecutive documents of one input file (the Python
//! runner cuts the windows).  Only hashes are kept, never the lines: each line's
//! comparison key ([`dump_key`]) becomes a stable 64-bit hash ([`key_hash`]: XXH3-64 with
//! seed 0, whose format is frozen, so the same on every platform and in every release),
//! whose lowest bit records whether the line reads as prose.
//!
//! **Copies count once.**  Documents are first grouped into copies of one article
//! ([`copy_groups`]): a document copies an earlier one when the sentence-like lines they
//! share (6+ words ending in punctuation, of any length) hold at least half of the
//! characters of such lines of the smaller of the two, and are at least [`COPY_MIN_LINES`]
//! lines; an exact repeat is always a copy.  A sentence found in more than
//! [`COPY_FANOUT`] groups (a footer) is no evidence of copying.  A line then counts once
//! per group ([`repeated`]).
//!
//! Thresholds: a short or unpunctuated line must appear in [`MIN_DOCS`] groups of the
//! window; a sentence-like line in [`MIN_DOCS_PROSE`] groups and in 5 % of the window's
//! groups, so that a wire story syndicated on a few sites of the dump keeps its paragraphs.
//!
//! ```
//! use newsconv_core::dumpstats::{dump_key, key_hash, window_stats};
//! let docs = ["Home\nA story.\nShare", "Home\nAnother one.\nShare", "Home\nThird.",
//!             "Home\nFourth.\nShare"];
//! let stats = window_stats(&docs);
//! assert_eq!(stats.groups, [0, 1, 2, 3]);
//! assert_eq!(stats.repeats[0], [key_hash(&dump_key("  HOME "))]);
//! // the same four documents twice over are still four articles
//! let twice: Vec<&str> = docs.iter().chain(docs.iter()).copied().collect();
//! let stats = window_stats(&twice);
//! assert_eq!(stats.groups, [0, 1, 2, 3, 0, 1, 2, 3]);
//! assert_eq!(stats.repeats[0], [key_hash("home")]);
//! ```

use std::collections::{HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::unicode;

/// Lines longer than this (in code points) are never counted.
pub const MAX_LINE_CHARS: usize = 200;
/// Groups of a window a short line must appear in.
pub const MIN_DOCS: usize = 4;
/// Groups a sentence-like line must appear in...
pub const MIN_DOCS_PROSE: usize = 10;
/// ...and this share of the window's groups.
pub const PROSE_SHARE: f64 = 0.05;
/// Share of the smaller document's sentence characters two copies share, at least.
pub const COPY_SHARE: f64 = 0.5;
/// Shared sentences, at least, for a copy.
pub const COPY_MIN_LINES: usize = 2;
/// A sentence in more groups than this is chrome, no evidence of copying.
pub const COPY_FANOUT: usize = 50;
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
    (xxh3_64(key) & !PROSE_BIT) | if prose(key) { PROSE_BIT } else { 0 }
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

/// [`key_hash`] of a key given as WTF-8 (a Python string with lone surrogates, encoded
/// with `surrogatepass`).
pub fn key_hash_wtf8(key: &[u8]) -> u64 {
    bytes_hash(key)
}

/// The distinct hashes (sorted) of the lines of one document that may be boilerplate
/// (non-blank, at most [`MAX_LINE_CHARS`] characters).
pub fn line_hashes(text: &str) -> Vec<u64> {
    document_hashes(text).lines
}

/// What the dump statistics keep of one document: hashes and numbers, never text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocHashes {
    /// The distinct hashes (sorted) of its lines that may be boilerplate.
    pub lines: Vec<u64>,
    /// The hashes of its sentence-like lines of any length, with their lengths in
    /// characters (sorted by hash): the evidence that two documents are copies.
    pub prose: Vec<(u64, usize)>,
}

impl DocHashes {
    fn prose_chars(&self) -> usize {
        self.prose.iter().map(|&(_, n)| n).sum()
    }

    /// All its hashes, sorted and distinct: equal for exact repeats.
    fn signature(&self) -> Vec<u64> {
        let mut all: Vec<u64> = self.lines.clone();
        all.extend(self.prose.iter().map(|&(h, _)| h));
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// A line's key as WTF-8 bytes with its length in code points.
struct Key {
    bytes: Vec<u8>,
    chars: usize,
}

/// One line of a document, UTF-8 or (with lone surrogates) WTF-8.
enum Line<'a> {
    Text(&'a str),
    Wtf8(&'a [u8]),
}

impl Line<'_> {
    /// Code points, a surrogate counting as one.
    fn chars(&self) -> usize {
        match self {
            Line::Text(s) => unicode::char_len(s),
            Line::Wtf8(b) => pieces_chars(&wtf8_pieces(b)),
        }
    }

    /// Non-empty and not all white space (a surrogate is not space).
    fn counts(&self) -> bool {
        match self {
            Line::Text(s) => !s.is_empty() && !unicode::all_space(s),
            Line::Wtf8(_) => true,
        }
    }

    /// `dump_key(line)`: white space collapsed, lower case.
    fn dump_key(&self) -> Key {
        match self {
            Line::Text(s) => text_key(dump_key(s)),
            Line::Wtf8(b) => wtf8_key(b, true),
        }
    }

    /// `line.strip().lower()`: the lighter key of a long line.
    fn long_key(&self) -> Key {
        match self {
            Line::Text(s) => text_key(unicode::lower(unicode::strip(s))),
            Line::Wtf8(b) => wtf8_key(b, false),
        }
    }
}

fn text_key(s: String) -> Key {
    Key {
        chars: unicode::char_len(&s),
        bytes: s.into_bytes(),
    }
}

/// [`DocHashes`] of one document: the hashes of its short lines' [`dump_key`]s, and of
/// its sentence-like lines.  A line longer than [`MAX_LINE_CHARS`] is never boilerplate,
/// only evidence of copying: its key is its trimmed lower-case text (cheaper than
/// [`dump_key`] on a long paragraph; copies repeat their paragraphs exactly).
///
/// ```
/// let h = newsconv_core::dumpstats::document_hashes(
///     "Home\nThe ferry sailed at dawn on Monday, late again.\nHome");
/// assert_eq!(h.lines.len(), 2);
/// assert_eq!(h.prose.iter().map(|p| p.1).collect::<Vec<_>>(), [47]);
/// ```
pub fn document_hashes(text: &str) -> DocHashes {
    hashes_of(text.split('\n').map(Line::Text))
}

/// [`document_hashes`] of a text given as WTF-8 (Python's `encode("utf-8",
/// "surrogatepass")`), for Python strings that hold lone surrogates: each surrogate counts
/// as one character, is neither space nor cased, and is hashed as its three bytes, as
/// Python does.
pub fn document_hashes_wtf8(text: &[u8]) -> DocHashes {
    hashes_of(
        text.split(|&b| b == b'\n')
            .map(|line| std::str::from_utf8(line).map_or(Line::Wtf8(line), Line::Text)),
    )
}

fn hashes_of<'a>(lines: impl Iterator<Item = Line<'a>>) -> DocHashes {
    let mut short: FxHashMap<u64, usize> = FxHashMap::default();
    let mut long: FxHashMap<u64, usize> = FxHashMap::default();
    let mut seen_long: FxHashSet<&[u8]> = FxHashSet::default();
    for line in lines {
        if !line.counts() {
            continue;
        }
        if line.chars() <= MAX_LINE_CHARS {
            let key = line.dump_key();
            short.insert(bytes_hash(&key.bytes), key.chars);
        } else {
            let raw = match &line {
                Line::Text(s) => s.as_bytes(),
                Line::Wtf8(b) => b,
            };
            if !seen_long.insert(raw) {
                continue; // the same long line again
            }
            // lower case changes neither the spaces nor the closing punctuation `prose`
            // looks at: only sentence-like lines are lower-cased and hashed
            if let Line::Text(s) = &line {
                if !prose(unicode::strip(s).as_bytes()) {
                    continue;
                }
            }
            let key = line.long_key();
            if prose(&key.bytes) {
                long.insert(bytes_hash(&key.bytes), key.chars);
            }
        }
    }
    let mut lines: Vec<u64> = short.keys().copied().collect();
    lines.sort_unstable();
    let mut prose: FxHashMap<u64, usize> = short
        .into_iter()
        .filter(|&(h, _)| h & PROSE_BIT != 0)
        .collect();
    prose.extend(long);
    let mut prose: Vec<(u64, usize)> = prose.into_iter().collect();
    prose.sort_unstable();
    DocHashes { lines, prose }
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

fn pieces_chars(pieces: &[Piece<'_>]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) => unicode::char_len(s),
            Piece::Surrogate(_) => 1,
        })
        .sum()
}

/// The key of a WTF-8 line: `" ".join(line.split()).lower()` when `collapse`, else
/// `line.strip().lower()`.  A surrogate is neither space nor cased, so each run of text
/// between surrogates is lower-cased on its own.
fn wtf8_key(line: &[u8], collapse: bool) -> Key {
    let pieces = wtf8_pieces(line);
    let mut spaced: Vec<u8> = Vec::with_capacity(line.len());
    if collapse {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut current: Vec<u8> = Vec::new();
        for p in &pieces {
            match p {
                Piece::Surrogate(b) => current.extend_from_slice(b),
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
        spaced = words.join(&b' ');
    } else {
        let last = pieces.len().saturating_sub(1);
        for (k, p) in pieces.iter().enumerate() {
            match p {
                Piece::Surrogate(b) => spaced.extend_from_slice(b),
                Piece::Text(s) => {
                    let mut s: &str = s;
                    if k == 0 {
                        s = s.trim_start_matches(unicode::is_space);
                    }
                    if k == last {
                        s = s.trim_end_matches(unicode::is_space);
                    }
                    spaced.extend_from_slice(s.as_bytes());
                }
            }
        }
    }
    let mut bytes = Vec::with_capacity(spaced.len());
    let mut chars = 0;
    for p in wtf8_pieces(&spaced) {
        match p {
            Piece::Text(s) => {
                let low = unicode::lower(s);
                chars += unicode::char_len(&low);
                bytes.extend_from_slice(low.as_bytes());
            }
            Piece::Surrogate(b) => {
                chars += 1;
                bytes.extend_from_slice(b);
            }
        }
    }
    Key { bytes, chars }
}

/// For each document of a window, the position of the first document of its group of
/// copies (its own position when it copies no earlier one).
///
/// A document is an exact repeat of an earlier one when its lines and sentences are the
/// same; else it copies the earlier group whose first document shares with it the most
/// sentence characters (the earliest such group on a tie), if those are at least half of
/// the smaller of the two documents' sentence characters and at least
/// [`COPY_MIN_LINES`] sentences.  Sentences found in more than [`COPY_FANOUT`] groups are
/// not looked at (chrome), so the work stays linear in the window.
///
/// ```
/// use newsconv_core::dumpstats::{copy_groups, document_hashes};
/// let story: String = (0..4)
///     .map(|i| format!("Paragraph {i} of the wire story, as every site ran it.\n"))
///     .collect();
/// let a = document_hashes(&format!("Alpha Daily\n{story}Subscribe to Alpha Daily today for news."));
/// let b = document_hashes(&format!("Beta Times\nMenu\n{story}"));
/// let other = document_hashes("Alpha Daily\nA different story, told in its own words here.");
/// assert_eq!(copy_groups(&[a.clone(), other, b, a]), [0, 1, 0, 0]);
/// ```
pub fn copy_groups(docs: &[DocHashes]) -> Vec<usize> {
    let mut groups = Vec::with_capacity(docs.len());
    let mut exact: HashMap<Vec<u64>, usize> = HashMap::new();
    // sentence hash -> first documents of the groups holding it (at most COPY_FANOUT + 1)
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut sizes: FxHashMap<usize, usize> = FxHashMap::default(); // group -> sentence chars
    for (i, doc) in docs.iter().enumerate() {
        let key = doc.signature();
        let first = match exact.get(&key) {
            Some(&f) => f,
            None => match copied(doc, &index, &sizes) {
                Some(f) => f,
                None => {
                    sizes.insert(i, doc.prose_chars());
                    for &(h, _) in &doc.prose {
                        let holders = index.entry(h).or_default();
                        if holders.len() <= COPY_FANOUT {
                            holders.push(i);
                        }
                    }
                    i
                }
            },
        };
        exact.entry(key).or_insert(first);
        groups.push(first);
    }
    groups
}

/// The group `doc` is a copy of, if any (see [`copy_groups`]).
fn copied(
    doc: &DocHashes,
    index: &FxHashMap<u64, Vec<usize>>,
    sizes: &FxHashMap<usize, usize>,
) -> Option<usize> {
    // group -> (shared sentence characters, shared sentences)
    let mut shared: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    for &(h, n) in &doc.prose {
        let Some(holders) = index.get(&h) else {
            continue;
        };
        if holders.len() > COPY_FANOUT {
            continue;
        }
        for &first in holders {
            let e = shared.entry(first).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }
    let own = doc.prose_chars();
    let mut ranked: Vec<(usize, usize, usize)> =
        shared.into_iter().map(|(f, (n, k))| (f, n, k)).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().find_map(|(first, n, lines)| {
        let size = sizes.get(&first).copied().unwrap_or(0);
        (lines >= COPY_MIN_LINES && n as f64 >= COPY_SHARE * own.min(size) as f64).then_some(first)
    })
}

/// The hashes that count as dump-level boilerplate in a window, given each document's
/// [`line_hashes`] and, optionally, its [`copy_groups`] (a line counts once per group;
/// without groups, every document is its own).
pub fn repeated<H: AsRef<[u64]>>(doc_hashes: &[H], groups: Option<&[usize]>) -> HashSet<u64> {
    let own: Vec<usize>;
    let groups = match groups {
        Some(g) => g,
        None => {
            own = (0..doc_hashes.len()).collect();
            &own
        }
    };
    let mut sizes: FxHashMap<usize, usize> = FxHashMap::default();
    for &g in groups {
        *sizes.entry(g).or_default() += 1;
    }
    let n = sizes.len();
    if n < MIN_DOCS {
        return HashSet::new();
    }
    let mut counts: FxHashMap<u64, usize> = FxHashMap::default();
    let mut unions: FxHashMap<usize, FxHashSet<u64>> = FxHashMap::default();
    for (hashes, &g) in doc_hashes.iter().zip(groups) {
        let mut mine: Vec<u64> = hashes.as_ref().to_vec();
        mine.sort_unstable();
        mine.dedup();
        if sizes.get(&g) == Some(&1) {
            for h in mine {
                *counts.entry(h).or_default() += 1;
            }
        } else {
            unions.entry(g).or_default().extend(mine);
        }
    }
    for union in unions.into_values() {
        for h in union {
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

/// A window's dump statistics, per document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WindowStats {
    /// The first document of each document's group of copies ([`copy_groups`]).
    pub groups: Vec<usize>,
    /// The hashes of each document's lines that are repeated across the window (sorted).
    pub repeats: Vec<Vec<u64>>,
}

/// [`copy_groups`] and, per document, its [`repeated`] lines, from the documents'
/// [`DocHashes`].
pub fn stats_of(docs: &[DocHashes]) -> WindowStats {
    let groups = copy_groups(docs);
    let lines: Vec<&[u64]> = docs.iter().map(|d| d.lines.as_slice()).collect();
    let window = repeated(&lines, Some(&groups));
    let repeats = docs
        .iter()
        .map(|d| {
            if window.is_empty() {
                Vec::new()
            } else {
                d.lines
                    .iter()
                    .copied()
                    .filter(|h| window.contains(h))
                    .collect()
            }
        })
        .collect();
    WindowStats { groups, repeats }
}

/// [`stats_of`] the documents' texts: what the runner asks for each window.
pub fn window_stats<S: AsRef<str>>(texts: &[S]) -> WindowStats {
    let docs: Vec<DocHashes> = texts.iter().map(|t| document_hashes(t.as_ref())).collect();
    stats_of(&docs)
}

/// [`document_hashes`] of a text given as UTF-8, or as WTF-8 when it holds lone surrogates
/// ([`document_hashes_wtf8`]).
///
/// ```
/// use newsconv_core::dumpstats::{document_hashes, document_hashes_bytes};
/// assert_eq!(document_hashes_bytes(b"Home\nA story."), document_hashes("Home\nA story."));
/// ```
pub fn document_hashes_bytes(text: &[u8]) -> DocHashes {
    match std::str::from_utf8(text) {
        Ok(s) => document_hashes(s),
        Err(_) => document_hashes_wtf8(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_xxh3_64() {
        // XXH3-64 (seed 0, a frozen format), lowest bit cleared: a key hashes the same in
        // every process, on every platform and in every release
        // python: xxhash.xxh3_64_intdigest(b"home") & ~1
        assert_eq!(key_hash("home"), 6059822735191508506);
    }

    #[test]
    fn surrogates_count_and_hash_as_python() {
        let plain = line_hashes("Home\nx");
        assert_eq!(document_hashes_wtf8(b"Home\nx").lines, plain);
        let with = document_hashes_wtf8(b"A\xed\xa0\x80B\n  \n").lines;
        assert_eq!(with.len(), 1);
        // python: xxhash.xxh3_64_intdigest("a\ud800b".encode("utf-8", "surrogatepass")) & ~1
        assert_eq!(with[0], 11779307595458892492);
    }

    #[test]
    fn long_lines_are_only_evidence() {
        let long = format!("{} ends here.", "word ".repeat(50));
        let h = document_hashes(&format!("Home\n{long}\n{long}"));
        assert_eq!(h.lines, [key_hash("home")]);
        assert_eq!(h.prose.len(), 1);
        assert_eq!(h.prose[0].1, long.chars().count());
        let w = document_hashes_wtf8(format!("Home\n  {long}  ").as_bytes());
        assert_eq!(w.prose, h.prose);
    }

    #[test]
    fn wtf8_keys_collapse_or_strip() {
        let k = wtf8_key(b"  A\xed\xa0\x80B   C  ", true);
        assert_eq!((k.bytes, k.chars), (b"a\xed\xa0\x80b c".to_vec(), 5));
        let k = wtf8_key(b"  A\xed\xa0\x80B   C  ", false);
        assert_eq!((k.bytes, k.chars), (b"a\xed\xa0\x80b   c".to_vec(), 7));
    }

    #[test]
    fn copies_count_once() {
        let docs = [
            "Home\nA story.\nShare",
            "Home\nAnother one.\nShare",
            "Home\nThird.",
        ];
        let four: Vec<&str> = vec![docs[0]; 4];
        let stats = window_stats(&four);
        assert_eq!(stats.groups, [0, 0, 0, 0]);
        assert!(stats.repeats.iter().all(Vec::is_empty));
        let mut more: Vec<&str> = docs.to_vec();
        more.push("Home\nFourth.\nShare");
        assert_eq!(window_stats(&more).repeats[0], [key_hash("home")]);
    }

    #[test]
    fn a_tie_goes_to_the_earliest_group() {
        let s = |w: &str| format!("The {w} sentence here is long enough to count as prose.");
        let a = document_hashes(&[s("first"), s("second")].join("\n"));
        let b = document_hashes(&[s("third"), s("fourth")].join("\n"));
        let both = document_hashes(&[s("first"), s("second"), s("third"), s("fourth")].join("\n"));
        assert_eq!(copy_groups(&[a, b, both]), [0, 1, 0]);
    }
}
