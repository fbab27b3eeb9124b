//! The URL scheme, and the registry of page kinds it follows from. Output paths are
//! relative to the output folder; ASCII segments are the same in every language, so
//! switching language is a prefix swap.
//!
//! A new kind of page is one entry in [`KINDS`] (with a [`PageKey`] variant) and its
//! template: the reserved names a free page cannot take, the menu, and the templates a
//! theme must have follow from the registry.

/// One kind of page the site makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The theme's template for it.
    pub template: &'static str,
    /// The first folder under `/<lang>/` its pages take (so no free page may be named
    /// so), if any.
    pub segment: Option<&'static str>,
    /// The menu section it belongs to (its menu item is marked current on its pages).
    pub section: &'static str,
    /// When it has an item in the menu: the message that labels it.
    pub menu_label: Option<&'static str>,
}

/// Every kind of page, in the order of the menu.
pub const KINDS: &[(KindName, Kind)] = &[
    (
        KindName::Home,
        Kind {
            template: "index.html",
            segment: None,
            section: "home",
            menu_label: Some("nav-home"),
        },
    ),
    (
        KindName::Releases,
        Kind {
            template: "releases.html",
            segment: Some("releases"),
            section: "releases",
            menu_label: Some("nav-releases"),
        },
    ),
    (
        KindName::Release,
        Kind {
            template: "release.html",
            segment: Some("releases"),
            section: "releases",
            menu_label: None,
        },
    ),
    (
        KindName::Schedule,
        Kind {
            template: "schedule.html",
            segment: Some("schedule"),
            section: "schedule",
            menu_label: Some("nav-schedule"),
        },
    ),
    (
        KindName::Event,
        Kind {
            template: "event.html",
            segment: Some("events"),
            section: "schedule",
            menu_label: None,
        },
    ),
    (
        KindName::States,
        Kind {
            template: "states.html",
            segment: Some("states"),
            section: "states",
            menu_label: Some("nav-states"),
        },
    ),
    (
        KindName::State,
        Kind {
            template: "state.html",
            segment: Some("states"),
            section: "states",
            menu_label: None,
        },
    ),
    (
        KindName::Search,
        Kind {
            template: "search.html",
            segment: Some("search"),
            section: "search",
            menu_label: None,
        },
    ),
    (
        KindName::SiteMap,
        Kind {
            template: "sitemap.html",
            segment: Some("sitemap"),
            section: "sitemap",
            menu_label: None,
        },
    ),
    (
        KindName::Page,
        Kind {
            template: "page.html",
            segment: None,
            section: "page",
            menu_label: None,
        },
    ),
];

/// The names of [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindName {
    /// The home page.
    Home,
    /// The release list.
    Releases,
    /// One release.
    Release,
    /// The schedule.
    Schedule,
    /// One event.
    Event,
    /// The states index.
    States,
    /// One state.
    State,
    /// The search page.
    Search,
    /// The site map: every part of the site, as a page.
    SiteMap,
    /// A free page.
    Page,
}

/// Pages outside `/<lang>/`, each with its template: the language chooser and the
/// "not found" page.
pub const SITE_PAGES: &[&str] = &["root.html", "404.html"];

/// Names under `/<lang>/` other outputs take: the theme's files, the feed, calendars.
const OTHER_SEGMENTS: &[&str] = &["assets", "feed", "calendar"];

/// The names a free page cannot take: every kind's folder, and the other outputs'.
pub fn reserved_segments() -> Vec<&'static str> {
    let mut names: Vec<&str> = KINDS
        .iter()
        .filter_map(|(_, k)| k.segment)
        .chain(OTHER_SEGMENTS.iter().copied())
        .collect();
    names.dedup();
    names
}

/// Every template a theme must have: each kind's, the site pages', and `base.html`.
pub fn required_templates() -> Vec<&'static str> {
    let mut names: Vec<&str> = std::iter::once("base.html")
        .chain(KINDS.iter().map(|(_, k)| k.template))
        .chain(SITE_PAGES.iter().copied())
        .collect();
    names.dedup();
    names
}

/// The kinds with an item in the menu, in its order: (section, label message, the
/// page it leads to).
pub fn menu() -> impl Iterator<Item = (&'static str, &'static str, PageKey)> {
    KINDS.iter().filter_map(|(name, k)| {
        let target = match name {
            KindName::Home => PageKey::Home,
            KindName::Releases => PageKey::Releases(1),
            KindName::Schedule => PageKey::Schedule,
            KindName::States => PageKey::States,
            _ => return None,
        };
        k.menu_label.map(|l| (k.section, l, target))
    })
}

/// The registry entry of a kind.
pub fn kind(name: KindName) -> &'static Kind {
    KINDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| k)
        .unwrap_or(&KINDS[0].1)
}

/// What a page shows, independent of language: the key that pairs translations.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKey {
    /// `/<lang>/`
    Home,
    /// `/<lang>/releases/` and `/<lang>/releases/page/<n>/` (n from 1).
    Releases(usize),
    /// `/<lang>/releases/<stem>/`
    Release(String),
    /// `/<lang>/events/<id>/`
    Event(String),
    /// `/<lang>/schedule/`
    Schedule,
    /// `/<lang>/states/`
    States,
    /// `/<lang>/states/<code>/`
    State(String),
    /// `/<lang>/search/`
    Search,
    /// `/<lang>/sitemap/`
    SiteMap,
    /// `/<lang>/<stem>/`
    Page(String),
}

impl PageKey {
    /// What kind of page it is.
    pub fn kind(&self) -> &'static Kind {
        kind(match self {
            PageKey::Home => KindName::Home,
            PageKey::Releases(_) => KindName::Releases,
            PageKey::Release(_) => KindName::Release,
            PageKey::Event(_) => KindName::Event,
            PageKey::Schedule => KindName::Schedule,
            PageKey::Search => KindName::Search,
            PageKey::SiteMap => KindName::SiteMap,
            PageKey::States => KindName::States,
            PageKey::State(_) => KindName::State,
            PageKey::Page(_) => KindName::Page,
        })
    }

    /// The output path of this page in `lang`.
    pub fn path(&self, lang: &str) -> String {
        match self {
            PageKey::Home => join(&[lang, "/index.html"]),
            PageKey::Releases(1) => join(&[lang, "/releases/index.html"]),
            PageKey::Releases(n) => format!("{lang}/releases/page/{n}/index.html"),
            PageKey::Release(stem) => join(&[lang, "/releases/", stem, "/index.html"]),
            PageKey::Event(id) => join(&[lang, "/events/", id, "/index.html"]),
            PageKey::Schedule => join(&[lang, "/schedule/index.html"]),
            PageKey::Search => join(&[lang, "/search/index.html"]),
            PageKey::SiteMap => join(&[lang, "/sitemap/index.html"]),
            PageKey::States => join(&[lang, "/states/index.html"]),
            PageKey::State(code) => {
                join(&[lang, "/states/", &code.to_ascii_lowercase(), "/index.html"])
            }
            PageKey::Page(stem) => join(&[lang, "/", stem, "/index.html"]),
        }
    }
}

/// Pieces put together in one allocation: paths and links are made for every link of
/// every page, and `format!` was a measurable part of a large build.
fn join(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The page search engines send a reader to when none of a page's languages is the
/// reader's (`hreflang="x-default"`): for the home pages, the language chooser at the
/// root (which lists them in turn); for any other page, its version in the default
/// language (else its first), since only the home pages have the chooser to match.
pub fn x_default(base_url: &str, default_lang: &str, key: &PageKey, langs: &[String]) -> String {
    if *key == PageKey::Home {
        return absolute(base_url, "index.html");
    }
    let lang = langs
        .iter()
        .find(|l| *l == default_lang)
        .or(langs.first())
        .map_or(default_lang, String::as_str);
    absolute(base_url, &key.path(lang))
}

/// The `.ics` file of one event.
pub fn event_ics(lang: &str, id: &str) -> String {
    format!("{lang}/events/{id}/{id}.ics")
}

/// The `.ics` file of a whole language's schedule.
pub fn schedule_ics(lang: &str) -> String {
    format!("{lang}/schedule/schedule.ics")
}

/// The `.ics` file of one state's events.
pub fn state_ics(lang: &str, code: &str) -> String {
    let code = code.to_ascii_lowercase();
    format!("{lang}/states/{code}/{code}.ics")
}

/// The Atom feed of one state's releases.
pub fn state_feed(lang: &str, code: &str) -> String {
    let code = code.to_ascii_lowercase();
    format!("{lang}/states/{code}/feed.xml")
}

/// The address a calendar app subscribes to (`webcal://`), for a calendar at `path`:
/// the app fetches it again now and then, so a postponement reaches the subscriber.
pub fn webcal(base_url: &str, path: &str) -> String {
    let full = absolute(base_url, path);
    match full.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => full,
    }
}

/// The Atom feed of a language's releases.
pub fn feed(lang: &str) -> String {
    format!("{lang}/feed.xml")
}

/// The prefix that leads from the folder of `from` back to the output root
/// (`hi/releases/x/index.html` → `../../../`).
pub fn root_prefix(from: &str) -> String {
    relative(from, "")
}

/// How many folders deep the file at `from` is.
pub fn depth(from: &str) -> usize {
    from.bytes().filter(|b| *b == b'/').count()
}

/// A link from the page at `from` to the file at `to`, both output-relative. Directory
/// pages are named with their `index.html` so links also work from `file://`.
pub fn relative(from: &str, to: &str) -> String {
    let up = depth(from);
    let mut s = String::with_capacity(up * 3 + to.len());
    for _ in 0..up {
        s.push_str("../");
    }
    s.push_str(to);
    s
}

/// The absolute address of an output path, for canonical links, feeds and sitemaps:
/// `index.html` is dropped, as every static host serves it for the folder.
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    join(&[base_url, "/", path])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_gives_reserved_names_templates_and_the_menu() {
        assert_eq!(
            reserved_segments(),
            [
                "releases", "schedule", "events", "states", "search", "sitemap", "assets", "feed",
                "calendar"
            ]
        );
        let templates = required_templates();
        for t in [
            "base.html",
            "index.html",
            "release.html",
            "page.html",
            "root.html",
            "404.html",
            "search.html",
        ] {
            assert!(templates.contains(&t), "{t}");
        }
        let menu: Vec<_> = menu().map(|(s, l, _)| (s, l)).collect();
        assert_eq!(
            menu,
            [
                ("home", "nav-home"),
                ("releases", "nav-releases"),
                ("schedule", "nav-schedule"),
                ("states", "nav-states")
            ]
        );
        assert_eq!(PageKey::Event("x".into()).kind().section, "schedule");
    }

    #[test]
    fn relative_links_climb_to_the_root() {
        let from = PageKey::Release("x".into()).path("hi");
        assert_eq!(
            relative(&from, &PageKey::Home.path("en")),
            "../../../en/index.html"
        );
        assert_eq!(relative("index.html", "hi/index.html"), "hi/index.html");
        assert_eq!(
            absolute("https://a.in/s", &PageKey::Schedule.path("hi")),
            "https://a.in/s/hi/schedule/"
        );
    }
}
