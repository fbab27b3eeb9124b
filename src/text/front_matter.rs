//! Markdown files with YAML front matter: split at the `---` lines, the front matter read
//! by a function the caller chooses.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::read::{SourceText, read_source_as};
use super::yaml::parse_yaml;
use crate::diagnostics::{Code, Diagnostic};

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
        Diagnostic::error(Code::FrontMatter, "this file has no front matter")
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
    Err(Diagnostic::error(
        Code::FrontMatter,
        "the front matter that starts here is not closed",
    )
    .in_file(&src.display_path)
    .at(text, 1, 1)
    .with_hint("add a line `---` after the last field of the front matter, before the text"))
}

/// The start of a Markdown body that holds its first paragraph, for a summary made
/// later (by the Markdown phase) without reading the file again: blocks (up to a blank
/// line) as far as the first one that looks like a paragraph, at most 20, as the first
/// paragraph is looked for. True when that is the whole body; when it is not and the
/// block was no paragraph after all, the Markdown phase reads the body.
pub fn lead(body: &str) -> (&str, bool) {
    let mut rest = body;
    for _ in 0..20 {
        let trimmed = rest.trim_start_matches(['\n', ' ', '\t']);
        if trimmed.is_empty() {
            return (body, true);
        }
        let end = trimmed.find("\n\n").unwrap_or(trimmed.len());
        let block = &trimmed[..end];
        rest = &trimmed[end..];
        if looks_like_paragraph(block) {
            break;
        }
    }
    let cut = body.len() - rest.len();
    (
        &body[..cut],
        rest.trim_start_matches(['\n', ' ', '\t']).is_empty(),
    )
}

/// A block that does not start as a heading, list, quote, table, HTML, code or rule.
fn looks_like_paragraph(block: &str) -> bool {
    let Some(first) = block.chars().next() else {
        return false;
    };
    let numbered = block
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .starts_with(['.', ')'])
        && first.is_ascii_digit();
    !(matches!(
        first,
        '#' | '-' | '+' | '>' | '|' | '<' | '`' | '~' | '=' | ' ' | '\t'
    ) || block.starts_with("* ")
        || numbered)
}

/// `text` with the part from `start` on normalised to NFC.
pub(crate) fn with_nfc_body(text: String, start: usize) -> String {
    match crate::text::nfc_cow(&text[start..]) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(body) => {
            let mut out = text;
            out.truncate(start);
            out.push_str(&body);
            out
        }
    }
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
    // The front matter is YAML, read as written; the body is normalised to NFC.
    let mut src = read_source_as(abs, rel, false)?;
    let fm = split_front_matter(&src)?;
    let front = parse(fm.yaml, &src, fm.yaml_line_offset)?;
    let yaml_line_offset = fm.yaml_line_offset;
    let body_start = src.text.len() - fm.body.len();
    if !src.inert && !crate::text::nfc::certainly_nfc(&src.text[body_start..]) {
        let before = std::mem::take(&mut src.text);
        let after = with_nfc_body(before.clone(), body_start);
        // The text is no longer the file's bytes: read it again the long way.
        if after != before {
            src.stamp.verbatim = false;
        }
        src.text = after;
    }
    Ok(MarkdownFile {
        src,
        front,
        yaml_line_offset,
        body_start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText::from_text("x.md", text)
    }
    #[test]
    fn the_lead_holds_the_first_paragraph() {
        let body = "## Heading\n\n- a\n- b\n\nFirst *para*.\n\nSecond.\n";
        assert_eq!(
            lead(body),
            ("## Heading\n\n- a\n- b\n\nFirst *para*.", false)
        );
        assert_eq!(lead("Only one.\n"), ("Only one.\n", true));
        assert_eq!(lead("Only one.\n\n\n"), ("Only one.", true));
        assert_eq!(
            lead("1. x\n\n2) y\n\nपहला।"),
            ("1. x\n\n2) y\n\nपहला।", true)
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
    fn unclosed_front_matter_is_reported() {
        let s = src("---\ntitle: a\n");
        let err = split_front_matter(&s).unwrap_err();
        assert!(err.message.contains("not closed"));
    }
}
