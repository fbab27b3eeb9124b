//! Checks of the messages the build formats, at load: written in every language, no
//! variable they are not given, the parts a pattern must show, formatting without an
//! error; and Fluent's syntax errors in words.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent::FluentArgs;

use super::I18n;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Where a message is written in one language, and what its text uses.
#[derive(Debug, Clone)]
pub(super) struct Definition {
    pub(super) file: PathBuf,
    pub(super) line: usize,
    pub(super) line_text: String,
    /// `$name`s the text uses (selectors and function arguments too).
    pub(super) variables: BTreeSet<String>,
    /// The message has a value (not only attributes).
    pub(super) has_value: bool,
}

/// A message the build formats: its key, the arguments it is given, the variables its
/// text must show (a date pattern without its day prints no day), and who uses it.
#[derive(Debug, Clone)]
pub struct UsedMessage {
    /// The message id.
    pub key: String,
    /// Names of the arguments given.
    pub args: Vec<String>,
    /// Arguments the text must use.
    pub must_use: Vec<String>,
    /// Who uses it, in words (`samvad's dates`, `themes/default/templates/base.html:14`).
    pub used_by: String,
}

impl UsedMessage {
    /// A message samvad's own code formats.
    pub fn code(key: &str, args: &[&str], must_use: &[&str], used_by: &str) -> UsedMessage {
        UsedMessage {
            key: key.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
            must_use: must_use.iter().map(|a| a.to_string()).collect(),
            used_by: used_by.to_string(),
        }
    }
}

/// Every message samvad's code formats, with the arguments it gives.
pub fn code_messages() -> Vec<UsedMessage> {
    let mut all = vec![
        UsedMessage::code(
            "date-format",
            &["day", "month", "year"],
            &["day", "month", "year"],
            "every date",
        ),
        UsedMessage::code("time-format", &["time"], &["time"], "every time of day"),
        UsedMessage::code(
            "date-weekday-format",
            &["weekday", "date"],
            &["weekday", "date"],
            "the days of events",
        ),
        UsedMessage::code("as-of", &["date"], &["date"], "lists of events"),
        UsedMessage::code("status-held", &[], &[], "events that have taken place"),
        UsedMessage::code("search-title", &[], &[], "the search page"),
        UsedMessage::code("sitemap-title", &[], &[], "the site map"),
        UsedMessage::code("sitemap-schedule-calendar", &[], &[], "the site map"),
        UsedMessage::code("footer-sitemap", &[], &[], "the footer of every page"),
        UsedMessage::code(
            "month-year-format",
            &["month", "year"],
            &["month", "year"],
            "the schedule's month headings",
        ),
        UsedMessage::code(
            "date-range",
            &["from", "to"],
            &["from", "to"],
            "events over several days",
        ),
        UsedMessage::code(
            "time-range",
            &["from", "to"],
            &["from", "to"],
            "events with an end time",
        ),
        UsedMessage::code(
            "date-window",
            &["from", "to"],
            &["from", "to"],
            "events known only by a range of days",
        ),
        UsedMessage::code("date-tba", &[], &[], "events without a date"),
        UsedMessage::code("schedule-title", &[], &[], "the schedule"),
        UsedMessage::code("schedule-undated", &[], &[], "the schedule"),
        UsedMessage::code("states-title", &[], &[], "the states index"),
        UsedMessage::code("state-kind-state", &[], &[], "state pages"),
        UsedMessage::code("state-kind-ut", &[], &[], "state pages"),
        UsedMessage::code("releases-title", &[], &[], "the release list"),
        UsedMessage::code(
            "releases-page",
            &["page", "pages"],
            &["page"],
            "the release list",
        ),
        UsedMessage::code("release-only-in", &["language"], &[], "release lists"),
        UsedMessage::code("event-count", &["count"], &[], "counts of events"),
        UsedMessage::code("release-count", &["count"], &[], "counts of releases"),
        UsedMessage::code("language-name", &[], &[], "the language switch"),
        UsedMessage::code(
            "switch-unavailable",
            &["language"],
            &[],
            "the language switch",
        ),
        UsedMessage::code("root-choose", &[], &[], "the language chooser"),
        UsedMessage::code("notfound-title", &[], &[], "404.html"),
        UsedMessage::code("notfound-text", &[], &[], "404.html"),
        UsedMessage::code("feed-title", &["site"], &[], "the feed"),
        UsedMessage::code(
            "feed-title-state",
            &["site", "state"],
            &["state"],
            "a state's feed",
        ),
        UsedMessage::code("state-next", &["date", "event"], &["date"], "state pages"),
        UsedMessage::code("count-upcoming", &["count"], &[], "state pages"),
        UsedMessage::code("count-past", &["count"], &[], "state pages"),
        UsedMessage::code("states-map", &[], &[], "the states index"),
        UsedMessage::code("share-email", &[], &[], "the share control"),
        UsedMessage::code("nav-home", &[], &[], "the menu"),
        UsedMessage::code("nav-releases", &[], &[], "the menu"),
        UsedMessage::code("nav-schedule", &[], &[], "the menu"),
        UsedMessage::code("nav-states", &[], &[], "the menu"),
    ];
    all.extend([
        UsedMessage::code(
            "document-title",
            &["page", "site"],
            &["page", "site"],
            "every page's title",
        ),
        UsedMessage::code("title-separator", &[], &[], "the language chooser"),
        UsedMessage::code("sentence-separator", &[], &[], "the language chooser"),
        UsedMessage::code("list-separator", &[], &[], "calendars' places"),
        UsedMessage::code("calendar-name", &["site", "name"], &["name"], "calendars"),
        UsedMessage::code(
            "releases-title-paged",
            &["title", "page"],
            &["title", "page"],
            "the release list",
        ),
    ]);
    for (_, label) in crate::content::page::REQUIRED_PAGES {
        all.push(UsedMessage::code(
            label,
            &[],
            &[],
            "the footer of every page",
        ));
    }
    for status in ["scheduled", "tentative", "postponed", "cancelled"] {
        all.push(UsedMessage::code(
            &format!("status-{status}"),
            &[],
            &[],
            "event statuses",
        ));
    }
    for month in 1..=12 {
        all.push(UsedMessage::code(
            &format!("month-{month}"),
            &[],
            &[],
            "every date",
        ));
    }
    for day in 1..=7 {
        all.push(UsedMessage::code(
            &format!("weekday-{day}"),
            &[],
            &[],
            "the days of events (1 is Monday)",
        ));
    }
    all
}

/// The line the `nth` message `key` (0: the first) is written on in `text`, and that
/// line.
pub(super) fn definition_line(text: &str, key: &str, nth: usize) -> (usize, String) {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map(|(i, l)| (i + 1, l.to_string()))
        .unwrap_or((1, String::new()))
}

/// The `$variables` a pattern uses, selectors and function arguments included.
pub(super) fn pattern_variables(p: &fluent_syntax::ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
                for a in &arguments.named {
                    inline(&a.value, out);
                }
            }
            InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }
    fn expression_variables(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern_variables(&v.value, out);
                }
            }
        }
    }
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_variables(expression, out);
        }
    }
}

impl I18n {
    /// `.ftl` file and line (or the language's folder when the message is missing).
    pub fn check_used(&self, used: &[UsedMessage]) -> Diagnostics {
        let mut problems = Diagnostics::new();
        for u in used {
            for lang in &self.languages {
                let Some(bundle) = self.bundles.get(lang) else {
                    continue;
                };
                let folder = Path::new("i18n").join(lang);
                let def = self.defined.get(lang).and_then(|d| d.get(&u.key));
                let Some(def) = def else {
                    problems.push(
                        Diagnostic::error(
                            Code::StringMissing,
                            format!(
                                "the interface string `{}` is missing in `{lang}` ({} uses it)",
                                u.key, u.used_by
                            ),
                        )
                        .in_file(&folder)
                        .with_hint(format!(
                            "add `{} = …` to a .ftl file in {}, in that language",
                            u.key,
                            folder.display()
                        )),
                    );
                    continue;
                };
                let at = |d: Diagnostic| -> Diagnostic {
                    let mut d = d.in_file(&def.file);
                    d.location = Some(crate::diagnostics::Location {
                        line: def.line,
                        column: 1,
                    });
                    d.source_line = Some(def.line_text.clone());
                    d
                };
                if !def.has_value {
                    problems.push(at(Diagnostic::error(
                        Code::StringInvalid,
                        format!(
                            "the interface string `{}` has no text, only attributes",
                            u.key
                        ),
                    )
                    .with_hint("write the text after `=`")));
                    continue;
                }
                let unknown: Vec<&String> = def
                    .variables
                    .iter()
                    .filter(|v| !u.args.contains(v))
                    .collect();
                if !unknown.is_empty() {
                    let given = if u.args.is_empty() {
                        "it is given none".to_string()
                    } else {
                        format!(
                            "it is given {}",
                            u.args
                                .iter()
                                .map(|a| format!("${a}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    problems.push(at(Diagnostic::error(Code::StringInvalid, format!(
                        "the interface string `{}` uses {}, which samvad does not give it ({} uses it); {given}",
                        u.key,
                        unknown.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", "),
                        u.used_by
                    ))
                    .with_hint("fix the variable's name, or remove it")));
                    continue;
                }
                let missing: Vec<&String> = u
                    .must_use
                    .iter()
                    .filter(|v| !def.variables.contains(*v))
                    .collect();
                if !missing.is_empty() {
                    problems.push(at(Diagnostic::error(
                        Code::StringInvalid,
                        format!(
                            "the interface string `{}` does not show {} ({} needs it)",
                            u.key,
                            missing
                                .iter()
                                .map(|v| format!("${v}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            u.used_by
                        ),
                    )
                    .with_hint(format!(
                        "write every one of {} into the text, e.g. `{{ ${} }}`",
                        u.must_use
                            .iter()
                            .map(|v| format!("${v}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        missing[0]
                    ))));
                    continue;
                }
                // Formats it as the build will, with sample values.
                let mut args = FluentArgs::new();
                for a in &u.args {
                    if a == "count" || a == "page" || a == "pages" {
                        args.set(a.clone(), 2);
                    } else {
                        args.set(a.clone(), "x");
                    }
                }
                let Some(pattern) = bundle.get_message(&u.key).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                if let Some(e) = errors.first() {
                    problems.push(at(Diagnostic::error(Code::StringInvalid, format!(
                        "the interface string `{}` cannot be formatted: {}",
                        u.key,
                        describe_fluent_error(e)
                    ))
                    .with_hint("a message may use the variables it is given, other messages of the same language, and NUMBER()")));
                } else if text.chars().any(crate::text::unpublishable) {
                    problems.push(at(Diagnostic::error(
                        Code::StringInvalid,
                        format!(
                            "the interface string `{}` writes a control character",
                            u.key
                        ),
                    )
                    .with_hint("remove the escape (such as \\u000C) from the message")));
                }
            }
        }
        problems
    }

    /// of [`I18n::check_used`]).
    pub fn missing_warnings(&self, used: &BTreeSet<String>) -> Diagnostics {
        let mut problems = Diagnostics::new();
        for (lang, keys) in &self.missing {
            let keys: Vec<&str> = keys
                .iter()
                .filter(|k| !used.contains(*k))
                .map(String::as_str)
                .collect();
            if !keys.is_empty() {
                problems.push(
                    Diagnostic::warning(Code::StringsUnused, format!(
                        "{} interface string(s) missing in `{lang}`, not used by the theme: {}",
                        keys.len(),
                        keys.join(", ")
                    ))
                    .in_file(Path::new("i18n").join(lang))
                    .with_hint("add these messages to a .ftl file of that language, or remove them from the others"),
                );
            }
        }
        problems
    }
}

/// A Fluent syntax error in words, with a hint; `line` is the line it is on.
pub(super) fn explain_fluent_syntax(
    kind: &fluent_syntax::parser::ErrorKind,
    line: &str,
) -> (String, String) {
    use fluent_syntax::parser::ErrorKind as K;
    let key: String = line
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let general = "a message is `key = text`; a line that goes on with the text starts with spaces"
        .to_string();
    match kind {
        K::ExpectedToken('=') if !key.is_empty() => (
            format!("`{key}` has no `=`: a message is `key = text`"),
            format!("write `{key} = ` before the text"),
        ),
        K::ExpectedToken('}') => (
            "a `{` is not closed".to_string(),
            "close it, e.g. `{ $state }`; to write a brace as text, write `{\"{\"}`".to_string(),
        ),
        K::ExpectedToken(c) => (format!("a `{c}` is missing here"), general),
        K::UnbalancedClosingBrace => (
            "this `}` closes nothing".to_string(),
            "remove it, or write a brace as text as `{\"}\"}`".to_string(),
        ),
        K::MissingDefaultVariant => (
            "this choice has no default variant".to_string(),
            "mark one variant with `*`, e.g. `*[other] …`".to_string(),
        ),
        K::ExpectedMessageField { entry_id } => (
            format!("`{entry_id}` has no text after `=`"),
            format!("write the text after `{entry_id} = `"),
        ),
        K::UnterminatedStringLiteral => (
            "a quoted text is not closed".to_string(),
            "close it with `\"` on the same line".to_string(),
        ),
        K::ExpectedInlineExpression
        | K::ExpectedCharRange { .. }
        | K::ExpectedSimpleExpressionAsSelector => (
            "there is nothing usable inside `{ }` here".to_string(),
            "write a variable such as `{ $count }`, or a message such as `{ other-key }`"
                .to_string(),
        ),
        other => (
            format!("this line is not a Fluent message: {other}"),
            general,
        ),
    }
}

/// A Fluent formatting error in words.
fn describe_fluent_error(e: &fluent::FluentError) -> String {
    use fluent::resolver::{ResolverError, errors::ReferenceKind};
    match e {
        fluent::FluentError::ResolverError(ResolverError::Reference(kind)) => match kind {
            ReferenceKind::Message { id, .. } => {
                format!("it refers to the message `{id}`, which this language does not have")
            }
            ReferenceKind::Term { id, .. } => {
                format!("it refers to the term `-{id}`, which this language does not have")
            }
            ReferenceKind::Function { id } => {
                format!("it calls `{id}()`, which samvad does not have (only NUMBER())")
            }
            ReferenceKind::Variable { id } => format!("it uses `${id}`, which is not given"),
        },
        fluent::FluentError::ResolverError(ResolverError::Cyclic) => {
            "it refers to itself, through other messages".to_string()
        }
        other => other.to_string(),
    }
}
