//! Problems found in a site, reported the way a person can act on them: which file,
//! which line and column, what is wrong, and how to fix it.
//!
//! Loading and checking collect diagnostics instead of stopping at the first one, so an
//! author sees every problem of a run at once.

use std::fmt;
use std::path::{Path, PathBuf};

mod code;
mod json;

pub use code::Code;
pub use json::to_json;

/// How bad a problem is. Errors stop the build before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// The build goes on; the author should still look.
    Warning,
}

/// A place in a file: 1-based line and column (columns count characters). The one type
/// for "where" in samvad; the file is known from where it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// The same column, `lines` further down (a place in front matter, in its file).
    pub fn below(self, lines: usize) -> Location {
        Location {
            line: self.line + lines,
            column: self.column,
        }
    }
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub at: Location,
}

impl<T> Located<T> {
    /// A value at a line and column.
    pub fn new(value: T, line: usize, column: usize) -> Located<T> {
        Located {
            value,
            at: Location { line, column },
        }
    }

    /// Line and column.
    pub fn place(&self) -> (usize, usize) {
        (self.at.line, self.at.column)
    }

    /// The same place, `lines` further down.
    pub fn below(mut self, lines: usize) -> Located<T> {
        self.at = self.at.below(lines);
        self
    }
}

/// One problem, with everything needed to print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem, stable across versions.
    pub code: Code,
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
    /// Other places the problem concerns (where something written twice was first
    /// written), each framed too.
    pub related: Vec<Related>,
}

/// Another place a problem concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file.
    pub file: PathBuf,
    /// Where in it, when known.
    pub location: Option<Location>,
    /// The text of that line.
    pub line_text: Option<String>,
    /// What is there (`first written here`).
    pub label: String,
}

impl Diagnostic {
    /// An error with a message only; add a file, location and hint with the builders.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, message)
    }

    /// A warning with a message only.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code, message)
    }

    /// A problem of either severity.
    pub fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            location: None,
            source_line: None,
            message: message.into(),
            hint: None,
            related: Vec::new(),
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

    /// Points at a place whose line is `line_text` (when the file's text is at hand,
    /// prefer [`Diagnostic::at`]).
    pub fn at_place(mut self, at: Location, line_text: Option<String>) -> Self {
        if at.line == 0 {
            return self;
        }
        self.location = Some(Location {
            line: at.line,
            column: at.column.max(1),
        });
        self.source_line = line_text;
        self
    }

    /// Adds another place the problem concerns: line `at` of `source` (the file's text)
    /// in `file`, or the file alone.
    pub fn also(
        mut self,
        file: impl AsRef<Path>,
        at: Option<(&str, Location)>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file: file.as_ref().to_path_buf(),
            location: at.map(|(_, l)| l),
            line_text: at.and_then(|(source, l)| {
                source
                    .lines()
                    .nth(l.line.checked_sub(1)?)
                    .map(|t| t.trim_end_matches('\r').to_string())
            }),
            label: label.into(),
        });
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

impl Diagnostic {
    /// The diagnostic as printed: title, `--> file:line:column`, the line with a caret
    /// under the column (as wide as the character on a terminal), and the hint. Text
    /// from files is shown with control characters made visible, so a file cannot
    /// drive the terminal; a long line is cut around the column. `colour` is for a
    /// terminal only.
    pub fn render(&self, colour: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
        if self.file.is_none() {
            return self.render_bare(colour);
        }
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = printable(&self.message);
        // Forward slashes on every platform, so messages read the same everywhere.
        let file = self
            .file
            .as_ref()
            .map(|f| printable(&f.to_string_lossy().replace('\\', "/")));
        let hint = self.hint.as_deref().map(printable);
        // `error[link-broken]: …`: the code to look up in the README, or to filter on.
        let mut group = annotate_snippets::Group::with_title(
            level.primary_title(title.as_str()).id(self.code.name()),
        );
        let mut group_elements: Vec<annotate_snippets::Element> = Vec::new();
        match (&file, &self.location, &self.source_line) {
            (Some(file), Some(loc), Some(text)) => {
                let text = printable(text);
                let span = char_span(&text, loc.column);
                group_elements.push(
                    Snippet::source(text)
                        .line_start(loc.line)
                        .path(file.clone())
                        .annotation(AnnotationKind::Primary.span(span))
                        .into(),
                );
            }
            (Some(file), loc, _) => {
                let mut origin = Origin::path(file.clone());
                if let Some(loc) = loc {
                    origin = origin.line(loc.line).char_column(loc.column);
                }
                group_elements.push(origin.into());
            }
            _ => {}
        }
        for r in &self.related {
            let path = printable(&r.file.to_string_lossy().replace('\\', "/"));
            match (&r.location, &r.line_text) {
                (Some(loc), Some(text)) => {
                    let text = printable(text);
                    let span = char_span(&text, loc.column);
                    group_elements.push(
                        Snippet::source(text)
                            .line_start(loc.line)
                            .path(path)
                            .annotation(AnnotationKind::Context.span(span).label(r.label.clone()))
                            .into(),
                    );
                }
                _ => group_elements.push(
                    Level::NOTE
                        .message(format!("{}: {path}", printable(&r.label)))
                        .into(),
                ),
            }
        }
        group = group.elements(group_elements);
        if let Some(hint) = &hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        let renderer = if colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(&[group]);
        out.push('\n');
        out
    }

    /// A diagnostic with neither file nor frame: its title and hint, without the empty
    /// gutter a frame would have.
    fn render_bare(&self, colour: bool) -> String {
        let (label, paint) = match self.severity {
            Severity::Error => ("error", "\x1b[1;31m"),
            Severity::Warning => ("warning", "\x1b[1;33m"),
        };
        let mut out = if colour {
            format!(
                "{paint}{label}[{}]\x1b[0m\x1b[1m: {}\x1b[0m\n",
                self.code.name(),
                printable(&self.message)
            )
        } else {
            format!(
                "{label}[{}]: {}\n",
                self.code.name(),
                printable(&self.message)
            )
        };
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = help: {}\n", printable(hint)));
        }
        out
    }
}

/// The byte range to underline from the 1-based character `column` of `line`: a quoted
/// text to its closing quote, else the value that starts there (up to a YAML
/// separator: `,`, `]`, `}`, ` #`, or `:` before a space), else one character; empty at
/// the end of the line.
fn char_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let Some((start, first)) = line.char_indices().nth(column.saturating_sub(1)) else {
        return line.len()..line.len();
    };
    let one = start..start + first.len_utf8();
    if first == '"' || first == '\'' {
        return match line[start + 1..].find(first) {
            Some(end) => start..start + 1 + end + 1,
            None => one,
        };
    }
    if first.is_whitespace() || matches!(first, ',' | '[' | ']' | '{' | '}' | ':' | '#') {
        return one;
    }
    let rest = &line[start..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        let next = rest[i + c.len_utf8()..].chars().next();
        let stop = matches!(c, ',' | ']' | '}')
            || (c == '#' && rest[..i].ends_with(' '))
            || (c == ':' && next.is_none_or(char::is_whitespace));
        if stop {
            end = i;
            break;
        }
    }
    let value = rest[..end].trim_end();
    if value.is_empty() {
        one
    } else {
        start..start + value.len()
    }
}

/// Text from an author's file made safe to print on a terminal: control characters
/// (escape sequences among them) and text-direction overrides become visible symbols.
pub fn printable(text: &str) -> String {
    let text = annotate_snippets::normalize_untrusted_str(text);
    if !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return text;
    }
    text.chars()
        .map(|c| {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
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

    /// Adds every problem of an iterator.
    pub fn extend_from(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
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

/// The number of single-character edits between two words (for "did you mean").
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_points_at_the_column() {
        let src = "a: 1\nstate: XX\n";
        let d = Diagnostic::error(Code::StateUnknown, "unknown state code `XX`")
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
    fn text_from_a_file_cannot_drive_the_terminal() {
        let line = "title: \u{1b}[2J\u{1b}]0;owned\u{7}x \u{9b}31m";
        let d = Diagnostic::error(Code::Syntax, format!("bad `{line}`"))
            .in_file("content/\u{1b}[31mx.md")
            .at(line, 1, 8)
            .with_hint("\u{1b}[0m");
        for colour in [false, true] {
            let shown = d.render(colour);
            let from_file = shown.replace("\u{1b}[", "");
            assert!(
                !shown.contains("\u{1b}[2J") && !shown.contains("\u{7}"),
                "{shown:?}"
            );
            assert!(!shown.contains('\u{9b}'), "{shown:?}");
            if !colour {
                assert!(!from_file.contains('\u{1b}'), "{shown:?}");
            }
            assert!(shown.contains("␛[2J"), "{shown}");
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!(
            "title: {}XX{}",
            "a".repeat(1_000_000),
            "b".repeat(1_000_000)
        );
        let d = Diagnostic::error(Code::Syntax, "bad")
            .in_file("x.md")
            .at(&line, 1, 1_000_008);
        let shown = d.to_string();
        assert!(shown.len() < 1_000, "{} bytes", shown.len());
        assert!(shown.contains("XX"), "{shown}");
        assert!(shown.contains("x.md:1:1000008"), "{shown}");
    }

    #[test]
    fn the_caret_sits_under_the_column_in_devanagari() {
        let line = "state: मेरा प्रदेश में XX";
        let column = line.chars().position(|c| c == 'X').unwrap() + 1;
        let shown = Diagnostic::error(Code::Syntax, "bad")
            .in_file("x.yaml")
            .at(line, 1, column)
            .to_string();
        let text_line = shown.lines().find(|l| l.contains("मेरा")).unwrap();
        let caret_line = shown.lines().find(|l| l.contains('^')).unwrap();
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let text_at = width(&text_line[..text_line.find("XX").unwrap()]);
        let caret_at = width(&caret_line[..caret_line.find('^').unwrap()]);
        assert_eq!(text_at, caret_at, "{shown}");
        assert!(caret_line.contains("^^"), "{shown}");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "एक\nदो तीन";
        let offset = text.find("तीन").unwrap();
        assert_eq!(line_col(text, offset), (2, 4));
    }
}
