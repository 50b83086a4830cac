//! HSDS 3.0 as htref writes it: each organization with its services inside, phones
//! (type `voice`, `text`, or `textphone` for TTY), languages, schedules and eligibility
//! where the sources state them. Ids are UUIDs derived from htref's stable slugs (UUID
//! v5), so the same record keeps the same id across exports.

use crate::data::{ContactKind, Organization};
use crate::phone;
use serde::Serialize;
use uuid::Uuid;

/// One organization, as HSDS writes it: with its one service inside.
pub fn organization(org: &Organization) -> HsdsOrganization {
    let org_uuid = id("organization", &org.id);
    HsdsOrganization {
        services: vec![service(org, &org_uuid)],
        id: org_uuid,
        name: org.name.to_string(),
        alternate_name: org.acronym.as_deref().map(str::to_string),
        description: org.summary.to_string(),
        parent_organization_id: org.parent.as_deref().map(|p| id("organization", p)),
    }
}

/// Namespace for htref's UUIDs: v5 of the URL namespace and "htref".
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://htref/")
}

/// The HSDS id of one of htref's records, as the export writes it.
pub fn hsds_id(kind: &str, slug: &str) -> String {
    id(kind, slug)
}

fn id(kind: &str, slug: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{kind}:{slug}").as_bytes()).to_string()
}

/// One organization as HSDS 3.0 writes it, with its services inside. Optional fields the
/// data has no value for are left out: the schemas take a string or nothing, never null.
#[derive(Serialize)]
pub struct HsdsOrganization {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternate_name: Option<String>,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_organization_id: Option<String>,
    pub services: Vec<HsdsService>,
}

#[derive(Serialize)]
pub struct HsdsService {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub description: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    /// The office's first web form or page (HSDS `service.url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The office's first email address (HSDS `service.email`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub phones: Vec<HsdsPhone>,
    pub schedules: Vec<HsdsSchedule>,
    pub languages: Vec<HsdsLanguage>,
}

#[derive(Serialize)]
pub struct HsdsPhone {
    pub id: String,
    pub service_id: String,
    pub number: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub description: String,
    pub languages: Vec<HsdsLanguage>,
}

/// A schedule: the hours as the sources write them, and for a line that answers around the
/// clock, the structured form too (every day, midnight to midnight).
#[derive(Serialize)]
pub struct HsdsSchedule {
    pub id: String,
    pub service_id: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byday: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<&'static str>,
}

#[derive(Serialize)]
pub struct HsdsLanguage {
    pub id: String,
    pub name: String,
    /// ISO 639-1, left out for a language htref has no code for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
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
            let round_the_clock = crate::text::is_round_the_clock(hours);
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
