//! What a build changed in the published folder, for a deploy step that uploads and
//! purges only that (`build --changes FILE`).

use std::collections::BTreeMap;
use std::path::Path;

/// What was in a published folder: each file's identity (the same file after a build
/// means its bytes were kept, see `Staging`) and size.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Listing {
    files: BTreeMap<String, (u64, u64)>,
}

/// One line of the changes: what happened to a file, by output-relative path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added(String),
    Changed(String),
    Removed(String),
}

impl Change {
    /// The line written for it: the word, a tab, the path.
    pub fn line(&self) -> String {
        match self {
            Change::Added(p) => format!("added\t{p}"),
            Change::Changed(p) => format!("changed\t{p}"),
            Change::Removed(p) => format!("removed\t{p}"),
        }
    }
}

/// The files of `dir` (none when it does not exist), without samvad's hidden marker.
pub fn list(dir: &Path) -> Listing {
    let mut files = BTreeMap::new();
    if !dir.is_dir() {
        return Listing { files };
    }
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.starts_with('.') {
            continue;
        }
        if let Ok(meta) = entry.metadata() {
            files.insert(rel, identity(&meta));
        }
    }
    Listing { files }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.len())
}

#[cfg(not(unix))]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (modified, meta.len())
}

/// The files added, changed and removed between two listings of the published folder,
/// in path order.
pub fn changes(before: &Listing, after: &Listing) -> Vec<Change> {
    let mut out = Vec::new();
    for (path, id) in &after.files {
        match before.files.get(path) {
            None => out.push(Change::Added(path.clone())),
            Some(old) if old != id => out.push(Change::Changed(path.clone())),
            Some(_) => {}
        }
    }
    for path in before.files.keys() {
        if !after.files.contains_key(path) {
            out.push(Change::Removed(path.clone()));
        }
    }
    out.sort_by(|a, b| path_of(a).cmp(path_of(b)));
    out
}

fn path_of(c: &Change) -> &str {
    match c {
        Change::Added(p) | Change::Changed(p) | Change::Removed(p) => p,
    }
}
