//! The problems of a run as one JSON document (`check --format json`), for scripts,
//! editors and CI annotations. The shape is documented in the README and only grows.

use serde::Serialize;

use super::{Diagnostic, Severity};

#[derive(Serialize)]
struct Report<'a> {
    errors: usize,
    warnings: usize,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
    related: Vec<Place<'a>>,
}

#[derive(Serialize)]
struct Place<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    label: &'a str,
}

/// Paths with `/` on every system, as the README and the text report write them.
fn path_text(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The problems, in the order given (sorted, as the text report prints them), as a JSON
/// document ending in a newline.
pub fn to_json(problems: &[Diagnostic]) -> String {
    let count = |s: Severity| problems.iter().filter(|d| d.severity == s).count();
    let report = Report {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        findings: problems
            .iter()
            .map(|d| Finding {
                file: d.file.as_deref().map(path_text),
                line: d.location.map(|l| l.line),
                column: d.location.map(|l| l.column),
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                code: d.code.name(),
                message: &d.message,
                hint: d.hint.as_deref(),
                related: d
                    .related
                    .iter()
                    .map(|r| Place {
                        file: path_text(&r.file),
                        line: r.location.map(|l| l.line),
                        column: r.location.map(|l| l.column),
                        label: &r.label,
                    })
                    .collect(),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
