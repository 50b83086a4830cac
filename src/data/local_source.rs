//! The local database a run reads, opened once, and the place its answers are for.

use super::local_db::{self, LocalDb};
use super::place::Place;
use crate::error::DataError;
use std::io::Write;

/// The local database, when there is one, and the place answers are for.
pub struct LocalSource {
    pub db: Option<LocalDb>,
    pub place: Option<Place>,
}

impl LocalSource {
    /// The database named by `--db` or `HTREF_DB` must open (one that does not exist gets
    /// a warning line); the default one, when it cannot, is left out with one warning line
    /// (the 911 line and the hotline still answer).
    pub fn open(
        flag: Option<&std::path::Path>,
        place: Option<Place>,
    ) -> Result<LocalSource, DataError> {
        let Some((path, asked)) = local_db::location(flag) else {
            return Ok(LocalSource { db: None, place });
        };
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
            Err(why) if asked => return Err(DataError(why)),
            Err(why) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "htref: warning: {why}; answering without it"
                );
                None
            }
        };
        Ok(LocalSource { db, place })
    }
}
