//! `samvad init` and `samvad new`: a new site builds as it is, new files have every field
//! explained in their language, and nothing is overwritten.

use std::process::Command;

use crate::support::SiteTest;

fn samvad(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("samvad runs")
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The keys of a front matter (lines `key:` outside comments).
fn keys(front: &str) -> Vec<String> {
    front
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.to_string()))
        .collect()
}

#[test]
fn init_makes_a_site_that_builds_and_says_what_to_do_next() {
    let tmp = tempfile::tempdir().unwrap();
    let out = samvad(tmp.path(), &["init", "my-site"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    let next: Vec<&str> = said.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(next.len(), 3, "{said}");
    assert!(
        next[0].contains("cd my-site") && next[1].contains("samvad build"),
        "{said}"
    );
    let site = tmp.path().join("my-site");
    let built = samvad(&site, &["build"]);
    assert!(built.status.success(), "{}", text(&built));
    // What only the owner can write is asked for, and nothing else.
    let said = String::from_utf8_lossy(&built.stderr);
    let kinds: std::collections::BTreeSet<&str> = said
        .lines()
        .filter_map(|l| l.strip_prefix("warning["))
        .filter_map(|l| l.split(']').next())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["identity-missing", "placeholder-left"],
        "{said}"
    );
    let strict = samvad(&site, &["build", "--strict"]);
    assert!(
        !strict.status.success(),
        "--strict refuses the placeholders"
    );
    for page in [
        "hi/index.html",
        "en/releases/sample-release/index.html",
        "hi/about/index.html",
        "en/events/sample-event/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page}");
    }
    // A folder with anything in it is refused, and left as it was.
    let again = samvad(tmp.path(), &["init", "my-site"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("is not empty"), "{}", text(&again));
}

#[test]
fn new_release_writes_both_languages_with_every_field_explained_as_a_draft() {
    let st = SiteTest::example();
    let before = st.build_ok(crate::support::NOW).pages;
    let out = samvad(st.root(), &["new", "release", "gem-samvad-patna"]);
    assert!(out.status.success(), "{}", text(&out));
    let hi = st.source("content/releases/gem-samvad-patna.hi.md");
    let en = st.source("content/releases/gem-samvad-patna.en.md");
    let every = [
        "title",
        "date",
        "ministry",
        "place",
        "release_id",
        "states",
        "events",
        "summary",
        "draft",
        "updated",
    ];
    for (file, lang_chars) in [(&hi, true), (&en, false)] {
        let front = file.split("---\n").nth(1).unwrap();
        assert_eq!(keys(front), every, "{file}");
        // One comment per field, in the file's language.
        let comments: Vec<&str> = front.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(comments.len(), every.len(), "{file}");
        for c in comments {
            let devanagari = c.chars().any(|ch| ('\u{0900}'..='\u{097F}').contains(&ch));
            assert_eq!(devanagari, lang_chars, "{c}");
        }
        assert!(front.contains("draft: true"), "{file}");
    }
    // Today, in the site's time zone, with its offset.
    assert!(hi.contains("+05:30"), "{hi}");
    // A draft: not built, unless asked for.
    assert_eq!(st.build_ok(crate::support::NOW).pages, before);
    let mut opts = st.options(crate::support::NOW);
    opts.drafts = true;
    samvad::build(&opts).expect("the drafts build");
    assert!(st.exists("en/releases/gem-samvad-patna/index.html"));

    // Nothing is overwritten; a name that is no web address is refused.
    let again = samvad(st.root(), &["new", "release", "gem-samvad-patna"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("exists already"), "{}", text(&again));
    assert_eq!(st.source("content/releases/gem-samvad-patna.hi.md"), hi);
    for bad in ["Patna Meeting", "../evil", "con"] {
        let refused = samvad(st.root(), &["new", "release", bad]);
        assert_eq!(refused.status.code(), Some(1), "{bad}");
        assert!(
            text(&refused).contains("lowercase English letters")
                || text(&refused).contains("device name"),
            "{}",
            text(&refused)
        );
    }
}

#[test]
fn new_event_writes_every_field_in_both_languages_as_a_draft() {
    let st = SiteTest::example();
    let out = samvad(st.root(), &["new", "event", "gem-samvad-patna-2026"]);
    assert!(out.status.success(), "{}", text(&out));
    let file = st.source("content/events/gem-samvad-patna-2026.yaml");
    let every = [
        "state",
        "start",
        "end",
        "time",
        "end_time",
        "status",
        "programme",
        "releases",
        "title",
        "city",
        "venue",
        "description",
        "audience",
        "register_url",
        "register",
        "organiser",
        "contact_name",
        "contact_phone",
        "contact_email",
        "map",
        "coordinates",
        "draft",
        "updated",
    ];
    assert_eq!(keys(&file), every, "{file}");
    for comment in file.lines().filter(|l| l.starts_with('#')) {
        assert!(
            comment.contains(" / ") || comment.contains("या/or"),
            "{comment}"
        );
    }
    let report = st.build_ok(crate::support::NOW);
    assert!(!st.exists("en/events/gem-samvad-patna-2026/index.html"));
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let mut opts = st.options(crate::support::NOW);
    opts.drafts = true;
    samvad::build(&opts).expect("the drafts build");
    assert!(st.exists("en/events/gem-samvad-patna-2026/index.html"));
}
