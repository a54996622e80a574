//! Time per anchored chrome pattern over a folder of pages (profiling aid).
use newsconv_core::chrome::Tables;
use newsconv_core::pyre::{Alphabet, Regex};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/wcxb".into());
    let mut lines = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().to_string();
        if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
            for l in std::fs::read_to_string(&p).unwrap().lines() {
                let l = l.trim();
                if !l.is_empty() && l.split_whitespace().count() <= 30 {
                    lines.push(l.to_owned());
                }
            }
        }
    }
    let tables = Tables::embedded().unwrap();
    let all: Vec<&str> = tables
        .classes
        .iter()
        .flat_map(|c| c.patterns.iter().map(|p| p.regex.as_str()))
        .collect();
    let alphabet = Arc::new(Alphabet::of(&all).unwrap());
    let mapped: Vec<String> = lines.iter().map(|l| alphabet.map(l).into_owned()).collect();
    let mut rows = Vec::new();
    for c in &tables.classes {
        for p in &c.patterns {
            if !p.triggers.is_empty() {
                continue;
            }
            let re = Regex::with_alphabet(&p.regex, true, true, &alphabet).unwrap();
            let first = Regex::prefixes(&p.regex, true, &alphabet, 4);
            let mut n = 0;
            let mut hits = 0;
            let t = Instant::now();
            for m in &mapped {
                let begins = |p: &Vec<u8>| m.as_bytes().starts_with(p);
                if first.as_ref().is_none_or(|s| s.iter().any(begins)) {
                    n += 1;
                    if re.search_mapped(m) {
                        hits += 1;
                    }
                }
            }
            rows.push((
                t.elapsed().as_secs_f64(),
                n,
                hits,
                p.name.clone(),
                first.is_none(),
            ));
        }
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!("{} lines", lines.len());
    for r in rows.iter().take(25) {
        println!(
            "{:.4}s tried {} hits {} {} any_prefix={}",
            r.0, r.1, r.2, r.3, r.4
        );
    }
}
