//! The few places where speed needs `unsafe`, all here: taking bytes a SIMD check found
//! to be UTF-8 as a string without checking them again, the SIMD scans of the NFC
//! check, and the one that finds where words end for the search index. Each says why it
//! is sound; everything else in the text layer is safe code.

/// Skips blocks of bytes that certainly hold only inert characters, from the character
/// boundary `i`; returns the character boundary where a block was flagged or too few
/// bytes were left (`i` itself when the first block was). Hindi text is three bytes a
/// character, so a 32-byte block takes ten or more characters a step where the loop in
/// [`first_not_inert`] takes one.
///
/// A block is inert when none of its bytes is one that every non-inert character has:
/// the lead byte of any two- or four-byte character, or of a three-byte one outside
/// U+0800-U+0FFF (E0) and U+2000-U+2FFF (E2, left to the careful loop); the last two
/// bytes of the nukta sign (A4 BC) or of U+0951-0954 and U+0958-095F (A5 then 91-94 or
/// 98-9F); and an E0 not followed by A4 or A5 (a character outside U+0900-U+097F). Each
/// test looks at a byte and the one after it, so a block may start inside a character:
/// blocks follow each other without stepping back to a boundary. Some inert characters
/// are flagged too (E2 punctuation, a nukta after a letter NFC keeps it on); the
/// careful loop clears them.
pub(crate) fn skip_inert_blocks(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    let p = {
        let mut p = i;
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has just been found to support AVX2.
            p = unsafe { skip_blocks_avx2(b, p) };
        }
        skip_blocks_sse2(b, p)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let p = i;
    let mut p = p;
    while p > i && (0x80..0xC0).contains(&b[p]) {
        p -= 1;
    }
    p
}

/// 32 copies of `x`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn byte(x: u8) -> std::arch::x86_64::__m256i {
    std::arch::x86_64::_mm256_set1_epi8(x as i8)
}

/// Which bytes of `v` are in `lo..=hi`. Bytes compare as signed: 0x80-0xFF are
/// -128..-1, so a range of high bytes is one pair of signed comparisons.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn within(v: std::arch::x86_64::__m256i, lo: u8, hi: u8) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::*;
    _mm256_and_si256(
        _mm256_cmpgt_epi8(v, byte(lo.wrapping_sub(1))),
        _mm256_cmpgt_epi8(byte(hi.wrapping_add(1)), v),
    )
}

/// [`skip_inert_blocks`] 32 bytes at a time; returns where it stopped (maybe inside a
/// character).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(crate) fn skip_blocks_avx2(b: &[u8], mut p: usize) -> usize {
    use std::arch::x86_64::*;
    // One byte past the block is read, to pair it with the block's last byte.
    while p + 33 <= b.len() {
        // SAFETY: `p + 33 <= b.len()`, so both unaligned 32-byte loads are inside `b`.
        let (block, next) = unsafe {
            (
                _mm256_loadu_si256(b.as_ptr().add(p).cast()),
                _mm256_loadu_si256(b.as_ptr().add(p + 1).cast()),
            )
        };
        let e0 = _mm256_cmpeq_epi8(block, byte(0xE0));
        let lead = _mm256_andnot_si256(e0, within(block, 0xC2, 0xFF));
        let marks = _mm256_or_si256(
            _mm256_and_si256(
                _mm256_cmpeq_epi8(block, byte(0xA5)),
                _mm256_or_si256(within(next, 0x91, 0x94), within(next, 0x98, 0x9F)),
            ),
            _mm256_and_si256(
                _mm256_cmpeq_epi8(block, byte(0xA4)),
                _mm256_cmpeq_epi8(next, byte(0xBC)),
            ),
        );
        let devanagari_next = _mm256_cmpeq_epi8(_mm256_and_si256(next, byte(0xFE)), byte(0xA4));
        let other_e0 = _mm256_andnot_si256(devanagari_next, e0);
        // Control characters but tab and line feed, and DEL (unsigned: v <= 0x1F).
        let low = _mm256_cmpeq_epi8(_mm256_min_epu8(block, byte(0x1F)), block);
        let tab_lf = _mm256_or_si256(
            _mm256_cmpeq_epi8(block, byte(b'\t')),
            _mm256_cmpeq_epi8(block, byte(b'\n')),
        );
        let controls = _mm256_or_si256(
            _mm256_andnot_si256(tab_lf, low),
            _mm256_cmpeq_epi8(block, byte(0x7F)),
        );
        let flagged = _mm256_or_si256(
            _mm256_or_si256(lead, marks),
            _mm256_or_si256(other_e0, controls),
        );
        if _mm256_testz_si256(flagged, flagged) == 0 {
            break;
        }
        p += 32;
    }
    p
}

/// [`skip_inert_blocks`] 16 bytes at a time (SSE2 is part of every x86_64 processor);
/// returns where it stopped (maybe inside a character).
#[cfg(target_arch = "x86_64")]
pub(crate) fn skip_blocks_sse2(b: &[u8], mut p: usize) -> usize {
    use std::arch::x86_64::*;
    while p + 17 <= b.len() {
        // SAFETY: `p + 17 <= b.len()`, so both unaligned 16-byte loads are inside `b`.
        let flagged = unsafe {
            let block = _mm_loadu_si128(b.as_ptr().add(p).cast());
            let next = _mm_loadu_si128(b.as_ptr().add(p + 1).cast());
            let byte = |x: u8| _mm_set1_epi8(x as i8);
            let within = |v: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, byte(lo.wrapping_sub(1))),
                    _mm_cmplt_epi8(v, byte(hi.wrapping_add(1))),
                )
            };
            let e0 = _mm_cmpeq_epi8(block, byte(0xE0));
            let lead = _mm_andnot_si128(e0, within(block, 0xC2, 0xFF));
            let marks = _mm_or_si128(
                _mm_and_si128(
                    _mm_cmpeq_epi8(block, byte(0xA5)),
                    _mm_or_si128(within(next, 0x91, 0x94), within(next, 0x98, 0x9F)),
                ),
                _mm_and_si128(
                    _mm_cmpeq_epi8(block, byte(0xA4)),
                    _mm_cmpeq_epi8(next, byte(0xBC)),
                ),
            );
            let devanagari_next = _mm_cmpeq_epi8(_mm_and_si128(next, byte(0xFE)), byte(0xA4));
            let other_e0 = _mm_andnot_si128(devanagari_next, e0);
            let low = _mm_cmpeq_epi8(_mm_min_epu8(block, byte(0x1F)), block);
            let tab_lf = _mm_or_si128(
                _mm_cmpeq_epi8(block, byte(b'\t')),
                _mm_cmpeq_epi8(block, byte(b'\n')),
            );
            let controls = _mm_or_si128(
                _mm_andnot_si128(tab_lf, low),
                _mm_cmpeq_epi8(block, byte(0x7F)),
            );
            _mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(lead, marks),
                _mm_or_si128(other_e0, controls),
            ))
        };
        if flagged != 0 {
            break;
        }
        p += 16;
    }
    p
}

/// What each 32 bytes of UTF-8 text `b` from `p` (fewer at its end) are to words, as two
/// masks (bit `k` is the byte at `p + k`): the ASCII bytes but letters and digits, and
/// the lead bytes of the characters neither ASCII nor Devanagari, with the dandas and
/// the abbreviation sign (E0 A5 then A4, A5 or B0). Every other byte is an ASCII letter
/// or digit or part of a Devanagari character of a word; the caller decides what the
/// characters of the second mask are. The search index reads every word of every page
/// this way.
pub(crate) struct WordBlocks {
    avx2: bool,
}

impl WordBlocks {
    pub(crate) fn new() -> WordBlocks {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        WordBlocks { avx2 }
    }

    /// The two masks of the 32 bytes of `b` from `p`.
    #[inline]
    pub(crate) fn at(&self, b: &[u8], p: usize) -> (u32, u32) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 && p + 34 <= b.len() {
            // SAFETY: the processor was found to support AVX2 when `self` was made.
            return unsafe { word_block_avx2(b, p) };
        }
        word_block_bytes(b, p)
    }
}

/// [`WordBlocks`] a byte at a time.
pub(crate) fn word_block_bytes(b: &[u8], p: usize) -> (u32, u32) {
    let (mut ascii, mut wide) = (0, 0);
    for k in p..b.len().min(p + 32) {
        let c = b[k];
        let bit = 1 << (k - p);
        if c < 0x80 {
            if !c.is_ascii_alphanumeric() {
                ascii |= bit;
            }
        } else if c >= 0xC0 {
            let devanagari = c == 0xE0
                && match b.get(k + 1) {
                    Some(0xA4) => true,
                    Some(0xA5) => !matches!(b.get(k + 2), Some(0xA4 | 0xA5 | 0xB0)),
                    _ => false,
                };
            if !devanagari {
                wide |= bit;
            }
        }
    }
    (ascii, wide)
}

/// [`WordBlocks`] at once, where `p + 34 <= b.len()`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(crate) fn word_block_avx2(b: &[u8], p: usize) -> (u32, u32) {
    use std::arch::x86_64::*;
    assert!(p + 34 <= b.len());
    // SAFETY: `p + 34 <= b.len()`, so the three unaligned 32-byte loads are in `b` (each
    // byte is read with the two after it).
    let (block, next, after) = unsafe {
        (
            _mm256_loadu_si256(b.as_ptr().add(p).cast()),
            _mm256_loadu_si256(b.as_ptr().add(p + 1).cast()),
            _mm256_loadu_si256(b.as_ptr().add(p + 2).cast()),
        )
    };
    let ascii = _mm256_cmpgt_epi8(block, byte(0xFF));
    let alnum = _mm256_or_si256(
        within(block, b'0', b'9'),
        _mm256_or_si256(within(block, b'A', b'Z'), within(block, b'a', b'z')),
    );
    let e0 = _mm256_cmpeq_epi8(block, byte(0xE0));
    let devanagari_next = _mm256_cmpeq_epi8(_mm256_and_si256(next, byte(0xFE)), byte(0xA4));
    let dandas = _mm256_and_si256(
        _mm256_cmpeq_epi8(next, byte(0xA5)),
        _mm256_or_si256(
            _mm256_or_si256(
                _mm256_cmpeq_epi8(after, byte(0xA4)),
                _mm256_cmpeq_epi8(after, byte(0xA5)),
            ),
            _mm256_cmpeq_epi8(after, byte(0xB0)),
        ),
    );
    let devanagari = _mm256_and_si256(e0, _mm256_andnot_si256(dandas, devanagari_next));
    let wide = _mm256_andnot_si256(devanagari, within(block, 0xC0, 0xFF));
    (
        _mm256_movemask_epi8(_mm256_andnot_si256(alnum, ascii)) as u32,
        _mm256_movemask_epi8(wide) as u32,
    )
}

/// The bytes as a `String` when they are UTF-8 (checked with SIMD: the standard check
/// runs at under 1 GB/s on Devanagari, three bytes a character, and was 4% of a large
/// build); else the bytes back.
pub(crate) fn into_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just checked that `bytes` is valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    Err(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                proptest::char::range('\u{0900}', '\u{097F}'),
                proptest::char::range('a', 'z'),
                proptest::sample::select(vec![
                    ' ',
                    'A',
                    'Z',
                    '0',
                    '9',
                    '-',
                    '\u{7F}',
                    '\u{200C}',
                    '\u{2014}',
                    'é',
                    'Ж',
                    '\u{0A15}',
                    '\u{0800}',
                    '\u{0FFF}',
                    '\u{1F600}',
                    '\u{0964}',
                    '\u{0965}',
                    '\u{0970}',
                ]),
            ],
            0..80,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_simd_word_blocks_are_the_plain_ones(text in text()) {
            let b = text.as_bytes();
            for p in 0..b.len().saturating_sub(33) {
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor supports AVX2.
                    let simd = unsafe { word_block_avx2(b, p) };
                    prop_assert_eq!(simd, word_block_bytes(b, p), "at {}", p);
                }
            }
        }
    }

    #[test]
    fn a_block_marks_punctuation_dandas_and_other_scripts() {
        let text = "ककक। a-é—b ॥";
        let padded = format!("{text}कककक");
        let at = |s: &str| 1u32 << text.find(s).unwrap();
        let ascii = at(" a") | at("-") | at(" ॥");
        let wide = at("।") | at("é") | at("—") | at("॥");
        // 32 bytes at once where the text goes on, a byte at a time at its end: alike.
        assert!(padded.len() >= 34);
        let blocks = WordBlocks::new();
        assert_eq!(blocks.at(padded.as_bytes(), 0), (ascii, wide));
        assert_eq!(blocks.at(text.as_bytes(), 0), (ascii, wide));
    }
}
