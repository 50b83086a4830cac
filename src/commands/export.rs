//! `htref export --format hsds|json|csv`: the bundled (plus overlay) data for other
//! directory software.
//!
//! HSDS is the Open Referral Human Services Data Specification, version 3.0: organizations
//! with their services, phones (type `voice`, `text`, or `textphone` for TTY), languages,
//! schedules and eligibility where the sources state them. Ids are UUIDs derived from
//! htref's stable slugs (UUID v5), so the same record keeps the same id across exports.

use super::Context;
use crate::cli::ExportFormat;
use crate::data::{ContactKind, Organization};
use crate::error::UsageError;
use crate::exit_codes::ExitCode;
use crate::phone;
use serde::Serialize;
use std::io::Write;
use uuid::Uuid;

/// Namespace for htref's UUIDs: v5 of the URL namespace and "htref".
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://htref/")
}

/// The HSDS id of one of htref's records, as the export writes it.
pub(super) fn hsds_id(kind: &str, slug: &str) -> String {
    id(kind, slug)
}

fn id(kind: &str, slug: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{kind}:{slug}").as_bytes()).to_string()
}

/// One organization as HSDS 3.0 writes it, with its services inside. Optional fields the
/// data has no value for are left out: the schemas take a string or nothing, never null.
#[derive(Serialize)]
pub(super) struct HsdsOrganization {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) alternate_name: Option<String>,
    pub(super) description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) parent_organization_id: Option<String>,
    pub(super) services: Vec<HsdsService>,
}

#[derive(Serialize)]
pub(super) struct HsdsService {
    pub(super) id: String,
    pub(super) organization_id: String,
    pub(super) name: String,
    pub(super) description: String,
    pub(super) status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) eligibility_description: Option<String>,
    /// The office's first web form or page (HSDS `service.url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    /// The office's first email address (HSDS `service.email`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) email: Option<String>,
    pub(super) phones: Vec<HsdsPhone>,
    pub(super) schedules: Vec<HsdsSchedule>,
    pub(super) languages: Vec<HsdsLanguage>,
}

#[derive(Serialize)]
pub(super) struct HsdsPhone {
    pub(super) id: String,
    pub(super) service_id: String,
    pub(super) number: String,
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) description: String,
    pub(super) languages: Vec<HsdsLanguage>,
}

/// A schedule: the hours as the sources write them, and for a line that answers around the
/// clock, the structured form too (every day, midnight to midnight).
#[derive(Serialize)]
pub(super) struct HsdsSchedule {
    pub(super) id: String,
    pub(super) service_id: String,
    pub(super) description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) freq: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) byday: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) opens_at: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) closes_at: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct HsdsLanguage {
    pub(super) id: String,
    pub(super) name: String,
    /// ISO 639-1, left out for a language htref has no code for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) code: Option<&'static str>,
}

/// ISO 639-1 codes for the languages the data names.
fn language_code(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "spanish" => Some("es"),
        "english" => Some("en"),
        _ => None,
    }
}

fn language(owner: &str, name: &str) -> HsdsLanguage {
    HsdsLanguage {
        id: id("language", &format!("{owner}:{name}")),
        name: name.to_string(),
        code: language_code(name),
    }
}

fn service(org: &Organization, org_uuid: &str) -> HsdsService {
    let service_id = id("service", &org.id);
    let mut description = org.summary.to_string();
    for role in org.roles.iter() {
        description.push(' ');
        description.push_str(&role.text);
    }
    let mut phones = Vec::new();
    let mut schedules = Vec::new();
    let mut languages = Vec::new();
    let mut eligibility = Vec::new();
    for contact in org.contacts.iter() {
        if let Some(audience) = &contact.audience {
            eligibility.push(format!("{}: {audience}", contact.label));
        }
        for name in contact.languages.iter() {
            // A service speaks a language once, however many of its lines offer it.
            if !languages.iter().any(|l: &HsdsLanguage| l.name == **name) {
                languages.push(language(&service_id, name));
            }
        }
        let (Some(digits), Some(kind)) = (&contact.digits, hsds_phone_type(contact.kind)) else {
            continue;
        };
        let mut text = contact.label.to_string();
        if let Some(note) = &contact.note {
            text.push_str(". ");
            text.push_str(note);
        }
        phones.push(HsdsPhone {
            id: id("phone", &contact.id),
            service_id: service_id.clone(),
            number: phone::dial_form(digits),
            kind,
            description: text,
            languages: contact
                .languages
                .iter()
                .map(|l| language(&contact.id, l))
                .collect(),
        });
        if let Some(hours) = &contact.hours {
            let round_the_clock = super::glance::hours_marker(hours) == Some("24/7");
            schedules.push(HsdsSchedule {
                id: id("schedule", &contact.id),
                service_id: service_id.clone(),
                description: format!("{}: {hours}", contact.label),
                freq: round_the_clock.then_some("WEEKLY"),
                byday: round_the_clock.then_some("MO,TU,WE,TH,FR,SA,SU"),
                opens_at: round_the_clock.then_some("00:00:00"),
                closes_at: round_the_clock.then_some("23:59:59"),
            });
        }
    }
    HsdsService {
        id: service_id,
        organization_id: org_uuid.to_string(),
        name: org.name.to_string(),
        description,
        status: "active",
        eligibility_description: (!eligibility.is_empty()).then(|| eligibility.join("; ")),
        url: org
            .contacts
            .iter()
            .find(|c| c.kind == ContactKind::Web)
            .and_then(|c| c.url.as_deref().map(str::to_string)),
        email: org
            .contacts
            .iter()
            .find_map(|c| c.email.as_deref().map(str::to_string)),
        phones,
        schedules,
        languages,
    }
}

/// HSDS phone types follow RFC 6350: a TTY line is a `textphone`.
fn hsds_phone_type(kind: ContactKind) -> Option<&'static str> {
    match kind {
        ContactKind::Voice => Some("voice"),
        ContactKind::Tty => Some("textphone"),
        ContactKind::Text => Some("text"),
        ContactKind::Video => Some("video"),
        ContactKind::Chat | ContactKind::Language | ContactKind::Web | ContactKind::Email => None,
    }
}

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
            let organizations: Vec<HsdsOrganization> = data
                .organizations
                .iter()
                .map(|org| {
                    let org_uuid = id("organization", &org.id);
                    HsdsOrganization {
                        services: vec![service(org, &org_uuid)],
                        id: org_uuid,
                        name: org.name.to_string(),
                        alternate_name: org.acronym.as_deref().map(str::to_string),
                        description: org.summary.to_string(),
                        parent_organization_id: org
                            .parent
                            .as_deref()
                            .map(|p| id("organization", p)),
                    }
                })
                .collect();
            match output {
                Some(dir) => super::hsds_tables::write_package(&organizations, dir, force)?,
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

/// `export --format csv`: one row per contact with a number or channel.
fn write_csv(ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let index = &ctx.index;
    writeln!(
        out,
        "organization_id,organization,department,contact_id,kind,label,number,dial,digits,hours,audience,local_file,sources"
    )?;
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
            let row: [&str; 13] = [
                &org.id,
                &org.name,
                department,
                &contact.id,
                contact.kind.as_str(),
                &contact.label,
                contact.number.as_deref().unwrap_or_default(),
                &dial,
                contact.digits.as_deref().unwrap_or_default(),
                contact.hours.as_deref().unwrap_or_default(),
                contact.audience.as_deref().unwrap_or_default(),
                org.origin.as_deref().unwrap_or_default(),
                &sources,
            ];
            let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
            writeln!(out, "{}", cells.join(","))?;
        }
    }
    Ok(())
}

/// Quotes a CSV cell when it needs it (RFC 4180), and defuses cells a spreadsheet would
/// run as a formula.
pub(super) fn csv_cell(text: &str) -> String {
    let text = crate::render::sanitize(text).into_owned();
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
