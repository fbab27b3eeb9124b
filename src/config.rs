//! `site.yaml`: the site's settings, read and checked.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::text::{parse_yaml, read_yaml_source, text_field};

/// `site.yaml` as the author writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: BTreeMap<String, String>,
    #[serde(default)]
    description: BTreeMap<String, String>,
    base_url: Spanned<String>,
    languages: Spanned<Vec<Spanned<String>>>,
    default_language: Option<Spanned<String>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    time_zone: Option<Spanned<String>>,
    #[serde(default)]
    releases_per_page: Option<Spanned<i64>>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    owner: BTreeMap<String, String>,
    #[serde(default)]
    logo: Option<Spanned<RawLogo>>,
    #[serde(default)]
    contact: BTreeMap<String, String>,
    #[serde(default)]
    national_portal: Option<Spanned<String>>,
    #[serde(default)]
    reviewed: Option<Spanned<String>>,
    #[serde(default)]
    headers_file: bool,
}

/// `logo:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogo {
    src: String,
    #[serde(default)]
    alt: BTreeMap<String, String>,
}

/// The emblem or logo shown with the owner's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// Its address in the site, as written (checked to be a picture of the site once
    /// the site's files are known).
    pub src: String,
    /// What it shows, per language.
    pub alt: BTreeMap<String, String>,
    /// Where `logo:` is written in site.yaml.
    pub at: crate::diagnostics::Location,
}

/// The National Portal of India, linked from every page unless site.yaml names another
/// address for it.
pub const NATIONAL_PORTAL: &str = "https://www.india.gov.in/";

/// The validated settings the rest of the build uses.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title per language.
    pub title: BTreeMap<String, String>,
    /// Site description per language (meta description of list pages).
    pub description: BTreeMap<String, String>,
    /// Absolute base URL without a trailing slash, e.g. `https://example.gov.in/samvad`.
    pub base_url: String,
    /// Languages in the order the author gave; the first is the default unless named.
    pub languages: Vec<String>,
    /// The language of `/` links and the fallback for missing translations.
    pub default_language: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// IANA name of the time zone that dates without an offset are in.
    pub time_zone_name: String,
    /// The time zone itself.
    pub time_zone: jiff::tz::TimeZone,
    /// Releases on one page of the release list.
    pub releases_per_page: usize,
    /// Raw HTML in Markdown is published as written, not sanitised.
    pub unsafe_html: bool,
    /// Whose site it is (the ministry or department), per language.
    pub owner: BTreeMap<String, String>,
    /// The owner's emblem or logo.
    pub logo: Option<Logo>,
    /// How to reach the owner, a line per language.
    pub contact: BTreeMap<String, String>,
    /// The address of the National Portal of India.
    pub national_portal: String,
    /// When the site's content was last reviewed.
    pub reviewed: Option<jiff::civil::Date>,
    /// Write `_headers`, the security headers for hosts that read such a file.
    pub headers_file: bool,
}

/// Languages samvad has date formats and a theme for.
pub const SUPPORTED_LANGUAGES: &[&str] = &["hi", "en"];

impl Config {
    /// Settings with every default, in `hi` and `en` (for tools that check one file).
    pub fn defaults() -> Config {
        Config {
            title: BTreeMap::new(),
            description: BTreeMap::new(),
            base_url: "https://example.invalid".into(),
            languages: SUPPORTED_LANGUAGES.iter().map(|l| l.to_string()).collect(),
            default_language: "hi".into(),
            theme: "default".into(),
            time_zone_name: "Asia/Kolkata".into(),
            time_zone: tz("Asia/Kolkata"),
            releases_per_page: 10,
            unsafe_html: false,
            owner: BTreeMap::new(),
            logo: None,
            contact: BTreeMap::new(),
            national_portal: NATIONAL_PORTAL.into(),
            reviewed: None,
            headers_file: false,
        }
    }

    /// Advice for a file named with a language the site does not have (`x.eng.md`): the
    /// language it probably meant, else the list.
    pub fn language_hint(&self, written: &str) -> String {
        let lower = written.to_ascii_lowercase();
        let by_name = match lower.as_str() {
            "hindi" | "hin" | "हिंदी" | "हिन्दी" => Some("hi"),
            "english" | "eng" => Some("en"),
            _ => None,
        };
        let closest = by_name
            .filter(|l| self.languages.iter().any(|x| x == l))
            .or_else(|| {
                self.languages
                    .iter()
                    .map(|l| (crate::diagnostics::edit_distance(&lower, l), l.as_str()))
                    .filter(|(d, _)| *d <= 1)
                    .min()
                    .map(|(_, l)| l)
            });
        match closest {
            Some(l) => format!(
                "did you mean `.{l}.md`? The languages in site.yaml are: {}",
                self.languages.join(", ")
            ),
            None => format!(
                "the languages in site.yaml are: {}",
                self.languages.join(", ")
            ),
        }
    }

    /// Title in a language, falling back to the default language.
    pub fn title_in(&self, lang: &str) -> &str {
        in_lang(&self.title, lang, &self.default_language)
    }

    /// The owner's name in a language, falling back to the default language.
    pub fn owner_in(&self, lang: &str) -> &str {
        in_lang(&self.owner, lang, &self.default_language)
    }

    /// The contact line in a language, falling back to the default language.
    pub fn contact_in(&self, lang: &str) -> &str {
        in_lang(&self.contact, lang, &self.default_language)
    }

    /// Description in a language, falling back to the default language.
    pub fn description_in(&self, lang: &str) -> &str {
        in_lang(&self.description, lang, &self.default_language)
    }
}

/// Reads `site.yaml` under `root`. `base_url_override` comes from `--base-url`.
///
/// A bad value is reported and replaced by its default, so the rest of the site is still
/// checked in the same run; only a file that cannot be read as YAML gives no settings.
pub fn load(root: &Path, base_url_override: Option<&str>) -> (Option<Config>, Diagnostics) {
    match load_checked(root, base_url_override) {
        Ok((config, problems)) => (Some(config), problems),
        Err(problems) => (None, problems),
    }
}

fn load_checked(
    root: &Path,
    base_url_override: Option<&str>,
) -> Result<(Config, Diagnostics), Diagnostics> {
    let mut problems = Diagnostics::new();
    let display = Path::new("site.yaml");
    let path = root.join(display);
    if !path.is_file() {
        problems.push(
            Diagnostic::error(
                Code::SiteMissing,
                format!("no site.yaml in {}", root.display()),
            )
            .with_hint(
                "run samvad in the folder of your site, or name that folder with --root DIR",
            ),
        );
        return Err(problems);
    }
    let src = read_yaml_source(&path, display).map_err(one)?;
    problems.extend_from(src.warnings.iter().cloned());
    let raw: RawConfig = parse_yaml(&src.text, &src, 0).map_err(one)?;
    let RawConfig {
        title,
        description,
        base_url,
        languages,
        default_language,
        theme,
        time_zone,
        releases_per_page,
        unsafe_html,
        owner,
        logo,
        contact,
        national_portal,
        reviewed,
        headers_file,
    } = raw;

    let at = |d: Diagnostic, loc: &serde_saphyr::Location| -> Diagnostic {
        d.in_file(display)
            .at(&src.text, loc.line() as usize, loc.column() as usize)
    };

    for lang in &languages.value {
        if !SUPPORTED_LANGUAGES.contains(&lang.value.as_str()) {
            let probably = SUPPORTED_LANGUAGES.iter().find(|l| {
                crate::diagnostics::edit_distance(&lang.value.to_ascii_lowercase(), l) <= 1
                    || lang.value.eq_ignore_ascii_case(match **l {
                        "hi" => "hindi",
                        _ => "english",
                    })
            });
            problems.push(
                at(
                    Diagnostic::error(Code::Setting, format!("language `{}` is not supported", lang.value)),
                    &lang.referenced,
                )
                .with_hint(match probably {
                    Some(l) => format!("did you mean `{l}`? samvad builds sites in hi (Hindi) and en (English)"),
                    None => "samvad builds sites in hi (Hindi) and en (English): write `languages: [hi, en]`".to_string(),
                }),
            );
        }
    }
    let languages_written: Vec<String> = languages.value.iter().map(|l| l.value.clone()).collect();
    let languages = Spanned {
        value: languages_written,
        referenced: languages.referenced,
        defined: languages.defined,
    };
    if languages.value.is_empty() {
        problems.push(
            at(
                Diagnostic::error(Code::Setting, "no languages are listed"),
                &languages.referenced,
            )
            .with_hint("write `languages: [hi, en]`"),
        );
    }
    let default_language = match default_language {
        Some(d) if !languages.value.contains(&d.value) => {
            problems.push(
                at(
                    Diagnostic::error(
                        Code::Setting,
                        format!("the default language `{}` is not in `languages`", d.value),
                    ),
                    &d.referenced,
                )
                .with_hint("name one of the languages listed under `languages`"),
            );
            d.value
        }
        Some(d) => d.value,
        None => languages.value.first().cloned().unwrap_or_default(),
    };

    let base_url_text = base_url_override
        .map(str::to_string)
        .unwrap_or(base_url.value.clone());
    // Written into every page, feed and calendar: a character that cannot stand in an
    // address (a line end would add a calendar property) is refused, not escaped.
    let stray = base_url_text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\^`{|}?#".contains(*c));
    if let Some(c) = stray {
        let shown: String = c.escape_default().collect();
        let d = Diagnostic::error(Code::Setting, format!(
            "the base URL holds `{shown}`, which cannot be part of the site's address"
        ))
        .with_hint("write the address alone, e.g. `base_url: \"https://example.gov.in/outreach\"` (no spaces, quotes or line ends)");
        problems.push(if base_url_override.is_some() {
            d
        } else {
            at(d, &base_url.referenced)
        });
    } else if !(base_url_text.starts_with("https://") || base_url_text.starts_with("http://")) {
        let d = Diagnostic::error(Code::Setting, format!(
            "the base URL `{base_url_text}` is not an absolute http(s) address"
        ))
        .with_hint("write the address the site will be served from, e.g. `base_url: \"https://example.gov.in\"`");
        problems.push(if base_url_override.is_some() {
            d
        } else {
            at(d, &base_url.referenced)
        });
    }

    let (time_zone_name, time_zone) = match time_zone {
        None => ("Asia/Kolkata".to_string(), tz("Asia/Kolkata")),
        Some(name) => match jiff::tz::TimeZone::get(&name.value) {
            Ok(zone) => (name.value.clone(), zone),
            Err(_) => {
                problems.push(
                    at(
                        Diagnostic::error(
                            Code::Setting,
                            format!("unknown time zone `{}`", name.value),
                        ),
                        &name.referenced,
                    )
                    .with_hint("use an IANA name such as `Asia/Kolkata`"),
                );
                (name.value.clone(), tz("Asia/Kolkata"))
            }
        },
    };

    let releases_per_page = match releases_per_page {
        None => 10,
        Some(n) if n.value >= 1 && n.value <= 1000 => n.value as usize,
        Some(n) => {
            problems.push(
                at(
                    Diagnostic::error(
                        Code::Setting,
                        "`releases_per_page` must be between 1 and 1000",
                    ),
                    &n.referenced,
                )
                .with_hint("10 or 20 suits phones"),
            );
            10
        }
    };

    for lang in languages
        .value
        .iter()
        .filter(|l| SUPPORTED_LANGUAGES.contains(&l.as_str()))
    {
        if !title.contains_key(lang) {
            problems.push(
                Diagnostic::warning(
                    Code::SiteTitleMissing,
                    format!("the site has no title in `{lang}`"),
                )
                .in_file(display)
                .with_hint(format!("add `{lang}: \"...\"` under `title`")),
            );
        }
    }

    let theme = match theme {
        None => "default".to_string(),
        Some(t)
            if crate::text::names::check_folder_name(&t.value).is_ok()
                && !root.join("themes").join(&t.value).is_dir() =>
        {
            problems.push(
                at(
                    Diagnostic::error(
                        Code::ThemeMissing,
                        format!("the theme `{}` does not exist", t.value),
                    ),
                    &t.referenced,
                )
                .with_hint(format!(
                    "create themes/{}/ or write `theme: default`",
                    t.value
                )),
            );
            "default".to_string()
        }
        Some(t) if crate::text::names::check_folder_name(&t.value).is_ok() => t.value,
        Some(t) => {
            problems.push(
                at(
                    Diagnostic::error(Code::ThemeMissing, format!(
                        "the theme `{}` is not the name of a folder under themes/",
                        t.value
                    )),
                    &t.referenced,
                )
                .with_hint("write the folder's name alone, e.g. `theme: default`; a theme lives in themes/<name>/ of the site"),
            );
            "default".to_string()
        }
    };
    let languages = if languages
        .value
        .iter()
        .all(|l| SUPPORTED_LANGUAGES.contains(&l.as_str()))
        && !languages.value.is_empty()
    {
        languages.value
    } else {
        SUPPORTED_LANGUAGES.iter().map(|l| l.to_string()).collect()
    };
    let default_language = if languages.contains(&default_language) {
        default_language
    } else {
        languages[0].clone()
    };
    let base_url_text = if problems
        .iter()
        .any(|d| d.message.starts_with("the base URL"))
    {
        "https://example.invalid".to_string()
    } else {
        base_url_text
    };
    let mut texts = |map: BTreeMap<String, String>, name: &str| -> BTreeMap<String, String> {
        map.into_iter()
            .map(|(lang, v)| {
                let (text, warning) = text_field(&v, &format!("{name}.{lang}"));
                if let Some(w) = warning {
                    problems.push(w.in_file(display));
                }
                (lang, text)
            })
            .collect()
    };
    let title = texts(title, "title");
    let description = texts(description, "description");
    let owner = texts(owner, "owner");
    let contact = texts(contact, "contact");
    let logo = logo.map(|l| Logo {
        src: l.value.src.trim().to_string(),
        alt: texts(l.value.alt, "logo.alt"),
        at: crate::diagnostics::Location {
            line: l.referenced.line() as usize,
            column: l.referenced.column() as usize,
        },
    });
    let national_portal = match national_portal {
        None => NATIONAL_PORTAL.to_string(),
        Some(p) if p.value.starts_with("https://") && !p.value.contains(['"', '<', '>', ' ']) => {
            p.value
        }
        Some(p) => {
            problems.push(
                at(
                    Diagnostic::error(
                        Code::Setting,
                        format!("`national_portal` `{}` is not an https:// address", p.value),
                    ),
                    &p.referenced,
                )
                .with_hint(format!("leave it out to link to {NATIONAL_PORTAL}")),
            );
            NATIONAL_PORTAL.to_string()
        }
    };
    let reviewed = reviewed.and_then(|r| match crate::dates::parse_date(&r.value) {
        Ok(d) => Some(d),
        Err(msg) => {
            problems.push(
                at(
                    Diagnostic::error(Code::Date, format!("`reviewed`: {msg}")),
                    &r.referenced,
                )
                .with_hint(
                    "write the day the content was last reviewed, e.g. `reviewed: 2025-11-28`",
                ),
            );
            None
        }
    });
    let mut missing: Vec<&str> = Vec::new();
    if owner.is_empty() {
        missing.push("`owner` (the ministry or department, in each language)");
    }
    if logo.is_none() {
        missing.push("`logo` (its emblem or logo, with `src` and `alt`)");
    }
    if contact.is_empty() {
        missing.push("`contact` (how to reach it, a line in each language)");
    }
    if reviewed.is_none() {
        missing.push("`reviewed` (the day the content was last reviewed)");
    }
    if !missing.is_empty() {
        problems.push(
            Diagnostic::warning(
                Code::IdentityMissing,
                format!("site.yaml does not say whose site this is: it has no {}", missing.join(", no ")),
            )
            .in_file(display)
            .with_hint("add them to site.yaml, e.g. `owner: {hi: \"...\", en: \"...\"}`: every page of a Government of India site shows its owner, emblem, contact and review date (GIGW 3.0)"),
        );
    }
    for (name, map) in [("owner", &owner), ("contact", &contact)] {
        for lang in languages
            .iter()
            .filter(|l| !map.is_empty() && !map.contains_key(*l))
        {
            problems.push(
                Diagnostic::warning(
                    Code::IdentityMissing,
                    format!("`{name}` has no `{lang}` text"),
                )
                .in_file(display)
                .with_hint(format!("add `{lang}: \"...\"` under `{name}`")),
            );
        }
    }
    if let Some(l) = &logo {
        for lang in languages.iter().filter(|x| !l.alt.contains_key(*x)) {
            problems.push(
                Diagnostic::warning(
                    Code::IdentityMissing,
                    format!("the logo has no `{lang}` text in `alt`, for readers who cannot see it"),
                )
                .in_file(display)
                .at_place(l.at, src.text.lines().nth(l.at.line.saturating_sub(1)).map(str::to_string))
                .with_hint(format!("add `{lang}: \"...\"` under `alt`, saying what the logo shows (e.g. the ministry's name)")),
            );
        }
    }
    let config = Config {
        title,
        description,
        base_url: base_url_text.trim_end_matches('/').to_string(),
        languages,
        default_language,
        theme,
        time_zone_name,
        time_zone,
        releases_per_page,
        unsafe_html,
        owner,
        logo,
        contact,
        national_portal,
        reviewed,
        headers_file,
    };
    // Warnings travel with the config so they are reported with the content's.
    Ok((config, problems))
}

/// A text in `lang`, else in `default`, else empty.
fn in_lang<'a>(map: &'a BTreeMap<String, String>, lang: &str, default: &str) -> &'a str {
    map.get(lang)
        .or_else(|| map.get(default))
        .map(String::as_str)
        .unwrap_or("")
}

fn tz(name: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}
