//! newsconv's core: the per-line and per-document pipeline that turns the text of a news
//! page into articles, with the reason for every line kept or dropped.
//!
//! ```text
//! text ─ normalise ─► blocks ─ language, tokens, chrome, features ─► model ─► classify
//!      ─► dedup, dump statistics, rules ─► structure ─► Analysis
//! ```
//!
//! One module per stage, each a port of the Python module of the same name, which it
//! replaced (the Python package keeps reading, decoding, rendering and the command line).  Everything is a pure
//! function of the document and an [`pipeline::Engine`] (model, chrome tables, user rules);
//! the result never depends on what was processed before or in which thread.  Text is
//! measured and indexed as Python does it, in code points, with Python's notion of word
//! characters, digits, spaces and case ([`unicode`], [`pyre`]), so the core gives the
//! output of the Python pipeline it replaced (`tools/parity.py` compares them).
//!
//! ```
//! use newsconv_core::pipeline::Engine;
//! let engine = Engine::default_engine().unwrap();
//! let page = "Harbour reopens | Courier\nHome\nHarbour reopens\n\
//!     The harbour reopened on Monday after a winter of repairs, the port authority said, \
//!     and the first ferry left on time with forty passengers aboard.\n\
//!     Repairs cost less than planned, and the quay is now wider than before, which lets \
//!     two boats load at once on busy summer days.\nShare on Facebook";
//! let analysis = engine.analyse(page, None);
//! assert_eq!(analysis.articles.len(), 1);
//! assert_eq!(analysis.blocks.len(), analysis.verdicts.len());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod blocks;
pub mod chrome;
pub mod classify;
pub mod context;
pub mod dates;
pub mod dedup;
pub mod dumpstats;
pub mod features;
pub mod language;
pub mod model;
pub mod mojibake;
pub mod normalise;
pub mod pipeline;
pub mod pyre;
pub mod records;
pub mod rules;
pub mod structure;
#[cfg(test)]
mod testing;
pub mod tokens;
pub mod unicode;
