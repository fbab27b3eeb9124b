//! The URL scheme. Output paths are relative to the output folder; ASCII segments are the
//! same in every language, so switching language is a prefix swap.

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
    /// `/<lang>/<stem>/`
    Page(String),
}

impl PageKey {
    /// The output path of this page in `lang`.
    pub fn path(&self, lang: &str) -> String {
        match self {
            PageKey::Home => join(&[lang, "/index.html"]),
            PageKey::Releases(1) => join(&[lang, "/releases/index.html"]),
            PageKey::Releases(n) => format!("{lang}/releases/page/{n}/index.html"),
            PageKey::Release(stem) => join(&[lang, "/releases/", stem, "/index.html"]),
            PageKey::Event(id) => join(&[lang, "/events/", id, "/index.html"]),
            PageKey::Schedule => join(&[lang, "/schedule/index.html"]),
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
