//! What makes a text hard to use with a screen reader, told to its author at the line
//! (GIGW 3.0 and WCAG 2.1): a picture without a description, a link whose text does
//! not say where it leads, a heading that skips a level. Warnings: the text is
//! published as written.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::filter::Filter;
use crate::diagnostics::Code;

/// Link texts that say nothing of where a link leads (WCAG 2.4.4), lower-cased, without
/// their end punctuation.
pub const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "link",
    "this link",
    "यहाँ क्लिक करें",
    "यहां क्लिक करें",
    "यहाँ",
    "यहां",
    "क्लिक करें",
    "और पढ़ें",
];

/// The title that marks a picture as decorative (`![](line.png "decorative")`): it
/// then needs no description, and the title is not shown.
pub const DECORATIVE: &str = "decorative";

/// Whether a link's text, as the reader sees it, is one of [`VAGUE_LINK_TEXTS`].
pub fn is_vague(text: &str) -> bool {
    let words = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let words = words.trim_matches(|c: char| c.is_ascii_punctuation() || c == '।');
    VAGUE_LINK_TEXTS.contains(&words)
}

/// The filter's events, looked at as they pass.
pub(super) struct Access<'n, I> {
    pub(super) inner: Filter<'n, I>,
    /// The link being read: where it starts and its text so far.
    link: Option<(usize, String)>,
    /// The picture being read: where, its description so far, and whether it is
    /// marked decorative.
    image: Option<(usize, String, bool)>,
    /// The level of the heading before (the page's own title is the `h1`).
    level: usize,
}

impl<'n, I> Access<'n, I> {
    pub(super) fn new(inner: Filter<'n, I>) -> Self {
        Access {
            inner,
            link: None,
            image: None,
            level: 1,
        }
    }

    fn warn(&mut self, offset: usize, code: Code, message: String, hint: &str) {
        self.inner.note(offset, code, message, hint);
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Access<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next()?;
        let at = self.inner.index.saturating_sub(1);
        let event = match event {
            Event::Start(Tag::Link { .. }) => {
                self.link = Some((at, String::new()));
                event
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let decorative = title.trim().eq_ignore_ascii_case(DECORATIVE);
                self.image = Some((at, String::new(), decorative));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title: if decorative { CowStr::from("") } else { title },
                    id,
                })
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, text)) = &mut self.link {
                    text.push_str(t);
                }
                if let Some((_, text, _)) = &mut self.image {
                    text.push_str(t);
                }
                event
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, text)) = self.link.take()
                    && is_vague(&text)
                {
                    self.warn(
                        start,
                        Code::LinkTextVague,
                        format!("the link text “{}” does not say where the link leads", text.trim()),
                        "write what the reader finds there as the link's text, e.g. [the schedule of events](...)",
                    );
                }
                event
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, text, decorative)) = self.image.take()
                    && text.trim().is_empty()
                    && !decorative
                {
                    self.warn(
                        start,
                        Code::ImageAltMissing,
                        "the picture has no description for readers who cannot see it".to_string(),
                        "describe it between the brackets, ![what it shows](...), or, if it is decoration only, give it the title \"decorative\": ![](... \"decorative\")",
                    );
                }
                event
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let n = heading_number(level);
                if n > self.level + 1 {
                    self.warn(
                        at,
                        Code::HeadingSkipped,
                        format!(
                            "the heading skips from level {} to level {n}, which leaves a gap in the outline screen reader users move by",
                            self.level
                        ),
                        "use the next level down (## under the page's title, ### under a ##)",
                    );
                }
                self.level = n;
                event
            }
            other => other,
        };
        Some(event)
    }
}

fn heading_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
