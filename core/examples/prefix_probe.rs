//! The literal prefixes of each anchored chrome pattern (profiling aid for the matcher's
//! prefilter): `cargo run --release --example prefix_probe [NAME]`.
use newsconv_core::chrome::Tables;
use newsconv_core::pyre::{Alphabet, Regex};

fn main() {
    let only = std::env::args().nth(1);
    let tables = Tables::embedded().unwrap();
    let all: Vec<&str> = tables
        .classes
        .iter()
        .flat_map(|c| c.patterns.iter().map(|p| p.regex.as_str()))
        .collect();
    let alphabet = Alphabet::of(&all).unwrap();
    for c in &tables.classes {
        for p in &c.patterns {
            if !p.triggers.is_empty() || only.as_ref().is_some_and(|o| *o != p.name) {
                continue;
            }
            let f = Regex::prefixes(&p.regex, true, &alphabet, 4);
            let n = f.as_ref().map_or(-1, |v| v.len() as i64);
            println!("{n:>5} {} {}", p.name, p.regex);
            if only.is_some() {
                for l in f.iter().flatten() {
                    println!("  {:?}", String::from_utf8_lossy(l));
                }
            }
        }
    }
}
