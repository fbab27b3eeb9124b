//! Tera's errors as diagnostics that name the template, line and column, in words for
//! whoever edits a theme.

use std::path::{Path, PathBuf};

use super::labels::LABELS;
use crate::diagnostics::{Code, Diagnostic};

/// The filters, functions and tests a theme may call: Tera's own and samvad's.
const FILTERS: &[&str] = &[
    "abs",
    "capitalize",
    "default",
    "escape",
    "escape_html",
    "escape_xml",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "keys",
    "lang_parts",
    "last",
    "length",
    "lower",
    "newlines_to_br",
    "nth",
    "pairs",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "sort",
    "split",
    "str",
    "title",
    "trim",
    "trim_end",
    "trim_start",
    "truncate",
    "unique",
    "upper",
    "values",
    "wordcount",
];
const FUNCTIONS: &[&str] = &["t", "range", "throw"];
const TESTS: &[&str] = &[
    "array",
    "bool",
    "containing",
    "defined",
    "divisible_by",
    "ending_with",
    "even",
    "float",
    "integer",
    "iterable",
    "map",
    "none",
    "number",
    "odd",
    "starting_with",
    "string",
    "undefined",
];

/// "did you mean" among `known`, when one is close to `wrong`.
fn closest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (crate::diagnostics::edit_distance(wrong, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// A Tera error as a diagnostic: syntax and render errors point at template, line and
/// column; load-time checks (an unknown filter, function or test), whose report Tera
/// gives only as text, are read back into a place and a name.
pub fn template_error(
    e: &tera::Error,
    display_dir: &Path,
    sources: &[(String, String)],
) -> Diagnostic {
    use std::error::Error as _;
    let text_of = |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let file: PathBuf = display_dir.join(r.filename());
            let mut message = r.message().to_string();
            if let Some(cause) = e.source() {
                message = format!("{message}: {cause}");
            }
            let (message, hint) = explain_template_message(&message);
            Diagnostic::error(Code::Template, message)
                .in_file(file)
                .at(text_of(r.filename()), span.start_line, span.start_col + 1)
                .with_hint(hint)
        }
        _ => {
            let mut message = e.to_string();
            let mut source = e.source();
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            // "Unknown filter `x`" and its "--> name.html:4:42" line.
            let unknown = ["filter", "function", "test"].iter().find_map(|kind| {
                let marker = format!("Unknown {kind} `");
                let at = message.find(&marker)? + marker.len();
                let name = message[at..].split('`').next()?.to_string();
                Some((*kind, name))
            });
            let place = message.lines().find_map(|l| {
                let rest = l.trim_start().strip_prefix("--> ")?;
                let mut parts = rest.rsplitn(3, ':');
                let column: usize = parts.next()?.trim().parse().ok()?;
                let line: usize = parts.next()?.trim().parse().ok()?;
                Some((parts.next()?.to_string(), line, column))
            });
            match (unknown, place) {
                (Some((kind, name)), Some((file, line, column))) => {
                    let known: &[&str] = match kind {
                        "filter" => FILTERS,
                        "function" => FUNCTIONS,
                        _ => TESTS,
                    };
                    let hint = match closest(&name, known.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("the {kind}s a theme may use are: {}", known.join(", ")),
                    };
                    Diagnostic::error(
                        Code::Template,
                        format!("the template uses an unknown {kind} `{name}`"),
                    )
                    .in_file(display_dir.join(&file))
                    .at(text_of(&file), line, column)
                    .with_hint(hint)
                }
                _ => Diagnostic::error(
                    Code::Template,
                    format!("in the theme's templates: {message}"),
                )
                .in_file(display_dir)
                .with_hint("fix the template named above"),
            }
        }
    }
}

/// A message of Tera's, in words for whoever edits a theme, with a hint.
fn explain_template_message(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("Variable `") {
        let name = rest.split('`').next().unwrap_or("");
        let available: Vec<&str> = message
            .split("Available variables: ")
            .nth(1)
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty() && *v != LABELS)
                    .collect()
            })
            .unwrap_or_default();
        let hint = match closest(name, available.iter().copied()) {
            Some(k) => format!(
                "did you mean `{k}`? This page has: {}",
                available.join(", ")
            ),
            None => format!("this page has: {}", available.join(", ")),
        };
        return (
            format!("the template uses `{name}`, which this page does not have"),
            hint,
        );
    }
    if message.contains("but expected }}") {
        return (
            "`{{` is closed here with something else than `}}`".to_string(),
            "close it with `}}`, e.g. `{{ page_title }}`".to_string(),
        );
    }
    if message.contains("but expected %}") {
        return (
            "`{%` is closed here with something else than `%}`".to_string(),
            "close it with `%}`, e.g. `{% if x %}`".to_string(),
        );
    }
    (
        format!("in a template: {message}"),
        "fix the template at this place; every `{{` needs its `}}` and every `{%` its `%}`"
            .to_string(),
    )
}
