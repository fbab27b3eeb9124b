//! Template calls `t(key="…")` with only a key, rewritten when the theme loads into a
//! lookup in the labels every page is given: a call made Tera build a map of its
//! arguments, about a twelfth of rendering a large site.

/// The context variable holding every language's labels (messages that need no
/// arguments): `__labels[lang]["key"]`.
pub const LABELS: &str = "__labels";

/// Rewrites, inside the tags of a template, each call `t(key="k")` whose only argument
/// is a literal key for which `label(k)` holds into `__labels[lang]["k"]` (the same
/// text: `t` also reads the message in the `lang` of where it is called). Returns the
/// new text (None when nothing changed) and, for every `t(key="…")` call with a literal
/// key, where it is and its key. Strings, comments and raw blocks are left as they are;
/// no line is added or removed, so template errors keep their line numbers.
pub(super) fn inline_labels(
    src: &str,
    label: &dyn Fn(&str) -> bool,
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
                    if only_key && label(key) {
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
pub(super) fn call_arg_names(text: &str) -> Vec<String> {
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
        let label = |k: &str| k != "needs-args";
        let (out, keys) = inline_labels(src, &label);
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
