//! The htref binary: parse arguments, run, and turn the outcome into an exit code.
//!
//! htref starts without the standard library's runtime set-up (`no_main`): that set-up
//! finds the main thread's stack guard through `pthread_getattr_np`, which parses
//! /proc/self/maps, a tenth of the instructions of a whole answer, to print "stack
//! overflow" instead of a bare crash. What else it does htref does itself, first thing
//! ([`prepare_process`]): descriptors 0-2 opened on /dev/null when closed, so no file
//! htref opens (a local database) can take their place and receive its messages;
//! `SIGPIPE` ignored, so a closed pipe is an error htref ends quietly on, not a signal.
#![no_main]

use clap::{CommandFactory, FromArgMatches};
use htref::cli::Cli;
use htref::error::{DataError, UsageError};
use htref::exit_codes::ExitCode;
use htref::matching::reading::Lang;
use std::io::{self, BufWriter, Write};

/// The process's entry point, called by the C runtime with the arguments std reads itself.
#[unsafe(no_mangle)]
extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    let stdout_open = prepare_process();
    // A panic is a bug; it still ends with a code, not an unwind into C.
    match std::panic::catch_unwind(|| answer(stdout_open)) {
        Ok(code) => i32::from(code),
        Err(_) => 101,
    }
}

fn answer(stdout_open: bool) -> ExitCode {
    // `htref` alone: a few lines to start from, not the whole help (a call-taker types it
    // to remember the command, mid-call).
    if std::env::args_os().len() <= 1 {
        let usage = match htref::error_lang() {
            Lang::En => SHORT_USAGE,
            Lang::Es => SHORT_USAGE_ES,
        };
        let mut stderr = io::stderr().lock();
        let _ = write!(stderr, "{usage}");
        let _ = writeln!(stderr, "{}", htref::hotline_reminder());
        return ExitCode::Usage;
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
                return ExitCode::Usage;
            }
            // Help and version: a failed write is reported like any command's.
            let mut stdout = io::stdout();
            return match write!(stdout, "{text}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::Found,
                Err(e) => report(&e.into()),
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
    if !stdout_open {
        let _ = writeln!(
            io::stderr(),
            "htref: error: standard output is closed; nothing was written"
        );
        let _ = writeln!(io::stderr(), "{}", htref::hotline_reminder());
        return ExitCode::Io;
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
        Ok(code) => code,
        Err(err) => report(&err),
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

/// The same under `LANG=es_*`; the commands stay as they are typed.
const SHORT_USAGE_ES: &str = "\
htref: qué oficina federal de EE. UU. atiende un caso de trata, y cómo llamarla.

  htref who-handles \"me quitaron el pasaporte en la granja\"
  htref hotline --lang es        la línea nacional: teléfono, TTY 711, texto, chat
  htref phone 1-866-DHS-2-ICE    ¿de quién es este número?
  htref show \"Wage and Hour\" --lang es   la ficha de una oficina
  htref --help                   todas las órdenes y opciones (en inglés)

Si alguien está en peligro inmediato, llame al 911.
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

/// What the standard library's runtime would have done before `main`, less the stack
/// guard: returns whether descriptor 1 was open, before /dev/null takes a closed one's
/// place (Rust's standard output swallows every write to /dev/null as to a closed
/// descriptor, and htref must tell the two apart).
#[cfg(unix)]
fn prepare_process() -> bool {
    let mut stdout_open = true;
    for fd in 0..=2 {
        // SAFETY: F_GETFD only reads the descriptor's flags; `open` takes a constant
        // C string; `signal` installs the default-ignore disposition, no handler code.
        unsafe {
            if libc::fcntl(fd, libc::F_GETFD) == -1 {
                stdout_open &= fd != 1;
                // The lowest free descriptor is this one: those below it are open.
                if libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) != fd {
                    libc::abort();
                }
            }
        }
    }
    // SAFETY: as above.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    stdout_open
}

#[cfg(not(unix))]
fn prepare_process() -> bool {
    true
}
