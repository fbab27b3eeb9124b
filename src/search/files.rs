//! The index as files, under `/<lang>/search/`:
//!
//! - `meta.js`: how many pages, and the prefix and size of every word shard;
//! - `t/<prefix in hex>.js`: the words starting with a prefix, each with its pages;
//! - `d/<n>.js`: what the results of pages `n * CHUNK_DOCS ..` show.
//!
//! Each is a plain script calling `samvadSearch.m`, `.t` or `.d` with its data. A word
//! goes to the shard of the longest prefix that has one; prefixes are split off where
//! a shard would pass [`SHARD_BYTES`], so one query loads a few small files at any site
//! size. A file's bytes follow from its words and pages alone, so a rebuild that
//! changes one release rewrites only the files with its words.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::{DocShown, IndexFile};

/// The most bytes a shard of words may take before a longer prefix is split off it (a
/// shard of one prefix with many words, or one word in every page, can be larger).
pub const SHARD_BYTES: usize = 4 * 1024;

/// How many pages' results one file holds.
pub const CHUNK_DOCS: usize = 8;

/// The digits of the postings: 0–31 end a number, 32–63 say that more digits follow.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Gives `write` the word files of one language with `docs` pages, each as soon as it
/// is made, and last the file that lists them.
pub fn index_files(
    lang: &str,
    encoded: &[(Box<str>, String)],
    docs: usize,
    write: &(dyn Fn(IndexFile) + Sync),
) {
    let sizes: Vec<usize> = encoded.iter().map(|(w, p)| w.len() + p.len() + 6).collect();
    let shards = split(encoded, &sizes);
    let bytes: Vec<usize> = shards
        .par_iter()
        .map(|(prefix, members)| {
            let mut js = String::from("samvadSearch.t(");
            js.push_str(&json(prefix));
            js.push_str(",{");
            for (n, &i) in members.iter().enumerate() {
                if n > 0 {
                    js.push(',');
                }
                js.push_str(&json(&encoded[i].0));
                js.push_str(":\"");
                js.push_str(&encoded[i].1);
                js.push('"');
            }
            js.push_str("});\n");
            let size = js.len();
            write((
                format!("{lang}/search/t/{}.js", hex(prefix)),
                js.into_bytes(),
            ));
            size
        })
        .collect();
    let mut meta = format!("samvadSearch.m({{\"docs\":{docs},\"chunk\":{CHUNK_DOCS},\"shards\":[");
    for (n, (prefix, _)) in shards.iter().enumerate() {
        if n > 0 {
            meta.push(',');
        }
        let _ = write!(meta, "[{},{}]", json(prefix), bytes[n]);
    }
    meta.push_str("]});\n");
    write((format!("{lang}/search/meta.js"), meta.into_bytes()));
}

/// A page's entries as digits: the gap from the page before, times four, plus the
/// word's weight there.
pub(super) fn postings(entries: &[u32]) -> String {
    let mut s = String::with_capacity(entries.len() + 2);
    let mut last = 0;
    for &e in entries {
        let (doc, w) = (e / 4, e % 4);
        let mut v = (doc - last) * 4 + w;
        last = doc;
        while v >= 32 {
            s.push(char::from(DIGITS[32 + (v & 31) as usize]));
            v >>= 5;
        }
        s.push(char::from(DIGITS[v as usize]));
    }
    s
}

/// The shards: (prefix, the indexes of its words), the longest prefixes first. A prefix
/// keeps the words no longer prefix of its own has taken.
fn split(words: &[(Box<str>, String)], sizes: &[usize]) -> Vec<(String, Vec<usize>)> {
    let mut out = Vec::new();
    shard(words, sizes, (0..words.len()).collect(), "", 0, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn shard(
    words: &[(Box<str>, String)],
    sizes: &[usize],
    members: Vec<usize>,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    let mut total: usize = members.iter().map(|&i| sizes[i]).sum();
    let mut kept: Vec<usize> = Vec::new();
    // The words longer than the prefix, by their next character.
    let mut groups: Vec<(String, Vec<usize>, usize)> = Vec::new();
    for i in members {
        match prefix_of(&words[i].0, depth + 1) {
            Some(p) => match groups.last_mut() {
                Some((last, g, size)) if *last == p => {
                    g.push(i);
                    *size += sizes[i];
                }
                _ => groups.push((p.to_string(), vec![i], sizes[i])),
            },
            None => kept.push(i),
        }
    }
    // The largest groups get shards of their own until what is left is small enough.
    groups.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    for (p, g, size) in groups {
        if total > SHARD_BYTES {
            total -= size;
            shard(words, sizes, g, &p, depth + 1, out);
        } else {
            kept.extend(g);
        }
    }
    kept.sort_unstable();
    out.push((prefix.to_string(), kept));
}

/// The first `n` characters of `word`, if it has more than `n - 1`.
fn prefix_of(word: &str, n: usize) -> Option<&str> {
    match word.char_indices().nth(n) {
        Some((end, _)) => Some(&word[..end]),
        None => (word.chars().count() == n).then_some(word),
    }
}

/// File `n` of results: `[kind, path, title, date, excerpt]` per page.
pub(super) fn doc_chunk(lang: &str, n: usize, docs: &[DocShown]) -> IndexFile {
    let mut js = format!("samvadSearch.d({n},[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let _ = write!(
            js,
            "[{},{},{},{},{}]",
            d.kind,
            json(&d.path),
            json(&d.title),
            json(&d.date),
            json(&d.excerpt)
        );
    }
    js.push_str("]);\n");
    (format!("{lang}/search/d/{n}.js"), js.into_bytes())
}

/// A string as a script literal (JSON's escapes are the script's).
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A prefix as a file name: its UTF-8 bytes in hex (`_` for the empty prefix).
fn hex(prefix: &str) -> String {
    if prefix.is_empty() {
        return "_".to_string();
    }
    prefix.bytes().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps_and_weights() {
        // Pages 0 (weight 2), 1 (0), 40 (3): gaps 0, 1, 39.
        // 39 * 4 + 3 = 159 = 31 + 4 * 32: digit 32 + 31 (`_`), then 4.
        assert_eq!(postings(&[2, 4, 163]), "24_4");
    }

    #[test]
    fn a_large_prefix_is_split_off() {
        let big = "x".repeat(SHARD_BYTES);
        let words: Vec<(Box<str>, String)> = [("aa", "1"), ("ma", &big), ("mb", &big), ("mc", "1")]
            .into_iter()
            .map(|(w, p)| (w.into(), p.to_string()))
            .collect();
        let sizes: Vec<usize> = words.iter().map(|(w, p)| w.len() + p.len()).collect();
        let shards = split(&words, &sizes);
        let names: Vec<&str> = shards.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["", "m", "ma", "mb"]);
        // "aa" stays in the root, "mc" with "m".
        assert_eq!(shards[0].1, [0]);
        assert_eq!(shards[1].1, [3]);
    }

    #[test]
    fn prefixes_count_characters() {
        assert_eq!(prefix_of("मंत्री", 2), Some("मं"));
        assert_eq!(prefix_of("ab", 2), Some("ab"));
        assert_eq!(prefix_of("a", 2), None);
        assert_eq!(hex("ab"), "6162");
        assert_eq!(hex(""), "_");
    }
}
