//! Any text as a Markdown body, rendered as a site without `unsafe_html` renders it: no
//! panic, and the HTML is inert (no element, attribute or address that can run script,
//! load a frame or a plug-in, submit a form, redirect, restyle the page, or change the
//! page's base address), and holds no unpublishable character, written or as a
//! character reference. Bodies are cleaned when their file is read, so the text is
//! rendered as cleaned; a text with unpublishable characters is also rendered as given,
//! which must be inert as well.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use samvad::text::{replace_unpublishable, unpublishable};
use samvad::markdown::Markdown;

static MARKDOWN: LazyLock<Markdown> = LazyLock::new(|| Markdown::new(false));

/// Elements that may never appear: the ones that run script, embed frames, plug-ins or
/// forms, change the document's address or styles, and the foreign (SVG, MathML) and
/// template contexts in which the HTML parser reads text differently.
const FORBIDDEN_TAGS: &[&str] = &[
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "meta",
    "base",
    "style",
    "link",
    "frame",
    "frameset",
    "applet",
    "svg",
    "math",
    "template",
    "noscript",
    "input",
    "button",
    "textarea",
    "select",
    "portal",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
];

/// Attributes whose value is an address.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "longdesc",
    "ping",
    "lowsrc",
    "dynsrc",
    "srcset",
    "xlink:href",
    "codebase",
    "manifest",
    "icon",
];

/// Schemes an address may have (none at all is an address within the site).
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

/// The character a numeric character reference stands for, as a browser reads it
/// (0x80-0x9F through the windows-1252 table; only those that map to themselves are
/// kept, which is enough to tell whether the result is publishable).
fn numeric_reference(digits: &str, hex: bool) -> Option<char> {
    let n = u32::from_str_radix(digits, if hex { 16 } else { 10 }).ok()?;
    const SELF_MAPPED_C1: [u32; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    match n {
        0 => Some('\u{FFFD}'),
        0x80..=0x9F if !SELF_MAPPED_C1.contains(&n) => Some('\u{2026}'),
        _ => Some(char::from_u32(n).unwrap_or('\u{FFFD}')),
    }
}

/// An attribute value as a browser reads it: character references decoded (numeric ones
/// and the named ones that can spell an address's scheme).
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let after = &rest[1..];
        let (c, len) = if let Some(num) = after.strip_prefix('#') {
            let hex = num.starts_with(['x', 'X']);
            let digits_from = usize::from(hex);
            let digits: &str = {
                let d = &num[digits_from..];
                let n = d
                    .bytes()
                    .take_while(|b| {
                        if hex {
                            b.is_ascii_hexdigit()
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                    .count();
                &d[..n]
            };
            if digits.is_empty() {
                (None, 0)
            } else {
                let mut len = 2 + digits_from + digits.len();
                if rest[len..].starts_with(';') {
                    len += 1;
                }
                (numeric_reference(digits, hex), len)
            }
        } else {
            let named = [
                ("amp;", '&'),
                ("lt;", '<'),
                ("gt;", '>'),
                ("quot;", '"'),
                ("apos;", '\''),
                ("colon;", ':'),
                ("tab;", '\t'),
                ("newline;", '\n'),
                ("nbsp;", '\u{A0}'),
            ];
            named
                .iter()
                .find(|(name, _)| {
                    after
                        .get(..name.len())
                        .is_some_and(|a| a.eq_ignore_ascii_case(name))
                })
                .map_or((None, 0), |(name, c)| (Some(*c), 1 + name.len()))
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of an address as a browser finds it: leading spaces and control
/// characters dropped, tabs and line ends ignored anywhere, case ignored; None for an
/// address without one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let s = &cleaned[..colon];
    let is_scheme = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| s.to_ascii_lowercase())
}

/// What makes `html` not inert, if anything. Looks only at real markup: tags as an HTML
/// parser finds them (text is escaped, so `&lt;script` in text is fine), their
/// attribute names, and the addresses in attributes that hold one.
fn not_inert(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if lower[i..].starts_with("<!--") {
            i = lower[i + 4..]
                .find("-->")
                .map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        if matches!(b.get(i + 1), Some(b'!' | b'?'))
            || (b.get(i + 1) == Some(&b'/') && !b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            // A bogus comment, to the next `>`.
            i = lower[i..].find('>').map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let end_tag = b.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = name_start;
        while j < b.len() && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = &lower[name_start..j];
        if FORBIDDEN_TAGS.contains(&name) {
            return Some(format!("the element <{name}>"));
        }
        // Attributes (an end tag's are ignored by browsers, but read past all the same).
        loop {
            while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let attr_start = j;
            // A name may start with `=`; it ends at a space, `/`, `>` or `=`.
            j += 1;
            while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let attr = &lower[attr_start..j];
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            let mut value = "";
            if b.get(j) == Some(&b'=') {
                j += 1;
                while j < b.len() && is_space(b[j]) {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = lower[j + 1..]
                            .find(q as char)
                            .map_or(b.len(), |e| j + 1 + e);
                        value = &html[j + 1..close];
                        j = close + 1;
                    }
                    _ => {
                        let from = j;
                        while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                            j += 1;
                        }
                        value = &html[from..j];
                    }
                }
            }
            if end_tag {
                continue;
            }
            let handler = attr.len() > 2
                && attr.starts_with("on")
                && attr[2..].bytes().all(|c| c.is_ascii_alphabetic());
            if handler || matches!(attr, "style" | "srcdoc" | "formaction" | "http-equiv") {
                return Some(format!("the attribute `{attr}` of <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&attr) {
                let decoded = decode(value);
                if let Some(s) = scheme(&decoded)
                    && !SCHEMES.contains(&s.as_str())
                {
                    return Some(format!(
                        "a `{s}:` address in `{attr}` of <{name}>: {value:?}"
                    ));
                }
            }
        }
        i = j;
    }
    None
}

/// An unpublishable character in `html`, written or as a numeric character reference.
fn unpublishable_in(html: &str) -> Option<char> {
    if let Some(c) = html.chars().find(|&c| unpublishable(c)) {
        return Some(c);
    }
    let mut rest = html;
    while let Some(at) = rest.find("&#") {
        rest = &rest[at + 2..];
        let hex = rest.starts_with(['x', 'X']);
        let d = &rest[usize::from(hex)..];
        let n = d
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if n > 0
            && let Some(c) = numeric_reference(&d[..n], hex)
            && unpublishable(c)
        {
            return Some(c);
        }
    }
    None
}

fuzz_target!(|text: &str| {
    let (clean, replaced) = replace_unpublishable(text.to_string());
    let r = MARKDOWN.render(&clean);
    if let Some(what) = not_inert(&r.html) {
        panic!("{what} in the HTML of {clean:?}:\n{}", r.html);
    }
    if let Some(c) = unpublishable_in(&r.html) {
        panic!(
            "U+{:04X}, which cannot be published, in the HTML of {clean:?}:\n{:?}",
            c as u32, r.html
        );
    }
    if let Some(c) = r.first_paragraph.chars().find(|&c| unpublishable(c)) {
        panic!(
            "U+{:04X}, which cannot be published, in the first paragraph of {clean:?}: {:?}",
            c as u32, r.first_paragraph
        );
    }
    if !replaced.is_empty() {
        let raw = MARKDOWN.render(text);
        if let Some(what) = not_inert(&raw.html) {
            panic!("{what} in the HTML of {text:?}:\n{}", raw.html);
        }
    }
});
