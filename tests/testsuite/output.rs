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
    // Same day: every file is the same.
    assert_same_files(&a, &b);
    // Days later the lists move on, but no calendar changes: every value in one comes
    // from the content, not the clock.
    st.build_ok("2025-12-01");
    let c = st.snapshot();
    for (k, v) in &a {
        if k.ends_with(".ics") {
            assert!(c[k] == *v, "{k} changed with the day of the build");
        }
    }
    assert!(
        c["en/index.html"] != a["en/index.html"],
        "the home page moved on"
    );
    let ics = String::from_utf8(a["hi/schedule/schedule.ics"].clone()).unwrap();
    // The Bhopal event's newest release is of 26 November (IST).
    assert!(ics.contains("DTSTAMP:20251125T183000Z"), "{ics}");
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

/// What the command prints and how it exits.
fn run_samvad(st: &SiteTest, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args(args)
        .arg("--root")
        .arg(st.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("samvad runs")
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_refused_and_its_target_left_alone() {
    // The deploy layout `public -> release-2025-11-26`: the release the link points to
    // is published and must not change.
    let st = SiteTest::example();
    let mut opts = st.options(NOW);
    opts.output = Some(st.root().join("release-2025-11-26"));
    build(&opts).expect("first build");
    let release = st.root().join("release-2025-11-26");
    std::os::unix::fs::symlink(&release, st.output_dir()).unwrap();
    let before = snapshot(&release);
    st.edit(
        "content/releases/kreta-samvad-bhopal.en.md",
        "title:",
        "title: Changed",
    );
    for check_only in [false, true] {
        let mut opts = st.options(NOW);
        opts.check_only = check_only;
        let f = build(&opts).expect_err("a link is refused");
        let d = crate::support::error_with(&f, "is a link to");
        assert!(d.hint.as_deref().unwrap().contains("ln -sfn"), "{d}");
        assert_same_files(&before, &snapshot(&release));
    }
    assert!(!st.root().join(".public.next").exists());
}

#[test]
fn an_output_folder_inside_the_sites_inputs_is_refused() {
    for (inside, word) in [
        ("themes/default/static/site", "themes"),
        ("content/out", "content"),
        ("i18n/public", "i18n"),
        ("data/public", "data"),
    ] {
        let st = SiteTest::example();
        let mut opts = st.options(NOW);
        opts.output = Some(st.root().join(inside));
        let f = build(&opts).expect_err(inside);
        let d = crate::support::error_with(&f, "is inside the site's");
        assert!(d.message.contains(word), "{d}");
        assert!(!st.root().join(inside).exists(), "{inside} was made");
        // `check` refuses the same folder.
        opts.check_only = true;
        build(&opts).expect_err("check refuses it too");
    }
    // The site's own folder, or one around it.
    let st = SiteTest::example();
    for out in [
        st.root().to_path_buf(),
        st.root().parent().unwrap().to_path_buf(),
    ] {
        let mut opts = st.options(NOW);
        opts.output = Some(out.clone());
        let f = build(&opts).expect_err("the site's own folder");
        assert!(
            f.to_string().contains("holds the site itself")
                || f.to_string().contains("was not made by samvad"),
            "{f}"
        );
    }
    assert!(st.root().join("site.yaml").is_file());
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_as_output_is_refused_before_rendering_with_a_clear_message() {
    let st = SiteTest::example();
    let usb = st.root().join("usb");
    fs::create_dir_all(&usb).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "samvad-test", usb.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (not root?)");
        return;
    }
    let mut opts = st.options(NOW);
    opts.output = Some(usb.clone());
    let result = build(&opts);
    let _ = std::process::Command::new("umount").arg(&usb).status();
    let f = result.expect_err("a mount point is refused");
    let d = crate::support::error_with(&f, "is a mount point");
    assert!(d.hint.as_deref().unwrap().contains("--output"), "{d}");
    // Inside the mount, a build works.
    opts.output = Some(usb.join("site"));
    build(&opts).expect("a folder inside a mount point builds");
}

#[test]
fn hidden_files_and_editor_backups_of_the_theme_are_not_published() {
    let st = SiteTest::example();
    for name in [
        ".env",
        ".git/config",
        ".DS_Store",
        "style.css~",
        "#style.css#",
        ".style.css.swp",
        "img/.hidden.png",
        "Thumbs.db",
    ] {
        st.file(&format!("themes/default/static/{name}"), "secret=1\n");
    }
    st.file("themes/default/static/img/logo.svg", "<svg/>");
    st.build_ok(NOW);
    let published: Vec<String> = st
        .snapshot()
        .into_keys()
        .filter(|p| p.starts_with("assets/"))
        .collect();
    assert!(
        published.contains(&"assets/img/logo.svg".to_string()),
        "{published:?}"
    );
    assert!(
        published.contains(&"assets/style.css".to_string()),
        "{published:?}"
    );
    for p in &published {
        assert!(
            !p.contains("secret")
                && !p.contains("/.")
                && !p.ends_with('~')
                && !p.contains('#')
                && !p.contains("Thumbs"),
            "{p} was published"
        );
    }
}

#[test]
fn an_empty_content_folder_does_not_replace_a_published_site() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let before = st.snapshot();
    for dir in ["content/releases", "content/events", "content/pages"] {
        st.remove(dir);
    }
    let f = st.build_err(NOW);
    let d = crate::support::error_with(&f, "holds no releases, events or pages");
    assert!(d.hint.as_deref().unwrap().contains("--root"), "{d}");
    assert_same_files(&before, &st.snapshot());
}

/// Holds the output's lock as another build would.
fn hold_lock(st: &SiteTest) -> fs::File {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(st.root().join(".public.lock"))
        .unwrap();
    file.lock().unwrap();
    fs::write(st.root().join(".public.lock"), "process 4242").unwrap();
    file
}

#[test]
fn a_build_waits_for_another_build_into_the_same_folder_or_fails_with_no_wait() {
    let st = SiteTest::example();
    let lock = hold_lock(&st);

    let out = run_samvad(&st, &["build", "--now", NOW, "--no-wait"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another samvad build (process 4242) is writing to"),
        "{stderr}"
    );
    assert!(stderr.contains("leave out --no-wait"), "{stderr}");
    assert!(!st.output_dir().exists());

    // Without --no-wait it says it waits, and builds once the other build is done.
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args(["build", "--now", NOW, "--root"])
        .arg(st.root())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        !st.output_dir().exists(),
        "it built while the lock was held"
    );
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("waiting for it to finish"), "{stderr}");
    assert!(stderr.contains("waited "), "{stderr}");
    assert!(st.exists("hi/index.html"));
    // The lock file goes with the build that held it.
    assert!(!st.root().join(".public.lock").exists());
}

#[test]
fn a_lock_left_by_a_killed_build_does_not_block_the_next() {
    let st = SiteTest::example();
    // The file of a lock whose process is gone: nothing holds it.
    st.file(".public.lock", "process 1");
    let out = run_samvad(&st, &["build", "--now", NOW, "--no-wait"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn windows_device_names_are_refused_as_names() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/con.en.md",
        &crate::support::release("T", "2025-11-26", "", "Text."),
    );
    st.file(
        "content/events/com1.yaml",
        &crate::support::event("MP", "2025-11-28", "क", "E"),
    );
    st.file("content/pages/nul.en.md", "---\ntitle: N\n---\nText.\n");
    let f = st.build_err(NOW);
    for file in [
        "content/releases/con.en.md",
        "content/events/com1.yaml",
        "content/pages/nul.en.md",
    ] {
        let d = crate::support::errors(&f)
            .into_iter()
            .find(|d| d.file.as_deref() == Some(std::path::Path::new(file)))
            .unwrap_or_else(|| panic!("no error for {file}:\n{f}"));
        assert!(d.message.contains("device name"), "{d}");
    }
}

#[test]
fn a_theme_outside_themes_is_refused() {
    let st = SiteTest::example();
    st.edit("site.yaml", "theme: default", "theme: ../../elsewhere");
    let f = st.build_err(NOW);
    let d = crate::support::error_with(&f, "is not the name of a folder under themes/");
    crate::support::assert_points_at(d, "site.yaml", 11);
}
