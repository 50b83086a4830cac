//! Error kinds that decide the exit code; everything else is carried by `anyhow`.

use std::fmt;

/// The user asked for something htref cannot parse: a bad flag value, a malformed number.
#[derive(Debug)]
pub struct UsageError(pub String);

/// A data file (bundled or overlay) is missing, malformed or inconsistent.
#[derive(Debug)]
pub struct DataError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
impl std::error::Error for DataError {}
