//! pilcrow: a terminal reader that shows a text beside an index of its actors and themes.

pub mod app;
pub mod cli;
pub mod core;
pub mod ui;
