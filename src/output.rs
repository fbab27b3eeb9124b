//! The one place that writes the site to disk. Files go into a staging folder beside the
//! output; only when the whole build has succeeded does the staging folder replace the
//! output, so a failed build leaves the previous site exactly as it was.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;

/// A file in every output folder, so samvad never replaces a folder it did not make.
pub const MARKER: &str = ".samvad-output";

/// A staging folder being filled; shared between rendering threads.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    write_nanos: AtomicU64,
    finished: bool,
}

impl Staging {
    /// Prepares a fresh staging folder next to `target`. Refuses a target that exists,
    /// is not empty, and was not made by samvad.
    pub fn new(target: &Path) -> Result<Staging, Diagnostic> {
        if target.exists() {
            let is_ours = target.join(MARKER).is_file();
            let is_empty = fs::read_dir(target)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !target.is_dir() || (!is_ours && !is_empty) {
                return Err(Diagnostic::error(format!(
                    "the output folder {} exists and was not made by samvad; it is left alone",
                    target.display()
                ))
                .with_hint("choose another folder with --output, or empty this one"));
            }
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        fs::write(
            dir.join(MARKER),
            b"This folder is written by samvad build; it is replaced on every build.\n",
        )
        .map_err(|e| io_error(&dir, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            write_nanos: AtomicU64::new(0),
            finished: false,
        })
    }

    /// Writes one file at an output-relative path. Paths that would leave the output
    /// folder are refused.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let rel_path = Path::new(rel);
        if rel.is_empty()
            || !rel_path
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(Diagnostic::error(format!(
                "refusing to write outside the output folder: `{rel}`"
            )));
        }
        let started = std::time::Instant::now();
        let path = self.dir.join(rel_path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| io_error(&path, e))?;
        self.write_nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a folder (theme assets) into the output under `rel`.
    pub fn copy_dir(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        if !from.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
            let entry = entry
                .map_err(|e| Diagnostic::error(format!("cannot read {}: {e}", from.display())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let inner = entry.path().strip_prefix(from).unwrap_or(entry.path());
            let inner = inner.to_string_lossy().replace('\\', "/");
            let bytes = fs::read(entry.path()).map_err(|e| io_error(entry.path(), e))?;
            self.write(&format!("{rel}/{inner}"), &bytes)?;
        }
        Ok(())
    }

    /// Files written so far.
    pub fn file_count(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes written so far.
    pub fn byte_count(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Time spent writing, summed over threads.
    pub fn write_time(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.write_nanos.load(Ordering::Relaxed))
    }

    /// Replaces the output with the staging folder: two renames on one file system.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        if self.target.exists() {
            if old.exists() {
                fs::remove_dir_all(&old).map_err(|e| io_error(&old, e))?;
            }
            fs::rename(&self.target, &old).map_err(|e| io_error(&self.target, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&old, &self.target);
            return Err(io_error(&self.target, e));
        }
        self.finished = true;
        if old.exists() {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// An abandoned build (an error, a panic) removes its staging folder.
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn io_error(path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write {}: {e}", path.display()))
        .with_hint("check that the folder exists and that you may write to it")
}
