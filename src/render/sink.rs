//! Where rendering puts the files it makes: any [`Output`] (the output module has the
//! working copy on disk, one that keeps nothing for `check`, and one in memory).

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

/// Where rendered files go. Paths are relative to the output folder, with `/`.
pub trait Output: Sync {
    /// Writes one file. Paths that would leave the output folder are refused.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// Writes a file into a folder this build has most likely made already (a page's
    /// calendar beside the page, the search index's files). A folder still missing is
    /// made then, at the cost of one failed open.
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

/// Writes the search index of every language (in parallel, file by file); returns the
/// files that could not be written.
pub(super) fn write_search(search: crate::search::Collector, out: &dyn Output) -> Vec<Diagnostic> {
    let failed = std::sync::Mutex::new(Vec::new());
    // The index's files share a few folders: each is written as one whose folder is
    // made (the first of a folder makes it on failing), not with a `mkdir` for every
    // one of its thousands of files.
    let write = &|(path, bytes): crate::search::IndexFile| {
        if let Err(d) = out.write_beside(&path, &bytes) {
            failed.lock().unwrap_or_else(|p| p.into_inner()).push(d);
        }
    };
    for f in search.finish() {
        crate::search::index_files(&f.lang, &f.terms, f.docs, write);
        f.files.into_par_iter().for_each(write);
    }
    failed.into_inner().unwrap_or_else(|p| p.into_inner())
}
