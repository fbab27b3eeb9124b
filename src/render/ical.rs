//! iCalendar files (RFC 5545) of events: one event's, a state's, the whole schedule's.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::content::{EventStatus, When};
use crate::site::Site;
use crate::site::urls::{self, PageKey};

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
/// calendars. Every value comes from the content, so the same content gives the same
/// bytes on any day. An event over several days with a time each day repeats daily
/// (several VEVENTs instead where the zone's offset changes within it).
/// `separator` joins the venue, city and state of its place.
pub fn vevent(site: &Site, lang: &str, index: usize, separator: &str) -> Option<String> {
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
    // When the event last changed (its `updated`, its newest release), else its first
    // day: a fact of the content, not the moment of the build.
    let changed = site.event_updated(index).unwrap_or(*start);
    let stamp = utc(site, changed, jiff::civil::Time::midnight());
    let page = page_address(site, lang, event);
    let place = place_text(site, lang, event, separator);
    let description = match &event.description {
        Some(d) => format!("{}\n\n{page}", d.get(lang, dl)),
        None => page.clone(),
    };
    let status = match event.status {
        EventStatus::Scheduled => "CONFIRMED",
        EventStatus::Tentative | EventStatus::Postponed => "TENTATIVE",
        EventStatus::Cancelled => "CANCELLED",
    };
    // One occurrence a day: its first, how many, and whether one VEVENT repeating
    // daily says it (in UTC the repetition keeps the offset of the first day).
    let days = match (time, end_time, end) {
        (Some(_), Some(_), Some(last)) if last > start => Some((*last - *start).get_days() + 1),
        _ => None,
    };
    let mut out = String::new();
    let mut one = |uid: String, times: Vec<String>, rrule: Option<String>| {
        let mut line = |s: String| fold_line(&mut out, &s);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{uid}@{host}"));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("LAST-MODIFIED:{stamp}"));
        for t in times {
            line(t);
        }
        if let Some(r) = rrule {
            line(r);
        }
        line(format!("SUMMARY:{}", ics_text(event.title.get(lang, dl))));
        line(format!("LOCATION:{}", ics_text(&place)));
        line(format!("DESCRIPTION:{}", ics_text(&description)));
        line(format!("URL:{page}"));
        line(format!("STATUS:{status}"));
        line("END:VEVENT".into());
    };
    match (time, days) {
        (Some(t), Some(n)) => {
            let et = end_time.unwrap_or(*t);
            let last = end.unwrap_or(*start);
            let day = |d: Date| {
                vec![
                    format!("DTSTART:{}", utc(site, d, *t)),
                    format!("DTEND:{}", utc(site, d, et)),
                ]
            };
            if offset(site, *start, *t) == offset(site, last, *t) {
                one(
                    event.id.clone(),
                    day(*start),
                    Some(format!("RRULE:FREQ=DAILY;COUNT={n}")),
                );
            } else {
                let mut d = *start;
                for i in 1..=n {
                    one(format!("{}-{i}", event.id), day(d), None);
                    d = next_day(d);
                }
            }
        }
        (Some(t), None) => {
            let mut times = vec![format!("DTSTART:{}", utc(site, *start, *t))];
            let last = end.unwrap_or(*start);
            match end_time {
                Some(et) => times.push(format!("DTEND:{}", utc(site, last, *et))),
                // No end time on a multi-day event: it ends with its last day. DTEND
                // must have DTSTART's value type (RFC 5545 3.8.2.2), so a date-time.
                None if end.is_some() => times.push(format!(
                    "DTEND:{}",
                    utc(site, next_day(last), jiff::civil::Time::midnight())
                )),
                // No end time is known: no end is invented (the event is a moment).
                None => {}
            }
            one(event.id.clone(), times, None);
        }
        (None, _) => {
            let times = vec![
                format!("DTSTART;VALUE=DATE:{}", ymd(*start)),
                format!("DTEND;VALUE=DATE:{}", ymd(next_day(end.unwrap_or(*start)))),
            ];
            one(event.id.clone(), times, None);
        }
    }
    Some(out)
}

/// A "add to Google Calendar" address for the event at `index` in `lang` (a plain
/// link: nothing is loaded from Google until the reader follows it); None when its day
/// is not known.
pub fn google_link(site: &Site, lang: &str, index: usize, separator: &str) -> Option<String> {
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
    let last = end.unwrap_or(*start);
    let (dates, recur) = match (time, end_time) {
        (Some(t), Some(et)) if last > *start => (
            format!("{}/{}", utc(site, *start, *t), utc(site, *start, *et)),
            Some(format!(
                "RRULE:FREQ=DAILY;COUNT={}",
                (last - *start).get_days() + 1
            )),
        ),
        (Some(t), Some(et)) => (
            format!("{}/{}", utc(site, *start, *t), utc(site, last, *et)),
            None,
        ),
        // A start time only: an hour is what Google assumes; say the start for both.
        (Some(t), None) => (format!("{0}/{0}", utc(site, *start, *t)), None),
        (None, _) => (format!("{}/{}", ymd(*start), ymd(next_day(last))), None),
    };
    let page = page_address(site, lang, event);
    let place = place_text(site, lang, event, separator);
    let mut q = format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={dates}&ctz={}&location={}&details={}",
        query(event.title.get(lang, dl)),
        query(&site.config.time_zone_name),
        query(&place),
        query(&page),
    );
    if let Some(r) = recur {
        q.push_str("&recur=");
        q.push_str(&query(&r));
    }
    Some(q)
}

/// The event's page, absolute.
fn page_address(site: &Site, lang: &str, event: &crate::content::Event) -> String {
    urls::absolute(
        &site.config.base_url,
        &PageKey::Event(event.id.clone()).path(lang),
    )
}

/// Where the event is: its venue, city and state, joined by `separator`.
fn place_text(site: &Site, lang: &str, event: &crate::content::Event, separator: &str) -> String {
    let dl = &site.config.default_language;
    let state = site
        .states
        .get(&event.state)
        .map(|r| r.name(lang).to_string());
    let parts: Vec<String> = [
        event.venue.as_ref().map(|v| v.get(lang, dl).to_string()),
        event.city.as_ref().map(|c| c.get(lang, dl).to_string()),
        state,
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    parts.join(separator)
}

/// Text as a URL query value: everything but unreserved characters percent-encoded, so
/// no value can add a parameter or leave the attribute it is written in.
pub(super) fn query(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The site's UTC offset at a day and time, in seconds.
fn offset(site: &Site, date: Date, time: jiff::civil::Time) -> Option<i32> {
    date.to_datetime(time)
        .to_zoned(site.config.time_zone.clone())
        .ok()
        .map(|z| z.offset().seconds())
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn ics_text_is_escaped() {
        assert_eq!(ics_text("a, b; c\nd"), "a\\, b\\; c\\nd");
        // A lone CR cannot start a new property.
        assert_eq!(
            ics_text("x\rATTENDEE:mailto:a@b\r\nDTSTART:1\u{7}"),
            "x\\nATTENDEE:mailto:a@b\\nDTSTART:1"
        );
        assert_eq!(ics_text("a\\b"), "a\\\\b");
    }
}
