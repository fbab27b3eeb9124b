//! What an attendee needs on an event page: who may attend, how to register, whom to
//! ask, who organises it, and a map; each shown only when given, each address checked.

use crate::support::{NOW, SiteTest, assert_points_at, attr_values, error_with};

const FULL: &str = "state: MP\nstart: 2025-12-05\ntime: \"10:00\"\n\
title: {hi: \"शिविर\", en: \"Camp\"}\n\
audience: {hi: \"सभी विक्रेता\", en: \"All sellers\"}\n\
register_url: \"https://gem.gov.in/register?event=camp&lang=en\"\n\
register: {hi: \"स्थल पर भी पंजीकरण होगा\", en: \"You can also register at the venue\"}\n\
organiser: {hi: \"जेम\", en: \"GeM\"}\n\
contact_name: {hi: \"सहायता केन्द्र\", en: \"Help desk\"}\n\
contact_phone: \"+91 755-255 0000\"\n\
contact_email: \"helpdesk-gem@gov.in\"\n\
coordinates: \"23.2599, 77.4126\"\n";

#[test]
fn every_field_given_is_shown_with_its_link() {
    let st = SiteTest::minimal();
    st.file("content/events/camp.yaml", FULL);
    st.build_ok(NOW);
    let en = st.read("en/events/camp/index.html");
    let section = crate::support::between(&en, "<section class=\"attend\"", "</section>");
    for text in [
        "<dt>Who may attend</dt><dd>All sellers</dd>",
        "You can also register at the venue",
        "<dt>Organiser</dt><dd>GeM</dd>",
        "Help desk<br>",
        ">+91 755-255 0000</a>",
        ">helpdesk-gem@gov.in</a>",
    ] {
        assert!(section.contains(text), "{text} not in {section}");
    }
    let links: Vec<String> = attr_values(section, "href")
        .into_iter()
        .map(|h| h.replace("&amp;", "&"))
        .collect();
    assert_eq!(
        links,
        [
            "https://gem.gov.in/register?event=camp&lang=en",
            "tel:+917552550000",
            "mailto:helpdesk-gem@gov.in",
            "https://www.openstreetmap.org/?mlat=23.25990&mlon=77.41260#map=17/23.25990/77.41260",
        ]
    );
    let hi = st.read("hi/events/camp/index.html");
    assert!(
        hi.contains("<dt>कौन भाग ले सकता है</dt><dd>सभी विक्रेता</dd>"),
        "{hi}"
    );
    // Date, time, place and the calendar come before all this, as a phone shows them.
    let first = |needle: &str| en.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(first("Add to calendar") < first("class=\"attend\""));
    // A map address given is used instead of a point.
    st.edit(
        "content/events/camp.yaml",
        "coordinates: \"23.2599, 77.4126\"",
        "map: \"https://maps.example.in/minto-hall\"",
    );
    st.build_ok(NOW);
    let en = st.read("en/events/camp/index.html");
    assert!(
        en.contains("href=\"https://maps.example.in/minto-hall\""),
        "{en}"
    );
    // An event with none of them has no such part.
    st.file(
        "content/events/camp.yaml",
        "state: MP\nstart: 2025-12-05\ntitle: {hi: \"शिविर\", en: \"Camp\"}\n",
    );
    st.build_ok(NOW);
    assert!(
        !st.read("en/events/camp/index.html")
            .contains("class=\"attend\"")
    );
}

#[test]
fn an_address_that_is_not_one_is_an_error_at_its_line() {
    let st = SiteTest::minimal();
    let bad = FULL
        .replace(
            "https://gem.gov.in/register?event=camp&lang=en",
            "javascript:alert(1)",
        )
        .replace("+91 755-255 0000", "call the office")
        .replace("helpdesk-gem@gov.in", "helpdesk?cc=all@gov.in")
        .replace("23.2599, 77.4126", "Minto Hall");
    st.file("content/events/camp.yaml", &bad);
    let failure = st.build_err(NOW);
    // Every one of them in one run.
    let register = error_with(&failure, "`register_url` must be a web address");
    assert_points_at(register, "content/events/camp.yaml", 6);
    assert_eq!(register.code, samvad::diagnostics::Code::FieldKind);
    assert_points_at(
        error_with(&failure, "is not a phone number"),
        "content/events/camp.yaml",
        10,
    );
    assert_points_at(
        error_with(&failure, "is not an e-mail address"),
        "content/events/camp.yaml",
        11,
    );
    assert_points_at(
        error_with(&failure, "is not a latitude and a longitude"),
        "content/events/camp.yaml",
        12,
    );
}

#[test]
fn a_text_in_one_language_only_is_shown_in_both_with_a_warning() {
    let st = SiteTest::minimal();
    st.file(
        "content/events/camp.yaml",
        &FULL.replace(
            "audience: {hi: \"सभी विक्रेता\", en: \"All sellers\"}",
            "audience: {hi: \"सभी विक्रेता\"}",
        ),
    );
    let report = st.build_ok(NOW);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("`audience` has no `en` text")),
        "{:?}",
        report.warnings
    );
    assert!(
        st.read("en/events/camp/index.html")
            .contains("<dd><span lang=\"hi\">सभी विक्रेता</span></dd>")
    );
}
