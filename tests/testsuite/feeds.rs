//! Machine-read files: the Atom feeds, the calendars and the sitemap.

use crate::support::{NOW, SiteTest, between, check_xml, xml_unescape};

#[test]
fn the_hindi_feed_is_well_formed_with_one_entry_per_hindi_release() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let feed = st.read("hi/feed.xml");
    let names =
        check_xml(&feed).unwrap_or_else(|e| panic!("hi/feed.xml is not well-formed: {e}\n{feed}"));
    assert_eq!(names[0], "feed");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"hi\">"));
    assert_eq!(names.iter().filter(|n| *n == "entry").count(), 2);

    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    // Newest first.
    assert!(entries[0].contains(
        "<title>भोपाल में 28 नवम्बर को जेम क्रेता संवाद, डिजिटल सार्वजनिक खरीद को मिलेगी मजबूती</title>"
    ));
    assert!(
        entries[0].contains("<id>https://example.gov.in/hi/releases/kreta-samvad-bhopal/</id>")
    );
    assert!(
        entries[0].contains("<published>2025-11-26T15:47:00+05:30</published>"),
        "{}",
        entries[0]
    );
    assert!(
        entries[1].contains("<id>https://example.gov.in/hi/releases/gem-samvad-outreach/</id>")
    );
    // The content is the release body as escaped HTML.
    let content = xml_unescape(between(
        entries[0],
        "<content type=\"html\" xml:base=\"https://example.gov.in/hi/releases/kreta-samvad-bhopal/\">",
        "</content>",
    ));
    assert!(
        content.contains("<h2 id=\"भागीदारी-बढ़ाने-वाले-सुधार\">भागीदारी बढ़ाने वाले सुधार</h2>"),
        "{content}"
    );
    assert!(
        feed.contains("<updated>2025-11-26T10:17:00Z</updated>\n  <author>"),
        "{feed}"
    );

    let en = st.read("en/feed.xml");
    check_xml(&en).unwrap_or_else(|e| panic!("en/feed.xml is not well-formed: {e}"));
    assert!(
        en.contains("<title>GeM Kreta Samvad in Bhopal on 28 November"),
        "{en}"
    );
    assert!(
        !en.contains("भोपाल में 28 नवम्बर"),
        "no Hindi release in the English feed"
    );
}

#[test]
fn markup_and_ampersands_in_a_release_stay_well_formed() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/amp.hi.md",
        &crate::support::release(
            "R&D <नीति> \\\"उद्धरण\\\" 'एक'",
            "2025-11-20",
            "",
            "A & B < C > D, <b>bold</b> & `code <x>` [link](https://a.in/?a=1&b=2)",
        ),
    )
    .file(
        "content/releases/amp.en.md",
        &crate::support::release("R&D <policy>", "2025-11-20", "", "A & B"),
    );
    st.build_ok(NOW);
    for feed in ["hi/feed.xml", "en/feed.xml", "sitemap.xml"] {
        let text = st.read(feed);
        check_xml(&text).unwrap_or_else(|e| panic!("{feed} is not well-formed: {e}\n{text}"));
    }
    let feed = st.read("hi/feed.xml");
    assert!(
        feed.contains("<title>R&amp;D &lt;नीति&gt; &quot;उद्धरण&quot; &apos;एक&apos;</title>"),
        "{feed}"
    );
    let html = st.read("hi/releases/amp/index.html");
    assert!(
        html.contains("R&amp;D &lt;नीति&gt;"),
        "the title is escaped on the page too:\n{html}"
    );
}

/// Checks the framing rules of an iCalendar file and returns its unfolded lines.
fn ics_lines(path: &str, text: &str) -> Vec<String> {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{path}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{path}");
    let body = text.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "{path}: bare line break in {line:?}"
        );
        assert!(
            line.len() <= 75,
            "{path}: {} octets in {line:?}",
            line.len()
        );
    }
    body.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn calendars_are_framed_folded_and_date_the_bhopal_event() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let all = st.snapshot();
    let calendars: Vec<&String> = all.keys().filter(|k| k.ends_with(".ics")).collect();
    assert!(calendars.len() >= 10, "{calendars:?}");
    for path in &calendars {
        let text = String::from_utf8(all[*path].clone()).unwrap();
        let lines = ics_lines(path, &text);
        let begins = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
        let ends = lines.iter().filter(|l| *l == "END:VEVENT").count();
        assert_eq!(begins, ends, "{path}");
        assert!(lines.iter().any(|l| l == "VERSION:2.0"), "{path}");
    }

    for lang in ["hi", "en"] {
        let path = format!("{lang}/events/kreta-samvad-bhopal-2025/kreta-samvad-bhopal-2025.ics");
        let lines = ics_lines(&path, &st.read(&path));
        assert!(
            lines.contains(&"DTSTART;VALUE=DATE:20251128".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"DTEND;VALUE=DATE:20251129".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"UID:kreta-samvad-bhopal-2025@example.gov.in".to_string()),
            "{lines:#?}"
        );
        let url = format!("URL:https://example.gov.in/{lang}/events/kreta-samvad-bhopal-2025/");
        assert!(lines.contains(&url), "{lines:#?}");
    }
    let hi = ics_lines(
        "hi",
        &st.read("hi/events/kreta-samvad-bhopal-2025/kreta-samvad-bhopal-2025.ics"),
    );
    assert!(
        hi.contains(&"SUMMARY:भोपाल में जेम क्रेता संवाद".to_string()),
        "{hi:#?}"
    );
    assert!(
        hi.contains(&"LOCATION:मिन्टो हॉल\\, भोपाल\\, मध्य प्रदेश".to_string()),
        "{hi:#?}"
    );
    // The Hindi description is long: it is folded, and unfolds to the whole text.
    let raw = st.read("hi/events/kreta-samvad-bhopal-2025/kreta-samvad-bhopal-2025.ics");
    assert!(raw.contains("\r\n "), "long lines are folded");
    assert!(
        hi.iter().any(
            |l| l.starts_with("DESCRIPTION:वाणिज्य एवं उद्योग मंत्रालय") && l.contains("चर्चा होगी।")
        )
    );

    // Undated events (only a window) are not in any calendar.
    let schedule = ics_lines("schedule", &st.read("en/schedule/schedule.ics"));
    assert_eq!(
        schedule.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        1,
        "{schedule:#?}"
    );
    assert!(!st.exists("en/events/gem-samvad-karnataka-2019/gem-samvad-karnataka-2019.ics"));
}

#[test]
fn timed_events_are_in_utc_in_calendars() {
    let st = SiteTest::minimal();
    st.file(
        "content/events/timed.yaml",
        "state: MP\nstart: 2025-12-01\ntime: \"10:30\"\nend_time: \"13:00\"\ntitle: {hi: \"समय\", en: \"Timed\"}\n",
    );
    st.build_ok(NOW);
    let lines = ics_lines("timed", &st.read("en/events/timed/timed.ics"));
    assert!(
        lines.contains(&"DTSTART:20251201T050000Z".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"DTEND:20251201T073000Z".to_string()),
        "{lines:#?}"
    );
    let page = st.read("en/events/timed/index.html");
    assert!(
        page.contains("<time datetime=\"2025-12-01T10:30+05:30\">Monday, 1 December 2025</time>"),
        "{page}"
    );
    assert!(page.contains("<dd>10:30 to 13:00 IST</dd>"), "{page}");
}

#[test]
fn the_sitemap_lists_both_languages_with_alternates() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let sitemap = st.read("sitemap.xml");
    let names =
        check_xml(&sitemap).unwrap_or_else(|e| panic!("sitemap.xml is not well-formed: {e}"));
    assert_eq!(names[0], "urlset");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));

    // The chooser at the root, and every page but the search pages, which show a
    // search engine nothing of their own.
    let pages = st.html_pages("hi/").len() + st.html_pages("en/").len() - 2;
    assert_eq!(names.iter().filter(|n| *n == "url").count(), 1 + pages);
    assert!(!sitemap.contains("/search/"));
    let root = sitemap.split("<url>").nth(1).unwrap();
    assert!(
        root.contains("<loc>https://example.gov.in/</loc>"),
        "{root}"
    );
    for url in sitemap.split("<url>").skip(2) {
        let loc = between(url, "<loc>", "</loc>");
        let rest = loc.strip_prefix("https://example.gov.in/").expect(loc);
        let path = rest.split_once('/').map(|(_, p)| p).unwrap();
        assert!(rest.starts_with("hi/") || rest.starts_with("en/"), "{loc}");
        for lang in ["hi", "en"] {
            let alt = format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"https://example.gov.in/{lang}/{path}\"/>"
            );
            assert!(url.contains(&alt), "{alt} missing in {url}");
        }
        // x-default: the chooser for the home pages, else the Hindi page.
        let default = if path.is_empty() {
            "https://example.gov.in/".to_string()
        } else {
            format!("https://example.gov.in/hi/{path}")
        };
        let alt =
            format!("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{default}\"/>");
        assert!(url.contains(&alt), "{alt} missing in {url}");
        // Each says when it last changed, as its page does.
        let day = between(url, "<lastmod>", "</lastmod>");
        assert_eq!(day.len(), 10, "{url}");
    }
    // The release's day is its `date` (it has no `updated`), as on its page.
    let release = between(
        &sitemap,
        "<loc>https://example.gov.in/en/releases/kreta-samvad-bhopal/</loc>",
        "</url>",
    );
    assert!(
        release.contains("<lastmod>2025-11-26</lastmod>"),
        "{release}"
    );
    // The chooser and the home pages are one set, each naming the others.
    for home in [
        "https://example.gov.in/",
        "https://example.gov.in/hi/",
        "https://example.gov.in/en/",
    ] {
        let entry = between(&sitemap, &format!("<loc>{home}</loc>"), "</url>");
        for other in ["hi/\"", "en/\""] {
            assert!(
                entry.contains(&format!("href=\"https://example.gov.in/{other}")),
                "{entry}"
            );
        }
        assert!(
            entry.contains("hreflang=\"x-default\" href=\"https://example.gov.in/\""),
            "{entry}"
        );
    }
    assert!(sitemap.contains("<loc>https://example.gov.in/hi/states/mp/</loc>"));
    assert!(sitemap.contains("<loc>https://example.gov.in/en/states/mp/</loc>"));
    assert_eq!(
        st.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.gov.in/sitemap.xml\n"
    );
}

#[test]
fn base_url_with_a_path_is_used_in_absolute_links() {
    let st = SiteTest::example();
    let mut opts = st.options(NOW);
    opts.base_url = Some("https://example.gov.in/samvad/".into());
    samvad::build(&opts).expect("build");
    let page = st.read("en/states/mp/index.html");
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://example.gov.in/samvad/en/states/mp/\">"
        ),
        "{page}"
    );
    let sitemap = st.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.gov.in/samvad/hi/</loc>"),
        "{sitemap}"
    );
    let not_found = st.read("404.html");
    assert!(
        not_found.contains("href=\"/samvad/hi/index.html\""),
        "{not_found}"
    );
    assert!(
        not_found.contains("href=\"/samvad/assets/style.css\""),
        "{not_found}"
    );
}

#[test]
fn dtend_has_the_value_type_of_dtstart() {
    let st = SiteTest::minimal();
    st.file(
        "content/events/two-days.yaml",
        "state: MP\nstart: 2025-12-01\nend: 2025-12-02\ntime: \"10:00\"\ntitle: {hi: \"दो दिन\", en: \"Two days\"}\n",
    );
    st.build_ok(NOW);
    let lines = ics_lines("two-days", &st.read("en/events/two-days/two-days.ics"));
    let start = lines.iter().find(|l| l.starts_with("DTSTART")).unwrap();
    let end = lines
        .iter()
        .find(|l| l.starts_with("DTEND") || l.starts_with("DURATION"))
        .unwrap();
    assert_eq!(start, "DTSTART:20251201T043000Z");
    if end.starts_with("DTEND") {
        assert_eq!(
            start.contains("VALUE=DATE"),
            end.contains("VALUE=DATE"),
            "DTSTART and DTEND differ in value type: {start} / {end}"
        );
    }
}

#[test]
fn a_corrected_release_has_its_correction_date_in_the_feed() {
    let st = SiteTest::minimal();
    let extra = "updated: 2025-11-28T09:00:00+05:30\n";
    st.file(
        "content/releases/corrected.hi.md",
        &crate::support::release("सुधार", "2025-11-26T15:47:00+05:30", extra, "पाठ।"),
    )
    .file(
        "content/releases/corrected.en.md",
        &crate::support::release("Corrected", "2025-11-26T15:47:00+05:30", extra, "Text."),
    );
    st.build_ok("2025-11-29");
    let feed = st.read("en/feed.xml");
    let entry = between(&feed, "<entry>", "</entry>");
    assert!(
        entry.contains("<published>2025-11-26T15:47:00+05:30</published>"),
        "{entry}"
    );
    assert!(
        entry.contains("<updated>2025-11-28T09:00:00+05:30</updated>"),
        "{entry}"
    );
    assert!(
        feed.contains("<updated>2025-11-28T03:30:00Z</updated>\n  <author>"),
        "{feed}"
    );
}

#[test]
fn an_event_over_several_days_with_daily_times_happens_each_day() {
    let st = SiteTest::minimal();
    st.file(
        "content/events/camp.yaml",
        "state: MP\nstart: 2025-12-01\nend: 2025-12-03\ntime: \"10:00\"\nend_time: \"17:00\"\ntitle: {hi: \"शिविर\", en: \"Camp\"}\n",
    );
    st.build_ok(NOW);
    let lines = ics_lines("camp", &st.read("en/events/camp/camp.ics"));
    for want in [
        "DTSTART:20251201T043000Z",
        // 10:00 to 17:00 IST on the first day, not a 55-hour block.
        "DTEND:20251201T113000Z",
        "RRULE:FREQ=DAILY;COUNT=3",
        "URL:https://example.test/samvad/en/events/camp/",
        "DESCRIPTION:https://example.test/samvad/en/events/camp/",
    ] {
        assert!(
            lines.contains(&want.to_string()),
            "{want} not in {lines:#?}"
        );
    }
    // The Google Calendar link says the same, as a plain link.
    let page = st.read("en/events/camp/index.html");
    let google = crate::support::attr_values(&page, "href")
        .into_iter()
        .find(|h| h.starts_with("https://calendar.google.com/"))
        .unwrap_or_else(|| panic!("no Google link in {page}"))
        .replace("&amp;", "&");
    assert!(
        google.contains("&dates=20251201T043000Z/20251201T113000Z")
            && google.contains("&recur=RRULE%3AFREQ%3DDAILY%3BCOUNT%3D3")
            && google.contains("&text=Camp&"),
        "{google}"
    );
}

#[test]
fn where_the_clock_changes_within_an_event_each_day_is_an_event_of_its_own() {
    let st = SiteTest::minimal();
    st.edit(
        "site.yaml",
        "time_zone: Asia/Kolkata",
        "time_zone: Europe/London",
    );
    // British Summer Time ends on 26 October 2025.
    st.file(
        "content/events/camp.yaml",
        "state: MP\nstart: 2025-10-25\nend: 2025-10-27\ntime: \"10:00\"\nend_time: \"12:00\"\ntitle: {hi: \"शिविर\", en: \"Camp\"}\n",
    );
    st.build_ok(NOW);
    let lines = ics_lines("camp", &st.read("en/events/camp/camp.ics"));
    assert!(!lines.iter().any(|l| l.starts_with("RRULE")), "{lines:#?}");
    for want in [
        "UID:camp-1@example.test",
        "DTSTART:20251025T090000Z",
        "UID:camp-2@example.test",
        "DTSTART:20251026T100000Z",
        "UID:camp-3@example.test",
        "DTSTART:20251027T100000Z",
    ] {
        assert!(
            lines.contains(&want.to_string()),
            "{want} not in {lines:#?}"
        );
    }
}

#[test]
fn every_state_and_ut_has_its_page_calendar_and_feed_before_its_first_event() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let all = st.snapshot();
    for lang in ["hi", "en"] {
        for code in ["mh", "ld", "mp", "dl", "ka"] {
            for file in ["index.html", &format!("{code}.ics"), "feed.xml"] {
                let path = format!("{lang}/states/{code}/{file}");
                assert!(all.contains_key(&path), "{path} is missing");
            }
        }
        let pages = all
            .keys()
            .filter(|k| k.starts_with(&format!("{lang}/states/")) && k.ends_with("/index.html"))
            .count();
        assert_eq!(pages, 36 + 1, "36 states and UTs and the index in {lang}");
    }
    // Maharashtra has nothing yet: a calendar with no events, a feed with no entries,
    // and a page that says so and offers both.
    let ics = ics_lines("mh", &st.read("en/states/mh/mh.ics"));
    assert!(!ics.iter().any(|l| l == "BEGIN:VEVENT"), "{ics:#?}");
    let feed = st.read("en/states/mh/feed.xml");
    roxmltree::Document::parse(&feed).unwrap();
    assert!(!feed.contains("<entry>"), "{feed}");
    let page = st.read("en/states/mh/index.html");
    assert!(
        page.contains("No events are listed for Maharashtra."),
        "{page}"
    );
    assert!(page.contains("<p class=\"lede\">State</p>"), "{page}");
    assert!(
        page.contains("href=\"webcal://example.gov.in/en/states/mh/mh.ics\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../../en/states/mh/feed.xml\""),
        "{page}"
    );
    // Madhya Pradesh: its release is in its feed, its next event on its page.
    let mp = st.read("en/states/mp/feed.xml");
    assert_eq!(mp.matches("<entry>").count(), 1, "{mp}");
    assert!(mp.contains("GeM Kreta Samvad in Bhopal"), "{mp}");
    let page = st.read("en/states/mp/index.html");
    assert!(
        page.contains("Next event: GeM Kreta Samvad in Bhopal, on 28 November 2025"),
        "{page}"
    );
    let hi = st.read("hi/states/mp/index.html");
    assert!(hi.contains("1 आगामी कार्यक्रम"), "{hi}");
    // The schedule offers a subscription beside the download.
    let schedule = st.read("hi/schedule/index.html");
    assert!(
        schedule.contains("href=\"webcal://example.gov.in/hi/schedule/schedule.ics\""),
        "{schedule}"
    );
}

#[test]
fn the_states_index_has_a_map_of_squares_shaded_by_what_is_coming() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let en = st.read("en/states/index.html");
    let svg = between(&en, "<svg class=\"india-map\"", "</svg>");
    assert_eq!(svg.matches("<a href=").count(), 36, "{svg}");
    // Madhya Pradesh has the one upcoming event; the count is in its accessible name.
    assert!(
        svg.contains("<a href=\"../../en/states/mp/index.html\" class=\"tile tile-1\" aria-label=\"Madhya Pradesh: 1 upcoming event\">"),
        "{svg}"
    );
    assert!(
        svg.contains(
            "class=\"tile tile-0\" aria-label=\"Karnataka: no upcoming events · 1 past event\">"
        ),
        "{svg}"
    );
    let hi = st.read("hi/states/index.html");
    assert!(
        hi.contains("aria-label=\"मध्य प्रदेश: 1 आगामी कार्यक्रम\""),
        "{hi}"
    );
    // The list stays as the text alternative; states with nothing coming are quieter.
    assert!(
        en.contains("<li class=\"quiet\"><a href=\"../../en/states/ka/index.html\">"),
        "{en}"
    );
    assert!(
        en.contains("<li><a href=\"../../en/states/mp/index.html\">"),
        "{en}"
    );
    // On 1 December nothing is coming in Madhya Pradesh either.
    st.build_ok("2025-12-01");
    let en = st.read("en/states/index.html");
    assert!(
        en.contains("aria-label=\"Madhya Pradesh: no upcoming events · 1 past event\""),
        "{en}"
    );
}

#[test]
fn a_feed_is_named_once_and_a_day_alone_stays_that_day() {
    let st = SiteTest::example();
    st.file(
        "content/releases/by-day.en.md",
        &crate::support::release("By day", "2025-11-20", "", "Text."),
    );
    st.build_ok(NOW);
    let feed = st.read("en/feed.xml");
    // The site's title alone: it says what the site publishes.
    assert!(
        feed.contains("<title>GeM Samvad: outreach and press releases</title>"),
        "{feed}"
    );
    let entry = between(
        &feed,
        "<id>https://example.gov.in/en/releases/by-day/</id>",
        "</entry>",
    );
    assert!(
        entry.contains("<published>2025-11-20T00:00:00+05:30</published>"),
        "{entry}"
    );
    let state = st.read("hi/states/mp/feed.xml");
    assert!(
        state.contains("<title>जेम संवाद: आउटरीच और प्रेस विज्ञप्तियां: मध्य प्रदेश</title>"),
        "{state}"
    );
}
