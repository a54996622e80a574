fn main() {
    let tables = newsconv_core::chrome::Tables::embedded().unwrap();
    let mut v = vec![];
    for c in &tables.classes { for p in &c.patterns {
        let t = std::time::Instant::now();
        if p.triggers.is_empty() { newsconv_core::pyre::Regex::anchored(&p.regex, true).unwrap(); } else { newsconv_core::pyre::Regex::new(&p.regex, true).unwrap(); }
        v.push((t.elapsed(), p.name.clone(), p.triggers.is_empty()));
    } }
    v.sort(); v.reverse();
    let total: std::time::Duration = v.iter().map(|x| x.0).sum();
    println!("total {total:?}");
    for x in v.iter().take(12) { println!("{:?} {} {}", x.0, x.1, x.2); }
}
