//! The boosted trees: a model file read once, and the score of a block's features
//! (the record training writes: Python's `classify.Model`, `classify.Tree`).
//!
//! The model is trained by `benchmarks/train.py` on the pooled corpus and shipped as
//! `newsconv/data/model.json`: the feature names, a base log-odds, the Viterbi pass's
//! `switch` and `length_weight`, and any number of regression trees of any depth as
//! parallel arrays (feature, threshold, left, right, value; a leaf has left = -1); and
//! optionally a `second` stage (its feature names, base and trees) over the features and
//! the first scores' context ([`crate::context`]).
//!
//! ```
//! use newsconv_core::model::Model;
//! let model = Model::embedded().unwrap();
//! assert!(model.trees() > 0);
//! let score = model.score(&[0.0; 28]);
//! assert!(score.is_finite());
//! ```

use std::cmp::Ordering;

use serde::Deserialize;

use crate::context::{Context, CONTEXT_NAMES};
use crate::features::{Features, FEATURE_NAMES};

/// The deepest tree a model may hold: every tree is stored complete (see [`Stage`]), so a
/// tree of depth `d` takes `2^d` leaves whatever its shape.
pub const MAX_DEPTH: usize = 12;

/// A split of a complete tree: go to the left child when the feature's value is at most
/// the threshold, else to the right one (a value that is not a number goes right).
#[derive(Debug, Clone, Copy)]
struct Split {
    threshold: f64,
    feature: u8,
}

/// One set of boosted trees and its base log-odds.
///
/// Each tree is stored *complete*, to the depth `depth` of the stage's deepest tree:
/// `2^depth - 1` splits in heap order (the children of split `k` are `2k + 1` and
/// `2k + 2`) and `2^depth` leaves, each tree in a slot of `2^depth` entries.  A leaf above
/// the bottom level is copied into every leaf below it (the splits over it are never read
/// for the result), so a walk is `depth` steps of one comparison each, with no test for
/// "is this a leaf" and no branch to mispredict, and reaches the same leaf value as a walk
/// of the tree as trained.
#[derive(Debug, Clone)]
struct Stage {
    splits: Vec<Split>,
    leaves: Vec<f64>,
    depth: usize,
    base: f64,
    n_features: usize,
}

/// Boosted trees over [`Features`], optionally a second set over the features and the
/// first scores' [`Context`], plus the context pass's parameters.
#[derive(Debug, Clone)]
pub struct Model {
    first: Stage,
    second: Option<Stage>,
    /// Cost of entering or leaving the article in the Viterbi pass.
    pub switch: f64,
    /// How much a block's length scales its vote.
    pub length_weight: f64,
}

/// A tree as the file holds it: feature, threshold, left, right, value per node.
type TreeArrays = (Vec<i64>, Vec<f64>, Vec<i64>, Vec<i64>, Vec<f64>);

#[derive(Deserialize)]
struct ModelFile {
    features: Vec<String>,
    base: f64,
    switch: f64,
    length_weight: f64,
    trees: Vec<TreeArrays>,
    second: Option<StageFile>,
}

/// The second stage as the file holds it: its features are [`FEATURE_NAMES`] followed by
/// [`CONTEXT_NAMES`].
#[derive(Deserialize)]
struct StageFile {
    features: Vec<String>,
    base: f64,
    trees: Vec<TreeArrays>,
}

/// The feature names of the second stage.
pub fn second_names() -> Vec<&'static str> {
    FEATURE_NAMES
        .iter()
        .chain(CONTEXT_NAMES.iter())
        .copied()
        .collect()
}

/// The most features a stage may read (so that a split names its feature in one byte).
const MAX_FEATURES: usize = 64;

/// The most leaves a stage may hold once its trees are complete (about 100 MB of splits
/// and leaves; the shipped model has 6,400).
const MAX_LEAVES: usize = 1 << 22;

impl Stage {
    /// Read trees whose arrays agree and whose nodes lead forward to leaves, over
    /// `n_features` features, and store each complete.
    fn from_trees(trees: Vec<TreeArrays>, base: f64, n_features: usize) -> Result<Stage, String> {
        if n_features > MAX_FEATURES {
            return Err(format!("model.json: more than {MAX_FEATURES} features"));
        }
        let mut depths = Vec::with_capacity(trees.len());
        for (k, arrays) in trees.iter().enumerate() {
            depths.push(check_tree(k, arrays, n_features)?);
        }
        let depth = depths.iter().copied().max().unwrap_or(0);
        let slot = 1usize << depth;
        if slot.saturating_mul(trees.len()) > MAX_LEAVES {
            return Err(format!(
                "model.json: {} trees of depth {depth} are more than {MAX_LEAVES} leaves",
                trees.len()
            ));
        }
        let blank = Split {
            threshold: 0.0,
            feature: 0,
        };
        let mut stage = Stage {
            splits: vec![blank; slot * trees.len()],
            leaves: vec![0.0; slot * trees.len()],
            depth,
            base,
            n_features,
        };
        for (k, (feature, threshold, left, _, value)) in trees.iter().enumerate() {
            let right = &trees[k].3;
            let splits = &mut stage.splits[k * slot..(k + 1) * slot];
            let leaves = &mut stage.leaves[k * slot..(k + 1) * slot];
            // walk the tree as trained, placing each node at its heap position
            let mut stack = vec![(0usize, 0usize, 0usize)]; // (node, heap position, level)
            while let Some((node, pos, level)) = stack.pop() {
                if left[node] == -1 {
                    // a leaf at `level` covers 2^(depth - level) bottom leaves
                    let span = 1usize << (depth - level);
                    let first = (pos + 1) * span - slot;
                    leaves[first..first + span].fill(value[node]);
                    continue;
                }
                splits[pos] = Split {
                    threshold: threshold[node],
                    feature: feature[node] as u8, // below MAX_FEATURES (check_tree)
                };
                stack.push((left[node] as usize, 2 * pos + 1, level + 1));
                stack.push((right[node] as usize, 2 * pos + 2, level + 1));
            }
        }
        Ok(stage)
    }

    /// The number of trees.
    fn trees(&self) -> usize {
        self.leaves.len() >> self.depth
    }

    /// The base plus every tree's leaf for features `x`, added in order.
    fn score(&self, x: &[f64]) -> f64 {
        self.score_rows(&[x])[0]
    }

    /// [`Stage::score`] of every row, in order.
    fn score_rows(&self, rows: &[&[f64]]) -> Vec<f64> {
        match self.depth {
            0 => self.walk_rows::<1>(rows),
            1 => self.walk_rows::<2>(rows),
            2 => self.walk_rows::<4>(rows),
            3 => self.walk_rows::<8>(rows),
            4 => self.walk_rows::<16>(rows),
            5 => self.walk_rows::<32>(rows),
            6 => self.walk_rows::<64>(rows),
            7 => self.walk_rows::<128>(rows),
            8 => self.walk_rows::<256>(rows),
            9 => self.walk_rows::<512>(rows),
            10 => self.walk_rows::<1024>(rows),
            11 => self.walk_rows::<2048>(rows),
            _ => self.walk_rows::<4096>(rows),
        }
    }

    /// [`Stage::score_rows`] for trees stored in slots of `SLOT` = `2^depth` entries (a
    /// constant, so that no index into a tree or into a row needs a bounds check).
    ///
    /// The rows are scored [`LANES`] at a time: every tree is walked for all of them side
    /// by side, level by level, so that the walks' dependent loads overlap and each tree's
    /// splits are read from memory once per group of rows rather than once per row (a
    /// stage of 100 trees of depth 6 is 150 KB, more than a core's fastest caches hold).
    /// Each row's leaves are added in the trees' order, so its sum is the one a walk of
    /// one tree at a time gives.
    fn walk_rows<const SLOT: usize>(&self, rows: &[&[f64]]) -> Vec<f64> {
        let n = self.n_features;
        let mut out = Vec::with_capacity(rows.len());
        let mut x = [[0.0; LANE_WIDTH]; LANES];
        for group in rows.chunks(LANES) {
            for (lane, row) in x.iter_mut().zip(group) {
                let m = n.min(row.len());
                lane[..m].copy_from_slice(&row[..m]);
                lane[m..n].fill(0.0); // a short row reads zeros, not the last group's values
            }
            let mut s = [self.base; LANES];
            for (splits, leaves) in self
                .splits
                .chunks_exact(SLOT)
                .zip(self.leaves.chunks_exact(SLOT))
            {
                let (Ok(splits), Ok(leaves)) = (
                    <&[Split; SLOT]>::try_from(splits),
                    <&[f64; SLOT]>::try_from(leaves),
                ) else {
                    continue;
                };
                let mut pos = [0usize; LANES];
                for _ in 0..self.depth {
                    for (p, x) in pos.iter_mut().zip(&x) {
                        *p = 2 * *p + 1 + usize::from(goes_right(x, splits[*p & (SLOT - 1)]));
                    }
                }
                for (s, p) in s.iter_mut().zip(&pos) {
                    *s += leaves[(p + 1) & (SLOT - 1)];
                }
            }
            out.extend_from_slice(&s[..group.len()]);
        }
        out
    }
}

/// How many rows a walk scores side by side.
const LANES: usize = 8;

/// The room for a row's features in a walk: every value a split's `u8` feature index can
/// take, so that reading the feature needs neither a bounds check nor a mask (the indices
/// are below [`MAX_FEATURES`]; the rest of the room is never read).
const LANE_WIDTH: usize = 1 << u8::BITS;

/// Whether a walk goes right at `split`: when the feature's value is above the threshold
/// or is not a number (left when at most the threshold).
#[inline(always)]
fn goes_right(x: &[f64; LANE_WIDTH], split: Split) -> bool {
    let v = x[usize::from(split.feature)];
    !matches!(
        v.partial_cmp(&split.threshold),
        Some(Ordering::Less | Ordering::Equal)
    )
}

/// Check that tree `k`'s arrays agree, its nodes lead forward to leaves and its splits
/// read features below `n_features`; return its depth (at most [`MAX_DEPTH`]).
fn check_tree(k: usize, arrays: &TreeArrays, n_features: usize) -> Result<usize, String> {
    let (feature, threshold, left, right, value) = arrays;
    let n = left.len();
    if [feature.len(), threshold.len(), right.len(), value.len()]
        .iter()
        .any(|&m| m != n)
        || n == 0
    {
        return Err(format!(
            "model.json: tree {k} has arrays of different lengths"
        ));
    }
    // children always come after their parent, so depths follow in one forward pass;
    // every node but the root has exactly one parent
    let mut depth = vec![0usize; n];
    let mut has_parent = vec![false; n];
    for node in 0..n {
        if left[node] == -1 {
            continue;
        }
        let child = |c: i64| usize::try_from(c).ok().filter(|&c| c > node && c < n);
        let (Some(l), Some(r)) = (child(left[node]), child(right[node])) else {
            return Err(format!("model.json: tree {k} node {node} has bad children"));
        };
        if l == r || has_parent[l] || has_parent[r] {
            return Err(format!("model.json: tree {k} node {node} shares a child"));
        }
        has_parent[l] = true;
        has_parent[r] = true;
        if usize::try_from(feature[node]).map_or(true, |f| f >= n_features) {
            return Err(format!(
                "model.json: model uses feature {}, which does not exist",
                feature[node]
            ));
        }
        depth[l] = depth[node] + 1;
        depth[r] = depth[node] + 1;
    }
    let d = depth.iter().copied().max().unwrap_or(0);
    if d > MAX_DEPTH {
        return Err(format!(
            "model.json: tree {k} is {d} levels deep; at most {MAX_DEPTH} are supported"
        ));
    }
    Ok(d)
}

fn same_names(file: &[String], names: &[&str]) -> bool {
    file.len() == names.len() && file.iter().zip(names).all(|(a, b)| a == b)
}

impl Model {
    /// The shipped model (`newsconv/data/model.json`).
    pub fn embedded() -> Result<Model, String> {
        Self::from_json(include_str!("../../newsconv/data/model.json"))
    }

    /// Read a model from its JSON text; refuses one trained on other features, and trees
    /// whose arrays disagree or whose nodes do not lead forward to leaves.
    pub fn from_json(text: &str) -> Result<Model, String> {
        let file: ModelFile = serde_json::from_str(text).map_err(|e| format!("model.json: {e}"))?;
        let stale = "model.json was trained on other features; rebuild it with \
                     benchmarks/train.py";
        if !same_names(&file.features, &FEATURE_NAMES) {
            return Err(stale.to_owned());
        }
        let first = Stage::from_trees(file.trees, file.base, FEATURE_NAMES.len())?;
        let second = match file.second {
            None => None,
            Some(st) => {
                let names = second_names();
                if !same_names(&st.features, &names) {
                    return Err(stale.to_owned());
                }
                Some(Stage::from_trees(st.trees, st.base, names.len())?)
            }
        };
        Ok(Model {
            first,
            second,
            switch: file.switch,
            length_weight: file.length_weight,
        })
    }

    /// The number of trees (both stages).
    pub fn trees(&self) -> usize {
        self.first.trees() + self.second.as_ref().map_or(0, Stage::trees)
    }

    /// Whether the model has a second stage.
    pub fn has_second(&self) -> bool {
        self.second.is_some()
    }

    /// Log-odds that the block is article text, from its own features (the first stage).
    pub fn score(&self, f: &Features) -> f64 {
        self.first.score(f)
    }

    /// [`Model::score`] of many blocks, in order (faster than one at a time: each tree is
    /// read once for a group of blocks).
    pub fn score_many(&self, feats: &[&Features]) -> Vec<f64> {
        let rows: Vec<&[f64]> = feats.iter().map(|f| f.as_slice()).collect();
        self.first.score_rows(&rows)
    }

    /// [`Model::rescore`] of many blocks, in order (the second stage's log-odds from each
    /// block's features and [`Context`], or its first score without a second stage).
    pub fn rescore_many(&self, blocks: &[(&Features, &Context)]) -> Vec<f64> {
        match &self.second {
            None => blocks.iter().map(|(_, c)| c[0]).collect(),
            Some(st) => {
                let rows: Vec<[f64; FEATURE_NAMES.len() + CONTEXT_NAMES.len()]> = blocks
                    .iter()
                    .map(|(f, c)| {
                        let mut x = [0.0; FEATURE_NAMES.len() + CONTEXT_NAMES.len()];
                        x[..FEATURE_NAMES.len()].copy_from_slice(*f);
                        x[FEATURE_NAMES.len()..].copy_from_slice(*c);
                        x
                    })
                    .collect();
                let rows: Vec<&[f64]> = rows.iter().map(|x| x.as_slice()).collect();
                st.score_rows(&rows)
            }
        }
    }

    /// The second stage's log-odds from a block's features and its [`Context`], or the
    /// first score when the model has no second stage.
    pub fn rescore(&self, f: &Features, c: &Context) -> f64 {
        self.rescore_many(&[(f, c)])[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_models() {
        let names = serde_json::to_string(&FEATURE_NAMES).unwrap();
        let ok = format!(
            r#"{{"features": {names}, "base": 0.5, "switch": 1, "length_weight": 1,
               "trees": [[[3, 0, 0], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, 1.0, -1.0]]]}}"#
        );
        let m = Model::from_json(&ok).unwrap();
        let mut x = [0.0; 28];
        assert_eq!(m.score(&x), 1.5);
        x[3] = 1.0;
        assert_eq!(m.score(&x), -0.5);
        let cycle = ok.replace("[1, -1, -1], [2, -1, -1]", "[0, -1, -1], [2, -1, -1]");
        assert!(Model::from_json(&cycle).is_err());
        let feature = ok.replace("[3, 0, 0]", "[99, 0, 0]");
        assert!(Model::from_json(&feature).is_err());
        assert!(Model::from_json(r#"{"features": ["x"]}"#).is_err());
    }

    /// The walk of a tree as trained (the reference for the complete trees).
    fn naive(arrays: &TreeArrays, x: &[f64]) -> f64 {
        let (feature, threshold, left, right, value) = arrays;
        let mut at = 0usize;
        while left[at] != -1 {
            let v = x[feature[at] as usize];
            at = if v <= threshold[at] {
                left[at]
            } else {
                right[at]
            } as usize;
        }
        value[at]
    }

    /// A random tree of at most `max_depth` levels over `n` features, drawn from `seed`.
    fn random_tree(seed: &mut u64, n: usize, max_depth: usize) -> TreeArrays {
        let mut next = || {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            *seed >> 33
        };
        let mut t: TreeArrays = Default::default();
        // breadth-first, so that children come after their parent
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
        let mut count = 1usize;
        while let Some((node, level)) = queue.pop_front() {
            for a in [&mut t.0, &mut t.2, &mut t.3] {
                a.resize(node + 1, -1);
            }
            t.1.resize(node + 1, 0.0);
            t.4.resize(node + 1, 0.0);
            t.4[node] = (next() % 1000) as f64 / 100.0 - 5.0;
            if level < max_depth && next() % 3 != 0 {
                t.0[node] = (next() % n as u64) as i64;
                t.1[node] = (next() % 100) as f64 / 10.0 - 5.0;
                t.2[node] = count as i64;
                t.3[node] = count as i64 + 1;
                queue.push_back((count, level + 1));
                queue.push_back((count + 1, level + 1));
                count += 2;
            }
        }
        t
    }

    #[test]
    fn complete_trees_score_as_the_trees_trained() {
        let mut seed = 7u64;
        for max_depth in [0, 1, 3, 6, 9] {
            let trees: Vec<TreeArrays> = (0..20)
                .map(|_| random_tree(&mut seed, 5, max_depth))
                .collect();
            let stage = Stage::from_trees(trees.clone(), 0.25, 5).unwrap();
            assert_eq!(stage.trees(), 20);
            let rows: Vec<Vec<f64>> = (0..200)
                .map(|k| {
                    (0..5)
                        .map(|j| match (k + j) % 17 {
                            0 => f64::NAN,
                            1 => f64::INFINITY,
                            r => r as f64 * 0.7 - 5.0,
                        })
                        .collect()
                })
                .collect();
            let want: Vec<u64> = rows
                .iter()
                .map(|x| trees.iter().fold(0.25, |s, t| s + naive(t, x)).to_bits())
                .collect();
            for (x, want) in rows.iter().zip(&want) {
                assert_eq!(stage.score(x).to_bits(), *want, "depth {max_depth}");
            }
            // many rows at once, in groups and a part group (197 = 24 * 8 + 5), score the same
            let many: Vec<&[f64]> = rows[3..].iter().map(Vec::as_slice).collect();
            let got: Vec<u64> = stage
                .score_rows(&many)
                .iter()
                .map(|s| s.to_bits())
                .collect();
            assert_eq!(got, want[3..], "depth {max_depth}");
            // a short row in a lane a full row used before reads zeros, as alone
            let short = [1.5, -2.0];
            let mut mixed: Vec<&[f64]> = rows[..LANES].iter().map(Vec::as_slice).collect();
            mixed.push(&short);
            let got = stage.score_rows(&mixed);
            assert_eq!(got[LANES].to_bits(), stage.score(&short).to_bits());
        }
        // a chain that goes right MAX_DEPTH + 1 times is refused: node 2i splits, its
        // left child 2i + 1 is a leaf and its right child 2i + 2 goes on
        let splits = MAX_DEPTH as i64 + 1;
        let n = 2 * splits + 1;
        let chain: TreeArrays = (
            vec![0; n as usize],
            vec![0.0; n as usize],
            (0..n)
                .map(|i| if i % 2 == 0 && i < n - 1 { i + 1 } else { -1 })
                .collect(),
            (0..n)
                .map(|i| if i % 2 == 0 && i < n - 1 { i + 2 } else { -1 })
                .collect(),
            vec![1.0; n as usize],
        );
        assert!(check_tree(0, &chain, 5)
            .unwrap_err()
            .contains("levels deep"));
        // two splits that lead to the same node are refused (a tree, not a graph)
        let shared: TreeArrays = (
            vec![0, 0, 0, 0],
            vec![0.0; 4],
            vec![1, 3, -1, -1],
            vec![2, 3, -1, -1],
            vec![0.0; 4],
        );
        assert!(check_tree(0, &shared, 5)
            .unwrap_err()
            .contains("shares a child"));
    }

    #[test]
    fn second_stage_rescores_from_context() {
        let names = serde_json::to_string(&FEATURE_NAMES).unwrap();
        let second = serde_json::to_string(&second_names()).unwrap();
        // second stage: +2 when the block above scored above 0 (context feature 1)
        let k = FEATURE_NAMES.len() + 1;
        let text = format!(
            r#"{{"features": {names}, "base": 1.0, "switch": 1, "length_weight": 1,
               "trees": [], "second": {{"features": {second}, "base": -1.0,
               "trees": [[[{k}, 0, 0], [0.0, 0, 0], [1, -1, -1], [2, -1, -1], [0, 0.0, 2.0]]]}}}}"#
        );
        let m = Model::from_json(&text).unwrap();
        assert!(m.has_second());
        assert_eq!(m.trees(), 1);
        let x = [0.0; 28];
        let mut c = [0.0; 12];
        assert_eq!(m.rescore(&x, &c), -1.0);
        c[1] = 0.5;
        assert_eq!(m.rescore(&x, &c), 1.0);
        let stale = text.replace(r#""score","#, r#""other","#);
        assert!(Model::from_json(&stale).is_err());
    }
}
