//! The dataset: the RON files under `data/`, embedded at compile time, parsed and validated.

pub mod loading;
pub mod local_db;
pub mod local_services;
pub mod model;
pub mod overlay;
pub mod place;
mod validate;

use crate::matching::tables::{ArchivedTables, TablesArchive};
pub use model::*;

/// The bundled data, parsed and validated by build.rs and baked into the binary as Rust
/// values: start-up reads it in place instead of decoding it.
#[allow(clippy::all, clippy::pedantic)] // generated code
static BUNDLED: Dataset = include!(concat!(env!("OUT_DIR"), "/bundle.rs"));
/// The matcher's tables for the bundled data, built and archived by build.rs (rkyv).
static BUNDLED_TABLES: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/tables.rkyv")));

/// rkyv reads an archive in place, which needs its bytes aligned.
#[repr(C, align(16))]
struct Aligned<T: ?Sized>(T);

/// The matcher's tables for the bundled data alone, as built at build time; reading them
/// through this checks every byte (the tests do).
pub fn bundled_tables() -> TablesArchive {
    TablesArchive::Bundled(&BUNDLED_TABLES.0)
}

/// The same tables, read in place without the check. Checking them at every start was a
/// quarter of the instructions of a whole `who-handles` run, and it cannot find anything:
/// these bytes were written by build.rs from these very types and are part of the binary.
pub fn bundled_tables_unchecked() -> &'static ArchivedTables {
    // SAFETY: `BUNDLED_TABLES` is private to this module and immutable. It holds exactly
    // the bytes build.rs wrote with `Tables::archive` from the same type definitions this
    // crate compiles, aligned to 16 bytes as rkyv requires. The integration test
    // `the_embedded_tables_are_the_ones_the_data_builds` validates these same bytes with
    // the checking reader and compares them with tables rebuilt from the data.
    unsafe { rkyv::access_unchecked::<ArchivedTables>(&BUNDLED_TABLES.0) }
}

impl Dataset {
    /// The data compiled into the binary, parsed and validated at build time. The copy
    /// borrows every text and list from the binary; overlays copy only what they change.
    pub fn bundled() -> Dataset {
        BUNDLED.clone()
    }

    /// Every problem the validator finds, for tests and `data check`.
    pub fn problems(&self) -> Vec<validate::Problem> {
        validate::check(self)
    }

    /// An overlay's correction of this contact's number; the last one when several
    /// overlays correct it.
    pub fn override_of(&self, contact_id: &str) -> Option<&ContactOverride> {
        self.overrides
            .iter()
            .rev()
            .find(|fix| fix.contact == contact_id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources a list of ids cites, each once, in first-cited order; unknown ids are
    /// skipped (the validator reports them).
    pub fn sources_cited(&self, ids: &[Text]) -> Vec<&Source> {
        let mut cited: Vec<&Source> = Vec::new();
        for id in ids {
            if let Some(source) = self.source(id)
                && !cited.iter().any(|s| s.id == source.id)
            {
                cited.push(source);
            }
        }
        cited
    }
}

pub use validate::{Problem, contact_problems, fits, is_official_url};
