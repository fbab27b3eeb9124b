//! The language of parts (WCAG 2.1, 3.1.2): in a Hindi text, each run of Latin-script
//! words ("GeM", "Minto Hall") is wrapped in `<span lang="en">`; in an English text, each
//! run of Devanagari in `<span lang="hi">`, so a screen reader reads each in its own
//! voice. An element that already says its language (`<span lang="hi">Kreta
//! Samvad</span>`, written by the author to override), code, and scripts are left as
//! they are.
//!
//! It works on the rendered HTML, after the filter, so it sees only what the page will
//! hold: text between tags, with entities (`&amp;`) read as punctuation.

use std::borrow::Cow;

/// The script of the other language, as seen from a text in `lang`.
#[derive(Clone, Copy)]
enum Other {
    /// Latin letters, in a Hindi text.
    Latin,
    /// Devanagari, in an English text.
    Devanagari,
}

/// `html` with the runs of the other language's script marked, for a text in `lang`
/// (`hi` or `en`; any other language is left as it is).
pub fn mark<'a>(html: &'a str, lang: &str) -> Cow<'a, str> {
    let other = match lang {
        "hi" => Other::Latin,
        "en" => Other::Devanagari,
        _ => return Cow::Borrowed(html),
    };
    // An English text without Devanagari (its three-byte sequences start E0 A4/A5)
    // has nothing to mark: most English texts are passed over at once.
    if matches!(other, Other::Devanagari) && memchr::memchr(0xE0, html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let mark_lang = match other {
        Other::Latin => "en",
        Other::Devanagari => "hi",
    };
    let mut out = String::new();
    let mut copied = 0;
    // Open elements whose text is left alone: their depth in `open` when met.
    let mut open: Vec<&str> = Vec::new();
    let mut skip_from: Option<usize> = None;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let end = tag_end(html, i);
            let tag = &html[i..end];
            if let Some(name) = tag.strip_prefix("</") {
                let name = tag_name(name);
                if let Some(at) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                    open.truncate(at);
                    if skip_from.is_some_and(|d| d > open.len()) {
                        skip_from = None;
                    }
                }
            } else if !tag.starts_with("<!") && !tag.starts_with("<?") {
                let name = tag_name(&tag[1..]);
                let void = tag.ends_with("/>") || is_void(name);
                if !void {
                    let keeps = has_lang(tag)
                        || ["code", "pre", "script", "style", "kbd", "samp"]
                            .iter()
                            .any(|n| n.eq_ignore_ascii_case(name));
                    open.push(name);
                    if keeps && skip_from.is_none() {
                        skip_from = Some(open.len());
                    }
                }
            }
            i = end;
            continue;
        }
        let text_end = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |n| i + n);
        if skip_from.is_none() {
            for (start, stop) in runs(&html[i..text_end], other) {
                out.push_str(&html[copied..i + start]);
                out.push_str("<span lang=\"");
                out.push_str(mark_lang);
                out.push_str("\">");
                out.push_str(&html[i + start..i + stop]);
                out.push_str("</span>");
                copied = i + stop;
            }
        }
        i = text_end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Where the tag starting at `start` ends (after its `>`), quotes respected; a comment
/// ends after `-->`.
pub(crate) fn tag_end(html: &str, start: usize) -> usize {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |n| start + n + 3);
    }
    let mut quote = None;
    for (n, b) in rest.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return start + n + 1,
            _ => {}
        }
    }
    html.len()
}

/// The element name at the start of a tag's inside (`span lang="en"` is `span`).
pub(crate) fn tag_name(inside: &str) -> &str {
    let end = inside
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(inside.len());
    &inside[..end]
}

/// Whether the start tag `tag` gives its element a language.
fn has_lang(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    lower.contains(" lang=") || lower.contains(" xml:lang=")
}

fn is_void(name: &str) -> bool {
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(name))
}

/// The runs of the other script in a piece of text: byte ranges, each from the first
/// letter of a run to its last, taking in the spaces, digits and punctuation between
/// its words ("Minto Hall", "R&amp;D", "GeM-SAHAY").
fn runs(text: &str, other: Other) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let len = if c == '&' {
            // An entity is punctuation: step over it whole.
            text[at..]
                .find(';')
                .filter(|n| *n <= 10)
                .map_or(1, |n| n + 1)
        } else {
            c.len_utf8()
        };
        if c == '&' {
            for _ in 1..text[at..at + len].chars().count() {
                chars.next();
            }
        }
        match class(c, other) {
            Class::Other => {
                run = Some(match run {
                    Some((s, _)) => (s, at + len),
                    None => (at, at + len),
                });
            }
            Class::Between => {}
            Class::Own => {
                if let Some(r) = run.take() {
                    found.push(r);
                }
            }
        }
    }
    found.extend(run);
    found
}

/// What a character is to a run of the other script.
enum Class {
    /// A letter (or mark) of the other script: part of a run.
    Other,
    /// A space, digit or punctuation: inside a run if one goes on after it.
    Between,
    /// A letter of the text's own script (or any other), a bracket or a double quote:
    /// ends a run.
    Own,
}

fn class(c: char, other: Other) -> Class {
    // ASCII and Devanagari, nearly every character of these texts, are answered without
    // the Unicode tables (a lookup for each character was a quarter of a large build).
    match (c, other) {
        ('a'..='z' | 'A'..='Z', Other::Latin) => Class::Other,
        ('a'..='z' | 'A'..='Z', Other::Devanagari) => Class::Own,
        // Brackets and double quotes end a run, so a span never holds one of a pair.
        ('(' | ')' | '[' | ']' | '{' | '}' | '"', _) => Class::Own,
        ('\0'..='\x7f', _) => Class::Between,
        ('\u{0964}' | '\u{0965}', _) => Class::Own,
        ('\u{0966}'..='\u{096F}', _) => Class::Between,
        ('\u{0900}'..='\u{097F}', Other::Devanagari) => Class::Other,
        ('\u{0900}'..='\u{097F}', Other::Latin) => Class::Own,
        ('\u{200C}' | '\u{200D}', Other::Devanagari) => Class::Other,
        ('“' | '”' | '«' | '»', _) => Class::Own,
        (c, Other::Latin) if c.is_alphabetic() && (c as u32) < 0x0250 => Class::Other,
        (c, _) if c.is_alphabetic() => Class::Own,
        _ => Class::Between,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_runs_in_hindi_are_marked_english() {
        assert_eq!(
            mark("<p>मिन्टो हॉल (Minto Hall), भोपाल में GeM पोर्टल।</p>", "hi"),
            "<p>मिन्टो हॉल (<span lang=\"en\">Minto Hall</span>), भोपाल में <span lang=\"en\">GeM</span> पोर्टल।</p>"
        );
        assert_eq!(
            mark("<p>NVDA (NonVisual Desktop Access)</p>", "hi"),
            "<p><span lang=\"en\">NVDA</span> (<span lang=\"en\">NonVisual Desktop Access</span>)</p>"
        );
        assert_eq!(
            mark("<p>R&amp;D और MSME-SAHAY 2025</p>", "hi"),
            "<p><span lang=\"en\">R&amp;D</span> और <span lang=\"en\">MSME-SAHAY</span> 2025</p>"
        );
    }

    #[test]
    fn devanagari_in_english_is_marked_hindi() {
        assert_eq!(
            mark(
                "<p>The <em>Kreta Samvad</em> (क्रेता संवाद) in Bhopal.</p>",
                "en"
            ),
            "<p>The <em>Kreta Samvad</em> (<span lang=\"hi\">क्रेता संवाद</span>) in Bhopal.</p>"
        );
        assert!(matches!(
            mark("<p>No Hindi here.</p>", "en"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn marked_elements_code_attributes_and_numbers_are_left_alone() {
        let kept = [
            "<p><span lang=\"hi\">Kreta Samvad</span> का आयोजन</p>",
            "<p>कोड <code>cargo build</code> चलाएँ</p>",
            "<p><a href=\"https://gem.gov.in\" title=\"a > b\">पोर्टल</a> 28 नवम्बर, 2025</p>",
            "<pre><code>let x = 1;\n</code></pre>",
        ];
        for html in kept {
            assert_eq!(mark(html, "hi"), html);
        }
        assert_eq!(
            mark("<p><span lang=\"hi\">Kreta</span> and GeM</p>", "hi"),
            "<p><span lang=\"hi\">Kreta</span> <span lang=\"en\">and GeM</span></p>"
        );
    }
}
