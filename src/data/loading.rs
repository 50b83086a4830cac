//! Reading the overlays: the default file in the config directory, `HTREF_DATA` and
//! `--data`, checked together and merged over the bundled data.

use crate::cli::DataArgs;
use crate::data::{self, Dataset};
use crate::error::DataError;
use crate::text;

/// Where an overlay was named, which decides what a broken one costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// The default file in the config directory, or `HTREF_DATA`: set once, read by every
    /// answer. A broken one is left out with a warning line, so that a half-written file
    /// or a variable in a shell profile never takes an answer away.
    Quietly,
    /// `--data`: typed for this answer. A broken one is an error (exit 3), whose message
    /// still ends with the hotline.
    OnTheCommandLine,
}

/// The overlay files to merge, in order: the default file in the config directory (see
/// [`default_overlay`]), then `HTREF_DATA`, then `--data`; each with where it was named.
pub fn overlay_paths(args: &DataArgs) -> Vec<(std::path::PathBuf, Named)> {
    let mut paths = Vec::new();
    if let Some(Ok(default)) = default_overlay() {
        paths.push((default, Named::Quietly));
    }
    if let Some(list) = std::env::var_os("HTREF_DATA") {
        paths.extend(
            std::env::split_paths(&list)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| (p, Named::Quietly)),
        );
    }
    paths.extend(
        args.data
            .iter()
            .map(|p| (p.clone(), Named::OnTheCommandLine)),
    );
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
    let shown = text::path(&path);
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

/// The bundled data with every overlay merged over it. A problem in a file named with
/// `--data` stops here, before anything is printed; a default or `HTREF_DATA` file with a
/// problem (unreadable, empty, cut short, too large, refused by the checker) is left out,
/// said in one warning line on stderr, and the answer goes on without it.
pub fn load(args: &DataArgs, place: Option<&data::place::Place>) -> Result<Dataset, DataError> {
    let warn = |line: String| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "htref: warning: {}",
            crate::render::sanitize(&line)
        );
    };
    match default_overlay() {
        Some(Err(warning)) => warn(warning),
        Some(Ok(path)) => {
            if let Some(warning) = others_can_change(&path) {
                warn(warning);
            }
        }
        None => {}
    }
    let data = crate::data::bundled();
    let paths = overlay_paths(args);
    if paths.is_empty() {
        return Ok(data);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (path, named) in &paths {
        let file = match data::overlay::read(path) {
            Ok(file) => file,
            Err(problem) if *named == Named::Quietly => {
                warn(left_out(path, &[problem]));
                continue;
            }
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if *named == Named::Quietly {
            // Checked on its own first, so that its problems cost only itself.
            let own = data::overlay::check(&data, std::slice::from_ref(&file));
            if !own.is_empty() {
                warn(left_out(path, &own));
                continue;
            }
        }
        files.push(file);
    }
    if problems.is_empty() {
        problems.extend(data::overlay::check(&data, &files));
    }
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(DataError(lines.join("\n")));
    }
    let state = place.and_then(|p| p.state.as_deref());
    Ok(data::overlay::merge(data, files, state))
}

/// The warning for a default or `HTREF_DATA` overlay left out: its first problem, how many
/// more, and how to see them all.
fn left_out(path: &std::path::Path, problems: &[data::validate::Problem]) -> String {
    let first = problems
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let more = match problems.len() {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    format!(
        "{first}{more}; answering without this overlay (`htref data check {}` lists every problem)",
        text::path(path)
    )
}

/// Why a file read by default, with no one naming it, could hold what another person of
/// this machine wrote: it is another user's, or anyone may write it. Said, then read
/// (refusing would take a team's shared file away); `None` when only its owner can change
/// it, or off Unix.
pub fn others_can_change(path: &std::path::Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        let shown = text::path(path);
        if meta.mode() & 0o002 != 0 {
            return Some(format!(
                "{shown} may be changed by every user of this machine; read all the same (`chmod o-w {shown}` keeps it yours)"
            ));
        }
        if meta.uid() != me && me != 0 {
            return Some(format!(
                "{shown} belongs to another user (uid {}); read all the same (make it yours, or give --data or --db)",
                meta.uid()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}
