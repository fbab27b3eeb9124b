//! Any text as an event file: loading never panics; every diagnostic renders, and what
//! it prints cannot drive a terminal (no control characters but line ends, no
//! text-direction overrides); an event that loads has publishable texts and no errors.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use samvad::config::Config;
use samvad::content::LoadContext;
use samvad::content::event::load_source;
use samvad::text::{SourceText, unpublishable};
use samvad::states::StateRegistry;

static CONFIG: LazyLock<Config> = LazyLock::new(Config::defaults);
static STATES: LazyLock<StateRegistry> = LazyLock::new(StateRegistry::bundled);

/// A character that lets printed text move the cursor, change colours or reorder what is
/// shown.
fn drives_terminal(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7F}'..='\u{9F}').contains(&c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fuzz_target!(|text: &str| {
    let cx = LoadContext {
        config: &CONFIG,
        states: &STATES,
        root: Path::new("."),
        drafts: false,
    };
    let src = SourceText::from_text("content/events/fuzz-event.yaml", text);
    let (event, problems) = load_source(&cx, "fuzz-event".into(), std::path::Path::new("fuzz-event.yaml"), &src);
    for d in problems.iter() {
        let shown = d.to_string();
        if let Some(c) = shown.chars().find(|&c| drives_terminal(c)) {
            panic!(
                "a diagnostic prints U+{:04X}: {shown:?}\nfrom {text:?}",
                c as u32
            );
        }
    }
    let _ = problems.to_string();
    if let Some(event) = event {
        assert!(
            !problems.has_errors(),
            "an event with errors loaded: {text:?}"
        );
        assert_eq!(event.id, "fuzz-event");
        let texts = [
            Some(&event.title),
            event.city.as_ref(),
            event.venue.as_ref(),
            event.description.as_ref(),
        ];
        for localized in texts.into_iter().flatten() {
            for (lang, t) in &localized.by_lang {
                assert!(
                    CONFIG.languages.contains(lang),
                    "text in `{lang}`, not a language of the site: {text:?}"
                );
                assert!(
                    !t.chars().any(unpublishable),
                    "an unpublishable character in {t:?} from {text:?}"
                );
                assert!(!t.is_empty(), "an empty text kept from {text:?}");
            }
        }
        assert!(
            !event.title.by_lang.is_empty(),
            "an event without a title loaded: {text:?}"
        );
    }
});
