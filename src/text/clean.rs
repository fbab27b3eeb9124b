//! What a text may hold to be published, and the cleaning every author file gets: no
//! byte-order mark, `\n` line ends, no character that cannot be published, NFC.

use std::borrow::Cow;

use super::nfc::{first_not_inert, nfc, nfc_flagged};
use crate::diagnostics::{Code, Diagnostic};

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
pub(crate) fn replacement_for(c: char) -> char {
    if (c as u32) < 0xA0 { ' ' } else { '\u{FFFD}' }
}

pub(crate) fn describe_unpublishable(c: char) -> String {
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
/// one the NFC scan does not take as inert, so the scan (a pass over blocks of bytes)
/// finds the place to start looking at characters.
pub(crate) fn first_unpublishable(text: &str) -> Option<usize> {
    let from = first_not_inert(text, 0)?;
    text[from..]
        .char_indices()
        .find(|(_, c)| unpublishable(*c))
        .map(|(i, _)| from + i)
}

/// A value read from YAML (where escapes like `"\u000c"` can write any character) made
/// publishable; true when something was replaced.
pub fn publishable_value(value: &str) -> (Cow<'_, str>, bool) {
    if first_unpublishable(value).is_none() {
        return (Cow::Borrowed(value), false);
    }
    let (clean, _) = replace_unpublishable(value.to_string());
    (Cow::Owned(clean), true)
}

/// A text value of an author's file as the site uses it: trimmed, made publishable,
/// NFC. A replaced character (only YAML escapes like `"\u000c"` can write one: the file
/// itself was cleaned when read) gives a warning naming `field`, without a place: the
/// caller knows where the value was written.
pub fn text_field(value: &str, field: &str) -> (String, Option<Diagnostic>) {
    let (clean, replaced) = publishable_value(value.trim());
    let warning = replaced.then(|| {
        Diagnostic::warning(Code::UnpublishableCharacter, format!(
            "`{field}` holds a control character or a noncharacter (written as an escape such as \\u000c), which cannot be published; it was replaced"
        ))
        .with_hint("remove the escape from the value")
    });
    (nfc(clean.trim()), warning)
}

/// Drops a byte-order mark, turns CRLF and lone CR into LF, replaces characters that
/// cannot be published, and normalises to NFC so the same Hindi word typed two ways
/// compares (and slugs) equal.
pub fn clean_text(raw: &str) -> String {
    clean_text_flagged(raw.to_string(), true).text
}

/// [`clean_text`], also saying whether the text came through unchanged, and where
/// unpublishable characters were replaced (offsets into the cleaned text).
///
/// Without `nfc` the text is not normalised: YAML is read as written (NFC could compose
/// a letter an escape like `"\u0043"` ends with, with a mark after it, and break the
/// escape), and its values are normalised one by one (see [`text_field`]).
pub(crate) fn clean_text_flagged(raw: String, nfc: bool) -> Cleaned {
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
    // One scan finds both (an unpublishable character is never inert): almost every
    // text has neither and is not looked at again.
    if first_not_inert(&text, 0).is_none() {
        return Cleaned {
            text,
            unchanged: !changed,
            replaced: Vec::new(),
            inert: true,
        };
    }
    let (text, normalised) = if nfc {
        nfc_flagged(text)
    } else {
        (text, false)
    };
    let (text, replaced) = replace_unpublishable(text);
    let unchanged = !(changed || normalised || !replaced.is_empty());
    Cleaned {
        text,
        unchanged,
        replaced,
        inert: false,
    }
}

/// A text cleaned by [`clean_text_flagged`].
pub(crate) struct Cleaned {
    pub text: String,
    /// The text came through as it was.
    pub unchanged: bool,
    /// Where unpublishable characters were replaced (offsets into `text`).
    pub replaced: Vec<(usize, char)>,
    /// Every character is one NFC leaves alone (so NFC of any part changes nothing).
    pub inert: bool,
}
