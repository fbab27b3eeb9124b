//! Reading the dates and times authors write. Printing them in a language is the job of
//! `i18n`, because month names and the pattern live in the Fluent files.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// When a release was published: an instant, and whether the author gave a time of day.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The instant, in the site's time zone.
    pub at: Zoned,
    /// False when the author wrote a date alone (then the time is midnight, and not shown).
    pub has_time: bool,
}

impl Published {
    /// The calendar date in the site's time zone.
    pub fn date(&self) -> Date {
        self.at.date()
    }
}

/// Why a date written with other digits or a 12-hour clock is not read, in words.
fn misread(t: &str) -> Option<String> {
    if t.chars().any(|c| ('\u{0966}'..='\u{096F}').contains(&c)) {
        let latin: String = t
            .chars()
            .map(|c| match c {
                '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
                c => c,
            })
            .collect();
        return Some(format!(
            "`{t}` is written with Devanagari digits; write it with the digits 0-9: `{latin}`"
        ));
    }
    let lower = t.to_ascii_lowercase();
    let (clock, suffix) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim(), 12)
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim(), 0)
    } else {
        return None;
    };
    let (day, time) = clock.split_once([' ', 't'])?;
    let (h, m) = time.trim().split_once(':')?;
    let (h, m): (u8, u8) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    let hour = h % 12 + suffix;
    Some(format!(
        "`{t}` has a 12-hour time; write it on the 24-hour clock: `{} {hour:02}:{m:02}`",
        day.trim()
    ))
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    if let Some(why) = misread(t) {
        return Err(why);
    }
    if t.len() != 10 || t.as_bytes()[4] != b'-' || t.as_bytes()[7] != b'-' {
        return Err(format!("`{t}` is not a date in the form YYYY-MM-DD"));
    }
    t.parse::<Date>()
        .map_err(|_| format!("`{t}` is not a real calendar date"))
}

/// Parses `HH:MM` (24-hour clock).
pub fn parse_time(text: &str) -> Result<Time, String> {
    let t = text.trim();
    let bytes = t.as_bytes();
    let shape_ok = t.len() == 5 && bytes[2] == b':';
    let parsed = if shape_ok {
        match (t[..2].parse::<i8>(), t[3..].parse::<i8>()) {
            (Ok(h), Ok(m)) => Time::new(h, m, 0, 0).ok(),
            _ => None,
        }
    } else {
        None
    };
    parsed.ok_or_else(|| format!("`{t}` is not a time in the form HH:MM (24-hour clock)"))
}

/// Parses a release date: `2025-11-26`, `2025-11-26 15:47`, `2025-11-26T15:47:00`, or with
/// an offset `2025-11-26T15:47:00+05:30`. Without an offset the time is in `tz`.
pub fn parse_published(text: &str, tz: &TimeZone) -> Result<Published, String> {
    let t = text.trim();
    if t.len() == 10 {
        let date = parse_date(t)?;
        let at = date
            .to_zoned(tz.clone())
            .map_err(|e| format!("`{t}`: {e}"))?;
        return Ok(Published {
            at,
            has_time: false,
        });
    }
    if let Some(why) = misread(t) {
        return Err(why);
    }
    let bad = || {
        // Say which part is wrong when the day is right.
        let date_ok = t.get(..10).is_some_and(|d| parse_date(d).is_ok());
        let time = t.get(11..).unwrap_or("");
        let clock: String = time
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let mut parts = clock.split(':').map(|p| p.parse::<u32>().ok());
        match (date_ok, parts.next().flatten(), parts.next().flatten()) {
            (true, Some(h), _) if h > 23 => format!(
                "`{t}` has the time `{clock}`, which is not a time of day (hours go from 00 to 23)"
            ),
            (true, Some(_), Some(m)) if m > 59 => format!(
                "`{t}` has the time `{clock}`, which is not a time of day (minutes go from 00 to 59)"
            ),
            (false, _, _) if t.len() >= 10 => parse_date(&t[..10])
                .err()
                .unwrap_or_else(|| format!("`{t}` is not a date and time")),
            _ => format!("`{t}` is not a date and time"),
        }
    };
    let normalised = t.replacen(' ', "T", 1);
    if let Ok(ts) = normalised.parse::<Timestamp>() {
        return Ok(Published {
            at: ts.to_zoned(tz.clone()),
            has_time: true,
        });
    }
    let dt = normalised.parse::<DateTime>().map_err(|_| bad())?;
    let at = dt.to_zoned(tz.clone()).map_err(|_| bad())?;
    Ok(Published { at, has_time: true })
}

/// Parses the value of `--now` or `SOURCE_DATE_EPOCH`: RFC 3339, a date, or Unix seconds.
pub fn parse_now(text: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = t.parse().map_err(|_| format!("`{t}` is too large"))?;
        return Timestamp::from_second(secs).map_err(|e| e.to_string());
    }
    parse_published(t, tz).map(|p| p.at.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ist() -> TimeZone {
        TimeZone::get("Asia/Kolkata").unwrap()
    }

    #[test]
    fn release_dates_with_and_without_offset() {
        let p = parse_published("2025-11-26T15:47:00+05:30", &ist()).unwrap();
        assert!(p.has_time);
        assert_eq!(p.at.hour(), 15);
        let p = parse_published("2025-11-26 10:15", &ist()).unwrap();
        assert_eq!((p.at.hour(), p.at.minute()), (10, 15));
        let p = parse_published("2025-11-26", &ist()).unwrap();
        assert!(!p.has_time);
        // An instant given in UTC is shown in the site's zone.
        let p = parse_published("2025-11-26T10:17:00Z", &ist()).unwrap();
        assert_eq!((p.at.hour(), p.at.minute()), (15, 47));
    }

    #[test]
    fn bad_values_say_what_to_write() {
        assert!(
            parse_date("2025-02-30")
                .unwrap_err()
                .contains("real calendar")
        );
        assert!(parse_date("28/11/2025").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("9:00").is_err());
        assert_eq!(
            parse_time("09:30").unwrap(),
            Time::new(9, 30, 0, 0).unwrap()
        );
        assert!(parse_published("yesterday", &ist()).is_err());
    }

    #[test]
    fn dates_written_another_way_are_explained() {
        let e = parse_date("२०२५-११-२६").unwrap_err();
        assert!(
            e.contains("Devanagari digits") && e.contains("`2025-11-26`"),
            "{e}"
        );
        let e = parse_published("2025-11-26 3:47 PM", &ist()).unwrap_err();
        assert_eq!(
            e,
            "`2025-11-26 3:47 PM` has a 12-hour time; write it on the 24-hour clock: `2025-11-26 15:47`"
        );
        let e = parse_published("2025-11-26 12:05 am", &ist()).unwrap_err();
        assert!(e.ends_with("`2025-11-26 00:05`"), "{e}");
        let e = parse_published("2025-11-26T25:47:00+05:30", &ist()).unwrap_err();
        assert!(e.contains("`25:47:00`") && e.contains("00 to 23"), "{e}");
        let e = parse_published("2025-11-26T10:61", &ist()).unwrap_err();
        assert!(e.contains("00 to 59"), "{e}");
        let e = parse_published("2025-02-30T10:00", &ist()).unwrap_err();
        assert!(e.contains("real calendar date"), "{e}");
    }

    #[test]
    fn now_accepts_epoch_seconds() {
        let ts = parse_now("1764322200", &ist()).unwrap();
        assert_eq!(ts.as_second(), 1764322200);
    }
}
