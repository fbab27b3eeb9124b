//! Which pages a site has: every page key and the languages it exists in.

use std::collections::BTreeMap;

use crate::site::Site;
use crate::site::urls::PageKey;

/// Every page key and the languages it exists in, in a stable order.
pub fn page_keys(site: &Site) -> Vec<(PageKey, Vec<String>)> {
    let all = site.config.languages.clone();
    let mut keys: Vec<(PageKey, Vec<String>)> = vec![(PageKey::Home, all.clone())];
    for n in 1..=release_pages(site) {
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
    keys.push((PageKey::Search, all.clone()));
    keys.push((PageKey::SiteMap, all.clone()));
    for code in states_with_pages(site) {
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

/// The day a page last changed, as it says in its "last updated" line and the sitemap
/// says in `lastmod`: a release's `updated` or `date`; an event's `updated` or its
/// newest release; a state's newest event or release; a free page's `updated`; any
/// other page the newest date of the site.
pub(crate) fn page_updated(site: &Site, key: &PageKey, lang: &str) -> jiff::civil::Date {
    let day = match key {
        PageKey::Release(stem) => site.release_index(stem).map(|i| {
            let r = &site.releases[i];
            r.text(lang)
                .unwrap_or_else(|| r.primary(lang))
                .last_changed()
        }),
        PageKey::Event(id) => site.event_index(id).and_then(|i| site.event_updated(i)),
        PageKey::State(code) => {
            let events = site.state_events.get(code).map_or(&[][..], Vec::as_slice);
            let releases = site.state_releases.get(code).map_or(&[][..], Vec::as_slice);
            events
                .iter()
                .filter_map(|i| site.event_updated(*i))
                .chain(releases.iter().map(|i| site.release_updated(*i)))
                .max()
        }
        PageKey::Page(stem) => site
            .page_index(stem, lang)
            .and_then(|i| site.pages[i].updated),
        _ => None,
    };
    day.unwrap_or(site.updated)
}

pub(super) fn release_pages(site: &Site) -> usize {
    site.releases
        .len()
        .div_ceil(site.config.releases_per_page)
        .max(1)
}

/// Every state and UT: each has its page, calendar and feed before its first event, so
/// a reader can bookmark or subscribe to it.
pub(crate) fn states_with_pages(site: &Site) -> Vec<String> {
    site.states.all().iter().map(|r| r.code.clone()).collect()
}
