//! Interface strings through Fluent (`i18n/<lang>/*.ftl`), with fallback between
//! languages, Indian digit grouping, and dates printed the way official releases print them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use jiff::civil::{Date, Time};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::text::read_source;

type Bundle = FluentBundle<FluentResource>;

/// The loaded messages of every language of the site.
pub struct I18n {
    bundles: BTreeMap<String, Bundle>,
    /// Per language, where each message is written and which variables its text uses.
    defined: BTreeMap<String, HashMap<String, Definition>>,
    /// Per language, the keys other languages have and it lacks.
    missing: BTreeMap<String, Vec<String>>,
    languages: Vec<String>,
    default_language: String,
    /// Per language, every message that needs no arguments, formatted once: templates
    /// ask for the same labels on every page (a million times on a large site).
    plain: BTreeMap<String, HashMap<String, String>>,
}

/// Where a message is written in one language, and what its text uses.
#[derive(Debug, Clone)]
struct Definition {
    file: PathBuf,
    line: usize,
    line_text: String,
    /// `$name`s the text uses (selectors and function arguments too).
    variables: BTreeSet<String>,
    /// The message has a value (not only attributes).
    has_value: bool,
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
        UsedMessage::code("nav-home", &[], &[], "the menu"),
        UsedMessage::code("nav-releases", &[], &[], "the menu"),
        UsedMessage::code("nav-schedule", &[], &[], "the menu"),
        UsedMessage::code("nav-states", &[], &[], "the menu"),
    ];
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
    all
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.languages)
            .finish()
    }
}

/// Loads `i18n/<lang>/*.ftl` for each language of the site. Syntax errors are errors (with
/// file and line); a message missing in one language is a warning naming the keys.
pub fn load(root: &Path, config: &Config) -> (Option<I18n>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut bundles = BTreeMap::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut defined: BTreeMap<String, HashMap<String, Definition>> = BTreeMap::new();
    for lang in &config.languages {
        let dir = root.join("i18n").join(lang);
        let display_dir = Path::new("i18n").join(lang);
        let langid: unic_langid::LanguageIdentifier = match lang.parse() {
            Ok(l) => l,
            Err(_) => {
                problems.push(Diagnostic::error(format!(
                    "`{lang}` is not a language code"
                )));
                continue;
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068/U+2069) would end up inside HTML text and slugs.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_value));
        if let Err(e) = bundle.add_builtins() {
            problems.push(Diagnostic::error(format!(
                "cannot set up Fluent functions: {e:?}"
            )));
        }
        let mut files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect(),
            Err(_) => {
                problems.push(
                    Diagnostic::error(format!("there are no interface strings for `{lang}`"))
                        .in_file(&display_dir)
                        .with_hint(format!("create {}/main.ftl (copy the one of another language and translate it)", display_dir.display())),
                );
                continue;
            }
        };
        files.sort();
        let lang_ids = ids.entry(lang.clone()).or_default();
        for path in files {
            let display = display_dir.join(path.file_name().unwrap_or_default());
            let src = match read_source(&path, &display) {
                Ok(s) => s,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            problems.extend_from(src.warnings.iter().cloned());
            let resource = match FluentResource::try_new(src.text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        // At the end of the file the parser points past the last line;
                        // point at the last character instead.
                        let end = src.text.trim_end().len().saturating_sub(1);
                        let (line, col) = line_col(&src.text, e.pos.start.min(end));
                        let line_text = src.text.lines().nth(line - 1).unwrap_or("");
                        let (message, hint) = explain_fluent_syntax(&e.kind, line_text);
                        problems.push(
                            Diagnostic::error(message)
                                .in_file(&display)
                                .at(&src.text, line, col)
                                .with_hint(hint),
                        );
                    }
                    r
                }
            };
            let lang_defined = defined.entry(lang.clone()).or_default();
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    lang_ids.insert(m.id.name.to_string());
                    let (line, line_text) = definition_line(&src.text, m.id.name);
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &m.value {
                        pattern_variables(value, &mut variables);
                    }
                    lang_defined.insert(
                        m.id.name.to_string(),
                        Definition {
                            file: display.clone(),
                            line,
                            line_text,
                            variables,
                            has_value: m.value.is_some(),
                        },
                    );
                }
            }
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    problems.push(
                        Diagnostic::error(format!("{e}"))
                            .in_file(&display)
                            .with_hint("each message id may be defined once per language"),
                    );
                }
            }
        }
        bundles.insert(lang.clone(), bundle);
    }

    // Keys written in some languages only: reported once the build knows which
    // messages it uses (those are errors), see [`I18n::missing_warnings`].
    let all: BTreeSet<String> = ids.values().flatten().cloned().collect();
    let missing: BTreeMap<String, Vec<String>> = ids
        .iter()
        .map(|(lang, have)| (lang.clone(), all.difference(have).cloned().collect()))
        .collect();
    if problems.has_errors() {
        return (None, problems);
    }
    let mut i18n = I18n {
        bundles,
        defined,
        missing,
        languages: config.languages.clone(),
        default_language: config.default_language.clone(),
        plain: BTreeMap::new(),
    };
    let plain = config
        .languages
        .iter()
        .map(|lang| {
            let formatted = all
                .iter()
                .filter_map(|key| Some((key.clone(), i18n.format(lang, key, None).ok()?)))
                .collect();
            (lang.clone(), formatted)
        })
        .collect();
    i18n.plain = plain;
    problems.extend(i18n.check_used(&code_messages()));
    if problems.has_errors() {
        return (None, problems);
    }
    (Some(i18n), problems)
}

/// The line a message is written on in `text`, and that line.
fn definition_line(text: &str, key: &str) -> (usize, String) {
    text.lines()
        .enumerate()
        .find(|(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(i, l)| (i + 1, l.to_string()))
        .unwrap_or((1, String::new()))
}

/// The `$variables` a pattern uses, selectors and function arguments included.
fn pattern_variables(p: &fluent_syntax::ast::Pattern<&str>, out: &mut BTreeSet<String>) {
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
    /// Checks, in every language, each message the build formats: it is written, it
    /// uses no variable it is not given, it shows the ones it must, and it formats
    /// without an error into publishable text. Each problem is an error naming the
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
                        Diagnostic::error(format!(
                            "the interface string `{}` is missing in `{lang}` ({} uses it)",
                            u.key, u.used_by
                        ))
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
                    problems.push(at(Diagnostic::error(format!(
                        "the interface string `{}` has no text, only attributes",
                        u.key
                    ))
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
                    problems.push(at(Diagnostic::error(format!(
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
                    problems.push(at(Diagnostic::error(format!(
                        "the interface string `{}` does not show {} ({} needs it)",
                        u.key,
                        missing
                            .iter()
                            .map(|v| format!("${v}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        u.used_by
                    ))
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
                    problems.push(at(Diagnostic::error(format!(
                        "the interface string `{}` cannot be formatted: {}",
                        u.key,
                        describe_fluent_error(e)
                    ))
                    .with_hint("a message may use the variables it is given, other messages of the same language, and NUMBER()")));
                } else if text.chars().any(crate::text::unpublishable) {
                    problems.push(at(Diagnostic::error(format!(
                        "the interface string `{}` writes a control character",
                        u.key
                    ))
                    .with_hint("remove the escape (such as \\u000C) from the message")));
                }
            }
        }
        problems
    }

    /// A warning per language for keys other languages have and it lacks, leaving out
    /// the `used` ones (a message the build formats, missing in a language, is an error
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
                    Diagnostic::warning(format!(
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

    /// True when some language has the message.
    pub fn has(&self, key: &str) -> bool {
        self.bundles.values().any(|b| b.has_message(key))
    }

    /// The site's languages.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Every message of `lang` that needs no arguments, formatted.
    pub fn plain_messages(&self, lang: &str) -> impl Iterator<Item = (&str, &str)> {
        self.plain
            .get(lang)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// True when `key` is among [`I18n::plain_messages`] of `lang`.
    pub fn is_plain(&self, lang: &str, key: &str) -> bool {
        self.plain.get(lang).is_some_and(|m| m.contains_key(key))
    }

    /// Formats `key` in `lang`, falling back to the default language and then any other.
    /// An unknown key is an error (the caller adds where it was used).
    pub fn message(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, String> {
        if args.is_none()
            && let Some(text) = self.plain.get(lang).and_then(|m| m.get(key))
        {
            return Ok(text.clone());
        }
        self.format(lang, key, args)
    }

    fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let order = std::iter::once(lang)
            .chain(std::iter::once(self.default_language.as_str()))
            .chain(self.languages.iter().map(String::as_str));
        for l in order {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(msg) = bundle.get_message(key) else {
                continue;
            };
            let Some(pattern) = msg.value() else {
                return Err(format!("the interface string `{key}` has no value"));
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if let Some(e) = errors.first() {
                return Err(format!(
                    "the interface string `{key}` in `{l}` could not be formatted: {e}"
                ));
            }
            return Ok(text.into_owned());
        }
        Err(format!(
            "there is no interface string `{key}` in i18n/*/ (in any language)"
        ))
    }

    /// A message that samvad's code needs; load checked it exists.
    fn required(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        self.message(lang, key, args)
            .unwrap_or_else(|_| key.to_string())
    }

    /// A date as official releases print it: `28 नवम्बर, 2025` / `28 November 2025`
    /// (month names and pattern come from the `.ftl` files).
    pub fn format_date(&self, lang: &str, date: Date) -> String {
        let month = self.required(lang, &format!("month-{}", date.month()), None);
        let mut args = FluentArgs::new();
        args.set("day", date.day().to_string());
        args.set("month", month);
        args.set("year", date.year().to_string());
        self.required(lang, "date-format", Some(&args))
    }

    /// A month heading: `नवम्बर 2025`.
    pub fn format_month(&self, lang: &str, year: i16, month: i8) -> String {
        let name = self.required(lang, &format!("month-{month}"), None);
        let mut args = FluentArgs::new();
        args.set("month", name);
        args.set("year", year.to_string());
        self.message(lang, "month-year-format", Some(&args))
            .unwrap_or_else(|_| {
                format!(
                    "{} {year}",
                    self.required(lang, &format!("month-{month}"), None)
                )
            })
    }

    /// A time of day: `15:47` with the zone label from the `.ftl` file.
    pub fn format_time(&self, lang: &str, time: Time) -> String {
        let mut args = FluentArgs::new();
        args.set("time", format!("{:02}:{:02}", time.hour(), time.minute()));
        self.required(lang, "time-format", Some(&args))
    }
}

/// A Fluent syntax error in words, with a hint; `line` is the line it is on.
fn explain_fluent_syntax(kind: &fluent_syntax::parser::ErrorKind, line: &str) -> (String, String) {
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

/// Groups digits the Indian way: 12,600; 1,00,000; 1,23,45,678.
pub fn group_indian(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", digits),
    };
    if digits.len() <= 3 {
        return format!("{sign}{digits}");
    }
    let (head, last3) = digits.split_at(digits.len() - 3);
    let mut groups = Vec::new();
    let mut rest = head;
    while rest.len() > 2 {
        let (a, b) = rest.split_at(rest.len() - 2);
        groups.push(b);
        rest = a;
    }
    if !rest.is_empty() {
        groups.push(rest);
    }
    groups.reverse();
    format!("{sign}{},{last3}", groups.join(","))
}

/// Fluent's number formatter has no grouping at all; numbers get Indian grouping here.
fn format_value<M>(value: &FluentValue, _memo: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            let text = n.as_string();
            let (int, frac) = match text.split_once('.') {
                Some((i, f)) => (i.to_string(), Some(f.to_string())),
                None => (text.to_string(), None),
            };
            if !int
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let grouped = group_indian(&int);
            Some(match frac {
                Some(f) => format!("{grouped}.{f}"),
                None => grouped,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indian_grouping() {
        assert_eq!(group_indian("0"), "0");
        assert_eq!(group_indian("999"), "999");
        assert_eq!(group_indian("12600"), "12,600");
        assert_eq!(group_indian("100000"), "1,00,000");
        assert_eq!(group_indian("12345678"), "1,23,45,678");
        assert_eq!(group_indian("-1000"), "-1,000");
    }
}
