//! The assembled site: content checked against itself (cross-references), put in the
//! orders readers see (newest release first, schedule by date), and indexed by state;
//! and the URL scheme its pages are at (`urls`).

mod required;
pub mod urls;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;

use crate::config::Config;
use crate::content::{Content, Event, Page, Release};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::states::StateRegistry;

/// Everything the renderer needs, in reading order.
#[derive(Debug)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// The build's "now".
    pub now: Timestamp,
    /// Today in the site's time zone: events that end before it are past.
    pub today: Date,
    /// The registry of states and UTs.
    pub states: StateRegistry,
    /// Releases, newest first (ties by stem).
    pub releases: Vec<Release>,
    /// Events in schedule order: by first possible day, undated last, then by id.
    pub events: Vec<Event>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Release index to the indexes of the events it concerns (named on either side).
    pub release_events: Vec<Vec<usize>>,
    /// Event index to the indexes of its releases (named on either side).
    pub event_releases: Vec<Vec<usize>>,
    /// State code to event indexes.
    pub state_events: BTreeMap<String, Vec<usize>>,
    /// State code to release indexes (named by the release or through its events).
    pub state_releases: BTreeMap<String, Vec<usize>>,
    /// The newest change anywhere in the content (the build date when nothing is dated).
    pub updated: Date,
    release_by_stem: HashMap<String, usize>,
    event_by_id: HashMap<String, usize>,
    page_by_name: HashMap<(String, String), usize>,
}

impl Site {
    /// True when the event is over (its last possible day is before today).
    pub fn is_past(&self, event: &Event) -> bool {
        event.when.last_date().is_some_and(|d| d < self.today)
    }

    /// The day the release at `index` last changed, in any language.
    pub fn release_updated(&self, index: usize) -> Date {
        self.releases[index]
            .texts
            .values()
            .map(|t| t.last_changed())
            .max()
            .unwrap_or(self.today)
    }

    /// The day the event at `index` last changed: its `updated`, or its newest release.
    pub fn event_updated(&self, index: usize) -> Option<Date> {
        let from_releases = self.event_releases[index]
            .iter()
            .map(|r| self.release_updated(*r))
            .max();
        self.events[index].updated.max(from_releases)
    }

    /// Index of a release by stem.
    pub fn release_index(&self, stem: &str) -> Option<usize> {
        self.release_by_stem.get(stem).copied()
    }

    /// Index of an event by id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.event_by_id.get(id).copied()
    }

    /// Index of a free page by stem and language.
    pub fn page_index(&self, stem: &str, lang: &str) -> Option<usize> {
        self.page_by_name
            .get(&(stem.to_string(), lang.to_string()))
            .copied()
    }
}

/// Assembles the site and checks cross-references (a release naming an unknown event, an
/// event naming an unknown release). Every broken reference is reported.
pub fn assemble(
    config: Config,
    content: Content,
    states: StateRegistry,
    now: Timestamp,
) -> (Site, Diagnostics) {
    let mut problems = Diagnostics::new();
    let Content {
        mut releases,
        mut events,
        mut pages,
        broken_events,
        broken_releases,
    } = content;

    // A free page is at `/<lang>/<stem>/`: it cannot take a folder the site uses.
    let reserved = urls::reserved_segments();
    pages.retain(|p| {
        let taken = reserved.contains(&p.stem.as_str());
        if taken {
            problems.push(
                Diagnostic::error(
                    Code::PageNameReserved,
                    format!(
                        "a page cannot be called `{}`: the site uses that address itself",
                        p.stem
                    ),
                )
                .in_file(&p.file)
                .with_hint(format!(
                    "rename the file; these names are taken: {}",
                    reserved.join(", ")
                )),
            );
        }
        !taken
    });
    // A page in one language builds, but the reader of the other gets no translation.
    let mut page_langs: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for p in &pages {
        page_langs.entry(p.stem.as_str()).or_default().push(p);
    }
    for versions in page_langs.values() {
        // A page has no date but its corrections': one corrected after its twin last was
        // (or ever) may have left the twin behind.
        if let Some(newest) = versions
            .iter()
            .filter_map(|p| Some((p.updated?, p)))
            .max_by_key(|(d, _)| *d)
        {
            for p in versions
                .iter()
                .filter(|p| p.updated.is_none_or(|d| d < newest.0))
            {
                problems.push(crate::content::stale(
                    &p.file,
                    &newest.1.file,
                    newest.0,
                    p.updated,
                ));
            }
        }
    }
    for (stem, versions) in &page_langs {
        for lang in &config.languages {
            if !versions.iter().any(|p| &p.lang == lang) {
                problems.push(
                    Diagnostic::warning(Code::TranslationMissing, format!(
                        "the page `{stem}` has no `{lang}` translation; it is published in {} only",
                        versions
                            .iter()
                            .map(|p| p.lang.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .in_file(&versions[0].file)
                    .with_hint(format!(
                        "add content/pages/{stem}.{lang}.md to publish it in both languages"
                    )),
                );
            }
        }
    }

    problems.extend(required::check(&pages));
    problems.extend(required::duplicate_titles(
        releases
            .iter()
            .flat_map(|r| r.texts.values())
            .map(|t| (t.lang.as_str(), t.title.as_str(), t.file.as_path()))
            .chain(
                pages
                    .iter()
                    .map(|p| (p.lang.as_str(), p.title.as_str(), p.file.as_path())),
            ),
    ));

    releases.sort_by(|a, b| {
        let pa = &a.primary(&config.default_language).published.at;
        let pb = &b.primary(&config.default_language).published.at;
        pb.cmp(pa).then_with(|| a.stem.cmp(&b.stem))
    });
    events.sort_by(|a, b| {
        let key = |e: &Event| {
            (
                e.when.sort_date().is_none(),
                e.when.sort_date(),
                e.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });

    let release_pos: BTreeMap<&str, usize> = releases
        .iter()
        .enumerate()
        .map(|(i, r)| (r.stem.as_str(), i))
        .collect();
    let event_pos: BTreeMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();

    let mut links: BTreeSet<(usize, usize)> = BTreeSet::new(); // (release, event)
    for (ri, release) in releases.iter().enumerate() {
        for text in release.texts.values() {
            for ev in &text.events {
                match event_pos.get(ev.value.as_str()) {
                    Some(ei) => {
                        links.insert((ri, *ei));
                    }
                    None if broken_events.contains(&ev.value) => {}
                    None => problems.push(
                        Diagnostic::error(
                            Code::ReferenceUnknown,
                            format!("there is no event `{}`", ev.value),
                        )
                        .in_file(&text.file)
                        .at_place(ev.at, crate::text::line_of(&text.source, ev.at.line))
                        .with_hint(suggest(
                            &ev.value,
                            event_pos.keys().copied(),
                            "content/events/",
                            ".yaml",
                        )),
                    ),
                }
            }
        }
    }
    for (ei, event) in events.iter().enumerate() {
        for rel in &event.releases {
            match release_pos.get(rel.value.as_str()) {
                Some(ri) => {
                    links.insert((*ri, ei));
                }
                None if broken_releases.contains(&rel.value) => {}
                None => problems.push(
                    Diagnostic::error(
                        Code::ReferenceUnknown,
                        format!("there is no release `{}`", rel.value),
                    )
                    .in_file(&event.file)
                    .at_place(rel.at, crate::text::line_of(&event.source, rel.at.line))
                    .with_hint(suggest(
                        &rel.value,
                        release_pos.keys().copied(),
                        "content/releases/",
                        ".<lang>.md",
                    )),
                ),
            }
        }
    }

    let mut release_events = vec![Vec::new(); releases.len()];
    let mut event_releases = vec![Vec::new(); events.len()];
    for (ri, ei) in &links {
        release_events[*ri].push(*ei);
        event_releases[*ei].push(*ri);
    }

    let mut state_events: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (ei, e) in events.iter().enumerate() {
        state_events.entry(e.state.clone()).or_default().push(ei);
    }
    let mut state_release_sets: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (ri, r) in releases.iter().enumerate() {
        for text in r.texts.values() {
            for code in &text.states {
                state_release_sets
                    .entry(code.clone())
                    .or_default()
                    .insert(ri);
            }
        }
        for ei in &release_events[ri] {
            state_release_sets
                .entry(events[*ei].state.clone())
                .or_default()
                .insert(ri);
        }
    }
    let state_releases = state_release_sets
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect();

    let today = now.to_zoned(config.time_zone.clone()).date();
    // "Last updated" follows the content, not the clock, so an unchanged site rebuilds
    // to the same bytes on any day.
    let updated = releases
        .iter()
        .flat_map(|r| r.texts.values().map(|t| t.last_changed()))
        .chain(events.iter().filter_map(|e| e.updated))
        .chain(pages.iter().filter_map(|p| p.updated))
        .max()
        .unwrap_or(today);
    let release_by_stem = releases
        .iter()
        .enumerate()
        .map(|(i, r)| (r.stem.clone(), i))
        .collect();
    let event_by_id = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let page_by_name = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.stem.clone(), p.lang.clone()), i))
        .collect();
    let site = Site {
        config,
        now,
        today,
        states,
        releases,
        events,
        pages,
        release_events,
        event_releases,
        state_events,
        state_releases,
        updated,
        release_by_stem,
        event_by_id,
        page_by_name,
    };
    problems.extend_from(unrecorded_outcomes(&site));
    (site, problems)
}

/// Events whose days have passed with a status that was meant to change: `tentative`
/// (never confirmed) and `postponed` (its old date gone by). The author should record
/// what happened; until then the reader is told something that is no longer true.
fn unrecorded_outcomes(site: &Site) -> Vec<Diagnostic> {
    use crate::content::EventStatus;
    let mut found = Vec::new();
    for e in &site.events {
        if !site.is_past(e) {
            continue;
        }
        let message = match e.status {
            EventStatus::Tentative => format!(
                "the event `{}` is still `tentative`, but its dates have passed: it was never confirmed",
                e.id
            ),
            EventStatus::Postponed => format!(
                "the event `{}` is `postponed`, and the date it was postponed from has passed",
                e.id
            ),
            _ => continue,
        };
        let mut d = Diagnostic::warning(Code::OutcomeUnrecorded, message)
            .in_file(&e.file)
            .with_hint("record what happened: give the new dates, write `status: cancelled`, or `status: scheduled` if it took place");
        if let Some(at) = e.status_loc {
            d = d.at_place(at, crate::text::line_of(&e.source, at.line));
        }
        found.push(d);
    }
    found
}

/// "Did you mean" for an unknown id, or the list of what exists.
fn suggest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>, dir: &str, ext: &str) -> String {
    let known: Vec<&str> = known.collect();
    if let Some(best) = known
        .iter()
        .filter(|k| crate::diagnostics::edit_distance(wrong, k) <= 3)
        .min_by_key(|k| crate::diagnostics::edit_distance(wrong, k))
    {
        return format!("did you mean `{best}`?");
    }
    if known.is_empty() {
        return format!("there are none yet; the id is the file name in {dir} without {ext}");
    }
    let shown: Vec<&str> = known.iter().take(12).copied().collect();
    format!(
        "the id is the file name in {dir} without {ext}; known ids include: {}",
        shown.join(", ")
    )
}
