//! htref: which U.S. federal office handles a human-trafficking need, and how to reach it.
//!
//! The binary (`src/main.rs`) only parses arguments and maps errors to exit codes; all the
//! work is here: [`data`] loads the bundled dataset, [`index`] and [`matching`] find what a
//! query asks for, [`plan`] ranks referrals, [`commands`] answer each subcommand and
//! [`render`] prints tables, plain text or JSON.

// The baked bundled data names `alloc::borrow::Cow`.
extern crate alloc;

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

use clap::CommandFactory;
use cli::{Cli, ColorWhen, Command, DataCommand, FormatArg};
use commands::Context;
use error::{DataError, UsageError};
use exit_codes::ExitCode;
use render::{Format, Style};
use std::io::{IsTerminal, Write};

/// Facts about the environment that decide how output looks; read once in `main`.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdout_is_tty: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set to something other than `0`.
    pub force_color: bool,
}

impl Terminal {
    pub fn detect() -> Terminal {
        Terminal {
            stdout_is_tty: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            force_color: std::env::var_os("CLICOLOR_FORCE")
                .is_some_and(|v| !v.is_empty() && v != "0"),
        }
    }
}

/// Chooses format and color from the flags and the terminal.
pub fn resolve_style(cli: &Cli, terminal: Terminal) -> Result<Style, UsageError> {
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
            Some(FormatArg::Hsds | FormatArg::Csv) => {
                return Err(UsageError(
                    "--format hsds and --format csv are for `htref export`; answers print as table, plain, json, markdown or html".into(),
                ));
            }
            None if terminal.stdout_is_tty => Format::Table,
            Some(FormatArg::Plain) | None => Format::Plain,
        }
    };
    let color = matches!(format, Format::Table | Format::Plain)
        && match cli.output.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // NO_COLOR wins over CLICOLOR_FORCE; the flag wins over both.
            ColorWhen::Auto => {
                !terminal.no_color && (terminal.stdout_is_tty || terminal.force_color)
            }
        };
    Ok(Style {
        format,
        color,
        spoken_digits: cli.output.spoken_digits,
    })
}

/// The overlay files to merge, in order: the default file in the config directory when it
/// exists, then `HTREF_DATA`, then `--data`.
pub fn overlay_paths(cli: &Cli) -> Vec<std::path::PathBuf> {
    let mut paths = Vec::new();
    if let Some(default) = dirs::config_dir().map(|d| d.join("htref").join("overlay.ron"))
        && default.is_file()
    {
        paths.push(default);
    }
    if let Some(list) = std::env::var_os("HTREF_DATA") {
        paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    paths.extend(cli.output.data.iter().cloned());
    paths
}

/// The bundled data with every overlay merged over it, and a key naming that merge (for
/// caching the matcher's tables); any problem in any overlay stops here, before anything
/// is printed.
pub fn load(cli: &Cli) -> Result<(data::Dataset, Option<u64>), DataError> {
    let data = data::Dataset::bundled();
    let paths = overlay_paths(cli);
    if paths.is_empty() {
        return Ok((data, None));
    }
    let cache = data::overlay::cache_dir();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in &paths {
        match data::overlay::read_cached(path, cache.as_deref()) {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        problems = data::overlay::check_cached(&data, &files, cache.as_deref());
    } else {
        problems.extend(data::overlay::check(&data, &files));
    }
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(DataError(lines.join("\n")));
    }
    // The matcher's tables depend on the files and on which state's entries were kept.
    let key = data::overlay::files_key(&format!("tables {:?}", cli.output.state), &files);
    Ok((
        data::overlay::merge(data, files, cli.output.state.as_deref()),
        Some(key),
    ))
}

/// Runs one command against the bundled data and any overlays, writing to `out`. Made for
/// a process that runs one command: the data overlays add is left for the system to take
/// back at exit (the bundled data borrows from the binary and allocates nothing).
pub fn run(cli: &Cli, terminal: Terminal, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    // Commands that need no data.
    match &cli.command {
        Command::Completions(args) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "htref", out);
            return Ok(ExitCode::Found);
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            return Ok(ExitCode::Found);
        }
        Command::Data(DataCommand::Template) => {
            out.write_all(data::overlay::TEMPLATE.as_bytes())?;
            return Ok(ExitCode::Found);
        }
        Command::Data(DataCommand::Check { paths }) => {
            return commands::data_check::run(paths, out);
        }
        _ => {}
    }
    if let Some(state) = &cli.output.state
        && !(state.len() == 2 && state.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return Err(UsageError(format!(
            "--state takes a two-letter state code such as MD, not `{}`",
            render::clip(state, 20)
        ))
        .into());
    }
    // Export chooses among its own formats; everything else prints an answer.
    let export_format = if cli.output.json {
        Some(FormatArg::Json)
    } else {
        cli.output.format
    };
    let style = if matches!(cli.command, Command::Export) {
        Style {
            format: render::Format::Json,
            color: false,
            spoken_digits: false,
        }
    } else {
        resolve_style(cli, terminal)?
    };
    let (data, overlay_key) = load(cli)?;
    // One command runs per process, and the system takes the memory back at exit: freeing
    // a large overlay's records one by one would cost a sixth of the run.
    let data = std::mem::ManuallyDrop::new(data);
    let ctx = Context {
        overlay_key,
        index: index::Index::new(&data),
        style,
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
        Command::Export => commands::export::run(&ctx, export_format, out)?,
        Command::Data(_) | Command::Completions(_) | Command::Man => ExitCode::Found,
    };
    out.flush()?;
    Ok(code)
}
