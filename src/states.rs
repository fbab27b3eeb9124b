//! The registry of India's states and union territories, shipped as data
//! (`data/states.tsv`) so a code written by an author becomes a name in both languages.

/// Whether a region is a state or a union territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    /// One of the 28 states.
    State,
    /// One of the 8 union territories.
    Ut,
}

/// One state or union territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// ISO 3166-2:IN code without the `IN-` prefix, e.g. `MP`.
    pub code: String,
    /// State or UT.
    pub kind: RegionKind,
    /// English name.
    pub name_en: String,
    /// Hindi name.
    pub name_hi: String,
}

impl Region {
    /// The name in a language (`hi` gives Hindi, anything else English).
    pub fn name(&self, lang: &str) -> &str {
        if lang == "hi" {
            &self.name_hi
        } else {
            &self.name_en
        }
    }

    /// The URL segment for this region's page: the code in lower case.
    pub fn slug(&self) -> String {
        self.code.to_ascii_lowercase()
    }
}

/// All states and union territories, in the order of the data file.
#[derive(Debug, Clone)]
pub struct StateRegistry {
    regions: Vec<Region>,
}

const DATA: &str = include_str!("../data/states.tsv");

/// Codes an author may reasonably write for a state or UT that are not its current ISO
/// 3166-2:IN code, with the current code and where the other one comes from. They are
/// accepted with a warning naming the current code.
const ALIASES: &[(&str, &str, &str)] = &[
    ("CT", "CG", "the ISO 3166-2:IN code before its 2023 update"),
    (
        "OR",
        "OD",
        "the ISO 3166-2:IN code before its 2023 update (and the old vehicle code)",
    ),
    (
        "TG",
        "TS",
        "the ISO 3166-2:IN code before its 2023 update (and the vehicle registration code since 2024)",
    ),
    ("UT", "UK", "the ISO 3166-2:IN code before its 2023 update"),
    ("UA", "UK", "the vehicle registration code used until 2007"),
    (
        "DD",
        "DH",
        "the code of Daman and Diu, merged into Dadra and Nagar Haveli and Daman and Diu in 2020",
    ),
    (
        "DN",
        "DH",
        "the code of Dadra and Nagar Haveli, merged into Dadra and Nagar Haveli and Daman and Diu in 2020",
    ),
];

/// What a code an author wrote stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The current code (in any case, with or without `IN-`).
    Current(&'a Region),
    /// Another code for the same region: accepted, with a word on the current one.
    Alias {
        /// The region.
        region: &'a Region,
        /// Where the code written comes from.
        why: &'static str,
    },
    /// No such state or UT.
    Unknown,
}

impl<'a> Lookup<'a> {
    /// The region, current code or other.
    pub fn region(&self) -> Option<&'a Region> {
        match *self {
            Lookup::Current(r) | Lookup::Alias { region: r, .. } => Some(r),
            Lookup::Unknown => None,
        }
    }

    /// The warning for an alias, at the place the author wrote `written`.
    pub fn alias_warning(&self, written: &str) -> Option<crate::diagnostics::Diagnostic> {
        let Lookup::Alias { region, why } = self else {
            return None;
        };
        Some(
            crate::diagnostics::Diagnostic::warning(
                crate::diagnostics::Code::StateRenamed,
                format!(
                    "`{}` is {why}; {} is `{}` now",
                    written.trim(),
                    region.name_en,
                    region.code
                ),
            )
            .with_hint(format!("write `{}`", region.code)),
        )
    }
}

impl StateRegistry {
    /// The registry shipped with samvad.
    pub fn bundled() -> Self {
        let regions = DATA
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let code = cols.next()?.trim().to_string();
                let kind = match cols.next()?.trim() {
                    "state" => RegionKind::State,
                    _ => RegionKind::Ut,
                };
                let name_en = cols.next()?.trim().to_string();
                let name_hi = cols.next()?.trim().to_string();
                Some(Region {
                    code,
                    kind,
                    name_en,
                    name_hi,
                })
            })
            .collect();
        StateRegistry { regions }
    }

    /// Looks a code up, ignoring case and an `IN-` prefix; other codes of a region
    /// (before 2023, vehicle codes) find it too.
    pub fn get(&self, code: &str) -> Option<&Region> {
        match self.lookup(code) {
            Lookup::Current(r) | Lookup::Alias { region: r, .. } => Some(r),
            Lookup::Unknown => None,
        }
    }

    /// What the code an author wrote stands for.
    pub fn lookup(&self, code: &str) -> Lookup<'_> {
        let code = normalise_code(code);
        if let Some(r) = self.regions.iter().find(|r| r.code == code) {
            return Lookup::Current(r);
        }
        ALIASES
            .iter()
            .find(|(alias, _, _)| *alias == code)
            .and_then(|(_, current, why)| {
                let region = self.regions.iter().find(|r| r.code == *current)?;
                Some(Lookup::Alias { region, why })
            })
            .unwrap_or(Lookup::Unknown)
    }

    /// Every region.
    pub fn all(&self) -> &[Region] {
        &self.regions
    }

    /// The region whose English or Hindi name this is (an author who wrote the name
    /// where the code goes).
    pub fn by_name(&self, name: &str) -> Option<&Region> {
        let name = name.trim();
        self.regions
            .iter()
            .find(|r| r.name_en.eq_ignore_ascii_case(name) || r.name_hi == name)
    }

    /// The advice for an unknown code: the code, if a name was written, else the list.
    pub fn unknown_code_hint(&self, code: &str) -> String {
        if let Some(r) = self.by_name(code) {
            return format!(
                "`{}` is {}: write its code `{}`",
                code.trim(),
                r.name_en,
                r.code
            );
        }
        let list: Vec<String> = self
            .regions
            .iter()
            .map(|r| format!("{} ({})", r.code, r.name_en))
            .collect();
        format!("use one of: {}", list.join(", "))
    }
}

fn normalise_code(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    code.strip_prefix("IN-").unwrap_or(&code).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_has_28_states_and_8_uts() {
        let reg = StateRegistry::bundled();
        let states = reg
            .all()
            .iter()
            .filter(|r| r.kind == RegionKind::State)
            .count();
        let uts = reg
            .all()
            .iter()
            .filter(|r| r.kind == RegionKind::Ut)
            .count();
        assert_eq!((states, uts), (28, 8));
        let mut codes: Vec<_> = reg.all().iter().map(|r| r.code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 36);
    }

    #[test]
    fn lookup_is_forgiving_and_old_codes_are_explained() {
        let reg = StateRegistry::bundled();
        assert_eq!(reg.get("mp").unwrap().name("hi"), "मध्य प्रदेश");
        assert_eq!(reg.get("IN-KA").unwrap().name("en"), "Karnataka");
        assert!(reg.get("XX").is_none());
        assert!(reg.unknown_code_hint("XX").contains("MP (Madhya Pradesh)"));
    }

    #[test]
    fn a_name_written_for_a_code_is_answered_with_the_code() {
        let reg = StateRegistry::bundled();
        assert_eq!(
            reg.unknown_code_hint("मध्य प्रदेश"),
            "`मध्य प्रदेश` is Madhya Pradesh: write its code `MP`"
        );
        assert!(reg.unknown_code_hint("kerala").ends_with("`KL`"));
    }

    #[test]
    fn telangana_is_ts_and_every_other_code_for_a_state_is_an_alias() {
        let reg = StateRegistry::bundled();
        assert!(matches!(reg.lookup("TS"), Lookup::Current(r) if r.name_en == "Telangana"));
        assert!(matches!(reg.lookup("in-ts"), Lookup::Current(_)));
        for (written, current) in [
            ("TG", "TS"),
            ("IN-TG", "TS"),
            ("ct", "CG"),
            ("OR", "OD"),
            ("UT", "UK"),
            ("UA", "UK"),
            ("DD", "DH"),
            ("DN", "DH"),
        ] {
            let found = reg.lookup(written);
            let Lookup::Alias { region, .. } = found else {
                panic!("{written}: {found:?}");
            };
            assert_eq!(region.code, current, "{written}");
            let w = found.alias_warning(written).unwrap();
            assert!(w.message.contains(&format!("is `{current}` now")), "{w}");
        }
        // No alias hides a current code.
        for (alias, _, _) in ALIASES {
            assert!(reg.all().iter().all(|r| r.code != *alias), "{alias}");
        }
    }
}
