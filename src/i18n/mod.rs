//! Interface strings through Fluent (`i18n/<lang>/*.ftl`), with fallback between
//! languages, Indian digit grouping, and dates printed the way official releases print them.

mod check;
mod format;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, line_col};
use crate::text::read_source;
use check::{Definition, definition_line, explain_fluent_syntax, pattern_variables};
pub use check::{UsedMessage, code_messages};
use format::format_value;
pub use format::group_indian;

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
    labels: BTreeMap<String, HashMap<String, String>>,
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
                problems.push(Diagnostic::error(
                    Code::Setting,
                    format!("`{lang}` is not a language code"),
                ));
                continue;
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068/U+2069) would end up inside HTML text and slugs.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_value));
        if let Err(e) = bundle.add_builtins() {
            problems.push(Diagnostic::error(
                Code::Internal,
                format!("cannot set up Fluent functions: {e:?}"),
            ));
        }
        let mut files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect(),
            Err(_) => {
                problems.push(
                    Diagnostic::error(
                        Code::StringMissing,
                        format!("there are no interface strings for `{lang}`"),
                    )
                    .in_file(&display_dir)
                    .with_hint(format!(
                        "create {}/main.ftl (copy the one of another language and translate it)",
                        display_dir.display()
                    )),
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
                            Diagnostic::error(Code::FluentSyntax, message)
                                .in_file(&display)
                                .at(&src.text, line, col)
                                .with_hint(hint),
                        );
                    }
                    r
                }
            };
            let lang_defined = defined.entry(lang.clone()).or_default();
            // How many times each key has been met in this file (a key written twice).
            let mut seen_here: HashMap<&str, usize> = HashMap::new();
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    lang_ids.insert(m.id.name.to_string());
                    let nth = seen_here.entry(m.id.name).or_insert(0);
                    let (line, line_text) = definition_line(&src.text, m.id.name, *nth);
                    *nth += 1;
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &m.value {
                        pattern_variables(value, &mut variables);
                    }
                    let here = Definition {
                        file: display.clone(),
                        line,
                        line_text,
                        variables,
                        has_value: m.value.is_some(),
                    };
                    if let Some(first) = lang_defined.get(m.id.name) {
                        let at = |line| crate::diagnostics::Location { line, column: 1 };
                        let mut d = Diagnostic::error(
                            Code::StringTwice,
                            format!(
                                "the interface string `{}` is written twice in `{lang}`",
                                m.id.name
                            ),
                        )
                        .in_file(&here.file)
                        .at_place(at(here.line), Some(here.line_text.clone()))
                        .with_hint(
                            "each message may be written once per language: keep one of the two",
                        );
                        d.related.push(crate::diagnostics::Related {
                            file: first.file.clone(),
                            location: Some(at(first.line)),
                            line_text: Some(first.line_text.clone()),
                            label: "first written here".into(),
                        });
                        problems.push(d);
                        continue;
                    }
                    lang_defined.insert(m.id.name.to_string(), here);
                }
            }
            if let Err(errors) = bundle.add_resource(resource) {
                // A message written twice is reported above, with both places.
                for e in errors
                    .into_iter()
                    .filter(|e| !matches!(e, fluent::FluentError::Overriding { .. }))
                {
                    problems.push(
                        Diagnostic::error(Code::StringTwice, format!("{e}"))
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
        labels: BTreeMap::new(),
    };
    let labels = config
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
    i18n.labels = labels;
    problems.extend(i18n.check_used(&code_messages()));
    if problems.has_errors() {
        return (None, problems);
    }
    (Some(i18n), problems)
}

impl I18n {
    /// True when some language has the message.
    pub fn has(&self, key: &str) -> bool {
        self.bundles.values().any(|b| b.has_message(key))
    }

    /// The site's languages.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Every message of `lang` that needs no arguments, formatted.
    pub fn labels(&self, lang: &str) -> impl Iterator<Item = (&str, &str)> {
        self.labels
            .get(lang)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// True when `key` is among [`I18n::labels`] of `lang`.
    pub fn is_label(&self, lang: &str, key: &str) -> bool {
        self.labels.get(lang).is_some_and(|m| m.contains_key(key))
    }

    /// An unknown key is an error (the caller adds where it was used).
    pub fn message(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, String> {
        if args.is_none()
            && let Some(text) = self.labels.get(lang).and_then(|m| m.get(key))
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
}
