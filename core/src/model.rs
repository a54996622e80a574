//! The boosted trees: a model file read once, and the score of a block's features
//! (Python: `classify.Model`, `classify.Tree`).
//!
//! The model is trained by `benchmarks/train.py` on the dev corpus and shipped as
//! `newsconv/data/model.json`: the feature names, a base log-odds, the Viterbi pass's
//! `switch` and `length_weight`, and any number of regression trees of any depth as
//! parallel arrays (feature, threshold, left, right, value; a leaf has left = -1).
//!
//! ```
//! use newsconv_core::model::Model;
//! let model = Model::embedded().unwrap();
//! assert!(model.trees() > 0);
//! let score = model.score(&[0.0; 28]);
//! assert!(score.is_finite());
//! ```

use serde::Deserialize;

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

/// Boosted trees over [`Features`] plus the context pass's parameters.
#[derive(Debug, Clone)]
pub struct Model {
    nodes: Vec<Node>,
    roots: Vec<u32>, // each tree's first node in `nodes`
    /// Log-odds before any tree.
    pub base: f64,
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
        if file.features.len() != FEATURE_NAMES.len()
            || file.features.iter().zip(FEATURE_NAMES).any(|(a, b)| a != b)
        {
            return Err("model.json was trained on other features; rebuild it with \
                        benchmarks/train.py"
                .to_owned());
        }
        let mut nodes: Vec<Node> = Vec::new();
        let mut roots = Vec::with_capacity(file.trees.len());
        let too_big = || "model.json: too many tree nodes".to_owned();
        for (k, (feature, threshold, left, right, value)) in file.trees.into_iter().enumerate() {
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
                    Ok(f) if f < FEATURE_NAMES.len() => f as u32,
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
        Ok(Model {
            nodes,
            roots,
            base: file.base,
            switch: file.switch,
            length_weight: file.length_weight,
        })
    }

    /// The number of trees.
    pub fn trees(&self) -> usize {
        self.roots.len()
    }

    /// Log-odds that the block is article text: the base plus every tree's leaf, added in
    /// order.
    pub fn score(&self, f: &Features) -> f64 {
        let mut s = self.base;
        for &root in &self.roots {
            s += self.leaf(root, f);
        }
        s
    }

    /// The leaf value of the tree starting at node `root` for features `x`.
    fn leaf(&self, root: u32, x: &Features) -> f64 {
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
}
