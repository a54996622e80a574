//! The cheap check in front of ftfy: which lines carry the signature of UTF-8 read as
//! Windows-1252 or Latin-1 (Python: `newsconv.decode.repair_mojibake`, which hands only
//! those lines to ftfy).
//!
//! The signature is a lead character of a two- or three-byte UTF-8 sequence as those
//! encodings show it (`Â`..`ß`, `â`..`ï`) followed by what a continuation byte becomes
//! (U+0080..U+00BF, or one of the Windows-1252 letters and punctuation in 0x80..0x9F):
//! "â€™" for ’, "Ã©" for é, "Ð¿" for п.
//!
//! ```
//! use newsconv_core::mojibake::suspect_lines;
//! assert_eq!(suspect_lines("fine line\nIraqâ€™s army\ncafé"), [1]);
//! ```

/// A character that begins the signature: the lead byte of a 2- or 3-byte sequence.
fn is_lead(c: char) -> bool {
    matches!(c, '\u{c2}'..='\u{df}' | '\u{e2}'..='\u{ef}')
}

/// A character a continuation byte (0x80..0xBF) becomes in Windows-1252 or Latin-1.
fn is_continuation(c: char) -> bool {
    matches!(
        c,
        '\u{80}'..='\u{bf}'
            | '\u{152}'
            | '\u{153}'
            | '\u{160}'
            | '\u{161}'
            | '\u{178}'
            | '\u{17d}'
            | '\u{17e}'
            | '\u{192}'
            | '\u{2c6}'
            | '\u{2dc}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2018}'..='\u{201e}'
            | '\u{2020}'..='\u{2022}'
            | '\u{2026}'
            | '\u{2030}'
            | '\u{2039}'
            | '\u{203a}'
            | '\u{20ac}'
            | '\u{2122}'
    )
}

/// The numbers (from 0, lines split at `\n`) of the lines that hold the signature.
pub fn suspect_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    for (i, line) in text.split('\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        let mut prev = '\n';
        for c in line.chars() {
            if is_lead(prev) && is_continuation(c) {
                out.push(i);
                break;
            }
            prev = c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert_eq!(suspect_lines(""), Vec::<usize>::new());
        assert_eq!(suspect_lines("Ã©t\u{e9}\nok\nâ€”"), [0, 2]);
        // a lead character alone, or followed by a letter, is not the signature
        assert_eq!(suspect_lines("Âge\nÉtienne\nà la"), Vec::<usize>::new());
        // the signature never spans a line break
        assert_eq!(suspect_lines("Ã\n©"), Vec::<usize>::new());
    }
}
