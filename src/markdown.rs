//! Markdown to HTML: the one place pulldown-cmark's options are set, heading ids that keep
//! Devanagari, the plain-text first paragraph used when a summary is not written, and
//! the filter that keeps script out of what authors write.
//!
//! Safe by default: what Markdown itself makes is filtered as it streams by (links and
//! images only to web, mail and phone addresses or within the site, heading attributes
//! only `id`, classes, `lang` and `dir`, table alignment as classes, not styles). Raw HTML
//! in a text sends the whole rendered text through ammonia, an HTML sanitiser, which
//! keeps a safe set of tags and attributes (no script, event handlers, styles, frames,
//! forms, `meta` or `base`); texts without raw HTML, almost all of them, never pay for
//! it. A site that trusts its authors may keep raw HTML as written (`unsafe_html`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::text::{publishable_value, unpublishable};

/// The output of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph as plain text (for summaries and meta descriptions).
    pub first_paragraph: String,
    /// What the filter removed or changed, for the author.
    pub notes: Vec<Note>,
}

/// Something the filter removed or changed in a text, at a byte offset of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where, as a byte offset into the Markdown text.
    pub offset: usize,
    /// What was done.
    pub message: String,
    /// What the author can do.
    pub hint: String,
}

/// How Markdown is turned into HTML for one site.
pub struct Markdown {
    /// Raw HTML is kept as written (`unsafe_html: true` in site.yaml).
    unsafe_html: bool,
    cleaner: ammonia::Builder<'static>,
}

impl std::fmt::Debug for Markdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Markdown")
            .field("unsafe_html", &self.unsafe_html)
            .finish()
    }
}

/// Address schemes a link or image may use; an address without one is within the site.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Tags the HTML filter keeps besides ammonia's own safe set.
const EXTRA_TAGS: &[&str] = &[];

/// Tags ammonia keeps by default that Markdown has no use for.
const DROPPED_TAGS: &[&str] = &["area", "map", "acronym", "center", "strike", "tt"];

impl Markdown {
    /// The renderer for a site; `unsafe_html` keeps raw HTML as written.
    pub fn new(unsafe_html: bool) -> Markdown {
        let mut cleaner = ammonia::Builder::default();
        cleaner
            .add_tags(EXTRA_TAGS)
            .rm_tags(DROPPED_TAGS)
            .add_generic_attributes(&["class", "dir", "id"])
            .add_tag_attributes("details", &["open"])
            .add_tag_attributes("th", &["abbr"])
            .url_schemes(SCHEMES.iter().copied().collect())
            .link_rel(None)
            .strip_comments(true)
            // ammonia does not read `cite` as an address.
            .attribute_filter(|_, attr, value| match attr {
                "cite" if !safe_url(value) => None,
                _ => Some(Cow::Borrowed(value)),
            });
        Markdown {
            unsafe_html,
            cleaner,
        }
    }

    /// Renders Markdown. Headings are demoted so a body's `#` never competes with the
    /// page's own `<h1>` (a body `#` becomes `<h2>`).
    pub fn render(&self, markdown: &str) -> Rendered {
        let mut notes = Vec::new();
        let mut raw_html = false;
        let (mut html_out, first_paragraph) = {
            let filtered = Filter {
                events: Parser::new_ext(markdown, options()),
                index: 0,
                notes: &mut notes,
                raw_html: &mut raw_html,
                unsafe_html: self.unsafe_html,
                drop_link_end: false,
                drop_image_end: false,
                alignments: Vec::new(),
                in_head: false,
                cell: 0,
                footnote_refs: HashMap::new(),
                entities: memchr::memchr(b'&', markdown.as_bytes()).is_some(),
            };
            let mut events = HeadingIds::new(filtered, explicit_heading_ids(markdown));
            let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
            html::push_html(&mut html_out, events.by_ref());
            (html_out, events.first_paragraph.text())
        };
        if raw_html && !self.unsafe_html {
            html_out = self.cleaner.clean(&html_out).to_string();
        }
        if !notes.is_empty() {
            // Notes were taken by event; their places come from parsing again with
            // offsets, which only a text with something to report pays for.
            let offsets: Vec<usize> = Parser::new_ext(markdown, options())
                .into_offset_iter()
                .map(|(_, range)| range.start)
                .collect();
            for n in &mut notes {
                n.offset = offsets.get(n.offset).copied().unwrap_or(0);
            }
            notes.sort_by_key(|n| n.offset);
        }
        Rendered {
            html: html_out,
            first_paragraph,
            notes,
        }
    }
}

/// The one place pulldown-cmark's options are set.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Passes the parser's events through, filtered (see the module's comment), and notes
/// for the author what it removed.
struct Filter<'n, I> {
    events: I,
    /// How many events have been taken (a note's place until it is given an offset).
    index: usize,
    notes: &'n mut Vec<Note>,
    /// Set when the text has raw HTML (then the whole output is sanitised).
    raw_html: &'n mut bool,
    unsafe_html: bool,
    /// A link or image with an unsafe address is dropped, its text kept: its end too.
    drop_link_end: bool,
    drop_image_end: bool,
    /// The current table's column alignments, whether its head is open, and the cell.
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    /// How many references to each footnote so far (each gets its own id).
    footnote_refs: HashMap<String, usize>,
    /// The text has an `&`: only then can an entity write a control character.
    entities: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Filter<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
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
                        Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })
                    } else {
                        self.note(at, format!("the link to `{}` was removed (its text is kept): browsers would run such an address as a program", shown_url(&dest_url)), "link only to web pages (https://…), e-mail (mailto:…), phone numbers (tel:…) or pages of the site");
                        self.drop_link_end = true;
                        continue;
                    }
                }
                Event::End(TagEnd::Link) if self.drop_link_end => {
                    self.drop_link_end = false;
                    continue;
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if safe_url(&dest_url) {
                        Event::Start(Tag::Image {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })
                    } else {
                        self.note(at, format!("the image `{}` was removed (its description is kept): its address is not a web address or a file of the site", shown_url(&dest_url)), "put the image in the theme's static folder or on a web server, and give its address");
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
                            self.note(at, format!("the heading id `{id}` is the site's own (the page's main part, or a footnote), so the heading got another"), "give the heading another id with {#...}");
                            None
                        }
                        other => other,
                    };
                    let mut kept = Vec::new();
                    for (name, value) in attrs {
                        if safe_heading_attribute(&name, value.as_deref()) {
                            kept.push((name, value));
                        } else {
                            self.note(at, format!("the heading attribute `{name}` was removed: a heading may carry an id, classes, `lang` and `dir` only"), "remove it from the {...} after the heading");
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
                            self.note(at, format!("{what} was removed from the HTML in this text"), "write the text in Markdown; raw HTML is filtered to a safe set unless site.yaml says `unsafe_html: true`");
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
                // Footnote ids are bare labels; prefix them so they cannot collide with
                // headings, and give each reference to one note its own id.
                Event::FootnoteReference(label) => {
                    let n = self.footnote_refs.entry(label.to_string()).or_insert(0);
                    *n += 1;
                    let label = escape_attr(&label);
                    let id = if *n == 1 {
                        format!("fnref-{label}")
                    } else {
                        format!("fnref-{label}-{n}")
                    };
                    Event::Html(CowStr::from(format!(
                        "<sup class=\"footnote-ref\"><a href=\"#fn-{label}\" id=\"{id}\">{label}</a></sup>"
                    )))
                }
                Event::Start(Tag::FootnoteDefinition(label)) => Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{}\">",
                    escape_attr(&label)
                ))),
                Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
                other => other,
            };
            return Some(event);
        }
    }
}

impl<I> Filter<'_, I> {
    /// A note about the event numbered `offset` (made a byte offset later).
    fn note(&mut self, offset: usize, message: String, hint: &str) {
        self.notes.push(Note {
            offset,
            message,
            hint: hint.to_string(),
        });
    }
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

/// Ids the page itself uses: its main part, and footnotes and their references.
fn reserved_id(id: &str) -> bool {
    id == "main" || id.starts_with("fn-") || id.starts_with("fnref-")
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

/// Passes a document's events through, giving each heading without an id one made from
/// its text, unique within the document, and noting the first paragraph's text on the
/// way. Only a heading's own events are held back (its id goes on its start, and comes
/// from the text after it); the document is never held as a whole list of events.
struct HeadingIds<'a, I> {
    events: I,
    held: VecDeque<Event<'a>>,
    /// How many ids have been made from each heading text so far.
    used: HashMap<String, usize>,
    /// Every id in the document so far, and the author's own (`{#id}`) from the start.
    taken: HashSet<String>,
    first_paragraph: FirstParagraph,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    fn new(events: I, mut explicit: HashSet<String>) -> Self {
        // The page's main part has this id (the skip link goes to it).
        explicit.insert("main".to_string());
        HeadingIds {
            events,
            held: VecDeque::new(),
            used: HashMap::new(),
            taken: explicit,
            first_paragraph: FirstParagraph::default(),
        }
    }

    /// Holds back a heading's events up to its end and returns its start with an id.
    fn heading(&mut self, start: Event<'a>) -> Event<'a> {
        let mut text = String::new();
        for e in self.events.by_ref() {
            self.first_paragraph.see(&e);
            let end = matches!(e, Event::End(TagEnd::Heading(_)));
            if let Event::Text(t) | Event::Code(t) = &e {
                text.push_str(t);
            }
            self.held.push_back(e);
            if end {
                break;
            }
        }
        let mut base = slug(&text);
        if base.is_empty() {
            base = "section".to_string();
        }
        // Footnotes' ids start so; a heading "fn 1" must not take one.
        if reserved_id(&base) && base != "main" {
            base.insert_str(0, "h-");
        }
        // The first free one of `base`, `base-2`, `base-3`…: an author's id or an id made
        // earlier from other text may already have it.
        let n = self.used.entry(base.clone()).or_insert(0);
        let id = loop {
            *n += 1;
            let id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if self.taken.insert(id.clone()) {
                break id;
            }
        };
        match start {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(id)),
                classes,
                attrs,
            }),
            other => other,
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.held.pop_front() {
            return Some(e);
        }
        let e = self.events.next()?;
        self.first_paragraph.see(&e);
        Some(match e {
            Event::Start(Tag::Heading { id: None, .. }) => self.heading(e),
            other => other,
        })
    }
}

/// The ids authors gave headings with `{#id}`. Made ids must not repeat them, wherever in
/// the document they stand; almost no text has one, and only such a text is parsed twice.
fn explicit_heading_ids(markdown: &str) -> HashSet<String> {
    if memchr::memmem::find(markdown.as_bytes(), b"{#").is_none() {
        return HashSet::new();
    }
    Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// The plain text of a document's first paragraph, gathered as its events go by.
#[derive(Default)]
struct FirstParagraph {
    text: String,
    inside: bool,
    done: bool,
}

impl FirstParagraph {
    fn see(&mut self, e: &Event) {
        if self.done {
            return;
        }
        match e {
            Event::Start(Tag::Paragraph) => self.inside = true,
            Event::End(TagEnd::Paragraph) if self.inside => self.done = true,
            Event::Text(t) | Event::Code(t) if self.inside => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.inside => self.text.push(' '),
            _ => {}
        }
    }

    fn text(&self) -> String {
        publishable_value(self.text.trim()).0.into_owned()
    }
}

/// The first paragraph of a Markdown text as plain text, without parsing the whole text:
/// blocks are taken one at a time (up to a blank line) until one is a paragraph.
pub fn first_paragraph(markdown: &str) -> String {
    let mut rest = markdown;
    for _ in 0..20 {
        let trimmed = rest.trim_start_matches(['\n', ' ', '\t']);
        if trimmed.is_empty() {
            break;
        }
        let end = trimmed.find("\n\n").unwrap_or(trimmed.len());
        let block = &trimmed[..end];
        rest = &trimmed[end..];
        let mut first = FirstParagraph::default();
        for e in Parser::new_ext(block, options()) {
            first.see(&e);
            if first.done {
                break;
            }
        }
        let text = first.text();
        if !text.is_empty() {
            return text;
        }
    }
    String::new()
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

/// A URL fragment from heading text: NFC, lower case, letters, digits and Devanagari
/// marks kept, everything else a single hyphen. Keeps Hindi readable in the address bar.
pub fn slug(text: &str) -> String {
    let text = crate::text::nfc_cow(text);
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push = |c: char| {
        if keep_in_slug(c) {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    };
    for c in text.chars() {
        // ASCII and Devanagari (which has no case) skip Unicode's case tables.
        match c as u32 {
            0..=0x7F => push(c.to_ascii_lowercase()),
            0x0900..=0x097F => push(c),
            _ => c.to_lowercase().for_each(&mut push),
        }
    }
    out
}

/// Whether a (lower-case) character stays in a heading id. ASCII and Devanagari, which
/// almost every heading is made of, are decided without Unicode's property tables (those
/// lookups were most of the cost of a heading id).
fn keep_in_slug(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Danda, double danda and the abbreviation sign are punctuation; the rest of the
        // block is letters, digits and marks.
        0x0964 | 0x0965 | 0x0970 => false,
        0x0900..=0x097F => true,
        _ => c.is_alphanumeric() || is_devanagari_mark(c),
    }
}

fn is_devanagari_mark(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963)
}

/// The notes of a text as warnings in the file it comes from: `body` is the Markdown,
/// which starts on line `first_line` of the file.
pub fn notes_as_warnings(
    notes: &[Note],
    file: &std::path::Path,
    body: &str,
    first_line: usize,
) -> Vec<crate::diagnostics::Diagnostic> {
    notes
        .iter()
        .map(|n| {
            let (line, column) = crate::diagnostics::line_col(body, n.offset);
            let mut d = crate::diagnostics::Diagnostic::warning(n.message.clone())
                .in_file(file)
                .at(body, line, column)
                .with_hint(n.hint.clone());
            if let Some(loc) = &mut d.location {
                loc.line += first_line.saturating_sub(1);
            }
            d
        })
        .collect()
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unicode_ids_and_are_demoted() {
        let r = Markdown::new(false)
            .render("# परिचय\n\ntext\n\n## जेम संवाद भोपाल\n\n## जेम संवाद भोपाल\n");
        assert!(r.html.contains("<h2 id=\"परिचय\">परिचय</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"जेम-संवाद-भोपाल\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"जेम-संवाद-भोपाल-2\">"), "{}", r.html);
        assert_eq!(r.first_paragraph, "text");
    }

    #[test]
    fn ids_count_only_made_ones_and_take_all_heading_text() {
        let md = "## Plan {#own}\n\n## Plan\n\nFirst *one*\nline.\n\n### The `GeM` **portal**\n\n## Plan\n";
        let r = Markdown::new(false).render(md);
        assert!(r.html.contains("<h2 id=\"own\">Plan</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"plan\">Plan</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"plan-2\">Plan</h2>"), "{}", r.html);
        // An author's id later in the text, and a made id that another text's made id
        // already has, are not given twice.
        let again = Markdown::new(false)
            .render("## Plan\n\n## Plan\n\n## Plan 2\n\n## Notes {#plan-3}\n\n## Plan\n");
        for id in ["plan", "plan-2", "plan-2-2", "plan-3", "plan-4"] {
            let attr = format!("id=\"{id}\"");
            assert_eq!(
                again.html.matches(&attr).count(),
                1,
                "{attr} in {}",
                again.html
            );
        }
        assert!(r.html.contains("<h3 id=\"the-gem-portal\">"), "{}", r.html);
        assert_eq!(r.first_paragraph, "First one line.");
        assert_eq!(first_paragraph(md), r.first_paragraph);
    }

    #[test]
    fn first_paragraph_skips_headings_and_lists() {
        let md = "## शीर्षक\n\n- a\n- b\n\nपहला *अनुच्छेद* [लिंक](x)\nजारी।\n\nदूसरा।\n";
        assert_eq!(first_paragraph(md), "पहला अनुच्छेद लिंक जारी।");
        assert_eq!(
            first_paragraph(md),
            Markdown::new(false).render(md).first_paragraph
        );
    }

    #[test]
    fn the_quick_slug_test_agrees_with_unicode() {
        for c in ('\0'..='\u{7F}').chain('\u{900}'..='\u{97F}') {
            assert_eq!(
                keep_in_slug(c),
                c.is_alphanumeric() || is_devanagari_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn the_quick_lower_case_agrees_with_unicode() {
        let mixed = "Ünïcode ÀB — GeM संवाद ΣΑΣ İx ǅ 2025";
        let reference: String = mixed.chars().flat_map(char::to_lowercase).collect();
        assert_eq!(slug(mixed), slug(&reference));
        assert_eq!(slug(mixed), "ünïcode-àb-gem-संवाद-σασ-i-x-ǆ-2025");
        for c in ('\0'..='\u{7F}').chain('\u{900}'..='\u{97F}') {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(
                lower,
                c.to_ascii_lowercase().to_string(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    fn safe(md: &str) -> Rendered {
        Markdown::new(false).render(md)
    }

    /// No element, attribute or address that can run script survives, in any form.
    fn assert_inert(html: &str) {
        let lower = html.to_ascii_lowercase();
        for bad in [
            "<script",
            "<iframe",
            "<form",
            "<meta",
            "<base",
            "<object",
            "<embed",
            "<style",
            "<svg",
            "<math",
            "<input",
            "<button",
            "<link",
            "javascript:",
            "vbscript:",
            "data:",
            " on",
            "style=",
            "srcdoc",
            "formaction",
        ] {
            assert!(!lower.contains(bad), "{bad:?} in {html}");
        }
    }

    #[test]
    fn links_and_images_only_go_to_web_mail_phone_or_the_site() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            for md in [
                format!("[click]({url})"),
                format!("![pic]({url})"),
                format!("<{url}>"),
            ] {
                let r = safe(&md);
                assert!(
                    !r.html.to_ascii_lowercase().contains("href=\"java"),
                    "{md}: {}",
                    r.html
                );
                let lower = r.html.to_ascii_lowercase();
                assert!(
                    !lower.contains("javascript:") || !lower.contains("href"),
                    "{md}: {}",
                    r.html
                );
                assert!(
                    !lower.contains("src=\"data") && !lower.contains("href=\"data"),
                    "{md}: {}",
                    r.html
                );
                assert!(
                    !lower.contains("vbscript:") || !lower.contains("href"),
                    "{md}: {}",
                    r.html
                );
            }
            // Where Markdown makes it a link, the link goes and its text stays, with a
            // note at the link (a tab in an address makes it no link at all).
            let r = safe(&format!("Before [click]({url}) after"));
            assert!(!r.html.contains("<a "), "{url}: {}", r.html);
            if r.html.contains("Before click after") {
                assert_eq!(r.notes.len(), 1, "{url}: {:?}", r.notes);
                assert_eq!(r.notes[0].offset, 7, "{url}");
            }
        }
        for url in [
            "https://gem.gov.in/",
            "http://example.in/x?a=1&b=2",
            "mailto:media@example.gov.in",
            "tel:+911123456789",
            "../releases/x/",
            "/hi/",
            "#section",
            "report.pdf",
            "docs/a:b",
            "?q=1",
        ] {
            let r = safe(&format!("[x]({url})"));
            assert!(r.html.contains("<a href="), "{url}: {}", r.html);
            assert!(r.notes.is_empty(), "{url}: {:?}", r.notes);
        }
    }

    #[test]
    fn heading_attributes_cannot_carry_handlers_or_styles() {
        let r =
            safe("## Title {#own onmouseover=alert(1) style=color:red lang=en dir=ltr .note}\n");
        assert!(
            r.html
                .contains("<h2 id=\"own\" class=\"note\" lang=\"en\" dir=\"ltr\">"),
            "{}",
            r.html
        );
        assert_inert(&r.html);
        assert_eq!(r.notes.len(), 2, "{:?}", r.notes);
        assert!(
            r.notes[0].message.contains("`onmouseover`"),
            "{:?}",
            r.notes
        );
        // A lang that is not a language tag goes too.
        let r = safe("## T {lang=\"en onclick=x\"}\n");
        assert!(!r.html.contains("lang="), "{}", r.html);
    }

    #[test]
    fn raw_html_is_sanitised_and_the_author_told_what_went() {
        let payloads = [
            "<script>alert(1)</script>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<form action=\"https://evil.example\"><input name=p><button>Go</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
            "<base href=\"https://evil.example/\">",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JAVA&#x09;SCRIPT:alert(1)\">x</a>",
            "<svg onload=alert(1)><script>alert(1)</script></svg>",
            "<style>body{display:none}</style>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<p style=\"position:fixed\" onclick=\"x()\">text</p>",
            "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
            "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        ];
        for p in payloads {
            for md in [format!("{p}\n\ntext"), format!("Inline {p} text")] {
                let r = safe(&md);
                assert_inert(&r.html);
                // An unclosed element of the payload may take the text in with it.
                if !p.contains("mglyph") {
                    assert!(r.html.contains("text"), "{md}: {}", r.html);
                }
            }
        }
        let r = safe("Hello <script>alert(1)</script> <b onclick=x>world</b>\n");
        assert!(r.html.contains("<b>world</b>"), "{}", r.html);
        let told: Vec<&str> = r.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(told.iter().any(|m| m.contains("<script>")), "{told:?}");
        assert!(told.iter().any(|m| m.contains("`onclick`")), "{told:?}");
        // What is safe stays: language of parts, details, our own footnotes and ids.
        let r = safe(
            "<span lang=\"en\">GeM</span> <details><summary>s</summary>d</details>\n\n## Head\n\na[^1]\n\n[^1]: n\n",
        );
        assert!(
            r.html.contains("<span lang=\"en\">GeM</span>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<details><summary>s</summary>d</details>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"head\">Head</h2>"), "{}", r.html);
        assert!(
            r.html.contains("href=\"#fn-1\" id=\"fnref-1\""),
            "{}",
            r.html
        );
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }

    #[test]
    fn a_site_that_trusts_its_authors_keeps_raw_html() {
        let r = Markdown::new(true).render("<iframe src=\"https://maps.example/x\"></iframe>\n");
        assert!(r.html.contains("<iframe"), "{}", r.html);
        // Markdown's own links are still filtered.
        let r = Markdown::new(true).render("[x](javascript:alert(1))");
        assert!(!r.html.contains("javascript:"), "{}", r.html);
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let r = safe("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(!r.html.contains("style="), "{}", r.html);
        assert!(r.html.contains("<th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th>"), "{}", r.html);
        assert!(
            r.html.contains("<td class=\"align-right\">3</td>"),
            "{}",
            r.html
        );
        let plain = safe("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            plain.html.contains("<th>a</th><th>b</th>"),
            "{}",
            plain.html
        );
    }

    #[test]
    fn every_id_in_a_text_is_unique_and_none_is_the_pages_own() {
        let r = safe(
            "## Main\n\n## fn 1\n\n## T {#fn-2}\n\n## U {#main}\n\nSee[^1] and again[^1] and[^2].\n\n[^1]: one\n[^2]: two\n",
        );
        let ids: Vec<&str> = r
            .html
            .split(" id=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(!ids.contains(&"main"), "{ids:?}");
        for id in &ids {
            assert!(
                !id.starts_with("fn")
                    || r.html.contains(&format!(
                        "href=\"#{}\"",
                        id.trim_start_matches("fnref-").replace("-2", "")
                    ))
                    || id.starts_with("fn-")
                    || id.starts_with("fnref-"),
                "{id}"
            );
        }
        assert!(
            ids.contains(&"fnref-1") && ids.contains(&"fnref-1-2"),
            "{ids:?}"
        );
        assert!(ids.contains(&"h-fn-1"), "{ids:?}");
        assert_eq!(r.notes.len(), 2, "{:?}", r.notes);
    }

    #[test]
    fn an_entity_cannot_write_a_control_character() {
        let r = safe("a&#12;b &#0; `&#7;` &#x1b;[31m\n");
        assert!(!r.html.chars().any(unpublishable), "{:?}", r.html);
        assert!(
            !r.first_paragraph.chars().any(unpublishable),
            "{:?}",
            r.first_paragraph
        );
    }

    #[test]
    fn footnotes_are_prefixed() {
        let r = Markdown::new(false).render("a[^1]\n\n[^1]: note\n");
        assert!(r.html.contains("href=\"#fn-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""), "{}", r.html);
    }
}
