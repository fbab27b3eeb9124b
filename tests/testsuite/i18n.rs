//! Two languages: pages that exist in one only, plural forms, Indian digit grouping.

use crate::support::{
    NOW, SiteTest, attr_values, between, hreflang_links, release, resolve, switch_hrefs,
};

#[test]
fn a_release_in_one_language_builds_with_a_warning_and_says_so_in_the_other() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/hindi-only.hi.md",
        &release(
            "केवल हिंदी में विज्ञप्ति",
            "2025-11-20",
            "states: [MP]\n",
            "यह विज्ञप्ति केवल हिंदी में है।",
        ),
    )
    .file(
        "content/releases/both.hi.md",
        &release("दोनों भाषाओं में", "2025-11-10", "", "हिंदी पाठ।"),
    )
    .file(
        "content/releases/both.en.md",
        &release("In both languages", "2025-11-10", "", "English text."),
    );
    let report = st.build_ok(NOW);

    // The warning names the release, the missing language, and the file.
    let warnings: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("hindi-only"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", report.warnings);
    let w = warnings[0];
    assert!(!w.is_error());
    assert!(w.message.contains("no `en` translation"), "{}", w.message);
    assert_eq!(
        w.file.as_deref(),
        Some(std::path::Path::new("content/releases/hindi-only.hi.md"))
    );
    assert!(
        w.hint.as_deref().unwrap_or("").contains("hindi-only.en.md"),
        "{w}"
    );

    // The page exists in Hindi only.
    assert!(st.exists("hi/releases/hindi-only/index.html"));
    assert!(!st.exists("en/releases/hindi-only/index.html"));
    assert!(st.exists("en/releases/both/index.html"));

    // The Hindi page offers English as "not available", linking to the English home page.
    let page = "hi/releases/hindi-only/index.html";
    let html = st.read(page);
    let switch = switch_hrefs(&html);
    assert_eq!(switch.len(), 1);
    assert_eq!(resolve(page, &switch[0]), "en/index.html");
    let notice = between(&html, "<p class=\"notice\" lang=\"en\">", "</p>");
    assert_eq!(
        resolve(page, &attr_values(notice, "href")[0]),
        "en/index.html"
    );
    assert!(
        notice.contains("This page is not available in English. Go to the English home page."),
        "{notice}"
    );
    // hreflang lists only the language the page is in.
    let alternates = hreflang_links(&html);
    assert_eq!(
        alternates,
        vec![(
            "hi".to_string(),
            "https://example.test/samvad/hi/releases/hindi-only/".to_string()
        )]
    );
    // A page in both languages has no notice.
    assert!(
        !st.read("hi/releases/both/index.html")
            .contains("class=\"notice\"")
    );

    // The English release list shows it, marked as Hindi only, linking to the Hindi page.
    let list = "en/releases/index.html";
    let html = st.read(list);
    let item = between(&html, "<li class=\"release-item\">", "</li>");
    assert!(item.contains(">केवल हिंदी में विज्ञप्ति</a>"), "{item}");
    assert!(
        item.contains("This release is published only in हिन्दी."),
        "{item}"
    );
    assert_eq!(
        resolve(list, &attr_values(item, "href")[0]),
        "hi/releases/hindi-only/index.html"
    );
    assert!(
        html.contains("<p class=\"lede\">2 press releases</p>"),
        "{html}"
    );

    // The English state page lists it the same way.
    let state = st.read("en/states/mp/index.html");
    assert!(
        state.contains("This release is published only in हिन्दी."),
        "{state}"
    );

    // The English feed leaves it out; the sitemap lists the page once, without alternates.
    assert!(!st.read("en/feed.xml").contains("hindi-only"));
    assert!(st.read("hi/feed.xml").contains("hindi-only"));
    let sitemap = st.read("sitemap.xml");
    let entry = between(
        &sitemap,
        "<loc>https://example.test/samvad/hi/releases/hindi-only/</loc>",
        "</url>",
    );
    assert!(!entry.contains("xhtml:link"), "{entry}");
    assert!(!sitemap.contains("en/releases/hindi-only"), "{sitemap}");
}

#[test]
fn an_english_only_release_is_offered_from_the_hindi_pages() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/english-only.en.md",
        &release("Only in English", "2025-11-20", "", "Text."),
    );
    let report = st.build_ok(NOW);
    assert!(
        report.warnings.iter().any(
            |w| w.message.contains("english-only") && w.message.contains("no `hi` translation")
        ),
        "{:#?}",
        report.warnings
    );
    assert!(st.exists("en/releases/english-only/index.html"));
    assert!(!st.exists("hi/releases/english-only/index.html"));
    let page = "en/releases/english-only/index.html";
    let html = st.read(page);
    let notice = between(&html, "<p class=\"notice\" lang=\"hi\">", "</p>");
    assert!(notice.contains("यह पृष्ठ हिन्दी में उपलब्ध नहीं है।"), "{notice}");
    assert_eq!(
        resolve(page, &attr_values(notice, "href")[0]),
        "hi/index.html"
    );
    let list = st.read("hi/releases/index.html");
    assert!(
        list.contains("यह विज्ञप्ति केवल English में जारी की गई है।"),
        "{list}"
    );
    assert!(
        list.contains("<p class=\"lede\">1 प्रेस विज्ञप्ति</p>"),
        "{list}"
    );
}

#[test]
fn indian_digit_grouping_reaches_the_rendered_page() {
    let st = SiteTest::example();
    st.append("i18n/hi/main.ftl", "\nbig = { $n } लोग\n")
        .append("i18n/en/main.ftl", "\nbig = { $n } people\n")
        .edit(
            "themes/default/templates/index.html",
            "<h1 class=\"page-title\">{{ site_title | lang_parts }}</h1>",
            "<h1 class=\"page-title\">{{ site_title | lang_parts }}</h1>\n<p id=\"big\">{{ t(key=\"big\", n=1234567) }}</p>\
             <p id=\"small\">{{ t(key=\"big\", n=999) }}</p><p id=\"lakh\">{{ t(key=\"big\", n=100000) }}</p>",
        );
    let report = st.build_ok(crate::support::NOW);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let hi = st.read("hi/index.html");
    assert!(
        hi.contains("<p id=\"big\">12,34,567 लोग</p>"),
        "{}",
        between(&hi, "<h1", "</section>")
    );
    assert!(hi.contains("<p id=\"small\">999 लोग</p>"));
    assert!(hi.contains("<p id=\"lakh\">1,00,000 लोग</p>"));
    let en = st.read("en/index.html");
    assert!(
        en.contains("<p id=\"big\">12,34,567 people</p>"),
        "{}",
        between(&en, "<h1", "</section>")
    );
}

#[test]
fn group_indian_groups_by_lakh_and_crore() {
    use samvad::i18n::group_indian;
    assert_eq!(group_indian("1234567"), "12,34,567");
    assert_eq!(group_indian("100000"), "1,00,000");
    assert_eq!(group_indian("123456789"), "12,34,56,789");
    assert_eq!(group_indian("1000"), "1,000");
    assert_eq!(group_indian("100"), "100");
    assert_eq!(group_indian("-1234567"), "-12,34,567");
}

#[test]
fn event_counts_on_the_states_index_use_plural_forms() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let en = st.read("en/states/index.html");
    assert!(
        en.contains(
            "<span class=\"state-name\">Madhya Pradesh</span> <span class=\"count\">1 upcoming event</span>"
        ),
        "{en}"
    );
    assert!(
        en.contains(
            "<span class=\"state-name\">Bihar</span> <span class=\"count\">no upcoming events</span>"
        ),
        "{en}"
    );
    let hi = st.read("hi/states/index.html");
    assert!(
        hi.contains(
            "<span class=\"state-name\">मध्य प्रदेश</span> <span class=\"count\">1 आगामी कार्यक्रम</span>"
        ),
        "{hi}"
    );
    assert!(
        hi.contains(
            "<span class=\"state-name\">बिहार</span> <span class=\"count\">कोई आगामी कार्यक्रम नहीं</span>"
        ),
        "{hi}"
    );
}

#[test]
fn several_events_are_counted_in_the_plural() {
    let st = SiteTest::example();
    st.file(
        "content/events/kreta-samvad-indore-2025.yaml",
        &crate::support::event(
            "MP",
            "2025-12-05",
            "इंदौर में क्रेता संवाद",
            "Kreta Samvad in Indore",
        ),
    );
    st.build_ok(NOW);
    let en = st.read("en/states/index.html");
    assert!(
        en.contains("Madhya Pradesh</span> <span class=\"count\">2 upcoming events</span>"),
        "{en}"
    );
    let hi = st.read("hi/states/index.html");
    assert!(
        hi.contains("मध्य प्रदेश</span> <span class=\"count\">2 आगामी कार्यक्रम</span>"),
        "{hi}"
    );
    let state = st.read("en/states/mp/index.html");
    assert!(
        state.contains("<p class=\"lede\">State · 2 upcoming events · 1 press release</p>"),
        "{state}"
    );
}

#[test]
fn release_count_uses_plural_forms() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    assert!(
        st.read("hi/releases/index.html")
            .contains("<p class=\"lede\">2 प्रेस विज्ञप्तियां</p>")
    );
    assert!(
        st.read("en/releases/index.html")
            .contains("<p class=\"lede\">2 press releases</p>")
    );
    let mp = st.read("hi/states/mp/index.html");
    assert!(
        mp.contains("<p class=\"lede\">राज्य · 1 आगामी कार्यक्रम · 1 प्रेस विज्ञप्ति</p>"),
        "{mp}"
    );

    // With one release left, the lede is singular.
    st.remove("content/releases/gem-samvad-outreach.hi.md")
        .remove("content/releases/gem-samvad-outreach.en.md");
    for f in [
        "gem-samvad-andhra-pradesh-2019",
        "gem-samvad-himachal-pradesh-2019",
        "gem-samvad-karnataka-2019",
        "gem-samvad-uttarakhand-2019",
    ] {
        st.edit(
            &format!("content/events/{f}.yaml"),
            "releases: [gem-samvad-outreach]\n",
            "",
        );
    }
    st.build_ok(NOW);
    assert!(
        st.read("hi/releases/index.html")
            .contains("<p class=\"lede\">1 प्रेस विज्ञप्ति</p>")
    );
    assert!(
        st.read("en/releases/index.html")
            .contains("<p class=\"lede\">1 press release</p>")
    );
}

#[test]
fn no_releases_at_all_says_so() {
    let st = SiteTest::minimal();
    st.build_ok(NOW);
    assert!(
        st.read("hi/releases/index.html")
            .contains("<p class=\"lede\">कोई प्रेस विज्ञप्ति नहीं</p>")
    );
    assert!(
        st.read("en/releases/index.html")
            .contains("<p class=\"lede\">No press releases</p>")
    );
    assert!(st.read("en/index.html").contains("No press releases yet."));
}

/// The language a piece of text inside `item` is read in: the `lang` of the nearest
/// element around `needle` that has one, else `page_lang`. (Enough for the flat markup
/// of a list item: it looks at the opening tags before `needle` that are still open.)
fn language_at(item: &str, needle: &str, page_lang: &str) -> String {
    let at = item
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {item}"));
    let mut open: Vec<(String, Option<String>)> = Vec::new();
    let mut rest = &item[..at];
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map(|j| i + j).unwrap_or(rest.len());
        let tag = &rest[i + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if let Some(pos) = open.iter().rposition(|(n, _)| n == name.trim()) {
                open.truncate(pos);
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap_or("").to_string();
            let lang = attr_values(&format!(" {tag}"), "lang").into_iter().next();
            open.push((name, lang));
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    open.iter()
        .rev()
        .find_map(|(_, l)| l.clone())
        .unwrap_or_else(|| page_lang.to_string())
}

#[test]
fn the_note_about_a_one_language_release_is_marked_in_the_pages_language() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/hindi-only.hi.md",
        &release("केवल हिंदी में विज्ञप्ति", "2025-11-20", "", "हिंदी पाठ।"),
    );
    st.build_ok(NOW);
    let html = st.read("en/releases/index.html");
    let item = format!(
        "<li class=\"release-item\"{}</li>",
        between(&html, "<li class=\"release-item\"", "</li>")
    );
    // The Hindi title is marked Hindi ...
    assert_eq!(
        language_at(&item, "केवल हिंदी में विज्ञप्ति", "en"),
        "hi",
        "{item}"
    );
    // ... and the English note and the English date are read as English.
    assert_eq!(
        language_at(&item, "This release is published only in", "en"),
        "en",
        "{item}"
    );
    assert_eq!(language_at(&item, "20 November 2025", "en"), "en", "{item}");
}

#[test]
fn the_release_list_is_paginated_in_both_languages() {
    let st = SiteTest::example();
    st.edit("site.yaml", "releases_per_page: 10", "releases_per_page: 1");
    st.build_ok(NOW);
    for lang in ["hi", "en"] {
        assert!(st.exists(&format!("{lang}/releases/index.html")));
        assert!(st.exists(&format!("{lang}/releases/page/2/index.html")));
        assert!(!st.exists(&format!("{lang}/releases/page/3/index.html")));
        assert!(!st.exists(&format!("{lang}/releases/page/1/index.html")));
    }
    let page = "en/releases/page/2/index.html";
    let html = st.read(page);
    assert!(
        html.contains("<title>Press releases (Page 2 of 2) | "),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"lede\">2 press releases · Page 2 of 2</p>"),
        "{html}"
    );
    assert!(
        html.contains(">GeM Samvad: a national outreach"),
        "the older release is on page 2"
    );
    let newer = between(&html, "<a rel=\"prev\" href=\"", "\"");
    assert_eq!(resolve(page, newer), "en/releases/index.html");
    assert_eq!(
        resolve(page, &switch_hrefs(&html)[0]),
        "hi/releases/page/2/index.html"
    );
    let hi = st.read("hi/releases/page/2/index.html");
    assert!(hi.contains("<title>प्रेस विज्ञप्तियां (पृष्ठ 2 / 2) | "), "{hi}");
    assert_eq!(
        resolve("hi/releases/page/2/index.html", &switch_hrefs(&hi)[0]),
        page
    );
    let first = st.read("en/releases/index.html");
    let older = between(&first, "<a rel=\"next\" href=\"", "\"");
    assert_eq!(resolve("en/releases/index.html", older), page);
}

#[test]
fn a_state_with_a_release_but_no_event_has_a_page() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/bihar.hi.md",
        &release("बिहार विज्ञप्ति", "2025-11-20", "states: [BR]\n", "पाठ।"),
    )
    .file(
        "content/releases/bihar.en.md",
        &release("Bihar release", "2025-11-20", "states: [BR]\n", "Text."),
    );
    st.build_ok(NOW);
    let index = st.read("en/states/index.html");
    assert!(
        index.contains("<a href=\"../../en/states/br/index.html\"><span class=\"state-name\">Bihar</span> <span class=\"count\">no upcoming events</span></a>"),
        "{index}"
    );
    let page = st.read("en/states/br/index.html");
    assert!(page.contains("No events are listed for Bihar."), "{page}");
    assert!(page.contains(">Bihar release</a>"), "{page}");
    // A calendar to subscribe to before the first event, with none in it yet.
    assert!(
        page.contains("href=\"../../../en/states/br/br.ics\""),
        "{page}"
    );
    assert!(!st.read("en/states/br/br.ics").contains("BEGIN:VEVENT"));
    // A state with nothing has its page too, linked from the index.
    assert!(st.exists("en/states/ka/index.html"));
    assert!(
        index.contains(
            "<a href=\"../../en/states/ka/index.html\"><span class=\"state-name\">Karnataka</span>"
        ),
        "{index}"
    );
}

/// A typo in a Fluent message used to print the key on every page; now it stops the
/// build at load, naming the file and line of the message.
fn fluent_error(edit: impl FnOnce(&SiteTest), needle: &str) -> samvad::diagnostics::Diagnostic {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let before = st.snapshot();
    edit(&st);
    let f = st.build_err(NOW);
    crate::support::assert_same_files(&before, &st.snapshot());
    crate::support::errors(&f)
        .into_iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| panic!("no error containing {needle:?}:\n{f}"))
        .clone()
}

fn line_in(st_file: &str, needle: &str) -> usize {
    std::fs::read_to_string(crate::support::repo().join(st_file))
        .unwrap()
        .lines()
        .position(|l| l.starts_with(needle))
        .unwrap()
        + 1
}

#[test]
fn a_wrong_variable_in_the_date_pattern_is_an_error_at_its_line() {
    let d = fluent_error(
        |st| {
            st.edit(
                "i18n/hi/main.ftl",
                "date-format = { $day } { $month }, { $year }",
                "date-format = { $day } { $mnth }, { $year }",
            );
        },
        "`date-format` uses $mnth",
    );
    crate::support::assert_points_at(
        &d,
        "i18n/hi/main.ftl",
        line_in("i18n/hi/main.ftl", "date-format"),
    );
    assert!(d.message.contains("$day, $month, $year"), "{d}");
}

#[test]
fn a_date_pattern_without_its_parts_is_an_error() {
    let d = fluent_error(
        |st| {
            st.edit(
                "i18n/en/main.ftl",
                "date-format = { $day } { $month } { $year }",
                "date-format = { $day } { $year }",
            );
        },
        "does not show $month",
    );
    crate::support::assert_points_at(
        &d,
        "i18n/en/main.ftl",
        line_in("i18n/en/main.ftl", "date-format"),
    );
}

#[test]
fn a_variable_in_a_label_that_is_given_none_is_an_error() {
    let d = fluent_error(
        |st| {
            st.edit(
                "i18n/en/main.ftl",
                "nav-home = Home",
                "nav-home = Home { $x }",
            );
        },
        "`nav-home` uses $x",
    );
    crate::support::assert_points_at(
        &d,
        "i18n/en/main.ftl",
        line_in("i18n/en/main.ftl", "nav-home"),
    );
}

#[test]
fn a_message_the_code_uses_missing_in_one_language_is_an_error() {
    let d = fluent_error(
        |st| {
            st.edit("i18n/hi/main.ftl", "date-tba = ", "date-to-be-announced = ");
        },
        "`date-tba` is missing in `hi`",
    );
    assert_eq!(d.file.as_deref(), Some(std::path::Path::new("i18n/hi")));
    assert!(d.hint.as_deref().unwrap().contains("date-tba = "), "{d}");
}

#[test]
fn a_message_the_theme_uses_missing_in_one_language_is_an_error() {
    let d = fluent_error(
        |st| {
            st.edit(
                "i18n/en/main.ftl",
                "skip-to-content = ",
                "skip-to-the-content = ",
            );
        },
        "`skip-to-content` is missing in `en`",
    );
    assert!(
        d.message.contains("themes/default/templates/base.html:"),
        "{d}"
    );
}

#[test]
fn a_reference_to_a_message_that_does_not_exist_is_an_error() {
    let d = fluent_error(
        |st| {
            st.edit(
                "i18n/en/main.ftl",
                "nav-home = Home",
                "nav-home = { home-word }",
            );
        },
        "`nav-home` cannot be formatted",
    );
    assert!(d.message.contains("`home-word`"), "{d}");
}

#[test]
fn a_template_that_gives_a_message_too_few_arguments_is_an_error() {
    let d = fluent_error(
        |st| {
            st.edit(
                "themes/default/templates/base.html",
                "t(key=\"last-updated\", date=last_updated)",
                "t(key=\"last-updated\")",
            );
        },
        "`last-updated` uses $date",
    );
    assert!(d.message.contains("base.html:"), "{d}");
}
