//! A catalogue of bad inputs, one test each, run through the `samvad` command as an
//! author runs it. Every case starts from a copy of the example site as it is after a
//! successful build (the published folder and the working copy beside it), breaks it in
//! one way and builds again. The run must fail with exit status 1 (not a crash), leave the
//! published folder, the working copy and the site's own files exactly as they were, and
//! print what its snapshot holds: the whole of standard error, with the site's folder
//! written `[SITE]`. Read a snapshot as the author would: it names the file, line and
//! column, says what is wrong in words about their file, and says how to fix it.
//!
//! Cases marked `devanagari` also require the printed code frame to show a line of
//! Devanagari text, so the frames of Hindi files cannot regress unseen.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::{NOW, assert_same_files, copy_dir, repo, snapshot};

const EN: &str = "content/releases/kreta-samvad-bhopal.en.md";
const HI: &str = "content/releases/kreta-samvad-bhopal.hi.md";
const EVENT: &str = "content/events/kreta-samvad-bhopal-2025.yaml";
const WINDOW_EVENT: &str = "content/events/gem-samvad-karnataka-2019.yaml";
const ABOUT_EN: &str = "content/pages/about.en.md";
const SITE: &str = "site.yaml";
const FTL_EN: &str = "i18n/en/main.ftl";
const FTL_HI: &str = "i18n/hi/main.ftl";
const PAGE: &str = "themes/default/templates/page.html";

/// One way of breaking the site (or of running the command).
enum Step {
    /// Replaces `from` (which must occur) by `to` in a file.
    Edit(&'static str, &'static str, &'static str),
    /// Replaces the first line starting with a prefix by other text.
    Set(&'static str, &'static str, &'static str),
    /// Adds a line after the first line starting with a prefix.
    After(&'static str, &'static str, &'static str),
    /// Removes the first line starting with a prefix.
    DeleteLine(&'static str, &'static str),
    /// Adds text at the end of a file.
    Append(&'static str, &'static str),
    /// Writes a file.
    Write(&'static str, &'static str),
    /// Puts raw bytes into a file right after the first occurrence of a text.
    Splice(&'static str, &'static str, &'static [u8]),
    /// Saves a file as UTF-16 (little-endian, with a byte-order mark), as some editors do.
    Utf16(&'static str),
    /// Removes a file.
    Remove(&'static str),
    /// Renames a file.
    Rename(&'static str, &'static str),
    /// Copies a file.
    Copy(&'static str, &'static str),
    /// Extra arguments for the command; `{SITE}` is the site's folder.
    Args(&'static [&'static str]),
    /// Runs `samvad check` instead of `samvad build`.
    Check,
    /// Anything else; what it returns (a held lock) is kept until the run is over.
    Custom(fn(&Path) -> Option<fs::File>),
}

use Step::*;

macro_rules! case {
    ($(#[$attr:meta])* devanagari $name:ident: $($step:expr),+ $(,)?) => {
        $(#[$attr])*
        #[test]
        fn $name() {
            run_case(stringify!($name), true, vec![$($step),+]);
        }
    };
    ($(#[$attr:meta])* $name:ident: $($step:expr),+ $(,)?) => {
        $(#[$attr])*
        #[test]
        fn $name() {
            run_case(stringify!($name), false, vec![$($step),+]);
        }
    };
}

// Press releases: front matter.
case!(release_without_opening_dashes: Edit(EN, "---\ntitle:", "title:"));
case!(release_front_matter_not_closed: Edit(EN, "\n---\n\n", "\n\n"));
case!(release_tab_in_front_matter: Set(EN, "states:", "states:\n\t- MP"));
case!(release_states_as_plain_text: Set(EN, "states:", "states: MP, UP"));
case!(release_empty_ministry: Set(EN, "ministry:", "ministry:"));
case!(release_place_as_a_list: Set(EN, "place:", "place: [Delhi, Bhopal]"));
case!(release_ministry_as_fields: Set(EN, "ministry:", "ministry: {name: \"Ministry of Commerce and Industry\"}"));
case!(release_field_written_twice: After(EN, "place:", "place: \"Bhopal\""));
case!(release_misspelt_field: Edit(EN, "summary:", "summry:"));
case!(release_unknown_field: After(EN, "place:", "author: \"Press Information Bureau\""));
case!(release_missing_ministry: DeleteLine(EN, "ministry:"));
case!(release_unclosed_quote: Set(EN, "place:", "place: \"Delhi"));
case!(release_bad_escape: Set(EN, "place:", r#"place: "Delhi\Bhopal""#));
case!(release_lone_surrogate_escape: Set(EN, "place:", r#"place: "\ud800""#));
case!(release_bad_date: Set(EN, "date:", "date: 26/11/2025"));
case!(release_bad_date_time: Set(EN, "date:", "date: 2025-11-26T25:47:00+05:30"));
case!(release_date_with_am_pm: Set(EN, "date:", "date: 2025-11-26 3:47 PM"));
case!(release_draft_maybe: After(EN, "summary:", "draft: maybe"));
case!(release_unknown_state: Set(EN, "states:", "states: [MP, XY]"));
case!(release_unknown_event: Set(EN, "events:", "events: [kreta-samvad-bhopal-2052]"));
case!(release_empty_title: Set(EN, "title:", "title: \"\""));
case!(release_wrong_language_suffix: Rename(EN, "content/releases/kreta-samvad-bhopal.eng.md"));
case!(release_language_not_in_site: Copy(EN, "content/releases/kreta-samvad-bhopal.ta.md"));
case!(release_written_twice_in_one_language: Copy(EN, "content/releases/2025/kreta-samvad-bhopal.en.md"));

// Press releases in Hindi: the frame shows the Hindi line.
case!(devanagari hi_release_date_in_devanagari_digits: Set(HI, "date:", "date: २०२५-११-२६"));
case!(devanagari hi_release_unclosed_quote_in_title: Set(HI, "title:", "title: \"भोपाल में 28 नवम्बर को जेम क्रेता संवाद"));
case!(devanagari hi_release_state_written_as_a_name: Set(HI, "states:", "states: [मध्य प्रदेश]"));
case!(devanagari hi_release_event_written_in_hindi: Set(HI, "events:", "events: [भोपाल-क्रेता-संवाद]"));
case!(devanagari hi_release_draft_in_hindi: After(HI, "summary:", "draft: हाँ"));
case!(devanagari hi_release_place_as_a_list: Set(HI, "place:", "place: [दिल्ली, भोपाल]"));
case!(devanagari hi_release_misspelt_field: Edit(HI, "ministry:", "mantralaya:"));
case!(devanagari hi_release_field_written_twice: After(HI, "place:", "place: \"भोपाल\""));
case!(devanagari hi_release_bad_escape: Set(HI, "place:", r#"place: "नई\दिल्ली""#));
case!(devanagari hi_release_invalid_utf8: Splice(HI, "title: \"भोपाल", b"\xe0\xa4"));

// Events.
case!(event_missing_state: DeleteLine(EVENT, "state:"));
case!(event_unknown_state: Set(EVENT, "state:", "state: XY"));
case!(devanagari event_state_in_devanagari: Set(EVENT, "state:", "state: मप्र"));
case!(event_bad_start: Set(EVENT, "start:", "start: 28-11-2025"));
case!(event_end_before_start: After(EVENT, "start:", "end: 2025-11-20"));
case!(event_time_without_start: After(WINDOW_EVENT, "window:", "time: \"10:00\""));
case!(event_bad_time: After(EVENT, "start:", "time: \"9:00\""));
case!(event_window_as_plain_value: Set(WINDOW_EVENT, "window:", "window: 2019-12-19"));
case!(event_window_with_unknown_key: Set(WINDOW_EVENT, "window:", "window: {from: 2019-12-19, until: 2020-02-17}"));
case!(event_window_ends_before_it_starts: Set(WINDOW_EVENT, "window:", "window: {from: 2020-02-19, to: 2020-02-17}"));
case!(event_start_and_window: After(EVENT, "start:", "window: {from: 2025-11-01, to: 2025-11-30}"));
case!(event_unknown_status: Set(EVENT, "status:", "status: postpone"));
case!(devanagari event_status_in_hindi: Set(EVENT, "status:", "status: स्थगित"));
case!(event_title_as_plain_text: Set(EVENT, "title:", "title: \"GeM Kreta Samvad in Bhopal\""));
case!(devanagari event_title_in_a_language_the_site_lacks: Set(EVENT, "title:", "title: {hi: \"भोपाल में जेम क्रेता संवाद\", en: \"GeM Kreta Samvad in Bhopal\", ta: \"போபாலில் ஜெம் க்ரேதா சம்வாத்\"}"));
case!(event_unknown_release: Set(EVENT, "releases:", "releases: [kreta-samvad-indore]"));
case!(event_field_written_twice: After(EVENT, "status:", "status: tentative"));
case!(event_empty_file: Write(EVENT, ""));
case!(event_second_document: Append(EVENT, "---\nstate: MP\n"));
// The frame shows the line after the mistake, not the Hindi line: see the snapshot.
case!(event_venue_not_closed: Set(EVENT, "venue:", "venue: {hi: \"मिन्टो हॉल\", en: \"Minto Hall\""));
case!(devanagari event_city_bad_escape: Set(EVENT, "city:", r#"city: {hi: "भोपाल\q", en: "Bhopal"}"#));
// The frame shows the line after the mistake, not the Hindi line: see the snapshot.
case!(event_tab_in_hindi_description: Edit(EVENT, "    वाणिज्य एवं", "\tवाणिज्य एवं"));
case!(event_invalid_utf8: Splice(EVENT, "en: \"Minto", b"\xff"));

// site.yaml.
case!(site_yaml_missing: Remove(SITE));
case!(site_yaml_unclosed_list: Set(SITE, "languages:", "languages: [hi, en"));
case!(site_base_url_without_scheme: Set(SITE, "base_url:", "base_url: \"example.gov.in\""));
case!(site_unknown_language: Set(SITE, "languages:", "languages: [hi, eng]"));
case!(site_default_language_not_in_languages: Set(SITE, "default_language:", "default_language: ta"));
case!(site_unknown_time_zone: Set(SITE, "time_zone:", "time_zone: IST"));
case!(site_releases_per_page_zero: Set(SITE, "releases_per_page:", "releases_per_page: 0"));
case!(site_theme_outside_themes: Set(SITE, "theme:", "theme: ../x"));
case!(site_theme_folder_missing: Set(SITE, "theme:", "theme: dark"));
// The frame shows the line after the mistake, not the Hindi line: see the snapshot.
case!(site_hindi_title_not_closed: Set(SITE, "  hi: \"जेम संवाद", "  hi: \"जेम संवाद: आउटरीच और प्रेस विज्ञप्तियां"));
case!(site_bad_value_and_bad_release:
    Set(SITE, "releases_per_page:", "releases_per_page: 0"),
    Set(EN, "states:", "states: [MP, XY]"),
);

// Interface strings (.ftl).
case!(devanagari ftl_syntax_error_on_a_hindi_line: Edit(FTL_HI, "nav-home = मुखपृष्ठ", "nav-home मुखपृष्ठ"));
case!(ftl_date_format_wrong_variable: Edit(FTL_HI, "date-format = { $day } { $month }", "date-format = { $day } { $mahina }"));
case!(ftl_date_format_without_month: Edit(FTL_EN, "date-format = { $day } { $month } { $year }", "date-format = { $day } { $year }"));
case!(ftl_variable_no_one_gives: Edit(FTL_EN, "nav-home = Home", "nav-home = Home { $x }"));
case!(devanagari ftl_hindi_month_with_a_variable: Edit(FTL_HI, "month-11 = नवम्बर", "month-11 = नवम्बर { $x }"));
case!(ftl_message_missing_in_hindi: DeleteLine(FTL_HI, "nav-schedule ="));
case!(devanagari ftl_reference_to_a_missing_message: Edit(FTL_HI, "nav-home = मुखपृष्ठ", "nav-home = { home-page } मुखपृष्ठ"));
case!(devanagari ftl_unclosed_placeable_on_a_hindi_line: Edit(FTL_HI, "state-events = { $state }", "state-events = { $state"));
case!(devanagari ftl_message_written_twice: Edit(FTL_HI, "nav-home = मुखपृष्ठ", "nav-home = मुखपृष्ठ\nnav-home = होम"));

// Templates.
case!(template_syntax_error: Edit(PAGE, "{{ body | safe }}", "{{ body | safe }"));
case!(template_unknown_function: Edit(PAGE, "{{ page_title | lang_parts }}", "{{ tr(key=\"nav-home\") }}"));
case!(template_unknown_filter: Edit(PAGE, "{{ page_title | lang_parts }}", "{{ page_title | capitalise }}"));
case!(template_unknown_variable: Edit(PAGE, "{{ page_title | lang_parts }}", "{{ page_titel }}"));
case!(template_interface_string_no_language_has: Edit(PAGE, "{{ page_title | lang_parts }}", "{{ t(key=\"page-heading\") }}"));

// Encodings.
case!(release_invalid_utf8: Splice(EN, "place: \"", b"\xe9"));
case!(release_saved_as_utf16: Utf16(EN));
case!(event_saved_as_utf16: Utf16(EVENT));

// Names and paths.
case!(release_stem_with_capitals: Rename(EN, "content/releases/Kreta-Samvad-Bhopal.en.md"));
case!(release_stem_with_spaces: Rename(EN, "content/releases/kreta samvad bhopal.en.md"));
case!(release_named_con: Copy(HI, "content/releases/con.hi.md"));
case!(event_named_nul: Copy(EVENT, "content/events/nul.yaml"));
case!(page_named_releases: Copy(ABOUT_EN, "content/pages/releases.en.md"));

// The output folder.
case!(output_folder_not_made_by_samvad:
    Write("www/index.html", "<h1>Our old site</h1>\n"),
    Args(&["--output", "{SITE}/www"]),
);
case!(output_folder_marker_removed: Remove("public/.samvad-output"));
case!(output_folder_is_a_link: Custom(link_live_to_public), Args(&["--output", "{SITE}/live"]));
case!(output_folder_inside_theme_static: Args(&["--output", "{SITE}/themes/default/static/site"]));
case!(output_folder_locked_with_no_wait: Custom(hold_lock), Args(&["--no-wait"]));
case!(check_refuses_a_build_folder_not_made_by_samvad:
    Check,
    Write("build/index.html", "<h1>Made by hand</h1>\n"),
    Args(&["--output", "{SITE}/build"]),
);

/// `live -> public`, as a deploy script might make it.
fn link_live_to_public(site: &Path) -> Option<fs::File> {
    #[cfg(unix)]
    std::os::unix::fs::symlink("public", site.join("live")).expect("make the link");
    #[cfg(not(unix))]
    let _ = site;
    None
}

/// Holds the lock of `public` as another build would.
fn hold_lock(site: &Path) -> Option<fs::File> {
    let path = site.join(".public.lock");
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .expect("open the lock file");
    file.lock().expect("take the lock");
    fs::write(&path, "process 4242").expect("write the holder");
    Some(file)
}

/// The example site, built once per test process; each case copies it.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("catalogue");
        fs::create_dir_all(&base).expect("create the template's folder");
        remove_stale_templates(&base);
        let dir = base.join(format!("template-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the template");
        let repo = repo();
        fs::copy(repo.join("site.yaml"), dir.join("site.yaml")).expect("copy site.yaml");
        for sub in ["content", "i18n", "themes"] {
            copy_dir(&repo.join(sub), &dir.join(sub));
        }
        // Built twice, so the working copy of the next build is there too, as on the
        // machine of an author who has built before.
        for _ in 0..2 {
            let out = samvad(&dir, "build", &[]);
            assert!(
                out.status.success(),
                "the example site does not build:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(dir.join("public/.samvad-output").is_file());
        assert!(dir.join(".public.next").is_dir());
        dir
    })
}

/// Templates of test processes that are gone (Linux only: elsewhere they are kept).
fn remove_stale_templates(base: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    for entry in fs::read_dir(base).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("template-")
            && !Path::new("/proc").join(pid).exists()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Copies a folder with every file's bytes (and links as links).
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the template");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        let kind = entry.file_type();
        if kind.is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(entry.path()).unwrap(), &target)
                .expect("copy link");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn samvad(site: &Path, command: &str, extra: &[String]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samvad"))
        .args([command, "--now", NOW, "--root"])
        .arg(site)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("samvad runs")
}

/// One thing in a folder: a file with its bytes, a link with its target, an empty folder.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Link(PathBuf),
    EmptyFolder,
}

/// Everything under `root` (the site's inputs, the published folder and the working copy
/// beside it), without following links.
fn tree(root: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.expect("walk the site");
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry.file_type();
        let value = if kind.is_symlink() {
            Entry::Link(fs::read_link(entry.path()).unwrap())
        } else if kind.is_dir() {
            if fs::read_dir(entry.path()).unwrap().next().is_some() {
                continue;
            }
            Entry::EmptyFolder
        } else {
            Entry::File(fs::read(entry.path()).expect("read"))
        };
        out.insert(rel, value);
    }
    out
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn text_of(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn write_file(site: &Path, rel: &str, bytes: &[u8]) {
    let path = site.join(rel);
    fs::create_dir_all(path.parent().unwrap()).expect("create folder");
    fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
}

/// The byte range of the first line of `text` that starts with `prefix`, newline included.
fn line_starting(text: &str, rel: &str, prefix: &str) -> std::ops::Range<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(prefix) {
            return start..start + line.len();
        }
        start += line.len();
    }
    panic!("{rel} has no line starting with {prefix:?}")
}

/// Applies one step; returns what must be kept alive during the run.
fn apply(site: &Path, step: &Step, args: &mut Vec<String>, command: &mut &str) -> Option<fs::File> {
    match *step {
        Edit(rel, from, to) => {
            let old = text_of(site, rel);
            assert!(old.contains(from), "{rel} does not contain {from:?}");
            write_file(site, rel, old.replacen(from, to, 1).as_bytes());
        }
        Set(rel, prefix, to) => {
            let mut text = text_of(site, rel);
            let range = line_starting(&text, rel, prefix);
            text.replace_range(range, &format!("{to}\n"));
            write_file(site, rel, text.as_bytes());
        }
        After(rel, prefix, line) => {
            let mut text = text_of(site, rel);
            let range = line_starting(&text, rel, prefix);
            text.insert_str(range.end, &format!("{line}\n"));
            write_file(site, rel, text.as_bytes());
        }
        DeleteLine(rel, prefix) => {
            let mut text = text_of(site, rel);
            let range = line_starting(&text, rel, prefix);
            text.replace_range(range, "");
            write_file(site, rel, text.as_bytes());
        }
        Append(rel, more) => {
            let text = text_of(site, rel);
            write_file(site, rel, format!("{text}{more}").as_bytes());
        }
        Write(rel, text) => write_file(site, rel, text.as_bytes()),
        Splice(rel, after, bytes) => {
            let text = text_of(site, rel);
            let at = text
                .find(after)
                .unwrap_or_else(|| panic!("{rel}: no {after:?}"))
                + after.len();
            let mut out = text.as_bytes()[..at].to_vec();
            out.extend_from_slice(bytes);
            out.extend_from_slice(&text.as_bytes()[at..]);
            write_file(site, rel, &out);
        }
        Utf16(rel) => {
            let text = text_of(site, rel);
            let mut out = vec![0xff, 0xfe];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            write_file(site, rel, &out);
        }
        Remove(rel) => {
            fs::remove_file(site.join(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"))
        }
        Rename(from, to) => fs::rename(site.join(from), site.join(to)).expect("rename"),
        Copy(from, to) => {
            let bytes = fs::read(site.join(from)).expect("read");
            write_file(site, to, &bytes);
        }
        Args(extra) => {
            let place = site.to_string_lossy();
            args.extend(extra.iter().map(|a| a.replace("{SITE}", &place)));
        }
        Check => *command = "check",
        Custom(f) => return f(site),
    }
    None
}

/// Standard error with the site's folder written `[SITE]`.
fn normalised(stderr: &[u8], site: &Path) -> String {
    let mut text = String::from_utf8(stderr.to_vec()).expect("standard error is UTF-8");
    let mut places = vec![site.to_string_lossy().into_owned()];
    if let Ok(real) = fs::canonicalize(site) {
        places.push(real.to_string_lossy().into_owned());
    }
    places.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for place in places {
        text = text.replace(&place, "[SITE]");
    }
    text
}

/// True when a line of a code frame (`12 | ...`) shows Devanagari text.
fn frame_shows_devanagari(stderr: &str) -> bool {
    stderr.lines().any(|line| {
        let line = line.trim_start();
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        digits > 0
            && line[digits..].starts_with(" | ")
            && line.chars().any(|c| ('\u{0900}'..='\u{097f}').contains(&c))
    })
}

fn run_case(name: &str, devanagari: bool, steps: Vec<Step>) {
    let dir = tempfile::Builder::new()
        .prefix("samvad-catalogue-")
        .tempdir()
        .expect("create a temporary folder");
    let site = dir.path();
    copy_tree(template(), site);
    assert!(
        snapshot(&site.join("public")).len() > 40,
        "the copy holds the built site"
    );

    let mut args = Vec::new();
    let mut command = "build";
    let held: Vec<fs::File> = steps
        .iter()
        .filter_map(|s| apply(site, s, &mut args, &mut command))
        .collect();
    let before = tree(site);
    let beside = names_in(site);
    let published = snapshot(&site.join("public"));

    let out = samvad(site, command, &args);
    drop(held);
    let stderr = normalised(&out.stderr, site);

    assert!(!stderr.contains("panicked"), "samvad crashed:\n{stderr}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status; standard error:\n{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "a failed run prints nothing on standard output: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_same_files(&published, &snapshot(&site.join("public")));
    assert_eq!(names_in(site), beside, "something new beside the output");
    let after = tree(site);
    for (path, entry) in &before {
        assert!(after.get(path) == Some(entry), "{path} changed or is gone");
    }
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(added.is_empty(), "files added: {added:?}");
    if devanagari {
        assert!(
            frame_shows_devanagari(&stderr),
            "no line of Devanagari in a frame:\n{stderr}"
        );
    }
    insta::assert_snapshot!(name, stderr);
}
