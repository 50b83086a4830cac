//! The dataset: the RON files under `data/`, embedded at compile time, parsed and validated.

pub mod loading;
pub mod local_db;
pub mod local_records;
pub mod local_services;
pub mod model;
pub mod overlay;
pub mod place;
mod validate;

pub use model::*;

/// The hotline every "no number" answer points to.
pub const HOTLINE_ORG: &str = "national-hotline";
/// The hotline's main voice contact.
pub const HOTLINE_VOICE: &str = "hotline-voice";

/// The bundled data, parsed and validated by build.rs and baked into the binary as Rust
/// values: start-up reads it in place instead of decoding it.
#[allow(clippy::all, clippy::pedantic)] // generated code
static BUNDLED: Dataset = include!(concat!(env!("OUT_DIR"), "/bundle.rs"));
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

    /// The recorded disagreements between sources about one organization, in the data's
    /// order: the one filter every view of conflicts goes through.
    pub fn conflicts_about<'s>(
        &'s self,
        org_id: &'s str,
    ) -> impl Iterator<Item = &'s Conflict> + 's {
        self.conflicts
            .iter()
            .filter(move |c| c.subjects.iter().any(|s| s.as_ref() == org_id))
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
