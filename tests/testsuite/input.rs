//! Text as authors' editors save it: byte-order marks, CRLF, two spellings of one letter.

use crate::support::{NOW, SiteTest, between, release};

#[test]
fn a_release_saved_by_a_windows_editor_builds() {
    let st = SiteTest::minimal();
    let text = release(
        "विंडोज़ से लिखी विज्ञप्ति",
        "2025-11-26T15:47:00+05:30",
        "release_id: \"42\"\nstates: [MP]\n",
        "पहला अनुच्छेद।\n\n## उपशीर्षक\n\nदूसरा अनुच्छेद।",
    );
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    st.bytes("content/releases/windows.hi.md", &bytes).file(
        "content/releases/windows.en.md",
        &release(
            "Written on Windows",
            "2025-11-26T15:47:00+05:30",
            "release_id: \"42\"\nstates: [MP]\n",
            "Text.",
        ),
    );
    let report = st.build_ok(NOW);
    let about_content = crate::support::content_warnings(&report);
    assert!(about_content.is_empty(), "{about_content:#?}");

    let html = st.read("hi/releases/windows/index.html");
    assert!(
        html.contains("<h1 class=\"page-title\">विंडोज़ से लिखी विज्ञप्ति</h1>"),
        "{html}"
    );
    assert!(html.contains("<dd>42</dd>"), "{html}");
    assert!(html.contains("<h2 id=\"उपशीर्षक\">उपशीर्षक</h2>"), "{html}");
    assert!(!html.contains('\r'), "no carriage return reaches the page");
    assert!(
        !html.contains('\u{feff}'),
        "no byte-order mark reaches the page"
    );
    assert!(html.contains("15:47"), "{html}");
    assert!(
        st.read("hi/states/mp/index.html")
            .contains(">विंडोज़ से लिखी विज्ञप्ति</a>")
    );
}

#[test]
fn an_event_file_with_bom_and_crlf_builds() {
    let st = SiteTest::minimal();
    let yaml = "\u{feff}state: MP\r\nstart: 2025-11-28\r\ntime: \"10:30\"\r\ntitle: {hi: \"भोपाल बैठक\", en: \"Bhopal meeting\"}\r\n";
    st.file("content/events/windows-event.yaml", yaml);
    st.build_ok(NOW);
    let html = st.read("en/events/windows-event/index.html");
    assert!(
        html.contains("<h1 class=\"page-title\">Bhopal meeting</h1>"),
        "{html}"
    );
    assert!(html.contains("<dd>10:30 IST</dd>"), "{html}");
}

#[test]
fn two_spellings_of_a_nukta_letter_render_the_same() {
    // क़ as one code point (U+0958) and as क + nukta (U+0915 U+093C).
    let composed = "\u{0958}ानून जागरूकता";
    let decomposed = "\u{0915}\u{093c}ानून जागरूकता";
    assert_ne!(composed, decomposed);

    let title_of = |title: &str| {
        let st = SiteTest::minimal();
        st.file(
            "content/events/nukta.yaml",
            &crate::support::event("MP", "2025-12-01", title, "Law awareness"),
        );
        st.file(
            "content/releases/nukta.hi.md",
            &release(
                title,
                "2025-11-20",
                "events: [nukta]\n",
                &format!("# {title}\n\nपाठ।"),
            ),
        )
        .file(
            "content/releases/nukta.en.md",
            &release("Law", "2025-11-20", "events: [nukta]\n", "Text."),
        );
        st.build_ok(NOW);
        let event = st.read("hi/events/nukta/index.html");
        let release = st.read("hi/releases/nukta/index.html");
        (
            between(&event, "<h1 class=\"page-title\">", "</h1>").to_string(),
            between(&release, "<h1 class=\"page-title\">", "</h1>").to_string(),
            between(&release, "<div class=\"prose\">", "</div>").to_string(),
            st.read("hi/events/nukta/nukta.ics"),
        )
    };
    let a = title_of(composed);
    let b = title_of(decomposed);
    assert_eq!(a, b, "the two spellings give different pages");
    // Both are the NFC form, which for क़ is the decomposed pair.
    assert_eq!(a.0, decomposed);
}

/// Characters pasted from a PDF (a form feed, a NUL, a vertical tab) or written as YAML
/// escapes are reported where they stand and replaced, so every file stays publishable.
#[test]
fn control_characters_are_reported_where_they_are_and_replaced() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/pasted.en.md",
        &release(
            "Page\u{0C}break",
            "2025-11-20",
            "summary: \"From \\u000c a \\0 PDF\"\n",
            "First\u{0B}line with a NUL\u{0} in it.\n\nSecond \u{FFFE} para.",
        ),
    );
    st.file(
        "content/events/pasted.yaml",
        "state: MP\nstart: 2025-11-28\ntitle: {hi: \"क\\u000bख\", en: \"A\\u0007B\"}\n",
    );
    let report = st.build_ok(crate::support::NOW);
    let about = |file: &str| -> Vec<&samvad::diagnostics::Diagnostic> {
        report
            .warnings
            .iter()
            .filter(|w| w.file.as_deref() == Some(std::path::Path::new(file)))
            .filter(|w| w.message.contains("cannot be published"))
            .collect()
    };
    let release_warnings = about("content/releases/pasted.en.md");
    // The form feed in the title (line 2), the vertical tab, NUL and U+FFFE in the body,
    // and the escapes in the summary.
    let places: Vec<(usize, usize)> = release_warnings
        .iter()
        .filter_map(|w| w.location.as_ref().map(|l| (l.line, l.column)))
        .collect();
    assert!(
        places.contains(&(2, 13)),
        "{places:?}\n{release_warnings:#?}"
    );
    assert!(places.contains(&(9, 6)), "{places:?}");
    assert!(places.contains(&(9, 22)), "{places:?}");
    assert!(places.contains(&(11, 8)), "{places:?}");
    assert!(
        release_warnings
            .iter()
            .any(|w| w.message.contains("`summary`")),
        "{release_warnings:#?}"
    );
    assert!(
        release_warnings
            .iter()
            .any(|w| w.message.contains("U+000C (form feed"))
    );
    let event_warnings = about("content/events/pasted.yaml");
    assert_eq!(event_warnings.len(), 1, "{event_warnings:#?}");
    crate::support::assert_points_at(event_warnings[0], "content/events/pasted.yaml", 3);

    // No output file holds such a character.
    for (path, bytes) in st.snapshot() {
        if path.ends_with(".png") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let bad: Vec<char> = text
            .chars()
            .filter(|c| samvad::text::unpublishable(*c) && *c != '\r')
            .collect();
        assert!(bad.is_empty(), "{path} holds {bad:?}");
    }
    let page = st.read("en/releases/pasted/index.html");
    assert!(page.contains("Page break"), "{page}");
    assert!(page.contains("First line with a NUL  in it."), "{page}");
    assert!(page.contains("Second \u{FFFD} para."), "{page}");
}
