//! What a Government of India site shows of itself (GIGW 3.0): whose site it is, in the
//! masthead and the footer of every page; the links to the pages every such site has;
//! and the site map, a page listing every part of the site.

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::pages::Parts;
use super::views::{Link, ViewCx};
use crate::diagnostics::Diagnostic;
use crate::site::urls::{self, PageKey};

/// One part of the site map: a heading's link and the pages under it.
#[derive(Serialize)]
struct Section {
    link: Link,
    items: Vec<Link>,
}

impl Renderer<'_> {
    /// Whose site it is, in `cx.lang`, for the masthead and footer: the owner, the logo
    /// (its address from this page and its text), the contact line, the day the content
    /// was last reviewed, the National Portal, and the links to the required pages the
    /// site has in this language, then the site map.
    pub(super) fn official(&self, cx: &ViewCx, ctx: &mut Context) {
        let config = &self.site.config;
        let lang = cx.lang;
        ctx.insert("owner", config.owner_in(lang));
        let logo = config
            .logo
            .as_ref()
            .and_then(|l| Some((self.links.logo(&l.src).ok()?, l)));
        if let Some((path, logo)) = logo {
            ctx.insert("logo_src", &cx.href(&path));
            let alt = logo
                .alt
                .get(lang)
                .or_else(|| logo.alt.get(&config.default_language))
                .cloned()
                .unwrap_or_default();
            ctx.insert("logo_alt", &alt);
        }
        ctx.insert("contact_line", config.contact_in(lang));
        ctx.insert("national_portal", &config.national_portal);
        ctx.insert(
            "reviewed",
            &config
                .reviewed
                .map(|d| cx.updated_words(d))
                .unwrap_or_default(),
        );
        let mut links: Vec<Link> = crate::content::page::REQUIRED_PAGES
            .iter()
            .filter(|(stem, _)| self.site.page_index(stem, lang).is_some())
            .map(|(stem, label)| Link {
                href: cx.href(&PageKey::Page(stem.to_string()).path(lang)),
                label: cx.t(label, &[]),
            })
            .collect();
        links.push(Link {
            href: cx.href(&PageKey::SiteMap.path(lang)),
            label: cx.t("footer-sitemap", &[]),
        });
        ctx.insert("official_links", &links);
    }

    /// The site map: the sections of the menu, each state, search, the free pages of
    /// this language, and the feed and calendar. Single releases and events are reached
    /// from the release list and the schedule (and listed in `sitemap.xml`), so the page
    /// stays short at any size of site.
    pub(super) fn site_map(
        &self,
        cx: &ViewCx,
        ctx: &mut Context,
        parts: &mut Parts,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let lang = cx.lang;
        parts.title = cx.t("sitemap-title", &[]);
        let link = |key: &PageKey, label: String| Link {
            href: cx.href(&key.path(lang)),
            label,
        };
        let mut sections: Vec<Section> = urls::menu()
            .map(|(section, label, target)| {
                let items = match section {
                    "states" => {
                        let mut states: Vec<Link> = super::keys::states_with_pages(site)
                            .into_iter()
                            .map(|code| {
                                let name = cx.state_name(&code);
                                link(&PageKey::State(code), name)
                            })
                            .collect();
                        states.sort_by(|a, b| a.label.cmp(&b.label));
                        states
                    }
                    "schedule" => vec![Link {
                        href: cx.href(&urls::schedule_ics(lang)),
                        label: cx.t("sitemap-schedule-calendar", &[]),
                    }],
                    "releases" => vec![Link {
                        href: cx.href(&urls::feed(lang)),
                        label: cx.t("feed-link", &[]),
                    }],
                    _ => Vec::new(),
                };
                Section {
                    link: link(&target, cx.t(label, &[])),
                    items,
                }
            })
            .collect();
        sections.push(Section {
            link: link(&PageKey::Search, cx.t("search-title", &[])),
            items: Vec::new(),
        });
        // The required pages in the footer's order, then the others by title.
        let mut pages: Vec<(usize, Link)> = site
            .pages
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| {
                let order = crate::content::page::REQUIRED_PAGES
                    .iter()
                    .position(|(stem, _)| *stem == p.stem)
                    .unwrap_or(usize::MAX);
                (order, link(&PageKey::Page(p.stem.clone()), p.title.clone()))
            })
            .collect();
        pages.sort_by(|a, b| (a.0, &a.1.label).cmp(&(b.0, &b.1.label)));
        let pages: Vec<Link> = pages.into_iter().map(|(_, l)| l).collect();
        ctx.insert("sections", &sections);
        ctx.insert("pages", &pages);
        Ok(())
    }
}
