//! Where a site may be written: not through a link, not inside the site's own files,
//! not onto a mount point, not over a folder samvad did not make.

use std::fs;
use std::path::{Path, PathBuf};

use super::is_ours_or_empty;
use crate::diagnostics::{Code, Diagnostic};

/// The folder around `target`, the working copy beside it (`.public.next`), and the place
/// the fallback swap puts the published folder aside (`.public.prev`).
pub(super) fn beside(target: &Path) -> (PathBuf, PathBuf, PathBuf) {
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
pub(super) fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// The output folder and the working copy are folders samvad made (or empty, or not
/// there yet), and neither is a link.
pub(super) fn check_folders(target: &Path, working: &Path) -> Result<(), Diagnostic> {
    for (path, what) in [(target, "output folder"), (working, "working copy")] {
        if let Ok(meta) = fs::symlink_metadata(path)
            && meta.file_type().is_symlink()
        {
            let to = fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_else(|_| "somewhere else".into());
            return Err(Diagnostic::error(Code::OutputPlace, format!(
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
        return Err(Diagnostic::error(
            Code::OutputPlace,
            format!(
                "the output folder {} exists and was not made by samvad; it is left alone",
                target.display()
            ),
        )
        .with_hint("choose another folder with --output, or empty this one"));
    }
    if working.exists() && !is_ours_or_empty(working) {
        return Err(Diagnostic::error(
            Code::OutputPlace,
            format!(
                "the folder {} is in the way: samvad keeps its working copy there",
                working.display()
            ),
        )
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
        return Err(Diagnostic::error(Code::OutputPlace, format!(
            "the output folder {} holds the site itself; a build replaces its output folder whole",
            target.display()
        ))
        .with_hint("write the site into a folder of its own, e.g. --output public"));
    }
    for input in ["site.yaml", "content", "i18n", "themes", "data"] {
        if out.starts_with(site.join(input)) {
            return Err(Diagnostic::error(Code::OutputPlace, format!(
                "the output folder {} is inside the site's {input}; it would be read back (or copied into itself) on the next build",
                target.display()
            ))
            .with_hint("write the site outside content/, i18n/, themes/ and data/, e.g. --output public"));
        }
    }
    if is_mount_point(target) {
        return Err(Diagnostic::error(Code::OutputPlace, format!(
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

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn mount_points_are_found() {
        assert!(is_mount_point(Path::new("/")));
        assert!(is_mount_point(Path::new("/proc")));
        let tmp = tempfile::tempdir().unwrap();
        assert!(!is_mount_point(tmp.path()));
        assert!(!is_mount_point(&tmp.path().join("missing")));
    }
}
