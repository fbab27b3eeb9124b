//! Random inputs: any text in any field, any body, any file name. A build either
//! succeeds and its output holds to the rules of `security` (well-formed feeds and
//! sitemap, no script but the theme's, no handlers, nothing unpublishable, calendars of
//! the writer's own properties), or fails with diagnostics that print and name a file.
//! It never panics, and never writes outside its output folder.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError};
use samvad::{BuildFailure, BuildOptions, BuildReport};

use crate::security::{ics_values, shown, yaml_quote};
use crate::support::{NOW, SiteTest, copy_dir, repo, snapshot};

/// A site build in a debug build takes 50-100 ms: a few dozen cases per property
/// (`PROPTEST_CASES` asks for more).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

/// Characters that mean something to YAML, Markdown, HTML, XML, iCalendar, Fluent or
/// Tera, or that are not publishable, or that are Devanagari (with its combining marks).
const SPECIAL_CHARS: &[char] = &[
    ':',
    '-',
    '?',
    ',',
    '[',
    ']',
    '{',
    '}',
    '#',
    '&',
    '*',
    '!',
    '|',
    '>',
    '<',
    '\'',
    '"',
    '%',
    '@',
    '`',
    '\\',
    '~',
    '=',
    '(',
    ')',
    '_',
    '^',
    '$',
    '.',
    '/',
    ';',
    '+',
    ' ',
    '\n',
    '\r',
    '\t',
    '\0',
    '\u{B}',
    '\u{C}',
    '\u{1B}',
    '\u{7F}',
    '\u{85}',
    '\u{9F}',
    '\u{A0}',
    '\u{2028}',
    '\u{2029}',
    '\u{FEFF}',
    '\u{FFFE}',
    '\u{FFFF}',
    '\u{FDD0}',
    '\u{1FFFE}',
    '\u{202E}',
    '\u{200D}',
    '\u{2068}',
    '\u{FFFD}',
    'क',
    '्',
    'ष',
    'ि',
    'ा',
    'ं',
    '़',
    '।',
    '॥',
    'ॐ',
    '\u{0301}',
    'é',
    'ﬁ',
    '😀',
    '\u{10FFFF}',
];

/// Pieces of markup and syntax.
const TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "</script>",
    "</title>",
    "\"><script>",
    "'onmouseover='x'",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:x>",
    "<a href=\"javascript:alert(1)\">a</a>",
    "<p style=\"x\">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "javascript:",
    "JaVa\tScRiPt:",
    "data:text/html,",
    "vbscript:",
    "&#106;avascript:",
    "&#0;",
    "&#12;",
    "&#x1b;",
    "&#xD;&#xA;",
    "&amp;",
    "&",
    "---",
    "\n---\n",
    "...",
    "- ",
    ": ",
    " #",
    "? ",
    "{#a onclick=x style=y}",
    "## h {#main}",
    "[a](javascript:x)",
    "[a]: javascript:x",
    "<javascript:x>",
    "![i](data:x)",
    "[^1]",
    "\n\n[^1]: n",
    "| a | b |\n|:-|-:|\n| c | d |",
    "```",
    "\n    code",
    "\n\n",
    "\n## ",
    "\n* ",
    "\n1. ",
    "\n> ",
    "{{ site_title }}",
    "{% if x %}",
    "{ $site }",
    "{ -brand }",
    "\\r\\n",
    "\\u000d",
    "\\x00",
    "\\N",
    "\\",
    "\"",
    "'",
    "null",
    "~",
    "true",
    "0x1F",
    "1e3",
    "2025-11-20",
    "!!str ",
    "&anchor ",
    "*alias",
    "%YAML 1.2",
    "\r\nATTENDEE:mailto:e@x.test",
    "\nEND:VEVENT\nBEGIN:VEVENT\n",
    "\u{202E}",
    "https://ok.example/?a=1&b=2",
    "mailto:a@b.c",
    "CON",
    "\t",
];

/// Any string, and strings made of the pieces above (most random strings are letters
/// of scripts no one writes these sites in; the pieces are what breaks parsers).
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        4 => prop::sample::select(SPECIAL_CHARS).prop_map(String::from),
        4 => prop::sample::select(TOKENS).prop_map(String::from),
        2 => "[a-zA-Z0-9 ]{1,8}",
        2 => "[क-ह़ा-ौ्ं ]{1,8}",
    ];
    prop_oneof![
        1 => any::<String>(),
        4 => prop::collection::vec(piece, 0..20).prop_map(|v| v.concat()),
    ]
}

/// The security checks, ids given twice included.
fn audit(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    crate::security::audit(files)
}

/// Runs a build, catching a panic.
fn build_caught(opts: &BuildOptions) -> Result<Result<BuildReport, BuildFailure>, String> {
    catch_unwind(AssertUnwindSafe(|| samvad::build(opts))).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".into())
    })
}

/// The build of `st` (made with the random `input`) is Ok with output that breaks no
/// rule, or Err with diagnostics that print and name a file. Returns the report when it
/// succeeded.
fn holds(st: &SiteTest, input: &str) -> Result<Option<BuildReport>, TestCaseError> {
    let outcome = build_caught(&st.options(NOW));
    let result = outcome.map_err(|p| TestCaseError::fail(format!("the build panicked: {p}")))?;
    match result {
        Ok(report) => {
            let problems: Vec<String> = audit(&st.snapshot());
            let _ = input;
            prop_assert!(
                problems.is_empty(),
                "{} problem(s):\n{}",
                problems.len(),
                problems[..problems.len().min(20)].join("\n")
            );
            prop_assert!(!st.root().join(".public.lock").exists(), "the lock is left");
            Ok(Some(report))
        }
        Err(failure) => {
            diagnostics_print(&failure)?;
            Ok(None)
        }
    }
}

/// Every diagnostic of a failed build prints without panic and names a file.
fn diagnostics_print(failure: &BuildFailure) -> Result<(), TestCaseError> {
    for d in &failure.diagnostics {
        let shown = catch_unwind(AssertUnwindSafe(|| (d.to_string(), d.render(true))))
            .map_err(|_| TestCaseError::fail(format!("printing panicked: {d:?}")))?;
        prop_assert!(
            d.file.is_some(),
            "a diagnostic that names no file:\n{}",
            shown.0
        );
    }
    prop_assert!(
        failure.diagnostics.iter().any(|d| d.is_error()),
        "a failure without an error"
    );
    Ok(())
}

/// The theme and the interface strings of the repository in `site` (linked where the
/// system allows: a copy for each of hundreds of cases was a third of their time).
fn share_theme(site: &Path) {
    for dir in ["i18n", "themes"] {
        #[cfg(unix)]
        std::os::unix::fs::symlink(repo().join(dir), site.join(dir)).expect("link");
        #[cfg(not(unix))]
        crate::support::copy_dir(&repo().join(dir), &site.join(dir));
    }
}

/// A site like [`SiteTest::minimal`], quicker to make.
fn minimal() -> SiteTest {
    let st = SiteTest::empty_site();
    share_theme(st.root());
    st.file(
        "site.yaml",
        "title: {hi: \"परीक्षण साइट\", en: \"Test site\"}\nbase_url: \"https://example.test/samvad\"\nlanguages: [hi, en]\n",
    );
    for dir in ["content/events", "content/releases", "content/pages"] {
        fs::create_dir_all(st.root().join(dir)).expect("create content folders");
    }
    st
}

/// A release with plain fields, one of them replaced by `value` (already YAML).
fn release_with(field: &str, value: &str) -> String {
    let mut fields: BTreeMap<&str, String> = [
        ("title", "\"R\"".to_string()),
        ("date", "2025-11-20".to_string()),
        ("ministry", "\"Ministry of Tests\"".to_string()),
        ("place", "\"New Delhi\"".to_string()),
        ("summary", "\"S\"".to_string()),
        ("release_id", "\"1\"".to_string()),
    ]
    .into_iter()
    .collect();
    fields.insert(field, value.to_string());
    let front: String = [
        "title",
        "date",
        "ministry",
        "place",
        "summary",
        "release_id",
    ]
    .iter()
    .map(|k| format!("{k}: {}\n", fields[k]))
    .collect();
    format!("---\n{front}events: [ev]\n---\n\nBody.\n")
}

const EVENT: &str =
    "state: MP\nstart: 2025-11-28\ntime: \"10:00\"\ntitle: {hi: \"क\", en: \"E\"}\n";

proptest! {
    #![proptest_config(config(20))]

    #[test]
    fn any_text_quoted_in_a_release_field(
        field in prop::sample::select(&["title", "summary", "place", "ministry", "release_id"][..]),
        text in tricky(),
    ) {
        let st = minimal();
        st.file("content/events/ev.yaml", EVENT)
            .file("content/releases/r.hi.md", &release_with(field, &yaml_quote(&text)))
            .file("content/releases/r.en.md", &release_with(field, &yaml_quote(&text)));
        if let Some(_report) = holds(&st, &text)? {
            // A quoted value is the author's text, shown as text.
            let expected = shown(&text);
            if field == "title" && !expected.is_empty() {
                let page = st.read("en/releases/r/index.html");
                let doc = scraper::Html::parse_document(&page);
                let h1: String = doc
                    .select(&scraper::Selector::parse("h1").unwrap())
                    .next()
                    .map(|e| e.text().collect())
                    .unwrap_or_default();
                prop_assert_eq!(h1, expected);
            }
        }
    }

    #[test]
    fn any_text_raw_after_title(text in tricky()) {
        let st = minimal();
        st.file("content/releases/r.hi.md", &release_with("title", &text));
        holds(&st, &text)?;
    }

    #[test]
    fn any_text_as_a_release_body(body in tricky()) {
        let st = minimal();
        st.file(
            "content/releases/r.hi.md",
            &format!("---\ntitle: R\ndate: 2025-11-20\nministry: M\nplace: P\n---\n{body}"),
        )
        .file("content/releases/s.en.md", &crate::support::release("S", "2025-11-21", "", &body));
        holds(&st, &body)?;
    }

    #[test]
    fn any_text_in_an_event(
        field in prop::sample::select(&["title", "city", "venue", "description"][..]),
        lang in prop::sample::select(&["hi", "en"][..]),
        text in tricky(),
    ) {
        let st = minimal();
        let mut fields: BTreeMap<&str, String> = ["title", "city", "venue", "description"]
            .iter()
            .map(|k| (*k, format!("{{hi: \"{k} क\", en: \"{k}\"}}")))
            .collect();
        let other = if lang == "hi" { "en" } else { "hi" };
        fields.insert(field, format!("{{{lang}: {}, {other}: \"x\"}}", yaml_quote(&text)));
        let body: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        st.file(
            "content/events/ev.yaml",
            &format!("state: MP\nstart: 2025-11-28\ntime: \"10:00\"\n{body}"),
        );
        if holds(&st, &text)?.is_some() && field == "title" {
            let expected = shown(&text);
            if !expected.is_empty() {
                let ics = st.read(&format!("{lang}/events/ev/ev.ics"));
                prop_assert_eq!(ics_values(&ics, "SUMMARY"), vec![expected]);
            }
        }
    }

    #[test]
    fn any_text_in_a_page(
        field in prop::sample::select(&["title", "summary", "body"][..]),
        text in tricky(),
    ) {
        let st = minimal();
        let page = match field {
            "title" => format!("---\ntitle: {}\n---\n\nBody.\n", yaml_quote(&text)),
            "summary" => format!("---\ntitle: T\nsummary: {}\n---\n\nBody.\n", yaml_quote(&text)),
            _ => format!("---\ntitle: T\n---\n{text}"),
        };
        st.file("content/pages/p.hi.md", &page)
            .file("content/pages/p.en.md", &page)
            .file("content/events/ev.yaml", EVENT);
        holds(&st, &text)?;
    }

    #[test]
    fn any_site_title_and_description(
        which in prop::sample::select(&["title", "description"][..]),
        text in tricky(),
    ) {
        let st = minimal();
        let quoted = yaml_quote(&text);
        let (title, description) = if which == "title" {
            (quoted.clone(), "\"D\"".to_string())
        } else {
            ("\"T\"".to_string(), quoted.clone())
        };
        st.file(
            "site.yaml",
            &format!(
                "title: {{hi: {title}, en: {title}}}\ndescription: {{hi: {description}, en: {description}}}\nbase_url: \"https://example.test/samvad\"\nlanguages: [hi, en]\n"
            ),
        )
        .file("content/events/ev.yaml", EVENT)
        .file("content/releases/r.hi.md", &crate::support::release("R", "2025-11-20", "", "B"));
        holds(&st, &text)?;
    }

    /// The site title is a Fluent argument (`feed-title = { $site }`): whatever it
    /// holds, the message formats, and the feed's and the calendar's names hold it as
    /// text.
    #[test]
    fn any_site_title_as_a_fluent_argument(text in tricky()) {
        let st = minimal();
        let quoted = yaml_quote(&text);
        st.file(
            "site.yaml",
            &format!(
                "title: {{hi: {quoted}, en: {quoted}}}\nbase_url: \"https://example.test/samvad\"\nlanguages: [hi, en]\n"
            ),
        )
        .file("content/events/ev.yaml", EVENT)
        .file("content/releases/r.hi.md", &crate::support::release("R", "2025-11-20", "", "B"));
        let report = holds(&st, &text)?;
        prop_assert!(report.is_some(), "a quoted title builds");
        let expected = shown(&text);
        for lang in ["hi", "en"] {
            let feed = st.read(&format!("{lang}/feed.xml"));
            let doc = roxmltree::Document::parse(&feed).unwrap();
            let title = doc
                .root_element()
                .children()
                .find(|n| n.tag_name().name() == "title")
                .and_then(|n| n.text().map(str::to_string))
                .unwrap_or_default();
            prop_assert_eq!(&title, &expected);
            let ics = st.read(&format!("{lang}/schedule/schedule.ics"));
            let name = ics_values(&ics, "X-WR-CALNAME");
            prop_assert!(name.len() == 1 && name[0].starts_with(&format!("{expected}: ")), "{:?}", name);
        }
    }
}

// ---------------------------------------------------------------------------------------
// File names.
// ---------------------------------------------------------------------------------------

/// File stems that are not web-address names, or that mean something to a file system.
const STEMS: &[&str] = &[
    "..",
    ".",
    "...",
    "../x",
    "../../x",
    "../../../../../x",
    "a/../../b",
    "a/b",
    "a\\b",
    "..\\..\\x",
    "/tmp/samvad-escape",
    "//x",
    "C:\\x",
    "c:",
    "a\0b",
    "con",
    "CON",
    "nul",
    "com1",
    "lpt9",
    "aux",
    "भोपाल",
    "a.b",
    "a..b",
    ".hidden",
    " a",
    "a ",
    "-a",
    "a-",
    "A",
    "~",
    "a%2e%2e",
    "%2e%2e",
    "index",
    "releases",
    "assets",
    "feed",
    "events",
    "public",
    ".public.next",
    "..public",
    "a\nb",
    "a\rb",
    "a:b",
    "a*b",
    "a?b",
    "a\"b",
    "a<b>",
    "a|b",
    "\u{202E}a",
    "a\u{0301}",
    "ﬁ",
];

fn stem() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        3 => prop::sample::select(STEMS).prop_map(str::to_string),
        2 => "[a-z0-9-]{1,12}",
        1 => "[a-z0-9./\\\\-]{1,12}",
        1 => tricky(),
        1 => (prop::sample::select(STEMS), "[a-z0-9-]{0,6}").prop_map(|(a, b)| format!("{a}/{b}")),
    ]
}

/// `path` (relative to `base`) stays inside `base`, by its parts alone.
fn stays_inside(rel: &Path) -> bool {
    let mut depth: i32 = 0;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// A site four folders deep in a fresh temporary folder, so that a file written above
/// the site (by a name with `..`) is seen too.
struct Nested {
    top: tempfile::TempDir,
    site: PathBuf,
}

impl Nested {
    fn new() -> Nested {
        let top = tempfile::Builder::new()
            .prefix("samvad-props-")
            .tempdir()
            .expect("a temporary folder");
        let site = top.path().join("a/b/c/site");
        // Copied, not linked: every file of the folder is compared before and after.
        for dir in ["i18n", "themes"] {
            copy_dir(&repo().join(dir), &site.join(dir));
        }
        for dir in ["content/events", "content/releases", "content/pages"] {
            fs::create_dir_all(site.join(dir)).unwrap();
        }
        fs::write(
            site.join("site.yaml"),
            "title: {hi: \"क\", en: \"T\"}\nbase_url: \"https://example.test/samvad\"\nlanguages: [hi, en]\n",
        )
        .unwrap();
        fs::write(site.join("content/events/ev.yaml"), EVENT).unwrap();
        Nested { top, site }
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn any_file_name_writes_nothing_outside_the_output(
        name in stem(),
        as_event in any::<bool>(),
    ) {
        let n = Nested::new();
        let (folder, file, text) = if as_event {
            (
                "content/events",
                format!("{name}.yaml"),
                "state: MP\nstart: 2025-11-29\ntitle: {hi: \"क\", en: \"E\"}\n".to_string(),
            )
        } else {
            (
                "content/releases",
                format!("{name}.hi.md"),
                crate::support::release("R", "2025-11-20", "", "Body."),
            )
        };
        let rel = Path::new(folder).join(&file);
        prop_assume!(stays_inside(&rel));
        let path = n.site.join(&rel);
        // Names the file system refuses (NUL, too long) are skipped.
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, &text));
        prop_assume!(written.is_ok());
        let before = snapshot(n.top.path());
        let outcome = build_caught(&BuildOptions {
            now: Some(NOW.to_string()),
            ..BuildOptions::new(&n.site)
        });
        let result = outcome.map_err(|p| TestCaseError::fail(format!("the build panicked: {p}")))?;
        let after = snapshot(n.top.path());
        let inside = |k: &str| {
            k.starts_with("a/b/c/site/public/") || k.starts_with("a/b/c/site/.public.next/")
        };
        for (k, v) in &before {
            prop_assert!(inside(k) || after.get(k) == Some(v), "changed or gone: {k}");
        }
        for k in after.keys() {
            prop_assert!(inside(k) || before.contains_key(k), "written outside the output: {k}");
        }
        prop_assert!(!after.contains_key("a/b/c/site/.public.lock"), "the lock is left");
        match result {
            Ok(_) => {
                let public = snapshot(&n.site.join("public"));
                let problems = audit(&public);
                prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
            }
            Err(f) => diagnostics_print(&f)?,
        }
    }
}
