//! The `samvad` command as a user runs it: its one-line report, its exit status, its
//! errors on standard error, and "now" from `SOURCE_DATE_EPOCH`.

use std::process::Command;

use crate::support::SiteTest;

fn samvad(st: &SiteTest, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samvad"));
    cmd.args(args)
        .arg("--root")
        .arg(st.root())
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}

#[test]
fn build_prints_one_line_with_pages_per_language_and_time() {
    let st = SiteTest::example();
    let out = samvad(&st, &["build", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with("built 118 pages (59 en, 59 hi)"),
        "{stdout}"
    );
    assert!(lines[0].ends_with(" ms"), "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(st.root().join("public/hi/index.html").is_file());
}

#[test]
fn a_broken_site_exits_1_with_the_errors_on_stderr() {
    let st = SiteTest::example();
    st.edit(
        "content/events/kreta-samvad-bhopal-2025.yaml",
        "state: MP",
        "state: XX",
    );
    let out = samvad(&st, &["build", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[state-unknown]: unknown state or union territory code `XX`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/events/kreta-samvad-bhopal-2025.yaml:1:8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the previous output was left as it was"),
        "{stderr}"
    );
    assert!(!st.root().join("public").exists());
}

#[test]
fn source_date_epoch_fixes_now() {
    let st = SiteTest::example();
    // 2025-11-27 00:00 IST: the Bhopal event (28 November 2025) is upcoming.
    let before = samvad(&st, &["build"])
        .env("SOURCE_DATE_EPOCH", "1764181800")
        .output()
        .unwrap();
    assert!(before.status.success());
    let home = std::fs::read_to_string(st.root().join("public/en/index.html")).unwrap();
    assert!(home.contains("GeM Kreta Samvad in Bhopal"), "{home}");
    // 2025-12-01: it is past, and the home page says nothing is coming.
    let after = samvad(&st, &["build"])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(after.status.success());
    let home = std::fs::read_to_string(st.root().join("public/en/index.html")).unwrap();
    assert!(
        home.contains("No upcoming events have been announced."),
        "{home}"
    );
    // --now wins over the environment.
    let flag = samvad(&st, &["build", "--now", "2025-11-27"])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(flag.status.success());
    let home = std::fs::read_to_string(st.root().join("public/en/index.html")).unwrap();
    assert!(home.contains("GeM Kreta Samvad in Bhopal"), "{home}");
}

#[test]
fn check_reports_without_writing() {
    let st = SiteTest::example();
    let out = samvad(&st, &["check", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("checked: 118 pages"));
    assert!(!st.root().join("public").exists());
}

#[test]
fn timings_name_every_phase() {
    let st = SiteTest::example();
    let out = samvad(&st, &["build", "--now", "2025-11-27", "--timings"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for phase in [
        "load",
        "assemble",
        "templates",
        "markdown",
        "render",
        "swap",
        "write",
    ] {
        assert!(
            stdout.lines().any(|l| l.trim_start().starts_with(phase)),
            "no {phase} in:\n{stdout}"
        );
    }
}

#[test]
fn check_groups_problems_by_file_ends_with_totals_and_strict_fails_on_warnings() {
    let st = SiteTest::example();
    // A warning in one file (a release in one language), and in another an event whose
    // tentative days have passed.
    st.remove("content/releases/kreta-samvad-bhopal.en.md");
    st.edit(
        "content/events/gem-samvad-karnataka-2019.yaml",
        "status: scheduled",
        "status: tentative",
    );
    let out = samvad(&st, &["check", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert!(out.status.success(), "warnings alone do not fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let event_at = stderr
        .find("--> content/events/gem-samvad-karnataka-2019.yaml:3:9")
        .unwrap_or_else(|| panic!("{stderr}"));
    let release_at = stderr
        .find("--> content/releases/kreta-samvad-bhopal.hi.md")
        .unwrap();
    assert!(
        event_at < release_at,
        "grouped by file, in order:\n{stderr}"
    );
    assert!(
        stderr.contains("is still `tentative`, but its dates have passed"),
        "{stderr}"
    );
    assert!(stderr.contains("record what happened"), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert_eq!(last, "0 errors and 2 warnings in 2 files", "{stderr}");

    let strict = samvad(&st, &["check", "--strict", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(
        stderr.contains("check failed under --strict: 2 warning(s)"),
        "{stderr}"
    );
    // build --strict publishes nothing while a warning stands.
    let build = samvad(&st, &["build", "--strict", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(1));
    assert!(!st.exists("index.html"));
}

#[test]
fn a_postponed_event_whose_date_has_passed_asks_what_happened() {
    let st = SiteTest::example();
    st.edit(
        "content/events/kreta-samvad-bhopal-2025.yaml",
        "status: scheduled",
        "status: postponed",
    );
    // Before the day: nothing to say.
    let before = samvad(&st, &["check", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&before.stderr).contains("postponed from"));
    let after = samvad(&st, &["check", "--now", "2025-12-05"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&after.stderr);
    assert!(
        stderr.contains("the event `kreta-samvad-bhopal-2025` is `postponed`, and the date it was postponed from has passed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/events/kreta-samvad-bhopal-2025.yaml:3:9"),
        "{stderr}"
    );
}

#[test]
fn build_changes_lists_what_a_deploy_must_upload_and_purge() {
    let st = SiteTest::example();
    let list = st.root().join("changes.txt");
    let build = || {
        let out = samvad(&st, &["build", "--now", "2025-11-27"])
            .arg(format!("--changes={}", list.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&list).unwrap()
    };
    let first = build();
    let lines: Vec<&str> = first.lines().collect();
    assert!(lines.len() > 50, "{first}");
    assert!(lines.iter().all(|l| l.starts_with("added\t")), "{first}");
    assert!(lines.contains(&"added\ten/releases/gem-samvad-outreach/index.html"));
    assert!(!first.contains(".samvad-output"));
    // Nothing changed: nothing to upload.
    assert_eq!(build(), "");
    // One title: its pages and the lists and feed that show it.
    st.edit(
        "content/releases/gem-samvad-outreach.en.md",
        "title: \"GeM Samvad",
        "title: \"New GeM Samvad",
    );
    let edited = build();
    assert!(
        edited.contains("changed\ten/releases/gem-samvad-outreach/index.html\n"),
        "{edited}"
    );
    assert!(edited.contains("changed\ten/feed.xml\n"), "{edited}");
    assert!(
        !edited.contains("hi/releases/gem-samvad-outreach/index.html"),
        "{edited}"
    );
    assert!(
        !edited.contains("added\t") && !edited.contains("removed\t"),
        "{edited}"
    );
    // A page removed: purged.
    st.remove("content/pages/about.en.md");
    let removed = build();
    assert!(
        removed.contains("removed\ten/about/index.html\n"),
        "{removed}"
    );
}

#[test]
fn check_format_json_prints_every_finding_as_one_document_on_stdout() {
    let st = SiteTest::example();
    // Two errors in texts (a link to nothing, a link to a part the page lacks) and a
    // warning without a line (a missing twin).
    st.append(
        "content/releases/gem-samvad-outreach.en.md",
        "\nSee [the schedule](/en/shedule/).\n",
    );
    st.append("content/pages/about.hi.md", "\n[नीचे](#aage)\n");
    st.remove("content/pages/about.en.md");
    let out = samvad(&st, &["check", "--format", "json", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out.stdout);
    // The people's report is not mixed in: stderr has the last line only.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), "check failed: 2 error(s)", "{stderr}");

    assert_eq!(doc["errors"], 2, "{doc:#}");
    assert_eq!(doc["warnings"], 1, "{doc:#}");
    let findings = doc["findings"].as_array().unwrap();
    let link = finding(
        &doc,
        "link-broken",
        "content/releases/gem-samvad-outreach.en.md",
    );
    assert_eq!(link["severity"], "error");
    assert!(link["line"].as_u64().unwrap() > 10, "{link:#}");
    assert_eq!(link["column"], 5, "at the link, after `See `: {link:#}");
    assert!(
        link["message"].as_str().unwrap().contains("/en/shedule/"),
        "{link:#}"
    );
    assert!(link["hint"] == "did you mean `/en/schedule/`?", "{link:#}");
    let part = finding(&doc, "link-broken", "content/pages/about.hi.md");
    assert_eq!(part["column"], 1, "{part:#}");
    assert!(
        part["message"].as_str().unwrap().contains("`aage`"),
        "{part:#}"
    );
    let twin = finding(&doc, "translation-missing", "content/pages/about.hi.md");
    assert_eq!(twin["severity"], "warning");
    assert!(
        twin["line"].is_null() && twin["column"].is_null(),
        "{twin:#}"
    );
    assert!(twin["hint"].is_string(), "{twin:#}");
    for f in findings {
        for key in [
            "file", "line", "column", "severity", "code", "message", "hint", "related",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f:#}");
        }
    }
    // Grouped by file, as the text report is.
    let files: Vec<&str> = findings
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);

    // A problem with a second place lists it under `related`.
    st.edit(
        "content/releases/kreta-samvad-bhopal.hi.md",
        "place: \"दिल्ली\"",
        "place: \"दिल्ली\"\nplace: \"भोपाल\"",
    );
    let out = samvad(&st, &["check", "--format", "json", "--now", "2025-11-27"])
        .output()
        .unwrap();
    let doc = json_of(&out.stdout);
    let twice = finding(
        &doc,
        "field-twice",
        "content/releases/kreta-samvad-bhopal.hi.md",
    );
    assert_eq!(
        (twice["line"].as_u64(), twice["column"].as_u64()),
        (Some(6), Some(1))
    );
    assert_eq!(
        twice["related"][0]["file"],
        "content/releases/kreta-samvad-bhopal.hi.md"
    );
    assert_eq!(twice["related"][0]["line"], 5, "first written: {twice:#}");
    assert_eq!(twice["related"][0]["label"], "first written here");
}

fn json_of(stdout: &[u8]) -> serde_json::Value {
    serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}",
            String::from_utf8_lossy(stdout)
        )
    })
}

/// The one finding of `code` in `file`.
fn finding<'a>(doc: &'a serde_json::Value, code: &str, file: &str) -> &'a serde_json::Value {
    let found: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code && f["file"] == file)
        .collect();
    assert_eq!(found.len(), 1, "{code} in {file}: {doc:#}");
    found[0]
}

#[test]
fn check_format_json_of_a_clean_site_is_an_empty_list_and_strict_counts_warnings() {
    let st = SiteTest::example();
    let out = samvad(&st, &["check", "--format", "json", "--now", "2025-11-27"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"errors": 0, "warnings": 0, "findings": []})
    );
    // The summary line moves to stderr, so stdout stays one document.
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("checked: "));

    st.remove("content/releases/kreta-samvad-bhopal.en.md");
    let out = samvad(
        &st,
        &[
            "check",
            "--strict",
            "--format",
            "json",
            "--now",
            "2025-11-27",
        ],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1), "--strict fails on a warning");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["warnings"], 1);
    assert_eq!(doc["findings"][0]["code"], "translation-missing");
}

#[test]
fn every_problem_code_is_in_the_readme() {
    let readme = std::fs::read_to_string(crate::support::repo().join("README.md")).unwrap();
    for code in samvad::diagnostics::Code::ALL {
        let row = format!("| `{}` |", code.name());
        assert!(readme.contains(&row), "README has no row {row}");
    }
}
