//! The document that ships inside the binary, with its curated catalogue.

use crate::core::catalogue::{Catalogue, CatalogueError};
use crate::core::document::{Document, Format, Source};

/// NIICE Commentary 9282 (Rekha J, 21 June 2024), verbatim.
pub const COMMENTARY: &str = include_str!("../../assets/commentary.txt");

/// The catalogue curated for the commentary.
pub const COMMENTARY_TOPICS: &str = include_str!("../../assets/commentary.topics.toml");

pub fn document() -> Document {
    Document::from_str(COMMENTARY, Source::Bundled, Format::Plain)
}

pub fn catalogue() -> Result<Catalogue, CatalogueError> {
    Catalogue::parse(COMMENTARY_TOPICS, "assets/commentary.topics.toml")
}
