//! Events: `content/events/<id>.yaml`. Facts are written once (dates, state, status);
//! text is written per language (`{hi: ..., en: ...}`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::attend::{self, Attendance};
use super::{LoadContext, Localized, check_slug};
use crate::dates::{parse_date, parse_time};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Located};
use crate::text::{SourceText, key_place, read_yaml_source, text_field};
use jiff::civil::{Date, Time};

crate::front_matter! {
    /// An event file, every value with its place.
    pub struct EventFront / RawEventFront {
        /// State or UT code.
        state: One Text,
        /// The day.
        start: Maybe Text,
        /// The last day.
        end: Maybe Text,
        /// The start time.
        time: Maybe Text,
        /// The end time.
        end_time: Maybe Text,
        /// The range of days it falls in, when the day is not known.
        window: Maybe Days,
        /// scheduled, tentative, postponed or cancelled.
        status: Maybe Text,
        /// An id shared by the events of one programme.
        programme: Maybe Text,
        /// When the facts last changed.
        updated: Maybe Text,
        /// Stems of related releases.
        releases: List Words,
        /// Title per language.
        title: One Texts,
        /// City per language.
        city: Maybe Texts,
        /// Venue per language.
        venue: Maybe Texts,
        /// Description per language (Markdown).
        description: Maybe Texts,
        /// Who may attend, per language.
        audience: Maybe Texts,
        /// Where to register.
        register_url: Maybe Text,
        /// How to register, per language.
        register: Maybe Texts,
        /// The organiser, per language.
        organiser: Maybe Texts,
        /// Whom to ask, per language.
        contact_name: Maybe Texts,
        /// A phone number.
        contact_phone: Maybe Text,
        /// An e-mail address.
        contact_email: Maybe Text,
        /// A map of the venue.
        map: Maybe Text,
        /// The venue's latitude and longitude.
        coordinates: Maybe Text,
        /// The picture the event is shared with (a file of the site).
        image: Maybe Text,
        /// Built only with `--drafts`.
        draft: Maybe Flag,
    }
}

/// Whether the quick reader, where it takes an event file, reads it as serde does (see
/// [`EventFront::quick_reader_agrees`]).
pub fn quick_reader_agrees(yaml: &str) -> Result<bool, String> {
    EventFront::quick_reader_agrees(yaml)
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
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The file stem.
    pub id: String,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// The file on disk (a cross-reference error shows its line).
    pub source: PathBuf,
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
    /// What an attendee needs: who may attend, registration, contact, organiser, map.
    pub attend: Attendance,
    /// Where the description was written (for notes about its Markdown).
    pub description_loc: Option<crate::diagnostics::Location>,
    /// Where the status was written, if it was (a past `tentative` is reported there).
    pub status_loc: Option<crate::diagnostics::Location>,
    /// The picture it is shared with instead of the theme's, as written (checked to be
    /// a file of the site once the site's files are known).
    pub image: Option<Located<String>>,
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
            Diagnostic::error(Code::FileName, msg)
                .in_file(rel)
                .with_hint("rename the file; its name is the event's id"),
        );
        return (None, problems);
    }
    let src = match read_yaml_source(abs, rel) {
        Ok(s) => s,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    let (event, more) = load_source(cx, id, abs, &src);
    problems.extend(more);
    (event, problems)
}

/// Reads an event from its file's text (`id` is the file's stem, already checked).
/// `abs` is where the file is on disk.
pub fn load_source(
    cx: &LoadContext,
    id: String,
    abs: &Path,
    src: &SourceText,
) -> (Option<Event>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let rel = src.display_path.as_path();
    problems.extend_from(src.warnings.iter().cloned());
    let raw = match EventFront::read(&src.text, src, 0) {
        Ok(r) => r,
        Err(d) => {
            problems.push(d);
            return (None, problems);
        }
    };
    // A draft is left out (and a release naming it is not an error).
    if raw.draft.as_ref().is_some_and(|d| d.value) && !cx.drafts {
        return (None, problems);
    }
    let placed =
        |place: (usize, usize), d: Diagnostic| d.in_file(rel).at(&src.text, place.0, place.1);
    let found_state = cx.states.lookup(&raw.state.value);
    if let Some(w) = found_state.alias_warning(&raw.state.value) {
        problems.push(placed(raw.state.place(), w));
    }
    let mut err = |place: (usize, usize), code: Code, msg: String, hint: &str| {
        problems.push(placed(
            place,
            Diagnostic::error(code, msg).with_hint(hint.to_string()),
        ));
    };

    let state = match found_state.region() {
        Some(r) => r.code.clone(),
        None => {
            err(
                raw.state.place(),
                Code::StateUnknown,
                format!(
                    "unknown state or union territory code `{}`",
                    raw.state.value
                ),
                &cx.states.unknown_code_hint(&raw.state.value),
            );
            String::new()
        }
    };

    let mut date = |field: &Option<Located<String>>, name: &str| -> Option<Date> {
        let f = field.as_ref()?;
        match parse_date(&f.value) {
            Ok(d) => Some(d),
            Err(msg) => {
                err(
                    f.place(),
                    Code::Date,
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
    let mut time = |field: &Option<Located<String>>, name: &str| -> Option<Time> {
        let f = field.as_ref()?;
        match parse_time(&f.value) {
            Ok(t) => Some(t),
            Err(msg) => {
                err(
                    f.place(),
                    Code::Date,
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
                Code::DatesInconsistent,
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
                        Code::DatesInconsistent,
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
                        Code::DatesInconsistent,
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
                        Code::DatesInconsistent,
                        format!("`{name}` needs a `start` date"),
                        "remove it, or replace `window` by `start` once the day is known",
                    );
                }
            }
            match (win_from, win_to) {
                (Some(from), Some(to)) if to < from => {
                    err(
                        w.value.to.place(),
                        Code::DatesInconsistent,
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
                        Code::DatesInconsistent,
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
                    Code::StatusUnknown,
                    format!("unknown status `{other}`"),
                    "use one of: scheduled, tentative, postponed, cancelled",
                );
                EventStatus::Scheduled
            }
        },
    };

    let mut warnings = Vec::new();
    let mut localized = |field: &Located<BTreeMap<String, String>>,
                         name: &str,
                         required: bool|
     -> Localized {
        let mut by_lang = BTreeMap::new();
        for (lang, text) in &field.value {
            if !cx.config.languages.contains(lang) {
                err(
                    key_place(&src.text, field.place(), lang).unwrap_or(field.place()),
                    Code::LanguageUnknown,
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
                warnings.push(placed(field.place(), w));
            }
            if !t.is_empty() {
                by_lang.insert(lang.clone(), t);
            }
        }
        if required && by_lang.is_empty() {
            err(
                field.place(),
                Code::FieldEmpty,
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
    let mut text = |field: &Option<Located<BTreeMap<String, String>>>, name: &str| {
        field
            .as_ref()
            .map(|f| localized(f, name, false))
            .filter(|l| !l.by_lang.is_empty())
    };
    let audience = text(&raw.audience, "audience");
    let register = text(&raw.register, "register");
    let organiser = text(&raw.organiser, "organiser");
    let contact_name = text(&raw.contact_name, "contact_name");

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
        ("audience", raw.audience.as_ref(), audience.as_ref()),
        ("register", raw.register.as_ref(), register.as_ref()),
        ("organiser", raw.organiser.as_ref(), organiser.as_ref()),
        (
            "contact_name",
            raw.contact_name.as_ref(),
            contact_name.as_ref(),
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
                problems.push(placed(
                    field.place(),
                    Diagnostic::warning(
                        Code::EventTextMissing,
                        format!("`{name}` has no `{lang}` text; the other language is shown"),
                    )
                    .with_hint(format!("add `{lang}: \"...\"` to `{name}`")),
                ));
            }
        }
    }

    let releases = raw
        .releases
        .iter()
        .map(|r| Located {
            value: r.value.trim().to_string(),
            at: r.at,
        })
        .collect();

    if problems.has_errors() {
        return (None, problems);
    }
    let mut fact = |r: Result<String, super::attend::Problem>| match r {
        Ok(v) => Some(v),
        Err((place, code, msg, hint)) => {
            problems.push(placed(place, Diagnostic::error(code, msg).with_hint(hint)));
            None
        }
    };
    let mut attend = Attendance {
        audience,
        register,
        organiser,
        contact_name,
        register_url: raw
            .register_url
            .as_ref()
            .and_then(|f| fact(attend::web_address(f, "register_url"))),
        contact_phone: raw
            .contact_phone
            .as_ref()
            .and_then(|f| fact(attend::phone(f))),
        contact_email: raw
            .contact_email
            .as_ref()
            .and_then(|f| fact(attend::email(f))),
        map_url: raw
            .map
            .as_ref()
            .and_then(|f| fact(attend::web_address(f, "map"))),
        coordinates: None,
    };
    if let Some(f) = &raw.coordinates {
        match attend::coordinates(f) {
            Ok(c) => attend.coordinates = Some(c),
            Err((place, code, msg, hint)) => {
                problems.push(placed(place, Diagnostic::error(code, msg).with_hint(hint)));
            }
        }
    }
    let event = Event {
        id,
        file: rel.to_path_buf(),
        source: abs.to_path_buf(),
        state,
        when,
        status,
        programme: raw
            .programme
            .map(|p| crate::text::nfc(p.value.trim()))
            .filter(|p| !p.is_empty()),
        releases,
        updated,
        title,
        city: city.filter(|c| !c.by_lang.is_empty()),
        venue: venue.filter(|c| !c.by_lang.is_empty()),
        description: description.filter(|c| !c.by_lang.is_empty()),
        description_loc: raw.description.as_ref().map(|d| d.at),
        status_loc: raw.status.as_ref().map(|s| s.at),
        image: super::release::located_value(&raw.image),
        attend,
    };
    (Some(event), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            if let Some(q) = EventFront::quick(yaml) {
                quick += 1;
                assert_eq!(Ok(q), EventFront::full(yaml), "{yaml:?}");
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
            let full = EventFront::full(&yaml).unwrap();
            if let Some(quick) = EventFront::quick(&yaml) {
                assert_eq!(quick, full, "{yaml}");
                taken += 1;
            }
        }
        assert!(taken >= 2, "the quick reader took {taken} example events");
    }
}
