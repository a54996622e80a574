//! Regular expressions with the meaning Python's `re` gives them, run by the `regex` crate
//! (linear time: no pattern can make a line take long).
//!
//! The chrome tables, the structure stage and user rule files are written as Python
//! regular expressions.  Their syntax is the one both engines share (no look-around, no
//! back-references), but three things mean something else in Rust, and are translated:
//!
//! * `\w`, `\d`, `\s` (and `\W`, `\D`, `\S`) become explicit classes of the characters
//!   Python gives them ([`crate::unicode`]): Rust's `\w` also takes combining marks (the
//!   vowel signs of Hindi or Thai), Python's does not; Python's `\s` takes U+001C..U+001F.
//!   Outside a bracket they are never case-folded, as in Python.
//! * `\b` and `\B` look at Rust's word characters, which cannot be redefined; so for a
//!   pattern that uses them the line is searched with every character on which the two
//!   definitions disagree replaced by a stand-in of the same UTF-8 length that Rust sees as
//!   Python sees the original (a letter or a symbol).  Spans and captures are therefore
//!   unchanged, and read from the original line.
//! * Python's `\Z` is Rust's `\z`.
//!
//! The haystacks are single lines (blocks never hold a line break), so Python's `$`
//! before a final newline never arises.
//!
//! Known differences, none met in the corpora (`tools/parity.py`): under `re.IGNORECASE`
//! Python matches `i` with `İ` and `ı`, Rust does not; inside a bracket with `\w` and
//! ignore-case, Rust also takes U+0345 (it case-folds to ι); and Rust's case folding and
//! word boundaries follow its own Unicode version for characters added after Unicode 14
//! (Python 3.11's).
//!
//! ```
//! use newsconv_core::pyre::Regex;
//! let letters = Regex::new(r"[^\W\d_]+", false).unwrap();
//! // the combining vowel sign ends a run of letters, as in Python
//! assert_eq!(letters.replace_all("नमस्ते 42", "a"), "a\u{94d}a\u{947} 42");
//! let you = Regex::new(r"\byou\b", true).unwrap();
//! assert!(you.search("Thank YOU."));
//! assert!(!you.search("youth"));
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use regex_syntax::ast::{self, Ast, ClassPerlKind, ClassSetItem};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

use crate::unicode::{self, tables};

/// A pattern the core cannot use, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(pub String);

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

/// A compiled regular expression with Python `re` semantics (see the module docs).
#[derive(Debug, Clone)]
pub struct Regex {
    re: regex::Regex,
    source: String,
    boundaries: bool,
    alphabet: Option<Arc<Alphabet>>,
}

/// The parts of a match of a pattern with named groups.
#[derive(Debug)]
pub struct Captures<'t, 'r> {
    text: &'t str,
    spans: Vec<Option<std::ops::Range<usize>>>,
    re: &'r regex::Regex,
}

impl<'t> Captures<'t, '_> {
    /// The text of the whole match (`m.group(0)`).
    pub fn whole(&self) -> &'t str {
        self.group(0).unwrap_or("")
    }

    /// The text of a numbered group, None when it took no part in the match.
    pub fn group(&self, i: usize) -> Option<&'t str> {
        self.spans
            .get(i)
            .cloned()
            .flatten()
            .and_then(|r| self.text.get(r))
    }

    /// The text of a named group, None when it took no part in the match.
    pub fn name(&self, name: &str) -> Option<&'t str> {
        let index = self.re.capture_names().position(|n| n == Some(name))?;
        self.group(index)
    }
}

impl Regex {
    /// Compile a Python pattern; `ignore_case` is `re.IGNORECASE`.
    pub fn new(pattern: &str, ignore_case: bool) -> Result<Regex, PatternError> {
        Self::build(pattern, ignore_case, false, None)
    }

    /// Compile a pattern for `re.match`: it must match at the start of the line.
    pub fn anchored(pattern: &str, ignore_case: bool) -> Result<Regex, PatternError> {
        Self::build(pattern, ignore_case, true, None)
    }

    /// Compile a pattern over an [`Alphabet`] built for it (and its table's other
    /// patterns): much smaller automata, the same matches.
    pub fn with_alphabet(
        pattern: &str,
        ignore_case: bool,
        anchored: bool,
        alphabet: &Arc<Alphabet>,
    ) -> Result<Regex, PatternError> {
        Self::build(pattern, ignore_case, anchored, Some(alphabet.clone()))
    }

    fn build(
        pattern: &str,
        ignore_case: bool,
        anchored: bool,
        alphabet: Option<Arc<Alphabet>>,
    ) -> Result<Regex, PatternError> {
        let classes = match &alphabet {
            Some(a) => a.classes.clone(),
            None => PerlClasses::python(),
        };
        let (translated, boundaries) = translate(pattern, &classes)?;
        let mut full = String::with_capacity(translated.len() + 16);
        if ignore_case {
            full.push_str("(?i)");
        }
        if anchored {
            full.push_str("\\A(?:");
            full.push_str(&translated);
            full.push(')');
        } else {
            full.push_str(&translated);
        }
        // the lazy DFA's cache of each pattern may grow to 1 MB (the crate's default is
        // 2 MB): with some 100 patterns the caches are a good part of a run's memory, and
        // 1 MB held the same speed (the same instruction count over 6 MB of pages) for
        // 2.3 MB less peak memory on 400 MB; 256 KB made a run 22 % slower
        let re = regex::RegexBuilder::new(&full)
            .size_limit(64 << 20)
            .dfa_size_limit(1 << 20)
            .build()
            .map_err(|e| PatternError(first_line(&e.to_string())))?;
        Ok(Regex {
            re,
            source: pattern.to_owned(),
            boundaries,
            alphabet,
        })
    }

    /// The literals every match of the pattern (as [`Regex::with_alphabet`] compiles it,
    /// over lines mapped through `alphabet`) must begin with, each at most `max_len`
    /// bytes; None when there is no such small set (a match may begin with a class of
    /// many characters, or with nothing).  A line that begins with none of them cannot
    /// match, which lets a table skip most of its patterns on most lines.
    pub fn prefixes(
        pattern: &str,
        ignore_case: bool,
        alphabet: &Alphabet,
        max_len: usize,
    ) -> Option<Vec<Vec<u8>>> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let (translated, _) = translate(pattern, &alphabet.classes).ok()?;
        let full = if ignore_case {
            format!("(?i){translated}")
        } else {
            translated
        };
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&full)
            .ok()?;
        let mut extractor = Extractor::new();
        extractor
            .kind(ExtractKind::Prefix)
            .limit_literal_len(max_len)
            .limit_class(64)
            .limit_repeat(4)
            .limit_total(4096);
        let seq = extractor.extract(&hir);
        let literals = seq.literals()?;
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
            return None;
        }
        Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The Rust form of the pattern, as compiled.
    pub fn compiled(&self) -> &str {
        self.re.as_str()
    }

    /// Whether the pattern uses `\b` or `\B`.
    pub fn uses_boundaries(&self) -> bool {
        self.boundaries
    }

    fn haystack<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if let Some(a) = &self.alphabet {
            a.map(text)
        } else if self.boundaries {
            stand_ins(text)
        } else {
            Cow::Borrowed(text)
        }
    }

    /// `re.search(text) is not None` (or `re.match` for an anchored pattern).
    pub fn search(&self, text: &str) -> bool {
        self.re.is_match(&self.haystack(text))
    }

    /// [`Regex::search`] of a line already mapped through this pattern's alphabet
    /// ([`Alphabet::map`]): for many patterns of one table tried on the same line.
    pub fn search_mapped(&self, mapped: &str) -> bool {
        self.re.is_match(mapped)
    }

    /// Check that a pattern translates and parses, without building its automaton (the
    /// costly part of compiling): what [`Regex::with_alphabet`] would refuse for its syntax.
    pub fn check(pattern: &str, alphabet: &Alphabet) -> Result<(), PatternError> {
        let (translated, _) = translate(pattern, &alphabet.classes)?;
        ast::parse::ParserBuilder::new()
            .build()
            .parse(&translated)
            .map(|_| ())
            .map_err(|e| PatternError(first_line(&e.to_string())))
    }

    /// The byte span of the first match.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        let hay = self.haystack(text);
        self.re
            .find(&hay)
            .map(|m| (back(text, &hay, m.start()), back(text, &hay, m.end())))
    }

    /// The text of the first match (`m.group(0)`).
    pub fn find_str<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.find(text).and_then(|(a, b)| text.get(a..b))
    }

    /// The groups of the first match (spans are the same in the stand-in line, so the
    /// groups are read from the original).
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t, '_>> {
        let hay = self.haystack(text);
        let caps = self.re.captures(&hay)?;
        let spans = (0..caps.len())
            .map(|i| {
                caps.get(i)
                    .map(|m| back(text, &hay, m.start())..back(text, &hay, m.end()))
            })
            .collect();
        Some(Captures {
            text,
            spans,
            re: &self.re,
        })
    }

    /// `len(re.findall(text))`: the number of non-overlapping matches.
    pub fn count(&self, text: &str) -> usize {
        self.re.find_iter(&self.haystack(text)).count()
    }

    /// `re.sub(replacement, text)` with a literal replacement.
    pub fn replace_all(&self, text: &str, replacement: &str) -> String {
        let hay = self.haystack(text);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.re.find_iter(&hay) {
            out.push_str(text.get(last..back(text, &hay, m.start())).unwrap_or(""));
            out.push_str(replacement);
            last = back(text, &hay, m.end());
        }
        out.push_str(text.get(last..).unwrap_or(""));
        out
    }

    /// `re.split(text)` for a pattern without groups.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let hay = self.haystack(text);
        let mut out = Vec::new();
        let mut last = 0;
        for m in self.re.find_iter(&hay) {
            out.push(text.get(last..back(text, &hay, m.start())).unwrap_or(""));
            last = back(text, &hay, m.end());
        }
        out.push(text.get(last..).unwrap_or(""));
        out
    }
}

fn first_line(s: &str) -> String {
    // regex errors draw the pattern with a caret on several lines: keep the reason
    let lines: Vec<&str> = s.lines().collect();
    lines
        .iter()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim().trim_start_matches("error:").trim().to_owned())
        .unwrap_or_else(|| lines.first().copied().unwrap_or("").to_owned())
}

/// The stand-in for a character on which Python's and Rust's `\w` disagree: a character
/// of the same UTF-8 length that Rust reads as Python reads the original (a letter without
/// case for a word character, a symbol or private-use character otherwise).
fn stand_in(c: char, word: bool) -> char {
    match (c.len_utf8(), word) {
        (2, true) => '\u{01BB}',
        (2, false) => '\u{03F6}',
        (3, true) => '\u{A000}',
        (3, false) => '\u{E000}',
        (_, true) => '\u{10000}',
        (_, false) => '\u{F0000}',
    }
}

fn rust_word(c: char) -> bool {
    regex_syntax::try_is_word_character(c).unwrap_or(false)
}

/// The line with every character on which Python's and Rust's `\w` disagree replaced by
/// its stand-in (the line itself when there is none, as for any ASCII line).
pub fn stand_ins(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let differs = |c: char| !c.is_ascii() && unicode::is_word(c) != rust_word(c);
    if !text.chars().any(differs) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if differs(c) {
                    stand_in(c, unicode::is_word(c))
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn ranges_text(table: &[(u32, u32)], negate: bool) -> String {
    let mut spans: Vec<(u32, u32)> = Vec::new();
    if negate {
        let mut next = 0u32;
        for &(lo, hi) in table {
            if lo > next {
                spans.push((next, lo - 1));
            }
            next = hi + 1;
        }
        if next <= 0x10FFFF {
            spans.push((next, 0x10FFFF));
        }
    } else {
        spans.extend_from_slice(table);
    }
    let mut out = String::new();
    for (lo, hi) in spans {
        // surrogates are not characters: the `regex` crate refuses them in a class
        let (lo, hi) = clip_surrogates(lo, hi);
        for (a, b) in [lo, hi].into_iter().flatten() {
            if a == b {
                let _ = write!(out, "\\x{{{a:X}}}");
            } else {
                let _ = write!(out, "\\x{{{a:X}}}-\\x{{{b:X}}}");
            }
        }
    }
    out
}

type Span = Option<(u32, u32)>;

fn clip_surrogates(lo: u32, hi: u32) -> (Span, Span) {
    const S0: u32 = 0xD800;
    const S1: u32 = 0xDFFF;
    if hi < S0 || lo > S1 {
        return (Some((lo, hi)), None);
    }
    let below = (lo < S0).then_some((lo, S0 - 1));
    let above = (hi > S1).then_some((S1 + 1, hi));
    (below, above)
}

/// The class text (for inside brackets) that each Perl class stands for.
#[derive(Debug, Clone)]
struct PerlClasses {
    word: [String; 2],
    digit: [String; 2],
    space: [String; 2],
}

impl PerlClasses {
    /// Python's classes over all of Unicode.
    fn python() -> PerlClasses {
        let both = |t: &[(u32, u32)]| [ranges_text(t, false), ranges_text(t, true)];
        PerlClasses {
            word: both(tables::WORD),
            digit: both(tables::DECIMAL),
            space: both(tables::SPACE),
        }
    }

    fn get(&self, kind: &ClassPerlKind, negated: bool) -> &str {
        let pair = match kind {
            ClassPerlKind::Digit => &self.digit,
            ClassPerlKind::Space => &self.space,
            ClassPerlKind::Word => &self.word,
        };
        &pair[usize::from(negated)]
    }
}

/// Where a byte offset of the mapped line falls in the original line (the same character).
fn back(original: &str, mapped: &str, pos: usize) -> usize {
    if original.len() == mapped.len() {
        return pos;
    }
    let k = mapped.get(..pos).map_or(0, |p| p.chars().count());
    original
        .char_indices()
        .nth(k)
        .map_or(original.len(), |(i, _)| i)
}

/// The characters a table of patterns can tell apart, for small automata.
///
/// A pattern can only tell a character apart from the others by naming it (a literal or a
/// range, case-folded) or by its class: Python's word characters, digits and spaces.  So
/// every character a table does not name is replaced, before matching, by one stand-in
/// per class (a letter, a digit, a space or a symbol, read by Rust's `\b` as Python reads
/// the original), and `\w`, `\d`, `\s` become small classes of ASCII, the named
/// characters and the stand-ins instead of hundreds of Unicode ranges.  Matches are the
/// same (the tests check every character against every class of the tables).
#[derive(Debug, Clone)]
pub struct Alphabet {
    known: ClassUnicode,
    classes: PerlClasses,
}

const STAND_IN_WORD: char = '\u{A000}';
const STAND_IN_DIGIT: char = '\u{0660}';
const STAND_IN_SPACE: char = '\u{2003}';
const STAND_IN_OTHER: char = '\u{E000}';

impl Alphabet {
    /// The alphabet of a table of patterns.
    pub fn of<S: AsRef<str>>(patterns: &[S]) -> Result<Alphabet, PatternError> {
        let mut known = ClassUnicode::empty();
        for p in patterns {
            let ast = ast::parse::ParserBuilder::new()
                .build()
                .parse(&python_escapes(p.as_ref()))
                .map_err(|e| PatternError(first_line(&e.to_string())))?;
            named(&ast, &mut known);
        }
        known.case_fold_simple();
        let mut ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]);
        known.difference(&ascii);
        for c in [
            STAND_IN_WORD,
            STAND_IN_DIGIT,
            STAND_IN_SPACE,
            STAND_IN_OTHER,
        ] {
            known.difference(&ClassUnicode::new([ClassUnicodeRange::new(c, c)]));
        }
        ascii.union(&known);
        let class = |table: &[(u32, u32)], extra: &[char]| {
            let mut c = ClassUnicode::new(table.iter().filter_map(|&(a, b)| {
                Some(ClassUnicodeRange::new(
                    char::from_u32(a)?,
                    char::from_u32(b)?,
                ))
            }));
            c.intersect(&ascii);
            for &e in extra {
                c.push(ClassUnicodeRange::new(e, e));
            }
            let ranges: Vec<(u32, u32)> = c
                .ranges()
                .iter()
                .map(|r| (r.start() as u32, r.end() as u32))
                .collect();
            [ranges_text(&ranges, false), ranges_text(&ranges, true)]
        };
        Ok(Alphabet {
            classes: PerlClasses {
                word: class(tables::WORD, &[STAND_IN_WORD, STAND_IN_DIGIT]),
                digit: class(tables::DECIMAL, &[STAND_IN_DIGIT]),
                space: class(tables::SPACE, &[STAND_IN_SPACE]),
            },
            known,
        })
    }

    fn names(&self, c: char) -> bool {
        let ranges = self.known.ranges();
        ranges
            .binary_search_by(|r| {
                if r.end() < c {
                    std::cmp::Ordering::Less
                } else if r.start() > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    /// The stand-in of a character the table does not name.
    pub fn stand_in(c: char) -> char {
        if unicode::is_decimal(c) {
            STAND_IN_DIGIT
        } else if unicode::is_word(c) {
            STAND_IN_WORD
        } else if unicode::is_space(c) {
            STAND_IN_SPACE
        } else {
            STAND_IN_OTHER
        }
    }

    /// The line as the table's automata read it.
    pub fn map<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if text.is_ascii() || text.chars().all(|c| c.is_ascii() || self.names(c)) {
            return Cow::Borrowed(text);
        }
        Cow::Owned(
            text.chars()
                .map(|c| {
                    if c.is_ascii() || self.names(c) {
                        c
                    } else {
                        Alphabet::stand_in(c)
                    }
                })
                .collect(),
        )
    }

    /// Whether the table names `c` (it then stands for itself).
    pub fn is_named(&self, c: char) -> bool {
        c.is_ascii() || self.names(c)
    }
}

/// The characters a pattern names: literals and the members of explicit ranges.
fn named(ast: &Ast, out: &mut ClassUnicode) {
    let mut add = |a: char, b: char| out.push(ClassUnicodeRange::new(a, b));
    match ast {
        Ast::Literal(l) => add(l.c, l.c),
        Ast::ClassBracketed(b) => named_set(&b.kind, out),
        Ast::Repetition(r) => named(&r.ast, out),
        Ast::Group(g) => named(&g.ast, out),
        Ast::Alternation(a) => a.asts.iter().for_each(|x| named(x, out)),
        Ast::Concat(c) => c.asts.iter().for_each(|x| named(x, out)),
        _ => {}
    }
}

fn named_set(set: &ast::ClassSet, out: &mut ClassUnicode) {
    match set {
        ast::ClassSet::Item(item) => named_item(item, out),
        ast::ClassSet::BinaryOp(op) => {
            named_set(&op.lhs, out);
            named_set(&op.rhs, out);
        }
    }
}

fn named_item(item: &ClassSetItem, out: &mut ClassUnicode) {
    match item {
        ClassSetItem::Literal(l) => out.push(ClassUnicodeRange::new(l.c, l.c)),
        ClassSetItem::Range(r) => out.push(ClassUnicodeRange::new(r.start.c, r.end.c)),
        ClassSetItem::Bracketed(b) => named_set(&b.kind, out),
        ClassSetItem::Union(u) => u.items.iter().for_each(|i| named_item(i, out)),
        _ => {}
    }
}

/// An edit of the pattern text: replace the span with the text.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Python syntax to Rust syntax with Python's classes; also whether `\b`/`\B` occur.
fn translate(pattern: &str, classes: &PerlClasses) -> Result<(String, bool), PatternError> {
    let pattern = python_escapes(pattern);
    let ast = ast::parse::ParserBuilder::new()
        .build()
        .parse(&pattern)
        .map_err(|e| PatternError(first_line(&e.to_string())))?;
    let mut edits = Vec::new();
    let mut boundaries = false;
    collect(&ast, classes, &mut edits, &mut boundaries);
    edits.sort_by_key(|e| e.start);
    let mut out = String::with_capacity(pattern.len());
    let mut last = 0;
    for e in edits {
        out.push_str(pattern.get(last..e.start).unwrap_or(""));
        out.push_str(&e.text);
        last = e.end;
    }
    out.push_str(pattern.get(last..).unwrap_or(""));
    Ok((out, boundaries))
}

/// `\Z` (Python's end of string) is `\z` in Rust; everything else is left as written.
fn python_escapes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('Z') => out.push_str("\\z"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn collect(ast: &Ast, classes: &PerlClasses, edits: &mut Vec<Edit>, boundaries: &mut bool) {
    match ast {
        Ast::ClassPerl(p) => {
            let ranges = classes.get(&p.kind, false);
            let text = if p.negated {
                format!("(?-i:[^{ranges}])")
            } else {
                format!("(?-i:[{ranges}])")
            };
            edits.push(Edit {
                start: p.span.start.offset,
                end: p.span.end.offset,
                text,
            });
        }
        Ast::ClassBracketed(b) => collect_set(&b.kind, classes, edits),
        Ast::Assertion(a) => {
            if matches!(
                a.kind,
                ast::AssertionKind::WordBoundary | ast::AssertionKind::NotWordBoundary
            ) {
                *boundaries = true;
            }
        }
        Ast::Repetition(r) => collect(&r.ast, classes, edits, boundaries),
        Ast::Group(g) => collect(&g.ast, classes, edits, boundaries),
        Ast::Alternation(a) => {
            for x in &a.asts {
                collect(x, classes, edits, boundaries);
            }
        }
        Ast::Concat(c) => {
            for x in &c.asts {
                collect(x, classes, edits, boundaries);
            }
        }
        _ => {}
    }
}

fn collect_set(set: &ast::ClassSet, classes: &PerlClasses, edits: &mut Vec<Edit>) {
    match set {
        ast::ClassSet::Item(item) => collect_item(item, classes, edits),
        ast::ClassSet::BinaryOp(op) => {
            collect_set(&op.lhs, classes, edits);
            collect_set(&op.rhs, classes, edits);
        }
    }
}

fn collect_item(item: &ClassSetItem, classes: &PerlClasses, edits: &mut Vec<Edit>) {
    match item {
        ClassSetItem::Perl(p) => edits.push(Edit {
            start: p.span.start.offset,
            end: p.span.end.offset,
            text: classes.get(&p.kind, p.negated).to_owned(),
        }),
        ClassSetItem::Bracketed(b) => collect_set(&b.kind, classes, edits),
        ClassSetItem::Union(u) => {
            for i in &u.items {
                collect_item(i, classes, edits);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_class_is_pythons() {
        let w = Regex::new(r"^\w+$", false).unwrap();
        assert!(w.search("naïve_42"));
        assert!(!w.search("e\u{301}")); // a combining accent is not a word character
        assert!(w.search("x²")); // a superscript is
    }

    #[test]
    fn word_boundary_follows_python_next_to_marks() {
        // Python: 'o' then a combining accent is a boundary
        let re = Regex::new(r"to\b", false).unwrap();
        assert!(re.search("to\u{301}"));
        assert!(!re.search("tom"));
        let you = Regex::new(r"\byou\b", true).unwrap();
        assert_eq!(you.count("you, YOU and you²"), 2);
    }

    #[test]
    fn case_insensitive_classes_do_not_fold_categories() {
        let re = Regex::new(r"^[^\W\d_]+$", true).unwrap();
        assert!(re.search("Straße"));
        assert!(!re.search("a1"));
    }

    #[test]
    fn anchored_matches_only_at_the_start() {
        let re = Regex::anchored(r"share|like", true).unwrap();
        assert!(re.search("Share this"));
        assert!(!re.search("Please share"));
    }

    #[test]
    fn captures_split_and_replace_keep_the_original_text() {
        let re = Regex::new(r"(?P<w>\w+)\b", false).unwrap();
        let caps = re.captures("ab\u{301}c").unwrap();
        assert_eq!(caps.name("w"), Some("ab"));
        let sep = Regex::new(r"\s[|–—-]\s", false).unwrap();
        assert_eq!(sep.split("Head – Site | X"), ["Head", "Site", "X"]);
        let digits = Regex::new(r"\d+", false).unwrap();
        assert_eq!(digits.replace_all("a1b22c", "0"), "a0b0c");
    }

    #[test]
    fn python_end_of_string_escape() {
        assert!(Regex::new(r"end\Z", false).unwrap().search("the end"));
    }

    #[test]
    fn unsupported_syntax_is_an_error() {
        assert!(Regex::new(r"(?=x)", false).is_err());
        assert!(Regex::new(r"(a)\1", false).is_err());
    }

    #[test]
    fn stand_ins_keep_lengths() {
        let text = "कि ² Ⓐ ‿ x";
        let s = stand_ins(text);
        assert_eq!(s.len(), text.len());
        for (a, b) in text.chars().zip(s.chars()) {
            assert_eq!(unicode::is_word(a), rust_word(b), "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn stand_ins_agree_with_python_everywhere() {
        for (c, text) in crate::testing::chars_from(0x80) {
            let d = stand_ins(&text).chars().next().unwrap();
            assert_eq!(unicode::is_word(c), rust_word(d), "{c:?}");
        }
        for c in [
            '\u{01BB}',
            '\u{03F6}',
            '\u{A000}',
            '\u{E000}',
            '\u{10000}',
            '\u{F0000}',
        ] {
            assert_eq!(unicode::is_word(c), rust_word(c), "{c:?}");
            assert_eq!(unicode::lower(&c.to_string()), c.to_string());
        }
    }
}
