//! Loading the theme's Tera templates, the `t()` function that prints Fluent messages,
//! and turning Tera's errors into diagnostics that name the template and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::{FluentArgs, FluentValue};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
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
            Diagnostic::error(format!(
                "the theme has no templates folder {}",
                display_dir.display()
            ))
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
    let plain_everywhere = |key: &str| {
        messages
            .as_ref()
            .is_some_and(|i| i.languages().iter().all(|l| i.is_plain(l, key)))
    };
    let mut compiled: Vec<(String, String)> = Vec::with_capacity(sources.len());
    // Each message the templates ask for, with its arguments, once.
    let mut uses: Vec<crate::i18n::UsedMessage> = Vec::new();
    for (name, text) in &sources {
        let (rewritten, keys) = inline_labels(text, &plain_everywhere);
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
                    Diagnostic::error(format!(
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
                Diagnostic::error(format!("the theme has no template `{required}`"))
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
            Diagnostic::error(message)
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
                    Diagnostic::error(format!("the template uses an unknown {kind} `{name}`"))
                        .in_file(display_dir.join(&file))
                        .at(text_of(&file), line, column)
                        .with_hint(hint)
                }
                _ => Diagnostic::error(format!("in the theme's templates: {message}"))
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

/// The context variable holding every language's labels (messages that need no
/// arguments): `__labels[lang]["key"]`.
pub const LABELS: &str = "__labels";

/// The value of [`LABELS`]: per language, every message that needs no arguments.
pub fn labels(i18n: &I18n) -> Value {
    let all: BTreeMap<&str, BTreeMap<&str, &str>> = i18n
        .languages()
        .iter()
        .map(|l| (l.as_str(), i18n.plain_messages(l).collect()))
        .collect();
    Value::from_serializable(&all)
}

/// Rewrites, inside the tags of a template, each call `t(key="k")` whose only argument
/// is a literal key for which `plain(k)` holds into `__labels[lang]["k"]` (the same
/// text: `t` also reads the message in the `lang` of where it is called). Returns the
/// new text (None when nothing changed) and, for every `t(key="…")` call with a literal
/// key, where it is and its key. Strings, comments and raw blocks are left as they are;
/// no line is added or removed, so template errors keep their line numbers.
fn inline_labels(
    src: &str,
    plain: &dyn Fn(&str) -> bool,
) -> (Option<String>, Vec<(usize, String)>) {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() + 256);
    let mut keys = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(rel) = src[i..].find('{') {
        let open = i + rel;
        let close = match b.get(open + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => {
                i = src[open..].find("#}").map_or(src.len(), |e| open + e + 2);
                continue;
            }
            _ => {
                i = open + 1;
                continue;
            }
        };
        let Some(end) = tag_end(b, open + 2, close) else {
            break;
        };
        let body = &src[open + 2..end];
        i = end + 2;
        if close == "%}" && body.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw" {
            i = end_of_raw(src, i);
            continue;
        }
        // The calls in this tag, left to right.
        let mut j = open + 2;
        while j < end {
            match b[j] {
                q @ (b'"' | b'\'' | b'`') => j = skip_string(b, j, q),
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let start = j;
                    while j < end && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                        j += 1;
                    }
                    let before = src[open + 2..start].trim_end();
                    if &src[start..j] != "t" || before.ends_with('.') || before.ends_with("::") {
                        continue;
                    }
                    let Some((key, only_key, call_end)) = literal_key_call(&src[j..end]) else {
                        continue;
                    };
                    keys.push((start, key.to_string()));
                    if only_key && plain(key) {
                        out.push_str(&src[copied..start]);
                        out.push_str(LABELS);
                        out.push_str("[lang][\"");
                        out.push_str(key);
                        out.push_str("\"]");
                        j += call_end;
                        copied = j;
                    }
                }
                _ => j += 1,
            }
        }
    }
    if copied == 0 {
        return (None, keys);
    }
    out.push_str(&src[copied..]);
    (Some(out), keys)
}

/// Where the tag whose body starts at `from` closes (strings in it may hold `close`).
fn tag_end(b: &[u8], from: usize, close: &str) -> Option<usize> {
    let close = close.as_bytes();
    let mut j = from;
    while j + 1 < b.len() {
        match b[j] {
            q @ (b'"' | b'\'' | b'`') => j = skip_string(b, j, q),
            _ if b[j..].starts_with(close) => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// The index just past the string literal opening at `at` (Tera strings take `\`
/// escapes); the end of the text if it is not closed.
fn skip_string(b: &[u8], at: usize, quote: u8) -> usize {
    let mut j = at + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// The index just past the `{% endraw %}` tag closing a raw block whose content starts
/// at `from` (the end of the text if there is none; Tera reports that).
fn end_of_raw(src: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(rel) = src[i..].find("{%") {
        let open = i + rel;
        let Some(close) = src[open..].find("%}").map(|c| open + c) else {
            break;
        };
        let body = &src[open + 2..close];
        if body.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "endraw" {
            return close + 2;
        }
        i = open + 2;
    }
    src.len()
}

/// The names of the arguments of the call `t(...)` that starts `text` (the key too is
/// left out): `t(key="k", count=n, date=d)` gives `count`, `date`.
fn call_arg_names(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let Some(open) = text.find('(') else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut j = open + 1;
    let mut word_start = None;
    while j < b.len() {
        match b[j] {
            q @ (b'"' | b'\'' | b'`') => {
                j = skip_string(b, j, q);
                word_start = None;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => break,
            b')' | b']' | b'}' => depth -= 1,
            c if depth == 0 && (c.is_ascii_alphanumeric() || c == b'_') => {
                word_start.get_or_insert(j);
            }
            b'=' if depth == 0 && b.get(j + 1) != Some(&b'=') => {
                if let Some(start) = word_start {
                    let name = text[start..j].trim();
                    if name != "key" && !name.is_empty() {
                        names.push(name.to_string());
                    }
                }
                word_start = None;
            }
            b' ' | b'\t' | b'\n' if word_start.is_some() => {
                // `name =` with a space: the word ends here; the `=` may follow.
            }
            _ => word_start = None,
        }
        j += 1;
    }
    names.sort();
    names
}

/// For the text after a `t`: `(key="k")` or `(key="k", …)` with a literal key made of
/// letters, digits, `-` and `_`. Gives the key, whether it is the only argument, and
/// where the call ends (just past `)`; for a call with more arguments, just past the
/// key: it is not rewritten).
fn literal_key_call(rest: &str) -> Option<(&str, bool, usize)> {
    let skip_ws = |s: &str, at: usize| at + (s[at..].len() - s[at..].trim_start().len());
    let mut at = skip_ws(rest, 0);
    at = rest[at..].starts_with('(').then(|| skip_ws(rest, at + 1))?;
    at = rest[at..]
        .starts_with("key")
        .then(|| skip_ws(rest, at + 3))?;
    at = rest[at..].starts_with('=').then(|| skip_ws(rest, at + 1))?;
    let quote = *rest
        .as_bytes()
        .get(at)
        .filter(|q| matches!(q, b'"' | b'\'' | b'`'))?;
    let key_start = at + 1;
    let key_len = rest[key_start..]
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
        .count();
    let key_end = key_start + key_len;
    if key_len == 0 || rest.as_bytes().get(key_end) != Some(&quote) {
        return None;
    }
    let key = &rest[key_start..key_end];
    let after = skip_ws(rest, key_end + 1);
    match rest.as_bytes().get(after) {
        Some(b')') => Some((key, true, after + 1)),
        Some(b',') => Some((key, false, key_end + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(src: &str) -> (String, Vec<(usize, String)>) {
        let plain = |k: &str| k != "needs-args";
        let (out, keys) = inline_labels(src, &plain);
        (out.unwrap_or_else(|| src.to_string()), keys)
    }

    #[test]
    fn a_call_with_only_a_plain_key_becomes_a_label_lookup() {
        let (out, keys) = inline("<p>{{ t(key=\"a-b\") }}</p>\n<p>{{t( key = 'c_d' )}}</p>");
        assert_eq!(
            out,
            "<p>{{ __labels[lang][\"a-b\"] }}</p>\n<p>{{__labels[lang][\"c_d\"]}}</p>"
        );
        assert_eq!(keys, vec![(6, "a-b".to_string()), (31, "c_d".to_string())]);
        // In a block tag, and inside a larger expression.
        let (out, _) = inline("{% if x %}{% set y = t(key=\"k\") ~ \"!\" %}{% endif %}");
        assert_eq!(
            out,
            "{% if x %}{% set y = __labels[lang][\"k\"] ~ \"!\" %}{% endif %}"
        );
    }

    #[test]
    fn other_calls_strings_comments_and_raw_blocks_are_left_alone() {
        for src in [
            // More arguments, or a message that needs them.
            "{{ t(key=\"k\", n=1) }}",
            "{{ t(key=\"needs-args\") }}",
            // A key that is not a literal.
            "{{ t(key=name) }}",
            // Not the function: a method, a macro, another name.
            "{{ x.t(key=\"k\") }}{{ m::t(key=\"k\") }}{{ at(key=\"k\") }}",
            // In a string, outside tags, in a comment, in a raw block.
            "{{ \"t(key='k')\" }}",
            "<p>t(key=\"k\")</p>",
            "{# t(key=\"k\") #}",
            "{% raw %}{{ t(key=\"k\") }}{% endraw %}",
            "{%- raw -%}{{ t(key=\"k\") }}{%- endraw -%}",
            // A string holding the tag's end does not end the tag.
            "{{ \"}}\" ~ \"t(key='k')\" }}",
        ] {
            assert_eq!(inline(src).0, src, "{src}");
        }
        // After a raw block, calls are rewritten again.
        let (out, _) = inline("{% raw %}{{ t(key=\"k\") }}{% endraw %}{{ t(key=\"k\") }}");
        assert!(out.ends_with("{{ __labels[lang][\"k\"] }}"), "{out}");
        // Lines stay where they were.
        let src = "{{ t(key=\"a\") }}\n{% if x %}\n{{ t(key=\"b\") }}\n{% endif %}\n";
        assert_eq!(inline(src).0.lines().count(), src.lines().count());
    }

    #[test]
    fn the_arguments_of_a_call_are_named() {
        assert_eq!(call_arg_names("t(key=\"k\")"), Vec::<String>::new());
        assert_eq!(
            call_arg_names("t(key=\"k\", date=last_updated, count = x | length) }}"),
            vec!["count".to_string(), "date".to_string()]
        );
        assert_eq!(
            call_arg_names("t(key='k', state=f(a=1), s=\"a=b\")"),
            vec!["s".to_string(), "state".to_string()]
        );
        assert_eq!(
            call_arg_names("t(key='k', n=a == b)"),
            vec!["n".to_string()]
        );
    }

    #[test]
    fn every_literal_key_is_reported_with_its_place() {
        let src = "{{ t(key=\"a\") }}\n{{ t(key=\"needs-args\", n=2) }}{{ t(key=x) }}";
        let (_, keys) = inline(src);
        let found: Vec<_> = keys
            .iter()
            .map(|(at, k)| (&src[*at..*at + 1], k.as_str()))
            .collect();
        assert_eq!(found, vec![("t", "a"), ("t", "needs-args")]);
    }
}
