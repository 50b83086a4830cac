//! Reading the overlays: the default file in the config directory, `HTREF_DATA` and
//! `--data`, checked together and merged over the bundled data.

use crate::cli::DataArgs;
use crate::data::{self, Dataset};
use crate::error::DataError;
use crate::text;

/// The overlay files to merge, in order: the default file in the config directory (see
/// [`default_overlay`]), then `HTREF_DATA`, then `--data`.
pub fn overlay_paths(args: &DataArgs) -> Vec<std::path::PathBuf> {
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

/// The bundled data with every overlay merged over it, and a key naming that merge (for
/// caching the matcher's tables); any problem in any overlay stops here, before anything
/// is printed.
pub fn load(args: &DataArgs, place: Option<&data::place::Place>) -> Result<Dataset, DataError> {
    let data = crate::data::bundled();
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
