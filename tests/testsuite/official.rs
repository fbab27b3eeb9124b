//! Whose site this is (GIGW 3.0): the owner, logo, contact line and review date from
//! site.yaml on every page; the pages every Government of India site must have, linked
//! from every footer, scaffolded with placeholders and checked; the site map.

use std::process::Command;

use crate::support::{NOW, SiteTest, assert_points_at, attr_values, between};

const REQUIRED: &[&str] = &[
    "about",
    "contact",
    "feedback",
    "help",
    "accessibility",
    "screen-reader-access",
    "copyright-policy",
    "hyperlinking-policy",
    "privacy-policy",
    "terms-and-conditions",
];

#[test]
fn every_page_of_the_example_says_whose_site_it_is_and_links_the_required_pages() {
    let st = SiteTest::example();
    let report = st.build_ok(NOW);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    for (lang, owner, owned, reviewed) in [
        (
            "hi",
            "वाणिज्य एवं उद्योग मंत्रालय, भारत सरकार",
            "इस वेबसाइट की सामग्री का स्वामित्व और रखरखाव वाणिज्य एवं उद्योग मंत्रालय, भारत सरकार के पास है।",
            "सामग्री की अंतिम समीक्षा: 26 नवम्बर, 2025",
        ),
        (
            "en",
            "Ministry of Commerce and Industry, Government of India",
            "Content owned and maintained by Ministry of Commerce and Industry, Government of India.",
            "Content last reviewed: 26 November 2025",
        ),
    ] {
        for page in st.html_pages(&format!("{lang}/")) {
            let html = st.read(&page);
            let header = between(&html, "<header class=\"site-header\">", "</header>");
            assert!(
                header.contains(&format!("<span class=\"brand-owner\">{owner}</span>")),
                "{page}"
            );
            let logo = between(header, "<img class=\"brand-logo\"", ">");
            assert!(!attr_values(logo, "alt")[0].is_empty(), "{page}: {logo}");
            let src = &attr_values(logo, "src")[0];
            assert!(
                st.exists(&crate::support::resolve(&page, src)),
                "{page}: the logo {src} is not written"
            );
            let footer = between(&html, "<footer class=\"site-footer\">", "</footer>");
            assert!(footer.contains(owned), "{page}: {footer}");
            assert!(footer.contains(reviewed), "{page}: {footer}");
            assert!(footer.contains("media@example.gov.in"), "{page}");
            let hrefs = attr_values(footer, "href");
            for stem in REQUIRED.iter().chain(&["sitemap"]) {
                let to = format!("{lang}/{stem}/index.html");
                assert!(
                    hrefs
                        .iter()
                        .filter(|h| !h.contains("://"))
                        .any(|h| crate::support::resolve(&page, h) == to),
                    "{page}: no link to {to} in {hrefs:?}"
                );
                assert!(st.exists(&to), "{to}");
            }
            assert!(
                hrefs.contains(&"https://www.india.gov.in/".to_string()),
                "{page}"
            );
        }
    }
    // Only "about" of the required pages is in the menu too.
    let nav = st.read("en/index.html");
    let nav = between(&nav, "<nav class=\"site-nav\"", "</nav>");
    assert!(nav.contains("About this site"), "{nav}");
    assert!(!nav.contains("Privacy policy"), "{nav}");
}

#[test]
fn the_site_map_lists_every_part_of_the_site() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let html = st.read("hi/sitemap/index.html");
    assert!(html.contains("<h1 class=\"page-title\">साइट मानचित्र</h1>"));
    let links: Vec<String> =
        attr_values(between(&html, "<ul class=\"site-map\">", "</main>"), "href")
            .iter()
            .map(|h| crate::support::resolve("hi/sitemap/index.html", h))
            .collect();
    for to in [
        "hi/index.html",
        "hi/releases/index.html",
        "hi/schedule/index.html",
        "hi/states/index.html",
        "hi/states/mp/index.html",
        "hi/search/index.html",
        "hi/feed.xml",
        "hi/schedule/schedule.ics",
        "hi/privacy-policy/index.html",
    ] {
        assert!(links.iter().any(|l| l == to), "{to} not in {links:?}");
        assert!(st.exists(to), "{to}");
    }
    assert_eq!(
        links
            .iter()
            .filter(|l| l.starts_with("hi/states/") && l.len() > 20)
            .count(),
        36
    );
    assert!(
        st.read("sitemap.xml")
            .contains("https://example.gov.in/en/sitemap/")
    );
}

#[test]
fn a_site_without_the_required_pages_or_its_identity_is_told_and_strict_refuses_it() {
    let st = SiteTest::minimal();
    st.file(
        "content/pages/about.en.md",
        "---\ntitle: About\n---\n\nText.\n",
    );
    st.file(
        "content/pages/about.hi.md",
        "---\ntitle: परिचय\n---\n\nपाठ।\n",
    );
    let report = st.build_ok(NOW);
    let mut codes: Vec<&str> = report.warnings.iter().map(|d| d.code.name()).collect();
    codes.sort();
    assert_eq!(
        codes,
        ["identity-missing", "required-page-missing"],
        "{:#?}",
        report.warnings
    );
    let with = |code: &str| {
        report
            .warnings
            .iter()
            .find(|d| d.code.name() == code)
            .unwrap()
    };
    let missing = with("required-page-missing");
    assert!(
        missing
            .message
            .contains("contact, feedback, help, accessibility"),
        "{missing}"
    );
    assert!(!missing.message.contains("about"), "{missing}");
    assert!(
        missing
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("samvad new pages"),
        "{missing}"
    );
    let identity = &with("identity-missing").message;
    for field in ["`owner`", "`logo`", "`contact`", "`reviewed`"] {
        assert!(identity.contains(field), "{identity}");
    }
    let mut strict = st.options(NOW);
    strict.strict = true;
    assert!(
        samvad::build(&strict).is_err(),
        "--strict refuses the warnings"
    );
}

#[test]
fn a_placeholder_left_in_a_page_is_reported_at_its_line() {
    let st = SiteTest::example();
    st.file(
        "content/pages/contact.en.md",
        "---\ntitle: Contact us\n---\n\nWrite to us.\n\n- **Phone:** [[ phone number and office hours ]]\n",
    );
    let report = st.build_ok(NOW);
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
    let d = &report.warnings[0];
    assert_eq!(d.code.name(), "placeholder-left");
    assert!(
        d.message.contains("[[ phone number and office hours ]]"),
        "{d}"
    );
    assert_points_at(d, "content/pages/contact.en.md", 7);
    let mut strict = st.options(NOW);
    strict.strict = true;
    assert!(samvad::build(&strict).is_err());
}

#[test]
fn a_logo_that_is_not_a_picture_of_the_site_is_an_error_at_its_line() {
    let st = SiteTest::example();
    st.edit(
        "site.yaml",
        "src: assets/logo.svg",
        "src: assets/emblem.svg",
    );
    let failed = st.build_err(NOW);
    let d = crate::support::error_with(
        &failed,
        "the logo `assets/emblem.svg` is not a file of the site",
    );
    assert_eq!(d.file.as_deref(), Some(std::path::Path::new("site.yaml")));
    assert!(
        d.hint.as_deref().unwrap_or("").contains("assets/logo.svg"),
        "{d}"
    );
}

#[test]
fn new_pages_writes_the_missing_required_pages_with_placeholders_once() {
    let st = SiteTest::minimal();
    st.file(
        "content/pages/help.en.md",
        "---\ntitle: Help\n---\n\nOur own help.\n",
    );
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_samvad"))
            .args(["new", "pages", "--root"])
            .arg(st.root())
            .output()
            .expect("run samvad")
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    let out = String::from_utf8_lossy(&first.stdout);
    assert_eq!(out.matches("wrote ").count(), 19, "{out}");
    assert_eq!(
        st.source("content/pages/help.en.md"),
        "---\ntitle: Help\n---\n\nOur own help.\n"
    );
    for stem in REQUIRED {
        for lang in ["hi", "en"] {
            assert!(
                st.root()
                    .join(format!("content/pages/{stem}.{lang}.md"))
                    .exists()
            );
        }
    }
    let second = run();
    assert!(String::from_utf8_lossy(&second.stdout).contains("every required page already"));
    let report = st.build_ok(NOW);
    let placeholders = report
        .warnings
        .iter()
        .filter(|d| d.code.name() == "placeholder-left")
        .count();
    assert!(placeholders >= 20, "{:#?}", report.warnings);
    assert!(
        !report
            .warnings
            .iter()
            .any(|d| d.code.name() == "required-page-missing"),
        "{:#?}",
        report.warnings
    );
    // Each page, as written, reads in its own language.
    let hi = st.read("hi/privacy-policy/index.html");
    assert!(
        hi.contains("<h1 class=\"page-title\">गोपनीयता नीति</h1>"),
        "{hi}"
    );
}

#[test]
fn titles_summaries_and_places_mark_the_language_of_their_parts() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/gem.hi.md",
        &crate::support::release(
            "GeM पर MSME विक्रेताओं का संवाद",
            "2025-11-20",
            "summary: \"भोपाल के Minto Hall में <b>संवाद</b>।\"\n",
            "पाठ।",
        ),
    );
    st.file(
        "content/releases/gem.en.md",
        &crate::support::release(
            "A dialogue with MSME sellers on GeM",
            "2025-11-20",
            "",
            "Text.",
        ),
    );
    st.file(
        "content/releases/solo.en.md",
        &crate::support::release("The Kreta Samvad (क्रेता संवाद)", "2025-11-19", "", "Text."),
    );
    st.file(
        "content/events/bhopal.yaml",
        "state: MP\nstart: 2025-12-10\ntitle: {hi: \"GeM क्रेता संवाद\", en: \"GeM buyers' dialogue\"}\nvenue: {hi: \"Minto Hall\", en: \"Minto Hall\"}\n",
    );
    st.build_ok(NOW);
    let hi = st.read("hi/releases/gem/index.html");
    assert!(
        hi.contains("<h1 class=\"page-title\"><span lang=\"en\">GeM</span> पर <span lang=\"en\">MSME</span> विक्रेताओं का संवाद</h1>"),
        "{hi}"
    );
    // The document's title is text, which cannot hold marks.
    assert!(hi.contains("<title>GeM पर MSME विक्रेताओं का संवाद"), "{hi}");
    let list = st.read("hi/releases/index.html");
    // A summary is escaped first: what an author types is never markup.
    assert!(
        list.contains("भोपाल के <span lang=\"en\">Minto Hall</span> में &lt;<span lang=\"en\">b</span>&gt;संवाद&lt;/<span lang=\"en\">b</span>&gt;।"),
        "{list}"
    );
    // A release only in English, listed on a Hindi page, is marked as English text.
    assert!(
        list.contains("The Kreta Samvad (<span lang=\"hi\">क्रेता संवाद</span>)"),
        "{list}"
    );
    let event = st.read("hi/events/bhopal/index.html");
    assert!(
        event.contains("<h1 class=\"page-title\"><span lang=\"en\">GeM</span> क्रेता संवाद</h1>"),
        "{event}"
    );
    assert!(
        event.contains("<dd><span lang=\"en\">Minto Hall</span></dd>"),
        "{event}"
    );
    let en = st.read("en/releases/gem/index.html");
    assert!(
        en.contains("<h1 class=\"page-title\">A dialogue with MSME sellers on GeM</h1>"),
        "{en}"
    );
}

/// axe-core's script, from the file `SAMVAD_AXE` names (`.ci/run` fetches it); `None`,
/// and the test passes saying so, when it is not set outside CI.
fn axe_script() -> Option<String> {
    match std::env::var_os("SAMVAD_AXE") {
        Some(path) => Some(std::fs::read_to_string(&path).expect("read SAMVAD_AXE")),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "SAMVAD_AXE is not set; .ci/run should have fetched axe-core"
            );
            eprintln!("skipped: SAMVAD_AXE does not name axe-core's axe.min.js");
            None
        }
    }
}

#[test]
fn english_words_in_hindi_text_carry_their_language_as_axe_checks() {
    let st = SiteTest::example();
    st.file(
        "content/pages/about.hi.md",
        "---\ntitle: \"हमारे बारे में\"\n---\n\nभोपाल के Minto Hall में GeM पोर्टल पर MSME विक्रेताओं के लिए संवाद। <span lang=\"hi\">Kreta Samvad</span> का आयोजन।\n",
    );
    st.file(
        "content/pages/about.en.md",
        "---\ntitle: \"About us\"\n---\n\nThe Kreta Samvad (क्रेता संवाद) of GeM in Bhopal.\n",
    );
    st.build_ok(NOW);
    let hi = st.read("hi/about/index.html");
    let body = between(&hi, "<div class=\"prose\">", "</div>");
    assert_eq!(
        body,
        "<p>भोपाल के <span lang=\"en\">Minto Hall</span> में <span lang=\"en\">GeM</span> पोर्टल पर <span lang=\"en\">MSME</span> विक्रेताओं के लिए संवाद। <span lang=\"hi\">Kreta Samvad</span> का आयोजन।</p>\n"
    );
    let en = st.read("en/about/index.html");
    assert!(en.contains("(<span lang=\"hi\">क्रेता संवाद</span>)"), "{en}");
    // The menu and footer's words are the theme's: only what authors write is marked,
    // as the contact line from site.yaml is.
    let footer = between(&hi, "<footer", "</footer>");
    assert_eq!(footer.matches("<span lang=").count(), 1, "{footer}");
    assert!(
        footer.contains("(ई-मेल: <span lang=\"en\">media@example.gov.in</span>)"),
        "{footer}"
    );

    let Some(axe) = axe_script() else { return };
    let Some(chromium) = crate::browser::tool("chromium") else {
        return;
    };
    let mut browser = crate::cdp::Browser::start(&chromium);
    for page in [
        "hi/about/index.html",
        "en/about/index.html",
        "hi/screen-reader-access/index.html",
    ] {
        let url = format!("file://{}/{page}", st.output_dir().display());
        let tab = browser.open(&url);
        // The new tab is about:blank, complete, before the page replaces it (and axe).
        browser.wait_for(
            &tab,
            "document.readyState === 'complete' && location.protocol",
            |v| v == "file:",
        );
        browser.eval(&tab, &axe);
        browser.eval(
            &tab,
            "axe.run(document, {runOnly: {type: 'rule', values: ['valid-lang', 'html-has-lang', 'html-lang-valid']}})\
             .then(r => { window.axeResult = {violations: r.violations.map(v => v.id), \
               passes: r.passes.map(p => [p.id, p.nodes.length])}; })",
        );
        let result = browser.wait_for(&tab, "window.axeResult", |v| !v.is_null());
        assert_eq!(
            result["violations"],
            serde_json::json!([]),
            "{page}: {result}"
        );
        let checked = result["passes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p[0] == "valid-lang")
            .map_or(0, |p| p[1].as_u64().unwrap());
        assert!(
            checked >= 1,
            "{page}: valid-lang checked no element: {result}"
        );
    }
}

#[test]
fn a_translation_left_behind_by_a_correction_is_flagged_as_possibly_stale() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/camp.hi.md",
        &crate::support::release(
            "शिविर",
            "2025-11-20",
            "updated: 2025-11-24\n",
            "सुधारा गया पाठ।",
        ),
    );
    st.file(
        "content/releases/camp.en.md",
        &crate::support::release("Camp", "2025-11-20", "", "Text."),
    );
    st.file(
        "content/pages/help.hi.md",
        "---\ntitle: सहायता\n---\n\nपाठ।\n",
    );
    st.file(
        "content/pages/help.en.md",
        "---\ntitle: Help\nupdated: 2025-11-25\n---\n\nText.\n",
    );
    // Corrected in both on one day: nothing to say.
    st.file(
        "content/releases/fair.hi.md",
        &crate::support::release("मेला", "2025-11-20", "updated: 2025-11-24\n", "पाठ।"),
    );
    st.file(
        "content/releases/fair.en.md",
        &crate::support::release(
            "Fair",
            "2025-11-20",
            "updated: 2025-11-24T18:00:00+05:30\n",
            "Text.",
        ),
    );
    let report = st.build_ok(NOW);
    let stale: Vec<_> = report
        .warnings
        .iter()
        .filter(|d| d.code.name() == "translation-stale")
        .collect();
    assert_eq!(stale.len(), 2, "{stale:#?}");
    let files: Vec<String> = stale
        .iter()
        .map(|d| {
            d.file
                .as_ref()
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert!(
        files.contains(&"content/releases/camp.en.md".to_string()),
        "{files:?}"
    );
    assert!(
        files.contains(&"content/pages/help.hi.md".to_string()),
        "{files:?}"
    );
    let release = stale
        .iter()
        .find(|d| d.message.contains("camp.hi.md"))
        .unwrap();
    assert!(
        release.message.contains("corrected on 2025-11-24"),
        "{release}"
    );
    assert!(
        release.message.contains("last changed on 2025-11-20"),
        "{release}"
    );
}

/// The report's checkpoints by id: (status, items).
fn report_of(
    st: &SiteTest,
) -> (
    std::collections::BTreeMap<String, (String, Vec<String>)>,
    std::path::PathBuf,
) {
    let dir = st.root().join("audit");
    let out = Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args(["check", "--report", "gigw", "--now", NOW, "--report-dir"])
        .arg(&dir)
        .arg("--root")
        .arg(st.root())
        .output()
        .expect("run samvad");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("gigw.json"))
            .unwrap_or_else(|e| panic!("no gigw.json ({e}): {out:?}")),
    )
    .unwrap();
    let by_id = json["checkpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert!(!c["reference"].as_str().unwrap().is_empty(), "{c}");
            assert!(!c["title"]["hi"].as_str().unwrap().is_empty(), "{c}");
            let items = c["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_str().unwrap().to_string())
                .collect();
            (
                c["id"].as_str().unwrap().to_string(),
                (c["status"].as_str().unwrap().to_string(), items),
            )
        })
        .collect();
    let failed = String::from_utf8_lossy(&out.stdout).contains("failed:");
    assert_eq!(out.status.success(), !failed, "{out:?}");
    (by_id, dir)
}

const AUTOMATIC: &[&str] = &[
    "identity",
    "required-pages",
    "no-placeholder",
    "bilingual-parity",
    "lang-of-page",
    "lang-of-parts",
    "text-alternatives",
    "one-h1",
    "heading-order",
    "link-purpose",
    "page-titles",
    "no-empty-page",
    "downloads-described",
    "same-origin",
];

#[test]
fn the_example_site_passes_every_automatic_checkpoint_of_its_report() {
    let st = SiteTest::example();
    let (report, dir) = report_of(&st);
    for id in AUTOMATIC {
        assert_eq!(report[*id].0, "pass", "{id}: {:?}", report[*id].1);
    }
    let manual: Vec<&String> = report
        .iter()
        .filter(|(_, (s, _))| s == "manual")
        .map(|(id, _)| id)
        .collect();
    assert!(manual.len() >= 5, "{manual:?}");
    assert_eq!(report.len(), AUTOMATIC.len() + manual.len());
    let html = std::fs::read_to_string(dir.join("gigw.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"hi\">"));
    for id in AUTOMATIC {
        assert!(html.contains(&format!("<tr id=\"{id}\">")), "{id}");
    }
    assert!(html.contains("उत्तीर्ण") && html.contains("pass"));
    assert!(
        dir.join("site/hi/index.html").exists(),
        "the pages audited are kept beside it"
    );
}

#[test]
fn a_site_that_breaks_each_check_fails_each_checkpoint_naming_the_page() {
    let st = SiteTest::minimal();
    st.bytes("themes/default/static/report.pdf", b"%PDF-1.4 report");
    // A `#` heading in a text is made an h2, so only a theme can give a page two h1.
    st.edit(
        "themes/default/templates/page.html",
        "<div class=\"prose\">",
        "<h1>{{ page_title }}</h1><div class=\"prose\">",
    );
    st.file(
        "content/pages/notes.en.md",
        "---\ntitle: Notes\n---\n\n![](../../assets/share.png)\n\n# A second main heading\n\n## Part\n\n#### Too deep\n\n[click here](../schedule/) and ![Camp](https://images.example/camp.jpg) and [the plan](https://other.example/plan.pdf)\n\n[[ write the notes ]]\n",
    );
    st.file(
        "content/pages/notes.hi.md",
        "---\ntitle: टिप्पणियां\n---\n\nपाठ।\n",
    );
    st.file(
        "content/pages/same.en.md",
        "---\ntitle: Notes\n---\n\nOther notes.\n",
    );
    st.file("content/pages/same.hi.md", "---\ntitle: अन्य\n---\n\n");
    st.file(
        "content/releases/solo.en.md",
        &crate::support::release("Only in English", "2025-11-20", "", "Text."),
    );
    let (report, _) = report_of(&st);
    for id in [
        "identity",
        "required-pages",
        "no-placeholder",
        "bilingual-parity",
        "text-alternatives",
        "one-h1",
        "heading-order",
        "link-purpose",
        "page-titles",
        "no-empty-page",
        "downloads-described",
        "same-origin",
    ] {
        assert_eq!(report[id].0, "fail", "{id}: {:?}", report[id]);
    }
    let item = |id: &str, needle: &str| {
        assert!(
            report[id].1.iter().any(|i| i.contains(needle)),
            "{id}: no item with {needle:?} in {:?}",
            report[id].1
        );
    };
    item(
        "text-alternatives",
        "content/pages/notes.en.md:5: the picture has no description",
    );
    item("one-h1", "en/notes/index.html: 2 h1");
    item("heading-order", "en/notes/index.html: h2 followed by h4");
    item("link-purpose", "click here");
    item("page-titles", "en/notes/index.html, en/same/index.html");
    item("no-empty-page", "hi/same/index.html");
    item("downloads-described", "https://other.example/plan.pdf");
    item("same-origin", "https://images.example/camp.jpg");
    item("no-placeholder", "content/pages/notes.en.md");
    item("bilingual-parity", "solo");
}

#[test]
fn a_link_to_a_document_of_the_site_states_its_format_and_size() {
    let st = SiteTest::minimal();
    st.bytes(
        "themes/default/static/docs/report.pdf",
        &vec![b'%'; 250 * 1024 - 10],
    );
    st.file(
        "content/pages/notes.en.md",
        "---\ntitle: Notes\n---\n\nRead [the report](../../assets/docs/report.pdf), or [the report (PDF, 250 KB)](../../assets/docs/report.pdf).\n",
    );
    st.file(
        "content/pages/notes.hi.md",
        "---\ntitle: टिप्पणियां\n---\n\n[रिपोर्ट](../../assets/docs/report.pdf) पढ़ें।\n",
    );
    st.build_ok(NOW);
    let en = st.read("en/notes/index.html");
    assert!(
        en.contains("<a href=\"../../assets/docs/report.pdf\">the report (PDF, 250 KB)</a>, or <a href=\"../../assets/docs/report.pdf\">the report (PDF, 250 KB)</a>."),
        "{en}"
    );
    let hi = st.read("hi/notes/index.html");
    assert!(
        hi.contains("<a href=\"../../assets/docs/report.pdf\">रिपोर्ट (<span lang=\"en\">PDF, 250 KB</span>)</a> पढ़ें।"),
        "{hi}"
    );
}

#[test]
fn a_text_hard_to_use_with_a_screen_reader_is_told_at_the_line() {
    let st = SiteTest::example();
    st.file(
        "content/pages/notes.en.md",
        "---\ntitle: Notes\n---\n\n![](../../assets/share.png)\n\n![](../../assets/icon.png \"decorative\") ![The map of states](../../assets/share.png)\n\n## Part\n\n#### Too deep\n\nSee the schedule [here](../schedule/).\n",
    );
    st.file(
        "content/pages/notes.hi.md",
        "---\ntitle: टिप्पणियां\n---\n\nकार्यक्रम सूची [यहाँ क्लिक करें](../schedule/)।\n",
    );
    let report = st.build_ok(NOW);
    let found = |code: &str| -> Vec<&samvad::diagnostics::Diagnostic> {
        report
            .warnings
            .iter()
            .filter(|d| d.code.name() == code)
            .collect()
    };
    let alt = found("image-alt-missing");
    assert_eq!(
        alt.len(),
        1,
        "only the undescribed, undecorative one: {alt:#?}"
    );
    assert_points_at(alt[0], "content/pages/notes.en.md", 5);
    let skipped = found("heading-skipped");
    assert_eq!(skipped.len(), 1, "{skipped:#?}");
    assert_points_at(skipped[0], "content/pages/notes.en.md", 11);
    let vague = found("link-text-vague");
    assert_eq!(vague.len(), 2, "{vague:#?}");
    assert!(
        vague.iter().any(|d| d.message.contains("“यहाँ क्लिक करें”")),
        "{vague:#?}"
    );
    assert_eq!(report.warnings.len(), 4, "{:#?}", report.warnings);
    let html = st.read("en/notes/index.html");
    assert!(
        html.contains("<img src=\"../../assets/icon.png\" alt=\"\" />"),
        "decorative, without its title: {html}"
    );
}

#[test]
fn a_site_may_ask_for_a_headers_file_for_its_host() {
    let st = SiteTest::minimal();
    st.file(
        "content/pages/help.en.md",
        "---\ntitle: Help\n---\n\nText.\n",
    );
    st.build_ok(NOW);
    assert!(!st.exists("_headers"), "not unless asked");
    st.append("site.yaml", "headers_file: true\n");
    st.build_ok(NOW);
    let headers = st.read("_headers");
    assert!(
        headers
            .starts_with("/*\n  Content-Security-Policy: default-src 'self'; script-src 'self';"),
        "{headers}"
    );
    // The same policy as the README gives for nginx.
    let readme = std::fs::read_to_string(crate::support::repo().join("README.md")).unwrap();
    let policy = between(&headers, "Content-Security-Policy: ", "\n");
    assert!(
        readme.contains(&format!(
            "add_header Content-Security-Policy \"{policy}\" always;"
        )),
        "{policy}"
    );
}

/// Under the strict Content-Security-Policy the README gives (and `_headers` writes),
/// served over HTTP, no page of the example raises a violation: its scripts, styles,
/// pictures, search index and the states' map all come from the site.
#[test]
fn the_strict_content_security_policy_holds_in_chromium() {
    let Some(chromium) = crate::browser::tool("chromium") else {
        return;
    };
    let st = SiteTest::example();
    st.build_ok(NOW);
    let headers = samvad::render::sitemap::HEADERS_FILE;
    let policy = between(headers, "Content-Security-Policy: ", "\n");
    let port =
        crate::search::serve_folder_with(st.output_dir(), &[("Content-Security-Policy", policy)]);
    let mut browser = crate::cdp::Browser::start(&chromium);
    for page in [
        "",
        "hi/",
        "hi/releases/kreta-samvad-bhopal/",
        "en/events/kreta-samvad-bhopal-2025/",
        "hi/schedule/",
        "en/states/",
        "hi/search/?q=भोपाल",
        "en/sitemap/",
    ] {
        let url = format!("http://127.0.0.1:{port}/{page}");
        let tab = browser.open("about:blank");
        browser.call(Some(&tab), "Page.enable", serde_json::json!({}));
        browser.call(
            Some(&tab),
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({"source": "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"}),
        );
        browser.call(Some(&tab), "Page.navigate", serde_json::json!({"url": url}));
        browser.wait_for(
            &tab,
            "document.readyState === 'complete' && location.protocol",
            |v| v == "http:",
        );
        if page.starts_with("hi/search/") {
            // The search ran: its index scripts loaded under the policy.
            browser.wait_for(
                &tab,
                "document.querySelectorAll('#search-results li').length",
                |v| v.as_u64().is_some_and(|n| n > 0),
            );
        }
        let seen = browser.eval(&tab, "window.__violations");
        assert_eq!(seen, serde_json::json!([]), "{page}");
    }
}

#[test]
fn two_pages_of_one_title_and_an_empty_page_are_told_at_build() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/a.en.md",
        &crate::support::release("Camp in Bhopal", "2025-11-20", "", "Text."),
    );
    st.file(
        "content/releases/b.en.md",
        &crate::support::release("Camp  in bhopal", "2025-11-21", "", "Text."),
    );
    st.file("content/pages/blank.en.md", "---\ntitle: Blank\n---\n\n");
    let report = st.build_ok(NOW);
    let codes: Vec<(&str, String)> = crate::support::content_warnings(&report)
        .iter()
        .filter(|d| matches!(d.code.name(), "title-duplicate" | "page-empty"))
        .map(|d| {
            (
                d.code.name(),
                d.file
                    .as_ref()
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("page-empty", "content/pages/blank.en.md".to_string()),
            ("title-duplicate", "content/releases/a.en.md".to_string()),
            ("title-duplicate", "content/releases/b.en.md".to_string()),
        ],
        "{:#?}",
        report.warnings
    );
}
