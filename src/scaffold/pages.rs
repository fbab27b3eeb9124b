//! The pages every Government of India site must have, as `samvad init` and `samvad new
//! pages` write them: the text such pages say on every site, with a placeholder
//! `[[ … ]]` for each thing only the site's owner can write (a build warns of each one
//! left in; `--strict` refuses them).

use std::path::{Path, PathBuf};

use super::{Written, write_all};
use crate::content::page::REQUIRED_PAGES;
use crate::diagnostics::Diagnostic;

/// Each required page's name and its Hindi and English text.
const PAGES: &[(&str, &str, &str)] = &[
    (
        "about",
        include_str!("pages/about.hi.md"),
        include_str!("pages/about.en.md"),
    ),
    (
        "contact",
        include_str!("pages/contact.hi.md"),
        include_str!("pages/contact.en.md"),
    ),
    (
        "feedback",
        include_str!("pages/feedback.hi.md"),
        include_str!("pages/feedback.en.md"),
    ),
    (
        "help",
        include_str!("pages/help.hi.md"),
        include_str!("pages/help.en.md"),
    ),
    (
        "accessibility",
        include_str!("pages/accessibility.hi.md"),
        include_str!("pages/accessibility.en.md"),
    ),
    (
        "screen-reader-access",
        include_str!("pages/screen-reader-access.hi.md"),
        include_str!("pages/screen-reader-access.en.md"),
    ),
    (
        "copyright-policy",
        include_str!("pages/copyright-policy.hi.md"),
        include_str!("pages/copyright-policy.en.md"),
    ),
    (
        "hyperlinking-policy",
        include_str!("pages/hyperlinking-policy.hi.md"),
        include_str!("pages/hyperlinking-policy.en.md"),
    ),
    (
        "privacy-policy",
        include_str!("pages/privacy-policy.hi.md"),
        include_str!("pages/privacy-policy.en.md"),
    ),
    (
        "terms-and-conditions",
        include_str!("pages/terms-and-conditions.hi.md"),
        include_str!("pages/terms-and-conditions.en.md"),
    ),
];

/// The files of every required page in both languages.
pub(super) fn files() -> Vec<(PathBuf, String)> {
    debug_assert_eq!(PAGES.len(), REQUIRED_PAGES.len());
    PAGES
        .iter()
        .flat_map(|(stem, hi, en)| {
            [
                (
                    PathBuf::from(format!("content/pages/{stem}.hi.md")),
                    hi.to_string(),
                ),
                (
                    PathBuf::from(format!("content/pages/{stem}.en.md")),
                    en.to_string(),
                ),
            ]
        })
        .collect()
}

/// Writes the required pages the site at `root` does not have yet, in both languages;
/// a page that is there, in either language, is left as it is.
pub fn new_pages(root: &Path) -> Result<Written, Diagnostic> {
    let missing: Vec<(PathBuf, String)> = files()
        .into_iter()
        .filter(|(rel, _)| !root.join(rel).exists())
        .collect();
    write_all(root, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_required_page_is_carried_in_both_languages_in_the_registrys_order() {
        let names: Vec<&str> = PAGES.iter().map(|(s, _, _)| *s).collect();
        let registry: Vec<&str> = REQUIRED_PAGES.iter().map(|(s, _)| *s).collect();
        assert_eq!(names, registry);
        for (stem, hi, en) in PAGES {
            for text in [hi, en] {
                assert!(text.starts_with("---\ntitle: "), "{stem}");
            }
        }
    }
}
