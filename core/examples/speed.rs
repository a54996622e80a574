//! The core's speed over a folder of text pages: `cargo run --release --example speed DIR`.
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/dev".into());
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().to_string();
        if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
            texts.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let engine = newsconv_core::pipeline::Engine::default_engine().unwrap();
    let t = Instant::now();
    for text in &texts {
        let _ = engine.prepare(text);
    }
    let prep = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for text in &texts {
        let _ = engine.analyse(text, None);
    }
    let all = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} pages, {mb:.1} MB: prepare {prep:.2} s, analyse {all:.2} s ({:.2} MB/s)",
        texts.len(),
        mb / all
    );
}
