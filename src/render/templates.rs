//! Loading the theme's Tera templates, the `t()` function that prints Fluent messages,
//! and turning Tera's errors into diagnostics that name the template and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::{FluentArgs, FluentValue};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::content::source::read_source;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;

/// Loads every `.html` template under `themes/<theme>/templates/`, with the functions
/// registered first (Tera checks at load time that every function used exists).
pub fn load(theme_dir: &Path, root: &Path, i18n: Option<Arc<I18n>>) -> Result<Tera, Diagnostics> {
    let mut problems = Diagnostics::new();
    let templates_dir = theme_dir.join("templates");
    let display_dir = templates_dir
        .strip_prefix(root)
        .unwrap_or(&templates_dir)
        .to_path_buf();
    if !templates_dir.is_dir() {
        problems.push(
            Diagnostic::error(format!(
                "the theme has no templates folder {}",
                display_dir.display()
            ))
            .with_hint("check `theme:` in site.yaml names a folder under themes/"),
        );
        return Err(problems);
    }
    let mut tera = Tera::new();
    // Labels without arguments are asked for on every page: they are made into template
    // values once, so a call costs a lookup and a reference count, not a format and a copy.
    let plain: HashMap<String, HashMap<String, Value>> = match &i18n {
        Some(i18n) => i18n
            .languages()
            .iter()
            .map(|lang| {
                let messages = i18n
                    .plain_messages(lang)
                    .map(|(k, v)| (k.to_string(), Value::from(v)))
                    .collect();
                (lang.clone(), messages)
            })
            .collect(),
        None => HashMap::new(),
    };
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
        let args = args.iter().next().is_some().then_some(&args);
        if args.is_none()
            && let Some(v) = plain.get(lang).and_then(|m| m.get(key))
        {
            return Ok(v.clone());
        }
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
            Ok(src) => sources.push((name, src.text)),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        problems.push(template_error(&e, &display_dir, &sources));
        return Err(problems);
    }
    for required in [
        "base.html",
        "index.html",
        "releases.html",
        "release.html",
        "event.html",
        "schedule.html",
        "states.html",
        "state.html",
        "page.html",
        "root.html",
        "404.html",
    ] {
        if !tera.contains_template(required) {
            problems.push(
                Diagnostic::error(format!("the theme has no template `{required}`"))
                    .in_file(&display_dir)
                    .with_hint("copy it from themes/default/templates"),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(tera)
}

/// A Tera error as a diagnostic: syntax and render errors point at template, line and
/// column; load-time checks come with Tera's own report.
pub fn template_error(
    e: &tera::Error,
    display_dir: &Path,
    sources: &[(String, String)],
) -> Diagnostic {
    use std::error::Error as _;
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let file: PathBuf = display_dir.join(r.filename());
            let text = sources
                .iter()
                .find(|(n, _)| n == r.filename())
                .map(|(_, t)| t.as_str())
                .unwrap_or("");
            let mut message = r.message().to_string();
            if let Some(cause) = e.source() {
                message = format!("{message}: {cause}");
            }
            Diagnostic::error(format!("in a template: {message}"))
                .in_file(file)
                .at(text, span.start_line, span.start_col + 1)
                .with_hint("fix the template at this place")
        }
        _ => {
            let mut message = e.to_string();
            let mut source = e.source();
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            Diagnostic::error(format!("in the theme's templates: {message}"))
                .in_file(display_dir)
                .with_hint("fix the template named above")
        }
    }
}
