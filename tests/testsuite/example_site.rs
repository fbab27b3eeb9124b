//! The repository's example site, built as a reader would see it.

use crate::support::{NOW, SiteTest, attr_values, between, hreflang_links, resolve, switch_hrefs};

const BASE: &str = "https://example.gov.in";

#[test]
fn builds_both_languages_with_their_lang_attribute() {
    let st = SiteTest::example();
    let report = st.build_ok(NOW);
    assert_eq!(report.output, st.output_dir());
    let hi = st.html_pages("hi/");
    let en = st.html_pages("en/");
    assert!(hi.len() > 10, "{hi:?}");
    assert_eq!(report.pages.get("hi"), Some(&hi.len()));
    assert_eq!(report.pages.get("en"), Some(&en.len()));
    for page in &hi {
        assert!(
            st.read(page)
                .contains("<html lang=\"hi\" data-tz=\"Asia/Kolkata\">"),
            "{page}"
        );
    }
    for page in &en {
        assert!(
            st.read(page)
                .contains("<html lang=\"en\" data-tz=\"Asia/Kolkata\">"),
            "{page}"
        );
    }
    for page in [
        "index.html",
        "releases/index.html",
        "releases/kreta-samvad-bhopal/index.html",
        "events/kreta-samvad-bhopal-2025/index.html",
        "schedule/index.html",
        "states/index.html",
        "states/mp/index.html",
        "about/index.html",
    ] {
        assert!(st.exists(&format!("hi/{page}")), "hi/{page}");
        assert!(st.exists(&format!("en/{page}")), "en/{page}");
    }
    assert!(st.exists(".samvad-output"));
    assert!(st.exists("404.html"));
    assert!(st.exists("robots.txt"));
    assert!(st.exists("assets/style.css"));
}

#[test]
fn root_page_links_to_both_languages_without_javascript() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let root = st.read("index.html");
    let hrefs = attr_values(&root, "href");
    assert!(hrefs.contains(&"hi/index.html".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"en/index.html".to_string()), "{hrefs:?}");
    assert!(
        !root.contains("<script"),
        "the root page needs no script:\n{root}"
    );
    assert!(
        !root.contains("http-equiv=\"refresh\""),
        "no redirect either:\n{root}"
    );
    // Each choice is labelled in its own language.
    assert!(root.contains(">हिन्दी</a>"), "{root}");
    assert!(root.contains(">English</a>"), "{root}");
    assert!(
        root.contains(&format!("hreflang=\"x-default\" href=\"{BASE}/\"")),
        "{root}"
    );
}

#[test]
fn language_switch_and_hreflang_are_reciprocal() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let mut checked = 0;
    for hi_page in st.html_pages("hi/") {
        let rest = hi_page.strip_prefix("hi/").unwrap();
        let en_page = format!("en/{rest}");
        assert!(st.exists(&en_page), "{hi_page} has no English counterpart");
        for (page, other) in [(&hi_page, &en_page), (&en_page, &hi_page)] {
            let html = st.read(page);
            let switch = switch_hrefs(&html);
            assert_eq!(switch.len(), 1, "{page}: {switch:?}");
            assert_eq!(resolve(page, &switch[0]), *other, "the switch of {page}");
            assert!(
                !html.contains("class=\"notice\""),
                "{page} says the other language is missing"
            );

            let alternates = hreflang_links(&html);
            let url = |p: &str| format!("{BASE}/{}", p.strip_suffix("index.html").unwrap());
            // x-default: the chooser for the home pages, else the Hindi (default) page.
            let default = if hi_page == "hi/index.html" {
                format!("{BASE}/")
            } else {
                url(&hi_page)
            };
            assert_eq!(
                alternates,
                vec![
                    ("hi".to_string(), url(&hi_page)),
                    ("en".to_string(), url(&en_page)),
                    ("x-default".to_string(), default),
                ],
                "alternates of {page}"
            );
            let canonical = between(&html, "<link rel=\"canonical\" href=\"", "\"");
            assert_eq!(canonical, url(page));
        }
        checked += 1;
    }
    assert_eq!(
        checked,
        st.html_pages("en/").len(),
        "both languages have the same pages"
    );
    assert!(checked >= 17, "{checked}");
}

#[test]
fn every_internal_link_points_at_a_file_that_exists() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let files = st.snapshot();
    for page in files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
    {
        let html = st.read(page);
        for href in attr_values(&html, "href") {
            if href.starts_with("https://") || href.starts_with('#') || href.starts_with("mailto:")
            {
                continue;
            }
            // A subscription: the calendar at that address of the site.
            if let Some(path) = href.strip_prefix("webcal://example.gov.in/") {
                assert!(
                    files.contains_key(path),
                    "{page} subscribes to {href}, which is not there"
                );
                continue;
            }
            let target = resolve(page, href.split('#').next().unwrap());
            assert!(
                files.contains_key(&target),
                "{page} links to {href}, which is not there"
            );
        }
    }
}

#[test]
fn madhya_pradesh_page_lists_the_bhopal_event_and_release() {
    let st = SiteTest::example();
    st.build_ok(NOW);

    let hi = st.read("hi/states/mp/index.html");
    assert!(
        hi.contains("<h1 class=\"page-title\">मध्य प्रदेश</h1>"),
        "{hi}"
    );
    let hi_events = between(&hi, "id=\"s-events-heading\"", "id=\"s-releases-heading\"");
    assert!(
        hi_events.contains(">भोपाल में जेम क्रेता संवाद</a>"),
        "{hi_events}"
    );
    assert!(hi_events.contains("href=\"../../../hi/events/kreta-samvad-bhopal-2025/index.html\""));
    let hi_releases = between(&hi, "id=\"s-releases-heading\"", "</section>");
    assert!(
        hi_releases
            .contains(">भोपाल में 28 नवम्बर को जेम क्रेता संवाद, डिजिटल सार्वजनिक खरीद को मिलेगी मजबूती</a>"),
        "{hi_releases}"
    );
    assert!(hi_releases.contains("href=\"../../../hi/releases/kreta-samvad-bhopal/index.html\""));

    let en = st.read("en/states/mp/index.html");
    assert!(
        en.contains("<h1 class=\"page-title\">Madhya Pradesh</h1>"),
        "{en}"
    );
    let en_events = between(&en, "id=\"s-events-heading\"", "id=\"s-releases-heading\"");
    assert!(
        en_events.contains(">GeM Kreta Samvad in Bhopal</a>"),
        "{en_events}"
    );
    let en_releases = between(&en, "id=\"s-releases-heading\"", "</section>");
    assert!(
        en_releases.contains(">GeM Kreta Samvad in Bhopal on 28 November to strengthen digital public procurement</a>"),
        "{en_releases}"
    );
    // Nothing from other states.
    assert!(!en.contains("Karnataka"), "{en}");
    assert!(!hi.contains("कर्नाटक"), "{hi}");
}

#[test]
fn event_and_release_dates_are_printed_as_releases_print_them() {
    let st = SiteTest::example();
    st.build_ok(NOW);

    let hi_event = st.read("hi/events/kreta-samvad-bhopal-2025/index.html");
    assert!(
        hi_event.contains("<time datetime=\"2025-11-28\">शुक्रवार, 28 नवम्बर, 2025</time>"),
        "{hi_event}"
    );
    assert!(hi_event.contains("<dd>मिन्टो हॉल</dd>"), "{hi_event}");
    let en_event = st.read("en/events/kreta-samvad-bhopal-2025/index.html");
    assert!(
        en_event.contains("<time datetime=\"2025-11-28\">Friday, 28 November 2025</time>"),
        "{en_event}"
    );
    assert!(en_event.contains("<dd>Minto Hall</dd>"), "{en_event}");

    let hi_release = st.read("hi/releases/kreta-samvad-bhopal/index.html");
    let posted = between(&hi_release, "<dt>प्रकाशन तिथि</dt><dd>", "</dd>");
    assert!(posted.contains(">26 नवम्बर, 2025</time>"), "{posted}");
    assert!(posted.contains("15:47"), "{posted}");
    assert!(
        hi_release.contains("<strong>दिल्ली</strong>, 26 नवम्बर, 2025"),
        "{hi_release}"
    );
    let en_release = st.read("en/releases/kreta-samvad-bhopal/index.html");
    let posted = between(&en_release, "<dt>Posted on</dt><dd>", "</dd>");
    assert!(
        posted.contains(">26 November 2025</time>, 15:47 IST"),
        "{posted}"
    );

    // A release dated without a time shows no time.
    let outreach = st.read("en/releases/gem-samvad-outreach/index.html");
    let posted = between(&outreach, "<dt>Posted on</dt><dd>", "</dd>");
    assert!(posted.ends_with(">19 December 2019</time>"), "{posted}");

    // "Last updated" follows the content: the event page shows its newest release's date.
    assert!(
        hi_event.contains("अंतिम अद्यतन: 26 नवम्बर, 2025"),
        "{hi_event}"
    );
}

#[test]
fn pages_that_do_not_depend_on_today_are_the_same_on_any_day() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let about = st.read("en/about/index.html");
    let release = st.read("hi/releases/gem-samvad-outreach/index.html");
    st.build_ok("2031-01-15");
    assert_eq!(st.read("en/about/index.html"), about);
    assert_eq!(
        st.read("hi/releases/gem-samvad-outreach/index.html"),
        release
    );
    // The schedule does depend on today: the Bhopal event is now past.
    assert!(
        st.read("en/schedule/index.html")
            .contains("is-past\" data-state=\"MP\"")
    );
}

#[test]
fn release_page_links_its_event_and_state_in_the_same_language() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let page = "hi/releases/kreta-samvad-bhopal/index.html";
    let html = st.read(page);
    let related = between(&html, "<aside class=\"related\">", "</aside>");
    let targets: Vec<String> = attr_values(related, "href")
        .iter()
        .map(|h| resolve(page, h))
        .collect();
    assert!(
        targets.contains(&"hi/states/mp/index.html".to_string()),
        "{targets:?}"
    );
    assert!(
        targets.contains(&"hi/events/kreta-samvad-bhopal-2025/index.html".to_string()),
        "{targets:?}"
    );
    assert!(related.contains(">मध्य प्रदेश</a>"), "{related}");

    let event = "en/events/kreta-samvad-bhopal-2025/index.html";
    let html = st.read(event);
    let releases = between(&html, "<ul class=\"release-list\">", "</ul>");
    let targets: Vec<String> = attr_values(releases, "href")
        .iter()
        .map(|h| resolve(event, h))
        .collect();
    assert_eq!(
        targets,
        vec!["en/releases/kreta-samvad-bhopal/index.html".to_string()]
    );
}
