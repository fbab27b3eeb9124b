//! Inputs found by the fuzz targets in fuzz/ (`cargo +nightly fuzz run <target>`), as
//! tests through the public API. A test of a problem not yet fixed is ignored, so the
//! suite stays green: run them with `cargo test --test testsuite fuzz_regressions --
//! --ignored`. The last tests run the example site's files through the same checks as
//! the fuzz targets.

use std::path::Path;

use samvad::config::Config;
use samvad::content::LoadContext;
use samvad::content::{event, release};
use samvad::markdown::Markdown;
use samvad::states::StateRegistry;
use samvad::text::{SourceText, split_front_matter, unpublishable};

use crate::support::{NOW, SiteTest, release, repo};

fn html(markdown: &str) -> String {
    Markdown::new(false).render(markdown).html
}

fn assert_publishable(markdown: &str) {
    let html = html(markdown);
    let bad: Vec<String> = html
        .chars()
        .filter(|&c| unpublishable(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{markdown:?} gives {bad:?} in {html:?}");
}

/// A character reference in a link's or an image's title is decoded into the `title`
/// attribute as it is: control characters and noncharacters reach the page (the filter
/// cleans only text and code).
#[test]

fn a_link_title_cannot_write_a_control_character() {
    assert_publishable("![](. \"&#1;\")e");
    assert_publishable("[x](y \"&#1;\")");
    assert_publishable("![x](y \"&#xFFFE;\")");
    assert_publishable("[x]\n\n[x]: y \"&#12;\"\n");
}

/// The same through a build: the release page holds U+000C.
#[test]

fn a_release_page_holds_no_control_character_from_a_link_title() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/t.hi.md",
        &release(
            "शीर्षक",
            "2025-11-26",
            "",
            "[जेम](https://gem.gov.in \"GeM&#12;portal\")",
        ),
    );
    st.build_ok(NOW);
    let page = st.read("hi/releases/t/index.html");
    assert!(!page.chars().any(unpublishable), "{page:?}");
}

/// A character reference in a fenced code block's info string is decoded into
/// `class="language-…"` as it is.
#[test]

fn a_code_block_info_string_cannot_write_a_control_character() {
    assert_publishable("```&#1;");
    assert_publishable("```&#1;\nx\n```\n");
}

/// A character reference in raw HTML (an HTML block, or an attribute of an inline tag) is
/// decoded by the sanitiser and written out as the character itself.
#[test]

fn a_reference_in_raw_html_cannot_write_a_control_character() {
    assert_publishable("<i>\n&#1");
    assert_publishable("<div>\n&#1;\n</div>\n");
    assert_publishable("<div>\n&#xFFFE;\n</div>\n");
    assert_publishable("<a title=\"&#1;\">x</a>");
    assert_publishable("<b title=\"&#x81;\">x</b>");
}

/// The quick reader either reads a text as the YAML crate does or leaves it to it.
fn agree(result: Result<bool, String>) {
    if let Err(both) = result {
        panic!("the quick reader and the YAML crate disagree:\n{both}");
    }
}

/// A `>` or `|` block that has only lines of spaces: the quick reader reads a line
/// break, the YAML crate an empty text.
#[test]

fn an_empty_block_is_read_as_the_yaml_crate_reads_it() {
    agree(event::quick_reader_agrees(
        "state: MP\ntitle: \n  hi: >\n    ",
    ));
    agree(release::quick_reader_agrees(
        "title: T\ndate: D\nministry: M\nplace: P\nsummary: >\n  \n",
    ));
}

/// A line of spaces after a block, deeper than the block's lines: the quick reader drops
/// it, the YAML crate reads the extra spaces as text (`"a\n "`).
#[test]

fn a_block_ending_in_a_deeper_line_of_spaces_is_read_as_the_yaml_crate_reads_it() {
    agree(event::quick_reader_agrees(
        "state: MP\ntitle:\n  hi: >-\n   a\n    ",
    ));
    agree(release::quick_reader_agrees(
        "title: T\ndate: D\nministry: M\nplace: P\nsummary: >-\n  a\n   \n",
    ));
}

/// A key `null` in a map of texts: the quick reader takes it as the language "null",
/// the YAML crate as a null key ("cannot deserialize null into string").
#[test]

fn a_null_key_is_left_to_the_yaml_crate() {
    agree(event::quick_reader_agrees(
        "state: MP\ntitle: {hi: a}\ncity:\n  null: \"b\"",
    ));
    agree(event::quick_reader_agrees("state: MP\ntitle: {null: a}\n"));
    agree(event::quick_reader_agrees("state: MP\ntitle:\n  null: a\n"));
}

/// A control character in a comment: the quick reader drops the comment unread, the
/// YAML crate rejects the character. Files are cleaned before either reader sees them
/// (the character becomes a space), so only text that did not come through
/// `SourceText` shows it.
#[test]

fn a_control_character_in_a_comment_is_left_to_the_yaml_crate() {
    agree(release::quick_reader_agrees(
        "title: T\ndate: t\nministry: cont\nplace: a #m\u{e}rc",
    ));
    agree(release::quick_reader_agrees(
        "title: T # \u{0}\ndate: D\nministry: M\nplace: P\n",
    ));
}

#[test]
fn a_control_character_in_a_comment_of_a_file_is_cleaned_before_it_is_read() {
    let text = "title: T # \u{0}\ndate: D\nministry: M\nplace: P\n";
    let clean = SourceText::from_text("x.md", text).text;
    assert_eq!(release::quick_reader_agrees(&clean), Ok(true));
}

/// The example site's files through the checks of the fuzz targets: the front matter
/// splits into slices of the text, the quick readers agree with the YAML crate, events
/// load with diagnostics that render, bodies render to publishable HTML.
#[test]
fn the_example_files_pass_the_fuzz_targets_checks() {
    let config = Config::defaults();
    let states = StateRegistry::bundled();
    let cx = LoadContext {
        config: &config,
        states: &states,
        root: Path::new("."),
        drafts: false,
    };
    let mut seen = 0;
    for dir in ["content/releases", "content/pages", "content/events"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let src = SourceText::from_text(&path, &text);
            seen += 1;
            if dir == "content/events" {
                assert_eq!(event::quick_reader_agrees(&src.text), Ok(true), "{path:?}");
                let (loaded, problems) =
                    event::load_source(&cx, "x".into(), Path::new("x.yaml"), &src);
                for d in problems.iter() {
                    assert!(!d.to_string().is_empty());
                }
                assert!(loaded.is_some(), "{path:?}: {problems}");
                continue;
            }
            let fm = split_front_matter(&src).unwrap();
            let whole = src.text.as_bytes().as_ptr_range();
            for part in [fm.yaml, fm.body] {
                let r = part.as_bytes().as_ptr_range();
                assert!(whole.start <= r.start && r.end <= whole.end, "{path:?}");
            }
            assert!(src.text.ends_with(fm.body));
            if dir == "content/releases" {
                assert_eq!(release::quick_reader_agrees(fm.yaml), Ok(true), "{path:?}");
            }
            let out = html(fm.body);
            let lower = out.to_ascii_lowercase();
            for bad in ["<script", "<iframe", "<style", "javascript:", " style="] {
                assert!(!lower.contains(bad), "{bad} in {path:?}");
            }
            assert!(!out.chars().any(unpublishable), "{path:?}");
        }
    }
    assert!(seen >= 10, "{seen} files");
}
