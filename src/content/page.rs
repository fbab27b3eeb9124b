//! Free pages: `content/pages/<stem>.<lang>.md` (about, contact, ...).

use std::path::{Path, PathBuf};

use super::{LoadContext, check_slug};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Located};
use crate::text::{MarkdownFile, read_markdown_with, text_field};

crate::front_matter! {
    /// A page's front matter, every value with its place.
    pub struct PageFront / RawPageFront {
        /// Heading and `<title>`.
        title: One Text,
        /// The meta description.
        summary: Maybe Text,
        /// Built only with `--drafts`.
        draft: Maybe Flag,
        /// When the page last changed.
        updated: Maybe Text,
    }
}

/// One language's version of a free page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// URL segment shared by the translations.
    pub stem: String,
    /// Language.
    pub lang: String,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Heading and `<title>`.
    pub title: String,
    /// Meta description; else the first paragraph.
    pub summary: Option<String>,
    /// When the page was last changed.
    pub updated: Option<jiff::civil::Date>,
    /// Markdown body.
    pub body: String,
    /// The line of the file the body starts on.
    pub body_line: usize,
}

/// Loads one page file.
pub fn load_file(cx: &LoadContext, abs: &Path, rel: &Path) -> (Option<Page>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts = name.strip_suffix(".md").and_then(|b| b.rsplit_once('.'));
    let Some((stem, lang)) = parts.filter(|(_, l)| cx.config.languages.iter().any(|x| x == l))
    else {
        problems.push(
            Diagnostic::error(Code::FileName, "a page file name must end in a language of the site, like `about.hi.md` or `about.en.md`")
                .in_file(rel)
                .with_hint(match name.strip_suffix(".md").and_then(|b| b.rsplit_once('.')) {
                    Some((_, l)) => cx.config.language_hint(l),
                    None => format!("the languages in site.yaml are: {}", cx.config.languages.join(", ")),
                }),
        );
        return (None, problems);
    };
    if let Err(msg) = check_slug(stem) {
        problems.push(
            Diagnostic::error(Code::FileName, msg)
                .in_file(rel)
                .with_hint("rename the file"),
        );
        return (None, problems);
    }
    let file: MarkdownFile<PageFront> = match read_markdown_with(abs, rel, PageFront::read) {
        Ok(f) => f,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (src, raw) = (&file.src, &file.front);
    problems.extend_from(src.warnings.iter().cloned());
    if raw.draft.as_ref().is_some_and(|d| d.value) && !cx.drafts {
        return (None, problems);
    }
    let updated = match &raw.updated {
        None => None,
        Some(u) => match crate::dates::parse_date(&u.value) {
            Ok(d) => Some(d),
            Err(msg) => {
                problems.push(
                    Diagnostic::error(Code::Date, format!("`updated`: {msg}"))
                        .in_file(rel)
                        .at(&src.text, u.at.line, u.at.column)
                        .with_hint("write the date as YYYY-MM-DD"),
                );
                return (None, problems);
            }
        },
    };
    let mut field = |value: &Located<String>, name: &str| {
        let (text, warning) = text_field(&value.value, name);
        if let Some(w) = warning {
            problems.push(w.in_file(rel).at(&src.text, value.at.line, value.at.column));
        }
        text
    };
    let page = Page {
        stem: stem.to_string(),
        lang: lang.to_string(),
        file: rel.to_path_buf(),
        title: field(&raw.title, "title"),
        summary: raw
            .summary
            .as_ref()
            .map(|s| field(s, "summary"))
            .filter(|s| !s.is_empty()),
        updated,
        body: file.body().to_string(),
        body_line: file.src.text[..file.body_start].matches('\n').count() + 1,
    };
    (Some(page), problems)
}

/// The free pages every Government of India site must have (GIGW 3.0), by name, each
/// with the message that labels it in the footer.
pub const REQUIRED_PAGES: &[(&str, &str)] = &[
    ("about", "footer-about"),
    ("contact", "footer-contact"),
    ("feedback", "footer-feedback"),
    ("help", "footer-help"),
    ("accessibility", "footer-accessibility"),
    ("screen-reader-access", "footer-screen-reader-access"),
    ("copyright-policy", "footer-copyright-policy"),
    ("hyperlinking-policy", "footer-hyperlinking-policy"),
    ("privacy-policy", "footer-privacy-policy"),
    ("terms-and-conditions", "footer-terms-and-conditions"),
];
