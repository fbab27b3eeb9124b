//! What the report reads in each built page: its language, title, headings, pictures,
//! links, and anything loaded from another origin or run inline. The pages are the
//! build's own HTML, so a scan of their tags (quotes respected) reads them whole.

use crate::markdown::lang::{tag_end, tag_name};

/// What one page holds, for the checkpoints.
#[derive(Debug, Default, Clone)]
pub struct PageFacts {
    /// Output path (`hi/about/index.html`).
    pub path: String,
    /// `<html lang>`.
    pub lang: String,
    /// `<title>`.
    pub title: String,
    /// How many `<h1>`.
    pub h1: usize,
    /// Headings that skip a level: (the level before, this one).
    pub skips: Vec<(u8, u8)>,
    /// `<img>` without an `alt` attribute (`src` of each).
    pub no_alt: Vec<String>,
    /// Links whose text says nothing of where they lead.
    pub vague_links: Vec<String>,
    /// Links to documents whose text does not state their format and size.
    pub unstated_downloads: Vec<String>,
    /// What the page loads from another origin.
    pub external: Vec<String>,
    /// Inline scripts and event handler attributes.
    pub inline_code: Vec<String>,
    /// Whether `<main>` has no text but its heading.
    pub empty: bool,
}

/// Reads the facts of the page at `path` from its HTML.
pub fn facts(path: &str, html: &str) -> PageFacts {
    let mut f = PageFacts {
        path: path.to_string(),
        ..PageFacts::default()
    };
    let mut last_level = 0u8;
    let mut i = 0;
    let bytes = html.as_bytes();
    // Text since a link opened (its text), and its address.
    let mut link: Option<(String, String)> = None;
    let mut main_text = String::new();
    let mut in_main = false;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    let mut in_title = false;
    let mut in_script: Option<String> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            let text = &html[i..end];
            if let Some((t, _)) = &mut link {
                t.push_str(text);
            }
            if in_main {
                main_text.push_str(text);
            }
            if in_h1 {
                h1_text.push_str(text);
            }
            if in_title {
                f.title.push_str(text);
            }
            if let Some(kind) = &in_script
                && !text.trim().is_empty()
                && kind != "application/ld+json"
            {
                f.inline_code.push(format!("<script> {}", short(text)));
            }
            i = end;
            continue;
        }
        let end = tag_end(html, i);
        let tag = &html[i..end];
        i = end;
        if tag.starts_with("<!") {
            continue;
        }
        let closing = tag.starts_with("</");
        let name =
            tag_name(tag.trim_start_matches("</").trim_start_matches('<')).to_ascii_lowercase();
        if closing {
            match name.as_str() {
                "a" => {
                    if let Some((text, href)) = link.take() {
                        check_link(&mut f, &text, &href);
                    }
                }
                "main" => in_main = false,
                "h1" => in_h1 = false,
                "title" => in_title = false,
                "script" => in_script = None,
                _ => {}
            }
            continue;
        }
        // Event handler attributes (onclick=…) anywhere.
        for (attr, _) in attrs(tag) {
            if attr.len() > 2 && attr.starts_with("on") {
                f.inline_code.push(format!("{attr}= on <{name}>"));
            }
        }
        match name.as_str() {
            "html" => f.lang = attr(tag, "lang").unwrap_or_default(),
            "title" => in_title = true,
            "main" => in_main = true,
            "a" => link = Some((String::new(), attr(tag, "href").unwrap_or_default())),
            "img" => {
                let src = attr(tag, "src").unwrap_or_default();
                // An empty alt is a decorative picture's: a text's pictures without a
                // description are reported by the build, at their line.
                if attr(tag, "alt").is_none() {
                    f.no_alt.push(src.clone());
                }
                foreign(&mut f, &src);
            }
            "script" => {
                let src = attr(tag, "src");
                if let Some(s) = &src {
                    foreign(&mut f, s);
                }
                in_script = src.is_none().then(|| attr(tag, "type").unwrap_or_default());
            }
            "link" => {
                let rel = attr(tag, "rel").unwrap_or_default();
                // Alternates and the canonical address name pages; they load nothing.
                if [
                    "stylesheet",
                    "icon",
                    "apple-touch-icon",
                    "preload",
                    "manifest",
                ]
                .contains(&rel.as_str())
                {
                    foreign(&mut f, &attr(tag, "href").unwrap_or_default());
                }
            }
            "iframe" | "video" | "audio" | "source" | "embed" | "object" => {
                for a in ["src", "data"] {
                    if let Some(v) = attr(tag, a) {
                        foreign(&mut f, &v);
                    }
                }
            }
            _ => {}
        }
        if let Some(level) = name
            .strip_prefix('h')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=6).contains(n))
        {
            if level == 1 {
                f.h1 += 1;
                in_h1 = true;
            }
            if last_level > 0 && level > last_level + 1 {
                f.skips.push((last_level, level));
            }
            last_level = level;
        }
    }
    f.title = f.title.trim().to_string();
    // A page whose main part holds its heading alone says nothing.
    f.empty = main_text.split_whitespace().collect::<String>()
        == h1_text.split_whitespace().collect::<String>();
    f
}

fn check_link(f: &mut PageFacts, text: &str, href: &str) {
    if crate::markdown::is_vague(text) {
        f.vague_links.push(format!("“{}” → {href}", text.trim()));
    }
    let path = href.split(['?', '#']).next().unwrap_or("");
    let ending = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if let Some(e) = ending
        && crate::markdown::DOCUMENTS.contains(&e.as_str())
    {
        let upper = text.to_uppercase();
        let states_format = upper.contains(&e.to_uppercase());
        let states_size = ["KB", "MB", "केबी", "एमबी"]
            .iter()
            .any(|u| upper.contains(u));
        if !(states_format && states_size) {
            f.unstated_downloads.push(href.to_string());
        }
    }
}

/// Notes `address` when it is on another origin (`https://…`, `//…`).
fn foreign(f: &mut PageFacts, address: &str) {
    let a = address.trim();
    if a.starts_with("//") || a.contains("://") {
        f.external.push(a.to_string());
    }
}

fn short(text: &str) -> String {
    let t = text.trim();
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// The attributes of a start tag, names lower-cased, values as written (entities kept).
fn attrs(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let inner = &inner[tag_name(inner).len()..];
    let mut out = Vec::new();
    let b = inner.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
            i += 1;
        }
        if start == i {
            i += 1;
            continue;
        }
        let name = inner[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = inner[vs..]
                    .bytes()
                    .position(|c| c == q)
                    .map_or(b.len(), |n| vs + n);
                value = inner[vs..ve].to_string();
                i = ve + 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = inner[vs..i].to_string();
            }
        }
        out.push((name, value));
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    attrs(tag)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_read_for_what_the_checkpoints_ask() {
        let html = r#"<html lang="hi"><head><title>क | ख</title><script type="application/ld+json">{"a":1}</script>
<link rel="stylesheet" href="https://cdn.example/x.css"><link rel="alternate" href="https://example.gov.in/en/"></head>
<body><main><h1>क</h1><h3>ख</h3><img src="a.png"><img src="b.png" alt="चित्र"><img src="c.png" alt="">
<a href="x.pdf">रिपोर्ट</a> <a href="y.pdf">रिपोर्ट (PDF, 240 KB)</a> <a href="/z/">यहाँ क्लिक करें</a>
<button onclick="go()">x</button><script>alert(1)</script></main></body></html>"#;
        let f = facts("hi/x/index.html", html);
        assert_eq!(f.lang, "hi");
        assert_eq!(f.title, "क | ख");
        assert_eq!(f.h1, 1);
        assert_eq!(f.skips, [(1, 3)]);
        assert_eq!(f.no_alt, ["a.png"]);
        assert_eq!(f.unstated_downloads, ["x.pdf"]);
        assert_eq!(f.vague_links.len(), 1);
        assert_eq!(f.external, ["https://cdn.example/x.css"]);
        assert_eq!(f.inline_code.len(), 2, "{:?}", f.inline_code);
        assert!(!f.empty);
    }
}
