//! The schedule stays true after the build: the example site built on 27 November 2025,
//! opened in headless Chromium whose clock says 1 December 2025, shows the Bhopal
//! meeting (28 November) as past on the home page, the schedule, the Madhya Pradesh page
//! and its own page; opened on 27 November it shows it as upcoming. Without JavaScript
//! the pages say as of when their lists were made.

use serde_json::Value;

use crate::browser::tool;
use crate::cdp::Browser;
use crate::support::{NOW, SiteTest};

const EVENT: &str = "kreta-samvad-bhopal-2025";
const LATER: &str = "2025-12-01T10:00:00+05:30";
const SAME_DAY: &str = "2025-11-27T18:00:00+05:30";

/// Where the Bhopal meeting is on the page, and what the page says around it.
const LOOK: &str = "(() => { \
  const li = document.querySelector('.event[data-last=\"2025-11-28\"]'); \
  const up = document.querySelector('[data-events=\"upcoming\"]'); \
  const past = document.getElementById('s-past-list'); \
  const none = up && up.querySelector('[data-none]'); \
  const asOf = document.querySelector('.as-of'); \
  return { \
    inUpcoming: !!(li && up && up.contains(li)), \
    inPast: !!(li && past && past.contains(li)), \
    firstPast: !!(past && li && past.querySelector('.event') === li), \
    pastClass: !!(li && li.classList.contains('is-past')), \
    noneShown: !!(none && !none.hidden), \
    asOfShown: !!(asOf && !asOf.hidden), \
    status: (document.querySelector('.event-page dd[data-past-text], .event-page .facts div:last-child dd') || {}).textContent || '', \
    actions: (() => { const a = document.querySelector('.event-page .actions'); return a ? !a.hidden : null; })(), \
    now: new Date().toISOString(), tz: document.documentElement.dataset.tz, \
    months: Array.from(document.querySelectorAll('#s-past-list .month-heading')).map(h => h.id), \
  }; })()";

fn site() -> Option<(SiteTest, Browser)> {
    let chromium = tool("chromium")?;
    let st = SiteTest::example();
    st.build_ok(NOW);
    Some((st, Browser::start(&chromium)))
}

fn page(st: &SiteTest, rel: &str) -> String {
    format!("file://{}", st.output_dir().join(rel).display())
}

fn look(browser: &mut Browser, url: &str, now: &str) -> Value {
    let tab = browser.open_at(url, now, 360);
    let v = browser.eval(&tab, LOOK);
    // The page's clock is the fake one, not this machine's.
    assert!(
        v["now"].as_str().is_some_and(|n| n.starts_with(&now[..7])),
        "{v}"
    );
    v
}

#[test]
fn after_the_meeting_every_page_shows_it_as_past() {
    let Some((st, mut browser)) = site() else {
        return;
    };
    for lang in ["hi", "en"] {
        let home = look(
            &mut browser,
            &page(&st, &format!("{lang}/index.html")),
            LATER,
        );
        assert_eq!(home["inUpcoming"], false, "home {lang}: {home}");
        assert_eq!(home["noneShown"], true, "home {lang}: {home}");
        assert_eq!(home["asOfShown"], false, "home {lang}: {home}");

        for list in ["schedule/index.html", "states/mp/index.html"] {
            let v = look(&mut browser, &page(&st, &format!("{lang}/{list}")), LATER);
            assert_eq!(v["inUpcoming"], false, "{lang}/{list}: {v}");
            assert_eq!(v["inPast"], true, "{lang}/{list}: {v}");
            assert_eq!(
                v["firstPast"], true,
                "most recent first: {lang}/{list}: {v}"
            );
            assert_eq!(v["pastClass"], true, "{lang}/{list}: {v}");
            assert_eq!(v["noneShown"], true, "{lang}/{list}: {v}");
            assert_eq!(v["asOfShown"], false, "{lang}/{list}: {v}");
            // Under its own month, with an id of the past's.
            assert_eq!(v["months"][0], "s-p-m-2025-11", "{lang}/{list}: {v}");
        }

        let event = look(
            &mut browser,
            &page(&st, &format!("{lang}/events/{EVENT}/index.html")),
            LATER,
        );
        let held = if lang == "hi" {
            "सम्पन्न"
        } else {
            "Held"
        };
        assert_eq!(event["status"], held, "{lang}: {event}");
        assert_eq!(
            event["actions"], false,
            "no calendar buttons once held: {event}"
        );
    }
}

#[test]
fn on_the_day_it_was_built_the_meeting_is_upcoming() {
    let Some((st, mut browser)) = site() else {
        return;
    };
    let home = look(&mut browser, &page(&st, "en/index.html"), SAME_DAY);
    assert_eq!(home["inUpcoming"], true, "{home}");
    assert_eq!(home["noneShown"], false, "{home}");
    let schedule = look(&mut browser, &page(&st, "en/schedule/index.html"), SAME_DAY);
    assert_eq!(schedule["inUpcoming"], true, "{schedule}");
    let event = look(
        &mut browser,
        &page(&st, &format!("en/events/{EVENT}/index.html")),
        SAME_DAY,
    );
    assert_eq!(event["status"], "Scheduled", "{event}");
    assert_eq!(event["actions"], true, "{event}");
}

#[test]
fn without_javascript_the_lists_say_as_of_when() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    for (rel, line) in [
        ("en/index.html", "As of Thursday, 27 November 2025."),
        (
            "en/schedule/index.html",
            "As of Thursday, 27 November 2025.",
        ),
        (
            "en/states/mp/index.html",
            "As of Thursday, 27 November 2025.",
        ),
        (
            "hi/index.html",
            "यह जानकारी गुरुवार, 27 नवम्बर, 2025 की स्थिति के अनुसार है।",
        ),
    ] {
        let html = st.read(rel);
        assert!(
            html.contains(&format!("data-today=\"2025-11-27\">{line}</p>")),
            "{rel}: {html}"
        );
    }
    // An event still to come dates its page too; one that has taken place reads as held
    // and has no calendar buttons, with or without the script.
    let upcoming = st.read(&format!("en/events/{EVENT}/index.html"));
    assert!(upcoming.contains("class=\"as-of\""), "{upcoming}");
    assert!(
        upcoming.contains("data-past-text=\"Held\">Scheduled</dd>"),
        "{upcoming}"
    );
    st.build_ok("2025-12-01");
    let held = st.read(&format!("en/events/{EVENT}/index.html"));
    assert!(held.contains("<dd>Held</dd>"), "{held}");
    assert!(!held.contains("class=\"as-of\""), "{held}");
    assert!(!held.contains("Add to calendar"), "{held}");
    // Each day of an event says its weekday.
    assert!(held.contains(">Friday, 28 November 2025</time>"), "{held}");
    let hi = st.read(&format!("hi/events/{EVENT}/index.html"));
    assert!(hi.contains(">शुक्रवार, 28 नवम्बर, 2025</time>"), "{hi}");
}

#[test]
fn a_filtered_schedule_keeps_its_state_in_the_address() {
    let Some((st, mut browser)) = site() else {
        return;
    };
    let url = page(&st, "en/schedule/index.html");
    let visible = "(() => ({select: document.getElementById('s-state-select').value, \
        shown: Array.from(document.querySelectorAll('.event')).filter(e => !e.hidden).map(e => e.dataset.state), \
        search: location.search}))()";
    let tab = browser.open_at(&format!("{url}?state=mp"), SAME_DAY, 1280);
    let v = browser.eval(&tab, visible);
    assert_eq!(v["select"], "MP", "{v}");
    assert_eq!(v["shown"], serde_json::json!(["MP"]), "{v}");
    // Choosing another state puts it in the address, so the view can be shared.
    browser.eval(
        &tab,
        "(() => { const s = document.getElementById('s-state-select'); s.value = 'KA'; \
         s.dispatchEvent(new Event('change')); return true; })()",
    );
    let v = browser.eval(&tab, visible);
    assert_eq!(v["search"], "?state=ka", "{v}");
    assert_eq!(v["shown"], serde_json::json!(["KA"]), "{v}");
}

/// Screenshots at 360 and 1280 px in both languages, opened on 1 December, for a person
/// to look at: `SAMVAD_SHOTS=DIR cargo test -- --ignored today_screenshots`.
#[test]
#[ignore]
fn today_screenshots() {
    let (Some(dir), Some((st, mut browser))) = (std::env::var_os("SAMVAD_SHOTS"), site()) else {
        return;
    };
    for lang in ["hi", "en"] {
        for (name, rel) in [
            ("home", "index.html".to_string()),
            ("schedule", "schedule/index.html".to_string()),
            ("state", "states/mp/index.html".to_string()),
            ("states", "states/index.html".to_string()),
            ("event", format!("events/{EVENT}/index.html")),
        ] {
            for width in [360, 1280] {
                let tab = browser.open_at(&page(&st, &format!("{lang}/{rel}")), LATER, width);
                let png = browser.screenshot(&tab);
                let path = std::path::Path::new(&dir).join(format!("{name}-{lang}-{width}.png"));
                std::fs::write(path, png).unwrap();
            }
        }
    }
}
