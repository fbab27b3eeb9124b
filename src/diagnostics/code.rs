//! The stable codes of problems: one name per kind of problem, printed in
//! `check --format json` so that a script or an editor can act on a kind without reading
//! the words (which may be reworded). A code never changes its meaning; new ones are
//! added, none is reused. The README lists them all (a test keeps the two in step).

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)*) => {
        /// The kind of a problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the catalogue.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The code as written in JSON and in the README.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// What the code means, in one line (the README's table).
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!($($doc),*).trim_ascii(),)*
                }
            }
        }
    };
}

codes! {
    // Reading files.
    /// A file or folder cannot be read.
    Unreadable = "unreadable",
    /// A file changed while the site was being built.
    ChangedDuringBuild = "changed-during-build",
    /// A file is not saved as UTF-8 text.
    Encoding = "encoding",
    /// A character that cannot be published (a control character, a noncharacter) was replaced.
    UnpublishableCharacter = "unpublishable-character",
    /// A Markdown file has no front matter, or its front matter is not closed.
    FrontMatter = "front-matter",
    /// The fields of a file cannot be read as `name: value` lines.
    Syntax = "syntax",
    /// A field is not of the kind it takes (a list, a text, one text per language, a date).
    FieldKind = "field-kind",
    /// A field is empty.
    FieldEmpty = "field-empty",
    /// A field name is not one this file takes (often a misspelling; the hint names the likely field).
    FieldUnknown = "field-unknown",
    /// A required field is missing.
    FieldMissing = "field-missing",
    /// A field is written twice, or the file has a second set of fields.
    FieldTwice = "field-twice",
    /// A file in a content folder does not end in the extension that folder takes, and is ignored.
    FileIgnored = "file-ignored",
    /// A file name is not a usable web address, or does not end in a language of the site.
    FileName = "file-name",
    // Settings.
    /// There is no `site.yaml`.
    SiteMissing = "site-missing",
    /// A setting in `site.yaml` is wrong (languages, base URL, time zone, page size).
    Setting = "setting",
    /// The site has no title in one of its languages.
    SiteTitleMissing = "site-title-missing",
    /// `site.yaml` does not say whose site it is (owner, logo, contact line, date last reviewed).
    IdentityMissing = "identity-missing",
    /// The theme named in `site.yaml` does not exist.
    ThemeMissing = "theme-missing",
    /// The build time given with `--now` or `SOURCE_DATE_EPOCH` cannot be read.
    BuildTime = "build-time",
    // Content.
    /// There is no `content` folder.
    ContentMissing = "content-missing",
    /// `content/` is empty, and building would replace a published site with an empty one.
    ContentEmpty = "content-empty",
    /// A text is in a language the site does not have.
    LanguageUnknown = "language-unknown",
    /// A date or a time cannot be read.
    Date = "date",
    /// An event's dates do not fit together (it ends before it starts; both `start` and `window`).
    DatesInconsistent = "dates-inconsistent",
    /// A release or page has an empty title.
    TitleEmpty = "title-empty",
    /// A state or union territory code is unknown.
    StateUnknown = "state-unknown",
    /// A state code that was renamed or merged; the current code is named.
    StateRenamed = "state-renamed",
    /// An event status is not one of the known ones.
    StatusUnknown = "status-unknown",
    /// A release, page or event id is written twice.
    Duplicate = "duplicate",
    /// A page name is an address the site uses itself.
    PageNameReserved = "page-name-reserved",
    /// A release names an event that does not exist, or an event a release that does not.
    ReferenceUnknown = "reference-unknown",
    /// A release or page exists in one language only.
    TranslationMissing = "translation-missing",
    /// An event's text is missing in a language; the other language is shown.
    EventTextMissing = "event-text-missing",
    /// The two translations of a release disagree on a fact (date, states, event).
    TranslationsDisagree = "translations-disagree",
    /// One language's text of a release or page was corrected after the other's last change: the other may be out of date.
    TranslationStale = "translation-stale",
    /// A tentative event whose dates have passed, or a postponed one whose old date has.
    OutcomeUnrecorded = "outcome-unrecorded",
    /// A page every government site must have (about, contact, the policies…) is missing in a language.
    RequiredPageMissing = "required-page-missing",
    /// A placeholder `[[ … ]]` for what only the site's owner can write is still in a page.
    PlaceholderLeft = "placeholder-left",
    /// Two releases or pages of one language have the same title, so readers and search engines cannot tell them apart.
    TitleDuplicate = "title-duplicate",
    /// A page has a title and nothing else.
    PageEmpty = "page-empty",
    // Texts.
    /// A link or an image within the site leads to no page, file or part of a page.
    LinkBroken = "link-broken",
    /// A link that a browser would run as a program was removed.
    LinkUnsafe = "link-unsafe",
    /// An image whose address is neither a web address nor a file of the site was removed.
    ImageRemoved = "image-removed",
    /// Raw HTML was filtered out of a text.
    HtmlRemoved = "html-removed",
    /// A heading's id or attributes were changed.
    Heading = "heading",
    /// A picture has no description for readers who cannot see it (and is not marked decorative).
    ImageAltMissing = "image-alt-missing",
    /// A link's text ("click here", "यहाँ क्लिक करें") does not say where it leads.
    LinkTextVague = "link-text-vague",
    /// A heading skips a level (`##` then `####`).
    HeadingSkipped = "heading-skipped",
    // Theme and interface strings.
    /// A template is missing, or the theme has no templates folder.
    TemplateMissing = "template-missing",
    /// A template has an error (syntax, an unknown filter or function, a failed render).
    Template = "template",
    /// An interface string is missing in a language, or asked for and defined nowhere.
    StringMissing = "string-missing",
    /// An interface string cannot be used as written (no text, a wrong or missing variable, a control character).
    StringInvalid = "string-invalid",
    /// An interface string is written twice in a language.
    StringTwice = "string-twice",
    /// A `.ftl` file has a syntax error.
    FluentSyntax = "fluent-syntax",
    /// Interface strings present in one language only, not used by the theme.
    StringsUnused = "strings-unused",
    // Writing.
    /// The output folder cannot be used as it is (not made by samvad, a link, inside the input, a mount point).
    OutputPlace = "output-place",
    /// Another build or server is writing to the output folder.
    OutputLocked = "output-locked",
    /// A file cannot be written.
    Write = "write",
    /// A file or folder to be made exists already (`new`, `init`).
    Exists = "exists",
    // Serving.
    /// The server cannot start or stopped (port taken, address, watcher).
    Serve = "serve",
    /// samvad itself failed; please report it.
    Internal = "internal",
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn names_are_unique_kebab_case_and_every_code_has_a_meaning() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            let n = c.name();
            assert!(seen.insert(n), "{n} twice");
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
            assert!(!c.meaning().is_empty(), "{n}");
        }
    }
}
