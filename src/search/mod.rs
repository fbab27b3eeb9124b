//! The search index: every release, event, state and free page of a language, by the
//! words of its title and text, written as small plain scripts a page loads one by one
//! (so search works from `file://`, where a page may not `fetch` a file, as well as
//! from any host).
//!
//! Pages are indexed by the render jobs that make them, from the text those jobs already
//! have (a release's body is read and rendered once, for its page and its words). Each
//! job adds its words to the postings of the worker thread it runs on, so no job waits
//! for another and no page's words are kept once added. When every page is made, the
//! postings are joined and written (see [`files`]).

mod files;
mod kept;
mod postings;
pub mod words;

pub use kept::{Kept, KeptDoc};

use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::site::Site;
use crate::site::urls::PageKey;
use postings::{Entries, Postings};

pub use files::{CHUNK_DOCS, SHARD_BYTES, index_files};

/// An index file: its output path and bytes.
pub type IndexFile = (String, Vec<u8>);

/// One language's index once every page is in: its words, sorted, each with its
/// entries; how many pages; and the files of results not yet written.
pub struct Finished {
    pub lang: String,
    /// Each word and its pages, encoded (see `files::postings`).
    pub terms: Vec<(Box<str>, String)>,
    pub docs: usize,
    pub files: Vec<IndexFile>,
}

/// What kind of page a result is (its number in the index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Release = 0,
    Event = 1,
    State = 2,
    Page = 3,
}

/// What a result shows: kind, the page's output path, title, date as shown, and the
/// page's description (in which the browser marks the words found).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocShown {
    pub kind: u8,
    pub path: String,
    pub title: String,
    pub date: String,
    pub excerpt: String,
}

/// The text of one page for the index.
pub struct DocText<'a> {
    pub title: &'a str,
    /// Its description, shown under the title in results.
    pub excerpt: &'a str,
    pub date: &'a str,
    /// Everything else the page says of itself (a release's body, an event's place and
    /// description).
    pub body: &'a str,
}

impl DocText<'_> {
    /// The description, unless the text begins with it (a description made from the
    /// first paragraph): its words are then counted once, with the text's.
    fn excerpt_apart(&self) -> &str {
        let excerpt = self.excerpt.trim();
        if self.body.trim_start().starts_with(excerpt) {
            ""
        } else {
            excerpt
        }
    }
}

/// What one worker thread fills: per language, its postings.
#[derive(Default)]
struct Worker {
    postings: Vec<Postings>,
}

/// The index as the render jobs fill it.
pub struct Collector {
    languages: Vec<String>,
    /// Per language, each indexed page's number, by its place ([`NO_ID`] for a page
    /// not in the language): pages keep their numbers from build to build as releases
    /// are added (see [`doc_order`]), so most files keep their bytes.
    ids: Vec<Vec<u32>>,
    /// Per language, how many pages it has.
    docs: Vec<usize>,
    /// Per language, per file of results: the results of its pages so far, held from
    /// the first to come in until the last, when the file is written.
    shown: Vec<Vec<Mutex<Chunk>>>,
    slots: Vec<Mutex<Worker>>,
    /// Each indexed page's place in the order of numbers.
    places: FxHashMap<PageKey, usize>,
    /// When set (a session that renders parts again), each page's words are kept
    /// whole instead, to make the index again with the pages of later renders.
    kept: Option<Mutex<Vec<KeptDoc>>>,
}

/// The number of a page not in a language.
const NO_ID: u32 = u32::MAX;

/// A file of results as its pages come in.
#[derive(Default)]
struct Chunk {
    docs: Vec<Option<DocShown>>,
    written: bool,
}

/// How many pages' numbers [`Collector::render_rank`] keeps together, a multiple of
/// [`CHUNK_DOCS`]: results of at most 512 pages wait, under 1 MB at 10,000 release
/// pairs.
const RENDER_STRETCH: usize = 512;

/// The most characters of a description a result shows.
const EXCERPT_CHARS: usize = 160;

impl Collector {
    /// An empty index of the pages `keys` names.
    pub fn new(site: &Site, keys: &[(PageKey, Vec<String>)], keep: bool) -> Collector {
        let languages = site.config.languages.clone();
        let order = doc_order(site, keys);
        let places = order
            .iter()
            .enumerate()
            .map(|(n, (k, _))| (k.clone(), n))
            .collect();
        let mut docs: Vec<usize> = vec![0; languages.len()];
        let ids: Vec<Vec<u32>> = languages
            .iter()
            .zip(&mut docs)
            .map(|(lang, count)| {
                order
                    .iter()
                    .map(|(_, langs)| {
                        if langs.contains(lang) {
                            *count += 1;
                            *count as u32 - 1
                        } else {
                            NO_ID
                        }
                    })
                    .collect()
            })
            .collect();
        let shown = docs
            .iter()
            .map(|&n| {
                (0..n.div_ceil(CHUNK_DOCS))
                    .map(|_| Mutex::default())
                    .collect()
            })
            .collect();
        let workers = rayon::current_num_threads() + 1;
        let slots = (0..workers)
            .map(|_| {
                Mutex::new(Worker {
                    postings: languages.iter().map(|_| Postings::default()).collect(),
                })
            })
            .collect();
        Collector {
            languages,
            ids,
            docs,
            shown,
            slots,
            places,
            kept: keep.then(|| Mutex::new(Vec::new())),
        }
    }

    /// The pages added, with their words (for a collector made to keep them).
    pub fn into_kept(self) -> Vec<KeptDoc> {
        self.kept
            .map(|k| k.into_inner().unwrap_or_else(|p| p.into_inner()))
            .unwrap_or_default()
    }

    /// Where the page of `key` goes in the order pages are rendered in: by their numbers
    /// in the index (the same in every language), so each file of results is written
    /// soon after its first page is made and few wait in memory; but within a stretch of
    /// [`RENDER_STRETCH`] numbers, releases before events. Releases and events follow
    /// each other by date, and a core that makes one release page, then one event page,
    /// then a release again makes them about 5% slower than one that makes many of a kind
    /// in a row (measured at 10,000 release pairs), its caches refilled at each turn.
    /// Pages not in the index go first.
    pub fn render_rank(&self, key: &PageKey) -> (usize, u8, usize) {
        match self.places.get(key) {
            None => (0, 0, 0),
            Some(&n) => (
                1 + n / RENDER_STRETCH,
                Self::indexes(key).map_or(0, |k| k as u8),
                n,
            ),
        }
    }

    /// Whether the page of `key` is in the index.
    pub fn indexes(key: &PageKey) -> Option<DocKind> {
        match key {
            PageKey::Release(_) => Some(DocKind::Release),
            PageKey::Event(_) => Some(DocKind::Event),
            PageKey::State(_) => Some(DocKind::State),
            PageKey::Page(_) => Some(DocKind::Page),
            _ => None,
        }
    }

    /// Adds the page of `key` in `lang`, at `path`, with its text. Returns the file of
    /// results this page completes, to be written.
    pub fn add(&self, key: &PageKey, lang: &str, path: &str, text: &DocText) -> Option<IndexFile> {
        let kind = Self::indexes(key)?;
        let li = self.languages.iter().position(|l| l == lang)?;
        let id = *self.ids[li].get(*self.places.get(key)?)?;
        if id == NO_ID {
            return None;
        }
        let shown = DocShown {
            kind: kind as u8,
            path: path.to_string(),
            title: text.title.to_string(),
            date: text.date.to_string(),
            excerpt: excerpt(text.excerpt),
        };
        if let Some(kept) = &self.kept {
            let doc = KeptDoc {
                lang: lang.to_string(),
                key: key.clone(),
                words: doc_words(text),
                shown,
            };
            kept.lock().unwrap_or_else(|p| p.into_inner()).push(doc);
            return None;
        }
        // Each word is looked up once where it is met, in the postings of the worker
        // (which no other thread touches): a page's words are counted in their entries
        // there, so no table of the page's own is filled and read again.
        let slot = rayon::current_thread_index().unwrap_or(self.slots.len() - 1);
        if let Some(mutex) = self.slots.get(slot) {
            let mut worker = mutex.lock().unwrap_or_else(|p| p.into_inner());
            let postings = &mut worker.postings[li];
            postings.note_text(text.title, id, true);
            postings.note_text(text.excerpt_apart(), id, false);
            postings.note_text(text.body, id, false);
        }
        let chunk = id as usize / CHUNK_DOCS;
        let mut c = self.shown[li][chunk]
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if c.docs.is_empty() {
            c.docs = vec![None; CHUNK_DOCS.min(self.docs[li] - chunk * CHUNK_DOCS)];
        }
        c.docs[id as usize % CHUNK_DOCS] = Some(shown);
        if c.docs.iter().all(Option::is_some) {
            let done: Vec<DocShown> = std::mem::take(&mut c.docs).into_iter().flatten().collect();
            c.written = true;
            return Some(files::doc_chunk(lang, chunk, &done));
        }
        None
    }

    /// The words of every page of each language, sorted, each with its pages written
    /// as the index file writes them; and the files of results still to write (of
    /// pages that were not added: a part of a site rendered alone). A word's entries
    /// are made whole one word at a time, so the postings are never all held as
    /// numbers.
    pub fn finish(self) -> Vec<Finished> {
        let mut joined: Vec<FxHashMap<Box<str>, Vec<Entries>>> =
            vec![FxHashMap::default(); self.languages.len()];
        for slot in self.slots {
            let postings = slot
                .into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .postings;
            for (li, map) in postings.into_iter().enumerate() {
                for (word, entries) in map.into_words() {
                    joined[li].entry(word).or_default().push(entries);
                }
            }
        }
        self.languages
            .into_iter()
            .zip(joined)
            .zip(self.shown)
            .zip(self.docs)
            .map(|(((lang, map), shown), docs)| {
                let mut terms: Vec<(Box<str>, Vec<Entries>)> = map.into_iter().collect();
                terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                let terms = terms
                    .into_par_iter()
                    .map(|(word, parts)| {
                        let mut all = Vec::new();
                        for p in &parts {
                            p.decode(&mut all);
                        }
                        drop(parts);
                        // Each worker's entries come mostly in order: a stable sort
                        // merges such runs instead of sorting them again.
                        all.sort();
                        (word, files::postings(&all))
                    })
                    .collect();
                let files = shown
                    .into_iter()
                    .enumerate()
                    .filter_map(|(n, c)| {
                        let c = c.into_inner().unwrap_or_else(|p| p.into_inner());
                        (!c.written).then(|| {
                            let mut shown: Vec<DocShown> =
                                c.docs.into_iter().map(Option::unwrap_or_default).collect();
                            shown.resize_with(
                                CHUNK_DOCS.min(docs - n * CHUNK_DOCS),
                                Default::default,
                            );
                            files::doc_chunk(&lang, n, &shown)
                        })
                    })
                    .collect();
                Finished {
                    lang,
                    terms,
                    docs,
                    files,
                }
            })
            .collect()
    }
}

/// A page's words, each once with its weight, sorted.
fn doc_words(text: &DocText) -> Vec<(Box<str>, u8)> {
    let mut seen: FxHashMap<String, (bool, u32)> = FxHashMap::default();
    words::for_each_word(text.title, |w| {
        seen.entry(w.to_string()).or_default().0 = true;
    });
    for part in [text.excerpt_apart(), text.body] {
        words::for_each_word(part, |w| seen.entry(w.to_string()).or_default().1 += 1);
    }
    let mut words: Vec<(Box<str>, u8)> = seen
        .into_iter()
        .map(|(w, (t, n))| (w.into_boxed_str(), weight(t, n) as u8))
        .collect();
    words.sort_unstable();
    words
}

/// How much a word says of a page: 2 for the title, 1 for a word the text uses three
/// times or more.
fn weight(in_title: bool, count: u32) -> u32 {
    (if in_title { 2 } else { 0 }) + u32::from(count >= 3)
}

/// The start of a description, cut at a word.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rfind(' ').map_or(head, |i| &head[..i]);
            format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
        }
    }
}

/// The order pages are numbered in: states, free pages and events without a date first
/// (they rarely change), then releases and dated events from the oldest, so a new
/// release takes the next number and the others keep theirs.
pub(crate) fn doc_order<'k>(
    site: &Site,
    keys: &'k [(PageKey, Vec<String>)],
) -> Vec<&'k (PageKey, Vec<String>)> {
    let when = |key: &PageKey| -> Option<String> {
        match key {
            PageKey::Release(stem) => {
                let r = &site.releases[site.release_index(stem)?];
                let t = r.primary(&site.config.default_language);
                Some(t.published.at.datetime().to_string())
            }
            PageKey::Event(id) => {
                let e = &site.events[site.event_index(id)?];
                e.when.sort_date().map(|d| d.to_string())
            }
            _ => None,
        }
    };
    let rank = |key: &PageKey| match key {
        PageKey::State(_) => 0,
        PageKey::Page(_) => 1,
        _ => 2,
    };
    type Ranked<'k> = (Option<String>, u8, &'k (PageKey, Vec<String>));
    let mut order: Vec<Ranked> = keys
        .iter()
        .filter(|(k, _)| Collector::indexes(k).is_some())
        .map(|entry| (when(&entry.0), rank(&entry.0), entry))
        .collect();
    order.sort_by(|a, b| (&a.0, a.1, &a.2.0).cmp(&(&b.0, b.1, &b.2.0)));
    order.into_iter().map(|(_, _, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_cut_at_a_word() {
        assert_eq!(excerpt("  short text "), "short text");
        let long = "word ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn a_description_made_from_the_first_paragraph_is_counted_once() {
        let text = |excerpt| DocText {
            title: "Title",
            excerpt,
            date: "",
            body: "Camp camp held.\nMore text.",
        };
        assert_eq!(text("Camp camp held.").excerpt_apart(), "");
        assert_eq!(text(" Written apart. ").excerpt_apart(), "Written apart.");
        // "camp" is twice in the text: with the description counted again it would
        // weigh as a word the text uses three times.
        let words = doc_words(&text("Camp camp held."));
        assert!(words.contains(&("camp".into(), 0)), "{words:?}");
    }

    #[test]
    fn weights() {
        assert_eq!(weight(false, 1), 0);
        assert_eq!(weight(false, 3), 1);
        assert_eq!(weight(true, 0), 2);
        assert_eq!(weight(true, 5), 3);
    }
}
