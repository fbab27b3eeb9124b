//! The filter Markdown streams through: links, images and heading attributes are kept
//! only where they are safe, raw HTML is marked for the sanitiser, table alignment
//! becomes a class, footnotes get ids of their own.

use std::borrow::Cow;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Links, Note, Resolution, SCHEMES};
use crate::diagnostics::Code;
use crate::text::{publishable_value, unpublishable};

/// Passes the parser's events through, filtered (see the module's comment), and notes
/// for the author what it removed.
pub(super) struct Filter<'n, I> {
    pub(super) events: I,
    /// How many events have been taken (a note's place until it is given an offset).
    pub(super) index: usize,
    pub(super) notes: &'n mut Vec<Note>,
    /// Set when the text has raw HTML (then the whole output is sanitised).
    pub(super) raw_html: &'n mut bool,
    pub(super) unsafe_html: bool,
    /// A link or image with an unsafe address is dropped, its text kept: its end too.
    pub(super) drop_link_end: bool,
    pub(super) drop_image_end: bool,
    /// The current table's column alignments, whether its head is open, and the cell.
    pub(super) alignments: Vec<Alignment>,
    pub(super) in_head: bool,
    pub(super) cell: usize,
    /// The author's `{#id}`s met so far (a second of one is given another).
    pub(super) explicit: std::collections::HashSet<String>,
    /// The text has an `&`: only then can an entity write a control character.
    pub(super) entities: bool,
    /// What addresses within the site lead to, where the page is known.
    pub(super) links: Option<&'n dyn Links>,
    /// Inside a link to a document of the site: its format and size, and the link's
    /// text so far (which may state them already).
    pub(super) document: Option<(String, String)>,
    /// The end of a document's link, held back while its format and size go first.
    pub(super) held_end: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Filter<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if std::mem::take(&mut self.held_end) {
            return Some(Event::End(TagEnd::Link));
        }
        loop {
            let event = self.events.next()?;
            let at = self.index;
            self.index += 1;
            let event = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if safe_url(&dest_url) {
                        let dest_url = self.within_site(at, dest_url);
                        self.document = self
                            .links
                            .and_then(|l| l.document(&dest_url))
                            .map(|label| (label, String::new()));
                        Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })
                    } else {
                        self.note(at, Code::LinkUnsafe, format!("the link to `{}` was removed (its text is kept): browsers would run such an address as a program", shown_url(&dest_url)), "link only to web pages (https://…), e-mail (mailto:…), phone numbers (tel:…) or pages of the site");
                        self.drop_link_end = true;
                        continue;
                    }
                }
                Event::End(TagEnd::Link) if self.drop_link_end => {
                    self.drop_link_end = false;
                    continue;
                }
                // A link to a document says its format and size (GIGW), within the
                // link, so a screen reader says them with it; unless its text does.
                Event::End(TagEnd::Link) if self.document.is_some() => {
                    let (label, text) = self.document.take().unwrap_or_default();
                    let format = label.split(',').next().unwrap_or_default();
                    let said = text.to_uppercase();
                    if said.contains(format) && (said.contains("KB") || said.contains("MB")) {
                        Event::End(TagEnd::Link)
                    } else {
                        self.held_end = true;
                        Event::Text(CowStr::from(format!(" ({label})")))
                    }
                }
                Event::Text(t) if self.document.is_some() => {
                    if let Some((_, text)) = &mut self.document {
                        text.push_str(&t);
                    }
                    Event::Text(t)
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if safe_url(&dest_url) {
                        let dest_url = self.within_site(at, dest_url);
                        Event::Start(Tag::Image {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })
                    } else {
                        self.note(at, Code::ImageRemoved, format!("the image `{}` was removed (its description is kept): its address is not a web address or a file of the site", shown_url(&dest_url)), "put the image in the theme's static folder or on a web server, and give its address");
                        self.drop_image_end = true;
                        continue;
                    }
                }
                Event::End(TagEnd::Image) if self.drop_image_end => {
                    self.drop_image_end = false;
                    continue;
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let id = match id {
                        Some(id) if reserved_id(&id) => {
                            self.note(at, Code::Heading, format!("the heading id `{id}` is the site's own (the page's main part, the theme's, or a footnote's), so the heading got another"), "give the heading another id with {#...}");
                            None
                        }
                        Some(id) if !self.explicit.insert(id.to_string()) => {
                            self.note(at, Code::Heading, format!("the heading id `{id}` is given twice in this text, so this heading got another"), "give each heading its own id");
                            None
                        }
                        other => other,
                    };
                    let mut kept = Vec::new();
                    for (name, value) in attrs {
                        if safe_heading_attribute(&name, value.as_deref()) {
                            kept.push((name, value));
                        } else {
                            self.note(at, Code::Heading, format!("the heading attribute `{name}` was removed: a heading may carry an id, classes, `lang` and `dir` only"), "remove it from the {...} after the heading");
                        }
                    }
                    // A body's `#` never competes with the page's own `<h1>`.
                    Event::Start(Tag::Heading {
                        level: demote(level),
                        id,
                        classes,
                        attrs: kept,
                    })
                }
                Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
                Event::Html(ref h) | Event::InlineHtml(ref h) => {
                    if !self.unsafe_html {
                        *self.raw_html = true;
                        for what in raw_html_removals(h) {
                            self.note(at, Code::HtmlRemoved, format!("{what} was removed from the HTML in this text"), "write the text in Markdown; raw HTML is filtered to a safe set unless site.yaml says `unsafe_html: true`");
                        }
                    }
                    event
                }
                Event::Text(t) if self.entities => Event::Text(publishable(t)),
                Event::Code(t) if self.entities => Event::Code(publishable(t)),
                // Alignment as a class: a `style` attribute would need a looser
                // Content-Security-Policy, and the sanitiser removes styles.
                Event::Start(Tag::Table(alignments)) => {
                    self.alignments = alignments;
                    Event::Start(Tag::Table(Vec::new()))
                }
                Event::Start(Tag::TableHead) => {
                    self.in_head = true;
                    self.cell = 0;
                    event
                }
                Event::End(TagEnd::TableHead) => {
                    self.in_head = false;
                    event
                }
                Event::Start(Tag::TableRow) => {
                    self.cell = 0;
                    event
                }
                Event::Start(Tag::TableCell) => {
                    let align = self.alignments.get(self.cell).copied();
                    self.cell += 1;
                    let class = match align {
                        Some(Alignment::Left) => "align-left",
                        Some(Alignment::Center) => "align-center",
                        Some(Alignment::Right) => "align-right",
                        _ => return Some(event),
                    };
                    Event::Html(CowStr::Borrowed(match (self.in_head, class) {
                        (true, "align-left") => "<th class=\"align-left\">",
                        (true, "align-center") => "<th class=\"align-center\">",
                        (true, _) => "<th class=\"align-right\">",
                        (false, "align-left") => "<td class=\"align-left\">",
                        (false, "align-center") => "<td class=\"align-center\">",
                        (false, _) => "<td class=\"align-right\">",
                    }))
                }
                other => other,
            };
            return Some(event);
        }
    }
}

impl<I> Filter<'_, I> {
    /// A note about the event numbered `offset` (made a byte offset later).
    pub(super) fn note(&mut self, offset: usize, code: Code, message: String, hint: &str) {
        self.notes.push(Note {
            offset,
            code,
            message,
            hint: hint.to_string(),
            error: false,
            part: None,
        });
    }

    /// An address within the site, resolved (`@/releases/x`) or checked (`../x/`); one
    /// that leads nowhere is an error for the author.
    fn within_site<'a>(&mut self, at: usize, dest: CowStr<'a>) -> CowStr<'a> {
        let Some(links) = self.links else {
            return dest;
        };
        if !is_within_site(&dest) {
            return dest;
        }
        match links.resolve(&dest) {
            Resolution::Keep => dest,
            Resolution::Replace(to) => CowStr::from(to),
            Resolution::Missing { message, hint } => {
                self.notes.push(Note {
                    offset: at,
                    code: Code::LinkBroken,
                    message,
                    hint,
                    error: true,
                    part: None,
                });
                dest
            }
            Resolution::Part { to, target } => {
                // Whether the part exists is known once every page is rendered.
                self.notes.push(Note {
                    offset: at,
                    code: Code::LinkBroken,
                    message: dest.to_string(),
                    hint: String::new(),
                    error: true,
                    part: Some(target),
                });
                to.map_or(dest, CowStr::from)
            }
        }
    }
}

/// An address without a scheme that names a page or file (not only a `#part` of this
/// page, not `//host/…`).
fn is_within_site(url: &str) -> bool {
    let url = url.trim();
    // `#part` is within the site too: a part of the page itself.
    if url.is_empty() || url.starts_with("//") {
        return false;
    }
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    !url[..end].contains(':')
}

/// Text an entity (`&#12;`) may have written a control character into, made publishable.
fn publishable(t: CowStr<'_>) -> CowStr<'_> {
    match publishable_value(&t) {
        (Cow::Owned(clean), _) => CowStr::from(clean),
        (Cow::Borrowed(_), _) => t,
    }
}

/// An address a link or image may have: one of [`SCHEMES`], or none (a page, file or
/// `#part` of the site). Browsers ignore tabs and line ends anywhere in an address and
/// spaces and control characters before it, and schemes have no case: `JaVa\tscript:`
/// is `javascript:`.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // A colon after a `/`, `?` or `#`, or in a name: a relative address.
        return !scheme.chars().any(|c| unpublishable(c) || c.is_control());
    }
    SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// An address as shown in a message: short, and without what could move the cursor.
fn shown_url(url: &str) -> String {
    let short: String = url.chars().take(60).collect();
    if short.len() < url.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Ids the page itself uses: its main part, the theme's (all in `s-`), and footnotes
/// and their references.
pub(super) fn reserved_id(id: &str) -> bool {
    id == "main" || id.starts_with("s-") || id.starts_with("fn-") || id.starts_with("fnref-")
}

/// A heading attribute that can only say what language or direction the heading is in.
fn safe_heading_attribute(name: &str, value: Option<&str>) -> bool {
    match (name, value) {
        ("lang", Some(v)) => {
            !v.is_empty()
                && v.len() <= 35
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }
        ("dir", Some(v)) => matches!(v, "ltr" | "rtl" | "auto"),
        _ => false,
    }
}

/// The tags the sanitiser keeps: ammonia's safe set without [`DROPPED_TAGS`].
const KEPT_TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// What the sanitiser will take out of a piece of raw HTML, in words, for the author's
/// warning (the sanitiser itself does the removing; this only names it): tags outside
/// its set, event handlers and styles, and addresses with a scheme a link may not have.
fn raw_html_removals(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel + 1;
        let name_end = start
            + html[start..]
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        i = name_end.max(start);
        if name_end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..name_end].to_ascii_lowercase();
        let tag_end = html[name_end..]
            .find('>')
            .map_or(html.len(), |e| name_end + e);
        if !KEPT_TAGS.contains(&name.as_str()) {
            found.push(format!("the tag <{name}>"));
        }
        // Attribute names: words before `=`, outside quoted values.
        let inside = &html[name_end..tag_end];
        let mut quote = None;
        let mut word = String::new();
        for c in inside.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '=' => {
                    let attr = word.to_ascii_lowercase();
                    if attr.starts_with("on")
                        || matches!(attr.as_str(), "style" | "srcdoc" | "formaction")
                    {
                        found.push(format!("the attribute `{attr}` of <{name}>"));
                    }
                    word.clear();
                }
                None if c.is_whitespace() || c == '/' => word.clear(),
                None => word.push(c),
            }
        }
        let lower = inside.to_ascii_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:"] {
            if lower.contains(scheme) {
                found.push(format!("a `{scheme}` address in <{name}>"));
            }
        }
        i = tag_end;
    }
    found.dedup();
    found
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H2,
        HeadingLevel::H3 => HeadingLevel::H3,
        HeadingLevel::H4 => HeadingLevel::H4,
        HeadingLevel::H5 => HeadingLevel::H5,
        HeadingLevel::H6 => HeadingLevel::H6,
    }
}
