//! The matcher, htref-core's (shared with build.rs, which builds its tables), with the
//! tables built for the bundled data ([`tables`]).

pub use htref_core::matching::*;

pub mod tables;
