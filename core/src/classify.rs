//! Deciding, block by block, what is article text and what is chrome (once the
//! Python `newsconv.classify.decide`).
//!
//! Three passes, in this order (each a pure function of the one before):
//!
//! 1. **Tables.**  A line that matches a chrome table of a class that never holds article
//!    text (share bars, menus, comment forms, cookie notices...) is pinned "out" with that
//!    class as its reason.  User rules (`--rules`) act here too, and can pin a line "in".
//! 2. **Model.**  Every block gets a score, the log-odds that it is article text, from the
//!    boosted trees ([`crate::model`]) over its features ([`crate::features`]); when the
//!    model has a second stage, its trees score every block again from the same features
//!    and the first scores around it ([`crate::context`]).
//! 3. **Context.**  Article text comes in runs.  A two-state Viterbi pass (in / out of the
//!    article) finds the labelling that agrees best with the scores while paying `switch`
//!    for every change of state; a block's vote is its score times (1 + `length_weight` ×
//!    log words).  So a short heading or list item between paragraphs stays in, and a lone
//!    prose-like teaser between menus stays out.
//!
//! Which kept blocks are headings, captions or bylines, and where one article ends and the
//! next begins, is decided afterwards ([`crate::structure`]).

use crate::context::{context, Context};
use crate::features::{is_hard, Features, Local};
use crate::model::Model;
use crate::records::{Reason, Run, Verdict};
use crate::rules::KEEP;

/// The score of a block the model is not asked about ([`crate::features::wanted`]).
pub const FAR_SCORE: f64 = -4.0;

/// A score as Python's `f"{s:+.1f}"` writes it.
///
/// ```
/// use newsconv_core::classify::fmt_score;
/// assert_eq!(fmt_score(0.25), "+0.2");
/// assert_eq!(fmt_score(-0.04), "-0.0");
/// assert_eq!(fmt_score(2.35), "+2.4");
/// ```
pub fn fmt_score(s: f64) -> String {
    format!("{s:+.1}")
}

/// Pass 1: `Some(false)` for lines a hard chrome table matched, None for the rest.
pub fn pinned(local: &[Local]) -> Vec<Option<bool>> {
    local
        .iter()
        .map(|m| {
            m.hit
                .as_ref()
                .is_some_and(|h| is_hard(&h.cls))
                .then_some(false)
        })
        .collect()
}

/// Pass 3: the in/out labelling that maximises agreeing votes minus switch costs.
///
/// A block's vote for "in" is `score * size`; `fixed[i]` pins a block and None leaves it
/// to the scores.  The page starts and ends "out".
///
/// ```
/// use newsconv_core::classify::viterbi;
/// assert_eq!(viterbi(&[3.0, -0.2, 3.0], &[1.0; 3], 1.0, &[None; 3]), [true, true, true]);
/// assert_eq!(viterbi(&[3.0, -5.0, 3.0], &[1.0; 3], 1.0, &[None; 3]), [true, false, true]);
/// ```
pub fn viterbi(scores: &[f64], sizes: &[f64], switch: f64, fixed: &[Option<bool>]) -> Vec<bool> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let (mut out_v, mut in_v) = (0.0f64, -switch);
    let mut back: Vec<(u8, u8)> = Vec::with_capacity(n);
    for (i, score) in scores.iter().enumerate() {
        let half = score * sizes.get(i).copied().unwrap_or(1.0) / 2.0;
        let (stay_out, enter) = (out_v, in_v - switch);
        let (o_prev, mut o_val) = if stay_out >= enter {
            (0, stay_out)
        } else {
            (1, enter)
        };
        let (stay_in, leave) = (in_v, out_v - switch);
        let (i_prev, mut i_val) = if stay_in >= leave {
            (1, stay_in)
        } else {
            (0, leave)
        };
        o_val -= half;
        i_val += half;
        match fixed.get(i).copied().flatten() {
            Some(true) => o_val = f64::NEG_INFINITY,
            Some(false) => i_val = f64::NEG_INFINITY,
            None => {}
        }
        back.push((o_prev, i_prev));
        out_v = o_val;
        in_v = i_val;
    }
    let mut state = if out_v >= in_v - switch { 0 } else { 1 };
    let mut labels = vec![false; n];
    for i in (0..n).rev() {
        labels[i] = state == 1;
        state = if state == 0 { back[i].0 } else { back[i].1 };
    }
    labels
}

/// All three passes for one document: the in/out labels and a provisional verdict per
/// block (roles are refined by [`crate::structure`]).  `forced`: per block, [`KEEP`], a
/// user rule's drop reason, or None ([`crate::rules::UserRules::reasons`]).
pub fn decide(
    local: &[Local],
    feats: &[Option<Features>],
    model: &Model,
    forced: Option<&[Option<String>]>,
) -> (Vec<bool>, Vec<Verdict>) {
    let mut fixed = pinned(local);
    if let Some(forced) = forced {
        for (p, f) in fixed.iter_mut().zip(forced) {
            if let Some(f) = f {
                *p = Some(f == KEEP);
            }
        }
    }
    // the blocks the model is asked about (the others stand far outside the article)
    let asked: Vec<(usize, &Features)> = feats
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.as_ref().map(|f| (i, f)))
        .collect();
    let mut scores = vec![FAR_SCORE; feats.len()];
    let rows: Vec<&Features> = asked.iter().map(|&(_, f)| f).collect();
    for (&(i, _), s) in asked.iter().zip(model.score_many(&rows)) {
        scores[i] = s;
    }
    if model.has_second() {
        let words: Vec<usize> = local.iter().map(|m| m.words).collect();
        let ctx = context(&scores, &words, model.switch, model.length_weight);
        let rows: Vec<(&Features, &Context)> = asked.iter().map(|&(i, f)| (f, &ctx[i])).collect();
        for (&(i, _), s) in asked.iter().zip(model.rescore_many(&rows)) {
            scores[i] = s;
        }
    }
    let sizes: Vec<f64> = local
        .iter()
        .map(|m| 1.0 + model.length_weight * (m.words as f64).ln_1p())
        .collect();
    let keep = viterbi(&scores, &sizes, model.switch, &fixed);
    let mut verdicts = Vec::with_capacity(local.len());
    for (i, m) in local.iter().enumerate() {
        let s = scores[i];
        let f = forced.and_then(|f| f.get(i)).and_then(Option::as_deref);
        let v = match f {
            Some(KEEP) => Verdict::new(true, "user", "user rule [keep]", s),
            Some(reason) => Verdict::new(false, "user-drop", reason.to_owned(), s),
            None => match (&m.hit, fixed[i]) {
                (Some(h), Some(false)) => Verdict::new(
                    false,
                    h.cls.to_string(),
                    format!("{} table: {}", h.cls, h.rule),
                    s,
                ),
                _ if keep[i] => Verdict::new(true, "paragraph", Reason::Model(s, Run::In), s),
                _ if s > 0.0 => {
                    Verdict::new(false, "boilerplate", Reason::Model(s, Run::Outside), s)
                }
                _ => Verdict::new(false, "boilerplate", Reason::Model(s, Run::Chrome), s),
            },
        };
        verdicts.push(v);
    }
    (keep, verdicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_format_as_python() {
        for (v, s) in [
            (0.25, "+0.2"),
            (-0.25, "-0.2"),
            (0.05, "+0.1"),
            (-0.05, "-0.1"),
            (-0.04, "-0.0"),
            (-0.0, "-0.0"),
            (0.0, "+0.0"),
            (1.25, "+1.2"),
            (2.35, "+2.4"),
            (-4.0, "-4.0"),
            (0.15, "+0.1"),
            (0.35, "+0.3"),
            (0.45, "+0.5"),
            (-1e-9, "-0.0"),
            (12.05, "+12.1"),
        ] {
            assert_eq!(fmt_score(v), s, "{v}");
        }
    }

    #[test]
    fn pins_win_over_scores() {
        let out = viterbi(&[5.0, 5.0, 5.0], &[1.0; 3], 1.0, &[None, Some(false), None]);
        assert_eq!(out, [true, false, true]);
        let inn = viterbi(&[-5.0, -5.0], &[1.0; 2], 1.0, &[Some(true), None]);
        assert_eq!(inn, [true, false]);
    }
}
