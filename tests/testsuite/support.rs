//! Shared fixtures and helpers: a site in a temporary folder, built through the library
//! API, and small readers for what a person (or a feed reader) would see in the output.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use samvad::diagnostics::Diagnostic;
use samvad::{BuildFailure, BuildOptions, BuildReport, build};
use tempfile::TempDir;

/// The fixed "now" the example site is built at (the day before the Bhopal event).
pub const NOW: &str = "2025-11-27";

/// The repository root, where the example site lives.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a fresh temporary folder.
pub struct SiteTest {
    dir: TempDir,
}

impl SiteTest {
    /// A copy of the repository's example site (site.yaml, content/, i18n/, themes/).
    pub fn example() -> SiteTest {
        let st = SiteTest::empty();
        let repo = repo();
        fs::copy(repo.join("site.yaml"), st.root().join("site.yaml")).expect("copy site.yaml");
        for dir in ["content", "i18n", "themes"] {
            copy_dir(&repo.join(dir), &st.root().join(dir));
        }
        st
    }

    /// A tiny site: its own `site.yaml`, the repository's i18n/ and themes/, and an empty
    /// content/ folder. Add content with [`SiteTest::file`].
    pub fn minimal() -> SiteTest {
        let st = SiteTest::empty();
        let repo = repo();
        for dir in ["i18n", "themes"] {
            copy_dir(&repo.join(dir), &st.root().join(dir));
        }
        st.file(
            "site.yaml",
            "title: {hi: \"परीक्षण साइट\", en: \"Test site\"}\n\
             description: {hi: \"परीक्षण के लिए साइट।\", en: \"A site for tests.\"}\n\
             base_url: \"https://example.test/samvad\"\n\
             languages: [hi, en]\n\
             default_language: hi\n\
             time_zone: Asia/Kolkata\n",
        );
        for dir in ["content/events", "content/releases", "content/pages"] {
            fs::create_dir_all(st.root().join(dir)).expect("create content folders");
        }
        st
    }

    /// An empty site folder, for content written by other means (the generator).
    pub fn empty_site() -> SiteTest {
        SiteTest::empty()
    }

    fn empty() -> SiteTest {
        SiteTest {
            dir: tempfile::Builder::new()
                .prefix("samvad-test-")
                .tempdir()
                .expect("create a temporary folder"),
        }
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or overwrites) a file of the site; folders are created.
    pub fn file(&self, rel: &str, text: &str) -> &Self {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes to a file of the site.
    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folder");
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    /// Appends text to a file of the site.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let old = self.source(rel);
        self.file(rel, &format!("{old}{text}"))
    }

    /// Replaces `from` (which must occur) by `to` in a file of the site.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let old = self.source(rel);
        assert!(old.contains(from), "{rel} does not contain {from:?}");
        self.file(rel, &old.replacen(from, to, 1))
    }

    /// Removes a file or folder of the site.
    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.root().join(rel);
        if path.is_dir() {
            fs::remove_dir_all(&path).expect("remove folder");
        } else {
            fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
        }
        self
    }

    /// A file of the site (input), as text.
    pub fn source(&self, rel: &str) -> String {
        let path = self.root().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Build options for this site at a fixed "now".
    pub fn options(&self, now: &str) -> BuildOptions {
        let mut opts = BuildOptions::new(self.root());
        opts.now = Some(now.to_string());
        opts
    }

    /// Builds the site into `<root>/public`.
    pub fn build(&self, now: &str) -> Result<BuildReport, BuildFailure> {
        build(&self.options(now))
    }

    /// Builds and expects success.
    pub fn build_ok(&self, now: &str) -> BuildReport {
        match self.build(now) {
            Ok(r) => r,
            Err(f) => panic!("the build failed:\n{f}"),
        }
    }

    /// Builds and expects failure.
    pub fn build_err(&self, now: &str) -> BuildFailure {
        match self.build(now) {
            Ok(r) => panic!(
                "the build succeeded but should have failed; warnings: {:#?}",
                r.warnings
            ),
            Err(f) => f,
        }
    }

    /// Where the site is written.
    pub fn output_dir(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the output, as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.output_dir().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read output {rel}: {e}"))
    }

    /// A file of the output, as bytes.
    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        let path = self.output_dir().join(rel);
        fs::read(&path).unwrap_or_else(|e| panic!("read output {rel}: {e}"))
    }

    /// True when the output has this file.
    pub fn exists(&self, rel: &str) -> bool {
        self.output_dir().join(rel).is_file()
    }

    /// Every file of the output with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.output_dir())
    }

    /// Output-relative paths of the HTML files under `prefix` (e.g. `hi/`).
    pub fn html_pages(&self, prefix: &str) -> Vec<String> {
        self.snapshot()
            .into_keys()
            .filter(|p| p.starts_with(prefix) && p.ends_with(".html"))
            .collect()
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file under `dir` (relative path with `/` → bytes). Folders that hold no file
/// are listed with a trailing `/` and no bytes, so an added empty folder is seen too.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            if fs::read_dir(entry.path()).unwrap().next().is_none() {
                out.insert(format!("{rel}/"), Vec::new());
            }
        } else {
            out.insert(rel, fs::read(entry.path()).expect("read"));
        }
    }
    out
}

/// Asserts two snapshots are equal, naming the first difference.
pub fn assert_same_files(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    let only_before: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let only_after: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(only_before.is_empty(), "files gone: {only_before:?}");
    assert!(only_after.is_empty(), "files added: {only_after:?}");
    for (k, v) in before {
        assert!(
            after[k] == *v,
            "{k} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(v)
                .chars()
                .take(3000)
                .collect::<String>(),
            String::from_utf8_lossy(&after[k])
                .chars()
                .take(3000)
                .collect::<String>()
        );
    }
}

/// The text between `start` and the next `end` after it.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let i = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{text}"))
        + start.len();
    let j = text[i..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"))
        + i;
    &text[i..j]
}

/// Every value of `attr="..."` in `text`, in order.
pub fn attr_values(text: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let j = after.find('"').expect("closing quote");
        out.push(after[..j].to_string());
        rest = &after[j..];
    }
    out
}

/// The `(hreflang, href)` pairs of the `<link rel="alternate" hreflang=...>` tags.
pub fn hreflang_links(html: &str) -> Vec<(String, String)> {
    html.match_indices("<link rel=\"alternate\" hreflang=\"")
        .map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            (
                attr_values(tag, "hreflang")[0].clone(),
                attr_values(tag, "href")[0].clone(),
            )
        })
        .collect()
}

/// The hrefs of the language switch of a page.
pub fn switch_hrefs(html: &str) -> Vec<String> {
    attr_values(
        between(html, "<div class=\"lang-switch\"", "</div>"),
        "href",
    )
}

/// Resolves a relative link found on the page at output path `from` to an output path.
pub fn resolve(from: &str, href: &str) -> String {
    assert!(
        !href.contains("://") && !href.starts_with('/'),
        "not a relative link: {href}"
    );
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{href} climbs above the output root from {from}"
                );
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The errors of a failed build.
pub fn errors(f: &BuildFailure) -> Vec<&Diagnostic> {
    f.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// The one error whose message contains `needle`.
pub fn error_with<'a>(f: &'a BuildFailure, needle: &str) -> &'a Diagnostic {
    let found: Vec<_> = errors(f)
        .into_iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert!(
        found.len() == 1,
        "expected one error containing {needle:?}, got {}:\n{f}",
        found.len()
    );
    found[0]
}

/// Asserts a diagnostic names `file` and `line`, and that its printed form says so.
pub fn assert_points_at(d: &Diagnostic, file: &str, line: usize) {
    let shown = d.to_string();
    assert_eq!(
        d.file
            .as_deref()
            .map(|p| p.to_string_lossy().replace('\\', "/")),
        Some(file.to_string()),
        "wrong file in:\n{shown}"
    );
    let loc = d
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("no line in:\n{shown}"));
    assert_eq!(loc.line, line, "wrong line in:\n{shown}");
    let arrow = format!("--> {file}:{line}:{}", loc.column);
    assert!(shown.contains(&arrow), "{arrow:?} not in:\n{shown}");
}

/// A minimal XML well-formedness check (enough for the Atom feed and the sitemap):
/// every tag is closed in order, attributes are quoted, `&` starts a known entity or a
/// character reference, and text holds no raw `<`. Returns the element names in order.
pub fn check_xml(xml: &str) -> Result<Vec<String>, String> {
    let mut rest = xml;
    if let Some(r) = rest.strip_prefix("<?xml") {
        let end = r.find("?>").ok_or("unclosed XML declaration")?;
        rest = &r[end + 2..];
    }
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut roots = 0;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        check_text(&rest[..lt])?;
        if stack.is_empty() && !rest[..lt].trim().is_empty() {
            return Err(format!("text outside the root element: {:?}", &rest[..lt]));
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let gt = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name.trim() {
                return Err(format!("<{open}> closed by </{name}>"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag
            .split_whitespace()
            .next()
            .ok_or("empty tag")?
            .to_string();
        if !name
            .chars()
            .all(|c| c.is_alphanumeric() || ":_-.".contains(c))
        {
            return Err(format!("bad element name {name:?}"));
        }
        check_attributes(&tag[name.len()..])?;
        if stack.is_empty() {
            roots += 1;
        }
        names.push(name.clone());
        if !self_closing {
            stack.push(name);
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> is never closed"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(names)
}

fn check_text(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        let after = &rest[i + 1..];
        let semi = after
            .find(';')
            .ok_or_else(|| format!("bare & in {text:?}"))?;
        let entity = &after[..semi];
        let ok = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || entity
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("unknown entity &{entity};"));
        }
        rest = &after[semi + 1..];
    }
    Ok(())
}

fn check_attributes(mut attrs: &str) -> Result<(), String> {
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let eq = attrs
            .find('=')
            .ok_or_else(|| format!("attribute without value: {attrs:?}"))?;
        let name = attrs[..eq].trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("bad attribute name {name:?}"));
        }
        let value = attrs[eq + 1..].trim_start();
        let quote = value
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or("unquoted attribute")?;
        let end = value[1..].find(quote).ok_or("unclosed attribute value")?;
        let v = &value[1..1 + end];
        if v.contains('<') {
            return Err(format!("< in attribute value {v:?}"));
        }
        check_text(v)?;
        attrs = &value[end + 2..];
    }
}

/// Undoes XML escaping of text.
pub fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A build's warnings about its content: without those a test site has for not being a
/// whole government site (no owner in site.yaml, no required pages).
pub fn content_warnings(report: &samvad::BuildReport) -> Vec<&Diagnostic> {
    report
        .warnings
        .iter()
        .filter(|d| !matches!(d.code.name(), "identity-missing" | "required-page-missing"))
        .collect()
}

/// A release file in the minimal site's format.
pub fn release(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\nministry: \"Ministry of Tests\"\nplace: \"New Delhi\"\n{extra}---\n\n{body}\n"
    )
}

/// An event file with a start day.
pub fn event(state: &str, start: &str, title_hi: &str, title_en: &str) -> String {
    format!("state: {state}\nstart: {start}\ntitle: {{hi: \"{title_hi}\", en: \"{title_en}\"}}\n")
}
