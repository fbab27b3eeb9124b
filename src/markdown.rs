//! Markdown to HTML: the one place pulldown-cmark's options are set, heading ids that keep
//! Devanagari, and the plain-text first paragraph used when a summary is not written.

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The output of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph as plain text (for summaries and meta descriptions).
    pub first_paragraph: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown. `demote` shifts headings down so a body's `#` never competes with the
/// page's own `<h1>` (a body `#` becomes `<h2>`).
pub fn render(markdown: &str) -> Rendered {
    let mut events = HeadingIds::new(
        Parser::new_ext(markdown, options()),
        explicit_heading_ids(markdown),
    );
    let out = events.by_ref().map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        // Footnote ids are bare labels; prefix them so they cannot collide with headings.
        Event::FootnoteReference(label) => Event::Html(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{0}\" id=\"fnref-{0}\">{0}</a></sup>",
            escape_attr(&label)
        ))),
        Event::Start(Tag::FootnoteDefinition(label)) => Event::Html(CowStr::from(format!(
            "<div class=\"footnote\" id=\"fn-{}\">",
            escape_attr(&label)
        ))),
        Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
        other => other,
    });
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, out);
    Rendered {
        html: html_out,
        first_paragraph: events.first_paragraph.text(),
    }
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
    fn new(events: I, explicit: HashSet<String>) -> Self {
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
        self.text.trim().to_string()
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
    let text = crate::content::source::nfc_cow(text);
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
        let r = render("# परिचय\n\ntext\n\n## जेम संवाद भोपाल\n\n## जेम संवाद भोपाल\n");
        assert!(r.html.contains("<h2 id=\"परिचय\">परिचय</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"जेम-संवाद-भोपाल\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"जेम-संवाद-भोपाल-2\">"), "{}", r.html);
        assert_eq!(r.first_paragraph, "text");
    }

    #[test]
    fn ids_count_only_made_ones_and_take_all_heading_text() {
        let md = "## Plan {#own}\n\n## Plan\n\nFirst *one*\nline.\n\n### The `GeM` **portal**\n\n## Plan\n";
        let r = render(md);
        assert!(r.html.contains("<h2 id=\"own\">Plan</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"plan\">Plan</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"plan-2\">Plan</h2>"), "{}", r.html);
        // An author's id later in the text, and a made id that another text's made id
        // already has, are not given twice.
        let again = render("## Plan\n\n## Plan\n\n## Plan 2\n\n## Notes {#plan-3}\n\n## Plan\n");
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
        assert_eq!(first_paragraph(md), render(md).first_paragraph);
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

    #[test]
    fn footnotes_are_prefixed() {
        let r = render("a[^1]\n\n[^1]: note\n");
        assert!(r.html.contains("href=\"#fn-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""), "{}", r.html);
    }
}
