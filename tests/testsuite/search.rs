//! Search: the index the build writes and the page that reads it, in headless Chromium
//! over `file://` and over HTTP. A Hindi word typed composed or decomposed, an English
//! word in capitals and the start of a word find their release; काम does not find a page
//! that has only कम; the files a query loads are counted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::browser::tool;
use crate::cdp::Browser;
use crate::support::{NOW, SiteTest};

/// A page (in both languages) that has कम, "less", but never काम, "work".
fn with_less_page(st: &SiteTest) {
    st.file(
        "content/pages/costs.hi.md",
        "---\ntitle: \"लागत\"\nsummary: \"पंजीकरण शुल्क\"\n---\n\nपोर्टल पर पंजीकरण की लागत अब कम है।\n",
    );
    st.file(
        "content/pages/costs.en.md",
        "---\ntitle: \"Costs\"\nsummary: \"Registration fees\"\n---\n\nRegistering on the portal now costs less.\n",
    );
}

fn site() -> Option<(SiteTest, Browser)> {
    let chromium = tool("chromium")?;
    let st = SiteTest::example();
    with_less_page(&st);
    st.build_ok(NOW);
    Some((st, Browser::start(&chromium)))
}

/// What the page found for `q`: the links of the results, the status line, and the
/// index files it loaded.
const RESULTS: &str = "(() => { \
  const status = document.getElementById('search-status').textContent; \
  const links = Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href')); \
  const marks = Array.from(document.querySelectorAll('#search-results mark')).map(m => m.textContent); \
  const meta = Array.from(document.querySelectorAll('#search-results .search-meta')).map(m => m.textContent); \
  const files = window.samvadSearchWords.loaded.slice(); \
  const fetched = performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('/search/')); \
  return { status, links, marks, meta, files, fetched, busy: status === document.getElementById('search').dataset.loading }; })()";

/// Opens the search page at `base` (its folder's address) with `q` and waits for results.
fn ask(browser: &mut Browser, base: &str, lang: &str, q: &str) -> Value {
    let url = format!("{base}{lang}/search/index.html?q={}", encode(q));
    let tab = browser.open_at(&url, NOW, 360);
    browser.wait_for(&tab, RESULTS, |v| {
        let s = v["status"].as_str().unwrap_or("");
        !s.is_empty() && v["busy"] == false
    })
}

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn links(v: &Value) -> Vec<String> {
    v["links"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| l.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn finds(v: &Value, page: &str) -> bool {
    links(v).iter().any(|l| l.ends_with(page))
}

/// The bytes of the index files a query loaded (paths under `<lang>/search/`), read
/// from the output folder.
fn bytes_loaded(v: &Value, lang: &str, out: &Path) -> usize {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str())
        .map(|f| {
            let path = out.join(lang).join("search").join(f);
            std::fs::metadata(&path).map(|m| m.len() as usize).unwrap()
        })
        .sum()
}

const KRETA: &str = "releases/kreta-samvad-bhopal/index.html";

fn the_reader_finds_what_they_type(browser: &mut Browser, base: &str, out: &Path) {
    // A Hindi word of the title, and its start as it is being typed.
    for q in ["भोपाल", "भोपा"] {
        let v = ask(browser, base, "hi", q);
        assert!(finds(&v, KRETA), "{q}: {v}");
        assert!(
            v["marks"].as_array().unwrap().iter().any(|m| m == "भोपाल"),
            "{v}"
        );
    }
    // करोड़ with its nukta as one character, as two, and without it.
    for q in ["करो\u{095C}", "करोड\u{093C}", "करोड"] {
        let v = ask(browser, base, "hi", q);
        assert!(finds(&v, KRETA), "{q:?}: {v}");
    }
    // English in capitals, a plural, an -ing form and a start.
    for q in ["BHOPAL", "Meetings", "strengthening", "procure"] {
        let v = ask(browser, base, "en", q);
        assert!(finds(&v, KRETA), "{q}: {v}");
    }
    // Vowel signs are letters: काम ("work") is not कम ("less").
    let work = ask(browser, base, "hi", "काम");
    assert!(!finds(&work, "costs/index.html"), "{work}");
    let less = ask(browser, base, "hi", "कम");
    assert!(finds(&less, "costs/index.html"), "{less}");
    let bare = ask(browser, base, "hi", "मतरलय");
    assert!(links(&bare).is_empty(), "{bare}");
    assert!(bare["status"].as_str().unwrap().contains("मतरलय"), "{bare}");
    // A result says what it is and when: the kind and the release's date.
    let v = ask(browser, base, "en", "Bhopal");
    let first = v["meta"][0].as_str().unwrap_or("");
    assert!(
        first.contains("Press release") || first.contains("Event"),
        "{v}"
    );
    assert!(links(&v).len() >= 2, "the release and the event: {v}");
    // What one query costs at this size: a few KB.
    let loaded = bytes_loaded(&v, "en", out);
    assert!(loaded > 0 && loaded < 16 * 1024, "{loaded} bytes: {v}");
    // Over HTTP the browser's own count of what it fetched agrees.
    if base.starts_with("http") {
        let fetched = v["fetched"].as_array().unwrap();
        assert_eq!(fetched.len(), v["files"].as_array().unwrap().len(), "{v}");
        assert!(
            fetched
                .iter()
                .all(|f| f.as_str().unwrap().starts_with(base)),
            "{v}"
        );
    }
}

#[test]
fn search_works_from_a_folder_opened_from_disk() {
    let Some((st, mut browser)) = site() else {
        return;
    };
    let base = format!("file://{}/", st.output_dir().display());
    the_reader_finds_what_they_type(&mut browser, &base, &st.output_dir());
}

#[test]
fn search_works_from_a_host() {
    let Some((st, mut browser)) = site() else {
        return;
    };
    let port = serve_folder(st.output_dir());
    let base = format!("http://127.0.0.1:{port}/");
    the_reader_finds_what_they_type(&mut browser, &base, &st.output_dir());
}

/// Serves `dir` over HTTP on a free port, as a static host does, until the test ends.
fn serve_folder(dir: PathBuf) -> u16 {
    serve_folder_with(dir, &[])
}

/// [`serve_folder`], every response with the `headers` a host's settings add.
pub fn serve_folder_with(dir: PathBuf, headers: &[(&str, &str)]) -> u16 {
    let headers: Vec<tiny_http::Header> = headers
        .iter()
        .map(|(n, v)| tiny_http::Header::from_bytes(*n, *v).unwrap())
        .collect();
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let path = req.url().split('?').next().unwrap_or("/").to_string();
            let mut file = dir.join(path.trim_start_matches('/'));
            if file.is_dir() {
                file = file.join("index.html");
            }
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css",
                _ => "application/octet-stream",
            };
            let _ = match std::fs::read(&file) {
                Ok(bytes) => {
                    let mut response = tiny_http::Response::from_data(bytes)
                        .with_header(tiny_http::Header::from_bytes("Content-Type", kind).unwrap());
                    for h in &headers {
                        response.add_header(h.clone());
                    }
                    req.respond(response)
                }
                Err(_) => req.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    port
}

/// Words as the browser reads a query are words as the build read the pages: the
/// script's rules and the index's, run over the same texts, agree.
#[test]
fn the_browser_reads_words_as_the_build_does() {
    let Some((st, mut browser)) = site() else {
        return;
    };
    let mut texts: Vec<String> = [
        "काम कम मंत्रालय मतरलय",
        "ज़िला जिला \u{095B}िला ज\u{093C}िला",
        "Meetings meeting MEET running run making make bodies status class taxes boxes",
        "In 2025, 1,86,879 crore and २०२५ G20 a — व; «GeM»!",
        "क्\u{200D}ष र्\u{200C}य ॐ ऽ । ॥ ॰",
        "Café CAFÉ naïve Straße İstanbul",
        "श्री मोदी ने 28 नवम्बर को कहा: ‘डिजिटल इंडिया’।",
        "e-Marketplace GeM's state-wide don't 3.5 x86_64",
        "क़ ख़ ग़ फ़ ड़ ढ़ य़ ऩ ऱ ऴ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // And texts made of random pieces of the scripts the sites mix.
    let pieces = [
        "क", "ा", "ि", "्", "ं", "ँ", "़", "ड", "ज", "र", "म", "०", "९", "a", "B", "s", "ing", "es",
        "ies", "e", " ", ",", "-", "'", "\u{200D}", "1", "2025", "é", "।", "Ä", "ß",
    ];
    let mut seed: u64 = 0x5eed;
    for _ in 0..300 {
        let mut t = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        texts.push(t);
    }
    let url = format!("file://{}/hi/search/index.html", st.output_dir().display());
    let tab = browser.open_at(&url, NOW, 360);
    let script = format!(
        "JSON.stringify({}.map(t => window.samvadSearchWords.words(t)))",
        json!(texts)
    );
    let theirs: Vec<Vec<String>> =
        serde_json::from_str(browser.eval(&tab, &script).as_str().unwrap()).unwrap();
    let mut differ = BTreeMap::new();
    for (t, js) in texts.iter().zip(theirs) {
        let ours = samvad::search::words::words(t);
        if ours != js {
            differ.insert(t.clone(), (ours, js));
        }
    }
    assert!(
        differ.is_empty(),
        "the build and the browser disagree: {differ:#?}"
    );
}

/// Without JavaScript the search page says so and leads to the lists; the header's box
/// asks the search page.
#[test]
fn without_javascript_the_search_page_leads_to_the_lists() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    for lang in ["hi", "en"] {
        let page = st.read(&format!("{lang}/search/index.html"));
        let nojs = crate::support::between(&page, "id=\"search-nojs\"", "</div>");
        for to in [
            "schedule/index.html",
            "states/index.html",
            "releases/index.html",
        ] {
            assert!(
                nojs.contains(&format!("../../{lang}/{to}")),
                "{lang}: {nojs}"
            );
        }
        // The form is shown by the script, not before.
        assert!(
            page.contains(
                "id=\"search\" role=\"search\" action=\"index.html\" method=\"get\" hidden"
            )
        );
        let home = st.read(&format!("{lang}/index.html"));
        assert!(home.contains(&format!(
            "action=\"../{lang}/search/index.html\" method=\"get\""
        )));
    }
    let hi = st.read("hi/search/index.html");
    assert!(hi.contains("जावास्क्रिप्ट"), "{hi}");
    assert!(hi.contains("<title>खोजें"), "{hi}");
}

/// What the index holds: every release, event, state and page of a language, each once,
/// and a word only in the body of a release (not its title or summary).
#[test]
fn the_index_holds_every_page_and_words_of_bodies() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let meta = st.read("hi/search/meta.js");
    let docs: usize = crate::support::between(&meta, "\"docs\":", ",")
        .parse()
        .unwrap();
    // 2 releases, 5 events, 36 states and UTs, 10 pages (the site map is not indexed).
    assert_eq!(docs, 2 + 5 + 36 + 10, "{meta}");
    let chunks: String = (0..docs.div_ceil(samvad::search::CHUNK_DOCS))
        .map(|n| st.read(&format!("hi/search/d/{n}.js")))
        .collect();
    for page in [
        "hi/releases/kreta-samvad-bhopal/index.html",
        "hi/events/kreta-samvad-bhopal-2025/index.html",
        "hi/states/mp/index.html",
        "hi/about/index.html",
    ] {
        assert_eq!(chunks.matches(&format!("\"{page}\"")).count(), 1, "{page}");
    }
    // "Minto Hall" is in the body of the Bhopal release only.
    let words: String = std::fs::read_dir(st.output_dir().join("en/search/t"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(words.contains("\"minto\":"), "{words}");
    assert!(!words.contains("\"the\":\"\""));
}

/// A release is found by the ministry it is from, which its text need not name.
#[test]
fn a_release_is_found_by_its_ministry() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/camp.en.md",
        "---\ntitle: \"A camp\"\ndate: 2025-11-20\nministry: \"Ministry of Ayush\"\nplace: \"Pune\"\n---\n\nText.\n",
    );
    st.file(
        "content/releases/camp.hi.md",
        "---\ntitle: \"एक शिविर\"\ndate: 2025-11-20\nministry: \"आयुष मंत्रालय\"\nplace: \"पुणे\"\n---\n\nपाठ।\n",
    );
    st.build_ok(NOW);
    let words = |lang: &str| -> String {
        std::fs::read_dir(st.output_dir().join(format!("{lang}/search/t")))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect()
    };
    assert!(words("en").contains("\"ayush\":"), "{}", words("en"));
    assert!(words("hi").contains("\"मंत्रालय\":"), "{}", words("hi"));
    assert!(words("hi").contains("\"पुणे\":"));
}

/// A new release changes only the index files with its words and its page: the other
/// files of results keep their bytes, so a host's cache keeps serving them.
#[test]
fn a_new_release_keeps_the_bytes_of_the_other_index_files() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    let files = |st: &SiteTest| -> BTreeMap<String, Vec<u8>> {
        st.snapshot()
            .into_iter()
            .filter(|(k, _)| k.contains("/search/") && k.ends_with(".js"))
            .collect()
    };
    let before = files(&st);
    st.file(
        "content/releases/zzz-later.hi.md",
        "---\ntitle: \"ग्वालियर में बैठक\"\ndate: 2025-11-27\nministry: \"वाणिज्य एवं उद्योग मंत्रालय\"\nplace: \"ग्वालियर\"\n---\n\nग्वालियर में बैठक।\n",
    );
    st.file(
        "content/releases/zzz-later.en.md",
        "---\ntitle: \"Meeting in Gwalior\"\ndate: 2025-11-27\nministry: \"Ministry of Commerce and Industry\"\nplace: \"Gwalior\"\n---\n\nA meeting in Gwalior.\n",
    );
    st.build_ok(NOW);
    let after = files(&st);
    let same: Vec<&String> = before
        .iter()
        .filter(|(k, v)| after.get(*k) == Some(v))
        .map(|(k, _)| k)
        .collect();
    let results_before = before.keys().filter(|k| k.contains("/search/d/")).count();
    let results_same = same.iter().filter(|k| k.contains("/search/d/")).count();
    // Only the last file of results of each language takes the new release.
    assert!(
        results_same >= results_before - 2,
        "{results_same} of {results_before}"
    );
    assert!(after.keys().any(|k| k.starts_with("en/search/")));
    let words_after: String = after
        .iter()
        .filter(|(k, _)| k.starts_with("en/search/t/"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    assert!(words_after.contains("\"gwalior\":"));
}

/// What queries cost on a large site built elsewhere: `SAMVAD_SEARCH_SITE=DIR cargo test
/// --release -- --ignored search_bytes_at_scale --nocapture` (DIR a built site, e.g. of
/// `cargo run --release --example gensite 10000 1 SITE`). Prints the bytes each query
/// loads, and fails past the 150 KB a query may load.
#[test]
#[ignore]
fn search_bytes_at_scale() {
    let Some(dir) = std::env::var_os("SAMVAD_SEARCH_SITE").map(PathBuf::from) else {
        return;
    };
    let Some(chromium) = tool("chromium") else {
        return;
    };
    let mut browser = Browser::start(&chromium);
    let base = format!("file://{}/", dir.display());
    let queries = [
        ("hi", "मंत्रालय"),
        ("hi", "विक्रेताओं"),
        ("hi", "कोहिमा"),
        ("hi", "को"),
        ("hi", "पोर्टल पर पंजीकरण"),
        ("hi", "प्र"),
        ("en", "procurement"),
        ("en", "Meetings"),
        ("en", "pr"),
        ("en", "the portal"),
        ("en", "buyer portal registration"),
        ("en", "Kohima"),
    ];
    let mut worst = 0;
    for (lang, q) in queries {
        let v = ask(&mut browser, &base, lang, q);
        let bytes = bytes_loaded(&v, lang, &dir);
        worst = worst.max(bytes);
        println!(
            "{lang} {q:?}: {bytes} bytes in {} files; {}",
            v["files"].as_array().unwrap().len(),
            v["status"].as_str().unwrap_or("")
        );
    }
    println!("most loaded by one query: {worst} bytes");
    assert!(worst <= 150 * 1024, "{worst}");
}

/// A title that is markup is shown as its characters in the results: the page makes
/// text nodes, never HTML, of what the index holds.
#[test]
fn a_title_of_markup_is_shown_as_text_in_the_results() {
    let Some(chromium) = tool("chromium") else {
        return;
    };
    let st = SiteTest::example();
    st.edit(
        "content/releases/kreta-samvad-bhopal.en.md",
        "title: \"GeM Kreta Samvad in Bhopal",
        "title: \"<img src=x onerror=document.title='owned'>\\\" GeM Kreta Samvad in Bhopal",
    );
    st.build_ok(NOW);
    let mut browser = Browser::start(&chromium);
    let base = format!("file://{}/", st.output_dir().display());
    let v = ask(&mut browser, &base, "en", "Kreta");
    assert!(finds(&v, KRETA), "{v}");
    let url = format!("{base}en/search/index.html?q=Kreta");
    let tab = browser.open_at(&url, NOW, 360);
    let seen = browser.wait_for(
        &tab,
        "(() => { const a = document.querySelector('#search-results li a'); \
         return a ? { text: a.textContent, imgs: document.querySelectorAll('#search-results img').length, title: document.title } : null; })()",
        |v| !v.is_null(),
    );
    assert!(
        seen["text"].as_str().unwrap().starts_with("<img src=x"),
        "{seen}"
    );
    assert_eq!(seen["imgs"], 0, "{seen}");
    assert_ne!(seen["title"], "owned", "{seen}");
}
