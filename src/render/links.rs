//! Links within the site, in what authors write: `@/releases/<stem>`, `@/events/<id>`,
//! `@/states/<code>` and `@/pages/<stem>` (each with an optional `#part`) become the
//! address of that page in the language of the page they are on (or the language it
//! exists in); any other address within the site must lead to a page or file the build
//! writes. One that leads nowhere is an error at its file, line and column.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostics::edit_distance;
use crate::markdown::{Links, PartTarget, Resolution};
use crate::site::Site;
use crate::site::urls::{self, PageKey};

/// Every file a build of the site writes, by output path.
#[derive(Debug, Default)]
pub struct LinkIndex {
    files: HashSet<String>,
    /// The size of each document of the theme's static folder (a PDF…), by output path,
    /// for the format and size its links state.
    sizes: std::collections::HashMap<String, u64>,
    /// The path part of the site's address (`/samvad` for `https://a.in/samvad`).
    base_path: String,
}

impl LinkIndex {
    /// The files of `site`, whose theme's static files are in `static_dir`.
    pub fn new(site: &Site, static_dir: &Path) -> LinkIndex {
        let mut files = HashSet::new();
        let mut sizes = std::collections::HashMap::new();
        for (key, langs) in super::page_keys(site) {
            for lang in &langs {
                files.insert(key.path(lang));
            }
        }
        for lang in &site.config.languages {
            files.insert(urls::feed(lang));
            files.insert(urls::schedule_ics(lang));
            for e in &site.events {
                if matches!(e.when, crate::content::When::Dated { .. }) {
                    files.insert(urls::event_ics(lang, &e.id));
                }
            }
            for code in super::states_with_pages(site) {
                files.insert(urls::state_ics(lang, &code));
                files.insert(urls::state_feed(lang, &code));
            }
        }
        for f in ["index.html", "404.html", "robots.txt", "sitemap.xml"] {
            files.insert(f.to_string());
        }
        let walker = walkdir::WalkDir::new(static_dir)
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || crate::text::names::publishable(&e.file_name().to_string_lossy())
            });
        for entry in walker.filter_map(Result::ok) {
            if entry.file_type().is_file()
                && let Ok(inner) = entry.path().strip_prefix(static_dir)
            {
                let inner = inner.to_string_lossy().replace('\\', "/");
                let path = format!("assets/{inner}");
                let document = inner.rsplit_once('.').is_some_and(|(_, e)| {
                    crate::markdown::DOCUMENTS.contains(&e.to_ascii_lowercase().as_str())
                });
                if document && let Ok(meta) = entry.metadata() {
                    sizes.insert(path.clone(), meta.len());
                }
                files.insert(path);
            }
        }
        LinkIndex {
            files,
            sizes,
            base_path: super::base_path(&site.config.base_url),
        }
    }

    fn has(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// The output path of the picture a release or event names to be shared with,
    /// written `assets/<file>` or `/assets/<file>`; what is wrong, and what to write, when
    /// it is not a picture the build writes.
    pub fn share_image(&self, written: &str) -> Result<String, (String, String)> {
        self.picture(
            written,
            "share picture",
            &["png", "jpg", "jpeg", "webp", "gif"],
        )
    }

    /// The output path of the logo site.yaml names (as [`LinkIndex::share_image`], and
    /// SVG too).
    pub fn logo(&self, written: &str) -> Result<String, (String, String)> {
        self.picture(
            written,
            "logo",
            &["svg", "png", "jpg", "jpeg", "webp", "gif"],
        )
    }

    fn picture(
        &self,
        written: &str,
        what: &str,
        pictures: &[&str],
    ) -> Result<String, (String, String)> {
        // Asked for every page (the logo) and share picture: only a problem pays for words.
        let kinds = || {
            pictures
                .iter()
                .map(|e| e.to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let hint = || {
            let kinds = kinds();
            let mut near: Vec<&str> = self
                .files
                .iter()
                .filter(|f| f.starts_with("assets/") && is_picture(f, pictures))
                .map(String::as_str)
                .collect();
            near.sort_unstable();
            match nearest(written.trim_start_matches('/'), near.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None if !near.is_empty() && near.len() <= 8 => format!(
                    "the pictures of the site are: {}; to add one ({kinds}), put it in the theme's static/ folder",
                    near.join(", ")
                ),
                None => format!(
                    "put the picture ({kinds}) in the theme's static/ folder and write its address as `assets/<its name>`"
                ),
            }
        };
        if written.contains("://") || written.starts_with("//") {
            return Err((
                format!(
                    "the share picture `{written}` is on another site; a shared page's picture must be a file of this site"
                ),
                hint(),
            ));
        }
        let from_root = written.trim_start_matches('/');
        let base = self.base_path.trim_start_matches('/');
        let inner = if base.is_empty() {
            from_root
        } else {
            from_root
                .strip_prefix(base)
                .map_or(from_root, |r| r.trim_start_matches('/'))
        };
        let decoded =
            crate::text::names::percent_decode(inner).unwrap_or_else(|| inner.to_string());
        match normalise(&decoded) {
            Some(path) if self.has(&path) && is_picture(&path, pictures) => Ok(path),
            Some(path) if self.has(&path) => Err((
                format!("the {what} `{written}` is not a picture"),
                format!("give a picture of one of these kinds: {}", kinds()),
            )),
            _ => Err((
                format!("the {what} `{written}` is not a file of the site"),
                hint(),
            )),
        }
    }
}

/// Whether `path` ends in one of the picture endings.
fn is_picture(path: &str, endings: &[&str]) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| endings.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Every release's and event's `image:`, and the logo in site.yaml, checked to be a
/// picture of the site: an error at the field for each that is not.
pub fn check_pictures(
    site: &Site,
    index: &LinkIndex,
    root: &Path,
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Code, Diagnostic};
    let mut problems = Vec::new();
    if let Some(logo) = &site.config.logo
        && let Err((message, hint)) = index.logo(&logo.src)
    {
        problems.push(
            Diagnostic::error(Code::LinkBroken, message)
                .in_file("site.yaml")
                .at_place(
                    logo.at,
                    crate::text::line_of(&root.join("site.yaml"), logo.at.line),
                )
                .with_hint(hint),
        );
    }
    let mut named: Vec<(&Path, &Path, &crate::diagnostics::Located<String>)> = Vec::new();
    for r in &site.releases {
        for t in r.texts.values() {
            if let Some(image) = &t.image {
                named.push((&t.file, &t.source, image));
            }
        }
    }
    for e in &site.events {
        if let Some(image) = &e.image {
            named.push((&e.file, &e.source, image));
        }
    }
    problems.extend(named.into_iter().filter_map(|(file, source, image)| {
        let (message, hint) = index.share_image(&image.value).err()?;
        Some(
            Diagnostic::error(Code::LinkBroken, message)
                .in_file(file)
                .at_place(image.at, crate::text::line_of(source, image.at.line))
                .with_hint(hint),
        )
    }));
    problems
}

/// The links of a text shown on one page.
pub struct PageLinks<'a> {
    pub site: &'a Site,
    pub index: &'a LinkIndex,
    /// The page's language.
    pub lang: &'a str,
    /// The page's output path.
    pub from: &'a str,
}

const BY_NAME_HINT: &str = "to link to a release, event, state or page of the site, write @/releases/<name>, @/events/<id>, @/states/<code> or @/pages/<name>";

impl Links for PageLinks<'_> {
    fn resolve(&self, dest: &str) -> Resolution {
        match dest.strip_prefix("@/") {
            Some(rest) => self.by_name(dest, rest),
            None => self.by_address(dest),
        }
    }

    fn language(&self) -> &str {
        self.lang
    }

    fn document(&self, dest: &str) -> Option<String> {
        // Only the site's own files have a size to give.
        if dest.contains(':') || dest.starts_with("//") {
            return None;
        }
        self.document_label(dest)
    }
}

impl PageLinks<'_> {
    /// `@/<kind>/<name>[#part]`.
    fn by_name(&self, dest: &str, rest: &str) -> Resolution {
        let (name_part, part) = match rest.find('#') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let name_part = name_part.trim_end_matches('/');
        let Some((kind, name)) = name_part.split_once('/') else {
            return missing(
                format!("the link `{dest}` names no page"),
                "write @/releases/<name>, @/events/<id>, @/states/<code> or @/pages/<name>"
                    .to_string(),
            );
        };
        let site = self.site;
        let (key, lang) = match kind {
            "releases" => match site.release_index(name) {
                Some(i) => {
                    let r = &site.releases[i];
                    let lang = if r.texts.contains_key(self.lang) {
                        self.lang.to_string()
                    } else {
                        r.texts.keys().next().cloned().unwrap_or_default()
                    };
                    (PageKey::Release(name.to_string()), lang)
                }
                None => {
                    let near = nearest(name, site.releases.iter().map(|r| r.stem.as_str()));
                    return unknown(dest, "release", "releases", near);
                }
            },
            "events" => match site.event_index(name) {
                Some(_) => (PageKey::Event(name.to_string()), self.lang.to_string()),
                None => {
                    let near = nearest(name, site.events.iter().map(|e| e.id.as_str()));
                    return unknown(dest, "event", "events", near);
                }
            },
            "states" => {
                let code = name.to_ascii_uppercase();
                let key = PageKey::State(code.clone());
                if site.states.get(&code).is_none() {
                    return missing(
                        format!("the link `{dest}` names no state or union territory: there is none with the code `{name}`"),
                        "write the state's code as in the list of states in README.md, e.g. @/states/mp".to_string(),
                    );
                }
                if !self.index.has(&key.path(self.lang)) {
                    return missing(
                        format!(
                            "the link `{dest}` leads to a page the site does not have yet: no event or release concerns `{code}`"
                        ),
                        "link to the states index instead, or add the event or release first"
                            .to_string(),
                    );
                }
                (key, self.lang.to_string())
            }
            "pages" => {
                let lang = if site.page_index(name, self.lang).is_some() {
                    self.lang.to_string()
                } else if let Some(other) = site
                    .config
                    .languages
                    .iter()
                    .find(|l| site.page_index(name, l).is_some())
                {
                    other.clone()
                } else {
                    let near = nearest(name, site.pages.iter().map(|p| p.stem.as_str()));
                    return unknown(dest, "page", "pages", near);
                };
                (PageKey::Page(name.to_string()), lang)
            }
            _ => {
                return missing(
                    format!("the link `{dest}` names `{kind}`, which is not a kind of page"),
                    "write @/releases/<name>, @/events/<id>, @/states/<code> or @/pages/<name>"
                        .to_string(),
                );
            }
        };
        let path = key.path(&lang);
        let to = format!("{}{part}", urls::relative(self.from, &path));
        match part_of(part) {
            Some(id) => Resolution::Part {
                to: Some(to),
                target: PartTarget { page: path, id },
            },
            None => Resolution::Replace(to),
        }
    }

    /// A relative address (`../other/`, `assets/x.pdf`) or one from the site's root
    /// (`/en/schedule/`): it must name a page or file the build writes.
    fn by_address(&self, dest: &str) -> Resolution {
        let path = dest.split(['?', '#']).next().unwrap_or("");
        let part = dest.find('#').and_then(|i| part_of(&dest[i..]));
        if path.is_empty() {
            return match part {
                Some(id) => Resolution::Part {
                    to: None,
                    target: PartTarget {
                        page: self.from.to_string(),
                        id,
                    },
                },
                None => Resolution::Keep,
            };
        }
        let normal = match self.normal_path(dest, path) {
            Ok(n) => n,
            Err(missing) => return missing,
        };
        let found = if normal.is_empty() || normal.ends_with('/') {
            Some(format!("{normal}index.html")).filter(|p| self.index.has(p))
        } else if self.index.has(&normal) {
            Some(normal.clone())
        } else {
            Some(format!("{normal}/index.html")).filter(|p| self.index.has(p))
        };
        if let Some(page) = found {
            // Only a page's parts are known; a PDF's `#page=2` is the reader's business.
            match part {
                Some(id) if page.ends_with(".html") => Resolution::Part {
                    to: None,
                    target: PartTarget { page, id },
                },
                _ => Resolution::Keep,
            }
        } else {
            let hint = match self.near_address(&normal) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("check the address; {BY_NAME_HINT}"),
            };
            missing(
                format!("the link `{dest}` leads to no page or file of the site"),
                hint,
            )
        }
    }
}

impl PageLinks<'_> {
    /// The output path an address within the site (its `path`, without `?` or `#`)
    /// names, from the site's root; what is wrong when it leaves the site.
    fn normal_path(&self, dest: &str, path: &str) -> Result<String, Resolution> {
        let decoded = crate::text::names::percent_decode(path).unwrap_or_else(|| path.to_string());
        let joined = match decoded.strip_prefix('/') {
            Some(from_root) => {
                let base = self.index.base_path.trim_start_matches('/');
                if base.is_empty() {
                    from_root.to_string()
                } else {
                    match from_root.strip_prefix(base) {
                        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                            rest.trim_start_matches('/').to_string()
                        }
                        _ => {
                            return Err(missing(
                                format!(
                                    "the link `{dest}` leads outside the site, whose pages are under {}/",
                                    self.index.base_path
                                ),
                                BY_NAME_HINT.to_string(),
                            ));
                        }
                    }
                }
            }
            None => {
                let folder = self.from.rsplit_once('/').map_or("", |(f, _)| f);
                if folder.is_empty() {
                    decoded.clone()
                } else {
                    format!("{folder}/{decoded}")
                }
            }
        };
        normalise(&joined).ok_or_else(|| {
            missing(
                format!("the link `{dest}` climbs out of the site's folder"),
                BY_NAME_HINT.to_string(),
            )
        })
    }

    /// `PDF, 240 KB` for a document of the site that `dest` leads to.
    fn document_label(&self, dest: &str) -> Option<String> {
        let path = dest.split(['?', '#']).next().unwrap_or("");
        let ending = path.rsplit_once('.')?.1.to_ascii_lowercase();
        if !crate::markdown::DOCUMENTS.contains(&ending.as_str()) {
            return None;
        }
        let normal = self.normal_path(dest, path).ok()?;
        let bytes = *self.index.sizes.get(&normal)?;
        let size = if bytes < 1024 * 1024 {
            format!("{} KB", bytes.div_ceil(1024).max(1))
        } else {
            format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
        };
        Some(format!("{}, {size}", ending.to_ascii_uppercase()))
    }
}

/// The id a `#part` names, decoded; `None` for `#` and `#top`, which lead to the top of
/// any page.
fn part_of(fragment: &str) -> Option<String> {
    let raw = fragment.strip_prefix('#')?;
    let id = crate::text::names::percent_decode(raw).unwrap_or_else(|| raw.to_string());
    (!id.is_empty() && !id.eq_ignore_ascii_case("top")).then_some(id)
}

impl PageLinks<'_> {
    /// The address of the site's page or file nearest to the path `normal` (a typing
    /// slip), from the site's root: only a link to nothing pays for looking.
    fn near_address(&self, normal: &str) -> Option<String> {
        let shown = |f: &str| f.strip_suffix("index.html").unwrap_or(f).to_string();
        let wanted = shown(normal);
        let files: Vec<String> = self.index.files.iter().map(|f| shown(f)).collect();
        let near = nearest(&wanted, files.iter().map(String::as_str))?;
        Some(format!("{}/{near}", self.index.base_path))
    }
}

fn missing(message: String, hint: String) -> Resolution {
    Resolution::Missing { message, hint }
}

fn unknown(dest: &str, what: &str, folder: &str, near: Option<&str>) -> Resolution {
    let hint = match near {
        Some(n) => format!("did you mean @/{folder}/{n}?"),
        None => format!("the name is the file name in content/{folder}/ without its ending"),
    };
    missing(
        format!("the link `{dest}` names no {what} of the site"),
        hint,
    )
}

/// The name closest to `name`, if it is close (a typing slip).
fn nearest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names
        .map(|n| (edit_distance(name, n), n))
        .filter(|(d, _)| *d <= 2.max(name.len() / 5))
        .min()
        .map(|(_, n)| n)
}

/// `a/./b/../c/` as `a/c/`; `None` when `..` climbs above the root.
fn normalise(path: &str) -> Option<String> {
    let trailing = path.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    if trailing && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_within_the_root() {
        assert_eq!(
            normalise("en/releases/a/../b/").as_deref(),
            Some("en/releases/b/")
        );
        assert_eq!(normalise("en/./x.pdf").as_deref(), Some("en/x.pdf"));
        assert_eq!(normalise("en/../../x"), None);
        assert_eq!(normalise("").as_deref(), Some(""));
    }

    #[test]
    fn near_names_are_suggested() {
        let names = ["gem-samvad-outreach", "kreta-samvad-bhopal"];
        assert_eq!(
            nearest("gem-samvad-outrech", names.iter().copied()),
            Some("gem-samvad-outreach")
        );
        assert_eq!(nearest("something-else", names.iter().copied()), None);
    }
}
