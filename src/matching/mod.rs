//! The matcher, htref-core's (shared with build.rs, which builds its tables), with the
//! tables built for the bundled data ([`tables`]).

pub use htref_core::matching::*;

pub mod tables;

/// The need weights build.rs learned from data/corpus ([`model`]).
static NEED_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/need_model.bin"));

/// The learned need weights of the bundled data.
pub fn bundled_model() -> Option<model::Model<'static>> {
    model::Model::from_bytes(NEED_MODEL)
}
