//! Writes a generated benchmark site: `cargo run --release --example gensite -- PAIRS SEED
//! SAMVAD_DIR [HUGO_DIR]`. The same size and seed give byte-identical files.

#[path = "../bench/gen.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: gensite PAIRS SEED SAMVAD_DIR [HUGO_DIR]");
        return ExitCode::FAILURE;
    }
    let (Ok(pairs), Ok(seed)) = (args[0].parse::<usize>(), args[1].parse::<u64>()) else {
        eprintln!("PAIRS and SEED must be whole numbers");
        return ExitCode::FAILURE;
    };
    let site = generator::generate(pairs, seed);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Err(e) = generator::write_samvad(&site, &PathBuf::from(&args[2]), &repo) {
        eprintln!("cannot write the samvad site: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(hugo) = args.get(3)
        && let Err(e) = generator::write_hugo(&site, &PathBuf::from(hugo))
    {
        eprintln!("cannot write the Hugo site: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} release pairs and {} events",
        site.releases.len(),
        site.events.len()
    );
    ExitCode::SUCCESS
}
