//! What an author who can write one release, one event, one page or the site's title can
//! make a reader's browser, feed reader or calendar app do. Payloads go into every field
//! that reaches the output and into every Markdown construct; the output is then read
//! as those programs read it (an HTML parser, an XML parser, iCalendar content lines) and
//! held to rules: no script but the theme's, no event handlers or styles, no address that
//! runs code, no frames, forms, `base` or refreshing `meta`, no calendar property but the
//! writer's own, and no character that cannot be published.

use std::collections::BTreeMap;

use samvad::text::unpublishable;
use scraper::{ElementRef, Html, Selector};

use crate::support::{NOW, SiteTest};

// ---------------------------------------------------------------------------------------
// The rules, as a browser, a feed reader and a calendar app see the output.
// ---------------------------------------------------------------------------------------

/// The scripts the theme itself puts on pages (by the end of their `src`): the schedule's
/// state filter. No other `<script>` element may appear anywhere.
pub const THEME_SCRIPTS: &[&str] = &[
    "assets/when.js",
    "assets/filter.js",
    "assets/share.js",
    "assets/search.js",
];

/// The `<link rel>` values the theme uses (in `<head>` only).
const THEME_LINK_RELS: &[&str] = &[
    "stylesheet",
    "canonical",
    "alternate",
    "icon",
    "apple-touch-icon",
];

/// The `<meta name>` values the theme uses (besides `<meta charset>`).
const THEME_META_NAMES: &[&str] = &["viewport", "description", "robots", "twitter:card"];

/// Elements the theme uses only on the schedule page (the script-enhanced state filter);
/// text from authors never makes them.
const THEME_FORM_PARTS: &[&str] = &["select", "option", "label"];

/// Whether a form is one of the theme's search forms: `GET` to the search page.
fn search_form(attrs: &[(String, &str)]) -> bool {
    let attr = |a: &str| attrs.iter().find(|(n, _)| n == a).map(|(_, v)| *v);
    attr("role") == Some("search")
        && attr("method") == Some("get")
        && attr("action").is_some_and(|a| {
            a == "index.html" || a.ends_with("/search/index.html") && a.starts_with("../")
        })
}

/// Elements that never appear: they run or embed code, submit data, change where links
/// go or how the page is styled, or hide markup from one parser and not another.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "form",
    "input",
    "button",
    "textarea",
    "keygen",
    "isindex",
    "base",
    "style",
    "svg",
    "math",
    "noscript",
    "noembed",
    "noframes",
    "template",
    "xmp",
    "plaintext",
    "portal",
    "fencedframe",
    "video",
    "audio",
    "source",
    "track",
    "marquee",
    "dialog",
];

/// Attributes holding an address (the `srcset` list is read separately).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "cite",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "longdesc",
    "usemap",
    "codebase",
    "archive",
    "manifest",
    "icon",
    "ping",
    "profile",
    "classid",
];

/// Whether a browser would run this address as a program (or open it as a document of
/// the address's own making): spaces and control characters anywhere are ignored, and
/// the scheme has no case.
pub fn runs_code(address: &str) -> bool {
    let cleaned: String = address
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !unpublishable(*c))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// The problems of one HTML document (`page`: a whole page of the theme) or of a piece
/// of HTML from an author's text (a feed entry's content): every element and attribute
/// as the HTML parser (html5ever, as in browsers) builds them.
pub fn html_problems(html: &str, page: bool) -> Vec<String> {
    let doc = if page {
        Html::parse_document(html)
    } else {
        Html::parse_fragment(html)
    };
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut scripts = 0;
    let mut json_ld = 0;
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name().to_ascii_lowercase();
        let attrs: Vec<(String, &str)> = el
            .attrs()
            .map(|(a, v)| (a.to_ascii_lowercase(), v))
            .collect();
        let has = |a: &str| attrs.iter().any(|(n, _)| n == a);
        let attr = |a: &str| attrs.iter().find(|(n, _)| n == a).map(|(_, v)| *v);
        let shown = || {
            let tag: String = ElementRef::wrap(node)
                .map(|e| e.html())
                .unwrap_or_default()
                .chars()
                .take(160)
                .collect();
            tag
        };
        match name.as_str() {
            "script" => {
                let text: String = ElementRef::wrap(node)
                    .map(|e| e.text().collect())
                    .unwrap_or_default();
                let theirs = page
                    && text.is_empty()
                    && attr("src").is_some_and(|s| THEME_SCRIPTS.iter().any(|t| s.ends_with(t)))
                    && attrs.iter().all(|(n, _)| n == "src" || n == "defer");
                // The page's schema.org data: JSON that nothing in it can end early.
                let data = page
                    && attrs.len() == 1
                    && attr("type") == Some("application/ld+json")
                    && !text.contains('<')
                    && serde_json::from_str::<serde_json::Value>(&text).is_ok();
                if theirs {
                    scripts += 1;
                } else if data {
                    json_ld += 1;
                } else {
                    problems.push(format!("a script element: {}", shown()));
                }
            }
            "meta" => {
                let ok = page
                    && !has("http-equiv")
                    && (attrs.len() == 1 && has("charset")
                        || attr("name").is_some_and(|n| THEME_META_NAMES.contains(&n))
                            && attrs.iter().all(|(n, _)| n == "name" || n == "content")
                        || attr("property").is_some_and(|p| p.starts_with("og:"))
                            && attrs.iter().all(|(n, _)| n == "property" || n == "content"));
                if !ok {
                    problems.push(format!(
                        "a meta element the theme does not make: {}",
                        shown()
                    ));
                }
            }
            "link" => {
                let ok = page && attr("rel").is_some_and(|r| THEME_LINK_RELS.contains(&r));
                if !ok {
                    problems.push(format!(
                        "a link element the theme does not make: {}",
                        shown()
                    ));
                }
            }
            "title" if !page => problems.push(format!("a title element: {}", shown())),
            // The theme's map of the states index: one SVG the build draws, of squares,
            // codes and links (a text's SVG is filtered out, and caught below).
            "svg" if page && attr("class") == Some("india-map") && attrs.len() == 5 => {}
            // The share control's buttons (the browser's share sheet, copying the link).
            "button" if page && attr("type") == Some("button") => {}
            // The search forms: the header's and the search page's, which only ask for
            // the site's own search page with the words typed (`?q=`).
            "form" if page && search_form(&attrs) => {}
            "input" if page && attr("type") == Some("search") && attr("name") == Some("q") => {}
            "button"
                if page && attr("type") == Some("submit") && attr("class") == Some("search-go") => {
            }
            n if THEME_FORM_PARTS.contains(&n) && !page => {
                problems.push(format!("a form element from a text: {}", shown()));
            }
            n if FORBIDDEN_ELEMENTS.contains(&n) => {
                problems.push(format!("a {n} element: {}", shown()));
            }
            _ => {}
        }
        for (a, v) in &attrs {
            if a.starts_with("on") {
                problems.push(format!("an event handler `{a}`: {}", shown()));
            }
            if a == "style" {
                problems.push(format!("a style attribute: {}", shown()));
            }
            if a == "srcdoc" {
                problems.push(format!("a srcdoc attribute: {}", shown()));
            }
            if (URL_ATTRIBUTES.contains(&a.as_str()) || a.starts_with("xlink")) && runs_code(v) {
                problems.push(format!("`{a}` runs code: {}", shown()));
            }
            if a == "srcset" || a == "imagesrcset" {
                for candidate in v.split(',') {
                    let url = candidate.split_whitespace().next().unwrap_or("");
                    if runs_code(url) {
                        problems.push(format!("`{a}` runs code: {}", shown()));
                    }
                }
            }
            if a == "http-equiv" {
                problems.push(format!("an http-equiv attribute: {}", shown()));
            }
            if a == "id" {
                *ids.entry(v.to_string()).or_default() += 1;
            }
        }
    }
    if page {
        // An author's text cannot add a second title, head or body (html5ever would
        // merge a body's attributes into the page's own; those are checked above).
        for one in ["html", "head", "body", "title"] {
            // An SVG's own `<title>` names the drawing, not the page.
            let n = doc
                .select(&Selector::parse(one).unwrap())
                .filter(|e| {
                    e.value().name() == one && &*e.value().name.ns == "http://www.w3.org/1999/xhtml"
                })
                .count();
            if n != 1 {
                problems.push(format!("{n} {one} elements"));
            }
        }
        if scripts > THEME_SCRIPTS.len() {
            problems.push(format!("{scripts} theme scripts"));
        }
        if json_ld > 1 {
            problems.push(format!("{json_ld} schema.org data blocks"));
        }
    }
    for (id, n) in ids {
        if n > 1 {
            problems.push(format!("the id {id:?} {REPEATED_ID} {n} times"));
        }
    }
    problems
}

/// Content lines of an iCalendar file: unfolded, each `(name, params, value)`. Every
/// problem with the file's lines is pushed to `problems`.
pub fn ics_lines(text: &str, problems: &mut Vec<String>) -> Vec<(String, String, String)> {
    // Lines end in CRLF; any other CR or LF is a line end for some reader.
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                problems.push(format!("a bare CR at byte {i}"));
            }
            b'\n' if i == 0 || bytes[i - 1] != b'\r' => {
                problems.push(format!("a bare LF at byte {i}"));
            }
            _ => {}
        }
    }
    if !text.ends_with("\r\n") {
        problems.push("the file does not end with CRLF".into());
    }
    for (n, folded) in text.split("\r\n").enumerate() {
        if folded.len() > 75 {
            problems.push(format!(
                "line {} is {} octets long: {folded:?}",
                n + 1,
                folded.len()
            ));
        }
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut lines = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        if let Some(c) = line.chars().find(|c| c.is_control() && *c != '\t') {
            problems.push(format!(
                "the control character U+{:04X} in {line:?}",
                c as u32
            ));
        }
        let name_end = line.find([':', ';']).unwrap_or(line.len());
        let name = &line[..name_end];
        let rest = &line[name_end..];
        let (params, value) = match rest.strip_prefix(';') {
            Some(p) => match p.split_once(':') {
                Some((params, value)) => (params, value),
                None => {
                    problems.push(format!("no `:` in {line:?}"));
                    continue;
                }
            },
            None => match rest.strip_prefix(':') {
                Some(value) => ("", value),
                None => {
                    problems.push(format!("no `:` in {line:?}"));
                    continue;
                }
            },
        };
        lines.push((name.to_string(), params.to_string(), value.to_string()));
    }
    lines
}

/// The properties samvad's iCalendar writer makes (src/render/feeds.rs), and the one
/// parameter it uses.
pub const ICS_NAMES: &[&str] = &[
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "CALSCALE",
    "METHOD",
    "X-WR-CALNAME",
    "X-WR-TIMEZONE",
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "STATUS",
    "LAST-MODIFIED",
    "RRULE",
];

/// The problems of one iCalendar file, as a calendar app reads it.
pub fn ics_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lines = ics_lines(text, &mut problems);
    let mut open: Vec<String> = Vec::new();
    for (name, params, value) in &lines {
        if !ICS_NAMES.contains(&name.as_str()) {
            problems.push(format!("a property the writer does not make: {name}"));
        }
        let date_param = params == "VALUE=DATE" && name.starts_with("DT");
        if !(params.is_empty() || date_param) {
            problems.push(format!(
                "a parameter the writer does not make: {name};{params}"
            ));
        }
        let nesting = match name.as_str() {
            "BEGIN" => {
                open.push(value.clone());
                matches!(value.as_str(), "VCALENDAR" | "VEVENT")
            }
            "END" => open.pop().as_deref() == Some(value.as_str()),
            _ => true,
        };
        if !nesting {
            problems.push(format!("{name}:{value} does not nest"));
        }
        // Addresses are made of names checked as web-address names: nothing to escape.
        if matches!(name.as_str(), "UID" | "URL") && value.contains(['\\', ',', ';']) {
            problems.push(format!("{name}:{value}"));
        }
        // TEXT escapes (RFC 5545 3.3.11): a backslash is followed by one of these only.
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' && !matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')) {
                problems.push(format!("a bad escape in {name}:{value}"));
            }
        }
    }
    if !open.is_empty() {
        problems.push(format!("not closed: {open:?}"));
    }
    if lines.first().map(|l| (l.0.as_str(), l.2.as_str())) != Some(("BEGIN", "VCALENDAR")) {
        problems.push("the file does not start with BEGIN:VCALENDAR".into());
    }
    problems
}

/// The TEXT of an iCalendar value, unescaped.
pub fn ics_unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The values of every `name` property of an iCalendar file, unescaped.
pub fn ics_values(text: &str, name: &str) -> Vec<String> {
    let mut ignored = Vec::new();
    ics_lines(text, &mut ignored)
        .into_iter()
        .filter(|(n, _, _)| n == name)
        .map(|(_, _, v)| ics_unescape(&v))
        .collect()
}

/// The problems of an Atom feed: well-formed XML, and each entry's HTML content held to
/// the rules of a page's HTML (a feed reader shows it as HTML).
pub fn feed_problems(text: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut problems = Vec::new();
    let root = doc.root_element();
    if root.tag_name().name() != "feed"
        || root.tag_name().namespace() != Some("http://www.w3.org/2005/Atom")
    {
        problems.push(format!("the root element is {:?}", root.tag_name()));
    }
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if node.tag_name().namespace() != Some("http://www.w3.org/2005/Atom") {
            problems.push(format!("an element outside Atom: {name}"));
        }
        if let Some(href) = node.attribute("href")
            && !href.starts_with("https://")
            && !href.starts_with("http://")
        {
            problems.push(format!("a link to {href:?}"));
        }
        match name {
            "content" => {
                if node.attribute("type") != Some("html") {
                    problems.push(format!("content of type {:?}", node.attribute("type")));
                }
                let html: String = node.children().filter_map(|c| c.text()).collect::<String>();
                for p in html_problems(&html, false) {
                    problems.push(format!("in an entry's content: {p}"));
                }
            }
            "title" | "summary" | "name" => {
                if node.attribute("type").is_some_and(|t| t != "text") {
                    problems.push(format!("{name} of type {:?}", node.attribute("type")));
                }
                if node.children().any(|c| c.is_element()) {
                    problems.push(format!("markup inside {name}"));
                }
            }
            _ => {}
        }
    }
    problems
}

/// The problems of a sitemap: well-formed, and every address absolute.
pub fn sitemap_problems(text: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut problems = Vec::new();
    let root = doc.root_element().tag_name().name();
    if !matches!(root, "urlset" | "sitemapindex") {
        problems.push(format!("the root element is {root}"));
    }
    for node in doc.descendants().filter(|n| n.is_element()) {
        let address = match node.tag_name().name() {
            "loc" => node.text(),
            "link" => node.attribute("href"),
            _ => continue,
        };
        match address {
            Some(a) if a.starts_with("https://") || a.starts_with("http://") => {
                if a.contains(char::is_whitespace) {
                    problems.push(format!("a space in the address {a:?}"));
                }
            }
            other => problems.push(format!("an address {other:?}")),
        }
    }
    problems
}

/// The problems of robots.txt: its three lines, nothing added.
pub fn robots_problems(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let ok = lines.len() == 4
        && lines[0] == "User-agent: *"
        && lines[1] == "Allow: /"
        && lines[2].strip_prefix("Sitemap: ").is_some_and(|u| {
            u.starts_with("http") && u.ends_with("/sitemap.xml") && !u.contains(char::is_whitespace)
        })
        && lines[3].is_empty();
    if ok {
        Vec::new()
    } else {
        vec![format!("robots.txt is not its three lines: {text:?}")]
    }
}

/// Every problem of a built site's files (output path → bytes), each named by its file.
pub fn audit(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in files {
        if path.ends_with('/') {
            continue;
        }
        let ext = path.rsplit('.').next().unwrap_or("");
        // The theme's pictures are copied as they are.
        if ext == "png" && path.starts_with("assets/") {
            continue;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{path}: not UTF-8: {e}"));
                continue;
            }
        };
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let crlf = c == '\r' && ext == "ics" && chars.peek() == Some(&'\n');
            if unpublishable(c) && !crlf {
                problems.push(format!(
                    "{path}: the unpublishable character U+{:04X}",
                    c as u32
                ));
                break;
            }
        }
        let found = match ext {
            "html" => html_problems(text, true),
            "ics" => ics_problems(text),
            "xml" if path.ends_with("feed.xml") => feed_problems(text),
            "xml" => sitemap_problems(text),
            "txt" => robots_problems(text),
            _ => Vec::new(),
        };
        problems.extend(found.into_iter().map(|p| format!("{path}: {p}")));
    }
    problems
}

/// What [`html_problems`] says of an id given twice.
pub const REPEATED_ID: &str = "is given";

/// Asserts the built site breaks none of the rules.
pub fn assert_safe(st: &SiteTest) {
    let problems = audit(&st.snapshot());
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Writing payloads into files.
// ---------------------------------------------------------------------------------------

/// `s` as a YAML double-quoted string: backslashes and quotes escaped, and every
/// character YAML does not take as it is (controls, line and paragraph separators, the
/// byte order mark, U+FFFE and U+FFFF) written as a `\u` escape. A character other than
/// ASCII right after an escape is escaped too: files are normalised to NFC before YAML
/// reads them, which would join a combining mark to the escape's last hex digit (see
/// `normalising_leaves_a_yaml_escape_before_a_combining_mark_alone`).
pub fn yaml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    let mut after_escape = false;
    for c in s.chars() {
        let special = (c as u32) < 0x20
            || ('\u{7F}'..='\u{9F}').contains(&c)
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            );
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if special || (after_escape && !c.is_ascii()) => {
                if (c as u32) > 0xFFFF {
                    out.push_str(&format!("\\U{:08X}", c as u32));
                } else {
                    out.push_str(&format!("\\u{:04X}", c as u32));
                }
                after_escape = true;
                continue;
            }
            c => out.push(c),
        }
        after_escape = false;
    }
    out.push('"');
    out
}

/// Script in every form a text field might let through, with no control character (so
/// it must come out exactly as written, as text).
pub const TEXT_PAYLOAD: &str = concat!(
    "</title><script>alert(1)</script> \"><script>alert(2)</script> ",
    "'onmouseover='alert(3)' \" onfocus=\"alert(4)\" autofocus=\" ",
    "<iframe src=javascript:alert(5)></iframe> <form action=javascript:alert(6)><input></form> ",
    "<meta http-equiv=refresh content=0;url=javascript:alert(7)> <base href=javascript:alert(8)//> ",
    "<img src=x onerror=alert(9)> <svg onload=alert(10)> ]]> </script> <!-- --> <![CDATA[ x ]]> ",
    "javascript:alert(11) JaVaScRiPt:alert(12) &#106;avascript:alert(13) &amp; &lt; & \" ' < > ",
    "data:text/html,<script>alert(14)</script> vbscript:msgbox(15) ",
    "{{ site_title }} {% raw %} { $site } ${x} \u{202E}gpj.exe \u{202D}",
);

/// Control characters and line ends, for the fields that reach a calendar.
pub const CONTROL_PAYLOAD: &str = "Safe\r\nATTENDEE:mailto:evil@example.test\rX-EVIL-CR:1\nX-EVIL-LF:1\u{85}X-EVIL-NEL:1\u{2028}X-EVIL-LS:1\u{C}\u{B}\0\u{1B}[31m\u{7F}\u{FFFE}\u{FDD0}end";

/// What a text field with `value` shows: as the loader makes it publishable.
pub fn shown(value: &str) -> String {
    samvad::text::text_field(value, "x").0
}

fn site_yaml(title: &str, description: &str) -> String {
    format!(
        "title: {{hi: {t}, en: {t}}}\n\
         description: {{hi: {d}, en: {d}}}\n\
         base_url: \"https://example.test/samvad\"\n\
         languages: [hi, en]\n\
         default_language: hi\n\
         time_zone: Asia/Kolkata\n",
        t = yaml_quote(title),
        d = yaml_quote(description),
    )
}

fn release_file(
    title: &str,
    ministry: &str,
    place: &str,
    id: &str,
    summary: &str,
    body: &str,
) -> String {
    format!(
        "---\ntitle: {}\ndate: 2025-11-20T10:00:00+05:30\nministry: {}\nplace: {}\nrelease_id: {}\nsummary: {}\nstates: [MP]\nevents: [ev]\n---\n\n{body}\n",
        yaml_quote(title),
        yaml_quote(ministry),
        yaml_quote(place),
        yaml_quote(id),
        yaml_quote(summary),
    )
}

fn event_file(
    title: &str,
    city: &str,
    venue: &str,
    description_hi: &str,
    description_en: &str,
) -> String {
    format!(
        "state: MP\nstart: 2025-11-28\ntime: \"10:00\"\nend_time: \"12:00\"\n\
         title: {{hi: {t}, en: {t}}}\ncity: {{hi: {c}, en: {c}}}\nvenue: {{hi: {v}, en: {v}}}\n\
         description: {{hi: {dh}, en: {de}}}\n",
        t = yaml_quote(title),
        c = yaml_quote(city),
        v = yaml_quote(venue),
        dh = yaml_quote(description_hi),
        de = yaml_quote(description_en),
    )
}

fn page_file(title: &str, summary: &str, body: &str) -> String {
    format!(
        "---\ntitle: {}\nsummary: {}\n---\n\n{body}\n",
        yaml_quote(title),
        yaml_quote(summary)
    )
}

/// The text of every element `selector` matches on an output page.
fn texts(st: &SiteTest, page: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(&st.read(page));
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect())
        .collect()
}

/// The value of `attr` of every element `selector` matches on an output page.
fn attrs(st: &SiteTest, page: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(&st.read(page));
    doc.select(&Selector::parse(selector).unwrap())
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The text of each Atom element `name` in a feed.
fn feed_texts(st: &SiteTest, feed: &str, name: &str) -> Vec<String> {
    let xml = st.read(feed);
    let doc = roxmltree::Document::parse(&xml).expect("a well-formed feed");
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The rules themselves can fail.
// ---------------------------------------------------------------------------------------

#[test]
fn the_rules_catch_what_they_are_meant_to() {
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>{body}</body></html>"
        )
    };
    assert!(html_problems(&page("<p>fine</p>"), true).is_empty());
    assert!(
        html_problems(
            &page("<script src=\"../assets/filter.js\" defer></script>"),
            true
        )
        .is_empty()
    );
    for bad in [
        "<p onclick=\"x()\">a</p>",
        "<p ONMOUSEOVER=x>a</p>",
        "<script>alert(1)</script>",
        "<script src=\"https://evil.example/filter.js\"></script>",
        "<script src=\"../assets/filter.js\">alert(1)</script>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\" JaVa&#x09;ScRiPt:alert(1)\">a</a>",
        "<a href=\"&#1;javascript:alert(1)\">a</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<img srcset=\"a.png 1x, javascript:alert(1) 2x\">",
        "<a href=\"vbscript:msgbox(1)\">a</a>",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<p style=\"color:red\">a</p>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<form><input></form>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        "<title>second</title>",
        "<span id=\"x\"></span><span id=\"x\"></span>",
        "<body onload=\"alert(1)\">",
    ] {
        assert!(
            !html_problems(&page(bad), true).is_empty(),
            "not caught: {bad}"
        );
        if !bad.contains("filter.js") && !bad.contains("<body") {
            assert!(
                !html_problems(bad, false).is_empty(),
                "not caught in a fragment: {bad}"
            );
        }
    }
    // A script the theme makes is not allowed in a text.
    assert!(
        !html_problems("<script src=\"../assets/filter.js\" defer></script>", false).is_empty()
    );

    let ics = |lines: &[&str]| lines.iter().map(|l| format!("{l}\r\n")).collect::<String>();
    let good = ics(&[
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "SUMMARY:a\\, b\\; c\\nd",
        "DTSTART;VALUE=DATE:20251128",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    assert!(ics_problems(&good).is_empty(), "{:?}", ics_problems(&good));
    for bad in [
        good.replace("SUMMARY:a", "SUMMARY:x\r\nATTENDEE:mailto:e@x\r\nSUMMARY:a"),
        good.replace("SUMMARY:a", "SUMMARY:x\rATTENDEE:mailto:e@x"),
        good.replace("SUMMARY:a", "SUMMARY:x\nATTENDEE:mailto:e@x"),
        good.replace("SUMMARY:a", "SUMMARY:x\u{C}"),
        good.replace("SUMMARY:a", "SUMMARY;X-P=1:a"),
        good.replace("SUMMARY:a", "SUMMARY:\\x"),
        good.replace("END:VEVENT\r\n", ""),
        good.replace("SUMMARY:a", &format!("SUMMARY:{}", "a".repeat(80))),
    ] {
        assert!(!ics_problems(&bad).is_empty(), "not caught: {bad:?}");
    }
    // A long line folded is one line.
    let folded = good.replace(
        "SUMMARY:a",
        &format!("SUMMARY:{}\r\n {}", "a".repeat(60), "b".repeat(60)),
    );
    assert!(
        ics_problems(&folded).is_empty(),
        "{:?}",
        ics_problems(&folded)
    );

    let feed = |content: &str| {
        format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><content type=\"html\">{content}</content></entry></feed>"
        )
    };
    assert!(feed_problems(&feed("&lt;p&gt;a &amp;amp; b&lt;/p&gt;")).is_empty());
    assert!(!feed_problems(&feed("&lt;p onclick=x&gt;a&lt;/p&gt;")).is_empty());
    assert!(!feed_problems(&feed("&lt;script&gt;x&lt;/script&gt;")).is_empty());
    assert!(!feed_problems(&feed("a & b")).is_empty());
    assert!(!feed_problems("<feed>").is_empty());

    let mut files = BTreeMap::new();
    files.insert("a.html".to_string(), page("a\u{C}b").into_bytes());
    files.insert("b.ics".to_string(), good.clone().into_bytes());
    files.insert(
        "c.txt".to_string(),
        b"User-agent: *\nAllow: /\nSitemap: https://a.in/sitemap.xml\nDisallow: /\n".to_vec(),
    );
    let found = audit(&files);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("a.html: the unpublishable")),
        "{found:?}"
    );
    assert!(!found.iter().any(|p| p.starts_with("b.ics")), "{found:?}");
    assert!(found.iter().any(|p| p.starts_with("c.txt")), "{found:?}");
}

// ---------------------------------------------------------------------------------------
// Text fields.
// ---------------------------------------------------------------------------------------

/// A site where every text field of a release, an event, a page and site.yaml holds
/// `text` (the event and page descriptions and bodies hold `body`).
fn site_with_text_everywhere(text: &str, body: &str) -> SiteTest {
    let st = SiteTest::minimal();
    st.file("site.yaml", &site_yaml(text, text))
        .file(
            "content/releases/r.hi.md",
            &release_file(text, text, text, text, text, body),
        )
        .file(
            "content/releases/r.en.md",
            &release_file(text, text, text, text, text, body),
        )
        .file(
            "content/events/ev.yaml",
            &event_file(text, text, text, body, body),
        )
        .file("content/pages/p.hi.md", &page_file(text, text, body))
        .file("content/pages/p.en.md", &page_file(text, text, body));
    st
}

#[test]
fn script_in_any_text_field_is_shown_as_text() {
    let st = site_with_text_everywhere(TEXT_PAYLOAD, "A body.");
    st.build_ok(NOW);
    assert_safe(&st);
    let p = TEXT_PAYLOAD;
    for lang in ["hi", "en"] {
        let release = format!("{lang}/releases/r/index.html");
        let title = texts(&st, &release, "title").remove(0);
        assert_eq!(title, format!("{p} | {p}"), "{release}");
        assert_eq!(texts(&st, &release, "h1"), [p], "{release}");
        assert_eq!(texts(&st, &release, ".ministry"), [p], "{release}");
        assert_eq!(texts(&st, &release, ".brand"), [p], "{release}");
        let facts = texts(&st, &release, ".facts dd");
        assert_eq!(
            facts.iter().filter(|f| *f == p).count(),
            2,
            "place and release id: {facts:?}"
        );
        assert_eq!(texts(&st, &release, ".dateline strong"), [p]);
        assert_eq!(
            attrs(&st, &release, "meta[name=description]", "content"),
            [p]
        );
        // Escaped in the source: the browser never sees the tags as tags.
        let source = st.read(&release);
        assert!(!source.contains("<script>alert"), "{release}");
        assert!(!source.contains("<img src=x"), "{release}");

        let list = format!("{lang}/releases/index.html");
        assert_eq!(texts(&st, &list, ".release-title"), [p]);
        assert_eq!(texts(&st, &list, ".release-summary"), [p]);

        let event = format!("{lang}/events/ev/index.html");
        assert_eq!(texts(&st, &event, "h1"), [p]);
        let facts = texts(&st, &event, ".facts dd");
        assert_eq!(
            facts.iter().filter(|f| *f == p).count(),
            2,
            "venue and city: {facts:?}"
        );

        let page = format!("{lang}/p/index.html");
        assert_eq!(texts(&st, &page, "h1"), [p]);
        assert_eq!(attrs(&st, &page, "meta[name=description]", "content"), [p]);
        // The page's title is in the menu of every page.
        let home = format!("{lang}/index.html");
        assert!(texts(&st, &home, ".site-nav a").iter().any(|t| t == p));
        assert_eq!(attrs(&st, &home, "meta[name=description]", "content"), [p]);

        // The feed's title comes from the site's title through a Fluent message.
        let feed = format!("{lang}/feed.xml");
        let titles = feed_texts(&st, &feed, "title");
        assert!(titles[0].contains(p), "{:?}", titles[0]);
        assert_eq!(titles[1], p);
        assert_eq!(feed_texts(&st, &feed, "summary"), [p]);
        assert_eq!(feed_texts(&st, &feed, "name"), [p, p], "site and ministry");

        let ics = st.read(&format!("{lang}/events/ev/ev.ics"));
        assert_eq!(ics_values(&ics, "SUMMARY"), [p]);
        assert_eq!(ics_values(&ics, "X-WR-CALNAME"), [p]);
        let location = ics_values(&ics, "LOCATION").remove(0);
        assert!(location.starts_with(&format!("{p}, {p}, ")), "{location}");
        let schedule = st.read(&format!("{lang}/schedule/schedule.ics"));
        assert!(ics_values(&schedule, "X-WR-CALNAME")[0].starts_with(&format!("{p}: ")));
    }
    let root = st.read("index.html");
    assert!(!root.contains("<script"), "{root}");
    assert_eq!(texts(&st, "index.html", "h1"), [p]);
}

#[test]
fn the_same_payload_as_markdown_in_every_body_is_filtered() {
    let st = site_with_text_everywhere("T", TEXT_PAYLOAD);
    st.build_ok(NOW);
    assert_safe(&st);
}

#[test]
fn line_ends_and_control_characters_in_text_fields_add_no_calendar_property() {
    // The same characters as YAML escapes three ways: \r\n, \u000d\u000a and \x0d\x0a.
    let spellings = [
        yaml_quote(CONTROL_PAYLOAD),
        yaml_quote(CONTROL_PAYLOAD)
            .replace("\\u000D", "\\r")
            .replace("\\u000A", "\\n")
            .replace("\\u0000", "\\0")
            .replace("\\u000B", "\\v")
            .replace("\\u000C", "\\f")
            .replace("\\u0085", "\\N")
            .replace("\\u2028", "\\L")
            .replace("\\u001B", "\\e"),
        yaml_quote(CONTROL_PAYLOAD)
            .replace("\\u000D", "\\x0d")
            .replace("\\u000A", "\\x0A")
            .replace("\\u0000", "\\x00"),
    ];
    for quoted in &spellings {
        let st = SiteTest::minimal();
        st.file(
            "site.yaml",
            &format!(
                "title: {{hi: {quoted}, en: {quoted}}}\ndescription: {{hi: {quoted}, en: {quoted}}}\nbase_url: \"https://example.test/samvad\"\nlanguages: [hi, en]\n"
            ),
        )
        .file(
            "content/events/ev.yaml",
            &format!(
                "state: MP\nstart: 2025-11-28\ntitle: {{hi: {quoted}, en: {quoted}}}\ncity: {{hi: {quoted}, en: {quoted}}}\nvenue:\n  hi: {quoted}\n  en: {quoted}\ndescription:\n  hi: {quoted}\n  en: {quoted}\n"
            ),
        )
        .file(
            "content/releases/r.hi.md",
            &format!(
                "---\ntitle: {quoted}\ndate: 2025-11-20\nministry: {quoted}\nplace: {quoted}\nrelease_id: {quoted}\nsummary: {quoted}\nevents: [ev]\n---\n\nBody {CONTROL_PAYLOAD} &#13;&#10;ATTENDEE:x\n"
            ),
        )
        .file(
            "content/pages/p.hi.md",
            &format!("---\ntitle: {quoted}\nsummary: {quoted}\n---\n\nBody.\n"),
        );
        let report = st.build_ok(NOW);
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.message.contains("control character")),
            "{quoted}: {:#?}",
            report.warnings
        );
        assert_safe(&st);
        let ics = st.read("hi/events/ev/ev.ics");
        let summary = ics_values(&ics, "SUMMARY").remove(0);
        assert!(
            summary.contains("ATTENDEE:mailto:evil@example.test"),
            "{summary:?}"
        );
        assert!(
            summary.starts_with("Safe") && summary.ends_with("end"),
            "{summary:?}"
        );
        for name in ["SUMMARY", "LOCATION", "DESCRIPTION", "X-WR-CALNAME"] {
            assert_eq!(ics_values(&ics, name).len(), 1, "{name} in {ics}");
        }
    }
}

#[test]
fn raw_control_characters_in_the_files_add_no_calendar_property() {
    // The characters themselves in the file's bytes, not as escapes: a lone CR in a
    // quoted value, and in a plain one.
    let st = SiteTest::minimal();
    st.bytes(
        "content/events/ev.yaml",
        b"state: MP\nstart: 2025-11-28\ntitle: {hi: \"a\rATTENDEE:mailto:e@x.test\", en: b\rATTENDEE:mailto:e@x.test}\ncity: {hi: \"c\x0c\x0b\x00\x1b\", en: c}\ndescription:\n  hi: \"d\r\nATTENDEE:mailto:e@x.test\r\n\"\n  en: |\n    line one\r\n    ATTENDEE:mailto:e@x.test\r\n",
    );
    let result = st.build(NOW);
    if let Err(f) = &result {
        // Refused, with a diagnostic at the file: also safe.
        assert!(f.diagnostics.iter().any(|d| d.file.is_some()), "{f}");
        return;
    }
    assert_safe(&st);
    for lang in ["hi", "en"] {
        let ics = st.read(&format!("{lang}/events/ev/ev.ics"));
        assert_eq!(ics_values(&ics, "SUMMARY").len(), 1, "{ics}");
    }
}

#[test]
fn a_very_long_title_folds_in_calendars_and_stays_one_line() {
    let long: String = "मध्य प्रदेश में जेम संवाद, R&D <b> ; \\ , "
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    let st = site_with_text_everywhere(&long, "Body.");
    st.build_ok(NOW);
    assert_safe(&st);
    let ics = st.read("hi/events/ev/ev.ics");
    assert_eq!(ics_values(&ics, "SUMMARY"), [shown(&long)]);
    assert_eq!(texts(&st, "hi/releases/r/index.html", "h1"), [shown(&long)]);
}

#[test]
fn a_right_to_left_override_is_kept_as_the_authors_text() {
    let rlo = "\u{202E}fdp.exe\u{202C} \u{2066}\u{2067}\u{2068}x";
    let st = site_with_text_everywhere(rlo, "\u{202E}body");
    st.build_ok(NOW);
    assert_safe(&st);
    // The character is kept as text in the title (it is the author's); it cannot end
    // the element it is in.
    assert_eq!(texts(&st, "en/releases/r/index.html", "h1"), [rlo]);
}

// ---------------------------------------------------------------------------------------
// Markdown constructs.
// ---------------------------------------------------------------------------------------

/// Each construct an author might use to get script or markup through, one text each.
pub const MARKDOWN_PAYLOADS: &[&str] = &[
    // Inline links.
    "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( javascript:alert(1))",
    "[a](java\tscript:alert(1)) [b](<java\nscript:alert(1)>) [c](<javascript :alert(1)>)",
    "[a](&#106;avascript:alert(1)) [b](&#x6A;avascript:alert(1)) [c](javascript&colon;alert(1)) [d](&#12;javascript:alert(1))",
    "[a](data:text/html,<script>alert(1)</script>) [b](DATA:text/html;base64,PHNjcmlwdD4=) [c](vbscript:msgbox(1))",
    "[a](https://ok.example \"\\\" onclick=\\\"alert(1)\") [b](https://ok.example 'x\" onmouseover=\"alert(1)')",
    "[<img src=x onerror=alert(1)>](https://ok.example) [**x**](javascript:alert(1))",
    // Reference links.
    "[a][r1] [b][r2] [c]\n\n[r1]: javascript:alert(1)\n[r2]: <JAVASCRIPT:alert(1)> \"t\"\n[c]: data:text/html,x",
    // Autolinks.
    "<javascript:alert(1)> <JaVaScRiPt:alert(1)> <data:text/html,x> <vbscript:x> <mailto:a@b.c?x=\"><script>alert(1)</script>>",
    "www.example.com/\"onclick=alert(1) https://ok.example/\"><script>alert(1)</script>",
    // Images.
    "![a](javascript:alert(1)) ![b\" onerror=\"alert(1)](https://example.test/x.png) ![c](data:image/svg+xml,<svg/onload=alert(1)>)",
    "![a][i]\n\n[i]: vbscript:alert(1)",
    // Raw HTML blocks.
    "<script>alert(1)</script>",
    "<iframe srcdoc=\"<script>alert(1)</script>\" src=\"javascript:alert(1)\"></iframe>",
    "<form action=\"javascript:alert(1)\"><input name=q><button formaction=\"javascript:alert(1)\">Go</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
    "<video poster=\"javascript:alert(1)\"><source src=\"javascript:alert(1)\"></video>",
    "<a href=\"&#106;avascript:alert(1)\">a</a> <a href=\"java&#x09;script:alert(1)\">b</a> <a href=\"&#x01;javascript:alert(1)\">c</a>",
    "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
    "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!--><script>alert(1)</script>-->",
    "<p style=\"position:fixed;top:0\" onclick=\"alert(1)\">covers the page</p>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<select><template><script>alert(1)</script></template></select><textarea><script>alert(1)</script></textarea>",
    "<body onload=alert(1)><html onmouseover=alert(1)><title>other</title>",
    "<a href=\"https://ok.example\" target=\"_blank\" rel=\"opener\" ping=\"javascript:alert(1)\">x</a>",
    "<img srcset=\"x.png 1x, javascript:alert(1) 2x\" src=\"x.png\">",
    // Inline HTML.
    "Text <script>alert(1)</script> text <b onclick=alert(1)>bold</b> <img src=x onerror=alert(1)> end",
    "Text <span style=\"color:red\" onmouseover=\"alert(1)\">s</span> <a href=\"javascript:alert(1)\">a</a>",
    // Heading attributes.
    "## H {#own onclick=alert(1) style=color:red}",
    "## H {#x\"><script>alert(1)</script>}",
    "## H {.c onmouseover=alert(1) data-x=javascript:alert(1) href=javascript:alert(1)}",
    "## H {lang=\"en onclick=x\" dir=\"rtl onfocus=alert(1)\" autofocus tabindex=1}",
    "## H {#main}\n\n## I {#fn-1}\n\n## J {#state-select}",
    // Footnotes.
    "a[^\"><script>alert(1)</script>]\n\n[^\"><script>alert(1)</script>]: note [x](javascript:alert(1))",
    "a[^x onclick=alert(1)] b[^x onclick=alert(1)]\n\n[^x onclick=alert(1)]: <img src=x onerror=alert(1)>",
    // Tables.
    "| <script>alert(1)</script> | [a](javascript:alert(1)) |\n|:-|-:|\n| <img src=x onerror=alert(1)> | `<b>` |",
    // Code spans and blocks.
    "`<script>alert(1)</script>` ``</code><script>alert(1)</script>``",
    "```\"><script>alert(1)</script>\n<script>alert(1)</script>\n```\n\n```js onclick=alert(1)\nx\n```",
    "    <script>alert(1)</script>\n    indented code",
    // Entities.
    "&#106;avascript:alert(1) &#12; &#0; &#x1b;[31m &#x7f; &#xFFFE; &#xFDD0; &lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;alert(1)&#60;/script&#62;",
    "CDATA ]]> and </script> and </title> and <![CDATA[ x ]]>",
];

#[test]
fn every_markdown_construct_is_filtered_in_release_pages_and_feeds() {
    assert!(MARKDOWN_PAYLOADS.len() <= 50, "one feed shows 50 releases");
    let st = SiteTest::minimal();
    st.file(
        "content/events/ev.yaml",
        "state: MP\nstart: 2025-11-28\ntitle: {hi: क, en: E}\n",
    );
    for (i, md) in MARKDOWN_PAYLOADS.iter().enumerate() {
        let body = format!("Marker{i} here.\n\n{md}\n");
        for lang in ["hi", "en"] {
            st.file(
                &format!("content/releases/m{i}.{lang}.md"),
                &crate::support::release(&format!("M{i}"), "2025-11-20", "", &body),
            );
        }
    }
    let report = st.build_ok(NOW);
    assert_safe(&st);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("removed")),
        "the authors are told what was removed"
    );
    for i in 0..MARKDOWN_PAYLOADS.len() {
        let page = format!("hi/releases/m{i}/index.html");
        let prose = texts(&st, &page, ".prose").join(" ");
        assert!(
            prose.contains(&format!("Marker{i} here.")),
            "{page}: {prose}"
        );
    }
    for lang in ["hi", "en"] {
        let feed = format!("{lang}/feed.xml");
        assert_eq!(
            feed_texts(&st, &feed, "content").len(),
            MARKDOWN_PAYLOADS.len(),
            "{feed}"
        );
    }
    // What is shown as code or text stays visible as text.
    let spans = MARKDOWN_PAYLOADS
        .iter()
        .position(|m| m.starts_with("`<script>"))
        .unwrap();
    let code = texts(&st, &format!("hi/releases/m{spans}/index.html"), "code");
    assert!(
        code.iter().any(|c| c.contains("<script>alert(1)</script>")),
        "{code:?}"
    );
}

#[test]
fn every_markdown_construct_is_filtered_in_event_descriptions_and_pages() {
    let st = SiteTest::minimal();
    for (i, md) in MARKDOWN_PAYLOADS.iter().enumerate() {
        let body = format!("Marker{i} here.\n\n{md}\n");
        st.file(
            &format!("content/events/e{i}.yaml"),
            &event_file(&format!("E{i}"), "City", "Venue", &body, &body),
        );
    }
    // With nothing before it, each is also the first paragraph: the summary of lists and
    // feeds, and the meta description.
    for (i, md) in MARKDOWN_PAYLOADS.iter().enumerate() {
        st.file(
            &format!("content/releases/x{i}.hi.md"),
            &crate::support::release(&format!("X{i}"), "2025-11-20", "", md),
        );
    }
    // Every construct in one page, each after the last (an unclosed element of one may
    // take in the next: the rules still hold).
    let all = MARKDOWN_PAYLOADS.join("\n\n");
    st.file("content/pages/all.hi.md", &page_file("All", "", &all))
        .file("content/pages/all.en.md", &page_file("All", "", &all));
    st.build_ok(NOW);
    assert_safe(&st);
    for i in 0..MARKDOWN_PAYLOADS.len() {
        let page = format!("en/events/e{i}/index.html");
        let prose = texts(&st, &page, ".prose").join(" ");
        assert!(
            prose.contains(&format!("Marker{i} here.")),
            "{page}: {prose}"
        );
    }
    // The calendar has the description as text, escaped.
    let ics = st.read("hi/events/e0/e0.ics");
    assert!(ics_values(&ics, "DESCRIPTION")[0].contains("javascript:alert(1)"));
}

/// The ids given more than once on the page at `page`.
fn repeated_ids(st: &SiteTest, page: &str) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for id in attrs(st, page, "[id]", "id") {
        *seen.entry(id).or_default() += 1;
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect()
}

/// A release page and an event page whose texts are `md`; the ids given twice on each.
fn ids_given_twice(md: &str) -> Vec<String> {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/r.hi.md",
        &crate::support::release("R", "2025-11-20", "events: [ev]\n", md),
    )
    .file(
        "content/events/ev.yaml",
        &format!(
            "state: MP\nstart: 2025-11-28\ntitle: {{hi: क, en: E}}\ndescription: {{hi: {q}, en: {q}}}\n",
            q = yaml_quote(md)
        ),
    );
    st.build_ok(NOW);
    let mut ids = repeated_ids(&st, "hi/releases/r/index.html");
    ids.extend(repeated_ids(&st, "hi/events/ev/index.html"));
    ids
}

/// Finding: raw HTML keeps an `id` (the sanitiser allows it on every element), and
/// only heading ids are kept from the page's own: `<span id="main">` makes a second
/// `main`, the target of the skip link, and `<span id="fnref-1">` takes a footnote's.
#[test]

fn raw_html_cannot_take_the_pages_own_ids() {
    assert_eq!(
        ids_given_twice("<span id=\"main\">x</span>"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids_given_twice("<span id=\"fnref-1\">s</span> a[^1]\n\n[^1]: x"),
        Vec::<String>::new()
    );
}

/// Finding: footnote reference ids collide: the second reference to `1` gets
/// `fnref-1-2`, which is also the first reference to a footnote labelled `1-2`.
#[test]

fn footnote_reference_ids_do_not_collide() {
    assert_eq!(
        ids_given_twice("a[^1] b[^1] c[^1-2]\n\n[^1]: x\n\n[^1-2]: y"),
        Vec::<String>::new()
    );
}

/// Finding: a footnote written twice gives two elements the id `fn-n`.
#[test]

fn a_footnote_written_twice_gets_an_id_of_its_own() {
    assert_eq!(
        ids_given_twice("a[^n]\n\n[^n]: one\n\n[^n]: two"),
        Vec::<String>::new()
    );
}

/// Finding: an event description's heading can take an id of the event page's own
/// (`## Releases heading` is `releases-heading`, the heading of its related releases);
/// an id written twice (`{#x}`), or once on a heading and once in raw HTML, is kept
/// twice.
#[test]

fn heading_ids_repeat_neither_the_themes_nor_each_other() {
    assert_eq!(
        ids_given_twice("## Releases heading\n\ntext"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids_given_twice("## A {#x}\n\n## B {#x}"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids_given_twice("## x\n\n<span id=\"x\">y</span>"),
        Vec::<String>::new()
    );
}

/// Finding: a file is normalised to NFC before YAML reads it, so an escape whose last
/// hex digit is a letter, followed by a combining mark, changes: `"a\u002C` then U+0301
/// (an escaped comma, then an acute accent) becomes `"a\u002Ć"`, and the build fails
/// with "a backslash in this quoted text starts an escape YAML does not have". Found by
/// `any_site_title_as_a_fluent_argument` (a site title of U+000C U+0301).
#[test]

fn normalising_leaves_a_yaml_escape_before_a_combining_mark_alone() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/r.hi.md",
        "---\ntitle: \"a\\u002C\u{301} b\"\ndate: 2025-11-20\nministry: M\nplace: P\n---\n\nBody.\n",
    );
    st.build_ok(NOW);
    assert_eq!(
        texts(&st, "hi/releases/r/index.html", "h1"),
        [shown("a,\u{301} b")]
    );
}

/// Finding: only Markdown's text and code are cleaned of control characters that a
/// character reference writes; elsewhere the character is written out as it is: in raw
/// HTML (the sanitiser decodes `<p>&#12;</p>` to a form feed; `&#127;` and `&#13;` put a
/// DEL and a CR in the feed too), in the title of a link or an image, and in the info
/// string of a fenced code block (its `class`). Found by `any_text_in_a_page` (a body of
/// `</title>&#12;`) and `any_text_as_a_release_body` (a body of three backticks and
/// `&#12;`).
#[test]

fn an_entity_outside_markdown_text_writes_no_control_character() {
    for body in [
        "<p>&#12;</p>",
        "<p>&#127;</p>",
        "<p>&#x1b;</p>",
        "<p>&#13;</p>",
        "[a](https://x.test \"t&#12;\")",
        "![a](https://example.test/x.png \"&#12;\")",
        "```&#12;\nx\n```",
    ] {
        let st = SiteTest::minimal();
        st.file(
            "content/releases/r.hi.md",
            &crate::support::release("R", "2025-11-20", "", body),
        );
        st.build_ok(NOW);
        assert_safe(&st);
    }
}

/// Finding: a release whose front matter grows when normalised to NFC by more bytes
/// than its body has fails to build with "this file changed while the site was being
/// built": the body's start, an offset into the normalised text, is compared with the
/// length of the file's bytes. Precomposed Hindi letters with a nukta (ज़, U+095B, three
/// bytes, becomes ज + ़, six) in the title of a release with an empty body are enough.
/// The feed's copy of the error ("cannot make the hi feed: …") names no file. Found by
/// `any_text_quoted_in_a_release_field` (a title of U+1D160).
#[test]

fn a_release_that_grows_under_nfc_builds_however_short_its_body() {
    let st = SiteTest::minimal();
    st.file(
        "content/releases/r.hi.md",
        "---\ntitle: \"\u{095B}िले में शिविर\"\ndate: 2025-11-20\nministry: M\nplace: P\n---\n",
    );
    st.build_ok(NOW);
}

// ---------------------------------------------------------------------------------------
// Site settings that reach the output.
// ---------------------------------------------------------------------------------------

/// Finding: `base_url` is checked only for its `http(s)://` start, and is not cleaned
/// as text fields are; a YAML escape puts CR LF into it, and so into every calendar
/// (PRODID, URL: the added line is a property of its own), robots.txt, feeds and pages.
#[test]

fn a_line_end_in_the_base_url_is_refused() {
    let st = SiteTest::minimal();
    st.edit(
        "site.yaml",
        "base_url: \"https://example.test/samvad\"",
        "base_url: \"https://example.test/\\r\\nATTENDEE:mailto:evil@example.test\"",
    )
    .file(
        "content/events/ev.yaml",
        "state: MP\nstart: 2025-11-28\ntitle: {hi: क, en: E}\n",
    );
    match st.build(NOW) {
        // Refused at site.yaml: safe.
        Err(f) => assert!(
            f.diagnostics
                .iter()
                .any(|d| d.file.as_deref() == Some(std::path::Path::new("site.yaml"))),
            "{f}"
        ),
        Ok(_) => {
            let ics = st.read("hi/events/ev/ev.ics");
            assert!(ics_values(&ics, "ATTENDEE").is_empty(), "{ics}");
            assert_safe(&st);
        }
    }
}

#[test]
fn a_base_url_with_markup_is_refused_or_escaped() {
    let st = SiteTest::minimal();
    st.edit(
        "site.yaml",
        "base_url: \"https://example.test/samvad\"",
        "base_url: \"https://example.test/\\\"><script>alert(1)</script>\"",
    )
    .file(
        "content/events/ev.yaml",
        "state: MP\nstart: 2025-11-28\ntitle: {hi: क, en: E}\n",
    );
    if st.build(NOW).is_ok() {
        assert_safe(&st);
    }
}

#[test]
fn nothing_in_the_whole_example_site_breaks_the_rules() {
    let st = SiteTest::example();
    st.build_ok(NOW);
    assert_safe(&st);
    // The schedule's scripts are the theme's, and are there.
    let scripts = attrs(&st, "hi/schedule/index.html", "script", "src");
    assert_eq!(scripts, ["../../assets/when.js", "../../assets/filter.js"]);
}
