//! The context of each kind of page: one function per kind, each adding what its page
//! shows to what every page has (see `chrome`).

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::views::{Link, ViewCx, as_of, event_view, release_summary, schedule_groups};
use crate::diagnostics::Diagnostic;
use crate::site::urls::{self, PageKey};
use crate::states::RegionKind;

/// How many upcoming events and releases the home page shows.
const HOME_EVENTS: usize = 6;
pub(crate) const HOME_RELEASES: usize = 5;

/// What one page adds to what every page has: its title, description and "last
/// updated" day, and warnings for the authors.
pub(super) struct Parts {
    pub title: String,
    pub description: String,
    pub updated: jiff::civil::Date,
    pub warnings: Vec<Diagnostic>,
    /// The links to parts of pages in the texts this page is the home of.
    pub part_links: Vec<crate::markdown::PendingPart>,
    /// The page's schema.org description (an event's, a release's), as script JSON.
    pub json_ld: Option<String>,
    /// For the search index: the date a result shows, and what the page says besides
    /// its title and description.
    pub search_date: String,
    pub search_body: String,
}

impl Parts {
    /// The page as the search index reads it.
    pub fn doc_text(&self) -> crate::search::DocText<'_> {
        crate::search::DocText {
            title: &self.title,
            excerpt: &self.description,
            date: &self.search_date,
            body: &self.search_body,
        }
    }
}

impl Renderer<'_> {
    /// Adds the page of `key` in `cx.lang` to `ctx`.
    pub(super) fn page_parts(
        &self,
        key: &PageKey,
        cx: &ViewCx,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        match key {
            PageKey::Home => self.home(cx, ctx, parts)?,
            PageKey::Releases(n) => self.release_list(cx, n, ctx, parts)?,
            PageKey::Release(stem) => self.release(cx, stem, ctx, parts)?,
            PageKey::Event(id) => self.event(cx, id, ctx, parts)?,
            PageKey::Schedule => self.schedule(cx, ctx, parts)?,
            PageKey::Search => parts.title = cx.t("search-title", &[]),
            PageKey::SiteMap => self.site_map(cx, ctx, parts)?,
            PageKey::States => self.states_index(cx, ctx, parts)?,
            PageKey::State(code) => self.state(cx, code, ctx, parts)?,
            PageKey::Page(stem) => self.free_page(cx, stem, ctx, parts)?,
        }
        Ok(())
    }

    /// The home page: upcoming events, then the latest releases.
    fn home(&self, cx: &ViewCx, ctx: &mut Context, _parts: &mut Parts) -> Result<(), Diagnostic> {
        let site = self.site;
        let upcoming: Vec<_> = site
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| !site.is_past(e) && e.when.sort_date().is_some())
            .take(HOME_EVENTS)
            .map(|(i, _)| event_view(cx, i))
            .collect();
        let releases: Vec<_> = (0..site.releases.len().min(HOME_RELEASES))
            .map(|i| release_summary(cx, i))
            .collect();
        ctx.insert("upcoming", &upcoming);
        ctx.insert("releases", &releases);
        ctx.insert("as_of", &as_of(cx));
        Ok(())
    }

    /// A page of the release list.
    fn release_list(
        &self,
        cx: &ViewCx,
        n: &usize,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let per = site.config.releases_per_page;
        let pages = self.release_pages();
        let start = (n - 1) * per;
        let items: Vec<_> = (start..(start + per).min(site.releases.len()))
            .map(|i| release_summary(cx, i))
            .collect();
        ctx.insert("releases", &items);
        ctx.insert("page_number", n);
        ctx.insert("page_count", &pages);
        ctx.insert("release_total", &site.releases.len());
        let newer = (*n > 1).then(|| cx.href(&PageKey::Releases(n - 1).path(lang)));
        let older = (*n < pages).then(|| cx.href(&PageKey::Releases(n + 1).path(lang)));
        ctx.insert("newer_href", &newer);
        ctx.insert("older_href", &older);
        parts.title = cx.t("releases-title", &[]);
        if pages > 1 {
            let page = cx.t(
                "releases-page",
                &[("page", n.to_string()), ("pages", pages.to_string())],
            );
            parts.title = cx.t(
                "releases-title-paged",
                &[("title", parts.title.clone()), ("page", page)],
            );
        }
        Ok(())
    }

    /// A release, its body rendered here (page by page, not held for the whole site).
    fn release(
        &self,
        cx: &ViewCx,
        stem: &str,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let i = site.release_index(stem).unwrap_or(0);
        let release = &site.releases[i];
        let text = release.text(lang).unwrap_or_else(|| release.primary(lang));
        let summary = release_summary(cx, i);
        // The body is read and rendered here, page by page, not held for the
        // whole site.
        let source = text.read_body()?;
        let path = PageKey::Release(stem.to_string()).path(lang);
        let links = super::links::PageLinks {
            site,
            index: self.links,
            lang,
            from: &path,
        };
        let mut rendered = self.markdown.render_linked(&source, Some(&links));
        let first_line = crate::diagnostics::line_col(source.file_text(), source.start()).0;
        parts.warnings =
            crate::markdown::notes_as_warnings(&rendered.notes, &text.file, &source, first_line);
        parts.part_links =
            crate::markdown::pending_parts(&rendered.notes, &text.file, &source, first_line);
        let body = rendered.html;
        // The ministry and place are shown with the release, and a reader searches
        // by them ("मंत्रालय", a ministry's name).
        for shown in [&text.ministry, &text.place] {
            rendered.text.push('\n');
            rendered.text.push_str(shown);
        }
        parts.search_body = rendered.text;
        parts.search_date = summary.date.clone();
        parts.description = summary.summary.clone();
        ctx.insert(
            "share",
            &super::share::share(
                cx,
                &text.title,
                &urls::absolute(&site.config.base_url, &path),
            ),
        );
        parts.json_ld = Some(super::share::release_ld(
            text,
            &summary.summary,
            &urls::absolute(&site.config.base_url, &path),
            &super::share::image(site, self.links, &PageKey::Release(stem.to_string()), lang).0,
        ));
        parts.updated = super::keys::page_updated(site, &PageKey::Release(stem.to_string()), lang);
        parts.title = text.title.clone();
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
            .map(|ei| event_view(cx, *ei))
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
        Ok(())
    }

    /// An event.
    fn event(
        &self,
        cx: &ViewCx,
        id: &str,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let i = site.event_index(id).unwrap_or(0);
        let view = event_view(cx, i);
        parts.title = view.title.clone();
        parts.updated = super::keys::page_updated(site, &PageKey::Event(id.to_string()), lang);
        let body = self.bodies.events[i].get(lang);
        if let Some(b) = body {
            parts.description = b.first_paragraph.clone();
        }
        parts.search_date = view.date.clone();
        parts.search_body = [&view.state, view.city.as_deref().unwrap_or_default()]
            .into_iter()
            .chain([view.venue.as_deref().unwrap_or_default()])
            .chain(body.map(|b| b.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        parts.part_links = super::bodies::event_part_links(site, self.bodies, i, lang);
        let releases: Vec<_> = site.event_releases[i]
            .iter()
            .map(|ri| release_summary(cx, *ri))
            .collect();
        let separator = cx.t("list-separator", &[]);
        ctx.insert(
            "google_href",
            &super::ical::google_link(site, lang, i, &separator),
        );
        // A page that can go out of date (its event still to come) says as of when; a
        // scheduled event reads as held once its last day has passed.
        ctx.insert(
            "as_of",
            &(!site.is_past(&site.events[i])).then(|| as_of(cx)),
        );
        let held = (site.events[i].status == crate::content::EventStatus::Scheduled)
            .then(|| cx.t("status-held", &[]));
        if site.is_past(&site.events[i])
            && let Some(h) = &held
        {
            ctx.insert("status_text", h);
        } else {
            ctx.insert("status_text", &view.status_label);
        }
        ctx.insert("held_text", &held);
        ctx.insert("attend", &attend_view(cx, &site.events[i].attend));
        let image = super::share::image(site, self.links, &PageKey::Event(id.to_string()), lang).0;
        parts.json_ld = super::share::event_ld(cx, i, &image);
        ctx.insert(
            "share",
            &super::share::share(
                cx,
                &view.title,
                &urls::absolute(
                    &site.config.base_url,
                    &PageKey::Event(id.to_string()).path(lang),
                ),
            ),
        );
        ctx.insert("event", &view);
        ctx.insert(
            "description_html",
            &body.map(|b| b.html.clone()).unwrap_or_default(),
        );
        ctx.insert("releases", &releases);
        Ok(())
    }

    /// The schedule: every event, upcoming then past.
    fn schedule(
        &self,
        cx: &ViewCx,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let all: Vec<usize> = (0..site.events.len()).collect();
        let (upcoming, past) = schedule_groups(cx, &all);
        ctx.insert("upcoming", &upcoming);
        ctx.insert("past", &past);
        ctx.insert("state_filter", &self.state_filter(cx));
        ctx.insert("as_of", &as_of(cx));
        ctx.insert("calendar_href", &cx.href(&urls::schedule_ics(lang)));
        ctx.insert(
            "webcal_href",
            &urls::webcal(&site.config.base_url, &urls::schedule_ics(lang)),
        );
        parts.title = cx.t("schedule-title", &[]);
        Ok(())
    }

    /// The index of states and union territories.
    fn states_index(
        &self,
        cx: &ViewCx,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let with_pages: BTreeSet<String> = self.states_with_pages().into_iter().collect();
        let mut states: Vec<StateEntry> = Vec::new();
        let mut uts: Vec<StateEntry> = Vec::new();
        for r in site.states.all() {
            let idx = site
                .state_events
                .get(&r.code)
                .map_or(&[][..], Vec::as_slice);
            let upcoming = idx
                .iter()
                .filter(|&&i| !site.is_past(&site.events[i]))
                .count();
            let past = idx.len() - upcoming;
            let mut counts = vec![cx.t_count("count-upcoming", upcoming)];
            if past > 0 {
                counts.push(cx.t_count("count-past", past));
            }
            let entry = StateEntry {
                code: r.code.clone(),
                name: r.name(lang).to_string(),
                count: upcoming,
                count_label: counts.join(&cx.t("meta-separator", &[])),
                href: with_pages
                    .contains(&r.code)
                    .then(|| cx.href(&PageKey::State(r.code.clone()).path(lang))),
            };
            match r.kind {
                RegionKind::State => states.push(entry),
                RegionKind::Ut => uts.push(entry),
            }
        }
        let labels: Vec<String> = states
            .iter()
            .chain(&uts)
            .map(|e| format!("{}: {}", e.name, e.count_label))
            .collect();
        let tiles: Vec<super::tiles::Tile> = states
            .iter()
            .chain(&uts)
            .zip(&labels)
            .filter_map(|(e, label)| {
                Some(super::tiles::Tile {
                    code: &e.code,
                    href: e.href.as_deref()?,
                    upcoming: e.count,
                    label,
                })
            })
            .collect();
        ctx.insert(
            "map_svg",
            &super::tiles::map(&tiles, &cx.t("states-map", &[])),
        );
        states.sort_by(|a, b| a.name.cmp(&b.name));
        uts.sort_by(|a, b| a.name.cmp(&b.name));
        ctx.insert("states", &states);
        ctx.insert("uts", &uts);
        parts.title = cx.t("states-title", &[]);
        Ok(())
    }

    /// A state or UT: its events and releases.
    fn state(
        &self,
        cx: &ViewCx,
        code: &str,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let region = site.states.get(code);
        let name = cx.state_name(code);
        let idx = site.state_events.get(code).cloned().unwrap_or_default();
        let (upcoming, past) = schedule_groups(cx, &idx);
        let release_idx = site.state_releases.get(code).cloned().unwrap_or_default();
        parts.updated = super::keys::page_updated(site, &PageKey::State(code.to_string()), lang);
        let releases: Vec<_> = site
            .state_releases
            .get(code)
            .map(|v| v.iter().map(|ri| release_summary(cx, *ri)).collect())
            .unwrap_or_default();
        ctx.insert("state_name", &name);
        ctx.insert("state_code", code);
        ctx.insert("upcoming", &upcoming);
        ctx.insert("past", &past);
        ctx.insert("releases", &releases);
        ctx.insert("as_of", &as_of(cx));
        ctx.insert("calendar_href", &cx.href(&urls::state_ics(lang, code)));
        ctx.insert(
            "webcal_href",
            &urls::webcal(&site.config.base_url, &urls::state_ics(lang, code)),
        );
        ctx.insert("state_feed_href", &cx.href(&urls::state_feed(lang, code)));
        ctx.insert(
            "state_feed_absolute",
            &urls::absolute(&site.config.base_url, &urls::state_feed(lang, code)),
        );
        // The lede: what the state is, and only the counts that are not nothing.
        let upcoming_count = idx
            .iter()
            .filter(|&&i| !site.is_past(&site.events[i]))
            .count();
        let past_count = idx.len() - upcoming_count;
        let mut lede = vec![cx.t(
            match region.map(|r| r.kind) {
                Some(RegionKind::Ut) => "state-kind-ut",
                _ => "state-kind-state",
            },
            &[],
        )];
        for (key, n) in [
            ("count-upcoming", upcoming_count),
            ("count-past", past_count),
            ("release-count", release_idx.len()),
        ] {
            if n > 0 {
                lede.push(cx.t_count(key, n));
            }
        }
        // The lede says what the page holds: it describes the page to shares and search.
        parts.description = lede.join(&cx.t("meta-separator", &[]));
        ctx.insert("lede", &parts.description);
        ctx.insert("has_events", &!idx.is_empty());
        // The next event with a known day: what a reader of the state's page asks first.
        let next = idx
            .iter()
            .map(|&i| &site.events[i])
            .filter(|e| !site.is_past(e) && e.status != crate::content::EventStatus::Cancelled)
            .filter_map(|e| match e.when {
                crate::content::When::Dated { start, .. } => Some((start, e)),
                _ => None,
            })
            .min_by_key(|(d, _)| *d);
        ctx.insert(
            "next_event",
            &next.map(|(d, e)| {
                cx.t(
                    "state-next",
                    &[
                        ("date", cx.i18n.format_date(lang, d)),
                        (
                            "event",
                            e.title.get(lang, &site.config.default_language).to_string(),
                        ),
                    ],
                )
            }),
        );
        parts.title = name;
        Ok(())
    }

    /// A free page.
    fn free_page(
        &self,
        cx: &ViewCx,
        stem: &str,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        let i = site.page_index(stem, lang).unwrap_or(0);
        let page = &site.pages[i];
        parts.title = page.title.clone();
        parts.updated = super::keys::page_updated(site, &PageKey::Page(stem.to_string()), lang);
        parts.description = page
            .summary
            .clone()
            .unwrap_or_else(|| self.bodies.pages[i].first_paragraph.clone());
        ctx.insert("body", &self.bodies.pages[i].html);
        parts.search_body = self.bodies.pages[i].text.clone();
        parts.part_links = crate::markdown::pending_parts(
            &self.bodies.pages[i].notes,
            &page.file,
            &page.body,
            page.body_line,
        );
        Ok(())
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
}

#[derive(Serialize)]
struct FilterItem {
    code: String,
    href: String,
    label: String,
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
    events: Vec<super::views::EventView>,
}

/// What an attendee needs, as the event page shows it (each part only when given).
#[derive(Debug, Serialize)]
struct AttendView {
    audience: Option<String>,
    register: Option<String>,
    register_href: Option<String>,
    organiser: Option<String>,
    contact_name: Option<String>,
    phone: Option<String>,
    phone_href: Option<String>,
    email: Option<String>,
    email_href: Option<String>,
    map_href: Option<String>,
    any: bool,
}

fn attend_view(cx: &ViewCx, a: &crate::content::attend::Attendance) -> AttendView {
    use crate::content::attend;
    let dl = &cx.site.config.default_language;
    let text =
        |l: &Option<crate::content::Localized>| l.as_ref().map(|l| l.get(cx.lang, dl).to_string());
    AttendView {
        audience: text(&a.audience),
        register: text(&a.register),
        register_href: a.register_url.clone(),
        organiser: text(&a.organiser),
        contact_name: text(&a.contact_name),
        phone: a.contact_phone.clone(),
        phone_href: a.contact_phone.as_deref().map(attend::tel_href),
        email: a.contact_email.clone(),
        email_href: a.contact_email.as_ref().map(|e| format!("mailto:{e}")),
        map_href: a
            .map_url
            .clone()
            .or_else(|| a.coordinates.map(attend::map_href)),
        any: !a.is_empty(),
    }
}
