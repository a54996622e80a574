//! The second look: what a block's neighbours scored (Python training reads it through
//! `newsconv._core.context`).
//!
//! The first trees score each block from its own features and its neighbours' shapes.  A
//! second set of trees (optional in the model file) scores it again from those features
//! plus the first scores around it, in the order of [`CONTEXT_NAMES`]: a teaser between
//! two menus scores lower than the same line between two paragraphs, and a short
//! paragraph inside the page's best run of prose scores higher than one far from it.
//! Nothing here ranks a block against the page's other blocks: cleaning drops the weaker
//! blocks, so a rank would fall on every pass over newsconv's own output.
//! Blocks the model is not asked about ([`crate::features::wanted`]) carry
//! [`crate::classify::FAR_SCORE`] as their first score.
//!
//! ```
//! use newsconv_core::context::{context, CONTEXT_NAMES};
//! let ctx = context(&[3.0, -4.0, 2.0], &[30, 1, 25], 0.5, 1.0);
//! assert_eq!(ctx.len(), 3);
//! assert_eq!(ctx[1][0], -4.0); // the block's own first score
//! assert_eq!(ctx[1][1], 3.0); // the block above it
//! assert_eq!(CONTEXT_NAMES.len(), ctx[0].len());
//! ```

use crate::classify::viterbi;

/// The names of the context features, in order.
pub const CONTEXT_NAMES: [&str; 12] = [
    "score",         // the block's own first score
    "prev_score",    // the block above (FAR_SCORE at the top)
    "next_score",    // the block below (FAR_SCORE at the bottom)
    "mean_near",     // mean first score of the blocks within 2 lines
    "mean_wide",     // mean first score of the blocks within WIDE lines
    "max_wide",      // the best first score within WIDE lines, the block itself left out
    "positive_wide", // share of the blocks within WIDE lines that score above 0
    "doc_max",       // the page's best first score
    "in_run",        // 1 when the first scores' context pass keeps the block
    "run_distance",  // lines to the nearest kept block (0 when kept), at most FAR_RUN
    "run_share",     // share of the page's words the first context pass keeps
    "position",      // where the block sits in the page, 0 at the top, 1 at the bottom
];

/// One block's context features, in the order of [`CONTEXT_NAMES`].
pub type Context = [f64; 12];

/// The score that stands for "no block" above the first or below the last.
const EDGE_SCORE: f64 = crate::classify::FAR_SCORE;
/// Lines on each side that make the wide window.
const WIDE: usize = 5;
/// Lines on each side that make the near window.
const NEAR: usize = 2;
/// The distance given to blocks with no kept block anywhere.
const FAR_RUN: f64 = 30.0;

/// The context features of every block from the first scores, the blocks' word counts and
/// the model's context-pass parameters.
pub fn context(scores: &[f64], words: &[usize], switch: f64, length_weight: f64) -> Vec<Context> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let sizes: Vec<f64> = (0..n)
        .map(|i| 1.0 + length_weight * (words.get(i).copied().unwrap_or(0) as f64).ln_1p())
        .collect();
    let keep = viterbi(scores, &sizes, switch, &vec![None; n]);
    let total_words: usize = words.iter().take(n).sum();
    let kept_words: usize = (0..n)
        .filter(|&i| keep[i])
        .map(|i| words.get(i).copied().unwrap_or(0))
        .sum();
    let run_share = if total_words > 0 {
        kept_words as f64 / total_words as f64
    } else {
        0.0
    };
    // distance to the nearest kept block, from above and from below
    let mut dist = vec![FAR_RUN; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if keep[i] {
            last = Some(i);
        }
        if let Some(k) = last {
            dist[i] = dist[i].min((i - k) as f64);
        }
    }
    last = None;
    for i in (0..n).rev() {
        if keep[i] {
            last = Some(i);
        }
        if let Some(k) = last {
            dist[i] = dist[i].min((k - i) as f64);
        }
    }
    let doc_max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // prefix sums of scores and of positive blocks for the window means
    let mut sum = vec![0.0; n + 1];
    let mut pos = vec![0usize; n + 1];
    for i in 0..n {
        sum[i + 1] = sum[i] + scores[i];
        pos[i + 1] = pos[i] + usize::from(scores[i] > 0.0);
    }
    let window = |i: usize, r: usize| (i.saturating_sub(r), (i + r + 1).min(n));
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let s = scores[i];
        let (a, b) = window(i, NEAR);
        let mean_near = (sum[b] - sum[a]) / (b - a) as f64;
        let (a, b) = window(i, WIDE);
        let mean_wide = (sum[b] - sum[a]) / (b - a) as f64;
        let positive_wide = (pos[b] - pos[a]) as f64 / (b - a) as f64;
        let max_wide = (a..b)
            .filter(|&j| j != i)
            .map(|j| scores[j])
            .fold(EDGE_SCORE, f64::max);
        out.push([
            s,
            if i > 0 { scores[i - 1] } else { EDGE_SCORE },
            scores.get(i + 1).copied().unwrap_or(EDGE_SCORE),
            mean_near,
            mean_wide,
            max_wide,
            positive_wide,
            doc_max,
            f64::from(u8::from(keep[i])),
            dist[i],
            run_share,
            if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.0
            },
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_page_has_no_context() {
        assert!(context(&[], &[], 0.5, 1.0).is_empty());
    }

    #[test]
    fn a_teaser_between_menus_is_far_from_the_run() {
        // paragraphs, then menus, then a prose-like teaser, then menus
        let scores = [4.0, 4.0, 4.0, -3.0, -3.0, -3.0, -3.0, 0.2, -3.0, -3.0];
        let words = [40, 40, 40, 1, 1, 1, 1, 20, 1, 1];
        let ctx = context(&scores, &words, 2.0, 1.0);
        assert_eq!(ctx[1][8], 1.0); // in the run
        assert_eq!(ctx[7][8], 0.0); // the teaser is not
        assert_eq!(ctx[7][9], 5.0); // five lines below the run
        assert!(ctx[7][6] < ctx[1][6]); // fewer positive neighbours
        assert_eq!(ctx[0][11], 0.0);
        assert_eq!(ctx[9][11], 1.0);
        let share = ctx[0][10];
        assert!((share - 120.0 / 146.0).abs() < 1e-9, "{share}");
    }
}
