//! User rules: `--rules FILE` adds chrome patterns for a site the defaults miss, or
//! protects lines the defaults would drop (Python: `newsconv.rules`, which reads and checks
//! the TOML file; the core compiles and applies the rules).
//!
//! Phrases match whole lines after [`line_key`] (as the built-in tables do); patterns are
//! searched in each line, case-insensitively, with the `regex` crate: matching time is
//! linear in the line, so no pattern can stall a run (Python's backtracking needed a guard
//! against nested quantifiers; the core does not).  `keep` wins over every `drop`; the
//! first matching drop class names the reason.
//!
//! ```
//! use newsconv_core::rules::{DropClass, UserRules, KEEP};
//! let rules = UserRules::new(
//!     vec![],
//!     &["^Q: "],
//!     vec![DropClass::new("user", vec!["read the full story".into()], &[r"^Sponsored by \w+"]).unwrap()],
//! ).unwrap();
//! let got = rules.reasons(&["Q: Why?", "Sponsored by Acme", "Read the full story!", "Text"]);
//! assert_eq!(got[0].as_deref(), Some(KEEP));
//! assert_eq!(got[1].as_deref(), Some("user rule [user]: pattern '^Sponsored by \\w+'"));
//! assert_eq!(got[2].as_deref(), Some("user rule [user]: phrase 'read the full story'"));
//! assert_eq!(got[3], None);
//! ```

use rustc_hash::FxHashSet;

use crate::chrome::line_key;
use crate::pyre::{PatternError, Regex};
use crate::unicode;

/// Longer lines (in characters) are not tried against user patterns.
pub const MAX_RULE_LINE: usize = 2000;
/// The verdict of a keep rule.
pub const KEEP: &str = "keep";

fn compile(patterns: &[&str]) -> Result<Vec<Regex>, PatternError> {
    patterns
        .iter()
        .map(|p| Regex::new(p, true).map_err(|e| PatternError(format!("{p:?}: {e}"))))
        .collect()
}

/// The drop rules of one class: `[drop]` (class "user") or `[drop.CLASS]`.
#[derive(Debug, Clone)]
pub struct DropClass {
    name: String,
    phrases: FxHashSet<String>,
    patterns: Vec<Regex>,
}

impl DropClass {
    /// A class of drop rules; `phrases` are already line keys.
    pub fn new(
        name: &str,
        phrases: Vec<String>,
        patterns: &[&str],
    ) -> Result<DropClass, PatternError> {
        Ok(DropClass {
            name: name.to_owned(),
            phrases: phrases.into_iter().collect(),
            patterns: compile(patterns)?,
        })
    }

    /// The rule that matches `text` (whose [`line_key`] is `key`), or None.
    pub fn why(&self, text: &str, key: &str, short: bool) -> Option<String> {
        if self.phrases.contains(key) {
            return Some(format!("phrase '{key}'"));
        }
        if short {
            for p in &self.patterns {
                if p.search(text) {
                    return Some(format!("pattern '{}'", p.as_str()));
                }
            }
        }
        None
    }
}

/// Every rule of the rule files, compiled.
#[derive(Debug, Clone, Default)]
pub struct UserRules {
    keep_phrases: FxHashSet<String>,
    keep_patterns: Vec<Regex>,
    drops: Vec<DropClass>,
}

impl UserRules {
    /// Rules from their parts: keep phrases (line keys) and patterns, and the drop
    /// classes in order (`[drop]` first, as "user").
    pub fn new(
        keep_phrases: Vec<String>,
        keep_patterns: &[&str],
        drops: Vec<DropClass>,
    ) -> Result<UserRules, PatternError> {
        Ok(UserRules {
            keep_phrases: keep_phrases.into_iter().collect(),
            keep_patterns: compile(keep_patterns)?,
            drops,
        })
    }

    /// Whether there is any rule at all.
    pub fn is_empty(&self) -> bool {
        self.keep_phrases.is_empty()
            && self.keep_patterns.is_empty()
            && self
                .drops
                .iter()
                .all(|d| d.phrases.is_empty() && d.patterns.is_empty())
    }

    /// Per line: [`KEEP`], a drop reason naming the class and the rule ("user rule
    /// [share]: phrase 'follow the ferry'"), or None when no rule matches.  Patterns are
    /// tried only on lines of at most [`MAX_RULE_LINE`] characters.
    pub fn reasons<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Option<String>> {
        texts
            .iter()
            .map(|t| {
                let t = t.as_ref();
                let key = line_key(t);
                let short = unicode::char_len(t) <= MAX_RULE_LINE;
                if self.keep_phrases.contains(&key)
                    || (short && self.keep_patterns.iter().any(|p| p.search(t)))
                {
                    return Some(KEEP.to_owned());
                }
                self.drops.iter().find_map(|cls| {
                    cls.why(t, &key, short)
                        .map(|why| format!("user rule [{}]: {why}", cls.name))
                })
            })
            .collect()
    }
}
