//! The local database beside the bundled data: opened once per run, and the services a
//! command needs from it merged in as local entries.

use crate::cli::Command;
use crate::data::LocalSource;
use crate::data::{self, Dataset};
use crate::error::{DataError, UsageError};
use crate::phone;

/// The data with the local database's services for this command merged in: for a
/// question, those serving its needs in the place asked for; for a number or a name, those
/// it belongs to, in any place. A database that fails while it is read (a page damaged
/// after it opened) costs only its services, with one warning line, unless it was named
/// with `--db` for this answer: then it is an error, like a `--data` overlay.
pub fn with_local_services(
    data: Dataset,
    local: &mut LocalSource,
    command: &Command,
    named_on_command_line: bool,
) -> Result<Dataset, DataError> {
    let rows = match local_rows(&data, local, command) {
        Ok(rows) => rows,
        Err(why) if named_on_command_line => return Err(why),
        Err(why) => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "htref: warning: {}; answering without the local database",
                crate::render::sanitize(&why.0)
            );
            // Nothing later asks it again (the count of services left out, a card).
            local.db = None;
            Vec::new()
        }
    };
    let files = data::local_services::overlays(&data, &rows);
    if files.is_empty() {
        return Ok(data);
    }
    Ok(data::overlay::merge(data, files, None))
}

/// The local database's services this command needs.
fn local_rows(
    data: &Dataset,
    local: &mut LocalSource,
    command: &Command,
) -> Result<Vec<data::local_db::ServiceRow>, DataError> {
    let Some(db) = &local.db else {
        return Ok(Vec::new());
    };
    Ok(match command {
        Command::WhoHandles(args) => match &local.place {
            Some(place) => {
                let (rows, matches) =
                    super::who_handles::local_services(data, db, place, &args.need.join(" "))?;
                local.matches = Some(matches);
                rows
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
        // An export carries the local records too, marked as local, but reads them one at
        // a time itself (commands/export.rs): merged here, a large database would be whole
        // in memory, several times over.
        _ => Vec::new(),
    })
}

pub fn no_data_dir() -> UsageError {
    UsageError(
        "no data folder is known for the local database: give --db PATH or set HTREF_DB".into(),
    )
}
