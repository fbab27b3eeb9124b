//! Interface strings through Fluent (`i18n/<lang>/*.ftl`), with fallback between
//! languages, Indian digit grouping, and dates printed the way official releases print them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use jiff::civil::{Date, Time};

use crate::config::Config;
use crate::content::source::read_source;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};

type Bundle = FluentBundle<FluentResource>;

/// The loaded messages of every language of the site.
pub struct I18n {
    bundles: BTreeMap<String, Bundle>,
    languages: Vec<String>,
    default_language: String,
    /// Per language, every message that needs no arguments, formatted once: templates
    /// ask for the same labels on every page (a million times on a large site).
    plain: BTreeMap<String, HashMap<String, String>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.languages)
            .finish()
    }
}

/// Loads `i18n/<lang>/*.ftl` for each language of the site. Syntax errors are errors (with
/// file and line); a message missing in one language is a warning naming the keys.
pub fn load(root: &Path, config: &Config) -> (Option<I18n>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut bundles = BTreeMap::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for lang in &config.languages {
        let dir = root.join("i18n").join(lang);
        let display_dir = Path::new("i18n").join(lang);
        let langid: unic_langid::LanguageIdentifier = match lang.parse() {
            Ok(l) => l,
            Err(_) => {
                problems.push(Diagnostic::error(format!(
                    "`{lang}` is not a language code"
                )));
                continue;
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068/U+2069) would end up inside HTML text and slugs.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_value));
        if let Err(e) = bundle.add_builtins() {
            problems.push(Diagnostic::error(format!(
                "cannot set up Fluent functions: {e:?}"
            )));
        }
        let mut files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect(),
            Err(_) => {
                problems.push(
                    Diagnostic::error(format!("there are no interface strings for `{lang}`"))
                        .in_file(&display_dir)
                        .with_hint(format!("create {}/main.ftl (copy the one of another language and translate it)", display_dir.display())),
                );
                continue;
            }
        };
        files.sort();
        let lang_ids = ids.entry(lang.clone()).or_default();
        for path in files {
            let display = display_dir.join(path.file_name().unwrap_or_default());
            let src = match read_source(&path, &display) {
                Ok(s) => s,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            problems.extend_from(src.warnings.iter().cloned());
            let resource = match FluentResource::try_new(src.text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        // At the end of the file the parser points past the last line;
                        // point at the last character instead.
                        let end = src.text.trim_end().len().saturating_sub(1);
                        let (line, col) = line_col(&src.text, e.pos.start.min(end));
                        problems.push(
                            Diagnostic::error(format!("Fluent syntax error: {}", e.kind))
                                .in_file(&display)
                                .at(&src.text, line, col)
                                .with_hint("a message is `key = text`; a continuation line starts with spaces; see projectfluent.org for the syntax"),
                        );
                    }
                    r
                }
            };
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    lang_ids.insert(m.id.name.to_string());
                }
            }
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    problems.push(
                        Diagnostic::error(format!("{e}"))
                            .in_file(&display)
                            .with_hint("each message id may be defined once per language"),
                    );
                }
            }
        }
        bundles.insert(lang.clone(), bundle);
    }

    // Missing keys: reported once per language, listing the keys.
    let all: BTreeSet<String> = ids.values().flatten().cloned().collect();
    for (lang, have) in &ids {
        let missing: Vec<&str> = all.difference(have).map(String::as_str).collect();
        if !missing.is_empty() {
            problems.push(
                Diagnostic::warning(format!(
                    "{} interface string(s) missing in `{lang}`, shown in another language: {}",
                    missing.len(),
                    missing.join(", ")
                ))
                .in_file(Path::new("i18n").join(lang))
                .with_hint("add these messages to a .ftl file of that language"),
            );
        }
    }
    if problems.has_errors() {
        return (None, problems);
    }
    let mut i18n = I18n {
        bundles,
        languages: config.languages.clone(),
        default_language: config.default_language.clone(),
        plain: BTreeMap::new(),
    };
    let plain = config
        .languages
        .iter()
        .map(|lang| {
            let formatted = all
                .iter()
                .filter_map(|key| Some((key.clone(), i18n.format(lang, key, None).ok()?)))
                .collect();
            (lang.clone(), formatted)
        })
        .collect();
    i18n.plain = plain;
    for key in REQUIRED_KEYS {
        if !i18n.has(key) {
            problems.push(
                Diagnostic::error(format!("the interface string `{key}` is missing"))
                    .in_file("i18n")
                    .with_hint(
                        "samvad prints dates with it; copy it from the default site's i18n folder",
                    ),
            );
        }
    }
    if problems.has_errors() {
        return (None, problems);
    }
    (Some(i18n), problems)
}

/// Messages samvad's own code uses (dates), checked at load time.
const REQUIRED_KEYS: &[&str] = &[
    "date-format",
    "month-1",
    "month-2",
    "month-3",
    "month-4",
    "month-5",
    "month-6",
    "month-7",
    "month-8",
    "month-9",
    "month-10",
    "month-11",
    "month-12",
    "time-format",
];

impl I18n {
    /// True when some language has the message.
    pub fn has(&self, key: &str) -> bool {
        self.bundles.values().any(|b| b.has_message(key))
    }

    /// The site's languages.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Every message of `lang` that needs no arguments, formatted.
    pub fn plain_messages(&self, lang: &str) -> impl Iterator<Item = (&str, &str)> {
        self.plain
            .get(lang)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// True when `key` is among [`I18n::plain_messages`] of `lang`.
    pub fn is_plain(&self, lang: &str, key: &str) -> bool {
        self.plain.get(lang).is_some_and(|m| m.contains_key(key))
    }

    /// Formats `key` in `lang`, falling back to the default language and then any other.
    /// An unknown key is an error (the caller adds where it was used).
    pub fn message(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, String> {
        if args.is_none()
            && let Some(text) = self.plain.get(lang).and_then(|m| m.get(key))
        {
            return Ok(text.clone());
        }
        self.format(lang, key, args)
    }

    fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let order = std::iter::once(lang)
            .chain(std::iter::once(self.default_language.as_str()))
            .chain(self.languages.iter().map(String::as_str));
        for l in order {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(msg) = bundle.get_message(key) else {
                continue;
            };
            let Some(pattern) = msg.value() else {
                return Err(format!("the interface string `{key}` has no value"));
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if let Some(e) = errors.first() {
                return Err(format!(
                    "the interface string `{key}` in `{l}` could not be formatted: {e}"
                ));
            }
            return Ok(text.into_owned());
        }
        Err(format!(
            "there is no interface string `{key}` in i18n/*/ (in any language)"
        ))
    }

    /// A message that samvad's code needs; load checked it exists.
    fn required(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        self.message(lang, key, args)
            .unwrap_or_else(|_| key.to_string())
    }

    /// A date as official releases print it: `28 नवम्बर, 2025` / `28 November 2025`
    /// (month names and pattern come from the `.ftl` files).
    pub fn format_date(&self, lang: &str, date: Date) -> String {
        let month = self.required(lang, &format!("month-{}", date.month()), None);
        let mut args = FluentArgs::new();
        args.set("day", date.day().to_string());
        args.set("month", month);
        args.set("year", date.year().to_string());
        self.required(lang, "date-format", Some(&args))
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
fn format_value<M>(value: &FluentValue, _memo: &M) -> Option<String> {
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
