//! YAML parsed with serde-saphyr, its errors told in words about the author's file (the
//! crate's own texts are written for programmers).

use std::path::Path;

use serde::de::DeserializeOwned;

use super::read::SourceText;
use crate::diagnostics::{Code, Diagnostic, Location};

/// Parses YAML into `T`, turning a parse error into a diagnostic in the author's file.
/// `line_offset` is the number of file lines before the YAML text starts.
pub fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    src: &SourceText,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(yaml).map_err(|e| {
        let what = if line_offset > 0 {
            Holder::FrontMatter
        } else if src.display_path == Path::new("site.yaml") {
            Holder::Settings
        } else {
            Holder::File
        };
        let (message, hint, place, first) = explain_yaml(&e, yaml, what);
        let mut d = Diagnostic::error(code_of(&e), message)
            .in_file(&src.display_path)
            .with_hint(hint);
        if let Some((line, column)) = place {
            d = d.at(&src.text, line + line_offset, column);
        }
        if let Some((line, column)) = first {
            d = d.also(
                &src.display_path,
                Some((
                    &src.text,
                    Location {
                        line: line + line_offset,
                        column,
                    },
                )),
                "first written here",
            );
        }
        d
    })
}

/// A YAML error in words about the author's file, with a hint, and the place to show
/// (line and column of the YAML text), from the YAML crate's structured error: its own
/// text is written for programmers ("use Option<String>", "set DuplicateKeyPolicy").
/// What holds the YAML: a Markdown file's front matter, `site.yaml`, or a file of its own
/// (an event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    FrontMatter,
    Settings,
    File,
}

/// The message, the hint, the place, and another place the problem concerns (where a
/// field written twice was first written).
type Explained = (
    String,
    String,
    Option<(usize, usize)>,
    Option<(usize, usize)>,
);

fn explain_yaml(e: &serde_saphyr::Error, yaml: &str, holder: Holder) -> Explained {
    use serde_saphyr::Error as E;
    use serde_saphyr::granit_parser::ErrorKind as K;
    let mut inner = e.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let place = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .filter(|(line, _)| *line > 0);
    let field = place
        .and_then(|(line, _)| field_at(yaml, line))
        .unwrap_or_else(|| "this value".to_string());
    let quoted = |f: &str| {
        if f == "this value" {
            f.to_string()
        } else {
            format!("`{f}`")
        }
    };
    let f = quoted(&field);
    let (message, hint) = match inner {
        // Fields that may be left out take an empty value too: this one is required.
        E::NullIntoString { .. } => (
            format!("{f} is empty"),
            format!("`{field}` is required: write its value after `{field}:`"),
        ),
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => (
                format!("{f} must be a list"),
                format!("write the items in square brackets, separated by commas, e.g. `{field}: [MP, UP]`"),
            ),
            "mapping start" if place.is_some_and(|(l, c)| l == 1 && c == 1) && !yaml.trim_start().starts_with(|c: char| c.is_alphabetic()) => (
                "the fields are not written as `name: value` lines".to_string(),
                "write one field a line, its name, a colon, a space and the value, e.g. `title: \"...\"`".to_string(),
            ),
            "mapping start" => match field.as_str() {
                "window" => (
                    "`window` needs a first and a last day".to_string(),
                    "write `window: {from: YYYY-MM-DD, to: YYYY-MM-DD}`".to_string(),
                ),
                "this value" => (
                    format!("{f} must have fields of its own, not a single value or a list"),
                    "check the colon after each field name, and the indentation".to_string(),
                ),
                _ => (
                    format!("{f} needs one text per language"),
                    format!("write `{field}: {{hi: \"...\", en: \"...\"}}`"),
                ),
            },
            "string scalar" => (
                format!("{f} must be a single text, not a list or a set of fields"),
                format!("write the text after `{field}:`; put text with `:`, `[` or `{{` in double quotes"),
            ),
            _ => (format!("{f} is not of the kind this field takes"), "see the README for what this field takes".to_string()),
        },
        E::InvalidScalar { ty, .. } if *ty == "boolean" => (
            format!("{f} must be `true` or `false`"),
            format!("write `{field}: true` or `{field}: false`"),
        ),
        E::InvalidScalar { .. } => (
            format!("{f} is not of the kind this field takes"),
            "see the README for what this field takes".to_string(),
        ),
        E::SerdeUnknownField { field: unknown, expected, .. } => {
            let best = expected
                .iter()
                .map(|k| (crate::diagnostics::edit_distance(unknown, k), *k))
                .filter(|(d, _)| *d <= 2)
                .min();
            (
                format!("unknown field `{unknown}`"),
                match best {
                    Some((_, k)) => format!("did you mean `{k}`?"),
                    None => format!("the fields here are: {}", expected.join(", ")),
                },
            )
        }
        // The crate points at the last field of the map, not at a place of the missing
        // one, so only the file is named.
        E::SerdeMissingField { field: missing, .. } => {
            return (
                format!("the field `{missing}` is missing"),
                format!("add a line `{missing}: ...`; the README says what it holds"),
                None,
                None
            );
        }
        E::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_else(|| field.clone());
            let first = place.and_then(|(line, _)| first_key_line(yaml, line, &key));
            return (
                format!("the field `{key}` is written twice"),
                "each field may appear once: keep one of the two lines".to_string(),
                place,
                first,
            );
        }
        E::Eof { .. } => (
            "there are no fields".to_string(),
            "write the fields as `name: value` lines (the README lists them)".to_string(),
        ),
        E::MultipleDocuments { .. } => {
            // At the `---` line, not the first field after it.
            let marker = place.and_then(|(line, _)| {
                (1..=line)
                    .rev()
                    .find(|l| yaml.lines().nth(l - 1).is_some_and(|t| t.trim_end() == "---"))
            });
            return (
                "a line `---` starts a second set of fields".to_string(),
                match holder {
                    Holder::FrontMatter => "remove the extra `---` line; the text goes after the second `---` of the file, without another".to_string(),
                    _ => "remove this `---` line: the file holds one set of fields".to_string(),
                },
                marker.map(|l| (l, 1)).or(place),
                None
            );
        }
        E::ExternalMessage { source, msg, .. } => {
            let kind = match source.as_ref() {
                serde_saphyr::ExternalMessageSource::Parser(scan) => Some(scan.kind()),
                _ => None,
            };
            match kind {
                Some(k) if format!("{k:?}").contains("Tab") => {
                    // At the tab itself: the crate points past it, or at the line of
                    // the field whose indented lines hold it.
                    let place = place.map(|(line, column)| {
                        yaml.lines()
                            .enumerate()
                            .skip(line - 1)
                            .find_map(|(i, l)| {
                                l.chars().position(|c| c == '\t').map(|t| (i + 1, t + 1))
                            })
                            .unwrap_or((line, column))
                    });
                    return (
                        "a tab is used here; YAML needs spaces".to_string(),
                        "replace the tab with spaces (indent with two spaces a level)".to_string(),
                        place,
                None
                    );
                }
                Some(K::ExpectedFlowMappingSeparator)
                | Some(K::InvalidColonPlacement)
                | Some(K::MappingValueNotAllowed)
                    if place.and_then(|(line, _)| unclosed_bracket(yaml, line)).is_some() =>
                {
                    let (open, at) = place
                        .and_then(|(line, _)| unclosed_bracket(yaml, line))
                        .unwrap_or(('{', (1, 1)));
                    return (
                        format!("the `{open}` opened here is not closed"),
                        if open == '[' {
                            "add `]` at the end of the list".to_string()
                        } else {
                            "add `}` after the last language".to_string()
                        },
                        Some(at),
                None
                    );
                }
                Some(K::MappingValueNotAllowed) => (
                    "a line is indented differently from the ones around it, or a value holds `: ` without quotes".to_string(),
                    "line up the field names at the same indentation, and put text that contains `: ` in double quotes".to_string(),
                ),
                Some(K::UnclosedQuotedScalar) => (
                    "a quoted text is not closed".to_string(),
                    "add the closing quote at the end of the text".to_string(),
                ),
                Some(K::UnclosedFlowCollection { open }) => (
                    format!("a `{open}` is not closed"),
                    if *open == '[' {
                        "add `]` at the end of the list".to_string()
                    } else {
                        "add `}` after the last field; a `#` inside it starts a comment unless the text is in double quotes".to_string()
                    },
                ),
                Some(K::InvalidTrailingSingleQuotedScalar)
                | Some(K::InvalidTrailingDoubleQuotedScalar) => {
                    let quote = if matches!(kind, Some(K::InvalidTrailingSingleQuotedScalar)) {
                        '\''
                    } else {
                        '"'
                    };
                    // Usually a quote left open on an earlier line, which the YAML crate
                    // reads on to the next quote: point where it opens.
                    if let Some(open) = place.and_then(|(line, _)| unclosed_quote(yaml, line, quote)) {
                        return (
                            "this quote is not closed at the end of its line".to_string(),
                            format!("add `{quote}` at the end of the text; inside double quotes write a quote as \\\""),
                            Some(open),
                None
                        );
                    }
                    (
                        "a quoted text ends here, but the line goes on".to_string(),
                        "close the quote at the end of the value; inside double quotes write a quote as \\\"".to_string(),
                    )
                }
                Some(K::MisplacedFlowCollectionEnd) | Some(K::MismatchedFlowCollectionEnd { .. }) => (
                    "this bracket does not close one that was opened".to_string(),
                    "a list is `[a, b]` and a set of fields `{a: b}`; check that each bracket has its pair".to_string(),
                ),
                Some(K::CommentNotSeparated) | Some(K::CommentInterceptedScalar) => (
                    "a `#` here starts a comment, which cuts the value".to_string(),
                    "put text that contains `#` in double quotes".to_string(),
                ),
                Some(K::BlockEntryInFlowCollection)
                | Some(K::BlockSequenceEntryNotAllowed)
                | Some(K::InvalidBlockEntryWhitespace) => (
                    "a list item (`- `) is not where a list can be".to_string(),
                    "write a list as lines `  - item` under its field, or as `[a, b]` after it".to_string(),
                ),
                Some(K::SimpleKeyExpected) | Some(K::InvalidSimpleKey) => (
                    "this line is not `name: value`".to_string(),
                    "add a colon and a space after the field name".to_string(),
                ),
                Some(K::InvalidLowSurrogateHexEscape)
                | Some(K::InvalidLowSurrogate)
                | Some(K::MissingLowSurrogate)
                | Some(K::UnpairedLowSurrogate) => (
                    "an escape like `\\ud800` in this quoted text is half of a character and stands for nothing".to_string(),
                    "write the character itself instead of the escape".to_string(),
                ),
                Some(K::UnknownQuotedScalarEscape)
                | Some(K::InvalidQuotedScalarHexEscape)
                | Some(K::InvalidUnicodeEscape) => (
                    "a backslash in this quoted text starts an escape YAML does not have".to_string(),
                    "write the character itself, or put the text in single quotes, where a backslash is a plain character".to_string(),
                ),
                Some(K::InvalidIndentation) | Some(K::InvalidFlowScalarIndent) | Some(K::InvalidQuotedScalarIndent) | Some(K::InvalidBlockScalarIndent) => (
                    "this line is not indented as YAML expects".to_string(),
                    "indent the lines of one value alike, with spaces".to_string(),
                ),
                _ => (
                    plain_words(&strip_location_suffix(msg)),
                    "fix the YAML at this place; text with `:` or `#` in it needs double quotes".to_string(),
                ),
            }
        }
        other => (
            plain_words(&strip_location_suffix(&other.to_string())),
            "fix the YAML at this place; text with `:` or `#` in it needs double quotes".to_string(),
        ),
    };
    (message, hint, place, None)
}

/// The kind of a YAML error, for its stable code.
fn code_of(e: &serde_saphyr::Error) -> Code {
    use serde_saphyr::Error as E;
    let mut inner = e.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    match inner {
        E::NullIntoString { .. } => Code::FieldEmpty,
        E::Unexpected { .. } | E::InvalidScalar { .. } => Code::FieldKind,
        E::SerdeUnknownField { .. } => Code::FieldUnknown,
        E::SerdeMissingField { .. } | E::Eof { .. } => Code::FieldMissing,
        E::DuplicateMappingKey { .. } | E::MultipleDocuments { .. } => Code::FieldTwice,
        _ => Code::Syntax,
    }
}

/// The line where `key` is first written at the indentation of line `line`, if it is
/// written before it.
fn first_key_line(yaml: &str, line: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let here = lines.get(line.checked_sub(1)?)?;
    let indent = here.len() - here.trim_start().len();
    lines[..line - 1].iter().enumerate().find_map(|(i, l)| {
        let body = l.get(indent..)?;
        (l.len() - l.trim_start().len() == indent
            && body.strip_prefix(key)?.trim_start().starts_with(':'))
        .then_some((i + 1, indent + 1))
    })
}

/// Where the key `key` of a map that starts at `from` (line, column) is written: the
/// first `key:` after it, on its line or the lines below. For pointing at one entry of
/// `{hi: …, ta: …}`, whose place the YAML crate does not keep.
pub fn key_place(text: &str, from: (usize, usize), key: &str) -> Option<(usize, usize)> {
    for (i, line) in text
        .lines()
        .enumerate()
        .skip(from.0.saturating_sub(1))
        .take(40)
    {
        let skip = if i + 1 == from.0 {
            from.1.saturating_sub(1)
        } else {
            0
        };
        let chars: Vec<char> = line.chars().collect();
        let key_chars: Vec<char> = key.chars().collect();
        for start in skip..chars.len() {
            let before_ok = start == 0 || matches!(chars[start - 1], '{' | ',' | ' ' | '\t');
            if before_ok && chars[start..].starts_with(&key_chars) {
                let after = chars[start + key_chars.len()..]
                    .iter()
                    .skip_while(|c| **c == ' ');
                if after.clone().next() == Some(&':') {
                    return Some((i + 1, start + 1));
                }
            }
        }
    }
    None
}

/// Where a `quote` opens that is left open at the end of its line, on `line` or the
/// nearest line above it (line and column, 1-based).
fn unclosed_quote(yaml: &str, line: usize, quote: char) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    (1..line.min(lines.len()) + 1).rev().skip(1).find_map(|l| {
        let text = lines[l - 1];
        let mut open = None;
        let mut escaped = false;
        for (i, c) in text.chars().enumerate() {
            match (open, c) {
                (_, '\\') if quote == '"' && !escaped => {
                    escaped = true;
                    continue;
                }
                (None, '#') => break,
                (None, c) if c == quote => open = Some(i + 1),
                (Some(_), c) if c == quote && !escaped => open = None,
                _ => {}
            }
            escaped = false;
        }
        open.map(|column| (l, column))
    })
}

/// The bracket (`{` or `[`) left open at the end of its line, on a line before `line`,
/// and where it opens: a flow map or list written on one line but not closed there.
fn unclosed_bracket(yaml: &str, line: usize) -> Option<(char, (usize, usize))> {
    let lines: Vec<&str> = yaml.lines().collect();
    (1..line.min(lines.len() + 1)).rev().find_map(|l| {
        let mut stack = Vec::new();
        let mut quote = None;
        for (i, c) in lines[l - 1].chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '{' | '[') => stack.push((c, i + 1)),
                (None, '}' | ']') => {
                    stack.pop();
                }
                _ => {}
            }
        }
        stack.first().map(|(c, column)| (*c, (l, *column)))
    })
}

/// The field a YAML line belongs to: the key on the line itself, else the nearest line
/// above with less indentation (a list item or a language of a map belongs to it).
fn field_at(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let key_of = |l: &str| -> Option<String> {
        let t = l.trim_start().trim_start_matches("- ");
        let (k, _) = t.split_once(':')?;
        let k = k.trim();
        (!k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
        .then(|| k.to_string())
    };
    let here = lines.get(line.checked_sub(1)?)?;
    let indent = |l: &str| l.len() - l.trim_start().len();
    if indent(here) == 0 {
        return key_of(here);
    }
    let mut width = indent(here);
    let mut path = key_of(here).into_iter().collect::<Vec<_>>();
    for l in lines[..line - 1].iter().rev() {
        if !l.trim().is_empty() && indent(l) < width {
            if let Some(k) = key_of(l) {
                path.insert(0, k);
            }
            width = indent(l);
            if width == 0 {
                break;
            }
        }
    }
    (!path.is_empty()).then(|| path.join("."))
}

/// A message of the YAML crate without its words for programmers: advice about its
/// options and types after a `;` or `,` goes, and "scalar" is a value.
fn plain_words(message: &str) -> String {
    let cut = ["; use ", ", set ", "; set ", " if acceptable"]
        .iter()
        .filter_map(|m| message.find(m))
        .min()
        .unwrap_or(message.len());
    message[..cut]
        .replace("quoted scalar", "quoted text")
        .replace("plain scalar", "value")
        .replace("scalar", "value")
}

/// Removes the " at line N, column M" that the YAML crate appends; we show it ourselves.
fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
