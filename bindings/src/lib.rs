//! `newsconv._core`: the Python face of `newsconv-core`.  Type conversion only: every
//! decision is made in the core.  The work runs without the GIL, so threads can clean
//! documents in parallel, and a panic in the core reaches Python as `CoreError` (an
//! ordinary `Exception`) naming the document, never as a crash or a `BaseException`.

#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use newsconv_core::{chrome, dumpstats, model, pipeline, records, rules, unicode};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// mimalloc instead of the system allocator: the core allocates many small strings per
/// line, and mimalloc's small-object pages take about a tenth fewer instructions per
/// document than glibc's `malloc` (callgrind, `cargo run --release --example speed`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    _core,
    CoreError,
    PyException,
    "An internal error of the core (a bug), raised for one document."
);

/// A Python string read as Rust text without a lasting copy: an ASCII string is read in
/// place; any other is encoded into a temporary `bytes` object, since asking CPython for
/// its UTF-8 form would cache that form inside the string for as long as it lives (a
/// window of documents would be held twice).  Lone surrogates (which UTF-8 cannot hold)
/// are kept as WTF-8 bytes (`surrogatepass`).
enum Text<'py> {
    Ascii(Bound<'py, PyString>),
    Utf8(Bound<'py, PyBytes>),
    Wtf8(Bound<'py, PyBytes>),
}

impl<'py> Text<'py> {
    fn of(obj: &Bound<'py, PyAny>) -> PyResult<Text<'py>> {
        let s = obj.downcast::<PyString>()?;
        if s.call_method0("isascii")?.is_truthy()? {
            return Ok(Text::Ascii(s.clone()));
        }
        match s.call_method1("encode", ("utf-8",)) {
            Ok(b) => Ok(Text::Utf8(b.downcast_into::<PyBytes>()?)),
            Err(_) => {
                let b = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                Ok(Text::Wtf8(b.downcast_into::<PyBytes>()?))
            }
        }
    }

    /// The text, or None for a string with lone surrogates ([`Text::bytes`] has it).
    fn as_str(&self) -> Option<&str> {
        match self {
            Text::Ascii(s) => s.to_str().ok(),
            Text::Utf8(b) => std::str::from_utf8(b.as_bytes()).ok(),
            Text::Wtf8(_) => None,
        }
    }

    /// The text as UTF-8 or WTF-8 bytes.
    fn bytes(&self) -> &[u8] {
        match self {
            Text::Ascii(s) => s.to_str().map(str::as_bytes).unwrap_or_default(),
            Text::Utf8(b) | Text::Wtf8(b) => b.as_bytes(),
        }
    }

    /// The text, each lone surrogate replaced by U+FFFD (as the pipeline's normalising does
    /// in Python).
    fn lossy(&self) -> Cow<'_, str> {
        match self.as_str() {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(unicode::from_wtf8_lossy(self.bytes())),
        }
    }
}

/// A Python string as Rust text, lone surrogates as U+FFFD.
fn text_of(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(Text::of(obj)?.lossy().into_owned())
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

/// articles, language, kept, dropped
type CleanTuple = (
    Vec<ArticleTuple>,
    Option<String>,
    usize,
    Vec<(String, usize)>,
);

fn articles_out(articles: Vec<records::Article>) -> Vec<ArticleTuple> {
    articles
        .into_iter()
        .map(|x| {
            let parts = x.parts.into_iter().map(|p| (p.kind, p.text)).collect();
            let dates = x.date_lines.map(|d| (d.texts, d.classes, d.anchor));
            (
                x.title, x.dek, x.dateline, x.agency, x.byline, x.language, parts, dates,
            )
        })
        .collect()
}

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
        let text = Text::of(text)?;
        let text = text.lossy();
        let a = guarded(py, name, || self.inner.analyse(&text, repeats.as_ref()))?;
        let verdicts = a
            .verdicts
            .into_iter()
            .map(|v| {
                (
                    v.keep,
                    v.label.into_owned(),
                    v.reason.to_string(),
                    v.score,
                    v.article,
                )
            })
            .collect();
        let articles = articles_out(a.articles);
        Ok((blocks_out(a.blocks), verdicts, articles, a.language))
    }

    /// clean(text, name, repeats=None) -> (articles, language, kept, dropped): what
    /// `analyse` says, without the line-by-line verdicts: the articles, the number of
    /// lines kept and, sorted by label, the numbers dropped ([(label, count)]).
    #[pyo3(signature = (text, name, repeats=None))]
    fn clean(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        name: &str,
        repeats: Option<HashSet<u64>>,
    ) -> PyResult<CleanTuple> {
        let text = Text::of(text)?;
        let text = text.lossy();
        let a = guarded(py, name, || self.inner.analyse(&text, repeats.as_ref()))?;
        let mut dropped: BTreeMap<Cow<'static, str>, usize> = BTreeMap::new();
        let mut kept = 0;
        for v in a.verdicts {
            if v.keep {
                kept += 1;
            } else {
                *dropped.entry(v.label).or_default() += 1;
            }
        }
        Ok((
            articles_out(a.articles),
            a.language,
            kept,
            dropped
                .into_iter()
                .map(|(label, n)| (label.into_owned(), n))
                .collect(),
        ))
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
        let text = Text::of(text)?;
        let text = text.lossy();
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

/// A document's dump statistics: `lines`, the sorted hashes of its lines that may be
/// boilerplate, and `prose`, its sentence-like lines' hashes with their lengths.
#[pyclass(frozen, module = "newsconv._core")]
struct DocHashes {
    inner: dumpstats::DocHashes,
}

#[pymethods]
impl DocHashes {
    #[getter]
    fn lines(&self) -> Vec<u64> {
        self.inner.lines.clone()
    }

    #[getter]
    fn prose(&self) -> HashMap<u64, usize> {
        self.inner.prose.iter().copied().collect()
    }
}

/// The dump statistics of one Python string, without the GIL; a string with lone
/// surrogates is hashed as its WTF-8 bytes (as Python's `surrogatepass` encodes it).
fn hashes_of(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<dumpstats::DocHashes> {
    let text = Text::of(text)?;
    match text.as_str() {
        Some(t) => guarded(py, "a document's lines", || dumpstats::document_hashes(t)),
        None => {
            let b = text.bytes();
            guarded(py, "a document's lines", || {
                dumpstats::document_hashes_wtf8(b)
            })
        }
    }
}

/// document_hashes(text) -> DocHashes.
#[pyfunction]
fn document_hashes(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<DocHashes> {
    Ok(DocHashes {
        inner: hashes_of(py, text)?,
    })
}

/// copy_groups(docs) -> for each DocHashes, the first document of its group of copies.
#[pyfunction]
fn copy_groups(py: Python<'_>, docs: Vec<PyRef<'_, DocHashes>>) -> PyResult<Vec<usize>> {
    let docs: Vec<dumpstats::DocHashes> = docs.iter().map(|d| d.inner.clone()).collect();
    guarded(py, "a window", move || dumpstats::copy_groups(&docs))
}

/// repeated(doc_lines, groups=None) -> the hashes that are dump-level boilerplate in a
/// window, each group of copies counted once.
#[pyfunction]
#[pyo3(signature = (doc_lines, groups=None))]
fn repeated(
    py: Python<'_>,
    doc_lines: Vec<Vec<u64>>,
    groups: Option<Vec<usize>>,
) -> PyResult<HashSet<u64>> {
    if groups.as_ref().is_some_and(|g| g.len() != doc_lines.len()) {
        return Err(PyValueError::new_err("one group per document"));
    }
    guarded(py, "a window", move || {
        dumpstats::repeated(&doc_lines, groups.as_deref())
    })
}

/// window_stats(texts) -> (groups, repeats): for each document of a window, the first
/// document of its group of copies and the sorted hashes of its lines repeated across
/// the window.
#[pyfunction]
fn window_stats(
    py: Python<'_>,
    texts: Vec<Bound<'_, PyAny>>,
) -> PyResult<(Vec<usize>, Vec<Vec<u64>>)> {
    let mut docs = Vec::with_capacity(texts.len());
    for t in &texts {
        docs.push(hashes_of(py, t)?);
    }
    let stats = guarded(py, "a window", move || dumpstats::stats_of(&docs))?;
    Ok((stats.groups, stats.repeats))
}

/// key_hash(key) -> the stable 64-bit hash of a dump key (a key with lone surrogates is
/// hashed as its WTF-8 bytes, as the window's statistics hash it).
#[pyfunction]
fn key_hash(key: &Bound<'_, PyString>) -> PyResult<u64> {
    match key.to_str() {
        Ok(t) => Ok(dumpstats::key_hash(t)),
        Err(_) => {
            let bytes = key.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(dumpstats::key_hash_wtf8(
                bytes.downcast::<PyBytes>()?.as_bytes(),
            ))
        }
    }
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

/// context(scores, words, switch, length_weight) -> per block, the second stage's context
/// features from the first scores (`newsconv_core::context`; training reads them here).
#[pyfunction]
fn context(
    scores: Vec<f64>,
    words: Vec<usize>,
    switch: f64,
    length_weight: f64,
) -> PyResult<Vec<Vec<f64>>> {
    if scores.len() != words.len() {
        return Err(PyValueError::new_err("one word count per score"));
    }
    Ok(
        newsconv_core::context::context(&scores, &words, switch, length_weight)
            .into_iter()
            .map(|c| c.to_vec())
            .collect(),
    )
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
    m.add_class::<DocHashes>()?;
    m.add_function(wrap_pyfunction!(document_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(copy_groups, m)?)?;
    m.add_function(wrap_pyfunction!(repeated, m)?)?;
    m.add_function(wrap_pyfunction!(window_stats, m)?)?;
    m.add_function(wrap_pyfunction!(key_hash, m)?)?;
    m.add_function(wrap_pyfunction!(dump_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_key, m)?)?;
    m.add_function(wrap_pyfunction!(check_pattern, m)?)?;
    m.add_function(wrap_pyfunction!(context, m)?)?;
    m.add(
        "CONTEXT_NAMES",
        newsconv_core::context::CONTEXT_NAMES.to_vec(),
    )?;
    m.add("UNICODE_VERSION", unicode::tables::UNICODE_VERSION)?;
    m.add("MAX_LINE_CHARS", dumpstats::MAX_LINE_CHARS)?;
    m.add("MIN_DOCS", dumpstats::MIN_DOCS)?;
    m.add("MIN_DOCS_PROSE", dumpstats::MIN_DOCS_PROSE)?;
    m.add("PROSE_SHARE", dumpstats::PROSE_SHARE)?;
    m.add("COPY_MIN_LINES", dumpstats::COPY_MIN_LINES)?;
    m.add("COPY_SHARE", dumpstats::COPY_SHARE)?;
    m.add("COPY_FANOUT", dumpstats::COPY_FANOUT)?;
    Ok(())
}
