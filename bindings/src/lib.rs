//! `newsconv._core`: the Python face of `newsconv-core`.  Type conversion only: every
//! decision is made in the core.  The work runs without the GIL, so threads can clean
//! documents in parallel, and a panic in the core reaches Python as `CoreError` (an
//! ordinary `Exception`) naming the document, never as a crash or a `BaseException`.

#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use newsconv_core::{chrome, dumpstats, model, pipeline, records, rules, unicode};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

create_exception!(
    _core,
    CoreError,
    PyException,
    "An internal error of the core (a bug), raised for one document."
);

/// A Python string as Rust text; lone surrogates (which UTF-8 cannot hold) become U+FFFD,
/// as the pipeline's normalising does in Python.
fn text_of(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = obj.downcast::<PyString>()?;
    match s.to_str() {
        Ok(t) => Ok(t.to_owned()),
        Err(_) => {
            let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(unicode::from_wtf8_lossy(
                bytes.downcast::<PyBytes>()?.as_bytes(),
            ))
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

/// Run `work` without the GIL; a panic becomes a `CoreError` naming `what`.
fn guarded<T: Send>(py: Python<'_>, what: &str, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.allow_threads(|| catch_unwind(AssertUnwindSafe(work)))
        .map_err(|p| {
            let msg = panic_message(p.as_ref());
            let first = msg.lines().next().unwrap_or("");
            CoreError::new_err(format!("core failed on {what}: {first}"))
        })
}

type BlockTuple = (String, usize, usize);
type VerdictTuple = (bool, String, String, f64, i64);
type ArticleTuple = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<(&'static str, String)>,
    Option<DateLinesTuple>,
);

/// texts, chrome classes, anchor: the lines that may hold an article's date
type DateLinesTuple = (Vec<String>, Vec<Option<String>>, usize);

/// blocks, verdicts, articles, language
type AnalysisTuple = (
    Vec<BlockTuple>,
    Vec<VerdictTuple>,
    Vec<ArticleTuple>,
    Option<String>,
);

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn blocks_out(blocks: Vec<records::Block>) -> Vec<BlockTuple> {
    blocks
        .into_iter()
        .map(|b| (b.text, b.line, b.gap))
        .collect()
}

/// A compiled model, chrome tables and user rules.
#[pyclass(frozen, module = "newsconv._core")]
struct Engine {
    inner: pipeline::Engine,
}

#[pymethods]
impl Engine {
    /// Engine(model_json=None, chrome_toml=None, keep_phrases=(), keep_patterns=(),
    /// drops=()) — the shipped model and tables unless given; `drops` is a list of
    /// (class name, phrases, patterns), `[drop]` first as "user".  Raises ValueError for a
    /// model, table or pattern that cannot be used.
    #[new]
    #[pyo3(signature = (model_json=None, chrome_toml=None, keep_phrases=Vec::new(), keep_patterns=Vec::new(), drops=Vec::new()))]
    fn new(
        model_json: Option<&str>,
        chrome_toml: Option<&str>,
        keep_phrases: Vec<String>,
        keep_patterns: Vec<String>,
        drops: Vec<(String, Vec<String>, Vec<String>)>,
    ) -> PyResult<Self> {
        let model = match model_json {
            Some(j) => model::Model::from_json(j),
            None => model::Model::embedded(),
        }
        .map_err(PyValueError::new_err)?;
        let tables = match chrome_toml {
            Some(t) => chrome::Tables::from_toml(t),
            None => chrome::Tables::embedded(),
        }
        .map_err(PyValueError::new_err)?;
        let mut classes = Vec::with_capacity(drops.len());
        for (name, phrases, patterns) in &drops {
            classes.push(
                rules::DropClass::new(name, phrases.clone(), &refs(patterns))
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            );
        }
        let user = rules::UserRules::new(keep_phrases, &refs(&keep_patterns), classes)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let inner = pipeline::Engine::new(model, &tables, user).map_err(PyValueError::new_err)?;
        Ok(Engine { inner })
    }

    /// analyse(text, name, repeats=None) -> (blocks, verdicts, articles, language):
    /// blocks as (text, line, gap), verdicts as (keep, label, reason, score, article),
    /// articles as (title, dek, dateline, agency, byline, language, [(kind, text)],
    /// date_lines), date_lines (texts, classes, anchor) or None: the lines that may hold
    /// the article's date, for `newsconv.dates.date_in_lines`.
    /// `repeats`: hashes of the dump-level boilerplate lines; `name` names the document in
    /// an error.
    #[pyo3(signature = (text, name, repeats=None))]
    fn analyse(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        name: &str,
        repeats: Option<HashSet<u64>>,
    ) -> PyResult<AnalysisTuple> {
        let text = text_of(text)?;
        let a = guarded(py, name, || self.inner.analyse(&text, repeats.as_ref()))?;
        let verdicts = a
            .verdicts
            .into_iter()
            .map(|v| (v.keep, v.label, v.reason, v.score, v.article))
            .collect();
        let articles = a
            .articles
            .into_iter()
            .map(|x| {
                let parts = x.parts.into_iter().map(|p| (p.kind, p.text)).collect();
                let dates = x.date_lines.map(|d| (d.texts, d.classes, d.anchor));
                (
                    x.title, x.dek, x.dateline, x.agency, x.byline, x.language, parts, dates,
                )
            })
            .collect();
        Ok((blocks_out(a.blocks), verdicts, articles, a.language))
    }

    /// prepare(text, name) -> (blocks, words, features, language): what the trainer needs;
    /// features are 28-tuples, or None for blocks the model is not asked about.
    #[allow(clippy::type_complexity)]
    fn prepare(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        name: &str,
    ) -> PyResult<(
        Vec<BlockTuple>,
        Vec<usize>,
        Vec<Option<Vec<f64>>>,
        Option<String>,
    )> {
        let text = text_of(text)?;
        let p = guarded(py, name, || self.inner.prepare(&text))?;
        let words = p.local.iter().map(|m| m.words).collect();
        let feats = p
            .features
            .into_iter()
            .map(|f| f.map(|f| f.to_vec()))
            .collect();
        Ok((blocks_out(p.blocks), words, feats, p.language))
    }
}

/// line_hashes(text) -> sorted distinct hashes of the lines that may be boilerplate.
#[pyfunction]
fn line_hashes(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<u64>> {
    match text.to_str() {
        Ok(t) => {
            let t = t.to_owned();
            guarded(py, "a document's lines", move || dumpstats::line_hashes(&t))
        }
        Err(_) => {
            let bytes = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
            let b = bytes.downcast::<PyBytes>()?.as_bytes().to_vec();
            guarded(py, "a document's lines", move || {
                dumpstats::line_hashes_wtf8(&b)
            })
        }
    }
}

/// repeated(doc_hashes) -> the hashes that are dump-level boilerplate in a window.
#[pyfunction]
fn repeated(py: Python<'_>, doc_hashes: Vec<Vec<u64>>) -> PyResult<HashSet<u64>> {
    guarded(py, "a window", move || dumpstats::repeated(&doc_hashes))
}

/// key_hash(key) -> the stable 64-bit hash of a dump key.
#[pyfunction]
fn key_hash(key: &Bound<'_, PyAny>) -> PyResult<u64> {
    Ok(dumpstats::key_hash(&text_of(key)?))
}

/// dump_key(line) -> the comparison form of a line.
#[pyfunction]
fn dump_key(line: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(dumpstats::dump_key(&text_of(line)?))
}

/// line_key(text) -> the form in which whole-line phrases are compared.
#[pyfunction]
fn line_key(text: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(chrome::line_key(&text_of(text)?))
}

/// check_pattern(pattern) -> None, or ValueError saying why the core cannot use it.
#[pyfunction]
fn check_pattern(pattern: &str) -> PyResult<()> {
    newsconv_core::pyre::Regex::new(pattern, true)
        .map(|_| ())
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The Python extension module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // a panic is reported once, as the CoreError that names the document: the default
    // hook's lines on stderr would only repeat it (this hook belongs to this module's copy
    // of the Rust runtime alone)
    std::panic::set_hook(Box::new(|_| {}));
    m.add_class::<Engine>()?;
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add_function(wrap_pyfunction!(line_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(repeated, m)?)?;
    m.add_function(wrap_pyfunction!(key_hash, m)?)?;
    m.add_function(wrap_pyfunction!(dump_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_key, m)?)?;
    m.add_function(wrap_pyfunction!(check_pattern, m)?)?;
    m.add("UNICODE_VERSION", unicode::tables::UNICODE_VERSION)?;
    Ok(())
}
