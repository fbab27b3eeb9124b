//! What every page has around its own content: the menu, the language switch,
//! `hreflang` alternates, the canonical address, "last updated", and the language
//! choices of the pages that speak every language at once (the root chooser, 404.html).

use serde::Serialize;
use tera::{Context, Value};

use super::views::{Link, ViewCx};
use super::{Renderer, Shared};
use crate::site::urls::{self, PageKey};

impl Renderer<'_> {
    /// One entry per language for the pages that speak every language at once (the
    /// root chooser and 404.html): `text_and_href` gives each language's text and link.
    pub(super) fn language_choices(
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

    pub(super) fn alternates(&self, key: &PageKey, shared: &Shared) -> Vec<Link> {
        let config = &self.site.config;
        let langs: Vec<String> = config
            .languages
            .iter()
            .filter(|l| shared.has(key, l))
            .cloned()
            .collect();
        let mut links: Vec<Link> = langs
            .iter()
            .map(|l| Link {
                href: urls::absolute(&config.base_url, &key.path(l)),
                label: l.clone(),
            })
            .collect();
        if langs.len() > 1 {
            links.push(Link {
                href: urls::x_default(&config.base_url, &config.default_language, key, &langs),
                label: "x-default".to_string(),
            });
        }
        links
    }

    /// The site menu of a page.
    fn nav(&self, cx: &ViewCx, key: &PageKey, nav_key: &str) -> Vec<NavItem> {
        let lang = cx.lang;
        let mut nav: Vec<NavItem> = urls::menu()
            .map(|(section, label, target)| {
                NavItem::new(
                    section,
                    cx.t(label, &[]),
                    cx.href(&target.path(lang)),
                    nav_key,
                )
            })
            .collect();
        // The pages every government site has are linked from the footer; of them, only
        // "about" is in the menu too, where readers look for it.
        let in_footer = |stem: &str| {
            stem != "about"
                && crate::content::page::REQUIRED_PAGES
                    .iter()
                    .any(|(s, _)| *s == stem)
        };
        for p in self
            .site
            .pages
            .iter()
            .filter(|p| p.lang == lang && !in_footer(&p.stem))
        {
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
    pub(super) fn insert_common(
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
        ctx.insert("time_zone", &self.site.config.time_zone_name);
        ctx.insert("root", &urls::root_prefix(path));
        ctx.insert("site_title", site.config.title_in(lang));
        ctx.insert("page_title", title);
        // The `<title>`: the page's and the site's, joined as the language joins them
        // (the `document-title` message, formatted once per language).
        let li = self.language_index(lang);
        let document_title = match li.and_then(|li| shared.title_frames.get(li)) {
            _ if title.is_empty() => site.config.title_in(lang).to_string(),
            Some((before, after)) => [before.as_str(), title, after.as_str()].concat(),
            None => title.to_string(),
        };
        ctx.insert("document_title", &document_title);
        // Links to the pages of the menu, by section, for templates that name one: the
        // same for every page of one language and folder depth.
        let depth = urls::depth(path);
        let links = || {
            let map: std::collections::BTreeMap<&str, String> = urls::menu()
                .map(|(section, _, target)| (section, cx.href(&target.path(lang))))
                .chain([("search", cx.href(&PageKey::Search.path(lang)))])
                .collect();
            Value::from_serializable(&map)
        };
        match li {
            Some(li) if depth < NAV_DEPTHS => {
                let slot = &shared.links[li * NAV_DEPTHS + depth];
                ctx.insert_value("links", slot.get_or_init(links).clone());
            }
            _ => ctx.insert_value("links", links()),
        }
        ctx.insert("description", description);
        ctx.insert("canonical", &urls::absolute(&site.config.base_url, path));
        ctx.insert("alternates", &self.alternates(key, shared));
        let nav_key = key.kind().section;
        ctx.insert("section", nav_key);
        // The menu is the same on every page of one language, depth and section (links
        // are relative), so it is made once for each; a free page marks itself current.
        let section = urls::menu().position(|(s, _, _)| s == nav_key);
        match (self.language_index(lang), section) {
            (Some(li), Some(si)) if depth < NAV_DEPTHS && !matches!(key, PageKey::Page(_)) => {
                let slot = &shared.nav[(li * NAV_DEPTHS + depth) * urls::menu().count() + si];
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
        // How the page looks when shared: its language and the other, a picture.
        ctx.insert("og_locale", &super::share::og_locale(lang));
        let others: Vec<String> = site
            .config
            .languages
            .iter()
            .filter(|l| l.as_str() != lang)
            .map(|l| super::share::og_locale(l))
            .collect();
        ctx.insert("og_locale_alternates", &others);
        ctx.insert(
            "og_type",
            if matches!(key, PageKey::Release(_)) {
                "article"
            } else {
                "website"
            },
        );
        // The theme's picture is of a known size; one a page names may be of any.
        let (image, theme_picture) = super::share::image(site, self.links, key, lang);
        ctx.insert("og_image", &image);
        ctx.insert("og_image_sized", &theme_picture);
        self.official(cx, ctx);
        ctx.insert("last_updated", &cx.updated_words(updated));
        ctx.insert("last_updated_iso", &updated.to_string());
    }
}

/// How deep a page's folder can be for its menu to be kept (deeper pages make theirs).
pub(super) const NAV_DEPTHS: usize = 6;

/// What differs between pages in their `<head>` and footer.
#[derive(Clone, Copy)]
pub(super) struct PageMeta<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub updated: jiff::civil::Date,
}

#[derive(Serialize)]
pub(super) struct Choice {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) title: String,
    pub(super) heading: String,
    pub(super) text: String,
    pub(super) href: String,
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
