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

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
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
    let bad = || {
        format!("`{t}` is not a date and time; write `2025-11-26` or `2025-11-26T15:47:00+05:30`")
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
    fn now_accepts_epoch_seconds() {
        let ts = parse_now("1764322200", &ist()).unwrap();
        assert_eq!(ts.as_second(), 1764322200);
    }
}
