//! Press releases: `content/releases/<stem>.<lang>.md`, one file per language, paired by stem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{LoadContext, check_slug};
use crate::dates::{Published, parse_published};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Located};
use crate::text::{Body, FileStamp, MarkdownFile, read_body_again, read_markdown_with, text_field};

crate::front_matter! {
    /// A release's front matter, every value with its place in the file.
    pub struct Front / RawFront {
        /// The headline.
        title: One Text,
        /// When it was published.
        date: One Text,
        /// The issuing ministry or office.
        ministry: One Text,
        /// The dateline city.
        place: One Text,
        /// The issuing office's release number.
        release_id: Maybe Text,
        /// Codes of the states and UTs it concerns.
        states: List Words,
        /// Ids of the events it concerns.
        events: List Words,
        /// One or two sentences for lists, feeds and the meta description.
        summary: Maybe Text,
        /// Built only with `--drafts`.
        draft: Maybe Flag,
        /// The date of the last correction.
        updated: Maybe Text,
        /// The picture the release is shared with (a file of the site).
        image: Maybe Text,
    }
}

/// Whether the quick reader, where it takes a release's front matter, reads it as serde
/// does (see [`Front::quick_reader_agrees`]).
pub fn quick_reader_agrees(yaml: &str) -> Result<bool, String> {
    Front::quick_reader_agrees(yaml)
}

/// One language's file of a release.
#[derive(Debug, Clone, PartialEq)]
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
    /// The picture it is shared with instead of the theme's, as written (checked to be
    /// a file of the site once the site's files are known).
    pub image: Option<Located<String>>,
    /// The file on disk: the body is read again when its page is rendered, so a site of
    /// any size never holds every text in memory at once.
    pub source: PathBuf,
    /// The file as load read it.
    pub stamp: FileStamp,
    /// Where the body starts in the file.
    pub body_start: usize,
    /// The start of the body that holds its first paragraph (the summary when none is
    /// written; the Markdown phase makes it plain text).
    pub lead: String,
    /// The lead is the whole body.
    pub lead_is_body: bool,
}

/// A release with all its translations.
#[derive(Debug, Clone, PartialEq)]
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

    /// The summary: the author's, else `first_paragraph` (which the Markdown phase made
    /// from [`ReleaseText::lead`]).
    pub fn summary_or<'a>(&'a self, first_paragraph: &'a str) -> &'a str {
        self.summary.as_deref().unwrap_or(first_paragraph)
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
                Code::FileName,
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
            Diagnostic::error(
                Code::LanguageUnknown,
                format!("`{lang}` is not one of the site's languages"),
            )
            .in_file(rel)
            .with_hint(cx.config.language_hint(lang)),
        );
        return (None, problems);
    }
    if let Err(msg) = check_slug(stem) {
        problems.push(
            Diagnostic::error(Code::FileName, msg)
                .in_file(rel)
                .with_hint("rename the file; both languages must share the same name"),
        );
        return (None, problems);
    }
    let file: MarkdownFile<Front> = match read_markdown_with(abs, rel, Front::read) {
        Ok(f) => f,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (src, raw) = (&file.src, &file.front);
    problems.extend_from(src.warnings.iter().cloned());
    let located =
        |d: Diagnostic, a: &Located<String>| d.in_file(rel).at(&src.text, a.at.line, a.at.column);

    let published = match parse_published(&raw.date.value, &cx.config.time_zone) {
        Ok(p) => Some(p),
        Err(msg) => {
            problems.push(located(
                Diagnostic::error(Code::Date, format!("the date {msg}"))
                    .with_hint("write `date: 2025-11-26` or `date: 2025-11-26T15:47:00+05:30` (no offset means the site's time zone)"),
                &raw.date,
            ));
            None
        }
    };
    let updated = match &raw.updated {
        None => None,
        Some(u) => match parse_published(&u.value, &cx.config.time_zone) {
            Ok(p) => Some(p),
            Err(msg) => {
                problems.push(located(
                    Diagnostic::error(Code::Date, format!("`updated`: {msg}")).with_hint(
                        "write the date of the last correction, e.g. `updated: 2025-11-27`",
                    ),
                    u,
                ));
                None
            }
        },
    };
    if raw.title.value.trim().is_empty() {
        problems.push(located(
            Diagnostic::error(Code::TitleEmpty, "the title is empty")
                .with_hint("write the headline after `title:`"),
            &raw.title,
        ));
    }
    let mut states = Vec::new();
    for code in &raw.states {
        let found = cx.states.lookup(&code.value);
        if let Some(w) = found.alias_warning(&code.value) {
            problems.push(located(w, code));
        }
        match found.region() {
            Some(region) => states.push(region.code.clone()),
            None => problems.push(located(
                Diagnostic::error(
                    Code::StateUnknown,
                    format!("unknown state or union territory code `{}`", code.value),
                )
                .with_hint(cx.states.unknown_code_hint(&code.value)),
                code,
            )),
        }
    }
    let events = raw
        .events
        .iter()
        .map(|e| Located {
            value: e.value.trim().to_string(),
            at: e.at,
        })
        .collect();

    let Some(published) = published else {
        return (None, problems);
    };
    if problems.has_errors() {
        return (None, problems);
    }
    let mut field = |value: &Located<String>, name: &str| {
        let (text, warning) = text_field(&value.value, name);
        if let Some(w) = warning {
            problems.push(located(w, value));
        }
        text
    };
    let title = field(&raw.title, "title");
    let ministry = field(&raw.ministry, "ministry");
    let place = field(&raw.place, "place");
    let release_id = raw
        .release_id
        .as_ref()
        .map(|s| field(s, "release_id"))
        .filter(|s| !s.is_empty());
    let summary = raw
        .summary
        .as_ref()
        .map(|s| field(s, "summary"))
        .filter(|s| !s.is_empty());
    let (lead, lead_is_body) = crate::text::lead(file.body());
    let text = ReleaseText {
        stem: stem.to_string(),
        lang: lang.to_string(),
        file: rel.to_path_buf(),
        title,
        published,
        ministry,
        place,
        release_id,
        states,
        events,
        summary,
        draft: raw.draft.as_ref().is_some_and(|d| d.value),
        updated,
        image: located_value(&raw.image),
        source: abs.to_path_buf(),
        stamp: file.src.stamp.clone(),
        body_start: file.body_start,
        lead: lead.to_string(),
        lead_is_body,
    };
    (Some(text), problems)
}

/// A field's value, trimmed, with its place; none when it is empty.
pub(super) fn located_value(field: &Option<Located<String>>) -> Option<Located<String>> {
    field
        .as_ref()
        .map(|f| Located {
            value: f.value.trim().to_string(),
            at: f.at,
        })
        .filter(|f| !f.value.is_empty())
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
    failed: &std::collections::BTreeSet<String>,
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
                Diagnostic::error(
                    Code::Duplicate,
                    format!("the release `{}` in `{}` is written twice", t.stem, t.lang),
                )
                .in_file(&t.file)
                .also(&first.file, None, "the other file with this name")
                .with_hint("rename or remove one of the two files"),
            );
            continue;
        }
        slot.insert(t.lang.clone(), t);
    }
    let mut releases = Vec::new();
    for (stem, texts) in by_stem {
        let langs: Vec<&String> = texts.keys().collect();
        for lang in &cx.config.languages {
            // A file of the stem that failed to load is reported as an error already.
            if !texts.contains_key(lang)
                && !failed.contains(&stem)
                && let Some(other) = texts.values().next()
            {
                problems.push(
                    Diagnostic::warning(Code::TranslationMissing, format!(
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

/// The facts of a release live in each language's file; warn where they differ, and
/// where one text was corrected (`updated:`) on a later day than the other last changed.
fn check_translations_agree(texts: &BTreeMap<String, ReleaseText>, problems: &mut Diagnostics) {
    if let Some(newest) = texts
        .values()
        .filter(|t| t.updated.is_some())
        .max_by_key(|t| t.last_changed())
    {
        for other in texts
            .values()
            .filter(|t| t.last_changed() < newest.last_changed())
        {
            problems.push(super::stale(
                &other.file,
                &newest.file,
                newest.last_changed(),
                Some(other.last_changed()),
            ));
        }
    }
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
                Diagnostic::warning(
                    Code::TranslationsDisagree,
                    format!(
                        "the translations of `{}` disagree on {}",
                        first.stem,
                        differs.join(", ")
                    ),
                )
                .in_file(&other.file)
                .with_hint(format!(
                    "make these fields the same as in {}",
                    first.file.display()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_reader_reads_what_it_takes_as_the_yaml_crate_does() {
        let texts = [
            "Plain words",
            "\"Quoted: with # and 'marks'\"",
            "'Single \"quoted\"'",
            "\"\"",
            "भोपाल में क्रेता-विक्रेता संवाद",
            "\"भोपाल: संवाद\"",
            "2025-11-26",
            "2025-11-26T15:47:00+05:30",
            "123",
            "0x1F",
            "1:30",
            ".inf",
            "true",
            "Yes",
            "off",
            "null",
            "~",
            "NULL",
            "a # comment",
            "a: b",
            "a:b",
            "ends with colon:",
            "- dash",
            "-dash",
            "[not, a, list]",
            "a [b] {c}",
            "{a: b}",
            "&anchor x",
            "*alias",
            "!tag x",
            "|",
            ">",
            "%x",
            "@x",
            "`x`",
            "\"esc\\\"aped\"",
            "\"tab\\tx\"",
            "'it''s'",
            "\"unclosed",
            "'unclosed",
            "\"a\" b",
            "a\tb",
            "a\u{85}b",
            "a\u{7}b",
            "a\u{FEFF}b",
            "trailing   ",
            "x, y",
            "?x",
            "#x",
            // Comments, and `#` that is not one.
            "a # comment",
            "a #",
            "a#b",
            "a  #  c # d",
            "\"q\" # c",
            "\"q\"# c",
            "\"a # b\"",
            "'a # b' # c",
            "'it''s' # c",
            "it's # c",
            "it's",
            "a 'b # c' d",
            "\"x\" y # z",
            "# only a comment",
        ];
        let lists = [
            "[]",
            "[ ]",
            "[MP]",
            "[MP, UP]",
            "[ MP ,UP ]",
            "[क, ख]",
            "[event-00001, e.2_3]",
            "[2019]",
            "[yes]",
            "[null]",
            "[~]",
            "[a b]",
            "[a,]",
            "[,a]",
            "[.5]",
            "[-a]",
            "[\"MP\"]",
            "[[MP]]",
            "[MP",
            "MP",
            "",
            "[MP, UP] # c",
            "[MP, UP]# c",
            "[MP # c]",
            "[MP, # c\n  UP]",
        ];
        let drafts = ["true", "false", "yes", "\"true\"", "True", "1"];
        let mut quick = 0;
        let mut check = |yaml: &str| {
            if let Some(q) = Front::quick(yaml) {
                quick += 1;
                assert_eq!(Ok(q), Front::full(yaml), "{yaml:?}");
            }
        };
        let base = |title: &str, states: &str, draft: &str, gap: &str| {
            format!(
                "title:{gap}{title}\ndate: 2025-11-26\nministry: \"M\"\nplace: P\nstates: {states}\nevents: [e-1, e-2]\ndraft: {draft}\n"
            )
        };
        for t in texts {
            for gap in [" ", "   "] {
                check(&base(t, "[MP]", "false", gap));
            }
            check(&format!(
                "title: T\ndate: {t}\nministry: {t}\nplace: {t}\nsummary: {t}\nrelease_id: {t}\nupdated: {t}\n"
            ));
        }
        for l in lists {
            check(&base("T", l, "false", " "));
        }
        for d in drafts {
            check(&base("T", "[MP]", d, " "));
        }
        for y in [
            // Blank lines, a missing field, a repeated one, an unknown one, a comment,
            // a block list, a value on the next line, document markers.
            "\ntitle: T\n\ndate: D\nministry: M\nplace: P\n\n",
            "title: T\ndate: D\nministry: M\n",
            "title: T\ntitle: U\ndate: D\nministry: M\nplace: P\n",
            "title: T\ndate: D\nministry: M\nplace: P\ncolour: red\n",
            "# note\ntitle: T\ndate: D\nministry: M\nplace: P\n",
            "title: T\ndate: D\nministry: M\nplace: P\nstates:\n  - MP\n",
            "title:\n  T\ndate: D\nministry: M\nplace: P\n",
            "---\ntitle: T\ndate: D\nministry: M\nplace: P\n",
            "title: T\ndate: D\nministry: M\nplace: P\n...\n",
            "title: \"क ख\"\ndate: 2019-01-01T09:00:00+05:30\nministry: \"Ministry of Commerce and Industry\"\nplace: \"Kavaratti\"\nstates: [LD]\nevents: [event-00000]\n",
            // Block scalars, and the forms left to the YAML crate.
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\n  क ख\n  ग # not a comment\nstates: [MP]\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >\n    a\n    b\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: |\n  a\n  b\n\n\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: |-\n  a\n  b",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >- # c\n  a\n",
            "title: >-\n  T\ndate: D\nministry: M\nplace: P\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\n  a\n\n  b\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\n  a\n    b\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\n  a \n  b\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\n  a\tb\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >2-\n  a\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >+\n  a\n\n",
            "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\nstates: [MP]\n",
            "title: T\ndate: D\nministry: M\nplace: P\ndraft: >-\n  true\n",
            // Comment lines anywhere, at any indent.
            "# first\ntitle: T\n  # indented\ndate: D # the day\n\n# between\nministry: M\nplace: P\n# last",
        ] {
            check(y);
        }
        // The usual forms take the quick way, so the comparison above means something.
        assert!(quick > 50, "only {quick} texts took the quick way");
        assert!(Front::quick("title: \"क ख\"\ndate: 2019-01-01T09:00:00+05:30\nministry: \"M\"\nplace: \"P\"\nstates: [LD]\nevents: [event-00000]\n").is_some());
    }

    #[test]
    fn places_from_the_quick_reader_point_into_the_file() {
        let front =
            Front::quick("title: T\ndate: D\nministry: M\nplace: P\nstates: [MP,  क, UP]\n")
                .unwrap();
        let places: Vec<_> = front
            .states
            .iter()
            .map(|s| (s.at.line, s.at.column))
            .collect();
        assert_eq!(places, vec![(5, 10), (5, 15), (5, 18)]);
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    /// The example site's releases: the quick reader takes them (comments and all) and
    /// reads them as the YAML crate does.
    #[test]
    fn the_example_releases_are_read_the_quick_way_alike() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/releases");
        let mut taken = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let yaml = text.split("---\n").nth(1).unwrap();
            let full = Front::full(yaml).unwrap();
            if let Some(quick) = Front::quick(yaml) {
                assert_eq!(quick, full, "{yaml}");
                taken += 1;
            }
        }
        assert!(taken >= 2, "the quick reader took {taken} example releases");
    }
}
