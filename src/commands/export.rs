//! `htref export --format hsds|json|csv`: the bundled (plus overlay and local) data for
//! other directory software: HSDS 3.0 (src/hsds), htref's own JSON, or a flat CSV list of
//! contacts.

use super::Context;
use crate::cli::ExportFormat;
use crate::data::Organization;
use crate::error::UsageError;
use crate::exit_codes::ExitCode;
use crate::phone;
use crate::render::json;
use serde::Serialize;
use std::io::Write;

pub fn run(
    ctx: &Context,
    format: Option<ExportFormat>,
    output: Option<&std::path::Path>,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if output.is_some() && format != Some(ExportFormat::Hsds) {
        return Err(UsageError(
            "--output writes HSDS's tabular package: use it with --format hsds".into(),
        )
        .into());
    }
    match format {
        Some(ExportFormat::Hsds) => {
            if let Some(dir) = output {
                crate::hsds::tables::write_package(dir, force, |package| {
                    each_organization(ctx, |org, _| {
                        package.add(&crate::hsds::export::organization(org))
                    })
                })?;
            } else {
                // A bare list of organizations, as HSDS 3.0 exchanges them (services inside).
                let mut list = json::ListWriter::begin(out, 0)?;
                each_organization(ctx, |org, _| {
                    Ok(list.item(&crate::hsds::export::organization(org))?)
                })?;
                list.end()?;
            }
        }
        Some(ExportFormat::Json) => write_json(ctx, out)?,
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

/// Every organization an export carries, handed to `each` one at a time with the name of
/// its department: the bundled data with the overlays merged in, then the local
/// database's services, read and made into records one by one. An export of a database of
/// any size holds one of its services at a time (the local records' answers merge them
/// into the data instead; an export never does).
fn each_organization(
    ctx: &Context,
    mut each: impl FnMut(&Organization, &str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let index = &ctx.index;
    for (o, org) in index.data.organizations.iter().enumerate() {
        let department = index
            .department(o)
            .map_or("", |d| index.org(d).name.as_ref());
        each(org, department)?;
    }
    if let Some(db) = &ctx.local.db {
        db.each_service(|row| {
            // A service of the database is a partner of its own, under no department.
            let org = crate::data::local_services::organization(index.data, &row);
            each(&org, "")
        })?;
    }
    Ok(())
}
/// `export --format json`: the whole dataset in htref's own schema (`schema_version`,
/// `command`, `dataset`, `sources`, `organizations`, `needs`, `conflicts`), written a field
/// at a time and the organizations one at a time.
fn write_json(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let data = ctx.index.data;
    let mut doc = json::ObjectWriter::begin(out)?;
    doc.field("schema_version", &json::SCHEMA_VERSION)?;
    doc.field("command", "export")?;
    doc.field("dataset", &data.info)?;
    doc.field("sources", &data.sources)?;
    let mut organizations = doc.list("organizations")?;
    each_organization(ctx, |organization, _| {
        Ok(organizations.item(&ExportedOrganization {
            organization,
            local_file: organization.origin.as_deref(),
        })?)
    })?;
    organizations.end()?;
    doc.field("needs", &data.needs)?;
    doc.field("conflicts", &data.conflicts)?;
    doc.end()?;
    Ok(())
}

#[derive(Serialize)]
struct ExportedOrganization<'d> {
    #[serde(flatten)]
    organization: &'d Organization,
    /// The overlay file a local entry came from; null for bundled ones.
    local_file: Option<&'d str>,
}

/// `export --format csv`: one row per contact, with its number or its address (web page
/// or email).
fn write_csv(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
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
    each_organization(ctx, |org, department| {
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
        Ok(())
    })?;
    csv.flush()?;
    Ok(())
}
