//! The evidence for an audit: `samvad check --report gigw --report-dir DIR` builds the
//! site into `DIR/site/`, reads every page it wrote, and writes `DIR/gigw.json` and
//! `DIR/gigw.html`, a bilingual report of each checkpoint samvad covers (from the
//! Guidelines for Indian Government Websites, GIGW 3.0, and the WCAG 2.1 success
//! criteria beneath them): passed or failed, with the pages or files concerned, and the
//! checkpoints a person must still check.

mod pages;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::{BuildFailure, BuildOptions, BuildReport};
pub use pages::{PageFacts, facts};

/// One checkpoint of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Checkpoint {
    /// A stable name (`lang-of-parts`).
    pub id: &'static str,
    /// The guideline it answers to.
    pub reference: &'static str,
    /// What it asks, in Hindi and in English.
    pub title: BTreeMap<&'static str, &'static str>,
    /// `pass`, `fail` or `manual`.
    pub status: &'static str,
    /// The pages or files concerned: what failed, or for a manual checkpoint what to
    /// look at.
    pub items: Vec<String>,
}

/// A checkpoint samvad decides: its id, reference and titles.
struct Auto {
    id: &'static str,
    reference: &'static str,
    hi: &'static str,
    en: &'static str,
}

const fn auto(
    id: &'static str,
    reference: &'static str,
    hi: &'static str,
    en: &'static str,
) -> Auto {
    Auto {
        id,
        reference,
        hi,
        en,
    }
}

/// What a person must check: it is listed, as `manual`, with what to look at.
const MANUAL: &[(&str, &str, &str, &str, &str)] = &[
    (
        "content-accurate",
        "GIGW 3.0: content (accuracy, currency)",
        "सामग्री सही और अद्यतन है, और उसकी समीक्षा तय समय पर होती है",
        "The content is correct and current, and is reviewed on schedule",
        "every page; the review date in site.yaml (`reviewed`)",
    ),
    (
        "documents-accessible",
        "WCAG 2.1 (all criteria, for documents)",
        "डाउनलोड के लिए दी गई फ़ाइलें (जैसे PDF) स्वयं सुगम हैं",
        "Documents offered for download (such as PDFs) are accessible themselves",
        "the files in the theme's static folder",
    ),
    (
        "media-alternatives",
        "WCAG 2.1: 1.2.1–1.2.5",
        "ऑडियो और वीडियो के साथ कैप्शन और पाठ विवरण हैं",
        "Audio and video come with captions and text transcripts",
        "any audio or video linked from the content",
    ),
    (
        "colour-contrast",
        "WCAG 2.1: 1.4.3, 1.4.11",
        "रंगों में पर्याप्त अंतर है (थीम बदली हो तो फिर से जाँचें)",
        "Colours contrast enough (check again if the theme was changed)",
        "themes/<theme>/static/style.css",
    ),
    (
        "hosting-security",
        "GIGW 3.0: security; CERT-In guidelines",
        "होस्टिंग सुरक्षित है: HTTPS, सुरक्षा हेडर, और CERT-In सूचीबद्ध संस्था से सुरक्षा ऑडिट",
        "Hosting is secure: HTTPS, security headers, and a security audit by a CERT-In empanelled auditor",
        "the web server's settings (see README.md, Hosting)",
    ),
    (
        "feedback-answered",
        "GIGW 3.0: feedback and help",
        "प्रतिक्रिया पर तय समय में उत्तर दिया जाता है",
        "Feedback is answered within the stated time",
        "the contact and feedback pages",
    ),
];

/// What `check --report gigw` found: the build's report and the checkpoints.
#[derive(Debug, Clone)]
pub struct GigwReport {
    /// The build into the report's folder.
    pub build: BuildReport,
    /// Every checkpoint, automatic and manual.
    pub checkpoints: Vec<Checkpoint>,
}

/// `check --report gigw --report-dir DIR`: builds the site into `DIR/site/` (so the pages
/// the report speaks of can be opened), reads every page, and writes `DIR/gigw.json` and
/// `DIR/gigw.html`. Warnings are the report's items, not a failure (even with
/// `strict`); errors stop it, as they stop a build.
pub fn report_gigw(opts: &BuildOptions, dir: &Path) -> Result<GigwReport, BuildFailure> {
    let site_dir = dir.join("site");
    let built = crate::build(&BuildOptions {
        output: Some(site_dir.clone()),
        check_only: false,
        strict: false,
        changes: None,
        ..opts.clone()
    })?;
    let pages = read_pages(&site_dir);
    let checkpoints = checkpoints(&built.warnings, &pages);
    let title = crate::config::load(&opts.root, opts.base_url.as_deref())
        .0
        .map(|c| c.title_in(&c.default_language).to_string())
        .unwrap_or_default();
    let files = [
        ("gigw.json", json(&title, pages.len(), &checkpoints)),
        ("gigw.html", html(&title, pages.len(), &checkpoints)),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            let mut problems = crate::diagnostics::Diagnostics::new();
            problems.push(
                Diagnostic::error(Code::Write, format!("cannot write {}: {e}", path.display()))
                    .with_hint("check that the report folder can be written to"),
            );
            return Err(crate::fail(problems));
        }
    }
    Ok(GigwReport {
        build: built,
        checkpoints,
    })
}

impl GigwReport {
    /// What to tell the author, a line each, and whether every automatic checkpoint
    /// passed; `dir` is where the report went.
    pub fn summary(&self, dir: &Path) -> (Vec<String>, bool) {
        let count = |s: &str| self.checkpoints.iter().filter(|c| c.status == s).count();
        let failed: Vec<&str> = self
            .checkpoints
            .iter()
            .filter(|c| c.status == "fail")
            .map(|c| c.id)
            .collect();
        let (pass, manual) = (count("pass"), count("manual"));
        let automatic = pass + failed.len();
        let first = if failed.is_empty() {
            format!(
                "GIGW 3.0: all {automatic} automatic checkpoints pass; {manual} to check by hand"
            )
        } else {
            format!(
                "GIGW 3.0: {pass} of {automatic} automatic checkpoints pass; failed: {}; {manual} to check by hand",
                failed.join(", ")
            )
        };
        let second = format!(
            "report written to {} and {} (the pages it speaks of are in {})",
            dir.join("gigw.html").display(),
            dir.join("gigw.json").display(),
            dir.join("site").display()
        );
        (vec![first, second], failed.is_empty())
    }
}

/// The checkpoints of a site whose build gave `diagnostics` and whose pages are `pages`.
pub fn checkpoints(diagnostics: &[Diagnostic], pages: &[PageFacts]) -> Vec<Checkpoint> {
    let by_code = |codes: &[Code]| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| codes.contains(&d.code))
            .map(|d| {
                let file = d
                    .file
                    .as_ref()
                    .map(|f| f.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let line = d
                    .location
                    .as_ref()
                    .map_or(String::new(), |l| format!(":{}", l.line));
                format!("{file}{line}: {}", d.message)
            })
            .collect()
    };
    let per_page = |f: &dyn Fn(&PageFacts) -> Vec<String>| -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| f(p).into_iter().map(move |i| format!("{}: {i}", p.path)))
            .collect()
    };
    let mut titles: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for p in pages.iter().filter(|p| !p.title.is_empty()) {
        titles.entry((&p.lang, &p.title)).or_default().push(&p.path);
    }
    let duplicate_titles: Vec<String> = titles
        .iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|((_, t), paths)| format!("“{t}”: {}", paths.join(", ")))
        .collect();
    let found: Vec<(Auto, Vec<String>)> = vec![
        (
            auto(
                "identity",
                "GIGW 3.0: identity and ownership",
                "वेबसाइट बताती है कि वह किसकी है: स्वामी, प्रतीक चिह्न, संपर्क, समीक्षा की तिथि",
                "The site says whose it is: owner, emblem, contact, review date",
            ),
            by_code(&[Code::IdentityMissing]),
        ),
        (
            auto(
                "required-pages",
                "GIGW 3.0: mandatory pages",
                "हर आवश्यक पृष्ठ दोनों भाषाओं में है",
                "Every required page is there, in both languages",
            ),
            by_code(&[Code::RequiredPageMissing]),
        ),
        (
            auto(
                "no-placeholder",
                "GIGW 3.0: content",
                "किसी पृष्ठ में अधूरा छोड़ा गया स्थान ([[ … ]]) नहीं है",
                "No page has a placeholder ([[ … ]]) left in it",
            ),
            by_code(&[Code::PlaceholderLeft]),
        ),
        (
            auto(
                "bilingual-parity",
                "Official Languages Act 1963, s.3(3); GIGW 3.0: bilingual content",
                "हर विज्ञप्ति और पृष्ठ का दूसरी भाषा में अनुवाद है, और वह पीछे नहीं छूटा",
                "Every release and page has its translation, and none is left behind",
            ),
            by_code(&[
                Code::TranslationMissing,
                Code::TranslationStale,
                Code::TranslationsDisagree,
                Code::EventTextMissing,
            ]),
        ),
        (
            auto(
                "lang-of-page",
                "WCAG 2.1: 3.1.1",
                "हर पृष्ठ अपनी भाषा बताता है",
                "Every page states its language",
            ),
            per_page(&|p| {
                if p.lang.is_empty() {
                    vec!["no lang on <html>".to_string()]
                } else {
                    Vec::new()
                }
            }),
        ),
        (
            auto(
                "lang-of-parts",
                "WCAG 2.1: 3.1.2",
                "हिंदी पाठ में अंग्रेजी शब्दों की, और अंग्रेजी में हिंदी की, भाषा बताई गई है (अपने आप)",
                "English words in Hindi text, and Hindi in English, state their language (marked by the build)",
            ),
            Vec::new(),
        ),
        (
            auto(
                "text-alternatives",
                "WCAG 2.1: 1.1.1",
                "हर चित्र का वैकल्पिक पाठ है",
                "Every image has a text alternative",
            ),
            [
                by_code(&[Code::ImageAltMissing]),
                per_page(&|p| {
                    p.no_alt
                        .iter()
                        .map(|s| format!("<img src=\"{s}\"> has no alt text"))
                        .collect()
                }),
            ]
            .concat(),
        ),
        (
            auto(
                "one-h1",
                "WCAG 2.1: 1.3.1, 2.4.6",
                "हर पृष्ठ का एक ही मुख्य शीर्षक (h1) है",
                "Every page has one main heading (h1)",
            ),
            per_page(&|p| {
                if p.h1 == 1 {
                    Vec::new()
                } else {
                    vec![format!("{} h1", p.h1)]
                }
            }),
        ),
        (
            auto(
                "heading-order",
                "WCAG 2.1: 1.3.1",
                "शीर्षकों का कोई स्तर छोड़ा नहीं गया",
                "No heading level is skipped",
            ),
            [
                by_code(&[Code::HeadingSkipped]),
                per_page(&|p| {
                    p.skips
                        .iter()
                        .map(|(a, b)| format!("h{a} followed by h{b}"))
                        .collect()
                }),
            ]
            .concat(),
        ),
        (
            auto(
                "link-purpose",
                "WCAG 2.1: 2.4.4",
                "कोई लिंक \"यहाँ क्लिक करें\" जैसा नहीं; हर लिंक बताता है कि वह कहाँ ले जाता है",
                "No link reads like \"click here\"; every link says where it leads",
            ),
            [
                by_code(&[Code::LinkTextVague]),
                per_page(&|p| p.vague_links.clone()),
            ]
            .concat(),
        ),
        (
            auto(
                "page-titles",
                "WCAG 2.1: 2.4.2",
                "हर पृष्ठ का शीर्षक अलग है",
                "Every page has a title of its own",
            ),
            [by_code(&[Code::TitleDuplicate]), duplicate_titles].concat(),
        ),
        (
            auto(
                "no-empty-page",
                "GIGW 3.0: content",
                "कोई पृष्ठ खाली नहीं है",
                "No page is empty",
            ),
            [
                by_code(&[Code::PageEmpty]),
                per_page(&|p| {
                    if p.empty {
                        vec!["its main content is empty".to_string()]
                    } else {
                        Vec::new()
                    }
                }),
            ]
            .concat(),
        ),
        (
            auto(
                "downloads-described",
                "GIGW 3.0: downloadable documents",
                "हर डाउनलोड लिंक फ़ाइल का प्रकार और आकार बताता है",
                "Every download link states the file's format and size",
            ),
            per_page(&|p| {
                p.unstated_downloads
                    .iter()
                    .map(|h| format!("{h} does not state its format and size"))
                    .collect()
            }),
        ),
        (
            auto(
                "same-origin",
                "GIGW 3.0: security; Content-Security-Policy",
                "पृष्ठ किसी दूसरी वेबसाइट से कुछ लोड नहीं करते, और उनमें इनलाइन स्क्रिप्ट या इवेंट हैंडलर नहीं है",
                "Pages load nothing from another site, and hold no inline script or event handler",
            ),
            per_page(&|p| p.external.iter().chain(&p.inline_code).cloned().collect()),
        ),
    ];
    let mut all: Vec<Checkpoint> = found
        .into_iter()
        .map(|(a, items)| Checkpoint {
            id: a.id,
            reference: a.reference,
            title: BTreeMap::from([("hi", a.hi), ("en", a.en)]),
            status: if items.is_empty() { "pass" } else { "fail" },
            items,
        })
        .collect();
    all.extend(
        MANUAL
            .iter()
            .map(|(id, reference, hi, en, look)| Checkpoint {
                id,
                reference,
                title: BTreeMap::from([("hi", *hi), ("en", *en)]),
                status: "manual",
                items: vec![look.to_string()],
            }),
    );
    all
}

/// The facts of every HTML page under `site`.
pub fn read_pages(site: &Path) -> Vec<PageFacts> {
    let mut found: Vec<PageFacts> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(site)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let html = std::fs::read_to_string(e.path()).ok()?;
            Some(facts(&rel, &html))
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// `gigw.json`: `{"site": …, "pages": n, "checkpoints": [...]}`.
pub fn json(site_title: &str, pages: usize, checkpoints: &[Checkpoint]) -> String {
    let doc = serde_json::json!({
        "site": site_title,
        "pages": pages,
        "checkpoints": checkpoints,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// `gigw.html`: the same, as a page to read and print, in Hindi and English.
pub fn html(site_title: &str, pages: usize, checkpoints: &[Checkpoint]) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let count = |s: &str| checkpoints.iter().filter(|c| c.status == s).count();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"hi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>GIGW 3.0: {title}</title>\n<style>body{{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}}table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #999;padding:.4rem;vertical-align:top;text-align:left}}.pass{{color:#0a6b2b}}.fail{{color:#b00020;font-weight:700}}.manual{{color:#6b4e00}}</style>\n</head>\n<body>\n<h1>GIGW 3.0 अनुपालन रिपोर्ट <span lang=\"en\">/ compliance report</span></h1>\n<p>{title}: {pages} पृष्ठ जाँचे गए <span lang=\"en\">/ {pages} pages checked</span>. उत्तीर्ण <span lang=\"en\">pass</span> {p}, अनुत्तीर्ण <span lang=\"en\">fail</span> {f}, स्वयं जाँचें <span lang=\"en\">manual</span> {m}.</p>\n<table>\n<thead><tr><th>जाँच बिंदु <span lang=\"en\">/ checkpoint</span></th><th>संदर्भ <span lang=\"en\">/ reference</span></th><th>परिणाम <span lang=\"en\">/ status</span></th><th>पृष्ठ या फ़ाइलें <span lang=\"en\">/ pages or files</span></th></tr></thead>\n<tbody>\n",
        title = esc(site_title),
        p = count("pass"),
        f = count("fail"),
        m = count("manual"),
    );
    for c in checkpoints {
        let status_hi = match c.status {
            "pass" => "उत्तीर्ण",
            "fail" => "अनुत्तीर्ण",
            _ => "स्वयं जाँचें",
        };
        let items = if c.items.is_empty() {
            String::new()
        } else {
            format!(
                "<ul>{}</ul>",
                c.items
                    .iter()
                    .map(|i| format!("<li lang=\"en\">{}</li>", esc(i)))
                    .collect::<String>()
            )
        };
        out.push_str(&format!(
            "<tr id=\"{id}\"><td>{hi}<br><span lang=\"en\">{en}</span></td><td lang=\"en\">{reference}</td><td class=\"{status}\">{status_hi} <span lang=\"en\">/ {status}</span></td><td>{items}</td></tr>\n",
            id = c.id,
            hi = esc(c.title.get("hi").copied().unwrap_or_default()),
            en = esc(c.title.get("en").copied().unwrap_or_default()),
            reference = esc(c.reference),
            status = c.status,
        ));
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}
