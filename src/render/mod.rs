//! Pages, feeds and calendars: a list of jobs, rendered in parallel, each written to the
//! staging folder as soon as it is made (no page waits in memory for the others).

pub mod feeds;
pub mod templates;
pub mod views;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::output::Output;
use crate::site::Site;
use crate::site::urls::{self, PageKey};
use crate::states::RegionKind;
use views::{Bodies, Link, Prepared, ViewCx, event_view, release_summary, schedule_groups};

/// How many upcoming events and releases the home page shows.
const HOME_EVENTS: usize = 6;
const HOME_RELEASES: usize = 5;

/// Counts of what was written.
#[derive(Debug, Default, Clone)]
pub struct RenderReport {
    /// HTML pages per language (the root page and 404 are counted under "").
    pub pages: BTreeMap<String, usize>,
    /// What the Markdown filter removed from release bodies, for the authors.
    pub warnings: Vec<Diagnostic>,
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
}

/// What a job made: the language of an HTML page (for the counts; `""` for the root
/// page), and warnings for the authors.
type JobDone = (Option<String>, Vec<Diagnostic>);

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
        let site = self.site;
        let all = site.config.languages.clone();
        let mut keys: Vec<(PageKey, Vec<String>)> = vec![(PageKey::Home, all.clone())];
        for n in 1..=self.release_pages() {
            keys.push((PageKey::Releases(n), all.clone()));
        }
        for r in &site.releases {
            let langs = all
                .iter()
                .filter(|l| r.texts.contains_key(*l))
                .cloned()
                .collect();
            keys.push((PageKey::Release(r.stem.clone()), langs));
        }
        for e in &site.events {
            keys.push((PageKey::Event(e.id.clone()), all.clone()));
        }
        keys.push((PageKey::Schedule, all.clone()));
        keys.push((PageKey::States, all.clone()));
        for code in self.states_with_pages() {
            keys.push((PageKey::State(code), all.clone()));
        }
        let mut page_langs: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for p in &site.pages {
            page_langs
                .entry(p.stem.as_str())
                .or_default()
                .push(p.lang.clone());
        }
        for (stem, langs) in page_langs {
            let langs = all.iter().filter(|l| langs.contains(l)).cloned().collect();
            keys.push((PageKey::Page(stem.to_string()), langs));
        }
        keys
    }

    fn release_pages(&self) -> usize {
        self.site
            .releases
            .len()
            .div_ceil(self.site.config.releases_per_page)
            .max(1)
    }

    /// States and UTs that have at least one event or release.
    fn states_with_pages(&self) -> Vec<String> {
        let mut codes: BTreeSet<String> = self.site.state_events.keys().cloned().collect();
        codes.extend(self.site.state_releases.keys().cloned());
        self.site
            .states
            .all()
            .iter()
            .filter(|r| codes.contains(&r.code))
            .map(|r| r.code.clone())
            .collect()
    }

    /// Renders every output into `out`. All problems are returned together.
    pub fn render_all(&self, out: &dyn Output) -> Result<RenderReport, Diagnostics> {
        let keys = self.page_keys();
        let languages = self.site.config.languages.len();
        let shared = Shared {
            langs: keys.iter().map(|(k, langs)| (k, langs)).collect(),
            nav: slots(languages * NAV_DEPTHS * NAV_SECTIONS.len()),
            vevents: slots(languages * self.site.events.len()),
            labels: templates::labels(self.i18n),
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

        let results: Vec<Result<JobDone, Diagnostic>> = jobs
            .par_iter()
            .map(|job| self.run(job, &keys, &shared, out))
            .collect();
        let mut problems = Diagnostics::new();
        let mut report = RenderReport::default();
        for r in results {
            match r {
                Ok((lang, warnings)) => {
                    if let Some(lang) = lang {
                        *report.pages.entry(lang).or_default() += 1;
                    }
                    report.warnings.extend(warnings);
                }
                Err(d) => problems.push(d),
            }
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
                let (template, mut ctx, warnings) = self.page_context(key, lang, &path, shared)?;
                let html = self.render_template(template, &mut ctx, shared)?;
                out.write(&path, &html)?;
                self.write_page_calendar(key, lang, shared, out)?;
                Ok((Some(lang.clone()), warnings))
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
                ctx.insert("choices", &choices);
                ctx.insert("canonical", &urls::absolute(&site.config.base_url, path));
                ctx.insert("alternates", &self.alternates(&PageKey::Home, shared));
                let html = self.render_template("root.html", &mut ctx, shared)?;
                out.write(path, &html)?;
                Ok((Some(String::new()), Vec::new()))
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
                ctx.insert("choices", &choices);
                let html = self.render_template("404.html", &mut ctx, shared)?;
                out.write("404.html", &html)?;
                Ok((None, Vec::new()))
            }
            Job::Feed(lang) => {
                let atom = feeds::atom(site, self.i18n, self.markdown, lang).map_err(|msg| {
                    Diagnostic::error(format!("cannot make the {lang} feed: {msg}"))
                })?;
                out.write(&urls::feed(lang), atom.as_bytes())?;
                Ok((None, Vec::new()))
            }
            Job::ScheduleIcs(lang) => {
                let all: Vec<usize> = (0..site.events.len()).collect();
                let name = format!(
                    "{}: {}",
                    site.config.title_in(lang),
                    self.i18n
                        .message(lang, "schedule-title", None)
                        .unwrap_or_default()
                );
                out.write(
                    &urls::schedule_ics(lang),
                    self.calendar(shared, lang, &all, &name).as_bytes(),
                )?;
                Ok((None, Vec::new()))
            }
            Job::Sitemap => {
                for (path, xml) in
                    feeds::sitemaps(&site.config.base_url, keys, feeds::SITEMAP_LIMIT)
                {
                    out.write(&path, xml.as_bytes())?;
                }
                Ok((None, Vec::new()))
            }
            Job::Robots => {
                out.write("robots.txt", feeds::robots(site).as_bytes())?;
                Ok((None, Vec::new()))
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
                let Some(idx) = site.state_events.get(code) else {
                    return Ok(());
                };
                let state = site
                    .states
                    .get(code)
                    .map(|r| r.name(lang).to_string())
                    .unwrap_or_default();
                let name = format!("{}: {state}", site.config.title_in(lang));
                out.write_beside(
                    &urls::state_ics(lang, code),
                    self.calendar(shared, lang, idx, &name).as_bytes(),
                )
            }
            _ => Ok(()),
        }
    }

    /// Where `lang` is in the site's languages (values made once are kept per language).
    fn language_index(&self, lang: &str) -> Option<usize> {
        self.site.config.languages.iter().position(|l| l == lang)
    }

    /// An iCalendar file of the events at `indexes`, each event's VEVENT made once for all
    /// the calendars it is in.
    fn calendar(&self, shared: &Shared, lang: &str, indexes: &[usize], name: &str) -> String {
        let site = self.site;
        let Some(li) = self.language_index(lang) else {
            let events: Vec<String> = indexes
                .iter()
                .filter_map(|&i| feeds::vevent(site, lang, i))
                .collect();
            return feeds::calendar(site, lang, name, events.iter().map(String::as_str));
        };
        let events = indexes.iter().filter_map(|&i| {
            shared.vevents[li * site.events.len() + i]
                .get_or_init(|| feeds::vevent(site, lang, i))
                .as_deref()
        });
        feeds::calendar(site, lang, name, events)
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

    /// One entry per language for the pages that speak every language at once (the
    /// root chooser and 404.html): `text_and_href` gives each language's text and link.
    fn language_choices(
        &self,
        heading_key: &str,
        text_and_href: impl Fn(&str) -> (String, String),
    ) -> Vec<Choice> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                let (text, href) = text_and_href(l);
                Choice {
                    lang: l.clone(),
                    name: self
                        .i18n
                        .message(l, "language-name", None)
                        .unwrap_or_else(|_| l.clone()),
                    title: self.site.config.title_in(l).to_string(),
                    heading: self.i18n.message(l, heading_key, None).unwrap_or_default(),
                    text,
                    href,
                }
            })
            .collect()
    }

    fn alternates(&self, key: &PageKey, shared: &Shared) -> Vec<Link> {
        self.site
            .config
            .languages
            .iter()
            .filter(|l| shared.has(key, l))
            .map(|l| Link {
                href: urls::absolute(&self.site.config.base_url, &key.path(l)),
                label: l.clone(),
            })
            .collect()
    }

    /// The template and context of one HTML page.
    fn page_context(
        &self,
        key: &PageKey,
        lang: &str,
        path: &str,
        shared: &Shared,
    ) -> Result<(&'static str, Context, Vec<Diagnostic>), Diagnostic> {
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
        let mut title = String::new();
        let mut description = site.config.description_in(lang).to_string();
        let mut updated = site.updated;
        let mut warnings = Vec::new();
        let template = match key {
            PageKey::Home => {
                let upcoming: Vec<_> = site
                    .events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| !site.is_past(e) && e.when.sort_date().is_some())
                    .take(HOME_EVENTS)
                    .map(|(i, _)| event_view(&cx, i))
                    .collect();
                let releases: Vec<_> = (0..site.releases.len().min(HOME_RELEASES))
                    .map(|i| release_summary(&cx, i))
                    .collect();
                ctx.insert("upcoming", &upcoming);
                ctx.insert("releases", &releases);
                "index.html"
            }
            PageKey::Releases(n) => {
                let per = site.config.releases_per_page;
                let pages = self.release_pages();
                let start = (n - 1) * per;
                let items: Vec<_> = (start..(start + per).min(site.releases.len()))
                    .map(|i| release_summary(&cx, i))
                    .collect();
                ctx.insert("releases", &items);
                ctx.insert("page_number", n);
                ctx.insert("page_count", &pages);
                ctx.insert("release_total", &site.releases.len());
                let newer = (*n > 1).then(|| cx.href(&PageKey::Releases(n - 1).path(lang)));
                let older = (*n < pages).then(|| cx.href(&PageKey::Releases(n + 1).path(lang)));
                ctx.insert("newer_href", &newer);
                ctx.insert("older_href", &older);
                title = cx.t("releases-title", &[]);
                if pages > 1 {
                    title = format!(
                        "{title} ({})",
                        cx.t(
                            "releases-page",
                            &[("page", n.to_string()), ("pages", pages.to_string())]
                        )
                    );
                }
                "releases.html"
            }
            PageKey::Release(stem) => {
                let i = site.release_index(stem).unwrap_or(0);
                let release = &site.releases[i];
                let text = release.text(lang).unwrap_or_else(|| release.primary(lang));
                let summary = release_summary(&cx, i);
                // The body is read and rendered here, page by page, not held for the
                // whole site.
                let source = text.read_body()?;
                let rendered = self.markdown.render(&source);
                let first_line = crate::diagnostics::line_col(source.file_text(), source.start()).0;
                warnings = crate::markdown::notes_as_warnings(
                    &rendered.notes,
                    &text.file,
                    &source,
                    first_line,
                );
                let body = rendered.html;
                description = summary.summary.clone();
                updated = text.last_changed();
                title = text.title.clone();
                let states: Vec<Link> = {
                    let mut codes: Vec<String> = text.states.clone();
                    for ei in &site.release_events[i] {
                        let c = &site.events[*ei].state;
                        if !codes.contains(c) {
                            codes.push(c.clone());
                        }
                    }
                    codes
                        .iter()
                        .map(|c| Link {
                            href: cx.href(&PageKey::State(c.clone()).path(lang)),
                            label: cx.state_name(c),
                        })
                        .collect()
                };
                let events: Vec<_> = site.release_events[i]
                    .iter()
                    .map(|ei| event_view(&cx, *ei))
                    .collect();
                ctx.insert(
                    "release",
                    &ReleaseView {
                        title: text.title.clone(),
                        date: summary.date.clone(),
                        datetime: summary.datetime.clone(),
                        time: text
                            .published
                            .has_time
                            .then(|| self.i18n.format_time(lang, text.published.at.time())),
                        ministry: text.ministry.clone(),
                        place: text.place.clone(),
                        release_id: text.release_id.clone(),
                        body,
                        states,
                        events,
                    },
                );
                "release.html"
            }
            PageKey::Event(id) => {
                let i = site.event_index(id).unwrap_or(0);
                let view = event_view(&cx, i);
                title = view.title.clone();
                updated = site.event_updated(i).unwrap_or(site.updated);
                let body = self.bodies.events[i].get(lang);
                if let Some(b) = body {
                    description = b.first_paragraph.clone();
                }
                let releases: Vec<_> = site.event_releases[i]
                    .iter()
                    .map(|ri| release_summary(&cx, *ri))
                    .collect();
                ctx.insert("event", &view);
                ctx.insert(
                    "description_html",
                    &body.map(|b| b.html.clone()).unwrap_or_default(),
                );
                ctx.insert("releases", &releases);
                "event.html"
            }
            PageKey::Schedule => {
                let all: Vec<usize> = (0..site.events.len()).collect();
                let (upcoming, past) = schedule_groups(&cx, &all);
                ctx.insert("upcoming", &upcoming);
                ctx.insert("past", &past);
                ctx.insert("state_filter", &self.state_filter(&cx));
                ctx.insert("calendar_href", &cx.href(&urls::schedule_ics(lang)));
                title = cx.t("schedule-title", &[]);
                "schedule.html"
            }
            PageKey::States => {
                let with_pages: BTreeSet<String> = self.states_with_pages().into_iter().collect();
                let mut states: Vec<StateEntry> = Vec::new();
                let mut uts: Vec<StateEntry> = Vec::new();
                for r in site.states.all() {
                    let count = site.state_events.get(&r.code).map_or(0, Vec::len);
                    let entry = StateEntry {
                        code: r.code.clone(),
                        name: r.name(lang).to_string(),
                        count,
                        count_label: cx.t_count("event-count", count),
                        href: with_pages
                            .contains(&r.code)
                            .then(|| cx.href(&PageKey::State(r.code.clone()).path(lang))),
                    };
                    match r.kind {
                        RegionKind::State => states.push(entry),
                        RegionKind::Ut => uts.push(entry),
                    }
                }
                states.sort_by(|a, b| a.name.cmp(&b.name));
                uts.sort_by(|a, b| a.name.cmp(&b.name));
                ctx.insert("states", &states);
                ctx.insert("uts", &uts);
                title = cx.t("states-title", &[]);
                "states.html"
            }
            PageKey::State(code) => {
                let region = site.states.get(code);
                let name = cx.state_name(code);
                let idx = site.state_events.get(code).cloned().unwrap_or_default();
                let (upcoming, past) = schedule_groups(&cx, &idx);
                let release_idx = site.state_releases.get(code).cloned().unwrap_or_default();
                updated = idx
                    .iter()
                    .filter_map(|i| site.event_updated(*i))
                    .chain(release_idx.iter().map(|i| site.release_updated(*i)))
                    .max()
                    .unwrap_or(site.updated);
                let releases: Vec<_> = site
                    .state_releases
                    .get(code)
                    .map(|v| v.iter().map(|ri| release_summary(&cx, *ri)).collect())
                    .unwrap_or_default();
                ctx.insert("state_name", &name);
                ctx.insert("state_code", code);
                ctx.insert(
                    "state_kind",
                    &cx.t(
                        match region.map(|r| r.kind) {
                            Some(RegionKind::Ut) => "state-kind-ut",
                            _ => "state-kind-state",
                        },
                        &[],
                    ),
                );
                ctx.insert("event_count", &cx.t_count("event-count", idx.len()));
                ctx.insert(
                    "release_count",
                    &cx.t_count("release-count", releases.len()),
                );
                ctx.insert("upcoming", &upcoming);
                ctx.insert("past", &past);
                ctx.insert("releases", &releases);
                let has_dated = idx
                    .iter()
                    .any(|i| matches!(site.events[*i].when, crate::content::When::Dated { .. }));
                ctx.insert(
                    "calendar_href",
                    &has_dated.then(|| cx.href(&urls::state_ics(lang, code))),
                );
                title = name;
                "state.html"
            }
            PageKey::Page(stem) => {
                let i = site.page_index(stem, lang).unwrap_or(0);
                let page = &site.pages[i];
                title = page.title.clone();
                updated = page.updated.unwrap_or(site.updated);
                description = page
                    .summary
                    .clone()
                    .unwrap_or_else(|| self.bodies.pages[i].first_paragraph.clone());
                ctx.insert("body", &self.bodies.pages[i].html);
                "page.html"
            }
        };
        let meta = PageMeta {
            title: &title,
            description: &description,
            updated,
        };
        self.insert_common(&mut ctx, &cx, key, &meta, shared);
        Ok((template, ctx, warnings))
    }

    fn state_filter(&self, cx: &ViewCx) -> Vec<FilterItem> {
        let mut links: Vec<FilterItem> = self
            .site
            .state_events
            .keys()
            .map(|code| FilterItem {
                code: code.clone(),
                href: cx.href(&PageKey::State(code.clone()).path(cx.lang)),
                label: cx.state_name(code),
            })
            .collect();
        links.sort_by(|a, b| a.label.cmp(&b.label));
        links
    }

    /// The site menu of a page.
    fn nav(&self, cx: &ViewCx, key: &PageKey, nav_key: &str) -> Vec<NavItem> {
        let lang = cx.lang;
        let mut nav = vec![
            NavItem::new(
                "home",
                cx.t("nav-home", &[]),
                cx.href(&PageKey::Home.path(lang)),
                nav_key,
            ),
            NavItem::new(
                "releases",
                cx.t("nav-releases", &[]),
                cx.href(&PageKey::Releases(1).path(lang)),
                nav_key,
            ),
            NavItem::new(
                "schedule",
                cx.t("nav-schedule", &[]),
                cx.href(&PageKey::Schedule.path(lang)),
                nav_key,
            ),
            NavItem::new(
                "states",
                cx.t("nav-states", &[]),
                cx.href(&PageKey::States.path(lang)),
                nav_key,
            ),
        ];
        for p in self.site.pages.iter().filter(|p| p.lang == lang) {
            let mut item = NavItem::new(
                "page",
                p.title.clone(),
                cx.href(&PageKey::Page(p.stem.clone()).path(lang)),
                "",
            );
            item.current = *key == PageKey::Page(p.stem.clone());
            nav.push(item);
        }
        nav
    }

    /// What every page has: language, links back to the root, navigation, the language
    /// switch, alternates, canonical address, and "last updated".
    fn insert_common(
        &self,
        ctx: &mut Context,
        cx: &ViewCx,
        key: &PageKey,
        meta: &PageMeta,
        shared: &Shared,
    ) {
        let PageMeta {
            title,
            description,
            updated,
        } = *meta;
        let site = self.site;
        let lang = cx.lang;
        let path = cx.from;
        ctx.insert("lang", lang);
        ctx.insert("root", &urls::root_prefix(path));
        ctx.insert("site_title", site.config.title_in(lang));
        ctx.insert("page_title", title);
        ctx.insert("description", description);
        ctx.insert("canonical", &urls::absolute(&site.config.base_url, path));
        ctx.insert("alternates", &self.alternates(key, shared));
        let nav_key = match key {
            PageKey::Home => "home",
            PageKey::Releases(_) | PageKey::Release(_) => "releases",
            PageKey::Event(_) | PageKey::Schedule => "schedule",
            PageKey::States | PageKey::State(_) => "states",
            PageKey::Page(_) => "page",
        };
        ctx.insert("section", nav_key);
        // The menu is the same on every page of one language, depth and section (links
        // are relative), so it is made once for each; a free page marks itself current.
        let depth = urls::depth(path);
        let section = NAV_SECTIONS.iter().position(|k| *k == nav_key);
        match (self.language_index(lang), section) {
            (Some(li), Some(si)) if depth < NAV_DEPTHS && !matches!(key, PageKey::Page(_)) => {
                let slot = &shared.nav[(li * NAV_DEPTHS + depth) * NAV_SECTIONS.len() + si];
                let nav =
                    slot.get_or_init(|| Value::from_serializable(&self.nav(cx, key, nav_key)));
                ctx.insert_value("nav", nav.clone());
            }
            _ => ctx.insert("nav", &self.nav(cx, key, nav_key)),
        }
        let switch: Vec<SwitchItem> = site
            .config
            .languages
            .iter()
            .filter(|l| l.as_str() != lang)
            .map(|l| {
                let name = self
                    .i18n
                    .message(l, "language-name", None)
                    .unwrap_or_else(|_| l.clone());
                let available = shared.has(key, l);
                let target = if available {
                    key.path(l)
                } else {
                    PageKey::Home.path(l)
                };
                let note = (!available).then(|| {
                    let mut a = fluent::FluentArgs::new();
                    a.set("language", name.clone());
                    self.i18n
                        .message(l, "switch-unavailable", Some(&a))
                        .unwrap_or_default()
                });
                SwitchItem {
                    lang: l.clone(),
                    name,
                    href: cx.href(&target),
                    available,
                    note,
                }
            })
            .collect();
        ctx.insert("switch", &switch);
        ctx.insert("feed_href", &cx.href(&urls::feed(lang)));
        ctx.insert(
            "feed_absolute",
            &urls::absolute(&site.config.base_url, &urls::feed(lang)),
        );
        ctx.insert("assets", &format!("{}assets/", urls::root_prefix(path)));
        ctx.insert("last_updated", &cx.updated_words(updated));
        ctx.insert("last_updated_iso", &updated.to_string());
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
    langs: HashMap<&'a PageKey, &'a Vec<String>>,
    /// Menus already made, per language, folder depth and section.
    nav: Vec<OnceLock<Value>>,
    /// Each event's VEVENT, per language (site order within).
    vevents: Vec<OnceLock<Option<String>>>,
    /// Every language's labels, for templates (see [`templates::LABELS`]).
    labels: Value,
}

/// The menu sections a page can be in, and how deep a page's folder can be for its menu
/// to be kept (deeper pages make theirs).
const NAV_SECTIONS: [&str; 4] = ["home", "releases", "schedule", "states"];
const NAV_DEPTHS: usize = 6;

impl Shared<'_> {
    fn has(&self, key: &PageKey, lang: &str) -> bool {
        self.langs
            .get(key)
            .is_some_and(|langs| langs.iter().any(|l| l == lang))
    }
}

/// What differs between pages in their `<head>` and footer.
#[derive(Clone, Copy)]
struct PageMeta<'a> {
    title: &'a str,
    description: &'a str,
    updated: jiff::civil::Date,
}

#[derive(Serialize)]
struct Choice {
    lang: String,
    name: String,
    title: String,
    heading: String,
    text: String,
    href: String,
}

#[derive(Serialize)]
struct FilterItem {
    code: String,
    href: String,
    label: String,
}

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    label: String,
    href: String,
    current: bool,
}

impl NavItem {
    fn new(key: &'static str, label: String, href: String, current_key: &str) -> Self {
        NavItem {
            key,
            label,
            href,
            current: key == current_key,
        }
    }
}

#[derive(Serialize)]
struct SwitchItem {
    lang: String,
    name: String,
    href: String,
    available: bool,
    note: Option<String>,
}

#[derive(Serialize)]
struct StateEntry {
    code: String,
    name: String,
    count: usize,
    count_label: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct ReleaseView {
    title: String,
    date: String,
    datetime: String,
    time: Option<String>,
    ministry: String,
    place: String,
    release_id: Option<String>,
    body: String,
    states: Vec<Link>,
    events: Vec<views::EventView>,
}
