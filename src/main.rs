//! The htref binary: parse arguments, run, and turn the outcome into an exit code.

use clap::{CommandFactory, FromArgMatches};
use htref::cli::Cli;
use htref::error::{DataError, UsageError};
use htref::exit_codes::ExitCode;
use htref::matching::reading::Lang;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

fn main() -> std::process::ExitCode {
    // `htref` alone: a few lines to start from, not the whole help (a call-taker types it
    // to remember the command, mid-call).
    if std::env::args_os().len() <= 1 {
        let mut stderr = io::stderr().lock();
        let _ = write!(stderr, "{SHORT_USAGE}");
        let _ = writeln!(stderr, "{}", htref::hotline_reminder());
        return ExitCode::Usage.into();
    }
    let mut cli = match parse_args() {
        Ok(cli) => cli,
        Err(err) => {
            // clap writes help and version to stdout (exit 0) and errors to stderr (exit 2).
            // An error may echo the argument: sanitize it so it cannot drive the terminal.
            let spanish = err.use_stderr() && htref::error_lang() == Lang::Es;
            let rendered = match spanish
                .then(|| htref::usage_errors::spanish(&err))
                .flatten()
            {
                Some(text) => text,
                None => err.render().to_string(),
            };
            let text = htref::render::sanitize(&rendered);
            if err.use_stderr() {
                let mut stderr = io::stderr().lock();
                let _ = write!(stderr, "{text}");
                let _ = writeln!(stderr, "{}", htref::hotline_reminder());
                return ExitCode::Usage.into();
            }
            // Help and version: a failed write is reported like any command's.
            let mut stdout = io::stdout();
            return match write!(stdout, "{text}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::Found.into(),
                Err(e) => report(&e.into()).into(),
            };
        }
    };
    for warning in cli.apply_environment() {
        let _ = writeln!(
            io::stderr(),
            "htref: warning: {}",
            htref::render::sanitize(&warning)
        );
    }
    let stdout = io::stdout();
    // Rust's standard output swallows every write when descriptor 1 is closed (`>&-`): the
    // answer would go nowhere with exit 0. Say so, as for a full disk.
    if !stdout_is_open() {
        let _ = writeln!(
            io::stderr(),
            "htref: error: standard output is closed; nothing was written"
        );
        let _ = writeln!(io::stderr(), "{}", htref::hotline_reminder());
        return ExitCode::Io.into();
    }
    let mut out = BufWriter::new(stdout.lock());
    let terminal = htref::Terminal::detect();
    let result = match htref::pager_for(&cli, terminal) {
        // On a terminal the answer is made first, then paged if it is taller than the screen.
        Some(pager) => {
            let mut answer = Vec::new();
            htref::run(&cli, terminal, &mut answer).and_then(|code| {
                pager.show(&answer, &mut out, &mut std::io::stderr())?;
                Ok(code)
            })
        }
        None => htref::run(&cli, terminal, &mut out),
    };
    // Flush before reporting, so an error line never lands in the middle of the output.
    let result = result.and_then(|code| out.flush().map(|()| code).map_err(Into::into));
    match result {
        Ok(code) => code.into(),
        Err(err) => report(&err).into(),
    }
}

/// What bare `htref` prints: the commands a call-taker reaches for, and where the rest is.
const SHORT_USAGE: &str = "\
htref: which U.S. federal office handles a human-trafficking need, and how to reach it.

  htref who-handles \"16 year old from Honduras forced to work on a farm\"
  htref hotline                  the national hotline: phone, TTY 711, text, chat
  htref phone 1-866-DHS-2-ICE    whose number is this?
  htref show \"Wage and Hour\"     one office's card
  htref --help                   every command and option

If someone is in immediate danger, call 911.
";

/// What `Cli::try_parse` does, less dropping clap's tree of every subcommand and argument
/// at the end: the process exits soon after, and the drop was an eighth of the
/// instructions of a whole answer.
fn parse_args() -> Result<Cli, clap::Error> {
    let mut command = std::mem::ManuallyDrop::new(Cli::command());
    let mut matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut command))
}

/// Prints an error in one line and picks its exit code. A closed pipe is not an error.
fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::Found;
    }
    let code = if err.downcast_ref::<UsageError>().is_some() {
        ExitCode::Usage
    } else if err.downcast_ref::<DataError>().is_some() {
        ExitCode::Data
    } else {
        ExitCode::Io
    };
    // A data error may list several problems, one per line; anything else is one line.
    let text = format!("{err:#}");
    let lines: Vec<String> = if code == ExitCode::Data {
        text.lines()
            .map(|line| htref::render::sanitize(line).into_owned())
            .collect()
    } else {
        vec![htref::render::sanitize(&text).replace('\n', " ")]
    };
    let mut stderr = io::stderr().lock();
    for line in lines {
        let _ = writeln!(stderr, "htref: error: {line}");
    }
    // No error is a dead end: whatever failed, the last line is the hotline.
    let _ = writeln!(stderr, "{}", htref::hotline_reminder());
    code
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Whether descriptor 1 was closed when the process started. Rust's runtime puts
/// /dev/null on a standard descriptor that is closed at start, before `main`, so the
/// check runs earlier: from the ELF initializers, which run before the runtime.
static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CHECK_STDOUT_AT_START: extern "C" fn() = check_stdout_at_start;

#[cfg(target_os = "linux")]
extern "C" fn check_stdout_at_start() {
    // SAFETY: F_GETFD only reads the descriptor's flags; it touches no memory.
    let open = unsafe { libc::fcntl(1, libc::F_GETFD) } != -1;
    STDOUT_CLOSED_AT_START.store(!open, Ordering::Relaxed);
}

/// Whether descriptor 1 was open when htref started (checked on Linux; assumed elsewhere).
fn stdout_is_open() -> bool {
    !STDOUT_CLOSED_AT_START.load(Ordering::Relaxed)
}
