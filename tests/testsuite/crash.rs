//! Builds that are killed, and builds that run at once: the published folder is always
//! the old site or the new one, never a mix, and the next build always works.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::generator;
use crate::support::{SiteTest, snapshot};

const NOW: &str = "2022-06-01";

fn samvad(root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samvad"));
    cmd.args(["build", "--now", NOW, "--root"])
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// A generated site large enough that a build takes a while.
fn site(pairs: usize) -> SiteTest {
    let st = SiteTest::empty_site();
    let generated = generator::generate(pairs, 3);
    generator::write_samvad(&generated, st.root(), &crate::support::repo()).unwrap();
    st
}

/// The two versions of the content a build switches between: as generated, and with
/// one title changed and one release removed.
fn set_version(st: &SiteTest, second: bool) {
    let hi = "content/releases/release-00003.hi.md";
    // The newest release: no other links to it.
    let en = "content/releases/release-00119.en.md";
    let keep = st.root().join("kept-aside.md");
    let title = st.source(hi);
    let changed = title.contains("title: \"CHANGED ");
    if second && !changed {
        st.file(hi, &title.replacen("title: \"", "title: \"CHANGED ", 1));
        std::fs::rename(st.root().join(en), &keep).unwrap();
    } else if !second && changed {
        st.file(hi, &title.replacen("title: \"CHANGED ", "title: \"", 1));
        std::fs::rename(&keep, st.root().join(en)).unwrap();
    }
}

/// What a clean build of the site as it is now writes (built in another folder).
fn expected_tree(st: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    let done = samvad(st.root())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    snapshot(&out)
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let st = site(120);
    let old = expected_tree(&st);
    set_version(&st, true);
    let new = expected_tree(&st);
    set_version(&st, false);
    assert_ne!(old, new);
    // Published: the old site; and how long a rebuild into it takes.
    assert!(samvad(st.root()).status().unwrap().success());
    set_version(&st, true);
    let started = Instant::now();
    assert!(samvad(st.root()).status().unwrap().success());
    let took = started.elapsed();
    assert_eq!(snapshot(&st.output_dir()), new);

    // Switch between the versions, killing each build at a moment further into it.
    let mut published_second = true;
    let mut kinds = BTreeMap::new();
    for i in 0..50u32 {
        let target_second = !published_second;
        set_version(&st, target_second);
        let at = took.mul_f64((f64::from(i) + 0.5) / 50.0);
        let mut child = samvad(st.root()).spawn().unwrap();
        std::thread::sleep(at);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&st.output_dir());
        let (before, after) = if target_second {
            (&old, &new)
        } else {
            (&new, &old)
        };
        if now == *before {
            *kinds.entry("old").or_insert(0) += 1;
        } else if now == *after {
            published_second = target_second;
            *kinds.entry("new").or_insert(0) += 1;
        } else {
            panic!(
                "killed after {at:?} (exit {status:?}): the published folder is neither the old site nor the new one"
            );
        }
    }
    eprintln!("a rebuild took {took:?}; after the kills the site was {kinds:?}");
    assert!(kinds.get("old").copied().unwrap_or(0) >= 10, "{kinds:?}");
    // A killed build's lock and working copy do not stand in the way of the next one.
    set_version(&st, false);
    let out = samvad(st.root()).arg("--no-wait").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&st.output_dir()), old);
    assert!(!st.root().join(".public.lock").exists());
}

#[test]
fn two_builds_started_together_run_one_after_the_other() {
    let st = site(120);
    let expected = expected_tree(&st);
    for _ in 0..2 {
        let a = samvad(st.root()).spawn().unwrap();
        let b = samvad(st.root()).spawn().unwrap();
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(a.status.success() && b.status.success());
        let said: Vec<String> = [&a, &b]
            .iter()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .collect();
        // The one that had to wait says so, and that it built the site as it is now.
        assert!(
            said.iter().any(|s| s.contains("is writing to")
                && s.contains("waiting for it to finish")
                && s.contains("then built the site as it is now")),
            "{said:?}"
        );
        assert_eq!(snapshot(&st.output_dir()), expected);
        assert!(!st.root().join(".public.lock").exists());
    }
}
