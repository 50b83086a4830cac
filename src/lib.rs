//! htref: which U.S. federal office handles a human-trafficking need, and how to reach it.
//!
//! The binary (`src/main.rs`) only parses arguments and maps errors to exit codes; all the
//! work is here: [`data`] loads the bundled dataset, [`index`] and [`matching`] find what a
//! query asks for, [`plan`] ranks referrals, [`commands`] answer each subcommand and
//! [`render`] prints tables, plain text or JSON.

// The baked bundled data names `alloc::borrow::Cow`.
extern crate alloc;

pub mod cli;
pub use htref_core::{clock, phone};
pub(crate) mod commands;
pub(crate) mod context;
pub mod data;
pub(crate) mod describe;
pub mod error;
pub mod exit_codes;
pub(crate) mod hsds;
pub mod index;
pub mod matching;
pub(crate) mod pager;
pub mod plan;
pub mod render;
pub(crate) mod terminal;
pub(crate) mod text;
pub mod usage_errors;
pub(crate) mod viewer;

pub use data::loading::{default_overlay, load, overlay_paths};
pub use pager::pager_for;
pub use terminal::{DEFAULT_WIDTH, Terminal, resolve_style};

use clap::CommandFactory;
use cli::{Cli, Command, DataCommand, ExportFormat};
use commands::Context;
use commands::local_data::{no_data_dir, with_local_services};
use data::LocalSource;
use error::UsageError;
use exit_codes::ExitCode;
use matching::reading::Lang;
use std::io::Write;

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
            verbose,
            db,
        }) => {
            let import = commands::feeds::Import {
                path: path.as_deref(),
                name: name.as_deref(),
                to_overlay: *to_overlay,
                verbose: *verbose,
                db: db.as_deref(),
            };
            return commands::feeds::import(&import, out).map(Some);
        }
        Command::Data(DataCommand::Feeds { json, db }) => {
            let (db, asked) = data::local_db::location(db.as_deref()).ok_or_else(no_data_dir)?;
            return commands::feeds::list(&db, asked, *json, out).map(Some);
        }
        Command::Data(DataCommand::Remove { name, db }) => {
            let (db, asked) = data::local_db::location(db.as_deref()).ok_or_else(no_data_dir)?;
            return commands::feeds::remove(&db, asked, name, out).map(Some);
        }
        Command::Data(DataCommand::Check { paths, json }) => {
            return commands::data_check::run(paths, *json, out).map(Some);
        }
        _ => {}
    }
    Ok(None)
}

/// The hotline in one line, from the bundled data alone, for the end of an error message:
/// whatever went wrong (a bad flag, a broken file named on the command line, a full
/// disk), the person reading the error still has the number. In the language errors speak
/// ([`error_lang`]).
pub fn hotline_reminder() -> String {
    let lang = error_lang();
    let data = std::mem::ManuallyDrop::new(data::bundled());
    let index = index::Index::new(&data);
    let line = describe::glance::hotline_line(&index, lang);
    let lead = lang.say(
        "the hotline still answers",
        "la línea nacional sigue atendiendo",
    );
    // The bundled data always holds the hotline (the validator refuses data without it);
    // the fallback is the seeds' number, should that ever change.
    let line = line.unwrap_or_else(|| "National Human Trafficking Hotline: 1-888-373-7888".into());
    format!("htref: {lead}: {line}")
}

/// The language an error speaks: the one `--lang` asks for, read from the arguments as
/// typed (the error may be that they did not parse); else Spanish when the words typed
/// outside flags are a Spanish question (`htref who-handles "me quitaron el pasaporte"
/// --limt 3`); else the one `LANG` names.
pub fn error_lang() -> Lang {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if let Some(lang) = lang_in_args(args.iter().cloned()) {
        return lang;
    }
    let words: Vec<String> = args
        .iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let data = std::mem::ManuallyDrop::new(data::bundled());
    let tokens = htref_core::matching::normalize::tokens(&words.join(" "));
    match htref_core::matching::reading::language::detect(&tokens, &data.vocabulary) {
        Lang::Es => Lang::Es,
        Lang::En => terminal::lang_from_env(),
    }
}

/// The language `--lang es` or `--lang=es` asks for among raw arguments, if any does.
fn lang_in_args(args: impl Iterator<Item = std::ffi::OsString>) -> Option<Lang> {
    let mut asked = None;
    let mut after_flag = false;
    for arg in args {
        let arg = arg.to_string_lossy();
        let value = if after_flag {
            Some(arg.as_ref())
        } else {
            arg.strip_prefix("--lang=")
        };
        after_flag = arg == "--lang";
        match value {
            Some("es") => asked = Some(Lang::Es),
            Some("en") => asked = Some(Lang::En),
            _ => {}
        }
    }
    asked
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
        Some(text) => Some(data::place::parse(text).map_err(|why| {
            let lang = match cli.command.output().and_then(|o| o.lang) {
                Some(cli::LangArg::Es) => Lang::Es,
                Some(cli::LangArg::En) => Lang::En,
                None => terminal::lang_from_env(),
            };
            UsageError(format!("--where: {}", why.said(lang)))
        })?),
        None => None,
    };
    let (style, stale_after) = match cli.command.output() {
        Some(output) => (
            resolve_style(output, cli.command.long(), terminal),
            output.stale_after,
        ),
        // Export chooses among its own formats.
        None => (terminal::export_style(terminal), 5),
    };
    let mut data = load(data_args, place.as_ref())?;
    let mut local = LocalSource::open(data_args.db.as_deref(), place)?;
    data = with_local_services(data, &mut local, &cli.command, data_args.db.is_some())?;
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
