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
        [the meeting](@/events/meeting#main), [Madhya Pradesh](@/states/mp), \
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
        "../../../en/events/meeting/index.html#main",
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

#[test]
fn a_link_to_a_part_a_page_does_not_have_is_an_error_at_the_link() {
    let st = site();
    st.file(
        "content/releases/third.hi.md",
        &release("तीसरी", "2025-11-23", "", "## सुधार\n\nकुछ सुधार।"),
    );
    let line = "See [contact](@/pages/about#contact), [wrong](@/pages/about#contcat), \
        [nothing](../../about/#nothing-here), [here](#reforms), [missing](#missing-part), \
        [top](#top), [style](../../../assets/style.css#x), \
        [Hindi](@/releases/third#%E0%A4%B8%E0%A5%81%E0%A4%A7%E0%A4%BE%E0%A4%B0), \
        [Hindi again](@/releases/third#सुधार).";
    st.file(
        "content/releases/second.en.md",
        &release("Second", "2025-11-22", "", &format!("## Reforms\n\n{line}")),
    );
    let failure = st.build_err(NOW);
    // Exactly three: the parts that exist (a heading's, the theme's `#top`, a text's
    // own, a Hindi heading's written either way) and a file's fragment pass.
    assert_eq!(crate::support::errors(&failure).len(), 3, "{failure}");
    let column = |needle: &str| line.find(needle).unwrap() + 1;

    let wrong = error_with(&failure, "@/pages/about#contcat");
    assert_points_at(wrong, "content/releases/second.en.md", 10);
    assert_eq!(wrong.location.unwrap().column, column("[wrong]"));
    assert_eq!(wrong.code, samvad::diagnostics::Code::LinkBroken);
    assert!(
        wrong
            .message
            .contains("that the page /en/about/ does not have"),
        "{wrong}"
    );
    assert!(
        wrong.to_string().contains("did you mean `#contact`?"),
        "{wrong}"
    );

    let nothing = error_with(&failure, "../../about/#nothing-here");
    assert_eq!(nothing.location.unwrap().column, column("[nothing]"));
    assert!(
        nothing.to_string().contains("#contact"),
        "the parts it has: {nothing}"
    );

    let missing = error_with(&failure, "`#missing-part`");
    assert!(
        missing.message.contains("this page does not have"),
        "{missing}"
    );
    assert!(missing.to_string().contains("#reforms"), "{missing}");

    // check reports the same.
    let mut opts = st.options(NOW);
    opts.check_only = true;
    let checked = samvad::build(&opts).unwrap_err();
    assert_eq!(crate::support::errors(&checked).len(), 3, "{checked}");

    // Fixed, the links lead where they were written to.
    st.edit("content/releases/second.en.md", "#contcat", "#contact");
    st.edit("content/releases/second.en.md", "#nothing-here", "#contact");
    st.edit("content/releases/second.en.md", "#missing-part", "#reforms");
    st.build_ok(NOW);
    let en = links_of(&st, "en/releases/second/index.html");
    assert!(
        en.iter().any(|h| h == "../../../hi/releases/third/index.html#%E0%A4%B8%E0%A5%81%E0%A4%A7%E0%A4%BE%E0%A4%B0"),
        "{en:?}"
    );
}

#[test]
fn parts_linked_from_event_descriptions_and_pages_are_checked_too() {
    let st = site();
    st.append(
        "content/events/meeting.yaml",
        "description:\n  hi: \"[संपर्क](@/pages/about#contact)\"\n  en: \"[Contact](@/pages/about#kontakt)\"\n",
    );
    st.file(
        "content/pages/about.en.md",
        "---\ntitle: \"About\"\n---\n\n## Contact {#contact}\n\nSee [below](#below).\n",
    );
    let failure = st.build_err(NOW);
    assert_eq!(crate::support::errors(&failure).len(), 2, "{failure}");
    let event = error_with(&failure, "@/pages/about#kontakt");
    assert_points_at(event, "content/events/meeting.yaml", 6);
    assert!(
        event.message.starts_with("in the `en` description:"),
        "{event}"
    );
    let page = error_with(&failure, "`#below`");
    assert_points_at(page, "content/pages/about.en.md", 7);
}
