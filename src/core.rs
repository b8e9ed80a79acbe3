//! What a text is and what it talks about; nothing below here knows about terminals.

pub mod bundled;
pub mod catalogue;
pub mod discover;
pub mod document;
pub mod edit;
pub mod excerpts;
pub mod files;
pub mod fold;
pub mod formats;
pub mod gazetteer;
pub mod ids;
pub mod index;
pub mod items;
pub mod limits;
pub mod open;
pub mod pairs;
pub mod parts;
pub mod plain;
pub mod qdc;
pub mod report;
pub mod resume;
pub mod sanitize;
pub mod script;
pub mod search;
pub mod synth;
pub mod wrap;
