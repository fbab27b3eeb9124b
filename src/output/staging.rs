//! The one place that writes the site to disk.
//!
//! The output is double-buffered. Beside `public/` lives a working copy,
//! `.public.next/`, which the build brings up to date; only when the whole build has
//! succeeded are the two folders exchanged in one step. The published folder is never
//! written into, so a failed or killed build leaves it exactly as it was.
//!
//! A file whose bytes are the same as in the published folder is not written again: the
//! working copy gets a hard link to the published file, so the file keeps its
//! modification time and `rsync` or an object-store sync uploads only what changed. After
//! the exchange the old published folder is the next build's working copy, so a rebuild
//! neither copies nor deletes a whole tree.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::placement::{beside, check_folders, is_real_dir};
use super::{MARKER, MARKER_TEXT, Output, OutputStats, check_relative, io_error};
use crate::diagnostics::{Code, Diagnostic};

/// The working copy being brought up to date; shared between rendering threads.
#[derive(Debug)]
pub struct Staging {
    /// The working copy.
    dir: PathBuf,
    /// The published folder.
    target: PathBuf,
    /// Whether `target` holds a previous build to compare with.
    has_previous: bool,
    /// Whether this build made the working copy (then a failure removes it).
    created_dir: bool,
    written: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    unchanged: AtomicUsize,
    bytes: AtomicU64,
    write_nanos: AtomicU64,
    finished: bool,
}

impl Staging {
    /// Prepares the working copy next to `target`. Refuses a target that exists, is not
    /// empty, and was not made by samvad (see also [`check_placement`], which says so
    /// before anything is rendered).
    pub fn new(target: &Path) -> Result<Staging, Diagnostic> {
        let (parent, dir, aside) = beside(target);
        // A build killed inside the fallback swap may leave the published site aside:
        // put it back (or drop the stale copy) first. Only a folder samvad made.
        if is_real_dir(&aside) && aside.join(MARKER).is_file() {
            if target.exists() {
                let _ = fs::remove_dir_all(&aside);
            } else {
                let _ = fs::rename(&aside, target);
            }
        }
        check_folders(target, &dir)?;
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let created_dir = !dir.exists();
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let staging = Staging {
            has_previous: target.join(MARKER).is_file(),
            dir,
            target: target.to_path_buf(),
            created_dir,
            written: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            write_nanos: AtomicU64::new(0),
            finished: false,
        };
        staging.write(MARKER, MARKER_TEXT)?;
        Ok(staging)
    }

    fn write_file(&self, rel: &str, bytes: &[u8], folder_made: bool) -> Result<(), Diagnostic> {
        check_relative(rel)?;
        let rel_path = Path::new(rel);
        let started = std::time::Instant::now();
        let path = self.dir.join(rel_path);
        let kept = self.has_previous && self.keep_published(rel_path, &path, bytes, folder_made);
        if kept {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else if self.created_dir {
            // A working copy made by this build has no files but the ones it writes, and a
            // new file shares nothing, so it is written in place.
            in_new_folder(&path, folder_made, |p| fs::write(p, bytes))
                .map_err(|e| io_error(&path, e))?;
        } else if !same_bytes(&path, bytes) {
            with_parent(&path, |p| replace(p, |tmp| fs::write(tmp, bytes)))
                .map_err(|e| io_error(&path, e))?;
        }
        // Only a reused working copy is checked for stale files (see `commit`).
        if !self.created_dir
            && let Ok(mut written) = self.written.lock()
        {
            written.insert(rel_path.to_path_buf());
        }
        self.write_nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// When the published file has these bytes, makes the working copy's file that same
    /// file (a hard link) and returns true. Any failure just means "write it" (a file
    /// system without hard links still builds, only without keeping modification times).
    fn keep_published(&self, rel: &Path, path: &Path, bytes: &[u8], folder_made: bool) -> bool {
        let published = self.target.join(rel);
        let Some(published_meta) = file_with_bytes(&published, bytes) else {
            return false;
        };
        let linked = if self.created_dir {
            // Nothing is there yet: link directly.
            in_new_folder(path, folder_made, |p| fs::hard_link(&published, p))
        } else if is_same_file(&published_meta, path) {
            // Kept from the build before: already the published file.
            Ok(())
        } else {
            with_parent(path, |p| replace(p, |tmp| fs::hard_link(&published, tmp)))
        };
        linked.is_ok()
    }

    /// Removes from the working copy what this build did not write (pages of deleted
    /// content), then exchanges it with the published folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        // A working copy made by this build holds only what it wrote.
        if !self.created_dir {
            self.remove_stale()?;
        }
        if self.target.exists() {
            exchange(&self.dir, &self.target).map_err(|e| io_error(&self.target, e))?;
        } else {
            fs::rename(&self.dir, &self.target).map_err(|e| io_error(&self.target, e))?;
        }
        self.finished = true;
        Ok(())
    }

    fn remove_stale(&self) -> Result<(), Diagnostic> {
        let written = match self.written.lock() {
            Ok(w) => w,
            Err(_) => {
                return Err(Diagnostic::error(
                    Code::Internal,
                    "a rendering thread failed",
                ));
            }
        };
        let mut dirs = Vec::new();
        for entry in walkdir::WalkDir::new(&self.dir).min_depth(1) {
            let Ok(entry) = entry else { continue };
            let rel = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                dirs.push(entry.path().to_path_buf());
            } else if !written.contains(rel) {
                fs::remove_file(entry.path()).map_err(|e| io_error(entry.path(), e))?;
            }
        }
        // Deepest first, so emptied folders go too; a folder with files fails harmlessly.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in dirs {
            let _ = fs::remove_dir(d);
        }
        Ok(())
    }
}

impl Output for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write_file(rel, bytes, false)
    }

    /// Making the folder again would only fail.
    fn write_beside(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write_file(rel, bytes, true)
    }

    fn stats(&self) -> OutputStats {
        OutputStats {
            files: self.files.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            write_time: std::time::Duration::from_nanos(self.write_nanos.load(Ordering::Relaxed)),
        }
    }
}

impl Drop for Staging {
    /// A failed first build removes the working copy it made; otherwise the working copy
    /// stays for the next build (the published folder is untouched either way).
    fn drop(&mut self) {
        if !self.finished && self.created_dir {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// True when `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    file_with_bytes(path, bytes).is_some()
}

/// When `path` is a regular file holding exactly `bytes`, its metadata. One open, one
/// `fstat` and the reads: this runs for every file of every rebuild.
fn file_with_bytes(path: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    use std::io::Read;
    let mut file = fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    // One byte more than expected, to notice a file that grew since the `fstat`.
    let mut found = Vec::with_capacity(bytes.len() + 1);
    file.by_ref()
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut found)
        .ok()?;
    (found == bytes).then_some(meta)
}

/// True when `path` is the file `meta` describes (a hard link of the same inode).
#[cfg(unix)]
pub(super) fn is_same_file(meta: &fs::Metadata, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

/// Without inode numbers no two paths are known to be one file, so links are remade.
#[cfg(not(unix))]
pub(super) fn is_same_file(_meta: &fs::Metadata, _path: &Path) -> bool {
    false
}

/// Runs `op` on `path`, making the parent folders first if `op` finds them missing.
/// Trying first saves a `stat` per file when the folders exist (every rebuild).
fn with_parent(path: &Path, op: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    match op(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            op(path)
        }
        other => other,
    }
}

/// Runs `op` after making the folder `path` goes in. In a working copy this build made,
/// almost every file is the first in its folder (one folder per page), so making the
/// folder first saves a failed open per page that [`with_parent`] would pay.
fn with_new_parent(path: &Path, op: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        match fs::create_dir(parent) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(parent)?,
            Err(e) => return Err(e),
        }
    }
    op(path)
}

/// [`with_new_parent`], or [`with_parent`] when the folder is known to be made already.
fn in_new_folder(
    path: &Path,
    folder_made: bool,
    op: impl Fn(&Path) -> io::Result<()>,
) -> io::Result<()> {
    if folder_made {
        with_parent(path, op)
    } else {
        with_new_parent(path, op)
    }
}

/// Puts a new file at `path` by making it beside it and renaming it over: a file that
/// may be shared with the published folder is never written into.
fn replace(path: &Path, make: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".samvad-tmp");
    let tmp = PathBuf::from(tmp);
    let _ = fs::remove_file(&tmp);
    make(&tmp)?;
    fs::rename(&tmp, path)
}

/// Exchanges two folders in one step where the system can (Linux `renameat2`), else with
/// three renames that leave a recoverable state at every point.
fn exchange(next: &Path, target: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let a = CString::new(next.as_os_str().as_bytes())?;
        let b = CString::new(target.as_os_str().as_bytes())?;
        // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
    }
    exchange_by_renames(next, target)
}

/// [`exchange`] where the system has no one-step exchange: the published folder is put
/// aside, the working copy takes its place, and the old one becomes the working copy. A
/// build killed in between is recovered by the next one (see [`Staging::new`]).
fn exchange_by_renames(next: &Path, target: &Path) -> io::Result<()> {
    let aside = next.with_file_name(format!(
        "{}.prev",
        next.file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".next").to_string())
            .unwrap_or_default()
    ));
    if aside.exists() || fs::symlink_metadata(&aside).is_ok() {
        // Only a folder this tool made (a swap interrupted before) is removed.
        if !(is_real_dir(&aside) && aside.join(MARKER).is_file()) {
            return Err(io::Error::other(format!(
                "{} is in the way and was not made by samvad; move or remove it",
                aside.display()
            )));
        }
        fs::remove_dir_all(&aside)?;
    }
    fs::rename(target, &aside)?;
    if let Err(e) = fs::rename(next, target) {
        let _ = fs::rename(&aside, target);
        return Err(e);
    }
    fs::rename(&aside, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MARKER_TEXT;
    fn ours(dir: &Path, file: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(dir.join(file), file).unwrap();
    }

    #[test]
    fn the_fallback_swap_exchanges_and_removes_only_its_own_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let (next, target) = (tmp.path().join(".public.next"), tmp.path().join("public"));
        ours(&next, "new.html");
        ours(&target, "old.html");
        // A `.public.prev` left by an interrupted swap of samvad's own is replaced.
        ours(&tmp.path().join(".public.prev"), "older.html");
        exchange_by_renames(&next, &target).unwrap();
        assert!(target.join("new.html").is_file() && next.join("old.html").is_file());
        assert!(!tmp.path().join(".public.prev").exists());

        // A folder of that name that samvad did not make is never removed.
        let foreign = tmp.path().join(".public.prev");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("holiday.jpg"), "photo").unwrap();
        let err = exchange_by_renames(&next, &target).unwrap_err();
        assert!(err.to_string().contains("not made by samvad"), "{err}");
        assert_eq!(
            fs::read_to_string(foreign.join("holiday.jpg")).unwrap(),
            "photo"
        );
        assert!(
            target.join("new.html").is_file(),
            "the published folder moved"
        );
    }
}
