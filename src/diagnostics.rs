//! Problems found in a site, reported the way a person can act on them: which file,
//! which line and column, what is wrong, and how to fix it.
//!
//! Loading and checking collect diagnostics instead of stopping at the first one, so an
//! author sees every problem of a run at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is. Errors stop the build before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// The build goes on; the author should still look.
    Warning,
}

/// A place in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One problem, with everything needed to print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// The text of the offending line, for the code frame.
    pub source_line: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message only; add a file, location and hint with the builders.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            location: None,
            source_line: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning with a message only.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Names the file the problem is in.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Points at a line and column, and keeps the text of that line from `source`.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        if line == 0 {
            return self;
        }
        self.location = Some(Location {
            line,
            column: column.max(1),
        });
        self.source_line = source
            .lines()
            .nth(line - 1)
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(file) = &self.file {
            // Forward slashes on every platform, so messages read the same everywhere.
            let shown = file.to_string_lossy().replace('\\', "/");
            match &self.location {
                Some(loc) => writeln!(f, "  --> {shown}:{}:{}", loc.line, loc.column)?,
                None => writeln!(f, "  --> {shown}")?,
            }
        }
        if let (Some(loc), Some(text)) = (&self.location, &self.source_line) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {text}")?;
            // Tabs keep their width under the caret line so the caret stays aligned.
            let lead: String = text
                .chars()
                .take(loc.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}^")?;
        }
        if let Some(hint) = &self.hint {
            // Under the gutter of the code frame, as rustc prints it.
            let width = match (&self.location, &self.source_line) {
                (Some(loc), Some(_)) => loc.line.to_string().len(),
                _ => 1,
            };
            writeln!(f, "{} = help: {hint}", " ".repeat(width))?;
        }
        Ok(())
    }
}

/// The problems of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds all problems from another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Every problem.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Errors first, then warnings; within each, by file and line, so reports are stable.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.severity,
                    d.file.clone(),
                    d.location.as_ref().map(|l| (l.line, l.column)),
                )
            };
            key(a).cmp(&key(b))
        });
        self.items.dedup();
        self.items
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.clone().sorted() {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_points_at_the_column() {
        let src = "a: 1\nstate: XX\n";
        let d = Diagnostic::error("unknown state code `XX`")
            .in_file("content/events/x.yaml")
            .at(src, 2, 8)
            .with_hint("use one of MP, KA");
        let shown = d.to_string();
        assert!(shown.contains("--> content/events/x.yaml:2:8"), "{shown}");
        assert!(shown.contains("2 | state: XX"), "{shown}");
        assert!(shown.contains("  |        ^"), "{shown}");
        assert!(shown.contains("help: use one of MP, KA"), "{shown}");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "एक\nदो तीन";
        let offset = text.find("तीन").unwrap();
        assert_eq!(line_col(text, offset), (2, 4));
    }
}
