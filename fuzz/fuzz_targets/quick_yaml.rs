//! Any text as a release's front matter and as an event file: where the quick reader
//! takes it, it must read it exactly as the YAML crate (serde-saphyr) does, values and
//! places alike. A disagreement is a finding.

#![no_main]

use libfuzzer_sys::fuzz_target;
use samvad::content::{event, release};

fuzz_target!(|text: &str| {
    if let Err(e) = release::quick_reader_agrees(text) {
        panic!(
            "release front matter: the quick reader and the YAML crate disagree on {text:?}\n{e}"
        );
    }
    if let Err(e) = event::quick_reader_agrees(text) {
        panic!("event file: the quick reader and the YAML crate disagree on {text:?}\n{e}");
    }
});
