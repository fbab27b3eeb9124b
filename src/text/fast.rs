//! The few places where speed needs `unsafe`, all here: taking bytes a SIMD check found
//! to be UTF-8 as a string without checking them again, and the SIMD scans of the NFC
//! check. Each says why it is sound; everything else in the text layer is safe code.

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
        let byte = |x: u8| _mm256_set1_epi8(x as i8);
        // Bytes compare as signed: 0x80-0xFF are -128..-1, so a range of high bytes is
        // one pair of signed comparisons.
        let within = |v: __m256i, lo: u8, hi: u8| {
            _mm256_and_si256(
                _mm256_cmpgt_epi8(v, byte(lo.wrapping_sub(1))),
                _mm256_cmpgt_epi8(byte(hi.wrapping_add(1)), v),
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
