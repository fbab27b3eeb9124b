//! Everything under `content/`: walked in a stable order, parsed into typed structs (in
//! parallel), and checked field by field. Every problem is collected; nothing stops at
//! the first bad file.

pub mod attend;
mod cache;
pub mod event;
pub mod page;
pub mod release;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::states::StateRegistry;

pub use cache::LoadCache;
pub use event::{Event, EventStatus, When};
pub use page::Page;
pub use release::Release;

/// Text in every language of the site: `{hi: "...", en: "..."}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    /// Language code to text (NFC).
    pub by_lang: BTreeMap<String, String>,
}

impl Localized {
    /// The text in `lang`, or else in `fallback`, or else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        self.by_lang
            .get(lang)
            .or_else(|| self.by_lang.get(fallback))
            .or_else(|| self.by_lang.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// True when the text exists in `lang` itself.
    pub fn has(&self, lang: &str) -> bool {
        self.by_lang.contains_key(lang)
    }
}

/// All content of a site, checked file by file (cross-references are checked by `site`).
#[derive(Debug, Default)]
pub struct Content {
    /// Releases by stem, each with its translations.
    pub releases: Vec<Release>,
    /// Events by id.
    pub events: Vec<Event>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Ids of event files that exist but failed to load: references to them are not
    /// reported again as unknown.
    pub broken_events: Vec<String>,
    /// Stems of release files that exist but failed to load, or are drafts left out.
    pub broken_releases: Vec<String>,
}

/// What the loader needs to know.
pub struct LoadContext<'a> {
    /// Site settings.
    pub config: &'a Config,
    /// State codes.
    pub states: &'a StateRegistry,
    /// Site root.
    pub root: &'a Path,
    /// Whether drafts are built.
    pub drafts: bool,
}

/// Walks `content/` and loads every release, event and page. Returns the content and
/// every problem (errors and warnings) found on the way.
pub fn load(cx: &LoadContext) -> (Content, Diagnostics) {
    load_through(cx, None)
}

/// [`load`], taking every file `cache` holds from it instead of reading it again, and
/// keeping there what it reads.
pub fn load_cached(cx: &LoadContext, cache: &LoadCache) -> (Content, Diagnostics) {
    load_through(cx, Some(cache))
}

fn load_through(cx: &LoadContext, cache: Option<&LoadCache>) -> (Content, Diagnostics) {
    let mut problems = Diagnostics::new();
    let content_dir = cx.root.join("content");
    if !content_dir.is_dir() {
        problems.push(
            Diagnostic::error(Code::ContentMissing, "there is no `content` folder")
                .in_file("content")
                .with_hint("create content/releases, content/events and content/pages"),
        );
        return (Content::default(), problems);
    }

    let release_files = list_files(cx.root, "content/releases", &["md"], &mut problems);
    let event_files = list_files(cx.root, "content/events", &["yaml", "yml"], &mut problems);
    let page_files = list_files(cx.root, "content/pages", &["md"], &mut problems);

    // Parsing is pure per file: run it in parallel, then gather in the walk's order.
    let release_results: Vec<_> = release_files
        .par_iter()
        .map(|(abs, rel)| match cache {
            Some(c) => c.release(abs, || release::load_file(cx, abs, rel)),
            None => release::load_file(cx, abs, rel),
        })
        .collect();
    let event_results: Vec<_> = event_files
        .par_iter()
        .map(|(abs, rel)| match cache {
            Some(c) => c.event(abs, || event::load_file(cx, abs, rel)),
            None => event::load_file(cx, abs, rel),
        })
        .collect();
    let page_results: Vec<_> = page_files
        .par_iter()
        .map(|(abs, rel)| match cache {
            Some(c) => c.page(abs, || page::load_file(cx, abs, rel)),
            None => page::load_file(cx, abs, rel),
        })
        .collect();

    let stem_of = |rel: &PathBuf| {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        name.split('.').next().unwrap_or_default().to_string()
    };
    let mut broken_releases = Vec::new();
    let mut release_texts = Vec::new();
    // Files that failed to load: their release is not reported again as untranslated.
    let mut failed_files = std::collections::BTreeSet::new();
    for ((result, d), (_, rel)) in release_results.into_iter().zip(&release_files) {
        problems.extend(d);
        match result {
            Some(t) => release_texts.push(t),
            None => {
                broken_releases.push(stem_of(rel));
                failed_files.insert(stem_of(rel));
            }
        }
    }
    let (releases, drafts) = release::pair(release_texts, &failed_files, cx, &mut problems);
    broken_releases.extend(drafts);

    let mut events: Vec<Event> = Vec::new();
    let mut event_ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut broken_events = Vec::new();
    for ((result, d), (_, rel)) in event_results.into_iter().zip(&event_files) {
        problems.extend(d);
        if result.is_none() {
            broken_events.push(stem_of(rel));
        }
        if let Some(ev) = result {
            if let Some(first) = event_ids.get(&ev.id) {
                problems.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        format!("the event id `{}` is used twice", ev.id),
                    )
                    .in_file(&ev.file)
                    .also(first, None, "the other file with this id")
                    .with_hint("rename one of the two files (the file name is the id)"),
                );
                continue;
            }
            event_ids.insert(ev.id.clone(), ev.file.clone());
            events.push(ev);
        }
    }

    let mut pages: Vec<Page> = Vec::new();
    for (result, d) in page_results {
        problems.extend(d);
        if let Some(p) = result {
            if let Some(first) = pages.iter().find(|q| q.stem == p.stem && q.lang == p.lang) {
                problems.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        format!("the page `{}` in `{}` is written twice", p.stem, p.lang),
                    )
                    .in_file(&p.file)
                    .also(&first.file, None, "the other file with this name")
                    .with_hint("rename or remove one of the two files"),
                );
                continue;
            }
            pages.push(p);
        }
    }

    events.sort_by(|a, b| a.id.cmp(&b.id));
    pages.sort_by(|a, b| (&a.stem, &a.lang).cmp(&(&b.stem, &b.lang)));
    (
        Content {
            releases,
            events,
            pages,
            broken_events,
            broken_releases,
        },
        problems,
    )
}

/// Files with one of `extensions` under `root/dir`, sorted by path, as (absolute,
/// relative-to-root). Hidden files are skipped; other files get a warning.
fn list_files(
    root: &Path,
    dir: &str,
    extensions: &[&str],
    problems: &mut Diagnostics,
) -> Vec<(PathBuf, PathBuf)> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    // Sorted below, once: walkdir's own sorting takes each name apart from its path on
    // every comparison, which for 20,000 releases was a tenth of a second of serial time.
    let walker = walkdir::WalkDir::new(&base)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(
                    Diagnostic::error(Code::Unreadable, format!("cannot read {dir}: {e}"))
                        .in_file(dir),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let abs = entry.path().to_path_buf();
        let rel = abs.strip_prefix(root).unwrap_or(&abs).to_path_buf();
        let ext = abs
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if extensions.contains(&ext.as_str()) {
            files.push((walk_order_key(&rel), abs, rel));
        } else {
            problems.push(
                Diagnostic::warning(
                    Code::FileIgnored,
                    format!(
                        "this file is ignored: files in {dir} must end in .{}",
                        extensions.join(" or .")
                    ),
                )
                .in_file(&rel),
            );
        }
    }
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    files.into_iter().map(|(_, abs, rel)| (abs, rel)).collect()
}

/// A key that sorts paths the way a walk sorted by name at every level would: folder by
/// folder, so the separator sorts before any other character.
fn walk_order_key(rel: &Path) -> Vec<u8> {
    let mut key: Vec<u8> = Vec::new();
    for (i, part) in rel.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
    }
    key
}

pub use crate::text::names::{check_folder_name, check_slug, is_reserved_device_name};

/// The warning that the text in `file` may be out of date: its twin in `newer` was
/// corrected on `corrected`, after it last changed on `changed` (a page without
/// `updated:` never changed since it was written).
pub(crate) fn stale(
    file: &Path,
    newer: &Path,
    corrected: jiff::civil::Date,
    changed: Option<jiff::civil::Date>,
) -> Diagnostic {
    let since = match changed {
        Some(day) => format!("last changed on {day}"),
        None => "was never corrected".to_string(),
    };
    Diagnostic::warning(
        Code::TranslationStale,
        format!(
            "this text may be out of date: its translation {} was corrected on {corrected}, and this one {since}",
            newer.display()
        ),
    )
    .in_file(file)
    .with_hint(format!(
        "make the same correction here and write `updated: {corrected}` (or the day you make it)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_folder_by_folder_in_name_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let releases = dir.path().join("content/releases");
        for name in [
            "b.hi.md",
            "a-b.hi.md",
            "a/x.hi.md",
            "a.hi.md",
            "a/2025/y.hi.md",
        ] {
            let path = releases.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "").expect("write");
        }
        let mut problems = Diagnostics::new();
        let listed: Vec<String> =
            list_files(dir.path(), "content/releases", &["md"], &mut problems)
                .into_iter()
                .map(|(_, rel)| rel.to_string_lossy().replace('\\', "/"))
                .collect();
        assert_eq!(
            listed,
            [
                "content/releases/a/2025/y.hi.md",
                "content/releases/a/x.hi.md",
                "content/releases/a-b.hi.md",
                "content/releases/a.hi.md",
                "content/releases/b.hi.md",
            ]
        );
    }
}
