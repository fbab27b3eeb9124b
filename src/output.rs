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
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;

/// Where rendered files go: the working copy of a build ([`Staging`]) or nowhere
/// ([`Discard`], for `check`). Paths are relative to the output folder, with `/`.
pub trait Output: Sync {
    /// Writes one file. Paths that would leave the output folder are refused.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// Writes a file into a folder this build has just written another file into (a
    /// page's calendar beside the page).
    fn write_beside(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write(rel, bytes)
    }

    /// What was written so far.
    fn stats(&self) -> OutputStats;
}

/// Counts of what an [`Output`] took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputStats {
    /// Files written.
    pub files: usize,
    /// Files whose bytes were the same as in the previous output (kept as they were).
    pub unchanged: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Time spent writing, summed over threads.
    pub write_time: std::time::Duration,
}

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

/// Refuses a path that is empty or would leave the output folder (`..`, an absolute
/// path, a drive letter).
fn check_relative(rel: &str) -> Result<(), Diagnostic> {
    let ok = !rel.is_empty()
        && !rel.contains('\\')
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(Diagnostic::error(format!(
            "refusing to write outside the output folder: `{rel}`"
        )))
    }
}

/// A file in every output folder, so samvad never replaces a folder it did not make.
pub const MARKER: &str = ".samvad-output";

const MARKER_TEXT: &[u8] =
    b"This folder is written by samvad build; it is replaced on every build.\n";

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
            Err(_) => return Err(Diagnostic::error("a rendering thread failed")),
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
        let entry =
            entry.map_err(|e| Diagnostic::error(format!("cannot read {}: {e}", from.display())))?;
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

/// Whether a file or folder of the theme's static folder is published: not hidden, not
/// an editor's backup, swap or lock file, not a system's folder thumbnail file.
pub fn publishable(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !(name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || lower.ends_with(".swp")
        || lower.ends_with(".swo")
        || lower.ends_with(".bak")
        || lower.ends_with(".tmp")
        || lower == "thumbs.db"
        || lower == "desktop.ini")
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

/// The folder around `target`, the working copy beside it (`.public.next`), and the place
/// the fallback swap puts the published folder aside (`.public.prev`).
fn beside(target: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let dir = parent.join(format!(".{name}.next"));
    let aside = parent.join(format!(".{name}.prev"));
    (parent, dir, aside)
}

/// A folder that is not a symbolic link.
fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// The output folder and the working copy are folders samvad made (or empty, or not
/// there yet), and neither is a link.
fn check_folders(target: &Path, working: &Path) -> Result<(), Diagnostic> {
    for (path, what) in [(target, "output folder"), (working, "working copy")] {
        if let Ok(meta) = fs::symlink_metadata(path)
            && meta.file_type().is_symlink()
        {
            let to = fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_else(|_| "somewhere else".into());
            return Err(Diagnostic::error(format!(
                "the {what} {} is a link to {to}; samvad does not write through links, so the folder it points to is left as it was",
                path.display()
            ))
            .with_hint(format!(
                "build into a folder of its own, e.g. `samvad build --output {to}-new`, then point the link at it (`ln -sfn {to}-new {}`); or remove the link",
                path.display()
            )));
        }
    }
    if target.exists() && !is_ours_or_empty(target) {
        return Err(Diagnostic::error(format!(
            "the output folder {} exists and was not made by samvad; it is left alone",
            target.display()
        ))
        .with_hint("choose another folder with --output, or empty this one"));
    }
    if working.exists() && !is_ours_or_empty(working) {
        return Err(Diagnostic::error(format!(
            "the folder {} is in the way: samvad keeps its working copy there",
            working.display()
        ))
        .with_hint("move or remove that folder"));
    }
    Ok(())
}

/// Checks, before anything is rendered, that the site in `root` may be written to
/// `target`: not through a link, not inside the site's own files (it would be read or
/// copied as input), not onto a mount point (a folder that cannot be swapped), and not
/// over a folder samvad did not make. `check` runs the same test, so it refuses what
/// `build` would.
pub fn check_placement(root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let (_, working, _) = beside(target);
    check_folders(target, &working)?;
    let site = resolved(root);
    let out = resolved(target);
    if site.starts_with(&out) {
        return Err(Diagnostic::error(format!(
            "the output folder {} holds the site itself; a build replaces its output folder whole",
            target.display()
        ))
        .with_hint("write the site into a folder of its own, e.g. --output public"));
    }
    for input in ["site.yaml", "content", "i18n", "themes", "data"] {
        if out.starts_with(site.join(input)) {
            return Err(Diagnostic::error(format!(
                "the output folder {} is inside the site's {input}; it would be read back (or copied into itself) on the next build",
                target.display()
            ))
            .with_hint("write the site outside content/, i18n/, themes/ and data/, e.g. --output public"));
        }
    }
    if is_mount_point(target) {
        return Err(Diagnostic::error(format!(
            "the output folder {} is a mount point (a disk, a USB stick or a volume of its own); samvad builds beside the output folder and swaps the two in one step, which a mount point does not allow",
            target.display()
        ))
        .with_hint(format!(
            "build into a folder inside it, e.g. --output {}",
            target.join("site").display()
        )));
    }
    Ok(())
}

/// `path` made absolute with links resolved, as far as it exists; the rest appended.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// True when `path` is a folder on another file system than its parent (or the root of
/// one): it cannot be renamed, only written into.
#[cfg(unix)]
fn is_mount_point(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    let real = resolved(path);
    let Some(parent) = real.parent() else {
        return true;
    };
    fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev() || p.ino() == meta.ino())
}

/// Without device numbers a mount point is found when the swap fails.
#[cfg(not(unix))]
fn is_mount_point(_path: &Path) -> bool {
    false
}

/// A lock on an output folder, held for a whole build, so two builds into one folder
/// (a cron job while an author builds) run one after the other instead of mixing their
/// files. It is the operating system's lock on a file beside the output
/// (`.public.lock`): a build that is killed releases it with its process, so a stale
/// lock never blocks the next build.
#[derive(Debug)]
pub struct OutputLock {
    file: fs::File,
    path: PathBuf,
    /// How long this build waited for another to finish.
    pub waited: Option<std::time::Duration>,
}

impl Drop for OutputLock {
    /// The lock file is removed while the lock is still held; a build waiting on it
    /// then finds the file gone and takes a new one (see [`OutputLock::acquire`]).
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// What to do when another build holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenLocked {
    /// Wait for it to finish (`notify` is called once, before waiting).
    Wait,
    /// Fail at once (`--no-wait`).
    Fail,
}

impl OutputLock {
    /// Takes the lock of the output folder `target`, waiting or failing as `when_locked`
    /// says. `notify` is told, with a sentence for the author, when the build waits.
    pub fn acquire(
        target: &Path,
        when_locked: WhenLocked,
        notify: &dyn Fn(&str),
    ) -> Result<OutputLock, Diagnostic> {
        let (parent, _, _) = beside(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let path = parent.join(format!(".{name}.lock"));
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let started = std::time::Instant::now();
        let mut waited = false;
        loop {
            let file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| io_error(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let holder = holder.trim();
                    let who = if holder.is_empty() {
                        "another samvad build".to_string()
                    } else {
                        format!("another samvad build ({holder})")
                    };
                    if when_locked == WhenLocked::Fail {
                        return Err(Diagnostic::error(format!(
                            "{who} is writing to {}; this build did not start",
                            target.display()
                        ))
                        .with_hint(
                            "try again when it has finished, or leave out --no-wait to wait for it",
                        ));
                    }
                    if !waited {
                        notify(&format!(
                            "{who} is writing to {}; waiting for it to finish",
                            target.display()
                        ));
                        waited = true;
                    }
                    file.lock().map_err(|e| io_error(&path, e))?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_error(&path, e)),
            }
            // The build that held the lock removes its file before it lets go: a lock
            // on a file no longer at the path locks nothing, so open it again.
            if !still_at(&file, &path) {
                continue;
            }
            // Who holds it, for the message of a build that has to wait.
            {
                use std::io::{Seek, Write};
                let mut f = &file;
                let _ = f.set_len(0);
                let _ = f.seek(io::SeekFrom::Start(0));
                let _ = write!(f, "process {}", std::process::id());
            }
            return Ok(OutputLock {
                file,
                path,
                waited: waited.then(|| started.elapsed()),
            });
        }
    }
}

/// True when the open `file` is the one at `path`.
#[cfg(unix)]
fn still_at(file: &fs::File, path: &Path) -> bool {
    file.metadata().is_ok_and(|meta| is_same_file(&meta, path))
}

/// Without inode numbers the lock file is never removed, so it is always the one there.
#[cfg(not(unix))]
fn still_at(_file: &fs::File, _path: &Path) -> bool {
    true
}

fn is_ours_or_empty(dir: &Path) -> bool {
    dir.is_dir()
        && (dir.join(MARKER).is_file()
            || fs::read_dir(dir)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false))
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
fn is_same_file(meta: &fs::Metadata, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

/// Without inode numbers no two paths are known to be one file, so links are remade.
#[cfg(not(unix))]
fn is_same_file(_meta: &fs::Metadata, _path: &Path) -> bool {
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

fn io_error(path: &Path, e: io::Error) -> Diagnostic {
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
    Diagnostic::error(format!("cannot write {}: {e}", path.display())).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[cfg(target_os = "linux")]
    #[test]
    fn mount_points_are_found() {
        assert!(is_mount_point(Path::new("/")));
        assert!(is_mount_point(Path::new("/proc")));
        let tmp = tempfile::tempdir().unwrap();
        assert!(!is_mount_point(tmp.path()));
        assert!(!is_mount_point(&tmp.path().join("missing")));
    }

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
