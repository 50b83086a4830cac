//! `htref data import`, `htref data feeds` and `htref data remove`: what the local
//! database holds, feed by feed. The reading of a feed is `hsds`'s; this says where it
//! goes.

use crate::data::local_db::LocalDb;
use crate::exit_codes::ExitCode;
use crate::render::sanitize;
use std::io::Write;
use std::path::Path;

/// `data import`'s arguments.
pub struct Import<'a> {
    pub path: Option<&'a Path>,
    pub name: Option<&'a str>,
    pub to_overlay: bool,
    pub verbose: bool,
    pub db: Option<&'a Path>,
}

/// `htref data import`: a feed into the local database (or, `--to-overlay`, a RON overlay
/// on `out`); with `--name` alone, that feed again from the path it came from.
pub fn import(args: &Import, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    // An overlay from a path needs no database (nor a data folder to find one in).
    if let (true, Some(path)) = (args.to_overlay, args.path) {
        return crate::hsds::to_overlay::run(path, args.verbose, out);
    }
    let (db, asked) =
        crate::data::local_db::location(args.db).ok_or_else(super::local_data::no_data_dir)?;
    let path = match (args.path, args.name) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(name)) => crate::hsds::import::stored_path(&db, asked, name)?,
        (None, None) => {
            return Err(crate::error::UsageError(
                "data import needs a feed: give its PATH, or --name NAME to import a feed again from where it came".into(),
            )
            .into());
        }
    };
    if args.to_overlay {
        return crate::hsds::to_overlay::run(&path, args.verbose, out);
    }
    crate::hsds::import::run_into_db(&path, args.name, &db, args.verbose, out)
}

/// Lists the feeds: name, file, when imported, counts, problems. A database asked for
/// (`--db`, `HTREF_DB`) that does not exist is an error; the default one is simply empty.
pub fn list(db: &Path, asked: bool, json: bool, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let feeds = match LocalDb::open_for_reading(db).map_err(crate::error::DataError)? {
        Some(db) => db.feeds().map_err(crate::error::DataError)?,
        None if asked => {
            return Err(crate::error::DataError(crate::data::local_db::missing(db)).into());
        }
        None => Vec::new(),
    };
    if json {
        let doc = serde_json::json!({
            "database": crate::render::path(db),
            "feeds": feeds,
        });
        crate::render::json::write(&doc, out)?;
        return Ok(ExitCode::Found);
    }
    if feeds.is_empty() {
        writeln!(
            out,
            "No feeds in {}. Import one with `htref data import FEED`.",
            crate::render::path(db)
        )?;
        return Ok(ExitCode::Found);
    }
    writeln!(out, "Feeds in {}:", crate::render::path(db))?;
    for feed in &feeds {
        writeln!(
            out,
            "{}: from {}, imported {}; {} organizations, {} services; {} problems, {} merged into htref's own records",
            sanitize(&feed.name),
            sanitize(&feed.file),
            feed.imported,
            feed.organizations,
            feed.services,
            feed.problems,
            feed.merged
        )?;
    }
    Ok(ExitCode::Found)
}

/// Removes one feed; an unknown name is exit 1 with the names there are. A database asked
/// for that does not exist is an error (never made, to remove nothing from).
pub fn remove(db: &Path, asked: bool, name: &str, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if LocalDb::open_for_reading(db)
        .map_err(crate::error::DataError)?
        .is_none()
    {
        if asked {
            return Err(crate::error::DataError(crate::data::local_db::missing(db)).into());
        }
        writeln!(
            out,
            "No local database at {}; nothing removed.",
            crate::render::path(db)
        )?;
        return Ok(ExitCode::NoMatch);
    }
    let mut db = LocalDb::open_for_writing(db).map_err(crate::error::DataError)?;
    if db.remove(name).map_err(crate::error::DataError)? {
        writeln!(out, "Removed feed {}.", sanitize(name))?;
        return Ok(ExitCode::Found);
    }
    let names: Vec<String> = db
        .feeds()
        .map_err(crate::error::DataError)?
        .into_iter()
        .map(|f| f.name)
        .collect();
    writeln!(
        out,
        "No feed named {} (feeds: {}).",
        sanitize(name),
        if names.is_empty() {
            "none".to_string()
        } else {
            sanitize(&names.join(", ")).into_owned()
        }
    )?;
    Ok(ExitCode::NoMatch)
}
