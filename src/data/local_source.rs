//! The local database a run reads, opened once, and the place its answers are for.

use super::local_db::{self, LocalDb};
use super::place::Place;
use crate::error::DataError;
use std::io::Write;

/// The local database, when there is one, and the place answers are for.
pub struct LocalSource {
    pub db: Option<LocalDb>,
    pub place: Option<Place>,
    /// The question's matches over the bundled tables, when looking up local services
    /// for it read them already: the answer reuses them rather than reading it twice.
    pub matches: Option<htref_core::matching::Matches>,
}

impl LocalSource {
    /// The database named by `--db` must open (it was typed for this answer; the error
    /// still ends with the hotline); one named by `HTREF_DB` or the default one, when it
    /// cannot (half-written by an import killed mid-way, not a database, empty), is left
    /// out with one warning line, and the answer goes on without it: a variable set once
    /// in a shell profile must never turn every answer into an error. One asked for (by
    /// `--db` or `HTREF_DB`) that does not exist gets a warning line too.
    pub fn open(
        flag: Option<&std::path::Path>,
        place: Option<Place>,
    ) -> Result<LocalSource, DataError> {
        let Some((path, asked)) = local_db::location(flag) else {
            return Ok(LocalSource {
                db: None,
                place,
                matches: None,
            });
        };
        if flag.is_none()
            && let Some(warning) = super::loading::others_can_change(&path)
        {
            let _ = writeln!(
                std::io::stderr(),
                "htref: warning: {}",
                crate::render::sanitize(&warning)
            );
        }
        let db = match LocalDb::open_for_reading(&path) {
            // One asked for that is not there is said, never passed over in silence (a
            // mistyped path would look like an empty directory); the answer still comes.
            Ok(None) if asked => {
                let _ = writeln!(
                    std::io::stderr(),
                    "htref: warning: {}; answering without it",
                    local_db::missing(&path)
                );
                None
            }
            Ok(db) => db,
            Err(why) if flag.is_some() => return Err(DataError(why)),
            Err(why) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "htref: warning: {why}; answering without it"
                );
                None
            }
        };
        Ok(LocalSource {
            db,
            place,
            matches: None,
        })
    }
}
