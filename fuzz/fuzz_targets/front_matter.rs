//! Any bytes as a Markdown file: cleaning and splitting at the front matter never panic,
//! the cleaned text keeps the promises of `SourceText::text` (no carriage returns, no
//! unpublishable characters, NFC), and the YAML and the body are slices of it, the YAML
//! before the body and the body to the end of the text (the body is found again at
//! render time by its length from the end).

#![no_main]

use libfuzzer_sys::fuzz_target;
use samvad::text::{SourceText, split_front_matter, unpublishable};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = SourceText::from_text("x.md", text);
    let clean = src.text.as_str();
    assert!(
        !clean.contains('\r'),
        "a carriage return is left: {clean:?}"
    );
    assert!(
        !clean.chars().any(unpublishable),
        "an unpublishable character is left: {clean:?}"
    );
    assert!(
        unicode_normalization::is_nfc(clean),
        "the cleaned text is not NFC: {clean:?}"
    );
    let Ok(fm) = split_front_matter(&src) else {
        return;
    };
    let whole = clean.as_bytes().as_ptr_range();
    let within = |part: &str| {
        let r = part.as_bytes().as_ptr_range();
        whole.start <= r.start && r.end <= whole.end
    };
    assert!(within(fm.yaml), "the YAML is not part of the text");
    assert!(within(fm.body), "the body is not part of the text");
    assert!(
        fm.yaml.as_bytes().as_ptr_range().end <= fm.body.as_ptr(),
        "the YAML runs into the body"
    );
    assert_eq!(
        fm.body.as_bytes().as_ptr_range().end,
        whole.end,
        "the body does not run to the end of the text"
    );
    let body_start = clean.len() - fm.body.len();
    assert_eq!(&clean[body_start..], fm.body);
    assert!(
        clean.starts_with("---"),
        "front matter without an opening line"
    );
});
