//! Reading an author's file: its bytes with its size and time (so a body read again at
//! render time can be cheap and notice a change), checked as UTF-8 and cleaned.

use std::path::Path;

use super::clean::{clean_text_flagged, describe_unpublishable, replacement_for};
use super::fast::into_string;
use super::front_matter::split_front_matter;
use crate::diagnostics::{Code, Diagnostic, line_col};

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
    /// Every character is one NFC leaves alone (found by the scan that cleaned it).
    pub(crate) inert: bool,
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
    read_source_as(path, display_path, true)
}

/// [`read_source`] for a file of YAML (an event, `site.yaml`): not normalised as a
/// whole, since NFC could break an escape; its values are normalised one by one.
pub fn read_yaml_source(path: &Path, display_path: &Path) -> Result<SourceText, Diagnostic> {
    read_source_as(path, display_path, false)
}

pub(crate) fn read_source_as(
    path: &Path,
    display_path: &Path,
    nfc: bool,
) -> Result<SourceText, Diagnostic> {
    let (bytes, len, modified) = read_stamped(path, display_path)?;
    let raw = utf8(bytes, display_path)?;
    let cleaned = clean_text_flagged(raw, nfc);
    let (text, verbatim, unpublishable) = (cleaned.text, cleaned.unchanged, cleaned.replaced);
    let inert = cleaned.inert;
    let warnings = unpublishable
        .iter()
        .take(MAX_CHARACTER_WARNINGS)
        .map(|&(at, c)| {
            let (line, column) = line_col(&text, at);
            Diagnostic::warning(Code::UnpublishableCharacter, format!(
                "this file holds {}, which cannot be published; it was replaced by {}",
                describe_unpublishable(c),
                if replacement_for(c) == ' ' { "a space" } else { "�" }
            ))
            .in_file(display_path)
            .at(&text, line, column)
            .with_hint("such characters come with text pasted from PDF files or other programs; delete it and type the text again")
        })
        .chain((unpublishable.len() > MAX_CHARACTER_WARNINGS).then(|| {
            Diagnostic::warning(Code::UnpublishableCharacter, format!(
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
        inert,
    })
}

/// Warnings about unpublishable characters, per file, before one that counts the rest.
const MAX_CHARACTER_WARNINGS: usize = 5;

impl SourceText {
    /// A text that did not come from a file (for tools and tests that check one text):
    /// cleaned as a file's would be.
    pub fn from_text(display_path: impl Into<std::path::PathBuf>, text: &str) -> SourceText {
        let cleaned = clean_text_flagged(text.to_string(), true);
        let (text, verbatim, inert) = (cleaned.text, cleaned.unchanged, cleaned.inert);
        SourceText {
            display_path: display_path.into(),
            text,
            stamp: FileStamp {
                len: 0,
                modified: None,
                verbatim,
            },
            warnings: Vec::new(),
            inert,
        }
    }
}

/// Line `line` (1-based) of the file at `path`, cleaned as when it was read: for a
/// problem found once the file's text is gone (a cross-reference), on the cold path.
pub fn line_of(path: &Path, line: usize) -> Option<String> {
    let text = clean_text_flagged(std::fs::read_to_string(path).ok()?, false).text;
    text.lines().nth(line.checked_sub(1)?).map(str::to_string)
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
        Diagnostic::error(
            Code::ChangedDuringBuild,
            "this file changed while the site was being built",
        )
        .in_file(display_path)
        .with_hint("build again")
    };
    if len != stamp.len || modified != stamp.modified {
        return Err(changed());
    }
    if stamp.verbatim {
        if body_start > bytes.len() {
            return Err(changed());
        }
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
    // Cleaned as at load: the whole file, then NFC of the body alone.
    let text = clean_text_flagged(utf8(bytes, display_path)?, false).text;
    let src = SourceText {
        display_path: display_path.to_path_buf(),
        text,
        stamp: stamp.clone(),
        warnings: Vec::new(),
        inert: false,
    };
    let start = src.text.len() - split_front_matter(&src)?.body.len();
    let text = super::front_matter::with_nfc_body(src.text, start);
    Ok(Body { text, start })
}

/// The file's bytes, size and modification time (from one `fstat` of the open file).
fn read_stamped(
    path: &Path,
    display_path: &Path,
) -> Result<(Vec<u8>, u64, Option<std::time::SystemTime>), Diagnostic> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Diagnostic::error(Code::Unreadable, format!("cannot read this file: {e}"))
            .in_file(display_path)
    };
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    // Reads into a buffer of the size `fstat` gave, plus one byte to see the end: one
    // `read` for the text and one for the end (the standard library reads into spare
    // capacity without zeroing it first).
    let expected = meta.len();
    let mut bytes = Vec::with_capacity(expected as usize + 1);
    file.by_ref()
        .take(expected + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > expected {
        // The file grew since `fstat` (or the system reports no size): read the rest.
        file.read_to_end(&mut bytes).map_err(cannot)?;
    }
    let len = bytes.len() as u64;
    Ok((bytes, len, meta.modified().ok()))
}

/// The bytes as a `String`, or an error naming the line with the first bad byte.
fn utf8(bytes: Vec<u8>, display_path: &Path) -> Result<String, Diagnostic> {
    let bytes = match into_string(bytes) {
        Ok(text) => return Ok(text),
        Err(bytes) => bytes,
    };
    // Windows editors offer "Unicode" for UTF-16, which starts with a byte-order mark.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error(Code::Encoding, "this file is saved as UTF-16, not UTF-8")
                .in_file(display_path)
                .with_hint("save the file with the encoding \"UTF-8\" in your editor"),
        );
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
        Diagnostic::error(Code::Encoding, "this file is not valid UTF-8 text")
            .in_file(display_path)
            .at(&lossy, line, column)
            .with_hint("save the file with the encoding \"UTF-8\" in your editor")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
