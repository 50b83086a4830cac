//! Any text as a who-handles query: never a panic, the same plan twice.
#![no_main]

use htref::data::{Asker, Dataset};
use htref::index::Index;
use htref::matching::Matcher;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(htref::data::bundled)
}

fuzz_target!(|query: &str| {
    let data = data();
    let index = Index::new(data);
    let archive = htref::matching::tables::bundled_tables();
    let matcher = Matcher::new(data, archive.tables().unwrap());
    let first = htref::plan::build(&index, matcher.find(query), Asker::Public);
    let again = htref::plan::build(&index, matcher.find(query), Asker::Public);
    assert_eq!(first, again);
});
