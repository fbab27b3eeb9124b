//! One worker's postings of one language: each word the pages it made say, with an
//! entry per page (the page's number and the word's weight there).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{weight, words};

/// One worker's words of one language. Text is read as runs of word characters as
/// they stand ([`words::for_each_run`]), and each run is looked up once, by its
/// [`word_hash`] (so a lookup reads no letters), in a table of small slots giving its
/// word's number: a run's word (lower-cased, stemmed, without nukta) is made only the
/// first time the run is met, though texts say the same runs again and again. What the
/// page being counted has of each word is kept in a list by number; a word's letters
/// and entries are kept apart and touched once a page.
pub(super) struct Postings {
    runs: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// Each word's number, by its hash: looked up when a run is first met (runs such as
    /// "Meetings" and "meeting" have one word).
    numbers: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    met: Vec<Met>,
    words: Vec<(Box<str>, Entries)>,
    /// Where a run's word is made.
    buf: String,
    /// The runs met last, by a few bits of their hash: most runs a text says are among
    /// the few hundred it says most, found here without reading the larger table.
    recent: Vec<(u64, u32)>,
}

impl Default for Postings {
    fn default() -> Postings {
        Postings {
            runs: HashMap::default(),
            numbers: HashMap::default(),
            met: Vec::new(),
            words: Vec::new(),
            buf: String::new(),
            recent: vec![(0, NO_WORD); RECENT],
        }
    }
}

/// A word in the page it was last met in: the page ([`NO_DOC`] before the first),
/// whether the page's title has it (`bits & 4`) and how often its text does, up to 3
/// (`bits & 3`). The page's entry is made when the word is met in another page, or
/// when the index is finished: its weight is known then.
#[derive(Clone, Copy)]
struct Met {
    doc: u32,
    bits: u32,
}

const NO_DOC: u32 = u32::MAX;

/// How many runs [`Postings::recent`] holds.
const RECENT: usize = 2048;

/// The number of a run that has no word in the index (a figure, a single letter).
const NO_WORD: u32 = u32::MAX;

/// The most runs one worker keeps in a language; runs first met after are not indexed,
/// far past any site's words.
const MAX_RUNS: usize = 1 << 30;

impl Met {
    fn entry(self) -> u32 {
        self.doc * 4 + weight(self.bits & 4 != 0, self.bits & 3)
    }
}

impl Postings {
    /// Counts every word of `text` in page `doc`, in its title or its text.
    pub(super) fn note_text(&mut self, text: &str, doc: u32, in_title: bool) {
        let bytes = text.as_bytes();
        words::for_each_run(text, |start, end| {
            if let Some(run) = bytes.get(start..end) {
                self.note_run(run, doc, in_title);
            }
        });
    }

    /// Counts the word of `run` once in page `doc`.
    #[inline(always)]
    fn note_run(&mut self, run: &[u8], doc: u32, in_title: bool) {
        let h = word_hash(run);
        let slot = (h >> 40) as usize & (RECENT - 1);
        let n = if self.recent[slot].0 == h {
            self.recent[slot].1
        } else {
            let n = match self.runs.get(&h) {
                Some(&n) => n,
                None => {
                    if self.runs.len() >= MAX_RUNS {
                        return;
                    }
                    let n = self.number(run);
                    self.runs.insert(h, n);
                    n
                }
            };
            self.recent[slot] = (h, n);
            n
        };
        // A run with no word ([`NO_WORD`]) has no slot.
        let Some(m) = self.met.get_mut(n as usize) else {
            return;
        };
        if m.doc != doc {
            if m.doc != NO_DOC {
                self.words[n as usize].1.push(m.entry());
            }
            m.doc = doc;
            m.bits = 0;
        }
        // Without branches: whether a run is counted again is as good as random.
        m.bits |= u32::from(in_title) << 2;
        m.bits += u32::from(!in_title & (m.bits & 3 < 3));
    }

    /// The number of the word of a run met for the first time (numbered now if the word
    /// is new), or [`NO_WORD`].
    fn number(&mut self, run: &[u8]) -> u32 {
        let Ok(run) = std::str::from_utf8(run) else {
            return NO_WORD;
        };
        if !words::index_form(run, &mut self.buf) {
            return NO_WORD;
        }
        let next = self.words.len() as u32;
        let n = *self
            .numbers
            .entry(word_hash(self.buf.as_bytes()))
            .or_insert(next);
        if n == next {
            self.words
                .push((self.buf.as_str().into(), Entries::default()));
            self.met.push(Met {
                doc: NO_DOC,
                bits: 0,
            });
        }
        n
    }

    /// Each word and its entries, the last page's made.
    pub(super) fn into_words(self) -> Vec<(Box<str>, Entries)> {
        let mut words = self.words;
        for (w, m) in words.iter_mut().zip(self.met) {
            if m.doc != NO_DOC {
                w.1.push(m.entry());
            }
        }
        words
    }
}

/// Hashes a key that is a [`word_hash`] already as itself.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A word's hash. Two words with one hash would be taken for one (the first one met),
/// as likely as two of a few hundred thousand 64-bit numbers being equal.
#[inline(always)]
fn word_hash(w: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(w);
    h.write_usize(w.len());
    h.finish()
}

/// A word's entries on one worker, in the order they came, each written as its
/// difference from the one before (zigzag, seven bits a byte). A worker takes the pages
/// in runs of the job list, whose numbers follow each other, so most entries take one
/// byte where a `u32` took four: at 10,000 release pairs the postings are the index's
/// largest part.
#[derive(Debug, Default, Clone)]
pub(super) struct Entries {
    last: u32,
    bytes: Vec<u8>,
}

impl Entries {
    pub(super) fn push(&mut self, entry: u32) {
        let d = i64::from(entry) - i64::from(self.last);
        self.last = entry;
        let mut z = ((d << 1) ^ (d >> 63)) as u64;
        // Grown by a quarter, not doubled: the entries of every word are held until the
        // index is written, and a doubled list is a third empty on average.
        if self.bytes.capacity() - self.bytes.len() < 10 {
            self.bytes.reserve_exact(10 + self.bytes.len() / 4);
        }
        while z >= 0x80 {
            self.bytes.push((z as u8) | 0x80);
            z >>= 7;
        }
        self.bytes.push(z as u8);
    }

    /// The entries, in the order they came.
    pub(super) fn decode(&self, into: &mut Vec<u32>) {
        let (mut last, mut z, mut shift) = (0i64, 0u64, 0);
        for &b in &self.bytes {
            z |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
                last += d;
                into.push(last as u32);
                (z, shift) = (0, 0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_as_they_went_in() {
        let mut e = Entries::default();
        let sent = [400, 396, 392, 1, 70_000, 3, 3, u32::MAX / 2];
        for v in sent {
            e.push(v);
        }
        assert!(e.bytes.len() < sent.len() * 4);
        let mut back = Vec::new();
        e.decode(&mut back);
        assert_eq!(back, sent);
    }

    #[test]
    fn a_word_counted_page_by_page_gets_each_page_s_weight() {
        let mut p = Postings::default();
        // Page 7: "camp" in the title and once in the text; "held" three times.
        p.note_text("Camp", 7, true);
        p.note_text("camps", 7, false);
        for _ in 0..3 {
            p.note_text("held", 7, false);
        }
        // Page 2: "camp" four times, "held" once; page 9: "camp" once.
        for _ in 0..4 {
            p.note_text("CAMP", 2, false);
        }
        p.note_text("held", 2, false);
        p.note_text("a 86 camp", 9, false);
        let mut words: Vec<(String, Vec<u32>)> = p
            .into_words()
            .into_iter()
            .map(|(w, e)| {
                let mut all = Vec::new();
                e.decode(&mut all);
                (w.to_string(), all)
            })
            .collect();
        words.sort();
        assert_eq!(
            words,
            [
                ("camp".to_string(), vec![7 * 4 + 2, 2 * 4 + 1, 9 * 4]),
                ("held".to_string(), vec![7 * 4 + 1, 2 * 4]),
            ]
        );
    }
}
