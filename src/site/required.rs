//! The pages every Government of India site must have (GIGW 3.0), checked as the site
//! is put together: each of [`REQUIRED_PAGES`] written, and no placeholder `[[ … ]]`
//! (which `samvad init` and `samvad new pages` leave for what only the owner can write)
//! left in a page. Both are warnings, so a site still builds while they are written;
//! `--strict` makes them errors before publishing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::Page;
use crate::content::page::REQUIRED_PAGES;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};

/// Titles shared by two releases or pages of one language (GIGW 3.0 and WCAG 2.4.2: each
/// page its own title); each is given the release texts' and pages' titles and files.
pub fn duplicate_titles<'a>(
    titled: impl Iterator<Item = (&'a str, &'a str, &'a Path)>,
) -> Diagnostics {
    let mut by_title: BTreeMap<(&str, String), Vec<&Path>> = BTreeMap::new();
    for (lang, title, file) in titled {
        let key = title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        by_title.entry((lang, key)).or_default().push(file);
    }
    let mut problems = Diagnostics::new();
    for ((_, title), files) in by_title.into_iter().filter(|(_, f)| f.len() > 1) {
        for (n, file) in files.iter().enumerate() {
            let others: Vec<String> = files
                .iter()
                .enumerate()
                .filter(|(m, _)| *m != n)
                .map(|(_, f)| f.display().to_string())
                .collect();
            problems.push(
                Diagnostic::warning(
                    Code::TitleDuplicate,
                    format!(
                        "the title “{title}” is also the title of {}",
                        others.join(", ")
                    ),
                )
                .in_file(file)
                .with_hint(
                    "give each its own title, saying what sets it apart (the place, the date)",
                ),
            );
        }
    }
    problems
}

/// The problems with the required pages of a site whose free pages are `pages`.
pub fn check(pages: &[Page]) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for page in pages.iter().filter(|p| p.body.trim().is_empty()) {
        problems.push(
            Diagnostic::warning(Code::PageEmpty, "the page has a title and nothing else")
                .in_file(&page.file)
                .with_hint("write its text below the front matter, or remove the file"),
        );
    }
    let missing: Vec<&str> = REQUIRED_PAGES
        .iter()
        .map(|(stem, _)| *stem)
        .filter(|stem| !pages.iter().any(|p| p.stem == *stem))
        .collect();
    if !missing.is_empty() {
        problems.push(
            Diagnostic::warning(
                Code::RequiredPageMissing,
                format!(
                    "the site has no {} page{}, which every Government of India site must have (GIGW 3.0)",
                    missing.join(", "),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            )
            .in_file("content/pages/")
            .with_hint("run `samvad new pages` to write them in both languages, with a placeholder [[ … ]] for each thing only you can say"),
        );
    }
    for page in pages {
        for (line, column, text) in placeholders(page) {
            problems.push(
                Diagnostic::warning(
                    Code::PlaceholderLeft,
                    format!("a placeholder is still in the page: {text}"),
                )
                .in_file(&page.file)
                .at_place(Location { line, column }, page_line(page, line))
                .with_hint("write what it asks for in its place, and take out the [[ ]]"),
            );
        }
    }
    problems
}

/// Each `[[ … ]]` in a page's title, summary and body: its line and column in the file,
/// and itself.
fn placeholders(page: &Page) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut in_text = |text: &str, first_line: usize, fixed_line: bool| {
        let mut from = 0;
        while let Some(open) = text[from..].find("[[").map(|i| from + i) {
            let Some(close) = text[open..].find("]]").map(|i| open + i + 2) else {
                break;
            };
            let before = &text[..open];
            let (line, column) = if fixed_line {
                (first_line, 1)
            } else {
                let line = first_line + before.matches('\n').count();
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                (line, before[start..].chars().count() + 1)
            };
            found.push((line, column, text[open..close].to_string()));
            from = close;
        }
    };
    // The title and summary are front matter (lines 2 and on); their lines are not kept,
    // so they are reported at the top of the file.
    in_text(&page.title, 1, true);
    if let Some(summary) = &page.summary {
        in_text(summary, 1, true);
    }
    in_text(&page.body, page.body_line, false);
    found
}

/// Line `line` of the page's file, for the diagnostic.
fn page_line(page: &Page, line: usize) -> Option<String> {
    line.checked_sub(page.body_line)
        .and_then(|n| page.body.lines().nth(n))
        .map(str::to_string)
}
