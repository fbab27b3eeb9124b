//! How fast the search index reads words: every `.hi.md` and `.en.md` file under a
//! content folder, split into runs of word characters as the index reads a page
//! (`samvad::search::words::for_each_run`), and read word by word as `samvad serve`
//! does (`for_each_word`), the best of ROUNDS rounds (9 unless given) each, over at most
//! LIMIT files a language. A few rounds over a few
//! files run under valgrind, whose instruction counts do not move with the machine's
//! load as times do.
//!
//! `cargo run --release --example wordbench -- SITE/content [ROUNDS [LIMIT]]`

use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |n: usize, default: usize| match args.get(n) {
        None => Some(default),
        Some(a) => a.parse().ok(),
    };
    let (Some(root), Some(rounds), Some(limit)) =
        (args.first(), number(1, 9), number(2, usize::MAX))
    else {
        eprintln!("usage: wordbench CONTENT_DIR [ROUNDS [LIMIT]]");
        std::process::exit(2);
    };
    let mut hi = Vec::new();
    let mut en = Vec::new();
    for e in walkdir::WalkDir::new(root).into_iter().flatten() {
        let p = e.path().to_string_lossy();
        let into = if p.ends_with(".hi.md") {
            &mut hi
        } else if p.ends_with(".en.md") {
            &mut en
        } else {
            continue;
        };
        if into.len() < limit
            && let Ok(text) = std::fs::read_to_string(e.path())
        {
            into.push(text);
        }
    }
    for (name, texts) in [("hi", &hi), ("en", &en)] {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let (mut best, mut best_runs) = (Duration::MAX, Duration::MAX);
        let (mut words, mut runs) = (0usize, 0usize);
        for _ in 0..rounds.max(1) {
            let t = Instant::now();
            runs = 0;
            let mut ends = 0usize;
            for s in texts.iter() {
                samvad::search::words::for_each_run(s, |_, end| {
                    runs += 1;
                    ends += end;
                });
            }
            best_runs = best_runs.min(t.elapsed());
            std::hint::black_box(ends);
            let t = Instant::now();
            words = 0;
            let mut letters = 0usize;
            for s in texts.iter() {
                samvad::search::words::for_each_word(s, |w| {
                    words += 1;
                    letters += w.len();
                });
            }
            best = best.min(t.elapsed());
            std::hint::black_box(letters);
        }
        let per = |d: Duration, n: usize| d.as_nanos() as f64 / n.max(1) as f64;
        eprintln!(
            "{name}: {} files, {:.1} MB: {runs} runs, best {best_runs:?} = {:.1} ns a run; \
             {words} words, best {best:?} = {:.1} ns a word",
            texts.len(),
            bytes as f64 / 1e6,
            per(best_runs, runs),
            per(best, words)
        );
    }
}
