//! Normalising decoded text: one kind of space, one kind of line break, no invisible
//! characters (once the Python `newsconv.normalise`).
//!
//! Typographic quotes, dashes and ellipses are kept as they are: they are content, and they
//! help the classifier (a line ending in ” ends a sentence).
//!
//! ```
//! use newsconv_core::normalise::normalise;
//! assert_eq!(normalise("Log\u{a0}Out\u{a0}/\u{a0} Change\u{a0})\r\n"), "Log Out / Change )\n");
//! assert_eq!(normalise("zero\u{200b}width\u{0} and\ttab"), "zerowidth and tab");
//! ```
//!
//! `normalise` is idempotent.  (Lone surrogates, which Python strings may hold, cannot
//! reach Rust text: the bindings turn them into U+FFFD, as Python's `normalise` does.)

/// Line-breaking characters other than `\n` (a `\r\n` pair is one break).
fn is_line_break(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0b}' | '\u{0c}')
}

/// Space-like characters (no-break, thin, ideographic, en/em spaces, tab...): runs of them
/// become one ASCII space.
fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Zero-width characters, soft hyphen, BOMs, bidi marks and C0/C1 control characters
/// (except `\n`) carry nothing a reader sees.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}'
        | '\u{86}'..='\u{9f}' | '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A character that is neither a line break, nor space-like, nor invisible: most of
/// them, told apart with one or two comparisons before the tables above are consulted.
#[inline]
fn is_plain(c: char) -> bool {
    c.is_ascii_graphic()
        || matches!(c, '\u{ae}'..='\u{167f}' | '\u{2070}'..='\u{2fff}' | '\u{3001}'..='\u{fefe}')
}

/// Is the byte at `i` a printable ASCII character other than the space (a plain one)?
fn plain_ascii_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).is_some_and(u8::is_ascii_graphic)
}

/// A character that needs the full pass (Python's `_ODD`).
fn is_odd(c: char) -> bool {
    !is_plain(c)
        && (c == '\r' || is_line_break(c) || is_invisible(c) || (c != ' ' && is_space_like(c)))
}

/// Does `text` hold a character [`is_odd`]?  Read off the UTF-8 bytes: an ASCII one is a
/// control byte other than `\n` (or DEL), and every other one begins with one of five lead
/// bytes (U+0080 to U+00BF, U+1000 to U+1FFF, U+2000 to U+2FFF, U+3000 to U+3FFF, U+F000
/// to U+FFFF), where the character is looked at; the rest of a text is skipped a byte at a
/// time.
fn has_odd(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, b)| match b {
        b'\n' | b' '..=b'~' => false,
        0..=0x7f => true,
        0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_odd),
        _ => false,
    })
}

/// Return `text` with spaces, line breaks and invisible characters normalised.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if has_odd(text) {
        // line breaks, then invisible characters, then runs of spaces; runs of plain
        // characters are copied whole
        let bytes = text.as_bytes();
        let mut from = 0; // where the pending run of plain characters starts
        let mut i = 0; // the next character
        let mut in_space = false;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_graphic() || (b == b' ' && from < i && plain_ascii_at(text, i + 1)) {
                // printable ASCII is plain, read a byte at a time; a space between a plain
                // character and a plain ASCII one (most spaces) stays as it is: it begins
                // no run of spaces and ends none
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let mut next = i + c.len_utf8();
            if is_plain(c) {
                i = next;
                continue;
            }
            if from < i {
                out.push_str(text.get(from..i).unwrap_or(""));
                in_space = false;
            }
            let c = if c == '\r' {
                if bytes.get(next) == Some(&b'\n') {
                    next += 1;
                }
                '\n'
            } else if is_line_break(c) {
                '\n'
            } else {
                c
            };
            (from, i) = (next, next);
            if is_invisible(c) {
                continue;
            }
            if is_space_like(c) {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
        out.push_str(text.get(from..).unwrap_or(""));
    } else if text.contains("  ") {
        let mut in_space = false;
        for c in text.chars() {
            if c == ' ' {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
    } else {
        out.push_str(text);
    }
    if out.contains(" \n") || out.contains("\n ") {
        out = edge_spaces(&out);
    }
    // trimmed in place
    out.truncate(out.trim_end_matches(' ').len());
    let lead = out.len() - out.trim_start_matches(' ').len();
    out.drain(..lead);
    out
}

/// Spaces next to a line break go.
fn edge_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = 0usize; // spaces seen but not written yet
    let mut after_break = false;
    for c in text.chars() {
        match c {
            ' ' if after_break => {}
            ' ' => pending += 1,
            '\n' => {
                pending = 0;
                out.push('\n');
                after_break = true;
            }
            _ => {
                out.extend(std::iter::repeat_n(' ', pending));
                pending = 0;
                out.push(c);
                after_break = false;
            }
        }
    }
    out.extend(std::iter::repeat_n(' ', pending));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_characters_are_found_in_the_bytes() {
        for (c, text) in crate::testing::chars_from(0) {
            assert_eq!(has_odd(&text), is_odd(c), "{c:?}");
        }
    }

    #[test]
    fn breaks_spaces_and_invisibles() {
        assert_eq!(normalise("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(normalise("a \u{200b} b"), "a b");
        assert_eq!(normalise("  a  b  "), "a b");
        assert_eq!(normalise("a \n \n b"), "a\n\nb");
        assert_eq!(normalise("\u{feff}x"), "x");
    }

    /// The full pass character by character, as it was written first.
    fn full_pass_by_characters(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        let mut in_space = false;
        while let Some(c) = chars.next() {
            let c = if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                '\n'
            } else if is_line_break(c) {
                '\n'
            } else {
                c
            };
            if is_invisible(c) {
                continue;
            }
            if is_space_like(c) {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
        if out.contains(" \n") || out.contains("\n ") {
            out = edge_spaces(&out);
        }
        out.trim_matches(' ').to_owned()
    }

    #[test]
    fn runs_copied_whole_give_the_full_pass() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a", "Zé", " ", "  ", "\t", "\r", "\n", "\r\n", "\u{a0}", "\u{200b}", "\u{2028}",
            "\u{feff}", "\u{3000}", "中文", "\u{85}", "\u{0}", "x\u{ad}y", ".",
        ]);
        let mut runner = crate::testing::fixed_runner(3000, 11);
        runner
            .run(&prop::collection::vec(pieces, 0..16), |parts| {
                let text = parts.concat();
                prop_assert_eq!(
                    normalise(&text),
                    full_pass_by_characters(&text),
                    "{:?}",
                    text
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn plain_characters_are_none_of_the_others() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_plain(c) {
                assert!(
                    !(c == '\r'
                        || c == '\n'
                        || is_line_break(c)
                        || is_invisible(c)
                        || is_space_like(c)),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn idempotent_on_samples() {
        for t in [
            "a\u{a0}\u{a0}b\r\n c ",
            "\t\tx\u{85}y",
            " \n \n",
            "plain text",
        ] {
            let once = normalise(t);
            assert_eq!(normalise(&once), once);
        }
    }
}
