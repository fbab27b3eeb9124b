//! Machine-read files: the Atom feed of releases, iCalendar files of events, the sitemap
//! with language alternates, and robots.txt. Their formats are fixed by standards, so they
//! are written here rather than by theme templates.

use std::fmt::Write as _;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use crate::content::{EventStatus, When};
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
    lang: &str,
) -> Result<String, String> {
    let base = &site.config.base_url;
    let title = {
        let mut args = fluent::FluentArgs::new();
        args.set("site", site.config.title_in(lang).to_string());
        i18n.message(lang, "feed-title", Some(&args))
            .unwrap_or_default()
    };
    let entries: Vec<(usize, &crate::content::release::ReleaseText)> = site
        .releases
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.text(lang).map(|t| (i, t)))
        .take(50)
        .collect();
    let changed = |t: &crate::content::release::ReleaseText| {
        t.updated.as_ref().unwrap_or(&t.published).at.timestamp()
    };
    let updated = entries
        .iter()
        .map(|(_, t)| changed(t))
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let feed_url = urls::absolute(base, &urls::feed(lang));
    let home_url = urls::absolute(base, &PageKey::Home.path(lang));
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
    );
    let _ = writeln!(out, "  <title>{}</title>", xml_escape(&title));
    let _ = writeln!(out, "  <id>{}</id>", xml_escape(&feed_url));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&feed_url)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&home_url)
    );
    let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(updated));
    let _ = writeln!(
        out,
        "  <author><name>{}</name></author>",
        xml_escape(site.config.title_in(lang))
    );
    for (_, t) in entries {
        let url = urls::absolute(base, &PageKey::Release(t.stem.clone()).path(lang));
        let html = t
            .read_body()
            .map(|body| md.render(&body).html)
            .map_err(|d| d.message)?;
        let summary = t.summary_text();
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}</title>", xml_escape(&t.title));
        let _ = writeln!(out, "    <id>{}</id>", xml_escape(&url));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        );
        let _ = writeln!(
            out,
            "    <published>{}</published>",
            rfc3339(t.published.at.timestamp())
        );
        let _ = writeln!(out, "    <updated>{}</updated>", rfc3339(changed(t)));
        let _ = writeln!(
            out,
            "    <author><name>{}</name></author>",
            xml_escape(&t.ministry)
        );
        let _ = writeln!(out, "    <summary>{}</summary>", xml_escape(summary));
        let _ = writeln!(
            out,
            "    <content type=\"html\">{}</content>",
            xml_escape(&html)
        );
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(out)
}

/// An iCalendar file around `events`, each a VEVENT made by [`vevent`].
pub fn calendar<'e>(
    site: &Site,
    lang: &str,
    cal_name: &str,
    events: impl Iterator<Item = &'e str>,
) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold_line(&mut out, &s);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//samvad//{}//{}",
        site.config.base_url,
        lang.to_uppercase()
    ));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", ics_text(cal_name)));
    line(format!("X-WR-TIMEZONE:{}", site.config.time_zone_name));
    for e in events {
        out.push_str(e);
    }
    fold_line(&mut out, "END:VCALENDAR");
    out
}

/// The VEVENT of the event at `index` in `lang`, folded and CRLF-ended; None when its day
/// is not known. Made once and shared by the event's own, its state's and the schedule's
/// calendars.
pub fn vevent(site: &Site, lang: &str, index: usize) -> Option<String> {
    let mut out = String::new();
    let mut line = |s: String| fold_line(&mut out, &s);
    let stamp = site.now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let event = &site.events[index];
    let When::Dated {
        start,
        end,
        time,
        end_time,
    } = &event.when
    else {
        return None;
    };
    let dl = &site.config.default_language;
    line("BEGIN:VEVENT".into());
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("samvad")
        .split('/')
        .next()
        .unwrap_or("samvad")
        .to_string();
    line(format!("UID:{}@{}", event.id, host));
    line(format!("DTSTAMP:{stamp}"));
    match time {
        Some(t) => {
            let begin = utc(site, *start, *t);
            line(format!("DTSTART:{begin}"));
            let last = end.unwrap_or(*start);
            match end_time {
                Some(et) => line(format!("DTEND:{}", utc(site, last, *et))),
                // No end time on a multi-day event: it ends with its last day. DTEND
                // must have DTSTART's value type (RFC 5545 3.8.2.2), so a date-time.
                None if end.is_some() => line(format!(
                    "DTEND:{}",
                    utc(site, next_day(last), jiff::civil::Time::midnight())
                )),
                // No end time is known: no end is invented (the event is a moment).
                None => {}
            }
        }
        None => {
            line(format!("DTSTART;VALUE=DATE:{}", ymd(*start)));
            line(format!(
                "DTEND;VALUE=DATE:{}",
                ymd(next_day(end.unwrap_or(*start)))
            ));
        }
    }
    line(format!("SUMMARY:{}", ics_text(event.title.get(lang, dl))));
    let state = site
        .states
        .get(&event.state)
        .map(|r| r.name(lang).to_string())
        .unwrap_or_default();
    let place: Vec<String> = [
        event.venue.as_ref().map(|v| v.get(lang, dl).to_string()),
        event.city.as_ref().map(|c| c.get(lang, dl).to_string()),
        Some(state),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    line(format!("LOCATION:{}", ics_text(&place.join(", "))));
    if let Some(d) = &event.description {
        line(format!("DESCRIPTION:{}", ics_text(d.get(lang, dl))));
    }
    line(format!(
        "URL:{}",
        urls::absolute(
            &site.config.base_url,
            &PageKey::Event(event.id.clone()).path(lang)
        )
    ));
    let status = match event.status {
        EventStatus::Scheduled => "CONFIRMED",
        EventStatus::Tentative | EventStatus::Postponed => "TENTATIVE",
        EventStatus::Cancelled => "CANCELLED",
    };
    line(format!("STATUS:{status}"));
    line("END:VEVENT".into());
    Some(out)
}

fn next_day(d: Date) -> Date {
    d.checked_add(1.day()).unwrap_or(d)
}

fn ymd(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

fn utc(site: &Site, date: Date, time: jiff::civil::Time) -> String {
    date.to_datetime(time)
        .to_zoned(site.config.time_zone.clone())
        .map(|z| z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_else(|_| ymd(date))
}

/// Escapes iCalendar TEXT (RFC 5545 §3.3.11). Every line end, a lone carriage return
/// too, becomes `\n` (a raw one would end the property, and lenient readers take a lone
/// CR as a line end: a description could add properties), and other control characters,
/// which TEXT does not allow, are dropped.
fn ics_text(s: &str) -> String {
    // C2 leads the C1 controls (and other Latin-1 characters, which the loop keeps).
    let special = |b: u8| b < 0x20 || matches!(b, b'\\' | b';' | b',' | 0x7F | 0xC2);
    if !s.bytes().any(special) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets (never inside a UTF-8 sequence), CRLF-ended.
fn fold_line(out: &mut String, line: &str) {
    // Pieces of at most 75 octets (74 after a fold, for the leading space), each ending
    // on a character boundary, copied whole.
    let mut rest = line;
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// The sitemap protocol's limit of addresses in one file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap.xml`: every HTML page, with `hreflang` alternates for its translations. Past
/// the protocol's 50,000 addresses the pages go into `sitemap-N.xml` files and
/// `sitemap.xml` becomes their index. Returns (output path, contents).
pub fn sitemaps(
    base: &str,
    pages: &[(PageKey, Vec<String>)],
    limit: usize,
) -> Vec<(String, String)> {
    let entries: Vec<(&PageKey, &String, &Vec<String>)> = pages
        .iter()
        .flat_map(|(key, langs)| langs.iter().map(move |lang| (key, lang, langs)))
        .collect();
    let chunks: Vec<&[(&PageKey, &String, &Vec<String>)]> = entries.chunks(limit.max(1)).collect();
    let urlset = |chunk: &[(&PageKey, &String, &Vec<String>)]| {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for (key, lang, langs) in chunk {
            let _ = writeln!(
                out,
                "  <url>\n    <loc>{}</loc>",
                xml_escape(&urls::absolute(base, &key.path(lang)))
            );
            if langs.len() > 1 {
                for other in langs.iter() {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                        xml_escape(&urls::absolute(base, &key.path(other)))
                    );
                }
            }
            out.push_str("  </url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if chunks.len() <= 1 {
        return vec![(
            "sitemap.xml".into(),
            urlset(chunks.first().copied().unwrap_or(&[])),
        )];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in chunks.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml_escape(&urls::absolute(base, &name))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
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
    fn long_lines_fold_on_character_boundaries() {
        let mut out = String::new();
        fold_line(&mut out, &format!("SUMMARY:{}", "मध्य प्रदेश ".repeat(10)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.starts_with("SUMMARY:मध्य"));
        // The same folds as counting octets character by character.
        let by_chars = |line: &str| {
            let mut out = String::new();
            let mut count = 0;
            for c in line.chars() {
                if count + c.len_utf8() > 75 {
                    out.push_str("\r\n ");
                    count = 1;
                }
                out.push(c);
                count += c.len_utf8();
            }
            out + "\r\n"
        };
        for n in 0..200 {
            let line: String = "aक€😀".chars().cycle().skip(n % 4).take(n).collect();
            let mut out = String::new();
            fold_line(&mut out, &line);
            assert_eq!(out, by_chars(&line), "{line}");
        }
    }

    #[test]
    fn a_large_sitemap_is_split_under_an_index() {
        let pages: Vec<(PageKey, Vec<String>)> = (0..5)
            .map(|i| {
                (
                    PageKey::Release(format!("r{i}")),
                    vec!["hi".into(), "en".into()],
                )
            })
            .collect();
        let one = sitemaps("https://a.in", &pages, 100);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.matches("<url>").count(), 10);
        let split = sitemaps("https://a.in", &pages, 4);
        let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let total: usize = split.iter().map(|(_, x)| x.matches("<url>").count()).sum();
        assert_eq!(total, 10);
        assert!(split[3].1.contains("<loc>https://a.in/sitemap-3.xml</loc>"));
        assert!(split[3].1.starts_with("<?xml") && split[3].1.contains("<sitemapindex"));
    }

    #[test]
    fn ics_text_is_escaped() {
        assert_eq!(ics_text("a, b; c\nd"), "a\\, b\\; c\\nd");
        // A lone CR cannot start a new property.
        assert_eq!(
            ics_text("x\rATTENDEE:mailto:a@b\r\nDTSTART:1\u{7}"),
            "x\\nATTENDEE:mailto:a@b\\nDTSTART:1"
        );
        assert_eq!(ics_text("a\\b"), "a\\\\b");
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
