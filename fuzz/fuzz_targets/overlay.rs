//! Any bytes as an overlay file: an error with a position or a checked merge, never a
//! panic.
#![no_main]

use htref::data::overlay;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("htref-fuzz-{}.ron", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let bundled = htref::data::bundled();
    if let Ok(file) = overlay::read(&path) {
        let files = vec![file];
        if overlay::check(&bundled, &files).is_empty() {
            let _ = overlay::merge(bundled, files, Some("MD"));
        }
    }
});
