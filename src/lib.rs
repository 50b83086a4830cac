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
pub mod pager;
pub mod phone;
pub mod plan;
pub mod render;
pub mod viewer;

use clap::CommandFactory;
use cli::{Cli, ColorWhen, Command, DataCommand, ExportFormat, FormatArg, OutputArgs};
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
fn lang_from_env() -> crate::matching::reading::Lang {
    let named = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()));
    match named {
        Some(value) if value == "es" || value.starts_with("es_") || value.starts_with("es.") => {
            crate::matching::reading::Lang::Es
        }
        _ => crate::matching::reading::Lang::En,
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
            crate::cli::LangArg::En => crate::matching::reading::Lang::En,
            crate::cli::LangArg::Es => crate::matching::reading::Lang::Es,
        }),
        lang_env: lang_from_env(),
    }
}

/// The pager to print through, when the answer goes to a terminal as text and paging is
/// not turned off; `None` means write directly.
pub fn pager_for(cli: &Cli, terminal: Terminal) -> Option<pager::Pager> {
    let output = cli.command.output()?;
    if !terminal.stdout_is_tty || output.no_pager || output.json {
        return None;
    }
    if matches!(output.format, Some(FormatArg::Json | FormatArg::Html)) {
        return None;
    }
    pager::Pager::from_env(usize::from(terminal.rows?))
}

/// The overlay files to merge, in order: the default file in the config directory (see
/// [`default_overlay`]), then `HTREF_DATA`, then `--data`.
pub fn overlay_paths(args: &cli::DataArgs) -> Vec<std::path::PathBuf> {
    let mut paths = Vec::new();
    if let Some(Ok(default)) = default_overlay() {
        paths.push(default);
    }
    if let Some(list) = std::env::var_os("HTREF_DATA") {
        paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    paths.extend(args.data.iter().cloned());
    paths
}

/// The default overlay, `~/.config/htref/overlay.ron` on Linux, by one rule in every state:
/// missing, it is `None`; a readable regular file (or a link to one), it is read like any
/// overlay; anything else (unreadable, a directory, a FIFO or device, a dangling link) is
/// `Some(Err(why))`: htref says so on stderr and answers without it, so a broken local file
/// never keeps anyone from the hotline. (A file named with `--data` or `HTREF_DATA` that
/// cannot be read is an error: it was asked for.)
pub fn default_overlay() -> Option<Result<std::path::PathBuf, String>> {
    let path = dirs::config_dir()?.join("htref").join("overlay.ron");
    // A dangling link exists as a link: it is a broken default, not a missing one.
    std::fs::symlink_metadata(&path).ok()?;
    let shown = render::path(&path);
    let problem = match std::fs::metadata(&path) {
        Err(e) => format!("{shown} cannot be read ({e})"),
        Ok(meta) if meta.is_dir() => format!("{shown} is a directory"),
        Ok(meta) if !meta.is_file() => format!("{shown} is not a regular file"),
        Ok(_) => match std::fs::File::open(&path) {
            Ok(_) => return Some(Ok(path)),
            Err(e) => format!("{shown} cannot be read ({e})"),
        },
    };
    Some(Err(format!(
        "the default overlay {problem}; answering without it (fix or remove it; `htref data template` writes a starter)"
    )))
}

/// The bundled data with every overlay merged over it, and a key naming that merge (for
/// caching the matcher's tables); any problem in any overlay stops here, before anything
/// is printed.
pub fn load(
    args: &cli::DataArgs,
    place: Option<&data::place::Place>,
) -> Result<data::Dataset, DataError> {
    let data = data::Dataset::bundled();
    let paths = overlay_paths(args);
    if paths.is_empty() {
        return Ok(data);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in &paths {
        match data::overlay::read(path) {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    problems.extend(data::overlay::check(&data, &files));
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(DataError(lines.join("\n")));
    }
    let state = place.and_then(|p| p.state.as_deref());
    Ok(data::overlay::merge(data, files, state))
}

/// The data with the local database's services for this command merged in: for a
/// question, those serving its needs in the place asked for; for a number or a name, those
/// it belongs to, in any place.
fn with_local_services(
    data: data::Dataset,
    local: &LocalSource,
    command: &Command,
) -> Result<data::Dataset, DataError> {
    let Some(db) = &local.db else {
        return Ok(data);
    };
    let rows = match command {
        Command::WhoHandles(args) => match &local.place {
            Some(place) => {
                commands::who_handles::local_services(&data, db, place, &args.need.join(" "))?
            }
            None => Vec::new(),
        },
        Command::Phone(args) => match phone::parse(&args.number.join(" ")) {
            Ok(parsed) => db.services_by_digits(&parsed.digits).map_err(DataError)?,
            // The command says what is wrong with the number.
            Err(_) => Vec::new(),
        },
        Command::Show(args) => {
            let name = args.name.join(" ");
            let mut rows = db.service_by_local_id(&name).map_err(DataError)?;
            if rows.is_empty() {
                rows = db.services_named(&name).map_err(DataError)?;
            }
            rows
        }
        // An export carries the local records too, marked as local.
        Command::Export(_) => db.all_services().map_err(DataError)?,
        _ => Vec::new(),
    };
    let files = data::local_services::overlays(&data, &rows);
    if files.is_empty() {
        return Ok(data);
    }
    Ok(data::overlay::merge(data, files, None))
}

fn no_data_dir() -> UsageError {
    UsageError(
        "no data folder is known for the local database: give --db PATH or set HTREF_DB".into(),
    )
}

/// The local database, when there is one, and the place answers are for.
pub struct LocalSource {
    pub db: Option<data::local_db::LocalDb>,
    pub place: Option<data::place::Place>,
}

impl LocalSource {
    /// The database named by `--db` or `HTREF_DB` must open; the default one, when it
    /// cannot, is left out with one warning line (the 911 line and the hotline still answer).
    fn open(
        flag: Option<&std::path::Path>,
        place: Option<data::place::Place>,
    ) -> Result<LocalSource, DataError> {
        let Some((path, asked)) = data::local_db::location(flag) else {
            return Ok(LocalSource { db: None, place });
        };
        let db = match data::local_db::LocalDb::open_for_reading(&path) {
            Ok(db) => db,
            Err(why) if asked => return Err(DataError(why)),
            Err(why) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "htref: warning: {why}; answering without it"
                );
                None
            }
        };
        Ok(LocalSource { db, place })
    }
}

/// The commands that need no data (completions, manual, templates, the local database's
/// own commands); `None` for the others.
fn run_without_data(cli: &Cli, out: &mut dyn Write) -> anyhow::Result<Option<ExitCode>> {
    match &cli.command {
        Command::Completions(args) => {
            // clap_complete panics when its writer fails: it writes to memory, htref writes
            // out and reports a failure like any other.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "htref", &mut script);
            out.write_all(&script)?;
            return Ok(Some(ExitCode::Found));
        }
        Command::Man(args) => {
            commands::manual::write(args.command.as_deref(), out)?;
            return Ok(Some(ExitCode::Found));
        }
        Command::Data(DataCommand::Template) => {
            out.write_all(data::overlay::TEMPLATE.as_bytes())?;
            return Ok(Some(ExitCode::Found));
        }
        Command::Data(DataCommand::Import {
            path,
            name,
            to_overlay,
            db,
        }) => {
            if *to_overlay {
                return commands::hsds_import::run(path, out).map(Some);
            }
            let (db, _) = data::local_db::location(db.as_deref()).ok_or_else(no_data_dir)?;
            return commands::hsds_import::run_into_db(path, name.as_deref(), &db, out).map(Some);
        }
        Command::Data(DataCommand::Feeds { json, db }) => {
            let (db, _) = data::local_db::location(db.as_deref()).ok_or_else(no_data_dir)?;
            return commands::feeds::list(&db, *json, out).map(Some);
        }
        Command::Data(DataCommand::Remove { name, db }) => {
            let (db, _) = data::local_db::location(db.as_deref()).ok_or_else(no_data_dir)?;
            return commands::feeds::remove(&db, name, out).map(Some);
        }
        Command::Data(DataCommand::Check { paths, json }) => {
            return commands::data_check::run(paths, *json, out).map(Some);
        }
        _ => {}
    }
    Ok(None)
}

/// Runs one command against the bundled data and any overlays, writing to `out`. Made for
/// a process that runs one command: the data overlays add is left for the system to take
/// back at exit (the bundled data borrows from the binary and allocates nothing).
pub fn run(cli: &Cli, terminal: Terminal, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    // Commands that need no data.
    if let Some(code) = run_without_data(cli, out)? {
        return Ok(code);
    }
    let Some(data_args) = cli.command.data() else {
        return Ok(ExitCode::Found);
    };
    let place = match data_args.place.as_deref() {
        Some(text) => {
            Some(data::place::parse(text).map_err(|why| UsageError(format!("--where: {why}")))?)
        }
        None => None,
    };
    let (style, stale_after) = match cli.command.output() {
        Some(output) => (
            resolve_style(output, cli.command.long(), terminal),
            output.stale_after,
        ),
        // Export chooses among its own formats.
        None => (
            Style {
                format: render::Format::Json,
                color: false,
                spoken_digits: false,
                width: terminal.width(),
                long: true,
                lang_flag: None,
                lang_env: crate::matching::reading::Lang::En,
            },
            5,
        ),
    };
    if let Some(Err(warning)) = default_overlay() {
        let _ = writeln!(
            std::io::stderr(),
            "htref: warning: {}",
            render::sanitize(&warning)
        );
    }
    let mut data = load(data_args, place.as_ref())?;
    let local = LocalSource::open(data_args.db.as_deref(), place)?;
    data = with_local_services(data, &local, &cli.command)?;
    // One command runs per process, and the system takes the memory back at exit: freeing
    // a large overlay's records one by one would cost a sixth of the run.
    let data = std::mem::ManuallyDrop::new(data);
    let ctx = Context {
        local,
        index: index::Index::new(&data),
        style,
        stale_after,
        today: clock::today(),
    };
    let code = match &cli.command {
        Command::WhoHandles(args) => commands::who_handles::run(&ctx, args, out)?,
        Command::Hotline(args) => commands::hotline::run(&ctx, args, out)?,
        Command::Phone(args) => commands::phone::run(&ctx, args, out)?,
        Command::Show(args) => commands::show::run(&ctx, args, out)?,
        Command::List(args) => commands::list::run(&ctx, args, out)?,
        Command::Needs(_) => commands::needs::run(&ctx, out)?,
        Command::Sources(args) => commands::sources::run(&ctx, args, out)?,
        Command::Export(args) => {
            let format = if args.json {
                Some(ExportFormat::Json)
            } else {
                args.format
            };
            commands::export::run(&ctx, format, args.output.as_deref(), args.force, out)?
        }
        Command::Data(_) | Command::Completions(_) | Command::Man(_) => ExitCode::Found,
    };
    out.flush()?;
    Ok(code)
}
