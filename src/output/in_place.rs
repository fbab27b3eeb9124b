//! Writing a few files into a folder that is being served: each file is replaced in one
//! step and only when its bytes changed.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::{check_relative, io_error};
use crate::diagnostics::Diagnostic;
use crate::render::sink::{Output, OutputStats};

/// An output into a finished site folder, for a session that renders again only the
/// pages an edit shows (`serve`): a file is written beside its old self under a hidden
/// name and renamed over it, so a reader gets the old file or the new one, never part of
/// one. A whole build still goes through [`super::Staging`].
#[derive(Debug)]
pub struct InPlace {
    dir: PathBuf,
    files: AtomicUsize,
    unchanged: AtomicUsize,
    bytes: AtomicU64,
}

impl InPlace {
    /// Writes into `dir`, which a build has made.
    pub fn new(dir: impl Into<PathBuf>) -> InPlace {
        InPlace {
            dir: dir.into(),
            files: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// Removes a file the site no longer has (a search index file of words no page
    /// has now); one already gone is no error.
    pub fn remove(&self, rel: &str) -> Result<(), Diagnostic> {
        check_relative(rel)?;
        let path = self.dir.join(rel);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&path, e)),
            _ => Ok(()),
        }
    }
}

impl Output for InPlace {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        check_relative(rel)?;
        let path = self.dir.join(rel);
        self.files.fetch_add(1, Ordering::Relaxed);
        if fs::read(&path).is_ok_and(|old| old == bytes) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = path.with_file_name(format!(".{name}.samvad-new"));
        fs::write(&temp, bytes).map_err(|e| io_error(&temp, e))?;
        fs::rename(&temp, &path).map_err(|e| {
            let _ = fs::remove_file(&temp);
            io_error(&path, e)
        })?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn stats(&self) -> OutputStats {
        OutputStats {
            files: self.files.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            ..OutputStats::default()
        }
    }
}
