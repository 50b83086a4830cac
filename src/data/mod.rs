//! The dataset: the RON files under `data/`, embedded at compile time, parsed and validated.

pub mod model;
pub mod overlay;
mod validate;

use crate::error::DataError;
pub use model::*;

/// The bundled data, parsed and validated by build.rs and embedded as postcard bytes.
static BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.bin"));
/// The matcher's tables for the bundled data, built by build.rs.
static BUNDLED_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tables.bin"));

/// The matcher's tables for the bundled data alone, as built at build time.
pub fn bundled_tables() -> Option<crate::matching::tables::Tables> {
    postcard::from_bytes(BUNDLED_TABLES).ok()
}

impl Dataset {
    /// The data compiled into the binary. It was parsed and validated at build time; a
    /// failure here means the binary itself is damaged.
    pub fn bundled() -> Result<Dataset, DataError> {
        postcard::from_bytes(BUNDLE).map_err(|e| {
            DataError(format!(
                "the bundled data cannot be read ({e}); reinstall htref"
            ))
        })
    }

    /// Every problem the validator finds, for tests and `data check`.
    pub fn problems(&self) -> Vec<validate::Problem> {
        validate::check(self)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources a list of ids cites, each once, in first-cited order; unknown ids are
    /// skipped (the validator reports them).
    pub fn sources_cited<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Vec<&Source> {
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

pub use validate::Problem;
