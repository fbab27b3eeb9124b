//! One build at a time per output folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::io_error;
use super::placement::beside;
#[cfg(unix)]
use super::staging::is_same_file;
use crate::diagnostics::{Code, Diagnostic};

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
                        return Err(Diagnostic::error(
                            Code::OutputLocked,
                            format!(
                                "{who} is writing to {}; this build did not start",
                                target.display()
                            ),
                        )
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
