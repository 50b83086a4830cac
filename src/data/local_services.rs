//! The local database's services for one answer, as records merged over the bundled data
//! like an overlay's: each service an organization of its own ("local" first in its row),
//! placed in the needs it serves right after the hotline (or after the need's first office
//! when the hotline is not among them), so a local step sits where one belongs and never
//! above the hotline.

use super::local_db::ServiceRow;
use super::local_records::{contact, partner, text};
use super::overlay::{LocalReferral, Overlay, OverlayFile};
use super::{Contact, ContactKind, Dataset, List, Organization, Text};

/// How a service whose feed gives no area at all is marked; it is shown for any place.
pub const AREA_NOT_GIVEN: &str = "area not given";

/// Local services offered per need in one answer.
pub const PER_NEED: usize = 2;

pub use super::local_db::ID_PREFIX;

/// One overlay per feed, labelled as its provenance reads: "FEED (local), imported DATE".
pub fn overlays(data: &Dataset, rows: &[ServiceRow]) -> Vec<OverlayFile> {
    let mut feeds: Vec<(&str, &str)> = Vec::new();
    for row in rows {
        if !feeds.iter().any(|(f, _)| *f == row.feed) {
            feeds.push((&row.feed, &row.imported));
        }
    }
    feeds
        .into_iter()
        .map(|(feed, imported)| {
            let mut overlay = Overlay::default();
            for row in rows.iter().filter(|r| r.feed == feed) {
                let (org, referral) = records(data, row);
                overlay.organizations.push(org);
                overlay.referrals.extend(referral);
            }
            super::overlay::in_memory(&provenance(feed, imported), overlay)
        })
        .collect()
}

/// One service as the record an export writes: the organization `overlays` and a merge
/// would make of it, marked with its provenance, made one at a time so an export of the
/// whole database never holds it whole.
pub fn organization(data: &Dataset, row: &ServiceRow) -> Organization {
    let (mut org, _) = records(data, row);
    org.origin = Some(text(provenance(&row.feed, &row.imported)));
    org
}

/// How a local record's provenance reads, in answers and footers.
pub fn provenance(feed: &str, imported: &str) -> String {
    format!("{feed} (local), imported {imported}")
}

/// The service as an organization, and its place in each need it was found for.
fn records(data: &Dataset, row: &ServiceRow) -> (Organization, Vec<LocalReferral>) {
    let id = format!("{ID_PREFIX}{}", row.id);
    let name = if row.name.eq_ignore_ascii_case(&row.organization) {
        row.organization.clone()
    } else {
        format!("{}: {}", row.organization, row.name)
    };
    let languages: List<Text> = row
        .languages
        .iter()
        .flat_map(|l| l.split(", "))
        .map(|l| text(l))
        .collect();
    let contacts = contacts_of(row, &id, &languages);
    let summary = row.description.clone().unwrap_or_else(|| name.clone());
    let mut org = partner(
        id.clone(),
        name.clone(),
        summary.clone(),
        format!("A service in the local database (feed {})", row.feed),
    );
    // The organization and the service are each a name it is found by.
    org.aliases = [&row.organization, &row.name]
        .into_iter()
        .filter(|n| !n.eq_ignore_ascii_case(&name))
        .map(|n| super::Alias {
            name: text(n.clone()),
            note: text("name in the feed"),
            note_es: Some(text("nombre en el directorio")),
            spanish: false,
            sources: List::default(),
        })
        .collect();
    // A local office of a federal office sits under it, so it is marked as one and
    // whatever keeps that office out of an answer (a caller threatened with it) keeps it
    // out too.
    let office = row
        .office_of
        .as_deref()
        .and_then(|id| data.organizations.iter().find(|o| o.id == id));
    org.parent = office.map(|o| o.id.clone());
    org.independent = org.independent.take().filter(|_| office.is_none());
    org.law_enforcement = row.law_enforcement;
    org.feed_record = row.hsds_id.clone().map(text);
    org.roles = office
        .map(|o| {
            let acronym = o
                .acronym
                .as_ref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            format!(
                "A local office of the {}{acronym}, as the feed lists it",
                o.name
            )
        })
        .into_iter()
        .chain(
            row.eligibility
                .iter()
                .map(|e| format!("Eligibility, as the feed gives it: {e}")),
        )
        .map(|t| super::Role {
            text: text(t),
            text_es: None,
            sources: List::default(),
        })
        .collect();
    org.no_contact = contacts.is_empty().then(|| {
        text(match office {
            Some(o) => format!(
                "The feed gives no number of its own, web address or email: reach it through the {}.",
                o.name
            ),
            None => "The feed gives no number htref can dial, no web address and no email.".into(),
        })
    });
    org.contacts = contacts.into();
    org.service_area = if row.area_not_given {
        Some(text(match &row.feed_states {
            // Offered only in the states the feed's addresses cover, and said.
            Some(states) => {
                format!("{AREA_NOT_GIVEN}; offered where the feed's places are: {states}")
            }
            None => AREA_NOT_GIVEN.to_string(),
        }))
    } else {
        row.areas.clone().or_else(|| row.located.clone()).map(text)
    };
    org.feed = Some(text(row.feed.clone()));
    let referrals = row
        .needs
        .iter()
        .map(|need| LocalReferral {
            need: need.clone(),
            org: id.clone(),
            why: summary.chars().take(200).collect(),
            contacts: Vec::new(),
            for_askers: Vec::new(),
            rank: Some(rank_in(data, need)),
        })
        .collect();
    (org, referrals)
}

/// The ways to reach a service: its dialable phones (a fax or pager is no line for a
/// caller), its https site and its email.
fn contacts_of(row: &ServiceRow, id: &str, languages: &List<Text>) -> Vec<Contact> {
    let mut contacts = Vec::new();
    for (n, phone) in row.phones.iter().enumerate() {
        let Some(digits) = &phone.digits else {
            continue;
        };
        let kind = match phone.kind.as_str() {
            "voice" | "cell" => ContactKind::Voice,
            "text" => ContactKind::Text,
            "textphone" => ContactKind::Tty,
            "video" => ContactKind::Video,
            // A fax or pager is no line for a caller.
            _ => continue,
        };
        let what = match kind {
            ContactKind::Text => "Text",
            ContactKind::Tty => "TTY",
            ContactKind::Video => "Video phone",
            _ => "Phone",
        };
        let label = match (&phone.extension, &phone.description) {
            (Some(ext), _) => format!("{what}, extension {ext}"),
            (None, Some(description)) => description.clone(),
            (None, None) => what.to_string(),
        };
        let mut c = contact(format!("{id}-phone-{}", n + 1), kind, label);
        c.number = Some(text(phone.number.clone()));
        c.digits = Some(text(digits.clone()));
        c.hours = row.hours.clone().map(text);
        c.languages.clone_from(languages);
        contacts.push(c);
    }
    if let Some(url) = &row.url {
        let mut c = contact(format!("{id}-web"), ContactKind::Web, "Web page");
        c.url = Some(text(url.clone()));
        contacts.push(c);
    }
    if let Some(email) = &row.email {
        let mut c = contact(format!("{id}-email"), ContactKind::Email, "Email");
        c.email = Some(text(email.clone()));
        contacts.push(c);
    }
    contacts
}

/// Right after the hotline in the need's list, or after its first office without one.
fn rank_in(data: &Dataset, need: &str) -> usize {
    data.needs
        .iter()
        .find(|n| n.id == need)
        .and_then(|n| n.referrals.iter().position(|r| r.org == super::HOTLINE_ORG))
        .map_or(2, |at| at + 2)
}
