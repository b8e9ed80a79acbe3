//! The layers keep to themselves: the core knows no terminal, the app neither the view nor
//! the command line, and only the background module starts threads under `src/app`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every file of a layer: `src/NAME.rs` and everything under `src/NAME/`.
fn layer(name: &str) -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = rust_files(&src.join(name));
    files.push(src.join(format!("{name}.rs")));
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

/// The files of `files` that name any of `names`.
fn naming(files: &[(PathBuf, String)], names: &[&str]) -> Vec<String> {
    files
        .iter()
        .filter(|(_, text)| names.iter().any(|name| text.contains(name)))
        .map(|(path, _)| path.display().to_string())
        .collect()
}

#[test]
fn the_core_knows_no_terminal() {
    let core = layer("core");
    assert!(core.len() > 10, "the core's files are found");
    assert_eq!(
        naming(&core, &["ratatui", "crossterm"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_app_names_neither_the_view_nor_the_command_line() {
    let app = layer("app");
    assert!(app.len() > 5, "the app's files are found");
    assert_eq!(
        naming(
            &app,
            &["crate::ui", "crate::cli", "pilcrow::ui", "pilcrow::cli"]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn only_the_background_module_starts_threads_in_the_app() {
    let app: Vec<(PathBuf, String)> = layer("app")
        .into_iter()
        .filter(|(path, _)| !path.ends_with("app/background.rs"))
        .collect();
    assert_eq!(
        naming(&app, &["thread::spawn", "std::thread"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_app_keeps_its_fields_to_itself() {
    let (_, text) = layer("app")
        .into_iter()
        .find(|(path, _)| path.ends_with("src/app.rs"))
        .unwrap();
    let body = text
        .split("pub struct App {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("pub struct App in src/app.rs");
    let public = body
        .lines()
        .filter(|line| line.trim_start().starts_with("pub "))
        .count();
    assert!(public <= 8, "{public} public fields");
}
