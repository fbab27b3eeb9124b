//! Words as the search index keeps them. The reader's browser does the same to a query
//! (`assets/search.js`), so a word typed any way finds the word as written; the two are
//! kept in step by a test that runs both over the same words.
//!
//! - A word is a run of letters, marks and digits (so a Devanagari word keeps its vowel
//!   signs, viramas and anusvaras: काम and कम stay two words).
//! - Text is NFC; the nukta is dropped, so ज़िला and जिला are one word (however either
//!   was typed), and so are the invisible joiners.
//! - Devanagari digits are read as ASCII digits (२०२५ is 2025). A number is a word only
//!   when it has four digits (a year); other figures are too many to keep.
//! - Latin letters are lower-cased and lose a plural `-s`/`-es`/`-ies`, an `-ing` and a
//!   final `-e`, so "Meetings", "meeting" and "meet" are one word.
//! - A word of one character is not kept.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The Devanagari nukta, dropped from every word.
const NUKTA: char = '\u{093C}';

/// Whether `c` belongs in a word: a letter, mark or digit, or a joiner. ASCII and
/// Devanagari (all of whose block is letters, marks and digits but its three
/// punctuation marks) are answered without the Unicode tables.
fn in_word(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        '\u{0900}'..='\u{097F}' => !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}'),
        '\u{200C}' | '\u{200D}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Calls `each` with every word of `text` as the index keeps it, in order (repeats
/// included). ASCII and Devanagari are read byte by byte, each word made as it is read;
/// a word with any other letter, or a Devanagari sign NFC could move, is made again
/// from its text by [`normalise`].
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut w = Word::default();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (inside, len) = if b < 0x80 {
            let inside = b.is_ascii_alphanumeric();
            if inside {
                if start.is_none() {
                    start = Some(i);
                    w.begin(&mut word);
                }
                w.ascii(b, &mut word);
            }
            (inside, 1)
        } else if b == 0xE0 && i + 2 < bytes.len() && matches!(bytes[i + 1], 0xA4 | 0xA5) {
            // U+0900–U+097F: E0 A4 80 to E0 A5 BF.
            let cp = (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F);
            let inside = !matches!(cp, 0x964 | 0x965 | 0x970);
            if inside {
                if start.is_none() {
                    start = Some(i);
                    w.begin(&mut word);
                }
                w.devanagari(cp, &text[i..i + 3], &mut word);
            }
            (inside, 3)
        } else {
            // `i` is at a character's first byte: the text is UTF-8 and ASCII bytes
            // and whole characters are stepped over.
            let c = text[i..].chars().next().unwrap_or(' ');
            let inside = in_word(c);
            if inside {
                if start.is_none() {
                    start = Some(i);
                    w.begin(&mut word);
                }
                w.simple = false;
            }
            (inside, c.len_utf8())
        };
        if !inside
            && let Some(s) = start.take()
            && w.finish(&text[s..i], &mut word)
        {
            each(&word);
        }
        i += len;
    }
    if let Some(s) = start
        && w.finish(&text[s..], &mut word)
    {
        each(&word);
    }
}

/// What is known of the word being read.
#[derive(Default)]
struct Word {
    /// Made as it was read (else it is made again from its text).
    simple: bool,
    digits: bool,
    lower: bool,
    chars: usize,
}

impl Word {
    fn begin(&mut self, word: &mut String) {
        word.clear();
        *self = Word {
            simple: true,
            digits: true,
            lower: true,
            chars: 0,
        };
    }

    fn ascii(&mut self, b: u8, word: &mut String) {
        if self.simple {
            let l = b.to_ascii_lowercase();
            word.push(char::from(l));
            self.digits &= l.is_ascii_digit();
            self.lower &= l.is_ascii_lowercase();
            self.chars += 1;
        }
    }

    fn devanagari(&mut self, cp: u32, raw: &str, word: &mut String) {
        if !self.simple {
            return;
        }
        match cp {
            // Stress signs, which NFC may reorder.
            0x951..=0x954 => self.simple = false,
            0x93C => {}
            0x966..=0x96F => {
                word.push(char::from(b'0' + (cp - 0x966) as u8));
                self.lower = false;
                self.chars += 1;
            }
            _ => {
                match char::from_u32(cp) {
                    Some(c) if needs_change(c) => devanagari(c, word),
                    _ => word.push_str(raw),
                }
                self.digits = false;
                self.lower = false;
                self.chars += 1;
            }
        }
    }

    /// The word read from `raw` is in `word`; false when it is not kept.
    fn finish(&mut self, raw: &str, word: &mut String) -> bool {
        if !self.simple {
            return normalise(raw, word);
        }
        if self.digits {
            return word.len() == 4;
        }
        if self.lower {
            stem(word);
            return word.len() > 1;
        }
        self.chars > 1
    }
}

/// The words of `text`, as the index keeps it.
pub fn words(text: &str) -> Vec<String> {
    let mut all = Vec::new();
    for_each_word(text, |w| all.push(w.to_string()));
    all
}

/// Writes the index's form of one raw word into `out` through NFC (a word
/// [`for_each_word`] could not make as it read it); false when it is not kept.
fn normalise(raw: &str, out: &mut String) -> bool {
    out.clear();
    for c in raw.nfc() {
        match c {
            '\u{0900}'..='\u{097F}' => devanagari(c, out),
            '\u{200C}' | '\u{200D}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.bytes().all(|b| b.is_ascii_digit()) {
        return out.len() == 4;
    }
    if out.bytes().all(|b| b.is_ascii_lowercase()) {
        stem(out);
    }
    out.chars().nth(1).is_some()
}

/// Whether [`devanagari`] writes `c` otherwise than as it is.
fn needs_change(c: char) -> bool {
    matches!(
        c,
        NUKTA | '\u{0966}'..='\u{096F}' | '\u{0929}' | '\u{0931}' | '\u{0934}' | '\u{0958}'..='\u{095F}'
    )
}

/// One Devanagari character as the index keeps it: without its nukta, a digit as ASCII.
fn devanagari(c: char, out: &mut String) {
    match c {
        NUKTA => {}
        '\u{0966}'..='\u{096F}' => out.push(char::from(b'0' + (c as u32 - 0x0966) as u8)),
        '\u{0929}' => out.push('\u{0928}'),
        '\u{0931}' => out.push('\u{0930}'),
        '\u{0934}' => out.push('\u{0933}'),
        '\u{0958}'..='\u{095A}' => {
            out.push(char::from_u32(c as u32 - 0x0958 + 0x0915).unwrap_or(c))
        }
        '\u{095B}' => out.push('\u{091C}'),
        '\u{095C}' => out.push('\u{0921}'),
        '\u{095D}' => out.push('\u{0922}'),
        '\u{095E}' => out.push('\u{092B}'),
        '\u{095F}' => out.push('\u{092F}'),
        c => out.push(c),
    }
}

/// Takes a plural ending, then `-ing`, then a final `e` off a lower-case ASCII word.
fn stem(w: &mut String) {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 4
        && (w.ends_with("sses")
            || w.ends_with("xes")
            || w.ends_with("ches")
            || w.ends_with("shes")
            || w.ends_with("zes"))
    {
        w.truncate(n - 2);
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(n - 1);
    }
    let n = w.len();
    if n > 5 && w.ends_with("ing") && w[..n - 3].bytes().any(is_vowel) {
        w.truncate(n - 3);
        let b = w.as_bytes();
        let m = b.len();
        if m > 2 && b[m - 1] == b[m - 2] && !is_vowel(b[m - 1]) && !b"lsz".contains(&b[m - 1]) {
            w.truncate(m - 1);
        }
    }
    let n = w.len();
    if n > 3 && w.ends_with('e') {
        w.truncate(n - 1);
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_keeps_its_vowel_signs() {
        assert_eq!(words("काम कम"), ["काम", "कम"]);
        assert_eq!(words("मंत्रालय"), ["मंत्रालय"]);
        assert_ne!(words("मंत्रालय"), words("मतरलय"));
    }

    #[test]
    fn nukta_and_decomposed_forms_are_one_word() {
        // U+095B is ज़ as one code point; NFC writes it as ज and the nukta.
        let composed = "\u{095B}िला";
        let decomposed = "ज\u{093C}िला";
        assert_eq!(words(composed), ["जिला"]);
        assert_eq!(words(decomposed), ["जिला"]);
        assert_eq!(words("जिला"), ["जिला"]);
    }

    #[test]
    fn english_case_plurals_and_ing() {
        assert_eq!(words("Meetings meeting MEET"), ["meet", "meet", "meet"]);
        assert_eq!(words("States state"), ["stat", "stat"]);
        assert_eq!(words("running run"), ["run", "run"]);
        assert_eq!(words("making make"), ["mak", "mak"]);
        assert_eq!(words("Bodies body"), ["body", "body"]);
        assert_eq!(words("status bus class"), ["status", "bus", "class"]);
        assert_eq!(words("taxes tax"), ["tax", "tax"]);
    }

    #[test]
    fn numbers_are_years_only() {
        assert_eq!(
            words("In 2025, 1,86,879 crore and २०२५ G20"),
            ["in", "2025", "cror", "and", "2025", "g20"]
        );
    }

    #[test]
    fn one_letter_words_and_punctuation_are_not_kept() {
        assert_eq!(words("a — व; «GeM»!"), ["gem"]);
        assert!(words("").is_empty());
        assert!(words("  ,.;  ").is_empty());
    }
}
