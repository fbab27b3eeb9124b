//! Pages, feeds and calendars: a list of jobs, rendered in parallel, each written to the
//! staging folder as soon as it is made (no page waits in memory for the others).

mod anchors;
pub mod atom;
pub mod bodies;
mod chrome;
pub mod ical;
mod keys;
mod labels;
pub mod links;
mod official;
mod pages;
mod share;
pub mod sink;
pub mod sitemap;
mod template_errors;
pub mod templates;
mod tiles;
pub mod views;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::site::Site;
use crate::site::urls::{self, PageKey};
pub use anchors::Anchors;
pub(crate) use atom::FEED_ENTRIES;
use bodies::Bodies;
pub use keys::page_keys;
use keys::release_pages;
pub(crate) use keys::states_with_pages;
pub(crate) use pages::HOME_RELEASES;
pub use sink::{Output, OutputStats};
use views::{Prepared, ViewCx};

/// Counts of what was written.
#[derive(Debug, Default, Clone)]
pub struct RenderReport {
    /// HTML pages per language (the root page and 404 are counted under "").
    pub pages: BTreeMap<String, usize>,
    /// What the Markdown filter removed from release bodies, for the authors.
    pub warnings: Vec<Diagnostic>,
    /// The ids of the pages rendered, and the links to parts of pages in their texts
    /// (checked by the caller, which may hold the pages of an earlier render).
    pub anchors: Anchors,
    /// The pages read for the search index, when the renderer keeps them.
    pub search: Vec<crate::search::KeptDoc>,
}

/// Everything rendering needs.
pub struct Renderer<'a> {
    /// Markdown to HTML, with the site's filter.
    pub markdown: &'a crate::markdown::Markdown,
    /// The site.
    pub site: &'a Site,
    /// Messages.
    pub i18n: &'a I18n,
    /// Markdown, rendered.
    pub bodies: &'a Bodies,
    /// Dates and labels, formatted.
    pub prepared: &'a Prepared,
    /// Templates.
    pub tera: &'a Tera,
    /// Templates as text, for error frames.
    pub template_dir: &'a Path,
    /// Every file the build writes, for the links in release bodies.
    pub links: &'a links::LinkIndex,
    /// The search index's pages are given back in the report, to be kept, rather than
    /// the index written (see [`crate::search::Kept`]).
    pub keep_search: bool,
}

/// A part of the outputs: pages by key and language, and the feeds and the schedule's
/// calendars as a whole (the robots file, the root and 404 pages follow from what pages
/// exist and are never in a part; the sitemap, which gives their days, is in every one).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// Pages, each in one language.
    pub pages: BTreeSet<(PageKey, String)>,
    /// The Atom feed of every language.
    pub feeds: bool,
    /// The schedule's calendar of every language.
    pub schedule_calendars: bool,
}

/// What a job made: the language of an HTML page (for the counts; `""` for the root
/// page), warnings for the authors, and a page's ids and links to parts.
type JobDone = (Option<String>, Vec<Diagnostic>, Option<anchors::PageParts>);

/// One output to make.
#[derive(Debug, Clone)]
enum Job {
    Html { key: PageKey, lang: String },
    Root,
    NotFound,
    Feed(String),
    ScheduleIcs(String),
    Sitemap,
    Robots,
}

impl Renderer<'_> {
    /// Every page key and the languages it exists in, in a stable order.
    pub fn page_keys(&self) -> Vec<(PageKey, Vec<String>)> {
        page_keys(self.site)
    }

    fn release_pages(&self) -> usize {
        release_pages(self.site)
    }

    fn states_with_pages(&self) -> Vec<String> {
        states_with_pages(self.site)
    }

    /// Renders every output into `out`. All problems are returned together.
    pub fn render_all(&self, out: &dyn Output) -> Result<RenderReport, Diagnostics> {
        self.render_jobs(out, true, |_| true)
    }

    /// Renders only the outputs `wanted` names (and the calendars beside its pages).
    pub fn render_some(
        &self,
        out: &dyn Output,
        wanted: &Wanted,
    ) -> Result<RenderReport, Diagnostics> {
        self.render_jobs(out, false, |job| match job {
            Job::Html { key, lang } => wanted.pages.contains(&(key.clone(), lang.clone())),
            Job::Feed(_) => wanted.feeds,
            Job::ScheduleIcs(_) => wanted.schedule_calendars,
            Job::Sitemap => true,
            Job::Root | Job::NotFound | Job::Robots => false,
        })
    }

    /// Renders the jobs `keep` takes; with `whole`, checks the links to parts of pages
    /// too (a part leaves that to its caller, which keeps the other pages' ids).
    fn render_jobs(
        &self,
        out: &dyn Output,
        whole: bool,
        keep: impl Fn(&Job) -> bool + Sync,
    ) -> Result<RenderReport, Diagnostics> {
        let keys = self.page_keys();
        let languages = self.site.config.languages.len();
        // The index is of every page: a whole render writes it, one that keeps its pages
        // gives them back instead.
        let search = (whole || self.keep_search)
            .then(|| crate::search::Collector::new(self.site, &keys, self.keep_search));
        let shared = Shared {
            search: search.as_ref(),
            langs: keys.iter().map(|(k, langs)| (k, langs)).collect(),
            nav: slots(languages * chrome::NAV_DEPTHS * urls::menu().count()),
            vevents: slots(languages * self.site.events.len()),
            labels: templates::labels(self.i18n),
            links: slots(languages * chrome::NAV_DEPTHS),
            title_frames: self
                .site
                .config
                .languages
                .iter()
                .map(|l| self.title_frame(l))
                .collect(),
        };
        // The few long single jobs go first: work is split in halves from the front, and a
        // long job left to the end would keep one core busy while the other waits.
        let mut jobs: Vec<Job> = vec![Job::Sitemap];
        for lang in &self.site.config.languages {
            jobs.push(Job::Feed(lang.clone()));
            jobs.push(Job::ScheduleIcs(lang.clone()));
        }
        for (key, langs) in &keys {
            for lang in langs {
                jobs.push(Job::Html {
                    key: key.clone(),
                    lang: lang.clone(),
                });
            }
        }
        jobs.push(Job::Root);
        jobs.push(Job::NotFound);
        jobs.push(Job::Robots);
        jobs.retain(|j| keep(j));
        // Indexed pages go in about the order of their numbers in the search index (each
        // looked up once), so each file of results is written soon after its first page.
        if let Some(search) = &search {
            jobs.sort_by_cached_key(|j| match j {
                Job::Html { key, .. } => search.render_rank(key),
                _ => (0, 0, 0),
            });
        }

        let results: Vec<Result<JobDone, Diagnostic>> = jobs
            .par_iter()
            .map(|job| self.run(job, &keys, &shared, out))
            .collect();
        drop(shared);
        let mut problems = Diagnostics::new();
        let mut report = RenderReport::default();
        for r in results {
            match r {
                Ok((lang, warnings, anchors)) => {
                    if let Some(lang) = lang {
                        *report.pages.entry(lang).or_default() += 1;
                    }
                    report.warnings.extend(warnings);
                    if let Some(a) = anchors {
                        report.anchors.add(a);
                    }
                }
                Err(d) => problems.push(d),
            }
        }
        if let Some(search) = search
            && !problems.has_errors()
        {
            if self.keep_search {
                report.search = search.into_kept();
            } else {
                for d in sink::write_search(search, out) {
                    problems.push(d);
                }
            }
        }
        // A link to nothing in a release's body is an error found while rendering.
        let (errors, warnings): (Vec<_>, Vec<_>) =
            report.warnings.into_iter().partition(|d| d.is_error());
        report.warnings = warnings;
        problems.extend_from(errors);
        if whole {
            problems.extend_from(report.anchors.check());
        }
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(report)
        }
    }

    /// Makes one output; returns the language of an HTML page (for the counts).
    fn run(
        &self,
        job: &Job,
        keys: &[(PageKey, Vec<String>)],
        shared: &Shared,
        out: &dyn Output,
    ) -> Result<JobDone, Diagnostic> {
        let site = self.site;
        match job {
            Job::Html { key, lang } => {
                let path = key.path(lang);
                let (template, mut ctx, parts) = self.page_context(key, lang, &path, shared)?;
                let html = self.render_template(template, &mut ctx, shared)?;
                if let Some((file, bytes)) = shared
                    .search
                    .and_then(|s| s.add(key, lang, &path, &parts.doc_text()))
                {
                    out.write(&file, &bytes)?;
                }
                out.write(&path, &html)?;
                self.write_page_calendar(key, lang, shared, out)?;
                let found = anchors::PageParts::of(path, &html, parts.part_links);
                Ok((Some(lang.clone()), parts.warnings, Some(found)))
            }
            Job::Root => {
                let path = "index.html";
                let mut ctx = Context::new();
                ctx.insert("lang", &site.config.default_language);
                ctx.insert("root", "");
                let choices = self.language_choices("root-choose", |l| {
                    let text = site.config.description_in(l).to_string();
                    (text, PageKey::Home.path(l))
                });
                ctx.insert(
                    "document_title",
                    &self.joined("title-separator", choices.iter().map(|c| c.title.as_str())),
                );
                ctx.insert(
                    "description",
                    &self.joined(
                        "sentence-separator",
                        choices.iter().map(|c| c.text.as_str()),
                    ),
                );
                ctx.insert("choices", &choices);
                ctx.insert("canonical", &urls::absolute(&site.config.base_url, path));
                ctx.insert("alternates", &self.alternates(&PageKey::Home, shared));
                let html = self.render_template("root.html", &mut ctx, shared)?;
                out.write(path, &html)?;
                Ok((Some(String::new()), Vec::new(), None))
            }
            Job::NotFound => {
                // Served at any depth, so its links are absolute paths from the base URL.
                let base_path = base_path(&site.config.base_url);
                let mut ctx = Context::new();
                ctx.insert("lang", &site.config.default_language);
                ctx.insert("root", &format!("{base_path}/"));
                let choices = self.language_choices("notfound-title", |l| {
                    let text = self
                        .i18n
                        .message(l, "notfound-text", None)
                        .unwrap_or_default();
                    (text, format!("{base_path}/{}", PageKey::Home.path(l)))
                });
                ctx.insert(
                    "document_title",
                    &self.joined(
                        "title-separator",
                        choices.iter().map(|c| c.heading.as_str()),
                    ),
                );
                ctx.insert("choices", &choices);
                let html = self.render_template("404.html", &mut ctx, shared)?;
                out.write("404.html", &html)?;
                Ok((None, Vec::new(), None))
            }
            Job::Feed(lang) => {
                let atom = atom::atom(site, self.i18n, self.markdown, self.bodies, lang).map_err(
                    |msg| {
                        Diagnostic::error(
                            Code::Internal,
                            format!("cannot make the {lang} feed: {msg}"),
                        )
                    },
                )?;
                out.write(&urls::feed(lang), atom.as_bytes())?;
                Ok((None, Vec::new(), None))
            }
            Job::ScheduleIcs(lang) => {
                let all: Vec<usize> = (0..site.events.len()).collect();
                let name = self.calendar_name(
                    lang,
                    &self
                        .i18n
                        .message(lang, "schedule-title", None)
                        .unwrap_or_default(),
                );
                out.write(
                    &urls::schedule_ics(lang),
                    self.calendar(shared, lang, &all, &name).as_bytes(),
                )?;
                Ok((None, Vec::new(), None))
            }
            Job::Sitemap => {
                for (path, xml) in sitemap::site_sitemaps(site, keys) {
                    out.write(&path, xml.as_bytes())?;
                }
                Ok((None, Vec::new(), None))
            }
            Job::Robots => {
                sitemap::write_site_files(site, out)?;
                Ok((None, Vec::new(), None))
            }
        }
    }

    /// The calendar file that sits beside an event's or a state's page. It is written by
    /// the page's own job, into the folder that job has just made: as jobs of their own,
    /// each tried to make the folder again (about 9,600 failed `mkdir` at 10,000 pairs).
    fn write_page_calendar(
        &self,
        key: &PageKey,
        lang: &str,
        shared: &Shared,
        out: &dyn Output,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        match key {
            PageKey::Event(id) => {
                let Some(i) = site.event_index(id) else {
                    return Ok(());
                };
                let e = &site.events[i];
                if !matches!(e.when, crate::content::When::Dated { .. }) {
                    return Ok(());
                }
                let name = e.title.get(lang, &site.config.default_language).to_string();
                out.write_beside(
                    &urls::event_ics(lang, &e.id),
                    self.calendar(shared, lang, &[i], &name).as_bytes(),
                )
            }
            PageKey::State(code) => {
                let idx = site.state_events.get(code).map_or(&[][..], Vec::as_slice);
                let state = site
                    .states
                    .get(code)
                    .map(|r| r.name(lang).to_string())
                    .unwrap_or_default();
                let name = self.calendar_name(lang, &state);
                out.write_beside(
                    &urls::state_ics(lang, code),
                    self.calendar(shared, lang, idx, &name).as_bytes(),
                )?;
                let feed = atom::state_atom(site, self.i18n, self.bodies, lang, code, &state);
                out.write_beside(&urls::state_feed(lang, code), feed.as_bytes())
            }
            _ => Ok(()),
        }
    }

    /// The `document-title` message of `lang` around a page's title: formatted once with
    /// a noncharacter for the title (no title holds one: text is cleaned when read) and
    /// cut there.
    fn title_frame(&self, lang: &str) -> (String, String) {
        const PLACE: char = '\u{FDD1}';
        let mut args = fluent::FluentArgs::new();
        args.set("page", PLACE.to_string());
        args.set("site", self.site.config.title_in(lang).to_string());
        let whole = self
            .i18n
            .message(lang, "document-title", Some(&args))
            .unwrap_or_default();
        match whole.split_once(PLACE) {
            Some((before, after)) => (before.to_string(), after.to_string()),
            None => (String::new(), String::new()),
        }
    }

    /// The name a calendar app shows for a calendar of the site: `site: name`, from the
    /// `calendar-name` message.
    fn calendar_name(&self, lang: &str, name: &str) -> String {
        let mut args = fluent::FluentArgs::new();
        args.set("site", self.site.config.title_in(lang).to_string());
        args.set("name", name.to_string());
        self.i18n
            .message(lang, "calendar-name", Some(&args))
            .unwrap_or_default()
    }

    /// Texts of every language joined by the default language's `separator` message
    /// (for the pages that speak every language at once).
    fn joined<'t>(&self, separator: &str, texts: impl Iterator<Item = &'t str>) -> String {
        let between = self
            .i18n
            .message(&self.site.config.default_language, separator, None)
            .unwrap_or_default();
        texts.collect::<Vec<_>>().join(&between)
    }

    /// Where `lang` is in the site's languages (values made once are kept per language).
    fn language_index(&self, lang: &str) -> Option<usize> {
        self.site.config.languages.iter().position(|l| l == lang)
    }

    /// An iCalendar file of the events at `indexes`, each event's VEVENT made once for all
    /// the calendars it is in.
    fn calendar(&self, shared: &Shared, lang: &str, indexes: &[usize], name: &str) -> String {
        let site = self.site;
        let separator = self
            .i18n
            .message(lang, "list-separator", None)
            .unwrap_or_default();
        let Some(li) = self.language_index(lang) else {
            let events: Vec<String> = indexes
                .iter()
                .filter_map(|&i| ical::vevent(site, lang, i, &separator))
                .collect();
            return ical::calendar(site, lang, name, events.iter().map(String::as_str));
        };
        let events = indexes.iter().filter_map(|&i| {
            shared.vevents[li * site.events.len() + i]
                .get_or_init(|| ical::vevent(site, lang, i, &separator))
                .as_deref()
        });
        ical::calendar(site, lang, name, events)
    }

    /// Renders to bytes: the output goes straight to a file, so it is never re-checked as
    /// UTF-8 (which cost 6% of a large build).
    fn render_template(
        &self,
        name: &str,
        ctx: &mut Context,
        shared: &Shared,
    ) -> Result<Vec<u8>, Diagnostic> {
        ctx.insert_value(templates::LABELS, shared.labels.clone());
        // Large enough for a release page, so the page is not copied as it grows.
        let mut buffer = Vec::with_capacity(64 * 1024);
        self.tera
            .render_to(name, ctx, &mut buffer)
            .map(|()| buffer)
            .map_err(|e| {
                let sources = read_template_sources(self.template_dir);
                let display = Path::new("themes")
                    .join(&self.site.config.theme)
                    .join("templates");
                templates::template_error(&e, &display, &sources)
            })
    }

    /// The template and context of one HTML page.
    fn page_context(
        &self,
        key: &PageKey,
        lang: &str,
        path: &str,
        shared: &Shared,
    ) -> Result<(&'static str, Context, pages::Parts), Diagnostic> {
        let site = self.site;
        let cx = ViewCx {
            site,
            i18n: self.i18n,
            bodies: self.bodies,
            prepared: Some(self.prepared),
            lang,
            from: path,
        };
        let mut ctx = Context::new();
        let mut parts = pages::Parts {
            title: String::new(),
            description: site.config.description_in(lang).to_string(),
            updated: site.updated,
            warnings: Vec::new(),
            part_links: Vec::new(),
            json_ld: None,
            search_date: String::new(),
            search_body: String::new(),
        };
        self.page_parts(key, &cx, &mut ctx, &mut parts)?;
        let template = key.kind().template;
        let meta = chrome::PageMeta {
            title: &parts.title,
            description: &parts.description,
            updated: parts.updated,
        };
        self.insert_common(&mut ctx, &cx, key, &meta, shared);
        ctx.insert("json_ld", &parts.json_ld);
        Ok((template, ctx, parts))
    }
}

/// `n` empty places for values made on first use.
fn slots<T>(n: usize) -> Vec<OnceLock<T>> {
    (0..n).map(|_| OnceLock::new()).collect()
}

fn read_template_sources(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((name, crate::text::clean_text(&text)))
        })
        .collect()
}

/// The path part of the base URL (`https://a.in/x/` → `/x`), for absolute links in 404.html.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// What the render jobs share: which pages exist in which languages (for language
/// switches and alternates; looked up several times per page, so by hash), and parts made
/// once for many outputs.
struct Shared<'a> {
    /// The search index, filled by the pages' jobs (only in a whole render).
    search: Option<&'a crate::search::Collector>,
    langs: HashMap<&'a PageKey, &'a Vec<String>>,
    /// Menus already made, per language, folder depth and section.
    nav: Vec<OnceLock<Value>>,
    /// Each event's VEVENT, per language (site order within).
    vevents: Vec<OnceLock<Option<String>>>,
    /// Every language's labels, for templates (see [`templates::LABELS`]).
    labels: Value,
    /// Per language and folder depth, the links of the menu by section.
    links: Vec<OnceLock<Value>>,
    /// Per language, what comes before and after a page's title in `<title>`.
    title_frames: Vec<(String, String)>,
}

impl Shared<'_> {
    fn has(&self, key: &PageKey, lang: &str) -> bool {
        self.langs
            .get(key)
            .is_some_and(|langs| langs.iter().any(|l| l == lang))
    }
}
