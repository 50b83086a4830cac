//! The matcher's tables: htref-core's, plus the tables build.rs archived for the bundled
//! data, read in place.

pub use htref_core::matching::tables::*;

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
    // the bytes build.rs wrote with `Tables::archive` from htref-core, the crate whose
    // `ArchivedTables` this reads, aligned to 16 bytes as rkyv requires. That is sound
    // only while build.rs and the library compile one and the same rkyv: the test
    // `rkyv_is_one_crate_for_the_build_and_the_library` fails when Cargo.toml's two rkyv
    // lines differ or Cargo.lock holds two rkyv versions. The integration test
    // `the_embedded_tables_are_the_ones_the_data_builds` validates these same bytes with
    // the checking reader and compares them with tables rebuilt from the data.
    unsafe { rkyv::access_unchecked::<ArchivedTables>(&BUNDLED_TABLES.0) }
}
