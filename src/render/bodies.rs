//! The Markdown of events and pages, rendered once for the whole site (in parallel) and
//! shared by every page that shows it. Release bodies, the bulk of a site, are rendered
//! with their own pages instead (see `pages`), so no site holds them all at once.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Markdown, Rendered};
use crate::site::Site;
use crate::site::urls::PageKey;
use crate::text;

use super::links::{LinkIndex, PageLinks};

/// Markdown rendered once per text, shared by every page that shows it.
#[derive(Debug, Default)]
pub struct Bodies {
    /// Per event (site order), per language: the description.
    pub events: Vec<BTreeMap<String, Rendered>>,
    /// Per free page (site order).
    pub pages: Vec<Rendered>,
    /// Per release (site order), per language: its first paragraph as plain text.
    pub first_paragraphs: Vec<BTreeMap<String, String>>,
}

impl Bodies {
    /// The first paragraph of the release at `index` in `lang` (empty when unknown).
    pub fn first_paragraph(&self, index: usize, lang: &str) -> &str {
        self.first_paragraphs
            .get(index)
            .and_then(|m| m.get(lang))
            .map_or("", String::as_str)
    }
}

/// Renders the Markdown of events and pages once, in parallel, with the notes of what
/// the filter removed as warnings. Release bodies, the bulk of a site, are rendered with
/// their own pages instead.
pub fn render_bodies(site: &Site, md: &Markdown, links: &LinkIndex) -> (Bodies, Vec<Diagnostic>) {
    let events: Vec<(BTreeMap<String, Rendered>, Vec<Diagnostic>)> = site
        .events
        .par_iter()
        .map(|e| event_description(site, md, links, e))
        .collect();
    let pages: Vec<Rendered> = site
        .pages
        .par_iter()
        .map(|p| page_body(site, md, links, p))
        .collect();
    let mut warnings = Vec::new();
    for (p, r) in site.pages.iter().zip(&pages) {
        warnings.extend(markdown::notes_as_warnings(
            &r.notes,
            &p.file,
            &p.body,
            p.body_line,
        ));
    }
    let events = events
        .into_iter()
        .map(|(r, w)| {
            warnings.extend(w);
            r
        })
        .collect();
    let first_paragraphs = site.releases.par_iter().map(first_paragraphs).collect();
    (
        Bodies {
            events,
            pages,
            first_paragraphs,
        },
        warnings,
    )
}

/// An event's description in every language of the site, and the notes on it.
fn event_description(
    site: &Site,
    md: &Markdown,
    links: &LinkIndex,
    e: &crate::content::Event,
) -> (BTreeMap<String, Rendered>, Vec<Diagnostic>) {
    let Some(d) = e.description.as_ref() else {
        return Default::default();
    };
    let mut warnings = Vec::new();
    let rendered = d
        .by_lang
        .keys()
        .chain(site.config.languages.iter())
        .map(|lang| {
            let text = d.get(lang, &site.config.default_language);
            let from = PageKey::Event(e.id.clone()).path(lang);
            let page = PageLinks {
                site,
                index: links,
                lang,
                from: &from,
            };
            let r = md.render_linked(text, Some(&page));
            if d.has(lang)
                && !r.notes.is_empty()
                && let Some((loc, line)) = description_place(e, lang)
            {
                warnings.extend(r.notes.iter().filter(|n| n.part.is_none()).map(|n| {
                    let message = format!("in the `{lang}` description: {}", n.message);
                    // A link to nothing stops the build; other notes are warnings.
                    Diagnostic::new(n.severity(), n.code, message)
                        .in_file(&e.file)
                        .at_place(loc, line.clone())
                        .with_hint(n.hint.clone())
                }));
            }
            (lang.clone(), r)
        })
        .collect();
    (rendered, warnings)
}

/// The links to parts of pages in an event's description in `lang` (when it has its own
/// text there), placed at the description.
pub(super) fn event_part_links(
    site: &Site,
    bodies: &Bodies,
    i: usize,
    lang: &str,
) -> Vec<markdown::PendingPart> {
    let e = &site.events[i];
    let (Some(d), Some(r)) = (
        e.description.as_ref(),
        bodies.events.get(i).and_then(|m| m.get(lang)),
    ) else {
        return Vec::new();
    };
    if !d.has(lang) || r.notes.iter().all(|n| n.part.is_none()) {
        return Vec::new();
    }
    let Some((loc, line)) = description_place(e, lang) else {
        return Vec::new();
    };
    markdown::pending_parts(&r.notes, &e.file, "", 1)
        .into_iter()
        .map(|mut p| {
            p.problem = p.problem.at_place(loc, line.clone());
            p.problem.message = format!("in the `{lang}` description: {}", p.problem.message);
            p
        })
        .collect()
}

/// Where an event's description in `lang` is written (its `lang:` line, else the
/// field), and the text of that line.
fn description_place(
    e: &crate::content::Event,
    lang: &str,
) -> Option<(crate::diagnostics::Location, Option<String>)> {
    let at = e.description_loc?;
    // Read again only for a text with something to report.
    let source = std::fs::read_to_string(&e.source).ok();
    let at = source
        .as_deref()
        .and_then(|t| text::key_place(t, (at.line, at.column), lang))
        .map_or(at, |(line, column)| crate::diagnostics::Location {
            line,
            column,
        });
    Some((at, text::line_of(&e.source, at.line)))
}

/// A free page's body, its links resolved for its own page.
fn page_body(site: &Site, md: &Markdown, links: &LinkIndex, p: &crate::content::Page) -> Rendered {
    let from = PageKey::Page(p.stem.clone()).path(&p.lang);
    let page = PageLinks {
        site,
        index: links,
        lang: &p.lang,
        from: &from,
    };
    md.render_linked(&p.body, Some(&page))
}

/// A release's first paragraph as plain text, in each of its languages (its summary
/// when none is written): from the lead kept at load; only a lead whose block was no
/// paragraph after all sends the body to be read again.
fn first_paragraphs(r: &crate::content::Release) -> BTreeMap<String, String> {
    r.texts
        .iter()
        .map(|(lang, t)| {
            let mut first = markdown::first_paragraph(&t.lead);
            if first.is_empty()
                && !t.lead_is_body
                && let Ok(body) = t.read_body()
            {
                first = markdown::first_paragraph(&body);
            }
            (lang.clone(), first)
        })
        .collect()
}

/// Renders again the texts of the releases, events and pages at the given indexes (the
/// site's shape unchanged), and returns the notes on them.
pub fn update_bodies(
    bodies: &mut Bodies,
    site: &Site,
    md: &Markdown,
    links: &LinkIndex,
    releases: &[usize],
    events: &[usize],
    pages: &[usize],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for &i in releases {
        bodies.first_paragraphs[i] = first_paragraphs(&site.releases[i]);
    }
    for &i in events {
        let (rendered, w) = event_description(site, md, links, &site.events[i]);
        bodies.events[i] = rendered;
        warnings.extend(w);
    }
    for &i in pages {
        let p = &site.pages[i];
        let r = page_body(site, md, links, p);
        warnings.extend(markdown::notes_as_warnings(
            &r.notes,
            &p.file,
            &p.body,
            p.body_line,
        ));
        bodies.pages[i] = r;
    }
    warnings
}
