//! Heading ids made from heading text (Devanagari kept, unique in the page, never the
//! page's own ids), and the first paragraph noted on the way.

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::filter::reserved_id;
use super::{FirstParagraph, options};

/// Passes a document's events through, giving each heading without an id one made from
/// its text, unique within the document, and noting the first paragraph's text on the
/// way. Only a heading's own events are held back (its id goes on its start, and comes
/// from the text after it); the document is never held as a whole list of events.
pub(super) struct HeadingIds<'a, I> {
    events: I,
    held: VecDeque<Event<'a>>,
    /// How many ids have been made from each heading text so far.
    used: HashMap<String, usize>,
    /// Every id in the document so far, and the author's own (`{#id}`) from the start.
    taken: HashSet<String>,
    pub(super) first_paragraph: FirstParagraph,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    pub(super) fn new(events: I, mut explicit: HashSet<String>) -> Self {
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
pub(super) fn explicit_heading_ids(markdown: &str) -> HashSet<String> {
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
