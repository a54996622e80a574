//! The small immutable records that flow through the pipeline (Python: `newsconv.model`).
//!
//! ```text
//! text ─► [Block] ─► [Verdict] ─► [Article]
//! ```
//!
//! A [`Block`] is one non-empty line of a document; a [`Verdict`] says what the classifier
//! decided for a block and why; an [`Article`] is what the renderers print.

use std::borrow::Cow;
use std::fmt;

pub use crate::dates::DateLines;

/// One non-empty line of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Position among the document's blocks, from 0.
    pub index: usize,
    /// The line, stripped.
    pub text: String,
    /// Line number in the normalised document, from 1.
    pub line: usize,
    /// Blank lines before it (a large gap often separates page regions).
    pub gap: usize,
}

/// The classifier's decision for one block.
///
/// `keep` blocks carry their role in `label`; dropped ones carry the chrome class.
/// `reason` is the human-readable why; `score` the model's log-odds of "content";
/// `article` the number of the article a kept block went to (-1 if none).
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Whether the block is article text.
    pub keep: bool,
    /// The role if kept, the chrome class if dropped.
    pub label: Cow<'static, str>,
    /// Why.
    pub reason: Reason,
    /// The model's log-odds that the block is article text.
    pub score: f64,
    /// The article the block went to, -1 if none.
    pub article: i64,
}

/// Why a block was kept or dropped.  Most reasons are fixed texts; the model's are written
/// out (with the score, as Python's `f"{s:+.1f}"`) only when someone reads them, since
/// cleaning reads none.
///
/// ```
/// use newsconv_core::records::{Reason, Run};
/// assert_eq!(Reason::Model(0.25, Run::In).to_string(), "model +0.2 in article context");
/// assert_eq!(Reason::from("photo caption").to_string(), "photo caption");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A text.
    Text(Cow<'static, str>),
    /// The model's score, and where the block stands to the article run.
    Model(f64, Run),
}

/// Where a block the model scored stands to the Viterbi pass's article run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Kept by the run ("model +1.2 in article context").
    In,
    /// Scored as text, but the run left it out ("model +0.4 but outside the article run").
    Outside,
    /// Scored as chrome ("model -2.0").
    Chrome,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Text(t) => f.write_str(t),
            Reason::Model(s, Run::In) => write!(f, "model {s:+.1} in article context"),
            Reason::Model(s, Run::Outside) => {
                write!(f, "model {s:+.1} but outside the article run")
            }
            Reason::Model(s, Run::Chrome) => write!(f, "model {s:+.1}"),
        }
    }
}

impl From<&'static str> for Reason {
    fn from(t: &'static str) -> Reason {
        Reason::Text(Cow::Borrowed(t))
    }
}

impl From<String> for Reason {
    fn from(t: String) -> Reason {
        Reason::Text(Cow::Owned(t))
    }
}

impl Verdict {
    /// A verdict without an article.
    pub fn new(
        keep: bool,
        label: impl Into<Cow<'static, str>>,
        reason: impl Into<Reason>,
        score: f64,
    ) -> Verdict {
        Verdict {
            keep,
            label: label.into(),
            reason: reason.into(),
            score,
            article: -1,
        }
    }

    /// A verdict of a block that belongs to article `article`.
    pub fn in_article(
        label: &'static str,
        reason: impl Into<Reason>,
        score: f64,
        article: i64,
    ) -> Verdict {
        Verdict {
            keep: true,
            label: Cow::Borrowed(label),
            reason: reason.into(),
            score,
            article,
        }
    }
}

/// One typed block of an article body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// "paragraph", "heading" or "caption".
    pub kind: &'static str,
    /// Its text.
    pub text: String,
}

/// A clean article: metadata plus ordered parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The article's number in its document, from 0.
    pub index: usize,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst.
    pub dek: Option<String>,
    /// The place of a dateline ("DIBAGA CAMP, Iraq").
    pub dateline: Option<String>,
    /// The agency of a dateline ("AP").
    pub agency: Option<String>,
    /// The author line.
    pub byline: Option<String>,
    /// Paragraphs, headings and captions in reading order.
    pub parts: Vec<Part>,
    /// The document's language (ISO 639-1), if known.
    pub language: Option<String>,
    /// The lines that may hold its date (read in Python), None when none can.
    pub date_lines: Option<DateLines>,
}

/// Everything the pipeline learned about one document: for `explain` and
/// `--keep-dropped` as much as for the renderers.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Every non-empty line.
    pub blocks: Vec<Block>,
    /// One verdict per block.
    pub verdicts: Vec<Verdict>,
    /// The articles found.
    pub articles: Vec<Article>,
    /// The document's language.
    pub language: Option<String>,
}
