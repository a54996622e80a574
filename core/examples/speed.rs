//! The core's speed over a folder of text pages or a JSON Lines dump:
//! `cargo run --release --example speed [DIR | FILE.jsonl [MB [WARM_MB]]]`: the first
//! `WARM_MB` of the dump are cleaned first (compiling the lazily built patterns), then the
//! next `MB` are timed.  Under
//! `valgrind --tool=callgrind --toggle-collect='speed::timed'` it gives stable instruction
//! counts of the timed part on a busy machine.
use std::time::Instant;

use newsconv_core::pipeline::Engine;

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "../shared/corpus/dev".into());
    let limit: f64 = args.next().map_or(f64::INFINITY, |m| m.parse().unwrap());
    let warm: f64 = args.next().map_or(0.0, |m| m.parse().unwrap());
    let mut warmup = Vec::new();
    let mut texts = Vec::new();
    if what.ends_with(".jsonl") {
        let mut bytes = 0usize;
        for line in std::fs::read_to_string(&what).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let t = v["text"].as_str().unwrap_or("").to_owned();
            bytes += t.len();
            if (bytes as f64) < warm * 1e6 {
                warmup.push(t);
                continue;
            }
            texts.push(t);
            if bytes as f64 >= (limit + warm) * 1e6 {
                break;
            }
        }
    } else {
        for e in std::fs::read_dir(&what).unwrap() {
            let p = e.unwrap().path();
            let name = p.to_string_lossy().to_string();
            if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
                texts.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let engine = Engine::default_engine().unwrap();
    for text in &warmup {
        let _ = engine.analyse(text, None);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    timed(&engine, &texts);
    let all = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} pages, {mb:.1} MB (after {} warm-up pages): {all:.2} s ({:.2} MB/s)",
        texts.len(),
        warmup.len(),
        mb / all
    );
}

#[inline(never)]
fn timed(engine: &Engine, texts: &[String]) {
    for text in texts {
        let _ = engine.analyse(text, None);
    }
}
