//! Every id a Markdown text gives the page: headings' (made from their text,
//! Devanagari kept), footnotes' and their references', unique in the page and never the
//! page's own; and the first paragraph noted on the way.

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::filter::reserved_id;
use super::{FirstParagraph, PlainText, options};

/// Passes a document's events through and gives every id in it: each heading without
/// one gets an id made from its text, footnotes and references to them get ids of their
/// own, all unique in the page and none the page's own (`main`, or in `s-`, `fn-` and
/// `fnref-`, which the theme and footnotes use). The first paragraph's text is noted
/// on the way. Only a heading's own events are held back (its id goes on its start, and
/// comes from the text after it); the document is never held as a whole list.
///
/// With `mark` set (the text may hold raw HTML), every id it gives starts with
/// [`MARK`], so the sanitiser can tell them from ids in the author's HTML.
pub(super) struct Ids<'a, I> {
    events: I,
    held: VecDeque<Event<'a>>,
    /// How many ids have been made from each heading text so far.
    used: HashMap<String, usize>,
    /// Every id given so far, and from the start the ones reserved for later (the
    /// author's `{#id}`, footnotes' `fn-label`).
    taken: HashSet<String>,
    /// How many times each footnote has been written (a second is given its own id).
    definitions: HashMap<String, usize>,
    mark: bool,
    pub(super) first_paragraph: FirstParagraph,
    /// The whole text, plain (for the search index).
    pub(super) plain: PlainText,
    /// The ids given, without the mark.
    pub(super) given: Vec<String>,
}

/// Put before the ids this code gives, in a text with raw HTML: a noncharacter, which no
/// author's text holds (the text was cleaned of them when it was read).
pub(super) const MARK: char = '\u{FDD0}';

impl<'a, I: Iterator<Item = Event<'a>>> Ids<'a, I> {
    pub(super) fn new(events: I, reserved: Reserved, mark: bool) -> Self {
        let mut taken = reserved.heading_ids;
        // The page's main part has this id (the skip link goes to it).
        taken.insert("main".to_string());
        for label in &reserved.footnotes {
            taken.insert(format!("fn-{label}"));
        }
        Ids {
            events,
            held: VecDeque::new(),
            used: HashMap::new(),
            taken,
            definitions: HashMap::new(),
            mark,
            first_paragraph: FirstParagraph::default(),
            plain: PlainText::default(),
            given: Vec::new(),
        }
    }

    /// The first of `base`, `base-2`, `base-3`… not taken, now taken.
    fn unique(&mut self, base: &str, first: usize) -> String {
        let mut n = first;
        loop {
            let id = if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            };
            if self.taken.insert(id.clone()) {
                return id;
            }
            n += 1;
        }
    }

    /// An id as written into the page (marked when the text may hold raw HTML).
    fn written(&mut self, id: String) -> String {
        self.given.push(id.clone());
        if self.mark { format!("{MARK}{id}") } else { id }
    }

    /// Holds back a heading's events up to its end and returns its start with an id.
    fn heading(&mut self, start: Event<'a>) -> Event<'a> {
        let mut text = String::new();
        for e in self.events.by_ref() {
            self.first_paragraph.see(&e);
            self.plain.see(&e);
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
        // The theme's and footnotes' ids start so; a heading "fn 1" must not take one.
        if reserved_id(&base) && base != "main" {
            base.insert_str(0, "h-");
        }
        // An author's id or an id made earlier from other text may already have it.
        let n = *self.used.get(&base).unwrap_or(&0) + 1;
        let id = self.unique(&base, n);
        self.used.insert(base, n);
        let id = self.written(id);
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

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Ids<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.held.pop_front() {
            return Some(e);
        }
        let e = self.events.next()?;
        self.first_paragraph.see(&e);
        self.plain.see(&e);
        Some(match e {
            Event::Start(Tag::Heading { id: None, .. }) => self.heading(e),
            Event::Start(Tag::Heading {
                level,
                id: Some(id),
                classes,
                attrs,
            }) => {
                // The author's own, already checked to be free (see `Filter`).
                let id = self.written(id.to_string());
                Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                })
            }
            // Footnote ids are prefixed so they cannot collide with headings, and each
            // reference to one note has its own.
            Event::FootnoteReference(label) => {
                let id = self.unique(&format!("fnref-{label}"), 1);
                let id = escape_attr(&self.written(id));
                let shown = escape_attr(&label);
                let target = escape_attr(&format!("fn-{label}"));
                Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{target}\" id=\"{id}\">{shown}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.definitions.entry(label.to_string()).or_insert(0);
                *n += 1;
                let n = *n;
                // The first is the one references lead to; `fn-label` was kept for it.
                let id = if n == 1 {
                    format!("fn-{label}")
                } else {
                    self.unique(&format!("fn-{label}"), n)
                };
                let id = escape_attr(&self.written(id));
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"{id}\">"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
            other => other,
        })
    }
}

/// Ids to keep free from the start: the author's `{#id}`s (wherever in the text they
/// stand) and the footnotes' labels.
#[derive(Debug, Default)]
pub(super) struct Reserved {
    pub(super) heading_ids: HashSet<String>,
    pub(super) footnotes: HashSet<String>,
}

/// The ids authors gave headings with `{#id}`, and the labels of footnotes. Made ids must
/// not repeat them, wherever in the document they stand; almost no text has either, and
/// only such a text is parsed twice.
pub(super) fn reserved_ids(markdown: &str) -> Reserved {
    let b = markdown.as_bytes();
    if memchr::memmem::find(b, b"{#").is_none() && memchr::memmem::find(b, b"[^").is_none() {
        return Reserved::default();
    }
    let mut reserved = Reserved::default();
    for e in Parser::new_ext(markdown, options()) {
        match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) if !reserved_id(&id) => {
                reserved.heading_ids.insert(id.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                reserved.footnotes.insert(label.to_string());
            }
            _ => {}
        }
    }
    reserved
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
pub(super) fn keep_in_slug(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Danda, double danda and the abbreviation sign are punctuation; the rest of the
        // block is letters, digits and marks.
        0x0964 | 0x0965 | 0x0970 => false,
        0x0900..=0x097F => true,
        _ => c.is_alphanumeric() || is_devanagari_mark(c),
    }
}

pub(super) fn is_devanagari_mark(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963)
}
