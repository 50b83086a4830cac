//! `htref data check PATH...`: validates overlay files against the bundled data.

use crate::data::Dataset;
use crate::data::overlay;
use crate::exit_codes::ExitCode;
use crate::render::sanitize;
use std::io::Write;
use std::path::PathBuf;

/// Prints each problem on one line (`file:line:column: what is wrong; how to fix it`), or
/// one "ok" line per file; exits with the data-error code when anything is wrong.
pub fn run(paths: &[PathBuf], out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let data = Dataset::bundled();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match overlay::read(path) {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    problems.extend(overlay::check(&data, &files));
    for problem in &problems {
        writeln!(out, "{}", sanitize(&problem.to_string()))?;
    }
    if !problems.is_empty() {
        return Ok(ExitCode::Data);
    }
    for file in &files {
        let o = &file.overlay;
        writeln!(
            out,
            "ok: {}: {} organizations, {} need referrals, {} contact overrides",
            sanitize(&file.path),
            o.organizations.len(),
            o.referrals.len(),
            o.contact_overrides.len()
        )?;
    }
    Ok(ExitCode::Found)
}
