//! The output folder: reproducible, replaced whole, and never one samvad did not make.

use std::fs;

use samvad::build;

use crate::support::{NOW, SiteTest, assert_same_files, snapshot};

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let first = st.snapshot();
    let report = st.build_ok(NOW);
    assert_same_files(&first, &st.snapshot());
    assert_eq!(report.files, first.len(), "every file is counted");
    assert_eq!(report.unchanged, first.len(), "nothing changed");
    let bytes: usize = first.values().map(|v| v.len()).sum();
    assert_eq!(report.bytes, bytes as u64);

    // A second copy of the site, in another folder, built to another output, is the same too.
    let other = SiteTest::example();
    let mut opts = other.options(NOW);
    let elsewhere = tempfile::tempdir().unwrap();
    opts.output = Some(elsewhere.path().join("site"));
    build(&opts).expect("build");
    assert_same_files(&first, &snapshot(&elsewhere.path().join("site")));
}

#[test]
fn another_now_changes_only_what_depends_on_it() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let a = st.snapshot();
    st.build_ok("2025-11-27T23:00:00+05:30");
    let b = st.snapshot();
    // Same day: the pages are the same; only the calendars' DTSTAMP moves.
    for (k, v) in &a {
        if k.ends_with(".ics") {
            continue;
        }
        assert!(b[k] == *v, "{k} changed with the time of day");
    }
    let ics_a = String::from_utf8(a["hi/schedule/schedule.ics"].clone()).unwrap();
    let ics_b = String::from_utf8(b["hi/schedule/schedule.ics"].clone()).unwrap();
    assert!(ics_a.contains("DTSTAMP:20251126T183000Z"), "{ics_a}");
    assert!(ics_b.contains("DTSTAMP:20251127T173000Z"), "{ics_b}");
}

#[test]
fn stale_files_do_not_survive_a_rebuild() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let out = st.output_dir();
    assert!(out.join(".samvad-output").is_file());
    fs::write(out.join("stray.html"), "old").unwrap();
    fs::create_dir_all(out.join("hi/old-section")).unwrap();
    fs::write(out.join("hi/old-section/index.html"), "old").unwrap();
    let first = st.snapshot();

    // A removed release disappears from the output as well.
    st.remove("content/releases/kreta-samvad-bhopal.en.md");
    st.build_ok(NOW);
    assert!(!out.join("stray.html").exists());
    assert!(!out.join("hi/old-section").exists());
    assert!(
        !out.join("en/releases/kreta-samvad-bhopal/index.html")
            .exists()
    );
    assert!(
        out.join("hi/releases/kreta-samvad-bhopal/index.html")
            .exists()
    );
    assert!(out.join(".samvad-output").is_file());
    assert!(first.contains_key("en/releases/kreta-samvad-bhopal/index.html"));

    // Beside the output there is only the working copy of the next build.
    let beside: Vec<String> = fs::read_dir(st.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(beside, vec![".public.next".to_string()]);
}

#[test]
fn a_folder_not_made_by_samvad_is_refused_and_left_alone() {
    let st = SiteTest::example();
    let out = st.output_dir();
    fs::create_dir_all(out.join("photos")).unwrap();
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    fs::write(out.join("photos/a.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    let before = snapshot(&out);

    let f = st.build_err(NOW);
    assert!(f.to_string().contains("was not made by samvad"), "{f}");
    assert_same_files(&before, &snapshot(&out));
    let beside: Vec<String> = fs::read_dir(st.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn an_empty_folder_may_be_used() {
    let st = SiteTest::example();
    fs::create_dir_all(st.output_dir()).unwrap();
    st.build_ok(NOW);
    assert!(st.exists("hi/index.html"));
}

#[test]
fn check_only_writes_nothing() {
    let st = SiteTest::example();
    let mut opts = st.options(NOW);
    opts.check_only = true;
    let report = build(&opts).expect("check");
    assert!(report.pages["hi"] > 10);
    assert!(!st.output_dir().exists());
}

#[test]
fn check_only_builds_can_run_side_by_side() {
    let sites: Vec<SiteTest> = (0..4).map(|_| SiteTest::example()).collect();
    for _ in 0..3 {
        std::thread::scope(|s| {
            let runs: Vec<_> = sites
                .iter()
                .map(|st| {
                    s.spawn(move || {
                        let mut opts = st.options(NOW);
                        opts.check_only = true;
                        build(&opts)
                    })
                })
                .collect();
            for run in runs {
                if let Err(f) = run.join().unwrap() {
                    panic!("a check-only build failed:\n{f}");
                }
            }
        });
    }
}
