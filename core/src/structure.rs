//! From kept blocks to articles: boundaries, titles, deks, bylines, captions, headings,
//! datelines (once the Python `newsconv.structure`).
//!
//! The classifier says which blocks are article text; this stage says how they are
//! arranged.
//!
//! * **Articles.**  Runs of kept blocks separated by dropped ones are joined into one
//!   article unless the gap between them announces a new story: a headline followed,
//!   within a few lines, by a byline, a date, a caption, a dek or a dateline paragraph; or a
//!   long stretch of page chrome (another page glued on) unless the text below it goes on
//!   with the words of the text above (a product table or a code listing inside one
//!   article).  Within a run, a point where the vocabulary before and after shares
//!   (almost) nothing starts another story (a page reposted straight below an article);
//!   the pronouns of reader and writer ("you", "your", "our") do not count as vocabulary.
//!   A subheading alone never starts an article.  Runs too small to be an article by
//!   themselves (a lone teaser) are dropped.
//! * **Title.**  The headline is looked for above the body: the line most like the page
//!   title, else the last headline-shaped line before the body.  Its other copies are
//!   dropped.
//! * **Captions.**  A line that ends in a photo credit ("(AP Photo/...)"), or stands just
//!   before a credit line, or starts like one ("In this ... photo,"), is a caption; of an alt
//!   text and its caption only the fuller copy is kept.
//! * **Headings.**  A short kept line without sentence punctuation followed by a paragraph
//!   is a heading; decorations such as "– ... –" or "***" are stripped.
//! * **Dateline and agency** are read from the first paragraph: "DIBAGA CAMP, Iraq (AP) —".
//!
//! ```
//! use newsconv_core::structure::{strip_decoration, Shapes};
//! let shapes = Shapes::new().unwrap();
//! assert_eq!(shapes.dateline("DIBAGA CAMP, Iraq (AP) — As the Islamic State group loses ground"),
//!            (Some("DIBAGA CAMP, Iraq".into()), Some("AP".into())));
//! assert_eq!(shapes.dateline("MADRID — Rafael Nadal kept Spain's hopes alive"), (Some("MADRID".into()), None));
//! assert_eq!(shapes.dateline("The minister said on Tuesday that"), (None, None));
//! assert!(shapes.is_caption("Men wait outside the camp, in Hajj Ali, Iraq. (AP Photo/Alice Martins)", 12));
//! assert!(!shapes.is_caption("He said it would rain. (Reuters)", 6));
//! assert_eq!(strip_decoration("– ‘Insufficient camps’ –"), "‘Insufficient camps’");
//! ```

use std::collections::BTreeMap;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::dates;
use crate::dedup::truncated;
use crate::features::{is_hard, split_title, word_set, Local};
use crate::language::WordSet;
use crate::pyre::{PatternError, Regex};
use crate::records::{Article, Block, Part, Reason, Verdict};
use crate::tokens::Token;
use crate::unicode;

// --- shapes ------------------------------------------------------------------------------

/// A caption ends with its credit in brackets, or starts the way wire captions do.  After
/// the bracketed credit a gallery may have appended a credit line ("Photo: Name /
/// Copyright ...") or its expand/collapse toggle ("less", "... more").
const CREDIT_TAIL: &str = concat!(
    r"[(\[](?:(?:AP|AFP|EPA|Reuters|Getty|Xinhua|Bloomberg|NASA|PA|UPI|ANSA|DPA|Kyodo|Yonhap",
    r"|Photo|Photograph|Image|Picture|Foto|Credit|Courtesy|File)\b[^()\[\]]{0,80}",
    r"|[^()\[\]]{1,60}/[^()\[\]]{1,60}|[^()\[\]]{0,60}(?:Getty Images|Shutterstock|iStock",
    r"|Photo|Images))[)\]]",
    r"(?:\s(?:less|(?:\.\.\.|…)\s?more|(?:Photo|Image|Credit):\s[^()\[\]]{1,120}))?\s*$",
);
/// The most characters [`CREDIT_TAIL`] lets follow the closing bracket of the credit (a
/// space and a 127-character credit line).
const AFTER_BRACKET_CHARS: usize = 128;
/// The same for [`GLUED_CREDIT`] (its longest match: 73 characters).
const GLUED_CREDIT_CHARS: usize = 80;
/// A caption whose credit label the page glued to its last word: "...sought
/// treatmentCredit: EPA".
const GLUED_CREDIT: &str = r"[a-z.)’'](?:Credit|Photo|Picture|Image)s?:\s?[A-Z][^.!?]{0,60}$";
/// A caption whose credit stands at its end without brackets, after a space, a bar or
/// glued to the last word, in one of four shapes:
/// - a capitalised credit label and a name: "...in Essen | Bild: Anna Muster/rbb",
///   "...the harbour.Photo Credit: Jo Doe / Getty Images", "...2021Bild: Jo Doe/REUTERS";
/// - "Photo by" / "Picture by" and a name: "...the ferry. — Picture by Jo Doe";
/// - an agency and a photographer joined by a slash: "...on the pier AP Photo/Jo Doe",
///   "...burnt out.Jo Doe / Getty Images", "...EPA/STRINGER", "...via Getty Images";
/// - a wire agency glued to the sentence's full stop: "...that day.The Associated Press".
const PLAIN_CREDIT_TAIL: &str = concat!(
    r"(?:(?:Photo [Cc]redit|Credit|Photo|Photograph|Picture|Image|Bild|Foto|Crédit photo",
    r"|Crédit|Fotografía)s?\s?:\s?[A-ZÀ-Þ0-9©][^!?:]{1,80}",
    r"|(?:^|[\s—–|.])(?:Photo|Picture|Image)s?\s(?:by|courtesy of)\s[A-ZÀ-Þ][^!?:]{1,60}",
    r"|\b(?:AP Photo|REUTERS|EPA|EPA-EFE|AFP|Xinhua|TASS)/\s?[A-ZÀ-Þ][^!?:]{0,60}",
    r"|\s?/\s?(?:AFP|AP|dpa|DPA|Reuters|REUTERS|EPA|Getty Images|Shutterstock|iStock",
    r"|picture alliance|TASS|Archiv)",
    r"|\svia Getty Images",
    r#"|[.!?”"](?:The Associated Press|The Canadian Press|Reuters|AFP|Getty Images|Bloomberg))$"#,
);
/// A caption credited with a copyright sign and its owner after its last sentence, as
/// German and Belgian papers credit their photos: "...vor dem Rathaus. © dpa | Anna
/// Muster", "...in Luik. — © BELGA".  A footer's "© 2025 Verlag" starts with a digit, and
/// a site's "Copyright © Verlag" has no sentence before it.  Searched in the same end of
/// the line as [`PLAIN_CREDIT_TAIL`], and only when that end holds the sign.
const COPYRIGHT_CREDIT: &str = r#"[.!?)…"”»]\s?(?:[—–-]\s?)?©\s?[A-Za-zÀ-ÿ][^©.!?]{0,79}$"#;
/// Every match of [`PLAIN_CREDIT_TAIL`] holds one of these words, so a line whose end
/// holds none is not searched (most lines end in a sentence).
const PLAIN_CREDIT_WORDS: [&str; 13] = [
    "/",
    "Photo",
    "Picture",
    "Image",
    "Bild",
    "Foto",
    "Credit",
    "Crédit",
    "Press",
    "Reuters",
    "AFP",
    "Getty",
    "Bloomberg",
];
/// The characters at a line's end that [`PLAIN_CREDIT_TAIL`] is searched in: its longest
/// match is 97 characters ("Photo credits: " and 81 more), and the character before a
/// match that its `^`, `\b` or `[\s—–|.]` looks at stays inside, so searching the end gives
/// the answer searching the line gives, without scanning a long paragraph.
const CREDIT_TAIL_CHARS: usize = 110;

/// A Japanese photo caption: the picture's description, then a full-width equals sign and
/// its date, place or credit, with no sentence end ("…の国旗＝ＡＰ", "…記者会見する担当者
/// ＝13日、東京都内で", "…運ぶ人たち（AP＝共同）").  A headline or sentence holding "＝"
/// has quotes, an ellipsis or a full stop after it, and a dateline "【ソウル＝…】" its
/// closing bracket.
const JA_CREDIT_TAIL: &str = r"[^\s＝]＝[^\s＝「」『』【】…。！？][^＝「」『』【】…。！？]{0,59}$";
const CAPTION_HEAD: &str = concat!(
    r"(?:FILE(?:\sPHOTO)?\s?[-–—:]\s|",
    r"In this (?:\w+ )?(?:\w+ \d{1,2}, \d{4},? )?(?:file |undated |handout )?",
    r"(?:photo|image|picture|frame grab|photograph|video)|Above:|Pictured:|Pictured above|",
    r"Top:|Left:|Right:|Main image:|Photo:|Image:)",
);
/// Agency in brackets before a dash: "DIBAGA CAMP, Iraq (AP) —", "(Reuters) -".
const DATELINE_AGENCY: &str = concat!(
    r"^(?P<place>[^\s(][^—–]{0,80}?)?\s?\((?P<agency>[A-Z][A-Za-z.]{1,12}(?:/[A-Z][A-Za-z.]{1,12})?)\)",
    r"\s?[—–-]{1,2}\s",
);
/// Upper-case place before a dash or colon: "MADRID —", "NEW DELHI:", "WASHINGTON, D.C. -".
const DATELINE_CAPS: &str =
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,\s[A-Z][A-Za-z. ]{1,30})?)\s?(?:[—–]|-{1,2}|:)\s";
const URLISH: &str = r"https?://|www\.|\.(?:png|jpe?g|gif|webp|html?|php)\b";
/// A date, then "by" and a capitalised name, with nothing but a space between them or the
/// date of an update run into the first: a blog engine's post line that the byline table
/// (which wants a bar or comma before "by") does not know: "03/01/2017 by Sam Doe, Staff
/// Writer", "May 21, 2025April 24, 2025 by Sam Doe", "September 1st, 2023 By Sam Doe".
/// The month may be a word of any language (any characters but spaces, digits, dots and
/// commas: a small automaton, where a class of all letters made every search clear a large
/// visited set); the day and the year are digits.
const DATE_BY: &str = concat!(
    r"^(?:(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}",
    r"|[^\s\d.,]{3,10}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}",
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s[^\s\d.,]{3,10}\.?,?\s\d{4})\s?){1,2}",
    r"(?:[|•·,–—-]\s?)?[Bb][Yy]:?\s[A-ZÀ-Þ]",
);

/// The longest [`DATE_BY`] line, in words (the byline table's longest line).
pub const DATE_BY_WORDS: usize = 16;
/// The longest headline, in words.
pub const MAX_TITLE_WORDS: usize = 30;
/// Lines above a body searched for its headline and front matter.
pub const LOOKBACK: usize = 14;
/// Dropped lines between two runs that mean another page was glued on.
pub const NEW_ARTICLE_GAP: usize = 40;
/// A run smaller than this is not an article on its own...
pub const MIN_ARTICLE_WORDS: usize = 40;
/// ...unless it has this many prose paragraphs.
pub const MIN_ARTICLE_PARAGRAPHS: usize = 2;
/// A list item is at most this long.
pub const LIST_ITEM_WORDS: usize = 25;
/// Same-shape lines right below the body that make a list or table.
pub const MIN_LIST_ITEMS: usize = 3;
/// Words on each side of a gap compared for a change of topic.
pub const TOPIC_WORDS: usize = 150;
/// Cosine of content-word counts below which the topic changed.
pub const TOPIC_SHIFT: f64 = 0.05;
/// The change of topic is measured only when both sides have this many words.
pub const MIN_SIDE_WORDS: usize = 60;
/// Content words each side needs before a topic change splits a page.
pub const TOPIC_MIN_CONTENT: usize = 40;
/// Words of the story so far that the text below a possible boundary is compared with
/// (most of an article, not its last section: an article's sections share the words of
/// its whole, while a story reposted below it shares none).
pub const STORY_WORDS: usize = 1500;
/// Words below a possible boundary compared with it where no dropped line separates two
/// stories, or where a long stretch of dropped lines may lie inside one.
pub const SPLIT_WORDS: usize = 300;
/// Content words each side needs for those comparisons.
pub const SPLIT_MIN_CONTENT: usize = 60;
/// Cosine below which the story changed although no dropped line says so.
pub const SPLIT_SHIFT: f64 = 0.03;
/// Cosine from which the text after a long stretch of dropped lines goes on with the
/// story above it (a product table or a code listing inside the article).
pub const CONTINUE_SIMILARITY: f64 = 0.2;
/// An article beside the page's main one must be this long...
pub const SECONDARY_MIN_WORDS: usize = 100;
/// ...and have a headline, begin where the topic changes, or be this long: a glued page
/// whose headline was lost among its menus is still an article.
pub const UNTITLED_MIN_WORDS: usize = 150;
/// One shorter than this...
pub const SHORT_SECONDARY_WORDS: usize = 200;
/// ...must also read clearly as prose: the median model score of its lines at least this.
/// Sign-up offers, welcome boxes and author notes beside an article look like short stories
/// (a headline, two paragraphs), but the model is less sure of their lines.
pub const SHORT_SECONDARY_SCORE: f64 = 0.8;
/// A headline this like the page title marks the main article.
pub const MAIN_TITLE_SIMILARITY: f64 = 0.6;
/// A teaser is one or two lines of text...
pub const TEASER_LINES: usize = 2;
/// ...sharing (almost) no content word with the article.
pub const TEASER_SIMILARITY: f64 = 0.02;
/// Content words a teaser needs before its topic is compared.
pub const TEASER_MIN_WORDS: usize = 6;
/// A line this long that repeats the body's text is a copy of it.
pub const CONTAINER_WORDS: usize = 250;
/// The share of a container's trigrams found elsewhere.
pub const CONTAINER_SHARE: f64 = 0.6;
/// Prose below the body joins it unless the model is fairly sure it is chrome.
pub const TAIL_SCORE: f64 = -2.5;
/// Captions or chrome lines stepped over to reach the lede or the last paragraph.
pub const SKIP_LINES: usize = 2;
/// A paragraph this long between kept lines of an article...
pub const INSIDE_WORDS: usize = 15;
/// ...is kept unless the model rates it below this...
pub const INSIDE_SCORE: f64 = -3.0;
/// ...with kept lines at most this far on both sides.
pub const INSIDE_REACH: usize = 12;
/// A subheading is at most this long.
pub const HEADING_WORDS: usize = 15;
/// A standfirst is at most this long...
pub const DEK_WORDS: usize = 40;
/// ...and at least this long when nothing but its place marks it.
pub const DEK_MIN_WORDS: usize = 5;
/// Lines below the headline where its byline is looked for.
pub const BYLINE_REACH: usize = 3;
/// Share-table lines between two runs that end a story ([`Work::share_row_break`]).
pub const SHARE_ROW_LINES: usize = 3;
/// A run of dropped prose below a headline is kept ([`Work::rescue`]) from this many
/// paragraphs...
pub const RESCUE_LINES: usize = 5;
/// ...this many words...
pub const RESCUE_WORDS: usize = 300;
/// ...this many words a paragraph on average...
pub const RESCUE_AVG_WORDS: f64 = 30.0;
/// ...each rated above this by the model (a second story scores about -1.5 to 0 there;
/// one whose headline, byline and photo caption the model took for a teaser's, down to
/// about -2.2).
pub const RESCUE_SCORE: f64 = -2.5;
/// The fewest words said twice on one line for [`said_twice`] ("Get in touch Get in
/// touch").
pub const TWICE_MIN_WORDS: usize = 3;
/// Prose paragraphs a page needs when the model kept nothing...
pub const FALLBACK_PARAGRAPHS: usize = 2;
/// ...each rated above this.
pub const FALLBACK_SCORE: f64 = -6.0;
/// The table classes of the lines an article cleaned by newsconv still has above its body
/// ("By Ana Lind", "2024-03-04T09:59").
const FRONT_MATTER_CLASSES: &[&str] = &["byline", "timestamp"];
/// A subheading is kept between paragraphs unless the model rates it below this.
pub const HEADING_SCORE: f64 = -2.0;
/// The stretch within which comment-form lines make a thread.
pub const THREAD_WINDOW: usize = 40;
/// Verdicts decided outside the page's model (dump statistics, user rules) or by the page's
/// first line: never re-added.
pub const PINNED_OUT: &[&str] = &["dump-repeat", "user-drop", PAGE_TITLE];
/// The label of the dump's first line when it is the page's title ("Headline | Site").
pub const PAGE_TITLE: &str = "page-title";
/// A teaser's summary that ends in a link to the story is at most this long; a longer
/// text with a "Read more" is an excerpt a listing shows as its content.
pub const TEASER_LINK_WORDS: usize = 80;
/// A page's main text shorter than this may be a thread's first post or a listing's
/// introduction...
pub const SHORT_MAIN_WORDS: usize = 1000;
/// ...beside which runs of at least this many words...
pub const SIDE_TEXT_WORDS: usize = 15;
/// ...at least this many of them, are the thread's replies or the listing's entries.
pub const SIDE_TEXTS: usize = 3;
/// A text in Japanese or Chinese beside the main article of at least this many lines...
pub const HEADLINE_LIST_LINES: usize = 8;
/// ...fewer than this share of which hold a full stop ("。") is a list of headlines.
pub const HEADLINE_LIST_ENDS: f64 = 0.25;
/// A text beside the main article at least this share of whose lines the cookie or
/// privacy tables match is a consent or privacy notice (a banner's settings dialog).
pub const NOTICE_SHARE: f64 = 0.2;
/// The chrome classes of consent and privacy text.
const NOTICE_CLASSES: &[&str] = &["cookie", "privacy"];
/// Prose paragraphs (a dek) that may stand between a story's headline and its byline.
pub const STORY_DEK_LINES: usize = 1;
/// Lines after a headline searched for the byline, date or dateline of a story.
pub const STORY_REACH: usize = 6;
/// A line of at most this many words that a byline below repeats is the author's name.
pub const AUTHOR_NAME_WORDS: usize = 4;
/// Lines that sit below a headline.
const BYLINE_LIKE: &[&str] = &["byline", "timestamp", "credit"];

fn pinned_out(v: &Verdict) -> bool {
    PINNED_OUT.contains(&v.label.as_ref())
}

/// The regular expressions of the structure stage, compiled once.
#[derive(Debug, Clone)]
pub struct Shapes {
    credit_tail_at: Regex,
    glued_credit: Regex,
    plain_credit: Regex,
    plain_credit_words: AhoCorasick,
    copyright_credit: Regex,
    caption_head: Regex,
    ja_credit_tail: Regex,
    dateline_agency: Regex,
    dateline_caps: Regex,
    urlish: Regex,
    date_by: Regex,
}

/// Whether a line can end in a [`CREDIT_TAIL`] match: the credit's closing bracket is the
/// line's last one, and what follows it (nothing, or a space and a toggle or credit line)
/// holds no opening bracket and is at most [`AFTER_BRACKET_CHARS`] long.  Most lines with
/// brackets hold them inside a sentence, and the costly search is spared them.
fn may_end_in_bracket_credit(text: &str) -> bool {
    let Some(k) = text.rfind([')', ']']) else {
        return false;
    };
    let after = text.get(k + 1..).unwrap_or_default();
    (after.is_empty() || after.starts_with(unicode::is_space))
        && !after.contains(['(', '['])
        && unicode::char_len(after) <= AFTER_BRACKET_CHARS
}

impl Shapes {
    /// Compile the structure stage's patterns.
    pub fn new() -> Result<Shapes, PatternError> {
        Ok(Shapes {
            credit_tail_at: Regex::anchored(CREDIT_TAIL, false)?,
            glued_credit: Regex::new(GLUED_CREDIT, false)?,
            plain_credit: Regex::new(PLAIN_CREDIT_TAIL, false)?,
            plain_credit_words: AhoCorasick::new(PLAIN_CREDIT_WORDS)
                .map_err(|e| PatternError(e.to_string()))?,
            copyright_credit: Regex::new(COPYRIGHT_CREDIT, false)?,
            caption_head: Regex::anchored(CAPTION_HEAD, false)?,
            ja_credit_tail: Regex::new(JA_CREDIT_TAIL, false)?,
            dateline_agency: Regex::anchored(DATELINE_AGENCY, false)?,
            dateline_caps: Regex::anchored(DATELINE_CAPS, false)?,
            urlish: Regex::new(URLISH, false)?,
            date_by: Regex::anchored(DATE_BY, false)?,
        })
    }

    /// The [`CREDIT_TAIL`] match a line ends with (what a search of the whole line finds).
    /// Neither a credit nor what may follow it holds a bracket, so a match starts at the
    /// opening bracket of the line's last closing bracket: the pattern is tried there only,
    /// anchored (a search of a whole paragraph, whose `\b` sends the regex crate to its
    /// slower engines on non-ASCII text, cost 5 % of the core's time).
    fn bracket_credit<'t>(&self, text: &'t str) -> Option<&'t str> {
        if !may_end_in_bracket_credit(text) {
            return None;
        }
        let close = text.rfind([')', ']'])?;
        let open = text.get(..close)?.rfind(['(', '['])?;
        let tail = text.get(open..)?;
        self.credit_tail_at.search(tail).then_some(tail)
    }

    /// True for a photo caption: ends in a bracketed credit (or a Japanese "＝" credit), or
    /// starts like one.
    pub fn is_caption(&self, text: &str, words: usize) -> bool {
        if words < 4 {
            return false;
        }
        // each pattern is only tried on lines holding a character it cannot match without
        // (a closing bracket, a colon): most lines hold neither, and the search for the
        // credit's span is the costly kind
        if let Some(tail) = self.bracket_credit(text) {
            let credit = tail.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']' | ' '));
            if !matches!(credit, "Reuters" | "AP" | "AFP") {
                return true;
            }
        }
        if text.contains(':')
            && self
                .glued_credit
                .search(unicode::suffix(text, GLUED_CREDIT_CHARS))
        {
            return true;
        }
        if words >= 6 && self.ends_in_plain_credit(text) {
            return true;
        }
        if text.contains('＝') && self.ja_credit_tail.search(text) {
            return true;
        }
        words >= 6 && self.caption_head.search(text)
    }

    /// Whether the line ends in a credit without brackets ([`PLAIN_CREDIT_TAIL`]).
    fn ends_in_plain_credit(&self, text: &str) -> bool {
        let tail = unicode::suffix(text, CREDIT_TAIL_CHARS);
        (self.plain_credit_words.is_match(tail) && self.plain_credit.search(tail))
            || (tail.contains('©') && self.copyright_credit.search(tail))
    }

    /// (dateline, agency) from the start of a first paragraph.
    pub fn dateline(&self, text: &str) -> (Option<String>, Option<String>) {
        if let Some(m) = self.dateline_agency.captures(text) {
            let place = m.name("place").unwrap_or("").trim_matches([' ', ',']);
            let place = (!place.is_empty()).then(|| place.to_owned());
            return (place, m.name("agency").map(str::to_owned));
        }
        if let Some(m) = self.dateline_caps.captures(text) {
            let place = m.name("place").unwrap_or("");
            if unicode::char_len(place) >= 3 {
                return (Some(unicode::strip(place).to_owned()), None);
            }
        }
        (None, None)
    }

    fn has_agency(&self, text: &str) -> bool {
        self.dateline(text).1.is_some()
    }

    /// Whether a short line is a date followed by "by" and a name ([`DATE_BY`]).  The
    /// pattern is tried only on a line that starts with a letter or digit and holds "by "
    /// in some case (a byte scan: most lines near a headline do not).
    pub fn is_date_by(&self, text: &str, words: usize) -> bool {
        let bytes = text.as_bytes();
        words <= DATE_BY_WORDS
            && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.windows(3).any(|w| {
                w[0].eq_ignore_ascii_case(&b'b') && w[1].eq_ignore_ascii_case(&b'y') && w[2] == b' '
            })
            && self.date_by.search(text)
    }
}

fn decoration_start(c: char) -> bool {
    unicode::is_space(c) || "-–—*•·=_#~|+>".contains(c)
}

fn decoration_end(c: char) -> bool {
    unicode::is_space(c) || "-–—*•·=_#~|+<".contains(c)
}

/// Remove the dashes, stars and rules that decorate a subheading.
pub fn strip_decoration(text: &str) -> &str {
    // re.sub(r"^[...]+|[...]+$", "", text) or text
    let start = text
        .char_indices()
        .find(|&(_, c)| !decoration_start(c))
        .map_or(text.len(), |(i, _)| i);
    let rest = text.get(start..).unwrap_or("");
    let end = rest.trim_end_matches(decoration_end).len();
    match rest.get(..end) {
        Some(s) if !s.is_empty() => s,
        _ => text,
    }
}

/// Line ends that name a picture, not a story: the alt text of a user's picture ("Jo Doe's
/// avatar", "User avatar") heads a comment or an author box.
const PICTURE_ENDS: &[&str] = &["avatar"];

fn headline_bad_end(text: &str) -> bool {
    text.ends_with(['.', ',', ';'])
        || PICTURE_ENDS
            .iter()
            .any(|end| ends_with_folded(text, end).is_some())
}

/// Kana or a CJK ideograph: the scripts whose sentences end in "。" (Thai, also written
/// without spaces, has no full stop).
fn is_cjk(c: char) -> bool {
    crate::language::is_no_space_char(c) && !('\u{0e00}'..='\u{0e7f}').contains(&c)
}

/// `\b(?:you|your)\b`, case-insensitively: does the line address the reader?
fn second_person(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let word = |k: usize| chars.get(k).is_some_and(|&c| unicode::is_word(c));
    let at = |k: usize, e: char| chars.get(k).is_some_and(|&c| c.to_ascii_lowercase() == e);
    (0..chars.len()).any(|i| {
        (i == 0 || !word(i - 1))
            && at(i, 'y')
            && at(i + 1, 'o')
            && at(i + 2, 'u')
            && (!word(i + 3) || (at(i + 3, 'r') && !word(i + 4)))
    })
}

fn structured(shape: &str) -> bool {
    shape
        .chars()
        .any(|c| unicode::is_decimal(c) || "():@–|/$%#*•".contains(c))
}

fn list_shape(shape: &str) -> bool {
    shape
        .chars()
        .any(|c| unicode::is_decimal(c) || "():@–|/$%#*•,;".contains(c))
}

/// A run of consecutive kept blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: usize,
    end: usize, // inclusive
}

/// Maximal runs of consecutive kept blocks.
fn runs(keep: &[bool]) -> Vec<Run> {
    let mut out = Vec::new();
    let n = keep.len();
    let mut i = 0;
    while i < n {
        if keep[i] {
            let mut j = i;
            while j + 1 < n && keep[j + 1] {
                j += 1;
            }
            out.push(Run { start: i, end: j });
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Stretches of reader comments: from a comment-form line followed by more of them (a
/// thread header, "Reply" links, "X says:" headers) to the last comment-form line that has
/// another within THREAD_WINDOW lines.
pub fn thread_regions(local: &[Local]) -> Vec<(usize, usize)> {
    let hits: Vec<usize> = local
        .iter()
        .enumerate()
        .filter(|(_, m)| m.hit_is("comment-form"))
        .map(|(i, _)| i)
        .collect();
    let mut regions = Vec::new();
    let mut k = 0;
    while k < hits.len() {
        let mut j = k;
        while j + 1 < hits.len() && hits[j + 1] - hits[j] <= THREAD_WINDOW {
            j += 1;
        }
        if j - k + 1 >= 3 {
            regions.push((hits[k], hits[j]));
        }
        k = j + 1;
    }
    regions
}

/// Words that say nothing of a text's topic but that the stoplists (drawn from
/// encyclopedia text, which neither addresses the reader nor speaks as the writer) leave
/// out: the pronouns of the reader and the writer and the stems of negated auxiliaries
/// ("don't" is read as "don" and "t").  Without them two advice pages on unrelated
/// subjects ("your teeth", "your exam") look alike.
const TOPIC_STOP: &[&str] = &[
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves", // the reader
    "our",
    "ours",
    "ourselves",
    "mine",
    "myself", // the writer ("we", "me", "my": 2 letters)
    "don",
    "doesn",
    "didn",
    "isn",
    "aren",
    "wasn",
    "weren",
    "haven",
    "hasn",
    "couldn",
    "wouldn",
    "shouldn", // negated auxiliaries
];

/// A word that tells the topic: longer than two letters, not a stopword, not a number
/// (`strict`: nor one of [`TOPIC_STOP`]).
fn topic_word(w: &str, stop: &WordSet, strict: bool) -> bool {
    unicode::char_len(w) > 2
        && !stop.contains(w)
        && !unicode::all_digits(w)
        && (!strict || !TOPIC_STOP.contains(&w))
}

/// Lines as the topic comparison reads them: per line, its number of words and its topic
/// words ([`topic_word`]) as numbers, the same word the same number, so that each line's
/// words are looked at once however many comparisons read it.
struct TopicLines {
    words: Vec<usize>,
    ids: Vec<Vec<u32>>,
    /// How many different topic words there are (the numbers are below it).
    vocabulary: usize,
}

impl TopicLines {
    fn new(lines: &[&[Token]], stop: &WordSet, strict: bool) -> TopicLines {
        let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
        let ids = lines
            .iter()
            .map(|line| {
                let mut ids = Vec::with_capacity(line.len());
                ids.extend(
                    line.iter()
                        .filter(|w| topic_word(w, stop, strict))
                        .map(|w| {
                            let next = numbers.len() as u32;
                            *numbers.entry(w.as_str()).or_insert(next)
                        }),
                );
                ids
            })
            .collect();
        TopicLines {
            words: lines.iter().map(|l| l.len()).collect(),
            ids,
            vocabulary: numbers.len(),
        }
    }

    /// Topic-word counts of `lines` (indexes, read in the order given) up to the first
    /// line that brings their words to `window`.
    fn counts(&self, lines: impl Iterator<Item = usize>, window: usize) -> FxHashMap<u32, usize> {
        // sized for the window's words at once (growing re-hashes every key)
        let mut bag: FxHashMap<u32, usize> =
            FxHashMap::with_capacity_and_hasher(window.min(4096), Default::default());
        let mut total = 0;
        for k in lines {
            total += self.words[k];
            for &w in &self.ids[k] {
                *bag.entry(w).or_default() += 1;
            }
            if total >= window {
                break;
            }
        }
        bag
    }

    /// [`windowed_similarity`] of the lines `before` and `after` (indexes).
    fn similarity(
        &self,
        before: &[usize],
        after: &[usize],
        min_words: (usize, usize),
        window: (usize, usize),
    ) -> Option<f64> {
        let a = self.counts(before.iter().rev().copied(), window.0);
        let b = self.counts(after.iter().copied(), window.1);
        cosine(&a, &b, min_words)
    }
}

/// The cosine of two bags of words, None when either holds fewer words than `min_words`.
fn cosine<K: std::hash::Hash + Eq>(
    a: &FxHashMap<K, usize>,
    b: &FxHashMap<K, usize>,
    min_words: (usize, usize),
) -> Option<f64> {
    if a.values().sum::<usize>() < min_words.0 || b.values().sum::<usize>() < min_words.1 {
        return None;
    }
    let dot: usize = a.iter().filter_map(|(k, v)| b.get(k).map(|w| v * w)).sum();
    let sa: usize = a.values().map(|v| v * v).sum();
    let sb: usize = b.values().map(|v| v * v).sum();
    let norm = ((sa * sb) as f64).sqrt();
    Some(if norm != 0.0 { dot as f64 / norm } else { 0.0 })
}

/// The content-word counts on both sides of a point moving down a list of lines, kept up
/// to date line by line (with their dot product and squared norms), so that the cosine at
/// every point costs what reading each line twice costs: the same windows as
/// [`windowed_similarity`] (strict) with `(STORY_WORDS, SPLIT_WORDS)`.
struct SlidingTopic<'a> {
    topic: &'a TopicLines,
    /// The lines, as indexes into `topic`.
    lines: &'a [usize],
    before: Vec<usize>,
    after: Vec<usize>,
    /// Lines before..point and point..end are counted.
    start: usize,
    end: usize,
    before_words: usize,
    after_words: usize,
    before_content: usize,
    after_content: usize,
    dot: usize,
    norm_before: usize,
    norm_after: usize,
}

impl<'a> SlidingTopic<'a> {
    fn new(topic: &'a TopicLines, lines: &'a [usize]) -> SlidingTopic<'a> {
        let n = topic.vocabulary;
        SlidingTopic {
            topic,
            lines,
            before: vec![0; n],
            after: vec![0; n],
            start: 0,
            end: 0,
            before_words: 0,
            after_words: 0,
            before_content: 0,
            after_content: 0,
            dot: 0,
            norm_before: 0,
            norm_after: 0,
        }
    }

    /// Count (`add`) or uncount line `k` on the side before (`before`) or after the point.
    fn change(&mut self, k: usize, before: bool, add: bool) {
        let line = self.lines[k];
        let n = self.topic.words[line];
        if before {
            self.before_words = if add {
                self.before_words + n
            } else {
                self.before_words - n
            };
        } else {
            self.after_words = if add {
                self.after_words + n
            } else {
                self.after_words - n
            };
        }
        let (own, other, norm, content) = if before {
            (
                &mut self.before,
                &self.after,
                &mut self.norm_before,
                &mut self.before_content,
            )
        } else {
            (
                &mut self.after,
                &self.before,
                &mut self.norm_after,
                &mut self.after_content,
            )
        };
        for &w in &self.topic.ids[line] {
            let (c, o) = (&mut own[w as usize], other[w as usize]);
            // (c ± 1)² - c² and the dot product's change
            if add {
                *norm += 2 * *c + 1;
                *c += 1;
                *content += 1;
                self.dot += o;
            } else {
                *c -= 1;
                *norm -= 2 * *c + 1;
                *content -= 1;
                self.dot -= o;
            }
        }
    }

    /// The cosine between the STORY_WORDS words before line `p` and the SPLIT_WORDS words
    /// from it (None if either side has fewer than SPLIT_MIN_CONTENT content words); `p`
    /// must grow from 1 by one between calls.
    fn at(&mut self, p: usize) -> Option<f64> {
        // the side before: the shortest stretch ending at p with STORY_WORDS words
        self.change(p - 1, true, true);
        while self.start + 1 < p
            && self.before_words - self.topic.words[self.lines[self.start]] >= STORY_WORDS
        {
            self.change(self.start, true, false);
            self.start += 1;
        }
        // the side after: the shortest stretch from p with SPLIT_WORDS words
        if self.end > p - 1 {
            self.change(p - 1, false, false);
        } else {
            self.end = p;
        }
        while self.end < self.lines.len() && self.after_words < SPLIT_WORDS {
            self.change(self.end, false, true);
            self.end += 1;
        }
        if self.before_content < SPLIT_MIN_CONTENT || self.after_content < SPLIT_MIN_CONTENT {
            return None;
        }
        let norm = ((self.norm_before * self.norm_after) as f64).sqrt();
        Some(if norm != 0.0 {
            self.dot as f64 / norm
        } else {
            0.0
        })
    }
}

/// Cosine similarity of the content words at the end of `before` and the start of
/// `after` (None if either side is too short to tell); each item is a line's tokens.
pub fn topic_similarity(
    before: &[&[Token]],
    after: &[&[Token]],
    stop: &WordSet,
    min_words: usize,
) -> Option<f64> {
    windowed_similarity(
        before,
        after,
        stop,
        (min_words, min_words),
        (TOPIC_WORDS, TOPIC_WORDS),
        false,
    )
}

/// [`topic_similarity`] over up to `window` (before, after) words on each side, each side
/// needing `min_words` (before, after) content words; `strict`: without [`TOPIC_STOP`].
pub fn windowed_similarity(
    before: &[&[Token]],
    after: &[&[Token]],
    stop: &WordSet,
    min_words: (usize, usize),
    window: (usize, usize),
    strict: bool,
) -> Option<f64> {
    // only the lines the windows reach are numbered
    let reach = |lines: &mut dyn Iterator<Item = &&[Token]>, window: usize| {
        let mut total = 0;
        lines
            .take_while(|l| {
                let short = total < window;
                total += l.len();
                short
            })
            .count()
    };
    let back = reach(&mut before.iter().rev(), window.0);
    let ahead = reach(&mut after.iter(), window.1);
    let lines: Vec<&[Token]> = before[before.len() - back..]
        .iter()
        .chain(&after[..ahead])
        .copied()
        .collect();
    let topic = TopicLines::new(&lines, stop, strict);
    let all: Vec<usize> = (0..lines.len()).collect();
    let (b, a) = all.split_at(back);
    topic.similarity(b, a, min_words, window)
}

/// The working state of one layout pass.
struct Work<'a> {
    blocks: &'a [Block],
    local: &'a [Local],
    shapes: &'a Shapes,
    captions: Vec<bool>,
    body: Vec<bool>,
    out: Vec<Verdict>,
    dups: &'a BTreeMap<usize, usize>,
    /// First lines of the groups cut off by a change of topic alone.
    topic_cuts: FxHashSet<usize>,
    /// The reader-comment threads ([`thread_regions`]).
    threads: Vec<(usize, usize)>,
}

/// A group of runs that may be an article, with its extent and front matter.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    floor: usize,
    words: usize,
    prose: usize,
    title: Option<usize>,
    dek: Option<usize>,
    byline: Option<usize>,
    title_sim: f64,
    /// Cut from the story above by a change of topic (no headline may announce it).
    topic_cut: bool,
}

impl Work<'_> {
    fn n(&self) -> usize {
        self.blocks.len()
    }

    fn text(&self, i: usize) -> &str {
        &self.blocks[i].text
    }

    fn drop_line(&mut self, i: usize, label: &'static str, reason: impl Into<Reason>) {
        self.body[i] = false;
        self.captions[i] = false;
        let score = self.out[i].score;
        self.out[i] = Verdict::new(false, label, reason, score);
    }

    fn keep_line(&mut self, i: usize, label: &'static str, reason: &'static str) {
        if pinned_out(&self.out[i]) {
            return;
        }
        self.body[i] = true;
        let score = self.out[i].score;
        self.out[i] = Verdict::new(true, label, reason, score);
    }

    fn words(&self, lo: usize, hi: usize) -> usize {
        (lo..=hi)
            .filter(|&i| self.body.get(i) == Some(&true))
            .map(|i| self.local[i].words)
            .sum()
    }

    /// The median model score of a candidate's body lines (0 for none).
    fn median_score(&self, c: &Candidate) -> f64 {
        let mut scores: Vec<f64> = (c.start..=c.end)
            .filter(|&i| self.body[i])
            .map(|i| self.out[i].score)
            .collect();
        scores.sort_by(f64::total_cmp);
        scores.get(scores.len() / 2).copied().unwrap_or(0.0)
    }

    fn prose(&self, lo: usize, hi: usize) -> usize {
        (lo..=hi)
            .filter(|&i| {
                self.body.get(i) == Some(&true)
                    && self.local[i].words >= 12
                    && self.local[i].sentence_end
            })
            .count()
    }

    fn in_dups(&self, i: usize) -> bool {
        self.dups.contains_key(&i)
    }

    /// Could this line be a headline?  Short, not a sentence fragment, not known chrome.
    fn headline_shaped(&self, i: usize) -> bool {
        let m = &self.local[i];
        let text = self.text(i);
        (2..=MAX_TITLE_WORDS).contains(&m.words)
            && !headline_bad_end(text)
            && !self.shapes.urlish.search(text)
            && m.hit
                .as_ref()
                .is_none_or(|h| matches!(&*h.cls, "related" | "navigation"))
    }

    /// How much line `i` looks like the headline of a body starting at `start`.
    fn title_score(
        &self,
        i: usize,
        start: usize,
        title_words: &FxHashSet<String>,
        repeated: bool,
    ) -> f64 {
        let m = &self.local[i];
        let mut score = -0.15 * (start - i) as f64; // nearer the body is likelier
        if (4..=20).contains(&m.words) {
            score += 1.0;
        } else if m.words <= 2 {
            score -= 1.5;
        }
        if !title_words.is_empty() {
            let w = word_set(self.text(i));
            let common = w.iter().filter(|x| title_words.contains(*x)).count();
            if !w.is_empty() && common as f64 >= 0.6 * w.len().min(title_words.len()) as f64 {
                score += 2.5;
            }
        }
        if repeated {
            score += 1.5;
        }
        // a headline is usually followed by its byline, date, dek or picture
        for j in i + 1..start.min(i + 5) {
            if self.captions[j]
                || self.local[j].hit_in(&["byline", "timestamp", "credit", "share", "gallery"])
            {
                score += 1.0;
                break;
            }
        }
        if m.hit.is_some() {
            score -= 1.0;
        }
        let text = self.text(i);
        let digits = text.chars().filter(|&c| unicode::is_digit(c)).count();
        if digits as f64 > 0.15 * unicode::char_len(text) as f64 {
            score -= 2.0; // a table row or a date, not a headline
        }
        if i == 0 && (split_title(text).len() > 1 || repeated) {
            score -= 2.0; // the page title ("Headline | Site"): only when nothing better
        }
        score
    }

    /// When the body's first line is shaped like a headline (short, no sentence end, not
    /// chrome) and more body follows, the next body line.
    fn kept_headline(&self, start: usize, end: usize) -> Option<usize> {
        let m = &self.local[start];
        if !self.body[start] || m.sentence_end || m.hit.is_some() || !self.headline_shaped(start) {
            return None;
        }
        (start + 1..=end).find(|&i| self.body[i])
    }

    /// (title, dek, byline) line indexes above a body starting at `start`.
    fn front_matter(
        &self,
        start: usize,
        floor: usize,
        title_words: &FxHashSet<String>,
        own_headline: bool,
    ) -> (Option<usize>, Option<usize>, Option<usize>) {
        let lo = floor.max(start.saturating_sub(LOOKBACK));
        let mut key_counts: FxHashMap<&str, usize> = FxHashMap::default();
        for i in lo..start {
            *key_counts.entry(self.local[i].key.as_str()).or_default() += 1;
        }
        let mut best = f64::NEG_INFINITY;
        let mut title = None;
        for i in lo..start {
            let m = &self.local[i];
            if self.captions[i] || self.body[i] || !self.headline_shaped(i) {
                continue;
            }
            if let Some(&j) = self.dups.get(&i) {
                if self.captions[j] {
                    continue; // the alt text of a picture, not a headline
                }
            }
            let repeated = key_counts.get(m.key.as_str()).copied().unwrap_or(0) > 1;
            let score = self.title_score(i, start, title_words, repeated);
            if score > best {
                best = score;
                title = Some(i);
            }
        }
        let Some(mut title) = title else {
            return (None, None, None);
        };
        if best < 0.5 {
            return (None, None, None);
        }
        // on a page of several stories, a story's own headline, right above its picture,
        // byline, date or dateline paragraph, wins over the collection's title further up
        if own_headline {
            for i in (title + 1..start).rev() {
                let m = &self.local[i];
                if m.words >= 4
                    && m.hit.is_none()
                    && !self.captions[i]
                    && !self.body[i]
                    && self.headline_shaped(i)
                    && !self.in_dups(i)
                    && (i + 1..(start + 1).min(i + 3)).any(|j| {
                        self.captions[j]
                            || self.local[j].hit_in(BYLINE_LIKE)
                            || self.shapes.has_agency(self.text(j))
                    })
                {
                    title = i;
                    break;
                }
            }
        }
        let mut dek = None;
        let mut byline = None;
        for i in title + 1..start {
            let m = &self.local[i];
            if m.hit_is("byline") && byline.is_none() {
                byline = Some(i);
            } else if dek.is_none()
                && byline.is_none()
                && m.hit.is_none()
                && !self.captions[i]
                && !self.body[i]
                && self.local[i].key != self.local[title].key
                && !self.in_dups(i)
                && (m.words >= 8 || (i == title + 1 && m.words >= DEK_MIN_WORDS))
                && (i == title + 1
                    || (i + 1..start)
                        .any(|j| self.captions[j] || self.local[j].hit_in(BYLINE_LIKE)))
            {
                // a standfirst: right below the headline, or between it and the byline or
                // picture
                dek = Some(i);
            }
        }
        (Some(title), dek, byline)
    }

    fn lede_like(&self, i: usize) -> bool {
        let m = &self.local[i];
        if m.hit.is_some() || self.captions[i] || self.in_dups(i) || truncated(self.text(i)) {
            return false;
        }
        ((m.words >= 8 && m.sentence_end)
            || m.words >= 15
            || (m.words >= 6 && self.shapes.dateline(self.text(i)) != (None, None)))
            && !ends_in_more_link(self.text(i))
    }

    /// Prose lines next to a body edge, going up (`up`) or down, stepping over at most
    /// SKIP_LINES captions or hard chrome lines between them.  Below the body a line joins
    /// only if the model does not rate it clearly as chrome and it does not address the
    /// reader ("you", "your": newsletter and comment prompts).
    fn adjacent_prose(&self, edge: usize, up: bool, floor: usize, n: usize) -> Vec<usize> {
        let mut found = Vec::new();
        let mut pending = Vec::new(); // subheadings above the body, kept only under prose
        let mut skipped = 0;
        // lines whose copy the body already holds: the page says it once
        let repeated: FxHashSet<usize> = self
            .dups
            .iter()
            .filter(|(&k, _)| self.body[k] || self.captions[k])
            .map(|(_, &j)| j)
            .collect();
        let step = |i: usize| if up { i.checked_sub(1) } else { Some(i + 1) };
        let mut next = step(edge);
        while let Some(i) = next {
            if i < floor || i >= n {
                break;
            }
            let m = &self.local[i];
            if pinned_out(&self.out[i]) {
                break;
            }
            if self.lede_like(i)
                && !repeated.contains(&i)
                && (up || (self.out[i].score > TAIL_SCORE && !second_person(self.text(i))))
            {
                found.append(&mut pending);
                found.push(i);
                skipped = 0;
            } else if pending.len() < SKIP_LINES
                && m.hit.is_none()
                && !self.captions[i]
                && !self.in_dups(i)
                && self.headline_shaped(i)
                && m.words <= HEADING_WORDS
                && self.out[i].score > HEADING_SCORE
                && !ends_in_more_link(self.text(i))
                && (up || !self.introduces_story(i))
            {
                pending.push(i);
            } else if skipped < SKIP_LINES
                && (self.captions[i] || m.hit.as_ref().is_some_and(|h| is_hard(&h.cls)))
            {
                skipped += 1;
            } else {
                break;
            }
            next = step(i);
        }
        found
    }

    /// Keep the rest of a list or table whose other items are kept: lines of the same
    /// shape as a kept neighbour, short lines after a kept line that ends with a colon,
    /// and a run of at least MIN_LIST_ITEMS structured lines of one shape (dates, scores,
    /// prices) right below the body, with its header line.
    fn extend_lists(&mut self, pinned: &[bool]) -> Vec<usize> {
        let n = self.n();
        let local = self.local;
        let mut added = Vec::new();
        let free = |body: &[bool], captions: &[bool], j: usize| {
            let m = &local[j];
            !body[j]
                && !captions[j]
                && !pinned[j]
                && m.words <= LIST_ITEM_WORDS
                && m.hit.as_ref().is_none_or(|h| !is_hard(&h.cls))
                && m.words > 0
        };
        let shape = |j: usize| local[j].shape.as_str();
        let run_length = |body: &[bool], captions: &[bool], j: usize| {
            let mut k = j;
            while k < n && free(body, captions, k) && shape(k) == shape(j) {
                k += 1;
            }
            k - j
        };
        // downwards
        for i in 0..n {
            if !self.body[i] {
                continue;
            }
            let mut j = i + 1;
            let intro = self.text(i).ends_with(':');
            let mut current = shape(i);
            while j < n
                && free(&self.body, &self.captions, j)
                && ((shape(j) == current && list_shape(current))
                    || (intro && j + 1 < n && shape(j + 1) == shape(j)))
            {
                self.body[j] = true;
                added.push(j);
                current = shape(j);
                j += 1;
            }
            // a table or list right below the body, maybe under its own header line
            if j < n {
                let header = free(&self.body, &self.captions, j)
                    && local[j].hit.is_none()
                    && !local[j].sentence_end
                    && j + 1 < n
                    && shape(j + 1) != shape(j);
                let first = if header { j + 1 } else { j };
                if first < n
                    && structured(shape(first))
                    && run_length(&self.body, &self.captions, first) >= MIN_LIST_ITEMS
                {
                    let end = first + run_length(&self.body, &self.captions, first);
                    for k in j..end {
                        self.body[k] = true;
                        added.push(k);
                    }
                }
            }
        }
        // upwards
        for i in (0..n).rev() {
            if !self.body[i] {
                continue;
            }
            let mut current = shape(i);
            let mut j = i;
            while j > 0 {
                let k = j - 1;
                if !(free(&self.body, &self.captions, k)
                    && shape(k) == current
                    && list_shape(current))
                {
                    break;
                }
                self.body[k] = true;
                added.push(k);
                current = shape(k);
                j = k;
            }
        }
        added
    }

    /// Does the stretch lo..=hi (the gap before a run and the run's first line) announce a
    /// new story?  It does when a headline is followed by a byline or a date, or when the
    /// run opens with a dateline ("PARIS (AFP) —") below a headline.
    fn starts_article(&self, lo: usize, hi: usize) -> bool {
        (lo..=hi).any(|h| {
            let m = &self.local[h];
            self.headline_shaped(h)
                && !m.sentence_end
                && m.words >= 3
                && !self.introduces_below(h)
                && self.introduces_story(h)
        })
    }

    /// Is line `h` followed, within STORY_REACH lines, by a byline (or a date and "by" a
    /// name, [`DATE_BY`]), a date or a paragraph that opens with a dateline and an agency
    /// ("ASHFORD (RVN) —"), with at most
    /// [`STORY_DEK_LINES`] prose paragraphs before it (a subheading near an article's end
    /// is followed by paragraphs, then by that article's author line)?
    fn introduces_story(&self, h: usize) -> bool {
        let mut prose = 0;
        for j in h + 1..self.n().min(h + 1 + STORY_REACH) {
            let mj = &self.local[j];
            if mj.hit_is("byline") && self.names_author(h, j) {
                return false; // an author box: the name, then "By name" and a biography
            }
            if mj.hit_in(&["byline", "timestamp"])
                || self.shapes.is_date_by(self.text(j), mj.words)
                || (mj.words >= 8 && !self.captions[j] && self.shapes.has_agency(self.text(j)))
            {
                return true;
            }
            if mj.words >= 12 && mj.sentence_end && !self.captions[j] {
                prose += 1;
                if prose > STORY_DEK_LINES {
                    return false; // the byline below is the end of the article above
                }
            }
        }
        false
    }

    /// Is line `h` the name of the author that byline `j` names ("Sam Doe" above "By Sam
    /// Doe"): the heading of an author box, not a headline?
    fn names_author(&self, h: usize, j: usize) -> bool {
        let m = &self.local[h];
        m.words <= AUTHOR_NAME_WORDS && {
            let name = unicode::lower(unicode::strip(self.text(h)));
            unicode::lower(self.text(j)).contains(&name)
        }
    }

    /// The body lines of `runs`, in order.
    fn kept_in(&self, runs: &[Run]) -> Vec<usize> {
        runs.iter()
            .flat_map(|r| r.start..=r.end)
            .filter(|&i| self.body[i])
            .collect()
    }

    /// Kept headlines that introduce another story right after a finished paragraph: they
    /// leave the body, so that a new article starts there.
    fn split_at_headlines(&mut self) {
        let mut last_kept: Option<usize> = None;
        for i in 0..self.n() {
            if !self.body[i] {
                continue;
            }
            let m = &self.local[i];
            if let Some(last) = last_kept {
                if self.local[last].sentence_end
                    && i - last <= 2
                    && m.words >= 3
                    && !m.sentence_end
                    && m.hit.is_none()
                    && self.headline_shaped(i)
                    && !self.introduces_below(i)
                    && self.introduces_story(i)
                {
                    self.body[i] = false;
                }
            }
            last_kept = Some(i);
        }
    }

    /// A share row (at least [`SHARE_ROW_LINES`] lines of the share table: the end of a
    /// story) between two runs, then a dropped headline, then prose: the next story of a
    /// dump, even on the same subject (a site's two stories about one product), where
    /// [`Self::topic_changes`] sees no change of vocabulary.
    fn share_row_break(&self, lo: usize, hi: usize, rest: &[Run]) -> bool {
        let shares: Vec<usize> = (lo..hi)
            .filter(|&i| self.local[i].hit_in(&["share"]))
            .collect();
        let Some(&last) = shares.last() else {
            return false;
        };
        let headline = (last + 1..=hi).any(|i| {
            self.headline_shaped(i)
                && self.local[i].words >= 4
                && !self.local[i].sentence_end
                && !self.body[i]
        });
        let kept = rest
            .iter()
            .flat_map(|r| r.start..=r.end)
            .filter(|&i| self.body[i]);
        shares.len() >= SHARE_ROW_LINES && headline && self.opens_with_prose(kept)
    }

    /// A story starts with prose (a list or a table below a body does not): two sentences
    /// of 12+ words among the first 10 of these kept lines.
    fn opens_with_prose(&self, kept: impl Iterator<Item = usize>) -> bool {
        kept.take(10)
            .filter(|&i| self.local[i].sentence_end && self.local[i].words >= 12)
            .count()
            >= 2
    }

    /// A headline between two runs and a change of vocabulary across it: another story
    /// reposted on the page (a subheading keeps the vocabulary of its article).
    fn topic_changes(&self, topic: &TopicLines, group: &[Run], rest: &[Run]) -> bool {
        let (Some(prev), Some(run)) = (group.last(), rest.first()) else {
            return false;
        };
        if !(prev.end + 1..run.start + 1).any(|i| {
            self.headline_shaped(i)
                && self.local[i].words >= 4
                && !self.local[i].sentence_end
                && !self.body[i]
        }) {
            return false;
        }
        let before = self.kept_in(group);
        let after = self.kept_in(rest);
        if !self.opens_with_prose(after.iter().copied()) {
            return false;
        }
        topic
            .similarity(
                &before,
                &after,
                (TOPIC_MIN_CONTENT, TOPIC_MIN_CONTENT),
                (STORY_WORDS, TOPIC_WORDS),
            )
            .is_some_and(|s| s < TOPIC_SHIFT)
    }

    /// Kept lines of a group where another story begins although no dropped line
    /// announces it (a page reposted straight below an article): the point where the
    /// vocabulary of the TOPIC_WORDS words before and after shares (almost) nothing,
    /// searched again on both sides for a third story.  The story below must open with
    /// prose, as in [`Self::topic_changes`].
    fn topic_splits(&self, topic: &TopicLines, group: &[Run]) -> Vec<usize> {
        let kept = self.kept_in(group);
        let mut out = Vec::new();
        self.topic_split_in(topic, &kept, &mut out);
        out.sort_unstable();
        out
    }

    fn topic_split_in(&self, topic: &TopicLines, kept: &[usize], out: &mut Vec<usize>) {
        let mut best: Option<(f64, usize)> = None;
        let mut sliding = SlidingTopic::new(topic, kept);
        for p in 1..kept.len() {
            let sim = sliding.at(p);
            if !self.opens_with_prose(kept[p..].iter().copied()) {
                continue;
            }
            let Some(sim) = sim else {
                continue;
            };
            if sim < SPLIT_SHIFT && best.is_none_or(|(b, _)| sim < b) {
                best = Some((sim, p));
            }
        }
        if let Some((_, p)) = best {
            out.push(kept[p]);
            self.topic_split_in(topic, &kept[..p], out);
            self.topic_split_in(topic, &kept[p..], out);
        }
    }

    /// Does line `i` end in a colon, introducing the lines below it ("... including:",
    /// "Use cases of the service:")?  Such a line is not the headline of a new story, even
    /// when the list below it opens like a dateline ("Search Engine Optimization (SEO) —
    /// ..."); a story's first paragraph may end in one, its headline does not.
    fn introduces_below(&self, i: usize) -> bool {
        self.text(i).trim_end().ends_with([':', '：'])
    }

    /// Does the text after a long stretch of dropped lines go on with the vocabulary of
    /// the text above (a product table or a code listing inside an article, not another
    /// page glued on)?
    fn continues(&self, topic: &TopicLines, group: &[Run], rest: &[Run]) -> bool {
        topic
            .similarity(
                &self.kept_in(group),
                &self.kept_in(rest),
                (SPLIT_MIN_CONTENT, SPLIT_MIN_CONTENT),
                (STORY_WORDS, SPLIT_WORDS),
            )
            .is_some_and(|s| s >= CONTINUE_SIMILARITY)
    }

    /// Runs of a group that are story teasers, not article text: a short run (one or two
    /// lines) after the article's main run whose headline stands twice in the gap above it
    /// (picture alt text and link), or whose words have nothing in common with the article.
    fn teaser_runs(&self, group: &[Run], stop: &WordSet) -> Vec<Run> {
        let run_words = |r: &Run| self.words(r.start, r.end);
        let mut main = match group.first() {
            Some(r) => *r,
            None => return Vec::new(),
        };
        for r in group {
            if run_words(r) > run_words(&main) {
                main = *r;
            }
        }
        let main_text: Vec<&[Token]> = (main.start..=main.end)
            .filter(|&i| self.body[i])
            .map(|i| self.local[i].tokens.as_slice())
            .collect();
        let mut teasers = Vec::new();
        let mut prev_end = main.end;
        for r in group {
            if r.start <= main.end {
                continue;
            }
            let kept: Vec<usize> = (r.start..=r.end).filter(|&i| self.body[i]).collect();
            if kept.len() <= TEASER_LINES {
                let keys: Vec<&str> = (prev_end + 1..r.start)
                    .filter(|&i| self.local[i].words >= 3)
                    .map(|i| self.local[i].key.as_str())
                    .collect();
                let distinct: FxHashSet<&str> = keys.iter().copied().collect();
                let doubled = keys.len() != distinct.len();
                let kept_tokens: Vec<&[Token]> = kept
                    .iter()
                    .map(|&i| self.local[i].tokens.as_slice())
                    .collect();
                let sim = topic_similarity(&main_text, &kept_tokens, stop, TEASER_MIN_WORDS);
                if doubled || sim.is_some_and(|s| s < TEASER_SIMILARITY) {
                    teasers.push(*r);
                }
            }
            prev_end = r.end;
        }
        teasers
    }

    /// Is a candidate in Japanese or Chinese a list of headlines (related stories, "most
    /// read") rather than a story: at least [`HEADLINE_LIST_LINES`] lines, fewer than
    /// [`HEADLINE_LIST_ENDS`] of them holding a full stop ("。")?  Prose in these scripts
    /// is written in sentences that end in one, headlines never are; a "？" or "！" ends a
    /// headline as often as a sentence.
    fn headline_list(&self, c: &Candidate) -> bool {
        let lines: Vec<usize> = (c.start..=c.end).filter(|&i| self.body[i]).collect();
        // kana and the ideographs are encoded from lead byte 0xE3 on (curly quotes and
        // dashes from 0xE2): a byte test answers most lines without decoding them
        let cjk = |i: usize| {
            let t = self.text(i);
            t.bytes().any(|b| b >= 0xE3) && t.chars().any(is_cjk)
        };
        if lines.len() < HEADLINE_LIST_LINES
            || lines.iter().filter(|&&i| cjk(i)).count() * 2 < lines.len()
        {
            return false;
        }
        let stops = lines
            .iter()
            .filter(|&&i| self.text(i).contains('。'))
            .count();
        (stops as f64) < HEADLINE_LIST_ENDS * lines.len() as f64
    }

    /// Is a candidate a consent or privacy notice: at least [`NOTICE_SHARE`] of its lines
    /// matched by the cookie or privacy tables?  A consent dialog's purposes ("Measure
    /// content performance", "Always active") are short lines the tables do not know,
    /// between paragraphs they do.
    fn notice(&self, c: &Candidate) -> bool {
        let lines: Vec<usize> = (c.start..=c.end).filter(|&i| self.body[i]).collect();
        let hits = lines
            .iter()
            .filter(|&&i| self.local[i].hit_in(NOTICE_CLASSES))
            .count();
        hits >= 2 && hits as f64 >= NOTICE_SHARE * lines.len() as f64
    }

    /// Very long lines whose words mostly repeat the other kept lines (a page's whole
    /// article text repeated in one line of metadata).
    fn drop_containers(&mut self) -> Vec<usize> {
        let long_lines: Vec<usize> = (0..self.n())
            .filter(|&i| self.body[i] && self.local[i].words >= CONTAINER_WORDS)
            .collect();
        if long_lines.is_empty() {
            return Vec::new();
        }
        let local = self.local;
        let trigrams = |i: usize| -> FxHashMap<&[Token], i64> {
            let toks = &local[i].tokens;
            let mut c = FxHashMap::default();
            for k in 0..toks.len().saturating_sub(2) {
                *c.entry(&toks[k..k + 3]).or_default() += 1;
            }
            c
        };
        let mut total: FxHashMap<&[Token], i64> = FxHashMap::default();
        for j in 0..self.n() {
            if self.body[j] {
                for (t, c) in trigrams(j) {
                    *total.entry(t).or_default() += c;
                }
            }
        }
        let mut dropped = Vec::new();
        for i in long_lines {
            let own = trigrams(i);
            let covered: i64 = own
                .iter()
                .filter(|(t, c)| total.get(*t).copied().unwrap_or(0) > **c)
                .map(|(_, c)| c)
                .sum();
            let all: i64 = own.values().sum();
            if !own.is_empty() && covered as f64 >= CONTAINER_SHARE * all as f64 {
                self.body[i] = false;
                for (t, c) in &own {
                    *total.entry(t).or_default() -= c;
                }
                dropped.push(i);
            }
        }
        dropped
    }

    /// Before grouping: copies, comment threads, container lines, lists, story headlines.
    fn clean_body(&mut self) {
        // the dump's first line shaped "Headline | Site" is the page's title, never its text
        if self.n() > 1
            && split_title(self.text(0)).len() > 1
            && matches!(self.out[0].label.as_ref(), "boilerplate" | "paragraph")
        {
            self.drop_line(0, PAGE_TITLE, "the page title (\"Headline | Site\")");
        }
        // a date line on its own is the article's date (read into its metadata), not text
        for i in 0..self.n() {
            if let Some(h) = &self.local[i].hit {
                if (self.body[i] || self.captions[i]) && &*h.cls == "timestamp" {
                    let reason = format!("timestamp table: {}", h.rule);
                    self.drop_line(i, "timestamp", reason);
                }
            }
        }
        // a teaser's summary with its link to the story ("... zu sehen. mehr"): a few
        // sentences that do not address the reader (a notice's "... your interest. Read
        // more" is the page's own text)
        for i in 0..self.n() {
            if self.body[i]
                && self.local[i].words <= TEASER_LINK_WORDS
                && ends_in_more_link(self.text(i))
                && !second_person(self.text(i))
            {
                self.drop_line(i, "teaser", "a teaser: it ends in a link to the story");
            }
        }
        // an alt text above its caption, a teaser above its paragraph: keep the fuller copy
        let dups: Vec<(usize, usize)> = self.dups.iter().map(|(&i, &j)| (i, j)).collect();
        // nearness counts kept lines only: the chrome between two copies goes, and what is
        // near in the output must be near on the page
        let mut rank = Vec::with_capacity(self.n());
        let mut kept = 0usize;
        for k in 0..self.n() {
            rank.push(kept);
            kept += usize::from(self.body[k] || self.captions[k]);
        }
        for (i, mut j) in dups {
            // a copy of a copy the model dropped is a copy of the line that copy repeats,
            // so that cleaning the output again finds the same pairs
            for _ in 0..self.n() {
                match self.dups.get(&j) {
                    Some(&k) if !(self.body[j] || self.captions[j]) => j = k,
                    _ => break,
                }
            }
            let near = rank[i].abs_diff(rank[j]) <= 3;
            // while the other copy stays, this one goes (the page says it once); a caption
            // far from the copy the model dropped goes too
            if (self.body[i] || self.captions[i])
                && (self.body[j] || self.captions[j] || (!near && !self.body[i]))
            {
                let line = self.blocks[j].line;
                self.drop_line(i, "duplicate", format!("copy of line {line}"));
            }
        }
        // the same words twice on one line: an image's alt text glued to its title, a
        // logo's name twice ("Logo Daily Courier Logo Daily Courier"); a text says it once
        for i in 0..self.n() {
            if (self.body[i] || self.captions[i]) && said_twice(self.text(i)) {
                self.drop_line(i, "duplicate", "the same words twice on one line");
            }
        }
        for (lo, hi) in self.threads.clone() {
            let reason = format!(
                "reader comments (thread at lines {}-{})",
                self.blocks[lo].line, self.blocks[hi].line
            );
            for i in lo..=hi {
                if self.body[i] || self.captions[i] {
                    self.drop_line(i, "comments", reason.clone());
                }
            }
        }
        for i in self.drop_containers() {
            self.drop_line(i, "duplicate", "repeats the text of other kept lines");
        }
        let pinned: Vec<bool> = self.out.iter().map(pinned_out).collect();
        for i in self.extend_lists(&pinned) {
            self.keep_line(
                i,
                "paragraph",
                "list item next to kept items of the same shape",
            );
        }
        self.split_at_headlines();
    }

    /// Runs of kept lines joined into groups, one per story.
    fn group(&mut self, stop: &WordSet) -> Vec<Vec<Run>> {
        let all = runs(&self.body);
        // the topic comparisons below read body lines only (the body does not change
        // before the teasers go, at the end)
        let lines: Vec<&[Token]> = (0..self.n())
            .map(|i| match self.body[i] {
                true => self.local[i].tokens.as_slice(),
                false => &[],
            })
            .collect();
        let topic = TopicLines::new(&lines, stop, true);
        let mut groups: Vec<Vec<Run>> = Vec::new();
        for (k, run) in all.iter().enumerate() {
            let Some(last) = groups.last() else {
                groups.push(vec![*run]);
                continue;
            };
            let prev = last.last().copied().unwrap_or(*run);
            let gap = run.start - prev.end > NEW_ARTICLE_GAP;
            if (gap && !self.continues(&topic, last, &all[k..]))
                || self.starts_article(prev.end + 1, run.start)
            {
                groups.push(vec![*run]);
                continue;
            }
            if self.share_row_break(prev.end + 1, run.start, &all[k..]) {
                self.topic_cuts.insert(run.start);
                groups.push(vec![*run]);
                continue;
            }
            if self.topic_changes(&topic, last, &all[k..]) {
                self.topic_cuts.insert(run.start);
                groups.push(vec![*run]);
                continue;
            }
            if let Some(g) = groups.last_mut() {
                g.push(*run);
            }
        }
        // a story reposted straight below another: no dropped line between them
        let mut split = Vec::with_capacity(groups.len());
        for g in groups {
            let cuts = self.topic_splits(&topic, &g);
            self.topic_cuts.extend(cuts.iter().copied());
            split.extend(split_group(g, &cuts));
        }
        groups = split;
        for g in &groups {
            for r in self.teaser_runs(g, stop) {
                for i in r.start..=r.end {
                    if self.body[i] {
                        self.drop_line(i, "teaser", "story teaser after the article");
                    }
                }
            }
        }
        groups
            .into_iter()
            .filter(|g| match (g.first(), g.last()) {
                (Some(a), Some(b)) => self.words(a.start, b.end) > 0,
                _ => false,
            })
            .collect()
    }

    /// Grow a group's extent by its lede, its last paragraph, subheadings and prose
    /// paragraphs between its kept lines, within floor..=ceiling (the lines between the
    /// neighbouring groups); return the new (start, end).
    fn extend(
        &mut self,
        mut start: usize,
        mut end: usize,
        floor: usize,
        ceiling: usize,
    ) -> (usize, usize) {
        let n = ceiling + 1;
        // the lede and the last paragraph: prose right above the first kept line and right
        // below the last one belong to the body (past a picture or a share bar)
        for i in self.adjacent_prose(start, true, floor, n) {
            self.keep_line(i, "paragraph", "lede: prose right above the body");
            start = start.min(i);
        }
        for i in self.adjacent_prose(end, false, floor, n) {
            self.keep_line(i, "paragraph", "prose right below the body");
            end = end.max(i);
        }
        // a text that ends without any page chrome below its body (no footer, no share
        // bar: an article already cleaned) has no chrome there at all; but a tail two of
        // whose lines copy other lines of the page (`dups`: a teaser or tag list shown
        // twice, a teaser of a fuller paragraph) is the page's chrome in a language the
        // tables do not know
        if n == self.n()
            && end + 1 < n
            && (end + 1..n).filter(|&i| self.in_dups(i)).count() < 2
            && (end + 1..n).all(|i| {
                self.local[i].hit.is_none()
                    && !self.captions[i]
                    && matches!(self.out[i].label.as_ref(), "boilerplate" | "paragraph")
            })
        {
            for i in end + 1..n {
                if !self.in_dups(i) {
                    self.keep_line(i, "paragraph", "end of a text without page chrome");
                }
            }
            end = n - 1;
        }
        // a subheading between kept lines of the article stays in it
        for i in start + 1..end {
            let m = &self.local[i];
            if !self.body[i]
                && m.hit.is_none()
                && !self.captions[i]
                && !self.in_dups(i)
                && self.body[i + 1]
                && self.body[start.max(i.saturating_sub(2))..i]
                    .iter()
                    .any(|&b| b)
                && self.headline_shaped(i)
                && m.words <= HEADING_WORDS
                && self.out[i].score > HEADING_SCORE
                && !ends_in_more_link(self.text(i))
            {
                self.keep_line(i, "heading", "subheading between kept paragraphs");
            }
        }
        // a prose paragraph between kept lines is article text unless the model is sure not
        let total = self.n();
        for i in start..=end {
            if !self.body[i]
                && self.body[start.max(i.saturating_sub(INSIDE_REACH))..i]
                    .iter()
                    .any(|&b| b)
                && self.body[(i + 1).min(total)..(i + 1 + INSIDE_REACH).min(total)]
                    .iter()
                    .any(|&b| b)
                && self.lede_like(i)
                && self.local[i].words >= INSIDE_WORDS
                && self.out[i].score > INSIDE_SCORE
                && matches!(self.out[i].label.as_ref(), "boilerplate" | "paragraph")
            {
                self.keep_line(i, "paragraph", "prose inside the article");
            }
        }
        (start, end)
    }

    fn candidates(
        &mut self,
        groups: &[Vec<Run>],
        title_words: &FxHashSet<String>,
    ) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        let mut floor = 0;
        let none = FxHashSet::default();
        for (k, group) in groups.iter().enumerate() {
            let (Some(first), Some(last)) = (group.first(), group.last()) else {
                continue;
            };
            let topic_cut = self.topic_cuts.contains(&first.start);
            let (mut start, mut end) = (first.start, last.end);
            while end > start && !self.body[end] {
                end -= 1;
            }
            while start < end && !self.body[start] {
                start += 1;
            }
            let ceiling = match groups.get(k + 1).and_then(|g| g.first()) {
                Some(r) => r.start - 1,
                None => self.n() - 1,
            };
            (start, end) = self.extend(start, end, floor, ceiling);
            let words = if out.is_empty() { title_words } else { &none };
            let multi = groups.len() > 1;
            let (t, mut d, mut by) = match self.kept_headline(start, end) {
                Some(next) => {
                    // the model kept the headline with the body (sources that mark the
                    // headline as content teach it to): it is the title when nothing
                    // above makes a better one
                    self.body[start] = false;
                    let found = self.front_matter(next, floor, words, multi);
                    if found.0 == Some(start) {
                        start = next;
                        found
                    } else {
                        self.body[start] = true;
                        self.front_matter(start, floor, words, multi)
                    }
                }
                None => self.front_matter(start, floor, words, multi),
            };
            if let (Some(t), None) = (t, by) {
                (d, by, start) = self.byline_below(t, d, start, end);
            }
            let mut sim = 0.0;
            if let (Some(t), false) = (t, title_words.is_empty()) {
                let tw = word_set(self.text(t));
                let common = tw.iter().filter(|w| title_words.contains(*w)).count();
                sim = common as f64 / 1.max(tw.len().min(title_words.len())) as f64;
            }
            out.push(Candidate {
                start,
                end,
                floor,
                words: self.words(start, end),
                prose: self.prose(start, end),
                title: t,
                dek: d,
                byline: by,
                title_sim: sim,
                topic_cut,
            });
            floor = end + 1;
        }
        out
    }

    /// A byline a line or two below the headline, which the body already reached: the kept
    /// line between them is the standfirst, and the body starts below the byline.  Returns
    /// the (dek, byline, body start).
    fn byline_below(
        &mut self,
        t: usize,
        mut d: Option<usize>,
        start: usize,
        end: usize,
    ) -> (Option<usize>, Option<usize>, usize) {
        for b in t + 1..end.min(t + 1 + BYLINE_REACH) {
            if !self.local[b].hit_is("byline") || self.body[b] {
                continue;
            }
            let above: Vec<usize> = (t + 1..b).filter(|&i| self.body[i]).collect();
            if above.len() > 1 || above.iter().any(|&i| self.local[i].words > DEK_WORDS) {
                break;
            }
            if let Some(&a) = above.first() {
                if d.is_some() {
                    break;
                }
                d = Some(a);
                self.body[a] = false;
            }
            let start = (b + 1..=end).find(|&i| self.body[i]).unwrap_or(start);
            return (d, Some(b), start);
        }
        (d, None, start)
    }

    /// Roles and parts of one article; updates the verdicts of its lines.
    fn article(&mut self, c: &Candidate, number: usize, language: Option<&str>) -> Article {
        let num = number as i64;
        let (t, mut d, by) = (c.title, c.dek, c.byline);
        if let Some(t) = t {
            for i in c.floor..=c.end {
                if i != t
                    && self.local[i].key == self.local[t].key
                    && (self.body[i] || self.captions[i])
                {
                    self.drop_line(i, "duplicate", "copy of the headline");
                }
            }
            let s = self.out[t].score;
            self.out[t] = Verdict::in_article("title", "headline above the body", s, num);
        }
        if let Some(d) = d {
            let s = self.out[d].score;
            self.out[d] = Verdict::in_article("dek", "standfirst below the headline", s, num);
        }
        if let Some(by) = by {
            let s = self.out[by].score;
            self.out[by] = Verdict::in_article("byline", "author line above the body", s, num);
        }
        let first = t.map_or(c.start, |t| t + 1);
        let mut members: Vec<usize> = (first..=c.end)
            .filter(|&i| self.body[i] || self.captions[i])
            .collect();
        let lead: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| self.body[i])
            .take(2)
            .collect();
        if let (None, Some(_), [l0, l1]) = (d, t, lead.as_slice()) {
            if self.local[*l0].words <= DEK_WORDS
                && !self.shapes.has_agency(self.text(*l0))
                && self.shapes.has_agency(self.text(*l1))
            {
                // a line between the headline and the dateline paragraph ("ASHFORD (AP) —")
                // is the standfirst or an uncredited caption, not the first paragraph
                let l0 = *l0;
                d = Some(l0);
                if let Some(pos) = members.iter().position(|&x| x == l0) {
                    members.remove(pos);
                }
                let s = self.out[l0].score;
                self.out[l0] =
                    Verdict::in_article("dek", "standfirst above the dateline paragraph", s, num);
            }
        }
        let mut parts = Vec::with_capacity(members.len());
        for (k, &i) in members.iter().enumerate() {
            let text = self.text(i).to_owned();
            let s = self.out[i].score;
            if self.captions[i] {
                parts.push(Part {
                    kind: "caption",
                    text,
                });
                self.out[i] = Verdict::in_article("caption", "photo caption", s, num);
                continue;
            }
            if self.is_heading(k, &members) {
                parts.push(Part {
                    kind: "heading",
                    text: strip_decoration(&text).to_owned(),
                });
                self.out[i] =
                    Verdict::in_article("heading", "short line introducing a paragraph", s, num);
            } else {
                let reason = std::mem::replace(&mut self.out[i].reason, Reason::from(""));
                parts.push(Part {
                    kind: "paragraph",
                    text,
                });
                self.out[i] = Verdict::in_article("paragraph", reason, s, num);
            }
        }
        let (place, agency) = parts
            .iter()
            .find(|p| p.kind == "paragraph")
            .map_or((None, None), |p| self.shapes.dateline(&p.text));
        let texts: Vec<&str> = self.blocks.iter().map(|b| b.text.as_str()).collect();
        let classes: Vec<Option<&str>> = self
            .local
            .iter()
            .map(|m| m.hit.as_ref().map(|h| &*h.cls))
            .collect();
        let date_lines = dates::window(
            &texts,
            &classes,
            &self.body,
            c.floor,
            t.unwrap_or(c.start),
            c.end,
        );
        Article {
            index: number,
            title: t.map(|t| self.text(t).to_owned()),
            dek: d.map(|d| self.text(d).to_owned()),
            dateline: place,
            agency,
            byline: by.map(|b| self.text(b).to_owned()),
            parts,
            language: language.map(str::to_owned),
            date_lines,
        }
    }

    /// A short line without sentence punctuation that introduces a longer paragraph (and
    /// is not one item of a list of lines of its shape).
    fn is_heading(&self, k: usize, members: &[usize]) -> bool {
        let i = members[k];
        let m = &self.local[i];
        let nxt = members.iter().skip(k + 1).copied().find(|&j| self.body[j]);
        let prv = k.checked_sub(1).and_then(|p| members.get(p)).copied();
        let Some(nxt) = nxt else { return false };
        m.words <= 12
            && !m.sentence_end
            && !m.key.ends_with([',', ';'])
            && (self.local[nxt].words >= 2 * m.words + 4 || self.local[nxt].sentence_end)
            && self.local[nxt].shape != m.shape
            && prv.is_none_or(|p| m.shape.is_empty() || self.local[p].shape != m.shape)
    }

    /// When the model keeps (almost) no prose, keep the page's best run of prose
    /// paragraphs — at least FALLBACK_PARAGRAPHS of them, no further apart than two lines
    /// — if there is one.
    /// Long runs of prose the model dropped whole, just below a headline-shaped line (no
    /// chrome table's line: "Terms of use" is no headline here): a
    /// second story of a dump, which the model (trained on pages, where text after the
    /// first story's end is chrome) rates low because of where it stands.  A run is made of
    /// paragraphs the model rated above [`RESCUE_SCORE`] (lede-like sentences, no chrome
    /// table hit, outside reader-comment threads; at most 3 lines between two), at least
    /// [`RESCUE_LINES`] of them, [`RESCUE_WORDS`] words and [`RESCUE_AVG_WORDS`] words a
    /// line (promotion blurbs and consent purposes are shorter).  Its lines are kept as
    /// paragraphs; whether they make an article is decided as for any other group.
    fn rescue(&mut self) {
        let threads = &self.threads;
        let in_thread = |i: usize| threads.iter().any(|&(lo, hi)| lo <= i && i <= hi);
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        for i in 0..self.n() {
            if self.body[i] {
                runs.push(std::mem::take(&mut run));
                continue;
            }
            let dropped_prose = self.lede_like(i)
                && self.local[i].sentence_end
                && self.out[i].label.as_ref() == "boilerplate"
                && self.out[i].score > RESCUE_SCORE
                && !in_thread(i);
            if dropped_prose {
                if run.last().is_some_and(|&l| i - l > 3) {
                    runs.push(std::mem::take(&mut run));
                }
                run.push(i);
            }
        }
        runs.push(run);
        for run in runs {
            let words: usize = run.iter().map(|&j| self.local[j].words).sum();
            let Some(&first) = run.first() else {
                continue;
            };
            let long = run.len() >= RESCUE_LINES
                && words >= RESCUE_WORDS
                && words as f64 >= RESCUE_AVG_WORDS * run.len() as f64;
            let headed = (first.saturating_sub(4)..first)
                .any(|h| self.headline_shaped(h) && self.local[h].hit.is_none());
            if long && headed {
                for i in run {
                    self.keep_line(i, "paragraph", "a long run of prose below a headline");
                }
            }
        }
    }

    fn fallback(&mut self) {
        // a text without a single line of page chrome (its byline and date lines aside) is
        // an article already cleaned: one paragraph is enough there, and a paragraph cut
        // short ("…") still counts
        let cleaned = self.local.iter().all(|m| {
            m.hit
                .as_ref()
                .is_none_or(|h| FRONT_MATTER_CLASSES.contains(&&*h.cls))
        });
        let needed = if cleaned { 1 } else { FALLBACK_PARAGRAPHS };
        let mut best: Vec<usize> = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        let words = |v: &[usize]| v.iter().map(|&j| self.local[j].words).sum::<usize>();
        for i in 0..self.n() {
            let m = &self.local[i];
            let prose = (self.lede_like(i) && m.sentence_end)
                || (cleaned && m.words >= 8 && m.hit.is_none() && !self.captions[i]);
            if prose
                && matches!(self.out[i].label.as_ref(), "boilerplate" | "paragraph")
                && self.out[i].score > FALLBACK_SCORE
            {
                if run.last().is_some_and(|&l| i - l > 3) {
                    run.clear();
                }
                run.push(i);
                if words(&run) > words(&best) {
                    best = run.clone();
                }
            }
        }
        if best.len() >= needed {
            for i in best {
                self.keep_line(
                    i,
                    "paragraph",
                    "best run of prose on a page where the model kept none",
                );
            }
        }
    }
}

/// Whether normalised `text` (one space between words) is the same words twice, at least
/// [`TWICE_MIN_WORDS`] each time ("Logo Daily Courier Logo Daily Courier"): an image's alt
/// text glued to its title.  Only a line of odd length with a space in its very middle
/// can be one, so most lines are answered without reading them.
///
/// ```
/// use newsconv_core::structure::said_twice;
/// assert!(said_twice("Ferry returns to the pier Ferry returns to the pier"));
/// assert!(!said_twice("Ferry returns Ferry returns")); // too short to be no accident
/// assert!(!said_twice("Ferry returns to the pier after the storm"));
/// assert!(!said_twice("Ferry returns to the pier Ferry returns to the bay"));
/// ```
pub fn said_twice(text: &str) -> bool {
    let t = text.trim().as_bytes();
    let mid = t.len() / 2;
    t.len() % 2 == 1
        && t[mid] == b' '
        && t[..mid] == t[mid + 1..]
        && t[..mid].iter().filter(|&&b| b == b' ').count() + 1 >= TWICE_MIN_WORDS
}

/// The link to the full story that a teaser's summary ends in, in the languages of the
/// corpora: "...verpasst. mehr", "...in Münster | mehr", "...is perfectly... read more".
const MORE_LINKS: &[&str] = &[
    "more",
    "read more",
    "continue reading",
    "mehr",
    "weiterlesen",
    "lire la suite",
    "leer más",
    "leggi tutto",
    "ler mais",
    "lees meer",
    "les mer",
    "läs mer",
    "czytaj więcej",
];

/// Whether a line is a teaser's summary: it ends in one of [`MORE_LINKS`] right after the
/// end of a sentence, an ellipsis or a bar, so that a sentence that merely ends in the
/// word ("We wanted more") or a button alone ("Read more") is not one.
///
/// ```
/// use newsconv_core::structure::ends_in_more_link;
/// assert!(ends_in_more_link("The ferry returns to the pier on Monday. mehr"));
/// assert!(ends_in_more_link("Ferry returns to the pier | mehr"));
/// assert!(ends_in_more_link("The ferry returns to the pier after a... Read more"));
/// assert!(!ends_in_more_link("The crews said they wanted more"));
/// assert!(!ends_in_more_link("Read more"));
/// ```
pub fn ends_in_more_link(text: &str) -> bool {
    let t = text.trim_end();
    // most lines end in a full stop, or in a word that ends no link: the last character
    // or the last word answers
    if !t.chars().next_back().is_some_and(char::is_alphabetic) {
        return false;
    }
    let last = t.rsplit(' ').next().unwrap_or(t);
    if !MORE_LINKS
        .iter()
        .any(|link| ends_with_folded(last, link.rsplit(' ').next().unwrap_or(link)) == Some(""))
    {
        return false;
    }
    MORE_LINKS.iter().any(|link| {
        ends_with_folded(t, link).is_some_and(|head| {
            head.ends_with(' ')
                && head
                    .trim_end()
                    .ends_with(['.', '!', '?', '…', '"', '”', '|'])
                && head.split_whitespace().count() >= 3
        })
    })
}

/// What comes before `lower` (lower case) at the end of `text`, if `text` ends in it in
/// any case ("Read more", "READ MORE").
fn ends_with_folded<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(lower.len())?;
    let (head, end) = (text.get(..cut)?, text.get(cut..)?);
    let same = end.chars().count() == lower.chars().count()
        && end
            .chars()
            .zip(lower.chars())
            .all(|(a, b)| a == b || a.to_lowercase().eq(std::iter::once(b)));
    same.then_some(head)
}

/// A group cut before each of the kept lines `cuts` (ascending), a run holding a cut
/// split in two.
fn split_group(group: Vec<Run>, cuts: &[usize]) -> Vec<Vec<Run>> {
    let mut out: Vec<Vec<Run>> = vec![Vec::new()];
    let mut cuts = cuts.iter().copied().peekable();
    for mut run in group {
        while let Some(c) = cuts.next_if(|&c| c <= run.end) {
            if c > run.start {
                if let Some(g) = out.last_mut() {
                    g.push(Run {
                        start: run.start,
                        end: c - 1,
                    });
                }
                run.start = c;
            }
            out.push(Vec::new());
        }
        if let Some(g) = out.last_mut() {
            g.push(run);
        }
    }
    out.retain(|g| !g.is_empty());
    out
}

/// The page's main article: the one whose headline is the page title, else the longest.
fn main_candidate(candidates: &[Candidate]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (k, c) in candidates.iter().enumerate() {
        if c.title_sim >= MAIN_TITLE_SIMILARITY && c.prose > 0 {
            let better = best.is_none_or(|b| {
                let o = &candidates[b];
                (c.title_sim, c.words) > (o.title_sim, o.words)
            });
            if better {
                best = Some(k);
            }
        }
    }
    if best.is_some() {
        return best;
    }
    for (k, c) in candidates.iter().enumerate() {
        if best.is_none_or(|b| c.words > candidates[b].words) {
            best = Some(k);
        }
    }
    best
}

/// Beside the page's main article, only a real story counts: a headline and
/// SECONDARY_MIN_WORDS words in at least two paragraphs.  A story that a change of topic
/// cut from the one above needs no headline: a page reposted below another often comes
/// without its own.  Nor does one of UNTITLED_MIN_WORDS words: a glued page's headline is
/// often repeated among its menus, far from its text, and dropped with them.  One under
/// SHORT_SECONDARY_WORDS words must also read clearly as prose (`median_score`: the median
/// model score of its lines).
fn is_article(c: &Candidate, is_main: bool, median_score: f64) -> Result<(), String> {
    if is_main {
        return Ok(());
    }
    if c.words < MIN_ARTICLE_WORDS && c.prose < MIN_ARTICLE_PARAGRAPHS {
        return Err(format!("too small to be an article ({} words)", c.words));
    }
    if c.words < SECONDARY_MIN_WORDS
        || c.prose < MIN_ARTICLE_PARAGRAPHS
        || (c.title.is_none() && !c.topic_cut && c.words < UNTITLED_MIN_WORDS)
    {
        return Err(format!(
            "short text beside the main article ({} words)",
            c.words
        ));
    }
    if c.words < SHORT_SECONDARY_WORDS && median_score < SHORT_SECONDARY_SCORE {
        return Err(format!(
            "short text beside the main article, not clearly prose ({} words, median score {})",
            c.words,
            crate::classify::fmt_score(median_score)
        ));
    }
    Ok(())
}

/// The posts of a thread or the entries of a listing: on a page whose main text is shorter
/// than [`SHORT_MAIN_WORDS`] (a forum's first post, a listing's introduction), the runs
/// beside it that [`is_article`] refused as too short (`refused`), that the model rates as
/// text and that are at least [`SIDE_TEXTS`] (the replies; the entries, each with its
/// headline and summary) are kept, each as an article of its own, not dropped as sidebar
/// blurbs.  Beside a story, a sidebar's teasers are headlines the model drops, and the
/// reader comments below it are dropped before (comment-form tables and headers).
fn side_texts(
    candidates: &[Candidate],
    main: Option<usize>,
    refused: &[Result<(), String>],
    medians: &[f64],
) -> Vec<usize> {
    let Some(m) = main else {
        return Vec::new();
    };
    if candidates[m].words >= SHORT_MAIN_WORDS {
        return Vec::new();
    }
    let texts: Vec<usize> = (0..candidates.len())
        .filter(|&k| {
            k != m
                && refused[k].is_err()
                && candidates[k].words >= SIDE_TEXT_WORDS
                && candidates[k].prose >= 1
                && medians[k] > 0.0
        })
        .collect();
    if texts.len() >= SIDE_TEXTS {
        texts
    } else {
        Vec::new()
    }
}

/// The result: the updated verdicts and the articles.
#[derive(Debug, Clone)]
pub struct Layout {
    /// One verdict per block.
    pub verdicts: Vec<Verdict>,
    /// The articles.
    pub articles: Vec<Article>,
}

/// What the layout of one document starts from.
pub struct Input<'a> {
    /// The document's blocks.
    pub blocks: &'a [Block],
    /// Their measurements.
    pub local: &'a [Local],
    /// The classifier's in/out labels.
    pub keep: &'a [bool],
    /// The classifier's verdicts.
    pub verdicts: Vec<Verdict>,
    /// The words of the page title.
    pub title_words: &'a FxHashSet<String>,
    /// Near-duplicate lines ([`crate::dedup::copies`]).
    pub dups: &'a BTreeMap<usize, usize>,
    /// The document's language.
    pub language: Option<&'a str>,
    /// Its stopwords.
    pub stop: &'a WordSet,
}

/// Arrange the kept blocks of one document into articles (see the module docs).
pub fn layout(shapes: &Shapes, input: Input<'_>) -> Layout {
    let Input {
        blocks,
        local,
        keep,
        verdicts,
        title_words,
        dups,
        language,
        stop,
    } = input;
    let n = blocks.len();
    if n == 0 {
        return Layout {
            verdicts,
            articles: Vec::new(),
        };
    }
    let captions: Vec<bool> = (0..n)
        .map(|i| shapes.is_caption(&blocks[i].text, local[i].words) && !pinned_out(&verdicts[i]))
        .collect();
    let body = (0..n).map(|i| keep[i] && !captions[i]).collect();
    let mut w = Work {
        blocks,
        local,
        shapes,
        captions,
        body,
        out: verdicts,
        dups,
        topic_cuts: FxHashSet::default(),
        threads: thread_regions(local),
    };
    w.clean_body();
    if w.prose(0, n - 1) < FALLBACK_PARAGRAPHS {
        w.fallback();
    }
    w.rescue();
    let groups = w.group(stop);
    let candidates = w.candidates(&groups, title_words);
    let main = main_candidate(&candidates);
    let medians: Vec<f64> = candidates.iter().map(|c| w.median_score(c)).collect();
    let refused: Vec<Result<(), String>> = candidates
        .iter()
        .enumerate()
        .map(|(k, c)| is_article(c, main == Some(k), medians[k]))
        .collect();
    let side = side_texts(&candidates, main, &refused, &medians);
    let mut articles = Vec::new();
    for (k, c) in candidates.iter().enumerate() {
        let verdict = if side.contains(&k) {
            Ok(())
        } else {
            refused[k].clone()
        }
        .and_then(|()| {
            if main != Some(k) && w.headline_list(c) {
                return Err("a list of headlines, not an article".to_owned());
            }
            if main != Some(k) && w.notice(c) {
                return Err("a consent or privacy notice, not an article".to_owned());
            }
            Ok(())
        });
        match verdict {
            Err(why) => {
                for i in c.start..=c.end {
                    if w.body[i] {
                        w.drop_line(i, "fragment", why.clone());
                    }
                }
            }
            Ok(()) => {
                let a = w.article(c, articles.len(), language);
                articles.push(a);
            }
        }
    }
    Layout {
        verdicts: w.out,
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        let s = Shapes::new().unwrap();
        assert!(s.is_caption(
            "Divers check the pier before it reopens (Photo/Tom Ek) less",
            10
        ));
        assert!(s.is_caption(
            "Divers check the pier before it reopensCredit: Harbour Board",
            9
        ));
        assert!(!s.is_caption("Short (AP Photo)", 2));
    }

    #[test]
    fn captions_with_a_credit_at_the_end_without_brackets() {
        let s = Shapes::new().unwrap();
        // written for the test: one caption per shape of PLAIN_CREDIT_TAIL, then sentences
        // that end in a slash pair, a colon or an agency's name, which are not captions
        let lines = [
            (
                "Volunteers repaint the old lighthouse on a calm morning | Bild: Anna Muster/rbb",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morningFoto: Anna Muster",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning. — Picture by Jo Doe",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning AP Photo/Jo T. Doe",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning.Jo Doe / Getty Images",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse. Jo Doe/Moment via Getty Images",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning.The Associated Press",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning.Bloomberg",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning. © Anna Muster | rbb",
                true,
            ),
            (
                "Volunteers repaint the old lighthouse on a calm morning. — © HARBOUR",
                true,
            ),
            (
                "The school offers courses at every level, including AP/IB options.",
                false,
            ),
            (
                "All rights reserved by the publishers of this site. © 2025",
                false,
            ),
            (
                "A website of the Harbour Media Group © Harbour Media Group",
                false,
            ),
            (
                "The mayor told the council one thing: Repairs start in May.",
                false,
            ),
            (
                "The claim was first reported by the news agency AFP.",
                false,
            ),
            ("Photo: the harbour", false),
        ];
        for (text, caption) in lines {
            let words = text.split_whitespace().count();
            assert_eq!(s.is_caption(text, words), caption, "{text}");
        }
    }

    #[test]
    fn credit_patterns_searched_at_the_end_answer_as_on_the_whole_line() {
        use proptest::prelude::*;
        let s = Shapes::new().unwrap();
        let credit_tail = Regex::new(CREDIT_TAIL, false).unwrap();
        // pieces of captions and sentences, so that the patterns match often and long lines
        // put a match at or past the searched ends
        let pieces = prop::sample::select(vec![
            "Divers",
            " ",
            "  ",
            "é",
            ".",
            "(",
            ")",
            "[",
            "]",
            "/",
            ":",
            "AP",
            "Photo",
            "Credit",
            "Getty Images",
            "Bild",
            "less",
            "… more",
            "by",
            "Jo Doe",
            "REUTERS",
            "via Getty Images",
            "The Associated Press",
            "Bloomberg",
            "© ",
            " — ©",
            "x",
            "the pier at dawn and",
        ]);
        let mut runner = crate::testing::fixed_runner(3000, 11);
        runner
            .run(&prop::collection::vec(pieces, 0..60), |parts| {
                let text = parts.concat();
                let text = unicode::strip(&text); // a block's text: no space at its ends
                prop_assert_eq!(
                    credit_tail.find_str(text),
                    s.bracket_credit(text),
                    "{:?}",
                    text
                );
                let glued = s
                    .glued_credit
                    .search(unicode::suffix(text, GLUED_CREDIT_CHARS));
                prop_assert_eq!(s.glued_credit.search(text), glued, "{:?}", text);
                prop_assert_eq!(
                    s.plain_credit.search(text) || s.copyright_credit.search(text),
                    s.ends_in_plain_credit(text),
                    "{:?}",
                    text
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn japanese_captions_end_in_a_full_width_equals_credit() {
        let s = Shapes::new().unwrap();
        // written for the test: "the new bridge, seen from the harbour = 4th, Kobe"
        assert!(s.is_caption("港から見た新しい橋＝4日、神戸市で", 7));
        assert!(s.is_caption("式典であいさつする市長＝共同", 6));
        assert!(s.is_caption("雪の中を歩く人たち（AP＝共同）", 6));
        assert!(s.is_caption("橋を渡る最初の車＝山田太郎撮影", 7));
        // a sentence, a headline with quotes or an ellipsis, a dateline: not captions
        assert!(!s.is_caption("市は1ドル＝150円で計算したと説明した。", 9));
        assert!(!s.is_caption("一時1ドル＝150円台に…市場「想定外」", 8));
        assert!(!s.is_caption("【神戸＝山田太郎】市は4日、新しい橋を開通させた。", 12));
        assert!(!s.is_caption("◆橋の歴史＝ ", 4));
    }

    #[test]
    fn a_date_then_by_and_a_name() {
        let shapes = Shapes::new().unwrap();
        for line in [
            "03/01/2017 by Sam Doe, Harbour Correspondent",
            "May 21, 2025April 24, 2025 by Sam Doe",
            "September 1st, 2023 By Sam Doe",
            "2024-06-03 | by Ana Lind",
            "3. März 2024 von Ana Lind", // not "by": the byline table's business
        ] {
            let words = line.split_whitespace().count();
            assert_eq!(
                shapes.is_date_by(line, words),
                !line.contains("von"),
                "{line}"
            );
        }
        for line in [
            "May 3, 2024",
            "March 2, 2024 bypass surgery rates rose",
            "March 2, 2024 by the harbour, the council met", // "by" and no name
            "Posted 03/01/2017 by Sam Doe",                  // the table's posted-by
        ] {
            let words = line.split_whitespace().count();
            assert!(!shapes.is_date_by(line, words), "{line}");
        }
        let long = "03/01/2017 by Sam Doe, who has written about the harbour, its piers and \
                    its boats for twenty years";
        assert!(!shapes.is_date_by(long, long.split_whitespace().count()));
    }

    #[test]
    fn datelines() {
        let s = Shapes::new().unwrap();
        assert_eq!(
            s.dateline("Kirkuk (Iraq) (AFP) – Iraqi special forces led an operation"),
            (Some("Kirkuk (Iraq)".into()), Some("AFP".into()))
        );
        assert_eq!(
            s.dateline("(Reuters) - Shares fell"),
            (None, Some("Reuters".into()))
        );
    }

    #[test]
    fn decorations() {
        assert_eq!(strip_decoration("***"), "***");
        assert_eq!(strip_decoration("== Results =="), "Results");
        assert_eq!(strip_decoration(">> Next <<"), "Next");
    }

    #[test]
    fn second_person_lines() {
        assert!(second_person("Sign up and YOUR inbox fills"));
        assert!(!second_person("Youth clubs reopen"));
    }

    #[test]
    fn articles_beside_the_main_one() {
        let c = |words: usize, title: bool| Candidate {
            start: 0,
            end: 9,
            floor: 0,
            words,
            prose: 3,
            title: title.then_some(0),
            dek: None,
            byline: None,
            title_sim: 0.0,
            topic_cut: false,
        };
        // the main article is always one
        assert!(is_article(&c(20, false), true, -3.0).is_ok());
        // beside it: a headline and SECONDARY_MIN_WORDS, or UNTITLED_MIN_WORDS without one
        assert!(is_article(&c(120, true), false, 2.0).is_ok());
        assert!(is_article(&c(120, false), false, 2.0).is_err());
        assert!(is_article(&c(UNTITLED_MIN_WORDS, false), false, 2.0).is_ok());
        // under SHORT_SECONDARY_WORDS, only text the model is clearly sure of
        assert!(is_article(&c(120, true), false, 0.5).is_err());
        assert!(is_article(&c(SHORT_SECONDARY_WORDS, true), false, 0.5).is_ok());
    }

    #[test]
    fn the_replies_below_a_short_first_post_are_kept() {
        let c = |start: usize, words: usize, title: Option<usize>| Candidate {
            start,
            end: start + 2,
            floor: start,
            words,
            prose: 1,
            title,
            dek: None,
            byline: None,
            title_sim: 0.0,
            topic_cut: false,
        };
        let short = || Err("short text beside the main article".to_owned());
        let runs = vec![
            c(0, 60, Some(0)),
            c(10, 40, None),
            c(20, 35, None),
            c(30, 50, None),
        ];
        let verdicts = vec![Ok(()), short(), short(), short()];
        let medians = [1.0, 0.8, 0.6, 1.2];
        assert_eq!(
            side_texts(&runs, Some(0), &verdicts, &medians),
            vec![1, 2, 3]
        );
        // beside a main text of SHORT_MAIN_WORDS (a story) short runs are sidebar
        let mut long = runs.clone();
        long[0].words = SHORT_MAIN_WORDS;
        assert!(side_texts(&long, Some(0), &verdicts, &medians).is_empty());
        // two replies make no thread
        assert!(side_texts(&runs[..3], Some(0), &verdicts[..3], &medians[..3]).is_empty());
        // entries with their headlines below a listing's introduction are kept alike
        let mut titled = runs.clone();
        titled[2].title = Some(20);
        assert_eq!(
            side_texts(&titled, Some(0), &verdicts, &medians),
            vec![1, 2, 3]
        );
        // one the model rates as chrome is no post
        assert!(side_texts(&runs, Some(0), &verdicts, &[1.0, 0.8, -0.5, 1.2]).is_empty());
        // no main text, no thread
        assert!(side_texts(&runs, None, &verdicts, &medians).is_empty());
    }

    /// An engine whose model is one split: `below` for blocks whose feature `name` is at
    /// most `threshold`, `above` for the rest.
    fn split_engine(name: &str, threshold: f64, below: f64, above: f64) -> crate::pipeline::Engine {
        let names = serde_json::to_string(&crate::features::FEATURE_NAMES).unwrap();
        let k = crate::features::FEATURE_NAMES
            .iter()
            .position(|&f| f == name)
            .unwrap();
        let model = format!(
            r#"{{"features": {names}, "base": 0.0, "switch": 1, "length_weight": 1,
               "trees": [[[{k}, 0, 0], [{threshold}, 0, 0], [1, -1, -1], [2, -1, -1],
                          [0, {below}, {above}]]]}}"#
        );
        crate::pipeline::Engine::new(
            crate::model::Model::from_json(&model).unwrap(),
            &crate::chrome::Tables::embedded().unwrap(),
            crate::rules::UserRules::default(),
        )
        .unwrap()
    }

    fn two_stories(second: &[String]) -> String {
        let para = |topic: &str, k: usize| {
            format!(
                "The {topic} committee met again on day {k} and the members agreed that the \
                 plan for the harbour front would need more money, more time and a great deal \
                 more patience from the people who live along the water there."
            )
        };
        let mut lines = vec!["Harbour plan delayed again".to_owned()];
        lines.extend((0..7).map(|k| para("harbour", k)));
        // the first story's end: chrome the body does not reach across
        for chrome in [
            "Share on Facebook",
            "Share on X",
            "Most read",
            "Contact us",
            "Privacy policy",
            "Terms of use",
            "Home",
            "Sport",
        ] {
            lines.push(chrome.to_owned());
        }
        lines.push("Library opens its new reading room".to_owned());
        lines.extend(second.iter().cloned());
        lines.join("\n\n")
    }

    #[test]
    fn a_second_story_the_model_dropped_is_kept_below_its_headline() {
        let engine = first_half_engine();
        let long: Vec<String> = (0..9)
            .map(|k| {
                format!(
                    "Readers queued outside the library on morning {k} to see the reading \
                     room, which the town built over two years with oak shelves, wide windows \
                     and a quiet corner for children who come after school every day."
                )
            })
            .collect();
        let a = engine.analyse(&two_stories(&long), None);
        assert_eq!(a.articles.len(), 2, "{:?}", a.verdicts);
        assert_eq!(
            a.articles[1].title.as_deref(),
            Some("Library opens its new reading room")
        );
        // short blurbs (under RESCUE_AVG_WORDS a line) stay dropped
        let blurbs: Vec<String> = (0..8)
            .map(|k| format!("Our weekly guide number {k} to the events of the town is here."))
            .collect();
        let b = engine.analyse(&two_stories(&blurbs), None);
        assert_eq!(b.articles.len(), 1);
        // so does a long run with no headline above it
        let mut headless = long.clone();
        headless.insert(
            0,
            "x".repeat(40) + " and this line is a sentence, not a headline.",
        );
        let text = two_stories(&headless).replace("Library opens its new reading room\n\n", "");
        assert_eq!(engine.analyse(&text, None).articles.len(), 1);
        // a story the model rates a little lower (its lede under a headline, byline and
        // caption it took for a teaser's) is kept too; one it rates as chrome is not
        for (rest, stories) in [(-2.2, 2), (-2.8, 1)] {
            let engine = split_engine("rel_position", 0.45, 2.0, rest);
            let a = engine.analyse(&two_stories(&long), None);
            assert_eq!(a.articles.len(), stories, "rated {rest}");
        }
    }

    /// An engine whose model keeps the first 45 % of a document (+2) and rates the rest -1:
    /// a second story stands where the shipped model, trained on pages, expects chrome.
    fn first_half_engine() -> crate::pipeline::Engine {
        split_engine("rel_position", 0.45, 2.0, -1.0)
    }

    /// An engine whose model keeps paragraphs (log_words above 2.5) and drops short lines.
    fn paragraph_engine() -> crate::pipeline::Engine {
        split_engine("log_words", 2.5, -1.0, 2.0)
    }

    #[test]
    fn a_japanese_list_of_headlines_is_no_article() {
        let engine = paragraph_engine();
        let mut lines = vec!["港の新しい桟橋が完成".to_owned()];
        for k in 0..5 {
            lines.push(format!(
                "市議会は第{k}回の会合で、夏の観光シーズンを前に北側の桟橋を建て直す計画を承認した。"
            ));
        }
        let menu = ["Home", "Sports", "Weather today", "Contact", "Log in here"];
        lines.extend((0..45).map(|k| menu[k % menu.len()].to_owned()));
        lines.push("関連ニュース".to_owned());
        let tail: Vec<String> = (0..10)
            .map(|k| {
                format!("第{k}節 山田選手が決勝点を挙げチームが首位に浮上 監督は試合後に笑顔！")
            })
            .collect();
        let kept_tail = |a: &crate::records::Analysis| kept_lines(a, |t| t.contains("山田選手"));
        let mut page = lines.clone();
        page.extend(tail.iter().cloned());
        let a = engine.analyse(&page.join("\n\n"), None);
        assert_eq!(a.articles.len(), 1, "{:?}", a.verdicts);
        assert_eq!(kept_tail(&a), 0, "{:?}", a.verdicts);
        // a headline's "！" ends it as a sentence's would; the same lines written as
        // sentences ("。") are a second story
        let mut page = lines;
        page.extend(tail.iter().map(|t| format!("{t}。")));
        let a = engine.analyse(&page.join("\n\n"), None);
        assert_eq!(a.articles.len(), 2, "{:?}", a.verdicts);
        assert_eq!(kept_tail(&a), 10, "{:?}", a.verdicts);
    }

    /// How many kept lines of `a` pass `test`.
    fn kept_lines(a: &crate::records::Analysis, test: impl Fn(&str) -> bool) -> usize {
        a.blocks
            .iter()
            .zip(&a.verdicts)
            .filter(|(b, v)| v.keep && test(&b.text))
            .count()
    }

    /// Part `k` of a story about a ferry timetable: one prose paragraph of 23 words.
    fn para(k: usize) -> String {
        format!(
            "In part {k} the council explained how the new ferry timetable will work for \
             commuters who cross the bay every morning and evening."
        )
    }

    /// A headline, five paragraphs of [`para`] and 45 lines of `menu` below them (a long
    /// stretch of chrome: what follows is another group).
    fn story_and_menu(headline: &str, menu: &[&str]) -> Vec<String> {
        let mut lines = vec![headline.to_owned()];
        lines.extend((0..5).map(para));
        lines.extend((0..45).map(|k| menu[k % menu.len()].to_owned()));
        lines
    }

    #[test]
    fn a_privacy_notice_beside_the_article_is_no_article() {
        let engine = paragraph_engine();
        let menu = ["Home", "Sports", "Weather today", "Contact", "Log in here"];
        let mut lines = story_and_menu("Ferry timetable changes in May", &menu);
        lines.push("How the ferry company looks after your details".to_owned());
        // a policy shown in a dialog of the page: what it says in its own words, or the
        // same sentences about something else
        let notice = |what: &str| -> Vec<String> {
            (0..6)
                .map(|k| {
                    format!(
                        "In section {k} we explain which {what} we keep when you book a \
                         crossing, why we keep it and for how long."
                    )
                })
                .collect()
        };
        let kept_notice =
            |a: &crate::records::Analysis| kept_lines(a, |t| t.starts_with("In section"));
        let mut page = lines.clone();
        page.extend(notice("personal data"));
        let a = engine.analyse(&page.join("\n\n"), None);
        assert_eq!(a.articles.len(), 1, "{:?}", a.verdicts);
        assert_eq!(kept_notice(&a), 0, "{:?}", a.verdicts);
        let mut page = lines;
        page.extend(notice("timetable data"));
        let a = engine.analyse(&page.join("\n\n"), None);
        assert_eq!(a.articles.len(), 2, "{:?}", a.verdicts);
        assert_eq!(kept_notice(&a), 6, "{:?}", a.verdicts);
    }

    #[test]
    fn a_users_avatar_heads_no_story() {
        let engine = paragraph_engine();
        // one-word menu entries: no headline among them
        let menu = ["Home", "Sports", "Weather", "Contact", "Login"];
        let mut lines = story_and_menu("New ferry timetable starts in May", &menu);
        // a reader's comment of five paragraphs below its writer's picture: over
        // SECONDARY_MIN_WORDS, so a story if the picture's alt text were its headline
        lines.push("Ana Lind's avatar".to_owned());
        lines.extend((5..10).map(para));
        let a = engine.analyse(&lines.join("\n\n"), None);
        let titles: Vec<Option<&str>> = a.articles.iter().map(|x| x.title.as_deref()).collect();
        assert!(!titles.contains(&Some("Ana Lind's avatar")), "{titles:?}");
    }

    #[test]
    fn an_author_line_after_the_last_section_ends_its_article() {
        let engine = paragraph_engine();
        let mut lines = vec!["New ferry timetable starts in May".to_owned()];
        lines.extend((0..4).map(para));
        // a last section, then the article's author line: no new story
        lines.push("What happens next".to_owned());
        lines.extend((4..6).map(para));
        lines.push("By Ana Lind".to_owned());
        let a = engine.analyse(&lines.join("\n\n"), None);
        assert_eq!(a.articles.len(), 1, "{:?}", a.verdicts);
        let kept = |a: &crate::records::Analysis| {
            a.blocks
                .iter()
                .zip(&a.verdicts)
                .filter(|(b, v)| v.keep && v.article == 0 && b.text.starts_with("In part"))
                .count()
        };
        assert_eq!(kept(&a), 6, "{:?}", a.verdicts);
        // a headline with its dek and byline right below it does start a story
        let mut two = lines[..5].to_vec();
        two.push("Library opens its new reading room".to_owned());
        two.push("By Ana Lind".to_owned());
        two.extend((6..13).map(para));
        assert_eq!(engine.analyse(&two.join("\n\n"), None).articles.len(), 2);
        // but the author's name above a byline that repeats it heads an author box
        let mut boxed = lines[..5].to_vec();
        boxed.push("Ana Maria Lind".to_owned());
        boxed.push("By Ana Maria Lind".to_owned());
        boxed.extend((6..13).map(para));
        assert_eq!(engine.analyse(&boxed.join("\n\n"), None).articles.len(), 1);
    }

    #[test]
    fn a_share_row_and_a_headline_end_a_story_on_the_same_subject() {
        let engine = paragraph_engine();
        let story = |headline: &str, day: &str| {
            let mut lines = vec![headline.to_owned()];
            lines.extend((0..4).map(|k| {
                format!(
                    "On {day} the harbour committee met for the {k} time and agreed that the \
                     plan for the harbour front needs more money and more patience."
                )
            }));
            lines
        };
        let first = story("Harbour plan delayed again this spring", "Monday");
        let second = story("Harbour plan finally approved by the council", "Friday");
        let text = |share: &[&str]| {
            let mut all = first.clone();
            all.extend(share.iter().map(|s| (*s).to_owned()));
            all.extend(second.iter().cloned());
            all.join("\n\n")
        };
        let row = ["Share on Facebook", "Share on X", "Share on LinkedIn"];
        let a = engine.analyse(&text(&row), None);
        assert_eq!(a.articles.len(), 2, "{:?}", a.verdicts);
        assert_eq!(
            a.articles[1].title.as_deref(),
            Some("Harbour plan finally approved by the council")
        );
        // two share buttons are not yet the end of a story
        assert_eq!(engine.analyse(&text(&row[..2]), None).articles.len(), 1);
    }

    #[test]
    fn topic_similarity_of_unrelated_texts_is_zero() {
        let stop: WordSet = ["the", "with", "at", "a", "after"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = crate::tokens::word_tokens(
            &"The ferry sailed across the harbour at dawn with forty riders. ".repeat(4),
        );
        let b = crate::tokens::word_tokens(
            &"Parliament passed the budget bill after a long night debate. ".repeat(4),
        );
        assert_eq!(topic_similarity(&[&a], &[&b], &stop, 20), Some(0.0));
    }

    #[test]
    fn the_readers_pronouns_are_not_a_topic() {
        // two advice texts on unrelated subjects, both speaking to the reader
        let stop: WordSet = ["the", "to", "a", "and", "before", "after", "every", "with"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = crate::tokens::word_tokens(
            &"You should water your tomatoes before you leave and mulch your beds. ".repeat(5),
        );
        let b = crate::tokens::word_tokens(
            &"You can check your tyres after you park and wash your windscreen. ".repeat(5),
        );
        let loose = windowed_similarity(&[&a], &[&b], &stop, (10, 10), (300, 300), false).unwrap();
        let strict = windowed_similarity(&[&a], &[&b], &stop, (10, 10), (300, 300), true).unwrap();
        assert!(loose > 0.5, "{loose}");
        assert_eq!(strict, 0.0);
    }

    #[test]
    fn the_sliding_topic_counts_the_same_windows_as_the_comparison() {
        // invented lines of 1 to 60 words drawn from a small vocabulary (with pronouns,
        // stopwords and numbers), long enough in all for both windows to slide
        let vocab = [
            "harbour", "ferry", "your", "the", "pier", "choir", "2024", "you", "timber", "divers",
            "concert", "of", "tide", "our", "singers", "council",
        ];
        let stop: WordSet = ["the", "of"].iter().map(|s| s.to_string()).collect();
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let lines: Vec<Vec<Token>> = (0..120)
            .map(|_| {
                let n = 1 + next() % 60;
                (0..n)
                    .map(|_| Token::from(vocab[next() % vocab.len()]))
                    .collect()
            })
            .collect();
        let toks: Vec<&[Token]> = lines.iter().map(Vec::as_slice).collect();
        let numbered = TopicLines::new(&toks, &stop, true);
        let all: Vec<usize> = (0..toks.len()).collect();
        let mut topic = SlidingTopic::new(&numbered, &all);
        let (min, window) = (
            (SPLIT_MIN_CONTENT, SPLIT_MIN_CONTENT),
            (STORY_WORDS, SPLIT_WORDS),
        );
        for p in 1..toks.len() {
            let expected = naive_similarity(&toks[..p], &toks[p..], &stop, min, window);
            assert_eq!(topic.at(p), expected, "at line {p}");
            let windowed = windowed_similarity(&toks[..p], &toks[p..], &stop, min, window, true);
            assert_eq!(windowed, expected, "at line {p}");
            assert_eq!(
                numbered.similarity(&all[..p], &all[p..], min, window),
                expected
            );
        }
    }

    /// The cosine of the strict topic words' counts of up to `window` words before and
    /// after, read straight off the words (the reference for the numbered lines).
    fn naive_similarity(
        before: &[&[Token]],
        after: &[&[Token]],
        stop: &WordSet,
        min_words: (usize, usize),
        window: (usize, usize),
    ) -> Option<f64> {
        let bag = |lines: &mut dyn Iterator<Item = &&[Token]>, window: usize| {
            let mut bag: FxHashMap<String, usize> = FxHashMap::default();
            let mut total = 0;
            for line in lines {
                total += line.len();
                for w in line.iter().filter(|w| topic_word(w, stop, true)) {
                    *bag.entry(w.to_string()).or_default() += 1;
                }
                if total >= window {
                    break;
                }
            }
            bag
        };
        let a = bag(&mut before.iter().rev(), window.0);
        let b = bag(&mut after.iter(), window.1);
        cosine(&a, &b, min_words)
    }

    #[test]
    fn a_group_is_cut_before_each_cut_line() {
        let run = |start, end| Run { start, end };
        let group = vec![run(0, 4), run(7, 12), run(15, 20)];
        assert_eq!(
            split_group(group.clone(), &[3, 15]),
            vec![
                vec![run(0, 2)],
                vec![run(3, 4), run(7, 12)],
                vec![run(15, 20)]
            ]
        );
        assert_eq!(split_group(group.clone(), &[]), vec![group.clone()]);
        assert_eq!(split_group(group.clone(), &[0]), vec![group]);
    }
}
