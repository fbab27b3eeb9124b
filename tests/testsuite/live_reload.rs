//! A page open in headless Chromium while `samvad serve` runs: it reloads itself after a
//! save and shows the new text, shows a broken save's problem over the last good page
//! (in the page's language), and comes back when the file is fixed. Chromium is driven
//! through its DevTools protocol on a pipe, the way test tools drive it.

use serde_json::json;

use crate::browser::tool;
use crate::cdp::Browser;
use crate::serve::Served;
use crate::support::{NOW, SiteTest};

const PAGE: &str = "(() => ({h1: (document.querySelector('h1') || {}).textContent || '', \
    marked: window.__kept === 1, href: location.href, \
    problem: (() => { const h = document.querySelector('[data-samvad-problem]'); \
      if (!h) return null; const box = h.shadowRoot.querySelector('[role=alert]'); \
      return {text: box.textContent, lang: box.lang}; })()}))()";

#[test]
fn an_open_page_reloads_after_a_save_and_shows_a_broken_save() {
    let Some(chromium) = tool("chromium") else {
        return;
    };
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let mut browser = Browser::start(&chromium);
    let en_url = format!("{}en/releases/gem-samvad-outreach/", served.url);
    let hi_url = format!("{}hi/releases/gem-samvad-outreach/", served.url);
    let en = browser.open(&en_url);
    let hi = browser.open(&hi_url);
    let first = browser.wait_for(&en, PAGE, |v| {
        v["h1"].as_str().is_some_and(|t| t.contains("GeM Samvad"))
    });
    assert!(first["problem"].is_null());
    browser.wait_for(&hi, PAGE, |v| !v["h1"].as_str().unwrap_or("").is_empty());
    // Something only this load of the page has: gone after a reload.
    browser.eval(&en, "window.__kept = 1");

    const RELEASE: &str = "content/releases/gem-samvad-outreach.en.md";
    st.edit(
        RELEASE,
        "title: \"GeM Samvad",
        "title: \"Saved again: GeM Samvad",
    );
    let reloaded = browser.wait_for(&en, PAGE, |v| {
        v["h1"].as_str().is_some_and(|t| t.contains("Saved again"))
    });
    assert_eq!(reloaded["marked"], json!(false), "the page was reloaded");
    assert_eq!(reloaded["href"], json!(en_url), "on the same page");

    // A broken save: the page stays, the problem is shown over it, in its language.
    st.edit(RELEASE, "title: \"Saved again", "title: \"\"Saved again");
    let broken = browser.wait_for(&en, PAGE, |v| !v["problem"].is_null());
    let text = broken["problem"]["text"].as_str().unwrap();
    assert!(
        text.contains("The last change could not be built"),
        "{text}"
    );
    assert!(text.contains(&format!("{RELEASE}:2:")), "{text}");
    assert!(text.contains("help:"), "{text}");
    assert_eq!(broken["problem"]["lang"], json!("en"));
    assert!(broken["h1"].as_str().unwrap().contains("Saved again"));
    let hi_broken = browser.wait_for(&hi, PAGE, |v| !v["problem"].is_null());
    let text = hi_broken["problem"]["text"].as_str().unwrap();
    assert!(text.contains("पिछला बदलाव लागू नहीं हो सका"), "{text}");
    assert!(text.contains(RELEASE), "{text}");
    assert_eq!(hi_broken["problem"]["lang"], json!("hi"));

    // The fix brings the page back by itself, without the problem.
    st.edit(RELEASE, "title: \"\"Saved again", "title: \"Fixed");
    let fixed = browser.wait_for(&en, PAGE, |v| {
        v["h1"].as_str().is_some_and(|t| t.contains("Fixed"))
    });
    assert!(fixed["problem"].is_null());
    // While it reloads, the page has neither the problem nor a heading yet.
    let hi_fixed = browser.wait_for(&hi, PAGE, |v| {
        v["problem"].is_null() && !v["h1"].as_str().unwrap_or("").is_empty()
    });
    assert!(
        hi_fixed["h1"].as_str().unwrap().contains("जेम संवाद"),
        "{hi_fixed}"
    );
}

/// Screenshots of the problem shown over a page, at phone and desk widths in both
/// languages, for a person to look at: `SAMVAD_SHOTS=DIR cargo test --release --
/// --ignored problem_screenshots` writes base64 PNGs (`base64 -d`) into DIR.
#[test]
#[ignore]
fn problem_screenshots() {
    let (Some(chromium), Some(dir)) = (tool("chromium"), std::env::var_os("SAMVAD_SHOTS")) else {
        return;
    };
    let st = SiteTest::example();
    let served = Served::start(&st, &["--now", NOW]);
    let mut browser = Browser::start(&chromium);
    st.edit(
        "content/releases/gem-samvad-outreach.en.md",
        "title: \"GeM Samvad",
        "title: \"\"GeM Samvad",
    );
    for lang in ["hi", "en"] {
        for width in [360, 1280] {
            let tab = browser.open(&format!(
                "{}{lang}/releases/gem-samvad-outreach/",
                served.url
            ));
            browser.call(
                Some(&tab),
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600}),
            );
            browser.wait_for(&tab, PAGE, |v| !v["problem"].is_null());
            let shot = browser.call(
                Some(&tab),
                "Page.captureScreenshot",
                json!({"format": "png"}),
            );
            let path = std::path::Path::new(&dir).join(format!("problem-{lang}-{width}.b64"));
            std::fs::write(path, shot["data"].as_str().unwrap()).unwrap();
        }
    }
}
