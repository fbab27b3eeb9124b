use std::time::{Duration, Instant};
fn main() {
    let root = std::env::args().nth(1).unwrap();
    let rounds: usize = std::env::args().nth(2).map_or(9, |r| r.parse().unwrap());
    let limit: usize = std::env::args()
        .nth(3)
        .map_or(usize::MAX, |r| r.parse().unwrap());
    let mut hi = Vec::new();
    let mut en = Vec::new();
    for e in walkdir::WalkDir::new(&root) {
        let e = e.unwrap();
        let p = e.path().to_string_lossy().to_string();
        if p.ends_with(".hi.md") {
            hi.push(std::fs::read_to_string(e.path()).unwrap());
        } else if p.ends_with(".en.md") {
            en.push(std::fs::read_to_string(e.path()).unwrap());
        }
    }
    hi.truncate(limit);
    en.truncate(limit);
    for (name, texts) in [("hi", &hi), ("en", &en)] {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let mut best = Duration::MAX;
        let mut n = 0usize;
        for _ in 0..rounds {
            let t = Instant::now();
            n = 0;
            let mut l = 0usize;
            for s in texts.iter() {
                samvad::search::words::for_each_word(s, |w| {
                    n += 1;
                    l += w.len();
                });
            }
            best = best.min(t.elapsed());
            std::hint::black_box(l);
        }
        eprintln!(
            "{name}: {} MB {n} words, best {:?} = {:.1} ns/word",
            bytes / 1_000_000,
            best,
            best.as_nanos() as f64 / n as f64
        );
    }
}
