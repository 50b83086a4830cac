//! `htref data check PATH...`: validates overlay files against the bundled data.

use crate::data::overlay;
use crate::exit_codes::ExitCode;
use crate::render::json::SCHEMA_VERSION;
use crate::render::sanitize;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// `data check --json`.
#[derive(Debug, Serialize)]
struct CheckJson {
    schema_version: u32,
    command: &'static str,
    /// True when every file passed.
    ok: bool,
    /// The files that parsed, with what they add.
    files: Vec<FileJson>,
    problems: Vec<ProblemJson>,
}

#[derive(Debug, Serialize)]
struct FileJson {
    path: String,
    organizations: usize,
    referrals: usize,
    contact_overrides: usize,
}

#[derive(Debug, Serialize)]
struct ProblemJson {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    record: String,
    message: String,
}

/// Prints each problem on one line (`file:line:column: what is wrong; how to fix it`), or
/// one "ok" line per file (or one JSON document); exits with the data-error code when
/// anything is wrong.
pub fn run(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let data = crate::data::bundled();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match overlay::read(path) {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    problems.extend(overlay::check(&data, &files));
    let code = if problems.is_empty() {
        ExitCode::Found
    } else {
        ExitCode::Data
    };
    if json {
        let document = CheckJson {
            schema_version: SCHEMA_VERSION,
            command: "data check",
            ok: problems.is_empty(),
            files: files
                .iter()
                .map(|f| FileJson {
                    path: f.path.clone(),
                    organizations: f.overlay.organizations.len(),
                    referrals: f.overlay.referrals.len(),
                    contact_overrides: f.overlay.contact_overrides.len(),
                })
                .collect(),
            problems: problems
                .iter()
                .map(|p| ProblemJson {
                    file: p.file.clone(),
                    line: p.position.map(|(line, _)| line),
                    column: p.position.map(|(_, column)| column),
                    record: p.record.clone(),
                    message: p.message.clone(),
                })
                .collect(),
        };
        crate::render::json::write(&document, out)?;
        return Ok(code);
    }
    for problem in &problems {
        writeln!(out, "{}", sanitize(&problem.to_string()))?;
    }
    if !problems.is_empty() {
        return Ok(code);
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
    Ok(code)
}
