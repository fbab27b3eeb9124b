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

/// Codes that ISO 3166-2:IN replaced in 2023, with their replacements, so an author using
/// an old list is told what to write instead.
const RENAMED: &[(&str, &str)] = &[("CT", "CG"), ("OR", "OD"), ("TS", "TG"), ("UT", "UK")];

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

    /// Looks a code up, ignoring case and an `IN-` prefix.
    pub fn get(&self, code: &str) -> Option<&Region> {
        let code = normalise_code(code);
        self.regions.iter().find(|r| r.code == code)
    }

    /// Every region.
    pub fn all(&self) -> &[Region] {
        &self.regions
    }

    /// The advice for an unknown code: its replacement if it is an old one, else the list.
    pub fn unknown_code_hint(&self, code: &str) -> String {
        let code = normalise_code(code);
        if let Some((_, new)) = RENAMED.iter().find(|(old, _)| *old == code) {
            return format!("`{code}` is the code before 2023; write `{new}` instead");
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
        assert!(reg.get("UT").is_none());
        assert!(reg.unknown_code_hint("UT").contains("`UK`"));
        assert!(reg.unknown_code_hint("XX").contains("MP (Madhya Pradesh)"));
    }
}
