//! Where a build's files go, behind one small interface ([`Output`]): the working copy
//! that is swapped into place ([`Staging`], the only code that writes the site), nothing
//! at all for `check` ([`Discard`]), memory for a server or a test ([`Memory`]). Beside
//! them: the lock that keeps two builds from one folder ([`OutputLock`]) and the rules
//! on where a site may be written ([`check_placement`]).

pub mod changes;
mod in_place;
mod lock;
mod placement;
mod staging;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::diagnostics::{Code, Diagnostic};
pub use crate::render::sink::{Output, OutputStats};
pub use in_place::InPlace;
pub use lock::{OutputLock, WhenLocked};
pub use placement::check_placement;
pub use staging::Staging;

/// An output that keeps nothing: `check` renders every file exactly as `build` does and
/// counts it, without a folder to clean up when it is interrupted.
#[derive(Debug, Default)]
pub struct Discard {
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Output for Discard {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        check_relative(rel)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn stats(&self) -> OutputStats {
        OutputStats {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            ..OutputStats::default()
        }
    }
}

/// An output that keeps every file in memory: what a build would write, to serve it or
/// to compare it, without a folder.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    bytes: AtomicU64,
}

impl Memory {
    /// The files written, by output-relative path.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Output for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        check_relative(rel)?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if let Ok(mut files) = self.files.lock() {
            files.insert(rel.to_string(), bytes.to_vec());
        }
        Ok(())
    }

    fn stats(&self) -> OutputStats {
        OutputStats {
            files: self.files.lock().map_or(0, |f| f.len()),
            bytes: self.bytes.load(Ordering::Relaxed),
            ..OutputStats::default()
        }
    }
}

/// Refuses a path that is empty or would leave the output folder (`..`, an absolute
/// path, a drive letter).
pub(crate) fn check_relative(rel: &str) -> Result<(), Diagnostic> {
    let ok = !rel.is_empty()
        && !rel.contains('\\')
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::Internal,
            format!("refusing to write outside the output folder: `{rel}`"),
        ))
    }
}

/// A file in every output folder, so samvad never replaces a folder it did not make.
pub const MARKER: &str = ".samvad-output";

pub(crate) const MARKER_TEXT: &[u8] =
    b"This folder is written by samvad build; it is replaced on every build.\n";

/// Copies a folder (theme assets) into the output under `rel`. Hidden files and folders
/// (`.env`, `.git/`, `.DS_Store`) and editor leftovers (`name~`, `#name#`, `.swp`) are
/// not published.
pub fn copy_dir(out: &dyn Output, from: &Path, rel: &str) -> Result<(), Diagnostic> {
    if !from.is_dir() {
        return Ok(());
    }
    let walker = walkdir::WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || publishable(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            Diagnostic::error(
                Code::Unreadable,
                format!("cannot read {}: {e}", from.display()),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let inner = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let inner = inner.to_string_lossy().replace('\\', "/");
        let bytes = fs::read(entry.path()).map_err(|e| io_error(entry.path(), e))?;
        out.write(&format!("{rel}/{inner}"), &bytes)?;
    }
    Ok(())
}

pub use crate::text::names::publishable;

pub(crate) fn is_ours_or_empty(dir: &Path) -> bool {
    dir.is_dir()
        && (dir.join(MARKER).is_file()
            || fs::read_dir(dir)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false))
}

pub(crate) fn io_error(path: &Path, e: io::Error) -> Diagnostic {
    let hint = match e.kind() {
        io::ErrorKind::CrossesDevices | io::ErrorKind::ResourceBusy => {
            "the output folder is a mount point or on another disk than the folder around it; build into a folder inside it with --output"
        }
        io::ErrorKind::StorageFull => "the disk is full; make room and build again",
        io::ErrorKind::ReadOnlyFilesystem => {
            "this disk is read-only; choose another folder with --output"
        }
        io::ErrorKind::PermissionDenied => {
            "you may not write there; choose another folder with --output, or fix its permissions"
        }
        _ => "check that the folder exists and that you may write to it",
    };
    Diagnostic::error(Code::Write, format!("cannot write {}: {e}", path.display())).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_os = "linux")]
    #[test]
    fn paths_outside_the_output_are_refused_by_every_output() {
        let discard = Discard::default();
        for rel in ["", "../x", "/etc/passwd", "a/../../x", "a\\..\\x", "./a"] {
            assert!(discard.write(rel, b"x").is_err(), "{rel:?}");
        }
        discard.write("hi/index.html", b"abc").unwrap();
        assert_eq!(discard.stats().files, 1);
        assert_eq!(discard.stats().bytes, 3);
    }

    #[test]
    fn what_is_not_published_from_a_theme() {
        for name in [
            ".env",
            ".git",
            "a~",
            "#a#",
            "x.swp",
            "Thumbs.db",
            "desktop.ini",
            "a.BAK",
        ] {
            assert!(!publishable(name), "{name}");
        }
        for name in ["style.css", "logo.svg", "a#b.css", "filter.js"] {
            assert!(publishable(name), "{name}");
        }
    }
}
