//! The dataset: the RON files under `data/`, checked and baked into the binary by build.rs
//! (the model and the validator are htref-core's, shared with build.rs), then overlays,
//! the local database and places.

pub mod loading;
pub mod local_db;
pub mod local_records;
pub mod local_services;
mod local_source;
pub mod overlay;
pub mod place;

pub use htref_core::data::{model, said, validate};
pub use local_source::LocalSource;
pub use model::*;
pub use validate::{Problem, contact_problems, fits, is_official_url};

/// The hotline every "no number" answer points to.
pub const HOTLINE_ORG: &str = "national-hotline";
/// The hotline's main voice contact.
pub const HOTLINE_VOICE: &str = "hotline-voice";

/// The bundled data, parsed and validated by build.rs and baked into the binary as Rust
/// values: start-up reads it in place instead of decoding it. (The baked code names its
/// types as `crate::data::model::...`, which the re-export above makes this crate's.)
#[allow(clippy::all, clippy::pedantic)] // generated code
static BUNDLED: Dataset = include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// The data compiled into the binary, parsed and validated at build time. The copy
/// borrows every text and list from the binary; overlays copy only what they change.
pub fn bundled() -> Dataset {
    BUNDLED.clone()
}
