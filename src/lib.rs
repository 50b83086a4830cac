//! htref: which U.S. federal office handles a human-trafficking need, and how to reach it.
//!
//! The binary (`src/main.rs`) only parses arguments and maps errors to exit codes; all the
//! work is here: [`data`] loads the bundled dataset, [`index`] and [`matching`] find what a
//! query asks for, [`plan`] ranks referrals, [`commands`] answer each subcommand and
//! [`render`] prints tables, plain text or JSON.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod data;
pub mod error;
pub mod exit_codes;
pub mod index;
pub mod matching;
pub mod phone;
pub mod plan;
pub mod render;
pub mod viewer;

use cli::{Cli, ColorWhen, Command, FormatArg};
use commands::Context;
use exit_codes::ExitCode;
use render::{Format, Style};
use std::io::{IsTerminal, Write};

/// Facts about the environment that decide how output looks; read once in `main`.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdout_is_tty: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

impl Terminal {
    pub fn detect() -> Terminal {
        Terminal {
            stdout_is_tty: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// Chooses format and color from the flags and the terminal.
pub fn resolve_style(cli: &Cli, terminal: Terminal) -> Style {
    let format = if cli.output.json {
        Format::Json
    } else if cli.output.plain {
        Format::Plain
    } else {
        match cli.output.format {
            Some(FormatArg::Json) => Format::Json,
            Some(FormatArg::Table) => Format::Table,
            Some(FormatArg::Markdown) => Format::Markdown,
            Some(FormatArg::Html) => Format::Html,
            None if terminal.stdout_is_tty => Format::Table,
            Some(FormatArg::Plain) | None => Format::Plain,
        }
    };
    let color = matches!(format, Format::Table | Format::Plain)
        && match cli.output.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => terminal.stdout_is_tty && !terminal.no_color,
        };
    Style {
        format,
        color,
        spoken_digits: cli.output.spoken_digits,
    }
}

/// Runs one command against the bundled data, writing to `out`.
pub fn run(cli: &Cli, terminal: Terminal, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let data = data::Dataset::bundled()?;
    let ctx = Context {
        index: index::Index::new(&data),
        style: resolve_style(cli, terminal),
        stale_after: cli.output.stale_after,
        today: clock::today(),
    };
    let code = match &cli.command {
        Command::WhoHandles(args) => commands::who_handles::run(&ctx, args, out)?,
        Command::Hotline(args) => commands::hotline::run(&ctx, args, out)?,
        Command::Phone(args) => commands::phone::run(&ctx, args, out)?,
        Command::Show(args) => commands::show::run(&ctx, args, out)?,
        Command::List(args) => commands::list::run(&ctx, args, out)?,
        Command::Needs => commands::needs::run(&ctx, out)?,
        Command::Sources(args) => commands::sources::run(&ctx, args, out)?,
    };
    out.flush()?;
    Ok(code)
}
