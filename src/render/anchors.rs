//! The parts of pages (their `id`s) and the links to them: a link to `#part` of a page
//! is looked up once every page is rendered, in the HTML itself, so every id counts,
//! the theme's as well as a text's headings. A part that is not there is an error at
//! the link.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, edit_distance};
use crate::markdown::PendingPart;

/// The ids of rendered pages and the links to parts of pages in the texts rendered
/// with each page.
#[derive(Debug, Default, Clone)]
pub struct Anchors {
    /// By page output path: its ids, one a line.
    ids: HashMap<String, Box<str>>,
    /// By the output path of the page a text was rendered with: its links to parts.
    links: HashMap<String, Vec<PendingPart>>,
}

/// What rendering one page found: its path, its ids and its texts' links to parts.
#[derive(Debug)]
pub(crate) struct PageParts {
    path: String,
    ids: Box<str>,
    links: Vec<PendingPart>,
}

impl PageParts {
    /// The parts of the page at `path`, rendered as `html`.
    pub(crate) fn of(path: String, html: &[u8], links: Vec<PendingPart>) -> PageParts {
        PageParts {
            path,
            ids: ids_in(html).into_boxed_str(),
            links,
        }
    }
}

impl Anchors {
    /// What rendering a page found (replacing what it was rendered with before).
    pub(crate) fn add(&mut self, page: PageParts) {
        if page.links.is_empty() {
            self.links.remove(&page.path);
        } else {
            self.links.insert(page.path.clone(), page.links);
        }
        self.ids.insert(page.path, page.ids);
    }

    /// Takes in what `other` found: what a page was last rendered with replaces what it
    /// was rendered with before.
    pub fn merge(&mut self, other: Anchors) {
        for (path, ids) in other.ids {
            if !other.links.contains_key(&path) {
                self.links.remove(&path);
            }
            self.ids.insert(path, ids);
        }
        self.links.extend(other.links);
    }

    /// Every link to a part that its page does not have, as errors (in no set order).
    pub fn check(&self) -> Vec<Diagnostic> {
        self.check_with(&Anchors::default())
    }

    /// [`Anchors::check`] as if `newer` were merged in.
    pub fn check_with(&self, newer: &Anchors) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let links = newer.links.iter().chain(
            self.links
                .iter()
                .filter(|(path, _)| !newer.ids.contains_key(*path)),
        );
        for (_, pending) in links {
            for p in pending {
                let Some(ids) = newer
                    .ids
                    .get(&p.target.page)
                    .or_else(|| self.ids.get(&p.target.page))
                else {
                    // A file that is not a rendered page (a feed, the root page): its
                    // parts are not known.
                    continue;
                };
                if ids.lines().any(|id| id == p.target.id) {
                    continue;
                }
                found.push(p.problem.clone().with_hint(hint(&p.target.id, ids)));
            }
        }
        found
    }
}

/// What to write instead of a part that is not there.
fn hint(wanted: &str, ids: &str) -> String {
    let near = ids
        .lines()
        .map(|id| (edit_distance(wanted, id), id))
        .filter(|(d, _)| *d <= 2.max(wanted.chars().count() / 4))
        .min();
    if let Some((_, id)) = near {
        return format!("did you mean `#{id}`?");
    }
    let parts: Vec<&str> = ids.lines().filter(|id| *id != "main").take(8).collect();
    if parts.is_empty() {
        "that page has no parts to link to; link to the page itself".to_string()
    } else {
        format!(
            "a heading's part is named after its text, or by {{#name}} after it; that page has: {}",
            parts
                .iter()
                .map(|p| format!("#{p}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// The values of the `id` attributes in `html`, one a line, as a browser reads them
/// (the entities a serialiser writes in attribute values decoded). The pages are
/// samvad's own output, so every attribute value is in double quotes and a `"` inside
/// one is written `&quot;`.
pub fn ids_in(html: &[u8]) -> String {
    let mut out = String::new();
    for at in memchr::memmem::find_iter(html, b"id=\"") {
        if at == 0 || !html[at - 1].is_ascii_whitespace() {
            continue;
        }
        let start = at + 4;
        let Some(len) = memchr::memchr(b'"', &html[start..]) else {
            break;
        };
        let Ok(raw) = std::str::from_utf8(&html[start..start + len]) else {
            continue;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        if raw.contains('&') {
            out.push_str(&decode_entities(raw));
        } else {
            out.push_str(raw);
        }
    }
    out
}

/// The entities HTML serialisers write in attribute values (`&amp;`, `&#x27;`, …) as
/// the characters they stand for; anything else is kept as written.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let c = match name {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_as_a_browser_reads_them() {
        let html = r##"<main id="main"><h2 id="a&amp;b">x</h2><p data-id="no">
            <span class="x" id="भागीदारी-बढ़ाने">y</span><a href="#x">id="not"</a>"##;
        assert_eq!(ids_in(html.as_bytes()), "main\na&b\nभागीदारी-बढ़ाने");
        assert_eq!(
            decode_entities("a&#x27;b&#47;c&amp;d &x; &"),
            "a'b/c&d &x; &"
        );
    }

    #[test]
    fn near_parts_are_suggested_else_the_parts_are_listed() {
        assert_eq!(hint("reforms", "main\nreform"), "did you mean `#reform`?");
        assert!(hint("zzz", "main\nreform\nnext-steps").ends_with("#reform, #next-steps"));
        assert!(hint("zzz", "main").contains("no parts"));
    }
}
