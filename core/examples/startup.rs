//! How long the engine takes to build (chrome tables, model, stoplists).
fn main() {
    let t = std::time::Instant::now();
    let tables = newsconv_core::chrome::Tables::embedded().unwrap();
    println!("tables {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _m = newsconv_core::chrome::Matcher::compile(&tables).unwrap();
    println!("matcher {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _s = newsconv_core::structure::Shapes::new().unwrap();
    println!("shapes {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _l = newsconv_core::language::Stoplists::embedded().unwrap();
    println!("stoplists {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _e = newsconv_core::pipeline::Engine::default_engine().unwrap();
    println!("engine {:?}", t.elapsed());
    // the first page also compiles the patterns it meets (built lazily)
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(path).unwrap();
        for run in ["first page", "same page again"] {
            let t = std::time::Instant::now();
            let _ = _e.analyse(&text, None);
            println!("{run} {:?}", t.elapsed());
        }
    }
}
