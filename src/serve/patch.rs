//! The quickest rebuild: files saved with new words but the same facts that place them
//! (the same dates, states, links and status of being a draft; for a page the same
//! title) are read again alone and put into the kept site, and only the pages that show
//! them are rendered. Nothing else of the site is loaded or assembled again.

use std::path::{Path, PathBuf};

use crate::content::{Event, LoadContext, Page, event, page, release};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// A changed file, read again, and where it goes in the site.
pub(super) enum Item {
    Release(usize, Box<release::ReleaseText>),
    Event(usize, Box<Event>),
    Page(usize, Box<Page>),
}

/// Reads the files `changed` (relative to `root`) again. `None` when any of them is not
/// a file the site already has in the same place with the same facts, or has an error:
/// then the site is assembled again (which reports the error).
pub(super) fn read_changed(
    site: &Site,
    root: &Path,
    drafts: bool,
    changed: &[PathBuf],
) -> Option<(Vec<Item>, Vec<Diagnostic>)> {
    let cx = LoadContext {
        config: &site.config,
        states: &site.states,
        root,
        drafts,
    };
    let mut items = Vec::new();
    let mut warnings = Diagnostics::new();
    for rel in changed {
        let abs = root.join(rel);
        if !abs.is_file() {
            return None;
        }
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        let item = if rel.starts_with("content/releases") && ext == "md" {
            let (text, d) = release::load_file(&cx, &abs, rel);
            let text = text.filter(|_| !d.has_errors())?;
            warnings.extend(d);
            let i = site.release_index(&text.stem)?;
            let old = site.releases[i].texts.get(&text.lang)?;
            (old.file == text.file && same_release_facts(old, &text))
                .then(|| Item::Release(i, Box::new(text)))?
        } else if rel.starts_with("content/events") && (ext == "yaml" || ext == "yml") {
            let (ev, d) = event::load_file(&cx, &abs, rel);
            let ev = ev.filter(|_| !d.has_errors())?;
            warnings.extend(d);
            let i = site.event_index(&ev.id)?;
            let old = &site.events[i];
            (old.file == ev.file && same_event_facts(old, &ev))
                .then(|| Item::Event(i, Box::new(ev)))?
        } else if rel.starts_with("content/pages") && ext == "md" {
            let (p, d) = page::load_file(&cx, &abs, rel);
            let p = p.filter(|_| !d.has_errors())?;
            warnings.extend(d);
            let i = site.page_index(&p.stem, &p.lang)?;
            let old = &site.pages[i];
            (old.file == p.file && old.title == p.title && old.updated == p.updated)
                .then(|| Item::Page(i, Box::new(p)))?
        } else {
            return None;
        };
        items.push(item);
    }
    Some((items, warnings.sorted()))
}

/// Puts the items into the site; returns the indexes of the releases, events and pages
/// that changed.
pub(super) fn apply(site: &mut Site, items: Vec<Item>) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let (mut releases, mut events, mut pages) = (Vec::new(), Vec::new(), Vec::new());
    for item in items {
        match item {
            Item::Release(i, text) => {
                site.releases[i].texts.insert(text.lang.clone(), *text);
                releases.push(i);
            }
            Item::Event(i, ev) => {
                site.events[i] = *ev;
                events.push(i);
            }
            Item::Page(i, p) => {
                site.pages[i] = *p;
                pages.push(i);
            }
        }
    }
    for v in [&mut releases, &mut events, &mut pages] {
        v.sort_unstable();
        v.dedup();
    }
    (releases, events, pages)
}

fn values<T: Clone>(list: &[crate::diagnostics::Located<T>]) -> Vec<T> {
    list.iter().map(|l| l.value.clone()).collect()
}

/// What places a release in the site: its order, its states and events, whether it is
/// published.
fn same_release_facts(a: &release::ReleaseText, b: &release::ReleaseText) -> bool {
    a.stem == b.stem
        && a.lang == b.lang
        && a.published == b.published
        && a.updated == b.updated
        && a.states == b.states
        && values(&a.events) == values(&b.events)
        && a.draft == b.draft
}

/// What places an event in the site: its order and days, its state, programme and
/// releases, and its "last updated" day.
fn same_event_facts(a: &Event, b: &Event) -> bool {
    a.id == b.id
        && a.state == b.state
        && a.when == b.when
        && a.programme == b.programme
        && a.updated == b.updated
        && values(&a.releases) == values(&b.releases)
}
