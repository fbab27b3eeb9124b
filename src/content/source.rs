//! Author files as text: read, cleaned of what Windows editors add, normalised to NFC,
//! split into front matter and body, and parsed as YAML with errors that point into the
//! file the author opened.

use std::path::Path;

use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Diagnostic, line_col};

/// The text of one author file, ready to parse.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the site root, as shown in messages.
    pub display_path: std::path::PathBuf,
    /// The whole file: no BOM, `\n` line ends, NFC.
    pub text: String,
    /// The file as read: its size and modification time, and whether `text` is exactly
    /// its bytes (no cleaning was needed, as for almost every file).
    pub stamp: FileStamp,
    /// Characters that cannot be published (control characters pasted from a PDF,
    /// noncharacters), each replaced, with where they were: warnings for the author.
    pub warnings: Vec<Diagnostic>,
}

/// What was seen of a file when it was read, so reading it again can be cheap and can
/// notice a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// The cleaned text is the file's bytes unchanged.
    pub verbatim: bool,
}

/// Reads an author file. Invalid UTF-8 is an error that says which line holds the bad bytes.
pub fn read_source(path: &Path, display_path: &Path) -> Result<SourceText, Diagnostic> {
    let (bytes, len, modified) = read_stamped(path, display_path)?;
    let raw = utf8(bytes, display_path)?;
    let (text, verbatim, unpublishable) = clean_text_flagged(raw);
    let warnings = unpublishable
        .iter()
        .take(MAX_CHARACTER_WARNINGS)
        .map(|&(at, c)| {
            let (line, column) = line_col(&text, at);
            Diagnostic::warning(format!(
                "this file holds {}, which cannot be published; it was replaced by {}",
                describe_unpublishable(c),
                if replacement_for(c) == ' ' { "a space" } else { "�" }
            ))
            .in_file(display_path)
            .at(&text, line, column)
            .with_hint("such characters come with text pasted from PDF files or other programs; delete it and type the text again")
        })
        .chain((unpublishable.len() > MAX_CHARACTER_WARNINGS).then(|| {
            Diagnostic::warning(format!(
                "this file holds {} more such characters",
                unpublishable.len() - MAX_CHARACTER_WARNINGS
            ))
            .in_file(display_path)
        }))
        .collect();
    Ok(SourceText {
        display_path: display_path.to_path_buf(),
        text,
        stamp: FileStamp {
            len,
            modified,
            verbatim,
        },
        warnings,
    })
}

/// Warnings about unpublishable characters, per file, before one that counts the rest.
const MAX_CHARACTER_WARNINGS: usize = 5;

/// A character no published file may hold: the C0 controls but tab and line feed (a
/// carriage return is a line end, turned into one before this test), DEL, the C1
/// controls, and Unicode's noncharacters (U+FFFE, U+FFFF and the like). XML 1.0 forbids
/// the C0 controls, so one of them makes a feed unreadable; HTML forbids all of them.
pub fn unpublishable(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\t' && c != '\n')
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// What an unpublishable character becomes: a control character (invisible, usually a
/// page break or a stray byte) a space, a noncharacter the replacement character.
fn replacement_for(c: char) -> char {
    if (c as u32) < 0xA0 { ' ' } else { '\u{FFFD}' }
}

fn describe_unpublishable(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{0B}' => " (vertical tab)",
        '\u{0C}' => " (form feed, a page break)",
        '\u{1B}' => " (escape)",
        '\u{7F}' => " (delete)",
        '\u{85}' => " (next line)",
        _ => "",
    };
    format!("the control character U+{:04X}{name}", c as u32)
        .replace("control character U+FFFE", "noncharacter U+FFFE")
        .replace("control character U+FFFF", "noncharacter U+FFFF")
}

/// Text made publishable: each [`unpublishable`] character replaced. Returns the text
/// and where each replaced character was (byte offsets into the returned text).
pub fn replace_unpublishable(text: String) -> (String, Vec<(usize, char)>) {
    let Some(first) = first_unpublishable(&text) else {
        return (text, Vec::new());
    };
    let mut found = Vec::new();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if unpublishable(c) {
            found.push((out.len(), c));
            out.push(replacement_for(c));
        } else {
            out.push(c);
        }
    }
    (out, found)
}

/// The byte offset of the first [`unpublishable`] character. Every such character is
/// one the NFC scan does not take as plain, so the scan (a pass over blocks of bytes)
/// finds the place to start looking at characters.
fn first_unpublishable(text: &str) -> Option<usize> {
    let from = first_not_plain(text, 0)?;
    text[from..]
        .char_indices()
        .find(|(_, c)| unpublishable(*c))
        .map(|(i, _)| from + i)
}

/// A value read from YAML (where escapes like `"\u000c"` can write any character) made
/// publishable; true when something was replaced.
pub fn publishable_value(value: &str) -> (std::borrow::Cow<'_, str>, bool) {
    if first_unpublishable(value).is_none() {
        return (std::borrow::Cow::Borrowed(value), false);
    }
    let (clean, _) = replace_unpublishable(value.to_string());
    (std::borrow::Cow::Owned(clean), true)
}

/// A text value of an author's file as the site uses it: trimmed, made publishable,
/// NFC. A replaced character (only YAML escapes like `"\u000c"` can write one: the file
/// itself was cleaned when read) gives a warning naming `field`, without a place: the
/// caller knows where the value was written.
pub fn text_field(value: &str, field: &str) -> (String, Option<Diagnostic>) {
    let (clean, replaced) = publishable_value(value.trim());
    let warning = replaced.then(|| {
        Diagnostic::warning(format!(
            "`{field}` holds a control character or a noncharacter (written as an escape such as \\u000c), which cannot be published; it was replaced"
        ))
        .with_hint("remove the escape from the value")
    });
    (nfc(clean.trim()), warning)
}

impl SourceText {
    /// A text that did not come from a file (for tools and tests that check one text):
    /// cleaned as a file's would be.
    pub fn from_text(display_path: impl Into<std::path::PathBuf>, text: &str) -> SourceText {
        let (text, verbatim, _) = clean_text_flagged(text.to_string());
        SourceText {
            display_path: display_path.into(),
            text,
            stamp: FileStamp {
                len: 0,
                modified: None,
                verbatim,
            },
            warnings: Vec::new(),
        }
    }
}

/// A Markdown body read again at render time: the file's text from where the body
/// starts. Holding the whole text with an offset spares moving the body to the front.
#[derive(Debug)]
pub struct Body {
    text: String,
    start: usize,
}

impl Body {
    /// The whole file's text (the body is from [`Body::start`] on).
    pub fn file_text(&self) -> &str {
        &self.text
    }

    /// Where the body starts in [`Body::file_text`].
    pub fn start(&self) -> usize {
        self.start
    }
}

impl std::ops::Deref for Body {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text[self.start..]
    }
}

/// Reads the body of a Markdown file again, at render time. When the file is as it was
/// at load time and needed no cleaning, its bytes are only checked to be UTF-8 (the NFC
/// scan was done at load); a file changed since is an error, so a
/// page never mixes two versions of a file.
pub fn read_body_again(
    path: &Path,
    display_path: &Path,
    stamp: &FileStamp,
    body_start: usize,
) -> Result<Body, Diagnostic> {
    let (bytes, len, modified) = read_stamped(path, display_path)?;
    let changed = || {
        Diagnostic::error("this file changed while the site was being built")
            .in_file(display_path)
            .with_hint("build again")
    };
    if len != stamp.len || modified != stamp.modified || body_start > bytes.len() {
        return Err(changed());
    }
    if stamp.verbatim {
        let text = utf8(bytes, display_path)?;
        // A body that no longer starts at a character boundary: the file changed in place.
        if !text.is_char_boundary(body_start) {
            return Err(changed());
        }
        return Ok(Body {
            text,
            start: body_start,
        });
    }
    let src = SourceText {
        display_path: display_path.to_path_buf(),
        text: clean_text(&utf8(bytes, display_path)?),
        stamp: stamp.clone(),
        warnings: Vec::new(),
    };
    let start = src.text.len() - split_front_matter(&src)?.body.len();
    Ok(Body {
        text: src.text,
        start,
    })
}

/// The file's bytes, size and modification time (from one `fstat` of the open file).
fn read_stamped(
    path: &Path,
    display_path: &Path,
) -> Result<(Vec<u8>, u64, Option<std::time::SystemTime>), Diagnostic> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Diagnostic::error(format!("cannot read this file: {e}")).in_file(display_path)
    };
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    // Reads into a buffer of the size `fstat` gave, plus one byte to see the end: one
    // `read` for the text and one for the end, without the extra `fstat` and `lseek`
    // (and 8 KiB reads) of the standard `read_to_end`.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    loop {
        match read_into_spare(&file, &mut bytes) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot(e)),
        }
        if bytes.len() == bytes.capacity() {
            // The file grew since `fstat`: read the rest.
            file.read_to_end(&mut bytes).map_err(cannot)?;
            break;
        }
    }
    let len = bytes.len() as u64;
    Ok((bytes, len, meta.modified().ok()))
}

/// One `read` into the vector's spare capacity, as is: zeroing the buffer first (as safe
/// `Read::read` needs) cost 2% of a build.
#[cfg(target_os = "linux")]
fn read_into_spare(file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::os::fd::AsRawFd;
    let spare = bytes.spare_capacity_mut();
    // SAFETY: `read` writes at most `spare.len()` bytes into memory the vector owns and
    // does not yet count; the vector then counts exactly the bytes `read` says it wrote.
    let n = unsafe { libc::read(file.as_raw_fd(), spare.as_mut_ptr().cast(), spare.len()) };
    if n < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let n = n as usize;
    // SAFETY: the first `n` spare bytes were written by `read` just above.
    unsafe { bytes.set_len(bytes.len() + n) };
    Ok(n)
}

/// [`read_into_spare`] where there is no `libc`: through a zeroed buffer.
#[cfg(not(target_os = "linux"))]
fn read_into_spare(mut file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let len = bytes.len();
    bytes.resize(bytes.capacity(), 0);
    let n = file.read(&mut bytes[len..]);
    bytes.truncate(len + *n.as_ref().unwrap_or(&0));
    n
}

/// The bytes as a `String`, or an error naming the line with the first bad byte.
fn utf8(bytes: Vec<u8>, display_path: &Path) -> Result<String, Diagnostic> {
    // The standard check runs at under 1 GB/s on Devanagari (three-byte characters) and
    // was 4% of a large build; the SIMD check is several times faster.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just checked that `bytes` is valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    // Windows editors offer "Unicode" for UTF-16, which starts with a byte-order mark.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error("this file is saved as UTF-16, not UTF-8")
            .in_file(display_path)
            .with_hint("save the file with the encoding \"UTF-8\" in your editor"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
        // The part before the bad byte is valid: count its characters on that line.
        let line_start = bytes[..valid]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column =
            std::str::from_utf8(&bytes[line_start..valid]).map_or(1, |t| t.chars().count() + 1);
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        Diagnostic::error("this file is not valid UTF-8 text")
            .in_file(display_path)
            .at(&lossy, line, column)
            .with_hint("save the file with the encoding \"UTF-8\" in your editor")
    })
}

/// Drops a byte-order mark, turns CRLF and lone CR into LF, replaces characters that
/// cannot be published, and normalises to NFC so the same Hindi word typed two ways
/// compares (and slugs) equal.
pub fn clean_text(raw: &str) -> String {
    clean_text_flagged(raw.to_string()).0
}

/// [`clean_text`], also saying whether the text came through unchanged, and where
/// unpublishable characters were replaced (offsets into the cleaned text).
fn clean_text_flagged(raw: String) -> (String, bool, Vec<(usize, char)>) {
    let mut changed = false;
    let mut text = raw;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
        changed = true;
    }
    // A SIMD search: the standard one looks a word at a time, over every byte of every file.
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
        changed = true;
    }
    // After NFC, which leaves these characters (all starters) where they are; a space
    // or U+FFFD in their place composes with nothing, so the text stays NFC.
    // One scan finds both (an unpublishable character is never plain): almost every
    // text has neither and is not looked at again.
    if first_not_plain(&text, 0).is_none() {
        return (text, !changed, Vec::new());
    }
    let (text, normalised) = nfc_flagged(text);
    let (text, replaced) = replace_unpublishable(text);
    let unchanged = !(changed || normalised || !replaced.is_empty());
    (text, unchanged, replaced)
}

/// NFC of one string (for values that did not come through [`clean_text`]).
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`], borrowing the text when it is already NFC (almost always).
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if plainly_nfc(s) {
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
fn nfc_owned(s: String) -> String {
    nfc_flagged(s).0
}

/// [`nfc_owned`], also saying whether normalising changed anything.
fn nfc_flagged(s: String) -> (String, bool) {
    let Some(mut flagged) = first_not_plain(&s, 0) else {
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
        match first_not_plain(&s, end) {
            Some(i) => flagged = i,
            None => break,
        }
    }
    out.push_str(&s[copied..]);
    let changed = out != s;
    (out, changed)
}

/// The byte index of the first character at or after `from` that is not plain where it
/// stands: not [`plain`], except the nukta sign right after a consonant it does not
/// compose with. NFC leaves such a pair as it is: the letters with a nukta are excluded
/// from composition, all but U+0929, U+0931 and U+0934 (न, र, ळ). NFC Hindi writes ड़ and
/// ढ़ this way, so most texts have many, and each was normalised as a change. What
/// follows the sign cannot reorder with it unless it is itself not plain, and then its
/// stretch reaches back past the sign (which is not [`stable`]). Works on the UTF-8
/// bytes, since this runs over every byte of every text.
fn first_not_plain(s: &str, from: usize) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut i = from;
    // A block found not certainly plain is looked at character by character to its end,
    // not tried again at each character.
    let mut careful_until = 0;
    while i < b.len() {
        if i >= careful_until {
            let next = skip_plain_blocks(b, i);
            if next > i {
                i = next;
                continue;
            }
            careful_until = i + BLOCK_REACH;
        }
        let lead = b[i];
        if lead < 0x80 {
            if !plain_ascii(lead) {
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
        let plain_here = match (lead, b.get(i + 1), b.get(i + 2)) {
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
        if !plain_here {
            return Some(i);
        }
        i += 3;
    }
    None
}

/// An ASCII byte that is plain: tab, line feed, or printable (not a control character,
/// which cannot be published; see [`unpublishable`]).
fn plain_ascii(b: u8) -> bool {
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

/// How far past a flagged block's start the careful loop in [`first_not_plain`] looks:
/// the widest block and the character that may straddle its end.
const BLOCK_REACH: usize = 32 + 3;

/// Skips blocks of bytes that certainly hold only plain characters, from the character
/// boundary `i`; returns the character boundary where a block was flagged or too few
/// bytes were left (`i` itself when the first block was). Hindi text is three bytes a
/// character, so a 32-byte block takes ten or more characters a step where the loop in
/// [`first_not_plain`] takes one.
///
/// A block is plain when none of its bytes is one that every non-plain character has:
/// the lead byte of any two- or four-byte character, or of a three-byte one outside
/// U+0800-U+0FFF (E0) and U+2000-U+2FFF (E2, left to the careful loop); the last two
/// bytes of the nukta sign (A4 BC) or of U+0951-0954 and U+0958-095F (A5 then 91-94 or
/// 98-9F); and an E0 not followed by A4 or A5 (a character outside U+0900-U+097F). Each
/// test looks at a byte and the one after it, so a block may start inside a character:
/// blocks follow each other without stepping back to a boundary. Some plain characters
/// are flagged too (E2 punctuation, a nukta after a letter NFC keeps it on); the
/// careful loop clears them.
fn skip_plain_blocks(b: &[u8], i: usize) -> usize {
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

/// [`skip_plain_blocks`] 32 bytes at a time; returns where it stopped (maybe inside a
/// character).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn skip_blocks_avx2(b: &[u8], mut p: usize) -> usize {
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

/// [`skip_plain_blocks`] 16 bytes at a time (SSE2 is part of every x86_64 processor);
/// returns where it stopped (maybe inside a character).
#[cfg(target_arch = "x86_64")]
fn skip_blocks_sse2(b: &[u8], mut p: usize) -> usize {
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

/// A character NFC never changes and that never combines with a preceding one.
fn plain(c: char) -> bool {
    match c as u32 {
        0..=0x7F => plain_ascii(c as u8),
        0x093C | 0x0951..=0x0954 | 0x0958..=0x095F => false,
        0x0900..=0x097F => true,
        // U+2000 and U+2001 have singleton decompositions (to U+2002 and U+2003).
        0x2002..=0x206F | 0x20B9 => true,
        _ => false,
    }
}

/// A plain character that also has combining class 0, so nothing reorders across it.
fn stable(c: char) -> bool {
    plain(c) && unicode_normalization::char::canonical_combining_class(c) == 0
}

/// True when `s` is certainly NFC by a cheap test: every character is ASCII, general
/// punctuation, the rupee sign, or Devanagari other than the few that NFC can change
/// (the nukta letters U+0958-095F, the nukta sign, and the Vedic stress marks). Of the
/// rest, only the virama has a combining class, so no reordering can apply either.
fn plainly_nfc(s: &str) -> bool {
    first_not_plain(s, 0).is_none()
}

/// A Markdown file split at its front matter.
#[derive(Debug, Clone)]
pub struct FrontMatterFile<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Lines before the YAML starts (the opening `---`), to map YAML lines to file lines.
    pub yaml_line_offset: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file without front matter is an error with a hint.
pub fn split_front_matter(src: &SourceText) -> Result<FrontMatterFile<'_>, Diagnostic> {
    let text = src.text.as_str();
    let missing = || {
        Diagnostic::error("this file has no front matter")
            .in_file(&src.display_path)
            .at(text, 1, 1)
            .with_hint(
                "start the file with a line `---`, then the fields (title, date, ...), then another line `---`, then the text",
            )
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(missing());
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        if text[pos..end].trim_end() == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(FrontMatterFile {
                yaml: &text[yaml_start..pos],
                yaml_line_offset: 1,
                body: &text[body_start..],
            });
        }
        pos = end + 1;
    }
    Err(
        Diagnostic::error("the front matter that starts here is not closed")
            .in_file(&src.display_path)
            .at(text, 1, 1)
            .with_hint(
                "add a line `---` after the last field of the front matter, before the text",
            ),
    )
}

/// A Markdown file read and its front matter parsed into `T`.
pub struct MarkdownFile<T> {
    /// The whole file, cleaned.
    pub src: SourceText,
    /// The front matter.
    pub front: T,
    /// File lines before the YAML starts, to map YAML locations to file lines.
    pub yaml_line_offset: usize,
    /// Byte offset of the body in the cleaned text.
    pub body_start: usize,
}

impl<T> MarkdownFile<T> {
    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.src.text[self.body_start..]
    }
}

/// Reads a Markdown file with YAML front matter and parses the front matter.
pub fn read_markdown<T: DeserializeOwned>(
    abs: &Path,
    rel: &Path,
) -> Result<MarkdownFile<T>, Diagnostic> {
    read_markdown_with(abs, rel, parse_yaml)
}

/// [`read_markdown`] with the front matter read by `parse` (given the YAML text, the
/// file, and the lines before the YAML).
pub fn read_markdown_with<T>(
    abs: &Path,
    rel: &Path,
    parse: impl FnOnce(&str, &SourceText, usize) -> Result<T, Diagnostic>,
) -> Result<MarkdownFile<T>, Diagnostic> {
    let src = read_source(abs, rel)?;
    let fm = split_front_matter(&src)?;
    let front = parse(fm.yaml, &src, fm.yaml_line_offset)?;
    let yaml_line_offset = fm.yaml_line_offset;
    let body_start = src.text.len() - fm.body.len();
    Ok(MarkdownFile {
        src,
        front,
        yaml_line_offset,
        body_start,
    })
}

/// Parses YAML into `T`, turning a parse error into a diagnostic in the author's file.
/// `line_offset` is the number of file lines before the YAML text starts.
pub fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    src: &SourceText,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(yaml).map_err(|e| {
        let what = if line_offset > 0 {
            Holder::FrontMatter
        } else if src.display_path == Path::new("site.yaml") {
            Holder::Settings
        } else {
            Holder::File
        };
        let (message, hint, place) = explain_yaml(&e, yaml, what);
        let d = Diagnostic::error(message)
            .in_file(&src.display_path)
            .with_hint(hint);
        match place {
            Some((line, column)) => d.at(&src.text, line + line_offset, column),
            None => d,
        }
    })
}

/// A YAML error in words about the author's file, with a hint, and the place to show
/// (line and column of the YAML text), from the YAML crate's structured error: its own
/// text is written for programmers ("use Option<String>", "set DuplicateKeyPolicy").
/// What holds the YAML: a Markdown file's front matter, `site.yaml`, or a file of its own
/// (an event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    FrontMatter,
    Settings,
    File,
}

fn explain_yaml(
    e: &serde_saphyr::Error,
    yaml: &str,
    holder: Holder,
) -> (String, String, Option<(usize, usize)>) {
    use serde_saphyr::Error as E;
    use serde_saphyr::granit_parser::ErrorKind as K;
    let mut inner = e.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let place = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .filter(|(line, _)| *line > 0);
    let field = place
        .and_then(|(line, _)| field_at(yaml, line))
        .unwrap_or_else(|| "this value".to_string());
    let quoted = |f: &str| {
        if f == "this value" {
            f.to_string()
        } else {
            format!("`{f}`")
        }
    };
    let f = quoted(&field);
    let (message, hint) = match inner {
        // Fields that may be left out take an empty value too: this one is required.
        E::NullIntoString { .. } => (
            format!("{f} is empty"),
            format!("`{field}` is required: write its value after `{field}:`"),
        ),
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => (
                format!("{f} must be a list"),
                format!("write the items in square brackets, separated by commas, e.g. `{field}: [MP, UP]`"),
            ),
            "mapping start" if place.is_some_and(|(l, c)| l == 1 && c == 1) && !yaml.trim_start().starts_with(|c: char| c.is_alphabetic()) => (
                "the fields are not written as `name: value` lines".to_string(),
                "write one field a line, its name, a colon, a space and the value, e.g. `title: \"...\"`".to_string(),
            ),
            "mapping start" => match field.as_str() {
                "window" => (
                    "`window` needs a first and a last day".to_string(),
                    "write `window: {from: YYYY-MM-DD, to: YYYY-MM-DD}`".to_string(),
                ),
                "this value" => (
                    format!("{f} must have fields of its own, not a single value or a list"),
                    "check the colon after each field name, and the indentation".to_string(),
                ),
                _ => (
                    format!("{f} needs one text per language"),
                    format!("write `{field}: {{hi: \"...\", en: \"...\"}}`"),
                ),
            },
            "string scalar" => (
                format!("{f} must be a single text, not a list or a set of fields"),
                format!("write the text after `{field}:`; put text with `:`, `[` or `{{` in double quotes"),
            ),
            _ => (format!("{f} is not of the kind this field takes"), "see the README for what this field takes".to_string()),
        },
        E::InvalidScalar { ty, .. } if *ty == "boolean" => (
            format!("{f} must be `true` or `false`"),
            format!("write `{field}: true` or `{field}: false`"),
        ),
        E::InvalidScalar { .. } => (
            format!("{f} is not of the kind this field takes"),
            "see the README for what this field takes".to_string(),
        ),
        E::SerdeUnknownField { field: unknown, expected, .. } => {
            let best = expected
                .iter()
                .map(|k| (crate::site::edit_distance(unknown, k), *k))
                .filter(|(d, _)| *d <= 2)
                .min();
            (
                format!("unknown field `{unknown}`"),
                match best {
                    Some((_, k)) => format!("did you mean `{k}`?"),
                    None => format!("the fields here are: {}", expected.join(", ")),
                },
            )
        }
        // The crate points at the last field of the map, not at a place of the missing
        // one, so only the file is named.
        E::SerdeMissingField { field: missing, .. } => {
            return (
                format!("the field `{missing}` is missing"),
                format!("add a line `{missing}: ...`; the README says what it holds"),
                None,
            );
        }
        E::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_else(|| field.clone());
            (
                format!("the field `{key}` is written twice"),
                "each field may appear once: keep one of the two lines".to_string(),
            )
        }
        E::Eof { .. } => (
            "there are no fields".to_string(),
            "write the fields as `name: value` lines (the README lists them)".to_string(),
        ),
        E::MultipleDocuments { .. } => {
            // At the `---` line, not the first field after it.
            let marker = place.and_then(|(line, _)| {
                (1..=line)
                    .rev()
                    .find(|l| yaml.lines().nth(l - 1).is_some_and(|t| t.trim_end() == "---"))
            });
            return (
                "a line `---` starts a second set of fields".to_string(),
                match holder {
                    Holder::FrontMatter => "remove the extra `---` line; the text goes after the second `---` of the file, without another".to_string(),
                    _ => "remove this `---` line: the file holds one set of fields".to_string(),
                },
                marker.map(|l| (l, 1)).or(place),
            );
        }
        E::ExternalMessage { source, msg, .. } => {
            let kind = match source.as_ref() {
                serde_saphyr::ExternalMessageSource::Parser(scan) => Some(scan.kind()),
                _ => None,
            };
            match kind {
                Some(k) if format!("{k:?}").contains("Tab") => {
                    // At the tab itself: the crate points past it, or at the line of
                    // the field whose indented lines hold it.
                    let place = place.map(|(line, column)| {
                        yaml.lines()
                            .enumerate()
                            .skip(line - 1)
                            .find_map(|(i, l)| {
                                l.chars().position(|c| c == '\t').map(|t| (i + 1, t + 1))
                            })
                            .unwrap_or((line, column))
                    });
                    return (
                        "a tab is used here; YAML needs spaces".to_string(),
                        "replace the tab with spaces (indent with two spaces a level)".to_string(),
                        place,
                    );
                }
                Some(K::ExpectedFlowMappingSeparator)
                | Some(K::InvalidColonPlacement)
                | Some(K::MappingValueNotAllowed)
                    if place.and_then(|(line, _)| unclosed_bracket(yaml, line)).is_some() =>
                {
                    let (open, at) = place
                        .and_then(|(line, _)| unclosed_bracket(yaml, line))
                        .unwrap_or(('{', (1, 1)));
                    return (
                        format!("the `{open}` opened here is not closed"),
                        if open == '[' {
                            "add `]` at the end of the list".to_string()
                        } else {
                            "add `}` after the last language".to_string()
                        },
                        Some(at),
                    );
                }
                Some(K::MappingValueNotAllowed) => (
                    "a line is indented differently from the ones around it, or a value holds `: ` without quotes".to_string(),
                    "line up the field names at the same indentation, and put text that contains `: ` in double quotes".to_string(),
                ),
                Some(K::UnclosedQuotedScalar) => (
                    "a quoted text is not closed".to_string(),
                    "add the closing quote at the end of the text".to_string(),
                ),
                Some(K::UnclosedFlowCollection { open }) => (
                    format!("a `{open}` is not closed"),
                    if *open == '[' {
                        "add `]` at the end of the list".to_string()
                    } else {
                        "add `}` after the last field; a `#` inside it starts a comment unless the text is in double quotes".to_string()
                    },
                ),
                Some(K::InvalidTrailingSingleQuotedScalar)
                | Some(K::InvalidTrailingDoubleQuotedScalar) => {
                    let quote = if matches!(kind, Some(K::InvalidTrailingSingleQuotedScalar)) {
                        '\''
                    } else {
                        '"'
                    };
                    // Usually a quote left open on an earlier line, which the YAML crate
                    // reads on to the next quote: point where it opens.
                    if let Some(open) = place.and_then(|(line, _)| unclosed_quote(yaml, line, quote)) {
                        return (
                            "this quote is not closed at the end of its line".to_string(),
                            format!("add `{quote}` at the end of the text; inside double quotes write a quote as \\\""),
                            Some(open),
                        );
                    }
                    (
                        "a quoted text ends here, but the line goes on".to_string(),
                        "close the quote at the end of the value; inside double quotes write a quote as \\\"".to_string(),
                    )
                }
                Some(K::MisplacedFlowCollectionEnd) | Some(K::MismatchedFlowCollectionEnd { .. }) => (
                    "this bracket does not close one that was opened".to_string(),
                    "a list is `[a, b]` and a set of fields `{a: b}`; check that each bracket has its pair".to_string(),
                ),
                Some(K::CommentNotSeparated) | Some(K::CommentInterceptedScalar) => (
                    "a `#` here starts a comment, which cuts the value".to_string(),
                    "put text that contains `#` in double quotes".to_string(),
                ),
                Some(K::BlockEntryInFlowCollection)
                | Some(K::BlockSequenceEntryNotAllowed)
                | Some(K::InvalidBlockEntryWhitespace) => (
                    "a list item (`- `) is not where a list can be".to_string(),
                    "write a list as lines `  - item` under its field, or as `[a, b]` after it".to_string(),
                ),
                Some(K::SimpleKeyExpected) | Some(K::InvalidSimpleKey) => (
                    "this line is not `name: value`".to_string(),
                    "add a colon and a space after the field name".to_string(),
                ),
                Some(K::InvalidLowSurrogateHexEscape)
                | Some(K::InvalidLowSurrogate)
                | Some(K::MissingLowSurrogate)
                | Some(K::UnpairedLowSurrogate) => (
                    "an escape like `\\ud800` in this quoted text is half of a character and stands for nothing".to_string(),
                    "write the character itself instead of the escape".to_string(),
                ),
                Some(K::UnknownQuotedScalarEscape)
                | Some(K::InvalidQuotedScalarHexEscape)
                | Some(K::InvalidUnicodeEscape) => (
                    "a backslash in this quoted text starts an escape YAML does not have".to_string(),
                    "write the character itself, or put the text in single quotes, where a backslash is a plain character".to_string(),
                ),
                Some(K::InvalidIndentation) | Some(K::InvalidFlowScalarIndent) | Some(K::InvalidQuotedScalarIndent) | Some(K::InvalidBlockScalarIndent) => (
                    "this line is not indented as YAML expects".to_string(),
                    "indent the lines of one value alike, with spaces".to_string(),
                ),
                _ => (
                    plain_words(&strip_location_suffix(msg)),
                    "fix the YAML at this place; text with `:` or `#` in it needs double quotes".to_string(),
                ),
            }
        }
        other => (
            plain_words(&strip_location_suffix(&other.to_string())),
            "fix the YAML at this place; text with `:` or `#` in it needs double quotes".to_string(),
        ),
    };
    (message, hint, place)
}

/// Where the key `key` of a map that starts at `from` (line, column) is written: the
/// first `key:` after it, on its line or the lines below. For pointing at one entry of
/// `{hi: …, ta: …}`, whose place the YAML crate does not keep.
pub fn key_place(text: &str, from: (usize, usize), key: &str) -> Option<(usize, usize)> {
    for (i, line) in text
        .lines()
        .enumerate()
        .skip(from.0.saturating_sub(1))
        .take(40)
    {
        let skip = if i + 1 == from.0 {
            from.1.saturating_sub(1)
        } else {
            0
        };
        let chars: Vec<char> = line.chars().collect();
        let key_chars: Vec<char> = key.chars().collect();
        for start in skip..chars.len() {
            let before_ok = start == 0 || matches!(chars[start - 1], '{' | ',' | ' ' | '\t');
            if before_ok && chars[start..].starts_with(&key_chars) {
                let after = chars[start + key_chars.len()..]
                    .iter()
                    .skip_while(|c| **c == ' ');
                if after.clone().next() == Some(&':') {
                    return Some((i + 1, start + 1));
                }
            }
        }
    }
    None
}

/// Where a `quote` opens that is left open at the end of its line, on `line` or the
/// nearest line above it (line and column, 1-based).
fn unclosed_quote(yaml: &str, line: usize, quote: char) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    (1..line.min(lines.len()) + 1).rev().skip(1).find_map(|l| {
        let text = lines[l - 1];
        let mut open = None;
        let mut escaped = false;
        for (i, c) in text.chars().enumerate() {
            match (open, c) {
                (_, '\\') if quote == '"' && !escaped => {
                    escaped = true;
                    continue;
                }
                (None, '#') => break,
                (None, c) if c == quote => open = Some(i + 1),
                (Some(_), c) if c == quote && !escaped => open = None,
                _ => {}
            }
            escaped = false;
        }
        open.map(|column| (l, column))
    })
}

/// The bracket (`{` or `[`) left open at the end of its line, on a line before `line`,
/// and where it opens: a flow map or list written on one line but not closed there.
fn unclosed_bracket(yaml: &str, line: usize) -> Option<(char, (usize, usize))> {
    let lines: Vec<&str> = yaml.lines().collect();
    (1..line.min(lines.len() + 1)).rev().find_map(|l| {
        let mut stack = Vec::new();
        let mut quote = None;
        for (i, c) in lines[l - 1].chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '{' | '[') => stack.push((c, i + 1)),
                (None, '}' | ']') => {
                    stack.pop();
                }
                _ => {}
            }
        }
        stack.first().map(|(c, column)| (*c, (l, *column)))
    })
}

/// The field a YAML line belongs to: the key on the line itself, else the nearest line
/// above with less indentation (a list item or a language of a map belongs to it).
fn field_at(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let key_of = |l: &str| -> Option<String> {
        let t = l.trim_start().trim_start_matches("- ");
        let (k, _) = t.split_once(':')?;
        let k = k.trim();
        (!k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
        .then(|| k.to_string())
    };
    let here = lines.get(line.checked_sub(1)?)?;
    let indent = |l: &str| l.len() - l.trim_start().len();
    if indent(here) == 0 {
        return key_of(here);
    }
    let mut width = indent(here);
    let mut path = key_of(here).into_iter().collect::<Vec<_>>();
    for l in lines[..line - 1].iter().rev() {
        if !l.trim().is_empty() && indent(l) < width {
            if let Some(k) = key_of(l) {
                path.insert(0, k);
            }
            width = indent(l);
            if width == 0 {
                break;
            }
        }
    }
    (!path.is_empty()).then(|| path.join("."))
}

/// A message of the YAML crate without its words for programmers: advice about its
/// options and types after a `;` or `,` goes, and "scalar" is a value.
fn plain_words(message: &str) -> String {
    let cut = ["; use ", ", set ", "; set ", " if acceptable"]
        .iter()
        .filter_map(|m| message.find(m))
        .min()
        .unwrap_or(message.len());
    message[..cut]
        .replace("quoted scalar", "quoted text")
        .replace("plain scalar", "value")
        .replace("scalar", "value")
}

/// Removes the " at line N, column M" that the YAML crate appends; we show it ourselves.
fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
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
    fn the_byte_scan_agrees_with_plain() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{FEFF}', '\u{1F600}']) {
            let alone = c.to_string();
            let in_text = format!("ab {c} क");
            assert_eq!(
                first_not_plain(&alone, 0).is_none(),
                plain(c),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(
                first_not_plain(&in_text, 0),
                (!plain(c)).then_some(3),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// Every character the fast path takes as plain is one NFC keeps as it is and that
    /// combines with nothing before it (NFC's quick check says "yes" for it alone).
    #[test]
    fn every_plain_character_is_left_alone_by_nfc() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let mut plain_count = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            let by_bytes = first_not_plain(&alone, 0).is_none();
            assert_eq!(by_bytes, plain(c), "U+{:04X}", c as u32);
            if !plain(c) {
                continue;
            }
            plain_count += 1;
            assert_eq!(alone.nfc().collect::<String>(), alone, "U+{:04X}", c as u32);
            assert_eq!(
                is_nfc_quick(alone.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
        assert!(plain_count > 200, "{plain_count}");
        assert_eq!(nfc("\u{2000}\u{2001}"), "\u{2002}\u{2003}");
        assert_eq!(clean_text("a\u{2000}b"), "a\u{2002}b");
    }

    fn src(text: &str) -> SourceText {
        SourceText {
            display_path: "x.md".into(),
            text: clean_text(text),
            stamp: FileStamp {
                len: 0,
                modified: None,
                verbatim: false,
            },
            warnings: Vec::new(),
        }
    }

    /// Reads a file as load does, then its body as rendering does.
    fn body_read_twice(bytes: &[u8]) -> (bool, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, bytes).unwrap();
        let src = read_source(&path, Path::new("r.md")).unwrap();
        let start = src.text.len() - split_front_matter(&src).unwrap().body.len();
        let body = read_body_again(&path, Path::new("r.md"), &src.stamp, start).unwrap();
        (src.stamp.verbatim, body.to_string())
    }

    #[test]
    fn a_body_read_again_is_the_body_load_saw() {
        assert_eq!(
            body_read_twice("---\nt: क\n---\nपाठ\n".as_bytes()),
            (true, "पाठ\n".to_string())
        );
        // Cleaned files take the long way and still give the cleaned body.
        assert_eq!(
            body_read_twice("\u{feff}---\r\nt: a\r\n---\r\n\u{0915}\u{093c}\r\n".as_bytes()),
            (false, "\u{0915}\u{093c}\n".to_string())
        );
    }

    /// A file longer than `fstat` said (it grew, or the system reports no size) is still
    /// read whole.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_longer_than_its_reported_size_is_read_whole() {
        let path = Path::new("/proc/self/status");
        let (bytes, len, _) = read_stamped(path, path).expect("readable");
        assert!(bytes.len() > 100, "read {} bytes", bytes.len());
        assert_eq!(len as usize, bytes.len());
        assert!(String::from_utf8_lossy(&bytes).contains("Name:"));
    }

    #[test]
    fn a_file_changed_in_place_to_the_same_size_and_time_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, "---\nt: ab\n---\nकख\n").unwrap();
        let src = read_source(&path, Path::new("r.md")).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        // Same length; the body's old start now falls inside a character.
        std::fs::write(&path, "---\nt: abcdeक\n---\nx").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(modified).unwrap();
        drop(file);
        let err = read_body_again(&path, Path::new("r.md"), &src.stamp, 14).unwrap_err();
        assert!(err.to_string().contains("changed while"), "{err}");
    }

    #[test]
    fn a_file_changed_during_the_build_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, "---\nt: a\n---\nold\n").unwrap();
        let src = read_source(&path, Path::new("r.md")).unwrap();
        std::fs::write(&path, "---\nt: a\n---\nnewer text\n").unwrap();
        let err = read_body_again(&path, Path::new("r.md"), &src.stamp, 14).unwrap_err();
        assert!(
            err.to_string()
                .contains("changed while the site was being built"),
            "{err}"
        );
    }

    #[test]
    fn windows_text_is_cleaned() {
        let s = src("\u{feff}---\r\ntitle: a\r\n---\r\nbody\r\n");
        let fm = split_front_matter(&s).unwrap();
        assert_eq!(fm.yaml, "title: a\n");
        assert_eq!(fm.body, "body\n");
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
            let by_chars = first_not_plain_by_chars(&text);
            assert_eq!(first_not_plain(&text, 0), by_chars, "{text:?}");
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

    /// The character test [`first_not_plain`] makes on bytes.
    fn plain_after(prev: Option<char>, c: char) -> bool {
        plain(c)
            || (c == '\u{093C}'
                && prev.is_some_and(|p| {
                    matches!(p, '\u{0915}'..='\u{0939}')
                        && !matches!(p, '\u{0928}' | '\u{0930}' | '\u{0933}')
                }))
    }

    /// [`first_not_plain`] the slow way, character by character.
    fn first_not_plain_by_chars(text: &str) -> Option<usize> {
        let mut prev = None;
        for (i, c) in text.char_indices() {
            if !plain_after(prev, c) {
                return Some(i);
            }
            prev = Some(c);
        }
        None
    }

    #[test]
    fn a_nukta_is_plain_exactly_where_nfc_keeps_it() {
        for p in '\u{0900}'..='\u{097F}' {
            let pair: String = [p, '\u{093C}'].iter().collect();
            let kept = pair.nfc().collect::<String>() == pair;
            if plain_after(Some(p), '\u{093C}') {
                assert!(kept, "U+{:04X}", p as u32);
                // Whatever follows, the fast path normalises as the full one does.
                for next in ['a', 'क', '\u{094D}', '\u{093E}', '\u{0951}', '\u{0323}'] {
                    let text: String = [p, '\u{093C}', next].iter().collect();
                    assert_eq!(nfc(&text), text.nfc().collect::<String>(), "{text:?}");
                }
            }
            // Of the consonants, the fast path takes exactly those NFC keeps.
            if ('\u{0915}'..='\u{0939}').contains(&p) {
                assert_eq!(plain_after(Some(p), '\u{093C}'), kept, "U+{:04X}", p as u32);
            }
        }
        assert_eq!(first_not_plain("पड़ा", 0), None);
        assert_eq!(first_not_plain("न\u{093C}", 0), Some(3));
    }

    #[test]
    fn the_block_scan_finds_every_character_at_every_place() {
        // Each character, at each place in a long plain text (so the 32- and 16-byte
        // blocks run over it at every offset), is found exactly when it is not plain.
        let before = "एक दो तीन a b चार पाँच छह ";
        let after = " सात आठ नौ दस ग्यारह बारह";
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{FEFF}', '\u{1F600}', '\u{E000}']) {
            for shift in 0..32 {
                let lead = "a".repeat(shift);
                let text = format!("{lead}{before}{c}{after}");
                let at = lead.len() + before.len();
                assert_eq!(
                    first_not_plain(&text, 0),
                    (!plain(c)).then_some(at),
                    "U+{:04X} after {shift} bytes",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn the_block_scan_agrees_with_plain_on_long_random_text() {
        // Mostly plain text with a few characters that are not, in runs long enough for
        // the block scan.
        let alphabet: Vec<char> = "कखगघ अआइ ािीु्ंः।abc ,.\n0123ऩक़॑ॐ॰ॲéअ\u{0901}\u{093C}\u{0958}\u{2019}\u{20B9}\u{0A15}\u{0800}"
            .chars()
            .collect();
        let mut rng = Lcg(99);
        for _ in 0..20_000 {
            let len = rng.next() % 90;
            // Three draws in four from the first 24 characters, which are all plain.
            let text: String = (0..len)
                .map(|_| match rng.next() {
                    r if r.is_multiple_of(4) => alphabet[r / 4 % alphabet.len()],
                    r => alphabet[r / 4 % 24],
                })
                .collect();
            let by_chars = first_not_plain_by_chars(&text);
            assert_eq!(first_not_plain(&text, 0), by_chars, "{text:?}");
            // Each block width alone stops at or before the first character that is not
            // plain (the scan above takes the widest the processor has).
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

    #[test]
    fn unclosed_front_matter_is_reported() {
        let s = src("---\ntitle: a\n");
        let err = split_front_matter(&s).unwrap_err();
        assert!(err.message.contains("not closed"));
    }
}
