//! Loading the theme's Tera templates, with the `t()` function that prints Fluent
//! messages and the labels every page is given.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use fluent::{FluentArgs, FluentValue};
use tera::{Kwargs, State, Tera, TeraResult, Value};

pub use super::labels::LABELS;
use super::labels::{call_arg_names, inline_labels};
pub use super::template_errors::template_error;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::text::read_source;

/// Loads every `.html` template under `themes/<theme>/templates/`, with the functions
/// registered first (Tera checks at load time that every function used exists).
/// Returns the templates and their warnings (characters that cannot be published).
pub fn load(
    theme_dir: &Path,
    root: &Path,
    i18n: Option<Arc<I18n>>,
) -> Result<(Tera, Diagnostics), Diagnostics> {
    let mut problems = Diagnostics::new();
    let templates_dir = theme_dir.join("templates");
    let display_dir = templates_dir
        .strip_prefix(root)
        .unwrap_or(&templates_dir)
        .to_path_buf();
    if !templates_dir.is_dir() {
        problems.push(
            Diagnostic::error(
                Code::TemplateMissing,
                format!(
                    "the theme has no templates folder {}",
                    display_dir.display()
                ),
            )
            .with_hint("check `theme:` in site.yaml names a folder under themes/"),
        );
        return Err(problems);
    }
    let mut tera = Tera::new();
    let messages = i18n.clone();
    tera.register_function("t", move |kw: Kwargs, st: &State| -> TeraResult<Value> {
        let key: &str = kw.must_get("key")?;
        let lang = st.get::<Value>("lang")?;
        let lang = lang.as_ref().and_then(Value::as_str).unwrap_or_default();
        let mut args = FluentArgs::new();
        for (name, value) in kw.iter() {
            let Some(name) = name.as_str() else { continue };
            if name == "key" {
                continue;
            }
            let v: FluentValue = if let Some(i) = value.as_i64() {
                FluentValue::from(i)
            } else if let Some(f) = value.as_f64() {
                FluentValue::from(f)
            } else if let Some(s) = value.as_str() {
                FluentValue::from(s.to_string())
            } else {
                FluentValue::from(value.to_string())
            };
            args.set(name.to_string(), v);
        }
        // Calls with only a literal key were made into label lookups at load (see
        // `inline_labels`); what reaches here has arguments or a key known only by name.
        let args = args.iter().next().is_some().then_some(&args);
        match &i18n {
            Some(i18n) => i18n
                .message(lang, key, args)
                .map(Value::from)
                .map_err(tera::Error::message),
            None => Err(tera::Error::message("the interface strings failed to load")),
        }
    });

    // Tera's own `safe` copies the string it marks; a page body is tens of kilobytes, and
    // marking it needs no copy.
    tera.register_filter("safe", |value: Value, _: Kwargs, _: &State| -> Value {
        if value.as_str().is_some() {
            value.mark_safe()
        } else {
            Value::safe_string(&value.to_string())
        }
    });

    // `{{ title | lang_parts }}`: a text escaped, with its runs of the other language's
    // script marked (as bodies are; see `markdown::lang`), for the page's language or
    // `lang=` (a list item shown in the other language). Titles and summaries name
    // "GeM" and "MSME" as often as bodies do.
    tera.register_filter(
        "lang_parts",
        |value: Value, kw: Kwargs, st: &State| -> Value {
            let shown;
            let text = match value.as_str() {
                Some(text) => text,
                None => {
                    shown = value.to_string();
                    &shown
                }
            };
            let mut escaped = Vec::with_capacity(text.len() + 8);
            let _ = tera::escape_html(text, &mut escaped);
            let escaped = String::from_utf8(escaped).unwrap_or_default();
            let own = kw.get::<Value>("lang").ok().flatten();
            let page = st.get::<Value>("lang").ok().flatten();
            let lang = own
                .as_ref()
                .and_then(Value::as_str)
                .or_else(|| page.as_ref().and_then(Value::as_str))
                .unwrap_or_default();
            let marked = match crate::markdown::lang::mark(&escaped, lang) {
                std::borrow::Cow::Owned(marked) => marked,
                std::borrow::Cow::Borrowed(_) => escaped,
            };
            Value::from(marked).mark_safe()
        },
    );

    let mut sources: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(&templates_dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let name = path
            .strip_prefix(&templates_dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let display = display_dir.join(&name);
        match read_source(path, &display) {
            Ok(src) => {
                problems.extend_from(src.warnings);
                sources.push((name, src.text));
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    // `t(key="…")` with only a key, naming a message that needs no arguments in any
    // language, becomes a lookup in the labels every page is given: a call built a map
    // of its arguments and was about a twelfth of rendering a large site.
    let known = |key: &str| messages.as_ref().is_none_or(|i| i.has(key));
    let label_everywhere = |key: &str| {
        messages
            .as_ref()
            .is_some_and(|i| i.languages().iter().all(|l| i.is_label(l, key)))
    };
    let mut compiled: Vec<(String, String)> = Vec::with_capacity(sources.len());
    // Each message the templates ask for, with its arguments, once.
    let mut uses: Vec<crate::i18n::UsedMessage> = Vec::new();
    for (name, text) in &sources {
        let (rewritten, keys) = inline_labels(text, &label_everywhere);
        for (at, key) in keys {
            let args = call_arg_names(&text[at..]);
            if known(&key) && !uses.iter().any(|u| u.key == key && u.args == args) {
                let line = text[..at].matches('\n').count() + 1;
                uses.push(crate::i18n::UsedMessage {
                    key: key.clone(),
                    args,
                    must_use: Vec::new(),
                    used_by: format!("{}:{line}", display_dir.join(name).display()),
                });
            }
            if !known(&key) {
                let line = text[..at].matches('\n').count() + 1;
                let col = text[..at]
                    .rsplit('\n')
                    .next()
                    .map_or(0, |l| l.chars().count())
                    + 1;
                problems.push(
                    Diagnostic::error(Code::StringMissing, format!(
                        "the template asks for the interface string `{key}`, which no language has"
                    ))
                    .in_file(display_dir.join(name))
                    .at(text, line, col)
                    .with_hint("add it to every i18n/<language>/*.ftl, or fix the key's spelling"),
                );
            }
        }
        compiled.push((name.clone(), rewritten.unwrap_or_else(|| text.clone())));
    }
    if let Some(i18n) = &messages {
        problems.extend(i18n.check_used(&uses));
        if !problems.has_errors() {
            let used: std::collections::BTreeSet<String> = uses
                .iter()
                .map(|u| u.key.clone())
                .chain(crate::i18n::code_messages().into_iter().map(|u| u.key))
                .collect();
            problems.extend(i18n.missing_warnings(&used));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    if let Err(e) = tera.add_raw_templates(compiled.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        problems.push(template_error(&e, &display_dir, &sources));
        return Err(problems);
    }
    for required in crate::site::urls::required_templates() {
        if !tera.contains_template(required) {
            problems.push(
                Diagnostic::error(
                    Code::TemplateMissing,
                    format!("the theme has no template `{required}`"),
                )
                .in_file(&display_dir)
                .with_hint("copy it from themes/default/templates"),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((tera, problems))
}

/// The value of [`LABELS`]: per language, every message that needs no arguments.
pub fn labels(i18n: &I18n) -> Value {
    let all: BTreeMap<&str, BTreeMap<&str, &str>> = i18n
        .languages()
        .iter()
        .map(|l| (l.as_str(), i18n.labels(l).collect()))
        .collect();
    Value::from_serializable(&all)
}
