//! The small immutable records that flow through the pipeline (Python: `newsconv.model`).
//!
//! ```text
//! text ─► [Block] ─► [Verdict] ─► [Article]
//! ```
//!
//! A [`Block`] is one non-empty line of a document; a [`Verdict`] says what the classifier
//! decided for a block and why; an [`Article`] is what the renderers print.

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
    pub label: String,
    /// Why.
    pub reason: String,
    /// The model's log-odds that the block is article text.
    pub score: f64,
    /// The article the block went to, -1 if none.
    pub article: i64,
}

impl Verdict {
    /// A verdict without an article.
    pub fn new(keep: bool, label: &str, reason: impl Into<String>, score: f64) -> Verdict {
        Verdict {
            keep,
            label: label.to_owned(),
            reason: reason.into(),
            score,
            article: -1,
        }
    }

    /// A verdict of a block that belongs to article `article`.
    pub fn in_article(label: &str, reason: impl Into<String>, score: f64, article: i64) -> Verdict {
        Verdict {
            keep: true,
            label: label.to_owned(),
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
