//! Links within the site in what authors write: `@/…` by name, resolved to the right
//! language, and every other address within the site checked; a link to nothing is an
//! error at its file, line and column, in `build` and in `check`.

use crate::support::{SiteTest, assert_points_at, attr_values, error_with, event, release};

const NOW: &str = "2025-11-27";

/// Two releases (one in Hindi only), an event, a page.
fn site() -> SiteTest {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/first.hi.md",
        &release("पहली", "2025-11-20", "states: [MP]\n", "पहली विज्ञप्ति।"),
    );
    st.file(
        "content/releases/first.en.md",
        &release(
            "First",
            "2025-11-20",
            "states: [MP]\n",
            "The first release.",
        ),
    );
    st.file(
        "content/releases/hindi-only.hi.md",
        &release("केवल हिंदी", "2025-11-21", "", "केवल हिंदी में।"),
    );
    st.file(
        "content/events/meeting.yaml",
        &event("MP", "2025-12-01", "बैठक", "Meeting"),
    );
    st.file(
        "content/pages/about.en.md",
        "---\ntitle: \"About\"\n---\n\n## Contact {#contact}\n\nWrite to us.\n",
    );
    st.file(
        "content/pages/about.hi.md",
        "---\ntitle: \"परिचय\"\n---\n\n## संपर्क {#contact}\n\nहमें लिखें।\n",
    );
    st
}

fn links_of(st: &SiteTest, page: &str) -> Vec<String> {
    let html = st.read(page);
    let main = crate::support::between(&html, "<main", "</main>");
    attr_values(main, "href")
}

#[test]
fn links_by_name_lead_to_the_page_in_the_right_language() {
    let st = site();
    let body = "See [the first](@/releases/first), [the Hindi one](@/releases/hindi-only), \
        [the meeting](@/events/meeting#details), [Madhya Pradesh](@/states/mp), \
        [contact](@/pages/about#contact), [the schedule](../../schedule/) and \
        [the style](../../../assets/style.css).";
    st.file(
        "content/releases/second.en.md",
        &release("Second", "2025-11-22", "", body),
    );
    st.file(
        "content/releases/second.hi.md",
        &release(
            "दूसरी",
            "2025-11-22",
            "",
            "देखें [पहली](@/releases/first) और [परिचय](@/pages/about).",
        ),
    );
    st.build_ok(NOW);
    let en = links_of(&st, "en/releases/second/index.html");
    for want in [
        "../../../en/releases/first/index.html",
        // Not written in English: the Hindi page.
        "../../../hi/releases/hindi-only/index.html",
        "../../../en/events/meeting/index.html#details",
        "../../../en/states/mp/index.html",
        "../../../en/about/index.html#contact",
        "../../schedule/",
        "../../../assets/style.css",
    ] {
        assert!(en.iter().any(|h| h == want), "{want} not in {en:?}");
    }
    let hi = links_of(&st, "hi/releases/second/index.html");
    assert!(
        hi.iter()
            .any(|h| h == "../../../hi/releases/first/index.html"),
        "{hi:?}"
    );
    assert!(
        hi.iter().any(|h| h == "../../../hi/about/index.html"),
        "{hi:?}"
    );
    assert!(!st.read("en/releases/second/index.html").contains("@/"));
}

#[test]
fn a_link_to_nothing_is_an_error_where_it_was_written() {
    let st = site();
    st.file(
        "content/releases/second.en.md",
        &release(
            "Second",
            "2025-11-22",
            "",
            "One paragraph.\n\nSee [the first](@/releases/frist) and [a page](../no-such-page/).",
        ),
    );
    let failure = st.build_err(NOW);
    let by_name = error_with(&failure, "@/releases/frist");
    assert_points_at(by_name, "content/releases/second.en.md", 10);
    assert!(
        by_name
            .to_string()
            .contains("did you mean @/releases/first?"),
        "{by_name}"
    );
    let by_address = error_with(&failure, "../no-such-page/");
    assert_points_at(by_address, "content/releases/second.en.md", 10);
    assert!(
        by_address
            .to_string()
            .contains("leads to no page or file of the site"),
        "{by_address}"
    );
    // check finds the same, and nothing was published.
    let mut opts = st.options(NOW);
    opts.check_only = true;
    let checked = samvad::build(&opts).unwrap_err();
    error_with(&checked, "@/releases/frist");
    assert!(!st.exists("en/index.html"));
}

#[test]
fn links_in_event_descriptions_and_pages_are_checked_too() {
    let st = site();
    st.append(
        "content/events/meeting.yaml",
        "description:\n  hi: \"[राज्य](@/states/xx)\"\n  en: \"[The release](@/releases/first)\"\n",
    );
    st.file(
        "content/pages/about.en.md",
        "---\ntitle: \"About\"\n---\n\nSee [this](@/events/no-such-event) and [that](@/things/x).\n",
    );
    let failure = st.build_err(NOW);
    let state = error_with(&failure, "@/states/xx");
    assert_eq!(
        state
            .file
            .as_deref()
            .map(|p| p.to_string_lossy().replace('\\', "/")),
        Some("content/events/meeting.yaml".to_string())
    );
    assert!(
        state.to_string().contains("no state or union territory"),
        "{state}"
    );
    let page = error_with(&failure, "@/events/no-such-event");
    assert_points_at(page, "content/pages/about.en.md", 5);
    error_with(&failure, "`things`, which is not a kind of page");
    // Fixed, the event's description links to the release in each language.
    st.edit("content/events/meeting.yaml", "@/states/xx", "@/states/MP");
    st.file(
        "content/pages/about.en.md",
        "---\ntitle: \"About\"\n---\n\nSee [this](@/events/meeting).\n",
    );
    st.build_ok(NOW);
    let en = links_of(&st, "en/events/meeting/index.html");
    assert!(
        en.iter()
            .any(|h| h == "../../../en/releases/first/index.html"),
        "{en:?}"
    );
    let hi = links_of(&st, "hi/events/meeting/index.html");
    assert!(
        hi.iter().any(|h| h == "../../../hi/states/mp/index.html"),
        "{hi:?}"
    );
}

#[test]
fn addresses_outside_the_site_and_plain_fragments_are_left_alone() {
    let st = site();
    st.file(
        "content/releases/second.en.md",
        &release(
            "Second",
            "2025-11-22",
            "",
            "[web](https://gem.gov.in/) [mail](mailto:a@b.in) [part](#top) [host](//cdn.example/x)",
        ),
    );
    st.build_ok(NOW);
    let en = links_of(&st, "en/releases/second/index.html");
    for want in [
        "https://gem.gov.in/",
        "mailto:a@b.in",
        "#top",
        "//cdn.example/x",
    ] {
        assert!(en.iter().any(|h| h == want), "{want} not in {en:?}");
    }
}
