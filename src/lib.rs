//! samvad: a static site generator for bilingual (Hindi and English) public outreach
//! sites — press releases, an events calendar by state, feeds and calendar files.
//!
//! A build is a function of its inputs and "now": [`build`] reads `site.yaml`, the
//! content, the interface strings and the theme, and writes the site in one step.
//! Data flows config → content → i18n → site → markdown → render → output.

// A `Diagnostic` is large, but it travels only on the cold path of a failed check.
#![allow(clippy::result_large_err)]

// The layers, in the order data moves (a test holds each to importing only from the
// ones above it in this list).

// Problems with file, line and column: beside every layer.
pub mod diagnostics;

// Author files as text: reading, cleaning, NFC, front matter, YAML.
pub mod text;

// Settings, dates as authors write them, the registry of states and UTs.
pub mod config;

pub mod dates;

pub mod states;

// Releases, events and pages, each file checked.
pub mod content;

// Interface strings, dates and numbers in words.
pub mod i18n;

// The assembled site: cross-references, orders, the URL scheme.
pub mod site;

// Markdown to safe HTML.
pub mod markdown;

// Pages, feeds, calendars and the sitemap, into any output.
pub mod render;

// The output folder: written in one step, one build at a time.
pub mod output;

// At the edge: new files for authors (`new`, `init`).
pub mod scaffold;

// At the edge: the author's preview, rebuilt on every save (`serve`).
pub mod serve;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    /// Where the site is written; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Build drafts too.
    pub drafts: bool,
    /// The build's "now" (`--now` or `SOURCE_DATE_EPOCH`); the clock when not given.
    pub now: Option<String>,
    /// Check only: everything is loaded and rendered, nothing is written.
    pub check_only: bool,
    /// What to do when another build is writing to the same output folder.
    pub when_locked: output::WhenLocked,
    /// Told what the build is waiting for (another build holding the output's lock).
    pub notify: Option<fn(&str)>,
}

impl BuildOptions {
    /// Options for building the site in `root` with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            now: None,
            check_only: false,
            when_locked: output::WhenLocked::Wait,
            notify: None,
        }
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// HTML pages per language code ("" for the language chooser).
    pub pages: BTreeMap<String, usize>,
    /// All files of the output.
    pub files: usize,
    /// Files whose bytes were the same as in the previous output: kept as they were,
    /// with their modification time.
    pub unchanged: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Warnings (the build went on).
    pub warnings: Vec<Diagnostic>,
    /// Where the site went.
    pub output: PathBuf,
    /// How long each phase took and how many items it handled.
    pub timings: Vec<PhaseTiming>,
    /// How long the build waited for another build into the same folder to finish.
    pub waited: Option<Duration>,
}

/// One phase of a build, for `--timings`.
#[derive(Debug, Clone)]
pub struct PhaseTiming {
    /// Phase name.
    pub name: &'static str,
    /// Wall time (for `write`: time summed over the threads that wrote).
    pub time: Duration,
    /// Items handled.
    pub items: usize,
    /// What the items are.
    pub unit: &'static str,
}

/// A failed build: every problem found. The previous output is untouched.
#[derive(Debug, Clone)]
pub struct BuildFailure {
    /// Errors first, then warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildFailure {
    /// The last line of a failed build's report.
    pub fn summary(&self) -> String {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        format!("build failed: {errors} error(s); the previous output was left as it was")
    }
}

impl std::fmt::Display for BuildFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        f.write_str(&self.summary())
    }
}

fn fail(problems: Diagnostics) -> BuildFailure {
    BuildFailure {
        diagnostics: problems.sorted(),
    }
}

/// Builds the site described by `opts`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut problems = Diagnostics::new();
    let root = &opts.root;
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut phase = |name, items, unit| {
        timings.push(PhaseTiming {
            name,
            time: lap.elapsed(),
            items,
            unit,
        });
        lap = Instant::now();
    };

    // The output's lock is taken before anything is read, so a build that had to wait
    // for another builds the inputs as they are once it may write.
    let output = opts.output.clone().unwrap_or_else(|| root.join("public"));
    let lock = if opts.check_only {
        None
    } else {
        let notify = |text: &str| {
            if let Some(n) = opts.notify {
                n(text)
            }
        };
        Some(
            output::OutputLock::acquire(&output, opts.when_locked, &notify).map_err(|d| {
                problems.push(d);
                fail(problems.clone())
            })?,
        )
    };
    if let Err(d) = output::check_placement(root, &output) {
        problems.push(d);
    }

    // config: a bad value is reported and replaced, so the content is still checked
    let (config, config_problems) = config::load(root, opts.base_url.as_deref());
    problems.extend(config_problems);
    let Some(config) = config else {
        return Err(fail(problems));
    };
    let now = match &opts.now {
        Some(text) => match dates::parse_now(text, &config.time_zone) {
            Ok(ts) => ts,
            Err(msg) => {
                problems.push(Diagnostic::error(format!("the build time (--now or SOURCE_DATE_EPOCH) {msg}"))
                    .with_hint("give a date like 2025-11-27, a date and time like 2025-11-27T10:00:00+05:30, or Unix seconds"));
                return Err(fail(problems));
            }
        },
        None => jiff::Timestamp::now(),
    };

    // content and interface strings
    let states = states::StateRegistry::bundled();
    let (content, content_problems) = content::load(&content::LoadContext {
        config: &config,
        states: &states,
        root,
        drafts: opts.drafts,
    });
    problems.extend(content_problems);
    if content.releases.is_empty()
        && content.events.is_empty()
        && content.pages.is_empty()
        && output.join(output::MARKER).is_file()
    {
        problems.push(
            Diagnostic::error(format!(
                "content/ holds no releases, events or pages, and building would replace the site published in {} with an empty one",
                output.display()
            ))
            .in_file("content")
            .with_hint("check that you are building the right folder (--root); to empty the site on purpose, remove the output folder first"),
        );
    }
    let (i18n, i18n_problems) = i18n::load(root, &config);
    problems.extend(i18n_problems);
    let files_loaded = content
        .releases
        .iter()
        .map(|r| r.texts.len())
        .sum::<usize>()
        + content.events.len()
        + content.pages.len();
    phase("load", files_loaded, "content files");

    // site: cross-references are checked even when other phases failed, so one run
    // reports every problem.
    let theme_dir = root.join("themes").join(&config.theme);
    let theme = config.theme.clone();
    let (site, site_problems) = site::assemble(config, content, states, now);
    problems.extend(site_problems);
    phase(
        "assemble",
        site.releases.len() + site.events.len(),
        "releases and events",
    );

    // theme
    if !theme_dir.is_dir() {
        problems.push(
            Diagnostic::error(format!("the theme `{theme}` does not exist"))
                .in_file("site.yaml")
                .with_hint(format!("create themes/{theme}/ or write `theme: default`")),
        );
        return Err(fail(problems));
    }
    // Templates are checked even when the interface strings failed, so both kinds of
    // problem are reported in one run.
    let i18n = i18n.map(Arc::new);
    let tera = match render::templates::load(&theme_dir, root, i18n.clone()) {
        Ok((t, warnings)) => {
            problems.extend(warnings);
            Some(t)
        }
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    let (Some(i18n), Some(tera)) = (i18n, tera) else {
        return Err(fail(problems));
    };
    if problems.has_errors() {
        return Err(fail(problems));
    }
    phase("templates", tera.get_template_names().count(), "templates");

    // markdown
    let md = markdown::Markdown::new(site.config.unsafe_html);
    let (bodies, markdown_warnings) = render::bodies::render_bodies(&site, &md);
    problems.extend_from(markdown_warnings);
    let texts = bodies.events.iter().map(|e| e.len()).sum::<usize>() + bodies.pages.len();
    phase("markdown", texts, "texts");

    // render + output
    let staging = if opts.check_only {
        None
    } else {
        Some(output::Staging::new(&output).map_err(|d| {
            problems.push(d);
            fail(problems.clone())
        })?)
    };
    let discard = output::Discard::default();
    let out: &dyn output::Output = match &staging {
        Some(s) => s,
        None => &discard,
    };
    let prepared = render::views::Prepared::new(&site, &i18n);
    let renderer = render::Renderer {
        markdown: &md,
        site: &site,
        i18n: &i18n,
        bodies: &bodies,
        prepared: &prepared,
        tera: &tera,
        template_dir: &theme_dir.join("templates"),
    };
    let report = match renderer.render_all(out) {
        Ok(r) => {
            problems.extend_from(r.warnings.iter().cloned());
            r
        }
        Err(p) => {
            problems.extend(p);
            return Err(fail(problems));
        }
    };
    if let Err(d) = output::copy_dir(out, &theme_dir.join("static"), "assets") {
        problems.push(d);
        return Err(fail(problems));
    }
    let stats = out.stats();
    let (files, unchanged, bytes, write_time) =
        (stats.files, stats.unchanged, stats.bytes, stats.write_time);
    phase("render", files, "files");
    if let Some(staging) = staging {
        staging.commit().map_err(|d| {
            problems.push(d);
            fail(problems.clone())
        })?;
    }
    phase("swap", 1, "folder");
    timings.push(PhaseTiming {
        name: "write",
        time: write_time,
        items: files,
        unit: "files (thread time, part of render)",
    });
    Ok(BuildReport {
        pages: report.pages,
        files,
        unchanged,
        bytes,
        elapsed: started.elapsed(),
        warnings: problems.sorted(),
        output,
        timings,
        waited: lock.and_then(|l| l.waited),
    })
}
