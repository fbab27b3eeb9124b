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
