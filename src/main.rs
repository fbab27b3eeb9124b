//! The `samvad` command: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use samvad::{BuildOptions, build};

// A build allocates many short-lived strings on every thread; mimalloc's per-thread
// heaps spend less time there than the system allocator (measured in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in the option list of mimalloc 3.3
/// (`mimalloc.h`), the version the pinned `libmimalloc-sys` builds. A test checks it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build is a short run: memory freed on the way is kept for reuse instead of being
/// returned to the system after a delay. Returned memory comes back as fresh pages the
/// kernel must zero again (2 MiB at a time with transparent huge pages): a clean build of
/// 10,000 pairs took about 2,700 page faults instead of 360, at the cost of about 20 MB
/// more peak memory (210 MB in all).
fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; mimalloc reads options with atomics.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

#[derive(Parser, Debug)]
#[command(
    name = "samvad",
    version,
    about = "Builds a bilingual (Hindi and English) outreach site: press releases, events by state, feeds and calendars."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into a folder (public/ unless --output says otherwise).
    Build(BuildArgs),
    /// Check everything a build checks, without writing the site.
    Check(BuildArgs),
    /// Write the files of a new release (both languages) or a new event, every field
    /// explained, as drafts.
    New(NewArgs),
    /// Build the site, serve it on this computer, and rebuild it whenever a file of the
    /// site is saved; open pages reload themselves.
    Serve(ServeArgs),
    /// Make a new site in an empty folder: settings, the default theme, interface
    /// strings and a sample of each kind of content.
    Init(InitArgs),
}

#[derive(Args, Debug)]
struct NewArgs {
    /// What to make: `release`, `event` or `pages`.
    #[arg(value_enum)]
    kind: NewKind,
    /// Its name: lowercase English letters, digits and hyphens (the web address); not
    /// for `pages`.
    name: Option<String>,
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ReportKind {
    /// The Guidelines for Indian Government Websites (GIGW 3.0) and WCAG 2.1 beneath them.
    Gigw,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum NewKind {
    /// A press release: content/releases/<name>.hi.md and .en.md.
    Release,
    /// An event: content/events/<name>.yaml.
    Event,
    /// The pages every Government of India site must have (about, contact, feedback,
    /// help, the accessibility statement, screen reader access and the policies), those
    /// not written yet, in both languages, with placeholders for what only you can say.
    Pages,
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to listen on (default: 1111, or the next free one).
    #[arg(long)]
    port: Option<u16>,
    /// Listen on this address instead of 127.0.0.1, e.g. 0.0.0.0 to look at the site
    /// from a phone on the same network. Anyone who can reach the address sees the site.
    #[arg(long)]
    bind: Option<std::net::IpAddr>,
    /// Serve releases and pages marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
    /// Serve the site as if it were this moment (see `build --now`). Default: now, moving
    /// on at midnight in the site's time zone.
    #[arg(long)]
    now: Option<String>,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Print how long each phase of every build took.
    #[arg(long)]
    timings: bool,
}

#[derive(Args, Debug)]
struct InitArgs {
    /// The folder for the new site (made if it does not exist; it must be empty).
    dir: PathBuf,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (default: <root>/public).
    #[arg(long)]
    output: Option<PathBuf>,
    /// The address the site is served from, replacing base_url of site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Build releases and pages marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
    /// Build as if it were this moment (2025-11-27, 2025-11-27T10:00:00+05:30, or Unix
    /// seconds); decides which events are upcoming. Default: SOURCE_DATE_EPOCH, else now.
    #[arg(long)]
    now: Option<String>,
    /// Print how long each phase took and how many items it handled.
    #[arg(long)]
    timings: bool,
    /// When another build is writing to the same output folder, fail at once instead of
    /// waiting for it to finish.
    #[arg(long)]
    no_wait: bool,
    /// Warnings fail too (exit 1, nothing published), as errors do.
    #[arg(long)]
    strict: bool,
    /// Write the paths this build added, changed and removed to FILE, one a line
    /// (`added<TAB>path`), for a deploy step that uploads and purges only those.
    #[arg(long, value_name = "FILE")]
    changes: Option<PathBuf>,
    /// How to print problems: `text` for people (on stderr), or `json`, one document on
    /// stdout for scripts and editors (the README describes it).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// With `check`: write the evidence for an audit, `gigw` (GIGW 3.0): the site is
    /// built into DIR/site/ and every page read; DIR/gigw.html and DIR/gigw.json say
    /// which checkpoints pass and fail, and which remain to check by hand.
    #[arg(long, value_enum, value_name = "KIND")]
    report: Option<ReportKind>,
    /// Where `--report` writes (default: report/ in the site folder).
    #[arg(long, value_name = "DIR")]
    report_dir: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Grouped by file, with code frames and totals.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// Two worker threads per core, unless `RAYON_NUM_THREADS` says otherwise. Writing a site
/// to a disk waits on the disk (the file system reads in the blocks that will hold each
/// new file's inode and folder entry), and a second thread on the core renders while the
/// first waits. At 10,000 pairs on ext4, where the cores had sat waiting for the disk
/// 2-20% of the time, the median clean build went from 5.75 s to 5.23 s, 5.30 s to 5.11 s,
/// and (in a new folder) 4.65 s to 4.42 s, in three sets of interleaved runs; on tmpfs it
/// did not change.
fn two_threads_per_core() {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Fails only if the pool was already made, which nothing here does first.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores * 2)
        .build_global();
}

fn main() -> ExitCode {
    keep_freed_memory();
    two_threads_per_core();
    let cli = Cli::parse();
    let colour = std::io::stderr().is_terminal();
    let (args, check_only) = match cli.command {
        Command::Build(a) => (a, false),
        Command::Check(a) => (a, true),
        Command::New(a) => return new(a, colour),
        Command::Init(a) => return init(a, colour),
        Command::Serve(a) => return serve(a, colour),
    };
    let show_timings = args.timings;
    let format = args.format;
    let now = args.now.or_else(|| {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .filter(|s| !s.is_empty())
    });
    let opts = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        now,
        check_only,
        when_locked: if args.no_wait {
            samvad::output::WhenLocked::Fail
        } else {
            samvad::output::WhenLocked::Wait
        },
        notify: Some(|text| eprintln!("{text}")),
        strict: args.strict,
        changes: args.changes,
    };
    if let Some(ReportKind::Gigw) = args.report {
        if !check_only {
            eprintln!("--report is for `samvad check`: write `samvad check --report gigw`");
            return ExitCode::FAILURE;
        }
        let dir = args.report_dir.unwrap_or_else(|| opts.root.join("report"));
        return gigw(&opts, &dir, format, colour);
    }
    match build(&opts) {
        Ok(report) => {
            print_report(&report.warnings, format, colour);
            if let Some(waited) = report.waited {
                eprintln!(
                    "waited {:.1} s for the other build to finish, then built the site as it is now",
                    waited.as_secs_f64()
                );
            }
            let langs: Vec<String> = report
                .pages
                .iter()
                .filter(|(l, _)| !l.is_empty())
                .map(|(l, n)| format!("{n} {l}"))
                .collect();
            let ms = report.elapsed.as_secs_f64() * 1000.0;
            // With --format json, stdout holds the JSON document alone.
            let say = |line: String| {
                if format == Format::Json {
                    eprintln!("{line}");
                } else {
                    println!("{line}");
                }
            };
            if check_only {
                say(format!(
                    "checked: {} pages ({}), {} warning(s), in {ms:.0} ms",
                    langs_total(&report.pages),
                    langs.join(", "),
                    report.warnings.len()
                ));
            } else {
                let changed = report.files - report.unchanged;
                say(format!(
                    "built {} pages ({}) and {} files in all ({changed} new or changed) into {} in {ms:.0} ms",
                    langs_total(&report.pages),
                    langs.join(", "),
                    report.files,
                    report.output.display()
                ));
            }
            if show_timings {
                for t in &report.timings {
                    say(timing_line(t));
                }
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            print_report(&failure.diagnostics, format, colour);
            if check_only {
                eprintln!("{}", failure.check_summary());
            } else {
                eprintln!("{}", failure.summary());
            }
            ExitCode::FAILURE
        }
    }
}

/// `samvad new release|event NAME`: the files, dated now in the site's time zone.
fn new(args: NewArgs, colour: bool) -> ExitCode {
    let (config, problems) = samvad::config::load(&args.root, None);
    let Some(config) = config else {
        for d in problems.iter() {
            eprintln!("{}", d.render(colour));
        }
        return ExitCode::FAILURE;
    };
    let today = samvad::scaffold::Today::in_zone(jiff::Timestamp::now(), &config.time_zone);
    let name = args.name.as_deref();
    let (written, what) = match (args.kind, name) {
        (NewKind::Release, Some(name)) => (
            samvad::scaffold::new_release(&args.root, name, &today),
            "release",
        ),
        (NewKind::Event, Some(name)) => (
            samvad::scaffold::new_event(&args.root, name, &today),
            "event",
        ),
        (NewKind::Pages, None) => (samvad::scaffold::new_pages(&args.root), "pages"),
        (NewKind::Pages, Some(_)) => {
            eprintln!(
                "`samvad new pages` takes no name: it writes every required page the site lacks"
            );
            return ExitCode::FAILURE;
        }
        (_, None) => {
            eprintln!("give the new file's name, e.g. `samvad new release kreta-samvad-bhopal`");
            return ExitCode::FAILURE;
        }
    };
    match written {
        Ok(w) => {
            for f in &w.files {
                println!("wrote {}", f.display());
            }
            println!("{}", match what {
                "pages" if w.files.is_empty() => "the site has every required page already".to_string(),
                "pages" => "each page has placeholders [[ … ]] for what only you can write: a build lists every one left, and `samvad build --strict` refuses them".to_string(),
                _ => format!("the new {what} is a draft (draft: true): fill in its fields, see it with `samvad build --drafts`, then set draft: false to publish it"),
            });
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(colour));
            ExitCode::FAILURE
        }
    }
}

/// `samvad serve`: the URL on stdout (one line, for scripts), everything else on stderr.
fn serve(args: ServeArgs, colour: bool) -> ExitCode {
    use samvad::serve::ServeEvent;
    use std::io::Write;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // The first Ctrl-C stops the server cleanly (its folder is removed); a second one,
    // if that hangs, ends it at once.
    if let Err(e) = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    }) {
        eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }
    let open = args.open;
    let show_timings = args.timings;
    let opts = samvad::serve::ServeOptions {
        root: args.root,
        port: args.port,
        bind: args.bind,
        drafts: args.drafts,
        now: args.now,
    };
    let mut tell = |event: ServeEvent| match event {
        ServeEvent::Listening {
            url,
            folder,
            beyond_this_computer,
        } => {
            if beyond_this_computer {
                eprintln!(
                    "warning: listening beyond this computer: anyone who can reach this address can read the site, drafts included"
                );
            }
            eprintln!(
                "the served site is in {}; it is rebuilt when a file is saved; Ctrl-C stops",
                folder.display()
            );
            println!("serving {url}");
            let _ = std::io::stdout().flush();
            if open {
                open_browser(url);
            }
        }
        ServeEvent::Built {
            report,
            changed,
            scope,
        } => {
            for w in &report.warnings {
                eprintln!("{}", w.render(colour));
            }
            let ms = report.elapsed.as_secs_f64() * 1000.0;
            let files = report.files - report.unchanged;
            match changed.first() {
                None => eprintln!("built {} pages in {ms:.0} ms", langs_total(&report.pages)),
                Some(first) => {
                    let more = if changed.len() > 1 {
                        format!(" and {} more", changed.len() - 1)
                    } else {
                        String::new()
                    };
                    let what = match scope {
                        samvad::serve::Scope::Whole => "rebuilt",
                        samvad::serve::Scope::Part => "rebuilt what shows it",
                    };
                    // A file's name is the author's text: shown without control characters.
                    eprintln!(
                        "{}{more} changed: {what} in {ms:.0} ms, {files} file(s) new or changed",
                        samvad::diagnostics::printable(&first.display().to_string())
                    );
                }
            }
            if show_timings {
                for t in &report.timings {
                    eprintln!("{}", timing_line(t));
                }
            }
        }
        ServeEvent::Failed { failure, served } => {
            for d in &failure.diagnostics {
                eprintln!("{}", d.render(colour));
            }
            if served {
                eprintln!(
                    "build failed: the last good build is still served; fix the file and save it"
                );
            } else {
                eprintln!(
                    "build failed: the site is served once it builds; fix the file and save it"
                );
            }
        }
    };
    match samvad::serve::serve(&opts, &stop, &mut tell) {
        Ok(()) => {
            eprintln!("stopped");
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(colour));
            ExitCode::FAILURE
        }
    }
}

/// Opens `url` in the default browser; a failure is only reported.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: could not open a browser ({program}: {e}); open {url} yourself");
    }
}

/// `samvad init DIR`: a new site, and the next three commands.
fn init(args: InitArgs, colour: bool) -> ExitCode {
    let zone = jiff::tz::TimeZone::get("Asia/Kolkata").unwrap_or(jiff::tz::TimeZone::UTC);
    let today = samvad::scaffold::Today::in_zone(jiff::Timestamp::now(), &zone);
    match samvad::scaffold::init(&args.dir, &today) {
        Ok(w) => {
            println!(
                "made a new site in {} ({} files); next:",
                args.dir.display(),
                w.files.len()
            );
            println!("  cd {}", args.dir.display());
            println!(
                "  samvad build                      # the site goes to public/: open public/index.html"
            );
            println!(
                "  samvad new release first-release  # your first press release, in both languages"
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(colour));
            ExitCode::FAILURE
        }
    }
}

/// Problems grouped by file (the site's own first, then each file in order; in a file,
/// errors before warnings, then by line), and the totals.
/// With `--format json`, the same problems in the same order as one document on stdout,
/// printed even when there are none.
fn print_report(diagnostics: &[samvad::diagnostics::Diagnostic], format: Format, colour: bool) {
    let mut sorted = diagnostics.to_vec();
    sorted.sort_by_key(|d| {
        (
            d.file.clone(),
            !d.is_error(),
            d.location.as_ref().map(|l| (l.line, l.column)),
        )
    });
    if format == Format::Json {
        print!("{}", samvad::diagnostics::to_json(&sorted));
        return;
    }
    if diagnostics.is_empty() {
        return;
    }
    for d in &sorted {
        eprintln!("{}", d.render(colour));
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let files: std::collections::BTreeSet<_> =
        diagnostics.iter().filter_map(|d| d.file.as_ref()).collect();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let place = if files.is_empty() {
        String::new()
    } else {
        format!(" in {}", count(files.len(), "file", "files"))
    };
    eprintln!(
        "{} and {}{place}",
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
    );
}

/// One phase of `--timings`.
fn timing_line(t: &samvad::PhaseTiming) -> String {
    format!(
        "  {:<10} {:>9.1} ms  {:>7} {}",
        t.name,
        t.time.as_secs_f64() * 1000.0,
        t.items,
        t.unit
    )
}

fn langs_total(pages: &std::collections::BTreeMap<String, usize>) -> usize {
    pages
        .iter()
        .filter(|(l, _)| !l.is_empty())
        .map(|(_, n)| n)
        .sum()
}

/// `check --report gigw`: the report written, and what it found. Exit 1 when a
/// checkpoint fails (or the site has errors), so a publishing step can stop on it.
fn gigw(opts: &BuildOptions, dir: &std::path::Path, format: Format, colour: bool) -> ExitCode {
    match samvad::report_gigw(opts, dir) {
        Ok(r) => {
            print_report(&r.build.warnings, format, colour);
            let (lines, passed) = r.summary(dir);
            for l in lines {
                println!("{l}");
            }
            if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(failure) => {
            print_report(&failure.diagnostics, format, colour);
            eprintln!("{}; no report was written", failure.check_summary());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The option number is mimalloc's purge delay, whose default is 1000 ms (no other
    /// option near it has that default); a new mimalloc that moved it fails here.
    #[test]
    fn the_purge_delay_option_is_the_one_we_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reads an integer option.
            let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            assert_eq!(delay, 1000);
        }
    }

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
