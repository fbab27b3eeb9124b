//! Times the builds of a serve session after edits of one release (for profiling):
//! `cargo run --release --example session -- SITE OUT N`.

use std::path::PathBuf;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let mut opts = samvad::BuildOptions::new(&root);
    opts.output = Some(out);
    opts.now = Some("2026-01-01".into());
    opts.base_url = Some("http://127.0.0.1:1111/".into());
    let mut session = samvad::serve::Session::new();
    session.build(&opts, &[]).expect("first build");
    for i in 0..n {
        let rel = PathBuf::from(format!(
            "content/releases/release-{:05}.en.md",
            (500 + i * 937) % 10000 + 1
        ));
        let path = root.join(&rel);
        let text = std::fs::read_to_string(&path).expect("release");
        std::fs::write(
            &path,
            text.replacen("title: \"", &format!("title: \"E{i} "), 1),
        )
        .unwrap();
        let (report, scope) = session.build(&opts, &[rel]).expect("rebuild");
        let phases: Vec<String> = report
            .timings
            .iter()
            .map(|t| format!("{} {:.1}", t.name, t.time.as_secs_f64() * 1000.0))
            .collect();
        println!(
            "{scope:?} {:.1} ms: {}",
            report.elapsed.as_secs_f64() * 1000.0,
            phases.join(", ")
        );
    }
}
