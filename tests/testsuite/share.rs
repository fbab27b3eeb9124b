//! When a page is shared: Open Graph tags for every page, schema.org JSON-LD for events
//! (`Event`) and releases (`NewsArticle`) with the properties Google's rich results
//! require, escaped so no value can close its script element, and a share control of
//! plain links.

use serde_json::Value;

use crate::support::{NOW, SiteTest, attr_values, between, release};

/// The `content` of `<meta property="…">`.
fn og(html: &str, property: &str) -> Vec<String> {
    let needle = format!("<meta property=\"{property}\" content=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn json_ld(html: &str) -> Value {
    let text = between(html, "<script type=\"application/ld+json\">", "</script>");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn every_page_says_what_it_is_in_its_language_when_shared() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let hi = st.read("hi/releases/kreta-samvad-bhopal/index.html");
    assert_eq!(og(&hi, "og:type"), ["article"]);
    assert_eq!(
        og(&hi, "og:url"),
        ["https://example.gov.in/hi/releases/kreta-samvad-bhopal/"],
        "the address ends in /, not index.html"
    );
    assert_eq!(og(&hi, "og:locale"), ["hi_IN"]);
    assert_eq!(og(&hi, "og:locale:alternate"), ["en_IN"]);
    assert_eq!(
        og(&hi, "og:image"),
        ["https://example.gov.in/assets/share.png"]
    );
    assert!(
        og(&hi, "og:title")[0].starts_with("भोपाल में 28 नवम्बर"),
        "{hi}"
    );
    assert!(hi.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(st.exists("assets/share.png") && st.exists("assets/icon.png"));
    let en = st.read("en/schedule/index.html");
    assert_eq!(og(&en, "og:type"), ["website"]);
    assert_eq!(og(&en, "og:locale"), ["en_IN"]);
    assert!(en.contains("<link rel=\"icon\" type=\"image/png\" href=\"../../assets/icon.png\">"));
}

#[test]
fn an_event_page_describes_the_event_for_search_engines() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    for lang in ["hi", "en"] {
        let html = st.read(&format!(
            "{lang}/events/kreta-samvad-bhopal-2025/index.html"
        ));
        let ld = json_ld(&html);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "Event");
        // Required for Google's event results: name, startDate, location with an address.
        for key in [
            "name",
            "startDate",
            "location",
            "eventStatus",
            "eventAttendanceMode",
            "organizer",
            "url",
            "inLanguage",
            "image",
        ] {
            assert!(!ld[key].is_null(), "{key} missing in {ld:#}");
        }
        assert_eq!(ld["startDate"], "2025-11-28");
        assert_eq!(ld["inLanguage"], lang);
        assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
        assert_eq!(ld["location"]["@type"], "Place");
        assert_eq!(ld["location"]["address"]["addressCountry"], "IN");
        assert!(
            ld["location"]["address"]["addressRegion"].is_string(),
            "{ld:#}"
        );
        assert_eq!(
            ld["url"],
            format!("https://example.gov.in/{lang}/events/kreta-samvad-bhopal-2025/")
        );
    }
    let en = json_ld(&st.read("en/events/kreta-samvad-bhopal-2025/index.html"));
    assert_eq!(en["location"]["name"], "Minto Hall");
    assert_eq!(en["location"]["address"]["addressRegion"], "Madhya Pradesh");
    assert_eq!(en["organizer"]["name"], "Ministry of Commerce and Industry");
    // An event known only by a window has no day to give: no Event data.
    let window = st.read("en/events/gem-samvad-karnataka-2019/index.html");
    assert!(!window.contains("application/ld+json"), "{window}");
}

#[test]
fn a_release_page_describes_the_release_as_a_news_article() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let ld = json_ld(&st.read("en/releases/kreta-samvad-bhopal/index.html"));
    assert_eq!(ld["@type"], "NewsArticle");
    for key in [
        "headline",
        "datePublished",
        "dateModified",
        "publisher",
        "author",
        "inLanguage",
        "image",
    ] {
        assert!(!ld[key].is_null(), "{key} missing in {ld:#}");
    }
    assert_eq!(ld["datePublished"], "2025-11-26T15:47:00+05:30");
    assert_eq!(ld["publisher"]["name"], "Ministry of Commerce and Industry");
    assert_eq!(ld["inLanguage"], "en");
    // Google shows headlines up to 110 characters.
    assert!(
        ld["headline"].as_str().unwrap().chars().count() <= 110,
        "{ld:#}"
    );
}

#[test]
fn no_title_can_close_the_script_element_of_the_data() {
    let st = SiteTest::minimal();
    let title = "Camp</script><script>alert(1)</script><!--";
    st.file(
        "content/releases/x.en.md",
        &release(title, "2025-11-20", "", "Text."),
    );
    st.file(
        "content/events/x.yaml",
        &format!("state: MP\nstart: 2025-12-01\ntitle: {{hi: \"x\", en: \"{title}\"}}\n"),
    );
    st.build_ok(NOW);
    for page in ["en/releases/x/index.html", "en/events/x/index.html"] {
        let html = st.read(page);
        let data = between(&html, "<script type=\"application/ld+json\">", "</script>");
        assert!(!data.contains('<'), "{data}");
        let ld: Value = serde_json::from_str(data).unwrap();
        let name = if ld["@type"] == "Event" {
            &ld["name"]
        } else {
            &ld["headline"]
        };
        assert_eq!(name, title, "the same title, read back");
        crate::security::assert_safe(&st);
    }
}

#[test]
fn releases_and_events_offer_plain_links_to_share_them() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let html = st.read("en/releases/kreta-samvad-bhopal/index.html");
    let section = between(&html, "<section class=\"share\"", "</section>");
    let links: Vec<String> = attr_values(section, "href")
        .into_iter()
        .map(|h| h.replace("&amp;", "&"))
        .collect();
    let url = "https%3A%2F%2Fexample.gov.in%2Fen%2Freleases%2Fkreta-samvad-bhopal%2F";
    assert!(
        links[0].starts_with("https://wa.me/?text=GeM%20Kreta%20Samvad"),
        "{links:?}"
    );
    assert!(links[0].ends_with(url), "{links:?}");
    assert!(
        links[1].starts_with("https://x.com/intent/post?text=")
            && links[1].ends_with(&format!("&url={url}")),
        "{links:?}"
    );
    assert_eq!(
        links[2],
        format!("https://www.facebook.com/sharer/sharer.php?u={url}")
    );
    assert!(
        links[3].starts_with("mailto:?subject=") && links[3].ends_with(&format!("&body={url}")),
        "{links:?}"
    );
    // The browser's share sheet and the copy button wait for the script.
    assert!(
        section.contains("<p class=\"share-native\" hidden>"),
        "{section}"
    );
    assert!(html.contains("assets/share.js\" defer></script>"));
    let hi = st.read("hi/events/kreta-samvad-bhopal-2025/index.html");
    assert!(hi.contains(">ई-मेल से भेजें</a>"), "{hi}");
}

/// How an element is laid out when the page is printed: `display` and `color`.
const PRINTED: &str = "(() => { const s = sel => { const e = document.querySelector(sel); \
  if (!e) return null; const c = getComputedStyle(e); return {display: c.display, color: c.color, text: e.textContent.trim()}; }; \
  return {brand: s('.brand'), nav: s('.site-nav'), button: s('.actions'), share: s('.share'), \
    address: s('.print-address'), id: s('.release-id-line'), facts: s('.release .facts'), ministry: s('.ministry')}; })()";

#[test]
fn a_release_prints_like_a_press_release() {
    let Some(chromium) = crate::browser::tool("chromium") else {
        return;
    };
    let st = SiteTest::example();
    st.build_ok(NOW);
    let mut browser = crate::cdp::Browser::start(&chromium);
    let url = format!(
        "file://{}",
        st.output_dir()
            .join("en/releases/kreta-samvad-bhopal/index.html")
            .display()
    );
    let tab = browser.open_at(&url, "2025-11-27T12:00:00+05:30", 1280);
    let screen = browser.eval(&tab, PRINTED);
    assert_eq!(screen["address"]["display"], "none", "{screen}");
    browser.call(
        Some(&tab),
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    );
    let print = browser.eval(&tab, PRINTED);
    // The masthead stays, readable on paper; navigation and buttons go.
    assert_ne!(print["brand"]["display"], "none", "{print}");
    assert_eq!(print["brand"]["color"], "rgb(0, 0, 0)", "{print}");
    assert_eq!(print["nav"]["display"], "none", "{print}");
    assert_eq!(print["share"]["display"], "none", "{print}");
    // The page's address, the ministry first and the release ID at the end.
    assert_eq!(print["address"]["display"], "block", "{print}");
    assert_eq!(
        print["address"]["text"],
        "https://example.gov.in/en/releases/kreta-samvad-bhopal/"
    );
    assert_eq!(
        print["ministry"]["text"],
        "Ministry of Commerce and Industry"
    );
    assert_eq!(print["id"]["display"], "block", "{print}");
    assert_eq!(print["id"]["text"], "(Release ID: 2194828)", "{print}");
    assert_eq!(print["facts"]["display"], "none", "{print}");
    // For a person to look at: SAMVAD_SHOTS=DIR.
    if let Some(dir) = std::env::var_os("SAMVAD_SHOTS") {
        let png = browser.screenshot(&tab);
        std::fs::write(std::path::Path::new(&dir).join("release-print.png"), png).unwrap();
    }
}

#[test]
fn a_release_or_event_may_name_its_own_share_picture() {
    let st = SiteTest::minimal();
    st.bytes(
        "themes/default/static/photos/camp day.jpg",
        b"\xff\xd8\xff\xe0 picture",
    );
    st.file(
        "content/releases/camp.hi.md",
        &release(
            "शिविर",
            "2025-11-20",
            "image: /samvad/assets/photos/camp day.jpg\n",
            "पाठ।",
        ),
    );
    st.file(
        "content/releases/camp.en.md",
        &release("Camp", "2025-11-20", "", "Text."),
    );
    st.file(
        "content/events/camp.yaml",
        &format!(
            "{}image: assets/photos/camp day.jpg\n",
            crate::support::event("MP", "2025-12-01", "शिविर", "Camp")
        ),
    );
    st.build_ok(NOW);
    let named = "https://example.test/samvad/assets/photos/camp%20day.jpg";
    for page in [
        "hi/releases/camp/index.html",
        "en/releases/camp/index.html",
        "hi/events/camp/index.html",
        "en/events/camp/index.html",
    ] {
        let html = st.read(page);
        assert_eq!(og(&html, "og:image"), [named], "{page}");
        assert!(
            og(&html, "og:image:width").is_empty(),
            "a picture of unknown size claims none: {page}"
        );
        assert_eq!(json_ld(&html)["image"][0], named, "{page}");
    }
    // Pages that name none keep the theme's picture, of its known size.
    let home = st.read("en/index.html");
    assert_eq!(
        og(&home, "og:image"),
        ["https://example.test/samvad/assets/share.png"]
    );
    assert_eq!(og(&home, "og:image:width"), ["1200"]);
}

#[test]
fn a_share_picture_that_is_not_a_picture_of_the_site_is_an_error_at_its_field() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/a.en.md",
        &release("A", "2025-11-20", "image: assets/shar.png\n", "Text."),
    );
    st.file(
        "content/releases/b.en.md",
        &release(
            "B",
            "2025-11-20",
            "image: https://tracker.example/p.png\n",
            "Text.",
        ),
    );
    st.file(
        "content/events/c.yaml",
        &format!(
            "{}image: assets/search.js\n",
            crate::support::event("MP", "2025-12-01", "क", "C")
        ),
    );
    let failed = st.build_err(NOW);
    let typo = crate::support::error_with(&failed, "`assets/shar.png` is not a file of the site");
    crate::support::assert_points_at(typo, "content/releases/a.en.md", 6);
    assert!(
        typo.hint
            .as_deref()
            .unwrap_or("")
            .contains("assets/share.png"),
        "{typo}"
    );
    let away = crate::support::error_with(&failed, "is on another site");
    crate::support::assert_points_at(away, "content/releases/b.en.md", 6);
    let script = crate::support::error_with(&failed, "`assets/search.js` is not a picture");
    crate::support::assert_points_at(script, "content/events/c.yaml", 4);
}
