//! The builds of a serve session, which render again only what an edit shows, against
//! clean builds: after every edit of a random sequence (titles, bodies, dates, statuses,
//! summaries, new and removed releases, interface strings) the session's folder holds
//! exactly the files a clean `build` writes.

use std::path::{Path, PathBuf};

use samvad::BuildOptions;
use samvad::serve::{Scope, Session};

use crate::generator::{self, Rng};
use crate::support::{SiteTest, assert_same_files, snapshot};

const BASE: &str = "http://127.0.0.1:1111/";
const NOW: &str = "2025-06-01";

fn options(root: &Path, out: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.output = Some(out.to_path_buf());
    o.base_url = Some(BASE.to_string());
    o.now = Some(NOW.to_string());
    o
}

fn files_in(root: &Path, dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Changes the first line starting with `field:` by `f`.
fn edit_field(path: &Path, field: &str, f: impl Fn(&str) -> String) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    let mut done = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            if !done && l.starts_with(&format!("{field}:")) {
                done = true;
                f(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    if done {
        std::fs::write(path, lines.join("\n")).unwrap();
    }
    done
}

/// A title or other quoted value with `word` added before its closing quote.
fn add_word(line: &str, word: &str) -> String {
    match line.rfind('"') {
        Some(i) => format!("{} {word}{}", &line[..i], &line[i..]),
        None => format!("{line} {word}"),
    }
}

/// One random edit; returns the files it touched, relative to the site folder.
fn random_edit(root: &Path, rng: &mut Rng, step: usize, added: &mut Vec<String>) -> Vec<PathBuf> {
    let rel = |p: &Path| p.strip_prefix(root).unwrap().to_path_buf();
    let releases = files_in(root, "content/releases", "md");
    let events = files_in(root, "content/events", "yaml");
    let word = format!("edit{step}");
    match rng.range(0, 14) {
        0 | 1 => {
            let f = rng.pick(&releases).clone();
            edit_field(&f, "title", |l| add_word(l, &word));
            vec![rel(&f)]
        }
        2 => {
            let f = rng.pick(&releases).clone();
            let mut text = std::fs::read_to_string(&f).unwrap();
            text.push_str(&format!("\nA paragraph added at step {step}.\n"));
            std::fs::write(&f, text).unwrap();
            vec![rel(&f)]
        }
        3 => {
            // A new date: the order of releases may change.
            let f = rng.pick(&releases).clone();
            let day = rng.range(1, 28);
            edit_field(&f, "date", |_| format!("date: 2024-03-{day:02}"));
            vec![rel(&f)]
        }
        4 => {
            let f = rng.pick(&events).clone();
            let status = *rng.pick(&["scheduled", "postponed", "cancelled", "tentative"]);
            edit_field(&f, "status", |_| format!("status: {status}"));
            vec![rel(&f)]
        }
        5 => {
            let f = rng.pick(&events).clone();
            edit_field(&f, "title", |l| {
                l.replacen("en: \"", &format!("en: \"{word} "), 1)
            });
            vec![rel(&f)]
        }
        6 => {
            // A new day for an event: past and upcoming, and the schedule's order, move.
            let f = rng.pick(&events).clone();
            let month = rng.range(1, 12);
            if !edit_field(&f, "start", |_| format!("start: 2025-{month:02}-10")) {
                return Vec::new();
            }
            vec![rel(&f)]
        }
        7 => {
            let f = rng.pick(&releases).clone();
            if !edit_field(&f, "summary", |l| add_word(l, &word)) {
                edit_field(&f, "place", |l| add_word(l, &word));
            }
            vec![rel(&f)]
        }
        8 => {
            // A new release pair, a copy of one there is.
            let f = rng.pick(&releases).clone();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap().to_string();
            let new_stem = format!("added-{step}");
            let mut touched = Vec::new();
            for lang in ["hi", "en"] {
                let from = f.with_file_name(format!("{stem}.{lang}.md"));
                if let Ok(text) = std::fs::read_to_string(&from) {
                    let to = f.with_file_name(format!("{new_stem}.{lang}.md"));
                    std::fs::write(&to, text).unwrap();
                    touched.push(rel(&to));
                }
            }
            added.push(new_stem);
            touched
        }
        9 => {
            let Some(stem) = added.pop() else {
                return Vec::new();
            };
            let mut touched = Vec::new();
            for lang in ["hi", "en"] {
                let p = root.join(format!("content/releases/{stem}.{lang}.md"));
                if p.exists() {
                    std::fs::remove_file(&p).unwrap();
                    touched.push(rel(&p));
                }
            }
            touched
        }
        10 => {
            let pages = files_in(root, "content/pages", "md");
            let Some(f) = pages.first().cloned() else {
                return Vec::new();
            };
            let mut text = std::fs::read_to_string(&f).unwrap();
            text.push_str(&format!("\nMore about the site, step {step}.\n"));
            std::fs::write(&f, text).unwrap();
            vec![rel(&f)]
        }
        12 => {
            // The first paragraph: the summary of a release that has none written.
            let f = rng.pick(&releases).clone();
            let text = std::fs::read_to_string(&f).unwrap();
            let Some(end) = text[3..].find("\n---\n").map(|i| i + 3 + 5) else {
                return Vec::new();
            };
            let body = text[end..].trim_start_matches('\n');
            let start = text.len() - body.len();
            std::fs::write(&f, format!("{}{word} {}", &text[..start], body)).unwrap();
            vec![rel(&f)]
        }
        13 => {
            // An event's description.
            let f = rng.pick(&events).clone();
            let text = std::fs::read_to_string(&f).unwrap();
            let Some(d) = text.find("description:\n") else {
                return Vec::new();
            };
            let edited = if let Some(i) = text[d..].find("  en: >-\n") {
                let at = d + i + "  en: >-\n".len();
                let line_end = at + text[at..].find('\n').unwrap_or(text.len() - at);
                format!("{} {word}{}", &text[..line_end], &text[line_end..])
            } else if let Some(i) = text[d..].find("  en: \"") {
                let at = d + i + "  en: \"".len();
                format!("{}{word} {}", &text[..at], &text[at..])
            } else {
                return Vec::new();
            };
            std::fs::write(&f, edited).unwrap();
            vec![rel(&f)]
        }
        _ => {
            let f = root.join("i18n/en/main.ftl");
            let mut text = std::fs::read_to_string(&f).unwrap();
            text.push('\n');
            std::fs::write(&f, text).unwrap();
            vec![PathBuf::from("i18n/en/main.ftl")]
        }
    }
}

fn run_sequence(st: &SiteTest, seed: u64, steps: usize) -> (usize, usize) {
    let served = tempfile::tempdir().unwrap();
    let out = served.path().join("site");
    let mut session = Session::new();
    let (_, scope) = session
        .build(&options(st.root(), &out), &[])
        .unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(scope, Scope::Whole);
    let mut rng = Rng::new(seed);
    let mut added = Vec::new();
    let (mut parts, mut wholes) = (0, 0);
    for step in 0..steps {
        let touched = random_edit(st.root(), &mut rng, step, &mut added);
        if touched.is_empty() {
            continue;
        }
        let (_, scope) = session
            .build(&options(st.root(), &out), &touched)
            .unwrap_or_else(|f| panic!("step {step} ({touched:?}): {f}"));
        match scope {
            Scope::Part => parts += 1,
            Scope::Whole => wholes += 1,
        }
        let clean_dir = tempfile::tempdir().unwrap();
        let clean = clean_dir.path().join("site");
        samvad::build(&options(st.root(), &clean)).unwrap_or_else(|f| panic!("{f}"));
        let (a, b) = (snapshot(&out), snapshot(&clean));
        if a != b {
            eprintln!("step {step}: after editing {touched:?} ({scope:?})");
        }
        assert_same_files(&b, &a);
    }
    (parts, wholes)
}

#[test]
fn a_session_after_random_edits_equals_clean_builds_of_a_generated_site() {
    let st = SiteTest::empty_site();
    let generated = generator::generate(60, 5);
    generator::write_samvad(&generated, st.root(), &crate::support::repo()).unwrap();
    let (parts, wholes) = run_sequence(&st, 17, 40);
    // Edits of a text, a title or a status re-render only what shows them; new dates,
    // new releases and interface strings re-render everything.
    assert!(
        parts >= 14 && wholes >= 5,
        "{parts} partial, {wholes} whole"
    );
}

#[test]
fn a_session_after_random_edits_equals_clean_builds_of_the_example_site() {
    let st = SiteTest::example();
    let (parts, _) = run_sequence(&st, 3, 30);
    assert!(parts > 0);
}

#[test]
fn an_edited_release_renders_only_its_own_pages_and_those_that_list_it() {
    let st = SiteTest::empty_site();
    let generated = generator::generate(200, 9);
    generator::write_samvad(&generated, st.root(), &crate::support::repo()).unwrap();
    let served = tempfile::tempdir().unwrap();
    let out = served.path().join("site");
    let mut session = Session::new();
    let (first, _) = session.build(&options(st.root(), &out), &[]).unwrap();
    // The oldest release: on no home page and in no feed.
    let releases = files_in(st.root(), "content/releases", "md");
    let mut oldest = (String::new(), PathBuf::new());
    for f in &releases {
        let text = std::fs::read_to_string(f).unwrap();
        let date = text
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .unwrap()
            .to_string();
        if f.to_string_lossy().ends_with(".en.md") && (oldest.0.is_empty() || date < oldest.0) {
            oldest = (date, f.clone());
        }
    }
    edit_field(&oldest.1, "title", |l| add_word(l, "corrected"));
    let rel = oldest.1.strip_prefix(st.root()).unwrap().to_path_buf();
    let (report, scope) = session.build(&options(st.root(), &out), &[rel]).unwrap();
    assert_eq!(scope, Scope::Part);
    let pages: usize = report.pages.values().sum();
    assert!(
        pages < 20 && report.files < first.files / 10,
        "{pages} pages, {} files rendered of {}",
        report.files,
        first.files
    );
    assert!(report.files - report.unchanged >= 2, "{report:?}");
}

#[test]
fn a_part_renamed_in_one_release_is_an_error_at_the_links_to_it_from_others() {
    use crate::support::release;
    let st = SiteTest::minimal();
    st.file(
        "content/releases/a.en.md",
        &release(
            "A",
            "2025-05-01",
            "",
            "See [the reforms](@/releases/b#reforms).",
        ),
    );
    st.file(
        "content/releases/b.en.md",
        &release("B", "2025-05-02", "", "## Reforms\n\nTwo reforms."),
    );
    let served = tempfile::tempdir().unwrap();
    let out = served.path().join("site");
    let mut session = Session::new();
    session
        .build(&options(st.root(), &out), &[])
        .unwrap_or_else(|f| panic!("{f}"));
    let b = PathBuf::from("content/releases/b.en.md");
    let a = PathBuf::from("content/releases/a.en.md");
    let broken = |f: &samvad::BuildFailure| {
        f.diagnostics
            .iter()
            .filter(|d| d.code == samvad::diagnostics::Code::LinkBroken)
            .map(|d| d.file.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    // Only b is read and rendered again; the link in a, rendered before, breaks.
    st.edit("content/releases/b.en.md", "## Reforms", "## Changes");
    let failure = session
        .build(&options(st.root(), &out), std::slice::from_ref(&b))
        .unwrap_err();
    assert_eq!(broken(&failure), vec![a.clone()], "{failure}");
    assert!(failure.to_string().contains("#changes"), "{failure}");
    // Fixed in a: the site comes back, as a clean build would write it.
    st.edit("content/releases/a.en.md", "#reforms", "#changes");
    session
        .build(&options(st.root(), &out), std::slice::from_ref(&a))
        .unwrap_or_else(|f| panic!("{f}"));
    // Broken from a's side, in a part-only build, then fixed again.
    st.edit("content/releases/a.en.md", "#changes", "#nowhere");
    let failure = session
        .build(&options(st.root(), &out), std::slice::from_ref(&a))
        .unwrap_err();
    assert_eq!(broken(&failure), vec![a.clone()], "{failure}");
    st.edit("content/releases/a.en.md", "#nowhere", "#changes");
    session
        .build(&options(st.root(), &out), std::slice::from_ref(&a))
        .unwrap_or_else(|f| panic!("{f}"));
    // A part-only build after that still knows b's parts.
    st.edit("content/releases/b.en.md", "Two reforms.", "Two changes.");
    session
        .build(&options(st.root(), &out), std::slice::from_ref(&b))
        .unwrap_or_else(|f| panic!("{f}"));
    st.edit("content/releases/b.en.md", "## Changes", "## Reforms");
    let failure = session
        .build(&options(st.root(), &out), std::slice::from_ref(&b))
        .unwrap_err();
    assert_eq!(broken(&failure), vec![a.clone()], "{failure}");
    st.edit("content/releases/b.en.md", "## Reforms", "## Changes");
    session
        .build(&options(st.root(), &out), std::slice::from_ref(&b))
        .unwrap_or_else(|f| panic!("{f}"));
    let clean_dir = tempfile::tempdir().unwrap();
    let clean = clean_dir.path().join("site");
    samvad::build(&options(st.root(), &clean)).unwrap_or_else(|f| panic!("{f}"));
    assert_same_files(&snapshot(&clean), &snapshot(&out));
}
