//! Front matter schemas written once. A release's, an event's or a page's fields are
//! listed in one [`front_matter!`] block, each with how often it may appear and its kind;
//! from that list follow the struct the rest of samvad uses (every value with its
//! place), the struct serde reads (`deny_unknown_fields`, places kept), the conversion
//! between them, and the quick reader of [`simple_yaml`](super::simple_yaml). Adding a
//! field is one line.

use std::collections::BTreeMap;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_saphyr::Spanned;

use super::simple_yaml::{Value, owned};
use crate::diagnostics::{Located, Location};

impl<T> From<Spanned<T>> for Located<T> {
    fn from(s: Spanned<T>) -> Located<T> {
        Located::new(
            s.value,
            s.referenced.line() as usize,
            s.referenced.column() as usize,
        )
    }
}

/// A kind of value a field holds: how serde reads it (keeping its place), what samvad
/// keeps, and how a value of the quick reader becomes it (None: not of this kind, the
/// text goes to serde).
pub trait FieldKind {
    /// As serde reads it.
    type Raw: DeserializeOwned;
    /// As samvad keeps it.
    type Value: std::fmt::Debug + Clone + PartialEq;
    /// From serde's reading.
    fn from_raw(raw: Self::Raw) -> Self::Value;
    /// From the quick reader's.
    fn from_quick(value: &Value) -> Option<Self::Value>;
    /// The places moved `lines` down (from the YAML text to the file).
    fn below(value: Self::Value, lines: usize) -> Self::Value;
}

/// One line of text: `title: "..."`.
pub struct Text;

impl FieldKind for Text {
    type Raw = Spanned<String>;
    type Value = Located<String>;
    fn from_raw(raw: Self::Raw) -> Self::Value {
        raw.into()
    }
    fn from_quick(value: &Value) -> Option<Self::Value> {
        match value {
            Value::Text { text, .. } => Some(owned(text)),
            _ => None,
        }
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        value.below(lines)
    }
}

/// `true` or `false`.
pub struct Flag;

impl FieldKind for Flag {
    type Raw = Spanned<bool>;
    type Value = Located<bool>;
    fn from_raw(raw: Self::Raw) -> Self::Value {
        raw.into()
    }
    fn from_quick(value: &Value) -> Option<Self::Value> {
        // YAML reads more words as booleans (`yes`, `True`); those go to serde.
        match value {
            Value::Text {
                text,
                quoted: false,
            } => match text.value.as_ref() {
                "true" => Some(Located {
                    value: true,
                    at: text.at,
                }),
                "false" => Some(Located {
                    value: false,
                    at: text.at,
                }),
                _ => None,
            },
            _ => None,
        }
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        value.below(lines)
    }
}

/// A list of words: `states: [MP, UP]`.
pub struct Words;

impl FieldKind for Words {
    type Raw = Vec<Spanned<String>>;
    type Value = Vec<Located<String>>;
    fn from_raw(raw: Self::Raw) -> Self::Value {
        raw.into_iter().map(Located::from).collect()
    }
    fn from_quick(value: &Value) -> Option<Self::Value> {
        match value {
            Value::List(items) => Some(items.iter().map(owned).collect()),
            _ => None,
        }
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        value.into_iter().map(|v| v.below(lines)).collect()
    }
}

/// One text per language: `title: {hi: "...", en: "..."}`.
pub struct Texts;

impl FieldKind for Texts {
    type Raw = Spanned<BTreeMap<String, String>>;
    type Value = Located<BTreeMap<String, String>>;
    fn from_raw(raw: Self::Raw) -> Self::Value {
        raw.into()
    }
    fn from_quick(value: &Value) -> Option<Self::Value> {
        match value {
            Value::Map(at, entries) => Some(Located {
                value: entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.value.to_string()))
                    .collect(),
                at: at.at,
            }),
            _ => None,
        }
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        value.below(lines)
    }
}

/// A first and a last day: `window: {from: 2019-12-19, to: 2020-02-17}`.
pub struct Days;

/// The two ends of a [`Days`] field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRange {
    /// The first day, as written.
    pub from: Located<String>,
    /// The last day, as written.
    pub to: Located<String>,
}

/// [`DayRange`] as serde reads it.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDayRange {
    from: Spanned<String>,
    to: Spanned<String>,
}

impl FieldKind for Days {
    type Raw = Spanned<RawDayRange>;
    type Value = Located<DayRange>;
    fn from_raw(raw: Self::Raw) -> Self::Value {
        let at = Location {
            line: raw.referenced.line() as usize,
            column: raw.referenced.column() as usize,
        };
        Located {
            value: DayRange {
                from: raw.value.from.into(),
                to: raw.value.to.into(),
            },
            at,
        }
    }
    fn from_quick(value: &Value) -> Option<Self::Value> {
        let Value::Map(at, entries) = value else {
            return None;
        };
        let ([("from", from), ("to", to)] | [("to", to), ("from", from)]) = entries.as_slice()
        else {
            return None;
        };
        Some(Located {
            value: DayRange {
                from: owned(from),
                to: owned(to),
            },
            at: at.at,
        })
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        Located {
            value: DayRange {
                from: value.value.from.below(lines),
                to: value.value.to.below(lines),
            },
            at: value.at.below(lines),
        }
    }
}

/// A field that must be written: serde reads it as absent (then the build says it is
/// missing) or present, where `field:` with nothing after it is an error of serde's
/// ("is empty"), not a missing field.
#[derive(Debug)]
pub struct Present<T>(pub Option<T>);

impl<T> Default for Present<T> {
    fn default() -> Self {
        Present(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Present<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Present(Some(v)))
    }
}

/// How often a field appears, and what that makes of its kind's values.
pub trait Cardinality<K: FieldKind> {
    /// As serde reads it (absent gives the default).
    type Raw: DeserializeOwned + Default;
    /// As samvad keeps it.
    type Value: std::fmt::Debug + Clone + PartialEq;
    /// From serde's reading; None when a required field is missing.
    fn from_raw(raw: Self::Raw) -> Option<Self::Value>;
    /// From the quick reader's value, if the field was written.
    fn from_quick(value: Option<K::Value>) -> Option<Self::Value>;
    /// The places moved `lines` down.
    fn below(value: Self::Value, lines: usize) -> Self::Value;
}

/// Required.
pub struct One;
/// Optional.
pub struct Maybe;

impl<K: FieldKind> Cardinality<K> for One {
    type Raw = Present<K::Raw>;
    type Value = K::Value;
    fn from_raw(raw: Self::Raw) -> Option<Self::Value> {
        raw.0.map(K::from_raw)
    }
    fn from_quick(value: Option<K::Value>) -> Option<Self::Value> {
        value
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        K::below(value, lines)
    }
}

impl<K: FieldKind> Cardinality<K> for Maybe {
    type Raw = Option<K::Raw>;
    type Value = Option<K::Value>;
    fn from_raw(raw: Self::Raw) -> Option<Self::Value> {
        Some(raw.map(K::from_raw))
    }
    fn from_quick(value: Option<K::Value>) -> Option<Self::Value> {
        Some(value)
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        value.map(|v| K::below(v, lines))
    }
}

/// A list field: absent is empty.
pub struct List;

impl Cardinality<Words> for List {
    type Raw = Vec<Spanned<String>>;
    type Value = Vec<Located<String>>;
    fn from_raw(raw: Self::Raw) -> Option<Self::Value> {
        Some(Words::from_raw(raw))
    }
    fn from_quick(value: Option<Vec<Located<String>>>) -> Option<Self::Value> {
        Some(value.unwrap_or_default())
    }
    fn below(value: Self::Value, lines: usize) -> Self::Value {
        Words::below(value, lines)
    }
}

/// A front matter schema: the struct with its fields (`name: One Text`, `name: Maybe
/// Flag`, `name: List Words`), and, after `/`, the name of the struct serde reads.
/// Generates `read`, `quick`, `full` and `quick_reader_agrees` (see
/// [`crate::text::schema`]).
#[macro_export]
macro_rules! front_matter {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident / $raw:ident {
            $( $(#[$fmeta:meta])* $field:ident : $card:ident $kind:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis struct $name {
            $( $(#[$fmeta])* pub $field: <$crate::text::schema::$card as $crate::text::schema::Cardinality<$crate::text::schema::$kind>>::Value, )*
        }

        /// As serde reads it.
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $raw {
            $( #[serde(default)] $field: <$crate::text::schema::$card as $crate::text::schema::Cardinality<$crate::text::schema::$kind>>::Raw, )*
        }

        impl $name {
            /// Reads the YAML text: the quick way when it takes it, else with serde,
            /// which also reports every error. Places are in the file, whose first
            /// `line_offset` lines come before the YAML.
            $vis fn read(
                yaml: &str,
                src: &$crate::text::SourceText,
                line_offset: usize,
            ) -> Result<$name, $crate::diagnostics::Diagnostic> {
                // serde reads nothing at all as a struct whose fields are absent.
                if yaml.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
                    return Err($crate::diagnostics::Diagnostic::error($crate::diagnostics::Code::FieldMissing, "there are no fields")
                        .in_file(&src.display_path)
                        .at_place($crate::diagnostics::Location { line: line_offset + 1, column: 1 }, None)
                        .with_hint("write the fields as `name: value` lines (the README lists them)"));
                }
                let read = match Self::quick(yaml) {
                    Some(front) => front,
                    None => {
                        let raw: $raw = $crate::text::parse_yaml(yaml, src, line_offset)?;
                        Self::from_raw(raw).map_err(|missing| {
                            $crate::diagnostics::Diagnostic::error($crate::diagnostics::Code::FieldMissing, format!("the field `{missing}` is missing"))
                                .in_file(&src.display_path)
                                .with_hint(format!("add a line `{missing}: ...`; the README says what it holds"))
                        })?
                    }
                };
                Ok(read.below(line_offset))
            }

            /// Reads the YAML text with serde alone (places in the YAML text).
            $vis fn full(yaml: &str) -> Result<$name, String> {
                let raw: $raw = serde_saphyr::from_str(yaml).map_err(|e| e.to_string())?;
                Self::from_raw(raw).map_err(|m| format!("missing field `{m}`"))
            }

            fn from_raw(raw: $raw) -> Result<$name, &'static str> {
                Ok($name {
                    $( $field: <$crate::text::schema::$card as $crate::text::schema::Cardinality<$crate::text::schema::$kind>>::from_raw(raw.$field).ok_or(stringify!($field))?, )*
                })
            }

            /// Reads the YAML text the quick way, when every line is one of this
            /// schema's fields, each once and of its kind (places in the YAML text).
            $vis fn quick(yaml: &str) -> Option<$name> {
                $( let mut $field: Option<<$crate::text::schema::$kind as $crate::text::schema::FieldKind>::Value> = None; )*
                for (key, value) in $crate::text::simple_yaml::entries(yaml)? {
                    match key {
                        $( stringify!($field) => {
                            // Each field once: a second one is an error serde reports.
                            if $field.is_some() {
                                return None;
                            }
                            $field = Some(<$crate::text::schema::$kind as $crate::text::schema::FieldKind>::from_quick(&value)?);
                        } )*
                        _ => return None,
                    }
                }
                Some($name {
                    $( $field: <$crate::text::schema::$card as $crate::text::schema::Cardinality<$crate::text::schema::$kind>>::from_quick($field)?, )*
                })
            }

            fn below(self, lines: usize) -> $name {
                $name {
                    $( $field: <$crate::text::schema::$card as $crate::text::schema::Cardinality<$crate::text::schema::$kind>>::below(self.$field, lines), )*
                }
            }

            /// Whether the quick reader, where it takes a text, reads it as serde does:
            /// `Ok(true)` when it took it and both agree, `Ok(false)` when it left it to
            /// serde, `Err` with both readings when they differ. For the tests and the
            /// fuzz target that compare the two.
            $vis fn quick_reader_agrees(yaml: &str) -> Result<bool, String> {
                let Some(quick) = Self::quick(yaml) else {
                    return Ok(false);
                };
                match Self::full(yaml) {
                    Ok(full) if full == quick => Ok(true),
                    other => Err(format!("quick: {quick:?}\nfull: {other:?}")),
                }
            }
        }
    };
}
