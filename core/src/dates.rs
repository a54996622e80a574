//! Where an article's date may be written: the lines around its headline (once the
//! Python `newsconv.dates.article_date`, whose window this is).
//!
//! The core chooses the lines; Python reads them (`newsconv.dates.date_in_lines`: date
//! shapes with look-behind, the standard library for digits, dateparser for month words),
//! so there is one reader of dates, the maintained multilingual library.
//!
//! The window of an article whose headline (or first line) is block `anchor` and whose
//! stretch of the page runs from block `first` to `last` holds the [`LINES_BEFORE`] lines
//! above the headline and the [`LINES_AFTER`] lines below it, inside the stretch.  A line
//! kept as article text is blanked, except in the first [`BODY_TOP_LINES`] lines of the
//! body (a date line the classifier kept sits there; a date further down is the text's).
//! A line that can never be a date line — longer than [`MAX_LINE_CHARS`] characters, or
//! without a year-shaped number — is blanked too: Python skips it anyway, and a window
//! without any candidate is not sent at all, so most articles never reach the reader.
//!
//! ```
//! use newsconv_core::dates::{window, year_shaped};
//! assert!(year_shaped("Published March 4, 2025"));
//! assert!(!year_shaped("Posted 3 hours ago"));
//! let texts = ["Home", "Harbour reopens", "By Ana Lind", "March 4, 2025", "The harbour ..."];
//! let body = [false, false, false, false, true];
//! let w = window(&texts, &[None, None, None, Some("timestamp"), None], &body, 0, 1, 4).unwrap();
//! assert_eq!(w.anchor, 1);
//! assert_eq!(w.texts, ["", "", "", "March 4, 2025", ""]);
//! assert_eq!(w.classes[3].as_deref(), Some("timestamp"));
//! ```

use crate::unicode;

/// Lines above the headline searched when none below gives a date.
pub const LINES_BEFORE: usize = 3;
/// Lines below the headline searched (dek, byline, picture, date).
pub const LINES_AFTER: usize = 8;
/// Lines at the top of the body where a kept line may be the date line.
pub const BODY_TOP_LINES: usize = 3;
/// Longer lines (in code points) are prose, never a date line.
pub const MAX_LINE_CHARS: usize = 200;

/// The lines of one article that may hold its date, for `newsconv.dates.date_in_lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLines {
    /// The lines of the window, "" where a line cannot be a date line.
    pub texts: Vec<String>,
    /// The chrome class of each line, if a table matched it.
    pub classes: Vec<Option<String>>,
    /// The headline's position in `texts`.
    pub anchor: usize,
}

/// Does `text` hold a year of this century or the last (Python: `(?:19|20)\d\d`, with
/// `\d` any decimal digit)?  Every date shape holds one.
pub fn year_shaped(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).any(|w| {
        matches!((w[0], w[1]), ('1', '9') | ('2', '0'))
            && unicode::is_decimal(w[2])
            && unicode::is_decimal(w[3])
    })
}

fn candidate(text: &str) -> bool {
    unicode::char_len(text) <= MAX_LINE_CHARS && year_shaped(text)
}

/// The window of the article whose headline is line `anchor`, its stretch running from
/// line `first` to `last` (see the module docs); `body` marks the lines kept as article
/// text.  None when no line of the window can be a date line.
pub fn window<S: AsRef<str>, C: AsRef<str>>(
    texts: &[S],
    classes: &[Option<C>],
    body: &[bool],
    first: usize,
    anchor: usize,
    last: usize,
) -> Option<DateLines> {
    let lo = first.max(anchor.saturating_sub(LINES_BEFORE));
    let hi = last
        .min(anchor + LINES_AFTER)
        .min(texts.len().checked_sub(1)?);
    if lo > hi || anchor < lo {
        return None;
    }
    let start = (anchor..=hi).find(|&i| body[i]).unwrap_or(hi + 1);
    let shown = |i: usize| !body[i] || i < start + BODY_TOP_LINES;
    let lines: Vec<String> = (lo..=hi)
        .map(|i| {
            let t = texts[i].as_ref();
            if shown(i) && candidate(t) {
                t.to_owned()
            } else {
                String::new()
            }
        })
        .collect();
    if lines.iter().all(String::is_empty) {
        return None;
    }
    Some(DateLines {
        texts: lines,
        classes: (lo..=hi)
            .map(|i| classes[i].as_ref().map(|c| c.as_ref().to_owned()))
            .collect(),
        anchor: anchor - lo,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_needs_two_decimal_digits_after_19_or_20() {
        assert!(year_shaped("1999"));
        assert!(year_shaped("20٢٤")); // Arabic-Indic digits are decimal digits
        assert!(!year_shaped("2x24"));
        assert!(!year_shaped("18 May"));
        assert!(!year_shaped(""));
    }

    #[test]
    fn body_lines_below_the_top_are_blanked() {
        let texts = ["Title", "p 2021", "p 2022", "p 2023", "p 2024", "p 2025"];
        let none: [Option<&str>; 6] = [None; 6];
        let body = [false, true, true, true, true, true];
        let w = window(&texts, &none, &body, 0, 0, 5).unwrap();
        assert_eq!(w.texts, ["", "p 2021", "p 2022", "p 2023", "", ""]);
    }

    #[test]
    fn lines_above_stay_inside_the_stretch() {
        let texts = ["2020", "2021", "Headline", "text"];
        let none: [Option<&str>; 4] = [None; 4];
        let body = [false, false, false, true];
        let w = window(&texts, &none, &body, 1, 2, 3).unwrap();
        assert_eq!((w.texts.len(), w.anchor), (3, 1));
        assert_eq!(w.texts[0], "2021");
    }

    #[test]
    fn no_candidate_no_window() {
        let texts = ["Headline", "By Ana", "A paragraph of the story."];
        let none: [Option<&str>; 3] = [None; 3];
        assert_eq!(window(&texts, &none, &[false, false, true], 0, 0, 2), None);
        assert_eq!(window(&texts, &none, &[false, false, true], 0, 0, 99), None);
    }
}
