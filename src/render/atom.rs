//! The Atom feed of a language's releases, and XML escaping (for the sitemap too).

use std::fmt::Write as _;

use jiff::Timestamp;

use crate::content::release::ReleaseText;
use crate::i18n::I18n;
use crate::site::Site;
use crate::site::urls::{self, PageKey};

/// Escapes text for XML content and attributes. A character XML 1.0 does not allow (a
/// C0 control, U+FFFE, U+FFFF) becomes U+FFFD: content is cleaned when it is read, and
/// this keeps a feed well-formed whatever reaches it.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    // The characters to escape are ASCII (or start with EF), so the text between them is
    // copied in runs, found with a table (a feed escapes whole release bodies).
    let b = s.as_bytes();
    let mut copied = 0;
    for (i, &byte) in b.iter().enumerate() {
        if XML_SPECIAL[byte as usize] == 0 || i < copied {
            continue;
        }
        let (entity, len) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // U+FFFE and U+FFFF; any other character starting with EF is kept.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                ("\u{FFFD}", 3)
            }
            0xEF => continue,
            _ => ("\u{FFFD}", 1),
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + len;
    }
    out.push_str(&s[copied..]);
    out
}

/// The bytes [`xml_escape`] looks at: the five escaped, the C0 controls XML forbids
/// (all but tab, line feed and carriage return), and EF (U+FFFE and U+FFFF start so).
/// How many of the newest releases a feed holds.
pub(crate) const FEED_ENTRIES: usize = 50;

const XML_SPECIAL: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = 0;
    t[b'\r' as usize] = 0;
    t[b'&' as usize] = 1;
    t[b'<' as usize] = 1;
    t[b'>' as usize] = 1;
    t[b'"' as usize] = 1;
    t[b'\'' as usize] = 1;
    t[0xEF] = 1;
    t
};

fn rfc3339(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The Atom feed of releases in `lang` (newest 50), with full content.
pub fn atom(
    site: &Site,
    i18n: &I18n,
    md: &crate::markdown::Markdown,
    bodies: &super::Bodies,
    lang: &str,
) -> Result<String, String> {
    let title = message(
        i18n,
        lang,
        "feed-title",
        &[("site", site.config.title_in(lang))],
    );
    let entries: Vec<(usize, &ReleaseText)> = site
        .releases
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.text(lang).map(|t| (i, t)))
        .take(FEED_ENTRIES)
        .collect();
    let head = Head {
        lang,
        title: &title,
        feed: &urls::feed(lang),
        page: &PageKey::Home.path(lang),
    };
    let mut out = head.write(site, &entries);
    for (i, t) in entries {
        let html = t
            .read_body()
            .map(|body| md.render(&body).html)
            .map_err(|d| d.message)?;
        entry(
            &mut out,
            site,
            lang,
            t,
            bodies.first_paragraph(i, lang),
            Some(&html),
        );
    }
    out.push_str("</feed>\n");
    Ok(out)
}

/// The Atom feed of one state's releases in `lang` (newest 50), summaries only: a reader
/// subscribes to hear of new releases, and the release page has the whole text. A state
/// with no releases yet has a feed with no entries, to subscribe to before the first.
pub fn state_atom(
    site: &Site,
    i18n: &I18n,
    bodies: &super::Bodies,
    lang: &str,
    code: &str,
    state: &str,
) -> String {
    let title = message(
        i18n,
        lang,
        "feed-title-state",
        &[("site", site.config.title_in(lang)), ("state", state)],
    );
    let entries: Vec<(usize, &ReleaseText)> = site
        .state_releases
        .get(code)
        .map(|v| v.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|&i| site.releases[i].text(lang).map(|t| (i, t)))
        .take(FEED_ENTRIES)
        .collect();
    let head = Head {
        lang,
        title: &title,
        feed: &urls::state_feed(lang, code),
        page: &PageKey::State(code.to_string()).path(lang),
    };
    let mut out = head.write(site, &entries);
    for (i, t) in entries {
        entry(
            &mut out,
            site,
            lang,
            t,
            bodies.first_paragraph(i, lang),
            None,
        );
    }
    out.push_str("</feed>\n");
    out
}

fn message(i18n: &I18n, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    let mut fa = fluent::FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, v.to_string());
    }
    i18n.message(lang, key, Some(&fa)).unwrap_or_default()
}

fn changed(t: &ReleaseText) -> Timestamp {
    t.updated.as_ref().unwrap_or(&t.published).at.timestamp()
}

/// What a feed says of itself.
struct Head<'a> {
    lang: &'a str,
    title: &'a str,
    /// The feed's output path.
    feed: &'a str,
    /// The page it is the feed of.
    page: &'a str,
}

impl Head<'_> {
    /// The feed's opening and its own elements; `updated` is the newest entry's (the
    /// epoch for a feed with none, so the same content gives the same bytes).
    fn write(&self, site: &Site, entries: &[(usize, &ReleaseText)]) -> String {
        let base = &site.config.base_url;
        let updated = entries
            .iter()
            .map(|(_, t)| changed(t))
            .max()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let feed_url = urls::absolute(base, self.feed);
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        let _ = writeln!(
            out,
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
            self.lang
        );
        let _ = writeln!(out, "  <title>{}</title>", xml_escape(self.title));
        let _ = writeln!(out, "  <id>{}</id>", xml_escape(&feed_url));
        let _ = writeln!(
            out,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            xml_escape(&feed_url)
        );
        let _ = writeln!(
            out,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&urls::absolute(base, self.page))
        );
        let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(updated));
        let _ = writeln!(
            out,
            "  <author><name>{}</name></author>",
            xml_escape(site.config.title_in(self.lang))
        );
        out
    }
}

/// One release's entry; `html` is its whole text, when the feed carries it.
fn entry(
    out: &mut String,
    site: &Site,
    lang: &str,
    t: &ReleaseText,
    first_paragraph: &str,
    html: Option<&str>,
) {
    let url = urls::absolute(
        &site.config.base_url,
        &PageKey::Release(t.stem.clone()).path(lang),
    );
    let summary = t.summary_or(first_paragraph);
    out.push_str("  <entry>\n");
    let _ = writeln!(out, "    <title>{}</title>", xml_escape(&t.title));
    let _ = writeln!(out, "    <id>{}</id>", xml_escape(&url));
    let _ = writeln!(
        out,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&url)
    );
    // In the site's own offset, so a release dated by its day alone (midnight in IST)
    // keeps that day in a reader that shows the date as written.
    let local = |z: &jiff::Zoned| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let _ = writeln!(out, "    <published>{}</published>", local(&t.published.at));
    let _ = writeln!(
        out,
        "    <updated>{}</updated>",
        local(&t.updated.as_ref().unwrap_or(&t.published).at)
    );
    let _ = writeln!(
        out,
        "    <author><name>{}</name></author>",
        xml_escape(&t.ministry)
    );
    let _ = writeln!(out, "    <summary>{}</summary>", xml_escape(summary));
    if let Some(html) = html {
        // The body's links are relative to its page: `xml:base` lets a feed reader
        // resolve them.
        let _ = writeln!(
            out,
            "    <content type=\"html\" xml:base=\"{}\">{}</content>",
            xml_escape(&url),
            xml_escape(html)
        );
    }
    out.push_str("  </entry>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_escapes_the_five_and_keeps_the_rest() {
        assert_eq!(
            xml_escape("<p class=\"x\">क & 'ख'</p>"),
            "&lt;p class=&quot;x&quot;&gt;क &amp; &apos;ख&apos;&lt;/p&gt;"
        );
        assert_eq!(xml_escape(""), "");
        assert_eq!(xml_escape("&"), "&amp;");
        assert_eq!(xml_escape("भारत"), "भारत");
    }

    #[test]
    fn xml_escape_keeps_a_feed_well_formed_whatever_it_is_given() {
        assert_eq!(
            xml_escape("a\u{0}b\u{C}c\td\ne"),
            "a\u{FFFD}b\u{FFFD}c\td\ne"
        );
        assert_eq!(
            xml_escape("x\u{FFFE}y\u{FFFF}z\u{FFFD}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}"
        );
        assert_eq!(xml_escape("भारत\u{EFBF}"), "भारत\u{EFBF}");
    }
}
