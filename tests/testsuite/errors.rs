//! A broken input fails the build with diagnostics that name the file and line, and the
//! site built before is left exactly as it was.

use std::fs;

use samvad::BuildFailure;

use crate::support::{NOW, SiteTest, assert_points_at, assert_same_files, error_with, errors};

const BHOPAL: &str = "content/events/kreta-samvad-bhopal-2025.yaml";
const BHOPAL_EN: &str = "content/releases/kreta-samvad-bhopal.en.md";

/// Builds the example, breaks it with `break_it`, builds again: the second build must
/// fail and leave the output (and the folder around it) untouched.
fn fails_keeping_output(break_it: impl FnOnce(&SiteTest)) -> BuildFailure {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let before = st.snapshot();
    assert!(before.len() > 40);
    let beside = entries_beside_output(&st);
    break_it(&st);
    let failure = st.build_err(NOW);
    assert_same_files(&before, &st.snapshot());
    assert_eq!(
        entries_beside_output(&st),
        beside,
        "a staging folder was left behind"
    );
    assert!(
        failure
            .to_string()
            .ends_with("the previous output was left as it was"),
        "{failure}"
    );
    failure
}

fn entries_beside_output(st: &SiteTest) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(st.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The line number (1-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not found"))
        + 1
}

#[test]
fn broken_yaml_in_an_event() {
    let f = fails_keeping_output(|st| {
        st.edit(
            BHOPAL,
            "city: {hi: \"भोपाल\", en: \"Bhopal\"}",
            "city: {hi: \"भोपाल\", en: \"Bhopal\"}}",
        );
    });
    assert_eq!(errors(&f).len(), 1, "{f}");
    let d = errors(&f)[0];
    assert_points_at(d, BHOPAL, 7);
    // Columns count characters, not bytes: the stray `}` after Devanagari text.
    assert_eq!(d.location.as_ref().unwrap().column, 34, "{d}");
    assert!(
        d.to_string()
            .contains("7 | city: {hi: \"भोपाल\", en: \"Bhopal\"}}"),
        "{d}"
    );
    assert!(d.hint.is_some(), "{d}");
}

#[test]
fn unknown_field_in_an_event() {
    let f = fails_keeping_output(|st| {
        st.edit(BHOPAL, "status: scheduled", "statsu: scheduled");
    });
    let d = error_with(&f, "unknown field");
    assert!(d.message.contains("statsu"), "{d}");
    assert_points_at(d, BHOPAL, 3);
}

#[test]
fn unknown_state_code_lists_the_valid_codes() {
    let f = fails_keeping_output(|st| {
        st.edit(BHOPAL, "state: MP", "state: XY");
    });
    let d = error_with(&f, "unknown state or union territory code `XY`");
    assert_points_at(d, BHOPAL, 1);
    let hint = d.hint.as_deref().unwrap();
    for code in [
        "MP (Madhya Pradesh)",
        "KA (Karnataka)",
        "UK (Uttarakhand)",
        "DL (Delhi)",
    ] {
        assert!(hint.contains(code), "{code} not in hint: {hint}");
    }
    assert!(d.to_string().contains("= help: use one of:"), "{d}");
}

#[test]
fn another_code_for_a_state_builds_with_a_warning_naming_the_current_one() {
    // Telangana's current ISO code, and the one before 2023, in a release and an event.
    let st = SiteTest::example();
    st.edit(BHOPAL, "state: MP", "state: TG");
    st.edit(BHOPAL_EN, "states: [MP]", "states: [MP, ts]");
    let report = st.build_ok(NOW);
    let w = report
        .warnings
        .iter()
        .find(|w| w.message.contains("`TG`"))
        .unwrap_or_else(|| panic!("no warning: {:#?}", report.warnings));
    assert_points_at(w, BHOPAL, 1);
    assert!(w.message.contains("Telangana is `TS` now"), "{w}");
    assert_eq!(w.hint.as_deref(), Some("write `TS`"));
    assert!(
        !report.warnings.iter().any(|w| w.message.contains("`ts`")),
        "the current code in lower case is not warned about"
    );
    assert!(st.exists("hi/states/ts/index.html"));
    assert!(
        st.read("en/events/kreta-samvad-bhopal-2025/index.html")
            .contains("Telangana")
    );
}

#[test]
fn an_event_that_ends_before_it_starts() {
    let f = fails_keeping_output(|st| {
        st.edit(
            BHOPAL,
            "start: 2025-11-28\n",
            "start: 2025-11-28\nend: 2025-11-20\n",
        );
    });
    let d = error_with(&f, "before it starts");
    assert_points_at(d, BHOPAL, 3);
    assert!(
        d.message.contains("2025-11-20") && d.message.contains("2025-11-28"),
        "{d}"
    );
}

#[test]
fn an_impossible_date() {
    let f = fails_keeping_output(|st| {
        st.edit(BHOPAL, "start: 2025-11-28", "start: 2025-11-31");
    });
    let d = error_with(&f, "not a real calendar date");
    assert_points_at(d, BHOPAL, 2);
}

#[test]
fn the_same_event_id_in_two_folders() {
    let f = fails_keeping_output(|st| {
        let text = st.source(BHOPAL);
        st.file("content/events/mp/kreta-samvad-bhopal-2025.yaml", &text);
    });
    let d = error_with(&f, "the event id `kreta-samvad-bhopal-2025` is used twice");
    // The id is the file name, so the diagnostic names both files (no line to point at).
    let shown = d.to_string();
    assert!(shown.contains("--> content/events/"), "{shown}");
    let named: Vec<&str> = [BHOPAL, "content/events/mp/kreta-samvad-bhopal-2025.yaml"]
        .into_iter()
        .filter(|p| shown.contains(p))
        .collect();
    assert_eq!(named.len(), 2, "both files should be named:\n{shown}");
    assert!(d.file.is_some());
}

#[test]
fn the_same_release_written_twice_in_one_language() {
    let f = fails_keeping_output(|st| {
        let text = st.source(BHOPAL_EN);
        st.file("content/releases/2025/kreta-samvad-bhopal.en.md", &text);
    });
    let d = error_with(
        &f,
        "the release `kreta-samvad-bhopal` in `en` is written twice",
    );
    let shown = d.to_string();
    assert!(shown.contains(BHOPAL_EN), "{shown}");
    assert!(
        shown.contains("content/releases/2025/kreta-samvad-bhopal.en.md"),
        "{shown}"
    );
    assert!(d.file.is_some());
}

#[test]
fn a_fluent_syntax_error_names_the_file_and_line() {
    let mut line = 0;
    let f = fails_keeping_output(|st| {
        let ftl = "i18n/hi/main.ftl";
        line = line_of(&st.source(ftl), "nav-home = ");
        st.edit(ftl, "nav-home = मुखपृष्ठ", "nav-home मुखपृष्ठ");
    });
    let d = errors(&f)[0];
    assert_eq!(errors(&f).len(), 1, "{f}");
    assert_points_at(d, "i18n/hi/main.ftl", line);
    assert!(
        d.to_string().contains(&format!("{line} | nav-home मुखपृष्ठ")),
        "{d}"
    );
}

#[test]
fn a_fluent_error_further_down_a_file_with_crlf_line_ends() {
    let mut line = 0;
    let f = fails_keeping_output(|st| {
        let ftl = "i18n/en/main.ftl";
        let text = st
            .source(ftl)
            .replace("month-12 = December", "month-12 = { $");
        line = line_of(&text, "month-12 = ");
        st.file(ftl, &text.replace('\n', "\r\n"));
    });
    let d = errors(&f)[0];
    assert_eq!(errors(&f).len(), 1, "{f}");
    assert_points_at(d, "i18n/en/main.ftl", line);
}

#[test]
fn a_release_naming_an_unknown_event() {
    let f = fails_keeping_output(|st| {
        st.edit(
            BHOPAL_EN,
            "events: [kreta-samvad-bhopal-2025]",
            "events: [kreta-samvad-bhopal-2052]",
        );
    });
    let d = error_with(&f, "there is no event `kreta-samvad-bhopal-2052`");
    assert_points_at(d, BHOPAL_EN, 8);
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("did you mean `kreta-samvad-bhopal-2025`?"),
        "{d}"
    );
}

#[test]
fn an_event_naming_an_unknown_release() {
    let f = fails_keeping_output(|st| {
        st.edit(
            BHOPAL,
            "releases: [kreta-samvad-bhopal]",
            "releases: [kreta-samvad-indore]",
        );
    });
    let d = error_with(&f, "there is no release `kreta-samvad-indore`");
    assert_points_at(d, BHOPAL, 5);
}

#[test]
fn a_bad_date_in_release_front_matter_points_at_the_file_line() {
    let f = fails_keeping_output(|st| {
        st.edit(
            BHOPAL_EN,
            "date: 2025-11-26T15:47:00+05:30",
            "date: 26/11/2025",
        );
    });
    let d = error_with(&f, "the date");
    // Line 3 of the file (line 2 of the YAML between the `---` lines).
    assert_points_at(d, BHOPAL_EN, 3);
}

#[test]
fn broken_yaml_in_release_front_matter_points_at_the_file_line() {
    let f = fails_keeping_output(|st| {
        st.edit(BHOPAL_EN, "place: \"Delhi\"", "place: \"Delhi");
    });
    assert_eq!(errors(&f).len(), 1, "{f}");
    let d = errors(&f)[0];
    assert_eq!(
        d.file.as_deref(),
        Some(std::path::Path::new(BHOPAL_EN)),
        "{d}"
    );
    // Where the quote opens, not where the YAML crate noticed.
    assert_points_at(d, BHOPAL_EN, 5);
    assert_eq!(d.location.as_ref().unwrap().column, 8, "{d}");
    assert!(d.message.contains("quote is not closed"), "{d}");
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let f = fails_keeping_output(|st| {
        st.edit(
            "themes/default/templates/page.html",
            "<div class=\"prose\">{{ body | safe }}</div>",
            "<div class=\"prose\">{{ body | safe }</div>",
        );
    });
    assert_eq!(errors(&f).len(), 1, "{f}");
    let d = errors(&f)[0];
    assert_points_at(d, "themes/default/templates/page.html", 5);
}

#[test]
fn a_template_error_in_a_block_tag_names_the_template_and_line() {
    let f = fails_keeping_output(|st| {
        st.edit(
            "themes/default/templates/release.html",
            "{% if release.states or release.events %}",
            "{% if release.states or %}",
        );
    });
    let d = errors(&f)[0];
    let text =
        fs::read_to_string(crate::support::repo().join("themes/default/templates/release.html"))
            .unwrap();
    assert_points_at(
        d,
        "themes/default/templates/release.html",
        line_of(&text, "{% if release.states or release.events %}"),
    );
}

#[test]
fn a_template_asking_for_a_missing_string_names_the_template_and_line() {
    let f = fails_keeping_output(|st| {
        st.edit(
            "themes/default/templates/page.html",
            "<h1 class=\"page-title\">{{ page_title | lang_parts }}</h1>",
            "<h1 class=\"page-title\">{{ t(key=\"no-such-message\") }}</h1>",
        );
    });
    let d = errors(&f)[0];
    assert!(d.to_string().contains("no-such-message"), "{d}");
    assert_points_at(d, "themes/default/templates/page.html", 4);
}

#[test]
fn several_errors_in_different_files_are_all_reported() {
    let f = fails_keeping_output(|st| {
        st.edit(BHOPAL, "state: MP", "state: XY");
        st.edit(
            "content/events/gem-samvad-karnataka-2019.yaml",
            "window: {from: 2019-12-19, to: 2020-02-17}",
            "window: {from: 2019-12-19, to: 2020-02-17",
        );
        st.edit(
            "content/events/gem-samvad-uttarakhand-2019.yaml",
            "window: {from: 2019-12-19, to: 2020-02-17}",
            "window: {from: 2020-02-19, to: 2020-02-17}",
        );
        st.edit(
            BHOPAL_EN,
            "date: 2025-11-26T15:47:00+05:30",
            "date: tomorrow",
        );
        st.edit(
            "content/releases/gem-samvad-outreach.hi.md",
            "gem-samvad-himachal-pradesh-2019,",
            "gem-samvad-himachal-2019,",
        );
        st.edit("i18n/en/main.ftl", "nav-home = Home", "nav-home Home");
    });
    // The reference to the unknown event is reported with the rest.
    let d = error_with(&f, "there is no event `gem-samvad-himachal-2019`");
    assert_points_at(d, "content/releases/gem-samvad-outreach.hi.md", 7);
    // The broken Karnataka file is reported once, not again as an unknown event.
    assert!(
        !f.to_string()
            .contains("there is no event `gem-samvad-karnataka-2019`"),
        "{f}"
    );
    let files: std::collections::BTreeSet<String> = errors(&f)
        .iter()
        .filter_map(|d| {
            d.file
                .as_ref()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    for file in [
        BHOPAL,
        "content/events/gem-samvad-karnataka-2019.yaml",
        "content/events/gem-samvad-uttarakhand-2019.yaml",
        BHOPAL_EN,
        "i18n/en/main.ftl",
    ] {
        assert!(files.contains(file), "no error reported for {file}:\n{f}");
    }
    for d in errors(&f) {
        assert!(d.location.is_some(), "no line in:\n{d}");
    }
    let shown = f.to_string();
    assert!(
        shown.contains(&format!("build failed: {} error(s)", errors(&f).len())),
        "{shown}"
    );
    // Errors come first, sorted by file.
    let first_warning = f
        .diagnostics
        .iter()
        .position(|d| !d.is_error())
        .unwrap_or(f.diagnostics.len());
    assert!(f.diagnostics[..first_warning].iter().all(|d| d.is_error()));
    assert!(f.diagnostics[first_warning..].iter().all(|d| !d.is_error()));
}

#[test]
fn a_failed_first_build_writes_nothing() {
    let st = SiteTest::example();
    st.edit(BHOPAL, "state: MP", "state: XY");
    st.build_err(NOW);
    assert!(!st.output_dir().exists());
    let leftovers: Vec<_> = fs::read_dir(st.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_bad_now_is_an_error() {
    let st = SiteTest::minimal();
    let f = st.build_err("next tuesday");
    assert!(errors(&f)[0].message.contains("--now"), "{f}");
    assert!(!st.output_dir().exists());
}

/// Breaks a content file and the syntax of a template at once.
fn break_content_and_template(st: &SiteTest) {
    st.edit(BHOPAL, "state: MP", "state: XY");
    st.edit(
        "themes/default/templates/page.html",
        "<div class=\"prose\">{{ body | safe }}</div>",
        "<div class=\"prose\">{{ body | safe }</div>",
    );
}

#[test]
fn content_and_template_errors_are_reported_together() {
    let f = fails_keeping_output(break_content_and_template);
    assert_points_at(error_with(&f, "unknown state"), BHOPAL, 1);
    assert_points_at(
        error_with(&f, "is closed here with something else"),
        "themes/default/templates/page.html",
        5,
    );
}

#[test]
fn fluent_and_template_errors_are_reported_together() {
    let f = fails_keeping_output(|st| {
        break_content_and_template(st);
        st.edit("i18n/hi/main.ftl", "nav-home = मुखपृष्ठ", "nav-home मुखपृष्ठ");
    });
    assert_points_at(error_with(&f, "unknown state"), BHOPAL, 1);
    assert!(f.to_string().contains("i18n/hi/main.ftl"), "{f}");
    assert_points_at(
        error_with(&f, "is closed here with something else"),
        "themes/default/templates/page.html",
        5,
    );
}

/// Front matter of plain `key: value` lines is read by a quick reader; its problems must
/// point at the same places as the YAML crate's.
#[test]
fn plain_front_matter_points_at_the_bad_value() {
    let st = SiteTest::minimal();
    let release = |lang: &str, states: &str, date: &str| {
        format!(
            "---\ntitle: \"Release {lang}\"\ndate: {date}\nministry: \"M\"\nplace: P\nstates: {states}\n---\n\nText.\n"
        )
    };
    st.file(
        "content/releases/r.hi.md",
        &release("hi", "[MP]", "2025-11-26"),
    );
    st.file(
        "content/releases/r.en.md",
        &release("en", "[MP,  XY]", "2025-13-26"),
    );
    let f = st.build_err(NOW);
    let d = error_with(&f, "unknown state or union territory code `XY`");
    assert_points_at(d, "content/releases/r.en.md", 6);
    assert_eq!(d.location.as_ref().map(|l| l.column), Some(15), "{d}");
    let d = error_with(&f, "the date");
    assert_points_at(d, "content/releases/r.en.md", 3);
    assert_eq!(d.location.as_ref().map(|l| l.column), Some(7), "{d}");
}
