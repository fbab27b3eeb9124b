//! The index of a session that renders parts of the site again (`samvad serve`): every
//! page's words are kept, so after an edit the index is made again from the pages
//! rendered now and those kept from before, and equals a clean build's.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::{CHUNK_DOCS, DocShown, IndexFile, doc_order, files};
use crate::site::Site;
use crate::site::urls::PageKey;

/// One page as the index read it: its words with their weights, and its result.
#[derive(Debug, Clone)]
pub struct KeptDoc {
    pub lang: String,
    pub key: PageKey,
    /// Sorted, each once.
    pub words: Vec<(Box<str>, u8)>,
    pub shown: DocShown,
}

/// The pages of the last renders, by language and page, and a hash of each index file
/// last written (so a render of a part writes only the files that changed).
#[derive(Debug, Default)]
pub struct Kept {
    docs: BTreeMap<(String, PageKey), KeptDoc>,
    written: HashMap<String, u64>,
}

impl Kept {
    /// The pages of a whole render.
    pub fn from_docs(docs: Vec<KeptDoc>) -> Kept {
        let mut kept = Kept::default();
        kept.merge(docs);
        kept
    }

    /// Puts the pages of a later render in place of what was kept of them.
    pub fn merge(&mut self, docs: Vec<KeptDoc>) {
        for d in docs {
            self.docs.insert((d.lang.clone(), d.key.clone()), d);
        }
    }

    /// Forgets which files were written (after a render whose files were not), so the
    /// next render of a part writes them all.
    pub fn forget_written(&mut self) {
        self.written.clear();
    }

    /// The index files of the site whose pages `keys` names, as a clean build writes
    /// them (the pages numbered in the same order): all of them, or with `changed` only
    /// those that differ from the files this index gave last; and the files it gave
    /// last that it has no more.
    pub fn files(
        &mut self,
        site: &Site,
        keys: &[(PageKey, Vec<String>)],
        changed: bool,
    ) -> (Vec<IndexFile>, Vec<String>) {
        let all = self.all_files(site, keys);
        let before = std::mem::take(&mut self.written);
        for (path, bytes) in &all {
            let mut h = std::hash::DefaultHasher::new();
            bytes.hash(&mut h);
            self.written.insert(path.clone(), h.finish());
        }
        let mut gone: Vec<String> = before
            .keys()
            .filter(|p| !self.written.contains_key(*p))
            .cloned()
            .collect();
        gone.sort();
        let files = if changed {
            all.into_iter()
                .filter(|(path, _)| before.get(path) != self.written.get(path))
                .collect()
        } else {
            all
        };
        (files, gone)
    }

    fn all_files(&self, site: &Site, keys: &[(PageKey, Vec<String>)]) -> Vec<IndexFile> {
        let order = doc_order(site, keys);
        let mut out = Vec::new();
        for lang in &site.config.languages {
            let docs: Vec<Option<&KeptDoc>> = order
                .iter()
                .filter(|(_, langs)| langs.contains(lang))
                .map(|(k, _)| self.docs.get(&(lang.clone(), k.clone())))
                .collect();
            let mut postings: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
            for (id, d) in docs.iter().enumerate() {
                for (w, weight) in d.map_or(&[][..], |d| d.words.as_slice()) {
                    postings
                        .entry(w)
                        .or_default()
                        .push(id as u32 * 4 + u32::from(*weight));
                }
            }
            let mut terms: Vec<(Box<str>, String)> = postings
                .into_iter()
                .map(|(w, entries)| (Box::from(w), files::postings(&entries)))
                .collect();
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let found = std::sync::Mutex::new(Vec::new());
            files::index_files(lang, &terms, docs.len(), &|f| {
                found.lock().unwrap_or_else(|p| p.into_inner()).push(f);
            });
            out.extend(found.into_inner().unwrap_or_else(|p| p.into_inner()));
            for (n, chunk) in docs.chunks(CHUNK_DOCS).enumerate() {
                let shown: Vec<DocShown> = chunk
                    .iter()
                    .map(|d| d.map(|d| d.shown.clone()).unwrap_or_default())
                    .collect();
                out.push(files::doc_chunk(lang, n, &shown));
            }
        }
        out
    }
}
