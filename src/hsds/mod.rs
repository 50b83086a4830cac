//! Open Referral's Human Services Data Specification (HSDS) 3.0, both ways: htref's data
//! written as HSDS JSON or its tabular package, and a directory's feed read into the
//! local database (or a RON overlay).

pub mod export;
pub mod import;
pub(crate) mod json_feed;
mod read;
pub mod records;
pub mod tables;
pub mod taxonomy;
pub mod to_overlay;

/// A cell for a CSV file a spreadsheet may open: text safe to print, and a cell that
/// starts like a formula (`=`, `+`, `-`, `@`) defused with a leading quote. The csv
/// crate's writer does the quoting.
pub fn spreadsheet_cell(text: &str) -> String {
    let text = crate::text::sanitize(text).into_owned();
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}
