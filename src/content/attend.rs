//! What an attendee needs, beyond when and where: who may attend, how to register, whom
//! to ask, who organises it, and where the venue is on a map. Each is optional; facts
//! (addresses, a phone number, coordinates) are written once, text per language.

use super::Localized;
use crate::diagnostics::{Code, Located};

/// The attendee's facts of an event, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attendance {
    /// Who may attend (`audience`).
    pub audience: Option<Localized>,
    /// Where to register (`register_url`), an http(s) address.
    pub register_url: Option<String>,
    /// How to register (`register`), in words.
    pub register: Option<Localized>,
    /// The organiser (`organiser`).
    pub organiser: Option<Localized>,
    /// Whom to ask (`contact_name`).
    pub contact_name: Option<Localized>,
    /// A phone number as written (`contact_phone`).
    pub contact_phone: Option<String>,
    /// An e-mail address (`contact_email`).
    pub contact_email: Option<String>,
    /// A map of the venue (`map`), an http(s) address.
    pub map_url: Option<String>,
    /// The venue's latitude and longitude (`coordinates: "23.2599, 77.4126"`).
    pub coordinates: Option<(f64, f64)>,
}

impl Attendance {
    /// True when nothing is given.
    pub fn is_empty(&self) -> bool {
        *self == Attendance::default()
    }
}

/// A problem with one of the attendee's fields: where, its code, what, how to fix it.
pub type Problem = ((usize, usize), Code, String, &'static str);

/// An address a reader is sent to: http(s) only, with a host, and nothing a browser
/// would read as another attribute or a program.
pub fn web_address(field: &Located<String>, name: &str) -> Result<String, Problem> {
    let v = field.value.trim();
    let ok = (v.starts_with("https://") || v.starts_with("http://"))
        && v.split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'));
    if ok {
        Ok(v.to_string())
    } else {
        Err((
            field.place(),
            Code::FieldKind,
            format!("`{name}` must be a web address starting with https://"),
            "write the whole address, e.g. https://gem.gov.in/ (copy it from the browser's address bar)",
        ))
    }
}

/// A phone number: digits, spaces, `+`, `-` and brackets, with 6 to 15 digits.
pub fn phone(field: &Located<String>) -> Result<String, Problem> {
    let v = field.value.trim();
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if (6..=15).contains(&digits)
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'))
    {
        Ok(v.to_string())
    } else {
        Err((
            field.place(),
            Code::FieldKind,
            format!("`contact_phone` `{v}` is not a phone number"),
            "write the number with its code, in digits, e.g. \"+91 755 255 0000\" or \"0755-2550000\"",
        ))
    }
}

/// An e-mail address: one `@` with something on both sides and a dot after it.
pub fn email(field: &Located<String>) -> Result<String, Problem> {
    let v = field.value.trim();
    let ok = match v.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !host.contains('@')
                && v.chars().all(|c| {
                    c.is_ascii_graphic()
                        && !matches!(
                            c,
                            '"' | '<' | '>' | '(' | ')' | ',' | ';' | '?' | '&' | '\\'
                        )
                })
        }
        None => false,
    };
    if ok {
        Ok(v.to_string())
    } else {
        Err((
            field.place(),
            Code::FieldKind,
            format!("`contact_email` `{v}` is not an e-mail address"),
            "write one address, e.g. helpdesk-gem@gov.in",
        ))
    }
}

/// `"23.2599, 77.4126"`: a latitude and a longitude in degrees.
pub fn coordinates(field: &Located<String>) -> Result<(f64, f64), Problem> {
    let parsed = field.value.split_once(',').and_then(|(a, b)| {
        let lat: f64 = a.trim().parse().ok()?;
        let lon: f64 = b.trim().parse().ok()?;
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
    });
    parsed.ok_or((
        field.place(),
        Code::FieldKind,
        format!(
            "`coordinates` `{}` is not a latitude and a longitude",
            field.value.trim()
        ),
        "write them in degrees, latitude first, e.g. coordinates: \"23.2599, 77.4126\"",
    ))
}

/// The address of a phone number (`tel:+917552550000`).
pub fn tel_href(phone: &str) -> String {
    let dialled: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dialled}")
}

/// A map of the point, on OpenStreetMap (a plain link; nothing is loaded from it).
pub fn map_href((lat, lon): (f64, f64)) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=17/{lat:.5}/{lon:.5}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(v: &str) -> Located<String> {
        Located::new(v.to_string(), 3, 8)
    }

    #[test]
    fn only_web_addresses_phones_and_mail_that_are_what_they_say_pass() {
        assert_eq!(
            web_address(&at("https://gem.gov.in/x"), "map").unwrap(),
            "https://gem.gov.in/x"
        );
        for bad in [
            "javascript:alert(1)",
            "gem.gov.in",
            "https://",
            "https:///x",
            "https://a b",
            "https://a\"onx=1",
        ] {
            assert!(web_address(&at(bad), "map").is_err(), "{bad}");
        }
        assert_eq!(
            tel_href(&phone(&at("+91 755-255 0000")).unwrap()),
            "tel:+917552550000"
        );
        assert!(phone(&at("call us")).is_err());
        assert!(phone(&at("12")).is_err());
        assert!(email(&at("helpdesk-gem@gov.in")).is_ok());
        for bad in ["a@b", "@gov.in", "a@b.in?cc=x,y", "a b@c.in", "a@@b.in"] {
            assert!(email(&at(bad)).is_err(), "{bad}");
        }
        assert_eq!(
            coordinates(&at("23.2599, 77.4126")).unwrap(),
            (23.2599, 77.4126)
        );
        assert!(coordinates(&at("123, 77")).is_err());
        assert!(coordinates(&at("Bhopal")).is_err());
    }
}
