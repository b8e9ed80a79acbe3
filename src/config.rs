//! The user's settings: `$XDG_CONFIG_HOME/pilcrow/config.toml` (else
//! `~/.config/pilcrow/config.toml`; `PILCROW_CONFIG` names another file). A theme, the panel's
//! width, keys bound to other actions, and flags on by default. A file that cannot be read or
//! parsed is one line naming it (with line and column), and the reader goes on with the
//! defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::action::Action;
use crate::app::keymap::Key;
use crate::core::limits::{CATALOGUE_LIMIT, read_capped};

/// The commented file `pilcrow config --default` prints: every setting at its default.
pub const DEFAULT_FILE: &str = r#"# pilcrow's settings. Every line is optional; these are the defaults.

# dark, light or mono (no colour), or auto: light where the terminal says its background is
# (COLORFGBG, else its answer to a colour query), else dark. NO_COLOR always means mono.
theme = "auto"

# The topic panel's width in columns; 0 sizes it from its labels. < and > still change it.
panel_width = 0

# Flags the command line would otherwise need each time.
no_discover = false   # only the catalogue's topics
no_state = false      # neither resume nor remember the reading position

# Keys for actions, over the built-in ones while reading (not in prompts or lists): a key as
# the help writes it ("x", "C-f" for Ctrl-f, "A-x" for Alt-x, "PgDn", "Space") and an action
# named in snake case, as in the list below.
[keys]
# "C-f" = "page_down"
# "J" = "next_mention"
"#;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Auto,
    Dark,
    Light,
    Mono,
}

/// What the file sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub theme: Theme,
    /// `None`: sized from the labels.
    pub panel_width: Option<u16>,
    pub no_discover: bool,
    pub no_state: bool,
    pub keys: Vec<(Key, Action)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    theme: Theme,
    #[serde(default)]
    panel_width: u16,
    #[serde(default)]
    no_discover: bool,
    #[serde(default)]
    no_state: bool,
    /// Key names to action names, each with where it stands in the file.
    #[serde(default)]
    keys: std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// Where the settings are read from, if anywhere.
pub fn config_path() -> Option<PathBuf> {
    let non_empty = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    non_empty("PILCROW_CONFIG").or_else(|| {
        non_empty("XDG_CONFIG_HOME")
            .or_else(|| non_empty("HOME").map(|home| home.join(".config")))
            .map(|dir| dir.join("pilcrow").join("config.toml"))
    })
}

/// The settings in `path`: the defaults when there is no file; the defaults and one line
/// saying what is wrong when it cannot be used.
pub fn load(path: &Path) -> (Config, Option<String>) {
    let shown = crate::core::sanitize::clean(&path.display().to_string());
    let bytes = match std::fs::File::open(path).and_then(|f| read_capped(f, CATALOGUE_LIMIT)) {
        Ok(read) if !read.stopped => read.bytes,
        Ok(_) => return refused(&format!("{shown}: too large to be a config file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
        Err(e) => return refused(&format!("{shown}: {e}")),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return refused(&format!("{shown}: not UTF-8"));
    };
    match parse(&text) {
        Ok(config) => (config, None),
        Err((offset, message)) => {
            let (line, column) = line_and_column(&text, offset);
            refused(&format!("{shown}:{line}:{column}: {message}"))
        }
    }
}

fn refused(problem: &str) -> (Config, Option<String>) {
    (
        Config::default(),
        Some(format!("{problem}; the defaults are used")),
    )
}

/// The settings in `text`, or where (a byte offset) and what is wrong.
pub fn parse(text: &str) -> Result<Config, (usize, String)> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        (
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )
    })?;
    let mut keys = Vec::new();
    for (name, action) in &raw.keys {
        let key = Key::parse(name.get_ref()).map_err(|e| (name.span().start, e))?;
        let at = action.span().start;
        let action_name = action.get_ref();
        let action: Action = toml::Value::String(action_name.clone())
            .try_into()
            .ok()
            .filter(|a: &Action| a.is_bindable())
            .ok_or_else(|| {
                (
                    at,
                    format!("no action \"{action_name}\"; pilcrow config --default lists them"),
                )
            })?;
        keys.push((key, action));
    }
    Ok(Config {
        theme: raw.theme,
        panel_width: (raw.panel_width > 0).then_some(raw.panel_width),
        no_discover: raw.no_discover,
        no_state: raw.no_state,
        keys,
    })
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Whether the terminal's background is light: `COLORFGBG` where it is set ("15;0" is light
/// text on black; 7 and 9–15 are light backgrounds), else the terminal's answer to an OSC 11
/// query; dark when neither tells.
pub fn background_is_light() -> bool {
    if let Some(light) = std::env::var("COLORFGBG")
        .ok()
        .and_then(|value| colorfgbg_is_light(&value))
    {
        return light;
    }
    queried_background_is_light().unwrap_or(false)
}

fn colorfgbg_is_light(value: &str) -> Option<bool> {
    let background = value.rsplit(';').next()?.parse::<u8>().ok()?;
    Some(background == 7 || (9..=15).contains(&background))
}

/// Asks the terminal for its background colour (OSC 11). A terminal that does not answer
/// is told by its answer to the device-attributes query sent after it, so the wait is one
/// round trip; the timeout is for a terminal that answers neither.
fn queried_background_is_light() -> Option<bool> {
    use std::io::IsTerminal as _;
    // The query goes to the controlling terminal, so text piped in on stdin does not stop it.
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = std::time::Duration::from_millis(250);
    let background = terminal_colorsaurus::background_color(options).ok()?;
    Some(background.perceived_lightness() > 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(colorfgbg_is_light("0;15"), Some(true));
        assert_eq!(colorfgbg_is_light("0;7"), Some(true));
        assert_eq!(colorfgbg_is_light("15;0"), Some(false));
        assert_eq!(colorfgbg_is_light("15;default;0"), Some(false));
        assert_eq!(colorfgbg_is_light("default"), None);
    }

    #[test]
    fn the_default_file_is_the_defaults() {
        assert_eq!(parse(DEFAULT_FILE), Ok(Config::default()));
    }

    #[test]
    fn settings_are_read() {
        let config = parse(
            "theme = \"light\"\npanel_width = 40\nno_discover = true\n[keys]\n\"C-f\" = \"page_down\"\nJ = \"next_mention\"\n",
        )
        .unwrap();
        assert_eq!(config.theme, Theme::Light);
        assert_eq!(config.panel_width, Some(40));
        assert!(config.no_discover && !config.no_state);
        assert_eq!(
            config.keys,
            [
                (Key::parse("C-f").unwrap(), Action::PageDown),
                (Key::parse("J").unwrap(), Action::NextMention),
            ]
        );
    }

    #[test]
    fn mistakes_are_placed_by_line_and_column() {
        let (offset, message) = parse("theme = \"dark\"\npanel_width = \"wide\"\n").unwrap_err();
        assert_eq!(
            line_and_column("theme = \"dark\"\npanel_width = \"wide\"\n", offset).0,
            2
        );
        assert!(!message.is_empty());
        let text = "[keys]\n\"x\" = \"fly\"\n";
        let (offset, message) = parse(text).unwrap_err();
        assert_eq!(line_and_column(text, offset), (2, 7), "at the action");
        assert!(message.contains("no action \"fly\""), "{message}");
        // A key written bare is placed too.
        let text = "[keys]\nJ = \"next_mention\"\nbogus = \"quit\"\n";
        let (offset, message) = parse(text).unwrap_err();
        assert_eq!(line_and_column(text, offset), (3, 1), "{message}");
        assert!(parse("[keys]\nJ = 3\n").is_err(), "an action is a name");
        assert!(
            parse("colour = 3\n").is_err(),
            "unknown settings are mistakes"
        );
        assert!(
            parse("[keys]\n\"x\" = \"type\"\n").is_err(),
            "only bindable actions"
        );
    }
}
