//! Text to blocks: every non-empty line of a normalised document is one block (once the
//! Python `newsconv.blocks`).
//!
//! Crawler dumps write one line per paragraph, heading, menu item or button, so a line is
//! the natural unit; blank lines between lines are remembered ([`Block::gap`]) because a
//! wide gap often separates regions of a page.
//!
//! ```
//! use newsconv_core::blocks::split_blocks;
//! let b = split_blocks("Title\n\nFirst para.\n\n\nSecond.");
//! let got: Vec<_> = b.iter().map(|b| (b.text.as_str(), b.line, b.gap)).collect();
//! assert_eq!(got, [("Title", 1, 0), ("First para.", 3, 1), ("Second.", 6, 2)]);
//! ```

use crate::records::Block;
use crate::unicode;

/// The non-empty lines of `text` as blocks, in order.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut gap = 0;
    for (number, line) in text.split('\n').enumerate() {
        if !line.is_empty() && !unicode::all_space(line) {
            blocks.push(Block {
                index: blocks.len(),
                text: unicode::strip(line).to_owned(),
                line: number + 1,
                gap,
            });
            gap = 0;
        } else {
            gap += 1;
        }
    }
    blocks
}
