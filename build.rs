//! Build script: reads the dataset's as-of date so `htref --version` can print it
//! without loading the data.

use serde::Deserialize;

/// The one field of `data/dataset.ron` the build needs; the rest is read at run time.
#[derive(Deserialize)]
struct DatasetInfo {
    as_of: String,
}

fn main() {
    println!("cargo::rerun-if-changed=data/dataset.ron");
    let text = std::fs::read_to_string("data/dataset.ron").expect("data/dataset.ron is readable");
    let info: DatasetInfo =
        ron::from_str(&text).unwrap_or_else(|e| panic!("data/dataset.ron: {e}"));
    println!("cargo::rustc-env=HTREF_DATA_AS_OF={}", info.as_of);
}
