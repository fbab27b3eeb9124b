//! New files for authors: `samvad new release|event` writes a release's two files or an
//! event's file with every field present and explained in the file's language, and
//! `samvad init` a whole new site (settings, the default theme, interface strings, a
//! sample of each kind of content) that builds as it is. Nothing is overwritten.

mod pages;

pub use pages::new_pages;

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::text::names::check_slug;

/// What `new` and `init` wrote, for the message to the author.
#[derive(Debug, Clone)]
pub struct Written {
    /// Files written, relative to the site's folder.
    pub files: Vec<PathBuf>,
}

/// The default theme (its pictures too) and interface strings, carried in the program so
/// `init` needs no other files.
const THEME: &[(&str, &[u8])] = &[
    (
        "themes/default/templates/404.html",
        include_bytes!("../../themes/default/templates/404.html"),
    ),
    (
        "themes/default/templates/base.html",
        include_bytes!("../../themes/default/templates/base.html"),
    ),
    (
        "themes/default/templates/event.html",
        include_bytes!("../../themes/default/templates/event.html"),
    ),
    (
        "themes/default/templates/index.html",
        include_bytes!("../../themes/default/templates/index.html"),
    ),
    (
        "themes/default/templates/page.html",
        include_bytes!("../../themes/default/templates/page.html"),
    ),
    (
        "themes/default/templates/release.html",
        include_bytes!("../../themes/default/templates/release.html"),
    ),
    (
        "themes/default/templates/releases.html",
        include_bytes!("../../themes/default/templates/releases.html"),
    ),
    (
        "themes/default/templates/root.html",
        include_bytes!("../../themes/default/templates/root.html"),
    ),
    (
        "themes/default/templates/schedule.html",
        include_bytes!("../../themes/default/templates/schedule.html"),
    ),
    (
        "themes/default/templates/state.html",
        include_bytes!("../../themes/default/templates/state.html"),
    ),
    (
        "themes/default/templates/states.html",
        include_bytes!("../../themes/default/templates/states.html"),
    ),
    (
        "themes/default/templates/partials/event_groups.html",
        include_bytes!("../../themes/default/templates/partials/event_groups.html"),
    ),
    (
        "themes/default/templates/partials/event_item.html",
        include_bytes!("../../themes/default/templates/partials/event_item.html"),
    ),
    (
        "themes/default/templates/partials/release_item.html",
        include_bytes!("../../themes/default/templates/partials/release_item.html"),
    ),
    (
        "themes/default/static/style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "themes/default/static/filter.js",
        include_bytes!("../../themes/default/static/filter.js"),
    ),
    (
        "themes/default/static/when.js",
        include_bytes!("../../themes/default/static/when.js"),
    ),
    (
        "themes/default/static/search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "themes/default/templates/search.html",
        include_bytes!("../../themes/default/templates/search.html"),
    ),
    (
        "themes/default/templates/sitemap.html",
        include_bytes!("../../themes/default/templates/sitemap.html"),
    ),
    (
        "themes/default/static/share.js",
        include_bytes!("../../themes/default/static/share.js"),
    ),
    (
        "themes/default/templates/partials/share.html",
        include_bytes!("../../themes/default/templates/partials/share.html"),
    ),
    (
        "themes/default/static/share.png",
        include_bytes!("../../themes/default/static/share.png"),
    ),
    (
        "themes/default/static/logo.svg",
        include_bytes!("../../themes/default/static/logo.svg"),
    ),
    (
        "themes/default/static/icon.png",
        include_bytes!("../../themes/default/static/icon.png"),
    ),
    ("i18n/hi/main.ftl", include_bytes!("../../i18n/hi/main.ftl")),
    ("i18n/en/main.ftl", include_bytes!("../../i18n/en/main.ftl")),
];

/// The day and time to write into a new file: `date` (`2025-11-26`) and `date_time`
/// (`2025-11-26T15:47:00+05:30`), in the site's time zone.
#[derive(Debug, Clone)]
pub struct Today {
    /// The day.
    pub date: String,
    /// The day and time, with the zone's offset.
    pub date_time: String,
}

impl Today {
    /// Now in `zone`.
    pub fn in_zone(now: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> Today {
        let z = now.to_zoned(zone.clone());
        Today {
            date: z.strftime("%Y-%m-%d").to_string(),
            date_time: z.strftime("%Y-%m-%dT%H:%M:00%:z").to_string(),
        }
    }
}

fn refuse_existing(root: &Path, files: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
    for (rel, _) in files {
        if root.join(rel).exists() {
            return Err(Diagnostic::error(
                Code::Exists,
                format!("{} exists already; nothing was written", rel.display()),
            )
            .with_hint("choose another name, or edit the file that is there"));
        }
    }
    Ok(())
}

fn write_all<T: AsRef<[u8]>>(root: &Path, files: Vec<(PathBuf, T)>) -> Result<Written, Diagnostic> {
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = root.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| cannot_write(&path, e))?;
        }
        fs::write(&path, text).map_err(|e| cannot_write(&path, e))?;
        written.push(rel);
    }
    Ok(Written { files: written })
}

fn cannot_write(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Write, format!("cannot write {}: {e}", path.display()))
        .with_hint("check that you may write to this folder")
}

fn check_name(name: &str, what: &str) -> Result<(), Diagnostic> {
    check_slug(name).map_err(|msg| {
        Diagnostic::error(Code::FileName, msg).with_hint(format!(
            "the name of the {what} becomes its web address, the same in both languages: e.g. `gem-samvad-patna-2025`"
        ))
    })
}

/// The two files of a new release `stem` under `root`, dated `today`: every field
/// present, each explained in the file's language, kept out of the site by `draft:
/// true` until the author is done.
pub fn new_release(root: &Path, stem: &str, today: &Today) -> Result<Written, Diagnostic> {
    check_name(stem, "release")?;
    let dir = Path::new("content/releases");
    let files = vec![
        (dir.join(format!("{stem}.hi.md")), release_hi(today)),
        (dir.join(format!("{stem}.en.md")), release_en(today)),
    ];
    refuse_existing(root, &files)?;
    write_all(root, files)
}

fn release_hi(today: &Today) -> String {
    format!(
        r#"---
# शीर्षक: विज्ञप्ति का मुख्य वाक्य, जैसा प्रकाशित होगा।
title: "यहाँ विज्ञप्ति का शीर्षक लिखें"
# जारी होने की तिथि और समय (भारतीय मानक समय)। केवल तिथि भी लिखी जा सकती है: 2025-11-26
date: {date_time}
# जारी करने वाला मंत्रालय या कार्यालय।
ministry: "मंत्रालय का नाम लिखें"
# वह शहर जहाँ से विज्ञप्ति जारी हुई।
place: "शहर का नाम लिखें"
# विज्ञप्ति की पहचान संख्या, यदि हो (पत्र सूचना कार्यालय देता है)।
release_id:
# जिन राज्यों या केन्द्र शासित प्रदेशों से यह विज्ञप्ति जुड़ी है, उनके कोड, जैसे [MP, UP]।
states: []
# जिन कार्यक्रमों से यह विज्ञप्ति जुड़ी है, उनकी फ़ाइलों के नाम (content/events/ में), जैसे [gem-samvad-bhopal-2025]।
events: []
# सूचियों और खोज परिणामों में दिखने वाला एक-दो वाक्य का सार। न लिखें तो पहला अनुच्छेद लिया जाएगा।
summary:
# true रहने तक विज्ञप्ति साइट पर नहीं आएगी। प्रकाशित करने के लिए false लिखें।
draft: true
# संशोधन की तिथि, यदि विज्ञप्ति बाद में सुधारी गई हो, जैसे {date}।
updated:
---

यहाँ विज्ञप्ति का पाठ लिखें। अनुच्छेदों के बीच एक खाली पंक्ति छोड़ें।
"#,
        date_time = today.date_time,
        date = today.date,
    )
}

fn release_en(today: &Today) -> String {
    format!(
        r#"---
# The headline, as it will be published.
title: "Write the headline of the release here"
# When it is issued, in Indian Standard Time. A date alone also works: 2025-11-26
date: {date_time}
# The ministry or office that issues it.
ministry: "Write the name of the ministry"
# The city it is issued from (the dateline).
place: "Write the name of the city"
# The release number, if it has one (the Press Information Bureau gives it).
release_id:
# Codes of the states or union territories it concerns, such as [MP, UP].
states: []
# File names (in content/events/) of the events it concerns, such as [gem-samvad-bhopal-2025].
events: []
# One or two sentences for lists and search results. Leave it out to use the first paragraph.
summary:
# While this is true the release stays off the site. Write false to publish it.
draft: true
# The date of a correction, if the release is corrected later, such as {date}.
updated:
---

Write the text of the release here. Leave an empty line between paragraphs.
"#,
        date_time = today.date_time,
        date = today.date,
    )
}

/// The file of a new event `id` under `root`: every field present and explained, in
/// both languages (an event's facts are written once, its texts per language), kept
/// out of the site by `draft: true`.
pub fn new_event(root: &Path, id: &str, today: &Today) -> Result<Written, Diagnostic> {
    check_name(id, "event")?;
    let files = vec![(
        Path::new("content/events").join(format!("{id}.yaml")),
        event_file(today),
    )];
    refuse_existing(root, &files)?;
    write_all(root, files)
}

fn event_file(today: &Today) -> String {
    format!(
        r#"# राज्य या केन्द्र शासित प्रदेश का कोड / The state or union territory's code (MP, UP, TS ...).
state: MP
# कार्यक्रम का दिन / The day: YYYY-MM-DD. When only a range is known, remove it and give `window: {{from: ..., to: ...}}`.
start: {date}
# अंतिम दिन, यदि कार्यक्रम कई दिन चले / The last day, for an event over several days.
end:
# आरंभ और समाप्ति का समय (भारतीय मानक समय) / Start and end time, IST, as "HH:MM".
time:
end_time:
# scheduled (निर्धारित), tentative (संभावित), postponed (स्थगित) या/or cancelled (रद्द).
status: scheduled
# एक ही कार्यक्रम-शृंखला के आयोजनों का साझा नाम / A name shared by the events of one programme.
programme:
# इससे जुड़ी विज्ञप्तियों की फ़ाइलों के नाम / File names (in content/releases/) of related releases.
releases: []
# शीर्षक, दोनों भाषाओं में / The title, in both languages.
title: {{hi: "यहाँ कार्यक्रम का शीर्षक लिखें", en: "Write the title of the event here"}}
# शहर / The city.
city: {{hi: "शहर", en: "City"}}
# स्थान / The venue.
venue:
# विवरण (Markdown) / The description (Markdown).
description:
# कौन भाग ले सकता है, दोनों भाषाओं में / Who may attend, in both languages.
audience:
# पंजीकरण का वेब पता (https://...) और पंजीकरण का तरीका / Where to register (https://...), and how, in both languages.
register_url:
register:
# आयोजक / The organiser, in both languages.
organiser:
# संपर्क: नाम (दोनों भाषाओं में), फ़ोन नंबर, ई-मेल / Contact: a name (in both languages), a phone number, an e-mail address.
contact_name:
contact_phone:
contact_email:
# स्थान का मानचित्र (वेब पता), या अक्षांश और देशांतर जैसे "23.2599, 77.4126" / A map of the venue (a web address), or its latitude and longitude.
map:
coordinates:
# true रहने तक कार्यक्रम साइट पर नहीं आएगा / While this is true the event stays off the site.
draft: true
# तथ्यों में पिछला बदलाव / When its facts last changed, such as {date}.
updated:
"#,
        date = today.date,
    )
}

/// A new site in `dir`, which must be empty or not exist: settings, the default theme,
/// interface strings, a sample release in both languages, a sample event, and the pages
/// every government site must have, with placeholders. It builds as it is (with a
/// warning for each placeholder).
pub fn init(dir: &Path, today: &Today) -> Result<Written, Diagnostic> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(
                Code::Exists,
                format!(
                    "{} is not empty; a new site is made in an empty folder only",
                    dir.display()
                ),
            )
            .with_hint("name a new folder, e.g. `samvad init my-site`"));
        }
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = THEME
        .iter()
        .map(|(rel, bytes)| (PathBuf::from(rel), bytes.to_vec()))
        .collect();
    let mut text = |rel: &str, t: String| files.push((rel.into(), t.into_bytes()));
    text("site.yaml", SITE_YAML.to_string());
    text(
        "content/releases/sample-release.hi.md",
        sample_release_hi(today),
    );
    text(
        "content/releases/sample-release.en.md",
        sample_release_en(today),
    );
    text("content/events/sample-event.yaml", sample_event(today));
    for (rel, page) in pages::files() {
        files.push((rel, page.into_bytes()));
    }
    write_all(dir, files)
}

const SITE_YAML: &str = r#"# The site's settings. README.md of samvad describes every field.
title:
  hi: "साइट का नाम यहाँ लिखें"
  en: "Write the name of the site here"
description:
  hi: "साइट के बारे में एक वाक्य।"
  en: "One sentence about the site."
# The address the site will be served from.
base_url: "https://example.gov.in"
languages: [hi, en]
default_language: hi
theme: default
time_zone: Asia/Kolkata
releases_per_page: 10
# Whose site this is, shown on every page (GIGW 3.0): write them, then remove the #s.
# owner: {hi: "मंत्रालय या विभाग का नाम", en: "Name of the ministry or department"}
# logo: {src: assets/logo.svg, alt: {hi: "प्रतीक चिह्न किसका है", en: "Whose emblem it is"}}
# contact: {hi: "संपर्क: कार्यालय, शहर (ई-मेल: ...)", en: "Contact: office, city (e-mail: ...)"}
# reviewed: 2025-11-28
"#;

fn sample_release_hi(today: &Today) -> String {
    format!(
        r#"---
title: "नमूना विज्ञप्ति: इसे बदलें या हटाएँ"
date: {date}
ministry: "मंत्रालय का नाम"
place: "नई दिल्ली"
summary: "यह samvad init से बनी नमूना विज्ञप्ति है।"
---

यह नमूना विज्ञप्ति है, ताकि नई साइट पहली बार में ही बन सके। इसे अपनी विज्ञप्ति से बदलें, या इसकी दोनों फ़ाइलें (`sample-release.hi.md` और `sample-release.en.md`) हटा दें।

नई विज्ञप्ति के लिए `samvad new release <नाम>` चलाएँ।
"#,
        date = today.date
    )
}

fn sample_release_en(today: &Today) -> String {
    format!(
        r#"---
title: "Sample release: replace or remove it"
date: {date}
ministry: "Name of the ministry"
place: "New Delhi"
summary: "A sample release made by samvad init."
---

This is a sample release, so that the new site builds the first time. Replace it with your own release, or remove both its files (`sample-release.hi.md` and `sample-release.en.md`).

For a new release, run `samvad new release <name>`.
"#,
        date = today.date
    )
}

fn sample_event(today: &Today) -> String {
    format!(
        r#"# A sample event, so that the new site builds the first time: replace or remove it.
state: DL
start: {date}
status: tentative
title: {{hi: "नमूना कार्यक्रम: इसे बदलें या हटाएँ", en: "Sample event: replace or remove it"}}
city: {{hi: "नई दिल्ली", en: "New Delhi"}}
"#,
        date = today.date
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The theme carried in the program is the repository's, file for file.
    #[test]
    fn the_carried_theme_is_the_repositorys() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(repo.join("themes/default"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(repo)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.extend([
            "i18n/hi/main.ftl".to_string(),
            "i18n/en/main.ftl".to_string(),
        ]);
        on_disk.sort();
        let mut carried: Vec<String> = THEME.iter().map(|(p, _)| p.to_string()).collect();
        carried.sort();
        assert_eq!(carried, on_disk, "add the theme's new files to THEME");
    }
}
