//! What templates are given: plain, already formatted values (dates in words, links
//! relative to the page), so templates only lay them out.

use std::collections::HashMap;

use fluent::FluentArgs;
use jiff::civil::Date;
use serde::Serialize;

pub use super::bodies::Bodies;
use crate::content::When;
use crate::content::release::ReleaseText;
use crate::i18n::I18n;
use crate::site::Site;
use crate::site::urls::{self, PageKey};

/// The words of each event and release that do not depend on the page showing them,
/// made once per language before rendering: one release or event appears on several
/// pages (lists, its state, its events), and dates go through Fluent.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Per language (site order), per event (site order).
    events: Vec<Vec<EventWords>>,
    /// Per language, per release: the date in words and machine-readable, of the text
    /// shown in that language.
    releases: Vec<Vec<(String, String)>>,
    /// Per language: every page's "last updated" day in words (a few thousand days
    /// shared by tens of thousands of pages).
    updated: Vec<HashMap<Date, String>>,
}

#[derive(Debug)]
struct EventWords {
    date: String,
    time: Option<String>,
    datetime: Option<String>,
    status_label: String,
}

impl Prepared {
    /// Formats every event's and release's dates in every language, in parallel.
    pub fn new(site: &Site, i18n: &I18n) -> Prepared {
        use rayon::prelude::*;
        let langs = &site.config.languages;
        let bodies = Bodies::default();
        let cx = |lang| formatting_cx(site, i18n, &bodies, lang);
        let events = langs
            .iter()
            .map(|lang| {
                let cx = cx(lang);
                site.events
                    .par_iter()
                    .map(|e| event_words(&cx, e))
                    .collect()
            })
            .collect();
        let releases = langs
            .iter()
            .map(|lang| {
                let cx = cx(lang);
                (0..site.releases.len())
                    .into_par_iter()
                    .map(|i| release_dates(&cx, shown_text(&cx, i).0))
                    .collect()
            })
            .collect();
        let mut days: Vec<Date> = (0..site.releases.len())
            .map(|i| site.release_updated(i))
            .chain((0..site.events.len()).filter_map(|i| site.event_updated(i)))
            .chain(site.pages.iter().filter_map(|p| p.updated))
            .chain([site.updated])
            .collect();
        days.sort_unstable();
        days.dedup();
        let updated = langs
            .iter()
            .map(|lang| {
                days.par_iter()
                    .map(|d| (*d, i18n.format_date(lang, *d)))
                    .collect()
            })
            .collect();
        Prepared {
            events,
            releases,
            updated,
        }
    }
}

impl Prepared {
    /// Formats again the events and releases at the given indexes (the site's shape
    /// unchanged: the same items in the same order, the same days).
    pub fn update(&mut self, site: &Site, i18n: &I18n, releases: &[usize], events: &[usize]) {
        let bodies = Bodies::default();
        for (li, lang) in site.config.languages.iter().enumerate() {
            let cx = formatting_cx(site, i18n, &bodies, lang);
            for &i in events {
                self.events[li][i] = event_words(&cx, &site.events[i]);
            }
            for &i in releases {
                self.releases[li][i] = release_dates(&cx, shown_text(&cx, i).0);
            }
        }
    }
}

/// A view context for formatting dates and labels, which need no page.
fn formatting_cx<'a>(
    site: &'a Site,
    i18n: &'a I18n,
    bodies: &'a Bodies,
    lang: &'a str,
) -> ViewCx<'a> {
    ViewCx {
        site,
        i18n,
        bodies,
        prepared: None,
        lang,
        from: "",
    }
}

fn event_words(cx: &ViewCx, e: &crate::content::Event) -> EventWords {
    let (date, time, datetime) = when_text(cx, &e.when);
    EventWords {
        date,
        time,
        datetime,
        status_label: cx.t(&format!("status-{}", e.status.as_str()), &[]),
    }
}

/// Everything a view needs to format values for one page.
pub struct ViewCx<'a> {
    /// The site.
    pub site: &'a Site,
    /// Messages.
    pub i18n: &'a I18n,
    /// Rendered Markdown.
    pub bodies: &'a Bodies,
    /// Words made before rendering (None while they are being made).
    pub prepared: Option<&'a Prepared>,
    /// The page's language.
    pub lang: &'a str,
    /// The page's output path (links are made relative to it).
    pub from: &'a str,
}

impl ViewCx<'_> {
    /// A link from this page to an output path.
    pub fn href(&self, to: &str) -> String {
        urls::relative(self.from, to)
    }

    /// A message in this page's language; a missing key shows the key (load checked the
    /// ones samvad itself needs).
    pub fn t(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.i18n
            .message(
                self.lang,
                key,
                if args.is_empty() { None } else { Some(&fa) },
            )
            .unwrap_or_else(|_| key.to_string())
    }

    /// A message with a count (plural rules apply).
    pub fn t_count(&self, key: &str, count: usize) -> String {
        let mut fa = FluentArgs::new();
        fa.set("count", count as i64);
        self.i18n
            .message(self.lang, key, Some(&fa))
            .unwrap_or_else(|_| key.to_string())
    }

    fn default_lang(&self) -> &str {
        &self.site.config.default_language
    }

    fn lang_index(&self) -> usize {
        self.site
            .config
            .languages
            .iter()
            .position(|l| l == self.lang)
            .unwrap_or(0)
    }

    fn prepared_event(&self, index: usize) -> Option<&EventWords> {
        self.prepared?.events.get(self.lang_index())?.get(index)
    }

    fn prepared_release(&self, index: usize) -> Option<&(String, String)> {
        self.prepared?.releases.get(self.lang_index())?.get(index)
    }

    /// A day in words, as pages show "last updated".
    pub fn updated_words(&self, day: Date) -> String {
        self.prepared
            .and_then(|p| p.updated.get(self.lang_index())?.get(&day))
            .cloned()
            .unwrap_or_else(|| self.i18n.format_date(self.lang, day))
    }

    /// The name of a state in this page's language.
    pub fn state_name(&self, code: &str) -> String {
        self.site
            .states
            .get(code)
            .map(|r| r.name(self.lang).to_string())
            .unwrap_or_else(|| code.to_string())
    }
}

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative address.
    pub href: String,
    /// Text.
    pub label: String,
}

/// An event as lists and its own page show it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Id.
    pub id: String,
    /// Link to its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// State code.
    pub state_code: String,
    /// State name.
    pub state: String,
    /// Link to the state's page.
    pub state_href: String,
    /// City, if known.
    pub city: Option<String>,
    /// Venue, if known.
    pub venue: Option<String>,
    /// The date in words (or "to be announced").
    pub date: String,
    /// The time in words.
    pub time: Option<String>,
    /// Machine-readable start (`2025-11-28` or `2025-11-28T10:00+05:30`) for `<time>`.
    pub datetime: Option<String>,
    /// `scheduled`, `tentative`, `postponed` or `cancelled`.
    pub status: &'static str,
    /// The status in words.
    pub status_label: String,
    /// The status in words when it is worth a badge (anything but scheduled).
    pub status_badge: Option<String>,
    /// True when the day is not known.
    pub undated: bool,
    /// True when it is over.
    pub past: bool,
    /// Link to the `.ics` file (only for events with a known day).
    pub ics_href: Option<String>,
    /// Its last day (`2025-11-28`), after which it is past: for the script that keeps
    /// lists true after the build day. None when no day is known.
    pub last: Option<String>,
    /// Only a window of days is known (shown quieter than a known day).
    pub is_window: bool,
}

/// Builds the view of the event at `index`.
pub fn event_view(cx: &ViewCx, index: usize) -> EventView {
    let event = &cx.site.events[index];
    let lang = cx.lang;
    let dl = cx.default_lang();
    let (date, time, datetime, status_label) = match cx.prepared_event(index) {
        Some(w) => (
            w.date.clone(),
            w.time.clone(),
            w.datetime.clone(),
            w.status_label.clone(),
        ),
        None => {
            let (date, time, datetime) = when_text(cx, &event.when);
            let label = cx.t(&format!("status-{}", event.status.as_str()), &[]);
            (date, time, datetime, label)
        }
    };
    let has_day = matches!(event.when, When::Dated { .. });
    EventView {
        id: event.id.clone(),
        href: cx.href(&PageKey::Event(event.id.clone()).path(lang)),
        title: event.title.get(lang, dl).to_string(),
        state_code: event.state.clone(),
        state: cx.state_name(&event.state),
        state_href: cx.href(&PageKey::State(event.state.clone()).path(lang)),
        city: event.city.as_ref().map(|c| c.get(lang, dl).to_string()),
        venue: event.venue.as_ref().map(|c| c.get(lang, dl).to_string()),
        date,
        time,
        datetime,
        status: event.status.as_str(),
        status_badge: (event.status != crate::content::EventStatus::Scheduled)
            .then(|| status_label.clone()),
        status_label,
        undated: !has_day,
        past: cx.site.is_past(event),
        ics_href: has_day.then(|| cx.href(&urls::event_ics(lang, &event.id))),
        last: event.when.last_date().map(|d| d.to_string()),
        is_window: matches!(event.when, When::Window { .. }),
    }
}

/// The line that dates a page whose lists depend on the day ("as of Thursday, 27
/// November 2025"), and that day as `2025-11-27` for the script that brings the lists up
/// to the reader's day.
#[derive(Debug, Clone, Serialize)]
pub struct AsOf {
    /// The line.
    pub text: String,
    /// The build's day.
    pub day: String,
}

/// The [`AsOf`] line of the build's day.
pub fn as_of(cx: &ViewCx) -> AsOf {
    let today = cx.site.today;
    AsOf {
        text: cx.t("as-of", &[("date", cx.i18n.format_day(cx.lang, today))]),
        day: today.to_string(),
    }
}

/// The date, the time, and the machine-readable start of an event.
fn when_text(cx: &ViewCx, when: &When) -> (String, Option<String>, Option<String>) {
    let lang = cx.lang;
    let i18n = cx.i18n;
    match when {
        When::Dated {
            start,
            end,
            time,
            end_time,
        } => {
            let date = match end {
                Some(end) => cx.t(
                    "date-range",
                    &[
                        ("from", i18n.format_day(lang, *start)),
                        ("to", i18n.format_day(lang, *end)),
                    ],
                ),
                None => i18n.format_day(lang, *start),
            };
            let time_text = match (time, end_time) {
                // Both ends as bare times: the message places the zone (in Hindi
                // "10:30 से 16:00 बजे तक (भारतीय मानक समय)", not "16:00 बजे (…) तक").
                (Some(t), Some(e)) => Some(cx.t(
                    "time-range",
                    &[
                        ("from", format!("{:02}:{:02}", t.hour(), t.minute())),
                        ("to", format!("{:02}:{:02}", e.hour(), e.minute())),
                    ],
                )),
                (Some(t), None) => Some(i18n.format_time(lang, *t)),
                _ => None,
            };
            let zone = cx.site.config.time_zone.clone();
            let datetime = match time {
                Some(t) => start
                    .to_datetime(*t)
                    .to_zoned(zone)
                    .map(|z| z.strftime("%Y-%m-%dT%H:%M%:z").to_string())
                    .unwrap_or_else(|_| start.to_string()),
                None => start.to_string(),
            };
            (date, time_text, Some(datetime))
        }
        When::Window { from, to } => (
            cx.t(
                "date-window",
                &[
                    ("from", i18n.format_date(lang, *from)),
                    ("to", i18n.format_date(lang, *to)),
                ],
            ),
            None,
            None,
        ),
        When::ToBeAnnounced => (cx.t("date-tba", &[]), None, None),
    }
}

/// A release as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseSummary {
    /// Link to the release page (in this language, or the language it exists in).
    pub href: String,
    /// Title.
    pub title: String,
    /// Date in words.
    pub date: String,
    /// Machine-readable date and time.
    pub datetime: String,
    /// Summary (the author's, or the first paragraph).
    pub summary: String,
    /// Ministry.
    pub ministry: String,
    /// When the release is not in this page's language: the language it is in.
    pub other_lang: Option<String>,
    /// That language's name, for the note.
    pub other_lang_note: Option<String>,
}

/// The text of the release at `index` that a page in `cx.lang` shows, and the language
/// it is in when that is not the page's.
fn shown_text<'s>(cx: &ViewCx<'s>, index: usize) -> (&'s ReleaseText, Option<String>) {
    let release = &cx.site.releases[index];
    match release.text(cx.lang) {
        Some(t) => (t, None),
        None => {
            let t = release.primary(cx.default_lang());
            (t, Some(t.lang.clone()))
        }
    }
}

/// A release's date in words and machine-readable.
fn release_dates(cx: &ViewCx, text: &ReleaseText) -> (String, String) {
    (
        cx.i18n.format_date(cx.lang, text.published.date()),
        text.published
            .at
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

/// Builds the list view of the release at `index`.
pub fn release_summary(cx: &ViewCx, index: usize) -> ReleaseSummary {
    let release = &cx.site.releases[index];
    let (text, other) = shown_text(cx, index);
    let summary = text
        .summary_or(cx.bodies.first_paragraph(index, &text.lang))
        .to_string();
    let other_lang_note = other.as_ref().map(|l| {
        let name = cx
            .i18n
            .message(l, "language-name", None)
            .unwrap_or_else(|_| l.clone());
        cx.t("release-only-in", &[("language", name)])
    });
    let (date, datetime) = match cx.prepared_release(index) {
        Some(d) => d.clone(),
        None => release_dates(cx, text),
    };
    ReleaseSummary {
        href: cx.href(&PageKey::Release(release.stem.clone()).path(&text.lang)),
        title: text.title.clone(),
        date,
        datetime,
        summary,
        ministry: text.ministry.clone(),
        other_lang: other,
        other_lang_note,
    }
}

/// A group of events under a heading (a month, or "date not yet fixed").
#[derive(Debug, Clone, Serialize)]
pub struct EventGroup {
    /// Heading.
    pub label: String,
    /// Anchor id.
    pub id: String,
    /// Events.
    pub events: Vec<EventView>,
}

/// Upcoming events grouped by month (undated ones last), and past events by month, most
/// recent first.
pub fn schedule_groups(cx: &ViewCx, indexes: &[usize]) -> (Vec<EventGroup>, Vec<EventGroup>) {
    let mut upcoming: Vec<EventGroup> = Vec::new();
    let mut undated: Vec<EventView> = Vec::new();
    let mut past: Vec<EventGroup> = Vec::new();
    for &i in indexes {
        let event = &cx.site.events[i];
        let view = event_view(cx, i);
        let Some(day) = event.when.sort_date() else {
            undated.push(view);
            continue;
        };
        let id = format!("m-{}-{:02}", day.year(), day.month());
        let target = if cx.site.is_past(event) {
            &mut past
        } else {
            &mut upcoming
        };
        match target.iter_mut().find(|g| g.id == id) {
            Some(g) => g.events.push(view),
            None => target.push(EventGroup {
                label: cx.i18n.format_month(cx.lang, day.year(), day.month()),
                id,
                events: vec![view],
            }),
        }
    }
    if !undated.is_empty() {
        upcoming.push(EventGroup {
            label: cx.t("schedule-undated", &[]),
            id: "undated".into(),
            events: undated,
        });
    }
    // Past: the most recent month first, and within a month the latest event first.
    past.reverse();
    for g in &mut past {
        g.events.reverse();
    }
    (upcoming, past)
}
