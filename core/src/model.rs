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

use serde::Deserialize;

use crate::context::{Context, CONTEXT_NAMES};
use crate::features::{Features, FEATURE_NAMES};

/// A node of a tree: a split (go to `left` when the feature's value is at most the
/// threshold, else to `right`) or a leaf (`left == 0`: no node is a child of the root,
/// since children always come after their parent).  Child indices are into the model's one
/// node array, so that all trees lie in one block of memory and a walk reads one small
/// record per level.
#[derive(Debug, Clone, Copy)]
struct Node {
    threshold: f64,
    value: f64,
    feature: u32,
    left: u32,
    right: u32,
}

/// One set of boosted trees: its nodes, each tree's first node and the base log-odds.
#[derive(Debug, Clone)]
struct Stage {
    nodes: Vec<Node>,
    roots: Vec<u32>, // each tree's first node in `nodes`
    base: f64,
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

impl Stage {
    /// Read trees whose arrays agree and whose nodes lead forward to leaves, over
    /// `n_features` features.
    fn from_trees(trees: Vec<TreeArrays>, base: f64, n_features: usize) -> Result<Stage, String> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut roots = Vec::with_capacity(trees.len());
        let too_big = || "model.json: too many tree nodes".to_owned();
        for (k, (feature, threshold, left, right, value)) in trees.into_iter().enumerate() {
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
            let root = nodes.len();
            let at = |c: usize| u32::try_from(root + c).map_err(|_| too_big());
            roots.push(at(0)?);
            for node in 0..n {
                let (l, r, f) = (left[node], right[node], feature[node]);
                let (t, v) = (threshold[node], value[node]);
                if l == -1 {
                    nodes.push(Node {
                        threshold: t,
                        value: v,
                        feature: 0,
                        left: 0,
                        right: 0,
                    });
                    continue;
                }
                let child = |c: i64| usize::try_from(c).ok().filter(|&c| c > node && c < n);
                let (Some(l), Some(r)) = (child(l), child(r)) else {
                    return Err(format!("model.json: tree {k} node {node} has bad children"));
                };
                let feature = match usize::try_from(f) {
                    Ok(f) if f < n_features => f as u32,
                    _ => {
                        return Err(format!(
                            "model.json: model uses feature {f}, which does not exist"
                        ))
                    }
                };
                nodes.push(Node {
                    threshold: t,
                    value: v,
                    feature,
                    left: at(l)?,
                    right: at(r)?,
                });
            }
        }
        Ok(Stage { nodes, roots, base })
    }

    /// The base plus every tree's leaf for features `x`, added in order.
    fn score(&self, x: &[f64]) -> f64 {
        let mut s = self.base;
        for &root in &self.roots {
            s += self.leaf(root, x);
        }
        s
    }

    /// The leaf value of the tree starting at node `root` for features `x`.
    fn leaf(&self, root: u32, x: &[f64]) -> f64 {
        let mut at = root;
        while let Some(node) = self.nodes.get(at as usize) {
            if node.left == 0 {
                return node.value;
            }
            let v = x.get(node.feature as usize).copied().unwrap_or(0.0);
            at = if v <= node.threshold {
                node.left
            } else {
                node.right
            };
        }
        0.0
    }
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
        self.first.roots.len() + self.second.as_ref().map_or(0, |s| s.roots.len())
    }

    /// Whether the model has a second stage.
    pub fn has_second(&self) -> bool {
        self.second.is_some()
    }

    /// Log-odds that the block is article text, from its own features (the first stage).
    pub fn score(&self, f: &Features) -> f64 {
        self.first.score(f)
    }

    /// The second stage's log-odds from a block's features and its [`Context`], or the
    /// first score when the model has no second stage.
    pub fn rescore(&self, f: &Features, c: &Context) -> f64 {
        match &self.second {
            None => c[0],
            Some(st) => {
                let mut x = [0.0; FEATURE_NAMES.len() + CONTEXT_NAMES.len()];
                x[..FEATURE_NAMES.len()].copy_from_slice(f);
                x[FEATURE_NAMES.len()..].copy_from_slice(c);
                st.score(&x)
            }
        }
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
