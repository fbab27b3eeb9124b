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

mod access;
mod filter;
mod ids;
pub mod lang;

use std::collections::HashSet;

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::text::publishable_value;
use filter::{Filter, safe_url};
pub use ids::slug;
use ids::{Ids, reserved_ids};

/// The output of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph as plain text (for summaries and meta descriptions).
    pub first_paragraph: String,
    /// The whole text as plain text, a line per block (for the search index).
    pub text: String,
    /// What the filter removed or changed, for the author.
    pub notes: Vec<Note>,
}

/// Something the filter removed or changed in a text, at a byte offset of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where, as a byte offset into the Markdown text.
    pub offset: usize,
    /// The kind of note.
    pub code: crate::diagnostics::Code,
    /// What was done.
    pub message: String,
    /// What the author can do.
    pub hint: String,
    /// It stops the build (a link to nothing), not only a change.
    pub error: bool,
    /// A link to a part of a page, which is a problem only if the page has no such part
    /// (`message` is then the address as written).
    pub part: Option<PartTarget>,
}

/// A part of a page a link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartTarget {
    /// The page's output path (`en/releases/x/index.html`).
    pub page: String,
    /// The part's id, decoded (`%20` as a space).
    pub id: String,
}

/// A link to a part of a page, to be looked for once every page is rendered, and the
/// problem to report if the page has no such part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPart {
    /// What the link leads to.
    pub target: PartTarget,
    /// The error, without its hint (which names the parts the page has).
    pub problem: crate::diagnostics::Diagnostic,
}

impl Note {
    /// An error when it stops the build, else a warning.
    pub fn severity(&self) -> crate::diagnostics::Severity {
        if self.error {
            crate::diagnostics::Severity::Error
        } else {
            crate::diagnostics::Severity::Warning
        }
    }
}

/// What a link or image address within the site leads to, for the page a text is shown
/// on (given by the render phase, which knows the site's pages and files).
pub trait Links: Sync {
    /// Resolves `@/releases/<stem>` and the like, and checks other addresses within
    /// the site.
    fn resolve(&self, dest: &str) -> Resolution;

    /// The language of the page the text is shown on (its runs of the other language's
    /// script are marked, see [`lang`]); none when not known.
    fn language(&self) -> &str {
        ""
    }

    /// For a link to a document of the site (a PDF, a spreadsheet): its format and
    /// size, as the link will say them (`PDF, 240 KB`).
    fn document(&self, _dest: &str) -> Option<String> {
        None
    }
}

pub use access::is_vague;

/// Endings of documents a reader downloads, whose links say their format and size.
pub const DOCUMENTS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "zip", "csv",
];

/// What a link within the site becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// It leads to a page or file: kept as written.
    Keep,
    /// Written by name (`@/…`): this address.
    Replace(String),
    /// It leads to a page, and to a part of it (`#…`) that is looked for once every page
    /// is rendered; `to` replaces the address when it was written by name.
    Part {
        to: Option<String>,
        target: PartTarget,
    },
    /// It leads nowhere: what is wrong and what to write.
    Missing { message: String, hint: String },
}

/// How Markdown is turned into HTML for one site.
#[derive(Debug, Clone, Copy)]
pub struct Markdown {
    /// Raw HTML is kept as written (`unsafe_html: true` in site.yaml).
    unsafe_html: bool,
}

/// Address schemes a link or image may use; an address without one is within the site.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Tags the HTML filter keeps besides ammonia's own safe set.
const EXTRA_TAGS: &[&str] = &[];

/// Tags ammonia keeps by default that Markdown has no use for.
const DROPPED_TAGS: &[&str] = &["area", "map", "acronym", "center", "strike", "tt"];

/// What the sanitiser's filter of attributes knows of a text: the ids this code gave it
/// (marked with [`ids::MARK`]), and the ids met so far.
struct IdFilter {
    given: HashSet<String>,
    seen: HashSet<String>,
}

impl IdFilter {
    /// An `id` in the sanitised text: one this code gave (marked) keeps its value; one
    /// of the author's HTML is kept only if no other element has it and it is none of
    /// the page's own.
    fn id(&mut self, value: &str) -> Option<String> {
        if let Some(ours) = value.strip_prefix(ids::MARK) {
            return self.seen.insert(ours.to_string()).then(|| ours.to_string());
        }
        let free = !filter::reserved_id(value) && !self.given.contains(value);
        (free && self.seen.insert(value.to_string())).then(|| value.to_string())
    }
}

impl Markdown {
    /// The renderer for a site; `unsafe_html` keeps raw HTML as written.
    pub fn new(unsafe_html: bool) -> Markdown {
        Markdown { unsafe_html }
    }

    /// The sanitiser for one text: ammonia's safe set, set up once here, with the ids
    /// the text was given.
    fn clean(&self, html: &str, given: &[String]) -> String {
        let ids = std::sync::Mutex::new(IdFilter {
            given: given.iter().cloned().collect(),
            seen: HashSet::new(),
        });
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
            .attribute_filter(move |_, attr, value| match attr {
                // ammonia does not read `cite` as an address.
                "cite" if !safe_url(value) => None,
                "id" => ids.lock().ok()?.id(value).map(Cow::Owned),
                _ => Some(Cow::Borrowed(value)),
            });
        cleaner.clean(html).to_string()
    }

    /// Renders Markdown. Headings are demoted so a body's `#` never competes with the
    /// page's own `<h1>` (a body `#` becomes `<h2>`).
    pub fn render(&self, markdown: &str) -> Rendered {
        self.render_linked(markdown, None)
    }

    /// [`Markdown::render`] for a text shown on a known page: its links within the site
    /// are resolved and checked by `links`.
    pub fn render_linked(&self, markdown: &str, links: Option<&dyn Links>) -> Rendered {
        let mut notes = Vec::new();
        let mut raw_html = false;
        // A text that may hold raw HTML has its own ids marked, so the sanitiser can
        // tell them from the author's.
        let mark = !self.unsafe_html && memchr::memchr(b'<', markdown.as_bytes()).is_some();
        let (mut html_out, first_paragraph, given, text) = {
            let filtered = Filter {
                events: Parser::new_ext(markdown, options()),
                index: 0,
                notes: &mut notes,
                raw_html: &mut raw_html,
                unsafe_html: self.unsafe_html,
                drop_link_end: false,
                document: None,
                held_end: false,
                drop_image_end: false,
                alignments: Vec::new(),
                in_head: false,
                cell: 0,
                explicit: HashSet::new(),
                entities: memchr::memchr(b'&', markdown.as_bytes()).is_some(),
                links,
            };
            let mut events = Ids::new(access::Access::new(filtered), reserved_ids(markdown), mark);
            let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
            html::push_html(&mut html_out, events.by_ref());
            let given = std::mem::take(&mut events.given);
            let text = std::mem::take(&mut events.plain.0);
            (html_out, events.first_paragraph.text(), given, text)
        };
        if raw_html && !self.unsafe_html {
            html_out = self.clean(&html_out, &given);
        } else if mark {
            html_out = html_out.replace(ids::MARK, "");
        }
        if let Some(links) = links
            && let Cow::Owned(marked) = lang::mark(&html_out, links.language())
        {
            html_out = marked;
        }
        // An entity (`&#12;`) in a link's title, a code block's language or raw HTML can
        // write a character no page may hold; the text was clean, so only such a text
        // is looked at again.
        if memchr::memchr(b'&', markdown.as_bytes()).is_some()
            && let (Cow::Owned(clean), _) = publishable_value(&html_out)
        {
            html_out = clean;
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
            text,
            notes,
        }
    }
}

/// The one place pulldown-cmark's options are set.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The plain text of a document's first paragraph, gathered as its events go by.
#[derive(Default)]
pub(crate) struct FirstParagraph {
    text: String,
    inside: bool,
    done: bool,
}

impl FirstParagraph {
    pub(crate) fn see(&mut self, e: &Event) {
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

    pub(crate) fn text(&self) -> String {
        publishable_value(self.text.trim()).0.into_owned()
    }
}

/// The plain text of a whole document: its words, a space between inline parts and a
/// line between blocks (raw HTML is left out).
#[derive(Default)]
pub(crate) struct PlainText(String);

impl PlainText {
    pub(crate) fn see(&mut self, e: &Event) {
        match e {
            Event::Text(t) | Event::Code(t) => self.0.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.0.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => self.0.push('\n'),
            _ => {}
        }
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

/// The notes of a text as diagnostics (warnings; errors for links to nothing) in the
/// file it comes from: `body` is the Markdown, which starts on line `first_line` of the
/// file. Links to parts of pages are left for [`pending_parts`].
pub fn notes_as_warnings(
    notes: &[Note],
    file: &std::path::Path,
    body: &str,
    first_line: usize,
) -> Vec<crate::diagnostics::Diagnostic> {
    notes
        .iter()
        .filter(|n| n.part.is_none())
        .map(|n| {
            let d = crate::diagnostics::Diagnostic::new(n.severity(), n.code, n.message.clone())
                .with_hint(n.hint.clone());
            placed(d, n, file, body, first_line)
        })
        .collect()
}

/// The links of a text to parts of pages, each with the error to report if its page
/// has no such part (see [`notes_as_warnings`] for the arguments).
pub fn pending_parts(
    notes: &[Note],
    file: &std::path::Path,
    body: &str,
    first_line: usize,
) -> Vec<PendingPart> {
    notes
        .iter()
        .filter_map(|n| {
            let target = n.part.clone()?;
            let written = &n.message;
            let page = if written.starts_with('#') {
                "this page".to_string()
            } else {
                let address = target
                    .page
                    .strip_suffix("index.html")
                    .unwrap_or(&target.page);
                format!("the page /{address}")
            };
            let d = crate::diagnostics::Diagnostic::new(
                n.severity(),
                n.code,
                format!(
                    "the link `{written}` leads to a part `{}` that {page} does not have",
                    target.id
                ),
            );
            Some(PendingPart {
                target,
                problem: placed(d, n, file, body, first_line),
            })
        })
        .collect()
}

/// `d` at the place of note `n` in its file.
fn placed(
    d: crate::diagnostics::Diagnostic,
    n: &Note,
    file: &std::path::Path,
    body: &str,
    first_line: usize,
) -> crate::diagnostics::Diagnostic {
    let (line, column) = crate::diagnostics::line_col(body, n.offset);
    let mut d = d.in_file(file).at(body, line, column);
    if let Some(loc) = &mut d.location {
        loc.line += first_line.saturating_sub(1);
    }
    d
}

#[cfg(test)]
mod tests;
