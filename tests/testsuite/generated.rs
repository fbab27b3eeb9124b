//! The benchmark's generated site, at a small size: it builds without warnings, passes
//! the same checks as the example site, is reproducible, and a rebuild after one change
//! touches only the files whose bytes changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::generator;
use crate::support::{SiteTest, between, resolve, snapshot, switch_hrefs};

const NOW: &str = "2022-06-01";

fn generated(pairs: usize) -> SiteTest {
    let st = SiteTest::empty_site();
    let site = generator::generate(pairs, 7);
    generator::write_samvad(&site, st.root(), &crate::support::repo()).unwrap();
    st
}

#[test]
fn the_generator_is_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [a.path(), b.path()] {
        let site = generator::generate(30, 11);
        generator::write_samvad(&site, &dir.join("s"), &crate::support::repo()).unwrap();
        generator::write_hugo(&site, &dir.join("h")).unwrap();
    }
    assert_eq!(snapshot(&a.path().join("s")), snapshot(&b.path().join("s")));
    assert_eq!(snapshot(&a.path().join("h")), snapshot(&b.path().join("h")));
    let other = generator::generate(30, 12);
    let first = generator::generate(30, 11);
    assert_ne!(
        other.releases[0].body, first.releases[0].body,
        "the seed matters"
    );
}

#[test]
fn a_generated_site_builds_cleanly_and_reads_right() {
    let st = generated(60);
    let report = st.build_ok(NOW);
    // The generator's statuses are random: past tentative and postponed events are
    // reported (the author should record what happened), and nothing else.
    let other: Vec<_> = crate::support::content_warnings(&report)
        .into_iter()
        .filter(|w| {
            !w.message.contains("dates have passed")
                && !w.message.contains("postponed from has passed")
        })
        .collect();
    assert!(other.is_empty(), "{other:?}");
    // 60 pairs, 30 events: both languages of every release and event.
    for i in [0, 17, 59] {
        for lang in ["hi", "en"] {
            let path = format!("{lang}/releases/release-{i:05}/index.html");
            let html = st.read(&path);
            assert!(
                html.contains(&format!("<html lang=\"{lang}\" data-tz=")),
                "{path}"
            );
            // The switch goes to the same release in the other language.
            let other = if lang == "hi" { "en" } else { "hi" };
            let target = resolve(&path, &switch_hrefs(&html)[0]);
            assert_eq!(
                target,
                format!("{other}/releases/release-{i:05}/index.html")
            );
        }
    }
    // Every state named by an event has a page that lists that event.
    for n in 0..30 {
        let id = format!("event-{n:05}");
        let yaml = st.source(&format!("content/events/{id}.yaml"));
        let code = between(&yaml, "state: ", "\n").to_ascii_lowercase();
        let state_page = st.read(&format!("en/states/{code}/index.html"));
        assert!(
            state_page.contains(&format!("events/{id}/index.html")),
            "{code} lacks {id}"
        );
    }
    // The schedule's upcoming events are in date order, and so are the past ones (newest
    // first).
    let schedule = st.read("en/schedule/index.html");
    let upcoming = between(
        &schedule,
        "id=\"s-upcoming-heading\"",
        "id=\"s-past-heading\"",
    );
    let past = schedule.split("id=\"s-past-heading\"").nth(1).unwrap();
    let dates = |html: &str| -> Vec<String> {
        html.split("<time datetime=\"")
            .skip(1)
            .map(|s| s[..10].to_string())
            .collect()
    };
    let up = dates(upcoming);
    let gone = dates(past);
    assert!(!up.is_empty() && !gone.is_empty(), "{up:?} {gone:?}");
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "{up:?}");
    assert!(gone.windows(2).all(|w| w[0] >= w[1]), "{gone:?}");
    assert!(gone[0].as_str() < "2022-06-01" && up[0].as_str() >= "2022-06-01");
}

#[test]
fn two_builds_of_a_generated_site_are_identical() {
    let st = generated(40);
    st.build_ok(NOW);
    let first = st.snapshot();
    let again = generated(40);
    again.build_ok(NOW);
    assert_eq!(first, again.snapshot());
}

/// Inode and modification time of every file of a folder.
#[cfg(unix)]
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let m = entry.metadata().unwrap();
            let rel = entry.path().strip_prefix(dir).unwrap();
            out.insert(
                rel.to_string_lossy().replace('\\', "/"),
                (m.ino(), m.mtime(), m.mtime_nsec()),
            );
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn a_rebuild_after_one_change_touches_only_the_files_that_changed() {
    // 120 pairs: release 0 is the oldest, so it is on the last list page, in no feed and not
    // on the home page.
    let st = generated(120);
    st.build_ok(NOW);
    st.build_ok(NOW); // the second build sets up the working copy as a rebuild would
    let before = st.snapshot();
    let ids = identities(&st.output_dir());
    std::thread::sleep(std::time::Duration::from_millis(20));

    let file = "content/releases/release-00000.en.md";
    let source = st.source(file);
    let code = between(&source, "states: [", "]").to_ascii_lowercase();
    let event = between(&source, "events: [", "]").to_string();
    let event_yaml = st.source(&format!("content/events/{event}.yaml"));
    let event_state = between(&event_yaml, "state: ", "\n").to_ascii_lowercase();
    st.edit(file, "title: \"", "title: \"Corrected: ");
    let report = st.build_ok(NOW);

    let after = st.snapshot();
    let (search, changed): (Vec<&String>, Vec<&String>) = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .partition(|k| k.contains("/search/"));
    // Of the search index, in English only: the file of results that shows its title,
    // the file of its new word ("corrected"), and the list of the files and sizes.
    assert!(
        search.iter().all(|k| k.starts_with("en/search/")),
        "{search:?}"
    );
    assert!(
        search.iter().any(|k| k.starts_with("en/search/d/")),
        "{search:?}"
    );
    assert!(search.len() <= 4, "{search:?}");
    // Its page, the last page of the list (20 a page), its event's page, and the pages of
    // its state and of its event's state: in English only.
    let mut expected = vec![
        format!("en/events/{event}/index.html"),
        "en/releases/page/6/index.html".to_string(),
        "en/releases/release-00000/index.html".to_string(),
        format!("en/states/{code}/index.html"),
        format!("en/states/{event_state}/index.html"),
        // The feeds of both states list its title.
        format!("en/states/{code}/feed.xml"),
        format!("en/states/{event_state}/feed.xml"),
    ];
    expected.sort();
    expected.dedup();
    assert_eq!(changed, expected.iter().collect::<Vec<_>>());
    assert_eq!(
        report.files - report.unchanged,
        expected.len() + search.len()
    );

    // Every other file is the same file: same inode, same modification time.
    let now_ids = identities(&st.output_dir());
    for (path, id) in &ids {
        if expected.contains(path) || search.contains(&path) {
            assert_ne!(now_ids[path].0, id.0, "{path} was not rewritten");
        } else {
            assert_eq!(&now_ids[path], id, "{path} was touched");
        }
    }
}

#[test]
fn a_build_killed_during_the_swap_is_recovered() {
    let st = generated(10);
    st.build_ok(NOW);
    st.build_ok(NOW);
    let published = st.snapshot();
    // The fallback swap moves the published folder aside first; a kill right then leaves
    // it there. The next build puts it back before anything else, so it still finds every
    // file unchanged.
    let out = st.output_dir();
    let aside = out.with_file_name(".public.prev");
    fs::rename(&out, &aside).unwrap();
    let report = st.build_ok(NOW);
    assert_eq!(
        report.unchanged, report.files,
        "the previous site was put back"
    );
    assert_eq!(st.snapshot(), published);
    assert!(!aside.exists());
}
