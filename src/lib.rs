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

// The search index: words of the pages as they are rendered, into index files.
pub mod search;

// Pages, feeds, calendars and the sitemap, into any output.
pub mod render;

// The output folder: written in one step, one build at a time.
pub mod output;

// At the edge: new files for authors (`new`, `init`).
pub mod scaffold;

// The audit report: the built pages read again, against GIGW 3.0's checkpoints.
pub mod report;
pub use report::{GigwReport, report_gigw};

// At the edge: the author's preview, rebuilt on every save (`serve`).
pub mod serve;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostics::{Code, Diagnostic, Diagnostics};

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
    /// Warnings fail the build too (nothing is published).
    pub strict: bool,
    /// Where to write the paths this build added, changed and removed, one a line.
    pub changes: Option<PathBuf>,
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
            strict: false,
            changes: None,
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

impl BuildReport {
    pub(crate) fn new(
        pages: BTreeMap<String, usize>,
        stats: &output::OutputStats,
        started: Instant,
        warnings: Diagnostics,
        output: PathBuf,
        timings: Vec<PhaseTiming>,
        waited: Option<Duration>,
    ) -> BuildReport {
        BuildReport {
            pages,
            files: stats.files,
            unchanged: stats.unchanged,
            bytes: stats.bytes,
            elapsed: started.elapsed(),
            warnings: warnings.sorted(),
            output,
            timings,
            waited,
        }
    }
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
        if errors == 0 {
            let warnings = self.diagnostics.len();
            return format!(
                "build failed under --strict: {warnings} warning(s); the previous output was left as it was"
            );
        }
        format!("build failed: {errors} error(s); the previous output was left as it was")
    }

    /// The last line of a failed `check` (which writes nothing either way).
    pub fn check_summary(&self) -> String {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        if errors == 0 {
            return format!(
                "check failed under --strict: {} warning(s)",
                self.diagnostics.len()
            );
        }
        format!("check failed: {errors} error(s)")
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

pub(crate) fn fail(problems: Diagnostics) -> BuildFailure {
    BuildFailure {
        diagnostics: problems.sorted(),
    }
}

/// Builds the site described by `opts`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_with(opts, None).map(|(report, _)| report)
}

/// The phases' times, as they end.
pub(crate) struct Phases {
    timings: Vec<PhaseTiming>,
    lap: Instant,
}

impl Phases {
    pub(crate) fn start() -> Phases {
        Phases {
            timings: Vec::new(),
            lap: Instant::now(),
        }
    }

    pub(crate) fn done(&mut self, name: &'static str, items: usize, unit: &'static str) {
        self.timings.push(PhaseTiming {
            name,
            time: self.lap.elapsed(),
            items,
            unit,
        });
        self.lap = Instant::now();
    }

    pub(crate) fn into_timings(self) -> Vec<PhaseTiming> {
        self.timings
    }
}

/// Everything the phases before rendering made: what every page is rendered from.
pub(crate) struct Model {
    pub(crate) site: site::Site,
    pub(crate) i18n: Arc<i18n::I18n>,
    pub(crate) tera: tera::Tera,
    pub(crate) md: markdown::Markdown,
    pub(crate) bodies: render::bodies::Bodies,
    pub(crate) prepared: render::views::Prepared,
    pub(crate) theme_dir: PathBuf,
    pub(crate) template_dir: PathBuf,
    pub(crate) links: render::links::LinkIndex,
    /// The ids of the pages last rendered, and the links to parts of them.
    pub(crate) anchors: render::Anchors,
    /// Whether the search index is made from pages kept in `search` (a session that
    /// renders parts again), rather than as the pages go by.
    pub(crate) keep_search: bool,
    /// The pages of the search index, when kept.
    pub(crate) search: search::Kept,
}

impl Model {
    pub(crate) fn renderer(&self) -> render::Renderer<'_> {
        render::Renderer {
            markdown: &self.md,
            site: &self.site,
            i18n: &self.i18n,
            bodies: &self.bodies,
            prepared: &self.prepared,
            tera: &self.tera,
            template_dir: &self.template_dir,
            links: &self.links,
            keep_search: self.keep_search,
        }
    }

    /// The search index made again from the pages kept, written into `out`: every file,
    /// or with `changed` only those that differ from the last written. Returns the files
    /// written last time that the index has no more.
    pub(crate) fn write_kept_search(
        &mut self,
        out: &dyn output::Output,
        changed: bool,
    ) -> Result<Vec<String>, Diagnostic> {
        let keys = render::page_keys(&self.site);
        let (files, gone) = self.search.files(&self.site, &keys, changed);
        for (path, bytes) in files {
            out.write(&path, &bytes)?;
        }
        Ok(gone)
    }
}

/// The output folder `opts` names.
pub(crate) fn output_of(opts: &BuildOptions) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"))
}

/// [`build`], reading content files through `cache` when one is given; also returns what
/// the pages were rendered from, for a session that renders again only what changed.
pub(crate) fn build_with(
    opts: &BuildOptions,
    cache: Option<&content::LoadCache>,
) -> Result<(BuildReport, Model), BuildFailure> {
    let started = Instant::now();
    let mut problems = Diagnostics::new();
    let mut phases = Phases::start();

    // The output's lock is taken before anything is read, so a build that had to wait
    // for another builds the inputs as they are once it may write.
    let output = output_of(opts);
    let lock = if opts.check_only {
        None
    } else {
        Some(lock_output(opts, &output).map_err(|d| {
            problems.push(d);
            fail(problems.clone())
        })?)
    };
    if let Err(d) = output::check_placement(&opts.root, &output) {
        problems.push(d);
    }
    let Some(mut model) = load_model(opts, &output, cache, &mut problems, &mut phases) else {
        return Err(fail(problems));
    };

    let before = opts
        .changes
        .as_ref()
        .filter(|_| !opts.check_only)
        .map(|_| output::changes::list(&output));
    let (pages, stats) = write_whole(opts, &output, &mut model, &mut problems, &mut phases)?;
    if let (Some(file), Some(before)) = (&opts.changes, before) {
        let after = output::changes::list(&output);
        let mut text = String::new();
        for c in output::changes::changes(&before, &after) {
            text.push_str(&c.line());
            text.push('\n');
        }
        // The site is published by now; a list that cannot be written is still an error,
        // since a deploy step would otherwise upload from a stale list.
        std::fs::write(file, text).map_err(|e| {
            problems.push(
                Diagnostic::error(Code::Write, format!(
                    "the site was built, but the list of changes could not be written to {}: {e}",
                    file.display()
                ))
                .with_hint("choose a file in a folder that exists and can be written (--changes)"),
            );
            fail(problems.clone())
        })?;
    }
    let mut timings = phases.into_timings();
    timings.push(PhaseTiming {
        name: "write",
        time: stats.write_time,
        items: stats.files,
        unit: "files (thread time, part of render)",
    });
    let waited = lock.and_then(|l| l.waited);
    let report = BuildReport::new(pages, &stats, started, problems, output, timings, waited);
    Ok((report, model))
}

/// Renders every output of `model` into a working copy of `output` and puts it in place
/// (for `check`, into nothing). Returns the pages per language and what was written;
/// keeps the pages' ids in `model`.
pub(crate) fn write_whole(
    opts: &BuildOptions,
    output: &std::path::Path,
    model: &mut Model,
    problems: &mut Diagnostics,
    phases: &mut Phases,
) -> Result<(BTreeMap<String, usize>, output::OutputStats), BuildFailure> {
    let staging = if opts.check_only {
        None
    } else {
        Some(output::Staging::new(output).map_err(|d| {
            problems.push(d);
            fail(problems.clone())
        })?)
    };
    let discard = output::Discard::default();
    let out: &dyn output::Output = match &staging {
        Some(s) => s,
        None => &discard,
    };
    let mut report = match model.renderer().render_all(out) {
        Ok(r) => {
            problems.extend_from(r.warnings.iter().cloned());
            r
        }
        Err(p) => {
            problems.extend(p);
            return Err(fail(problems.clone()));
        }
    };
    model.anchors = std::mem::take(&mut report.anchors);
    if model.keep_search {
        model.search = search::Kept::from_docs(std::mem::take(&mut report.search));
        if let Err(d) = model.write_kept_search(out, false) {
            problems.push(d);
            return Err(fail(problems.clone()));
        }
    }
    if let Err(d) = output::copy_dir(out, &model.theme_dir.join("static"), "assets") {
        problems.push(d);
        return Err(fail(problems.clone()));
    }
    let stats = out.stats();
    phases.done("render", stats.files, "files");
    if opts.strict && !problems.is_empty() {
        return Err(fail(problems.clone()));
    }
    if let Some(staging) = staging {
        staging.commit().map_err(|d| {
            problems.push(d);
            fail(problems.clone())
        })?;
    }
    phases.done("swap", 1, "folder");
    Ok((report.pages, stats))
}

/// The lock on `output` for this build.
pub(crate) fn lock_output(
    opts: &BuildOptions,
    output: &std::path::Path,
) -> Result<output::OutputLock, Diagnostic> {
    let notify = |text: &str| {
        if let Some(n) = opts.notify {
            n(text)
        }
    };
    output::OutputLock::acquire(output, opts.when_locked, &notify)
}

/// Settings, content, interface strings, the assembled site, the theme and the Markdown
/// phase: everything before rendering. `None` when there were errors (in `problems`,
/// every one found: the content is checked even when the settings had bad values).
pub(crate) fn load_model(
    opts: &BuildOptions,
    output: &std::path::Path,
    cache: Option<&content::LoadCache>,
    problems: &mut Diagnostics,
    phases: &mut Phases,
) -> Option<Model> {
    let root = &opts.root;
    // config: a bad value is reported and replaced, so the content is still checked
    let (config, config_problems) = config::load(root, opts.base_url.as_deref());
    problems.extend(config_problems);
    let config = config?;
    let now = match &opts.now {
        Some(text) => match dates::parse_now(text, &config.time_zone) {
            Ok(ts) => ts,
            Err(msg) => {
                problems.push(Diagnostic::error(Code::BuildTime, format!("the build time (--now or SOURCE_DATE_EPOCH) {msg}"))
                    .with_hint("give a date like 2025-11-27, a date and time like 2025-11-27T10:00:00+05:30, or Unix seconds"));
                return None;
            }
        },
        None => jiff::Timestamp::now(),
    };

    // content and interface strings
    let states = states::StateRegistry::bundled();
    let cx = content::LoadContext {
        config: &config,
        states: &states,
        root,
        drafts: opts.drafts,
    };
    let (content, content_problems) = match cache {
        Some(cache) => content::load_cached(&cx, cache),
        None => content::load(&cx),
    };
    problems.extend(content_problems);
    if content.releases.is_empty()
        && content.events.is_empty()
        && content.pages.is_empty()
        && output.join(output::MARKER).is_file()
    {
        problems.push(
            Diagnostic::error(Code::ContentEmpty, format!(
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
    phases.done("load", files_loaded, "content files");

    // site: cross-references are checked even when other phases failed, so one run
    // reports every problem.
    let theme_dir = root.join("themes").join(&config.theme);
    let theme = config.theme.clone();
    let (site, site_problems) = site::assemble(config, content, states, now);
    problems.extend(site_problems);
    phases.done(
        "assemble",
        site.releases.len() + site.events.len(),
        "releases and events",
    );

    // theme
    if !theme_dir.is_dir() {
        problems.push(
            Diagnostic::error(
                Code::ThemeMissing,
                format!("the theme `{theme}` does not exist"),
            )
            .in_file("site.yaml")
            .with_hint(format!("create themes/{theme}/ or write `theme: default`")),
        );
        return None;
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
        return None;
    };
    if problems.has_errors() {
        return None;
    }
    phases.done("templates", tera.get_template_names().count(), "templates");

    // markdown
    let md = markdown::Markdown::new(site.config.unsafe_html);
    let links = render::links::LinkIndex::new(&site, &theme_dir.join("static"));
    let (bodies, markdown_warnings) = render::bodies::render_bodies(&site, &md, &links);
    problems.extend_from(markdown_warnings);
    problems.extend_from(render::links::check_pictures(&site, &links, root));
    // A link to nothing in an event's description or a page stops the build.
    if problems.has_errors() {
        return None;
    }
    let texts = bodies.events.iter().map(|e| e.len()).sum::<usize>() + bodies.pages.len();
    let prepared = render::views::Prepared::new(&site, &i18n);
    phases.done("markdown", texts, "texts");
    Some(Model {
        site,
        i18n,
        tera,
        md,
        bodies,
        prepared,
        template_dir: theme_dir.join("templates"),
        theme_dir,
        links,
        anchors: render::Anchors::default(),
        keep_search: cache.is_some(),
        search: search::Kept::default(),
    })
}
