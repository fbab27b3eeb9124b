//! A quick reader for the plainest YAML, which almost every release's front matter is:
//! one `key: value` per line, the value a string (plain, or quoted without escapes) or a
//! one-line list of plain words. Anything else (comments, nesting, escapes, values over
//! several lines, words YAML reads as null) gives `None`, and the caller parses the text
//! with the YAML crate, as it would have anyway. The full parser cost about 300
//! instructions per byte of front matter, a tenth of a large site's build; this reads
//! what it accepts exactly as that parser does (a test compares them), with the same
//! lines and columns.

/// A value with the line and column (1-based, in characters) where YAML says it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Line in the YAML text.
    pub line: usize,
    /// Column in characters.
    pub column: usize,
}

impl<T> From<serde_saphyr::Spanned<T>> for At<T> {
    fn from(s: serde_saphyr::Spanned<T>) -> At<T> {
        At {
            value: s.value,
            line: s.referenced.line() as usize,
            column: s.referenced.column() as usize,
        }
    }
}

/// The value of one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// A string; `quoted` when it was written in quotes.
    Text { text: At<&'a str>, quoted: bool },
    /// A list written `[a, b]`.
    List(Vec<At<&'a str>>),
}

/// The entries of `yaml` in order, when every line is a plain `key: value` (or empty).
pub fn entries(yaml: &str) -> Option<Vec<(&str, Value<'_>)>> {
    let mut out = Vec::with_capacity(12);
    for (i, line) in yaml.split('\n').enumerate() {
        let line = line.trim_end_matches(' ');
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
        if value.is_empty() || value.len() == rest.len() {
            // `key:` alone (null, or a block below) or `key:value` (one plain string).
            return None;
        }
        if !value.chars().all(printable) {
            return None;
        }
        let start = key_len + 1 + (rest.len() - value.len());
        // Keys and the spaces after them are ASCII: the byte offset is the column.
        let column = start + 1;
        let at = |text, column| At {
            value: text,
            line: i + 1,
            column,
        };
        let parsed = match value.as_bytes()[0] {
            q @ (b'"' | b'\'') => {
                let inner = value[1..].strip_suffix(q as char)?;
                if inner.contains(q as char) || (q == b'"' && inner.contains('\\')) {
                    return None;
                }
                Value::Text {
                    text: at(inner, column),
                    quoted: true,
                }
            }
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
                        items.push(at(word, before.chars().count() + 1));
                        offset += raw.len() + 1;
                    }
                }
                Value::List(items)
            }
            _ if is_plain(value) => Value::Text {
                text: at(value, column),
                quoted: false,
            },
            _ => return None,
        };
        out.push((key, parsed));
    }
    Some(out)
}

/// A character YAML takes as it is in a one-line value (no control characters, byte
/// order marks or line separators, which it rejects or treats specially).
fn printable(c: char) -> bool {
    !(c < ' '
        || ('\u{7F}'..='\u{9F}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        ))
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
                text: At {
                    value: "क ख",
                    line: 1,
                    column: 8
                },
                quoted: true
            }
        );
        assert_eq!(
            e[2].1,
            Value::List(vec![
                At {
                    value: "MP",
                    line: 4,
                    column: 10
                },
                At {
                    value: "UP",
                    line: 4,
                    column: 14
                }
            ])
        );
    }

    #[test]
    fn anything_else_is_left_to_the_yaml_crate() {
        for y in [
            "title: a # note",
            "# comment\ntitle: a",
            "title: a\n  continued",
            "title:",
            "title:a",
            "title: \"a\\\"b\"",
            "title: 'it''s'",
            "title: null",
            "title: ~",
            "title: a: b",
            "title: - a",
            "title: {hi: a}",
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
