//! One module per command. Each builds its answer from the index, then prints it as a
//! document (table or plain text) or as JSON.

pub mod data_check;
pub mod export;
pub mod feeds;
pub mod hotline;

pub mod list;
pub mod local_data;
pub mod manual;
pub mod needs;
pub mod phone;
pub mod show;
pub mod sources;
pub mod who_handles;

pub use crate::context::Context;
use crate::exit_codes::ExitCode;

/// Exit code for an answer that did or did not find something.
pub fn found(any: bool) -> ExitCode {
    if any {
        ExitCode::Found
    } else {
        ExitCode::NoMatch
    }
}
