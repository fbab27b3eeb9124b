//! What a long-running session (`serve`) keeps of each content file between builds: the
//! file's parsed result and problems, kept until the file is said to have changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::release::ReleaseText;
use super::{Event, Page};
use crate::diagnostics::Diagnostics;

type Entries<T> = Mutex<HashMap<PathBuf, (Option<T>, Diagnostics)>>;

/// Parsed content files by path on disk. The session that owns it says which files
/// changed ([`LoadCache::forget`]); everything else is taken from here, not read again.
#[derive(Debug, Default)]
pub struct LoadCache {
    releases: Entries<ReleaseText>,
    events: Entries<Event>,
    pages: Entries<Page>,
}

impl LoadCache {
    /// Forgets `path` and everything under it (a folder renamed or removed).
    pub fn forget(&mut self, path: &Path) {
        fn drop_under<T>(entries: &mut Entries<T>, path: &Path) {
            if let Ok(map) = entries.get_mut() {
                map.retain(|k, _| !k.starts_with(path));
            }
        }
        drop_under(&mut self.releases, path);
        drop_under(&mut self.events, path);
        drop_under(&mut self.pages, path);
    }

    /// Forgets every file (the settings changed, so every file is read again).
    pub fn clear(&mut self) {
        *self = LoadCache::default();
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        fn n<T>(e: &Entries<T>) -> usize {
            e.lock().map_or(0, |m| m.len())
        }
        n(&self.releases) + n(&self.events) + n(&self.pages)
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(super) fn release(
        &self,
        abs: &Path,
        load: impl FnOnce() -> (Option<ReleaseText>, Diagnostics),
    ) -> (Option<ReleaseText>, Diagnostics) {
        through(&self.releases, abs, load)
    }

    pub(super) fn event(
        &self,
        abs: &Path,
        load: impl FnOnce() -> (Option<Event>, Diagnostics),
    ) -> (Option<Event>, Diagnostics) {
        through(&self.events, abs, load)
    }

    pub(super) fn page(
        &self,
        abs: &Path,
        load: impl FnOnce() -> (Option<Page>, Diagnostics),
    ) -> (Option<Page>, Diagnostics) {
        through(&self.pages, abs, load)
    }
}

fn through<T: Clone>(
    entries: &Entries<T>,
    abs: &Path,
    load: impl FnOnce() -> (Option<T>, Diagnostics),
) -> (Option<T>, Diagnostics) {
    if let Ok(map) = entries.lock()
        && let Some(kept) = map.get(abs)
    {
        return kept.clone();
    }
    let loaded = load();
    if let Ok(mut map) = entries.lock() {
        map.insert(abs.to_path_buf(), loaded.clone());
    }
    loaded
}
