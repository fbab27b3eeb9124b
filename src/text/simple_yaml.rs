//! A quick reader for the simplest YAML, which almost every release's front matter and
//! event file is: one `key: value` per line, the value a string (plain, or quoted
//! without escapes), a one-line list of plain words, or a map of strings (`{hi: …, en:
//! …}` on one line, or `key:` with one indented `k: v` line per entry), a text over
//! several lines in a `>`, `>-`, `|` or `|-` block of evenly indented lines, with
//! comments dropped. Anything else (deeper nesting, escapes, blank or more-indented
//! lines in a block, words YAML reads as null, repeated keys) gives `None`, and the
//! caller parses the text with the YAML crate, as it would have anyway. The full parser cost about 300
//! instructions per byte of front matter, a tenth of a large site's build; this reads
//! what it accepts exactly as that parser does (a test compares them), with the same
//! lines and columns.

use std::borrow::Cow;

use crate::diagnostics::Located;

/// One key of a map of strings, and its text.
pub type Entry<'a> = (&'a str, Located<Cow<'a, str>>);

/// The value of one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// A string; `quoted` when it was written in quotes.
    Text {
        text: Located<Cow<'a, str>>,
        quoted: bool,
    },
    /// A list written `[a, b]`.
    List(Vec<Located<&'a str>>),
    /// A map of strings: where YAML says it starts, and its entries in order.
    Map(Located<()>, Vec<Entry<'a>>),
}

/// A located text made owned.
pub fn owned<S: AsRef<str>>(at: &Located<S>) -> Located<String> {
    Located {
        value: at.value.as_ref().to_string(),
        at: at.at,
    }
}

/// The entries of `yaml` in order, when every line is a plain `key: value` (or empty).
pub fn entries(yaml: &str) -> Option<Vec<(&str, Value<'_>)>> {
    let mut out = Vec::with_capacity(12);
    let raw: Vec<&str> = yaml.split('\n').collect();
    let lines: Vec<&str> = raw.iter().map(|l| without_comment(l)).collect();
    // A comment is dropped unread here, but YAML refuses a control character in it too.
    for (l, kept) in raw.iter().zip(&lines) {
        if kept.len() < l.len() && !all_printable(&l[kept.len()..]) {
            return None;
        }
    }
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.is_empty() {
            continue;
        }
        let key_len = line
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
            .count();
        if key_len == 0 || !line.as_bytes()[0].is_ascii_lowercase() {
            return None;
        }
        let key = &line[..key_len];
        let rest = line[key_len..].strip_prefix(':')?;
        let value = rest.trim_start_matches(' ');
        if rest.is_empty() {
            // `key:` alone: a block map below, else null (left to the YAML crate).
            let (map, next) = block_map(&lines, &raw, i)?;
            out.push((key, map));
            i = next;
            continue;
        }
        if value.is_empty() || value.len() == rest.len() {
            // `key:   ` (null) or `key:value` (one plain string).
            return None;
        }
        if !all_printable(value) {
            return None;
        }
        let start = key_len + 1 + (rest.len() - value.len());
        // Keys and the spaces after them are ASCII: the byte offset is the column.
        let column = start + 1;
        let at = |text, column| Located::new(text, i, column);
        if is_block_header(value) {
            let (text, next) = block_scalar(value, &raw, i, 0)?;
            out.push((key, Value::Text { text, quoted: true }));
            i = next;
            continue;
        }
        let parsed = match value.as_bytes()[0] {
            b'"' | b'\'' => Value::Text {
                text: at(Cow::Borrowed(one_string(value)?), column),
                quoted: true,
            },
            b'[' => {
                let inner = value[1..].strip_suffix(']')?;
                let mut items = Vec::new();
                if !inner.trim_matches(' ').is_empty() {
                    // Column of each item: characters before it on the line.
                    let mut offset = start + 1;
                    for raw in inner.split(',') {
                        let word = raw.trim_matches(' ');
                        if !is_word(word) {
                            return None;
                        }
                        let lead = raw.len() - raw.trim_start_matches(' ').len();
                        let before = &line[..offset + lead];
                        items.push(Located::new(word, i, before.chars().count() + 1));
                        offset += raw.len() + 1;
                    }
                }
                Value::List(items)
            }
            b'{' => {
                let inner = value[1..].strip_suffix('}')?;
                let entries = flow_map(line, start + 1, inner, i)?;
                let place = Located::new((), i, column);
                Value::Map(place, entries)
            }
            _ if is_plain(value) => Value::Text {
                text: at(Cow::Borrowed(value), column),
                quoted: false,
            },
            _ => return None,
        };
        out.push((key, parsed));
    }
    Some(out)
}

/// The headers of the block scalars the quick reader takes: folded or literal, with
/// the final line break kept or stripped.
fn is_block_header(v: &str) -> bool {
    matches!(v, ">" | ">-" | "|" | "|-")
}

/// A block scalar with header `header` whose lines start at `from` in the unprocessed
/// lines `raw`, indented deeper than `parent`: its text and place (YAML gives the first
/// line's), and the index of the line after it. Taken only when every line has the same
/// indent and no line is blank or ends in a space (where YAML's folding has more rules).
fn block_scalar<'a>(
    header: &str,
    raw: &[&'a str],
    from: usize,
    parent: usize,
) -> Option<(Located<Cow<'a, str>>, usize)> {
    let first = *raw.get(from)?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    if indent <= parent {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut i = from;
    while let Some(line) = raw.get(i) {
        let body = line.trim_start_matches(' ');
        if body.is_empty() {
            // Only the end of the text may follow as blank (and no deeper than the
            // block, where YAML keeps the spaces as text); elsewhere a blank line folds
            // or ends the block by rules left to the YAML crate.
            if raw[i..]
                .iter()
                .all(|l| l.trim_start_matches(' ').is_empty() && l.len() <= indent)
            {
                break;
            }
            return None;
        }
        let n = line.len() - body.len();
        if n < indent {
            break;
        }
        if n > indent || body.ends_with(' ') || !all_printable(body) {
            return None;
        }
        parts.push(body);
        i += 1;
    }
    // An empty block: YAML's rules for its line break are left to the YAML crate.
    if parts.is_empty() {
        return None;
    }
    let mut text = parts.join(if header.starts_with('>') { " " } else { "\n" });
    if !header.ends_with('-') {
        text.push('\n');
    }
    let at = Located::new(Cow::Owned(text), from + 1, indent + 1);
    Some((at, i))
}

/// A line without its comment and the spaces before it: a line that is only a comment
/// becomes empty. A `#` starts a comment after a space and outside quotes; a quote opens
/// only where a value starts (first on the line after `: `, or after `[`, `{` or `,`).
fn without_comment(line: &str) -> &str {
    let b = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut last = b' ';
    for (k, &c) in b.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, b'"' | b'\'') && matches!(last, b':' | b'[' | b'{' | b',') => {
                quote = Some(c)
            }
            None if c == b'#' && (k == 0 || b[k - 1] == b' ') => {
                return line[..k].trim_end_matches(' ');
            }
            None => {}
        }
        if c != b' ' {
            last = c;
        }
    }
    line.trim_end_matches(' ')
}

/// The entries of a block map whose lines start at `from` (all indented alike, each a
/// plain `k: v`), and the index of the line after it.
fn block_map<'a>(lines: &[&'a str], raw: &[&'a str], from: usize) -> Option<(Value<'a>, usize)> {
    let first = *lines.get(from)?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    if indent == 0 {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = from;
    while let Some(line) = lines.get(i) {
        let body = line.trim_start_matches(' ');
        if line.len() - body.len() != indent {
            if line.is_empty() || !line.starts_with(' ') {
                break;
            }
            // Deeper or shallower: nesting or a value over several lines.
            return None;
        }
        let (key, value) = body.split_once(": ")?;
        if !is_key(key) || entries.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let value_start = indent + key.len() + 2;
        let trimmed = value.trim_start_matches(' ');
        if is_block_header(trimmed) {
            let (text, next) = block_scalar(trimmed, raw, i + 1, indent)?;
            entries.push((key, text));
            i = next;
            continue;
        }
        let column = value_start + (value.len() - trimmed.len()) + 1;
        let text = one_string(trimmed)?;
        entries.push((key, Located::new(Cow::Borrowed(text), i + 1, column)));
        i += 1;
    }
    if lines.get(i).is_some_and(|l| l.is_empty()) && lines[i..].iter().any(|l| !l.is_empty()) {
        // A blank line may end the map or sit inside it: left to the YAML crate (unless
        // only blank lines follow, to the end of the text).
        return None;
    }
    let at = Located::new((), from + 1, indent + 1);
    Some((Value::Map(at, entries), i))
}

/// The entries of a one-line map whose text inside the braces is `inner`, starting at
/// byte `offset` of `line` (line number `line_no`).
fn flow_map<'a>(
    line: &'a str,
    offset: usize,
    inner: &'a str,
    line_no: usize,
) -> Option<Vec<Entry<'a>>> {
    let mut entries: Vec<Entry> = Vec::new();
    if inner.trim_matches(' ').is_empty() {
        return Some(entries);
    }
    let b = inner.as_bytes();
    let mut j = 0;
    loop {
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let key_len = inner[j..]
            .bytes()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
            .count();
        let key = &inner[j..j + key_len];
        if !is_key(key) || !inner[j + key_len..].starts_with(": ") {
            return None;
        }
        j += key_len + 2;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let value_start = j;
        let end = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = inner[j + 1..].find(q as char)? + j + 1;
                close + 1
            }
            _ => inner[j..].find(',').map_or(inner.len(), |c| c + j),
        };
        let raw = inner[value_start..end].trim_end_matches(' ');
        let text = if raw.starts_with(['"', '\'']) {
            one_string(raw)?
        } else if is_flow_plain(raw) {
            raw
        } else {
            return None;
        };
        if entries.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let column = line[..offset + value_start].chars().count() + 1;
        entries.push((key, Located::new(Cow::Borrowed(text), line_no, column)));
        j = end;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        match b.get(j) {
            None => return Some(entries),
            // A comma must be followed by another entry.
            Some(b',') if !inner[j + 1..].trim_matches(' ').is_empty() => j += 1,
            _ => return None,
        }
    }
}

/// A key as the quick reader takes it: lower-case ASCII letters, digits and `_`,
/// starting with a letter.
fn is_key(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        // Words YAML reads as null or a boolean are no text keys.
        && !matches!(s, "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n")
}

/// A one-line string value: quoted without escapes, or plain.
fn one_string(v: &str) -> Option<&str> {
    if !all_printable(v) || v.is_empty() {
        return None;
    }
    match v.as_bytes()[0] {
        q @ (b'"' | b'\'') => {
            let inner = v[1..].strip_suffix(q as char)?;
            let escapes = inner.contains(q as char) || (q == b'"' && inner.contains('\\'));
            (!escapes).then_some(inner)
        }
        _ => is_plain(v).then_some(v),
    }
}

/// A plain string inside `{…}`: as [`is_plain`], and without the characters that end
/// or open something in a one-line collection.
fn is_flow_plain(s: &str) -> bool {
    !s.is_empty()
        && all_printable(s)
        && !s.contains([',', '[', ']', '{', '}', '#'])
        && !s.contains(':')
        && is_plain(s)
}

/// Whether YAML takes every character of a one-line value as it is: no control
/// characters (C0, DEL, C1), line or paragraph separators, byte order marks or
/// non-characters U+FFFE and U+FFFF, which it rejects or treats specially. Looks at the
/// bytes: those characters are the bytes below 0x20 and 0x7F, C2 80-9F, E2 80 A8-A9,
/// EF BB BF and EF BF BE-BF.
fn all_printable(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0..=0x1F | 0x7F => return false,
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return false,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                return false;
            }
            0xEF if matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
            ) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// Words YAML reads as null; a string field cannot take them.
fn is_null(s: &str) -> bool {
    matches!(s, "~" | "null" | "Null" | "NULL")
}

/// A plain (unquoted) one-line string YAML reads as exactly these characters: it does
/// not start with an indicator, and holds no `: ` or ` #` (a mapping, a comment).
fn is_plain(s: &str) -> bool {
    let first = s.as_bytes()[0];
    !b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !is_null(s)
}

/// An item of a one-line list: letters, digits, `-`, `_` and `.`, not starting with a
/// sign or a dot, and not a null word.
fn is_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') || !c.is_ascii())
        && !is_null(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_read_with_their_places() {
        let e = entries("title: \"क ख\"\ndate: 2025-11-26\n\nstates: [MP, UP]\n").unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!(
            e[0].1,
            Value::Text {
                text: Located::new(Cow::Borrowed("क ख"), 1, 8),
                quoted: true
            }
        );
        assert_eq!(
            e[2].1,
            Value::List(vec![Located::new("MP", 4, 10), Located::new("UP", 4, 14)])
        );
    }

    #[test]
    fn the_byte_test_finds_exactly_the_characters_yaml_treats_specially() {
        let special = |c: char| {
            c < ' '
                || ('\u{7F}'..='\u{9F}').contains(&c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                )
        };
        for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{1F600}', '\u{10FFFF}']) {
            let text = format!("a{c}b");
            assert_eq!(all_printable(&text), !special(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn comments_are_dropped_outside_quotes() {
        let e = entries(
            "# a note\ntitle: a # note\nplace: \"a # b\"  # c\nstates: [MP, UP] #c\n  # more\n",
        )
        .unwrap();
        let texts: Vec<_> = e
            .iter()
            .map(|(k, v)| match v {
                Value::Text { text, .. } => (*k, text.value.to_string(), text.place()),
                Value::List(items) => (*k, items.len().to_string(), items[1].place()),
                Value::Map(..) => (*k, String::new(), (0, 0)),
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                ("title", "a".to_string(), (2, 8)),
                ("place", "a # b".to_string(), (3, 8)),
                ("states", "2".to_string(), (4, 14)),
            ]
        );
    }

    #[test]
    fn anything_else_is_left_to_the_yaml_crate() {
        for y in [
            "title: \"a\"# no space before the comment",
            "title: a\n  continued",
            "title:",
            "title:a",
            "title: \"a\\\"b\"",
            "title: 'it''s'",
            "title: null",
            "title: ~",
            "title: a: b",
            "title: - a",
            "title: {hi: a, hi: b}",
            "title: {hi: a,}",
            "title: {hi: 10:30}",
            "title:\n  hi: a\n    b",
            "title:\n  hi: a\n\n  en: b",
            "states: [MP, ]",
            "states: [Madhya Pradesh]",
            "states: [null]",
            "states:\n  - MP",
            "Title: a",
            "title: a\tb",
        ] {
            assert_eq!(entries(y), None, "{y:?}");
        }
    }
}
