//! Press releases: `content/releases/<stem>.<lang>.md`, one file per language, paired by stem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::source::{Body, FileStamp, MarkdownFile, nfc, read_body_again, read_markdown};
use super::{LoadContext, Loc, Located, check_slug};
use crate::dates::{Published, parse_published};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Front matter as the author writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelease {
    title: Spanned<String>,
    date: Spanned<String>,
    ministry: String,
    place: String,
    #[serde(default)]
    release_id: Option<String>,
    #[serde(default)]
    states: Vec<Spanned<String>>,
    #[serde(default)]
    events: Vec<Spanned<String>>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    updated: Option<Spanned<String>>,
}

/// One language's file of a release.
#[derive(Debug, Clone)]
pub struct ReleaseText {
    /// The stem shared by the translations.
    pub stem: String,
    /// Language code from the file name.
    pub lang: String,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Headline.
    pub title: String,
    /// When it was published.
    pub published: Published,
    /// Issuing ministry or office.
    pub ministry: String,
    /// Dateline city.
    pub place: String,
    /// The issuing office's release number, if any.
    pub release_id: Option<String>,
    /// State codes (checked against the registry, upper case).
    pub states: Vec<String>,
    /// Event ids it concerns, with where they were written (checked in `site`).
    pub events: Vec<Located<String>>,
    /// Author's summary; else the first paragraph is used.
    pub summary: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// When the text was last corrected, if after `date`.
    pub updated: Option<Published>,
    /// The file on disk: the body is read again when its page is rendered, so a site of
    /// any size never holds every text in memory at once.
    pub source: PathBuf,
    /// The file as load read it.
    pub stamp: FileStamp,
    /// Where the body starts in the file.
    pub body_start: usize,
    /// The first paragraph as plain text (the summary when none is written).
    pub excerpt: String,
}

/// A release with all its translations.
#[derive(Debug, Clone)]
pub struct Release {
    /// The stem (URL segment).
    pub stem: String,
    /// Language code to text.
    pub texts: BTreeMap<String, ReleaseText>,
}

impl ReleaseText {
    /// The Markdown body, read again from the file (cleaned as at load time).
    pub fn read_body(&self) -> Result<Body, Diagnostic> {
        read_body_again(&self.source, &self.file, &self.stamp, self.body_start)
    }

    /// The summary: the author's, else the first paragraph.
    pub fn summary_text(&self) -> &str {
        self.summary.as_deref().unwrap_or(&self.excerpt)
    }

    /// The day this text last changed: `updated`, else `date`.
    pub fn last_changed(&self) -> jiff::civil::Date {
        self.updated.as_ref().unwrap_or(&self.published).date()
    }
}

impl Release {
    /// The text in `lang`, if written.
    pub fn text(&self, lang: &str) -> Option<&ReleaseText> {
        self.texts.get(lang)
    }

    /// Any text, for language-neutral facts (the default language first).
    pub fn primary(&self, default_lang: &str) -> &ReleaseText {
        self.texts
            .get(default_lang)
            .or_else(|| self.texts.values().next())
            .expect("a release has at least one text")
    }
}

/// Loads one release file. Returns the text (if usable) and its problems.
pub fn load_file(cx: &LoadContext, abs: &Path, rel: &Path) -> (Option<ReleaseText>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some((stem, lang)) = split_name(&name) else {
        problems.push(
            Diagnostic::error(
                "a release file name must end in the language, like `name.hi.md` or `name.en.md`",
            )
            .in_file(rel)
            .with_hint(format!(
                "rename it to `{}.{}.md`",
                name.trim_end_matches(".md"),
                cx.config.default_language
            )),
        );
        return (None, problems);
    };
    if !cx.config.languages.iter().any(|l| l == lang) {
        problems.push(
            Diagnostic::error(format!("`{lang}` is not one of the site's languages"))
                .in_file(rel)
                .with_hint(format!(
                    "the languages in site.yaml are: {}",
                    cx.config.languages.join(", ")
                )),
        );
        return (None, problems);
    }
    if let Err(msg) = check_slug(stem) {
        problems.push(
            Diagnostic::error(msg)
                .in_file(rel)
                .with_hint("rename the file; both languages must share the same name"),
        );
        return (None, problems);
    }
    let file: MarkdownFile<RawRelease> = match read_markdown(abs, rel) {
        Ok(f) => f,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (src, raw) = (&file.src, &file.front);
    let loc = |l: &serde_saphyr::Location| Loc::from_yaml(src, l, file.yaml_line_offset);

    let published = match parse_published(&raw.date.value, &cx.config.time_zone) {
        Ok(p) => Some(p),
        Err(msg) => {
            problems.push(loc(&raw.date.referenced).diagnostic(
                Diagnostic::error(format!("the date {msg}"))
                    .with_hint("write `date: 2025-11-26` or `date: 2025-11-26T15:47:00+05:30` (no offset means the site's time zone)"),
            ));
            None
        }
    };
    let updated = match &raw.updated {
        None => None,
        Some(u) => match parse_published(&u.value, &cx.config.time_zone) {
            Ok(p) => Some(p),
            Err(msg) => {
                problems.push(loc(&u.referenced).diagnostic(
                    Diagnostic::error(format!("`updated`: {msg}")).with_hint(
                        "write the date of the last correction, e.g. `updated: 2025-11-27`",
                    ),
                ));
                None
            }
        },
    };
    if raw.title.value.trim().is_empty() {
        problems.push(loc(&raw.title.referenced).diagnostic(
            Diagnostic::error("the title is empty").with_hint("write the headline after `title:`"),
        ));
    }
    let mut states = Vec::new();
    for code in &raw.states {
        match cx.states.get(&code.value) {
            Some(region) => states.push(region.code.clone()),
            None => problems.push(
                loc(&code.referenced).diagnostic(
                    Diagnostic::error(format!(
                        "unknown state or union territory code `{}`",
                        code.value
                    ))
                    .with_hint(cx.states.unknown_code_hint(&code.value)),
                ),
            ),
        }
    }
    let events = raw
        .events
        .iter()
        .map(|e| Located {
            value: e.value.trim().to_string(),
            loc: loc(&e.referenced),
        })
        .collect();

    let Some(published) = published else {
        return (None, problems);
    };
    if problems.has_errors() {
        return (None, problems);
    }
    let text = ReleaseText {
        stem: stem.to_string(),
        lang: lang.to_string(),
        file: rel.to_path_buf(),
        title: nfc(raw.title.value.trim()),
        published,
        ministry: nfc(raw.ministry.trim()),
        place: nfc(raw.place.trim()),
        release_id: raw
            .release_id
            .as_deref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        states,
        events,
        summary: raw
            .summary
            .as_deref()
            .map(|s| nfc(s.trim()))
            .filter(|s| !s.is_empty()),
        draft: raw.draft,
        updated,
        source: abs.to_path_buf(),
        stamp: file.src.stamp.clone(),
        body_start: file.body_start,
        excerpt: crate::markdown::first_paragraph(file.body()),
    };
    (Some(text), problems)
}

/// `name.hi.md` → (`name`, `hi`).
fn split_name(name: &str) -> Option<(&str, &str)> {
    let base = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))?;
    let (stem, lang) = base.rsplit_once('.')?;
    Some((stem, lang))
}

/// Groups language files into releases, drops drafts (unless wanted), reports duplicates,
/// one-language releases, and translations that disagree on facts.
/// Also returns the stems of drafts left out, so references to them are not errors.
pub fn pair(
    texts: Vec<ReleaseText>,
    cx: &LoadContext,
    problems: &mut Diagnostics,
) -> (Vec<Release>, Vec<String>) {
    let mut by_stem: BTreeMap<String, BTreeMap<String, ReleaseText>> = BTreeMap::new();
    let mut drafts = Vec::new();
    for t in texts {
        if t.draft && !cx.drafts {
            drafts.push(t.stem);
            continue;
        }
        let slot = by_stem.entry(t.stem.clone()).or_default();
        if let Some(first) = slot.get(&t.lang) {
            problems.push(
                Diagnostic::error(format!(
                    "the release `{}` in `{}` is written twice",
                    t.stem, t.lang
                ))
                .in_file(&t.file)
                .with_hint(format!(
                    "{} has the same name; rename or remove one",
                    first.file.display()
                )),
            );
            continue;
        }
        slot.insert(t.lang.clone(), t);
    }
    let mut releases = Vec::new();
    for (stem, texts) in by_stem {
        let langs: Vec<&String> = texts.keys().collect();
        for lang in &cx.config.languages {
            if !texts.contains_key(lang)
                && let Some(other) = texts.values().next()
            {
                problems.push(
                    Diagnostic::warning(format!(
                        "the release `{stem}` has no `{lang}` translation; it is published in {} only",
                        langs.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    ))
                    .in_file(&other.file)
                    .with_hint(format!("add content/releases/{stem}.{lang}.md to publish it in both languages")),
                );
            }
        }
        check_translations_agree(&texts, problems);
        releases.push(Release { stem, texts });
    }
    (releases, drafts)
}

/// The facts of a release live in each language's file; warn where they differ.
fn check_translations_agree(texts: &BTreeMap<String, ReleaseText>, problems: &mut Diagnostics) {
    let mut iter = texts.values();
    let Some(first) = iter.next() else { return };
    for other in iter {
        let mut differs = Vec::new();
        if first.published.at != other.published.at {
            differs.push("date");
        }
        if first.release_id != other.release_id {
            differs.push("release_id");
        }
        if first.states != other.states {
            differs.push("states");
        }
        let ev = |t: &ReleaseText| t.events.iter().map(|e| e.value.clone()).collect::<Vec<_>>();
        if ev(first) != ev(other) {
            differs.push("events");
        }
        if !differs.is_empty() {
            problems.push(
                Diagnostic::warning(format!(
                    "the translations of `{}` disagree on {}",
                    first.stem,
                    differs.join(", ")
                ))
                .in_file(&other.file)
                .with_hint(format!(
                    "make these fields the same as in {}",
                    first.file.display()
                )),
            );
        }
    }
}
