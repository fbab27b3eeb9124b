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

/// Whether `c` belongs in a word: a letter, mark or digit, or a joiner.
fn in_word(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}') || c.is_alphanumeric() || is_combining_mark(c)
}

/// What a byte of ASCII is to a word: not in one, or a lower-case letter, a capital or
/// a digit.
const SEP: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;

const ASCII: [u8; 128] = {
    let mut t = [SEP; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            _ => SEP,
        };
        b += 1;
    }
    t
};

/// The bytes not in a word: ASCII's, but for letters and digits.
const SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII[b] == SEP;
        b += 1;
    }
    t
};

/// What a character of the Devanagari block (U+0900–U+097F) is to a word: not in one
/// (the dandas and the abbreviation sign), kept as it is, written otherwise (the nukta,
/// digits, the letters with a nukta), or one NFC may move (the stress signs).
const PLAIN: u8 = 1;
const CHANGED: u8 = 2;
const MOVED: u8 = 3;

const DEVANAGARI: [u8; 128] = {
    let mut t = [PLAIN; 128];
    t[0x64] = SEP;
    t[0x65] = SEP;
    t[0x70] = SEP;
    t[0x3C] = CHANGED;
    t[0x29] = CHANGED;
    t[0x31] = CHANGED;
    t[0x34] = CHANGED;
    let mut c = 0x58;
    while c <= 0x5F {
        t[c] = CHANGED;
        c += 1;
    }
    let mut c = 0x66;
    while c <= 0x6F {
        t[c] = CHANGED;
        c += 1;
    }
    let mut c = 0x51;
    while c <= 0x54 {
        t[c] = MOVED;
        c += 1;
    }
    t
};

/// Calls `each` with every word of `text` as the index keeps it, in order (repeats
/// included). ASCII and Devanagari are read byte by byte through the tables above, and
/// a word needing no change (most) is handed over as it stands in the text; one with a
/// capital, a nukta or a Devanagari digit is written again; one with any other letter,
/// or a sign NFC could move, is made again from its text by [`normalise`].
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut buf = String::new();
    let mut i = 0;
    let devanagari_at = |i: usize| devanagari_at(bytes, i);
    while i < n {
        // Spaces and ASCII punctuation, stepped over at once.
        while i < n && SPACE[usize::from(bytes[i])] {
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        let mut w = Seen::default();
        // Most words are one run of lower-case ASCII letters, or of Devanagari kept as
        // it is, ended by a space, punctuation or a danda: such a word is read in a
        // tight loop and handed over at once. Any other reads on in the loop below.
        let ends_here = |i: usize| match bytes.get(i) {
            None => true,
            Some(&b) if b < 0x80 => ASCII[usize::from(b)] == SEP,
            Some(_) => devanagari_at(i).is_some_and(|at| DEVANAGARI[at] == SEP),
        };
        if bytes[i].is_ascii_lowercase() {
            while i < n && bytes[i].is_ascii_lowercase() {
                i += 1;
            }
            if ends_here(i) {
                stemmed(&text[start..i], &mut buf, &mut each);
                continue;
            }
            w.chars = i - start;
            w.digits = false;
        } else {
            // A character of U+0900–U+097F is E0 A4 80 to E0 A5 BF: its table entry is
            // read from the second byte's last bit and the third's six.
            let mut run = 0;
            for c in bytes[i..].chunks_exact(3) {
                if c[0] != 0xE0
                    || c[1] & 0xFE != 0xA4
                    || DEVANAGARI[(usize::from(c[1] & 1) << 6) | usize::from(c[2] & 0x3F)] != PLAIN
                {
                    break;
                }
                run += 3;
            }
            i += run;
            w.chars = run / 3;
            if w.chars > 0 {
                if ends_here(i) {
                    if w.chars > 1 {
                        each(&text[start..i]);
                    }
                    continue;
                }
                w.digits = false;
                w.lower = false;
            }
        }
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                match ASCII[usize::from(b)] {
                    SEP => break,
                    LOWER => w.letter(false),
                    UPPER => w.letter(true),
                    _ => w.digit(),
                }
                i += 1;
            } else if let Some(at) = devanagari_at(i) {
                match DEVANAGARI[at] {
                    SEP => break,
                    PLAIN => w.devanagari(),
                    CHANGED => {
                        w.changed = true;
                        match at {
                            0x3C => {}
                            0x66..=0x6F => w.digit(),
                            _ => w.devanagari(),
                        }
                    }
                    _ => w.other = true,
                }
                i += 3;
            } else {
                // `i` is at a character's first byte: ASCII bytes and whole characters
                // are stepped over.
                let c = text[i..].chars().next().unwrap_or(' ');
                if !in_word(c) {
                    break;
                }
                w.other = true;
                i += c.len_utf8();
            }
        }
        if i == start {
            // Not a word's character: step over it.
            i += if bytes[i] < 0x80 {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        }
        let raw = &text[start..i];
        if w.other {
            if normalise(raw, &mut buf) {
                each(&buf);
            }
            continue;
        }
        let word = if w.upper || w.changed {
            buf.clear();
            if raw.is_ascii() {
                buf.push_str(raw);
                buf.make_ascii_lowercase();
            } else {
                for c in raw.chars() {
                    devanagari(c.to_ascii_lowercase(), &mut buf);
                }
            }
            buf.as_str()
        } else {
            raw
        };
        if w.digits {
            if word.len() == 4 {
                each(word);
            }
        } else if w.lower {
            let (keep, y) = stem(word.as_bytes());
            if keep + usize::from(y) > 1 {
                if y {
                    let mut stemmed = String::with_capacity(keep + 1);
                    stemmed.push_str(&word[..keep]);
                    stemmed.push('y');
                    each(&stemmed);
                } else {
                    each(&word[..keep]);
                }
            }
        } else if w.chars > 1 {
            each(word);
        }
    }
}

/// Calls `each` with where every run of word characters in `text` starts and ends (at
/// character boundaries): the runs as they stand, before the index's changes (the runs
/// [`for_each_word`] reads its words from, one word or none each: [`index_form`] makes
/// it). A text says the same few thousand runs again and again, so the index reads
/// text this cheap way and makes each run's word once.
pub fn for_each_run(text: &str, mut each: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The text is read 32 bytes a step as a mask of the bytes that are not a word's
    // (bit `k` for the byte at `p + k`); a run is a stretch of clear bits.
    let blocks = crate::text::WordBlocks::new();
    let mut p = 0;
    // Bits of the next block set by a character that ends in it.
    let mut carry = 0u32;
    // Where a run that goes on from an earlier block begins.
    let mut open = None;
    // A run that goes on to the end of the text ends in a block past it, of stops only.
    while p < n || open.is_some() {
        let (ascii, mut wide) = blocks.at(bytes, p);
        let mut stops = ascii | carry;
        carry = 0;
        // Neither ASCII nor Devanagari, or a danda: a word's character (a Latin accent,
        // say) or not (a dash, a quotation mark), all of whose bytes are then set.
        while wide != 0 {
            let k = wide.trailing_zeros() as usize;
            wide &= wide - 1;
            let (word, width) = wide_char_at(text, p + k);
            if !word {
                let set = ((1u64 << width) - 1) << k;
                stops |= set as u32;
                carry |= (set >> 32) as u32;
            }
        }
        if n - p < 32 {
            stops |= u32::MAX << (n - p);
        }
        let mut starts = !stops;
        loop {
            let start = match open.take() {
                Some(start) => start,
                None if starts == 0 => break,
                None => p + starts.trailing_zeros() as usize,
            };
            let ends = stops & (u32::MAX << (start.max(p) - p));
            if ends == 0 {
                open = Some(start);
                break;
            }
            let end = ends.trailing_zeros();
            each(start, p + end as usize);
            starts &= u32::MAX << end;
        }
        p += 32;
    }
}

/// Whether the character at `i` (a boundary, not ASCII) is a word's, and its width in
/// bytes.
#[inline]
fn wide_char_at(text: &str, i: usize) -> (bool, usize) {
    if let Some(at) = devanagari_at(text.as_bytes(), i) {
        return (DEVANAGARI[at] != SEP, 3);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (in_word(c), c.len_utf8())
}

/// The index of the character at `i` in [`DEVANAGARI`], if it is one of U+0900–U+097F
/// (E0 A4 80 to E0 A5 BF).
#[inline]
fn devanagari_at(bytes: &[u8], i: usize) -> Option<usize> {
    (i + 2 < bytes.len() && bytes[i] == 0xE0 && matches!(bytes[i + 1], 0xA4 | 0xA5))
        .then(|| (usize::from(bytes[i + 1] & 1) << 6) | usize::from(bytes[i + 2] & 0x3F))
}

/// Writes the word the index keeps for `run` (one of [`for_each_run`]'s) into `out`;
/// false when it keeps none.
pub fn index_form(run: &str, out: &mut String) -> bool {
    out.clear();
    let mut kept = false;
    for_each_word(run, |w| {
        out.push_str(w);
        kept = true;
    });
    kept
}

/// Hands over a lower-case ASCII word stemmed, if it keeps two letters (`spare` is
/// where a stem ending in `y` is written).
fn stemmed(word: &str, spare: &mut String, each: &mut impl FnMut(&str)) {
    let (keep, y) = stem(word.as_bytes());
    if keep + usize::from(y) > 1 {
        if y {
            spare.clear();
            spare.push_str(&word[..keep]);
            spare.push('y');
            each(spare);
        } else {
            each(&word[..keep]);
        }
    }
}

/// What is known of the word being read.
struct Seen {
    /// Only digits (ASCII or Devanagari): kept when a year.
    digits: bool,
    /// Only Latin letters: stemmed.
    lower: bool,
    /// Has a capital.
    upper: bool,
    /// Has a Devanagari character the index writes otherwise.
    changed: bool,
    /// Has a character neither ASCII nor Devanagari, or one NFC may move.
    other: bool,
    /// Characters, the nukta not counted.
    chars: usize,
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            digits: true,
            lower: true,
            upper: false,
            changed: false,
            other: false,
            chars: 0,
        }
    }
}

impl Seen {
    fn letter(&mut self, upper: bool) {
        self.upper |= upper;
        self.digits = false;
        self.chars += 1;
    }

    fn digit(&mut self) {
        self.lower = false;
        self.chars += 1;
    }

    fn devanagari(&mut self) {
        self.digits = false;
        self.lower = false;
        self.chars += 1;
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
        let (keep, y) = stem(out.as_bytes());
        out.truncate(keep);
        if y {
            out.push('y');
        }
    }
    out.chars().nth(1).is_some()
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

/// Takes a plural ending, then `-ing`, then a final `e` off a lower-case ASCII word:
/// how many of its bytes the stem keeps, and whether a `y` follows them (bodies, body).
fn stem(w: &[u8]) -> (usize, bool) {
    let n = w.len();
    // Every ending taken off ends in `s`, `g` or `e`: most words end otherwise.
    if !matches!(w.last(), Some(b's' | b'g' | b'e')) {
        return (n, false);
    }
    let ends = |k: usize, s: &[u8]| w[..k].ends_with(s);
    let mut k = n;
    if n > 4 && ends(n, b"ies") {
        return (n - 3, true);
    }
    if n > 4
        && [&b"sses"[..], b"xes", b"ches", b"shes", b"zes"]
            .iter()
            .any(|s| ends(n, s))
    {
        k = n - 2;
    } else if n > 3 && ends(n, b"s") && !ends(n, b"ss") && !ends(n, b"us") && !ends(n, b"is") {
        k = n - 1;
    }
    if k > 5 && ends(k, b"ing") && w[..k - 3].iter().copied().any(is_vowel) {
        k -= 3;
        if k > 2 && w[k - 1] == w[k - 2] && !is_vowel(w[k - 1]) && !b"lsz".contains(&w[k - 1]) {
            k -= 1;
        }
    }
    if k > 3 && w[k - 1] == b'e' {
        k -= 1;
    }
    (k, false)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    /// Every word as [`normalise`] makes it from the text's runs of word characters: the
    /// slow way, which the tables and fast paths of [`for_each_word`] must agree with.
    fn slowly(text: &str) -> Vec<String> {
        let mut all = Vec::new();
        let mut out = String::new();
        for raw in text.split(|c: char| {
            !(c.is_ascii_alphanumeric()
                || (('\u{0900}'..='\u{097F}').contains(&c)
                    && !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}'))
                || (!c.is_ascii() && in_word(c)))
        }) {
            if !raw.is_empty() && normalise(raw, &mut out) {
                all.push(out.clone());
            }
        }
        all
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                proptest::char::range('\u{0900}', '\u{097F}'),
                proptest::char::range('a', 'z'),
                proptest::char::range('A', 'Z'),
                proptest::sample::select(vec![
                    ' ', ',', '0', '2', '9', '-', '\u{200C}', '\u{200D}', '\u{2014}', '\u{201C}',
                    'é', 'Ж', '\u{0301}', '\u{093C}', '\u{0964}',
                ]),
            ],
            0..90,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_fast_reading_agrees_with_normalising_each_word(text in mixed_text()) {
            prop_assert_eq!(words(&text), slowly(&text));
        }

        #[test]
        fn reading_runs_then_their_words_agrees_with_reading_words(text in mixed_text()) {
            let mut by_runs = Vec::new();
            let mut out = String::new();
            for_each_run(&text, |start, end| {
                if index_form(&text[start..end], &mut out) {
                    by_runs.push(out.clone());
                }
            });
            prop_assert_eq!(by_runs, words(&text));
        }
    }

    #[test]
    fn one_letter_words_and_punctuation_are_not_kept() {
        assert_eq!(words("a — व; «GeM»!"), ["gem"]);
        assert!(words("").is_empty());
        assert!(words("  ,.;  ").is_empty());
    }
}
