//! The bottom layer: author files as text. Reading (UTF-8, size and time), cleaning
//! (byte-order mark, line ends, characters that cannot be published), NFC, splitting
//! front matter, and YAML with errors that point into the file the author opened.
//! Nothing here knows what a release or an event is.

mod clean;
mod fast;
mod front_matter;
pub mod names;
mod nfc;
mod read;
pub mod schema;
pub mod simple_yaml;
mod yaml;

pub use clean::{clean_text, publishable_value, replace_unpublishable, text_field, unpublishable};
pub(crate) use fast::WordBlocks;
pub use front_matter::{
    FrontMatterFile, MarkdownFile, lead, read_markdown, read_markdown_with, split_front_matter,
};
pub use nfc::{nfc, nfc_cow};
pub use read::{
    Body, FileStamp, SourceText, line_of, read_body_again, read_source, read_yaml_source,
};
pub use yaml::{key_place, parse_yaml};
