//! Dates in words as official releases print them, and Indian digit grouping.

use fluent::{FluentArgs, FluentValue};
use jiff::civil::{Date, Time};

use super::I18n;

impl I18n {
    /// A message that samvad's code needs; load checked it exists.
    fn required(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        self.message(lang, key, args)
            .unwrap_or_else(|_| key.to_string())
    }

    /// (month names and pattern come from the `.ftl` files).
    pub fn format_date(&self, lang: &str, date: Date) -> String {
        let month = self.required(lang, &format!("month-{}", date.month()), None);
        let mut args = FluentArgs::new();
        args.set("day", date.day().to_string());
        args.set("month", month);
        args.set("year", date.year().to_string());
        self.required(lang, "date-format", Some(&args))
    }

    /// A date with its weekday: `शुक्रवार, 28 नवम्बर, 2025`, `Friday, 28 November 2025`
    /// (the days of events, which a reader plans by).
    pub fn format_day(&self, lang: &str, date: Date) -> String {
        let weekday = self.required(
            lang,
            &format!("weekday-{}", date.weekday().to_monday_one_offset()),
            None,
        );
        let mut args = FluentArgs::new();
        args.set("weekday", weekday);
        args.set("date", self.format_date(lang, date));
        self.required(lang, "date-weekday-format", Some(&args))
    }

    /// A month heading: `नवम्बर 2025`.
    pub fn format_month(&self, lang: &str, year: i16, month: i8) -> String {
        let name = self.required(lang, &format!("month-{month}"), None);
        let mut args = FluentArgs::new();
        args.set("month", name);
        args.set("year", year.to_string());
        self.message(lang, "month-year-format", Some(&args))
            .unwrap_or_else(|_| {
                format!(
                    "{} {year}",
                    self.required(lang, &format!("month-{month}"), None)
                )
            })
    }

    /// A time of day: `15:47` with the zone label from the `.ftl` file.
    pub fn format_time(&self, lang: &str, time: Time) -> String {
        let mut args = FluentArgs::new();
        args.set("time", format!("{:02}:{:02}", time.hour(), time.minute()));
        self.required(lang, "time-format", Some(&args))
    }
}

/// Groups digits the Indian way: 12,600; 1,00,000; 1,23,45,678.
pub fn group_indian(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", digits),
    };
    if digits.len() <= 3 {
        return format!("{sign}{digits}");
    }
    let (head, last3) = digits.split_at(digits.len() - 3);
    let mut groups = Vec::new();
    let mut rest = head;
    while rest.len() > 2 {
        let (a, b) = rest.split_at(rest.len() - 2);
        groups.push(b);
        rest = a;
    }
    if !rest.is_empty() {
        groups.push(rest);
    }
    groups.reverse();
    format!("{sign}{},{last3}", groups.join(","))
}

/// Fluent's number formatter has no grouping at all; numbers get Indian grouping here.
pub(super) fn format_value<M>(value: &FluentValue, _memo: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            let text = n.as_string();
            let (int, frac) = match text.split_once('.') {
                Some((i, f)) => (i.to_string(), Some(f.to_string())),
                None => (text.to_string(), None),
            };
            if !int
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let grouped = group_indian(&int);
            Some(match frac {
                Some(f) => format!("{grouped}.{f}"),
                None => grouped,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indian_grouping() {
        assert_eq!(group_indian("0"), "0");
        assert_eq!(group_indian("999"), "999");
        assert_eq!(group_indian("12600"), "12,600");
        assert_eq!(group_indian("100000"), "1,00,000");
        assert_eq!(group_indian("12345678"), "1,23,45,678");
        assert_eq!(group_indian("-1000"), "-1,000");
    }
}
