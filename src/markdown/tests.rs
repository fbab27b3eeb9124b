//! Tests of Markdown rendering: ids, the filter, the first paragraph.

use std::collections::HashSet;

use super::ids::{is_devanagari_mark, keep_in_slug};
use super::*;
use crate::text::unpublishable;

#[test]
fn headings_get_unicode_ids_and_are_demoted() {
    let r =
        Markdown::new(false).render("# परिचय\n\ntext\n\n## जेम संवाद भोपाल\n\n## जेम संवाद भोपाल\n");
    assert!(r.html.contains("<h2 id=\"परिचय\">परिचय</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"जेम-संवाद-भोपाल\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"जेम-संवाद-भोपाल-2\">"), "{}", r.html);
    assert_eq!(r.first_paragraph, "text");
}

#[test]
fn ids_count_only_made_ones_and_take_all_heading_text() {
    let md =
        "## Plan {#own}\n\n## Plan\n\nFirst *one*\nline.\n\n### The `GeM` **portal**\n\n## Plan\n";
    let r = Markdown::new(false).render(md);
    assert!(r.html.contains("<h2 id=\"own\">Plan</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"plan\">Plan</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"plan-2\">Plan</h2>"), "{}", r.html);
    // An author's id later in the text, and a made id that another text's made id
    // already has, are not given twice.
    let again = Markdown::new(false)
        .render("## Plan\n\n## Plan\n\n## Plan 2\n\n## Notes {#plan-3}\n\n## Plan\n");
    for id in ["plan", "plan-2", "plan-2-2", "plan-3", "plan-4"] {
        let attr = format!("id=\"{id}\"");
        assert_eq!(
            again.html.matches(&attr).count(),
            1,
            "{attr} in {}",
            again.html
        );
    }
    assert!(r.html.contains("<h3 id=\"the-gem-portal\">"), "{}", r.html);
    assert_eq!(r.first_paragraph, "First one line.");
    assert_eq!(first_paragraph(md), r.first_paragraph);
}

#[test]
fn first_paragraph_skips_headings_and_lists() {
    let md = "## शीर्षक\n\n- a\n- b\n\nपहला *अनुच्छेद* [लिंक](x)\nजारी।\n\nदूसरा।\n";
    assert_eq!(first_paragraph(md), "पहला अनुच्छेद लिंक जारी।");
    assert_eq!(
        first_paragraph(md),
        Markdown::new(false).render(md).first_paragraph
    );
}

#[test]
fn the_quick_slug_test_agrees_with_unicode() {
    for c in ('\0'..='\u{7F}').chain('\u{900}'..='\u{97F}') {
        assert_eq!(
            keep_in_slug(c),
            c.is_alphanumeric() || is_devanagari_mark(c),
            "U+{:04X}",
            c as u32
        );
    }
}

#[test]
fn the_quick_lower_case_agrees_with_unicode() {
    let mixed = "Ünïcode ÀB — GeM संवाद ΣΑΣ İx ǅ 2025";
    let reference: String = mixed.chars().flat_map(char::to_lowercase).collect();
    assert_eq!(slug(mixed), slug(&reference));
    assert_eq!(slug(mixed), "ünïcode-àb-gem-संवाद-σασ-i-x-ǆ-2025");
    for c in ('\0'..='\u{7F}').chain('\u{900}'..='\u{97F}') {
        let lower: String = c.to_lowercase().collect();
        assert_eq!(
            lower,
            c.to_ascii_lowercase().to_string(),
            "U+{:04X}",
            c as u32
        );
    }
}

fn safe(md: &str) -> Rendered {
    Markdown::new(false).render(md)
}

/// No element, attribute or address that can run script survives, in any form.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<iframe",
        "<form",
        "<meta",
        "<base",
        "<object",
        "<embed",
        "<style",
        "<svg",
        "<math",
        "<input",
        "<button",
        "<link",
        "javascript:",
        "vbscript:",
        "data:",
        " on",
        "style=",
        "srcdoc",
        "formaction",
    ] {
        assert!(!lower.contains(bad), "{bad:?} in {html}");
    }
}

#[test]
fn links_and_images_only_go_to_web_mail_phone_or_the_site() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ] {
        for md in [
            format!("[click]({url})"),
            format!("![pic]({url})"),
            format!("<{url}>"),
        ] {
            let r = safe(&md);
            assert!(
                !r.html.to_ascii_lowercase().contains("href=\"java"),
                "{md}: {}",
                r.html
            );
            let lower = r.html.to_ascii_lowercase();
            assert!(
                !lower.contains("javascript:") || !lower.contains("href"),
                "{md}: {}",
                r.html
            );
            assert!(
                !lower.contains("src=\"data") && !lower.contains("href=\"data"),
                "{md}: {}",
                r.html
            );
            assert!(
                !lower.contains("vbscript:") || !lower.contains("href"),
                "{md}: {}",
                r.html
            );
        }
        // Where Markdown makes it a link, the link goes and its text stays, with a
        // note at the link (a tab in an address makes it no link at all).
        let r = safe(&format!("Before [click]({url}) after"));
        assert!(!r.html.contains("<a "), "{url}: {}", r.html);
        if r.html.contains("Before click after") {
            assert_eq!(r.notes.len(), 1, "{url}: {:?}", r.notes);
            assert_eq!(r.notes[0].offset, 7, "{url}");
        }
    }
    for url in [
        "https://gem.gov.in/",
        "http://example.in/x?a=1&b=2",
        "mailto:media@example.gov.in",
        "tel:+911123456789",
        "../releases/x/",
        "/hi/",
        "#section",
        "report.pdf",
        "docs/a:b",
        "?q=1",
    ] {
        let r = safe(&format!("[x]({url})"));
        assert!(r.html.contains("<a href="), "{url}: {}", r.html);
        assert!(r.notes.is_empty(), "{url}: {:?}", r.notes);
    }
}

#[test]
fn heading_attributes_cannot_carry_handlers_or_styles() {
    let r = safe("## Title {#own onmouseover=alert(1) style=color:red lang=en dir=ltr .note}\n");
    assert!(
        r.html
            .contains("<h2 id=\"own\" class=\"note\" lang=\"en\" dir=\"ltr\">"),
        "{}",
        r.html
    );
    assert_inert(&r.html);
    assert_eq!(r.notes.len(), 2, "{:?}", r.notes);
    assert!(
        r.notes[0].message.contains("`onmouseover`"),
        "{:?}",
        r.notes
    );
    // A lang that is not a language tag goes too.
    let r = safe("## T {lang=\"en onclick=x\"}\n");
    assert!(!r.html.contains("lang="), "{}", r.html);
}

#[test]
fn raw_html_is_sanitised_and_the_author_told_what_went() {
    let payloads = [
        "<script>alert(1)</script>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<form action=\"https://evil.example\"><input name=p><button>Go</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JAVA&#x09;SCRIPT:alert(1)\">x</a>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<p style=\"position:fixed\" onclick=\"x()\">text</p>",
        "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ];
    for p in payloads {
        for md in [format!("{p}\n\ntext"), format!("Inline {p} text")] {
            let r = safe(&md);
            assert_inert(&r.html);
            // An unclosed element of the payload may take the text in with it.
            if !p.contains("mglyph") {
                assert!(r.html.contains("text"), "{md}: {}", r.html);
            }
        }
    }
    let r = safe("Hello <script>alert(1)</script> <b onclick=x>world</b>\n");
    assert!(r.html.contains("<b>world</b>"), "{}", r.html);
    let told: Vec<&str> = r.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(told.iter().any(|m| m.contains("<script>")), "{told:?}");
    assert!(told.iter().any(|m| m.contains("`onclick`")), "{told:?}");
    // What is safe stays: language of parts, details, our own footnotes and ids.
    let r = safe(
        "<span lang=\"en\">GeM</span> <details><summary>s</summary>d</details>\n\n## Head\n\na[^1]\n\n[^1]: n\n",
    );
    assert!(
        r.html.contains("<span lang=\"en\">GeM</span>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<details><summary>s</summary>d</details>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"head\">Head</h2>"), "{}", r.html);
    assert!(
        r.html.contains("href=\"#fn-1\" id=\"fnref-1\""),
        "{}",
        r.html
    );
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn a_site_that_trusts_its_authors_keeps_raw_html() {
    let r = Markdown::new(true).render("<iframe src=\"https://maps.example/x\"></iframe>\n");
    assert!(r.html.contains("<iframe"), "{}", r.html);
    // Markdown's own links are still filtered.
    let r = Markdown::new(true).render("[x](javascript:alert(1))");
    assert!(!r.html.contains("javascript:"), "{}", r.html);
}

#[test]
fn table_alignment_is_a_class_not_a_style() {
    let r = safe("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
    assert!(!r.html.contains("style="), "{}", r.html);
    assert!(r.html.contains("<th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th>"), "{}", r.html);
    assert!(
        r.html.contains("<td class=\"align-right\">3</td>"),
        "{}",
        r.html
    );
    let plain = safe("| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(
        plain.html.contains("<th>a</th><th>b</th>"),
        "{}",
        plain.html
    );
}

#[test]
fn every_id_in_a_text_is_unique_and_none_is_the_pages_own() {
    let r = safe(
        "## Main\n\n## fn 1\n\n## T {#fn-2}\n\n## U {#main}\n\nSee[^1] and again[^1] and[^2].\n\n[^1]: one\n[^2]: two\n",
    );
    let ids: Vec<&str> = r
        .html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(!ids.contains(&"main"), "{ids:?}");
    for id in &ids {
        assert!(
            !id.starts_with("fn")
                || r.html.contains(&format!(
                    "href=\"#{}\"",
                    id.trim_start_matches("fnref-").replace("-2", "")
                ))
                || id.starts_with("fn-")
                || id.starts_with("fnref-"),
            "{id}"
        );
    }
    assert!(
        ids.contains(&"fnref-1") && ids.contains(&"fnref-1-2"),
        "{ids:?}"
    );
    assert!(ids.contains(&"h-fn-1"), "{ids:?}");
    assert_eq!(r.notes.len(), 2, "{:?}", r.notes);
}

#[test]
fn an_entity_cannot_write_a_control_character() {
    let r = safe("a&#12;b &#0; `&#7;` &#x1b;[31m\n");
    assert!(!r.html.chars().any(unpublishable), "{:?}", r.html);
    assert!(
        !r.first_paragraph.chars().any(unpublishable),
        "{:?}",
        r.first_paragraph
    );
}

#[test]
fn footnotes_are_prefixed() {
    let r = Markdown::new(false).render("a[^1]\n\n[^1]: note\n");
    assert!(r.html.contains("href=\"#fn-1\""), "{}", r.html);
    assert!(r.html.contains("id=\"fn-1\""), "{}", r.html);
}
