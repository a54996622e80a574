//! The cost of the classifier alone: `cargo run --release --example trees DUMP.jsonl MB
//! ROUNDS [MODEL.json ...]`: the dump's first `MB` of pages are prepared once (blocks,
//! measurements, features), then each model's `decide` (both stages of trees, the
//! context and the Viterbi pass) runs over all of them `ROUNDS` times, the models taking
//! turns, and the best time per model is printed.
use std::time::Instant;

use newsconv_core::classify::decide;
use newsconv_core::model::Model;
use newsconv_core::pipeline::{Engine, Prepared};

fn main() {
    let mut args = std::env::args().skip(1);
    let dump = args.next().expect("DUMP.jsonl");
    let limit: f64 = args.next().map_or(2.0, |m| m.parse().unwrap());
    let rounds: usize = args.next().map_or(5, |m| m.parse().unwrap());
    let mut models: Vec<(String, Model)> = args
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, Model::from_json(&text).unwrap())
        })
        .collect();
    if models.is_empty() {
        models.push(("shipped".into(), Model::embedded().unwrap()));
    }
    let engine = Engine::default_engine().unwrap();
    let mut prepared: Vec<Prepared> = Vec::new();
    let mut bytes = 0usize;
    for line in std::fs::read_to_string(&dump).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let t = v["text"].as_str().unwrap_or("");
        bytes += t.len();
        prepared.push(engine.prepare(t));
        if bytes as f64 >= limit * 1e6 {
            break;
        }
    }
    let blocks: usize = prepared.iter().map(|p| p.blocks.len()).sum();
    let mut best = vec![f64::INFINITY; models.len()];
    let mut kept = vec![0usize; models.len()];
    for _ in 0..rounds {
        for (k, (_, model)) in models.iter().enumerate() {
            let t = Instant::now();
            let n = timed(model, &prepared);
            best[k] = best[k].min(t.elapsed().as_secs_f64());
            kept[k] = n;
        }
    }
    for (k, (name, model)) in models.iter().enumerate() {
        println!(
            "{name}: {} trees, {blocks} blocks, {} kept: {:.3} s ({:.0} ns per block)",
            model.trees(),
            kept[k],
            best[k],
            best[k] * 1e9 / blocks as f64
        );
    }
}

#[inline(never)]
fn timed(model: &Model, prepared: &[Prepared]) -> usize {
    prepared
        .iter()
        .map(|p| {
            let (keep, _) = decide(&p.local, &p.features, model, None);
            keep.iter().filter(|&&k| k).count()
        })
        .sum()
}
