//! `newsconv._core`: the Python face of `newsconv-core`.  Type conversion only: every
//! decision is made in the core.  The work runs without the GIL, so threads can clean
//! documents in parallel, and a panic in the core reaches Python as `CoreError` (an
//! ordinary `Exception`) naming the document, never as a crash or a `BaseException`.

#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use newsconv_core::{
    chrome, classify, dedup, dumpstats, features, language, model, mojibake, normalise, pipeline,
    records, rules, structure, tokens, unicode,
};
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

/// User rules as the core takes them: keep phrases (line keys), keep patterns, and the drop
/// classes in order as (class name, phrases, patterns).
fn user_rules(
    keep_phrases: Vec<String>,
    keep_patterns: &[String],
    drops: &[(String, Vec<String>, Vec<String>)],
) -> PyResult<rules::UserRules> {
    let mut classes = Vec::with_capacity(drops.len());
    for (name, phrases, patterns) in drops {
        classes.push(
            rules::DropClass::new(name, phrases.clone(), &refs(patterns))
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        );
    }
    rules::UserRules::new(keep_phrases, &refs(keep_patterns), classes)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The chrome tables (the shipped ones, or TOML text), compiled.
fn tables_of(chrome_toml: Option<&str>) -> PyResult<chrome::Tables> {
    match chrome_toml {
        Some(t) => chrome::Tables::from_toml(t),
        None => chrome::Tables::embedded(),
    }
    .map_err(PyValueError::new_err)
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
        let tables = tables_of(chrome_toml)?;
        let user = user_rules(keep_phrases, &keep_patterns, &drops)?;
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
    let bytes = text.bytes();
    guarded(py, "a document's lines", || {
        dumpstats::document_hashes_bytes(bytes)
    })
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

/// Documents read as text at a time: the non-ASCII ones are encoded (a UTF-8 copy) while
/// their slice is hashed, so a few hundred KB are held twice, never the whole window (peak
/// memory stays flat).
const HASH_SLICE: usize = 16;

/// The dump statistics of many Python strings, in order, without the GIL.
fn many_hashes(py: Python<'_>, texts: &[Bound<'_, PyAny>]) -> PyResult<Vec<dumpstats::DocHashes>> {
    let mut docs = Vec::with_capacity(texts.len());
    for slice in texts.chunks(HASH_SLICE) {
        let read: Vec<Text<'_>> = slice.iter().map(Text::of).collect::<PyResult<_>>()?;
        let bytes: Vec<&[u8]> = read.iter().map(Text::bytes).collect();
        docs.extend(guarded(py, "a window's lines", || {
            bytes
                .iter()
                .map(|b| dumpstats::document_hashes_bytes(b))
                .collect::<Vec<_>>()
        })?);
    }
    Ok(docs)
}

/// document_hashes_many(texts) -> [DocHashes]: `document_hashes` of each text, in one call
/// (the GIL is released while they are hashed, so another thread can read meanwhile).
#[pyfunction]
fn document_hashes_many(py: Python<'_>, texts: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<DocHashes>> {
    Ok(many_hashes(py, &texts)?
        .into_iter()
        .map(|inner| DocHashes { inner })
        .collect())
}

/// stats_of(docs) -> (groups, repeats): `window_stats` of documents already hashed.
#[pyfunction]
fn stats_of(
    py: Python<'_>,
    docs: Vec<PyRef<'_, DocHashes>>,
) -> PyResult<(Vec<usize>, Vec<Vec<u64>>)> {
    let docs: Vec<dumpstats::DocHashes> = docs.iter().map(|d| d.inner.clone()).collect();
    let stats = guarded(py, "a window", move || dumpstats::stats_of(&docs))?;
    Ok((stats.groups, stats.repeats))
}

/// window_stats(texts) -> (groups, repeats): for each document of a window, the first
/// document of its group of copies and the sorted hashes of its lines repeated across the
/// window.
#[pyfunction]
fn window_stats(
    py: Python<'_>,
    texts: Vec<Bound<'_, PyAny>>,
) -> PyResult<(Vec<usize>, Vec<Vec<u64>>)> {
    let docs = many_hashes(py, &texts)?;
    let stats = guarded(py, "a window", move || dumpstats::stats_of(&docs))?;
    Ok((stats.groups, stats.repeats))
}

/// key_hash(key) -> the stable 64-bit hash of a dump key (a key with lone surrogates is
/// hashed as its WTF-8 bytes, as the window's statistics hash it).
/// mojibake_lines(text) -> the numbers (from 0) of the lines, split at "\n", that carry
/// the signature of UTF-8 read as Windows-1252: the check in front of ftfy.
#[pyfunction]
fn mojibake_lines(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let text = Text::of(text)?;
    let text = text.lossy();
    guarded(py, "mojibake check", || mojibake::suspect_lines(&text))
}

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

// --- the stages one at a time ------------------------------------------------------------
//
// The pipeline's stages on one line or one list of lines, with the shipped tables: what the
// tests (and the tools) check the core's behaviour with, piece by piece.  Conversion only,
// as above.

/// The shipped chrome tables, stoplists and structure shapes, compiled on first use.
struct Stages {
    matcher: chrome::Matcher,
    stoplists: language::Stoplists,
    shapes: structure::Shapes,
}

static STAGES: OnceLock<Result<Stages, String>> = OnceLock::new();

fn stages() -> PyResult<&'static Stages> {
    STAGES
        .get_or_init(|| {
            Ok(Stages {
                matcher: chrome::Matcher::embedded().map_err(|e| e.to_string())?,
                stoplists: language::Stoplists::embedded()?,
                shapes: structure::Shapes::new().map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|e| PyValueError::new_err(e.clone()))
}

/// A chrome class and the rule that found it, as (class, rule).
fn hit_out(hit: Option<chrome::Hit>) -> Option<(String, String)> {
    hit.map(|h| (h.cls.to_string(), h.rule))
}

/// normalise(text) -> the text with one kind of space and line break and no invisible
/// characters (a lone surrogate becomes U+FFFD).
#[pyfunction(name = "normalise")]
fn normalise_text(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = text_of(text)?;
    guarded(py, "a text", || normalise::normalise(&text))
}

/// Tokens as Python strings.
fn strings(tokens: Vec<tokens::Token>) -> Vec<String> {
    tokens.into_iter().map(String::from).collect()
}

/// word_tokens(text) -> the lower-case word tokens of a line.
#[pyfunction]
fn word_tokens(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let text = text_of(text)?;
    guarded(py, "a line", || strings(tokens::word_tokens(&text)))
}

/// skeleton(text) -> the shape of a line: a run of words "a", a number "0", punctuation.
#[pyfunction]
fn skeleton(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = text_of(text)?;
    guarded(py, "a line", || features::skeleton(&text))
}

/// sentence_end(text) -> whether the line ends like a sentence.
#[pyfunction]
fn sentence_end(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<bool> {
    let text = text_of(text)?;
    guarded(py, "a line", || features::sentence_end(&text))
}

/// detect_language(lines) -> the ISO 639-1 code of the lines' language, or None.
#[pyfunction]
fn detect_language(py: Python<'_>, lines: Vec<Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let lines = lines.iter().map(text_of).collect::<PyResult<Vec<_>>>()?;
    let s = stages()?;
    guarded(py, "lines", || s.stoplists.detect_language(&lines))
}

/// count_words(text, language) -> (words, stopwords) of a line in a language (None:
/// unknown, counted with English's stoplist).
#[pyfunction]
fn count_words(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    language: Option<&str>,
) -> PyResult<(usize, usize)> {
    let text = text_of(text)?;
    let lang = stages()?.stoplists.language_for(language);
    guarded(py, "a line", || {
        language::count_words(&text, &lang, &tokens::word_tokens(&text))
    })
}

/// Matcher(chrome_toml=None) — chrome tables compiled (the shipped ones unless given, as
/// TOML text); raises ValueError for tables it cannot compile.
#[pyclass(frozen, module = "newsconv._core")]
struct Matcher {
    inner: chrome::Matcher,
}

#[pymethods]
impl Matcher {
    #[new]
    #[pyo3(signature = (chrome_toml=None))]
    fn new(chrome_toml: Option<&str>) -> PyResult<Self> {
        let inner = chrome::Matcher::compile(&tables_of(chrome_toml)?)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Matcher { inner })
    }

    /// hit(text, words) -> (class, rule) of the chrome a line of `words` words is, or None.
    fn hit(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        words: usize,
    ) -> PyResult<Option<(String, String)>> {
        let text = text_of(text)?;
        guarded(py, "a line", || {
            hit_out(self.inner.matches(&text, words, &chrome::line_key(&text)))
        })
    }
}

/// rule_reasons(texts, keep_phrases, keep_patterns, drops) -> per line "keep", the drop
/// reason ("user rule [class]: ...") or None: the user rules (`UserRules.core_parts()`)
/// applied to lines.
#[pyfunction]
fn rule_reasons(
    py: Python<'_>,
    texts: Vec<Bound<'_, PyAny>>,
    keep_phrases: Vec<String>,
    keep_patterns: Vec<String>,
    drops: Vec<(String, Vec<String>, Vec<String>)>,
) -> PyResult<Vec<Option<String>>> {
    let texts = texts.iter().map(text_of).collect::<PyResult<Vec<_>>>()?;
    let rules = user_rules(keep_phrases, &keep_patterns, &drops)?;
    guarded(py, "lines", move || rules.reasons(&texts))
}

/// words, stopwords, sentence end, chrome (class, rule), line key, shape, tokens
type LocalTuple = (
    usize,
    usize,
    bool,
    Option<(String, String)>,
    String,
    String,
    Vec<String>,
);

/// measure_line(text, language) -> (words, stopwords, sentence_end, hit, key, shape,
/// tokens): a line's measurements as the pipeline takes them, `hit` (class, rule) or None.
#[pyfunction]
fn measure_line(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    language: Option<&str>,
) -> PyResult<LocalTuple> {
    let text = text_of(text)?;
    let s = stages()?;
    let lang = s.stoplists.language_for(language);
    let m = guarded(py, "a line", || {
        features::measure_line(&text, &lang, &s.matcher)
    })?;
    Ok((
        m.words,
        m.stopwords,
        m.sentence_end,
        hit_out(m.hit),
        m.key,
        m.shape,
        strings(m.tokens),
    ))
}

/// copies(texts) -> {redundant line: the fuller copy} among a document's lines.
#[pyfunction]
fn copies(py: Python<'_>, texts: Vec<Bound<'_, PyAny>>) -> PyResult<BTreeMap<usize, usize>> {
    let texts = texts.iter().map(text_of).collect::<PyResult<Vec<_>>>()?;
    guarded(py, "a document's lines", || {
        let toks: Vec<Vec<tokens::Token>> = texts.iter().map(|t| tokens::word_tokens(t)).collect();
        dedup::copies(&texts, &toks)
    })
}

/// is_caption(text, words) -> whether a line of `words` words is a photo caption.
#[pyfunction]
fn is_caption(py: Python<'_>, text: &Bound<'_, PyAny>, words: usize) -> PyResult<bool> {
    let (text, s) = (text_of(text)?, stages()?);
    guarded(py, "a line", || s.shapes.is_caption(&text, words))
}

/// dateline(text) -> (place, agency) from the start of a first paragraph.
#[pyfunction]
fn dateline(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<(Option<String>, Option<String>)> {
    let (text, s) = (text_of(text)?, stages()?);
    guarded(py, "a line", || s.shapes.dateline(&text))
}

/// strip_decoration(text) -> a subheading without its dashes, stars and rules.
#[pyfunction]
fn strip_decoration(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = text_of(text)?;
    guarded(py, "a line", || {
        structure::strip_decoration(&text).to_owned()
    })
}

/// topic_similarity(before, after, language, min_words) -> the cosine of the content words
/// at the end of the lines `before` and the start of the lines `after` (stopwords of
/// `language` left out), or None when a side has fewer than `min_words` of them.
#[pyfunction]
fn topic_similarity(
    py: Python<'_>,
    before: Vec<Bound<'_, PyAny>>,
    after: Vec<Bound<'_, PyAny>>,
    language: Option<&str>,
    min_words: usize,
) -> PyResult<Option<f64>> {
    let texts =
        |lines: &[Bound<'_, PyAny>]| lines.iter().map(text_of).collect::<PyResult<Vec<_>>>();
    let (before, after) = (texts(&before)?, texts(&after)?);
    let stop = stages()?.stoplists.language_for(language).stopwords;
    guarded(py, "lines", || {
        let toks = |lines: &[String]| -> Vec<Vec<tokens::Token>> {
            lines.iter().map(|t| tokens::word_tokens(t)).collect()
        };
        let (a, b) = (toks(&before), toks(&after));
        let a: Vec<&[tokens::Token]> = a.iter().map(Vec::as_slice).collect();
        let b: Vec<&[tokens::Token]> = b.iter().map(Vec::as_slice).collect();
        structure::topic_similarity(&a, &b, &stop, min_words)
    })
}

/// viterbi(scores, sizes, switch, fixed) -> the in/out labelling of the blocks that
/// maximises agreeing votes (score × size) minus `switch` per change; `fixed`: per block
/// True or False to pin it, None to leave it to the scores.
#[pyfunction]
fn viterbi(
    py: Python<'_>,
    scores: Vec<f64>,
    sizes: Vec<f64>,
    switch: f64,
    fixed: Vec<Option<bool>>,
) -> PyResult<Vec<bool>> {
    if sizes.len() != scores.len() || fixed.len() != scores.len() {
        return Err(PyValueError::new_err("one size and one pin per score"));
    }
    guarded(py, "scores", || {
        classify::viterbi(&scores, &sizes, switch, &fixed)
    })
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
    m.add_class::<Matcher>()?;
    m.add_function(wrap_pyfunction!(document_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(copy_groups, m)?)?;
    m.add_function(wrap_pyfunction!(repeated, m)?)?;
    m.add_function(wrap_pyfunction!(window_stats, m)?)?;
    m.add_function(wrap_pyfunction!(document_hashes_many, m)?)?;
    m.add_function(wrap_pyfunction!(stats_of, m)?)?;
    m.add_function(wrap_pyfunction!(key_hash, m)?)?;
    m.add_function(wrap_pyfunction!(mojibake_lines, m)?)?;
    m.add_function(wrap_pyfunction!(dump_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_key, m)?)?;
    m.add_function(wrap_pyfunction!(check_pattern, m)?)?;
    m.add_function(wrap_pyfunction!(context, m)?)?;
    for f in [
        wrap_pyfunction!(normalise_text, m)?,
        wrap_pyfunction!(word_tokens, m)?,
        wrap_pyfunction!(skeleton, m)?,
        wrap_pyfunction!(sentence_end, m)?,
        wrap_pyfunction!(detect_language, m)?,
        wrap_pyfunction!(count_words, m)?,
        wrap_pyfunction!(rule_reasons, m)?,
        wrap_pyfunction!(measure_line, m)?,
        wrap_pyfunction!(copies, m)?,
        wrap_pyfunction!(is_caption, m)?,
        wrap_pyfunction!(dateline, m)?,
        wrap_pyfunction!(strip_decoration, m)?,
        wrap_pyfunction!(topic_similarity, m)?,
        wrap_pyfunction!(viterbi, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add("FEATURE_NAMES", features::FEATURE_NAMES.to_vec())?;
    m.add("HARD_CLASSES", features::HARD_CLASSES.to_vec())?;
    m.add("FAR_SCORE", classify::FAR_SCORE)?;
    m.add("MAX_RULE_LINE", rules::MAX_RULE_LINE)?;
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
