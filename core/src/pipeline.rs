//! The whole path for one document, stage by stage (Python: `newsconv.pipeline`):
//!
//! ```text
//! text ─ normalise ─► blocks ─ language, measure, features ─► classify ─► structure ─► Analysis
//! ```
//!
//! Everything here is a pure function of the text and an [`Engine`] (model, chrome tables,
//! stoplists, user rules); nothing is kept between documents, so the output never depends
//! on what was processed before or in which thread.  Dump-level statistics (lines repeated
//! across many documents of one input) are passed in explicitly, as hashes.

use std::collections::HashSet;

use crate::blocks::split_blocks;
use crate::chrome::{Matcher, Tables};
use crate::classify::decide;
use crate::dedup::copies;
use crate::dumpstats::{dump_key, key_hash};
use crate::features::{extract, measure, page_title_words, Features, Local};
use crate::language::Stoplists;
use crate::model::Model;
use crate::normalise::normalise;
use crate::records::{Analysis, Block, Verdict};
use crate::rules::UserRules;
use crate::structure::{layout, Input, Shapes};
use crate::tokens::Token;

/// What the pipeline needs besides the document, compiled once and shared (read-only) by
/// any number of threads.
#[derive(Debug, Clone)]
pub struct Engine {
    model: Model,
    matcher: Matcher,
    stoplists: Stoplists,
    shapes: Shapes,
    rules: UserRules,
}

/// A document up to its features: what the classifier and the trainer both start from.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The non-empty lines.
    pub blocks: Vec<Block>,
    /// Their measurements.
    pub local: Vec<Local>,
    /// Their features (None where the model is not asked).
    pub features: Vec<Option<Features>>,
    /// The document's language.
    pub language: Option<String>,
}

impl Engine {
    /// The engine of the shipped model and tables, without user rules.
    pub fn default_engine() -> Result<Engine, String> {
        Engine::new(
            Model::embedded()?,
            &Tables::embedded()?,
            UserRules::default(),
        )
    }

    /// An engine from a model, chrome tables and user rules.
    pub fn new(model: Model, tables: &Tables, rules: UserRules) -> Result<Engine, String> {
        Ok(Engine {
            model,
            matcher: Matcher::compile(tables).map_err(|e| e.to_string())?,
            stoplists: Stoplists::embedded()?,
            shapes: Shapes::new().map_err(|e| e.to_string())?,
            rules,
        })
    }

    /// Normalise, split into blocks, detect the language, measure and describe the blocks.
    /// (`text` has been through Python's mojibake repair.)
    pub fn prepare(&self, text: &str) -> Prepared {
        let blocks = split_blocks(&normalise(text));
        if blocks.is_empty() {
            return Prepared {
                blocks,
                local: Vec::new(),
                features: Vec::new(),
                language: None,
            };
        }
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        let code = self.stoplists.detect_language(&texts);
        let lang = self.stoplists.language_for(code.as_deref());
        let local = measure(&blocks, &lang, &self.matcher);
        let features = extract(&blocks, &local);
        Prepared {
            blocks,
            local,
            features,
            language: code,
        }
    }

    /// Classify every block of a document and arrange the kept ones into articles.
    /// `repeats`: the hashes ([`key_hash`] of [`dump_key`]) of the lines that repeat across
    /// the input's documents.
    pub fn analyse(&self, text: &str, repeats: Option<&HashSet<u64>>) -> Analysis {
        let Prepared {
            blocks,
            local,
            features,
            language,
        } = self.prepare(text);
        if blocks.is_empty() {
            return Analysis {
                blocks,
                verdicts: Vec::new(),
                articles: Vec::new(),
                language: None,
            };
        }
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        let forced = (!self.rules.is_empty()).then(|| self.rules.reasons(&texts));
        let (mut keep, mut verdicts) = decide(&local, &features, &self.model, forced.as_deref());
        if let Some(repeats) = repeats.filter(|r| !r.is_empty()) {
            for (i, b) in blocks.iter().enumerate() {
                let free = forced.as_ref().is_none_or(|f| f[i].is_none());
                if free && repeats.contains(&key_hash(&dump_key(&b.text))) {
                    keep[i] = false;
                    verdicts[i] = Verdict::new(
                        false,
                        "dump-repeat",
                        "line repeated across many documents of the input",
                        verdicts[i].score,
                    );
                }
            }
        }
        let tokens: Vec<&[Token]> = local.iter().map(|m| m.tokens.as_slice()).collect();
        let dups = copies(&texts, &tokens);
        let lang = self.stoplists.language_for(language.as_deref());
        let title_words = page_title_words(&blocks);
        let result = layout(
            &self.shapes,
            Input {
                blocks: &blocks,
                local: &local,
                keep: &keep,
                verdicts,
                title_words: &title_words,
                dups: &dups,
                language: language.as_deref(),
                stop: &lang.stopwords,
            },
        );
        let verdicts = result
            .verdicts
            .into_iter()
            .map(|v| {
                if v.keep && v.article < 0 {
                    Verdict::new(false, "fragment", "kept text outside any article", v.score)
                } else {
                    v
                }
            })
            .collect();
        Analysis {
            blocks,
            verdicts,
            articles: result.articles,
            language,
        }
    }
}
