//! The matcher's tables: htref-core's, plus the tables build.rs packed for the bundled
//! data, read in place.

pub use htref_core::matching::tables::*;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The matcher's tables for the bundled data, built and packed by build.rs: their strings
/// (checked as UTF-8 when compiled, never at run time) and their rows.
static BUNDLED_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/tables.txt"));
static BUNDLED_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tables.bin"));

/// The matcher's tables for the bundled data alone, as built at build time. Taking them
/// checks their header and sections, a few hundred instructions.
pub fn bundled_tables() -> &'static Tables<'static> {
    static TABLES: OnceLock<Tables<'static>> = OnceLock::new();
    TABLES.get_or_init(|| {
        // build.rs wrote these bytes from this very data with the same packer; were they
        // ever refused, the tables are built again rather than answering without them.
        Tables::from_parts(Cow::Borrowed(BUNDLED_TEXT), Cow::Borrowed(BUNDLED_BYTES))
            .unwrap_or_else(|| Tables::build(&crate::data::bundled()))
    })
}

/// The bundled tables, ready to read.
pub fn bundled() -> TablesRef<'static> {
    bundled_tables().view()
}
