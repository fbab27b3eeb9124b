//! Any text as a release's front matter and as an event file: where the quick reader
//! takes it, it must read it exactly as the YAML crate (serde-saphyr) does, values and
//! places alike. A disagreement is a finding.

#![no_main]

use libfuzzer_sys::fuzz_target;
use samvad::content::source::SourceText;
use samvad::content::{event, release};

/// Whether the known finding `name` is passed over. `SAMVAD_FUZZ_STRICT=1` reports every
/// one again, `SAMVAD_FUZZ_STRICT=null-key,comment` only those (to minimise an input of
/// one without it turning into another).
fn pass_over(name: &str) -> bool {
    match std::env::var("SAMVAD_FUZZ_STRICT") {
        Err(_) => true,
        Ok(v) => v != "1" && !v.split(',').any(|n| n.trim() == name),
    }
}

/// Findings already reported, each with a regression test in
/// tests/testsuite/fuzz_regressions.rs, so fuzzing goes on past them.
fn known(text: &str, error: &str, agrees: fn(&str) -> Result<bool, String>) -> bool {
    // `null-key`: a key `null` in a map of texts: the quick reader takes it as the text
    // "null", the YAML crate as a null key, which is no text.
    if pass_over("null-key")
        && error
            .split_once("\nfull: ")
            .is_some_and(|(quick, _)| quick.contains("\"null\": "))
    {
        return true;
    }
    let mut variants = Vec::new();
    // `blank-lines`: lines of spaces only at the end of a `>`/`|` block: the quick
    // reader takes them as blank lines, the YAML crate reads the spaces past the block's
    // indentation as text, and a block of such lines only as an empty text, not a line
    // break. Where those lines are emptied, the readers must agree.
    if pass_over("blank-lines") {
        let emptied: Vec<&str> = text
            .split('\n')
            .map(|l| {
                if l.trim_matches(' ').is_empty() {
                    ""
                } else {
                    l
                }
            })
            .collect();
        variants.push(emptied.join("\n"));
    }
    // `comment`: characters the YAML crate rejects (control characters, U+FFFE) or
    // reads as a line end (a lone CR) inside a comment, which the quick reader drops
    // unread. Files are cleaned before either reader sees them, which replaces all of
    // those: the cleaned text must agree.
    if pass_over("comment") {
        variants.push(SourceText::from_text("x", text).text);
    }
    // A text may have several of these: each variant must agree or be explained.
    variants.iter().any(|variant| {
        variant != text
            && match agrees(variant) {
                Ok(_) => true,
                Err(e) => known(variant, &e, agrees),
            }
    })
}

fuzz_target!(|text: &str| {
    if let Err(e) = release::quick_reader_agrees(text)
        && !known(text, &e, release::quick_reader_agrees)
    {
        panic!(
            "release front matter: the quick reader and the YAML crate disagree on {text:?}\n{e}"
        );
    }
    if let Err(e) = event::quick_reader_agrees(text)
        && !known(text, &e, event::quick_reader_agrees)
    {
        panic!("event file: the quick reader and the YAML crate disagree on {text:?}\n{e}");
    }
});
