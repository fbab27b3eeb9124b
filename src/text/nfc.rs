//! NFC without normalising every byte: a scan over the UTF-8 bytes finds the few
//! characters NFC may change, and only the stretches around them are normalised.

use unicode_normalization::UnicodeNormalization;

use super::fast::skip_inert_blocks;
#[cfg(all(test, target_arch = "x86_64"))]
use super::fast::{skip_blocks_avx2, skip_blocks_sse2};

/// NFC of one string (for values that did not come through [`clean_text`]).
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`], borrowing the text when it is already NFC (almost always).
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if certainly_nfc(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(nfc_owned(s.to_string()))
}

/// NFC without a copy when the text is already NFC, which almost all text is. Normalising
/// every byte was a quarter of a large site's build; now only the short stretches around
/// characters that NFC may change are normalised. A stretch runs from the last stable
/// character before such a character to the next stable one after it: a stable
/// character (see [`stable`]) neither combines with what precedes it nor reorders, so the
/// text on either side cannot change the result.
pub(crate) fn nfc_owned(s: String) -> String {
    nfc_flagged(s).0
}

/// [`nfc_owned`], also saying whether normalising changed anything.
pub(crate) fn nfc_flagged(s: String) -> (String, bool) {
    let Some(mut flagged) = first_not_inert(&s, 0) else {
        return (s, false);
    };
    let mut out = String::with_capacity(s.len() + 16);
    let mut copied = 0;
    loop {
        let start = s[copied..flagged]
            .char_indices()
            .rev()
            .find(|(_, c)| stable(*c))
            .map(|(i, _)| copied + i)
            .unwrap_or(copied);
        let after = flagged + s[flagged..].chars().next().map_or(0, char::len_utf8);
        let end = s[after..]
            .char_indices()
            .find(|(_, c)| stable(*c))
            .map(|(i, _)| after + i)
            .unwrap_or(s.len());
        out.push_str(&s[copied..start]);
        out.extend(s[start..end].nfc());
        copied = end;
        match first_not_inert(&s, end) {
            Some(i) => flagged = i,
            None => break,
        }
    }
    out.push_str(&s[copied..]);
    let changed = out != s;
    (out, changed)
}

/// The byte index of the first character at or after `from` that is not inert where it
/// stands: not [`inert`], except the nukta sign right after a consonant it does not
/// compose with. NFC leaves such a pair as it is: the letters with a nukta are excluded
/// from composition, all but U+0929, U+0931 and U+0934 (न, र, ळ). NFC Hindi writes ड़ and
/// ढ़ this way, so most texts have many, and each was normalised as a change. What
/// follows the sign cannot reorder with it unless it is itself not inert, and then its
/// stretch reaches back past the sign (which is not [`stable`]). Works on the UTF-8
/// bytes, since this runs over every byte of every text.
pub(crate) fn first_not_inert(s: &str, from: usize) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut i = from;
    // A block found not certainly inert is looked at character by character to its end,
    // not tried again at each character.
    let mut careful_until = 0;
    while i < b.len() {
        if i >= careful_until {
            let next = skip_inert_blocks(b, i);
            if next > i {
                i = next;
                continue;
            }
            careful_until = i + BLOCK_REACH;
        }
        let lead = b[i];
        if lead < 0x80 {
            if !inert_ascii(lead) {
                return Some(i);
            }
            // English text is ASCII: skip it eight bytes at a time, while no byte is
            // a control character (a word with a tab or a line end takes the byte way).
            i += 1;
            while let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
                if word & HIGH_BITS != 0 || has_control(word) {
                    break;
                }
                i += 8;
            }
            continue;
        }
        let inert_here = match (lead, b.get(i + 1), b.get(i + 2)) {
            // U+0900-U+093F: all but the nukta sign U+093C, unless it follows a
            // consonant other than न, र and ळ.
            (0xE0, Some(0xA4), Some(&t)) => {
                t != 0xBC
                    || (i >= 3
                        && b[i - 3] == 0xE0
                        && b[i - 2] == 0xA4
                        && matches!(b[i - 1], 0x95..=0xB9)
                        && !matches!(b[i - 1], 0xA8 | 0xB0 | 0xB3))
            }
            // U+0940-U+097F: all but U+0951-0954 and U+0958-095F.
            (0xE0, Some(0xA5), Some(&t)) => {
                !(0x91..=0x94).contains(&t) && !(0x98..=0x9F).contains(&t)
            }
            // U+2000-U+206F, general punctuation, but U+2000 and U+2001, which NFC
            // turns into U+2002 and U+2003.
            (0xE2, Some(0x80), Some(&t)) => t >= 0x82,
            (0xE2, Some(0x81), Some(&t)) => t <= 0xAF,
            // U+20B9, the rupee sign.
            (0xE2, Some(0x82), Some(0xB9)) => true,
            _ => false,
        };
        if !inert_here {
            return Some(i);
        }
        i += 3;
    }
    None
}

/// An ASCII byte that is inert: tab, line feed, or printable (not a control character,
/// which cannot be published; see [`unpublishable`]).
fn inert_ascii(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x20..=0x7E)
}

/// Whether an ASCII word (no high bits) holds a byte below 0x20 or DEL (exactly: the
/// borrow of the subtraction cannot cross bytes whose high bit is clear).
fn has_control(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let del = (word ^ (ONES * 0x7F)).wrapping_sub(ONES) & !(word ^ (ONES * 0x7F)) & HIGH;
    below_space | del != 0
}

/// How far past a flagged block's start the careful loop in [`first_not_inert`] looks:
/// the widest block and the character that may straddle its end.
const BLOCK_REACH: usize = 32 + 3;

/// A character NFC never changes and that never combines with a preceding one.
pub(crate) fn inert(c: char) -> bool {
    match c as u32 {
        0..=0x7F => inert_ascii(c as u8),
        0x093C | 0x0951..=0x0954 | 0x0958..=0x095F => false,
        0x0900..=0x097F => true,
        // U+2000 and U+2001 have singleton decompositions (to U+2002 and U+2003).
        0x2002..=0x206F | 0x20B9 => true,
        _ => false,
    }
}

/// A inert character that also has combining class 0, so nothing reorders across it.
pub(crate) fn stable(c: char) -> bool {
    inert(c) && unicode_normalization::char::canonical_combining_class(c) == 0
}

/// True when `s` is certainly NFC by a cheap test: every character is ASCII, general
/// punctuation, the rupee sign, or Devanagari other than the few that NFC can change
/// (the nukta letters U+0958-095F, the nukta sign, and the Vedic stress marks). Of the
/// rest, only the virama has a combining class, so no reordering can apply either.
pub(crate) fn certainly_nfc(s: &str) -> bool {
    first_not_inert(s, 0).is_none()
}

#[cfg(test)]
mod tests {
    use super::super::clean::clean_text;
    use super::*;
    #[test]
    fn control_words_are_found_exactly() {
        for b in 0u8..0x80 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let w = u64::from_le_bytes(word);
                assert_eq!(has_control(w), b < 0x20 || b == 0x7F, "{b:#x} at {at}");
            }
        }
        assert!(!has_control(u64::from_le_bytes(*b"a b~ c1Z")));
    }

    #[test]
    fn the_byte_scan_agrees_with_inert() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{FEFF}', '\u{1F600}']) {
            let alone = c.to_string();
            let in_text = format!("ab {c} क");
            assert_eq!(
                first_not_inert(&alone, 0).is_none(),
                inert(c),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(
                first_not_inert(&in_text, 0),
                (!inert(c)).then_some(3),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// Every character the fast path takes as inert is one NFC keeps as it is and that
    /// combines with nothing before it (NFC's quick check says "yes" for it alone).
    #[test]
    fn every_inert_character_is_left_alone_by_nfc() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let mut inert_count = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            let by_bytes = first_not_inert(&alone, 0).is_none();
            assert_eq!(by_bytes, inert(c), "U+{:04X}", c as u32);
            if !inert(c) {
                continue;
            }
            inert_count += 1;
            assert_eq!(alone.nfc().collect::<String>(), alone, "U+{:04X}", c as u32);
            assert_eq!(
                is_nfc_quick(alone.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
        assert!(inert_count > 200, "{inert_count}");
        assert_eq!(nfc("\u{2000}\u{2001}"), "\u{2002}\u{2003}");
        assert_eq!(clean_text("a\u{2000}b"), "a\u{2002}b");
    }

    #[test]
    fn nfc_makes_nukta_forms_equal() {
        // क़ as one code point and as क + nukta.
        assert_eq!(clean_text("\u{0958}"), clean_text("\u{0915}\u{093c}"));
    }

    #[test]
    fn the_fast_path_agrees_with_full_normalisation() {
        let samples = [
            "जेम संवाद भोपाल में 28 नवम्बर, 2025 को — “क्रेता संवाद” ₹12,600",
            "क़ानून \u{0915}\u{093c}ानून ज़्यादा फ़ीड",
            "\u{0928}\u{093c} and \u{0958}",
            "e\u{0301}té Ångström",
            "प्रदेश्\u{094d}\u{093c}",
            "\u{0915}\u{0952}\u{0951}",
            "plain ASCII only",
            "मिज़ोरम\nline two क\u{093c}\n\nलाइन",
        ];
        for s in samples {
            let expected: String = s.nfc().collect();
            assert_eq!(nfc(s), expected, "{s:?}");
            assert_eq!(clean_text(s), expected, "{s:?}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_full_normalisation_on_random_text() {
        // Characters that stress the stretches: starters that take a nukta, the nukta
        // letters, marks of several combining classes, Latin with accents, Hangul jamo.
        let alphabet: Vec<char> =
            "ळड\u{093C}\u{093C}कनरऴ्ािु॒॑क़ज़aeÅ\u{0301}\u{0323} \n.\u{1100}\u{1161}\u{11A8}"
                .chars()
                .collect();
        let mut rng = Lcg(12345);
        for _ in 0..20_000 {
            let len = rng.next() % 12;
            let text: String = (0..len)
                .map(|_| alphabet[rng.next() % alphabet.len()])
                .collect();
            let expected: String = text.nfc().collect();
            assert_eq!(nfc(&text), expected, "{text:?}");
            // The byte scanner agrees with the character test.
            let by_chars = first_not_inert_by_chars(&text);
            assert_eq!(first_not_inert(&text, 0), by_chars, "{text:?}");
        }
    }

    /// A small deterministic generator for the random-text tests.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as usize
        }
    }

    /// The character test [`first_not_inert`] makes on bytes.
    fn inert_after(prev: Option<char>, c: char) -> bool {
        inert(c)
            || (c == '\u{093C}'
                && prev.is_some_and(|p| {
                    matches!(p, '\u{0915}'..='\u{0939}')
                        && !matches!(p, '\u{0928}' | '\u{0930}' | '\u{0933}')
                }))
    }

    /// [`first_not_inert`] the slow way, character by character.
    fn first_not_inert_by_chars(text: &str) -> Option<usize> {
        let mut prev = None;
        for (i, c) in text.char_indices() {
            if !inert_after(prev, c) {
                return Some(i);
            }
            prev = Some(c);
        }
        None
    }

    #[test]
    fn a_nukta_is_inert_exactly_where_nfc_keeps_it() {
        for p in '\u{0900}'..='\u{097F}' {
            let pair: String = [p, '\u{093C}'].iter().collect();
            let kept = pair.nfc().collect::<String>() == pair;
            if inert_after(Some(p), '\u{093C}') {
                assert!(kept, "U+{:04X}", p as u32);
                // Whatever follows, the fast path normalises as the full one does.
                for next in ['a', 'क', '\u{094D}', '\u{093E}', '\u{0951}', '\u{0323}'] {
                    let text: String = [p, '\u{093C}', next].iter().collect();
                    assert_eq!(nfc(&text), text.nfc().collect::<String>(), "{text:?}");
                }
            }
            // Of the consonants, the fast path takes exactly those NFC keeps.
            if ('\u{0915}'..='\u{0939}').contains(&p) {
                assert_eq!(inert_after(Some(p), '\u{093C}'), kept, "U+{:04X}", p as u32);
            }
        }
        assert_eq!(first_not_inert("पड़ा", 0), None);
        assert_eq!(first_not_inert("न\u{093C}", 0), Some(3));
    }

    #[test]
    fn the_block_scan_finds_every_character_at_every_place() {
        // Each character, at each place in a long inert text (so the 32- and 16-byte
        // blocks run over it at every offset), is found exactly when it is not inert.
        let before = "एक दो तीन a b चार पाँच छह ";
        let after = " सात आठ नौ दस ग्यारह बारह";
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{FEFF}', '\u{1F600}', '\u{E000}']) {
            for shift in 0..32 {
                let lead = "a".repeat(shift);
                let text = format!("{lead}{before}{c}{after}");
                let at = lead.len() + before.len();
                assert_eq!(
                    first_not_inert(&text, 0),
                    (!inert(c)).then_some(at),
                    "U+{:04X} after {shift} bytes",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn the_block_scan_agrees_with_inert_on_long_random_text() {
        // Mostly inert text with a few characters that are not, in runs long enough for
        // the block scan.
        let alphabet: Vec<char> = "कखगघ अआइ ािीु्ंः।abc ,.\n0123ऩक़॑ॐ॰ॲéअ\u{0901}\u{093C}\u{0958}\u{2019}\u{20B9}\u{0A15}\u{0800}"
            .chars()
            .collect();
        let mut rng = Lcg(99);
        for _ in 0..20_000 {
            let len = rng.next() % 90;
            // Three draws in four from the first 24 characters, which are all inert.
            let text: String = (0..len)
                .map(|_| match rng.next() {
                    r if r.is_multiple_of(4) => alphabet[r / 4 % alphabet.len()],
                    r => alphabet[r / 4 % 24],
                })
                .collect();
            let by_chars = first_not_inert_by_chars(&text);
            assert_eq!(first_not_inert(&text, 0), by_chars, "{text:?}");
            // Each block width alone stops at or before the first character that is not
            // inert (the scan above takes the widest the processor has).
            #[cfg(target_arch = "x86_64")]
            if let Some(at) = by_chars {
                let b = text.as_bytes();
                let boundary = |mut p: usize| {
                    while p > 0 && (0x80..0xC0).contains(&b[p]) {
                        p -= 1;
                    }
                    p
                };
                assert!(boundary(skip_blocks_sse2(b, 0)) <= at, "{text:?}");
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor supports AVX2.
                    let p = unsafe { skip_blocks_avx2(b, 0) };
                    assert!(boundary(p) <= at, "{text:?}");
                }
            }
        }
    }
}
