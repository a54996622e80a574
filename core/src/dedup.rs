//! Near-duplicate lines inside one document (once the Python `newsconv.dedup`).
//!
//! Pages repeat themselves: the headline appears as page title, as breadcrumb and above the
//! body; a photo's alt text stands above the same caption with its credit; a teaser of the
//! first paragraph precedes the paragraph.  Two lines are copies when their word tokens are
//! equal, or when the tokens of the shorter one begin the longer one and the shorter one is
//! long enough (or visibly truncated) for that to be no accident.
//!
//! [`copies`] only finds them; [`crate::structure`] decides which copy to keep.  It runs in
//! time linear in the text: lines are looked up by their first [`MIN_PREFIX_TOKENS`]
//! tokens, so lines that merely start alike are never compared pairwise.
//!
//! ```
//! use newsconv_core::dedup::copies;
//! use newsconv_core::tokens::word_tokens;
//! let texts = ["A headline here", "Post 1", "A headline here", "Body text follows here."];
//! let toks: Vec<_> = texts.iter().map(|t| word_tokens(t)).collect();
//! assert_eq!(copies(&texts, &toks).into_iter().collect::<Vec<_>>(), [(0, 2)]);
//! ```

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::tokens::Token;
use crate::unicode;

/// Shorter lines ("Share", "1") repeat legitimately.
pub const MIN_TOKENS: usize = 3;
/// A shorter line must be this long to count as a prefix copy...
pub const MIN_PREFIX_TOKENS: usize = 8;
/// Longer lines a truncated teaser is compared with, at most.
pub const TRUNCATED_CANDIDATES: usize = 50;

/// ...unless it visibly stops short: `(?:\.\.\.|…)\s?$`.
pub fn truncated(text: &str) -> bool {
    let t = match text.chars().next_back() {
        Some(c) if unicode::is_space(c) => text.get(..text.len() - c.len_utf8()).unwrap_or(""),
        _ => text,
    };
    t.ends_with("...") || t.ends_with('…') || text.ends_with("...") || text.ends_with('…')
}

/// Map each redundant line's index to the index of the fuller copy (for equal copies, the
/// last one), in increasing order of the redundant line.  `tokens`: the lines' lower-case
/// word tokens.
pub fn copies<S: AsRef<str>, T: AsRef<[Token]>>(
    texts: &[S],
    tokens: &[T],
) -> BTreeMap<usize, usize> {
    let toks: Vec<&[Token]> = tokens.iter().map(AsRef::as_ref).collect();
    // each line's last equal copy (itself if none follows), hashing each line once
    // sized for every line at once: growing re-hashes every key, a whole line's tokens
    let n = toks.len();
    let mut last_equal: FxHashMap<&[Token], usize> = map_for(n);
    let mut keeper: Vec<usize> = (0..toks.len()).collect();
    for (i, t) in toks.iter().enumerate().rev() {
        if t.len() >= MIN_TOKENS {
            keeper[i] = *last_equal.entry(t).or_insert(i);
        }
    }
    let mut by_head: FxHashMap<&[Token], Vec<usize>> = map_for(n);
    let mut by_start: FxHashMap<&[Token], Vec<usize>> = map_for(n);
    for (i, t) in toks.iter().enumerate() {
        if t.len() < MIN_TOKENS {
            continue;
        }
        if t.len() >= MIN_PREFIX_TOKENS {
            by_head.entry(&t[..MIN_PREFIX_TOKENS]).or_default().push(i);
        }
        by_start.entry(&t[..MIN_TOKENS]).or_default().push(i);
    }
    let longest_by_head: FxHashMap<&[Token], usize> = by_head
        .iter()
        .filter_map(|(h, ids)| {
            ids.iter()
                .copied()
                .max_by_key(|&i| (toks[i].len(), i))
                .map(|i| (*h, i))
        })
        .collect();
    let mut redundant = BTreeMap::new();
    for (i, t) in toks.iter().enumerate() {
        if t.len() < MIN_TOKENS {
            continue;
        }
        if keeper[i] != i {
            redundant.insert(i, keeper[i]); // an equal copy further down
            continue;
        }
        let mut candidates: Vec<usize> = Vec::new();
        if t.len() >= MIN_PREFIX_TOKENS {
            candidates.extend(longest_by_head.get(&t[..MIN_PREFIX_TOKENS]).copied());
        } else if texts.get(i).is_some_and(|s| truncated(s.as_ref())) {
            if let Some(ids) = by_start.get(&t[..MIN_TOKENS]) {
                candidates.extend(ids.iter().take(TRUNCATED_CANDIDATES));
            }
        }
        candidates.sort_by_key(|&j| std::cmp::Reverse((toks[j].len(), j)));
        for j in candidates {
            let u = toks[j];
            if u.len() > t.len() && u[..t.len()] == **t {
                redundant.insert(i, keeper[j]);
                break;
            }
        }
    }
    redundant
}

fn map_for<K, V>(n: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(n, Default::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::word_tokens;

    #[test]
    fn prefix_copies_and_truncated_teasers() {
        let texts = [
            "After the war, the city's mood changed in many ways",
            "x",
            "After the war, the city’s mood changed in many ways (AP Photo/A. B.)",
            "Short teaser of the…",
            "Short teaser of the story that goes on",
        ];
        let toks: Vec<_> = texts.iter().map(|t| word_tokens(t)).collect();
        let got: Vec<_> = copies(&texts, &toks).into_iter().collect();
        assert_eq!(got, [(0, 2), (3, 4)]);
    }

    #[test]
    fn truncation_marks() {
        assert!(truncated("and then..."));
        assert!(truncated("and then… "));
        assert!(!truncated("and then."));
    }
}
