//! Records made by htref rather than read from `data/`: the local database's services and
//! an HSDS feed's organizations written as an overlay. Each starts as a local partner with
//! nothing but its names, and the maker fills in what its source gives.

use super::{Contact, ContactKind, List, OrgKind, Organization, Text, Track};
use std::borrow::Cow;

/// Owned text for a record.
pub fn text(s: impl Into<String>) -> Text {
    Cow::Owned(s.into())
}

/// A contact with an id, a kind and a label, and nothing else yet.
pub fn contact(id: impl Into<String>, kind: ContactKind, label: impl Into<String>) -> Contact {
    Contact {
        id: text(id),
        kind,
        label: text(label),
        label_es: None,
        number: None,
        other_forms: List::default(),
        digits: None,
        url: None,
        email: None,
        hours: None,
        hours_es: None,
        languages: List::default(),
        reach: None,
        reach_es: None,
        audience: None,
        audience_es: None,
        for_askers: List::default(),
        others: None,
        others_es: None,
        note: None,
        note_es: None,
        verify: None,
        verify_es: None,
        sources: List::default(),
        also_for: List::default(),
        for_needs: List::default(),
        superseded: None,
    }
}

/// A local partner offering services, independent for the reason given, with no
/// contacts, roles or aliases yet.
pub fn partner(
    id: impl Into<String>,
    name: impl Into<String>,
    summary: impl Into<String>,
    independent: impl Into<String>,
) -> Organization {
    Organization {
        id: text(id),
        name: text(name),
        acronym: None,
        aliases: List::default(),
        kind: OrgKind::Partner,
        track: Track::Services,
        law_enforcement: false,
        parent: None,
        independent: Some(text(independent)),
        independent_es: None,
        state: None,
        summary: text(summary),
        summary_es: None,
        roles: List::default(),
        contacts: List::default(),
        no_contact: None,
        no_contact_es: None,
        route: None,
        links: List::default(),
        sources: List::default(),
        overrides: false,
        service_area: None,
        origin: None,
        feed: None,
        feed_record: None,
    }
}
