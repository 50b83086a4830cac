//! `htref export --format hsds|json|csv`: the bundled (plus overlay and local) data for
//! other directory software: HSDS 3.0 (src/hsds), htref's own JSON, or a flat CSV list of
//! contacts.

use super::Context;
use crate::cli::ExportFormat;
use crate::data::Organization;
use crate::error::UsageError;
use crate::exit_codes::ExitCode;
use crate::phone;
use serde::Serialize;
use std::io::Write;

pub fn run(
    ctx: &Context,
    format: Option<ExportFormat>,
    output: Option<&std::path::Path>,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let data = ctx.index.data;
    if output.is_some() && format != Some(ExportFormat::Hsds) {
        return Err(UsageError(
            "--output writes HSDS's tabular package: use it with --format hsds".into(),
        )
        .into());
    }
    match format {
        Some(ExportFormat::Hsds) => {
            let organizations = crate::hsds::export::organizations(data);
            match output {
                Some(dir) => crate::hsds::tables::write_package(&organizations, dir, force)?,
                // A bare list of organizations, as HSDS 3.0 exchanges them (services inside).
                None => crate::render::json::write(&organizations, out)?,
            }
        }
        Some(ExportFormat::Json) => crate::render::json::write(&ExportJson::new(data), out)?,
        Some(ExportFormat::Csv) => write_csv(ctx, out)?,
        None => {
            return Err(UsageError(
                "export needs --format hsds (Open Referral HSDS 3.0), json (htref's own schema) or csv (a flat contact list)".into(),
            )
            .into());
        }
    }
    Ok(ExitCode::Found)
}

/// `export --format json`: the whole dataset in htref's own schema.
#[derive(Serialize)]
struct ExportJson<'d> {
    schema_version: u32,
    command: &'static str,
    dataset: &'d crate::data::DatasetInfo,
    sources: &'d [crate::data::Source],
    organizations: Vec<ExportedOrganization<'d>>,
    needs: &'d [crate::data::Need],
    conflicts: &'d [crate::data::Conflict],
}

#[derive(Serialize)]
struct ExportedOrganization<'d> {
    #[serde(flatten)]
    organization: &'d Organization,
    /// The overlay file a local entry came from; null for bundled ones.
    local_file: Option<&'d str>,
}

impl<'d> ExportJson<'d> {
    fn new(data: &'d crate::data::Dataset) -> Self {
        ExportJson {
            schema_version: crate::render::json::SCHEMA_VERSION,
            command: "export",
            dataset: &data.info,
            sources: &data.sources,
            organizations: data
                .organizations
                .iter()
                .map(|o| ExportedOrganization {
                    organization: o,
                    local_file: o.origin.as_deref(),
                })
                .collect(),
            needs: &data.needs,
            conflicts: &data.conflicts,
        }
    }
}

/// `export --format csv`: one row per contact, with its number or its address (web page
/// or email).
fn write_csv(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let index = &ctx.index;
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "organization_id",
        "organization",
        "department",
        "contact_id",
        "kind",
        "label",
        "number",
        "dial",
        "digits",
        "address",
        "hours",
        "audience",
        "local_file",
        "sources",
    ])?;
    for (o, org) in index.data.organizations.iter().enumerate() {
        let department = index
            .department(o)
            .map_or("", |d| index.org(d).name.as_ref());
        for contact in org.contacts.iter() {
            let dial = contact
                .digits
                .as_deref()
                .map(phone::dial_form)
                .unwrap_or_default();
            let sources = contact.sources.join(" ");
            let row: [&str; 14] = [
                &org.id,
                &org.name,
                department,
                &contact.id,
                contact.kind.as_str(),
                &contact.label,
                contact.number.as_deref().unwrap_or_default(),
                &dial,
                contact.digits.as_deref().unwrap_or_default(),
                // A web or email contact's way in: its https address or its email.
                contact
                    .url
                    .as_deref()
                    .or(contact.email.as_deref())
                    .unwrap_or_default(),
                contact.hours.as_deref().unwrap_or_default(),
                contact.audience.as_deref().unwrap_or_default(),
                org.origin.as_deref().unwrap_or_default(),
                &sources,
            ];
            csv.write_record(row.map(crate::hsds::spreadsheet_cell))?;
        }
    }
    csv.flush()?;
    Ok(())
}
