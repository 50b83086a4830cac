//! The terminal htref writes to, read once at start-up, and the output style the flags
//! and that terminal choose: format, color, width, language.

use crate::cli::{ColorWhen, FormatArg, OutputArgs};
use crate::matching::reading::Lang;
use crate::render::{Format, Style};
use std::io::IsTerminal;

/// Facts about the environment that decide how output looks; read once in `main`.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdout_is_tty: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set to something other than `0`.
    pub force_color: bool,
    /// Columns: `COLUMNS` when it is a positive number, else the terminal's own.
    pub columns: Option<u16>,
    /// Rows of the terminal on stdout (`LINES` when set), for deciding to page.
    pub rows: Option<u16>,
}

/// The width a table is laid out for when nothing says otherwise (and when a terminal
/// reports 0 columns, as some do when they cannot tell).
pub const DEFAULT_WIDTH: u16 = 80;

impl Terminal {
    pub fn detect() -> Terminal {
        let stdout = std::io::stdout();
        let stdout_is_tty = stdout.is_terminal();
        let size = if stdout_is_tty {
            terminal_size::terminal_size_of(&stdout)
        } else {
            None
        };
        Terminal {
            stdout_is_tty,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            force_color: std::env::var_os("CLICOLOR_FORCE")
                .is_some_and(|v| !v.is_empty() && v != "0"),
            columns: env_number("COLUMNS").or(size.map(|(w, _)| w.0)),
            rows: env_number("LINES").or(size.map(|(_, h)| h.0)),
        }
    }

    /// The columns to lay a table out in: never 0, 80 when unknown.
    pub fn width(&self) -> usize {
        usize::from(self.columns.filter(|&c| c > 0).unwrap_or(DEFAULT_WIDTH))
    }
}

/// A positive number from the environment (`COLUMNS`, `LINES`); anything else is unset.
fn env_number(name: &str) -> Option<u16> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|&n| n > 0)
}

/// Spanish when `LANG` (or `LC_ALL`, `LC_MESSAGES`) names it: `es_MX.UTF-8`, `es`.
pub(crate) fn lang_from_env() -> Lang {
    let named = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()));
    match named {
        Some(value) if value == "es" || value.starts_with("es_") || value.starts_with("es.") => {
            Lang::Es
        }
        _ => Lang::En,
    }
}

/// Chooses format, color and layout from the flags and the terminal.
pub fn resolve_style(output: &OutputArgs, long: bool, terminal: Terminal) -> Style {
    let format = if output.json {
        Format::Json
    } else if output.plain {
        Format::Plain
    } else {
        match output.format {
            Some(FormatArg::Json) => Format::Json,
            Some(FormatArg::Table) => Format::Table,
            Some(FormatArg::Markdown) => Format::Markdown,
            Some(FormatArg::Html) => Format::Html,
            None if terminal.stdout_is_tty => Format::Table,
            Some(FormatArg::Plain) | None => Format::Plain,
        }
    };
    let color = matches!(format, Format::Table | Format::Plain)
        && match output.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // NO_COLOR wins over CLICOLOR_FORCE; the flag wins over both.
            ColorWhen::Auto => {
                !terminal.no_color && (terminal.stdout_is_tty || terminal.force_color)
            }
        };
    Style {
        format,
        color,
        spoken_digits: output.spoken_digits,
        width: terminal.width(),
        long,
        lang_flag: output.lang.map(|lang| match lang {
            crate::cli::LangArg::En => Lang::En,
            crate::cli::LangArg::Es => Lang::Es,
        }),
        lang_env: lang_from_env(),
        json_pretty: terminal.stdout_is_tty,
    }
}

/// The style of `export`, which chooses among its own formats and never colors.
pub fn export_style(terminal: Terminal) -> Style {
    Style {
        format: Format::Json,
        color: false,
        spoken_digits: false,
        width: terminal.width(),
        long: true,
        lang_flag: None,
        lang_env: Lang::En,
        json_pretty: true,
    }
}
