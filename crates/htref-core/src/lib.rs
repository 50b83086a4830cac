//! The part of htref its build script and its library share: the data model and its
//! validator ([`data`]), the phone parser ([`phone`]), dates ([`clock`]) and the matcher
//! with its tables ([`matching`]). build.rs uses it to check `data/`, bake it into Rust
//! values and archive the matcher's tables; the library reads both, through the same
//! compiled code.

pub mod clock;
pub mod data;
pub mod matching;
pub mod phone;
