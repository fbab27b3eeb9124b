//! Which saves rebuild the site: the watcher on the site's inputs, and the rule that
//! leaves out what editors write beside a file (swap files, `~` backups, hidden files).

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diagnostics::{Code, Diagnostic};

/// The folders of a site whose files are inputs of the build.
const INPUT_DIRS: &[&str] = &["content", "i18n", "themes", "data"];

/// An editor's save is several writes (a temporary file, a rename, a change of mode)
/// within a few milliseconds: the debouncer holds each change this long after it
/// happened and joins what came meanwhile (a save spread over more than this may be
/// taken as two changes, each built).
const QUIET: Duration = Duration::from_millis(50);

/// The watcher and the changes it reports.
pub struct Watch {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
    /// Batches of changes, one per quiet period.
    pub changes: Receiver<DebounceEventResult>,
}

impl Watch {
    /// Watches `site.yaml` (through the site folder, so a save by rename is seen) and the
    /// input folders that exist.
    pub fn start(root: &Path) -> Result<Watch, Diagnostic> {
        let (tx, rx) = channel();
        let debouncer = new_debouncer(QUIET, None, tx).map_err(|e| {
            Diagnostic::error(
                Code::Serve,
                format!("cannot watch the site's files for changes: {e}"),
            )
            .with_hint("on Linux, raise fs.inotify.max_user_instances with sysctl")
        })?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut watch = Watch {
            debouncer,
            root: root.clone(),
            watched: Vec::new(),
            changes: rx,
        };
        watch
            .debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| {
                Diagnostic::error(
                    Code::Serve,
                    format!("cannot watch {} for changes: {e}", root.display()),
                )
            })?;
        watch.watch_new_folders(&[])?;
        Ok(watch)
    }

    /// Adds the input folders made since the last look (`data/` made while serving), and
    /// watches again those that `changed` names themselves: a folder removed and made
    /// again (a checkout) is a new folder, which the old watch does not see.
    pub fn watch_new_folders(&mut self, changed: &[PathBuf]) -> Result<(), Diagnostic> {
        for name in INPUT_DIRS {
            let dir = self.root.join(name);
            if changed.iter().any(|c| c.as_os_str() == *name) && self.watched.contains(&dir) {
                let _ = self.debouncer.unwatch(&dir);
                self.watched.retain(|d| d != &dir);
            }
            if !dir.is_dir() {
                self.watched.retain(|d| d != &dir);
                continue;
            }
            if self.watched.contains(&dir) {
                continue;
            }
            self.debouncer
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| {
                    Diagnostic::error(
                        Code::Serve,
                        format!("cannot watch {} for changes: {e}", dir.display()),
                    )
                    .with_hint("on Linux, raise fs.inotify.max_user_watches with sysctl")
                })?;
            self.watched.push(dir);
        }
        Ok(())
    }

    /// The input files named by a batch of changes, relative to the site folder.
    pub fn inputs(&self, batch: &DebounceEventResult) -> Vec<PathBuf> {
        let Ok(events) = batch else {
            // The watcher lost track (too many changes at once): rebuild to be sure.
            return vec![PathBuf::from("site.yaml")];
        };
        let mut found: Vec<PathBuf> = Vec::new();
        for event in events {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if let Some(rel) = input_file(&self.root, path)
                    && !found.contains(&rel)
                {
                    found.push(rel);
                }
            }
        }
        found
    }
}

/// `path` relative to the site folder, if it is an input of the build and not a file an
/// editor keeps beside it.
pub fn input_file(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    let Some(Component::Normal(first)) = parts.next() else {
        return None;
    };
    let first = first.to_str()?;
    let is_input = if first == "site.yaml" {
        parts.next().is_none()
    } else {
        INPUT_DIRS.contains(&first)
    };
    if !is_input {
        return None;
    }
    let all_named = rel.components().all(|c| match c {
        Component::Normal(n) => n.to_str().is_some_and(|n| !editor_file(n)),
        _ => false,
    });
    all_named.then(|| rel.to_path_buf())
}

/// Names that editors and tools write beside the files they save: those a theme never
/// publishes, and vim's probe file and a few download and merge leftovers besides.
fn editor_file(name: &str) -> bool {
    const ENDINGS: &[&str] = &[".swx", ".part", ".crdownload", ".orig"];
    !crate::text::names::publishable(name)
        || name.starts_with('#')
        || name == "4913"
        || ENDINGS.iter().any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_an_input() {
        let root = Path::new("/s");
        let yes = |p: &str| input_file(root, &root.join(p)).is_some();
        assert!(yes("site.yaml"));
        assert!(yes("content/releases/a.hi.md"));
        assert!(yes("i18n/hi/main.ftl"));
        assert!(yes("themes/default/templates/base.html"));
        assert!(yes("data/x.yaml"));
        assert!(yes("content"));
        for no in [
            "public/index.html",
            "site.yaml~",
            "README.md",
            "content/releases/.a.hi.md.swp",
            "content/releases/a.hi.md~",
            "content/releases/4913",
            "content/releases/#a.hi.md#",
            "content/.git/index",
            "themes/default/templates/.base.html.un~",
            "content/releases/a.hi.md.tmp",
        ] {
            assert!(!yes(no), "{no}");
        }
        assert!(input_file(root, Path::new("/elsewhere/site.yaml")).is_none());
    }
}
