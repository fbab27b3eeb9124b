//! The schedule: upcoming events in date order, then past ones; "now" decides which is which.

use crate::support::{SiteTest, between, event};

/// Five dated events, written in an order unlike the dates.
fn fixture() -> SiteTest {
    let st = SiteTest::minimal();
    st.file(
        "content/events/e-march.yaml",
        &event("KA", "2026-03-05", "मार्च कार्यक्रम", "March event"),
    )
    .file(
        "content/events/e-dec-late.yaml",
        &event("MP", "2025-12-20", "दिसम्बर बाद", "December late"),
    )
    .file(
        "content/events/e-dec-early.yaml",
        &event("MP", "2025-12-02", "दिसम्बर पहले", "December early"),
    )
    .file(
        "content/events/e-oct.yaml",
        &event("BR", "2025-10-10", "अक्टूबर कार्यक्रम", "October event"),
    )
    .file(
        "content/events/e-sep.yaml",
        &event("BR", "2025-09-01", "सितम्बर कार्यक्रम", "September event"),
    );
    st
}

/// The event titles of a section of the schedule page, in page order.
fn titles(section: &str) -> Vec<String> {
    section
        .split("class=\"event-title\"><a href=\"")
        .skip(1)
        .map(|s| between(s, ">", "</a>").to_string())
        .collect()
}

/// Month headings of a section, in page order.
fn months(section: &str) -> Vec<String> {
    section
        .split("class=\"month-heading\"")
        .skip(1)
        .map(|s| between(s, ">", "</h").to_string())
        .collect()
}

fn sections(html: &str) -> (String, String) {
    let upcoming = between(html, "id=\"s-upcoming-heading\"", "id=\"s-past-heading\"").to_string();
    let past = between(html, "id=\"s-past-heading\"", "</main>").to_string();
    (upcoming, past)
}

#[test]
fn upcoming_in_date_order_then_past_most_recent_month_first() {
    let st = fixture();
    st.build_ok("2025-12-10");
    let html = st.read("en/schedule/index.html");
    let (upcoming, past) = sections(&html);
    assert_eq!(titles(&upcoming), ["December late", "March event"]);
    assert_eq!(months(&upcoming), ["December 2025", "March 2026"]);
    // Past events: the most recent month first, and within a month the latest first.
    assert_eq!(
        titles(&past),
        ["December early", "October event", "September event"]
    );
    assert_eq!(
        months(&past),
        ["December 2025", "October 2025", "September 2025"]
    );
    assert!(past.contains("is-past"));
    assert!(!upcoming.contains("is-past"), "{upcoming}");
    // The upcoming section comes first on the page.
    assert!(html.find("December late").unwrap() < html.find("December early").unwrap());

    let hi = st.read("hi/schedule/index.html");
    let (upcoming, past) = sections(&hi);
    assert_eq!(titles(&upcoming), ["दिसम्बर बाद", "मार्च कार्यक्रम"]);
    assert_eq!(months(&upcoming), ["दिसम्बर 2025", "मार्च 2026"]);
    assert_eq!(
        titles(&past),
        ["दिसम्बर पहले", "अक्टूबर कार्यक्रम", "सितम्बर कार्यक्रम"]
    );
}

#[test]
fn within_a_past_month_the_latest_event_comes_first() {
    let st = fixture();
    st.build_ok("2026-01-15");
    let (upcoming, past) = sections(&st.read("en/schedule/index.html"));
    assert_eq!(titles(&upcoming), ["March event"]);
    assert_eq!(
        titles(&past),
        [
            "December late",
            "December early",
            "October event",
            "September event"
        ]
    );
    assert_eq!(
        months(&past),
        ["December 2025", "October 2025", "September 2025"]
    );
}

#[test]
fn changing_now_moves_an_event_from_upcoming_to_past() {
    let st = fixture();
    // On its own day an event is still upcoming.
    st.build_ok("2025-12-20");
    let (upcoming, past) = sections(&st.read("en/schedule/index.html"));
    assert!(
        titles(&upcoming).contains(&"December late".to_string()),
        "{upcoming}"
    );
    assert!(!titles(&past).contains(&"December late".to_string()));
    let home = st.read("en/index.html");
    assert!(
        home.contains(">December late</a>"),
        "the home page lists it as upcoming"
    );

    // The day after, it is past.
    st.build_ok("2025-12-21");
    let (upcoming, past) = sections(&st.read("en/schedule/index.html"));
    assert!(
        !titles(&upcoming).contains(&"December late".to_string()),
        "{upcoming}"
    );
    assert_eq!(titles(&past)[0], "December late");
    let home = st.read("en/index.html");
    assert!(
        !home.contains(">December late</a>"),
        "the home page no longer lists it"
    );
}

#[test]
fn today_is_decided_in_the_sites_time_zone() {
    let st = fixture();
    // 20:00 UTC on 20 December is 01:30 on 21 December in India.
    st.build_ok("2025-12-20T20:00:00Z");
    let (upcoming, past) = sections(&st.read("en/schedule/index.html"));
    assert_eq!(titles(&past)[0], "December late", "{upcoming}");
    // 18:00 UTC is still 20 December in India.
    st.build_ok("2025-12-20T18:00:00Z");
    let (upcoming, _) = sections(&st.read("en/schedule/index.html"));
    assert_eq!(titles(&upcoming)[0], "December late");
}

#[test]
fn multi_day_event_stays_upcoming_until_its_last_day_and_undated_come_last() {
    let st = fixture();
    st.file(
        "content/events/e-long.yaml",
        "state: MP\nstart: 2025-12-01\nend: 2025-12-12\ntitle: {hi: \"लंबा\", en: \"Long event\"}\n",
    )
    .file(
        "content/events/e-tba.yaml",
        "state: MP\ntitle: {hi: \"अघोषित\", en: \"Unannounced\"}\n",
    );
    st.build_ok("2025-12-10");
    let html = st.read("en/schedule/index.html");
    let (upcoming, past) = sections(&html);
    assert_eq!(
        titles(&upcoming),
        ["Long event", "December late", "March event", "Unannounced"]
    );
    assert_eq!(
        months(&upcoming),
        ["December 2025", "March 2026", "Day not yet fixed"]
    );
    assert!(!past.contains("Long event"));
    let long = st.read("en/events/e-long/index.html");
    assert!(
        long.contains(">Monday, 1 December 2025 to Friday, 12 December 2025</time>"),
        "{long}"
    );
}

#[test]
fn a_state_page_splits_its_events_the_same_way() {
    let st = fixture();
    st.build_ok("2025-12-10");
    let html = st.read("en/states/mp/index.html");
    let upcoming = between(&html, ">Upcoming events</h", ">Past events</h");
    let past = between(&html, ">Past events</h", "</main>");
    assert_eq!(titles(upcoming), ["December late"]);
    assert_eq!(titles(past), ["December early"]);
}
