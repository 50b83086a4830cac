//! The exit codes htref documents in its README.

/// How a run of htref ended, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Something was found and printed.
    Found,
    /// The query was understood but nothing in the data matched it.
    NoMatch,
    /// The command line was wrong (unknown flag, malformed phone number, empty query).
    Usage,
    /// A data file is malformed or inconsistent.
    Data,
    /// Writing the output failed for another reason than a closed pipe.
    Io,
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        match code {
            ExitCode::Found => 0,
            ExitCode::NoMatch => 1,
            ExitCode::Usage => 2,
            ExitCode::Data => 3,
            ExitCode::Io => 4,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        // Every value above fits in a byte.
        std::process::ExitCode::from(u8::try_from(i32::from(code)).unwrap_or(1))
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode;

    #[test]
    fn codes_are_distinct_and_documented() {
        let codes = [
            ExitCode::Found,
            ExitCode::NoMatch,
            ExitCode::Usage,
            ExitCode::Data,
            ExitCode::Io,
        ]
        .map(i32::from);
        assert_eq!(codes, [0, 1, 2, 3, 4]);
    }
}
