//! Events: `content/events/<id>.yaml`. Facts are written once (dates, state, status);
//! text is written per language (`{hi: ..., en: ...}`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, Time};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{LoadContext, Loc, Localized, Located, check_slug};
use crate::dates::{parse_date, parse_time};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::text::simple_yaml::{self, At};
use crate::text::{SourceText, key_place, parse_yaml, read_source, text_field};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    state: Spanned<String>,
    #[serde(default)]
    start: Option<Spanned<String>>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    #[serde(default)]
    time: Option<Spanned<String>>,
    #[serde(default)]
    end_time: Option<Spanned<String>>,
    #[serde(default)]
    window: Option<Spanned<RawWindow>>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    programme: Option<String>,
    #[serde(default)]
    updated: Option<Spanned<String>>,
    #[serde(default)]
    releases: Vec<Spanned<String>>,
    title: Spanned<BTreeMap<String, String>>,
    #[serde(default)]
    city: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    venue: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    description: Option<Spanned<BTreeMap<String, String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    from: Spanned<String>,
    to: Spanned<String>,
}

/// An event file with the places of its values (lines and columns), read by the quick
/// reader or converted from [`RawEvent`].
#[derive(Debug, PartialEq)]
struct EventFront {
    state: At<String>,
    start: Option<At<String>>,
    end: Option<At<String>>,
    time: Option<At<String>>,
    end_time: Option<At<String>>,
    window: Option<At<Window>>,
    status: Option<At<String>>,
    programme: Option<String>,
    updated: Option<At<String>>,
    releases: Vec<At<String>>,
    title: At<BTreeMap<String, String>>,
    city: Option<At<BTreeMap<String, String>>>,
    venue: Option<At<BTreeMap<String, String>>>,
    description: Option<At<BTreeMap<String, String>>>,
}

#[derive(Debug, PartialEq)]
struct Window {
    from: At<String>,
    to: At<String>,
}

impl From<RawEvent> for EventFront {
    fn from(r: RawEvent) -> EventFront {
        EventFront {
            state: r.state.into(),
            start: r.start.map(At::from),
            end: r.end.map(At::from),
            time: r.time.map(At::from),
            end_time: r.end_time.map(At::from),
            window: r.window.map(|w| At {
                line: w.referenced.line() as usize,
                column: w.referenced.column() as usize,
                value: Window {
                    from: w.value.from.into(),
                    to: w.value.to.into(),
                },
            }),
            status: r.status.map(At::from),
            programme: r.programme,
            updated: r.updated.map(At::from),
            releases: r.releases.into_iter().map(At::from).collect(),
            title: r.title.into(),
            city: r.city.map(At::from),
            venue: r.venue.map(At::from),
            description: r.description.map(At::from),
        }
    }
}

/// An event file the quick way, when it holds the fields of an event and nothing else,
/// each once and of its type; None leaves the text to the YAML crate.
fn quick_event(yaml: &str) -> Option<EventFront> {
    use simple_yaml::Value;
    let text = |v: &Value| match v {
        Value::Text { text, .. } => Some(text.owned()),
        _ => None,
    };
    let map = |v: &Value| match v {
        Value::Map(at, entries) => {
            let value: BTreeMap<String, String> = entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.value.to_string()))
                .collect();
            Some(At {
                value,
                line: at.line,
                column: at.column,
            })
        }
        _ => None,
    };
    let mut state = None;
    let mut start = None;
    let mut end = None;
    let mut time = None;
    let mut end_time = None;
    let mut window = None;
    let mut status = None;
    let mut programme = None;
    let mut updated = None;
    let mut releases = Vec::new();
    let mut title = None;
    let mut city = None;
    let mut venue = None;
    let mut description = None;
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in simple_yaml::entries(yaml)? {
        // Each field once: a second one is an error the YAML crate reports.
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        match key {
            "state" => state = Some(text(&value)?),
            "start" => start = Some(text(&value)?),
            "end" => end = Some(text(&value)?),
            "time" => time = Some(text(&value)?),
            "end_time" => end_time = Some(text(&value)?),
            "status" => status = Some(text(&value)?),
            "programme" => programme = Some(text(&value)?.value),
            "updated" => updated = Some(text(&value)?),
            "releases" => match &value {
                Value::List(items) => releases = items.iter().map(At::owned).collect(),
                _ => return None,
            },
            "window" => match &value {
                Value::Map(at, entries) => {
                    let ([("from", from), ("to", to)] | [("to", to), ("from", from)]) =
                        entries.as_slice()
                    else {
                        return None;
                    };
                    window = Some(At {
                        value: Window {
                            from: from.owned(),
                            to: to.owned(),
                        },
                        line: at.line,
                        column: at.column,
                    });
                }
                _ => return None,
            },
            "title" => title = Some(map(&value)?),
            "city" => city = Some(map(&value)?),
            "venue" => venue = Some(map(&value)?),
            "description" => description = Some(map(&value)?),
            _ => return None,
        }
    }
    Some(EventFront {
        state: state?,
        start,
        end,
        time,
        end_time,
        window,
        status,
        programme,
        updated,
        releases,
        title: title?,
        city,
        venue,
        description,
    })
}

/// Whether the quick reader, where it takes an event file, reads it as the YAML crate
/// does: `Ok(true)` when it took the text and both agree, `Ok(false)` when it left the
/// text to the YAML crate, `Err` with both readings when they differ. For the tests and
/// the fuzz target that compare the two.
pub fn quick_reader_agrees(yaml: &str) -> Result<bool, String> {
    let Some(quick) = quick_event(yaml) else {
        return Ok(false);
    };
    match serde_saphyr::from_str::<RawEvent>(yaml).map(EventFront::from) {
        Ok(full) if full == quick => Ok(true),
        other => Err(format!("quick: {quick:?}\nfull: {other:?}")),
    }
}

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Going ahead as announced.
    Scheduled,
    /// Planned, not confirmed.
    Tentative,
    /// Moved to a later, perhaps unknown, date.
    Postponed,
    /// Will not take place.
    Cancelled,
}

impl EventStatus {
    /// The word authors write.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "scheduled",
            EventStatus::Tentative => "tentative",
            EventStatus::Postponed => "postponed",
            EventStatus::Cancelled => "cancelled",
        }
    }
}

/// When an event happens, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A known day (or days), perhaps with times.
    Dated {
        /// First day.
        start: Date,
        /// Last day, when it runs over several.
        end: Option<Date>,
        /// Start time (site time zone).
        time: Option<Time>,
        /// End time.
        end_time: Option<Time>,
    },
    /// The day is not known, only a range it falls in.
    Window {
        /// Earliest day.
        from: Date,
        /// Latest day.
        to: Date,
    },
    /// Nothing is known yet.
    ToBeAnnounced,
}

impl When {
    /// The day used to order the schedule (None sorts last).
    pub fn sort_date(&self) -> Option<Date> {
        match self {
            When::Dated { start, .. } => Some(*start),
            When::Window { from, .. } => Some(*from),
            When::ToBeAnnounced => None,
        }
    }

    /// The last day the event can take place on (None: not known).
    pub fn last_date(&self) -> Option<Date> {
        match self {
            When::Dated { start, end, .. } => Some(end.unwrap_or(*start)),
            When::Window { to, .. } => Some(*to),
            When::ToBeAnnounced => None,
        }
    }
}

/// One checked event.
#[derive(Debug, Clone)]
pub struct Event {
    /// The file stem.
    pub id: String,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// State or UT code (upper case, in the registry).
    pub state: String,
    /// Dates.
    pub when: When,
    /// Status.
    pub status: EventStatus,
    /// Programme id: events of one programme are grouped.
    pub programme: Option<String>,
    /// When the event's facts were last changed (for "last updated").
    pub updated: Option<Date>,
    /// Release stems it links to, with where they were written.
    pub releases: Vec<Located<String>>,
    /// Title per language.
    pub title: Localized,
    /// City per language.
    pub city: Option<Localized>,
    /// Venue per language.
    pub venue: Option<Localized>,
    /// Description per language (Markdown).
    pub description: Option<Localized>,
    /// Where the description was written (for notes about its Markdown).
    pub description_loc: Option<Loc>,
}

/// Loads one event file.
pub fn load_file(cx: &LoadContext, abs: &Path, rel: &Path) -> (Option<Event>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let id = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Err(msg) = check_slug(&id) {
        problems.push(
            Diagnostic::error(msg)
                .in_file(rel)
                .with_hint("rename the file; its name is the event's id"),
        );
        return (None, problems);
    }
    let src = match read_source(abs, rel) {
        Ok(s) => s,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (event, more) = load_source(cx, id, &src);
    problems.extend(more);
    (event, problems)
}

/// Reads an event from its file's text (`id` is the file's stem, already checked).
pub fn load_source(cx: &LoadContext, id: String, src: &SourceText) -> (Option<Event>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let rel = src.display_path.as_path();
    problems.extend_from(src.warnings.iter().cloned());
    let parsed = match quick_event(&src.text) {
        Some(f) => Ok(f),
        None => parse_yaml::<RawEvent>(&src.text, src, 0).map(EventFront::from),
    };
    let raw = match parsed {
        Ok(r) => r,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let loc = |(line, column): (usize, usize)| Loc::in_yaml(src, line, column, 0);
    let found_state = cx.states.lookup(&raw.state.value);
    if let Some(w) = found_state.alias_warning(&raw.state.value) {
        problems.push(loc(raw.state.place()).diagnostic(w));
    }
    let mut err = |place: (usize, usize), msg: String, hint: &str| {
        problems.push(loc(place).diagnostic(Diagnostic::error(msg).with_hint(hint.to_string())));
    };

    let state = match found_state.region() {
        Some(r) => r.code.clone(),
        None => {
            err(
                raw.state.place(),
                format!(
                    "unknown state or union territory code `{}`",
                    raw.state.value
                ),
                &cx.states.unknown_code_hint(&raw.state.value),
            );
            String::new()
        }
    };

    let mut date = |field: &Option<At<String>>, name: &str| -> Option<Date> {
        let f = field.as_ref()?;
        match parse_date(&f.value) {
            Ok(d) => Some(d),
            Err(msg) => {
                err(
                    f.place(),
                    format!("`{name}`: {msg}"),
                    "write the date as YYYY-MM-DD, e.g. 2025-11-28",
                );
                None
            }
        }
    };
    let updated = date(&raw.updated, "updated");
    let start = date(&raw.start, "start");
    let end = date(&raw.end, "end");
    let (win_from, win_to) = match &raw.window {
        Some(w) => (
            date(&Some(w.value.from.clone()), "window.from"),
            date(&Some(w.value.to.clone()), "window.to"),
        ),
        None => (None, None),
    };
    let mut time = |field: &Option<At<String>>, name: &str| -> Option<Time> {
        let f = field.as_ref()?;
        match parse_time(&f.value) {
            Ok(t) => Some(t),
            Err(msg) => {
                err(
                    f.place(),
                    format!("`{name}`: {msg}"),
                    "write the time in quotes as \"HH:MM\", e.g. time: \"10:00\"",
                );
                None
            }
        }
    };
    let start_time = time(&raw.time, "time");
    let end_time = time(&raw.end_time, "end_time");

    let when = match (&raw.start, &raw.window) {
        (Some(s), Some(_)) => {
            err(
                s.place(),
                "an event has either `start` or `window`, not both".into(),
                "keep `start` when the day is known; keep `window` when only a range is known",
            );
            When::ToBeAnnounced
        }
        (Some(_), None) => match start {
            Some(start) => {
                if let (Some(e), Some(f)) = (end, &raw.end)
                    && e < start
                {
                    err(
                        f.place(),
                        format!("the event ends ({e}) before it starts ({start})"),
                        "make `end` the same as or later than `start`",
                    );
                }
                if let (Some(s), Some(e), None, Some(f)) =
                    (start_time, end_time, end, &raw.end_time)
                    && e < s
                {
                    err(
                        f.place(),
                        "`end_time` is before `time` on a one-day event".into(),
                        "make `end_time` later than `time`, or give an `end` date",
                    );
                }
                When::Dated {
                    start,
                    end: end.filter(|e| *e != start),
                    time: start_time,
                    end_time,
                }
            }
            None => When::ToBeAnnounced,
        },
        (None, Some(w)) => {
            for (field, name) in [
                (&raw.end, "end"),
                (&raw.time, "time"),
                (&raw.end_time, "end_time"),
            ] {
                if let Some(f) = field {
                    err(
                        f.place(),
                        format!("`{name}` needs a `start` date"),
                        "remove it, or replace `window` by `start` once the day is known",
                    );
                }
            }
            match (win_from, win_to) {
                (Some(from), Some(to)) if to < from => {
                    err(
                        w.value.to.place(),
                        format!("the window ends ({to}) before it starts ({from})"),
                        "make `to` the same as or later than `from`",
                    );
                    When::ToBeAnnounced
                }
                (Some(from), Some(to)) => When::Window { from, to },
                _ => When::ToBeAnnounced,
            }
        }
        (None, None) => {
            for (field, name) in [
                (&raw.end, "end"),
                (&raw.time, "time"),
                (&raw.end_time, "end_time"),
            ] {
                if let Some(f) = field {
                    err(
                        f.place(),
                        format!("`{name}` needs a `start` date"),
                        "add `start: YYYY-MM-DD`, or remove it while the day is not known",
                    );
                }
            }
            When::ToBeAnnounced
        }
    };

    let status = match &raw.status {
        None => EventStatus::Scheduled,
        Some(s) => match s.value.trim().to_ascii_lowercase().as_str() {
            "scheduled" => EventStatus::Scheduled,
            "tentative" => EventStatus::Tentative,
            "postponed" => EventStatus::Postponed,
            "cancelled" | "canceled" => EventStatus::Cancelled,
            other => {
                err(
                    s.place(),
                    format!("unknown status `{other}`"),
                    "use one of: scheduled, tentative, postponed, cancelled",
                );
                EventStatus::Scheduled
            }
        },
    };

    let mut warnings = Vec::new();
    let mut localized = |field: &At<BTreeMap<String, String>>,
                         name: &str,
                         required: bool|
     -> Localized {
        let mut by_lang = BTreeMap::new();
        for (lang, text) in &field.value {
            if !cx.config.languages.contains(lang) {
                err(
                    key_place(&src.text, field.place(), lang).unwrap_or(field.place()),
                    format!("`{name}` has text in `{lang}`, which is not a language of the site"),
                    &format!(
                        "use the languages of site.yaml: {}",
                        cx.config.languages.join(", ")
                    ),
                );
                continue;
            }
            let (t, warning) = text_field(text, name);
            if let Some(w) = warning {
                warnings.push(loc(field.place()).diagnostic(w));
            }
            if !t.is_empty() {
                by_lang.insert(lang.clone(), t);
            }
        }
        if required && by_lang.is_empty() {
            err(
                field.place(),
                format!("`{name}` is empty"),
                &format!("write `{name}: {{hi: \"...\", en: \"...\"}}`"),
            );
        }
        Localized { by_lang }
    };
    let title = localized(&raw.title, "title", true);
    let city = raw.city.as_ref().map(|c| localized(c, "city", false));
    let venue = raw.venue.as_ref().map(|c| localized(c, "venue", false));
    let description = raw
        .description
        .as_ref()
        .map(|c| localized(c, "description", false));

    problems.extend_from(warnings);
    // A missing translation builds (with the other language's text) but is worth a warning.
    for (name, field, value) in [
        ("title", Some(&raw.title), Some(&title)),
        ("city", raw.city.as_ref(), city.as_ref()),
        ("venue", raw.venue.as_ref(), venue.as_ref()),
        (
            "description",
            raw.description.as_ref(),
            description.as_ref(),
        ),
    ] {
        let (Some(field), Some(value)) = (field, value) else {
            continue;
        };
        if value.by_lang.is_empty() {
            continue;
        }
        for lang in &cx.config.languages {
            if !value.has(lang) {
                problems.push(
                    loc(field.place()).diagnostic(
                        Diagnostic::warning(format!(
                            "`{name}` has no `{lang}` text; the other language is shown"
                        ))
                        .with_hint(format!("add `{lang}: \"...\"` to `{name}`")),
                    ),
                );
            }
        }
    }

    let releases = raw
        .releases
        .iter()
        .map(|r| Located {
            value: r.value.trim().to_string(),
            loc: loc(r.place()),
        })
        .collect();

    if problems.has_errors() {
        return (None, problems);
    }
    let event = Event {
        id,
        file: rel.to_path_buf(),
        state,
        when,
        status,
        programme: raw
            .programme
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty()),
        releases,
        updated,
        title,
        city: city.filter(|c| !c.by_lang.is_empty()),
        venue: venue.filter(|c| !c.by_lang.is_empty()),
        description: description.filter(|c| !c.by_lang.is_empty()),
        description_loc: raw.description.as_ref().map(|d| loc(d.place())),
    };
    (Some(event), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(yaml: &str) -> Result<EventFront, String> {
        serde_saphyr::from_str::<RawEvent>(yaml)
            .map(EventFront::from)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_quick_reader_reads_what_it_takes_as_the_yaml_crate_does() {
        let maps = [
            "{hi: \"भोपाल\", en: Bhopal}",
            "{ hi: 'क, ख' ,  en: \"New Delhi\" }",
            "{hi: a b, en: c}",
            "{en: Only}",
            "{}",
            "{hi: a, hi: b}",
            "{hi: a,}",
            "{hi: , en: b}",
            "{hi: null}",
            "{hi: ~, en: b}",
            "{hi: 10:30}",
            "{hi: a: b}",
            "{hi: [a]}",
            "{hi: {a: b}}",
            "{hi: a # c}",
            "{Hi: a}",
            "{hi: \"a\\\"b\"}",
            "{hi: 'it''s'}",
            "{hi: a}}",
            "{hi: a",
            "\n  hi: \"भोपाल\"\n  en: Bhopal",
            "\n    hi: a b\n    en: 'c'",
            "\n  hi: a\n  hi: b",
            "\n  hi: a\n    en: b",
            "\n  hi: a\n en: b",
            "\n  hi: a\n\n  en: b",
            "\n  hi: a\n  en:",
            "\n  - a",
            "\n  hi: null",
            "\n  hi: a # c",
            "\n  hi: a # c\n  en: \"b # c\" # d",
            "\n  # note\n  hi: a\n  en: b",
            "\n  hi: a\n  # note\n  en: b",
            "\n  hi: a\n# note\n  en: b",
            "{hi: a, en: b} # c",
            "{hi: \"a # b\", en: 'c # d'} # e",
            "{hi: a # c, en: b}",
            "{hi: a} #",
            "\n  hi: >-\n    क ख\n    ग\n  en: |\n    x\n    y",
            "\n  hi: >\n      a\n  en: \"b\"",
            "\n  hi: >-\n    a\n\n    b\n  en: c",
            "\n  hi: >-\n    a\n      b\n  en: c",
            "\n  hi: >-\n   a\n  en: c",
            "\n  hi: >-\n  a\n  en: c",
            "\n  hi: a\n  en: b\n\n",
            "\n  hi: a\n\n  en: b\n",
            "",
        ];
        let windows = [
            "{from: 2019-12-19, to: 2020-02-17}",
            "{to: 2020-02-17, from: 2019-12-19}",
            "{from: 2019-12-19}",
            "{from: \"भोपाल\", to: \"क\"}",
            "{from: a, to: b, at: c}",
            "\n  from: 2019-12-19\n  to: 2020-02-17",
        ];
        let mut quick = 0;
        let mut check = |yaml: &str| {
            if let Some(q) = quick_event(yaml) {
                quick += 1;
                assert_eq!(Ok(q), full(yaml), "{yaml:?}");
            }
        };
        for m in maps {
            check(&format!(
                "state: MP\nstart: 2025-11-28\ntitle: {m}\nreleases: [r-1]\n"
            ));
            check(&format!(
                "state: MP\ntitle: {{hi: a}}\ncity: {m}\nvenue: {m}\ndescription: {m}\nstatus: tentative\n"
            ));
        }
        for w in windows {
            check(&format!(
                "state: KA\nwindow: {w}\ntitle: {{hi: a, en: b}}\n"
            ));
        }
        for y in [
            "state: AR\nstart: 2019-01-06\nstatus: scheduled\nprogramme: outreach-2019\ntitle: {hi: \"ईटानगर में संवाद\", en: \"Meeting in Itanagar\"}\ncity: {hi: \"ईटानगर\", en: \"Itanagar\"}\ndescription:\n  hi: \"बैठक।\"\n  en: \"A meeting.\"\nreleases: [release-00002]\n",
            "state: MP\nstart: 2025-11-28\nend: 2025-11-29\ntime: \"10:00\"\nend_time: 17:30\nupdated: 2025-11-20\ntitle: {hi: a}\n",
            "state: MP\ntitle: {hi: a}\nstate: UP\n",
            "state: MP\n",
            "title: {hi: a}\n",
            "state: MP\ntitle: {hi: a}\ncolour: red\n",
            "state: MP\ntitle: {hi: a}\nreleases: r-1\n",
            "state: MP\ntitle: a\n",
            "state: [MP]\ntitle: {hi: a}\n",
        ] {
            check(y);
        }
        assert!(quick >= 20, "only {quick} texts took the quick way");
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    /// The example site's events (descriptions in `>-` blocks): the quick reader takes
    /// them and reads them as the YAML crate does.
    #[test]
    fn the_example_events_are_read_the_quick_way_alike() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/events");
        let mut taken = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let yaml = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let full = serde_saphyr::from_str::<RawEvent>(&yaml)
                .map(EventFront::from)
                .unwrap();
            if let Some(quick) = quick_event(&yaml) {
                assert_eq!(quick, full, "{yaml}");
                taken += 1;
            }
        }
        assert!(taken >= 2, "the quick reader took {taken} example events");
    }
}
